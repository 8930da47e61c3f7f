"""What terminals read from the hall server: typed, validated views of the API's JSON.

Pure: standard library only, so the apps, the simulator and the tests share it without
pulling in the server. Every view has ``from_json(raw)`` that checks types and raises
`ProtocolError` (a `ValueError`) naming the bad field, never a `KeyError` or `TypeError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeAlias, TypeVar

JsonScalar: TypeAlias = str | int | float | bool | None
JsonValue: TypeAlias = JsonScalar | list["JsonValue"] | dict[str, "JsonValue"]
JsonObject: TypeAlias = dict[str, JsonValue]
Text: TypeAlias = Mapping[str, str]  # language ("kk", "ru", "en") -> text

PROTOCOL_VERSION = 1
API_PATH = "/api/v1"
SERVICE_TYPE = "_kezek._tcp.local."

# Event types (`HallEvent.type`); `SNAPSHOT` is the stream's first message after a reset.
SNAPSHOT = "snapshot"
TICKET_ISSUED = "ticket.issued"
TICKET_CALLED = "ticket.called"
TICKET_RECALLED = "ticket.recalled"
TICKET_REQUEUED = "ticket.requeued"
TICKET_STARTED = "ticket.started"
TICKET_FINISHED = "ticket.finished"
TICKET_NO_SHOW = "ticket.no_show"
TICKET_CANCELLED = "ticket.cancelled"
TICKET_TRANSFERRED = "ticket.transferred"
TICKET_RATED = "ticket.rated"
TICKET_EXPIRED = "ticket.expired"
TICKET_POSTPONED = "ticket.postponed"  # stepped away; their counter calls them back
TICKET_RELEASED = "ticket.released"  # no longer held for one counter
COUNTER_CHANGED = "counter.changed"
SERVICE_CHANGED = "service.changed"
DAY_OPENED = "day.opened"
BOOKING_CREATED = "booking.created"
BOOKING_CANCELLED = "booking.cancelled"
HALL_ANNOUNCEMENT = "hall.announcement"
MESSAGE_SENT = "message.sent"  # the supervisor to the operators; the text: GET /messages
MESSAGE_READ = "message.read"
TICKET_EVENTS = frozenset(
    {
        TICKET_ISSUED,
        TICKET_CALLED,
        TICKET_RECALLED,
        TICKET_REQUEUED,
        TICKET_STARTED,
        TICKET_FINISHED,
        TICKET_NO_SHOW,
        TICKET_CANCELLED,
        TICKET_TRANSFERRED,
        TICKET_RATED,
        TICKET_EXPIRED,
        TICKET_POSTPONED,
        TICKET_RELEASED,
    }
)

T = TypeVar("T")


class ProtocolError(ValueError):
    """A message from the server does not have the shape this protocol version expects."""


class _Fields:
    """Typed access to one JSON object; every miss raises ProtocolError naming the field."""

    def __init__(self, raw: object, what: str) -> None:
        if not isinstance(raw, dict):
            raise ProtocolError(f"{what}: expected a JSON object, got {type(raw).__name__}")
        self.raw: Mapping[str, object] = raw
        self.what = what

    def _bad(self, name: str, expected: str) -> ProtocolError:
        got = type(self.raw.get(name)).__name__ if name in self.raw else "nothing"
        return ProtocolError(f"{self.what}.{name}: expected {expected}, got {got}")

    def req_str(self, name: str) -> str:
        value = self.raw.get(name)
        if not isinstance(value, str):
            raise self._bad(name, "a string")
        return value

    def opt_str(self, name: str) -> str | None:
        return None if self.raw.get(name) is None else self.req_str(name)

    def req_int(self, name: str, default: int | None = None) -> int:
        value = self.raw.get(name)
        if value is None and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._bad(name, "a whole number")
        return value

    def opt_int(self, name: str) -> int | None:
        return None if self.raw.get(name) is None else self.req_int(name)

    def str_tuple(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._bad(name, "a list of strings")
        return tuple(value)

    def flag(self, name: str, default: bool | None = None) -> bool:
        value = self.raw.get(name)
        if value is None and default is not None:
            return default
        if not isinstance(value, bool):
            raise self._bad(name, "true or false")
        return value

    def time(self, name: str) -> datetime:
        text = self.req_str(name)
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise self._bad(name, "an ISO date and time") from None

    def opt_time(self, name: str) -> datetime | None:
        return None if self.raw.get(name) is None else self.time(name)

    def lang(self, name: str) -> Text:
        return _text(self.raw.get(name), f"{self.what}.{name}")

    def opt_lang(self, name: str) -> Text | None:
        return None if self.raw.get(name) is None else self.lang(name)

    def obj(self, name: str) -> JsonObject:
        value = self.raw.get(name)
        if not isinstance(value, dict):
            raise self._bad(name, "a JSON object")
        return json_object(value, f"{self.what}.{name}")

    def array(self, name: str, default: bool = False) -> list[object]:
        value = self.raw.get(name)
        if value is None and default:
            return []
        if not isinstance(value, list):
            raise self._bad(name, "a list")
        return list(value)

    def each(self, name: str, parse: Callable[[object], T], default: bool = False) -> tuple[T, ...]:
        return tuple(parse(item) for item in self.array(name, default))


def _text(value: object, what: str) -> Text:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ProtocolError(f"{what}: expected an object of language -> text")
    return dict(value)


def json_value(value: object, what: str = "value") -> JsonValue:
    """`value` checked to be JSON data all the way down (as `json.loads` gives it)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list):
        return [json_value(item, what) for item in value]
    if isinstance(value, dict):
        return json_object(value, what)
    raise ProtocolError(f"{what}: {type(value).__name__} is not JSON data")


