"""A counter's working state through the day: open, paused with a reason, or closed."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from hallserver.domain.catalogue import CounterSpec, Level, Text
from hallserver.domain.errors import Conflict, InvalidInput
from hallserver.domain.ids import CounterId, JsonObject, OperatorId, ServiceId, TicketId


class CounterState(enum.Enum):
    """Whether a counter takes visitors now."""

    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class PauseReason(enum.Enum):
    """Why an operator stepped away."""

    BREAK = "break"
    LUNCH = "lunch"
    TECHNICAL = "technical"
    PAPERWORK = "paperwork"
    OTHER = "other"


@dataclass
class Counter:
    """A numbered counter as it works today."""

    id: CounterId
    number: int
    name: Text
    profile: dict[ServiceId, Level] = field(default_factory=dict)
    state: CounterState = CounterState.CLOSED
    pause_reason: PauseReason | None = None
    state_since: datetime | None = None
    operator: OperatorId | None = None
    current: TicketId | None = None  # the ticket called or being served here
    free_since: datetime | None = None  # when its last visitor left it, however they left
    priority_streak: int = 0  # priority calls in a row, capped so regulars are not starved

    @classmethod
    def from_spec(cls, spec: CounterSpec) -> Counter:
        return cls(id=spec.id, number=spec.number, name=spec.name, profile=dict(spec.profile))

    def open(self, at: datetime) -> None:
        if self.operator is None:
            raise Conflict(
                f"counter {self.number}: an operator must sign in before it opens",
                code="no_operator",
            )
        self._set(CounterState.OPEN, None, at)

    def pause(self, reason: PauseReason, at: datetime) -> None:
        if self.state is CounterState.CLOSED:
            raise Conflict(f"counter {self.number} is closed: open it first", code="counter_closed")
        if self.state is CounterState.PAUSED:  # another reason: paused since it first paused
            self.pause_reason = reason
            return
        self._set(CounterState.PAUSED, reason, at)

    def close(self, at: datetime) -> None:
        self._require_free("close")
        self._set(CounterState.CLOSED, None, at)

    def sign_in(self, operator: OperatorId, at: datetime) -> None:
        if self.operator is not None and self.operator != operator:
            raise Conflict(
                f"counter {self.number}: {self.operator} is signed in here; they must sign out",
                code="counter_taken",
            )
        self.operator = operator
        self.state_since = self.state_since or at

    def sign_out(self, at: datetime) -> None:
        self._require_free("sign out of")
        self.operator = None
        self._set(CounterState.CLOSED, None, at)

    def set_profile(self, profile: Mapping[ServiceId, Level]) -> None:
        if not profile:
            raise InvalidInput(
                f"counter {self.number}: a work profile needs at least one service",
                code="empty_profile",
            )
        self.profile = dict(profile)

    def _require_free(self, action: str) -> None:
        if self.current is not None:
            raise Conflict(
                f"cannot {action} counter {self.number}: finish the current visitor first",
                code="counter_busy",
            )

    def _set(self, state: CounterState, reason: PauseReason | None, at: datetime) -> None:
        self.state = state
        self.pause_reason = reason
        self.state_since = at

    def to_json(self) -> JsonObject:
        return {
            "id": self.id,
            "number": self.number,
            "name": self.name.to_json(),
            "profile": {s: level.value for s, level in sorted(self.profile.items())},
            "state": self.state.value,
            "pause_reason": self.pause_reason.value if self.pause_reason else None,
            "state_since": self.state_since.isoformat() if self.state_since else None,
            "operator_id": self.operator,
            "current_ticket_id": self.current,
            "priority_streak": self.priority_streak,
            "free_since": self.free_since.isoformat() if self.free_since else None,
        }

    @classmethod
    def from_json(cls, raw: JsonObject) -> Counter:
        profile = raw.get("profile")
        name = raw.get("name")
        assert isinstance(profile, dict) and isinstance(name, dict)
        reason = raw.get("pause_reason")
        since = raw.get("state_since")
        operator = raw.get("operator_id")
        current = raw.get("current_ticket_id")
        return cls(
            id=CounterId(str(raw["id"])),
            number=int(str(raw["number"])),
            name=Text.from_json(name),
            profile={ServiceId(s): Level(str(v)) for s, v in profile.items()},
            state=CounterState(str(raw["state"])),
            pause_reason=PauseReason(reason) if isinstance(reason, str) else None,
            state_since=datetime.fromisoformat(since) if isinstance(since, str) else None,
            operator=OperatorId(operator) if isinstance(operator, str) else None,
            current=TicketId(current) if isinstance(current, str) else None,
            priority_streak=int(str(raw.get("priority_streak", 0))),
            free_since=datetime.fromisoformat(free)
            if isinstance(free := raw.get("free_since"), str)
            else None,
        )
