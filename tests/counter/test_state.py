"""The console's state model, without Qt: which actions are legal when."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from counter.state import Action, ConsoleState, Hindrance, Operator, TicketInfo
from hallserver.protocol import CounterView, HallView, Snapshot, TicketView

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _state(counter: str, ticket: str | None = None, supervisor: bool = False) -> ConsoleState:
    state = ConsoleState("c1", operator=Operator("aigul", "Aigul", supervisor))
    state.counter = CounterView("c1", 1, {"en": "Counter 1"}, counter, {"id-card": "main"})
    if ticket is not None:
        view = TicketView("t1", "A001", "id-card", ticket, T0, counter_id="c1", times_called=1)
        state.current = TicketInfo(view)
    return state


@pytest.mark.parametrize(
    ("counter", "ticket", "legal"),
    [
        ("closed", None, {Action.RESUME, Action.SIGN_OUT}),
        ("open", None, {Action.CALL_NEXT, Action.PAUSE, Action.CLOSE, Action.SIGN_OUT}),
        (
            "open",
            "called",
            {
                Action.RECALL,
                Action.START,
                Action.NO_SHOW,
                Action.TRANSFER,
                Action.POSTPONE,
                Action.PAUSE,
            },
        ),
        ("open", "serving", {Action.FINISH, Action.TRANSFER, Action.POSTPONE, Action.PAUSE}),
        ("paused", None, {Action.RESUME, Action.CLOSE, Action.SIGN_OUT}),
        ("paused", "serving", {Action.RESUME, Action.FINISH, Action.TRANSFER, Action.POSTPONE}),
    ],
)
def test_legal_actions_follow_the_counter_and_its_ticket(
    counter: str, ticket: str | None, legal: set[Action]
) -> None:
    assert _state(counter, ticket).legal_actions() == legal


def test_nothing_is_legal_while_a_command_is_on_its_way() -> None:
    state = _state("open")
    state.pending = Action.CALL_NEXT
    assert state.legal_actions() == frozenset()


def test_nothing_is_legal_before_an_operator_signs_in() -> None:
    state = _state("open")
    state.operator = None
    assert state.legal_actions() == frozenset()


def test_a_supervisor_may_call_out_of_order_only_when_someone_waits() -> None:
    state = _state("open", supervisor=True)
    assert Action.CALL_TICKET not in state.legal_actions()
    waiting = TicketView("t2", "A002", "id-card", "waiting", T0)
    state.apply_ticket(TicketInfo(waiting))
    assert Action.CALL_TICKET in state.legal_actions()


def test_qsystem_keys_double_as_recall_and_no_show_while_a_visitor_is_called() -> None:
    called = _state("open", "called")
    assert called.button_action(Action.CALL_NEXT, qsystem=True) is Action.RECALL
    assert called.button_action(Action.FINISH, qsystem=True) is Action.NO_SHOW
    assert called.button_action(Action.CALL_NEXT, qsystem=False) is Action.CALL_NEXT
    serving = _state("open", "serving")
    assert serving.button_action(Action.FINISH, qsystem=True) is Action.FINISH


@pytest.mark.parametrize(
    ("counter", "ticket", "waiting", "lamp"),
    [
        ("open", None, False, "OFF"),  # nobody to call
        ("open", None, True, "ON"),  # a press calls someone
        ("open", "called", True, "BLINK"),  # the visitor is on the way
        ("open", "serving", True, "OFF"),
        ("paused", None, True, "OFF"),
        ("closed", None, True, "OFF"),
    ],
)
def test_the_call_buttons_lamp_says_whether_a_press_would_call_someone(
    counter: str, ticket: str | None, waiting: bool, lamp: str
) -> None:
    state = _state(counter, ticket)
    if waiting:
        state.apply_ticket(TicketInfo(TicketView("t2", "A002", "id-card", "waiting", T0)))
    assert state.lamp() == lamp
    state.operator = None
    assert state.lamp() == "OFF"


def test_a_late_event_never_undoes_a_newer_answer() -> None:
    state = _state("open", "serving")
    stale = TicketView("t1", "A001", "id-card", "called", T0, counter_id="c1", times_called=1)
    state.apply_ticket(TicketInfo(stale))
    assert state.current is not None and state.current.status == "serving"


def test_a_snapshot_with_nobody_at_the_counter_signs_the_operator_out_here() -> None:
    """A new day (or a restored hall) while the console was away: the server restarted, so
    the console gets a snapshot, not the counter.changed that signed the operator out."""
    state = _state("open")
    hall = HallView("hall", {"en": "Hall"}, "Asia/Almaty", "2026-11-24", T0, open=True)
    counter = CounterView("c1", 1, {"en": "Counter 1"}, "closed", {"id-card": "main"})
    state.apply_snapshot(Snapshot(1, hall, (), (counter,), ()), received_at=T0)
    assert state.operator is None and state.legal_actions() == set()


def test_tickets_transferred_to_another_counter_do_not_wait_here() -> None:
    state = _state("open")
    raw = {
        "id": "t3",
        "number": "A003",
        "service_id": "id-card",
        "status": "waiting",
        "issued_at": T0.isoformat(),
        "target_counter_id": "c2",
        "notes": ["bring the old passport"],
    }
    state.apply_ticket(TicketInfo.from_json(raw))
    assert state.waiting == {}
    raw["target_counter_id"] = "c1"
    state.apply_ticket(TicketInfo.from_json(raw))
    assert state.waiting["t3"].notes == ("bring the old passport",)


def test_a_visitor_released_from_a_closed_counter_is_no_longer_listed_as_away() -> None:
    state = _state("open")
    away = TicketView("t1", "A001", "id-card", "postponed", T0, counter_id="c1", revision=4)
    state.apply_ticket(TicketInfo(away))
    released = TicketView("t1", "A001", "id-card", "waiting", T0, revision=5)
    state.apply_ticket(TicketInfo(released))
    assert state.postponed == {} and list(state.waiting) == ["t1"]
    assert Action.CALL_TICKET not in state.legal_actions()


def test_a_requeue_takes_the_visitor_off_the_counter_whatever_its_status_ranks() -> None:
    state = _state("open", "called")
    assert state.current is not None
    back = TicketView("t1", "A001", "id-card", "waiting", T0, times_called=1, revision=9)
    state.apply_ticket(TicketInfo(back))
    assert state.current is None and list(state.waiting) == ["t1"]


def test_a_call_back_is_newer_than_the_postponement_however_the_events_arrive() -> None:
    state = _state("open")
    away = TicketView(
        "t1", "A001", "id-card", "postponed", T0, counter_id="c1", times_called=1, called_at=T0
    )
    back = TicketView(
        "t1",
        "A001",
        "id-card",
        "called",
        T0,
        counter_id="c1",
        times_called=1,
        called_at=T0.replace(minute=20),
    )
    state.apply_ticket(TicketInfo(away))
    assert list(state.postponed) == ["t1"] and Action.CALL_TICKET in state.legal_actions()
    state.apply_ticket(TicketInfo(back))  # the answer to the call back
    state.apply_ticket(TicketInfo(away))  # the postponement's event, late
    assert state.current is not None and state.current.status == "called"
    assert state.postponed == {}


@pytest.mark.parametrize(
    ("counter", "ticket", "action", "why"),
    [
        ("open", "serving", Action.CLOSE, Hindrance.VISITOR_HERE),
        ("open", "called", Action.SIGN_OUT, Hindrance.VISITOR_HERE),
        ("open", "called", Action.FINISH, Hindrance.NOT_STARTED),
        ("open", "serving", Action.NO_SHOW, Hindrance.STARTED),
        ("open", None, Action.FINISH, Hindrance.NO_VISITOR),
        ("closed", None, Action.CALL_NEXT, Hindrance.CLOSED),
        ("paused", None, Action.CALL_NEXT, Hindrance.PAUSED),
        ("open", None, Action.RESUME, Hindrance.OPEN_ALREADY),
        ("open", None, Action.CALL_TICKET, Hindrance.NOBODY_AWAY),
        ("closed", None, Action.CLOSE, Hindrance.CLOSED_ALREADY),
        ("paused", None, Action.PAUSE, Hindrance.PAUSED_ALREADY),
    ],
)
def test_a_refused_action_says_why(
    counter: str, ticket: str | None, action: Action, why: Hindrance
) -> None:
    state = _state(counter, ticket)
    assert action not in state.legal_actions()
    assert state.why_not(action) is why


def test_a_supervisor_with_nobody_to_call_hears_that_nobody_waits() -> None:
    state = _state("open", supervisor=True)
    assert Action.CALL_TICKET not in state.legal_actions()
    assert state.why_not(Action.CALL_TICKET) is Hindrance.NOBODY_WAITING
