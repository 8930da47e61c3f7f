"""Fairness of the next-ticket policy, checked as properties over random days in a small hall."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hallserver.domain.hall import Hall
from hallserver.domain.ids import OperatorId, ServiceId, TicketId
from hallserver.domain.tickets import Priority, QueueClass, Ticket, TicketState
from tests.conftest import T0, small_catalogue

PRIORITIES = [p for p in Priority if p is not Priority.REGULAR]
gaps = st.integers(min_value=0, max_value=240)  # seconds between steps; 0 makes ties


def open_counters(hall: Hall, *counters: str) -> None:
    for counter in counters:
        hall.sign_in(counter, OperatorId(f"op-{counter}"), T0)
        hall.open_counter(counter, T0)


def call_and_serve(hall: Hall, counter: str, now: datetime) -> Ticket | None:
    """Call the next ticket at `counter` and serve it at once, freeing the counter."""
    ticket, _ = hall.call_next(counter, now)
    if ticket is not None:
        hall.start(ticket.id, now, by_counter=counter)
        hall.finish(ticket.id, now, by_counter=counter)
    return ticket


def waiting(hall: Hall, service: str, queue_class: QueueClass) -> list[Ticket]:
    return sorted(
        (
            t
            for t in hall.tickets.values()
            if t.state is TicketState.WAITING
            and t.service == service
            and t.queue_class is queue_class
        ),
        key=lambda t: t.sort_key,
    )


@given(
    st.lists(st.tuples(st.sampled_from(("birth", "land", "call")), gaps), max_size=40),
)
def test_one_counter_with_only_regular_tickets_calls_them_in_issue_order(
    steps: list[tuple[str, int]],
) -> None:
    hall = Hall(small_catalogue(), T0.date(), enforce_hours=False)
    open_counters(hall, "c3")  # serves birth and land, both as its main services
    now = T0
    issued: list[TicketId] = []
    called: list[TicketId] = []
    for action, gap in steps:
        now += timedelta(seconds=gap)
        if action == "call":
            if (ticket := call_and_serve(hall, "c3", now)) is not None:
                called.append(ticket.id)
        else:
            issued.append(hall.issue(action, now)[0].ticket.id)
    while (ticket := call_and_serve(hall, "c3", now)) is not None:
        called.append(ticket.id)
    assert called == issued


@given(
    cap=st.integers(min_value=0, max_value=3),
    steps=st.lists(
        st.tuples(st.sampled_from(("regular", "priority", "call", "call")), gaps), max_size=50
    ),
    priorities=st.lists(st.sampled_from(PRIORITIES), min_size=1),
)
def test_priority_goes_first_but_at_most_cap_times_in_a_row_while_a_regular_waits(
    cap: int, steps: list[tuple[str, int]], priorities: list[Priority]
) -> None:
    hall = Hall(small_catalogue(priority_streak_cap=cap), T0.date(), enforce_hours=False)
    open_counters(hall, "c1")
    now = T0
    in_a_row = 0  # priority calls since the last regular call
    for number, (action, gap) in enumerate(steps):
        now += timedelta(seconds=gap)
        if action == "regular":
            hall.issue("id-card", now)
        elif action == "priority":
            priority = priorities[number % len(priorities)]
            hall.issue("id-card", now, priority=priority, priority_reason="at the desk")
        else:
            regular_waits = bool(waiting(hall, "id-card", QueueClass.REGULAR))
            priority_waits = bool(waiting(hall, "id-card", QueueClass.PRIORITY))
            ticket = call_and_serve(hall, "c1", now)
            if ticket is None:
                assert not regular_waits and not priority_waits
            elif ticket.queue_class is QueueClass.PRIORITY:
                assert not regular_waits or in_a_row < cap, (
                    f"priority call number {in_a_row + 1} in a row while a regular waits"
                )
                in_a_row += 1
            else:
                assert not priority_waits or in_a_row >= cap, "a regular went before priority"
                in_a_row = 0


@settings(max_examples=300)  # cheap, and waits of exactly the target need finding
@given(
    st.lists(
        st.tuples(
            st.sampled_from(("id-card", "birth", "call c2", "call c2", "call c1")),
            st.integers(min_value=0, max_value=8),  # whole minutes: waits hit the target exactly
        ),
        max_size=50,
    )
)
def test_a_backup_counter_serves_a_backup_service_only_once_its_head_passed_the_target_wait(
    steps: list[tuple[str, int]],
) -> None:
    hall = Hall(small_catalogue(), T0.date(), enforce_hours=False)
    open_counters(hall, "c1", "c2")  # c2: birth as main, id-card as backup
    target = timedelta(minutes=hall.services[ServiceId("id-card")].target_wait_min)
    now = T0
    for action, minutes in steps:
        now += timedelta(minutes=minutes)
        if not action.startswith("call"):
            hall.issue(action, now)
            continue
        counter = action.removeprefix("call ")
        id_cards = waiting(hall, "id-card", QueueClass.REGULAR)
        births = waiting(hall, "birth", QueueClass.REGULAR)
        ticket = call_and_serve(hall, counter, now)
        if counter == "c1":
            assert ticket is (id_cards[0] if id_cards else None)
            continue
        overdue = bool(id_cards) and now - id_cards[0].issued_at > target
        if ticket is not None and ticket.service == "id-card":
            assert ticket is id_cards[0] and overdue, (
                f"c2 called {ticket.number} after {now - ticket.issued_at}, target {target}"
            )
        elif ticket is not None:
            assert ticket is births[0]
            assert not overdue or births[0].sort_key < id_cards[0].sort_key
        else:
            assert not births and not overdue


@given(
    st.lists(
        st.tuples(
            st.sampled_from(("id-card", "birth", "land", "c1", "c2", "c3")),
            st.sampled_from(Priority),
            gaps,
        ),
        max_size=60,
    )
)
def test_several_counters_call_every_lane_in_issue_order(
    steps: list[tuple[str, Priority, int]],
) -> None:
    hall = Hall(small_catalogue(), T0.date(), enforce_hours=False)
    open_counters(hall, "c1", "c2", "c3")
    now = T0
    issued: dict[tuple[str, QueueClass], list[TicketId]] = {}
    called: dict[tuple[str, QueueClass], list[TicketId]] = {}
    for action, priority, gap in steps:
        now += timedelta(seconds=gap)
        if action.startswith("c"):
            if (ticket := call_and_serve(hall, action, now)) is not None:
                called.setdefault((ticket.service, ticket.queue_class), []).append(ticket.id)
        else:
            reason = None if priority is Priority.REGULAR else "at the desk"
            ticket = hall.issue(action, now, priority=priority, priority_reason=reason)[0].ticket
            issued.setdefault((ticket.service, ticket.queue_class), []).append(ticket.id)
    for lane, tickets in called.items():
        assert tickets == issued[lane][: len(tickets)], f"lane {lane} skipped someone"


@given(births=st.integers(min_value=0, max_value=6), gap=gaps, to_c2=st.booleans())
def test_a_transferred_visitor_keeps_their_place_unless_sent_to_another_counter(
    births: int, gap: int, to_c2: bool
) -> None:
    hall = Hall(small_catalogue(), T0.date(), enforce_hours=False)
    open_counters(hall, "c2", "c3")  # c3 serves land and birth, c2 birth (and id-card as backup)
    first = hall.issue("land", T0)[0].ticket
    later = [hall.issue("birth", T0 + timedelta(seconds=gap + i))[0].ticket for i in range(births)]
    now = T0 + timedelta(minutes=5)
    assert hall.call_next("c3", now)[0] is first
    hall.transfer(first.id, "birth", now, to_counter="c2" if to_c2 else None, by_counter="c3")
    assert first.state is TicketState.WAITING and first.issued_at == T0
    called, _ = hall.call_next("c3", now)
    if to_c2:
        assert called is (later[0] if later else None), "c3 took a visitor sent to c2"
        assert hall.call_next("c2", now)[0] is first
    else:
        assert called is first, "the transfer sent the visitor to the back of the queue"
