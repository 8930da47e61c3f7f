"""The wall's voice queue as the window drives it: events in, calls said (or not) in order,
whatever a call holds. Real windows offscreen, a real clip set, an output that plays when told."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.audio import DELETED_AT_ONCE, WRITTEN_KEPT, QtVoiceOutput
from display.board import Board
from display.clips import Announcement, ClipSet
from display.views.window import DisplayWindow
from display.voice import SPOKEN_KEPT, Announcer, SpokenCall, VoiceSettings
from hallserver.protocol import HallEvent, Snapshot

AT = datetime.now(UTC)


class HeldOutput:
    """Plays each announcement until the test says it has finished."""

    def __init__(self) -> None:
        self.playing: list[Callable[[], None]] = []
        self.said: list[str] = []

    def play(self, announcement: Announcement, done: Callable[[], None]) -> None:
        self.playing.append(done)
        self.said.append(announcement.text)

    def finish_all(self) -> None:
        while self.playing:
            self.playing.pop(0)()


def ticket(number: str, status: str, counter: int) -> dict[str, object]:
    return {
        "id": f"id-{number}",
        "number": number,
        "service_id": "id-card",
        "status": status,
        "issued_at": AT.isoformat(),
        "counter_id": f"c{counter}",
        "counter_number": counter,
        "called_at": AT.isoformat(),
    }


def event(seq: int, kind: str, number: str, counter: int, status: str = "called") -> HallEvent:
    data = {"ticket": ticket(number, status, counter), "counter_number": counter}
    return HallEvent(seq, kind, AT, f"counter:c{counter}", data)


@pytest.fixture
def wall(
    qtbot: QtBot, clip_dir: Path
) -> Callable[..., tuple[HeldOutput, Announcer, DisplayWindow]]:
    def make(
        languages: tuple[str, ...] = ("kk", "ru"), **settings: object
    ) -> tuple[HeldOutput, Announcer, DisplayWindow]:
        output = HeldOutput()
        voice = VoiceSettings(languages=languages, **settings)  # type: ignore[arg-type]
        announcer = Announcer(ClipSet(clip_dir), output, voice, datetime.now)
        window = DisplayWindow(Board(), announcer, orientation="landscape", switch_s=0)
        qtbot.addWidget(window)
        return output, announcer, window

    return make


def test_a_counter_numbered_over_99_is_said_and_one_beyond_the_rules_stalls_nothing(
    wall: Callable[..., tuple[HeldOutput, Announcer, DisplayWindow]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    output, announcer, window = wall()
    window.on_event_received(event(1, "ticket.called", "A001", 101), True)
    window.on_event_received(event(2, "ticket.called", "A002", 10000), True)  # no such wording
    window.on_event_received(event(3, "ticket.called", "A003", 2345), True)
    assert [(c.number, c.counter_number) for c in window.board.calls][:3] == [
        ("A003", 2345),
        ("A002", 10000),  # on the screen all the same
        ("A001", 101),
    ]
    output.finish_all()
    assert output.said == [
        "А нөл нөл бір талон, жүз бірінші терезеге / Талон а ноль ноль один, окно сто один",
        "А нөл нөл үш талон, екі мың үш жүз қырық бесінші терезеге / "
        "Талон а ноль ноль три, окно две тысячи триста сорок пять",
    ]
    assert not announcer.busy and not announcer.pending
    assert any("cannot say A002" in r.getMessage() for r in caplog.records)
    window.on_event_received(event(4, "ticket.called", "A004", 1), True)  # the voice goes on
    assert len(output.said) == 3


def test_a_recall_is_said_as_a_recall_and_one_pressed_while_the_call_is_said_is_not_repeated(
    wall: Callable[..., tuple[HeldOutput, Announcer, DisplayWindow]],
) -> None:
    output, announcer, window = wall(("kk", "ru", "en"))
    window.on_event_received(event(1, "ticket.called", "A001", 3), True)
    window.on_event_received(event(2, "ticket.recalled", "A001", 3), True)  # while it is said
    output.finish_all()
    assert len(output.said) == 1 and not announcer.pending  # the hall has just heard it
    window.on_event_received(event(3, "ticket.recalled", "A001", 3), True)  # later: again
    output.finish_all()
    assert output.said[1] == (
        "Қайталап, а нөл нөл бір талон, үшінші терезеге / "
        "Повторно, талон а ноль ноль один, окно три / "
        "Again, ticket A zero zero one, counter three"
    )


def test_a_snapshot_after_a_reconnect_drops_the_waiting_calls_of_tickets_no_longer_called(
    wall: Callable[..., tuple[HeldOutput, Announcer, DisplayWindow]],
) -> None:
    output, announcer, window = wall()
    for seq, number in enumerate(["A001", "A002", "A003", "A004"], start=1):
        window.on_event_received(event(seq, "ticket.called", number, seq), True)
    hall = {
        "id": "h",
        "name": {"en": "Hall"},
        "timezone": "Asia/Almaty",
        "day": "2026-01-01",
        "now": AT.isoformat(),
        "open": True,
    }
    snapshot = Snapshot.from_json(
        {
            "seq": 10,
            "hall": hall,
            "queue": [],
            "counters": [],
            # A001 being said; A002 served meanwhile, A003 gone (closed), A004 still called
            "tickets": [ticket("A002", "serving", 2), ticket("A004", "called", 4)],
        }
    )
    window.on_snapshot_received(snapshot)
    assert [c.number for c in announcer.pending] == ["A004"]
    output.finish_all()
    assert [c.number for c in announcer.spoken] == ["A001", "A004"]


def test_weeks_of_calls_keep_only_the_last_ones_spoken_in_memory(clip_dir: Path) -> None:
    """A wall display speaks a thousand calls a day for weeks: it had kept every one."""
    output = HeldOutput()
    announcer = Announcer(ClipSet(clip_dir), output, VoiceSettings(languages=("ru",)), datetime.now)
    calls = [SpokenCall(f"t{i}", f"A{i % 1000:03d}", 1 + i % 9) for i in range(3 * SPOKEN_KEPT)]
    for call in calls:
        assert announcer.say(call)
        output.finish_all()
    assert len(output.said) == len(calls)  # every one was said
    assert announcer.spoken == calls[-SPOKEN_KEPT:]


def test_weeks_of_calls_written_as_wavs_keep_only_the_last_names_in_memory(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """`--wav-dir` writes every call; the output had also kept every file's name."""
    output = QtVoiceOutput(tmp_path, use_speakers=False)
    short = Announcement(array("h", [0] * 64), (), "A001")
    ended: list[int] = []
    for i in range(3 * WRITTEN_KEPT):
        output.play(short, lambda i=i: ended.append(i))
    qtbot.waitUntil(lambda: len(ended) == 3 * WRITTEN_KEPT, timeout=10_000)
    written = sorted(tmp_path.glob("call-*.wav"), key=lambda p: p.name[-7:])
    assert len(written) == 3 * WRITTEN_KEPT  # the folder keeps them all
    assert output.written == written[-WRITTEN_KEPT:]


