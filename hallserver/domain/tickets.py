"""Ticket lifecycle: the one place that knows which state changes are legal."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from hallserver.domain.errors import IllegalTransition
from hallserver.domain.ids import CounterId, JsonObject, Lang, OperatorId, ServiceId, TicketId


class TicketState(enum.Enum):
    """Where a ticket is in its life (DESIGN.md)."""

    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # still open when the day ended: closed at the next opening
    POSTPONED = "postponed"  # sent off for a moment (to pay, to copy): back to the same counter

    __hash__ = object.__hash__  # as QueueClass's: looked up on every state change

    @property
    def is_open(self) -> bool:
        return self in _OPEN


_OPEN = frozenset(
    {TicketState.WAITING, TicketState.CALLED, TicketState.SERVING, TicketState.POSTPONED}
)

_ALLOWED: dict[TicketState, frozenset[TicketState]] = {
    TicketState.WAITING: frozenset(
        {TicketState.CALLED, TicketState.CANCELLED, TicketState.EXPIRED}
    ),
    TicketState.CALLED: frozenset(
        {
            TicketState.CALLED,  # recall
            TicketState.SERVING,
            TicketState.NO_SHOW,
            TicketState.WAITING,  # back to the queue, or transferred before service began
            TicketState.CANCELLED,
            TicketState.EXPIRED,
            TicketState.POSTPONED,
        }
    ),
    TicketState.SERVING: frozenset(
        {
            TicketState.FINISHED,
            TicketState.WAITING,  # transfer
            TicketState.EXPIRED,
            TicketState.POSTPONED,
        }
    ),
    TicketState.POSTPONED: frozenset(
        {
            TicketState.CALLED,  # called back
            TicketState.WAITING,  # their counter closed: back to the queue, keeping their place
            TicketState.NO_SHOW,  # did not come back
            TicketState.CANCELLED,
            TicketState.EXPIRED,
        }
    ),
    TicketState.FINISHED: frozenset(),
    TicketState.NO_SHOW: frozenset(),
    TicketState.CANCELLED: frozenset(),
    TicketState.EXPIRED: frozenset(),
}


class Priority(enum.Enum):
    """Who goes first: regular visitors, or visitors the law lets ahead."""

    REGULAR = "regular"
    DISABLED = "disabled"
    ELDERLY = "elderly"
    PREGNANT = "pregnant"
    VETERAN = "veteran"


class QueueClass(enum.Enum):
    """The three lanes of a service's queue, in the order they are served."""

    APPOINTMENT = "appointment"
    PRIORITY = "priority"
    REGULAR = "regular"

    # members are singletons: hashing by identity is exact, and it is done in C; Enum's own
    # __hash__ is a Python call, and lanes are looked up by (service, class) several times
    # for every ticket
    __hash__ = object.__hash__


QUEUE_CLASSES = tuple(QueueClass)  # iterating the enum itself is slow on the hot path


class Grade(enum.Enum):
    """A visitor's rating of the service."""

    EXCELLENT = "excellent"
    GOOD = "good"
    SATISFACTORY = "satisfactory"


