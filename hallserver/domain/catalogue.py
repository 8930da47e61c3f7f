"""What the hall offers: services, their groups, counters' profiles and opening hours."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from hallserver.domain.ids import LANGS, CounterId, GroupId, JsonObject, Lang, ServiceId

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Text:
    """One text in the hall's three languages."""

    kk: str
    ru: str
    en: str

    def __post_init__(self) -> None:
        for lang in LANGS:
            if not getattr(self, lang).strip():
                raise ValueError(f"text is missing its {lang} version: {self!r}")

    def get(self, lang: Lang) -> str:
        return str(getattr(self, lang))

    def to_json(self) -> JsonObject:
        return {"kk": self.kk, "ru": self.ru, "en": self.en}

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Text:
        return cls(kk=str(raw["kk"]), ru=str(raw["ru"]), en=str(raw["en"]))


@dataclass(frozen=True)
class DayHours:
    """Opening and closing time of one weekday."""

    opens: time
    closes: time


NEXT_OPENING_DAYS = 31  # how far ahead an opening is looked for (holidays can run for a week)


@dataclass(frozen=True)
class WeekHours:
    """Opening hours by weekday (0 = Monday); a missing day is a closed day. `dates` are the
    exceptions: public holidays (None: closed) and days with other hours (a shortened day).
    `worked_as` are the transferred working days: a Saturday worked as a Monday keeps a
    Monday's hours, the hall's and every service's."""

    days: Mapping[int, DayHours]
    dates: Mapping[date, DayHours | None] = field(default_factory=dict)
    worked_as: Mapping[date, int] = field(default_factory=dict)

    @classmethod
    def always(cls) -> WeekHours:
        return cls({d: DayHours(time(0, 0), time(23, 59, 59)) for d in range(7)})

    def on(self, day: date) -> DayHours | None:
        """One date's hours: its own when it has them, else its weekday's; None when closed."""
        if day in self.dates:
            return self.dates[day]
        return self.days.get(self.worked_as.get(day, day.weekday()))

    def is_open(self, at: datetime) -> bool:
        hours = self.on(at.date())
        return hours is not None and hours.opens <= at.time() < hours.closes

    def closes_at(self, at: datetime) -> datetime | None:
        """When the day of `at` closes, or None on a closed day."""
        hours = self.on(at.date())
        return None if hours is None else datetime.combine(at.date(), hours.closes, at.tzinfo)

    def next_opening(self, at: datetime) -> datetime | None:
        """The first moment at or after `at` when these hours are open."""
        if self.is_open(at):
            return at
        for offset in range(NEXT_OPENING_DAYS):
            day: date = at.date() + timedelta(days=offset)
            hours = self.on(day)
            if hours is None:
                continue
            opening = datetime.combine(day, hours.opens, tzinfo=at.tzinfo)
            if opening >= at:
                return opening
        return None

    def to_json(self) -> JsonObject:
        return {
            str(d): {"opens": h.opens.strftime("%H:%M"), "closes": h.closes.strftime("%H:%M")}
            for d, h in sorted(self.days.items())
        }

    def dates_json(self) -> JsonObject:
        """The exceptions: a date's hours, or None for a holiday; a transferred working day
        with the hours of the weekday it is worked as."""
        return {
            d.isoformat(): None
            if h is None
            else {"opens": h.opens.strftime("%H:%M"), "closes": h.closes.strftime("%H:%M")}
            for d, h in sorted((d, self.on(d)) for d in {*self.dates, *self.worked_as})
        }


@dataclass(frozen=True)
class ServiceGroup:
    """A branch of the kiosk's tree of services."""

    id: GroupId
    name: Text
    icon: str = ""


@dataclass(frozen=True)
class Service:
    """A public service the hall provides, with what a visitor needs to know about it."""

    id: ServiceId
    prefix: str
    name: Text
    description: Text
    group: GroupId
    documents: tuple[Text, ...] = ()
    fee: Text | None = None
    duration_min: int = 10
    target_wait_min: int = 15
    hours: WeekHours | None = None  # None: the hall's hours
    icon: str = ""
    slot_capacity: int = 4  # appointments per hour
    daily_limit: int = 0  # walk-ins stop once this many tickets, check-ins too, were issued today

    def __post_init__(self) -> None:
        if len(self.prefix) != 1 or not self.prefix.isalpha() or not self.prefix.isupper():
            raise ValueError(f"service {self.id}: prefix must be one capital letter")
        if self.duration_min <= 0 or self.target_wait_min <= 0:
            raise ValueError(f"service {self.id}: durations must be positive")


class Level(enum.Enum):
    """How a counter serves a service: always, or only to help when its wait is too long."""

    MAIN = "main"
    BACKUP = "backup"


@dataclass(frozen=True)
class CounterSpec:
    """A numbered counter as the hall is set up."""

    id: CounterId
    number: int
    name: Text
    profile: Mapping[ServiceId, Level] = field(default_factory=dict)


@dataclass(frozen=True)
class VisitResult:
    """How a served visit ended, as the operator records it at finish ("documents missing")."""

    id: str
    name: Text