def json_object(value: object, what: str = "object") -> JsonObject:
    """`value` checked to be a JSON object with string keys."""
    if not isinstance(value, dict):
        raise ProtocolError(f"{what}: expected a JSON object, got {type(value).__name__}")
    result: JsonObject = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise ProtocolError(f"{what}: key {key!r} is not a string")
        result[key] = json_value(item, f"{what}.{key}")
    return result


@dataclass(frozen=True)
class TicketView:
    """A ticket as the API shows it. Position, estimate and URL are 0/None inside events."""

    id: str
    number: str
    service_id: str
    status: str  # waiting | called | serving | postponed | finished | no_show | cancelled | expired
    issued_at: datetime
    priority: str = "regular"
    language: str = "kk"
    counter_id: str | None = None
    counter_number: int | None = None
    operator_id: str | None = None
    times_called: int = 0
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    rating: str | None = None
    result: str | None = None  # how a finished visit ended (GET /hall lists the results)
    transfers: int = 0
    booking_code: str | None = None
    appointment_at: datetime | None = None
    position: int = 0  # 1 = next for its service; 0 when no longer waiting
    people_ahead: int = 0
    estimated_wait_s: int = 0
    status_url: str | None = None
    late_for_appointment: bool = False
    priority_reason: str | None = None
    target_counter_id: str | None = None  # transferred to one counter
    order: int = 0  # issue order in the day: between equal issue times, who came first
    return_service_id: str | None = None  # sent on "and back": returns here once done there
    return_counter_id: str | None = None
    notes: tuple[str, ...] = ()  # transfer notes, oldest first
    revision: int = 0  # every change bumps it: the newer of two versions of one ticket
    witness: str | None = None  # the log's seal at its issue (only in the issue's answer)

    @classmethod
    def from_json(cls, raw: object) -> TicketView:
        f = _Fields(raw, "ticket")
        return cls(
            id=f.req_str("id"),
            number=f.req_str("number"),
            service_id=f.req_str("service_id"),
            status=f.req_str("status"),
            issued_at=f.time("issued_at"),
            priority=f.opt_str("priority") or "regular",
            language=f.opt_str("language") or "kk",
            counter_id=f.opt_str("counter_id"),
            counter_number=f.opt_int("counter_number"),
            operator_id=f.opt_str("operator_id"),
            times_called=f.req_int("times_called", 0),
            called_at=f.opt_time("called_at"),
            started_at=f.opt_time("started_at"),
            finished_at=f.opt_time("finished_at"),
            rating=f.opt_str("rating"),
            result=f.opt_str("result"),
            transfers=f.req_int("transfers", 0),
            booking_code=f.opt_str("booking_code"),
            appointment_at=f.opt_time("appointment_at"),
            position=f.req_int("position", 0),
            people_ahead=f.req_int("people_ahead", 0),
            estimated_wait_s=f.req_int("estimated_wait_s", 0),
            status_url=f.opt_str("status_url"),
            late_for_appointment=f.flag("late_for_appointment", False),
            priority_reason=f.opt_str("priority_reason"),
            target_counter_id=f.opt_str("target_counter_id"),
            order=f.req_int("order", 0),
            return_service_id=f.opt_str("return_service_id"),
            return_counter_id=f.opt_str("return_counter_id"),
            notes=f.str_tuple("notes"),
            revision=f.req_int("revision", 0),
            witness=f.opt_str("witness"),
        )


