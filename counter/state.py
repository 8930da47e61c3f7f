"""What the counter console knows and may do now: plain Python, rebuilt from the server's state.

The console holds no truth of its own: a snapshot and the event stream (plus the answers to its
own commands, which arrive first) give the counter, its current ticket and the waiting tickets
of its services. `legal_actions()` says which buttons work now.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hallserver.protocol import (
    COUNTER_CHANGED,
    DAY_OPENED,
    TICKET_CALLED,
    TICKET_CANCELLED,
    TICKET_EVENTS,
    TICKET_ISSUED,
    TICKET_NO_SHOW,
    TICKET_TRANSFERRED,
    CounterView,
    HallEvent,
    ProtocolError,
    Snapshot,
    TicketView,
)


class Action(enum.Enum):
    """Everything the operator can ask for; each is one button and one key."""

    CALL_NEXT = "call_next"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    TRANSFER = "transfer"
    POSTPONE = "postpone"  # the visitor steps away (to pay, to copy); called back with CALL_TICKET
    PAUSE = "pause"
    RESUME = "resume"  # = open: also how the day starts
    CLOSE = "close"
    CALL_TICKET = "call_ticket"  # a postponed visitor back, or a supervisor's call out of order
    SIGN_OUT = "sign_out"
    RATE = "rate"  # from the rating keypad after a finish: never a button


PAUSE_REASONS = ("break", "lunch", "technical", "paperwork")
OPEN_STATUSES = frozenset({"called", "serving"})
_RANK = {"waiting": 0, "called": 1, "serving": 2}  # anything else (finished, …) ranks 3
_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class TicketInfo:
    """A ticket with the fields the card shows that `TicketView` does not carry yet."""

    view: TicketView
    priority_reason: str | None = None
    notes: tuple[str, ...] = ()
    target_counter_id: str | None = None

    @classmethod
    def from_json(cls, raw: object) -> TicketInfo:
        """From the server's ticket JSON (events carry it whole)."""
        view = TicketView.from_json(raw)
        assert isinstance(raw, dict)  # from_json checked it
        reason = raw.get("priority_reason")
        notes = raw.get("notes") or []
        target = raw.get("target_counter_id")
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise ProtocolError("ticket.notes: expected a list of strings")
        return cls(
            view=view,
            priority_reason=reason if isinstance(reason, str) else None,
            notes=tuple(str(n) for n in notes),
            target_counter_id=target if isinstance(target, str) else None,
        )

    @property
    def id(self) -> str:
        return self.view.id

    @property
    def status(self) -> str:
        return self.view.status

    def progress(self) -> tuple[int, int, datetime, int, int]:
        """Orders versions of one ticket: a late event never undoes a newer answer. The server's
        revision says it (a requeue, a call back, a release all count); the rest orders the
        versions of a server that sends none."""
        view = self.view
        called = view.called_at or _NEVER
        rank = _RANK.get(view.status, 3)
        return (view.revision, view.transfers, called, rank, view.times_called)

    def waited_s(self, now: datetime) -> int:
        """How long the visitor waited before the first call (or has waited so far)."""
        end = self.view.called_at if self.view.status != "waiting" else None
        return max(int(((end or now) - self.view.issued_at).total_seconds()), 0)


@dataclass(frozen=True)
class Operator:
    """Who is signed in at this console."""

    login: str
    name: str
    supervisor: bool = False


@dataclass(frozen=True)
class ServiceLine:
    """One of this counter's services: how many wait and the longest wait."""

    service_id: str
    level: str  # main | backup
    waiting: int
    longest_wait_s: int


