"""The simulated ticket printer (``sim:DIR``): each job becomes .bin, .png and .txt files in DIR."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hardware.errors import PrinterConfigError, PrinterError
from hardware.escpos_render import EscposRenderer
from hardware.printer_links import EscposStatusLink, PrinterStatus
from hardware.profiles import PrinterProfile

STATE_FILE = "state"
ROLL_FILE = "tickets_left"
_TICKET = re.compile(r"^ticket-(\d{4,})\.bin$")

# What a real Epson answers to DLE EOT 1, 2 and 4 in each state (None: it does not answer).
_REPLIES: dict[PrinterStatus, dict[int, int | None]] = {
    PrinterStatus.ONLINE: {1: 0x12, 2: 0x12, 4: 0x12},
    PrinterStatus.PAPER_NEAR_END: {1: 0x12, 2: 0x12, 4: 0x1E},
    PrinterStatus.PAPER_OUT: {1: 0x1A, 2: 0x32, 4: 0x7E},
    PrinterStatus.COVER_OPEN: {1: 0x1A, 2: 0x16, 4: 0x12},
    PrinterStatus.OFFLINE: {1: None, 2: None, 4: None},
}


class SimulatedPrinter(EscposStatusLink):
    """A printer that lives in a folder.

    Each job is written as ``ticket-NNNN.bin`` (the bytes), ``.png`` (rendered from those bytes)
    and ``.txt`` (the text dump). The file ``state`` in the folder (``online``, ``paper_near_end``,
    ``paper_out``, ``cover_open`` or ``offline``; missing means online) is read on every status
    request, so a person or a test can pull the paper out with ``echo paper_out > DIR/state``.
    The file ``tickets_left``, if there, holds how many more whole tickets the roll has: each
    ticket counts it down, and the ticket that finds it at 0 runs out mid-way, as a real roll
    does: its bytes are taken, nothing of it is written, and the state becomes ``paper_out``.
    """

    def __init__(self, directory: Path, profile: PrinterProfile) -> None:
        self.directory = directory
        self.profile = profile
        self._renderer = EscposRenderer(profile.code_pages, profile.width_dots)

    @property
    def state(self) -> PrinterStatus:
        """The simulated condition, from the state file."""
        try:
            text = (self.directory / STATE_FILE).read_text(encoding="utf-8").strip().lower()
        except FileNotFoundError:
            return PrinterStatus.ONLINE
        try:
            return PrinterStatus(text.replace("-", "_") or "online")
        except ValueError as error:
            choices = ", ".join(status.value for status in PrinterStatus)
            raise PrinterConfigError(
                f"{self.directory / STATE_FILE} says {text!r}: write one of {choices}"
            ) from error

    @property
    def tickets_left(self) -> int | None:
        """How many more whole tickets the roll has, from its file; None: no end in sight."""
        try:
            text = (self.directory / ROLL_FILE).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if not (text.isascii() and text.isdigit()):
            raise PrinterConfigError(
                f"{self.directory / ROLL_FILE} says {text!r}: write a number of tickets, 0 or more"
            )
        return int(text)

    def make_folder(self) -> None:
        """Make the folder (and its parents) if it is not there; PrinterConfigError if it cannot."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise PrinterConfigError(
                f"sim:{self.directory}: cannot make the simulator's folder there "
                f"({error.strerror or error}); choose a folder you can write to"
            ) from error

    def set_state(self, state: PrinterStatus) -> None:
        """Put the simulated printer in ``state`` (the same as writing the state file)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / STATE_FILE).write_text(state.value + "\n", encoding="utf-8")

    def exchange(self, request: bytes, timeout: float) -> int | None:
        if request[:2] != b"\x10\x04" or len(request) != 3:
            return None
        return _REPLIES[self.state].get(request[2])

    def write(self, data: bytes) -> None:
        state = self.state
        if not state.can_print:
            error = state.error(f"sim:{self.directory}")
            assert error is not None
            raise error
        self.make_folder()
        left = self.tickets_left
        if left is not None:
            if left <= 0:  # the roll ends during this ticket: the printer took it all the same
                self.set_state(PrinterStatus.PAPER_OUT)
                return
            (self.directory / ROLL_FILE).write_text(f"{left - 1}\n", encoding="utf-8")
        stem = self.directory / f"ticket-{self._next_number():04d}"
        rendered = self._renderer.render(data)
        try:
            rendered.image.save(stem.with_suffix(".png"))
            _write_atomically(stem.with_suffix(".txt"), rendered.text.encode("utf-8"))
            _write_atomically(stem.with_suffix(".bin"), data)  # last: its presence means "printed"
        except OSError as error:
            raise PrinterError(
                f"sim:{self.directory}: cannot write the ticket ({error.strerror or error}); "
                "check the folder's space and permissions"
            ) from error

    def tickets(self) -> list[Path]:
        """The .bin files of the printed tickets, oldest first."""
        found = [path for path in self.directory.glob("ticket-*.bin") if _TICKET.match(path.name)]
        return sorted(found, key=lambda path: int(_TICKET.match(path.name).group(1)))  # type: ignore[union-attr]

    def _next_number(self) -> int:
        tickets = self.tickets()
        if not tickets:
            return 1
        match = _TICKET.match(tickets[-1].name)
        assert match is not None
        return int(match.group(1)) + 1


def _write_atomically(path: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as file:
        file.write(data)
    os.replace(file.name, path)