@dataclass(frozen=True)
class CounterView:
    """A counter (a numbered window): its state, operator, current ticket and profile."""

    id: str
    number: int
    name: Text
    state: str  # open | paused | closed
    profile: Mapping[str, str] = field(default_factory=dict)  # service id -> main | backup
    pause_reason: str | None = None
    state_since: datetime | None = None
    operator_id: str | None = None
    current_ticket_id: str | None = None
    priority_streak: int = 0  # priority visitors called here in a row

    @classmethod
    def from_json(cls, raw: object) -> CounterView:
        f = _Fields(raw, "counter")
        return cls(
            id=f.req_str("id"),
            number=f.req_int("number"),
            name=f.lang("name"),
            state=f.req_str("state"),
            profile=_text(f.raw.get("profile", {}), "counter.profile"),
            pause_reason=f.opt_str("pause_reason"),
            state_since=f.opt_time("state_since"),
            operator_id=f.opt_str("operator_id"),
            current_ticket_id=f.opt_str("current_ticket_id"),
            priority_streak=f.req_int("priority_streak", 0),
        )


@dataclass(frozen=True)
class QueueEntry:
    """How many wait for one service, for how long, and the estimate for a new ticket."""

    service_id: str
    waiting: int
    longest_wait_s: int
    open_counters: int
    estimated_wait_s: int
    suspended: bool = False
    issuing_until: datetime | None = None  # walk-in tickets stop then today
    reopens_at: datetime | None = None  # … and are issued again from then
    tickets_left: int | None = None  # today's, when the service has a daily limit
    paused_counters: int = 0  # their operators come back from a break

    @property
    def unserved(self) -> bool:
        """No counter serving it is open or paused (before 9:00, say): no wait in minutes."""
        return self.open_counters == 0 and self.paused_counters == 0

    @classmethod
    def from_json(cls, raw: object) -> QueueEntry:
        f = _Fields(raw, "queue entry")
        return cls(
            service_id=f.req_str("service_id"),
            waiting=f.req_int("waiting"),
            longest_wait_s=f.req_int("longest_wait_s", 0),
            open_counters=f.req_int("open_counters", 0),
            estimated_wait_s=f.req_int("estimated_wait_s", 0),
            suspended=f.flag("suspended", False),
            issuing_until=f.opt_time("issuing_until"),
            reopens_at=f.opt_time("reopens_at"),
            tickets_left=f.opt_int("tickets_left"),
            paused_counters=f.req_int("paused_counters", 0),
        )


@dataclass(frozen=True)
class ServiceView:
    """A service as the kiosk explains it: names, documents and fee in every language."""

    id: str
    prefix: str
    name: Text
    description: Text
    group: str | None = None
    icon: str = ""
    documents: tuple[Text, ...] = ()
    fee: Text | None = None
    duration_min: int | None = None
    target_wait_min: int | None = None
    slot_capacity: int | None = None
    suspended: bool = False

    @classmethod
    def from_json(cls, raw: object) -> ServiceView:
        f = _Fields(raw, "service")
        return cls(
            id=f.req_str("id"),
            prefix=f.req_str("prefix"),
            name=f.lang("name"),
            description=f.opt_lang("description") or {},
            group=f.opt_str("group"),
            icon=f.opt_str("icon") or "",
            documents=f.each("documents", lambda d: _text(d, "service.documents"), True),
            fee=f.opt_lang("fee"),
            duration_min=f.opt_int("duration_min"),
            target_wait_min=f.opt_int("target_wait_min"),
            slot_capacity=f.opt_int("slot_capacity"),
            suspended=f.flag("suspended", False),
        )


