"""Issuing and printing a ticket, and telling the server about the printer (plain Python)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import cast

from hallserver.client import ClientError, HallClient, HallRefused
from hallserver.protocol import ServiceView, Text, TicketView
from hardware.errors import HardwareError
from hardware.printer import PrinterStatus, TicketPrinter
from hardware.ticket_layout import Language, TicketSlip
from kiosk.flow import Issued, IssueRequest
from kiosk.hallstate import text_in

log = logging.getLogger(__name__)

SECOND_LANGUAGE = {"kk": "ru", "ru": "kk", "en": "kk"}
# The server's printer states (POST /terminals/status) for the hardware layer's error codes.
SERVER_PRINTER_STATE = {
    "paper_out": "paper_out",
    "cover_open": "cover_open",
    "printer_offline": "offline",
    "printer_error": "offline",
    "printer_driver_missing": "offline",
    "printer_config_invalid": "offline",
}


@dataclass(frozen=True)
class SlipWords:
    """The words of a slip that come from the kiosk's translations, in the visitor's language."""

    next_step: str
    late_note: str = ""
    copy_note: str = ""  # a copy printed again for a visitor who lost the ticket


def make_slip(
    ticket: TicketView,
    services: Mapping[str, ServiceView],
    hall_name: Text,
    words: SlipWords,
    language: str,
    *,
    documents: bool = True,
    unserved: bool = False,
) -> TicketSlip:
    """The printed ticket for `ticket`, in `language` with the service also in a second one;
    with `documents`, the list of what to bring, to read while waiting; `unserved` when no
    counter serves its service yet (it then promises no wait in minutes)."""
    service = services.get(ticket.service_id)
    name: Text = service.name if service is not None else {"kk": ticket.service_id}
    second = SECOND_LANGUAGE.get(language, "ru")
    footer = (words.late_note,) if words.late_note else ()
    header = (words.copy_note,) if words.copy_note else ()  # a copy says so first
    return TicketSlip(
        hall_name=text_in(hall_name, language),
        service_name=text_in(name, language),
        service_name_second=text_in(name, second),
        number=ticket.number,
        people_ahead=ticket.people_ahead,
        wait_minutes=wait_minutes(ticket.estimated_wait_s),
        issued_at=ticket.issued_at,
        status_url=ticket.status_url or "",
        next_step=words.next_step,
        language=cast(Language, language if language in ("kk", "ru", "en") else "kk"),
        appointment_at=ticket.appointment_at,
        header_lines=header,
        footer_lines=footer,
        documents=tuple(text_in(d, language) for d in service.documents)
        if documents and service is not None
        else (),
        seal=ticket.witness or "",
        priority=ticket.priority != "regular",
        unserved=unserved,
        in_line=in_line(ticket),
    )


def in_line(ticket: TicketView) -> bool:
    """Whether the visitor waits for a place in a line (people ahead, a wait to tell): not when
    called already (a copy printed meanwhile), nor when booked for a time."""
    booked = ticket.appointment_at is not None and not ticket.late_for_appointment
    return ticket.status == "waiting" and not booked


def wait_minutes(seconds: int) -> int:
    """A wait rounded up to whole minutes (a visitor is never told 0 when anyone waits)."""
    return max(0, -(-seconds // 60))


class Issuer:
    """Asks the server for a ticket, prints it, and reports the printer's faults.

    Runs on the link's worker thread. `printer` None means this kiosk only shows the number.
    """

    def __init__(
        self, client: HallClient, printer: TicketPrinter | None, *, documents: bool = True
    ) -> None:
        self.client = client
        self.printer = printer
        self.documents = documents  # print what to bring on each ticket
        self.reported: str | None = None  # the printer state the server last heard

    def issue(
        self,
        request: IssueRequest,
        services: Mapping[str, ServiceView],
        hall_name: Text,
        words: Callable[[TicketView], SlipWords],
        *,
        print_ticket: bool = True,
        unserved: frozenset[str] = frozenset(),
    ) -> Issued:
        """Raises ClientError when the server refuses or cannot be reached; printing never does.
        `unserved`: the services no open counter served as the visitor asked."""
        ticket = self.client.issue_ticket(
            request.service_id,
            priority=request.priority,
            priority_reason=request.priority_reason,
            language=request.language,
            appointment_code=request.appointment_code,
            iin=request.iin,
            request_id=request.request_id,
        )
        if not print_ticket or self.printer is None:
            return Issued(ticket, None)
        return self._print(ticket, request.language, services, hall_name, words, unserved)

    def print_copy(
        self,
        ticket_id: str,
        services: Mapping[str, ServiceView],
        hall_name: Text,
        words: Callable[[TicketView], SlipWords],
        unserved: frozenset[str] = frozenset(),
    ) -> Issued:
        """A lost ticket printed again, as it stands now (place in the queue, wait), marked as a
        copy, in the language it was issued in. Raises ClientError when the server does not know
        it or it is no longer in the queue; a printer fault comes back in `Issued`."""
        ticket = self.client.ticket(ticket_id)
        if ticket.status not in ("waiting", "called", "postponed"):
            raise HallRefused(
                409, "ticket_closed", f"{ticket.number} is {ticket.status}: no copy is needed"
            )
        if self.printer is None:
            return Issued(ticket, "printer_offline")
        return self._print(ticket, ticket.language, services, hall_name, words, unserved)

    def _print(
        self,
        ticket: TicketView,
        language: str,
        services: Mapping[str, ServiceView],
        hall_name: Text,
        words: Callable[[TicketView], SlipWords],
        unserved: frozenset[str],
    ) -> Issued:
        """Print `ticket`'s slip; a fault is reported to the server and comes back in
        `Issued`."""
        assert self.printer is not None
        slip = make_slip(
            ticket,
            services,
            hall_name,
            words(ticket),
            language,
            documents=self.documents,
            unserved=ticket.service_id in unserved,
        )
        try:
            self.printer.print_ticket(slip)
        except HardwareError as error:
            log.warning("ticket %s did not print: %s", ticket.number, error.detail)
            self.report(SERVER_PRINTER_STATE.get(error.code, "offline"), error.detail)
            return Issued(ticket, error.code)
        except Exception as error:  # a driver's own fault: the ticket is issued, show it
            log.exception("ticket %s did not print", ticket.number)
            self.report("offline", f"{type(error).__name__}: {error}")
            return Issued(ticket, "printer_error")
        if self.reported not in (None, "online", "paper_near_end"):
            self.report("online")  # it printed: the fault reported before is over
        return Issued(ticket, None)

    def heartbeat(self) -> str:
        """Ask the printer how it is and tell the server; returns the state reported."""
        if self.printer is None:
            state = "none"
        else:
            status = self.printer.status()
            state = status.value if status is not PrinterStatus.OFFLINE else "offline"
        self.report(state, force=True)
        return state

    def report(self, state: str, detail: str = "", *, force: bool = False) -> None:
        if state == self.reported and not force:
            return
        try:
            self.client.report_status(state, detail)
            self.reported = state
        except ClientError as error:  # the next heartbeat tries again
            log.info("printer state %s not reported: %s", state, error)
