"""The hall aggregate: today's tickets, counters and bookings, changed only by its commands.

Every command either raises a HallError and changes nothing, or changes the state and returns
the events that describe the change. Time is always an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from hallserver.domain import events as ev
from hallserver.domain.bookings import Booking, BookingState, tidy_code
from hallserver.domain.catalogue import Catalogue, Level, Service
from hallserver.domain.counters import Counter, CounterState, PauseReason
from hallserver.domain.errors import (
    Conflict,
    Forbidden,
    HallClosed,
    IllegalTransition,
    InvalidInput,
    NotFound,
    WrongDay,
)
from hallserver.domain.estimates import (
    FRESH_S,
    Estimate,
    Forecast,
    ServiceTimes,
    estimate,
    forecast,
    people_ahead,
    serving_capacity,
)
from hallserver.domain.events import Event
from hallserver.domain.ids import (
    LANGS,
    CounterId,
    JsonObject,
    Lang,
    OperatorId,
    ServiceId,
    TicketId,
    unprintable,
)
from hallserver.domain.messages import DAY_LIMIT, TEXT_LIMIT, Message
from hallserver.domain.routing import (
    HallPolicy,
    Pick,
    RoutingPolicy,
    WaitingLanes,
    Why,
    streak_after,
)
from hallserver.domain.tickets import (
    QUEUE_CLASSES,
    Grade,
    Priority,
    QueueClass,
    Ticket,
    TicketState,
)

BOOKING_AHEAD_DAYS = 60  # the booking page offers two weeks; the API a little more, not years
BOOKING_MEMORY_DAYS = 10  # one IIN may hold one booking in any 10 days (the egov.kz rule)


@dataclass(frozen=True)
class ServiceQueue:
    """The waiting line of one service right now."""

    service: Service
    waiting: int
    longest_wait_s: int
    open_counters: int
    estimate_for_new: Estimate
    suspended: bool
    paused_counters: int = 0  # their operators come back: the estimate counts on them
    issuing_until: datetime | None = None  # walk-in tickets stop then today (last_ticket_min)
    reopens_at: datetime | None = None  # … and are issued again from then
    tickets_left: int | None = None  # today's, under the service's daily_limit

    def to_json(self) -> JsonObject:
        return {
            "service_id": self.service.id,
            "waiting": self.waiting,
            "longest_wait_s": self.longest_wait_s,
            "open_counters": self.open_counters,
            "paused_counters": self.paused_counters,
            "estimated_wait_s": self.estimate_for_new.estimated_wait_s,
            "suspended": self.suspended,
            "issuing_until": self.issuing_until.isoformat() if self.issuing_until else None,
            "reopens_at": self.reopens_at.isoformat() if self.reopens_at else None,
            "tickets_left": self.tickets_left,
        }


PRINTER_STATES = ("online", "paper_near_end", "paper_out", "cover_open", "offline", "none")


@dataclass
class TerminalReport:
    """What an enrolled terminal last told the server about itself."""

    name: str
    role: str
    printer: str
    detail: str
    last_seen: datetime

    def to_json(self) -> JsonObject:
        return {
            "name": self.name,
            "role": self.role,
            "printer": self.printer,
            "detail": self.detail,
            "last_seen": self.last_seen.isoformat(),
        }

    @classmethod
    def from_json(cls, data: JsonObject) -> TerminalReport:
        return cls(
            str(data["name"]),
            str(data["role"]),
            str(data["printer"]),
            str(data["detail"]),
            datetime.fromisoformat(str(data["last_seen"])),
        )


@dataclass
class Issued:
    """What issuing told the visitor besides the ticket."""

    ticket: Ticket
    estimate: Estimate
    late_for_appointment: bool = False
    ticket_json: JsonObject | None = None  # the ticket as its event recorded it, for the answer
    repeat: bool = False  # a request key seen before today: this is its ticket, issued then


@dataclass(frozen=True)
class IssueKey:
    """A client's key for one request to issue (`request_id`), and a digest of what it asked:
    a repeat of the key answers the ticket issued for it, once a day."""

    key: str
    digest: str


@dataclass(frozen=True)
class Announcement:
    """The displays' announcement line, per language. A language left empty shows the text of
    the first one there is (kk, ru, en), so one text serves the whole hall."""

    texts: Mapping[Lang, str] = field(default_factory=dict)

    LIMIT = 500

    @classmethod
    def same(cls, text: str) -> Announcement:
        """One text for every language."""
        return cls({lang: text for lang in LANGS})

    @classmethod
    def texts_of(cls, body: Mapping[str, object]) -> dict[str, str]:
        """A request's texts: `{text}` is one for every language, `{texts: {kk, ru, en}}` one
        per language (an empty one, or all, clears the line)."""
        one, texts = body.get("text"), body.get("texts")
        if one is None and texts is None:
            raise InvalidInput("text (or texts: {kk, ru, en}) is required", code="missing_field")
        if one is not None and texts is not None:
            raise InvalidInput("give text or texts, not both", code="bad_field")
        if one is not None:
            texts = dict.fromkeys(LANGS, one)
        if not isinstance(texts, dict):
            raise InvalidInput("texts must be an object: {kk, ru, en}", code="bad_field")
        name = "text" if one is not None else "the {} text"
        for lang, text in texts.items():
            what = name.format(lang)
            if text is not None and not isinstance(text, str):
                raise InvalidInput(f"{what} must be a string", code="bad_field")
            if text and "\x00" in text:  # PostgreSQL stores no NUL in text
                raise InvalidInput(f"{what} holds a NUL character", code="bad_field")
            if text and unprintable(text):  # a screen would act on it rather than show it
                raise InvalidInput(f"{what} holds a control character", code="bad_field")
        return {str(lang): text or "" for lang, text in texts.items()}

    @property
    def text(self) -> str:
        return next((t for lang in LANGS if (t := self.texts.get(lang, ""))), "")

    def get(self, lang: Lang) -> str:
        return self.texts.get(lang) or self.text

    def to_json(self) -> JsonObject:
        """What each language shows."""
        return {lang: self.get(lang) for lang in LANGS}

    def fields(self) -> JsonObject:
        """The hall's JSON fields: `announcement`, the first text, and `announcements`."""
        return {"announcement": self.text, "announcements": self.to_json()}

    def as_written(self) -> JsonObject:
        return {lang: text for lang in LANGS if (text := self.texts.get(lang, ""))}


@dataclass
class HallState:
    """The parts of today's state that are not tickets, counters or bookings."""

    day: date
    numbering: dict[ServiceId, int] = field(default_factory=dict)
    suspended: set[ServiceId] = field(default_factory=set)
    announcement: Announcement = field(default_factory=Announcement)
    order: int = 0
    messages: list[Message] = field(default_factory=list)  # today's, to the operators
    # operator -> seconds each visit they served and sent back "there and back" took: those
    # visits are finished at the first counter, so the tickets no longer name who served here
    sent_back: dict[str, list[int]] = field(default_factory=dict)
    changes: int = 0  # messages sent or read, visits sent back, since the start: not saved


