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


# Kazakh letters as the Russian ones they look like: the Russian and English on-screen
# keyboards have none, so "куалик" is typed for "куәлік"
KAZAKH_PLAIN = str.maketrans("әіүұқғңөһё", "аиуукгнохе")
# Latin letters that look Cyrillic, in a word that mixes both ("некe" with a Latin e)
LATIN_LOOKALIKES = str.maketrans("aceopxykmti", "асеорхукмти")
STEM_MIN = 5  # an inflected word matches by a stem this long at least ("удостоверения")
TYPO_MIN = 5  # one typo is forgiven in words this long ("удостоверние")
PUNCTUATION = "():,.;«»\"'-–—/!?"


def fold(text: str) -> str:
    """Lower case, Kazakh letters as their Russian look-alikes, ё as е, Latin look-alikes in
    a Cyrillic word as Cyrillic: what search compares."""
    text = unicodedata.normalize("NFC", text.casefold()).translate(KAZAKH_PLAIN)
    return " ".join(_one_alphabet(word) for word in text.split())


def _one_alphabet(word: str) -> str:
    if word.isascii() or not any("a" <= c <= "z" for c in word):
        return word
    return word.translate(LATIN_LOOKALIKES)


def words_of(text: str) -> list[str]:
    """The folded words of `text`, punctuation and hyphens apart."""
    plain = fold(text)
    for mark in "-–—/":
        plain = plain.replace(mark, " ")
    return [w for w in (w.strip(PUNCTUATION) for w in plain.split()) if w]


def within_one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by at most one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def word_match(typed: str, word: str) -> int | None:
    """How `typed` matches a word of a service: 0 as its beginning or by a shared stem (an
    inflection), 1 with one typo; None not at all."""
    if word.startswith(typed):
        return 0
    if len(typed) >= STEM_MIN:
        shared = 0
        for x, y in zip(typed, word, strict=False):
            if x != y:
                break
            shared += 1
        if shared >= max(STEM_MIN, len(typed) - 3):
            return 0
        if len(typed) >= TYPO_MIN and any(
            within_one_edit(typed, word[:n]) for n in (len(typed) - 1, len(typed), len(typed) + 1)
        ):
            return 1
    return None


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
        self._index: SearchIndex | None = None  # the search's words, of `services` as they were

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
        """Services with a word matching each typed word (its beginning, an inflection of it,
        or one typo in a long word) in a name in any language, or else in the description or
        the documents: exact matches first, then names before descriptions, the visitor's
        language first, then the catalogue's order."""
        typed = words_of(query)
        if not typed:
            return []
        index = self._search_index()
        best: dict[int, tuple[int, int]] = {}  # service -> worst over typed words of the best
        for n, word in enumerate(typed):
            found: dict[int, tuple[int, int]] = {}
            for known, places in index.words.items():
                quality = word_match(word, known)
                if quality is None:
                    continue
                for service, tier, lang in places:
                    rank = (quality, tier if tier or lang == language else 1)
                    if service not in found or rank < found[service]:
                        found[service] = rank
            for service, names in index.names.items():  # "ЭЦП" inside "(ЭЦП)", "id" in "ID-card"
                for lang, name in names.items():
                    if word in name:
                        rank = (0, 0 if lang == language else 1)
                        if service not in found or rank < found[service]:
                            found[service] = rank
            best = found if n == 0 else {s: max(r, found[s]) for s, r in best.items() if s in found}
            if not best:
                return []
        services = list(index.services)
        order = sorted(best, key=lambda s: (best[s], s))
        return [services[s] for s in order]

    def _search_index(self) -> SearchIndex:
        services = tuple(self.services.values())
        known = self._index
        if (
            known is None
            or len(known.services) != len(services)
            or any(a is not b for a, b in zip(known.services, services, strict=True))
        ):
            known = self._index = SearchIndex.of(services)
        return known


class SearchIndex:
    """Each folded word of the services' names, descriptions and documents, with where it is:
    (service's place, 0 in a name or 2 elsewhere, language)."""

    def __init__(self, services: tuple[ServiceView, ...]) -> None:
        self.services = services
        self.words: dict[str, list[tuple[int, int, str]]] = {}
        self.names: dict[int, dict[str, str]] = {}

    @classmethod
    def of(cls, services: tuple[ServiceView, ...]) -> SearchIndex:
        index = cls(services)
        for i, service in enumerate(services):
            index.names[i] = {lang: fold(text) for lang, text in service.name.items()}
            for lang in LANGUAGES:
                index._add(i, 0, lang, service.name.get(lang, ""))
                index._add(i, 2, lang, service.description.get(lang, ""))
                for document in service.documents:
                    index._add(i, 2, lang, document.get(lang, ""))
        return index

    def _add(self, service: int, tier: int, lang: str, text: str) -> None:
        for word in words_of(text):
            places = self.words.setdefault(word, [])
            if (service, tier, lang) not in places:
                places.append((service, tier, lang))


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _entry_suspended(entry: QueueEntry, suspended: bool) -> QueueEntry:
    return replace(entry, suspended=suspended)
