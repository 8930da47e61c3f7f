"""How long a visitor will wait: the hall's own rule played forward over the open counters,
at the pace of recent visits.

A counter serves several lines, and calls whoever has waited longest across them: a ticket
with nobody ahead in its own line still waits for the people ahead in the others. So the
estimate replays the calls to come (`forecast`): each open counter, free once its current
visit is done, calls the next ticket by the hall's own policy (appointments, priority and its
cap, the longest wait, backup lines past their target), and each visit takes its service's
recent average plus the walk to the counter. A ticket waits until its call in that replay.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from hallserver.domain.catalogue import Level, Service
from hallserver.domain.counters import Counter, CounterState
from hallserver.domain.ids import CounterId, ServiceId, TicketId
from hallserver.domain.routing import (
    RoutingPolicy,
    WaitingLanes,
    first_for,
    lane_key,
    streak_after,
)
from hallserver.domain.tickets import QUEUE_CLASSES, QueueClass, Ticket, TicketState

RECENT = 12  # service times remembered per service
TRUSTED = 5  # real visits it takes before they alone make the average
WALK_UP_S = 30.0  # from the call to the visitor at the counter, until the hall has measured it
HORIZON = 60  # calls a forecast replays; past them, what is left is shared out (`_Rest`)
FRESH_S = 60.0  # a forecast older than this is made again, even if nothing changed
PAST_ALL = 0.5  # of the average visit: what a visit longer than all remembered has left


@dataclass(frozen=True)
class Estimate:
    """A wait estimate for one place in a queue."""

    people_ahead: int
    estimated_wait_s: int


class ServiceTimes:
    """Recent service durations per service, blended with the service's typical duration.

    Until `TRUSTED` visits are finished, the typical duration stands in for the ones missing:
    the first visits of the morning, done in seconds or stretched by a hard case, must not
    promise the hall a wait of a minute or of an hour."""

    def __init__(self) -> None:
        self._recent: dict[ServiceId, deque[float]] = {}
        self._walks: deque[float] = deque(maxlen=RECENT)
        # per service, the recent durations sorted and the sums of each one's tail: read by
        # every forecast for every visit under way, made again once a visit is recorded
        self._sorted: dict[ServiceId, tuple[list[float], list[float]]] = {}
        self.version = 0  # bumped by every record: a forecast made before is stale

    def record(self, service: ServiceId, seconds: float) -> None:
        self._recent.setdefault(service, deque(maxlen=RECENT)).append(max(seconds, 0.0))
        self._sorted.pop(service, None)
        self.version += 1

    def record_walk_up(self, seconds: float) -> None:
        """From a call to the visit's start: the counter waits for its visitor meanwhile."""
        self._walks.append(max(seconds, 0.0))
        self.version += 1

    def walk_up_s(self) -> float:
        stand_ins = max(TRUSTED - len(self._walks), 0)
        return (stand_ins * WALK_UP_S + sum(self._walks)) / (stand_ins + len(self._walks))

    def recent(self, service: ServiceId) -> tuple[float, ...]:
        """The service's last durations, oldest first."""
        return tuple(self._recent.get(service, ()))

    def _ordered(self, service: ServiceId) -> tuple[list[float], list[float]]:
        """The recent durations, shortest first, and `tails[i]`, the sum of those from i on."""
        found = self._sorted.get(service)
        if found is None:
            durations = sorted(self._recent.get(service, ()))
            tails = [0.0] * (len(durations) + 1)
            for i in range(len(durations) - 1, -1, -1):
                tails[i] = tails[i + 1] + durations[i]
            found = self._sorted[service] = (durations, tails)
        return found

    def remaining_s(self, service: Service, served_s: float) -> float:
        """How much longer a visit that has run `served_s` will take: what the recent visits
        that ran longer took beyond that, on average, the typical duration standing in as in
        `average_s`. Not the average less `served_s`: a visit that has run long is more often a
        long one. Never less than `PAST_ALL` of an average visit: one that has outrun the
        visits remembered (or the typical duration) is not about to end."""
        durations, tails = self._ordered(service.id)
        first_longer = bisect.bisect_right(durations, served_s)
        count = len(durations) - first_longer
        left = tails[first_longer] - served_s * count
        stand_ins = max(TRUSTED - len(durations), 0)
        typical = service.duration_min * 60.0
        if stand_ins:
            left += max(typical - served_s, typical * PAST_ALL) * stand_ins
            count += stand_ins
        # `average_s`, with the durations read once: a forecast asks for every visit under way
        least = (stand_ins * typical + tails[0]) / (stand_ins + len(durations)) * PAST_ALL
        return max(left / count, least) if count else least

    def average_s(self, service: Service) -> float:
        durations, tails = self._ordered(service.id)
        stand_ins = max(TRUSTED - len(durations), 0)
        typical = service.duration_min * 60.0
        return (stand_ins * typical + tails[0]) / (stand_ins + len(durations))


