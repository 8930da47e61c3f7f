"""What happened in the hall: the domain's output, appended to the log and broadcast."""

from __future__ import annotations

from dataclasses import dataclass

from hallserver.domain.ids import JsonObject

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
TICKET_RELEASED = "ticket.released"  # no longer held for one counter
TICKET_POSTPONED = "ticket.postponed"  # stepped away; the counter calls them back
COUNTER_CHANGED = "counter.changed"
SERVICE_CHANGED = "service.changed"
DAY_OPENED = "day.opened"
BOOKING_CREATED = "booking.created"
BOOKING_CANCELLED = "booking.cancelled"
HALL_ANNOUNCEMENT = "hall.announcement"
TERMINAL_STATUS = "terminal.status"
MESSAGE_SENT = "message.sent"  # the supervisor to one counter or all
MESSAGE_READ = "message.read"  # an operator read it at their counter


@dataclass(frozen=True)
class Event:
    """One fact. `data` is JSON-ready and self-contained: a client needs nothing else."""

    type: str
    data: JsonObject