def test_the_wav_folder_keeps_the_newest_calls_those_of_earlier_runs_first_to_go(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A display writing every call had filled its disk by 360 MB a day, for as long as it ran
    (the demo's folder had 311 MB after 22 minutes): the oldest calls' WAVs now go."""
    earlier = [tmp_path / f"call-20200101-1{i}0000-00{i}.wav" for i in range(1, 4)]
    for path in earlier:  # an earlier run's
        path.write_bytes(b"RIFF")
    (tmp_path / "notes.wav").write_bytes(b"not ours")
    output = QtVoiceOutput(tmp_path, use_speakers=False, keep=5)
    short = Announcement(array("h", [0] * 64), (), "A001")
    ended: list[int] = []
    for i in range(12):
        output.play(short, lambda i=i: ended.append(i))
        if i == 1:  # two of this run's and the three of the earlier: all kept
            assert sorted(tmp_path.glob("call-*.wav")) == sorted([*earlier, *output.written])
    qtbot.waitUntil(lambda: len(ended) == 12, timeout=10_000)
    assert sorted(tmp_path.glob("call-*.wav")) == sorted(output.written[-5:])
    assert (tmp_path / "notes.wav").read_bytes() == b"not ours"
    assert len(output.written) == 12


def test_the_display_keeps_a_thousand_calls_wavs_unless_told_otherwise(tmp_path: Path) -> None:
    from display.__main__ import load_config, parser
    from display.config import ConfigError, from_toml

    parse = parser().parse_args
    assert load_config(parse(["--wav-dir", str(tmp_path)])).wav_keep == 1000
    assert load_config(parse(["--wav-dir", str(tmp_path), "--wav-keep", "0"])).wav_keep == 0
    (tmp_path / "display.toml").write_text("[voice]\nwav_keep = 200\n", encoding="utf-8")
    assert from_toml(tmp_path / "display.toml").wav_keep == 200
    with pytest.raises(ConfigError, match="wav_keep -1: give how many calls' WAVs to keep"):
        load_config(parse(["--wav-keep", "-1"]))


def test_a_call_written_after_a_clock_set_back_is_kept_not_deleted_at_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """An earlier run's clock was ahead (a hardware clock in local time, then set right): its
    WAVs' names sorted after the first call of this run, which was deleted as it was written."""
    ahead = [tmp_path / f"call-{datetime.now().year + 1}0101-10000{i}-00{i}.wav" for i in range(3)]
    for path in ahead:
        path.write_bytes(b"RIFF")
    output = QtVoiceOutput(tmp_path, use_speakers=False, keep=3)
    short = Announcement(array("h", [0] * 64), (), "A001")
    ended: list[int] = []
    output.play(short, lambda: ended.append(1))
    assert output.written[0].is_file(), "the call just written is the newest one"
    assert sorted(tmp_path.glob("call-*.wav")) == sorted([*ahead[1:], output.written[0]])
    output.play(short, lambda: ended.append(2))
    assert sorted(tmp_path.glob("call-*.wav")) == sorted([ahead[2], *output.written])
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=10_000)


def test_a_folder_of_months_of_wavs_is_emptied_in_slices_not_at_the_first_call(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A display that had written every call for months (before it kept the newest) deleted
    them all in its first call: 20,000 WAVs froze the board and held up the voice for 4.5 s."""
    earlier = [
        tmp_path / f"call-20260101-{i // 60:04d}{i % 60:02d}-{i:03d}.wav" for i in range(250)
    ]
    for path in earlier:
        path.write_bytes(b"RIFF")
    output = QtVoiceOutput(tmp_path, use_speakers=False, keep=5)
    short = Announcement(array("h", [0] * 64), (), "A001")
    output.play(short, lambda: None)
    assert len(list(tmp_path.glob("call-*.wav"))) == 251 - DELETED_AT_ONCE, "one slice at once"
    output.play(short, lambda: None)  # a call meanwhile: no slice more
    assert len(list(tmp_path.glob("call-*.wav"))) == 252 - DELETED_AT_ONCE
    qtbot.waitUntil(lambda: len(list(tmp_path.glob("call-*.wav"))) == 5, timeout=10_000)
    assert sorted(tmp_path.glob("call-*.wav")) == sorted([*earlier[-3:], *output.written])
