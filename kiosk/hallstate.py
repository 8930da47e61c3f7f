"""What the kiosk knows of the hall: the server's catalogue, queues and counters, as last told."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from hallserver.protocol import (
    DAY_OPENED,
    HALL_ANNOUNCEMENT,
    SERVICE_CHANGED,
    TICKET_ISSUED,
    CounterView,
    GroupView,
    HallEvent,
    HallView,
    QueueEntry,
    ServiceCopy,
    ServiceView,
    Snapshot,
    Text,
)

LANGUAGES = ("kk", "ru", "en")


def text_in(text: Text | None, language: str) -> str:
    """The text in `language`, falling back to Kazakh, Russian, English, then anything."""
    if not text:
        return ""
    for lang in (language, *LANGUAGES):
        if text.get(lang):
            return text[lang]
    return next(iter(text.values()), "")


def fold(text: str) -> str:
    """Lower case, no accents except Kazakh letters, ё as е: what search compares."""
    text = text.casefold().replace("ё", "е")
    return unicodedata.normalize("NFC", text)


class HallState:
    """The server's view of the hall as the kiosk last heard it; it decides nothing.

    Filled from `GET /services`, the event stream's snapshot and its events.
    """

    def __init__(self, popular: Sequence[str] = ()) -> None:
        self.hall: HallView | None = None
        self.services = ServiceCopy()
        self.queue: dict[str, QueueEntry] = {}
        self.counters: dict[str, CounterView] = {}
        self.issued_today: Counter[str] = Counter()
        self.configured_popular = tuple(popular)
        self.seq: int | None = None
        self._clock_offset = timedelta(0)  # the server's time minus this machine's

    # ------------------------------------------------------------------ updates

    def set_services(self, services: Iterable[ServiceView]) -> None:
        """The services as `GET /services` read them (asked for at each snapshot)."""
        self.services.read(services)

    def set_hall(self, hall: HallView) -> None:
        self.hall = hall
        self._clock_offset = hall.now - datetime.now(UTC)

    def mark_closed(self, opens_at: datetime | None) -> None:
        """The server refused a ticket because the hall is closed: believe it until told again."""
        if self.hall is not None:
            self.hall = replace(self.hall, open=False, opens_at=opens_at)

    def set_queue(self, entries: Iterable[QueueEntry]) -> None:
        self.queue = {entry.service_id: entry for entry in entries}

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        self.hall = snapshot.hall
        self._clock_offset = snapshot.hall.now - datetime.now(UTC)
        self.set_queue(snapshot.queue)
        self.counters = {counter.id: counter for counter in snapshot.counters}
        self.issued_today = Counter(ticket.service_id for ticket in snapshot.tickets)
        self.seq = snapshot.seq
        self.services.reading()  # the link asks for the services with every snapshot

    def apply_event(self, event: HallEvent) -> None:
        self.seq = event.seq
        for raw in _list(event.data.get("queue")):
            entry = QueueEntry.from_json(raw)
            self.queue[entry.service_id] = entry
        if event.type == TICKET_ISSUED and (ticket := event.ticket) is not None:
            self.issued_today[ticket.service_id] += 1
        counter = event.counter
        if counter is not None:
            self.counters[counter.id] = counter
        day = event.data.get("day")
        if event.type == DAY_OPENED and isinstance(day, str) and self.hall is not None:
            self.hall = replace(self.hall, day=day)  # today's numbers are the new day's
            self.issued_today.clear()
        if event.type == HALL_ANNOUNCEMENT and self.hall is not None:
            self.hall = self.hall.announced(event.data)
        if (service := event.service) is not None:  # its words or figures changed
            self.services.revise(service)
        elif event.type == SERVICE_CHANGED:
            service_id = event.data.get("service_id")
            suspended = event.data.get("suspended")
            if isinstance(service_id, str) and service_id in self.services:
                self.services.suspend(service_id, bool(suspended))
                queued = self.queue.get(service_id)
                if queued is not None:
                    self.queue[service_id] = _entry_suspended(queued, bool(suspended))

    # ------------------------------------------------------------------ reads

    @property
    def is_open(self) -> bool:
        return self.hall is None or self.hall.open

    def now(self) -> datetime | None:
        """The hall's time now, as the server last told it (None before it has)."""
        if self.hall is None:
            return None
        return (datetime.now(UTC) + self._clock_offset).astimezone(self.hall.now.tzinfo)

    def stopped(self, service_id: str) -> tuple[str, datetime | None] | None:
        """Why walk-in tickets for a service are not issued now, and from when they are again:
        today's tickets have run out, or they stopped before closing."""
        entry = self.queue.get(service_id)
        now = self.now()
        if entry is None or now is None:
            return None
        if entry.tickets_left == 0:
            return "daily_limit_reached", entry.reopens_at
        if entry.issuing_until is not None and now >= entry.issuing_until:
            # over from the day's start: a service not provided on this day (land on Saturday)
            day_start = datetime.combine(now.date(), time(), now.tzinfo)
            closed_today = entry.issuing_until == day_start
            return "closed_today" if closed_today else "issuing_ended", entry.reopens_at
        return None

    @property
    def opens_at(self) -> datetime | None:
        return None if self.hall is None else self.hall.opens_at

    @property
    def groups(self) -> tuple[GroupView, ...]:
        if self.hall is None:
            return ()
        used = {service.group for service in self.services.values()}
        return tuple(group for group in self.hall.groups if group.id in used)

    def hall_name(self, language: str) -> str:
        return "" if self.hall is None else text_in(self.hall.name, language)

    def announcement(self) -> list[str]:
        """The hall's announcement line in each language, each different text once (a line
        written once for the whole hall shows once)."""
        hall = self.hall
        if hall is None:
            return []
        texts = [hall.announcement_in(lang) for lang in LANGUAGES]
        return [t for i, t in enumerate(texts) if t and t not in texts[:i]]

    def services_in(self, group_id: str) -> list[ServiceView]:
        return [s for s in self.services.values() if s.group == group_id]

    def suspended(self, service_id: str) -> bool:
        service = self.services.get(service_id)
        entry = self.queue.get(service_id)
        return bool((service and service.suspended) or (entry and entry.suspended))

    def not_issuing(self, service_id: str) -> str | None:
        """Why no walk-in ticket for the service is issued now: "suspended" (not today at
        all), "stopped" (today's ran out, or stopped before closing), or None: it is."""
        if self.suspended(service_id):
            return "suspended"
        return "stopped" if self.stopped(service_id) is not None else None

    def unserved(self) -> frozenset[str]:
        """Services no open or paused counter serves (before 9:00, say): no wait in minutes."""
        return frozenset(s for s, entry in self.queue.items() if entry.unserved)

    def popular(self, count: int = 10) -> list[ServiceView]:
        """The most used services: the hall's own list first, then today's tickets, then order."""
        order = {service_id: i for i, service_id in enumerate(self.services)}
        ranked = sorted(
            self.services.values(),
            key=lambda s: (
                self.configured_popular.index(s.id)
                if s.id in self.configured_popular
                else len(self.configured_popular),
                -self.issued_today[s.id],
                order[s.id],
            ),
        )
        return ranked[:count]

    def search(self, query: str, language: str) -> list[ServiceView]:
        """Services whose name (in any language) has a word starting with each typed word."""
        words = fold(query).split()
        if not words:
            return []
        found: list[tuple[int, int, ServiceView]] = []
        for i, service in enumerate(self.services.values()):
            best = None
            for lang in LANGUAGES:
                name = fold(service.name.get(lang, ""))
                haystack = [w.strip("():,.;«»\"'-") for w in name.replace("-", " ").split()]
                if all(any(h.startswith(w) for h in haystack) or w in name for w in words):
                    rank = 0 if lang == language else 1
                    best = rank if best is None else min(best, rank)
            if best is not None:
                found.append((best, i, service))
        return [service for _, _, service in sorted(found, key=lambda f: (f[0], f[1]))]


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _entry_suspended(entry: QueueEntry, suspended: bool) -> QueueEntry:
    return replace(entry, suspended=suspended)
