"""The counter's heartbeat: the supervisor sees the console alive, with its terminal's own token."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pytestqt.qtbot import QtBot

from counter.app import build
from counter.config import ConfigError, CounterConfig
from hallserver.client import Heartbeat
from hallserver.protocol import JsonObject
from tests.conftest import LiveServer, add_operator, counter_terminal_token, open_counter
from tests.counter.conftest import PIN, sign_in_as
from tests.proxy import CuttableProxy


def terminals(live: LiveServer) -> dict[str, JsonObject]:
    """GET /terminals as the supervisor's board reads it, by terminal name."""
    reply = httpx.get(
        f"{live.api}/terminals",
        headers={"Authorization": f"Bearer {live.tokens['supervisor']}"},
        timeout=5,
    )
    reply.raise_for_status()
    return {str(t["name"]): t for t in reply.json()}


def last_seen(live: LiveServer, name: str) -> datetime | None:
    report = terminals(live).get(name)
    return None if report is None else datetime.fromisoformat(str(report["last_seen"]))


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Poll `condition` until it holds (outside Qt: the heartbeat is plain Python)."""
    deadline = datetime.now() + timedelta(seconds=seconds)
    while not condition():
        assert datetime.now() < deadline, "timed out"
        threading.Event().wait(0.02)


@pytest.fixture
def heartbeats() -> Iterator[list[Heartbeat]]:
    made: list[Heartbeat] = []
    yield made
    for heartbeat in made:
        heartbeat.stop()


def test_the_heartbeat_beats_at_start_and_then_every_interval(
    live_server: LiveServer, heartbeats: list[Heartbeat]
) -> None:
    token = counter_terminal_token(live_server, "c2")
    heartbeat = Heartbeat(live_server.url, token, interval_s=0.1, detail=lambda: "testing")
    heartbeats.append(heartbeat)
    heartbeat.start()
    wait_for(lambda: heartbeat.sent >= 1)
    first = last_seen(live_server, "terminal-c2")
    assert first is not None
    assert terminals(live_server)["terminal-c2"]["detail"] == "testing"
    wait_for(lambda: heartbeat.sent >= 3)
    later = last_seen(live_server, "terminal-c2")
    assert later is not None and later > first
    assert heartbeat.failed == 0


def test_an_operator_session_token_cannot_send_the_heartbeat(
    live_server: LiveServer, heartbeats: list[Heartbeat]
) -> None:
    operator = open_counter(live_server, "c3")
    heartbeat = Heartbeat(live_server.url, operator, interval_s=60)
    heartbeats.append(heartbeat)
    assert heartbeat.beat() is False
    assert heartbeat.failed == 1 and "terminal-c3" not in terminals(live_server)


def test_a_heartbeat_interval_of_zero_is_a_setting_error() -> None:
    with pytest.raises(ConfigError, match="heartbeat_s"):
        CounterConfig(heartbeat_s=0)


def test_a_started_console_is_listed_alive_with_its_operator_after_sign_in(
    live_server: LiveServer, qtbot: QtBot
) -> None:
    add_operator(live_server, "aigul", PIN)
    token = counter_terminal_token(live_server, "c1")
    config = CounterConfig(live_server.url, token, "c1", language="en", heartbeat_s=0.2)
    window = build(config)
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(lambda: last_seen(live_server, "terminal-c1") is not None, timeout=5000)
    report = terminals(live_server)["terminal-c1"]
    assert (report["role"], report["printer"]) == ("counter", "none")
    assert report["detail"] == "no operator signed in"
    sign_in_as(qtbot, window, "aigul")
    # After sign-in the console's commands carry the operator's token; the heartbeat keeps the
    # terminal's, so it is still taken (the server refuses an operator's token there).
    qtbot.waitUntil(
        lambda: terminals(live_server)["terminal-c1"]["detail"] == "operator aigul (Aigul)",
        timeout=5000,
    )
    seen = last_seen(live_server, "terminal-c1")
    assert seen is not None and datetime.now(UTC) - seen < timedelta(seconds=5)
    assert window.link.heartbeat.failed == 0


def test_a_console_whose_token_the_server_refuses_keeps_running(
    live_server: LiveServer, qtbot: QtBot
) -> None:
    config = CounterConfig(live_server.url, "not-a-token", "c1", language="en", heartbeat_s=0.1)
    window = build(config)
    qtbot.addWidget(window)
    window.start()
    window.show()
    qtbot.waitUntil(lambda: window.link.heartbeat.failed >= 3, timeout=5000)
    assert window.link.heartbeat.sent == 0
    qtbot.waitUntil(lambda: window.online, timeout=5000)  # the events still arrive
    assert window.isVisible()


def test_heartbeats_fail_while_the_server_is_down_and_resume_when_it_is_back(
    live_server: LiveServer, qtbot: QtBot
) -> None:
    proxy = CuttableProxy(int(live_server.url.rsplit(":", 1)[1]), up=False)
    token = counter_terminal_token(live_server, "c4")
    config = CounterConfig(
        proxy.url, token, "c4", language="en", heartbeat_s=0.1, http_timeout_s=1.0
    )
    window = build(config)
    qtbot.addWidget(window)
    window.start()  # nothing listens yet: the server is down
    window.show()
    heartbeat = window.link.heartbeat
    qtbot.waitUntil(lambda: heartbeat.failed >= 2, timeout=5000)
    assert heartbeat.sent == 0 and window.isVisible() and not window.online
    proxy.restore()
    try:
        qtbot.waitUntil(lambda: heartbeat.sent >= 1, timeout=8000)
        assert last_seen(live_server, "terminal-c4") is not None
    finally:
        proxy.cut()
