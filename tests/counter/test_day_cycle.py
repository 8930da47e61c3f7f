"""A full day at one counter, against a real hall server."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from counter.state import Action
from counter.views.dialogs import PauseDialog
from tests.conftest import LiveServer
from tests.counter.conftest import ConsoleFactory, issue, press


def test_a_day_at_one_counter_opens_calls_serves_pauses_and_closes(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    window = console("c1", login="aigul")
    state = window.state
    assert state.counter is not None and state.counter.state == "closed"
    assert window.buttons[Action.RESUME].isEnabled()
    assert not window.buttons[Action.CALL_NEXT].isEnabled()

    press(qtbot, window, "F8")  # open
    qtbot.waitUntil(lambda: state.counter is not None and state.counter.state == "open")
    assert window.buttons[Action.CALL_NEXT].isEnabled()

    press(qtbot, window, "F1")  # nobody waits yet
    qtbot.waitUntil(lambda: "Nobody is waiting" in window.message.text())
    assert window.card.status.text() == "Nobody is waiting"

    ticket = issue(live_server, "id-card")
    qtbot.waitUntil(lambda: "A visitor is waiting" in window.message.text())
    assert "ID card" in window.message.text()
    lines = {line.service_id: line for line in window.state.queue_lines()}
    assert lines["id-card"].waiting == 1
    assert ticket.number in window.queue_panel.next_label.text()

    press(qtbot, window, "F1")
    qtbot.waitUntil(lambda: window.card.shown_number == ticket.number)
    assert window.card.status.text() == "Called"
    qtbot.waitUntil(window.buttons[Action.START].isEnabled)
    assert not window.buttons[Action.CALL_NEXT].isEnabled()

    press(qtbot, window, "F2")  # recall
    qtbot.waitUntil(lambda: "call 2" in window.card.status.text())

    press(qtbot, window, "F3")  # the visitor came
    qtbot.waitUntil(lambda: window.card.status.text() == "Serving")
    assert window.card.documents[0].text().startswith("Old ID card")
    assert len(window.card.documents) == 3

    press(qtbot, window, "F4")
    qtbot.waitUntil(lambda: window.state.current is None)
    qtbot.waitUntil(lambda: window.day_panel.values["served"].text() == "1")

    monkeypatch.setattr(PauseDialog, "ask", classmethod(lambda cls, parent: "lunch"))
    press(qtbot, window, "F7")
    qtbot.waitUntil(lambda: state.counter is not None and state.counter.state == "paused")
    assert window.card.status.text() == "Paused: Lunch"
    assert not window.buttons[Action.CALL_NEXT].isEnabled()
    press(qtbot, window, "F8")
    qtbot.waitUntil(lambda: state.counter is not None and state.counter.state == "open")

    press(qtbot, window, "F9")  # close
    qtbot.waitUntil(lambda: state.counter is not None and state.counter.state == "closed")
    press(qtbot, window, "F12")  # sign out
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_page)
    counters = {c["id"]: c for c in _counters(live_server)}
    assert counters["c1"]["operator_id"] is None


def _counters(live: LiveServer) -> list[dict[str, object]]:
    import httpx

    return list(httpx.get(f"{live.api}/counters").json())