# an entity: two tickets are the same only if they are the same object
@dataclass(eq=False, slots=True)
class Ticket:
    """One visitor's place in the hall: issued, called, served, rated."""

    id: TicketId
    number: str
    service: ServiceId
    issued_at: datetime
    priority: Priority = Priority.REGULAR
    priority_reason: str | None = None
    language: Lang = "kk"
    appointment_at: datetime | None = None
    booking_code: str | None = None
    state: TicketState = TicketState.WAITING
    counter: CounterId | None = None
    operator: OperatorId | None = None
    target_counter: CounterId | None = None
    # sent on "and back": where the visitor returns once the other service is done
    return_service: ServiceId | None = None
    return_counter: CounterId | None = None
    return_served_s: int = 0  # served there before being sent on: the visit goes on from it
    times_called: int = 0
    called_at: datetime | None = None
    first_called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    rating: Grade | None = None
    result: str | None = None  # how the served visit ended: one of the hall's results
    transfers: int = 0
    notes: tuple[str, ...] = field(default=())
    order: int = 0  # issue order within the day: breaks ties between equal issue times
    served_before_s: int = 0  # service given before stepping away (the clock restarts after)
    revision: int = 0  # bumped by every change: screens tell a newer version from a late one

    @property
    def queue_class(self) -> QueueClass:
        if self.appointment_at is not None:
            return QueueClass.APPOINTMENT
        if self.priority is not Priority.REGULAR:
            return QueueClass.PRIORITY
        return QueueClass.REGULAR

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return (self.issued_at, self.order)

    def call(self, counter: CounterId, operator: OperatorId | None, at: datetime) -> None:
        back = self.state is TicketState.POSTPONED  # their calls so far still count (see postpone)
        self._move_to(TicketState.CALLED, "call")
        self.counter = counter
        self.operator = operator
        self.target_counter = None
        self.times_called = self.times_called + 1 if back else 1
        self.called_at = at
        if self.first_called_at is None:
            self.first_called_at = at

    def recall(self, at: datetime) -> None:
        self._require(TicketState.CALLED, "recall")
        self.times_called += 1
        self.called_at = at
        self.revision += 1

    def start(self, at: datetime) -> None:
        self._move_to(TicketState.SERVING, "start")
        self.started_at = at

    def finish(self, at: datetime, result: str | None = None) -> None:
        self._move_to(TicketState.FINISHED, "finish")
        self.finished_at = at
        self.result = result

    def mark_no_show(self, at: datetime) -> None:
        self._move_to(TicketState.NO_SHOW, "mark as no-show")
        self.finished_at = at

    def cancel(self, at: datetime) -> None:
        self._move_to(TicketState.CANCELLED, "cancel")
        self.finished_at = at

    def expire(self, at: datetime) -> None:
        self._move_to(TicketState.EXPIRED, "expire")
        self.finished_at = at

    def postpone(self, at: datetime) -> None:
        """The visitor steps away for a moment and comes back to this counter: off the counter,
        out of every queue, until the counter calls them back (`counter` says which). Service
        given so far is kept; its clock starts again when they are back."""
        self.served_before_s = self.served_s(at)
        came = self.state is TicketState.SERVING
        self._move_to(TicketState.POSTPONED, "postpone")
        self.started_at = None
        if came:  # they came to the counter: the call back is a first call, with every recall
            self.times_called = 0

    def served_s(self, at: datetime) -> int:
        """Whole seconds served by `at`: earlier stretches, and this one while serving."""
        served = self.served_before_s
        if self.state is TicketState.SERVING and self.started_at is not None:
            served += max(int((at - self.started_at).total_seconds()), 0)
        return served

    def service_seconds(self) -> float | None:
        """How long the visit was served, time away excluded; None until it is finished."""
        if self.started_at is None or self.finished_at is None:
            return None
        return self.served_before_s + max((self.finished_at - self.started_at).total_seconds(), 0)

    def back_to_queue(self) -> None:
        """A postponed visitor whose counter closed waits for any counter, keeping their place."""
        self._require(TicketState.POSTPONED, "return to the queue")
        self._move_to(TicketState.WAITING, "return to the queue")
        self.counter = None
        self.operator = None

    def requeue(self) -> None:
        """A called visitor did not come yet: back to the queue, keeping their place."""
        self._require(TicketState.CALLED, "return to the queue")
        self._move_to(TicketState.WAITING, "return to the queue")
        self.counter = None
        self.operator = None

    def transfer(
        self,
        service: ServiceId,
        target_counter: CounterId | None,
        note: str,
        *,
        come_back: bool = False,
        at: datetime | None = None,
    ) -> None:
        """On to `service`; with `come_back`, back here once that service is done (see
        `Hall.finish`), where the visit goes on with the time served so far (until `at`). A
        plain transfer keeps a return still to come, unless it goes there."""
        if self.state not in (TicketState.CALLED, TicketState.SERVING):
            raise IllegalTransition(
                f"{self.number} is {self.state.value}: only a called or served ticket "
                "can be transferred"
            )
        if come_back and self.return_service is not None:
            raise IllegalTransition(f"{self.number} is to come back already", code="return_pending")
        back = (self.service, self.counter)
        served = self.served_s(at) if at is not None else self.served_before_s
        self._move_to(TicketState.WAITING, "transfer")
        carried = 0  # a new visit, with the next service, starts from nothing
        if come_back:
            self.return_service, self.return_counter = back
            self.return_served_s = served
        elif service == self.return_service:  # back there (sent back, or by hand): it goes on
            carried = self.return_served_s
            self.return_service = self.return_counter = None
            self.return_served_s = 0
        self.service = service
        self.counter = None
        self.operator = None
        self.target_counter = target_counter
        self.started_at = None
        self.served_before_s = carried
        self.times_called = 0
        self.transfers += 1
        if note:
            self.notes = (*self.notes, note)

    def send_back(self, target_counter: CounterId | None) -> None:
        """The other service is done: back to the service (and counter) it came from."""
        service = self.return_service
        if service is None:
            raise IllegalTransition(f"{self.number} has nowhere to go back to")
        self.transfer(service, target_counter, "")

    def rate(self, grade: Grade) -> None:
        if self.state is not TicketState.FINISHED:
            raise IllegalTransition(
                f"{self.number} is {self.state.value}: only a finished visit can be rated",
                code="not_finished",
            )
        if self.rating is not None:
            raise IllegalTransition(f"{self.number} is already rated", code="already_rated")
        self.rating = grade
        self.revision += 1

    def _require(self, state: TicketState, action: str) -> None:
        if self.state is not state:
            raise IllegalTransition(
                f"cannot {action} {self.number}: it is {self.state.value}, not {state.value}"
            )

    def _move_to(self, new: TicketState, action: str) -> None:
        if new not in _ALLOWED[self.state]:
            raise IllegalTransition(f"cannot {action} {self.number}: it is {self.state.value}")
        self.state = new
        self.revision += 1

    def to_json(self) -> JsonObject:
        # sent with every event and answer: written out, without a helper call per field
        return {
            "id": self.id,
            "number": self.number,
            "service_id": self.service,
            "status": self.state.value,
            "priority": self.priority.value,
            "priority_reason": self.priority_reason,
            "language": self.language,
            "appointment_at": _iso(self.appointment_at),
            "booking_code": self.booking_code,
            "counter_id": self.counter,
            "operator_id": self.operator,
            "target_counter_id": self.target_counter,
            "return_service_id": self.return_service,
            "return_counter_id": self.return_counter,
            "return_served_s": self.return_served_s,
            "times_called": self.times_called,
            "issued_at": self.issued_at.isoformat(),
            "called_at": _iso(self.called_at),
            "first_called_at": _iso(self.first_called_at),
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "rating": self.rating.value if self.rating is not None else None,
            "result": self.result,
            "transfers": self.transfers,
            "notes": list(self.notes),
            "order": self.order,
            "served_before_s": self.served_before_s,
            "revision": self.revision,
        }

    @classmethod
    def from_json(cls, raw: JsonObject) -> Ticket:
        def dt(key: str) -> datetime | None:
            value = raw.get(key)
            return datetime.fromisoformat(value) if isinstance(value, str) else None

        def opt(key: str) -> str | None:
            value = raw.get(key)
            return value if isinstance(value, str) else None

        issued = dt("issued_at")
        assert issued is not None
        rating = opt("rating")
        notes = raw.get("notes")
        language = str(raw.get("language", "kk"))
        assert language in ("kk", "ru", "en")
        return cls(
            id=TicketId(str(raw["id"])),
            number=str(raw["number"]),
            service=ServiceId(str(raw["service_id"])),
            issued_at=issued,
            priority=Priority(str(raw["priority"])),
            priority_reason=opt("priority_reason"),
            language=language,  # type: ignore[arg-type]  # checked just above
            appointment_at=dt("appointment_at"),
            booking_code=opt("booking_code"),
            state=TicketState(str(raw["status"])),
            counter=CounterId(c) if (c := opt("counter_id")) else None,
            operator=OperatorId(o) if (o := opt("operator_id")) else None,
            target_counter=CounterId(t) if (t := opt("target_counter_id")) else None,
            return_service=ServiceId(r) if (r := opt("return_service_id")) else None,
            return_counter=CounterId(b) if (b := opt("return_counter_id")) else None,
            return_served_s=int(str(raw.get("return_served_s", 0))),
            times_called=int(str(raw.get("times_called", 0))),
            called_at=dt("called_at"),
            first_called_at=dt("first_called_at"),
            started_at=dt("started_at"),
            finished_at=dt("finished_at"),
            rating=Grade(rating) if rating else None,
            result=opt("result"),
            transfers=int(str(raw.get("transfers", 0))),
            notes=tuple(str(n) for n in notes) if isinstance(notes, list) else (),
            order=int(str(raw.get("order", 0))),
            served_before_s=int(str(raw.get("served_before_s", 0))),
            revision=int(str(raw.get("revision", 0))),
        )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()
