"""Consultant mode in plain Python: find a service, advise, issue for a visitor, undo a mistake,
print a lost ticket again."""

from __future__ import annotations

import re
from datetime import datetime

from hallserver.iin import iin_problem, tidy_iin
from hallserver.protocol import ServiceView, TicketView
from kiosk.flow import (
    BOOKING_ALPHABET,
    BOOKING_CODE_LENGTH,
    PRIORITIES,
    IssueRequest,
    RequestKeys,
)
from kiosk.hallstate import HallState

TICKET_NUMBER = re.compile(r"[^\W\d_][0-9]{3,4}")  # a prefix letter, then its digits
# a Russian or Kazakh keyboard types these Cyrillic letters for the Latin prefixes they look like
LOOKALIKES = str.maketrans("АВЕКМНОРСТХУІҮҺ", "ABEKMHOPCTXYIYH")


class ConsultantFlow:
    """What the consultant has chosen; views render it and forward taps."""

    def __init__(self, state: HallState, language: str = "kk") -> None:
        self.state = state
        self.language = language
        self.signed_in_as: str | None = None
        self.query = ""
        self.service_id: str | None = None
        self.priority: str | None = None
        self.reason = ""
        self.print_here = True
        self.issued: list[TicketView] = []  # this session's tickets, newest first
        self.problem: str | None = None  # a stable code the view explains
        self.problem_at: datetime | None = None  # the time it names (opens again at …)
        self.busy = False
        self.online = False
        self.copied: str | None = None  # the number of the copy just printed
        self.keys = RequestKeys()  # a ticket asked for and not answered is asked for again

    def results(self) -> list[ServiceView]:
        if not self.query.strip():
            return list(self.state.services.values())
        return self.state.search(self.query, self.language)

    @property
    def service(self) -> ServiceView | None:
        return self.state.services.get(self.service_id or "")

    def select(self, service_id: str) -> None:
        self.service_id = service_id
        self.problem = None

    def set_priority(self, priority: str | None) -> None:
        if priority is not None and priority not in (*PRIORITIES, "veteran"):
            raise ValueError(f"priority {priority!r} is not known")
        self.priority = priority

    def issue_request(self, visitor_language: str) -> IssueRequest | None:
        """The ticket to issue for the visitor, or None with `problem` set."""
        self.problem = None
        if self.service is None:
            self.problem = "no_service"
        elif self.state.suspended(self.service.id):
            self.problem = "service_suspended"
        elif self.priority is not None and not self.reason.strip():
            self.problem = "no_reason"
        elif not self.online or self.busy:
            self.problem = "offline" if not self.online else "busy"
        if self.problem is not None:
            return None
        self.busy = True
        return self.keys.keyed(
            IssueRequest(
                language=visitor_language,
                service_id=self.service_id,
                priority=self.priority,
                priority_reason=self.reason.strip() if self.priority else None,
            )
        )

    def checkin_request(self, entry: str, visitor_language: str) -> IssueRequest | None:
        """Check in by IIN (12 digits) or booking code (6 letters and digits)."""
        entry = tidy_iin(entry).upper()  # spaces and dashes typed between groups go
        self.problem = None
        if entry.isdigit():
            problem = iin_problem(entry)
            if problem is not None:
                self.problem = f"iin_{problem}"
                return None
            request = IssueRequest(language=visitor_language, iin=entry)
        elif len(entry) == BOOKING_CODE_LENGTH and all(c in BOOKING_ALPHABET for c in entry):
            request = IssueRequest(language=visitor_language, appointment_code=entry)
        else:
            self.problem = "code_length"
            return None
        if not self.online:
            self.problem = "offline"
            return None
        self.busy = True
        return self.keys.keyed(request)

    def copy_request(self, entry: str) -> str | None:
        """The id of today's ticket to print again for a visitor who lost it (its number, such
        as A017, typed in either alphabet), or None with `problem` set."""
        number = entry.strip().upper()
        prefixes = {s.prefix for s in self.state.services.values()}
        if number[:1] not in prefixes and number[:1].translate(LOOKALIKES) in prefixes:
            number = number[:1].translate(LOOKALIKES) + number[1:]  # the letter it looks like
        self.problem = None
        self.copied = None
        hall = self.state.hall
        if self.busy:
            self.problem = "busy"
        elif not TICKET_NUMBER.fullmatch(number):
            self.problem = "number_format"
        elif not self.online or hall is None:
            self.problem = "offline"
        elif not self.print_here:
            self.problem = "no_printing"
        if self.problem is not None:
            return None
        assert hall is not None
        self.busy = True
        return f"{hall.day.replace('-', '')}-{number}"

    def copy_printed(self, ticket: TicketView) -> None:
        self.busy = False
        self.copied = ticket.number

    def ticket_issued(self, ticket: TicketView) -> None:
        self.busy = False
        self.keys.answered()
        self.copied = None
        self.issued.insert(0, ticket)
        del self.issued[20:]
        self.priority = None
        self.reason = ""

    def ticket_cancelled(self, ticket: TicketView) -> None:
        self.busy = False
        self.issued = [ticket if t.id == ticket.id else t for t in self.issued]

    def refused(self, code: str, at: datetime | None = None) -> None:
        self.busy = False
        self.keys.answered(code)
        self.copied = None
        self.problem = code
        self.problem_at = at
