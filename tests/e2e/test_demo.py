"""`kezek demo`: the whole hall comes up headless, moves by itself, and stops with no orphans."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from counter.config import ConfigError, CounterConfig
from hallserver.demo import WELCOME, no_screen

TOKEN_LINE = re.compile(r"^\s+(kiosk|supervisor)\s+token\s+(\S+)", re.MULTILINE)


def children_of(pid: int) -> set[int]:
    """Every live descendant of `pid`, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Output:
    """The demo's printed lines, read on a thread so the pipe never fills."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.text = ""
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.text += line

    def wait_for(self, needle: str, timeout: float = 30) -> None:
        waited = threading.Event()
        for _ in range(int(timeout / 0.05)):
            if needle in self.text:
                return
            waited.wait(0.05)
        raise AssertionError(f"{needle!r} never printed:\n{self.text}")

    def join(self) -> None:
        self._thread.join(10)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Output, Path]]:
    folder = tmp_path / "demo"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # a machine with no screen: the demo must notice
    process = subprocess.Popen(
        [sys.executable, "-m", "hallserver", "demo", "--port", "0", "--data-dir", str(folder)]
        + ["--visitors", "1200", "--speed", "120", "--seed", "5"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    output = Output(process)
    yield process, output, folder
    if process.poll() is None:
        process.kill()
        process.wait()
    output.join()
    if process.stdin is not None:
        process.stdin.close()


def test_the_demo_runs_a_whole_hall_headless_and_stops_everything_on_ctrl_c(
    demo: tuple[subprocess.Popen[str], Output, Path],
) -> None:
    process, output, folder = demo
    output.wait_for("Ctrl+C stops everything")
    assert "No screen here" in output.text and "offscreen" in output.text
    assert "/board" in output.text and "/t/" in output.text
    for printed in ("tickets", "calls"):  # the folders it names are there to open at once
        assert f"{folder / printed}" in output.text and (folder / printed).is_dir()
    url = re.search(r"hall server\s+(http://\S+)", output.text).group(1)  # type: ignore[union-attr]
    tokens = dict(TOKEN_LINE.findall(output.text))
    headers = {"Authorization": f"Bearer {tokens['supervisor']}"}
    waited = threading.Event()

    def ready() -> bool:
        with httpx.Client(base_url=f"{url}/api/v1", headers=headers) as http:
            counters = {c["id"]: c for c in http.get("/counters").json()}
            names = {t["name"] for t in http.get("/terminals").json()}
        return (
            counters["c1"].get("operator_id") == "aigul"  # the console signed its operator in
            and counters["c2"]["state"] == "open"  # a simulated operator works there
            and {"Entrance kiosk", "Rating at counter 1"} <= names  # kiosks report their printer
            and any((folder / "calls").glob("*.wav"))  # the display spoke a call
        )

    for _ in range(300):
        if ready():
            break
        waited.wait(0.1)
    else:
        raise AssertionError(f"the demo hall never came together:\n{output.text}")
    announced = httpx.get(f"{url}/api/v1/hall").json()["announcements"]
    assert announced == WELCOME, "the displays greet the demo's visitors in each language"
    descendants = children_of(process.pid)
    assert len(descendants) >= 4
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 130, "ended by Ctrl+C, as kezek hall says it"
    assert "stopping the demo hall" in output.text
    assert not [pid for pid in descendants if alive(pid)]


def test_no_screen_means_no_display_variable_and_no_qt_platform() -> None:
    assert no_screen({})
    assert not no_screen({"DISPLAY": ":0"})
    assert not no_screen({"WAYLAND_DISPLAY": "wayland-0"})
    assert not no_screen({"QT_QPA_PLATFORM": "offscreen"})


def test_the_counter_signs_an_operator_in_only_with_a_pin() -> None:
    assert CounterConfig(operator="aigul", pin="1234").operator == "aigul"
    with pytest.raises(ConfigError, match="KEZEK_COUNTER_PIN"):
        CounterConfig(operator="aigul")