class Hindrance(enum.Enum):
    """Why an action the operator asked for cannot be done now (said with the refusal)."""

    VISITOR_HERE = "visitor_here"  # the visitor at the counter comes first
    CLOSED = "closed"  # the counter must be opened first
    PAUSED = "paused"  # the counter must be resumed first
    OPEN_ALREADY = "open_already"
    CLOSED_ALREADY = "closed_already"
    PAUSED_ALREADY = "paused_already"
    NOBODY_WAITING = "nobody_waiting"  # nobody to call out of order
    NO_VISITOR = "no_visitor"  # nobody at the counter to act on
    NOT_STARTED = "not_started"  # a called visitor's visit has not started
    STARTED = "started"  # the visit has started: recall, start and no-show are past
    NOBODY_AWAY = "nobody_away"  # no visitor of this counter stepped away


ON_A_VISITOR = frozenset(
    {Action.RECALL, Action.START, Action.FINISH, Action.NO_SHOW, Action.TRANSFER, Action.POSTPONE}
)


class Notice(enum.Enum):
    """Things the console tells the operator that are not errors."""

    NOBODY_WAITING = "nobody_waiting"
    VISITOR_ARRIVED = "visitor_arrived"
    VISITOR_BACK = "visitor_back"  # sent elsewhere "and back", and done there
    VISITOR_NOT_BACK = "visitor_not_back"  # sent elsewhere "and back", and let go there


