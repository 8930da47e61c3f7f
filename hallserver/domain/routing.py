"""Which waiting ticket a counter calls next, and the lanes the waiting tickets stand in."""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from hallserver.domain.catalogue import Level, Service
from hallserver.domain.counters import Counter
from hallserver.domain.ids import ServiceId
from hallserver.domain.tickets import QUEUE_CLASSES, QueueClass, Ticket


def lane_key(ticket: Ticket) -> tuple[datetime, datetime, int]:
    """Serving order inside a lane: appointments by slot, everyone by issue time then order."""
    slot = ticket.appointment_at if ticket.appointment_at is not None else ticket.issued_at
    return (slot, ticket.issued_at, ticket.order)


def _slot(key: tuple[datetime, datetime, int]) -> datetime:
    return key[0]


class WaitingLanes:
    """The waiting tickets, one lane per service and queue class, each in serving order.

    Each lane keeps its tickets' sort keys beside them, so finding a place is a bisection
    over plain tuples (a ticket's key never changes while it waits).
    """

    def __init__(self) -> None:
        self._lanes: dict[tuple[ServiceId, QueueClass], list[Ticket]] = {}
        self._keys: dict[tuple[ServiceId, QueueClass], list[tuple[datetime, datetime, int]]] = {}
        self._count = 0
        self.version = 0  # bumped by every change: what is worked out from the lanes is stale

    def add(self, ticket: Ticket) -> None:
        where = (ticket.service, ticket.queue_class)
        lane = self._lanes.get(where)
        if lane is None:
            lane = self._lanes[where] = []
            self._keys[where] = []
        keys = self._keys[where]
        key = lane_key(ticket)
        index = bisect.bisect_right(keys, key)
        keys.insert(index, key)
        lane.insert(index, ticket)
        self._count += 1
        self.version += 1

    def remove(self, ticket: Ticket) -> None:
        where = (ticket.service, ticket.queue_class)
        lane, keys = self._lanes[where], self._keys[where]
        index = bisect.bisect_left(keys, lane_key(ticket))
        while lane[index] is not ticket:
            index += 1
        del lane[index]
        del keys[index]
        self._count -= 1
        self.version += 1

    def ahead_in_lane(self, ticket: Ticket) -> int:
        """How many tickets stand before `ticket` (waiting or not) in its own lane."""
        return self.before(ticket.service, ticket.queue_class, lane_key(ticket))

    def before(
        self, service: ServiceId, queue_class: QueueClass, key: tuple[datetime, datetime, int]
    ) -> int:
        """How many tickets of a lane come before a place with sort key `key`."""
        keys = self._keys.get((service, queue_class))
        return bisect.bisect_left(keys, key) if keys else 0

    def due(self, service: ServiceId, now: datetime) -> int:
        """Appointment tickets of a service whose slot has come (the lane is in slot order)."""
        keys = self._keys.get((service, QueueClass.APPOINTMENT))
        return bisect.bisect_right(keys, now, key=_slot) if keys else 0

    def lane(self, service: ServiceId, queue_class: QueueClass) -> Sequence[Ticket]:
        return self._lanes.get((service, queue_class), ())

    def head(self, service: ServiceId, queue_class: QueueClass, counter: Counter) -> Ticket | None:
        lane = self._lanes.get((service, queue_class))
        return first_for(lane, counter) if lane else None

    def of_service(self, service: ServiceId) -> Iterator[Ticket]:
        """Tickets of one service in the order they would be served (due-ness aside)."""
        for queue_class in QUEUE_CLASSES:
            yield from self.lane(service, queue_class)

    def count(self, service: ServiceId | None = None) -> int:
        if service is None:
            return self._count
        lanes = self._lanes
        return sum(len(lanes.get((service, c), ())) for c in QUEUE_CLASSES)

    def __iter__(self) -> Iterator[Ticket]:
        for lane in self._lanes.values():
            yield from lane