class ServiceCopy(dict[str, ServiceView]):
    """A terminal's copy of the hall's services, by id: read whole from `GET /services` at each
    (re)connect (a restart may bring another catalogue) and revised by `service.changed` events.

    A read answers as of when the server made it; an event that came while it was under way
    may be newer, so between `reading()` and `read()` what events changed is laid over what is
    read: a service revised whole, or only suspended or resumed (the read's words kept).
    """

    def __init__(self) -> None:
        super().__init__()
        self._revised: dict[str, ServiceView] | None = None
        self._suspended: dict[str, bool] = {}  # suspended or resumed since the read went

    def reading(self) -> None:
        """A read of the whole list has gone out (or is about to)."""
        self._revised, self._suspended = {}, {}

    def read(self, services: Iterable[ServiceView]) -> None:
        """The read's answer: it replaces the copy, but for what changed since it went."""
        self.clear()
        self.update((service.id, service) for service in services)
        self.update(self._revised or {})
        for service_id, suspended in self._suspended.items():
            if (service := self.get(service_id)) is not None:
                self[service_id] = replace(service, suspended=suspended)
        self._revised, self._suspended = None, {}

    def revise(self, service: ServiceView) -> None:
        """A service's words or figures changed (the event carries it whole)."""
        self[service.id] = service
        if self._revised is not None:
            self._revised[service.id] = service
            self._suspended.pop(service.id, None)  # the whole service says it too

    def suspend(self, service_id: str, suspended: bool) -> None:
        """A service was suspended or resumed for today (the event carries only that)."""
        if (service := self.get(service_id)) is not None:
            self[service_id] = replace(service, suspended=suspended)
        if self._revised is not None:
            self._suspended[service_id] = suspended


@dataclass(frozen=True)
class GroupView:
    """A branch of the kiosk's tree of services."""

    id: str
    name: Text
    icon: str = ""

    @classmethod
    def from_json(cls, raw: object) -> GroupView:
        f = _Fields(raw, "group")
        return cls(id=f.req_str("id"), name=f.lang("name"), icon=f.opt_str("icon") or "")


@dataclass(frozen=True)
class ResultView:
    """One way a served visit can end, recorded by the operator at finish."""

    id: str
    name: Text

    @classmethod
    def from_json(cls, raw: object) -> ResultView:
        f = _Fields(raw, "result")
        return cls(id=f.req_str("id"), name=f.lang("name"))


@dataclass(frozen=True)
class HallView:
    """The hall: names, business day, whether it is open, the announcement."""

    id: str
    name: Text
    timezone: str
    day: str
    now: datetime
    open: bool
    opens_at: datetime | None = None
    announcement: str = ""
    announcements: Text = field(default_factory=dict)  # what each language shows
    protocol_version: int = PROTOCOL_VERSION
    groups: tuple[GroupView, ...] = ()
    results: tuple[ResultView, ...] = ()  # what an operator may record at finish, in order
    priority_streak_cap: int = 2  # priority calls in a row before a regular visitor's turn
    max_recalls: int | None = None  # recalls past the first call; the next one is a no-show

    @classmethod
    def from_json(cls, raw: object) -> HallView:
        f = _Fields(raw, "hall")
        return cls(
            id=f.req_str("id"),
            name=f.lang("name"),
            timezone=f.req_str("timezone"),
            day=f.req_str("day"),
            now=f.time("now"),
            open=f.flag("open"),
            opens_at=f.opt_time("opens_at"),
            announcement=f.opt_str("announcement") or "",
            announcements=f.opt_lang("announcements") or {},
            protocol_version=f.req_int("protocol_version", PROTOCOL_VERSION),
            groups=f.each("groups", GroupView.from_json, True),
            results=f.each("results", ResultView.from_json, True),
            priority_streak_cap=f.req_int("priority_streak_cap", 2),
            max_recalls=f.opt_int("max_recalls"),
        )

    def announcement_in(self, lang: str) -> str:
        """The announcement line in `lang` (an older server sends one text for all)."""
        return self.announcements.get(lang) or self.announcement

    def announced(self, data: Mapping[str, object]) -> HallView:
        """The hall after a `hall.announcement` event with this data."""
        text, texts = data.get("text"), data.get("texts")
        written = texts if isinstance(texts, dict) else {}
        return replace(
            self,
            announcement=text if isinstance(text, str) else "",
            announcements={str(k): v for k, v in written.items() if isinstance(v, str)},
        )


@dataclass(frozen=True)
class MessageView:
    """The supervisor's message to one counter (`to`) or every counter (None)."""

    id: int
    at: datetime
    to: str | None
    text: str
    sender: str = ""
    read_here: bool = False  # read at the asking operator's counter

    @classmethod
    def from_json(cls, raw: object) -> MessageView:
        f = _Fields(raw, "message")
        return cls(
            id=f.req_int("id"),
            at=f.time("at"),
            to=f.opt_str("to"),
            text=f.opt_str("text") or "",
            sender=f.opt_str("sender") or "",
            read_here=f.flag("read_here", False),
        )


