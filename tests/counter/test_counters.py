"""Several counters, transfers, no-shows, refusals, a supervisor, a lost server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from counter.commands import Failure, HallOffer
from counter.state import Action, ServiceLine
from counter.views.dialogs import (
    CallTicketDialog,
    CloseDialog,
    LineDialog,
    OutOfOrderCall,
    PauseDialog,
    TransferChoice,
    TransferDialog,
)
from counter.views.window import CounterWindow
from hallserver.client import HallClient
from hallserver.protocol import TicketView
from tests.conftest import LiveServer, open_counter
from tests.counter.conftest import ConsoleFactory, issue, press, shoot
from tests.proxy import CuttableProxy


def _open(qtbot: QtBot, window) -> None:
    press(qtbot, window, "F8")
    qtbot.waitUntil(lambda: window.state.counter.state == "open")


def _open_with_a_visitor(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> CounterWindow:
    """Counter 1's console, open, with an ID card visitor waiting."""
    window = console("c1")
    _open(qtbot, window)
    issue(live_server, "id-card")
    qtbot.waitUntil(lambda: bool(window.state.waiting))
    return window


def test_two_counters_competing_for_one_queue_never_get_the_same_ticket(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    first, second = console("c1"), console("c2")
    for window in (first, second):
        _open(qtbot, window)
    tickets = [issue(live_server, "id-card") for _ in range(6)]
    called: list[str] = []
    for _ in range(3):
        qtbot.keyClick(first, Qt.Key.Key_F1)  # F1 on both at once: the requests race
        qtbot.keyClick(second, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: None not in (first.state.current, second.state.current))
        qtbot.waitUntil(lambda: first.state.pending is None and second.state.pending is None)
        assert first.card.shown_number != second.card.shown_number
        called += [first.card.shown_number, second.card.shown_number]
        for window in (first, second):
            press(qtbot, window, "F5")  # no-show: the next round starts clean
    assert sorted(called) == sorted(t.number for t in tickets)


def test_a_transfer_sends_the_visitor_to_another_counter_with_a_note(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    first, fourth = console("c1"), console("c4")
    for window in (first, fourth):
        _open(qtbot, window)
    ticket = issue(live_server, "id-card")
    press(qtbot, first, "F1")
    press(qtbot, first, "F3")
    choice = TransferChoice("birth-registration", "c4", "needs a birth certificate copy")
    monkeypatch.setattr(TransferDialog, "ask", classmethod(lambda cls, *a: choice))
    press(qtbot, first, "F6")
    qtbot.waitUntil(lambda: first.state.current is None)
    assert f"{ticket.number} transferred to" in first.message.text()
    qtbot.waitUntil(lambda: bool(fourth.state.waiting))
    press(qtbot, fourth, "F1")
    assert fourth.card.shown_number == ticket.number
    details = fourth.card.details.text()
    assert "Note: needs a birth certificate copy" in details
    assert "Transferred 1 time\n" in details + "\n"


def _sent_on_and_back(
    qtbot: QtBot,
    live_server: LiveServer,
    console: ConsoleFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[CounterWindow, CounterWindow, TicketView]:
    """Counter 1 serves an ID card and sends the visitor to births at counter 4 "and back"."""
    first, fourth = console("c1"), console("c4")
    for window in (first, fourth):
        _open(qtbot, window)
    ticket = issue(live_server, "id-card")
    press(qtbot, first, "F1")
    press(qtbot, first, "F3")
    choice = TransferChoice("birth-registration", "c4", "birth record first", come_back=True)
    monkeypatch.setattr(TransferDialog, "ask", classmethod(lambda cls, *a: choice))
    press(qtbot, first, "F6")
    qtbot.waitUntil(lambda: first.state.current is None)
    return first, fourth, ticket


def test_a_visitor_sent_on_and_back_returns_to_the_first_counter(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    first, fourth, ticket = _sent_on_and_back(qtbot, live_server, console, monkeypatch)
    assert "they come back to you when done there" in first.message.text()
    qtbot.waitUntil(lambda: bool(fourth.state.waiting))
    press(qtbot, fourth, "F1")
    press(qtbot, fourth, "F3")
    assert fourth.card.shown_number == ticket.number
    assert "When done here: back to Counter 1" in fourth.card.details.text()
    assert fourth.card.selected_result() == "done"  # how the visit here ended, for the reports
    shoot(fourth, "en-11-serving-sent-and-back")
    current = fourth.state.current
    assert current is not None
    dialog = TransferDialog(current, list(fourth.services.values()), fourth.counters, "en")
    assert not dialog.come_back.isEnabled(), "a visitor comes back to one counter only"
    dialog.deleteLater()
    press(qtbot, fourth, "F4")
    qtbot.waitUntil(lambda: fourth.state.current is None)
    assert fourth.message.text() == f"{ticket.number} is done here and goes back to Counter 1."
    qtbot.waitUntil(lambda: fourth.day_panel.values["served"].text() == "1")  # served here
    qtbot.waitUntil(lambda: ticket.id in first.state.waiting)
    qtbot.waitUntil(lambda: "is back from" in first.message.text())
    assert first.message.text() == (
        f"{ticket.number} is back from Registering a birth and waits for you."
    )
    shoot(first, "en-12-visitor-back")
    press(qtbot, first, "F1")
    assert first.card.shown_number == ticket.number
    assert "Transferred 2 times" in first.card.details.text()
    assert "When done here" not in first.card.details.text()


def test_the_first_counter_hears_when_a_visitor_sent_on_and_back_is_let_go_there(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    first, fourth, ticket = _sent_on_and_back(qtbot, live_server, console, monkeypatch)
    qtbot.waitUntil(lambda: bool(fourth.state.waiting))
    press(qtbot, fourth, "F1")
    press(qtbot, fourth, "F5")  # never came to the other counter
    qtbot.waitUntil(lambda: "will not come back" in first.message.text())
    assert first.message.text() == (
        f"{ticket.number} did not come to Registering a birth and will not come back to you."
    )
    assert ticket.id not in first.state.waiting


def test_the_transfer_dialog_offers_only_counters_that_are_not_closed(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    first, third = console("c1"), console("c3")  # both serve ID cards
    for window in (first, third):
        _open(qtbot, window)
    issue(live_server, "id-card")
    qtbot.waitUntil(lambda: bool(first.state.waiting))

    def offered() -> list[object]:
        dialog = TransferDialog(
            first.state.next_tickets(1)[0],
            list(first.services.values()),
            first.counters,
            "en",
            first,
        )
        dialog.service.setCurrentIndex(dialog.service.findData("id-card"))
        found = [dialog.counter.itemData(i) for i in range(dialog.counter.count())]
        dialog.deleteLater()
        return found

    assert offered() == [None, "c1", "c3"]  # any counter, or one of the open ones
    press(qtbot, third, "F9")  # c3 closes
    qtbot.waitUntil(lambda: next(c for c in first.counters if c.id == "c3").state == "closed")
    assert offered() == [None, "c1"]


def test_the_transfer_dialog_puts_services_no_counter_serves_now_last_and_says_so(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    first = console("c1")
    _open(qtbot, first)
    third = open_counter(live_server, "c3")  # and pauses: the operator comes back from lunch
    paused = httpx.post(
        f"{live_server.api}/counters/c3/pause",
        json={"reason": "lunch"},
        headers={"Authorization": f"Bearer {third}"},
    )
    assert paused.status_code == 200, paused.text
    issue(live_server, "id-card")
    qtbot.waitUntil(lambda: bool(first.state.waiting))
    qtbot.waitUntil(lambda: next(c for c in first.counters if c.id == "c3").state == "paused")

    def offered() -> tuple[list[object], list[object]]:
        dialog = TransferDialog(
            first.state.next_tickets(1)[0], list(first.services.values()), first.counters, "en"
        )
        items = [
            (dialog.service.itemData(i), dialog.service.itemText(i))
            for i in range(dialog.service.count())
        ]
        marked = [s for s, text in items if text.endswith("(no counter open)")]
        served = [s for s, text in items if not text.endswith("(no counter open)")]
        assert [s for s, _ in items] == served + marked, "the served ones first"
        for service_id, _ in items:
            dialog.service.setCurrentIndex(dialog.service.findData(service_id))
            assert dialog.unserved.isVisibleTo(dialog) is (service_id in marked)
        dialog.service.setCurrentIndex(dialog.service.findData("pension"))
        shoot(dialog, "en-transfer-no-counter-open")
        dialog.deleteLater()
        return served, marked

    # c1's services, and c3's while it is paused (tax registration is c3's alone, as backup)
    c1_c3 = {"id-card", "passport", "digital-signature", "residence-registration"}
    served, marked = offered()
    assert set(served) == c1_c3 | {"tax-registration"}
    assert "pension" in marked and len(served) + len(marked) == len(first.services)
    httpx.post(
        f"{live_server.api}/counters/c3/close", headers={"Authorization": f"Bearer {third}"}
    ).raise_for_status()
    qtbot.waitUntil(lambda: next(c for c in first.counters if c.id == "c3").state == "closed")
    served, marked = offered()
    assert set(served) == c1_c3 and "tax-registration" in marked


def test_recalls_past_the_limit_mark_the_visitor_no_show(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    window = console("c1", login="aigul")
    _open(qtbot, window)
    ticket = issue(live_server, "passport")
    press(qtbot, window, "F1")
    recalls = 0
    warned = []  # the card says so before the recall that ends the visit, not only after
    while window.state.current is not None and recalls < 6:
        warned.append("no-show" in window.card.status.text())
        press(qtbot, window, "F2")
        recalls += 1
    assert recalls == 4  # called 4 times in all; the fourth recall is one too many
    assert warned == [False, False, False, True]
    status = httpx.get(f"{live_server.api}/tickets/{ticket.id}").json()["status"]
    assert status == "no_show"
    qtbot.waitUntil(lambda: window.day_panel.values["no_shows"].text() == "1")
    said = {  # not only an empty card: the operator is told why the visit ended
        f"{ticket.number} рұқсат етілген ең көп рет шақырылды: «Келмеді» деп белгіленді.",
        f"{ticket.number} вызван максимальное число раз: отмечен как неявка.",
        f"{ticket.number} was called the most times allowed: marked as a no-show.",
    }
    assert window.message.isVisible() and window.message.text() in said, window.message.text()
    second = issue(live_server, "passport")
    press(qtbot, window, "F1")
    press(qtbot, window, "F5")  # marked by hand
    qtbot.waitUntil(lambda: window.day_panel.values["no_shows"].text() == "2")
    assert second.number in window.message.text() and window.message.isVisible()


def test_a_refused_action_shows_the_servers_reason_in_the_operators_language(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    window = console("c1", language="ru")
    _open(qtbot, window)
    issue(live_server, "id-card")
    press(qtbot, window, "F1")
    wrong = TransferChoice("id-card", "c4", "")  # counter 4 does not serve ID cards
    monkeypatch.setattr(TransferDialog, "ask", classmethod(lambda cls, *a: wrong))
    press(qtbot, window, "F6")
    assert window.message.text() == "То окно не оказывает эту услугу."
    assert window.state.current is not None  # nothing changed

    # a code the console has no text of its own for: the server's message is shown
    monkeypatch.setattr(PauseDialog, "ask", classmethod(lambda cls, parent: "coffee"))
    press(qtbot, window, "F7")
    assert window.message.text() == "reason 'coffee' is not one I know"
    assert window.state.counter.state == "open"


def test_a_supervisor_calls_a_ticket_out_of_order_with_a_reason(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    window = console("c12", login="gulnar", supervisor=True)
    _open(qtbot, window)
    first, later = issue(live_server, "id-card"), issue(live_server, "pension")
    qtbot.waitUntil(lambda: len(window.state.waiting) == 2)
    assert window.buttons[Action.CALL_TICKET].isEnabled()
    seen: list[list[str]] = []

    def ask(cls, parent, waiting, names, postponed):
        seen.append([t.view.number for t in waiting])
        return OutOfOrderCall(later.id, "the visitor is unwell")

    monkeypatch.setattr(CallTicketDialog, "ask", classmethod(ask))
    press(qtbot, window, "F10")
    assert window.card.shown_number == later.number
    assert seen == [[first.number, later.number]]


def test_an_operator_without_supervisor_rights_has_no_out_of_order_call(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    window = _open_with_a_visitor(qtbot, live_server, console)
    assert not window.buttons[Action.CALL_TICKET].isEnabled()  # there, for visitors called back
    assert Action.CALL_TICKET not in window.state.legal_actions()


def test_a_visitor_who_steps_away_is_called_back_with_f10_and_no_reason(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    window = console("c1", language="ru")
    _open(qtbot, window)
    first, second = issue(live_server, "id-card"), issue(live_server, "id-card")
    press(qtbot, window, "F1")
    press(qtbot, window, "F3")
    press(qtbot, window, "F11")  # to pay the fee at the kiosk
    qtbot.waitUntil(lambda: window.state.current is None)
    assert window.message.text().startswith(f"{first.number} отложен")
    away = window.findChild(QLabel, "postponedTickets")
    assert away.isVisible() and away.text() == f"Отложены: {first.number}"
    press(qtbot, window, "F1")  # the next visitor meanwhile
    assert window.card.shown_number == second.number
    press(qtbot, window, "F3")
    press(qtbot, window, "F4")
    qtbot.waitUntil(lambda: window.state.current is None)
    assert window.buttons[Action.CALL_TICKET].isEnabled()
    offered: list[list[str]] = []

    def ask(cls, parent, waiting, names, postponed):
        offered.append([t.view.number for t in [*postponed, *waiting]])
        return OutOfOrderCall(postponed[0].id, "")

    monkeypatch.setattr(CallTicketDialog, "ask", classmethod(ask))
    press(qtbot, window, "F10")
    qtbot.waitUntil(lambda: window.card.shown_number == first.number)
    assert offered == [[first.number]]  # an operator: only their own visitors who stepped away
    assert not away.isVisible() and window.state.current.status == "called"
    status = httpx.get(f"{live_server.api}/tickets/{first.id}").json()["status"]
    assert status == "called"


@contextmanager
def cut_off(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> Iterator[tuple[CounterWindow, CuttableProxy]]:
    """Counter 1's console, its link to the server cut, F8 pressed: refused as unreachable."""
    proxy = CuttableProxy(urlsplit(live_server.url).port or 0)
    try:
        window = console("c1", server_url=proxy.url)
        assert window.banner.isHidden()
        proxy.cut()
        qtbot.waitUntil(window.banner.isVisible, timeout=5000)
        press(qtbot, window, "F8")
        assert "does not answer" in window.message.text()
        yield window, proxy
    finally:
        proxy.cut()


def test_losing_the_server_shows_a_banner_fails_actions_and_resumes_by_itself(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    with cut_off(qtbot, live_server, console) as (window, proxy):
        assert window.state.counter.state == "closed"
        issue(live_server, "id-card")  # happens while the console is away
        proxy.restore()
        qtbot.waitUntil(window.banner.isHidden, timeout=10_000)
        qtbot.waitUntil(lambda: bool(window.state.waiting), timeout=5000)
        press(qtbot, window, "F8")
        assert window.state.counter.state == "open"


def test_an_answer_lost_on_the_way_leaves_no_stale_error_once_the_stream_brought_the_call(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    """The call went through, its answer did not: the stream shows the visitor called here,
    and the console does not go on saying that the server does not answer."""
    with CuttableProxy(urlsplit(live_server.url).port or 0) as proxy:
        window = console("c1", server_url=proxy.url)
        _open(qtbot, window)
        ticket = issue(live_server, "id-card")
        qtbot.waitUntil(lambda: bool(window.state.waiting))
        proxy.swallow = b"POST /api/v1/counters/c1/call"
        press(qtbot, window, "F1")  # refused as unreachable after the link's 2-s timeout
        proxy.swallow = None
        assert window.state.current is not None and window.state.current.id == ticket.id
        assert window.card.shown_number == ticket.number
        assert not window.message.isVisible(), window.message.text()


def test_a_does_not_answer_is_cleared_when_the_stream_brings_the_counters_news(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    with CuttableProxy(urlsplit(live_server.url).port or 0) as proxy:
        window = console("c1", server_url=proxy.url)
        _open(qtbot, window)
        # the stream's news of the opening, come late (a clean CI run), would clear the message
        head = live_server.hall.hub.last_seq  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.link.last_seq == head, timeout=5000)
        QApplication.processEvents()  # its news delivered, as the event loop would
        proxy.swallow = b"POST /api/v1/counters/c1/call"
        press(qtbot, window, "F1")  # nobody waits: nothing changed, and nothing says so
        proxy.swallow = None
        assert window.message.isVisible() and "does not answer" in window.message.text()
        with HallClient(live_server.url, live_server.tokens["supervisor"]) as supervisor:
            supervisor.pause_counter("c1", "technical")
        qtbot.waitUntil(lambda: window.state.counter.state == "paused", timeout=5000)
        assert not window.message.isVisible(), window.message.text()


def test_the_operator_records_how_a_visit_ended_and_f4_finishes_from_the_result_box(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    window = console("c1", language="ru")
    _open(qtbot, window)
    first, second = issue(live_server, "id-card"), issue(live_server, "id-card")
    box = window.card.result
    press(qtbot, window, "F1")
    assert box.isHidden()  # only while the visit is served
    press(qtbot, window, "F3")
    qtbot.waitUntil(box.isVisible)
    assert window.card.result_label.text() == "Результат:"
    assert [box.itemText(i) for i in range(3)] == [
        "Услуга оказана",
        "Неполный пакет документов",
        "Не оплачена госпошлина",
    ]
    assert box.currentData() == "done"
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # the operator picks with the keyboard
    assert box.currentData() == "documents_missing"
    window.refresh()  # the console's regular refresh keeps the choice
    assert box.currentData() == "documents_missing"
    qtbot.keyClick(box, Qt.Key.Key_F4)  # F4 finishes, even from the box (a combo would open)
    qtbot.waitUntil(lambda: window.state.current is None and window.state.pending is None)
    staff = {"Authorization": f"Bearer {live_server.tokens['supervisor']}"}
    finished = httpx.get(f"{live_server.api}/tickets/{first.id}", headers=staff).json()
    assert (finished["status"], finished["result"]) == ("finished", "documents_missing")
    press(qtbot, window, "F1")
    press(qtbot, window, "F3")
    qtbot.waitUntil(box.isVisible)
    assert box.currentData() == "done"  # the next visit starts from the usual result
    press(qtbot, window, "F4")
    qtbot.waitUntil(lambda: window.state.current is None)
    second_result = httpx.get(f"{live_server.api}/tickets/{second.id}", headers=staff).json()
    assert second_result["result"] == "done"


def test_a_visitor_who_stepped_away_and_did_not_come_back_is_let_go_as_a_no_show(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    window = console("c1", language="ru")
    _open(qtbot, window)
    ticket = issue(live_server, "id-card")
    press(qtbot, window, "F1")
    press(qtbot, window, "F3")
    press(qtbot, window, "F11")
    qtbot.waitUntil(lambda: ticket.id in window.state.postponed)
    shown: list[bool] = []

    def ask(cls, parent, waiting, names, postponed):
        dialog = CallTicketDialog(waiting, names, postponed, parent)  # as the operator sees it
        shown.append(dialog.not_back.isVisibleTo(dialog) and dialog.ok.isEnabled())
        dialog.not_back.click()
        return dialog.choice()

    monkeypatch.setattr(CallTicketDialog, "ask", classmethod(ask))
    press(qtbot, window, "F10")
    qtbot.waitUntil(lambda: not window.state.postponed)
    assert shown == [True]
    assert window.message.text() == f"{ticket.number} не вернулся: отмечен как неявка."
    assert window.findChild(QLabel, "postponedTickets").isHidden()
    left = httpx.get(f"{live_server.api}/tickets/{ticket.id}").json()
    assert left["status"] == "no_show" and window.state.current is None
    qtbot.waitUntil(lambda: window.day_panel.values["no_shows"].text() == "1")


def test_a_message_from_the_supervisor_shows_until_read_and_moves_no_key(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    window = console("c1", language="ru")
    note = window.note
    keys = window.buttons[Action.CALL_NEXT]
    where = keys.mapTo(window, keys.rect().topLeft())
    assert not note.isVisible() and window.day_panel.isVisible()
    supervisor = {"Authorization": f"Bearer {live_server.tokens['supervisor']}"}

    def send(text: str, counter_id: str | None = None) -> dict:
        body = {"text": text} | ({"counter_id": counter_id} if counter_id else {})
        reply = httpx.post(f"{live_server.api}/messages", json=body, headers=supervisor)
        assert reply.status_code == 201, reply.text
        return reply.json()

    send("Окно 2: примите очередь по земле", "c2")  # not for this counter
    first = send("Окно 1: после этого посетителя перерыв")
    qtbot.waitUntil(note.isVisible)
    assert not window.day_panel.isVisible()  # the note takes its place until read
    assert note.text.text() == "Окно 1: после этого посетителя перерыв"
    sent_at = datetime.fromisoformat(first["at"]).astimezone(ZoneInfo("Asia/Almaty"))
    assert note.title.text() == f"От руководителя, {sent_at:%H:%M}"  # the hall's clock
    assert keys.mapTo(window, keys.rect().topLeft()) == where, "a message moves no key"
    second = send("Система перезапустится в 18:00", "c1")
    qtbot.waitUntil(lambda: "(ещё 1)" in note.title.text())
    qtbot.mouseClick(note.read, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: note.text.text() == "Система перезапустится в 18:00")
    assert "ещё" not in note.title.text()
    qtbot.mouseClick(note.read, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.day_panel.isVisible)
    assert not note.isVisible()
    messages = httpx.get(f"{live_server.api}/messages", headers=supervisor).json()
    read = {m["id"]: sorted(m["read"]) for m in messages}
    assert read == {1: [], first["id"]: ["c1"], second["id"]: ["c1"]}

    send("Третье сообщение")
    qtbot.waitUntil(note.isVisible)
    loads: list[int] = []
    monkeypatch.setattr(window.link, "load_messages", lambda: loads.append(1))
    window._on_command_failed(Failure(None, "message_not_found", "gone", "messages"))
    assert loads == [1], "a note that is no longer there is read again, not left stuck"
    window.state.operator = None  # signed out from elsewhere (the board, another PC)
    window.refresh()
    assert not note.isVisible() and window.unread == []


def test_the_card_shows_an_appointments_time_on_the_halls_clock(qtbot: QtBot) -> None:
    """The console's PC may run on UTC; the hall (and the visitor's booking) is in Almaty."""
    from datetime import UTC, timedelta

    from counter.state import ConsoleState, TicketInfo
    from counter.views.card import TicketCard

    now = datetime(2026, 11, 23, 5, 5, tzinfo=UTC)  # 10:05 in Almaty
    view = TicketView(
        "t1",
        "A001",
        "id-card",
        "called",
        now - timedelta(minutes=20),
        counter_id="c1",
        times_called=1,
        appointment_at=datetime(2026, 11, 23, 5, 0, tzinfo=UTC),
    )
    state = ConsoleState("c1", current=TicketInfo(view), zone=ZoneInfo("Asia/Almaty"))
    card = TicketCard()
    qtbot.addWidget(card)
    card.show_state(state, {}, "en", now)
    first_line = card.details.text().splitlines()[0]  # "Appointment at 10:00", in any language
    assert first_line.endswith("10:00"), first_line


def test_the_operator_calls_the_next_of_one_line_by_shift_f1_or_a_double_click(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    window = console("c1", language="ru")  # ID cards, passports, signatures; address backup
    _open(qtbot, window)
    card, passport = issue(live_server, "id-card"), issue(live_server, "passport")
    qtbot.waitUntil(lambda: len(window.state.waiting) == 2)
    offered: list[list[tuple[str, int]]] = []

    def ask(cls, parent, lines, names):
        offered.append([(line.service_id, line.waiting) for line in lines])
        return "passport"

    monkeypatch.setattr(LineDialog, "ask", classmethod(ask))
    qtbot.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.state.pending is None and window.state.current is not None)
    assert window.card.shown_number == passport.number  # though the ID card came first
    assert ("passport", 1) in offered[0] and ("id-card", 1) in offered[0]
    press(qtbot, window, "F5")
    model = window.queue_panel.model
    rows = {model.line(r).service_id: r for r in range(model.rowCount())}
    table = window.queue_panel.table
    table.doubleClicked.emit(model.index(rows["digital-signature"], 0))  # an empty line
    qtbot.waitUntil(lambda: window.state.pending is None)
    assert window.message.text() == "В очереди «ЭЦП (электронная цифровая подпись)» никто не ждёт."
    assert window.state.current is None and not window.state.nobody_waiting  # others still wait
    table.doubleClicked.emit(model.index(rows["id-card"], 0))
    qtbot.waitUntil(lambda: window.card.shown_number == card.number)
    staff = {"Authorization": f"Bearer {live_server.tokens['supervisor']}"}
    called = httpx.get(f"{live_server.api}/tickets/{card.id}", headers=staff).json()
    assert called["status"] == "called" and called["counter_id"] == "c1"


def test_the_digit_keys_choose_in_the_numbered_dialogs_without_alt(qtbot: QtBot) -> None:
    from counter.state import ServiceLine

    lines = [
        ServiceLine("id-card", "main", 3, 600),
        ServiceLine("notary", "main", 0, 0),  # nobody waits: not offered
        ServiceLine("births", "main", 1, 60),
    ]
    dialog = LineDialog(lines, {"id-card": "ID card", "births": "Births & deaths"})
    qtbot.addWidget(dialog)
    first, second = (b.text() for b in dialog.numbered)  # "— 3 waiting" in the app's language
    assert first.startswith("&1  ID card — ") and "3" in first
    assert second.startswith("&2  Births && deaths — ")  # shown as "Births & deaths"
    assert len(dialog.numbered) == 2
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert dialog.service_id == "births"
    pause = PauseDialog()
    qtbot.addWidget(pause)
    qtbot.keyClick(pause, Qt.Key.Key_2)
    assert pause.reason == "lunch"


def test_a_service_renamed_on_the_server_is_renamed_on_the_console_at_once(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    first = console("c1")
    _open(qtbot, first)
    name = {"kk": "Жеке куәлік", "ru": "Удостоверение", "en": "ID cards"}
    supervisor = {"Authorization": f"Bearer {live_server.tokens['supervisor']}"}
    changed = httpx.patch(
        f"{live_server.api}/services/id-card", json={"name": name}, headers=supervisor
    )
    assert changed.status_code == 200, changed.text
    qtbot.waitUntil(lambda: first.services["id-card"].name == name)
    assert first.service_names()["id-card"] == "ID cards"  # what its panels and dialogs say

    # a read of the services that went out before the change and is answered after it
    # (the console reads them at every reconnect) does not bring the old name back
    services = first.services.values()
    stale = HallOffer(
        tuple(replace(s, name={"en": "old"}) if s.id == "id-card" else s for s in services),
        first.results,
    )
    first.services.reading()
    renamed = {**name, "en": "Identity cards"}
    changed = httpx.patch(
        f"{live_server.api}/services/id-card", json={"name": renamed}, headers=supervisor
    )
    assert changed.status_code == 200, changed.text
    qtbot.waitUntil(lambda: first.services["id-card"].name == renamed)
    first._on_services_received(stale)
    assert first.service_names()["id-card"] == "Identity cards"


def test_the_transfer_dialog_lists_kazakh_names_in_the_kazakh_alphabet(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    first = _open_with_a_visitor(qtbot, live_server, console)
    ticket = first.state.next_tickets(1)[0]
    dialog = TransferDialog(ticket, list(first.services.values()), first.counters, "kk")
    names = [dialog.service.itemText(i) for i in range(dialog.service.count())]
    military = next(i for i, n in enumerate(names) if n.startswith("Әскери"))
    land = next(i for i, n in enumerate(names) if n.startswith("Жер учаскесіне"))
    assert military < land, "Ә comes after А, not after Я as its code point does"
    dialog.deleteLater()


def test_a_notice_in_the_old_language_goes_when_the_operator_switches_language(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    window = _open_with_a_visitor(qtbot, live_server, console)
    press(qtbot, window, "F1")
    press(qtbot, window, "F11")  # stepped away: a notice in English
    assert "has stepped away" in window.message.text() and window.message.isVisible()
    window.set_language("ru")
    assert window.message.isHidden()


def test_the_server_answering_again_takes_its_does_not_answer_error_away(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    with cut_off(qtbot, live_server, console) as (window, proxy):
        assert window.message.isVisible()
        proxy.restore()
        qtbot.waitUntil(window.banner.isHidden, timeout=10_000)
        assert window.message.isHidden(), "'does not answer' stayed up on a working console"


def test_the_call_a_ticket_dialog_shows_each_line_whole(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    """The end of each line ("stepped away") tells a returning visitor from one waiting."""
    window = console("c1", language="kk")
    _open(qtbot, window)
    issue(live_server, "id-card")
    press(qtbot, window, "F1")
    press(qtbot, window, "F11")
    qtbot.waitUntil(lambda: bool(window.state.postponed))
    names = {s.id: s.name["kk"] for s in window.services.values()}
    dialog = CallTicketDialog([], names, list(window.state.postponed.values()), window)
    qtbot.addWidget(dialog)
    dialog.show()
    needed = dialog.tickets.sizeHintForColumn(0)
    assert dialog.tickets.viewport().width() >= needed, "a line is cut"


def test_closing_the_last_counter_of_a_line_with_visitors_waiting_asks_first(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, monkeypatch
) -> None:
    window = _open_with_a_visitor(qtbot, live_server, console)  # an ID card visitor waits
    asked: list[list[tuple[str, int]]] = []
    answer = [False]

    def ask(parent, lines, names) -> bool:  # type: ignore[no-untyped-def]
        asked.append([(line.service_id, line.waiting) for line in lines])
        return answer[0]

    monkeypatch.setattr(CloseDialog, "ask", classmethod(lambda cls, *a: ask(*a)))
    press(qtbot, window, "F9")
    assert asked == [[("id-card", 1)]]
    assert window.state.counter.state == "open", "kept open: the operator did not confirm"
    other = open_counter(live_server, "c2")  # another counter serves ID cards: nothing to ask
    qtbot.waitUntil(lambda: any(c.id == "c2" and c.state == "open" for c in window.counters))
    press(qtbot, window, "F9")
    qtbot.waitUntil(lambda: window.state.counter.state == "closed")
    assert len(asked) == 1
    httpx.post(
        f"{live_server.api}/counters/c2/close", headers={"Authorization": f"Bearer {other}"}
    ).raise_for_status()
    press(qtbot, window, "F8")
    qtbot.waitUntil(lambda: window.state.counter.state == "open")
    answer[0] = True  # confirmed: closed, visitors or not
    press(qtbot, window, "F9")
    qtbot.waitUntil(lambda: window.state.counter.state == "closed")
    assert len(asked) == 2

    dialog = CloseDialog([ServiceLine("id-card", "main", 3, 600)], {"id-card": "ID card"})
    assert "ID card: 3" in [label.text() for label in dialog.findChildren(QLabel)]
    dialog.deleteLater()