class Why(enum.Enum):
    """Why a ticket was chosen: carried in the ticket.called event."""

    APPOINTMENT = "appointment"
    PRIORITY = "priority"
    LONGEST_WAIT = "longest_wait"
    BACKUP = "backup_over_target"
    EARLY_APPOINTMENT = "early_appointment"
    OVERRIDE = "override"
    RETURNED = "returned"  # a postponed visitor called back by their counter


def streak_after(streak: int, why: Why) -> int:
    """A counter's priority calls in a row after a call for `why`: a priority call adds one, a
    regular one (its main lines or a backup's) starts over, any other leaves it."""
    if why is Why.PRIORITY:
        return streak + 1
    if why in (Why.LONGEST_WAIT, Why.BACKUP):
        return 0
    return streak


@dataclass(frozen=True)
class Pick:
    """A policy's choice."""

    ticket: Ticket
    why: Why


class Lanes(Protocol):
    """What a policy reads: the waiting lanes, or a forecast's replay of them."""

    def head(self, service: ServiceId, queue_class: QueueClass, counter: Counter) -> Ticket | None:
        """The first ticket of a lane `counter` may take: `first_for` of the lane, at once."""
        ...


class RoutingPolicy(Protocol):
    """Chooses the next ticket for a counter."""

    def pick(
        self,
        lanes: Lanes,
        counter: Counter,
        services: Mapping[ServiceId, Service],
        now: datetime,
        priority_streak_cap: int,
    ) -> Pick | None: ...


def first_for(lane: Iterable[Ticket], counter: Counter) -> Ticket | None:
    """The first ticket in a lane this counter may take (others may be sent to one counter)."""
    for ticket in lane:
        if ticket.target_counter is None or ticket.target_counter == counter.id:
            return ticket
    return None


class HallPolicy:
    """Due appointments, then priority (capped), then the longest wait; backup past target.

    FIFO inside every service and queue class: only a lane's first eligible ticket is a
    candidate. A counter's backup services are served only once their first ticket has
    waited longer than the service's target wait.
    """

    def pick(
        self,
        lanes: Lanes,
        counter: Counter,
        services: Mapping[ServiceId, Service],
        now: datetime,
        priority_streak_cap: int,
    ) -> Pick | None:
        # one pass over the profile, each lane's first ticket read once (the forecast replays
        # this for every call it places, hundreds of times a second in a busy hall)
        due: Ticket | None = None
        early: Ticket | None = None
        priority: Ticket | None = None
        regular: Ticket | None = None
        regular_level = Level.MAIN
        for service_id, level in sorted(counter.profile.items()):
            head = lanes.head(service_id, QueueClass.APPOINTMENT, counter)
            if head is not None:
                early = _first(early, head)
                if head.appointment_at is not None and head.appointment_at <= now:
                    due = _first(due, head)
            if due is not None:
                continue  # a due appointment goes first: the other lanes no longer matter
            after = None  # a backup line is served once its first ticket waited past target
            if level is Level.BACKUP:
                after = now - timedelta(minutes=services[service_id].target_wait_min)
            head = lanes.head(service_id, QueueClass.PRIORITY, counter)
            if head is not None and (after is None or head.issued_at < after):
                priority = _first(priority, head)
            head = lanes.head(service_id, QueueClass.REGULAR, counter)
            if head is not None and (after is None or head.issued_at < after):
                chosen = _first(regular, head)
                if chosen is not regular:
                    regular, regular_level = chosen, level
        if due is not None:
            return Pick(due, Why.APPOINTMENT)
        if priority is not None and not (
            regular is not None and counter.priority_streak >= priority_streak_cap
        ):
            return Pick(priority, Why.PRIORITY)
        if regular is not None:
            return Pick(regular, Why.BACKUP if regular_level is Level.BACKUP else Why.LONGEST_WAIT)
        if early is not None:
            return Pick(early, Why.EARLY_APPOINTMENT)
        return None


def _first(best: Ticket | None, other: Ticket) -> Ticket:
    """Of two lanes' heads, the one served first (`best` on a tie, as `min` keeps the first)."""
    return other if best is None or lane_key(other) < lane_key(best) else best
