"""The display's voice through a real audio stack: `kezek display` plays a call to a PulseAudio
null sink, and what reaches the sink's monitor is the announcement it wrote as a WAV.

No sound card is needed: the null sink is PulseAudio's own, the playback is Qt's (QAudioSink),
and `parec` records what the sink was given.
"""

from __future__ import annotations

import array
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from display.clips import RATE
from hallserver.client import HallClient
from tests.conftest import LiveServer, end_process, open_counter

SINK = "hall"
SILENCE = 300  # |sample| under this is silence (words peak at 12,000-29,000, the chime 7,000)


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private PulseAudio daemon with one null sink; yields the environment that reaches it."""
    if shutil.which("pulseaudio") is None or shutil.which("parec") is None:
        pytest.skip("PulseAudio is not installed here (.ci/run installs pulseaudio)")
    runtime = tmp_path / "pulse-runtime"
    runtime.mkdir(mode=0o700)
    socket = runtime / "native"
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_SERVER": f"unix:{socket}",
    }
    daemon = subprocess.Popen(
        [
            "pulseaudio",
            "-n",  # no default configuration: only the modules below
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--log-target=stderr",
            "-L",
            f"module-native-protocol-unix socket={socket} auth-anonymous=1",
            "-L",
            f"module-null-sink sink_name={SINK} rate={RATE} channels=1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not answers(env):
            if daemon.poll() is not None or time.monotonic() > deadline:
                pytest.fail("PulseAudio did not start")
            time.sleep(0.1)
        yield env
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def answers(env: dict[str, str]) -> bool:
    info = subprocess.run(["pactl", "info"], env=env, capture_output=True, check=False, timeout=5)
    return info.returncode == 0


def read_wav(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (RATE, 1, 2)
        samples = array.array("h", wav.readframes(wav.getnframes()))
    return samples


def sounding(samples: array.array[int]) -> tuple[int, int]:
    """The first and last sample that is not silence."""
    loud = [i for i, s in enumerate(samples) if abs(s) > SILENCE]
    assert loud, "nothing but silence"
    return loud[0], loud[-1]


def test_calls_are_played_through_the_speakers_one_after_another_as_written(
    live_server: LiveServer, pulse: dict[str, str], clip_dir: Path, tmp_path: Path
) -> None:
    wavs = tmp_path / "calls"
    wavs.mkdir()
    recording = tmp_path / "sink.raw"
    env = {**pulse, "QT_QPA_PLATFORM": "offscreen"}
    parec = subprocess.Popen(
        ["parec", "-d", f"{SINK}.monitor", "--raw", "--format=s16le", f"--rate={RATE}"]
        + ["--channels=1", "--latency-msec=20", str(recording)],
        env=env,
    )
    log = tmp_path / "display.log"
    display = start_display(live_server, env, clip_dir, log, "--wav-dir", str(wavs))
    try:
        first = HallClient(live_server.url, open_counter(live_server, "c1", "speakers"))
        second = HallClient(live_server.url, open_counter(live_server, "c2", "speakers-2"))
        kiosk = HallClient(live_server.url, live_server.tokens["kiosk"])
        wait_until_listening(live_server, display, log)
        ticket = kiosk.issue_ticket("id-card")
        first.call_next("c1")
        heard_within_recalls(lambda: bool(written(wavs)), lambda: first.recall(ticket.id))
        wait_until(lambda: len(written(wavs)) == 1, "the display spoke no call")
        # two calls at once: the second waits for the first to finish playing
        first.start(ticket.id)
        first.finish(ticket.id)
        kiosk.issue_ticket("id-card")
        kiosk.issue_ticket("id-card")
        first.call_next("c1")
        second.call_next("c2")
        wait_until(lambda: len(written(wavs)) == 3, "not all three calls were spoken")
        wait_until(lambda: time.monotonic() > played_by(written(wavs)[-1]) + 1.5, "still playing")
    finally:
        try:
            end_process(display, timeout=20)
        finally:
            parec.send_signal(signal.SIGINT)
            parec.wait(timeout=10)
    output = log.read_text()
    assert "no audio output" not in output
    raw = recording.read_bytes()
    heard = array.array("h", raw[: len(raw) // 2 * 2])
    start = 0
    for path in written(wavs):
        said = read_wav(path)
        said_from, said_to = sounding(said)
        guess = start + sounding(heard[start:])[0] - said_from  # where its sound starts
        # the sink may drop the first few ms of a stream as it starts: align on what follows
        shift = found(said, heard, said_from + RATE, range(guess - RATE // 50, guess + RATE // 50))
        end, matched, chunks = follow(said, heard, shift, said_from + RATE // 20, said_to)
        # the same sound in the same order, nothing over it, at most two quarter seconds lost
        # to a gap in playback (a busy machine may starve the sink), no more than 0.3 s of gaps
        assert matched >= chunks - 2, f"{path.name}: {chunks - matched} of {chunks} differ"
        assert end - shift < RATE * 3 // 10, f"{path.name}: {(end - shift) / RATE:.2f} s of gaps"
        assert end + said_to < len(heard), f"{path.name} was cut short"
        start = end + said_to + 1


def test_a_call_is_played_with_a_tenth_of_a_second_of_buffer_or_more_in_the_sound_server(
    live_server: LiveServer, pulse: dict[str, str], clip_dir: Path, tmp_path: Path
) -> None:
    """Qt asked PulseAudio for 1024 frames whatever the display set (35 ms of buffer measured
    here): a display busy for longer than that (a busy PC) chopped the call, and the speakers
    test failed, most likely so, in a CI run. It asks for 250 ms of latency now: 145 ms of
    buffer measured. A clean CI run listed the stream once with 0 us, before it played."""
    env = {**pulse, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PULSE_LATENCY_MSEC", None)
    log = tmp_path / "display.log"
    display = start_display(live_server, env, clip_dir, log)
    latencies: list[int] = []

    def playing() -> bool:
        listed = subprocess.run(
            ["pactl", "list", "sink-inputs"], env=pulse, capture_output=True, text=True, check=False
        ).stdout
        # a stream not yet started (or corked between clips) lists 0: only a playing one says
        # what buffer it got
        latencies[:] = [int(n) for n in re.findall(r"Buffer Latency: (\d+) usec", listed) if int(n)]
        return bool(latencies)

    try:
        counter = HallClient(live_server.url, open_counter(live_server, "c1", "buffered"))
        kiosk = HallClient(live_server.url, live_server.tokens["kiosk"])
        wait_until_listening(live_server, display, log)
        ticket = kiosk.issue_ticket("id-card")
        counter.call_next("c1")
        heard_within_recalls(playing, lambda: counter.recall(ticket.id))
    finally:
        end_process(display, timeout=20)
    assert latencies, "the call was never played: " + log.read_text()
    assert min(latencies) >= 100_000, f"{latencies} us of buffer in the sound server"


def start_display(
    live_server: LiveServer, env: dict[str, str], clip_dir: Path, log: Path, *extra: str
) -> subprocess.Popen[bytes]:
    """`kezek display` saying its calls in Kazakh, its output in `log`."""
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "display", "--server", live_server.url]
            + ["--clips", str(clip_dir), "--voice", "kk", "--lang", "kk", "--window", "960x540"]
            + list(extra),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_until_listening(
    live_server: LiveServer, display: subprocess.Popen[bytes], log: Path
) -> None:
    """Until the display hears the hall: a call made before it listens is not spoken."""
    hub = live_server.hall.hub  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while hub.subscribers == 0:
        assert display.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the display never listened"
        time.sleep(0.2)


def found(said: array.array[int], heard: array.array[int], at: int, shifts: range) -> int:
    """The shift at which the 2,000 samples of `said` from `at` best match the recording."""
    return max(shifts, key=lambda d: similarity(said, heard, d, at, at + 2000))


def follow(
    said: array.array[int], heard: array.array[int], shift: int, a: int, b: int
) -> tuple[int, int, int]:
    """Walk said[a:b] through the recording a quarter second at a time, from `shift`. A piece
    may come later than the one before (a gap in playback), never earlier. Returns the last
    shift, how many pieces with sound matched, and how many had sound."""
    piece = RATE // 4
    matched = pieces = 0
    for i in range(a, b - piece, piece):
        if max(abs(x) for x in said[i : i + piece]) <= SILENCE:
            continue  # a pause between words
        pieces += 1
        if similarity(said, heard, shift, i, i + piece) <= 0.99:
            later = found(said, heard, i, range(shift, shift + RATE // 5))
            if similarity(said, heard, later, i, i + piece) <= 0.99:
                continue  # the piece a gap falls in
            shift = later
        matched += 1
    return shift, matched, pieces


def written(folder: Path) -> list[Path]:
    """The announcements the display wrote, in order."""
    return sorted(folder.glob("call-*.wav"))


def played_by(path: Path) -> float:
    """When an announcement, written as it started, has finished playing (monotonic clock)."""
    age = time.time() - path.stat().st_mtime
    return time.monotonic() - age + len(read_wav(path)) / RATE


def heard_within_recalls(heard: Callable[[], bool], recall: Callable[[], object]) -> bool:
    """Whether `heard` comes true within 10 s of a call, recalled twice if not (the hall
    allows three calls): a call in the instant the display was connecting counts as a
    replay, and is not spoken."""
    for _ in range(2):
        if wait_until(heard, "", timeout=10, fail=False):
            return True
        recall()
    return wait_until(heard, "", timeout=10, fail=False)


def wait_until(
    done: Callable[[], bool], failure: str, timeout: float = 60, *, fail: bool = True
) -> bool:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            assert not fail, failure
            return False
        time.sleep(0.2)
    return True


def similarity(
    said: array.array[int], heard: array.array[int], shift: int, a: int, b: int
) -> float:
    """Normalised correlation of said[a:b] with the recording `shift` samples later."""
    a, b = max(a, -shift), min(b, len(heard) - shift, len(said))
    dot = sum(said[i] * heard[i + shift] for i in range(a, b, 3))
    power = sum(said[i] ** 2 for i in range(a, b, 3)) * sum(
        heard[i + shift] ** 2 for i in range(a, b, 3)
    )
    return dot / power**0.5 if power else 0.0