@dataclass(frozen=True)
class Catalogue:
    """Everything configured about the hall: its name, hours, services and counters."""

    hall_id: str
    name: Text
    timezone: str
    hours: WeekHours
    groups: tuple[ServiceGroup, ...]
    services: tuple[Service, ...]
    counters: tuple[CounterSpec, ...]
    max_recalls: int = 3
    priority_streak_cap: int = 2
    appointment_early_min: int = 30
    appointment_late_min: int = 10
    last_ticket_min: int = 0  # tickets stop this long before a service's closing (0: at it)
    results: tuple[VisitResult, ...] = ()  # what an operator may record at finish, in order

    def __post_init__(self) -> None:
        if pair := _twins((s.prefix, s.id) for s in self.services):
            prefix, (first, second) = pair
            raise ValueError(
                f"services {first!r} and {second!r} share the prefix {prefix!r}: their numbers "
                "would repeat, give each its own letter"
            )
        ids = [s.id for s in self.services]
        groups = [g.id for g in self.groups]
        for service in self.services:
            if service.group not in groups:
                raise ValueError(
                    f"service {service.id!r}: unknown group {service.group!r}"
                    f"{_did_you_mean(str(service.group), groups)}; the groups are "
                    f"{', '.join(groups)}"
                )
        if numbered := _twins((c.number, c.id) for c in self.counters):
            number, (first, second) = numbered
            raise ValueError(f"counters {first!r} and {second!r} share the number {number}")
        for counter in self.counters:
            for unknown in sorted(set(counter.profile) - set(ids)):
                raise ValueError(
                    f"counter {counter.id!r}: unknown service {unknown!r}"
                    f"{_did_you_mean(unknown, ids)}"
                )
        if twin_result := _twins((r.id, r.id) for r in self.results):
            raise ValueError(f"two visit results have the id {twin_result[0]!r}")

    def unserved(self) -> list[ServiceId]:
        """Services no counter serves, as main or backup: their tickets would wait all day."""
        served = {service for counter in self.counters for service in counter.profile}
        return [s.id for s in self.services if s.id not in served]

    def result(self, result_id: str) -> VisitResult | None:
        return next((r for r in self.results if r.id == result_id), None)

    def service(self, service_id: str) -> Service | None:
        for service in self.services:
            if service.id == service_id:
                return service
        return None

    def service_json(self, service: Service, suspended: bool) -> JsonObject:
        """A service as the API, the events and the terminals show it."""
        return {
            "id": service.id,
            "prefix": service.prefix,
            "name": service.name.to_json(),
            "description": service.description.to_json(),
            "group": service.group,
            "icon": service.icon,
            "documents": [d.to_json() for d in service.documents],
            "fee": service.fee.to_json() if service.fee else None,
            "duration_min": service.duration_min,
            "target_wait_min": service.target_wait_min,
            "hours": self.service_hours(service).to_json(),
            "slot_capacity": service.slot_capacity,
            "daily_limit": service.daily_limit or None,
            "suspended": suspended,
        }

    def service_hours(self, service: Service) -> WeekHours:
        """The service's hours, with the hall's holidays (a holiday closes every service; on a
        shortened day the hall's own hours are checked beside these) and transferred working
        days (a Saturday worked as a Monday: the service's Monday hours)."""
        if service.hours is None:
            return self.hours
        holidays = {day: None for day, hours in self.hours.dates.items() if hours is None}
        return WeekHours(service.hours.days, holidays, self.hours.worked_as)

    def opens_for(self, service: Service, at: datetime) -> datetime | None:
        """The first moment at or after `at` when both the hall and the service are open."""
        hours = self.service_hours(service)
        moment: datetime | None = at
        for _ in range(2 * NEXT_OPENING_DAYS):
            hall = self.hours.next_opening(moment) if moment is not None else None
            both = hours.next_opening(hall) if hall is not None else None
            if both is None or self.hours.is_open(both):
                return both
            moment = both  # the service opens while the hall is closed: look further on
        return None

    def closes_for(self, service: Service, at: datetime) -> datetime | None:
        """When the day of `at` ends for `service`: the hall or the service, whichever closes
        first; None on a day either is closed."""
        closes = [h.closes_at(at) for h in (self.hours, self.service_hours(service))]
        return None if None in closes else min(c for c in closes if c is not None)

    def last_ticket_at(self, service: Service, at: datetime) -> datetime | None:
        """When walk-in tickets for `service` stop on the day of `at`: `last_ticket_min` before
        the hall or the service closes, whichever is first; None on a closed day."""
        closes = self.closes_for(service, at)
        return None if closes is None else closes - timedelta(minutes=self.last_ticket_min)


def _twins(items: Iterable[tuple[T, str]]) -> tuple[T, tuple[str, str]] | None:
    """The first value two items share, with those two items' names."""
    seen: dict[T, str] = {}
    for value, name in items:
        if value in seen:
            return value, (seen[value], name)
        seen[value] = name
    return None


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
