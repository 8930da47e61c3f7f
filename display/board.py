"""What the wall shows, as plain data: the calls newest first, the lines per service, the hall.

Pure Python (no Qt). The board is rebuilt from a snapshot and moved on by events; it answers
which calls a zone shows, which one blinks, and which calls are to be spoken. Whether an event
is live or a replay after a reconnect is decided by `Freshness`: only live calls are spoken,
and those made in the last half minute before it (a short cut must not cost a visitor their call).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from display.voice import SpokenCall
from hallserver.protocol import (
    COUNTER_CHANGED,
    DAY_OPENED,
    HALL_ANNOUNCEMENT,
    SERVICE_CHANGED,
    TICKET_CALLED,
    TICKET_CANCELLED,
    TICKET_EXPIRED,
    TICKET_NO_SHOW,
    TICKET_POSTPONED,
    TICKET_RECALLED,
    TICKET_REQUEUED,
    TICKET_TRANSFERRED,
    CounterView,
    HallEvent,
    HallView,
    QueueEntry,
    ServiceView,
    Snapshot,
    Text,
)

# A call no longer stands once the visitor is sent back to a line or the ticket is closed unserved.
_WITHDRAWN = frozenset(
    {
        TICKET_REQUEUED,
        TICKET_CANCELLED,
        TICKET_TRANSFERRED,
        TICKET_NO_SHOW,
        TICKET_EXPIRED,
        TICKET_POSTPONED,  # stepped away: off the board until called back (and spoken again)
    }
)


@dataclass(frozen=True)
class Zone:
    """The part of the hall a display serves: some services and/or some counters (empty: all)."""

    services: frozenset[str] = frozenset()
    counters: frozenset[int] = frozenset()  # counter numbers, as written on the windows

    def shows_call(self, service_id: str, counter_number: int) -> bool:
        return (not self.services or service_id in self.services) and (
            not self.counters or counter_number in self.counters
        )

    def services_of(self, counters: Iterable[CounterView]) -> frozenset[str] | None:
        """The services whose lines this zone shows; None means all of them."""
        if self.services:
            return self.services
        if not self.counters:
            return None
        return frozenset(s for c in counters if c.number in self.counters for s in c.profile)


@dataclass(frozen=True)
class CallEntry:
    """One call on the wall: ticket number to counter number, and when it last flashed."""

    ticket_id: str
    number: str
    service_id: str
    counter_number: int
    called_at: datetime
    flash_from: float | None = None  # monotonic seconds of the last live call/recall

    def flashing(self, now: float, blink_s: float) -> bool:
        return self.flash_from is not None and now - self.flash_from < blink_s


@dataclass
class Board:
    """Everything on screen except the clock. `zone` filters calls and lines."""

    zone: Zone = field(default_factory=Zone)
    keep: int = 24  # calls remembered (more than any layout shows)
    hall: HallView | None = None
    services: dict[str, ServiceView] = field(default_factory=dict)  # catalogue order
    counters: dict[str, CounterView] = field(default_factory=dict)
    queue: dict[str, QueueEntry] = field(default_factory=dict)
    calls: list[CallEntry] = field(default_factory=list)  # newest first, zone-filtered
    seq: int = 0

    def announcement_in(self, lang: str) -> str:
        return "" if self.hall is None else self.hall.announcement_in(lang)

    def set_services(self, services: Iterable[ServiceView]) -> None:
        self.services = {s.id: s for s in services}

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        """The state after a (re)connect: nothing in it flashes or is spoken."""
        if self.hall is not None and self.hall.day != snapshot.hall.day:
            self.calls = []
        self.hall = snapshot.hall
        self.counters = {c.id: c for c in snapshot.counters}
        self.queue = {q.service_id: q for q in snapshot.queue}
        self.seq = snapshot.seq
        open_tickets = {t.id: t for t in snapshot.tickets}
        kept = [c for c in self.calls if c.ticket_id not in open_tickets]  # served since: history
        called = [
            CallEntry(t.id, t.number, t.service_id, t.counter_number, t.called_at)
            for t in snapshot.tickets
            if t.status in ("called", "serving")
            and t.counter_number is not None
            and t.called_at is not None
            and self.zone.shows_call(t.service_id, t.counter_number)
        ]
        merged = sorted(called + kept, key=lambda c: c.called_at, reverse=True)
        self.calls = merged[: self.keep]

    def apply_event(self, event: HallEvent, now: float, live: bool) -> SpokenCall | None:
        """Move the board on by one event; returns the call to speak, if it is live and ours."""
        self.seq = max(self.seq, event.seq)
        for raw in _list(event.data.get("queue")):
            entry = QueueEntry.from_json(raw)
            self.queue[entry.service_id] = entry
        if event.type in (TICKET_CALLED, TICKET_RECALLED):
            return self._called(event, now, live)
        if event.type in _WITHDRAWN:
            ticket = event.ticket
            if ticket is not None:
                self.calls = [c for c in self.calls if c.ticket_id != ticket.id]
        elif event.type == COUNTER_CHANGED:
            counter = event.counter
            if counter is not None:
                self.counters[counter.id] = counter
        elif event.type == HALL_ANNOUNCEMENT and self.hall is not None:
            self.hall = self.hall.announced(event.data)
        elif live and (service := event.service) is not None:  # its name or figures changed
            # (not from a catch-up: the services fetched at connecting are newer)
            self.services[service.id] = service
        elif event.type == SERVICE_CHANGED:
            old = self.services.get(str(event.data.get("service_id")))
            if old is not None:
                self.services[old.id] = replace(old, suspended=bool(event.data.get("suspended")))
        elif event.type == DAY_OPENED:
            self.calls = []
        return None

    def _called(self, event: HallEvent, now: float, live: bool) -> SpokenCall | None:
        ticket = event.ticket
        number = event.data.get("counter_number", ticket.counter_number if ticket else None)
        if ticket is None or not isinstance(number, int):
            return None
        self.calls = [c for c in self.calls if c.ticket_id != ticket.id]
        if not self.zone.shows_call(ticket.service_id, number):
            return None
        entry = CallEntry(
            ticket.id,
            ticket.number,
            ticket.service_id,
            number,
            ticket.called_at or event.at,
            flash_from=now if live else None,
        )
        self.calls = [entry, *self.calls][: self.keep]
        recall = event.type == TICKET_RECALLED
        return SpokenCall(ticket.id, ticket.number, number, recall) if live else None

    def flash(self, ticket_id: str, now: float) -> SpokenCall | None:
        """A call on the board made live after all (a recent one replayed): it flashes from
        `now`, and the call to speak; None when the board does not show it."""
        for n, entry in enumerate(self.calls):
            if entry.ticket_id == ticket_id:
                self.calls[n] = replace(entry, flash_from=now)
                return SpokenCall(entry.ticket_id, entry.number, entry.counter_number)
        return None

    def lines(self) -> list[tuple[ServiceView, QueueEntry]]:
        """The zone's services with people waiting, in catalogue order."""
        shown = self.zone.services_of(self.counters.values())
        rows = []
        for service in self.services.values():
            entry = self.queue.get(service.id)
            if (
                entry is None
                or entry.waiting == 0
                or (shown is not None and service.id not in shown)
            ):
                continue
            rows.append((service, entry))
        return rows

    def hall_name(self, lang: str) -> str:
        return text_in(self.hall.name, lang) if self.hall else ""


