"""The voice through a real PulseAudio whose output goes away and comes back (a TV switched
off, an HDMI cable pulled): every announcement ends, the queue moves on, the voice plays again
once there is an output, the heartbeat's detail says when it is failing, and nothing of a
played announcement stays in memory.

Each scenario runs in its own process (PulseAudio is found once per process, as the display
does at start) on the private daemon of `test_speakers`, and prints what it saw as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.display.test_speakers import pulse  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[2]

SCENARIO = r"""
import json, subprocess, sys, time
from datetime import datetime
from pathlib import Path
from PySide6.QtCore import QBuffer, QEventLoop
from PySide6.QtWidgets import QApplication
from display.audio import QtVoiceOutput
from display.clips import ClipSet
from display.voice import Announcer, SpokenCall, VoiceSettings

app = QApplication([])
out = QtVoiceOutput(None, use_speakers=True, margin_s=4.0)
started = []
announcer = Announcer(
    ClipSet(Path(sys.argv[1])), out, VoiceSettings(languages=("ru",)), datetime.now,
    on_started=lambda call, a: started.append(call.number),
)
mode = sys.argv[2]
report = {"statuses": []}

def spin(seconds, until=lambda: False):
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if out.status() not in report["statuses"]:
            report["statuses"].append(out.status())
        time.sleep(0.01)
    return until()

def idle():
    return not announcer.busy and not announcer.pending

def pactl(*args):
    return subprocess.run(["pactl", *args], check=True, capture_output=True, text=True).stdout

def sink_module(name):
    return next(
        line.split()[0] for line in pactl("list", "short", "modules").splitlines()
        if f"sink_name={name} " in line
    )

if mode == "two sinks":
    pactl("load-module", "module-null-sink", "sink_name=other", "rate=22050", "channels=1")
    pactl("set-default-sink", "hall")
for i in range(3):
    announcer.say(SpokenCall(f"t{i}", f"A{i + 1:03d}", 1))
spin(1.0)
pactl("unload-module", sink_module("hall"))  # mid-call
t0 = time.monotonic()
report["drained"] = spin(40, idle)
report["drained_s"] = time.monotonic() - t0
report["status_without"] = out.status()
if mode == "one sink":
    pactl("load-module", "module-null-sink", "sink_name=hall", "rate=22050", "channels=1")
    report["back"] = spin(5, lambda: not out.failure)
announcer.say(SpokenCall("t9", "A009", 2))
t0 = time.monotonic()
report["last_done"] = spin(20, idle)
report["last_s"] = time.monotonic() - t0
report["status_after"] = out.status()
report["spoken"] = started
spin(0.5)
report["buffers"] = len(out.findChildren(QBuffer))
print(json.dumps(report))
"""


def run_scenario(
    mode: str, env: dict[str, str], clip_dir: Path, tmp_path: Path
) -> dict[str, object]:
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(clip_dir), mode],
        env={**env, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def test_an_output_unplugged_mid_call_fails_the_calls_then_the_voice_comes_back_with_it(
    pulse: dict[str, str],  # noqa: F811 - the fixture
    clip_dir: Path,
    tmp_path: Path,
) -> None:
    report = run_scenario("one sink", pulse, clip_dir, tmp_path)
    # the call being said ends (its length plus the margin at most), the two behind it find
    # no output and end too: the queue is free, not stuck for good
    assert report["drained"], report
    assert isinstance(report["drained_s"], float) and report["drained_s"] < 15, report
    assert str(report["status_without"]).startswith("voice failing: "), report
    assert report["back"], report  # the output is back: the voice is well again
    assert report["last_done"] and report["status_after"] == "", report  # played to its end
    assert report["spoken"] == ["A001", "A002", "A003", "A009"], report
    assert report["buffers"] == 0, report  # nothing of a finished announcement is kept


def test_with_another_output_the_calls_go_on_there_when_the_default_one_goes(
    pulse: dict[str, str],  # noqa: F811 - the fixture
    clip_dir: Path,
    tmp_path: Path,
) -> None:
    report = run_scenario("two sinks", pulse, clip_dir, tmp_path)
    assert report["drained"] and report["last_done"], report
    assert report["status_after"] == "", report  # the last one played through to its end
    assert report["spoken"] == ["A001", "A002", "A003", "A009"], report
    assert report["buffers"] == 0, report