def serving_capacity(service: ServiceId, counters: Iterable[Counter]) -> float:
    """Open counters for a service: main counters count whole, backup ones half. With none open,
    the paused ones (their operators are back after the break). Never less than one."""
    open_capacity = paused_capacity = 0.0
    for counter in counters:
        level = counter.profile.get(service)
        share = 1.0 if level is Level.MAIN else 0.5 if level is Level.BACKUP else 0.0
        if counter.state is CounterState.OPEN:
            open_capacity += share
        elif counter.state is CounterState.PAUSED:
            paused_capacity += share
    return max(open_capacity or paused_capacity, 1.0)


def people_ahead(ticket: Ticket, lanes: WaitingLanes, now: datetime) -> int:
    """Waiting tickets of the same service that will be served before this one."""
    ahead = 0
    for queue_class in QUEUE_CLASSES:
        if queue_class is ticket.queue_class:
            return ahead + lanes.ahead_in_lane(ticket)
        if queue_class is QueueClass.APPOINTMENT:
            ahead += lanes.due(ticket.service, now)
        else:
            ahead += len(lanes.lane(ticket.service, queue_class))
    return ahead


def estimate(ahead: int, service: Service, times: ServiceTimes, capacity: float) -> Estimate:
    return Estimate(ahead, round(ahead * times.average_s(service) / capacity))


class _Replay:
    """The waiting lanes as a forecast calls them off, the hall's own left as they are, with a
    new ticket of each service (`new`) at the end of its regular lane."""

    def __init__(self, lanes: WaitingLanes, new: Mapping[ServiceId, Ticket]) -> None:
        self._lanes = lanes
        self._new = dict(new)  # the new tickets not called yet
        self._heads: dict[tuple[ServiceId, QueueClass], int] = {}  # lane heads called off
        self._passed: set[Ticket] = set()  # called from behind a lane's head (sent to a counter)
        # each lane's first ticket in the replay, as last looked up (None: the lane is empty):
        # every pick of every counter reads it, and only a call from that lane changes it
        self._first: dict[tuple[ServiceId, QueueClass], Ticket | None] = {}

    def lane(self, service: ServiceId, queue_class: QueueClass) -> Iterable[Ticket]:
        lane: Iterable[Ticket] = self._lanes.lane(service, queue_class)
        start = self._heads.get((service, queue_class))
        if start:
            lane = itertools.islice(lane, start, None)
        if queue_class is QueueClass.REGULAR:
            new = self._new.get(service)
            if new is not None:
                lane = itertools.chain(lane, (new,))
        passed = self._passed
        return (t for t in lane if t not in passed) if passed else lane

    def head(self, service: ServiceId, queue_class: QueueClass, counter: Counter) -> Ticket | None:
        key = (service, queue_class)
        try:
            first = self._first[key]
        except KeyError:
            first = self._first[key] = next(iter(self.lane(service, queue_class)), None)
        if first is None or first.target_counter is None or first.target_counter == counter.id:
            return first
        return first_for(self.lane(service, queue_class), counter)  # sent to another counter

    def call(self, ticket: Ticket) -> None:
        self._first.pop((ticket.service, ticket.queue_class), None)
        if self._new.get(ticket.service) is ticket:
            del self._new[ticket.service]
            return
        where = (ticket.service, ticket.queue_class)
        lane = self._lanes.lane(*where)
        start = self._heads.get(where, 0)
        if lane[start] is not ticket:
            self._passed.add(ticket)
            return
        start += 1
        while start < len(lane) and lane[start] in self._passed:
            start += 1
        self._heads[where] = start

    def heads(self) -> Mapping[tuple[ServiceId, QueueClass], int]:
        """How many tickets at the front of each lane the replay has called."""
        return self._heads