@dataclass
class ConsoleState:
    """The console's picture of its counter; every change comes from the server."""

    counter_id: str
    operator: Operator | None = None
    counter: CounterView | None = None
    current: TicketInfo | None = None
    waiting: dict[str, TicketInfo] = field(default_factory=dict)
    postponed: dict[str, TicketInfo] = field(default_factory=dict)  # stepped away from here
    pending: Action | None = None  # a command on its way: no second one meanwhile
    nobody_waiting: bool = False  # the last call found nobody; cleared when someone arrives
    clock_offset: timedelta = timedelta(0)  # server time minus this PC's time
    zone: tzinfo = UTC  # the hall's time zone: times are shown on the hall's clock
    streak_cap: int = 2  # the hall's priority calls in a row before a regular visitor's
    max_recalls: int | None = None  # the hall's recalls: one more marks a no-show (None: unknown)
    target_waits: dict[str, int] = field(default_factory=dict)  # minutes, by service id

    # ------------------------------------------------------------------ what is legal

    def legal_actions(self) -> frozenset[Action]:
        """The actions the server would accept now (the buttons that are enabled)."""
        if self.operator is None or self.counter is None or self.pending is not None:
            return frozenset()
        legal: set[Action] = set()
        state = self.counter.state
        ticket = self.current
        if ticket is None:
            legal.add(Action.SIGN_OUT)
            if state != "closed":
                legal.add(Action.CLOSE)
        if state == "open":
            legal.add(Action.PAUSE)
            if ticket is None:
                legal.add(Action.CALL_NEXT)
                if self.postponed or (self.operator.supervisor and self.waiting):
                    legal.add(Action.CALL_TICKET)
        else:
            legal.add(Action.RESUME)
        if ticket is not None and ticket.status == "called":
            legal |= {Action.RECALL, Action.START, Action.NO_SHOW, Action.TRANSFER, Action.POSTPONE}
        if ticket is not None and ticket.status == "serving":
            legal |= {Action.FINISH, Action.TRANSFER, Action.POSTPONE}
        return frozenset(legal)

    def why_not(self, action: Action) -> Hindrance | None:
        """Why `action` is not among the legal actions now (None: no reason worth saying)."""
        if self.operator is None or self.counter is None or self.pending is not None:
            return None
        state, ticket = self.counter.state, self.current
        if action in ON_A_VISITOR:
            if ticket is None:
                return Hindrance.NO_VISITOR
            if ticket.status == "called" and action is Action.FINISH:
                return Hindrance.NOT_STARTED
            if ticket.status == "serving" and action in (
                Action.RECALL,
                Action.START,
                Action.NO_SHOW,
            ):
                return Hindrance.STARTED
            return None
        if action is Action.RESUME and state == "open":
            return Hindrance.OPEN_ALREADY
        if action is Action.CLOSE and state == "closed":
            return Hindrance.CLOSED_ALREADY
        if action is Action.PAUSE and state == "paused":
            return Hindrance.PAUSED_ALREADY
        if action in (Action.CALL_NEXT, Action.CALL_TICKET, Action.PAUSE, Action.CLOSE):
            if state == "closed":
                return Hindrance.CLOSED
            if state == "paused" and action is not Action.CLOSE:
                return Hindrance.PAUSED
        if ticket is not None and action in (
            Action.CALL_NEXT,
            Action.CALL_TICKET,
            Action.CLOSE,
            Action.SIGN_OUT,
        ):
            return Hindrance.VISITOR_HERE
        if action is Action.CALL_TICKET:
            return Hindrance.NOBODY_WAITING if self.operator.supervisor else Hindrance.NOBODY_AWAY
        return None

    def lamp(self) -> str:
        """The call button's lamp: BLINK while a called visitor is on the way, ON while the
        counter is free and someone is waiting for it (a press calls them), else OFF."""
        ticket = self.current
        if self.operator is None or self.counter is None:
            return "OFF"
        if ticket is not None and ticket.status == "called":
            return "BLINK"
        if ticket is None and self.counter.state == "open" and self.call_order(1):
            return "ON"
        return "OFF"

    def button_action(self, action: Action, *, qsystem: bool) -> Action:
        """What a hardware key means now. QSystem's call key recalls while a visitor is called,
        and its finish key marks a visitor who never came as no-show (as QSystem does)."""
        called = self.current is not None and self.current.status == "called"
        if qsystem and called and action is Action.CALL_NEXT:
            return Action.RECALL
        if qsystem and called and action is Action.FINISH:
            return Action.NO_SHOW
        return action

    # ------------------------------------------------------------------ server state in

    @property
    def profile(self) -> Mapping[str, str]:
        return self.counter.profile if self.counter is not None else {}

    def now(self) -> datetime:
        """The server's time, as best known here."""
        return datetime.now(UTC) + self.clock_offset

    def apply_snapshot(self, snapshot: Snapshot, received_at: datetime | None = None) -> None:
        """Start over from a full picture (first connect, or a resume that was too old)."""
        self.clock_offset = snapshot.hall.now - (received_at or datetime.now(UTC))
        self.streak_cap = snapshot.hall.priority_streak_cap
        self.max_recalls = snapshot.hall.max_recalls
        try:
            self.zone = ZoneInfo(snapshot.hall.timezone)
        except (ZoneInfoNotFoundError, ValueError):  # a zone this PC does not know: its offset
            self.zone = snapshot.hall.now.tzinfo or UTC
        counter = next((c for c in snapshot.counters if c.id == self.counter_id), None)
        self.counter = counter
        if counter is not None and counter.operator_id is None:
            self.operator = None  # signed out while away (a new day, a restored hall, elsewhere)
        tickets = {t.id: TicketInfo(t) for t in snapshot.tickets}
        current_id = counter.current_ticket_id if counter is not None else None
        known = self.current
        fresh = tickets.get(current_id) if current_id else None
        if fresh is not None and known is not None and known.id == fresh.id:
            fresh = replace(known, view=fresh.view)  # keep the notes the snapshot lacks
        self.current = fresh
        self.waiting = {}
        self.postponed = {}
        for ticket in tickets.values():
            if self._waits_here(ticket):
                self.waiting[ticket.id] = ticket
            elif self._away_from_here(ticket):
                self.postponed[ticket.id] = ticket
        if self.waiting:
            self.nobody_waiting = False

    def apply_event(self, event: HallEvent) -> Notice | None:
        """Fold one event in; returns a notice for the operator, if it calls for one."""
        if event.type == COUNTER_CHANGED:
            counter = event.counter
            if counter is not None and counter.id == self.counter_id:
                self.apply_counter(counter)
            return None
        if event.type == DAY_OPENED:
            self.waiting.clear()
            self.postponed.clear()
            if self.counter is not None:
                self.counter = replace(self.counter, priority_streak=0)
            return None
        if event.type == TICKET_CALLED and event.data.get("counter_id") == self.counter_id:
            self._follow_streak(event.data.get("why"))
        if event.type not in TICKET_EVENTS or not isinstance(event.data.get("ticket"), dict):
            return None
        ticket = TicketInfo.from_json(event.data["ticket"])
        was_idle = not self.call_order(1)
        self.apply_ticket(ticket)
        if event.type == TICKET_ISSUED and was_idle and self.call_order(1) == [ticket]:
            self.nobody_waiting = False
            return Notice.VISITOR_ARRIVED
        back = event.type == TICKET_TRANSFERRED and event.data.get("returned") is True
        if back and ticket.id in self.waiting and ticket.target_counter_id == self.counter_id:
            self.nobody_waiting = False
            return Notice.VISITOR_BACK
        if (
            event.type in (TICKET_NO_SHOW, TICKET_CANCELLED)
            and ticket.view.return_counter_id == self.counter_id
            and ticket.view.counter_id != self.counter_id  # not our own no-show over there
        ):
            return Notice.VISITOR_NOT_BACK  # the operator need not wait for them any more
        return None

    def _follow_streak(self, why: object) -> None:
        """Priority visitors called here in a row, as the server counts them (Hall._call): a
        call says why it chose its visitor, and only a counter.changed carries the count."""
        counter = self.counter
        if counter is None:
            return
        if why == "priority":
            self.counter = replace(counter, priority_streak=counter.priority_streak + 1)
        elif why in ("longest_wait", "backup_over_target"):
            self.counter = replace(counter, priority_streak=0)

    def apply_counter(self, counter: CounterView) -> None:
        """A newer picture of this counter (from an event or a command's answer)."""
        known = self.counter
        if (
            known is not None
            and known.state_since is not None
            and counter.state_since is not None
            and counter.state_since < known.state_since
        ):
            return  # an older event arriving after the command's own answer
        self.counter = counter
        if counter.operator_id is None and self.operator is not None:
            self.operator = None  # signed out (here, elsewhere, or the day ended)

    def apply_ticket(self, ticket: TicketInfo) -> None:
        """A newer version of one ticket (from an event or a command's answer)."""
        current = self.current
        if current is not None and current.id == ticket.id:
            if ticket.progress() < current.progress():
                return
            if ticket.view.counter_id == self.counter_id and ticket.status in OPEN_STATUSES:
                self.current = ticket
            else:
                self.current = None
        elif ticket.view.counter_id == self.counter_id and ticket.status in OPEN_STATUSES:
            self.current = ticket
        if self._waits_here(ticket):
            self.waiting[ticket.id] = ticket
        else:
            self.waiting.pop(ticket.id, None)
        known = self.postponed.get(ticket.id)
        if known is not None and ticket.progress() < known.progress():
            return  # a late version of a visitor who stepped away
        if self._away_from_here(ticket):
            self.postponed[ticket.id] = ticket
        else:  # called back, released to the queue, cancelled, expired
            self.postponed.pop(ticket.id, None)

    def _away_from_here(self, ticket: TicketInfo) -> bool:
        """A visitor who stepped away and comes back to this counter; for a supervisor, from
        any counter (one whose counter paused can then be called back elsewhere)."""
        if ticket.status != "postponed":
            return False
        mine = ticket.view.counter_id == self.counter_id
        return mine or (self.operator is not None and self.operator.supervisor)

    def _waits_here(self, ticket: TicketInfo) -> bool:
        return (
            ticket.status == "waiting"
            and ticket.view.service_id in self.profile
            and ticket.target_counter_id in (None, self.counter_id)
        )

    # ------------------------------------------------------------------ the queue panel

    def queue_lines(self, now: datetime | None = None) -> list[ServiceLine]:
        """Each of this counter's services: those with visitors first, then main before backup."""
        now = now or self.now()
        lines = []
        for service_id, level in self.profile.items():
            mine = [t for t in self.waiting.values() if t.view.service_id == service_id]
            longest = max((t.waited_s(now) for t in mine), default=0)
            lines.append(ServiceLine(service_id, level, len(mine), longest))
        return sorted(
            lines, key=lambda line: (line.waiting == 0, line.level != "main", -line.longest_wait_s)
        )

    def left_alone(self, counters: Sequence[CounterView]) -> list[ServiceLine]:
        """This counter's lines with visitors waiting that no other counter open or paused
        serves: closing this one leaves them with none (at the day's end, none opens)."""
        others = {
            service
            for c in counters
            if c.id != self.counter_id and c.state in ("open", "paused")
            for service in c.profile
        }
        return [
            line for line in self.queue_lines() if line.waiting and line.service_id not in others
        ]

    def call_order(self, count: int, now: datetime | None = None) -> list[TicketInfo]:
        """Whom F1 would call now, and next, by the hall's rule (HallPolicy on the server):
        appointments whose time has come, then priority (at most `streak_cap` in a row while
        regular visitors wait), then the longest wait; a backup line only once its first
        visitor has waited past the service's target; early appointments when no one else.
        First in each line by appointment time, then by issue."""
        now = now or self.now()
        profile = self.profile
        lanes: dict[tuple[str, int], list[TicketInfo]] = {}
        for ticket in self.waiting.values():
            lanes.setdefault((ticket.view.service_id, _lane(ticket)), []).append(ticket)
        for lane in lanes.values():
            lane.sort(key=_lane_key, reverse=True)  # the first to call last: popped
        streak = self.counter.priority_streak if self.counter is not None else 0
        order: list[TicketInfo] = []
        while len(order) < count:

            def heads(lane: int) -> list[TicketInfo]:
                found = []
                for service_id, level in profile.items():
                    waiting = lanes.get((service_id, lane))
                    if not waiting:
                        continue
                    head = waiting[-1]
                    target = timedelta(minutes=self.target_waits.get(service_id, 0))
                    if (
                        level == "backup"
                        and lane != APPOINTMENT
                        and now - head.view.issued_at <= target
                    ):
                        continue
                    found.append(head)
                return found

            appointments = heads(APPOINTMENT)
            due = [
                t for t in appointments if t.view.appointment_at and t.view.appointment_at <= now
            ]
            priority, regular = heads(PRIORITY), heads(REGULAR)
            if due:
                pick = min(due, key=_lane_key)
            elif priority and not (regular and streak >= self.streak_cap):
                pick, streak = min(priority, key=_lane_key), streak + 1
            elif regular:
                pick, streak = min(regular, key=_lane_key), 0
            elif appointments:
                pick = min(appointments, key=_lane_key)
            else:
                break
            lanes[(pick.view.service_id, _lane(pick))].pop()
            order.append(pick)
        return order

    def next_tickets(self, count: int = 5) -> list[TicketInfo]:
        """The tickets waiting longest for this counter: appointments and priority first."""

        def key(t: TicketInfo) -> tuple[int, datetime]:
            lane = 0 if t.view.appointment_at else 1 if t.view.priority != "regular" else 2
            main = 0 if self.profile.get(t.view.service_id) == "main" else 1
            return (main * 3 + lane, t.view.issued_at)

        return sorted(self.waiting.values(), key=key)[:count]


APPOINTMENT, PRIORITY, REGULAR = 0, 1, 2  # the lanes of each service, as the server keeps them


def _lane(ticket: TicketInfo) -> int:
    if ticket.view.appointment_at is not None:
        return APPOINTMENT
    return PRIORITY if ticket.view.priority != "regular" else REGULAR


def _lane_key(ticket: TicketInfo) -> tuple[datetime, datetime, int]:
    """Order inside a lane: appointments by their time, everyone by issue (as lane_key)."""
    view = ticket.view
    return (view.appointment_at or view.issued_at, view.issued_at, view.order)