@dataclass(frozen=True)
class OperatorDay:
    """An operator's day so far: visitors served, service time, no-shows, ratings."""

    operator_id: str
    served: int
    no_shows: int
    average_service_s: int | None
    ratings: dict[str, int]

    @classmethod
    def from_json(cls, raw: object) -> OperatorDay:
        f = _Fields(raw, "operator's day")
        ratings = f.raw.get("ratings")
        if not isinstance(ratings, dict) or not all(
            isinstance(k, str) and isinstance(v, int) for k, v in ratings.items()
        ):
            raise ProtocolError("operator's day: ratings must map grades to counts")
        return cls(
            operator_id=f.req_str("operator_id"),
            served=f.req_int("served"),
            no_shows=f.req_int("no_shows"),
            average_service_s=f.opt_int("average_service_s"),
            ratings=dict(ratings),
        )


@dataclass(frozen=True)
class BookingView:
    """An appointment booked ahead; `code` is what the citizen types at the kiosk."""

    code: str
    service_id: str
    slot_at: datetime
    state: str
    iin: str | None = None
    ticket_id: str | None = None

    @classmethod
    def from_json(cls, raw: object) -> BookingView:
        f = _Fields(raw, "booking")
        return cls(
            code=f.req_str("code"),
            service_id=f.req_str("service_id"),
            slot_at=f.time("slot_at"),
            state=f.req_str("state"),
            iin=f.opt_str("iin"),
            ticket_id=f.opt_str("ticket_id"),
        )


@dataclass(frozen=True)
class HallEvent:
    """One event of the hall's log, as broadcast: numbered, timed and attributed."""

    seq: int
    type: str
    at: datetime
    actor: str
    data: JsonObject

    @classmethod
    def from_json(cls, raw: object) -> HallEvent:
        f = _Fields(raw, "event")
        return cls(
            seq=f.req_int("seq"),
            type=f.req_str("type"),
            at=f.time("at"),
            actor=f.req_str("actor"),
            data=f.obj("data"),
        )

    @property
    def ticket(self) -> TicketView | None:
        """The ticket this event is about, if any."""
        raw = self.data.get("ticket")
        return TicketView.from_json(raw) if raw is not None else None

    @property
    def counter(self) -> CounterView | None:
        """The counter this event changed, if any (`counter.changed`)."""
        raw = self.data.get("counter")
        return CounterView.from_json(raw) if isinstance(raw, dict) else None

    @property
    def service(self) -> ServiceView | None:
        """The service as it now is, when its words or figures changed (`service.changed`
        after `PATCH /services/{id}`; a suspension carries only `suspended`)."""
        raw = self.data.get("service")
        return ServiceView.from_json(raw) if isinstance(raw, dict) else None


@dataclass(frozen=True)
class Snapshot:
    """Everything a screen shows, as of event `seq`: hall, queues, counters, open tickets."""

    seq: int
    hall: HallView
    queue: tuple[QueueEntry, ...]
    counters: tuple[CounterView, ...]
    tickets: tuple[TicketView, ...]
    seq_at: str | None = None  # when event `seq` was logged (None: unknown, or no event)

    @classmethod
    def from_json(cls, raw: object, seq: int | None = None, seq_at: str | None = None) -> Snapshot:
        """From `GET /snapshot` (seq and seq_at inside), or from a stream message's `data`
        plus its seq and seq_at."""
        f = _Fields(raw, "snapshot")
        return cls(
            seq=seq if seq is not None else f.req_int("seq"),
            hall=HallView.from_json(f.raw.get("hall")),
            queue=f.each("queue", QueueEntry.from_json),
            counters=f.each("counters", CounterView.from_json),
            tickets=f.each("tickets", TicketView.from_json),
            seq_at=seq_at if seq is not None else f.opt_str("seq_at"),
        )

    @classmethod
    def from_message(cls, raw: object) -> Snapshot:
        """From the event stream's `{"seq", "seq_at", "type": "snapshot", "at", "data"}`
        message (a server before `seq_at` sends none)."""
        f = _Fields(raw, "snapshot message")
        if f.req_str("type") != SNAPSHOT:
            raise ProtocolError(f"snapshot message: type is {f.req_str('type')!r}")
        return cls.from_json(f.raw.get("data"), seq=f.req_int("seq"), seq_at=f.opt_str("seq_at"))