@dataclass(frozen=True)
class _Rest:
    """What a replay cut at the horizon left: the tickets still to call, from the counters'
    next calls on. Counters serving lines together form a group; within one, whoever waited
    longest goes first, so a ticket waits for the visits of its group's tickets ahead of it
    (all priority ones for a regular ticket) shared among the group's counters."""

    lanes: WaitingLanes  # the hall's own: a forecast is used only while they are unchanged
    called: Mapping[tuple[ServiceId, QueueClass], int]  # each lane's tickets the replay called
    group: Mapping[ServiceId, int]  # each line's group of counters
    left: Mapping[int, tuple[tuple[ServiceId, QueueClass], ...]]  # lanes with tickets left
    counters: Mapping[int, int]  # each group's counters
    next_s: Mapping[int, float]  # each group's next call
    free_s: Mapping[CounterId, float]  # each counter's next call
    visit_s: Mapping[ServiceId, float]

    def wait_s(self, ticket: Ticket) -> float | None:
        group = self.group.get(ticket.service)
        if group is None:
            return None
        if ticket.target_counter is None:
            start = self.next_s[group]
        elif (sent_to := self.free_s.get(ticket.target_counter)) is not None:
            start = sent_to
        else:  # it waits for a counter that calls nobody
            return None
        key = lane_key(ticket)
        regular = ticket.queue_class is QueueClass.REGULAR
        work = 0.0
        for service, queue_class in self.left[group]:
            if regular and queue_class is QueueClass.PRIORITY:
                ahead = len(self.lanes.lane(service, queue_class))
            else:
                ahead = self.lanes.before(service, queue_class, key)
            ahead -= self.called.get((service, queue_class), 0)
            if ahead > 0:
                work += ahead * self.visit_s[service]
        return start + work / self.counters[group]


@dataclass(frozen=True)
class Forecast:
    """When the waiting tickets, and a new ticket of each service, would be called."""

    at: datetime
    calls: Mapping[Ticket, float]  # seconds from `at` to each call the replay reached
    new: Mapping[ServiceId, Ticket]  # the new ticket of each service the replay placed
    rest: _Rest | None = None  # cut at the horizon with counters still calling

    def wait_s(self, ticket: Ticket) -> float | None:
        """Seconds from `at` to the call of `ticket`; None if no open counter would call it."""
        seconds = self.calls.get(ticket)
        if seconds is not None:
            return seconds
        return self.rest.wait_s(ticket) if self.rest is not None else None


def forecast(
    lanes: WaitingLanes,
    counters: Iterable[Counter],
    tickets: Mapping[TicketId, Ticket],
    services: Mapping[ServiceId, Service],
    times: ServiceTimes,
    policy: RoutingPolicy,
    priority_streak_cap: int,
    now: datetime,
) -> Forecast:
    """Replay the calls to come (see the module): at most `HORIZON` of them."""
    new = {
        s: Ticket(TicketId(f"new-{s}"), "", s, now, order=1 << 62)
        for s in services  # after everyone waiting: a ticket issued now
    }
    replay = _Replay(lanes, new)
    walk_up = times.walk_up_s()
    visit_s = {s: times.average_s(service) + walk_up for s, service in services.items()}
    free: list[tuple[float, int, Counter]] = []  # when each open counter is free next
    for index, counter in enumerate(counters):
        if counter.state is not CounterState.OPEN:
            continue
        ticket = tickets.get(counter.current) if counter.current is not None else None
        busy = 0.0
        if ticket is not None and ticket.state is TicketState.SERVING:
            busy = times.remaining_s(services[ticket.service], ticket.served_s(now))
        elif ticket is not None and ticket.state is TicketState.CALLED and ticket.called_at:
            busy = visit_s[ticket.service] - (now - ticket.called_at).total_seconds()
        free.append((_tick(max(busy, 0.0)), index, counter))
    heapq.heapify(free)
    calls: dict[Ticket, float] = {}
    made = 0
    copied: set[int] = set()  # counters the replay has its own copy of: their streak moved
    while free and made < HORIZON:
        at_s, index, counter = free[0]
        pick = policy.pick(replay, counter, services, _later(now, at_s), priority_streak_cap)
        if pick is None:  # nobody to call: not until a backup line passes its target
            helps_at = _helps_at(replay, counter, services, now)
            if helps_at is not None and helps_at > at_s:
                heapq.heapreplace(free, (_tick(helps_at), index, counter))
            else:  # nobody at all: the lines only get shorter in the replay
                heapq.heappop(free)
            continue
        ticket = pick.ticket
        replay.call(ticket)
        calls[ticket] = at_s
        if new.get(ticket.service) is ticket:  # a new ticket takes no counter time
            continue
        made += 1
        streak = streak_after(counter.priority_streak, pick.why)
        if streak != counter.priority_streak:  # the hall's counter stays as it is
            if index not in copied:
                counter = replace(counter)
                copied.add(index)
            counter.priority_streak = streak
        heapq.heapreplace(free, (_tick(at_s + visit_s[ticket.service]), index, counter))
    if not free:  # every line the open counters serve was called off
        return Forecast(now, calls, new)
    return Forecast(now, calls, new, _rest(lanes, replay, free, visit_s))


