"""A visitor's whole journey through a real hall: kiosk, call button, display, keypad, report."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import signal
import subprocess
import sys
import threading
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter.app import build as build_counter
from counter.config import CounterConfig
from counter.views.window import CounterWindow
from display.audio import QtVoiceOutput
from display.board import Board, Zone
from display.clips import ClipSet
from display.link import HallLink
from display.views.window import DisplayWindow
from display.voice import Announcer, VoiceSettings
from display.voice_cli import build as build_clips
from hallserver.client import Enrollment, HallClient, discover
from hallserver.reports import LogEvent, Visit, visits_from
from hallserver.server import open_store
from hardware.devices.events import Action, Grade
from hardware.devices.simulators import ButtonSimulator, KeypadSimulator, PtyPort
from kiosk.app import Kiosk
from kiosk.app import build as build_kiosk
from kiosk.config import KioskConfig
from kiosk.flow import Screen
from tests.conftest import end_process

KEZEK = [sys.executable, "-m", "hallserver"]
URL_LINE = re.compile(r"on (http://\S+)")
PIN = "2468"
ID_CARD_KK = "Жеке куәлік"


@dataclass
class Hall:
    """The `kezek hall` process, its data folder, and the port it keeps across restarts."""

    data_dir: Path
    port: int = 0
    process: subprocess.Popen[str] | None = None
    url: str = ""
    kills: list[int] = field(default_factory=list)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *KEZEK,
                "hall",
                "--data-dir",
                str(self.data_dir),
                *("--host", "127.0.0.1", "--port", str(self.port)),
                "--demo",
                "--always-open",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = URL_LINE.search(line)
        assert match, f"the hall did not start: {line!r}"
        self.url = match.group(1)
        self.port = int(self.url.rsplit(":", 1)[1])
        with httpx.Client() as http:
            for _ in range(400):
                try:
                    if http.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                        return
                except httpx.TransportError:
                    threading.Event().wait(0.025)
        raise AssertionError("the hall never answered /health")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.kills.append(self.process.pid)

    def stop(self) -> None:
        if self.process is not None:
            end_process(self.process)
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()


def kezek(data_dir: Path, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [*KEZEK, *args, "--data-dir", str(data_dir)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("voice")
    build_clips(folder, ["kk"])
    return folder


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Hall]:
    data = tmp_path / "hall"
    kezek(data, "hall", "--demo", "--check")
    kezek(data, "operator", "add", "aigul", "--name", "Айгүл Сейітова", "--pin-stdin", stdin=PIN)
    hall = Hall(data)
    hall.start()
    yield hall
    hall.stop()


@dataclass
class Terminals:
    """The apps of one hall, built in this process as their main() would, over real sockets."""

    kiosk: Kiosk
    counter: CounterWindow
    display: DisplayWindow
    display_link: HallLink
    voice: QtVoiceOutput
    button: ButtonSimulator
    keypad: KeypadSimulator
    printer_dir: Path


def found_by_zeroconf(port: int) -> str:
    """The hall's URL as a terminal finds it: browsing `_kezek._tcp` on loopback."""
    for _ in range(5):  # a busy machine can miss one answer; a terminal would ask again
        halls = [h for h in discover(timeout=1.5, interfaces=["127.0.0.1"]) if h.port == port]
        if halls:
            return halls[0].base_url
    raise AssertionError(f"no hall announced on port {port}")


def enroll(url: str, supervisor: HallClient, role: str, name: str, path: Path) -> Enrollment:
    counter = "c1" if role == "counter" else None
    code = supervisor.create_pairing_code(role, name, counter).code
    return Enrollment.enroll(url, code, name, path)  # POST /api/v1/enroll, as `--pair CODE`


