"""Rating mode in plain Python: who is served at this counter, and the question when they finish."""

from __future__ import annotations

import enum

from hallserver.protocol import (
    COUNTER_CHANGED,
    TICKET_CALLED,
    TICKET_CANCELLED,
    TICKET_EXPIRED,
    TICKET_FINISHED,
    TICKET_NO_SHOW,
    TICKET_POSTPONED,
    TICKET_RECALLED,
    TICKET_REQUEUED,
    TICKET_STARTED,
    TICKET_TRANSFERRED,
    HallEvent,
    Snapshot,
    TicketView,
)

GRADES = ("excellent", "good", "satisfactory")
KEYPAD_GRADES = {"1": "excellent", "2": "good", "3": "satisfactory"}


class RatingScreen(enum.Enum):
    """What the rating screen shows."""

    WAITING = "waiting"  # nobody at the counter
    SERVING = "serving"  # "A023 → 5"
    ASKING = "asking"  # excellent / good / satisfactory
    THANKS = "thanks"


class RatingFlow:
    """One counter's rating screen: follows the counter's tickets, asks once per finished visit."""

    def __init__(self, counter_id: str) -> None:
        self.counter_id = counter_id
        self.counter_number: int | None = None
        self.screen = RatingScreen.WAITING
        self.current: TicketView | None = None  # being called or served here
        self.asking: TicketView | None = None  # finished here, not yet rated

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        for counter in snapshot.counters:
            if counter.id == self.counter_id:
                self.counter_number = counter.number
        here = [t for t in snapshot.tickets if t.counter_id == self.counter_id]
        active = [t for t in here if t.status in ("called", "serving")]
        self.current = active[-1] if active else None
        if self.screen in (RatingScreen.WAITING, RatingScreen.SERVING):
            self.screen = RatingScreen.SERVING if self.current else RatingScreen.WAITING

    def apply_event(self, event: HallEvent) -> bool:
        """Follow one event; True when the screen should change."""
        if event.type == COUNTER_CHANGED:
            counter = event.counter
            if counter is not None and counter.id == self.counter_id:
                self.counter_number = counter.number
            return False
        ticket = event.ticket
        if ticket is None:
            return False
        here = ticket.counter_id == self.counter_id
        mine = self.current is not None and ticket.id == self.current.id
        if event.type in (TICKET_CALLED, TICKET_RECALLED, TICKET_STARTED) and here:
            self.current = ticket
        elif event.type == TICKET_FINISHED and (here or mine):
            self.current = None
            self.asking = ticket
            self.screen = RatingScreen.ASKING
            return True
        elif mine and event.type in (
            TICKET_NO_SHOW,
            TICKET_CANCELLED,
            TICKET_TRANSFERRED,
            TICKET_REQUEUED,
            TICKET_EXPIRED,
            TICKET_POSTPONED,  # stepped away: nobody at this counter to rate it now
        ):
            self.current = None
        else:
            return False
        if self.screen in (RatingScreen.WAITING, RatingScreen.SERVING):
            self.screen = RatingScreen.SERVING if self.current else RatingScreen.WAITING
        return True

    def rate(self, grade: str) -> tuple[str, str] | None:
        """The visitor's answer: (ticket id, grade) to send, or None when nobody is asked."""
        if grade not in GRADES:
            raise ValueError(f"grade {grade!r} is not one of {GRADES}")
        if self.screen is not RatingScreen.ASKING or self.asking is None:
            return None
        ticket_id = self.asking.id
        self.asking = None
        self.screen = RatingScreen.THANKS
        return ticket_id, grade

    def no_answer(self) -> None:
        """The question timed out: nothing is recorded."""
        if self.screen is RatingScreen.ASKING:
            self.asking = None
            self._settle()

    def thanks_over(self) -> None:
        if self.screen is RatingScreen.THANKS:
            self._settle()

    def _settle(self) -> None:
        self.screen = RatingScreen.SERVING if self.current else RatingScreen.WAITING
