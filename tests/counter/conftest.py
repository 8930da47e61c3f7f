"""Fixtures for the counter console: real hall server, real sockets, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter.language import Translations
from counter.link import CounterLink, DeviceLink
from counter.views.window import CounterWindow
from hallserver.client import HallClient
from hallserver.protocol import TicketView
from tests.conftest import LiveServer, add_operator, counter_terminal_token

PIN = "2468"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots" / "counter"

ConsoleFactory = Callable[..., CounterWindow]


@pytest.fixture
def console(qtbot: QtBot, live_server: LiveServer) -> Iterator[ConsoleFactory]:
    """Makes consoles connected to the live server: `console("c1", login="aigul")`."""

    def make(
        counter_id: str = "c1",
        *,
        login: str | None = None,
        supervisor: bool = False,
        language: str = "en",
        devices: DeviceLink | None = None,
        server_url: str | None = None,
        sign_in: bool = True,
    ) -> CounterWindow:
        login = login or f"op-{counter_id}"
        add_operator(live_server, login, PIN, supervisor=supervisor)
        token = counter_terminal_token(live_server, counter_id)
        link = CounterLink(server_url or live_server.url, token, counter_id, timeout=2.0)
        window = CounterWindow(
            link,
            Translations(),
            devices=devices,
            language=language,
            refresh_ms=60_000,
            rating_timeout_ms=10_000,
        )
        qtbot.addWidget(window)
        window.start()
        window.show()
        qtbot.waitUntil(lambda: window.online and window.state.counter is not None, timeout=10_000)
        if sign_in:
            sign_in_as(qtbot, window, login)
        return window

    yield make


def sign_in_as(qtbot: QtBot, window: CounterWindow, login: str, pin: str = PIN) -> None:
    page = window.sign_in_page
    page.login.setText(login)
    page.pin.setText(pin)
    page.button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.console_page, timeout=5000)
    qtbot.waitUntil(lambda: bool(window.services), timeout=5000)


def issue(live: LiveServer, service_id: str, **fields: str) -> TicketView:
    """A kiosk issues a ticket."""
    with HallClient(live.url, live.tokens["kiosk"]) as kiosk:
        return kiosk.issue_ticket(service_id, **fields)


def press(qtbot: QtBot, window: CounterWindow, key: str) -> None:
    """Press an F-key on the console (F1 call next … F12 sign out); wait for the answer."""
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{key}"))
    qtbot.waitUntil(lambda: window.state.pending is None, timeout=5000)


def shoot(window: QWidget, name: str) -> Path:
    """Save a screenshot under tests/screenshots/counter/."""
    from PySide6.QtWidgets import QApplication

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    QApplication.processEvents()  # pending layout requests, as the event loop would run them
    assert window.grab().save(str(path))
    return path
