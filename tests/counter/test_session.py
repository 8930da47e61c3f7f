"""The operator's session ends under the console: a new day while it was away, a revocation.

It goes back to the sign-in page saying so; only the terminal's own token refused would mean
enrolling again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pytestqt.qtbot import QtBot

from counter.language import Translations
from counter.link import CounterLink
from counter.views.window import CounterWindow
from hallserver.access import Actor, Role
from hallserver.client import HallClient
from tests.conftest import (
    Clock,
    LiveServer,
    add_operator,
    counter_terminal_token,
    start_live_server,
)
from tests.counter.conftest import PIN, ConsoleFactory, press, shoot, sign_in_as
from tests.proxy import CuttableProxy

ENDED = "Your session ended (a new day, or a sign-out elsewhere). Sign in again."


class Restartable:
    """A hall server on a test clock that can stop and start again on the same database."""

    def __init__(self, tmp_path: Path, clock: Clock) -> None:
        self.url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
        self.clock = clock
        self.live: LiveServer
        self._server: Any = None
        self._thread: Any = None
        self.start()

    def start(self) -> None:
        self.live, self._server, self._thread = start_live_server(self.url, clock=self.clock)

    @property
    def port(self) -> int:
        return urlsplit(self.live.url).port or 0

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Restartable]:
    server = Restartable(tmp_path, Clock())
    yield server
    server.stop()


def _on_sign_in_page(window: CounterWindow) -> bool:
    return window.stack.currentWidget() is window.sign_in_page


def test_a_new_day_begun_while_the_console_was_cut_off_brings_it_back_to_sign_in(
    qtbot: QtBot, hall: Restartable
) -> None:
    add_operator(hall.live, "aigul", PIN)
    with CuttableProxy(hall.port) as proxy:
        link = CounterLink(proxy.url, counter_terminal_token(hall.live, "c1"), "c1", timeout=2.0)
        window = CounterWindow(link, Translations(), language="kk", refresh_ms=60_000)
        qtbot.addWidget(window)
        window.start()
        window.show()
        qtbot.waitUntil(lambda: window.online and window.state.counter is not None)
        sign_in_as(qtbot, window, "aigul")
        press(qtbot, window, "F8")
        assert window.state.counter is not None and window.state.counter.state == "open"
        proxy.cut()
        qtbot.waitUntil(lambda: not window.online, timeout=5000)
        hall.stop()  # overnight: the server restarts on the next day, its replay window empty
        hall.clock.advance(days=1)
        hall.start()
        proxy.target_port = hall.port
        with HallClient(hall.live.url, hall.live.tokens["kiosk"]) as kiosk:
            kiosk.issue_ticket("id-card")  # the morning's first visitor: the new day begins
        proxy.restore()
        qtbot.waitUntil(lambda: window.online, timeout=15_000)
        qtbot.waitUntil(lambda: _on_sign_in_page(window), timeout=5000)
        assert window.state.operator is None
        error = window.sign_in_page.error
        qtbot.waitUntil(error.isVisible, timeout=5000)
        # the restarted server replays the day's closing (its window follows the log): said so
        assert error.text() == "Жұмыс күні аяқталды. Қайта кіріңіз."
        shoot(window, "session_ended_kk")
        sign_in_as(qtbot, window, "aigul")  # with the terminal's own token: no enrolling
        press(qtbot, window, "F8")
        assert window.state.counter is not None and window.state.counter.state == "open"
        assert not window.message.isVisible(), window.message.text()


def test_a_command_refused_for_a_session_that_ended_signs_in_again_not_enrolls(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    window = console("c1", login="aigul")
    session = window.link._operator
    assert session is not None
    operator = Actor(Role.OPERATOR, "aigul", counter_id="c1")
    revoke = live_server.hall.revoke(operator, session.token)  # type: ignore[attr-defined]
    assert live_server.loop is not None
    asyncio.run_coroutine_threadsafe(revoke, live_server.loop).result(timeout=10)
    press(qtbot, window, "F8")  # 401 for the operator's session: not the terminal's token
    qtbot.waitUntil(lambda: _on_sign_in_page(window), timeout=5000)
    assert window.sign_in_page.error.text() == ENDED
    assert "enroll" not in window.message.text() or not window.message.isVisible()
    assert window.link._operator is None
    assert window.link._heartbeat_detail() == "no operator signed in"
    sign_in_as(qtbot, window, "aigul")
    press(qtbot, window, "F8")
    assert window.state.counter is not None and window.state.counter.state == "open"


def test_signed_out_at_another_console_goes_back_to_sign_in_at_once_saying_why(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    window = console("c1", login="aigul", language="ru")
    assert window.link._operator is not None
    other = HallClient(live_server.url, counter_terminal_token(live_server, "c1"))
    with other:  # the same operator at another screen of this counter signs out there
        other.token = other.sign_in("c1", "aigul", PIN).token
        other.sign_out("c1")
    qtbot.waitUntil(lambda: _on_sign_in_page(window), timeout=5000)
    error = window.sign_in_page.error
    qtbot.waitUntil(error.isVisible, timeout=5000)  # at once, not at the next key pressed
    assert error.text() == "Вы вышли из системы в другом месте. Войдите снова."
    qtbot.waitUntil(lambda: window.link._operator is None, timeout=5000)
    assert window.link._heartbeat_detail() == "no operator signed in"
    sign_in_as(qtbot, window, "aigul")  # the terminal's own token: no enrolling
    press(qtbot, window, "F8")
    assert window.state.counter is not None and window.state.counter.state == "open"
    assert not window.message.isVisible(), window.message.text()


def test_the_day_ending_under_a_signed_in_console_goes_back_to_sign_in_saying_why(
    qtbot: QtBot, hall: Restartable
) -> None:
    add_operator(hall.live, "aigul", PIN)
    link = CounterLink(hall.live.url, counter_terminal_token(hall.live, "c1"), "c1", timeout=2.0)
    window = CounterWindow(link, Translations(), language="kk", refresh_ms=60_000)
    qtbot.addWidget(window)
    window.start()
    window.show()
    qtbot.waitUntil(lambda: window.online and window.state.counter is not None)
    sign_in_as(qtbot, window, "aigul")
    press(qtbot, window, "F8")
    hall.clock.advance(days=1)
    with HallClient(hall.live.url, hall.live.tokens["kiosk"]) as kiosk:
        kiosk.issue_ticket("id-card")  # the morning's first visitor: the new day begins
    qtbot.waitUntil(lambda: _on_sign_in_page(window), timeout=5000)
    error = window.sign_in_page.error
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert error.text() == "Жұмыс күні аяқталды. Қайта кіріңіз."
    qtbot.waitUntil(lambda: window.link._operator is None, timeout=5000)
    sign_in_as(qtbot, window, "aigul")
    press(qtbot, window, "F8")
    assert window.state.counter is not None and window.state.counter.state == "open"


def test_signing_out_here_says_nothing_of_a_session_ended(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    window = console("c1", login="aigul")
    press(qtbot, window, "F12")
    qtbot.waitUntil(lambda: _on_sign_in_page(window), timeout=5000)
    qtbot.wait(300)  # the stream's counter.changed arrives too
    assert not window.sign_in_page.error.isVisible(), window.sign_in_page.error.text()
    assert window.link._operator is None


def test_an_operator_disabled_meanwhile_is_sent_to_sign_in_at_once(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    from hallserver.__main__ import main as kezek

    window = console("c1", login="aigul")
    assert kezek(["operator", "disable", "aigul", "--db", live_server.db_url]) == 0
    assert live_server.loop is not None
    tick = live_server.hall.tick()  # type: ignore[attr-defined]  # its 30-second tick, now
    asyncio.run_coroutine_threadsafe(tick, live_server.loop).result(timeout=10)
    qtbot.waitUntil(lambda: _on_sign_in_page(window), timeout=5000)
    error = window.sign_in_page.error
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert error.text() == "This operator is disabled: ask the hall's administrator."
    qtbot.waitUntil(lambda: window.link._operator is None, timeout=5000)