def _rest(
    lanes: WaitingLanes,
    replay: _Replay,
    free: list[tuple[float, int, Counter]],
    visit_s: Mapping[ServiceId, float],
) -> _Rest:
    """What the replay left at the horizon (see `_Rest`)."""
    profiles: dict[frozenset[ServiceId], list[float]] = {}  # counters alike count together
    for at_s, _, counter in free:
        if counter.profile:
            profiles.setdefault(frozenset(counter.profile), []).append(at_s)
    group: dict[ServiceId, int] = {}  # lines joined by the counters serving them
    members: dict[int, set[ServiceId]] = {}
    for number, profile in enumerate(profiles):
        joined = {group[s] for s in profile if s in group}
        into = min(joined, default=number)
        lines = members.setdefault(into, set())
        for other in joined - {into}:
            lines |= members.pop(other)
        lines |= profile
        for service in lines:
            group[service] = into
    counters: dict[int, int] = {}
    next_s: dict[int, float] = {}
    for profile, free_at in profiles.items():
        mine, soonest = group[next(iter(profile))], min(free_at)
        counters[mine] = counters.get(mine, 0) + len(free_at)
        next_s[mine] = min(next_s.get(mine, soonest), soonest)
    called = replay.heads()
    left = {
        g: tuple(
            (s, c)
            for s in sorted(lines)
            for c in QUEUE_CLASSES
            if len(lanes.lane(s, c)) > called.get((s, c), 0)
        )
        for g, lines in members.items()
    }
    return _Rest(
        lanes,
        called,
        group,
        left,
        counters,
        next_s,
        {counter.id: at_s for at_s, _, counter in free},
        visit_s,
    )


def _helps_at(
    replay: _Replay, counter: Counter, services: Mapping[ServiceId, Service], now: datetime
) -> float | None:
    """Seconds from `now` to when `counter` starts on a backup line: its first ticket's wait
    passes the service's target (see `HallPolicy`)."""
    soonest: float | None = None
    for service_id, level in counter.profile.items():
        if level is not Level.BACKUP:
            continue
        target_s = services[service_id].target_wait_min * 60
        for queue_class in (QueueClass.PRIORITY, QueueClass.REGULAR):
            head = replay.head(service_id, queue_class, counter)
            if head is None:
                continue
            at_s = (head.issued_at - now).total_seconds() + target_s + 1
            soonest = at_s if soonest is None else min(soonest, at_s)
    return soonest


def _tick(seconds: float) -> float:
    """A time in the replay, to the millisecond: counters free at the same moment are free at
    exactly the same one, and the first in the hall's order calls first (as sums rounded in
    their last bit had decided it: a different counter, different tickets, minutes apart)."""
    return round(seconds, 3)


def _later(now: datetime, seconds: float) -> datetime:
    return now + timedelta(seconds=seconds)
