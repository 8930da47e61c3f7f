"""Clip sets: one WAV per word per language, joined into one announcement (chime first).

Pure Python (the standard `wave` and `array` modules). A clip set is a folder::

    DIR/chime.wav            optional: the hall's own chime (a two-note chime is made otherwise)
    DIR/kk/<key>.wav         one file per word key of `display.wording.vocabulary("kk")`
    DIR/ru/<key>.wav, DIR/en/<key>.wav
    DIR/<lang>/words.tsv     key<TAB>text, the script for a studio recording

Any WAV of PCM 8/16/24/32 bit, mono or stereo, any rate is accepted (studio recordings included):
every clip is mixed to mono, resampled to `RATE`, trimmed of its leading and trailing silence and
levelled to the same loudness (`loudness`: the level its vowels reach, so "три" and "тридцать"
sound alike, where the same peak had left some words 7 dB quieter than others), the chime a few
dB under the words, then scaled by the volume, so words from different sources join evenly.
Levelling is done as the clips are read, never written back: a clip set made before it (or a
studio's) is levelled the same way without being made again.
"""

from __future__ import annotations

import math
import wave
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from display.wording import PAUSE, Word

RATE = 22050
FULL_SCALE = 32767
PEAK = int(FULL_SCALE * 0.7)  # the chime made here peaks at about -3 dBFS
LOUDNESS = FULL_SCALE * 10 ** (-17 / 20)  # every word's loudness: -17 dBFS (see `loudness`)
CEILING = FULL_SCALE * 10 ** (-1 / 20)  # no clip is raised past -1 dBFS peak: never clipped
CHIME_UNDER_DB = 2.0  # the chime is this much quieter than the words: it calls, not startles
FRAME_S = 0.02
SILENCE = int(FULL_SCALE * 0.02)  # below this a clip's edges count as silence
GAP_WORD_S = 0.06
GAP_PAUSE_S = 0.25
GAP_CHIME_S = 0.35
GAP_LANGUAGE_S = 0.6


class ClipError(Exception):
    """A clip set is missing a word or holds a file that is not a readable WAV."""


@dataclass(frozen=True)
class Segment:
    """Where one clip sits in an announcement, in samples: [start, end)."""

    key: str
    lang: str
    start: int
    end: int


@dataclass(frozen=True)
class Announcement:
    """A finished announcement: mono 16-bit PCM at `RATE`, and what lies where in it."""

    samples: array[int]
    segments: tuple[Segment, ...]
    text: str

    @property
    def duration_s(self) -> float:
        return len(self.samples) / RATE

    def wav_bytes(self) -> bytes:
        """The raw little-endian PCM (what an audio sink plays)."""
        return self.samples.tobytes()