@pytest.fixture
def terminals(qtbot: QtBot, hall: Hall, tmp_path: Path, clips: Path) -> Iterator[Terminals]:
    url = found_by_zeroconf(hall.port)
    supervisor_token = kezek(hall.data_dir, "token", "create", "--role", "supervisor")
    enrolled = tmp_path / "enrolled"
    with HallClient(url, supervisor_token) as supervisor:
        kiosk_e = enroll(url, supervisor, "kiosk", "Entrance kiosk", enrolled / "kiosk.json")
        counter_e = enroll(url, supervisor, "counter", "Counter 1", enrolled / "counter.json")
        display_e = enroll(url, supervisor, "display", "Wall display", enrolled / "display.json")
    printer_dir = tmp_path / "printer"
    printer_dir.mkdir()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    kiosk = build_kiosk(
        KioskConfig(
            server_url=kiosk_e.server_url,
            token=kiosk_e.token,
            printer=f"sim:{printer_dir}",
            width=1080,
            height=1920,
            fullscreen=False,
            heartbeat_s=3600,
        ),
        app,
    )
    qtbot.addWidget(kiosk.window)
    kiosk.window.show()

    with PtyPort() as button_port, PtyPort() as keypad_port:
        assert counter_e.counter_id == "c1"
        console = build_counter(
            CounterConfig(
                server_url=counter_e.server_url,
                token=counter_e.token,
                counter_id=counter_e.counter_id,
                button=button_port.path,
                keypad=keypad_port.path,
            )
        )
        qtbot.addWidget(console)
        console.start()
        console.show()

        voice = QtVoiceOutput(tmp_path / "calls", use_speakers=False)
        settings = VoiceSettings(languages=("kk",))
        announcer = Announcer(ClipSet(clips), voice, settings, datetime.now)
        display = DisplayWindow(Board(zone=Zone()), announcer, orientation="landscape", switch_s=0)
        qtbot.addWidget(display)
        display.resize(1280, 720)
        link = HallLink(display_e.server_url, display_e.token, min_backoff=0.1, max_backoff=0.5)
        display.listen(link)
        display.show()
        link.start()
        try:
            yield Terminals(
                kiosk,
                console,
                display,
                link,
                voice,
                ButtonSimulator(button_port, 1),
                KeypadSimulator(keypad_port, 41),
                printer_dir,
            )
        finally:
            link.stop()
            console.close()
            kiosk.close()


def tap(qtbot: QtBot, window: QWidget, name: str) -> None:
    page = getattr(window, "page", None) or window
    qtbot.waitUntil(
        lambda: (w := page.findChild(QAbstractButton, name)) is not None and w.isEnabled(),
        timeout=10_000,
    )
    widget = page.findChild(QAbstractButton, name)
    assert widget is not None
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def take_a_ticket_in_kazakh(qtbot: QtBot, t: Terminals) -> str:
    window = t.kiosk.window
    flow = window.flow  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(flow.online and flow.state.services), timeout=10_000)
    tap(qtbot, window, "choose-kk")
    tap(qtbot, window, "service-id-card")
    tap(qtbot, window, "take-ticket")
    qtbot.waitUntil(lambda: flow.screen is Screen.TICKET, timeout=10_000)
    ticket = flow.issued.ticket
    assert ticket.language == "kk"
    text = (t.printer_dir / "ticket-0001.txt").read_text(encoding="utf-8")
    assert ticket.number in text and ID_CARD_KK in text
    assert (t.printer_dir / "ticket-0001.bin").read_bytes().startswith(b"\x1b@")  # ESC @: reset
    with Image.open(t.printer_dir / "ticket-0001.png") as image:
        assert image.width > 300 and image.height > image.width
    return str(ticket.id)


def sign_in_and_open(qtbot: QtBot, t: Terminals) -> None:
    console = t.counter
    console.link.sign_in("aigul", PIN)
    qtbot.waitUntil(lambda: console.state.operator is not None, timeout=10_000)
    assert console.devices is not None and console.devices.devices.wait_connected(5)
    qtbot.keyClick(console, Qt.Key.Key_F8)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(
        lambda: console.state.counter is not None and console.state.counter.state == "open",
        timeout=10_000,
    )


def wait_idle(qtbot: QtBot, console: CounterWindow) -> None:
    qtbot.waitUntil(lambda: console.state.pending is None, timeout=10_000)


