"""The hall aggregate: issuing, calling, serving, transfers, bookings, the day's end."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from hallserver.domain import estimates
from hallserver.domain import events as ev
from hallserver.domain.bookings import BookingState
from hallserver.domain.catalogue import Level, Service
from hallserver.domain.counters import CounterState, PauseReason
from hallserver.domain.errors import (
    Conflict,
    Forbidden,
    HallClosed,
    IllegalTransition,
    InvalidInput,
    NotFound,
)
from hallserver.domain.estimates import HORIZON, PAST_ALL, WALK_UP_S, ServiceTimes
from hallserver.domain.hall import Hall, HallState
from hallserver.domain.ids import CounterId, OperatorId, ServiceId
from hallserver.domain.tickets import Grade, Priority, Ticket, TicketState
from tests.conftest import T0, small_catalogue


@pytest.fixture
def hall() -> Hall:
    return Hall(small_catalogue(), T0.date())


def open_counter(hall: Hall, counter_id: str = "c1") -> None:
    hall.sign_in(counter_id, OperatorId(f"op-{counter_id}"), T0)
    hall.open_counter(counter_id, T0)


def test_numbers_count_per_service_from_one() -> None:
    hall = Hall(small_catalogue(), T0.date())
    numbers = [
        hall.issue(s, T0)[0].ticket.number for s in ("id-card", "id-card", "birth", "id-card")
    ]
    assert numbers == ["A001", "A002", "B001", "A003"]


def test_numbering_goes_on_from_the_tickets_when_the_saved_state_lags() -> None:
    """The saved hall state is not rewritten for each ticket: a restart takes numbering and
    order from today's tickets, by each number's prefix (a transferred A-ticket stays A)."""
    hall = Hall(small_catalogue(), T0.date())
    for service in ("id-card", "id-card", "birth"):
        hall.issue(service, T0)
    open_counter(hall)
    called = hall.call_next("c1", T0)[0]
    assert called is not None and called.number == "A001"
    hall.start(called.id, T0)
    hall.transfer(called.id, "birth", T0)
    restarted = Hall(small_catalogue(), T0.date())
    restarted.restore(
        HallState(day=T0.date()),  # as saved when the day opened
        [Ticket.from_json(t.to_json()) for t in hall.tickets.values()],
        [],
        [],
    )
    assert restarted.state.numbering == {"id-card": 2, "birth": 1}
    assert restarted.state.order == 3
    assert restarted.issue("id-card", T0)[0].ticket.number == "A003"
    assert restarted.issue("birth", T0)[0].ticket.number == "B002"


def test_issuing_reports_people_ahead_and_an_estimate(hall: Hall) -> None:
    for _ in range(3):
        hall.issue("id-card", T0)
    issued, events = hall.issue("id-card", T0)
    assert issued.estimate.people_ahead == 3
    assert issued.estimate.estimated_wait_s == 3 * 10 * 60  # typical 10 min, one counter at most
    assert [e.type for e in events] == [ev.TICKET_ISSUED]


def serve(hall: Hall, service: str, seconds: float) -> None:
    number = hall.issue(service, T0)[0].ticket.id
    hall.call_next("c1", T0)
    hall.start(number, T0)
    hall.finish(number, T0 + timedelta(seconds=seconds))


def wait_for_one_ahead(hall: Hall) -> int:
    first = hall.issue("id-card", T0)[0].ticket
    issued, _ = hall.issue("id-card", T0)
    hall.cancel(first.id, T0)
    hall.cancel(issued.ticket.id, T0)
    return issued.estimate.estimated_wait_s


def test_estimates_follow_recent_service_times(hall: Hall) -> None:
    open_counter(hall)
    for minutes in (4, 6):
        serve(hall, "id-card", minutes * 60)
    # the typical 10 minutes stand in for the three visits still missing; the visitor ahead
    # also walks to the counter, half a minute until the hall has measured it (here: at once)
    walk = (3 * WALK_UP_S + 0 + 0) / 5
    assert wait_for_one_ahead(hall) == (3 * 10 + 4 + 6) / 5 * 60 + walk
    for _ in range(3):
        serve(hall, "id-card", 5 * 60)
    assert wait_for_one_ahead(hall) == (4 + 6 + 5 + 5 + 5) / 5 * 60, "real visits alone"


def test_the_first_quick_visits_do_not_promise_a_wait_of_seconds(hall: Hall) -> None:
    open_counter(hall)
    for _ in range(3):  # the morning's first three ID cards, handed over in ten seconds
        serve(hall, "id-card", 10)
    assert wait_for_one_ahead(hall) == (2 * 10 * 60 + 3 * 10) / 5 + 2 * WALK_UP_S / 5


def test_a_lines_counters_and_estimate_follow_every_counter_change(hall: Hall) -> None:
    def line() -> tuple[int, int]:
        queue = hall.service_queue(ServiceId("id-card"), T0)
        return queue.open_counters, queue.estimate_for_new.estimated_wait_s

    for _ in range(6):
        hall.issue("id-card", T0)
    assert line() == (0, 6 * 10 * 60), "nobody signed in: six visits at one counter"
    visit = 10 * 60 + WALK_UP_S  # the typical visit, and the walk to the counter
    open_counter(hall, "c1")  # main for id-card
    assert line() == (1, 6 * visit), "c1 calls the six first"
    open_counter(hall, "c2")  # backup for id-card: it helps once the first has waited 15 min
    helps = 15 * 60 + 1
    # c1 calls the 1st and 2nd; c2 the 3rd at `helps`, then each calls the next when free:
    # c1 the 4th at 2 visits, c2 the 5th at helps + 1 visit, c1 the 6th at 3 visits, and c2
    # the new one at helps + 2 visits (c1 is free only at 4 visits)
    assert line() == (2, helps + 2 * visit)
    hall.pause_counter("c1", PauseReason.BREAK, T0)  # c2 alone: each at its target wait, no sooner
    assert line() == (1, helps + 6 * visit)
    hall.open_counter("c1", T0)
    hall.close_counter("c2", T0)
    assert line() == (1, 6 * visit)
    hall.roll_day(T0.date() + timedelta(days=1), T0 + timedelta(days=1))
    assert hall.service_queue(ServiceId("id-card"), T0).open_counters == 0


def test_a_line_only_paused_counters_serve_is_served_and_one_no_counter_serves_is_not(
    hall: Hall,
) -> None:
    id_card = ServiceId("id-card")
    hall.issue("id-card", T0)
    assert hall.unserved(id_card), "before any counter opens"
    open_counter(hall, "c1")
    hall.pause_counter("c1", PauseReason.BREAK, T0)  # lunch: the operator comes back
    queue = hall.service_queue(id_card, T0)
    assert (queue.open_counters, queue.paused_counters) == (0, 1)
    assert queue.to_json()["paused_counters"] == 1
    assert not hall.unserved(id_card) and queue.estimate_for_new.estimated_wait_s == 10 * 60
    hall.close_counter("c1", T0)
    assert hall.unserved(id_card)


def test_a_restart_on_a_changed_catalogue_keeps_todays_counters_as_the_catalogue_has_them(
    hall: Hall,
) -> None:
    open_counter(hall, "c1")
    hall.set_profile("c1", {"id-card": "main", "land": "backup"})  # for today
    catalogue = hall.catalogue
    renamed = replace(catalogue.counters[0], number=11, name=replace(catalogue.counters[0].name))
    changed = replace(
        catalogue,
        services=tuple(s for s in catalogue.services if s.id != "land"),  # dropped
        counters=(renamed, catalogue.counters[1]),  # c1 renumbered, c3 gone
    )
    restarted = Hall(changed, T0.date())
    restarted.restore(hall.state, [], list(hall.counters.values()), [])
    c1 = restarted.counters[CounterId("c1")]
    assert c1.state is CounterState.OPEN and c1.operator == "op-c1", "today's state stays"
    assert c1.number == 11 and dict(c1.profile) == {"id-card": Level.MAIN}
    assert set(restarted.counters) == {"c1", "c2"}


def test_the_hall_refuses_tickets_outside_opening_hours(hall: Hall) -> None:
    night = T0.replace(hour=21)
    with pytest.raises(HallClosed) as refused:
        hall.issue("id-card", night)
    assert refused.value.opens_at == (T0 + timedelta(days=1)).replace(hour=9)
    assert hall.tickets == {}


def test_a_suspended_service_issues_nothing(hall: Hall) -> None:
    hall.suspend_service("birth", True)
    with pytest.raises(HallClosed, match="not provided today"):
        hall.issue("birth", T0)
    hall.suspend_service("birth", False)
    assert hall.issue("birth", T0)[0].ticket.number == "B001"


def test_a_suspended_service_takes_no_booking_for_today_but_does_for_later(hall: Hall) -> None:
    hall.suspend_service("birth", True)
    with pytest.raises(Conflict) as refused:
        hall.book("birth", T0.replace(hour=15), "ACD123", T0, iin=None)
    assert refused.value.code == "service_suspended" and hall.bookings == {}
    hall.book("birth", T0.replace(hour=15) + timedelta(days=1), "ACD123", T0, iin=None)


def test_a_full_visit_moves_through_every_state(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    called, events = hall.call_next("c1", T0 + timedelta(minutes=2))
    assert called is ticket and ticket.state is TicketState.CALLED
    assert events[0].data["counter_number"] == 1 and events[0].data["wait_s"] == 120
    hall.start(ticket.id, T0, by_counter="c1")
    hall.finish(ticket.id, T0, by_counter="c1")
    hall.rate(ticket.id, Grade.EXCELLENT)
    assert ticket.state is TicketState.FINISHED and ticket.rating is Grade.EXCELLENT
    assert hall.counters["c1"].current is None


def test_a_counter_that_is_not_open_cannot_call(hall: Hall) -> None:
    hall.issue("id-card", T0)
    with pytest.raises(Conflict, match="closed"):
        hall.call_next("c1", T0)
    open_counter(hall)
    hall.pause_counter("c1", PauseReason.LUNCH, T0)
    with pytest.raises(Conflict, match="paused"):
        hall.call_next("c1", T0)


def test_a_counter_finishes_its_visitor_before_calling_the_next(hall: Hall) -> None:
    open_counter(hall)
    hall.issue("id-card", T0)
    hall.issue("id-card", T0)
    hall.call_next("c1", T0)
    with pytest.raises(Conflict, match="A001"):
        hall.call_next("c1", T0)


def test_recalls_are_limited_then_the_ticket_is_a_no_show(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    for _ in range(3):
        hall.recall(ticket.id, T0, by_counter="c1")
    assert ticket.state is TicketState.CALLED and ticket.times_called == 4
    _, events = hall.recall(ticket.id, T0, by_counter="c1")
    assert ticket.state is TicketState.NO_SHOW
    assert events[0].type == ev.TICKET_NO_SHOW and events[0].data["reason"] == "recall_limit"
    assert hall.counters["c1"].current is None


def test_an_operator_acts_only_on_tickets_at_their_counter(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    with pytest.raises(Forbidden, match="counter 1"):
        hall.start(ticket.id, T0, by_counter="c2")


def test_transfer_keeps_the_original_issue_time(hall: Hall) -> None:
    open_counter(hall)
    open_counter(hall, "c3")
    first = hall.issue("id-card", T0)[0].ticket
    later_birth = hall.issue("birth", T0 + timedelta(minutes=5))[0].ticket
    hall.call_next("c1", T0 + timedelta(minutes=6))
    hall.start(first.id, T0 + timedelta(minutes=6))
    hall.transfer(first.id, "birth", T0 + timedelta(minutes=10), note="needs a birth record")
    assert first.state is TicketState.WAITING and first.issued_at == T0
    assert first.notes == ("needs a birth record",) and first.transfers == 1
    called, _ = hall.call_next("c3", T0 + timedelta(minutes=11))
    assert called is first, "the transferred visitor was here before the birth ticket"
    assert later_birth.state is TicketState.WAITING
    # four minutes of a visit sent on is not a service time
    assert hall.times.recent(ServiceId("id-card")) == ()


def test_only_a_visitor_the_counter_could_take_counts_as_passed_over(hall: Hall) -> None:
    open_counter(hall, "c2")  # births main, ID cards as backup
    hall.issue("id-card", T0)
    hall.issue("birth", T0 + timedelta(minutes=1))
    _, [called] = hall.call_next("c2", T0 + timedelta(minutes=2))
    assert called.data["why"] == "longest_wait"
    assert called.data["out_of_order"] is False, "the ID card line is not c2's before its target"
    hall.start(called.data["ticket"]["id"], T0 + timedelta(minutes=2))
    hall.finish(called.data["ticket"]["id"], T0 + timedelta(minutes=3))
    slot = T0.replace(hour=14)
    hall.book("birth", slot, "ACD123", T0, iin=None)
    hall.issue("birth", slot - timedelta(minutes=25), booking_code="ACD123")  # early check-in
    hall.issue("birth", slot - timedelta(minutes=20))
    _, [walk_in] = hall.call_next("c2", slot - timedelta(minutes=15))
    assert walk_in.data["why"] == "backup_over_target"  # the ID card has waited since 10:00
    assert walk_in.data["out_of_order"] is False  # the earliest of all
    hall.start(walk_in.data["ticket"]["id"], slot - timedelta(minutes=15))
    hall.finish(walk_in.data["ticket"]["id"], slot - timedelta(minutes=14))
    _, [birth] = hall.call_next("c2", slot - timedelta(minutes=13))
    assert birth.data["ticket"]["number"] == "B003"  # the walk-in; B002 is booked for 14:00
    assert birth.data["out_of_order"] is False, "the appointment is not due until 14:00"


def test_a_supervisor_call_from_a_backup_line_passes_those_ahead_in_it(hall: Hall) -> None:
    open_counter(hall, "c2")  # ID cards as backup, nobody past the target yet
    first = hall.issue("id-card", T0)[0].ticket
    hall.issue("id-card", T0 + timedelta(minutes=1))
    third = hall.issue("id-card", T0 + timedelta(minutes=2))[0].ticket
    _, [called] = hall.call_ticket("c2", third.id, "urgent", T0 + timedelta(minutes=3))
    assert called.data["out_of_order"] is True, f"{first.number} came first in that very line"


def test_a_postponed_visitor_leaves_the_counter_free_and_is_called_back_there(hall: Hall) -> None:
    open_counter(hall)
    first = hall.issue("id-card", T0)[0].ticket
    second = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.start(first.id, T0)
    _, [postponed] = hall.postpone(first.id, T0 + timedelta(minutes=3), by_counter="c1")
    assert postponed.type == "ticket.postponed" and postponed.data["counter_id"] == "c1"
    assert first.state is TicketState.POSTPONED and hall.counters["c1"].current is None
    assert hall.lanes.count(ServiceId("id-card")) == 1, "out of every queue"
    assert hall.call_next("c1", T0 + timedelta(minutes=4))[0] is second  # the next one meanwhile
    with pytest.raises(Conflict, match="still has"):
        hall.call_back("c1", first.id, T0 + timedelta(minutes=5), by_counter="c1")
    hall.start(second.id, T0 + timedelta(minutes=5))
    hall.finish(second.id, T0 + timedelta(minutes=9))
    open_counter(hall, "c2")
    with pytest.raises(Forbidden, match="counter 1"):  # back to the counter that sent them
        hall.call_back("c2", first.id, T0 + timedelta(minutes=10), by_counter="c2")
    _, [called] = hall.call_back("c1", first.id, T0 + timedelta(minutes=10), by_counter="c1")
    assert (called.data["why"], called.data["out_of_order"]) == ("returned", False)
    assert first.state is TicketState.CALLED and hall.counters["c1"].current == first.id
    with pytest.raises(Conflict, match="not postponed"):  # c2 is free: A002 is finished
        hall.call_back("c2", second.id, T0 + timedelta(minutes=11))


def test_time_away_is_not_service_and_the_recalls_start_again_once_they_came(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    for _ in range(3):  # they came only at the last recall before the limit
        hall.recall(ticket.id, T0 + timedelta(minutes=1))
    hall.start(ticket.id, T0 + timedelta(minutes=1))
    hall.postpone(ticket.id, T0 + timedelta(minutes=11), by_counter="c1")  # 10 min served
    hall.call_back("c1", ticket.id, T0 + timedelta(minutes=26), by_counter="c1")  # 15 away
    assert ticket.times_called == 1, "they came to the counter: the call back is a first call"
    for _ in range(hall.catalogue.max_recalls):  # every recall again, none ends the visit
        hall.recall(ticket.id, T0 + timedelta(minutes=26), by_counter="c1")
    assert ticket.state is TicketState.CALLED
    hall.start(ticket.id, T0 + timedelta(minutes=26))
    hall.finish(ticket.id, T0 + timedelta(minutes=28))  # 2 more
    assert ticket.service_seconds() == 12 * 60
    assert hall.times.recent(ServiceId("id-card")) == (12 * 60,)
    assert hall.operator_day("op-c1")["average_service_s"] == 12 * 60
    assert (hall.operator_day("op-c1")["served"], hall.operator_day("op-c1")["no_shows"]) == (1, 0)


def test_calls_before_they_came_still_count_when_they_step_away_while_called(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.recall(ticket.id, T0)
    hall.postpone(ticket.id, T0 + timedelta(minutes=1), by_counter="c1")  # never came
    hall.call_back("c1", ticket.id, T0 + timedelta(minutes=5), by_counter="c1")
    assert ticket.times_called == 3, "called, recalled, called back"


def test_a_supervisors_call_of_a_postponed_visitor_is_a_call_back_without_a_reason(
    hall: Hall,
) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.postpone(ticket.id, T0, by_counter="c1")
    hall.pause_counter("c1", PauseReason.LUNCH, T0)  # their counter went to lunch
    open_counter(hall, "c2")  # ID cards as backup
    _, [called] = hall.call_ticket("c2", ticket.id, "", T0 + timedelta(minutes=5))
    assert called.data["why"] == "returned" and hall.counters["c2"].current == ticket.id


def test_a_postponed_visitor_whose_counter_closes_waits_in_the_queue_in_their_place(
    hall: Hall,
) -> None:
    open_counter(hall)
    first = hall.issue("id-card", T0)[0].ticket
    later = hall.issue("id-card", T0 + timedelta(minutes=1))[0].ticket
    hall.call_next("c1", T0 + timedelta(minutes=2))
    hall.postpone(first.id, T0 + timedelta(minutes=3), by_counter="c1")
    events = hall.close_counter("c1", T0 + timedelta(minutes=4))
    assert [e.type for e in events] == ["counter.changed", "ticket.released"]
    assert first.state is TicketState.WAITING and first.counter is None
    open_counter(hall, "c2")  # c2 serves ID cards as a backup: past the target by now
    assert hall.call_next("c2", T0 + timedelta(minutes=20))[0] is first, "before the later one"
    assert later.state is TicketState.WAITING


def test_a_postponed_visitor_who_never_comes_back_expires_with_the_day(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.postpone(ticket.id, T0, by_counter="c1")
    hall.roll_day(T0.date() + timedelta(days=1), T0 + timedelta(days=1))
    assert ticket.state is TicketState.EXPIRED


def test_a_visitor_sent_on_and_back_returns_to_their_counter_when_done(hall: Hall) -> None:
    open_counter(hall)
    open_counter(hall, "c3")
    ticket = hall.issue("id-card", T0)[0].ticket  # an ID card: first the fee, at births (c3)
    hall.issue("id-card", T0 + timedelta(minutes=1))  # someone else waits at c1 meanwhile
    hall.call_next("c1", T0 + timedelta(minutes=2))
    hall.start(ticket.id, T0 + timedelta(minutes=2))
    hall.transfer(ticket.id, "birth", T0 + timedelta(minutes=4), note="fee", come_back=True)
    assert (ticket.return_service, ticket.return_counter) == ("id-card", "c1")
    restored = Ticket.from_json(ticket.to_json())  # as a restart reads it
    assert (restored.return_service, restored.return_counter) == ("id-card", "c1")
    hall.call_next("c3", T0 + timedelta(minutes=5))
    with pytest.raises(Conflict) as refused:  # one return at a time
        hall.transfer(ticket.id, "land", T0 + timedelta(minutes=5), come_back=True)
    assert refused.value.code == "return_pending"
    hall.start(ticket.id, T0 + timedelta(minutes=6))
    _, [event] = hall.finish(ticket.id, T0 + timedelta(minutes=16), result="done")
    assert event.type == ev.TICKET_TRANSFERRED and event.data["returned"] is True
    assert event.data["result"] == "done" and ticket.result is None  # that visit's, not this
    assert event.data["from_counter_id"] == "c3" and event.data["to_counter_id"] == "c1"
    assert ticket.state is TicketState.WAITING and ticket.service == "id-card"
    assert ticket.target_counter == "c1" and ticket.return_service is None
    assert ticket.issued_at == T0 and ticket.transfers == 2 and ticket.notes == ("fee",)
    birth = hall.service("birth")  # as with any transfer (a restart could not rebuild it)
    assert hall.times.average_s(birth) == birth.duration_min * 60
    assert hall.call_next("c1", T0 + timedelta(minutes=17))[0] is ticket, "back before others"
    hall.start(ticket.id, T0 + timedelta(minutes=17))
    hall.finish(ticket.id, T0 + timedelta(minutes=20))
    assert ticket.state is TicketState.FINISHED
    # the ID card visit went on: two minutes before the fee, three after
    assert hall.times.recent(ServiceId("id-card")) == (5 * 60,)
    births_day = hall.operator_day("op-c3")  # served there ten minutes, finished at c1
    assert (births_day["served"], births_day["average_service_s"]) == (1, 10 * 60)
    assert hall.operator_day("op-c1")["served"] == 1


def test_a_visitor_comes_back_to_any_counter_once_theirs_has_closed(hall: Hall) -> None:
    open_counter(hall)
    open_counter(hall, "c3")
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    with pytest.raises(InvalidInput) as refused:
        hall.transfer(ticket.id, "id-card", T0, come_back=True)
    assert refused.value.code == "same_service"
    with pytest.raises(InvalidInput) as refused:  # to its own line: a requeue, not a transfer
        hall.transfer(ticket.id, "id-card", T0)
    assert refused.value.code == "same_service"
    hall.transfer(ticket.id, "birth", T0, to_counter="c3", come_back=True)
    hall.close_counter("c1", T0 + timedelta(minutes=1))
    hall.call_next("c3", T0 + timedelta(minutes=2))
    hall.start(ticket.id, T0 + timedelta(minutes=2))
    hall.finish(ticket.id, T0 + timedelta(minutes=3))
    assert ticket.state is TicketState.WAITING and ticket.service == "id-card"
    assert ticket.target_counter is None, "c1 closed: any counter serving ID cards calls it"


def test_transfer_to_a_closed_counter_is_refused(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    with pytest.raises(Conflict) as refused:  # c2 serves births, but nobody would call it
        hall.transfer(ticket.id, "birth", T0, to_counter="c2")
    assert refused.value.code == "to_counter_closed"
    assert ticket.state is TicketState.CALLED and ticket.service == "id-card"
    open_counter(hall, "c2")
    hall.transfer(ticket.id, "birth", T0, to_counter="c2")
    assert hall.call_next("c2", T0)[0] is ticket


def test_an_operator_cancels_only_a_waiting_ticket_or_the_one_at_their_counter(
    hall: Hall,
) -> None:
    open_counter(hall)
    called = hall.issue("id-card", T0)[0].ticket
    waiting = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    with pytest.raises(Forbidden, match="counter 1"):
        hall.cancel(called.id, T0, by_counter="c2")
    assert called.state is TicketState.CALLED and hall.counters["c1"].current == called.id
    hall.cancel(waiting.id, T0, by_counter="c2")  # the visitor gave up: any counter may say so
    hall.cancel(called.id, T0, by_counter="c1")
    assert {called.state, waiting.state} == {TicketState.CANCELLED}


def test_transfer_to_a_counter_that_does_not_serve_the_service_is_refused(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    with pytest.raises(Exception, match="does not serve"):
        hall.transfer(ticket.id, "land", T0, to_counter="c2")
    assert ticket.state is TicketState.CALLED and ticket.service == "id-card"


def test_cancel_takes_a_waiting_ticket_out_of_the_queue(hall: Hall) -> None:
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.cancel(ticket.id, T0, reason="issued by mistake")
    assert ticket.state is TicketState.CANCELLED and hall.lanes.count() == 0
    with pytest.raises(IllegalTransition):
        hall.cancel(ticket.id, T0)


def test_only_finished_visits_are_rated_and_only_once(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    with pytest.raises(IllegalTransition, match="finished"):
        hall.rate(ticket.id, Grade.GOOD)
    hall.call_next("c1", T0)
    hall.start(ticket.id, T0)
    hall.finish(ticket.id, T0)
    hall.rate(ticket.id, Grade.GOOD)
    with pytest.raises(IllegalTransition, match="already"):
        hall.rate(ticket.id, Grade.EXCELLENT)


def test_a_supervisor_call_out_of_order_says_why(hall: Hall) -> None:
    open_counter(hall)
    hall.issue("id-card", T0)
    second = hall.issue("id-card", T0)[0].ticket
    with pytest.raises(Exception, match="reason"):
        hall.call_ticket("c1", second.id, "  ", T0)
    _, events = hall.call_ticket("c1", second.id, "visitor with a baby", T0)
    assert events[0].data["why"] == "override"
    assert events[0].data["reason"] == "visitor with a baby"
    assert events[0].data["out_of_order"] is True


def test_a_priority_call_is_marked_out_of_order(hall: Hall) -> None:
    open_counter(hall)
    hall.issue("id-card", T0)
    hall.issue("id-card", T0, priority=Priority.DISABLED, priority_reason="wheelchair")
    _, events = hall.call_next("c1", T0)
    assert events[0].data["why"] == "priority" and events[0].data["out_of_order"] is True


def test_the_next_day_expires_what_is_left_and_numbers_restart(hall: Hall) -> None:
    open_counter(hall)
    left = hall.issue("id-card", T0)[0].ticket
    hall.issue("id-card", T0)
    hall.call_next("c1", T0)
    tomorrow = T0 + timedelta(days=1)
    events = hall.roll_day(tomorrow.date(), tomorrow)
    assert left.state is TicketState.EXPIRED
    assert [e.type for e in events].count(ev.TICKET_EXPIRED) == 2
    assert events[-1].type == ev.DAY_OPENED
    assert hall.counters["c1"].state is CounterState.CLOSED and hall.counters["c1"].operator is None
    assert hall.issue("id-card", tomorrow)[0].ticket.number == "A001"
    assert hall.roll_day(tomorrow.date(), tomorrow) == []


def test_an_operator_signs_in_at_one_counter_only(hall: Hall) -> None:
    hall.sign_in("c1", OperatorId("aigul"), T0)
    with pytest.raises(Conflict, match="counter 1"):
        hall.sign_in("c2", OperatorId("aigul"), T0)
    with pytest.raises(Conflict, match="sign out"):
        hall.sign_in("c1", OperatorId("daniyar"), T0)


def test_unknown_things_are_not_found(hall: Hall) -> None:
    with pytest.raises(NotFound):
        hall.issue("passport", T0)
    with pytest.raises(NotFound):
        hall.call_next("c9", T0)
    with pytest.raises(NotFound):
        hall.finish("20261123-A999", T0)


class TestBookings:
    """Appointments: booked for an hourly slot, checked in by code or IIN."""

    slot = T0.replace(hour=14)

    def test_a_booking_checked_in_on_time_is_due_at_its_slot(self, hall: Hall) -> None:
        booking, _ = hall.book("id-card", self.slot, "ACD123", T0, iin="900101300011")
        issued, _ = hall.issue("id-card", self.slot - timedelta(minutes=20), booking_code="acd123")
        assert issued.ticket.appointment_at == self.slot and not issued.late_for_appointment
        assert booking.ticket == issued.ticket.id

    def test_a_lines_estimate_is_what_a_walk_in_issued_now_is_told(self, hall: Hall) -> None:
        hall.book("id-card", self.slot, "ACD123", T0, iin=None)
        early = self.slot - timedelta(minutes=25)
        hall.issue("id-card", early, booking_code="ACD123")  # due at 14:00, not before
        line = hall.service_queue(ServiceId("id-card"), early)
        assert line.waiting == 1 and line.estimate_for_new.people_ahead == 0
        issued, _ = hall.issue("id-card", early)
        assert issued.estimate == line.estimate_for_new
        at_its_time = hall.service_queue(ServiceId("id-card"), self.slot)
        assert at_its_time.estimate_for_new.people_ahead == 2  # the appointment is due now

    def test_too_early_is_told_when_to_come(self, hall: Hall) -> None:
        hall.book("id-card", self.slot, "ACD123", T0, iin=None)
        with pytest.raises(HallClosed, match="13:30") as refused:
            hall.issue("id-card", self.slot - timedelta(hours=1), booking_code="ACD123")
        assert refused.value.code == "too_early"
        assert hall.tickets == {}

    def test_late_arrivals_join_the_queue_as_regular_visitors(self, hall: Hall) -> None:
        hall.book("id-card", self.slot, "ACD123", T0, iin=None)
        issued, _ = hall.issue("id-card", self.slot + timedelta(minutes=25), booking_code="ACD123")
        assert issued.late_for_appointment and issued.ticket.appointment_at is None

    def test_check_in_by_iin_finds_todays_booking(self, hall: Hall) -> None:
        hall.book("birth", self.slot, "ACD123", T0, iin="900101300011")
        issued, _ = hall.issue("id-card", self.slot, iin="900101300011")
        assert issued.ticket.service == "birth" and issued.ticket.booking_code == "ACD123"
        with pytest.raises(Conflict, match="already checked in"):
            hall.issue("id-card", self.slot, booking_code="ACD123")

    def test_check_in_by_iin_says_why_as_a_code_would_without_the_code(self, hall: Hall) -> None:
        """A visitor who lost their booked ticket is not sent to take a walk-in one."""
        iin, other, gone = "900101300011", "900101300022", "900101300033"
        hall.book("birth", self.slot, "ACD123", T0, iin=iin)
        hall.issue("id-card", self.slot, iin=iin)
        hall.book("id-card", self.slot + timedelta(days=2), "NEXT02", T0, iin=other)
        hall.book("id-card", self.slot, "GONE03", T0, iin=gone)
        hall.cancel_booking("GONE03", T0)
        for who, code in ((iin, "checked_in"), (other, "wrong_day"), (gone, "booking_cancelled")):
            with pytest.raises(Conflict) as refused:
                hall.issue("id-card", self.slot, iin=who)
            assert refused.value.code == code, who
            assert not {"ACD123", "NEXT02", "GONE03"} & set(str(refused.value).split())
        with pytest.raises(Conflict, match=r"25\.11\.2026, not today"):
            hall.issue("id-card", self.slot, iin=other)
        hall.book("id-card", self.slot, "EARLY4", T0, iin="900101300055")
        with pytest.raises(HallClosed) as early:  # too early: when, not the code
            hall.issue("id-card", self.slot - timedelta(hours=2), iin="900101300055")
        assert early.value.code == "too_early" and "EARLY4" not in str(early.value)
        with pytest.raises(NotFound) as unknown:
            hall.issue("id-card", self.slot, iin="900101300044")
        assert unknown.value.code == "booking_not_found"

    def test_a_slot_holds_its_capacity(self, hall: Hall) -> None:
        for n in range(4):
            hall.book("id-card", self.slot, f"CODE{n}", T0, iin=None)
        with pytest.raises(Conflict, match="fully booked"):
            hall.book("id-card", self.slot, "CODE9", T0, iin=None)

    def test_one_iin_holds_one_booking_in_ten_days(self, hall: Hall) -> None:
        hall.book("id-card", self.slot, "CODE1", T0, iin="900101300011")
        with pytest.raises(Conflict, match="10 days"):
            hall.book("birth", self.slot + timedelta(days=9), "CODE2", T0, iin="900101300011")
        hall.book("birth", self.slot + timedelta(days=10), "CODE3", T0, iin="900101300011")

    def test_a_booking_is_cancelled_until_its_day_is_over(self, hall: Hall) -> None:
        hall.book("id-card", self.slot, "LATE01", T0, iin=None)
        hall.book("id-card", self.slot, "PAST01", T0, iin=None)
        evening = self.slot.replace(hour=23, minute=59)  # late, but it could still check in
        assert hall.cancel_booking("late01", evening)[0].state is BookingState.CANCELLED
        with pytest.raises(Conflict) as refused:  # the next day: nothing left to free
            hall.cancel_booking("PAST01", evening + timedelta(minutes=1))
        assert refused.value.code == "booking_past"
        assert hall.booking("PAST01").state is BookingState.BOOKED

    def test_a_cancelled_booking_frees_its_slot_and_cannot_check_in(self, hall: Hall) -> None:
        hall.book("id-card", self.slot, "CODE1", T0, iin=None)
        hall.cancel_booking("CODE1", T0)
        with pytest.raises(Conflict, match="cancelled"):
            hall.issue("id-card", self.slot, booking_code="CODE1")


def test_visitors_sent_to_a_counter_that_closes_wait_for_any_counter(hall: Hall) -> None:
    open_counter(hall)
    open_counter(hall, "c2")
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.transfer(ticket.id, "birth", T0, to_counter="c2", note="birth record")
    _, events = hall.issue("birth", T0)
    events = hall.close_counter("c2", T0)
    assert [e.type for e in events] == [ev.COUNTER_CHANGED, ev.TICKET_RELEASED]
    assert ticket.target_counter is None
    open_counter(hall, "c3")
    called, _ = hall.call_next("c3", T0)
    assert called is ticket


def test_a_finished_visit_keeps_the_result_the_operator_recorded(hall: Hall) -> None:
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.start(ticket.id, T0)
    with pytest.raises(
        InvalidInput, match="unknown result 'lost'; this hall records: done, missing"
    ):
        hall.finish(ticket.id, T0, result="lost", by_counter="c1")
    assert ticket.state is TicketState.SERVING and hall.counters["c1"].current == ticket.id
    _, events = hall.finish(ticket.id, T0, result="missing", by_counter="c1")
    assert ticket.result == "missing" and events[0].data["ticket"]["result"] == "missing"
    assert Ticket.from_json(ticket.to_json()).result == "missing"


def test_a_visit_finished_without_a_result_records_none() -> None:
    hall = Hall(small_catalogue(results=()), T0.date())
    open_counter(hall)
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.start(ticket.id, T0)
    with pytest.raises(InvalidInput, match="this hall records: none"):
        hall.finish(ticket.id, T0, result="done")
    hall.finish(ticket.id, T0)
    assert ticket.state is TicketState.FINISHED and ticket.result is None


def test_a_visitor_who_stepped_away_and_did_not_come_back_is_a_no_show(hall: Hall) -> None:
    open_counter(hall)
    open_counter(hall, "c2")
    ticket = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.postpone(ticket.id, T0, by_counter="c1")
    with pytest.raises(Forbidden):  # only the counter they left lets them go
        hall.no_show(ticket.id, T0, by_counter="c2")
    _, events = hall.no_show(ticket.id, T0 + timedelta(minutes=20), by_counter="c1")
    assert ticket.state is TicketState.NO_SHOW and ticket.counter == "c1"
    assert events[0].type == ev.TICKET_NO_SHOW and events[0].data["reason"] == "not_back"
    with pytest.raises(Conflict):
        hall.call_back("c1", ticket.id, T0)


def test_the_supervisor_messages_one_counter_or_all_and_each_counter_reads_its_own(
    hall: Hall,
) -> None:
    to_all, events = hall.send_message(None, "  The system restarts\n at 18:00 ", "dana", T0)
    assert (to_all.id, to_all.text, to_all.to) == (1, "The system restarts at 18:00", None)
    assert events[0].type == ev.MESSAGE_SENT and events[0].data["message"]["sender"] == "dana"
    to_c2, _ = hall.send_message("c2", "Please take the land queue", "dana", T0)
    assert to_c2.id == 2 and to_c2.to == "c2"
    for text, to, error in (("   ", None, InvalidInput), ("x" * 201, None, InvalidInput)):
        with pytest.raises(error):
            hall.send_message(to, text, "dana", T0)
    with pytest.raises(NotFound):
        hall.send_message("c9", "hello", "dana", T0)
    assert [m.id for m in hall.state.messages] == [1, 2]
    with pytest.raises(Forbidden):  # counter 1 cannot mark counter 2's message read
        hall.read_message(2, "c1", T0)
    later = T0 + timedelta(minutes=3)
    _, read = hall.read_message(1, "c1", later)
    assert read[0].type == ev.MESSAGE_READ and read[0].data["counter_id"] == "c1"
    assert hall.read_message(1, "c1", later + timedelta(minutes=1))[1] == []  # once is enough
    assert to_all.read == {"c1": later}
    with pytest.raises(NotFound):
        hall.read_message(7, "c1", T0)
    hall.roll_day(T0.date() + timedelta(days=1), T0 + timedelta(days=1))
    assert hall.state.messages == []  # a new day starts with none


def test_a_visitor_first_in_their_line_waits_for_those_ahead_in_the_counters_other_line(
    hall: Hall,
) -> None:
    """c3 serves land plots and births, whoever came first: a birth issued after three land
    plots waits for them, though nobody is ahead of it in its own line."""
    for _ in range(3):
        hall.issue("land", T0)
    open_counter(hall, "c3")
    issued, _ = hall.issue("birth", T0 + timedelta(seconds=1))
    assert issued.estimate.people_ahead == 0
    land, birth = 30 * 60 + WALK_UP_S, 20 * 60 + WALK_UP_S  # a visit, and the walk to it
    assert issued.estimate.estimated_wait_s == 3 * land
    line = hall.service_queue(ServiceId("birth"), T0 + timedelta(seconds=1))
    assert line.estimate_for_new.estimated_wait_s == 3 * land + birth, "after B001 too"


def test_the_estimate_counts_what_is_left_of_the_visits_under_way(hall: Hall) -> None:
    open_counter(hall, "c1")
    first = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.start(first.id, T0)  # walked up at once: the walk-up average now has one 0 in it
    walk = 4 * WALK_UP_S / 5
    later = T0 + timedelta(minutes=4)
    issued, _ = hall.issue("id-card", later)
    assert issued.estimate.estimated_wait_s == 6 * 60, "10 minutes' visit, 4 of them gone"
    second = hall.issue("id-card", later)[0]
    assert second.estimate.estimated_wait_s == 6 * 60 + 10 * 60 + walk
    ten_past = T0 + timedelta(minutes=10)  # as long as every visit remembered: not over yet
    half = 10 * 60 * PAST_ALL
    assert hall.estimate_for(second.ticket, ten_past).estimated_wait_s == half + 10 * 60 + walk
    overrun = T0 + timedelta(minutes=25)
    assert hall.estimate_for(issued.ticket, overrun).estimated_wait_s == half


def test_a_visit_that_has_run_long_is_expected_to_last_as_the_long_ones_did(hall: Hall) -> None:
    """Five ID cards took 5, 5, 5, 20 and 20 minutes (11 on average). One that has run 6
    minutes is one of the long ones: 14 minutes left, not 11 - 6 = 5."""
    times = ServiceTimes()
    id_card = hall.service("id-card")
    for minutes in (5, 5, 5, 20, 20):
        times.record(id_card.id, minutes * 60)
    assert times.average_s(id_card) == 11 * 60
    assert times.remaining_s(id_card, 6 * 60) == 14 * 60
    assert times.remaining_s(id_card, 2 * 60) == (3 + 3 + 3 + 18 + 18) * 60 / 5
    assert times.remaining_s(id_card, 30 * 60) == 11 * 60 * PAST_ALL, "past every one"
    just_before = times.remaining_s(id_card, 20 * 60 - 1)  # the longest ones nearly done
    assert just_before == 11 * 60 * PAST_ALL == times.remaining_s(id_card, 20 * 60), "no jump"
    fresh = ServiceTimes()  # nothing measured: the typical duration stands in
    typical = id_card.duration_min * 60
    assert fresh.remaining_s(id_card, 60) == typical - 60
    hard_case = ServiceTimes()  # the morning's first visit took an hour: one of five, not all
    hard_case.record(id_card.id, 60 * 60)
    assert hard_case.remaining_s(id_card, typical) == (50 * 60 + 4 * typical * PAST_ALL) / 5
    assert hard_case.remaining_s(id_card, typical - 1) == pytest.approx(
        hard_case.remaining_s(id_card, typical), abs=1
    )


def test_a_line_longer_than_the_replay_goes_on_at_the_pace_the_replay_showed(hall: Hall) -> None:
    open_counter(hall, "c1")
    waiting = HORIZON + 80
    tickets = [hall.issue("id-card", T0)[0].ticket for _ in range(waiting)]
    visit = 10 * 60 + WALK_UP_S
    assert hall.estimate_for(tickets[HORIZON - 1], T0).estimated_wait_s == (HORIZON - 1) * visit
    last = hall.estimate_for(tickets[-1], T0).estimated_wait_s
    assert last == pytest.approx((waiting - 1) * visit, rel=0.01)
    line = hall.service_queue(ServiceId("id-card"), T0)
    assert line.estimate_for_new.estimated_wait_s == pytest.approx(waiting * visit, rel=0.01)


def fresh_estimate(hall: Hall, ticket: Ticket, now: datetime) -> int:
    """What a hall that has just read the same tickets and counters would say: no forecast
    kept from before."""
    again = Hall(hall.catalogue, hall.state.day)
    again.restore(
        HallState(day=hall.state.day),
        [Ticket.from_json(t.to_json()) for t in hall.tickets.values()],
        [replace(c) for c in hall.counters.values()],
        [],
    )
    return again.estimate_for(again.tickets[ticket.id], now).estimated_wait_s


def test_a_visit_that_starts_or_a_recall_moves_the_estimates(hall: Hall) -> None:
    open_counter(hall, "c1")
    first, *waiting = [hall.issue("id-card", T0)[0].ticket for _ in range(4)]
    hall.call_next("c1", T0)
    last = waiting[-1]
    hall.estimate_for(last, T0 + timedelta(seconds=600))  # a forecast made, kept for a minute
    hall.start(first.id, T0 + timedelta(seconds=610))  # a long walk: the visit starts late
    now = T0 + timedelta(seconds=620)
    assert hall.estimate_for(last, now).estimated_wait_s == fresh_estimate(hall, last, now)
    hall.finish(first.id, now)
    second = hall.call_next("c1", now)[0]
    assert second is not None
    hall.estimate_for(last, now + timedelta(seconds=600))
    hall.recall(second.id, now + timedelta(seconds=605))  # not there yet: called again
    later = now + timedelta(seconds=610)
    assert hall.estimate_for(last, later).estimated_wait_s == fresh_estimate(hall, last, later)
    assert hall.estimate_for(last, later).estimated_wait_s > 0


def test_a_backup_counter_helps_past_the_target_though_the_lines_first_waits_for_another(
    hall: Hall,
) -> None:
    """c2 serves births, and ID cards as backup. A visitor sent from births to c1's ID cards
    stands first in that line; c2 passes them by and calls the next once past the target."""
    open_counter(hall, "c1")
    open_counter(hall, "c2")
    for _ in range(5):  # today's ID cards took 40 minutes each: c1 is busy a long while
        hall.times.record(ServiceId("id-card"), 40 * 60)
    sent = hall.issue("birth", T0 - timedelta(minutes=1))[0].ticket
    hall.call_next("c2", T0)
    hall.start(sent.id, T0)
    busy = hall.issue("id-card", T0)[0].ticket
    hall.call_next("c1", T0)
    hall.start(busy.id, T0)  # c1 busy with its own visit
    hall.transfer(sent.id, "id-card", T0, to_counter="c1")  # c2 is free again
    after = hall.issue("id-card", T0 + timedelta(seconds=1))[0].ticket
    assert hall.estimate_for(after, T0 + timedelta(seconds=1)).estimated_wait_s == 15 * 60 + 1
    assert hall.call_next("c2", T0 + timedelta(minutes=15, seconds=2))[0] is after


def test_past_the_replay_the_lines_go_on_from_the_counters_next_calls() -> None:
    """More counters free at once than the replay calls: the visitors past it are not told
    they go at once, but the rounds it takes to reach them."""
    catalogue = small_catalogue()
    spec = catalogue.counters[0]  # ID cards, as main work
    counters = tuple(replace(spec, id=CounterId(f"c{n}"), number=n) for n in range(1, HORIZON + 21))
    hall = Hall(replace(catalogue, counters=counters), T0.date())
    for counter in counters:
        open_counter(hall, counter.id)
    tickets = [hall.issue("id-card", T0)[0].ticket for _ in range(400)]
    visit = 10 * 60 + WALK_UP_S
    rounds = [index // len(counters) * visit for index in range(400)]  # the exact calls
    told = [hall.estimate_for(t, T0).estimated_wait_s for t in tickets]
    assert told[:HORIZON] == rounds[:HORIZON], "the replay's own calls"
    assert all(abs(t - r) <= visit for t, r in zip(told, rounds, strict=True)), "within a visit"
    assert told[-1] >= rounds[-1] > 0


def test_past_the_replay_a_ticket_waits_for_its_counters_other_lines_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """c3 serves land plots and births: one land plot came first, then 61 births, then 20 land
    plots. The replay ends among the births; the land plots after them are told what a replay
    to the end says (the births' visits ahead of them), and so is a new one."""
    hall = Hall(small_catalogue(), T0.date(), enforce_hours=False)
    open_counter(hall, "c3")
    base = T0 - timedelta(hours=3)
    hall.issue("land", base)
    for second in range(61):
        hall.issue("birth", base + timedelta(seconds=1 + second))
    lands = [
        hall.issue("land", base + timedelta(minutes=10, seconds=s))[0].ticket for s in range(20)
    ]

    def told() -> list[int]:
        queue = hall.service_queue(ServiceId("land"), T0).estimate_for_new.estimated_wait_s
        return [hall.estimate_for(t, T0).estimated_wait_s for t in lands] + [queue]

    cut = told()
    monkeypatch.setattr(estimates, "HORIZON", 10_000)
    hall.revise_service(hall.services[ServiceId("land")])  # nothing changed: made again
    assert cut == told()
    assert cut[0] == (30 * 60 + WALK_UP_S) + 61 * (20 * 60 + WALK_UP_S)  # the first land, births


def test_estimating_changes_nothing_and_a_restart_estimates_alike(hall: Hall) -> None:
    for counter in ("c1", "c2", "c3"):
        open_counter(hall, counter)
    for minutes, service in enumerate(("id-card", "birth", "land") * 4):
        hall.issue(service, T0 + timedelta(minutes=minutes))
    for index, counter in enumerate(("c1", "c2", "c3")):  # a visit under way at each
        called = hall.call_next(counter, T0 + timedelta(minutes=12 + index))[0]
        assert called is not None
        hall.start(called.id, T0 + timedelta(minutes=12 + index, seconds=40))
    hall.issue("id-card", T0 + timedelta(minutes=13), priority=Priority.ELDERLY)
    now = T0 + timedelta(minutes=20)
    before = [(c.id, c.priority_streak, c.current) for c in hall.counters.values()]
    lines = [hall.service_queue(ServiceId(s), now).estimate_for_new for s in hall.services]
    assert [(c.id, c.priority_streak, c.current) for c in hall.counters.values()] == before
    restarted = Hall(small_catalogue(), T0.date())
    restarted.restore(
        HallState(day=T0.date()),
        [Ticket.from_json(t.to_json()) for t in hall.tickets.values()],
        [replace(c) for c in hall.counters.values()],
        [],
    )
    again = [restarted.service_queue(ServiceId(s), now).estimate_for_new for s in hall.services]
    assert again == lines
    for counter in hall.counters.values():  # the next calls go as if nobody had estimated
        assert counter.current is not None
        hall.finish(counter.current, now)
    calls = [hall.call_next(c, now)[0] for c in ("c1", "c2", "c3")]
    assert [t.number if t else None for t in calls] == ["A005", "A002", "B002"]


def test_with_no_counter_open_the_estimate_counts_the_paused_ones_coming_back(
    hall: Hall,
) -> None:
    def estimate() -> int:
        return hall.service_queue(ServiceId("birth"), T0).estimate_for_new.estimated_wait_s

    for _ in range(6):
        hall.issue("birth", T0)
    one_counter = 6 * 20 * 60  # births take 20 minutes
    assert estimate() == one_counter  # nobody signed in yet: one counter, as before
    for counter in ("c2", "c3"):  # both serve births, both on a break
        open_counter(hall, counter)
        hall.pause_counter(counter, PauseReason.BREAK, T0)
    assert estimate() == one_counter / 2
    hall.open_counter("c3", T0)  # one open: the estimate is that one's, not the paused one's
    assert estimate() == 6 * (20 * 60 + WALK_UP_S)  # its six visits, each with the walk to it


def test_an_operator_calls_the_next_of_one_line_and_the_event_says_so(hall: Hall) -> None:
    open_counter(hall, "c2")  # births main, ID cards backup
    birth = hall.issue("birth", T0)[0].ticket
    card = hall.issue("id-card", T0 + timedelta(minutes=1))[0].ticket
    later = T0 + timedelta(minutes=2)
    with pytest.raises(InvalidInput, match="does not serve Land"):
        hall.call_next("c2", later, service_id="land")
    with pytest.raises(NotFound):
        hall.call_next("c2", later, service_id="passport")
    called, events = hall.call_next("c2", later, service_id="id-card")  # before its target
    assert called is card and events[0].data["chosen_service"] == "id-card"
    assert events[0].data["why"] == "longest_wait"
    assert events[0].data["out_of_order"] is True  # the birth visitor came first: not silent
    hall.no_show(card.id, later)
    assert hall.call_next("c2", later, service_id="id-card") == (None, [])  # nobody left there
    called, events = hall.call_next("c2", later)
    assert called is birth and "chosen_service" not in events[0].data


def test_calling_from_one_line_past_a_due_appointment_in_another_is_out_of_order(
    hall: Hall,
) -> None:
    open_counter(hall, "c2")  # births main, ID cards backup
    slot = T0.replace(hour=14)
    card = hall.issue("id-card", slot - timedelta(minutes=40))[0].ticket
    hall.book("birth", slot, "ACD123", T0, iin=None)
    hall.issue("birth", slot - timedelta(minutes=5), booking_code="ACD123")  # due at 14:00
    called, [event] = hall.call_next("c2", slot + timedelta(minutes=5), service_id="id-card")
    assert called is card  # issued before the booked visitor checked in …
    assert event.data["out_of_order"] is True  # … yet the rules would have called them first


def test_a_ticket_is_called_in_turn_by_an_open_main_counter_or_the_one_it_was_sent_to(
    hall: Hall,
) -> None:
    issued, _ = hall.issue("id-card", T0)
    ticket = issued.ticket
    assert not hall.called_in_turn(ticket)  # nobody open yet
    open_counter(hall, "c2")  # ID cards only as its backup: late, not in turn
    assert not hall.called_in_turn(ticket)
    open_counter(hall, "c1")
    assert hall.called_in_turn(ticket)
    sent_to_c2 = replace(ticket, target_counter=CounterId("c2"))
    assert hall.called_in_turn(sent_to_c2)
    hall.pause_counter("c2", PauseReason.LUNCH, T0)
    assert not hall.called_in_turn(sent_to_c2)  # c1 is open, but only c2 may call it


def test_a_command_that_changes_nothing_logs_nothing_and_keeps_the_time_it_began(
    hall: Hall,
) -> None:
    """Pausing a paused counter again must not restart the board's pause alert, and a
    repeated close, suspension, resumption or announcement adds nothing to the log."""
    open_counter(hall)
    assert hall.pause_counter("c1", PauseReason.LUNCH, T0)
    later = T0 + timedelta(minutes=55)
    assert hall.pause_counter("c1", PauseReason.LUNCH, later) == []
    counter = hall.counters[CounterId("c1")]
    assert counter.state_since == T0
    changed = hall.pause_counter("c1", PauseReason.TECHNICAL, later)  # another reason: said
    assert [e.data["counter"]["pause_reason"] for e in changed] == ["technical"]  # type: ignore[index]
    assert counter.state_since == T0, "paused since it first paused"
    assert hall.close_counter("c1", later) and hall.close_counter("c1", later) == []
    assert hall.suspend_service("birth", True) and hall.suspend_service("birth", True) == []
    assert hall.suspend_service("birth", False) and hall.suspend_service("birth", False) == []
    assert hall.announce({"kk": "Сәлем"}) and hall.announce({"kk": " Сәлем "}) == []
    assert hall.announce({}) and hall.announce({}) == []


def test_counters_free_at_one_moment_call_in_the_halls_order_whatever_the_last_bit(
    hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """c2 (births) and c3 (land plots and births) end their visits together; a birth and then
    a land plot wait. Which counter was free first had been decided by the last bit of a sum
    of visit times: the land plot was told 10 or 30 minutes by a nanosecond."""
    open_counter(hall, "c2")
    open_counter(hall, "c3")
    for counter, service in (("c2", "birth"), ("c3", "land")):
        visitor = hall.issue(service, T0)[0].ticket
        assert hall.call_next(counter, T0)[0] is visitor
        hall.start(visitor.id, T0 + timedelta(minutes=1))
    hall.issue("birth", T0 + timedelta(minutes=2))
    land = hall.issue("land", T0 + timedelta(minutes=3))[0].ticket
    now = T0 + timedelta(minutes=4)
    real = hall.times.remaining_s
    waits = []
    for nudged in ("birth", "land"):

        def remaining_s(service: Service, served_s: float, nudged: str = nudged) -> float:
            return 600.0 + (1e-9 if service.id == nudged else 0.0)

        monkeypatch.setattr(hall.times, "remaining_s", remaining_s)
        hall._forecast = None  # made again with these times
        waits.append(hall.estimate_for(land, now).estimated_wait_s)
    monkeypatch.setattr(hall.times, "remaining_s", real)
    assert waits[0] == waits[1] == 600, "c2 calls the birth, c3 the land plot, both at once"
