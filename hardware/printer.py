"""Ticket printers: open one by name, ask its status within ~2 s, print a TicketSlip."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from hardware.errors import CoverOpen, PaperOut, PrinterConfigError, PrinterError
from hardware.printer_links import (
    STATUS_TIMEOUT,
    CupsLink,
    NetworkLink,
    PrinterLink,
    PrinterStatus,
    SerialLink,
    UsbLink,
)
from hardware.printer_names import (
    CupsName,
    NetName,
    PrinterName,
    SerialName,
    SimName,
    UsbName,
    parse_printer_name,
)
from hardware.printer_sim import SimulatedPrinter
from hardware.profiles import PrinterProfile, load_profile
from hardware.ticket_layout import TicketSlip, layout_ticket

__all__ = ["PrintResult", "PrinterStatus", "TicketPrinter", "open_printer"]

# seconds to hear whether a ticket's roll ran out while it printed: a printer answers a
# real-time status question at once when it can
AFTER_TICKET_TIMEOUT = 0.5


@dataclass(frozen=True)
class PrintResult:
    """What happened when a ticket was printed."""

    status: PrinterStatus  # before printing: PAPER_NEAR_END means "change the roll soon"
    bytes_sent: int
    code_page: str
    raster_lines: int


class TicketPrinter:
    """One ticket printer: its name, its model profile and the link to it."""

    def __init__(
        self,
        name: str,
        link: PrinterLink,
        profile: PrinterProfile,
        timeout: float = STATUS_TIMEOUT,
    ) -> None:
        self.name = name
        self.link = link
        self.profile = profile
        self.timeout = timeout

    def status(self) -> PrinterStatus:
        """The printer's status within ``timeout`` seconds; never hangs, never raises."""
        try:
            return self.link.status(self.timeout)
        except PrinterError:
            return PrinterStatus.OFFLINE

    def ready(self) -> PrinterStatus:
        """The status if printing can go ahead; otherwise raise its typed error.

        Where the link knows why it cannot ask (no such port or queue, no cups-client), that
        error is raised, not the bare "no answer" of OFFLINE.
        """
        status = self.link.status(self.timeout)
        error = status.error(self.name)
        if error is not None:
            raise error
        return status

    def print_ticket(self, slip: TicketSlip) -> PrintResult:
        """Print one ticket; raises PaperOut, CoverOpen, PrinterOffline or PrinterError, before
        the ticket is sent or, for paper and cover, after it (see `printed`)."""
        ticket = layout_ticket(slip, self.profile)
        status = self.ready()
        self.link.write(ticket.data)
        self.printed()
        return PrintResult(status, len(ticket.data), ticket.code_page, len(ticket.raster_lines))

    def print_bytes(self, data: bytes) -> PrinterStatus:
        """Send prepared ESC/POS bytes with the same status checks, before and after."""
        status = self.ready()
        self.link.write(data)
        self.printed()
        return status

    def printed(self) -> None:
        """Ask again once a job has been sent, where the link can tell paper and cover: a roll
        that ran out (or a cover opened) during the job raises PaperOut or CoverOpen, for the
        job may be missing or cut short. A printer that does not answer now, within
        AFTER_TICKET_TIMEOUT (one busy printing, or deaf to a question: up to that much on each
        ticket, where the full timeout had added 2 s), is taken at its word of before: the job
        was accepted; the heartbeat asks again."""
        if not self.link.tells_paper:
            return
        try:  # briefly: the visitor waits for it, and an unanswered question costs its timeout
            status = self.link.status(min(self.timeout, AFTER_TICKET_TIMEOUT))
        except PrinterError:
            return
        if status is PrinterStatus.PAPER_OUT:
            raise PaperOut(
                f"{self.name}: ran out of paper during the ticket, which may be missing or cut "
                "short; load a new roll"
            )
        if status is PrinterStatus.COVER_OPEN:
            raise CoverOpen(
                f"{self.name}: the cover was opened during the ticket, which may be missing or "
                "cut short; close it"
            )

    def close(self) -> None:
        """Close the link."""
        self.link.close()

    def __enter__(self) -> TicketPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def make_link(address: PrinterName, profile: PrinterProfile) -> PrinterLink:
    """The link for a parsed printer name."""
    if isinstance(address, UsbName):
        return UsbLink(address.vendor_id, address.product_id)
    if isinstance(address, SerialName):
        return SerialLink(address.url, address.baudrate)
    if isinstance(address, NetName):
        return NetworkLink(address.host, address.port)
    if isinstance(address, CupsName):
        return CupsLink(address.queue)
    return SimulatedPrinter(Path(address.directory), profile)


def open_printer(
    name: str,
    *,
    profile: str | None = None,
    paper_mm: int = 80,
    timeout: float = STATUS_TIMEOUT,
) -> TicketPrinter:
    """Open the printer called ``name`` (see printer_names.SYNTAX); nothing is sent yet.

    The simulator's folder is made now, so its ``state`` file can be written before the first
    ticket. Raises PrinterConfigError, with one line saying what to fix, for a bad name or profile
    or a simulator folder that cannot be made.
    """
    address = parse_printer_name(name)
    printer_profile = load_profile(profile, paper_mm=paper_mm)
    if isinstance(address, SimName) and address.directory.is_file():
        raise PrinterConfigError(f"{name}: {address.directory} is a file, not a folder")
    link = make_link(address, printer_profile)
    if isinstance(link, SimulatedPrinter):
        link.make_folder()
    return TicketPrinter(name, link, printer_profile, timeout)