class Hall:
    """Today's queue of one hall. One instance per server; commands are applied in order."""

    def __init__(
        self,
        catalogue: Catalogue,
        day: date,
        *,
        policy: RoutingPolicy | None = None,
        enforce_hours: bool = True,
    ) -> None:
        self.catalogue = catalogue
        self.services: dict[ServiceId, Service] = {s.id: s for s in catalogue.services}
        self.state = HallState(day=day)
        self.tickets: dict[TicketId, Ticket] = {}
        self.lanes = WaitingLanes()
        self.counters: dict[CounterId, Counter] = {
            c.id: Counter.from_spec(c) for c in catalogue.counters
        }
        self.bookings: dict[str, Booking] = {}
        self.times = ServiceTimes()
        self.policy: RoutingPolicy = policy or HallPolicy()
        self.enforce_hours = enforce_hours
        # from terminal.status events: a heartbeat that changes nothing is not saved
        # by role and name: a display named "kiosk" is not the kiosk
        self.terminals: dict[tuple[str, str], TerminalReport] = {}
        # per service: open counters serving it, and their capacity; cleared on counter changes
        self._serving: dict[ServiceId, tuple[int, int, float]] = {}
        # per service, today's last walk-in ticket and when tickets start again (a day's data)
        self._issuing: dict[ServiceId, tuple[datetime | None, datetime | None]] = {}
        # the calls to come, as last replayed (estimates), and what it was made from
        self._forecast: tuple[tuple[int, int, int], Forecast] | None = None
        self._moves = 0  # counters' changes: calls, visits started and ended, states
        # today's request keys (`request_id`): key -> (ticket, digest of the request, late)
        self._requests: dict[str, tuple[TicketId, str, bool]] = {}

    # ----------------------------------------------------------------- restore

    def restore(
        self,
        state: HallState,
        tickets: Iterable[Ticket],
        counters: Iterable[Counter],
        bookings: Iterable[Booking],
        terminals: Iterable[TerminalReport] = (),
    ) -> None:
        """Load state saved earlier (tickets of `state.day` and any still open, and what the
        terminals last reported)."""
        self.state = state
        self._issuing.clear()
        self._requests.clear()
        self.terminals = {(report.role, report.name): report for report in terminals}
        self._serving.clear()
        for counter in counters:
            configured = self.counters.get(counter.id)
            if configured is None:  # a counter the catalogue no longer has
                continue
            # its number and name as the catalogue says now; today's profile without the
            # services the catalogue dropped (calling from one of those lines would fail)
            counter.number, counter.name = configured.number, configured.name
            counter.profile = {s: lv for s, lv in counter.profile.items() if s in self.services}
            self.counters[counter.id] = counter
        finished: list[Ticket] = []
        started: list[Ticket] = []
        for ticket in tickets:
            self.tickets[ticket.id] = ticket
            if ticket.state is TicketState.WAITING:
                self.lanes.add(ticket)
            elif ticket.state is TicketState.FINISHED:
                finished.append(ticket)
            if ticket.started_at is not None:
                started.append(ticket)
        for ticket in sorted(finished, key=lambda t: t.finished_at or t.issued_at):
            self._record_time(ticket)
        for ticket in sorted(started, key=lambda t: t.started_at or t.issued_at):
            self._record_walk_up(ticket)
        for booking in bookings:
            self.bookings[booking.code] = booking
        self._continue_numbering()

    def _continue_numbering(self) -> None:
        """Numbering and issue order go on from today's tickets (the saved state lags them:
        it is written when the day, the announcement or a suspension changes, not per ticket)."""
        services = {s.prefix: s.id for s in self.catalogue.services}
        today = f"{self.state.day:%Y%m%d}-"
        numbering = self.state.numbering
        for ticket in self.tickets.values():
            if not ticket.id.startswith(today):
                continue
            self.state.order = max(self.state.order, ticket.order)
            service = services.get(ticket.number[:1])
            if service is not None and ticket.number[1:].isdigit():
                numbering[service] = max(numbering.get(service, 0), int(ticket.number[1:]))

    # ----------------------------------------------------------------- queries

    def ticket(self, ticket_id: str) -> Ticket:
        ticket = self.tickets.get(TicketId(ticket_id))
        if ticket is None:
            raise NotFound(f"no ticket {ticket_id} today", code="ticket_not_found")
        return ticket

    def counter(self, counter_id: str) -> Counter:
        counter = self.counters.get(CounterId(counter_id))
        if counter is None:
            raise NotFound(f"no counter {counter_id}", code="counter_not_found")
        return counter

    def service(self, service_id: str) -> Service:
        service = self.services.get(ServiceId(service_id))
        if service is None:
            raise NotFound(f"no service {service_id}", code="service_not_found")
        return service

    def booking(self, code: str) -> Booking:
        booking = self.bookings.get(tidy_code(code))
        if booking is None:
            raise NotFound(f"no booking with code {code}", code="booking_not_found")
        return booking

    def estimate_for(self, ticket: Ticket, now: datetime) -> Estimate:
        if ticket.state is not TicketState.WAITING:
            return Estimate(0, 0)
        ahead = people_ahead(ticket, self.lanes, now)
        return self._estimate(ticket, ahead, now)

    def _estimate(self, ticket: Ticket, ahead: int, now: datetime) -> Estimate:
        """When the open counters would call `ticket`, by the hall's rule played forward; with
        none that would, people ahead times the average visit over the counters serving it
        (paused ones too: their operators come back)."""
        upcoming = self._upcoming(now)
        seconds = upcoming.wait_s(ticket) if upcoming is not None else None
        if upcoming is None or seconds is None:
            service = self.services[ticket.service]
            return estimate(ahead, service, self.times, self._capacity(service.id))
        return Estimate(ahead, max(round(seconds - (now - upcoming.at).total_seconds()), 0))

    def _upcoming(self, now: datetime) -> Forecast | None:
        """The calls to come, replayed again only when the queue or the counters changed
        (or a minute went by); None with no counter open."""
        key = (self.lanes.version, self.times.version, self._moves)
        cached = self._forecast
        if cached is not None and cached[0] == key:
            age = (now - cached[1].at).total_seconds()
            if abs(age) <= FRESH_S:  # a read with a `now` taken a moment earlier uses it too
                return cached[1]
        if not self.any_open():
            return None
        made = forecast(
            self.lanes,
            self.counters.values(),
            self.tickets,
            self.services,
            self.times,
            self.policy,
            self.catalogue.priority_streak_cap,
            now,
        )
        self._forecast = (key, made)
        return made

    def called_in_turn(self, ticket: Ticket) -> bool:
        """Whether an open counter calls `ticket` when its turn comes: the counter it was sent
        to, if any, else one serving its service as main work (one that only helps out calls
        it once its wait has passed the target)."""
        if ticket.target_counter is not None:
            target = self.counters.get(ticket.target_counter)
            return target is not None and target.state is CounterState.OPEN
        return any(
            c.state is CounterState.OPEN and c.profile.get(ticket.service) is Level.MAIN
            for c in self.counters.values()
        )

    def queue(self, now: datetime) -> list[ServiceQueue]:
        return [self.service_queue(service.id, now) for service in self.catalogue.services]

    def service_queue(self, service_id: ServiceId, now: datetime) -> ServiceQueue:
        """One service's line: cheap enough to send with every ticket event."""
        service = self.services[service_id]
        waiting = 0
        not_due = 0  # appointments before their time: a new walk-in goes ahead of them
        first_issued: datetime | None = None
        for queue_class in QUEUE_CLASSES:
            lane = self.lanes.lane(service_id, queue_class)
            if not lane:
                continue
            waiting += len(lane)
            if queue_class is QueueClass.APPOINTMENT:  # in slot order, not issue order
                not_due = len(lane) - self.lanes.due(service_id, now)
                first = min(t.issued_at for t in lane)
            else:
                first = lane[0].issued_at
            if first_issued is None or first < first_issued:
                first_issued = first
        longest = (now - first_issued).total_seconds() if first_issued is not None else 0.0
        open_counters, paused_counters, _ = self._serving_of(service_id)
        until, reopens = self._issuing_of(service, now)
        limit = service.daily_limit
        return ServiceQueue(
            service=service,
            waiting=waiting,
            longest_wait_s=max(int(longest), 0),
            open_counters=open_counters,
            paused_counters=paused_counters,
            # as a ticket issued now would be told (people_ahead)
            estimate_for_new=self._estimate_for_new(service, waiting - not_due, now),
            suspended=service_id in self.state.suspended,
            issuing_until=until,
            reopens_at=reopens,
            tickets_left=max(limit - self.state.numbering.get(service_id, 0), 0) if limit else None,
        )

    def _estimate_for_new(self, service: Service, ahead: int, now: datetime) -> Estimate:
        upcoming = self._upcoming(now)
        if upcoming is None:
            return estimate(ahead, service, self.times, self._capacity(service.id))
        return self._estimate(upcoming.new[service.id], ahead, now)

    def signed_in(self, counter_id: str | None, operator: str) -> bool:
        """Whether `operator` is the one signed in at the counter now."""
        counter = self.counters.get(CounterId(counter_id or ""))
        return counter is not None and counter.operator == operator

    def any_open(self) -> bool:
        """Whether a counter is open: then estimates come from the replay, and one line's
        moves with the others its counters serve."""
        return any(c.state is CounterState.OPEN for c in self.counters.values())

    def _issuing_of(
        self, service: Service, now: datetime
    ) -> tuple[datetime | None, datetime | None]:
        """Today's last walk-in ticket for `service`, and when tickets are issued again (kept for
        the day: screens show them with every line)."""
        found = self._issuing.get(service.id)
        if found is None:
            catalogue = self.catalogue
            day = datetime.combine(self.state.day, datetime.min.time(), now.tzinfo)
            last = catalogue.last_ticket_at(service, day) if self.enforce_hours else None
            closes = catalogue.closes_for(service, day)
            if closes is not None:
                found = (last, catalogue.opens_for(service, closes))
            elif self.enforce_hours:  # not served today (land plots on a Saturday): over already
                found = (day, catalogue.opens_for(service, day))
            else:
                found = (None, None)
            self._issuing[service.id] = found
        return found

    def operator_day(self, operator: str) -> JsonObject:
        """An operator's day so far: visitors served, service times, no-shows, ratings."""
        mine = [t for t in self.tickets.values() if t.operator == operator]
        finished = [t for t in mine if t.state is TicketState.FINISHED]
        sent_back = self.state.sent_back.get(operator, [])  # served here, finished elsewhere
        durations = [s for t in finished if (s := t.service_seconds()) is not None]
        durations += sent_back
        ratings: dict[str, int] = {grade.value: 0 for grade in Grade}
        for ticket in finished:
            if ticket.rating is not None:
                ratings[ticket.rating.value] += 1
        return {
            "operator_id": operator,
            "day": self.state.day.isoformat(),
            "served": len(finished) + len(sent_back),
            "no_shows": sum(1 for t in mine if t.state is TicketState.NO_SHOW),
            "average_service_s": round(sum(durations) / len(durations)) if durations else None,
            "ratings": dict(ratings),
        }

    def opens_at(self, now: datetime) -> datetime | None:
        """When the hall next opens (now, if it is open)."""
        return self.catalogue.hours.next_opening(now)

    def is_open(self, now: datetime) -> bool:
        return not self.enforce_hours or self.catalogue.hours.is_open(now)

    # ----------------------------------------------------------------- the day

    def roll_day(self, day: date, now: datetime) -> list[Event]:
        """Start a new business day: close what yesterday left open, numbering from 1."""
        if day <= self.state.day:
            return []
        events: list[Event] = []
        for ticket in list(self.tickets.values()):
            if ticket.state.is_open:
                if ticket.state is TicketState.WAITING:
                    self.lanes.remove(ticket)
                ticket.expire(now)
                events.append(Event(ev.TICKET_EXPIRED, {"ticket": ticket.to_json()}))
        self.tickets.clear()
        self._serving.clear()
        for counter in self.counters.values():
            counter.current = None
            counter.operator = None
            counter.priority_streak = 0
            counter.state = CounterState.CLOSED
            counter.pause_reason = None
            counter.state_since = now
            events.append(self._counter_changed(counter, "day_closed"))
        horizon = datetime.combine(day, datetime.min.time(), tzinfo=now.tzinfo) - timedelta(
            days=BOOKING_MEMORY_DAYS
        )
        self.bookings = {c: b for c, b in self.bookings.items() if b.slot_at >= horizon}
        self.state = HallState(day=day, announcement=self.state.announcement)
        self._issuing.clear()
        self._requests.clear()  # a key is remembered for the hall's day
        self.times = ServiceTimes()
        events.append(Event(ev.DAY_OPENED, {"day": day.isoformat()}))
        return events

    # ----------------------------------------------------------------- issuing

    def issue(
        self,
        service_id: str,
        now: datetime,
        *,
        priority: Priority = Priority.REGULAR,
        priority_reason: str | None = None,
        language: Lang = "kk",
        booking_code: str | None = None,
        iin: str | None = None,
        request: IssueKey | None = None,
    ) -> tuple[Issued, list[Event]]:
        """With `request`, a key issued for today already answers its ticket (`repeat`) and
        changes nothing; the same key asking for something else is refused."""
        if request is not None and (known := self._requests.get(request.key)) is not None:
            return self._repeat(request, *known, now), []
        booking = None
        if booking_code is not None:
            booking = self.booking(booking_code)
        elif iin is not None:
            booking = self._booking_for_iin(iin, now)
        if booking is not None:
            service_id = booking.service
        service = self.service(service_id)
        self._require_open_for(service, now)
        if booking is None:  # an appointment is due at its time: it checks in until closing
            self._require_issuing(service, now)
        appointment_at: datetime | None = None
        late = False
        if booking is not None:  # found by IIN: its code is not said (the code is the secret)
            named = f"booking {booking.code}" if booking_code is not None else "this IIN's booking"
            appointment_at, late = self._check_in(booking, now, named)
        self.state.numbering[service.id] = self.state.numbering.get(service.id, 0) + 1
        self.state.order += 1
        number = f"{service.prefix}{self.state.numbering[service.id]:03d}"
        ticket = Ticket(
            id=TicketId(f"{self.state.day:%Y%m%d}-{number}"),
            number=number,
            service=service.id,
            issued_at=now,
            priority=priority,
            priority_reason=priority_reason if priority is not Priority.REGULAR else None,
            language=language,
            appointment_at=appointment_at,
            booking_code=booking.code if booking is not None else None,
            order=self.state.order,
        )
        self.tickets[ticket.id] = ticket
        self.lanes.add(ticket)
        events = []
        if booking is not None:
            booking.state = BookingState.CHECKED_IN
            booking.ticket = ticket.id
        ticket_json = ticket.to_json()
        issued = Issued(ticket, self.estimate_for(ticket, now), late, ticket_json)
        data: JsonObject = {
            "ticket": ticket_json,
            "late_for_appointment": late,
            "target_wait_min": service.target_wait_min,  # reports judge the visit by it
        }
        if booking is not None:
            data["booking"] = booking.to_json()
        if request is not None:
            data["request"] = {"id": request.key, "digest": request.digest}
            self._requests[request.key] = (ticket.id, request.digest, late)
        events.append(Event(ev.TICKET_ISSUED, data))
        return issued, events

    def _repeat(
        self, request: IssueKey, ticket_id: TicketId, digest: str, late: bool, now: datetime
    ) -> Issued:
        if digest != request.digest:
            raise Conflict(
                "this request_id was used today for another request: make a new one",
                code="request_reused",
            )
        ticket = self.tickets[ticket_id]
        return Issued(ticket, self.estimate_for(ticket, now), late, None, repeat=True)

    def restore_requests(self, issued: Iterable[JsonObject]) -> None:
        """Remember today's request keys from the data of `ticket.issued` events (after
        `restore`): those of tickets the hall holds today."""
        today = f"{self.state.day:%Y%m%d}-"
        for data in issued:
            request, ticket = data.get("request"), data.get("ticket")
            if not isinstance(request, dict) or not isinstance(ticket, dict):
                continue
            key, digest, ticket_id = request.get("id"), request.get("digest"), ticket.get("id")
            if not (isinstance(key, str) and isinstance(digest, str)):
                continue
            if isinstance(ticket_id, str) and ticket_id.startswith(today):
                held = TicketId(ticket_id)
                if held in self.tickets:
                    self._requests[key] = (held, digest, data.get("late_for_appointment") is True)

    def _require_open_for(self, service: Service, now: datetime) -> None:
        if not self.is_open(now):
            opens = self.opens_at(now)
            raise HallClosed("the hall is closed now", opens_at=opens)
        if service.id in self.state.suspended:
            raise HallClosed(
                f"{service.name.en} is not provided today", opens_at=None, code="service_suspended"
            )
        if not self.enforce_hours:
            return
        if not self.catalogue.service_hours(service).is_open(now):
            raise HallClosed(
                f"{service.name.en} is not provided at this time",
                opens_at=self.catalogue.opens_for(service, now),
                code="service_closed",
            )

    def _require_issuing(self, service: Service, now: datetime) -> None:
        """Walk-in tickets stop before closing, so that those already waiting are served, and
        once the service's tickets for the day are all given out."""
        catalogue = self.catalogue
        if service.daily_limit and self.state.numbering.get(service.id, 0) >= service.daily_limit:
            closes = catalogue.closes_for(service, now)
            raise HallClosed(
                f"today's {service.daily_limit} tickets for {service.name.en} are all given out",
                opens_at=catalogue.opens_for(service, closes) if closes is not None else None,
                code="daily_limit_reached",
            )
        last = catalogue.last_ticket_at(service, now)
        if self.enforce_hours and last is not None and now >= last:
            closes = catalogue.closes_for(service, now)
            raise HallClosed(
                f"tickets for {service.name.en} are no longer issued today",
                opens_at=catalogue.opens_for(service, closes) if closes is not None else None,
                code="issuing_ended",
            )

    def _booking_for_iin(self, iin: str, now: datetime) -> Booking:
        """Today's booking for this IIN; else why there is none to check in, as a check-in by
        code would say it (without the code: an IIN is not the secret a code is)."""
        theirs = [b for b in self.bookings.values() if b.iin == iin]
        today = [b for b in theirs if b.slot_at.date() == now.date()]
        for booking in today:
            if booking.state is BookingState.BOOKED:
                return booking
        if any(b.state is BookingState.CHECKED_IN for b in today):
            raise Conflict("this IIN's booking for today is checked in already", code="checked_in")
        ahead = sorted(
            (b for b in theirs if b.state is BookingState.BOOKED and b.slot_at > now),
            key=lambda b: b.slot_at,
        )
        if ahead:
            raise WrongDay(
                f"this IIN's booking is for {ahead[0].slot_at:%d.%m.%Y}, not today",
                slot_at=ahead[0].slot_at,
            )
        if today:  # cancelled
            raise Conflict("this IIN's booking for today was cancelled", code="booking_cancelled")
        raise NotFound("no booking for this IIN today", code="booking_not_found")

    def _check_in(
        self, booking: Booking, now: datetime, named: str
    ) -> tuple[datetime | None, bool]:
        if booking.state is BookingState.CHECKED_IN:
            raise Conflict(f"{named} is already checked in", code="checked_in")
        if booking.state is BookingState.CANCELLED:
            raise Conflict(f"{named} was cancelled", code="booking_cancelled")
        if booking.slot_at.date() != now.date():
            raise WrongDay(
                f"{named} is for {booking.slot_at:%d.%m.%Y}, not today", slot_at=booking.slot_at
            )
        early = timedelta(minutes=self.catalogue.appointment_early_min)
        if now < booking.slot_at - early:
            raise HallClosed(
                f"{named} is at {booking.slot_at:%H:%M}; check in from "
                f"{booking.slot_at - early:%H:%M}",
                opens_at=booking.slot_at - early,
                code="too_early",
            )
        if now > booking.slot_at + timedelta(minutes=self.catalogue.appointment_late_min):
            return None, True  # too late for the slot: joins the queue as everyone does
        return booking.slot_at, False

    # ----------------------------------------------------------------- calling

    def call_next(
        self, counter_id: str, now: datetime, *, service_id: str | None = None
    ) -> tuple[Ticket | None, list[Event]]:
        """The next visitor for this counter; with `service_id`, the next of that one line of
        its profile, as the operator chose (the event says so: `chosen_service`)."""
        counter = self._ready_counter(counter_id)
        chooser = counter
        if service_id is not None:
            service = self.service(service_id)
            if service.id not in counter.profile:
                raise InvalidInput(
                    f"counter {counter.number} does not serve {service.name.en}",
                    code="counter_not_serving",
                )
            # that line alone, as a main one: the operator chose it, its target wait aside
            chooser = replace(counter, profile={service.id: Level.MAIN})
        cap = self.catalogue.priority_streak_cap
        pick = self.policy.pick(self.lanes, chooser, self.services, now, cap)
        if pick is None:
            return None, []
        if service_id is None:
            return pick.ticket, [self._call(counter, pick, now, reason=None)]
        # whom the rules would have called from all its lines: passing them is out of order (a
        # due appointment elsewhere, a regular visitor the priority cap had come round to, …)
        ruled = self.policy.pick(self.lanes, counter, self.services, now, cap)
        passed = ruled is not None and ruled.ticket is not pick.ticket
        event = self._call(
            counter, pick, now, reason=None, chosen_service=pick.ticket.service, passed=passed
        )
        return pick.ticket, [event]

    def call_ticket(
        self, counter_id: str, ticket_id: str, reason: str, now: datetime
    ) -> tuple[Ticket, list[Event]]:
        """A supervisor's call out of order; the reason lands in the event. A visitor back
        from stepping away is called back instead (no one is skipped: no reason needed)."""
        ticket = self.ticket(ticket_id)
        if ticket.state is TicketState.POSTPONED:
            return self.call_back(counter_id, ticket_id, now)
        if not reason.strip():
            raise InvalidInput("calling a ticket out of order needs a reason", code="no_reason")
        counter = self._ready_counter(counter_id)
        if ticket.state is not TicketState.WAITING:
            raise Conflict(
                f"{ticket.number} is {ticket.state.value}, not waiting", code="not_waiting"
            )
        if ticket.service not in counter.profile:  # rule 2 holds for overrides too
            raise InvalidInput(
                f"counter {counter.number} does not serve {self.services[ticket.service].name.en}",
                code="counter_not_serving",
            )
        return ticket, [self._call(counter, Pick(ticket, Why.OVERRIDE), now, reason=reason.strip())]

    def _ready_counter(self, counter_id: str) -> Counter:
        counter = self.counter(counter_id)
        if counter.state is not CounterState.OPEN:
            raise Conflict(
                f"counter {counter.number} is {counter.state.value}: open it first",
                code=f"counter_{counter.state.value}",
            )
        if counter.current is not None:
            current = self.tickets[counter.current]
            raise Conflict(
                f"counter {counter.number} still has {current.number}: "
                "finish it or mark it as no-show first",
                code="counter_busy",
            )
        return counter

    def _call(
        self,
        counter: Counter,
        pick: Pick,
        now: datetime,
        reason: str | None,
        *,
        chosen_service: ServiceId | None = None,
        passed: bool = False,
    ) -> Event:
        """Call `pick` to `counter`. `passed`: the ticket the rules would have called is passed
        over (the operator chose a line), which is out of order whoever came first."""
        ticket = pick.ticket
        returned = pick.why is Why.RETURNED  # not in a queue: they were called in their turn
        ahead_of_it = passed or (not returned and self._earlier_eligible(ticket, counter, now))
        if not returned:
            self.lanes.remove(ticket)
        ticket.call(counter.id, counter.operator, now)
        counter.current = ticket.id
        self._moves += 1
        counter.priority_streak = streak_after(counter.priority_streak, pick.why)
        data: JsonObject = {
            "ticket": ticket.to_json(),
            "counter_id": counter.id,
            "counter_number": counter.number,
            "why": pick.why.value,
            "reason": reason,
            "out_of_order": ahead_of_it,
            "wait_s": int((now - ticket.issued_at).total_seconds()),
        }
        if chosen_service is not None:  # the operator called from this one line of theirs
            data["chosen_service"] = chosen_service
        return Event(ev.TICKET_CALLED, data)

    def _earlier_eligible(self, ticket: Ticket, counter: Counter, now: datetime) -> bool:
        """Whether someone who came before `ticket` and whom this counter serves now is passed
        over. The counter does not serve yet a backup line before its target wait (unless it
        calls from that very line), nor an appointment before its time."""
        issued = (ticket.issued_at, ticket.order)
        for service_id, level in counter.profile.items():
            target = timedelta(minutes=self.services[service_id].target_wait_min)
            for queue_class in QUEUE_CLASSES:
                for other in self.lanes.lane(service_id, queue_class):
                    if other is ticket or other.target_counter not in (None, counter.id):
                        continue
                    if queue_class is QueueClass.APPOINTMENT:
                        if other.appointment_at is not None and other.appointment_at > now:
                            continue  # not due yet
                    elif (
                        level is Level.BACKUP
                        and service_id != ticket.service
                        and now - other.issued_at <= target
                    ):
                        break  # in issue order: the rest of this lane waited less still
                    if (other.issued_at, other.order) < issued:
                        return True
                    if queue_class is not QueueClass.APPOINTMENT:
                        break  # these lanes are in issue order: the first one is the earliest
        return False

    # ----------------------------------------------------------------- at the counter

    def recall(
        self, ticket_id: str, now: datetime, *, by_counter: str | None = None
    ) -> tuple[Ticket, list[Event]]:
        ticket = self._at_counter(ticket_id, by_counter)
        if ticket.state is TicketState.CALLED and ticket.times_called > self.catalogue.max_recalls:
            return self._no_show(ticket, now, reason="recall_limit")
        ticket.recall(now)
        self._moves += 1  # the walk to the counter starts again: estimates are made again
        counter = self.counters[ticket.counter] if ticket.counter else None
        return ticket, [
            Event(
                ev.TICKET_RECALLED,
                {
                    "ticket": ticket.to_json(),
                    "counter_id": ticket.counter,
                    "counter_number": counter.number if counter else None,
                },
            )
        ]

    def postpone(
        self, ticket_id: str, now: datetime, *, by_counter: str | None = None
    ) -> tuple[Ticket, list[Event]]:
        """The visitor at the counter steps away (to pay a fee, make a copy): the counter is
        free for the next one, and calls this one back when they return (`call_back`)."""
        ticket = self._at_counter(ticket_id, by_counter)
        ticket.postpone(now)  # refuses unless called or being served
        counter = self._release(ticket, now)
        return ticket, [
            Event(ev.TICKET_POSTPONED, {"ticket": ticket.to_json(), "counter_id": counter})
        ]

    def call_back(
        self, counter_id: str, ticket_id: str, now: datetime, *, by_counter: str | None = None
    ) -> tuple[Ticket, list[Event]]:
        """A postponed visitor is back: their counter (or a supervisor's call at another)."""
        counter = self._ready_counter(counter_id)
        ticket = self.ticket(ticket_id)
        if ticket.state is not TicketState.POSTPONED:
            raise Conflict(
                f"{ticket.number} is {ticket.state.value}, not postponed", code="not_postponed"
            )
        if by_counter is not None:  # an operator calls back only who left their own counter
            self._at_counter(ticket_id, by_counter)
        if ticket.service not in counter.profile:
            raise InvalidInput(
                f"counter {counter.number} does not serve {self.services[ticket.service].name.en}",
                code="counter_not_serving",
            )
        return ticket, [self._call(counter, Pick(ticket, Why.RETURNED), now, reason=None)]

    def requeue(
        self, ticket_id: str, now: datetime, *, by_counter: str | None = None
    ) -> tuple[Ticket, list[Event]]:
        ticket = self._at_counter(ticket_id, by_counter)
        counter = ticket.counter
        ticket.requeue()  # refuses unless called, before the counter lets go of the ticket
        if counter is not None and self.counters[counter].current == ticket.id:
            self.counters[counter].current = None
            self.counters[counter].free_since = now
        self.lanes.add(ticket)
        return ticket, [
            Event(ev.TICKET_REQUEUED, {"ticket": ticket.to_json(), "counter_id": counter})
        ]

    def start(
        self, ticket_id: str, now: datetime, *, by_counter: str | None = None
    ) -> tuple[Ticket, list[Event]]:
        ticket = self._at_counter(ticket_id, by_counter)
        ticket.start(now)
        self._record_walk_up(ticket)
        self._moves += 1  # the visit under way, its walk measured: estimates are made again
        return ticket, [Event(ev.TICKET_STARTED, {"ticket": ticket.to_json()})]

    def finish(
        self,
        ticket_id: str,
        now: datetime,
        *,
        result: str | None = None,
        by_counter: str | None = None,
    ) -> tuple[Ticket, list[Event]]:
        """Service done; `result` records how it ended, one of the hall's results."""
        if result is not None and self.catalogue.result(result) is None:
            known = ", ".join(r.id for r in self.catalogue.results) or "none"
            raise InvalidInput(
                f"unknown result {result!r}; this hall records: {known}", code="unknown_result"
            )
        ticket = self._at_counter(ticket_id, by_counter)
        if ticket.return_service is not None:  # sent here "and back": not finished yet
            return self._send_back(ticket, now, result)
        ticket.finish(now, result)
        self._release(ticket, now)
        self._record_time(ticket)
        return ticket, [Event(ev.TICKET_FINISHED, {"ticket": ticket.to_json()})]

    def no_show(
        self, ticket_id: str, now: datetime, *, by_counter: str | None = None
    ) -> tuple[Ticket, list[Event]]:
        """The called visitor did not come, or one who stepped away did not come back."""
        ticket = self._at_counter(ticket_id, by_counter)
        away = ticket.state is TicketState.POSTPONED
        return self._no_show(ticket, now, reason="not_back" if away else "operator")

    def _no_show(self, ticket: Ticket, now: datetime, reason: str) -> tuple[Ticket, list[Event]]:
        ticket.mark_no_show(now)
        self._release(ticket, now)
        return ticket, [Event(ev.TICKET_NO_SHOW, {"ticket": ticket.to_json(), "reason": reason})]

    def cancel(
        self, ticket_id: str, now: datetime, *, reason: str = "", by_counter: str | None = None
    ) -> tuple[Ticket, list[Event]]:
        """Cancel a ticket. An operator (`by_counter`) cancels a waiting ticket or the one at
        their own counter, never the visitor another counter has called or serves."""
        ticket = self.ticket(ticket_id)
        was_waiting = ticket.state is TicketState.WAITING
        if not was_waiting:
            self._at_counter(ticket_id, by_counter)
        ticket.cancel(now)
        if was_waiting:
            self.lanes.remove(ticket)
        else:
            self._release(ticket, now)
        return ticket, [Event(ev.TICKET_CANCELLED, {"ticket": ticket.to_json(), "reason": reason})]

    def transfer(
        self,
        ticket_id: str,
        service_id: str,
        now: datetime,
        *,
        to_counter: str | None = None,
        note: str = "",
        by_counter: str | None = None,
        come_back: bool = False,
    ) -> tuple[Ticket, list[Event]]:
        """Send the visitor on to another service (perhaps to one counter of it); with
        `come_back`, they return here once that service is done (`finish` sends them)."""
        ticket = self._at_counter(ticket_id, by_counter)
        service = self.service(service_id)
        if come_back and ticket.return_service is not None:
            raise IllegalTransition(
                f"{ticket.number} already goes back to another counter when done here: "
                "send it on without coming back",
                code="return_pending",
            )
        if come_back and service.id == ticket.service:
            raise InvalidInput(
                f"{ticket.number} is already in {service.name.en}: nothing to come back from",
                code="same_service",
            )
        if service.id == ticket.service and to_counter is None:  # to one of its counters: fine
            raise InvalidInput(
                f"{ticket.number} is already in {service.name.en}: choose a counter to send "
                "them to, or send them back to the line",
                code="same_service",
            )
        if service.id in self.state.suspended:
            raise Conflict(f"{service.name.en} is not provided today", code="service_suspended")
        target: Counter | None = None
        if to_counter is not None:
            target = self.counter(to_counter)
            if service.id not in target.profile:
                raise InvalidInput(
                    f"counter {target.number} does not serve {service.name.en}",
                    code="counter_not_serving",
                )
            if target.state is CounterState.CLOSED:  # nobody would ever call the visitor
                raise Conflict(
                    f"counter {target.number} is closed: send the visitor to the service's "
                    "queue, or to an open counter",
                    code="to_counter_closed",
                )
        from_service = ticket.service
        from_counter = ticket.counter
        # the time served so far is not a service time: a visit sent on at once, or half done,
        # would skew the estimates (and a restart rebuilds them from finished visits only)
        self._release(ticket, now)
        to_counter_id = target.id if target else None
        ticket.transfer(service.id, to_counter_id, note.strip(), come_back=come_back, at=now)
        return ticket, self._moved(ticket, from_service, from_counter, note=note.strip())

    def _send_back(
        self, ticket: Ticket, now: datetime, result: str | None
    ) -> tuple[Ticket, list[Event]]:
        """The service a visitor was sent to "and back" is done (`result` says how it ended,
        for the reports): the visitor waits for the counter they came from (for any counter of
        that service, once that one is closed or no longer serves it), and that visit goes on
        with the time it was served before. As with any transfer, the time served here is no
        service time for the estimates: a restart could not rebuild it from the tickets."""
        if ticket.state is not TicketState.SERVING:
            raise IllegalTransition(
                f"cannot finish {ticket.number}: it is {ticket.state.value}, not serving"
            )
        from_service, from_counter = ticket.service, ticket.counter
        if ticket.operator is not None:  # for their day
            self.state.sent_back.setdefault(ticket.operator, []).append(ticket.served_s(now))
            self.state.changes += 1
        back = self.counters.get(ticket.return_counter) if ticket.return_counter else None
        target = None
        if back is not None and back.state is not CounterState.CLOSED:
            target = back.id if ticket.return_service in back.profile else None
        self._release(ticket, now)
        ticket.send_back(target)
        return ticket, self._moved(ticket, from_service, from_counter, returned=True, result=result)

    def _moved(
        self,
        ticket: Ticket,
        from_service: ServiceId,
        from_counter: CounterId | None,
        *,
        note: str = "",
        returned: bool = False,
        result: str | None = None,
    ) -> list[Event]:
        """A ticket sent on (or back) waits in its new line: the event that says so."""
        self.lanes.add(ticket)
        data: JsonObject = {
            "ticket": ticket.to_json(),
            "from_service_id": from_service,
            "from_counter_id": from_counter,
            "to_counter_id": ticket.target_counter,
            "note": note,
            "returned": returned,  # sent "there and back", and done there
            "result": result,  # how the visit there ended
            "target_wait_min": self.services[ticket.service].target_wait_min,
        }
        return [Event(ev.TICKET_TRANSFERRED, data)]

    def rate(self, ticket_id: str, grade: Grade) -> tuple[Ticket, list[Event]]:
        ticket = self.ticket(ticket_id)
        ticket.rate(grade)
        return ticket, [
            Event(
                ev.TICKET_RATED,
                {
                    "ticket": ticket.to_json(),
                    "grade": grade.value,
                    "counter_id": ticket.counter,
                    "operator_id": ticket.operator,
                    "service_id": ticket.service,
                },
            )
        ]

    def _at_counter(self, ticket_id: str, by_counter: str | None) -> Ticket:
        ticket = self.ticket(ticket_id)
        if by_counter is not None and ticket.counter != by_counter:
            where = (
                f"counter {self.counters[ticket.counter].number}"
                if ticket.counter
                else "no counter"
            )
            raise Forbidden(
                f"{ticket.number} is at {where}, not at this counter", code="other_counter"
            )
        return ticket

    def _release(self, ticket: Ticket, now: datetime) -> CounterId | None:
        """The counter lets go of `ticket` (served, gone, sent on, stepped away): free now."""
        counter_id = ticket.counter
        if counter_id is not None and self.counters[counter_id].current == ticket.id:
            self.counters[counter_id].current = None
            self.counters[counter_id].free_since = now
            self._moves += 1
        return counter_id

    def _record_time(self, ticket: Ticket) -> None:
        seconds = ticket.service_seconds()
        if seconds is not None:
            self.times.record(ticket.service, seconds)

    def _record_walk_up(self, ticket: Ticket) -> None:
        if ticket.called_at is not None and ticket.started_at is not None:
            self.times.record_walk_up((ticket.started_at - ticket.called_at).total_seconds())

    def _capacity(self, service: ServiceId) -> float:
        return self._serving_of(service)[2]

    def unserved(self, service: ServiceId) -> bool:
        """No counter serving `service` is open or paused (before 9:00, say): a wait in
        minutes would be a guess at when one opens."""
        open_counters, paused_counters, _ = self._serving_of(service)
        return open_counters == 0 and paused_counters == 0

    def ended_today(self, service: ServiceId, now: datetime) -> bool:
        """No counter serving `service` is open or paused and its day is over (the hall or
        the service has closed): no counter will open for whoever still waits today."""
        if not self.enforce_hours or not self.unserved(service):
            return False
        closes = self.catalogue.closes_for(self.services[service], now)
        return closes is None or now >= closes

    def _serving_of(self, service: ServiceId) -> tuple[int, int, float]:
        """Open counters, paused ones, and the capacity the estimates divide by."""
        serving = self._serving.get(service)
        if serving is None:
            states = [c.state for c in self.counters.values() if service in c.profile]
            serving = (
                states.count(CounterState.OPEN),
                states.count(CounterState.PAUSED),
                serving_capacity(service, self.counters.values()),
            )
            self._serving[service] = serving
        return serving

    # ----------------------------------------------------------------- counters

    def sign_in(self, counter_id: str, operator: OperatorId, now: datetime) -> list[Event]:
        counter = self.counter(counter_id)
        for other in self.counters.values():
            if other.operator == operator and other.id != counter.id:
                raise Conflict(
                    f"{operator} is signed in at counter {other.number}: sign out there first",
                    code="operator_elsewhere",
                )
        counter.sign_in(operator, now)
        return [self._counter_changed(counter, "signed_in")]

    def sign_out(
        self, counter_id: str, now: datetime, *, change: str = "signed_out"
    ) -> list[Event]:
        """The operator leaves the counter; `change` says why ("operator_disabled": the hall
        ended the session of an operator disabled meanwhile)."""
        counter = self.counter(counter_id)
        counter.sign_out(now)
        return [self._counter_changed(counter, change), *self._release_sent_to(counter)]

    def open_counter(self, counter_id: str, now: datetime) -> list[Event]:
        counter = self.counter(counter_id)
        if counter.state is CounterState.OPEN:  # already: its open-since time stays, nothing logged
            return []
        counter.open(now)
        return [self._counter_changed(counter, "opened")]

    def pause_counter(self, counter_id: str, reason: PauseReason, now: datetime) -> list[Event]:
        counter = self.counter(counter_id)
        if counter.state is CounterState.PAUSED and counter.pause_reason is reason:
            return []  # already: its paused-since time stays (the board's alert counts from it)
        counter.pause(reason, now)
        return [self._counter_changed(counter, "paused")]

    def close_counter(self, counter_id: str, now: datetime) -> list[Event]:
        counter = self.counter(counter_id)
        if counter.state is CounterState.CLOSED:  # already: nothing changes, nothing logged
            return []
        counter.close(now)
        return [self._counter_changed(counter, "closed"), *self._release_sent_to(counter)]

    def set_profile(self, counter_id: str, profile: Mapping[str, str]) -> list[Event]:
        counter = self.counter(counter_id)
        parsed: dict[ServiceId, Level] = {}
        for service_id, level in profile.items():
            self.service(service_id)
            try:
                parsed[ServiceId(service_id)] = Level(level)
            except ValueError:
                raise InvalidInput(
                    f"level must be main or backup, not {level!r}", code="bad_level"
                ) from None
        counter.set_profile(parsed)
        return [self._counter_changed(counter, "profile"), *self._release_sent_to(counter)]

    def _release_sent_to(self, counter: Counter) -> list[Event]:
        """Visitors sent to this counter, or who stepped away from it, wait for any counter once
        it closes or stops serving their service: otherwise only a supervisor could call them."""
        events = []
        for ticket in list(self.lanes):
            if ticket.target_counter != counter.id:
                continue
            if counter.state is not CounterState.CLOSED and ticket.service in counter.profile:
                continue
            ticket.target_counter = None
            events.append(
                Event(
                    ev.TICKET_RELEASED, {"ticket": ticket.to_json(), "from_counter_id": counter.id}
                )
            )
        for ticket in list(self.tickets.values()):  # visitors who stepped away from it
            if ticket.state is not TicketState.POSTPONED or ticket.counter != counter.id:
                continue
            if counter.state is not CounterState.CLOSED and ticket.service in counter.profile:
                continue
            ticket.back_to_queue()
            self.lanes.add(ticket)
            events.append(
                Event(
                    ev.TICKET_RELEASED, {"ticket": ticket.to_json(), "from_counter_id": counter.id}
                )
            )
        return events

    def _counter_changed(self, counter: Counter, change: str) -> Event:
        self._serving.clear()
        self._moves += 1
        return Event(ev.COUNTER_CHANGED, {"counter": counter.to_json(), "change": change})

    # ----------------------------------------------------------------- services, hall

    def suspend_service(self, service_id: str, suspended: bool) -> list[Event]:
        service = self.service(service_id)
        if (service.id in self.state.suspended) == suspended:
            return []  # already: nothing changes, nothing logged
        if suspended:
            self.state.suspended.add(service.id)
        else:
            self.state.suspended.discard(service.id)
        return [Event(ev.SERVICE_CHANGED, {"service_id": service.id, "suspended": suspended})]

    def revise_service(self, revised: Service) -> list[Event]:
        """A service's words and figures, changed while the hall runs (its name, documents,
        fee, durations, daily limit). What numbers, routes and hours hang on stays."""
        current = self.service(revised.id)
        kept = ("prefix", "group", "hours", "icon", "slot_capacity")
        if any(getattr(revised, f) != getattr(current, f) for f in kept):
            raise InvalidInput(
                f"a service's {', '.join(kept)} change with the catalogue file and a restart",
                code="bad_field",
            )
        self.services[revised.id] = revised
        services = tuple(revised if s.id == revised.id else s for s in self.catalogue.services)
        self.catalogue = replace(self.catalogue, services=services)
        self._issuing.clear()
        self._moves += 1  # its duration and target wait: estimates are made again
        suspended = revised.id in self.state.suspended
        view = self.catalogue.service_json(revised, suspended)  # the terminals take it whole
        return [
            Event(
                ev.SERVICE_CHANGED,
                {"service_id": revised.id, "suspended": suspended, "service": view},
            )
        ]

    def announce(self, texts: Mapping[str, str]) -> list[Event]:
        """Set the announcement line: a text per language (kk, ru, en); all empty clears it."""
        if unknown := sorted(set(texts) - set(LANGS)):
            raise InvalidInput(
                f"an announcement's languages are {', '.join(LANGS)}, not {', '.join(unknown)}",
                code="bad_field",
            )
        if any(len(text) > Announcement.LIMIT for text in texts.values()):
            raise InvalidInput(
                f"an announcement is at most {Announcement.LIMIT} characters", code="bad_field"
            )
        written = {lang: " ".join(texts.get(lang, "").split()) for lang in LANGS}
        announcement = Announcement({k: t for k, t in written.items() if t})
        if announcement.to_json() == self.state.announcement.to_json():
            return []  # the same line again: nothing changes, nothing logged
        self.state.announcement = announcement
        return [
            Event(
                ev.HALL_ANNOUNCEMENT, {"text": announcement.text, "texts": announcement.to_json()}
            )
        ]

    # ----------------------------------------------------------------- messages to operators

    def send_message(
        self, to: str | None, text: str, sender: str, now: datetime
    ) -> tuple[Message, list[Event]]:
        """The supervisor's message to one counter (`to`) or to all (None)."""
        words = " ".join(text.split())
        if not words:
            raise InvalidInput("a message needs some text", code="missing_field")
        if len(words) > TEXT_LIMIT:
            raise InvalidInput(f"a message is at most {TEXT_LIMIT} characters", code="too_long")
        counter = self.counter(to).id if to is not None else None
        messages = self.state.messages
        message = Message(messages[-1].id + 1 if messages else 1, now, counter, words, sender)
        messages.append(message)
        del messages[:-DAY_LIMIT]
        self.state.changes += 1
        return message, [Event(ev.MESSAGE_SENT, {"message": message.to_json()})]

    def message(self, message_id: int) -> Message:
        for message in self.state.messages:
            if message.id == message_id:
                return message
        raise NotFound(f"no message {message_id} today", code="message_not_found")

    def read_message(
        self, message_id: int, counter_id: str, now: datetime
    ) -> tuple[Message, list[Event]]:
        """An operator read a message at their counter; reading it again changes nothing."""
        message = self.message(message_id)
        counter = self.counter(counter_id)
        if not message.for_counter(counter.id):
            raise Forbidden(
                f"message {message_id} is for counter {self.counter(message.to or '').number}",
                code="other_counter",
            )
        if counter.id in message.read:
            return message, []
        message.read[counter.id] = now
        self.state.changes += 1
        event: JsonObject = {"message": message.to_json(), "counter_id": counter.id}
        return message, [Event(ev.MESSAGE_READ, event)]

    def report_terminal(
        self, name: str, role: str, printer: str, detail: str, now: datetime
    ) -> list[Event]:
        """A terminal's heartbeat; an event only when its printer's state changes."""
        if printer not in PRINTER_STATES:
            raise InvalidInput(
                f"printer must be one of {', '.join(PRINTER_STATES)}", code="bad_printer_state"
            )
        before = self.terminals.get((role, name))
        report = TerminalReport(name, role, printer, detail[:200], now)
        self.terminals[role, name] = report
        if before is not None and before.printer == printer and before.detail == report.detail:
            return []
        return [Event(ev.TERMINAL_STATUS, {"terminal": report.to_json()})]

    # ----------------------------------------------------------------- bookings

    def book(
        self, service_id: str, slot_at: datetime, code: str, now: datetime, *, iin: str | None
    ) -> tuple[Booking, list[Event]]:
        service = self.service(service_id)
        if slot_at <= now:
            raise InvalidInput("a booking must be for a time in the future", code="slot_past")
        if slot_at - now > timedelta(days=BOOKING_AHEAD_DAYS):
            raise InvalidInput(
                f"bookings open {BOOKING_AHEAD_DAYS} days ahead at most", code="slot_too_far"
            )
        if slot_at.minute or slot_at.second or slot_at.microsecond:
            raise InvalidInput("slots start on the hour", code="slot_not_on_hour")
        if not self.catalogue.service_hours(service).is_open(slot_at) or (
            not self.catalogue.hours.is_open(slot_at)
        ):
            raise Conflict("the hall does not serve this service then", code="slot_closed")
        if service.id in self.state.suspended and slot_at.date() == self.state.day:
            raise Conflict(f"{service.name.en} is not provided today", code="service_suspended")
        active = [b for b in self.bookings.values() if b.state is not BookingState.CANCELLED]
        taken = sum(1 for b in active if b.service == service.id and b.slot_at == slot_at)
        if taken >= service.slot_capacity:
            raise Conflict("this slot is fully booked", code="slot_full")
        if iin is not None:
            for other in active:
                if other.iin == iin and abs(other.slot_at - slot_at) < timedelta(
                    days=BOOKING_MEMORY_DAYS
                ):
                    raise Conflict(
                        f"this IIN already has a booking on {other.slot_at:%d.%m.%Y}: "
                        "one booking in 10 days",
                        code="iin_has_booking",
                    )
        if code in self.bookings:
            raise Conflict("booking code collision; try again", code="code_taken")
        booking = Booking(code=code, service=service.id, slot_at=slot_at, iin=iin)
        self.bookings[code] = booking
        return booking, [Event(ev.BOOKING_CREATED, {"booking": booking.to_json()})]

    def cancel_booking(self, code: str, now: datetime) -> tuple[Booking, list[Event]]:
        booking = self.booking(code)
        if booking.state is BookingState.CANCELLED:
            raise Conflict(f"booking {booking.code} is cancelled already", code="already_cancelled")
        if booking.state is not BookingState.BOOKED:  # checked in: its ticket is what to cancel
            raise Conflict(f"booking {booking.code} is {booking.state.value}", code="not_booked")
        if booking.slot_at.astimezone(now.tzinfo).date() < now.date():  # checks in on its day
            raise Conflict(
                f"booking {booking.code} was for {booking.slot_at:%d.%m.%Y}: that day has passed",
                code="booking_past",
            )
        booking.state = BookingState.CANCELLED
        return booking, [Event(ev.BOOKING_CANCELLED, {"booking": booking.to_json()})]
