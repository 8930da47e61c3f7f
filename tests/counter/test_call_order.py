"""The console's "next" and its lamp expect the very visitor the server's rule calls.

The console keeps its own copy of the rule (it talks to the server by protocol only), so this
checks the copy against the domain's HallPolicy on halls hypothesis makes up: regular,
priority and booked visitors, time passing (backup lines open past their target wait), and
calls made at the counter (the cap on priority calls in a row). The console knows the hall
only from the events, as its stream brings them.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from counter.state import ConsoleState
from hallserver.domain.errors import HallError
from hallserver.domain.events import Event
from hallserver.domain.hall import Hall
from hallserver.domain.ids import OperatorId
from hallserver.domain.tickets import Priority
from hallserver.protocol import CounterView, HallEvent
from tests.conftest import T0, small_catalogue

SERVICES = ("id-card", "birth", "land")


class Console:
    """A console of one counter that hears the hall only as its event stream tells it."""

    def __init__(self, hall: Hall, counter_id: str) -> None:
        self.state = ConsoleState(counter_id)
        self.state.counter = CounterView.from_json(hall.counters[counter_id].to_json())  # type: ignore[index]
        self.state.streak_cap = hall.catalogue.priority_streak_cap
        self.state.target_waits = {s.id: s.target_wait_min for s in hall.catalogue.services}
        self.seq = 0

    def hear(self, events: list[Event], now: datetime) -> None:
        for event in events:
            self.seq += 1
            raw = {
                "seq": self.seq,
                "type": event.type,
                "at": now.isoformat(),
                "actor": "test",
                "data": json.loads(json.dumps(event.data)),  # as the wire carries it
            }
            self.state.apply_event(HallEvent.from_json(raw))


def calls(hall: Hall, counter_id: str, now: datetime, most: int) -> list[str]:
    """Whom the server calls at `counter_id`, one after another, each served at once."""
    hall = copy.deepcopy(hall)
    called = []
    for _ in range(most):
        ticket, _ = hall.call_next(counter_id, now)
        if ticket is None:
            break
        called.append(ticket.number)
        hall.start(ticket.id, now)
        hall.finish(ticket.id, now)
    return called


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_consoles_next_visitors_are_whom_the_server_calls(data: st.DataObject) -> None:
    hall = Hall(small_catalogue(), T0.date())
    counter_id = data.draw(st.sampled_from(["c1", "c2", "c3"]), label="counter")
    hall.sign_in(counter_id, OperatorId("op"), T0)
    hall.open_counter(counter_id, T0)
    console = Console(hall, counter_id)
    now = T0
    for n in range(data.draw(st.integers(0, 30), label="steps")):
        step = data.draw(st.sampled_from(["regular", "priority", "booked", "wait", "serve"]))
        service = data.draw(st.sampled_from(SERVICES))
        try:
            if step == "regular":
                console.hear(hall.issue(service, now)[1], now)
            elif step == "priority":
                console.hear(hall.issue(service, now, priority=Priority.DISABLED)[1], now)
            elif step == "booked":  # the next hour's slot, checked in now (early or not)
                slot = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
                console.hear(hall.book(service, slot, f"CODE{n:02d}", now, iin=None)[1], now)
                console.hear(hall.issue(service, now, booking_code=f"CODE{n:02d}")[1], now)
            elif step == "wait":
                now += timedelta(minutes=data.draw(st.integers(1, 25)))
            else:  # a visit at this counter: the streak of priority calls moves
                ticket, events = hall.call_next(counter_id, now)
                console.hear(events, now)
                if ticket is not None:
                    console.hear(hall.start(ticket.id, now)[1], now)
                    console.hear(hall.finish(ticket.id, now)[1], now)
        except HallError:
            pass  # too early to check in, closed for the day, …: the hall refused, as it does
    server = calls(hall, counter_id, now, 8)
    assert [t.view.number for t in console.state.call_order(8, now)] == server
