"""Why the hall refused a command.

HallError                 every refusal; `code` is stable, `message` is for people
├── NotFound              no such ticket, service, counter, booking
├── InvalidInput          the command itself is malformed
├── Conflict              legal command, wrong moment (state, hours, limits)
│   ├── IllegalTransition a ticket cannot move that way from its state
│   └── HallClosed        outside opening hours; carries when it opens
└── Forbidden             the actor may not do this
"""

from __future__ import annotations

from datetime import datetime


class HallError(Exception):
    """A refused command; nothing was changed."""

    code = "refused"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotFound(HallError):
    """The named thing does not exist."""

    code = "not_found"


class InvalidInput(HallError):
    """The command is malformed."""

    code = "invalid_input"


class Conflict(HallError):
    """The command is legal in general but not now."""

    code = "conflict"


class IllegalTransition(Conflict):
    """A ticket cannot move from its current state that way."""

    code = "illegal_transition"


class HallClosed(Conflict):
    """The hall (or a service) is closed now."""

    code = "hall_closed"

    def __init__(self, message: str, *, opens_at: datetime | None, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.opens_at = opens_at


class WrongDay(Conflict):
    """A booking checked in on another day than the one booked: `slot_at` says when."""

    code = "wrong_day"

    def __init__(self, message: str, *, slot_at: datetime) -> None:
        super().__init__(message)
        self.slot_at = slot_at


class TooMany(HallError):
    """Refused for now: too many of these from one caller; it may try again later."""

    code = "too_many"


class Forbidden(HallError):
    """The actor's role or counter does not allow this."""

    code = "forbidden"
