"""Announcements as WAV files (chime first, words in order, no clipping) and the speaking queue."""

from __future__ import annotations

import math
import shutil
import subprocess
import wave
from array import array
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from display.clips import (
    RATE,
    Announcement,
    ClipError,
    ClipSet,
    chime,
    read_wav,
    trim,
    write_wav,
)
from display.voice import Announcer, QuietHours, SpokenCall, VoiceSettings, render
from display.voice_cli import main as voice_main
from display.wording import PAUSE, call_words, vocabulary

A023 = SpokenCall("t1", "A023", 5)


def read_back(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        samples = array("h")
        samples.frombytes(wav.readframes(wav.getnframes()))
    return samples


def test_an_announcement_is_the_chime_then_kazakh_then_russian_words_in_order(
    clip_dir: Path, tmp_path: Path
) -> None:
    clips = ClipSet(clip_dir)
    announcement = render(clips, A023, VoiceSettings(languages=("kk", "ru")))
    path = tmp_path / "a023.wav"
    write_wav(path, announcement.samples)
    samples = read_back(path)

    expected = [("chime", "")] + [
        (w.key, lang) for lang in ("kk", "ru") for w in call_words("A023", 5, lang) if w != PAUSE
    ]
    assert [(s.key, s.lang) for s in announcement.segments] == expected
    assert announcement.segments[0].start == 0
    for segment in announcement.segments:  # each word is exactly its clip, where it should be
        clip = (
            clips.chime_samples if segment.key == "chime" else clips.clip(segment.lang, segment.key)
        )
        assert samples[segment.start : segment.end] == clip
    for before, after in zip(announcement.segments, announcement.segments[1:], strict=False):
        gap = samples[before.end : after.start]
        assert len(gap) >= 0.05 * RATE and not any(gap)  # silence between words, never overlap
    first_kk = announcement.segments[1]
    first_ru = next(s for s in announcement.segments if s.lang == "ru")
    assert (
        first_ru.start - announcement.segments[first_ru_index(announcement) - 1].end >= 0.5 * RATE
    )
    assert first_kk.start - announcement.segments[0].end >= 0.3 * RATE


def test_a_cyrillic_prefix_is_spoken_first_in_every_language(clip_dir: Path) -> None:
    clips = ClipSet(clip_dir)
    call = SpokenCall("t2", "Қ101", 12)
    announcement = render(clips, call, VoiceSettings(languages=("kk", "ru", "en")))
    spoken = [(s.key, s.lang) for s in announcement.segments]
    assert spoken[1] == ("letter_cyr_q", "kk")  # "Қы жүз бір талон, он екінші терезеге"
    for lang in ("ru", "en"):  # "Талон ка сто один…", "Ticket Q one hundred and one…"
        first = spoken.index(("ticket", lang))
        assert spoken[first + 1] == ("letter_cyr_q", lang)
    for lang in ("kk", "ru", "en"):  # a real clip of sensible length
        seconds = len(clips.clip(lang, "letter_cyr_q")) / RATE
        assert 0.08 < seconds < 1.6, (lang, seconds)


def first_ru_index(announcement: Announcement) -> int:
    return next(i for i, s in enumerate(announcement.segments) if s.lang == "ru")


def test_announcement_lengths_are_sensible_and_nothing_clips(
    clip_dir: Path, tmp_path: Path
) -> None:
    announcement = render(ClipSet(clip_dir), A023, VoiceSettings(languages=("kk", "ru")))
    path = tmp_path / "a023.wav"
    write_wav(path, announcement.samples)
    samples = read_back(path)
    assert 4.0 < len(samples) / RATE < 12.0
    for segment in announcement.segments:
        assert 0.08 < (segment.end - segment.start) / RATE < 1.6, segment
    peak = max(abs(s) for s in samples)
    assert 0.5 * 32767 < peak < 0.95 * 32767  # loud enough, with headroom
    assert samples.count(32767) == samples.count(-32768) == 0
    if shutil.which("sox"):  # an independent reader agrees
        stat = subprocess.run(
            ["sox", str(path), "-n", "stat"], capture_output=True, text=True, check=True
        )
        amplitude = float(stat.stderr.split("Maximum amplitude:")[1].split()[0])
        assert amplitude < 0.95


def vowel_level_db(samples: Sequence[int]) -> float:
    """The level a clip's vowels reach, in dBFS: the 90th percentile of its RMS over 20 ms
    frames (measured here apart from the code under test)."""
    width = RATE // 50
    frames = sorted(
        math.sqrt(sum(s * s for s in samples[i : i + width]) / width)
        for i in range(0, len(samples) - width + 1, width)
    )
    return 20 * math.log10(frames[int(0.9 * len(frames))] / 32767)


def test_every_word_of_a_language_sounds_as_loud_and_the_chime_no_louder(clip_dir: Path) -> None:
    """Words had been levelled by their peak: "тридцать" and "триста" came 7 dB under "три",
    and the chime 4-8 dB over the words."""
    clips = ClipSet(clip_dir)
    speech: list[float] = []
    for lang in ("kk", "ru", "en"):
        levels = {key: vowel_level_db(clips.clip(lang, key)) for key in vocabulary(lang)}
        quietest, loudest = min(levels, key=levels.__getitem__), max(levels, key=levels.__getitem__)
        spread = levels[loudest] - levels[quietest]
        assert spread <= 2.0, (lang, quietest, levels[quietest], loudest, levels[loudest])
        speech += levels.values()
        assert max(max(map(abs, clips.clip(lang, key))) for key in levels) < 0.95 * 32767
    middle = sorted(speech)[len(speech) // 2]
    chime_level = vowel_level_db(clips.chime_samples)
    assert middle - 4.0 <= chime_level <= middle + 0.5, (chime_level, middle)


def test_the_volume_setting_scales_the_whole_announcement(clip_dir: Path) -> None:
    loud = render(ClipSet(clip_dir, 1.0), A023, VoiceSettings(languages=("ru",)))
    soft = render(ClipSet(clip_dir, 0.5), A023, VoiceSettings(languages=("ru",)))
    assert len(loud.samples) == len(soft.samples)
    ratio = max(map(abs, soft.samples)) / max(map(abs, loud.samples))
    assert 0.48 < ratio < 0.52


def test_a_studio_recording_with_the_same_name_replaces_the_espeak_clip(
    clip_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "studio"
    shutil.copytree(clip_dir, folder)
    # 44.1 kHz stereo 24-bit, as a studio delivers it: a 300 Hz tone for "окно"
    frames = bytearray()
    for i in range(44100 // 2):
        value = 4_000_000 * (1 if (i // 73) % 2 else -1)
        frames += value.to_bytes(3, "little", signed=True) * 2
    with wave.open(str(folder / "ru" / "counter.wav"), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(3)
        wav.setframerate(44100)
        wav.writeframes(bytes(frames))
    clips = ClipSet(folder)
    announcement = render(clips, A023, VoiceSettings(languages=("ru",)))
    segment = next(s for s in announcement.segments if s.key == "counter")
    assert abs((segment.end - segment.start) / RATE - 0.5) < 0.03  # resampled, not stretched
    assert len(read_wav(folder / "ru" / "counter.wav")) == pytest.approx(RATE / 2, abs=2)


def test_kezek_voice_say_writes_the_call_and_tells_what_it_said(
    clip_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "call.wav"
    assert (
        voice_main(["say", "B117", "12", "--dir", str(clip_dir), "--no-zeros", "--out", str(out)])
        == 0
    )
    said = capsys.readouterr().out
    assert "Бэ жүз он жеті талон, он екінші терезеге" in said
    assert "Талон бэ сто семнадцать, окно двенадцать" in said
    assert read_back(out)[: len(chime()) // 2] != array("h", bytes(len(chime())))


def test_kezek_voice_say_refuses_a_clip_set_that_lacks_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = voice_main(["say", "A1", "1", "--dir", str(tmp_path), "--out", str(tmp_path / "x.wav")])
    assert code == 1
    assert "run kezek voice build" in capsys.readouterr().err


class HeldOutput:
    """An output that plays until the test lets it finish: shows what overlaps and in what order."""

    def __init__(self) -> None:
        self.playing: list[tuple[Announcement, Callable[[], None]]] = []
        self.most_at_once = 0
        self.started: list[str] = []

    def play(self, announcement: Announcement, done: Callable[[], None]) -> None:
        self.playing.append((announcement, done))
        self.started.append(announcement.text)
        self.most_at_once = max(self.most_at_once, len(self.playing))

    def finish(self) -> None:
        _, done = self.playing.pop(0)
        done()


def test_a_burst_of_calls_is_spoken_in_order_one_at_a_time(clip_dir: Path) -> None:
    output = HeldOutput()
    announcer = Announcer(ClipSet(clip_dir), output, VoiceSettings(languages=("ru",)), datetime.now)
    calls = [SpokenCall(f"t{i}", f"A00{i}", i) for i in range(1, 4)]
    for call in calls:
        assert announcer.say(call)
    assert len(output.playing) == 1 and len(announcer.pending) == 2
    while output.playing:
        output.finish()
    assert output.most_at_once == 1
    assert [t.split(",")[1].strip() for t in output.started] == [
        "окно один",
        "окно два",
        "окно три",
    ]
    assert announcer.spoken == calls


def say_a_burst(clip_dir: Path, count: int = 8, **settings: float) -> list[tuple[float, str]]:
    """`count` calls at once in kk and ru, each playing its length on a clock the test moves:
    (seconds from the calls to its start, its text) for each."""
    clock = [datetime(2026, 3, 2, 10, 0)]
    output = HeldOutput()
    voice = VoiceSettings(languages=("kk", "ru"), **settings)
    announcer = Announcer(ClipSet(clip_dir), output, voice, lambda: clock[0])
    for i in range(count):
        assert announcer.say(SpokenCall(f"t{i}", f"A{10 + i:03d}", 10 + i))
    started: list[tuple[float, str]] = []
    while output.playing:
        announcement, _ = output.playing[0]
        started.append(
            ((clock[0] - datetime(2026, 3, 2, 10, 0)).total_seconds(), announcement.text)
        )
        clock[0] += timedelta(seconds=announcement.duration_s)
        output.finish()
    assert [text.split()[:3] for _, text in started] == [
        ["А", "нөл", words] for words in ("он", "он", "он", "он", "он", "он", "он", "он")[:count]
    ]
    return started


def test_a_call_that_waited_long_in_a_burst_is_said_in_the_first_language_only(
    clip_dir: Path,
) -> None:
    """8 calls at once in kk and ru: the 8th had started 61 s after it was made, said in full."""
    unlimited = say_a_burst(clip_dir, max_delay_s=0)
    assert all(" / Талон а " in text for _, text in unlimited)  # every one in kk and ru
    assert unlimited[-1][0] > 50.0  # as before: the last call said most of a minute late

    started = say_a_burst(clip_dir)  # max_delay_s = 30 s
    assert started[-1][0] < 40.0, started  # the queue caught up (the first began in full)
    short = [text for _, text in started if " / " not in text]
    assert len(short) >= 6
    for text in short:  # Kazakh only, e.g. "А нөл он жеті талон, он жетінші терезеге"
        assert text.endswith("терезеге") and "Талон" not in text, text

    few = say_a_burst(clip_dir, count=3)  # a queue that keeps up is said in full
    assert all(" / Талон а " in text for _, text in few), few
    assert few[-1][0] < 30.0


def test_a_recall_pressed_while_the_call_still_waits_is_not_spoken_twice(clip_dir: Path) -> None:
    output = HeldOutput()
    announcer = Announcer(ClipSet(clip_dir), output, VoiceSettings(languages=("kk",)), datetime.now)
    first, second = SpokenCall("t1", "A001", 1), SpokenCall("t2", "A002", 2)
    announcer.say(first)
    announcer.say(second)
    assert not announcer.say(second)
    output.finish()
    output.finish()
    assert announcer.say(second)  # spoken already: a later recall is said again


def test_a_call_withdrawn_while_it_waits_to_be_spoken_is_not_spoken(clip_dir: Path) -> None:
    """Sent back to the line, or already at the counter, by the time the voice gets to it."""
    output = HeldOutput()
    announcer = Announcer(ClipSet(clip_dir), output, VoiceSettings(languages=("kk",)), datetime.now)
    first, second, third = (SpokenCall(f"t{i}", f"A00{i}", i) for i in (1, 2, 3))
    for call in (first, second, third):
        announcer.say(call)
    announcer.withdraw("t2")
    announcer.withdraw("t1")  # being spoken: let finish
    while output.playing:
        output.finish()
    assert announcer.spoken == [first, third]


def test_quiet_hours_silence_the_voice_across_midnight(clip_dir: Path) -> None:
    quiet = QuietHours.parse("20:00-08:00")
    assert time(23, 0) in quiet and time(7, 59) in quiet and time(8, 0) not in quiet
    now = datetime(2026, 11, 23, 21, 30)
    output = HeldOutput()
    settings = VoiceSettings(languages=("kk",), quiet_hours=quiet)
    announcer = Announcer(ClipSet(clip_dir), output, settings, lambda: now)
    assert not announcer.say(A023)
    assert output.started == []
    with pytest.raises(ValueError, match="HH:MM-HH:MM"):
        QuietHours.parse("8 to 20")


def test_a_clip_set_without_the_new_prefix_letters_keeps_its_voice_when_none_can_be_made(
    clip_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A studio's set from before Cyrillic prefixes were spoken, on a PC without espeak-ng:
    the display still speaks every call it has the words for."""
    from display.__main__ import prepare_voice
    from display.config import DisplayConfig

    studio = tmp_path / "studio"
    shutil.copytree(clip_dir, studio)
    for old in studio.glob("*/letter_cyr_*.wav"):
        old.unlink()
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # espeak-ng cannot be found
    settings = VoiceSettings(languages=("kk", "ru"))
    assert prepare_voice(DisplayConfig(voice=settings, clips=studio)).enabled
    clips = ClipSet(studio)
    for lang in settings.languages:  # what the display does next: read what the set has
        clips.preload(lang, vocabulary(lang))
    assert render(clips, A023, settings).segments  # Latin prefixes still spoken
    with pytest.raises(ClipError, match="letter_cyr_q"):  # that one call is not half-said
        render(clips, SpokenCall("t3", "Қ101", 12), settings)

    (studio / "kk" / "letter_A.wav").unlink()  # a Latin letter was always there: no exemption
    assert not prepare_voice(DisplayConfig(voice=settings, clips=studio)).enabled


def test_a_set_from_before_thousand_was_a_word_says_a_ticket_past_999_digit_by_digit(
    clip_dir: Path, tmp_path: Path
) -> None:
    """Such a set had said "A1205" digit by digit; once numbers past 999 were said whole, it
    could not say the call at all, and the display skipped it."""
    from display.wording import added_later

    studio = tmp_path / "studio"
    shutil.copytree(clip_dir, studio)
    for clip in studio.glob("*/*.wav"):
        if added_later(clip.stem):  # "thousand", "n1000", …: words added since
            clip.unlink()
    settings = VoiceSettings(languages=("kk", "ru"))
    announcement = render(ClipSet(studio), SpokenCall("t1", "A1205", 5), settings)
    said = [(s.lang, s.key) for s in announcement.segments]
    assert said[:6] == [("", "chime")] + [("kk", k) for k in ("letter_A", "n1", "n2", "zero", "n5")]
    assert ("ru", "n5") in said and announcement.text.startswith("А бір екі нөл бес талон")
    # a full set says it as one number
    whole = render(ClipSet(clip_dir), SpokenCall("t1", "A1205", 5), settings)
    assert whole.text.startswith("А мың екі жүз бес талон"), whole.text


def test_a_rebuild_makes_again_the_clips_whose_words_changed_and_keeps_the_others(
    clip_dir: Path, tmp_path: Path
) -> None:
    """A display built before C was said "цэ" in Kazakh: its next build says it the new way."""
    from display.voice_cli import build, read_script, stale_words

    old = tmp_path / "old"
    shutil.copytree(clip_dir, old)
    script = old / "kk" / "words.tsv"
    lines = script.read_text(encoding="utf-8").splitlines()
    # as the build before the fix left it: two columns, C said "сы"
    lines = [
        "letter_C\tсы" if line.startswith("letter_C\t") else "\t".join(line.split("\t")[:2])
        for line in lines
    ]
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(old / "kk" / "letter_S.wav", old / "kk" / "letter_C.wav")  # it said "сы"
    studio = (old / "kk" / "letter_A.wav").read_bytes()
    assert stale_words(old, ["kk", "ru"]) == {"kk": ["letter_C"]}

    made = build(old, ["kk"])
    assert made == [old / "kk" / "letter_C.wav"]
    assert read_back(old / "kk" / "letter_C.wav") != read_back(old / "kk" / "letter_S.wav")
    assert (old / "kk" / "letter_A.wav").read_bytes() == studio  # the rest kept as they were
    assert read_script(old / "kk")["letter_C"][0] == "цэ"
    assert stale_words(old, ["kk"]) == {}
    assert build(old, ["kk"]) == []  # nothing to do the next time


def test_every_letter_is_said_as_its_name_long_enough_to_hear(clip_dir: Path) -> None:
    """espeak-ng had read the Russian "и" as the conjunction (53 ms) and the Kazakh "у" as a
    /w/ glide (105 ms, 7 dB quieter): I, И and І, and U and У, were near inaudible."""
    clips = ClipSet(clip_dir)
    for lang in ("kk", "ru", "en"):
        words = vocabulary(lang)
        speech = sorted(vowel_level_db(clips.clip(lang, key)) for key in words)
        middle = speech[len(speech) // 2]
        for key in (k for k in words if k.startswith("letter_")):
            clip = clips.clip(lang, key)
            assert len(clip) / RATE >= 0.15, (lang, key, words[key], len(clip) / RATE)
            assert vowel_level_db(clip) >= middle - 1.0, (lang, key, words[key])
            raw = trim(read_wav(clip_dir / lang / f"{key}.wav"))  # a vowel, not a breath raised
            assert vowel_level_db(raw) >= -21.0, (lang, key, words[key], vowel_level_db(raw))


def test_a_set_made_before_the_letters_were_given_as_phonemes_is_made_again(
    clip_dir: Path, tmp_path: Path
) -> None:
    """A display's set from before: the Russian и is made again at its next start."""
    from display.voice_cli import build, read_script, stale_words

    old = tmp_path / "old"
    shutil.copytree(clip_dir, old)
    script = old / "ru" / "words.tsv"
    lines = script.read_text(encoding="utf-8").splitlines()
    lines = [line.split(" as ")[0] for line in lines]  # as the build before left it
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(
        ["espeak-ng", "-v", "ru", "-w", str(old / "ru" / "letter_I.wav"), "и"], check=True
    )
    assert len(trim(read_wav(old / "ru" / "letter_I.wav"))) < 0.1 * RATE  # the conjunction
    stale = stale_words(old, ["kk", "ru"])
    assert {lang: sorted(keys) for lang, keys in stale.items()} == {
        "ru": [
            "letter_I",
            "letter_U",
            "letter_cyr_i",
            "letter_cyr_i_dotted",
            "letter_cyr_u",
            "letter_cyr_ue",
            "letter_cyr_uu",
        ]
    }

    made = build(old, ["ru"])
    assert sorted(made) == sorted(old / "ru" / f"{key}.wav" for key in stale["ru"])
    assert len(trim(read_wav(old / "ru" / "letter_I.wav"))) >= 0.15 * RATE
    assert read_script(old / "ru")["letter_I"] == ("и", "espeak-ng -v ru -s 150 as [['i:]]")
    assert stale_words(old, ["ru"]) == {}
    assert build(old, ["ru"]) == []


def test_the_longest_a_call_waits_to_be_said_in_full_is_a_setting() -> None:
    from display.config import ConfigError, from_mapping

    assert from_mapping({}).voice.max_delay_s == 30.0
    assert from_mapping({"voice": {"max_delay_s": 20}}).voice.max_delay_s == 20.0
    assert from_mapping({"voice": {"max_delay_s": 0}}).voice.max_delay_s == 0.0  # never short
    for bad in (-5, "soon", float("nan")):
        with pytest.raises(ConfigError, match="max_delay_s"):
            from_mapping({"voice": {"max_delay_s": bad}})


def test_english_says_and_after_a_hundred_and_a_set_without_that_word_still_speaks(
    clip_dir: Path, tmp_path: Path
) -> None:
    """A British voice says "one hundred and one": it had said "one hundred one"."""
    call = SpokenCall("t1", "A101", 110)
    said = render(ClipSet(clip_dir), call, VoiceSettings(languages=("en",)))
    assert said.text == "Ticket A one hundred and one, counter one hundred and ten"
    assert [s.key for s in said.segments].count("and") == 2
    studio = tmp_path / "studio"  # a studio's set from before: no and.wav, no espeak-ng to make it
    shutil.copytree(clip_dir, studio)
    (studio / "en" / "and.wav").unlink()
    said = render(ClipSet(studio), call, VoiceSettings(languages=("kk", "en")))
    assert said.text.endswith(" / Ticket A one hundred one, counter one hundred ten")
    assert "and" not in [s.key for s in said.segments]