def read_wav(path: Path) -> array[int]:
    """`path` as mono 16-bit samples at `RATE`, whatever PCM format it is in."""
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise ClipError(f"{path}: not a readable PCM WAV ({exc})") from exc
    samples = _to_int16(frames, width, path)
    if channels > 1:
        samples = array(
            "h",
            (sum(samples[i : i + channels]) // channels for i in range(0, len(samples), channels)),
        )
    return resample(samples, rate, RATE) if rate != RATE else samples


def _to_int16(frames: bytes, width: int, path: Path) -> array[int]:
    if width == 2:
        out = array("h")
        out.frombytes(frames[: len(frames) - len(frames) % 2])
        return out
    if width == 1:  # unsigned 8-bit
        return array("h", ((b - 128) << 8 for b in frames))
    if width == 3:
        return array(
            "h",
            (
                int.from_bytes(frames[i : i + 3], "little", signed=True) >> 8
                for i in range(0, len(frames) - 2, 3)
            ),
        )
    if width == 4:
        wide = array("i")
        wide.frombytes(frames[: len(frames) - len(frames) % 4])
        return array("h", (s >> 16 for s in wide))
    raise ClipError(f"{path}: {width * 8}-bit samples are not supported")


def resample(samples: Sequence[int], rate: int, target: int) -> array[int]:
    """Linear-interpolation resampling: plenty for speech joined from clips."""
    if not samples:
        return array("h")
    count = max(1, round(len(samples) * target / rate))
    step = rate / target
    last = len(samples) - 1
    out = array("h", bytes(2 * count))
    for i in range(count):
        pos = i * step
        j = int(pos)
        if j >= last:
            out[i] = samples[last]
            continue
        frac = pos - j
        out[i] = int(samples[j] + (samples[j + 1] - samples[j]) * frac)
    return out


def write_wav(path: Path, samples: array[int], rate: int = RATE, *, whole: bool = False) -> None:
    """Mono 16-bit PCM WAV. With `whole`, it appears whole (written aside, then renamed), so
    whatever watches the folder never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not whole:
        _write_wav(path, samples, rate)
        return
    part = path.with_name(path.name + ".part")
    try:
        _write_wav(part, samples, rate)
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)  # left only by a failed write


def _write_wav(path: Path, samples: array[int], rate: int) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())


def trim(samples: array[int], threshold: int = SILENCE, margin_s: float = 0.01) -> array[int]:
    """Without the silence before the first and after the last sound (keeping `margin_s`)."""
    first = next((i for i, s in enumerate(samples) if abs(s) > threshold), None)
    if first is None:
        return array("h")
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > threshold)
    margin = int(margin_s * RATE)
    return samples[max(0, first - margin) : min(len(samples), last + 1 + margin)]


def scale(samples: array[int], factor: float) -> array[int]:
    """Every sample times `factor`, saturating at full scale (never wrapping round)."""
    return array("h", (max(-FULL_SCALE, min(FULL_SCALE, round(s * factor))) for s in samples))


def loudness(samples: Sequence[int]) -> float:
    """How loud a clip sounds, as the level its vowels reach: the 90th percentile of its RMS
    over 20 ms frames (its consonants, pauses and lone clicks do not count). 0 when silent."""
    width = int(FRAME_S * RATE)
    frames = sorted(
        math.sqrt(sum(s * s for s in samples[i : i + width]) / len(samples[i : i + width]))
        for i in range(0, max(1, len(samples) - width + 1), width)
        if samples[i : i + width]
    )
    return frames[min(len(frames) - 1, int(0.9 * len(frames)))] if frames else 0.0


def level(samples: array[int], target: float = LOUDNESS) -> array[int]:
    """`samples` at the loudness `target`, as far as it goes without its peak passing
    `CEILING` (a word with a sharp click stays a little quieter rather than clip)."""
    loud = loudness(samples)
    top = max((abs(s) for s in samples), default=0)
    if not loud or not top:
        return samples
    return scale(samples, min(target / loud, CEILING / top))


def chime(rate: int = RATE) -> array[int]:
    """A two-note chime (E5 then C5, bell-like decay), peaking at `PEAK`."""
    out = array("h")
    for freq, length in ((659.25, 0.42), (523.25, 0.62)):
        n = int(length * rate)
        for i in range(n):
            t = i / rate
            env = math.exp(-4.5 * t) * min(1.0, t / 0.005)
            value = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
            out.append(int(PEAK * env * value / 1.3))
    return out


def silence(seconds: float) -> array[int]:
    return array("h", bytes(2 * int(seconds * RATE)))


class ClipSet:
    """A folder of word clips, loaded once, levelled and scaled by `volume` (0.0–1.0).

    `missing(lang, keys)` tells which words a language lacks; `announce` refuses a call
    with missing words (`ClipError`) rather than saying half of it.
    """

    def __init__(self, folder: Path, volume: float = 1.0) -> None:
        if not 0.0 <= volume <= 1.0:
            raise ValueError("volume is between 0.0 and 1.0")
        self.folder = folder
        self.volume = volume
        self._clips: dict[tuple[str, str], array[int]] = {}
        own = folder / "chime.wav"
        chime_samples = read_wav(own) if own.is_file() else chime()
        chime_level = LOUDNESS * 10 ** (-CHIME_UNDER_DB / 20)
        self._chime = scale(level(trim(chime_samples), chime_level), volume)

    def languages(self) -> list[str]:
        """The languages with a folder of clips."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.is_dir() and any(p.glob("*.wav")))

    def missing(self, lang: str, keys: Iterable[str]) -> list[str]:
        return [k for k in keys if not (self.folder / lang / f"{k}.wav").is_file()]

    def clip(self, lang: str, key: str) -> array[int]:
        """One word, levelled and scaled, cached after the first use."""
        cached = self._clips.get((lang, key))
        if cached is None:
            path = self.folder / lang / f"{key}.wav"
            if not path.is_file():
                raise ClipError(f"the clip set {self.folder} has no {lang}/{key}.wav")
            cached = scale(level(trim(read_wav(path))), self.volume)
            self._clips[(lang, key)] = cached
        return cached

    @property
    def chime_samples(self) -> array[int]:
        return self._chime

    def preload(self, lang: str, keys: Iterable[str]) -> None:
        """Read every clip the set has now, so the first call does not wait for the disk (a
        word it lacks fails the call that needs it, not the start)."""
        wanted = list(keys)
        lacking = set(self.missing(lang, wanted))
        for key in wanted:
            if key not in lacking:
                self.clip(lang, key)

    def announce(
        self, phrases: Sequence[tuple[str, Sequence[Word]]], text: str = ""
    ) -> Announcement:
        """The chime, then each (language, words) phrase in order, with pauses between."""
        samples = array("h")
        segments: list[Segment] = []

        def put(key: str, lang: str, clip: array[int]) -> None:
            segments.append(Segment(key, lang, len(samples), len(samples) + len(clip)))
            samples.extend(clip)

        put("chime", "", self._chime)
        samples.extend(silence(GAP_CHIME_S))
        for index, (lang, words) in enumerate(phrases):
            if index:
                samples.extend(silence(GAP_LANGUAGE_S))
            for position, word in enumerate(words):
                if word == PAUSE:
                    samples.extend(silence(GAP_PAUSE_S - GAP_WORD_S))
                    continue
                if position:
                    samples.extend(silence(GAP_WORD_S))
                put(word.key, lang, self.clip(lang, word.key))
        samples.extend(silence(0.2))
        return Announcement(samples, tuple(segments), text)
