"""How long a visitor will wait: people ahead, counters serving them, recent service times."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from hallserver.domain.catalogue import Level, Service
from hallserver.domain.counters import Counter, CounterState
from hallserver.domain.ids import ServiceId
from hallserver.domain.routing import WaitingLanes
from hallserver.domain.tickets import QUEUE_CLASSES, QueueClass, Ticket

RECENT = 12  # service times remembered per service
TRUSTED = 5  # real visits it takes before they alone make the average


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

    def record(self, service: ServiceId, seconds: float) -> None:
        self._recent.setdefault(service, deque(maxlen=RECENT)).append(max(seconds, 0.0))

    def recent(self, service: ServiceId) -> tuple[float, ...]:
        """The service's last durations, oldest first."""
        return tuple(self._recent.get(service, ()))

    def average_s(self, service: Service) -> float:
        recent = self._recent.get(service.id, ())
        stand_ins = max(TRUSTED - len(recent), 0)
        typical = service.duration_min * 60.0
        return (stand_ins * typical + sum(recent)) / (stand_ins + len(recent))


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