def call_with_the_button(qtbot: QtBot, t: Terminals, number: str) -> None:
    console = t.counter
    qtbot.waitUntil(lambda: bool(console.state.waiting), timeout=10_000)
    t.button.press(Action.CALL_NEXT)
    qtbot.waitUntil(lambda: console.card.shown_number == number, timeout=10_000)
    wait_idle(qtbot, console)
    calls = t.display.calls_panel
    qtbot.waitUntil(lambda: [c.number for c in calls.calls][:1] == [number], timeout=10_000)
    qtbot.waitUntil(lambda: len(t.voice.written) == 1, timeout=15_000)
    with wave.open(str(t.voice.written[0])) as spoken:
        assert spoken.getnframes() / spoken.getframerate() > 1.5  # the number, said aloud
        assert spoken.getnchannels() in (1, 2)


def serve_finish_and_rate(qtbot: QtBot, t: Terminals, ticket_id: str) -> None:
    console = t.counter
    t.button.press(Action.START)
    qtbot.waitUntil(
        lambda: (
            console.state.current is not None and console.state.current.view.status == "serving"
        ),
        timeout=15_000,
    )
    wait_idle(qtbot, console)
    t.button.press(Action.FINISH)
    qtbot.waitUntil(lambda: console.awaiting_rating == ticket_id, timeout=10_000)
    t.keypad.press(Grade.EXCELLENT)
    qtbot.waitUntil(lambda: console.awaiting_rating is None, timeout=10_000)
    # the press only hands the rating to the console's worker: wait until the hall has it
    url = f"{console.link.server_url}/api/v1/tickets/{ticket_id}"
    qtbot.waitUntil(lambda: httpx.get(url).json()["rating"] == "excellent", timeout=10_000)


def the_report_shows(hall: Hall, ticket_id: str) -> Visit:
    store = open_store(f"sqlite:///{hall.data_dir / 'kezek.sqlite3'}")
    try:
        log = [LogEvent.from_row(r.seq, r.at, r.type, r.data) for r in store.events()]
    finally:
        store.close()
    (visit,) = [v for v in visits_from(log) if v.ticket_id == ticket_id]
    assert visit.outcome == "finished"
    assert visit.counter_id == "c1" and visit.operator_id == "aigul"
    assert visit.wait_s is not None and visit.wait_s >= 0
    assert visit.service_s is not None and visit.service_s >= 0
    assert visit.rating == "excellent"
    return visit


def test_a_visitor_takes_a_kazakh_ticket_is_called_served_rates_it_and_the_report_shows_it(
    qtbot: QtBot, hall: Hall, terminals: Terminals
) -> None:
    sign_in_and_open(qtbot, terminals)
    ticket_id = take_a_ticket_in_kazakh(qtbot, terminals)
    number = terminals.kiosk.window.flow.issued.ticket.number  # type: ignore[attr-defined]
    call_with_the_button(qtbot, terminals, number)
    serve_finish_and_rate(qtbot, terminals, ticket_id)
    the_report_shows(hall, ticket_id)


def test_the_journey_completes_when_the_server_is_killed_and_restarted_after_the_call(
    qtbot: QtBot, hall: Hall, terminals: Terminals
) -> None:
    sign_in_and_open(qtbot, terminals)
    ticket_id = take_a_ticket_in_kazakh(qtbot, terminals)
    number = terminals.kiosk.window.flow.issued.ticket.number  # type: ignore[attr-defined]
    call_with_the_button(qtbot, terminals, number)
    hall.kill()
    qtbot.waitUntil(lambda: not terminals.display_link.online, timeout=10_000)
    hall.start()  # the same port and database
    qtbot.waitUntil(lambda: terminals.display_link.online, timeout=15_000)
    qtbot.waitUntil(lambda: terminals.counter.online, timeout=15_000)
    qtbot.waitUntil(lambda: terminals.kiosk.window.flow.online, timeout=15_000)  # type: ignore[attr-defined]
    serve_finish_and_rate(qtbot, terminals, ticket_id)
    the_report_shows(hall, ticket_id)
    assert len(terminals.voice.written) == 1  # the call was not said again after the restart
