"""Random command sequences against one hall: the queue's rules hold after every step.

The machine drives a `Hall` (the small catalogue, time moving forward by small steps, now and
then a new day) with every command the hall has, and checks after each step the rules of
DESIGN.md "Rules the queue keeps":

1. within one service and queue class, a counter calls the first ticket of the lane it may
   take: issue order (issued_at, order) for regular and priority tickets, slot order for
   appointments, skipping only tickets sent to another counter by a transfer; only a
   supervisor's override (which must give a reason) calls out of that order;
2. a counter calls only tickets of the services in its profile, overrides included;
3. a called or served ticket is held by exactly one counter, and that counter holds only it;
4. no ticket number repeats within a day, and numbering starts again each day;
5. a refused command changes nothing.

Besides: every waiting ticket stands in exactly one lane (its service and class) and nothing
else does; counts and estimates add up; every event carries the ticket as it is after the
command; each `ticket.called` is the pick a model of the routing policy expects.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from hallserver.domain import events as ev
from hallserver.domain.bookings import Booking, BookingState
from hallserver.domain.catalogue import Level
from hallserver.domain.counters import CounterState, PauseReason
from hallserver.domain.errors import HallError
from hallserver.domain.events import Event
from hallserver.domain.hall import Hall
from hallserver.domain.ids import LANGS, CounterId, Lang, OperatorId, ServiceId, TicketId
from hallserver.domain.routing import lane_key
from hallserver.domain.tickets import Grade, Priority, QueueClass, Ticket, TicketState
from tests.conftest import T0, small_catalogue

SERVICES = ("id-card", "birth", "land")
COUNTERS = ("c1", "c2", "c3")
OPERATORS = ("op1", "op2", "op3", "op4")
IINS = ("900101300001", "850505400002", "770707300003")
UNKNOWN_TICKET = "20261123-Z999"
LATEST = time(23, 0)  # the clock stays inside its day: only roll_day moves to the next one

services = st.sampled_from(SERVICES)
services_or_unknown = st.sampled_from((*SERVICES, *SERVICES, "passport"))  # mostly known
counters = st.sampled_from(COUNTERS)
picks = st.integers(min_value=0, max_value=63)
ticket_pools = st.sampled_from(("held", "held", "waiting", "any"))
acting = st.sampled_from(("anyone", "own", "other"))
seeing_off = st.sampled_from(
    (
        "keep",
        "finish",
        "finish",
        "no_show",
        "requeue",
        "cancel",
        "transfer",
        "transfer_to_counter",
        "transfer_and_back",
        "transfer_and_back",
    )
)

Snapshot = dict[str, object]
LaneKey = tuple[datetime, datetime, int]


@dataclass(frozen=True)
class Waiting:
    """A waiting ticket as it stood just before a command."""

    id: TicketId
    service: ServiceId
    queue_class: QueueClass
    key: LaneKey
    target: CounterId | None
    issued_at: datetime
    appointment_at: datetime | None

    @classmethod
    def of(cls, ticket: Ticket) -> Waiting:
        return cls(
            id=ticket.id,
            service=ticket.service,
            queue_class=ticket.queue_class,
            key=lane_key(ticket),
            target=ticket.target_counter,
            issued_at=ticket.issued_at,
            appointment_at=ticket.appointment_at,
        )

    def open_to(self, counter: str) -> bool:
        """Whether `counter` may take this ticket without an override."""
        return self.target is None or self.target == counter


@dataclass(frozen=True)
class Before:
    """What the hall looked like just before a command."""

    now: datetime
    snapshot: Snapshot
    waiting: tuple[Waiting, ...]
    profiles: dict[CounterId, dict[ServiceId, Level]]
    streaks: dict[CounterId, int]
    times_called: dict[TicketId, int]


def snapshot(hall: Hall) -> Snapshot:
    """Everything a command could change, as plain comparable data."""
    return {
        "tickets": {ticket_id: t.to_json() for ticket_id, t in hall.tickets.items()},
        "counters": {counter_id: c.to_json() for counter_id, c in hall.counters.items()},
        "state": dataclasses.asdict(hall.state),
        "bookings": {code: b.to_json() for code, b in hall.bookings.items()},
        "lanes": {
            f"{service}/{queue_class.value}": [t.id for t in hall.lanes.lane(service, queue_class)]
            for service in hall.services
            for queue_class in QueueClass
        },
        "in_any_lane": sorted(t.id for t in hall.lanes),
        "lane_count": hall.lanes.count(),
        "service_times": {s.id: hall.times.average_s(s) for s in hall.catalogue.services},
    }


def model_pick(before: Before, hall: Hall, counter: CounterId) -> tuple[TicketId, str] | None:
    """The routing rules written out plainly: what `call_next` at `counter` must call."""
    profile = before.profiles[counter]

    def heads(queue_class: QueueClass) -> list[tuple[Waiting, Level]]:
        found = []
        for service_id, level in sorted(profile.items()):
            lane = sorted(
                (
                    w
                    for w in before.waiting
                    if w.service == service_id and w.queue_class is queue_class
                ),
                key=lambda w: w.key,
            )
            head = next((w for w in lane if w.open_to(counter)), None)
            if head is None:
                continue
            target = timedelta(minutes=hall.services[service_id].target_wait_min)
            if (
                level is Level.BACKUP
                and queue_class is not QueueClass.APPOINTMENT
                and before.now - head.issued_at <= target
            ):
                continue
            found.append((head, level))
        return found

    appointments = heads(QueueClass.APPOINTMENT)
    due = [
        w
        for w, _ in appointments
        if w.appointment_at is not None and w.appointment_at <= before.now
    ]
    if due:
        return min(due, key=lambda w: w.key).id, "appointment"
    priority = heads(QueueClass.PRIORITY)
    regular = heads(QueueClass.REGULAR)
    capped = bool(regular) and before.streaks[counter] >= hall.catalogue.priority_streak_cap
    if priority and not capped:
        return min(priority, key=lambda p: p[0].key)[0].id, "priority"
    if regular:
        head, level = min(regular, key=lambda p: p[0].key)
        return head.id, "backup_over_target" if level is Level.BACKUP else "longest_wait"
    if appointments:
        return min((w for w, _ in appointments), key=lambda w: w.key).id, "early_appointment"
    return None


class QueueMachine(RuleBasedStateMachine):
    """One hall under random commands; the model keeps only what the rules need."""

    def __init__(self) -> None:
        super().__init__()
        self.hall = Hall(small_catalogue(), T0.date())
        self.now = T0
        self.known: dict[TicketId, Ticket] = {}  # every ticket ever issued, across days
        self.numbers_today: set[str] = set()
        self.issued_today: dict[ServiceId, int] = {}
        self.codes: list[str] = []
        self.next_code = 0

    # ------------------------------------------------------------------ helpers

    def before(self) -> Before:
        return Before(
            now=self.now,
            snapshot=snapshot(self.hall),
            waiting=tuple(
                Waiting.of(t) for t in self.hall.tickets.values() if t.state is TicketState.WAITING
            ),
            profiles={cid: dict(c.profile) for cid, c in self.hall.counters.items()},
            streaks={cid: c.priority_streak for cid, c in self.hall.counters.items()},
            times_called={tid: t.times_called for tid, t in self.hall.tickets.items()},
        )

    def apply(
        self, command: Callable[[], list[Event] | tuple[object, list[Event]]]
    ) -> tuple[Before, list[Event] | None]:
        """Run one command; a refusal must leave the hall exactly as it was."""
        before = self.before()
        try:
            result = command()
        except HallError as refusal:
            assert snapshot(self.hall) == before.snapshot, (
                f"refused ({refusal.code}: {refusal}) but the hall changed"
            )
            return before, None
        events = result if isinstance(result, list) else result[1]
        if not events:
            assert snapshot(self.hall) == before.snapshot, "no events, yet the hall changed"
        self.check_events(before, events)
        return before, events

    def choose_ticket(self, pool: str, pick: int) -> str:
        tickets = sorted(self.hall.tickets.values(), key=lambda t: t.order)
        if pool == "held":
            chosen = [t for t in tickets if t.state in (TicketState.CALLED, TicketState.SERVING)]
        elif pool == "waiting":
            chosen = [t for t in tickets if t.state is TicketState.WAITING]
        elif pool == "postponed":
            chosen = [t for t in tickets if t.state is TicketState.POSTPONED]
        else:
            chosen = tickets
        chosen = chosen or tickets
        if not chosen or pick == 63:  # now and then a ticket that does not exist
            return UNKNOWN_TICKET
        return chosen[pick % len(chosen)].id

    def acting_counter(self, ticket_id: str, who: str) -> str | None:
        ticket = self.hall.tickets.get(TicketId(ticket_id))
        own = ticket.counter if ticket is not None else None
        if who == "own":
            return own
        if who == "other":
            return next(c for c in COUNTERS if c != own)
        return None

    def set_clock(self, moment: datetime) -> None:
        latest = datetime.combine(self.hall.state.day, LATEST, tzinfo=T0.tzinfo)
        self.now = max(self.now, min(moment, latest))

    # ------------------------------------------------------------------ event checks

    def check_events(self, before: Before, events: Sequence[Event]) -> None:
        for event in events:
            data = event.data.get("ticket")
            if isinstance(data, dict):
                ticket_id = TicketId(str(data["id"]))
                if event.type == ev.TICKET_ISSUED:
                    self.check_issued(ticket_id)
                assert data == self.known[ticket_id].to_json(), (
                    f"{event.type} carries a stale ticket"
                )
            if event.type == ev.TICKET_CALLED:
                self.check_called(before, event)
            elif event.type == ev.TICKET_RECALLED and isinstance(data, dict):
                assert before.times_called[TicketId(str(data["id"]))] <= (
                    self.hall.catalogue.max_recalls
                )
            elif event.type == ev.TICKET_NO_SHOW and event.data["reason"] == "recall_limit":
                assert isinstance(data, dict)
                assert before.times_called[TicketId(str(data["id"]))] > (
                    self.hall.catalogue.max_recalls
                )

    def check_issued(self, ticket_id: TicketId) -> None:
        ticket = self.hall.tickets[ticket_id]
        assert ticket_id not in self.known, f"ticket id {ticket_id} issued twice"
        assert ticket.number not in self.numbers_today, f"{ticket.number} repeats today"
        count = self.issued_today.get(ticket.service, 0) + 1
        prefix = self.hall.services[ticket.service].prefix
        assert ticket.number == f"{prefix}{count:03d}"
        assert ticket.id.startswith(f"{self.hall.state.day:%Y%m%d}-")
        assert ticket.issued_at == self.now
        self.issued_today[ticket.service] = count
        self.numbers_today.add(ticket.number)
        self.known[ticket_id] = ticket

    def check_called(self, before: Before, event: Event) -> None:
        data = event.data
        ticket_json = data["ticket"]
        assert isinstance(ticket_json, dict)
        ticket_id = TicketId(str(ticket_json["id"]))
        counter_id = CounterId(str(data["counter_id"]))
        why = data["why"]
        if why == "returned":  # a postponed visitor back at their counter: out of every queue
            held = before.snapshot["tickets"][ticket_id]
            assert held["status"] == "postponed", "only a postponed ticket is called back"
            assert (
                counter_id in before.profiles and held["service_id"] in before.profiles[counter_id]
            )
            assert data["out_of_order"] is False and ticket_id not in before.snapshot["in_any_lane"]
            return
        waiting = {w.id: w for w in before.waiting}
        assert ticket_id in waiting, "only a waiting ticket can be called"
        called = waiting[ticket_id]

        # Rule 2: the counter's profile, overrides included.
        assert called.service in before.profiles[counter_id], (
            f"{counter_id} called {ticket_json['number']} of {called.service}, "
            f"outside its profile {sorted(before.profiles[counter_id])}"
        )

        # Rule 1: nobody the counter could take waits ahead in the same lane.
        skipped = [
            w
            for w in before.waiting
            if w.service == called.service
            and w.queue_class is called.queue_class
            and w.key < called.key
            and w.open_to(counter_id)
        ]
        if why == "override":
            assert isinstance(data["reason"], str) and data["reason"].strip()
        else:
            assert data["reason"] is None
            assert called.open_to(counter_id), "took a ticket sent to another counter"
            assert not skipped, (
                f"{counter_id} called {ticket_json['number']} ahead of {[w.id for w in skipped]}"
            )
            chosen = data.get("chosen_service")
            if chosen is None:
                assert (ticket_id, why) == model_pick(before, self.hall, counter_id)
            else:  # the operator chose one line: the rules, over that line alone, as a main one
                assert chosen == called.service
                line = {ServiceId(str(chosen)): Level.MAIN}
                only = dataclasses.replace(before, profiles={**before.profiles, counter_id: line})
                assert (ticket_id, why) == model_pick(only, self.hall, counter_id)

        # The event's out_of_order flag means: someone who came earlier and whom this counter
        # serves now still waits. Not served yet: a backup line before its target wait (unless
        # the call comes from that line), an appointment before its time.
        def could_take(w: Waiting) -> bool:
            level = before.profiles[counter_id].get(w.service)
            if level is None or not w.open_to(counter_id):
                return False
            if w.queue_class is QueueClass.APPOINTMENT:
                return w.appointment_at is None or w.appointment_at <= before.now
            if level is not Level.BACKUP or w.service == called.service:
                return True
            target = timedelta(minutes=self.hall.services[w.service].target_wait_min)
            return before.now - w.issued_at > target

        earlier = any(
            w.id != ticket_id and could_take(w) and w.key[1:] < called.key[1:]
            for w in before.waiting
        )
        if data.get("chosen_service") is not None:  # passing whom the rules would have called
            ruled = model_pick(before, self.hall, counter_id)
            earlier = earlier or (ruled is not None and ruled[0] != ticket_id)
        assert data["out_of_order"] is earlier

        ticket = self.hall.tickets[ticket_id]
        counter = self.hall.counters[counter_id]
        assert ticket.state is TicketState.CALLED
        assert ticket.counter == counter_id and counter.current == ticket_id
        assert ticket.target_counter is None and ticket.called_at == self.now
        assert data["wait_s"] == int((self.now - called.issued_at).total_seconds()) >= 0
        streak = before.streaks[counter_id]
        expected_streak = {"priority": streak + 1, "longest_wait": 0, "backup_over_target": 0}
        assert counter.priority_streak == expected_streak.get(str(why), streak)

    # ------------------------------------------------------------------ the clock and the day

    @initialize(issued=st.lists(services, min_size=2, max_size=6))
    def open_the_hall(self, issued: list[str]) -> None:
        for counter, operator in zip(COUNTERS, OPERATORS, strict=False):
            self.apply(partial(self.hall.sign_in, counter, OperatorId(operator), T0))
            self.apply(partial(self.hall.open_counter, counter, T0))
        for service in issued:
            self.apply(partial(self.hall.issue, service, T0))

    @rule(minutes=st.integers(0, 15), seconds=st.sampled_from((0, 0, 0, 1, 30)))
    def time_passes(self, minutes: int, seconds: int) -> None:
        """Mostly whole minutes, so waits often equal a target wait exactly."""
        self.set_clock(self.now + timedelta(minutes=minutes, seconds=seconds))

    @precondition(lambda self: len(self.hall.tickets) >= 8)
    @rule(
        days=st.integers(min_value=0, max_value=2),
        minutes=st.integers(0, 150),
        staff=st.sets(counters),
    )
    def roll_day(self, days: int, minutes: int, staff: set[str]) -> None:
        """A new business day (or, with days=0, a no-op); then some operators come in."""
        day: date = self.hall.state.day + timedelta(days=days)
        if days and day.weekday() == 6:  # Sunday: the hall is closed, go on to Monday
            day += timedelta(days=1)
        if days:
            self.now = datetime.combine(day, time(9), tzinfo=T0.tzinfo) + timedelta(minutes=minutes)
        was_open = [t for t in self.hall.tickets.values() if t.state.is_open]
        _, events = self.apply(lambda: self.hall.roll_day(day, self.now))
        assert events is not None
        if not days:
            assert events == [], "rolling to the same day is a no-op"
            return
        assert all(t.state is TicketState.EXPIRED for t in was_open)
        expired = [e for e in events if e.type == ev.TICKET_EXPIRED]
        assert len(expired) == len(was_open)
        assert events[-1].type == ev.DAY_OPENED
        assert self.hall.tickets == {} and self.hall.lanes.count() == 0
        assert all(
            c.state is CounterState.CLOSED and c.operator is None and c.current is None
            for c in self.hall.counters.values()
        )
        self.numbers_today.clear()
        self.issued_today.clear()
        for counter, operator in zip(COUNTERS, OPERATORS, strict=False):
            if counter in staff:
                self.apply(partial(self.hall.sign_in, counter, OperatorId(operator), self.now))
                self.apply(partial(self.hall.open_counter, counter, self.now))

    # ------------------------------------------------------------------ issuing and bookings

    @rule(
        visitors=st.lists(
            st.tuples(
                services_or_unknown,
                st.sampled_from(Priority) | st.just(Priority.REGULAR),
                st.sampled_from(LANGS),
            ),
            min_size=1,
            max_size=3,
        )
    )
    def issue(self, visitors: list[tuple[str, Priority, Lang]]) -> None:
        for service, priority, language in visitors:
            reason = None if priority is Priority.REGULAR else "at the desk"
            _, events = self.apply(
                partial(
                    self.hall.issue,
                    service,
                    self.now,
                    priority=priority,
                    priority_reason=reason,
                    language=language,
                )
            )
            if events is not None:
                ticket = self.known[TicketId(str(_ticket_of(events[0])["id"]))]
                assert ticket.priority is priority and ticket.state is TicketState.WAITING

    @rule(
        service=services_or_unknown,
        days=st.sampled_from((0, 0, 0, 1, 2)),
        hours_ahead=st.integers(-1, 4),
        minute=st.sampled_from((0, 0, 0, 0, 30)),
        reuse=st.booleans(),
        iin=st.none() | st.sampled_from(IINS),
        arrive=st.none() | st.integers(-45, 20),
    )
    def book(
        self,
        service: str,
        days: int,
        hours_ahead: int,
        minute: int,
        reuse: bool,
        iin: str | None,
        arrive: int | None,
    ) -> None:
        """Book a slot; for a slot today, perhaps come and check in around it."""
        day = self.hall.state.day + timedelta(days=days)
        hour = self.now.hour + 1 if days == 0 else 9
        slot = datetime.combine(day, time(0, minute), tzinfo=T0.tzinfo) + timedelta(
            hours=hour + hours_ahead
        )
        if reuse and self.codes:
            code = self.codes[-1]
        else:
            self.next_code += 1
            code = f"BK{self.next_code:04d}"
        _, events = self.apply(lambda: self.hall.book(service, slot, code, self.now, iin=iin))
        if events is not None:
            self.codes.append(code)
            if arrive is not None and days == 0:
                self.check_in_booking(self.hall.bookings[code], arrive, iin is not None, None)

    def choose_booking(self, pick: int) -> Booking | None:
        """Mostly a booking still to check in today; now and then any booking at all."""
        bookings = [self.hall.bookings[c] for c in self.codes if c in self.hall.bookings]
        today = [
            b
            for b in bookings
            if b.state is BookingState.BOOKED and b.slot_at.date() == self.hall.state.day
        ]
        chosen = today if today and pick % 4 else bookings
        return chosen[pick % len(chosen)] if chosen else None

    @rule(
        pick=picks,
        by_iin=st.booleans(),
        priority=st.sampled_from(Priority),
        arrive=st.none() | st.integers(-45, 20),
        cancel=st.sampled_from((False, False, False, True)),
    )
    def check_in(
        self, pick: int, by_iin: bool, priority: Priority, arrive: int | None, cancel: bool
    ) -> None:
        """A booked visitor checks in, or calls the booking off."""
        booking = self.choose_booking(pick)
        if booking is not None and cancel:
            code = booking.code
            self.apply(lambda: self.hall.cancel_booking(code, self.now))
        elif booking is not None:
            self.check_in_booking(booking, arrive, by_iin, priority)

    def check_in_booking(
        self, booking: Booking, arrive: int | None, by_iin: bool, priority: Priority | None
    ) -> None:
        """A booked visitor checks in: too early, in time, or late (minutes from the slot)."""
        if arrive is not None and booking.slot_at.date() == self.hall.state.day:
            self.set_clock(booking.slot_at + timedelta(minutes=arrive))
        priority = priority or Priority.REGULAR
        if by_iin and booking.iin is not None:
            iin = booking.iin
            _, events = self.apply(
                lambda: self.hall.issue("land", self.now, priority=priority, iin=iin)
            )
        else:
            code = booking.code.lower()  # codes are typed in any case
            _, events = self.apply(
                lambda: self.hall.issue("land", self.now, priority=priority, booking_code=code)
            )
        if events is not None:
            ticket = self.known[TicketId(str(_ticket_of(events[0])["id"]))]
            late = events[0].data["late_for_appointment"]
            assert ticket.service == booking.service and booking.ticket == ticket.id
            assert late is (self.now > booking.slot_at + timedelta(minutes=10))
            assert ticket.appointment_at == (None if late else booking.slot_at)

    # ------------------------------------------------------------------ counters

    @rule(
        counter=counters,
        action=st.sampled_from(("sign_in", "open", "open", "pause", "close", "sign_out")),
        operator=st.sampled_from(OPERATORS),
        reason=st.sampled_from(PauseReason),
    )
    def change_counter(self, counter: str, action: str, operator: str, reason: PauseReason) -> None:
        """Operators sign in and open, pause, close and reopen, and sign out."""
        hall = self.hall
        if action == "sign_in":
            self.apply(lambda: hall.sign_in(counter, OperatorId(operator), self.now))
            self.apply(lambda: hall.open_counter(counter, self.now))
        elif action == "open":
            self.apply(lambda: hall.open_counter(counter, self.now))
        elif action == "pause":
            self.apply(lambda: hall.pause_counter(counter, reason, self.now))
        elif action == "close":
            self.apply(lambda: hall.close_counter(counter, self.now))
        else:
            self.apply(lambda: hall.sign_out(counter, self.now))

    @rule(
        counter=counters,
        profile=st.none()
        | st.dictionaries(
            services_or_unknown, st.sampled_from(("main", "main", "backup", "spare")), max_size=3
        ),
        service=services_or_unknown,
        suspended=st.sampled_from((True, False, False)),
    )
    def supervise(
        self, counter: str, profile: dict[str, str] | None, service: str, suspended: bool
    ) -> None:
        """The supervisor changes a counter's profile, or suspends or resumes a service."""
        if profile is not None:
            self.apply(lambda: self.hall.set_profile(counter, profile))
        else:
            self.apply(lambda: self.hall.suspend_service(service, suspended))

    # ------------------------------------------------------------------ calling

    def see_off(self, counter: str, how: str) -> None:
        """Let the counter's current visitor go: served, not come, back in the queue, gone."""
        hall = self.hall
        current = hall.counters[CounterId(counter)].current
        if current is None:
            return
        if how == "finish":
            if hall.tickets[current].state is TicketState.CALLED:
                self.apply(lambda: hall.start(current, self.now, by_counter=counter))
            ticket = hall.tickets[current]
            back = ticket.return_service, ticket.return_counter, ticket.return_served_s
            _, events = self.apply(lambda: hall.finish(current, self.now, by_counter=counter))
            if events is not None and back[0] is not None:  # sent "and back": not finished
                self.check_sent_back(ticket, *back)
        elif how == "no_show":
            self.apply(lambda: hall.no_show(current, self.now, by_counter=counter))
        elif how == "requeue":
            self.apply(lambda: hall.requeue(current, self.now, by_counter=counter))
        elif how == "cancel":
            self.apply(lambda: hall.cancel(current, self.now, reason="left"))
        elif how.startswith("transfer"):  # on to the next service, perhaps to one counter
            service = SERVICES[(SERVICES.index(hall.tickets[current].service) + 1) % 3]
            to = next(
                (
                    c
                    for c in COUNTERS
                    if c != counter and service in hall.counters[CounterId(c)].profile
                ),
                None,
            )
            to = to if how == "transfer_to_counter" else None
            back = how == "transfer_and_back"
            self.apply(
                lambda: hall.transfer(
                    current, service, self.now, to_counter=to, by_counter=counter, come_back=back
                )
            )

    def check_sent_back(
        self, ticket: Ticket, service: str, counter: str | None, served_s: int
    ) -> None:
        """Done where it was sent "and back": waiting again for the service it came from, at
        its counter unless that counter has closed or stopped serving it, the visit there going
        on with the time it was served before."""
        assert ticket.state is TicketState.WAITING and ticket.service == service
        assert ticket.return_service is None and ticket.return_counter is None
        assert ticket.served_before_s == served_s and ticket.return_served_s == 0
        held = self.hall.counters.get(CounterId(counter)) if counter else None
        open_there = held is not None and held.state is not CounterState.CLOSED
        expected = counter if open_there and held and ServiceId(service) in held.profile else None
        assert ticket.target_counter == expected, (ticket.target_counter, expected)

    @rule(counter=counters, service=services_or_unknown, how=seeing_off)
    def call_from_line(self, counter: str, service: str, how: str) -> None:
        """The operator calls the next of one line of theirs (or of one they do not serve)."""
        self.see_off(counter, how)
        before, events = self.apply(
            lambda: self.hall.call_next(counter, self.now, service_id=service)
        )
        held = before.snapshot["counters"][counter]
        assert isinstance(held, dict)
        if events is None:  # refused: only for a reason the rules give
            assert (
                held["state"] != "open"
                or held["current_ticket_id"] is not None
                or ServiceId(service) not in before.profiles[CounterId(counter)]
            ), f"{counter} was refused a call from {service} for no reason"
        elif events == []:
            line = {ServiceId(service): Level.MAIN}
            only = dataclasses.replace(
                before, profiles={**before.profiles, CounterId(counter): line}
            )
            assert model_pick(only, self.hall, CounterId(counter)) is None, (
                f"{counter} found nobody in {service}, yet someone waits there for it"
            )

    @rule(counter=counters, how=seeing_off)
    def call_next(self, counter: str, how: str) -> None:
        self.see_off(counter, how)
        before, events = self.apply(lambda: self.hall.call_next(counter, self.now))
        if events == []:
            assert model_pick(before, self.hall, CounterId(counter)) is None, (
                f"{counter} found nobody, yet someone it serves waits"
            )

    @rule(
        counter=counters,
        visits=st.lists(
            st.tuples(
                st.integers(0, 20),
                st.sampled_from(("finish", "start", "start", "wait")),
                st.none() | st.sampled_from(Grade),
            ),
            min_size=1,
            max_size=4,
        ),
    )
    def serve_next(self, counter: str, visits: list[tuple[int, str, Grade | None]]) -> None:
        """The everyday path: (re)open, see the current visitor off, call the next, serve, rate."""
        if self.hall.counters[CounterId(counter)].state is not CounterState.OPEN:
            operator = OperatorId(OPERATORS[COUNTERS.index(counter)])
            self.apply(partial(self.hall.sign_in, counter, operator, self.now))
            self.apply(partial(self.hall.open_counter, counter, self.now))
        for minutes, then, grade in visits:
            if not self.serve_one(counter, minutes, then, grade):
                return

    def serve_one(self, counter: str, minutes: int, then: str, grade: Grade | None) -> bool:
        """One visit at `counter`; False when nobody came to the call."""
        hall = self.hall
        self.set_clock(self.now + timedelta(minutes=minutes))
        self.see_off(counter, "finish")
        before, events = self.apply(lambda: hall.call_next(counter, self.now))
        if events == []:
            assert model_pick(before, hall, CounterId(counter)) is None
        if not events:
            return False
        ticket_id = str(_ticket_of(events[0])["id"])
        if then == "wait":
            return True
        self.apply(lambda: hall.start(ticket_id, self.now, by_counter=counter))
        if then == "finish":
            self.set_clock(self.now + timedelta(minutes=minutes))
            self.apply(lambda: hall.finish(ticket_id, self.now, by_counter=counter))
            if grade is not None:
                self.apply(lambda: hall.rate(ticket_id, grade))
        return True

    @rule(
        counter=counters,
        pool=ticket_pools,
        pick=picks,
        reason=st.sampled_from(("visitor with a baby", "came back with papers", "  ")),
        how=seeing_off,
    )
    def call_ticket(self, counter: str, pool: str, pick: int, reason: str, how: str) -> None:
        self.see_off(counter, how)
        ticket_id = self.choose_ticket(pool, pick)
        self.apply(lambda: self.hall.call_ticket(counter, ticket_id, reason, self.now))

    @rule(
        action=st.sampled_from(
            ("recall", "requeue", "start", "finish", "no_show", "cancel", "rate")
        ),
        pool=ticket_pools,
        pick=picks,
        who=acting,
        times=st.integers(1, 5),
        grade=st.sampled_from(Grade),
    )
    def at_the_counter(
        self, action: str, pool: str, pick: int, who: str, times: int, grade: Grade
    ) -> None:
        """An operator (or a supervisor, acting for anyone) works on any ticket at all."""
        ticket_id = self.choose_ticket(pool, pick)
        by = self.acting_counter(ticket_id, who)
        hall = self.hall
        if action == "recall":  # several times in a row: past the limit it becomes a no-show
            for _ in range(times):
                self.apply(lambda: hall.recall(ticket_id, self.now, by_counter=by))
        elif action == "requeue":
            _, events = self.apply(lambda: hall.requeue(ticket_id, self.now, by_counter=by))
            if events is not None:
                ticket = hall.tickets[TicketId(ticket_id)]
                assert ticket.state is TicketState.WAITING and ticket.counter is None
        elif action == "start":
            self.apply(lambda: hall.start(ticket_id, self.now, by_counter=by))
        elif action == "finish":
            self.apply(lambda: hall.finish(ticket_id, self.now, by_counter=by))
        elif action == "no_show":
            self.apply(lambda: hall.no_show(ticket_id, self.now, by_counter=by))
        elif action == "cancel":
            self.apply(lambda: hall.cancel(ticket_id, self.now, reason="left the hall"))
        else:
            self.apply(lambda: hall.rate(ticket_id, grade))

    @rule(pool=ticket_pools, pick=picks, who=acting)
    def postpone(self, pool: str, pick: int, who: str) -> None:
        """A visitor steps away (to pay, to copy); they stay away through any later rules."""
        ticket_id = self.choose_ticket(pool, pick)
        by = self.acting_counter(ticket_id, who)
        hall = self.hall
        _, events = self.apply(lambda: hall.postpone(ticket_id, self.now, by_counter=by))
        if events is None:
            return
        ticket = hall.tickets[TicketId(ticket_id)]
        assert ticket.state is TicketState.POSTPONED and ticket not in list(hall.lanes)
        assert ticket.counter is not None and hall.counters[ticket.counter].current is None

    @rule(pick=picks, counter=st.none() | counters, who=acting, how=seeing_off)
    def call_back(self, pick: int, counter: str | None, who: str, how: str) -> None:
        """A visitor who stepped away is back: their counter (or another) calls them."""
        ticket_id = self.choose_ticket("postponed", pick)
        ticket = self.hall.tickets.get(TicketId(ticket_id))
        at = counter or (ticket.counter if ticket is not None and ticket.counter else "c1")
        self.see_off(at, how)
        by = None if who == "anyone" else at
        self.apply(lambda: self.hall.call_back(at, ticket_id, self.now, by_counter=by))

    @rule(
        pool=ticket_pools,
        pick=picks,
        who=acting,
        service=services_or_unknown,
        to_counter=st.none() | counters,
        come_back=st.booleans(),
    )
    def transfer(
        self,
        pool: str,
        pick: int,
        who: str,
        service: str,
        to_counter: str | None,
        come_back: bool,
    ) -> None:
        ticket_id = self.choose_ticket(pool, pick)
        by = self.acting_counter(ticket_id, who)
        t = self.hall.tickets.get(TicketId(ticket_id))
        issued_at = t.issued_at if t else None
        was = (t.service, t.counter, t.return_service, t.return_counter) if t else None
        _, events = self.apply(
            lambda: self.hall.transfer(
                ticket_id,
                service,
                self.now,
                to_counter=to_counter,
                note="needs",
                by_counter=by,
                come_back=come_back,
            )
        )
        if events is not None:
            ticket = self.hall.tickets[TicketId(ticket_id)]
            assert ticket.state is TicketState.WAITING and ticket.service == service
            assert ticket.target_counter == to_counter and ticket.issued_at == issued_at
            assert was is not None
            # "and back" remembers where it came from; a plain transfer keeps a return to come
            # unless it goes there
            back = was[:2] if come_back else was[2:] if was[2] != service else (None, None)
            assert (ticket.return_service, ticket.return_counter) == back

    # ------------------------------------------------------------------ invariants

    @invariant()
    def waiting_tickets_stand_in_exactly_their_lane(self) -> None:
        hall = self.hall
        waiting = {tid for tid, t in hall.tickets.items() if t.state is TicketState.WAITING}
        in_lanes = [t.id for t in hall.lanes]
        assert sorted(in_lanes) == sorted(waiting), "lanes hold exactly the waiting tickets"
        assert hall.lanes.count() == len(waiting)
        for service in hall.services:
            assert hall.lanes.count(service) == sum(
                1 for tid in waiting if hall.tickets[tid].service == service
            )
            for queue_class in QueueClass:
                lane = hall.lanes.lane(service, queue_class)
                for ticket in lane:
                    assert ticket is hall.tickets[ticket.id]
                    assert ticket.service == service and ticket.queue_class is queue_class
                assert [lane_key(t) for t in lane] == sorted(lane_key(t) for t in lane)
        for queue in hall.queue(self.now):
            assert queue.waiting == hall.lanes.count(queue.service.id)
            assert queue.longest_wait_s >= 0
            # a walk-in issued now goes ahead of the appointments that are not due yet
            not_due = sum(
                1
                for t in hall.lanes.lane(queue.service.id, QueueClass.APPOINTMENT)
                if t.appointment_at is not None and t.appointment_at > self.now
            )
            assert queue.estimate_for_new.people_ahead == queue.waiting - not_due
            assert queue.estimate_for_new.estimated_wait_s >= 0

    @invariant()
    def estimates_are_never_negative(self) -> None:
        for ticket in self.hall.tickets.values():
            estimate = self.hall.estimate_for(ticket, self.now)
            assert estimate.people_ahead >= 0 and estimate.estimated_wait_s >= 0
            if ticket.state is TicketState.WAITING:
                assert estimate.people_ahead < self.hall.lanes.count(ticket.service)

    @invariant()
    def a_called_ticket_is_held_by_exactly_one_counter(self) -> None:
        holders: dict[TicketId, list[CounterId]] = {}
        for counter in self.hall.counters.values():
            if counter.current is not None:
                holders.setdefault(counter.current, []).append(counter.id)
        for ticket_id, ticket in self.hall.tickets.items():
            if ticket.state in (TicketState.CALLED, TicketState.SERVING):
                assert holders.get(ticket_id) == [ticket.counter], (
                    f"{ticket.number} is {ticket.state.value} at {ticket.counter}, "
                    f"held by {holders.get(ticket_id, [])}"
                )
            else:
                assert ticket_id not in holders, f"{ticket.number} is {ticket.state.value}"
            if ticket.state is TicketState.POSTPONED:  # someone must be able to call them back
                assert ticket.counter in self.hall.counters, f"{ticket.number} has no counter"
                counter = self.hall.counters[ticket.counter]
                assert counter.state is not CounterState.CLOSED, (
                    f"{ticket.number} waits for {counter.id}, which closed"
                )
        assert set(holders) <= set(self.hall.tickets)

    @invariant()
    def a_visitor_comes_back_only_from_another_service(self) -> None:
        for ticket in self.hall.tickets.values():
            if ticket.return_service is not None:  # (a visit that ends elsewhere keeps it)
                assert ticket.return_service in self.hall.services
                assert ticket.return_service != ticket.service and ticket.transfers >= 1

    @invariant()
    def counters_are_staffed_and_operators_sit_once(self) -> None:
        operators = [c.operator for c in self.hall.counters.values() if c.operator is not None]
        assert len(operators) == len(set(operators))
        for counter in self.hall.counters.values():
            assert counter.state is CounterState.CLOSED or counter.operator is not None
            assert counter.profile, "a counter always serves something"

    @invariant()
    def numbers_are_unique_today(self) -> None:
        numbers = [t.number for t in self.hall.tickets.values()]
        assert len(numbers) == len(set(numbers))
        assert set(numbers) == self.numbers_today


def _ticket_of(event: Event) -> dict[str, object]:
    data = event.data["ticket"]
    assert isinstance(data, dict)
    return dict(data)


def test_random_command_sequences_keep_the_queue_rules() -> None:
    run_state_machine_as_test(
        QueueMachine,
        settings=settings(
            max_examples=150,
            stateful_step_count=60,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