def text_in(text: Text, lang: str) -> str:
    """A catalogue text in `lang`, falling back to Kazakh, Russian, then anything."""
    for key in (lang, "kk", "ru", "en"):
        if text.get(key):
            return text[key]
    return next(iter(text.values()), "")


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


class Freshness:
    """Tells live events from replays after a reconnect, by the server's own clock.

    `connected(server_now)` marks the moment of (re)connection in server time (from the
    snapshot, or from `GET /hall` when the stream resumes). Events stamped earlier are
    replays: they update the board but are not spoken and do not flash, except a call made
    within RECENT_CALL of the reconnection (`is_recent_call`): its visitor may still be
    listening for it, and the window says it once the replay is over, if the visitor has not
    reached the counter meanwhile. Until the first connection nothing is live.
    """

    RECENT_CALL = timedelta(seconds=30)

    def __init__(self) -> None:
        self._since: datetime | None = None
        self._offset = timedelta(0)  # server clock minus local clock, from the last reading

    def connected(self, server_now: datetime, local_now: datetime | None = None) -> None:
        self._since = server_now
        if local_now is not None:
            self._offset = server_now - local_now

    def connected_by_estimate(self, local_now: datetime) -> None:
        """When the server's time could not be read: local time plus the last known offset."""
        self._since = local_now + self._offset

    def is_live(self, event: HallEvent) -> bool:
        return self._since is not None and event.at >= self._since

    def is_recent_call(self, event: HallEvent) -> bool:
        """A replayed call made within RECENT_CALL before the reconnection."""
        return (
            self._since is not None
            and event.type in (TICKET_CALLED, TICKET_RECALLED)
            and self._since - self.RECENT_CALL <= event.at < self._since
        )
