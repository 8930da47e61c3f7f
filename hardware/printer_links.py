"""Printer links: the byte-level seam to each kind of printer, and its status in ~2 s."""

from __future__ import annotations

import contextlib
import enum
import errno
import importlib.util
import shutil
import socket
import subprocess
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

import serial
from escpos.printer import Usb

from hardware.errors import (
    CoverOpen,
    PaperOut,
    PrinterDriverMissing,
    PrinterError,
    PrinterOffline,
)

STATUS_TIMEOUT = 2.0  # seconds: a printer that has not answered by then is offline
DLE_EOT = b"\x10\x04"

try:  # a serial port whose cable was pulled raises termios.error, no OSError, on POSIX
    from termios import error as _tty_error

    LINE_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError, _tty_error)
except ImportError:  # pragma: no cover - Windows
    LINE_ERRORS = (serial.SerialException, OSError)


class PrinterStatus(enum.Enum):
    """What the printer says about itself (``offline`` also when it says nothing)."""

    ONLINE = "online"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"

    @property
    def can_print(self) -> bool:
        """Whether a ticket can be printed now (paper near its end still prints)."""
        return self in (PrinterStatus.ONLINE, PrinterStatus.PAPER_NEAR_END)

    def error(self, printer: str) -> PrinterError | None:
        """The typed error for a status that stops printing, or None."""
        if self is PrinterStatus.PAPER_OUT:
            return PaperOut(f"{printer}: out of paper; load a new roll")
        if self is PrinterStatus.COVER_OPEN:
            return CoverOpen(f"{printer}: the cover is open; close it")
        if self is PrinterStatus.OFFLINE:
            return PrinterOffline(
                f"{printer}: no answer within {STATUS_TIMEOUT:g} s; check power and cable"
            )
        return None


def _valid(status: int | None) -> bool:
    """DLE EOT replies have bits 1 and 4 set and bits 0 and 7 clear."""
    return status is not None and status & 0x93 == 0x12


def decode_status(
    printer: int | None, offline_cause: int | None = None, paper: int | None = None
) -> PrinterStatus:
    """The status from the replies to DLE EOT 1, 2 and 4 (None: no reply). Pure."""
    if printer is None or not _valid(printer):
        return PrinterStatus.OFFLINE
    paper_out = _valid(paper) and paper is not None and paper & 0x60 != 0
    if printer & 0x08:  # offline: ask why
        if _valid(offline_cause) and offline_cause is not None:
            if offline_cause & 0x04:
                return PrinterStatus.COVER_OPEN
            if offline_cause & 0x20:
                return PrinterStatus.PAPER_OUT
        return PrinterStatus.PAPER_OUT if paper_out else PrinterStatus.OFFLINE
    if paper_out:
        return PrinterStatus.PAPER_OUT
    if _valid(paper) and paper is not None and paper & 0x0C:
        return PrinterStatus.PAPER_NEAR_END
    return PrinterStatus.ONLINE


Exchange = Callable[[bytes, float], "int | None"]


def query_status(exchange: Exchange, timeout: float = STATUS_TIMEOUT) -> PrinterStatus:
    """Ask with DLE EOT 1, then 2 (only when offline) and 4; all within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout

    def ask(n: int) -> int | None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            return exchange(DLE_EOT + bytes([n]), remaining)
        except LINE_ERRORS:
            return None

    printer = ask(1)
    if not _valid(printer):
        return PrinterStatus.OFFLINE
    offline_cause = ask(2) if printer is not None and printer & 0x08 else None
    return decode_status(printer, offline_cause, ask(4))


class PrinterLink(ABC):
    """The byte-level seam to one printer: write a job, tell the status, close."""

    #: whether the status tells paper and cover (not only "there or not"): the printer is asked
    #: again after each ticket, for a roll that ran out during it
    tells_paper: bool = False

    @abstractmethod
    def write(self, data: bytes) -> None:
        """Send one job; raise PrinterError (usually PrinterOffline) if it cannot be sent."""

    @abstractmethod
    def status(self, timeout: float) -> PrinterStatus:
        """The status, within ``timeout`` seconds; OFFLINE when the printer does not answer.

        Raises PrinterError when the link knows why it cannot even ask (no such port or queue, a
        program not installed): its detail says what to fix.
        """

    def close(self) -> None:  # noqa: B027 - most links hold nothing
        """Release the connection, if any."""


class EscposStatusLink(PrinterLink):
    """A link that asks the printer itself with DLE EOT."""

    tells_paper = True

    def status(self, timeout: float) -> PrinterStatus:
        return query_status(self.exchange, timeout)

    @abstractmethod
    def exchange(self, request: bytes, timeout: float) -> int | None:
        """Send a real-time request and return the one status byte, or None if none came."""


class NetworkLink(EscposStatusLink):
    """Raw TCP to port 9100 (or another), one connection kept open and reopened on failure."""

    def __init__(self, host: str, port: int, timeout: float = STATUS_TIMEOUT) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._sock: socket.socket | None = None

    def _connect(self, timeout: float) -> socket.socket:
        if self._sock is None:
            self._sock = socket.create_connection((self.host, self.port), timeout=timeout)
        return self._sock

    def write(self, data: bytes) -> None:
        for attempt in (1, 2):  # a kept connection may have died since: reconnect once
            try:
                sock = self._connect(self.timeout)
                sock.settimeout(self.timeout + len(data) / 10_000)
                sock.sendall(data)
                return
            except OSError as error:
                self.close()
                if attempt == 2:
                    raise PrinterOffline(
                        f"net:{self.host}:{self.port}: cannot send ({error}); check the cable "
                        "and the printer's IP address"
                    ) from error

    def exchange(self, request: bytes, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while True:
            kept = self._sock is not None  # the printer may have closed it while the hall was quiet
            try:
                sock = self._connect(timeout)
                sock.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    while sock.recv(256):  # drop stale replies
                        pass
                sock.settimeout(timeout)
                sock.sendall(request)
                reply = sock.recv(1)
            except OSError:
                reply = b""
            if reply:
                return reply[0]
            self.close()
            timeout = deadline - time.monotonic()
            if not kept or timeout <= 0:  # a new connection that says nothing: offline
                return None

    def close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
            self._sock = None


class SerialLink(EscposStatusLink):
    """A serial port or any pyserial URL (``loop://``, ``socket://``, ``rfc2217://``)."""

    def __init__(self, url: str, baudrate: int) -> None:
        self.url, self.baudrate = url, baudrate
        self._port: Any = None

    def _open(self) -> Any:
        if self._port is None:
            try:
                self._port = serial.serial_for_url(
                    self.url, baudrate=self.baudrate, timeout=STATUS_TIMEOUT, write_timeout=5
                )
            except (serial.SerialException, OSError, ValueError) as error:
                if getattr(error, "errno", None) == errno.ENOENT:
                    raise PrinterOffline(
                        f"serial:{self.url}: there is no such port; check the cable and the name "
                        "(`kezek hardware ports` lists the ports)"
                    ) from error
                raise PrinterOffline(
                    f"serial:{self.url}: cannot open ({error}); check the port name and cable"
                ) from error
        return self._port

    def status(self, timeout: float) -> PrinterStatus:
        self._open()  # a port that cannot be opened says why, not "no answer"
        return super().status(timeout)

    def write(self, data: bytes) -> None:
        port = self._open()
        try:
            port.write_timeout = 2 + len(data) * 10 / self.baudrate  # 10 bits a byte on the wire
            port.write(data)
            port.flush()
        except LINE_ERRORS as error:  # the next job opens the port again: a replugged cable
            self.close()
            raise PrinterOffline(f"serial:{self.url}: write failed ({error})") from error

    def exchange(self, request: bytes, timeout: float) -> int | None:
        try:
            port = self._open()
            port.reset_input_buffer()
            port.timeout = timeout
            port.write(request)
            reply: bytes = port.read(1)
        except PrinterOffline:
            return None
        except LINE_ERRORS:
            self.close()
            return None
        return reply[0] if reply else None

    def close(self) -> None:
        if self._port is not None:
            with contextlib.suppress(*LINE_ERRORS):
                self._port.close()
            self._port = None


def _run_cups(
    who: str, args: list[str], data: bytes | None, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    """Run a cups-client program; PrinterDriverMissing if it is not installed."""
    program = shutil.which(args[0])
    if program is None:
        raise PrinterDriverMissing(f"{who}: `{args[0]}` is not installed; install cups-client")
    try:
        return subprocess.run(  # noqa: S603 - fixed program, arguments are not a shell line
            [program, *args[1:]], input=data, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise PrinterOffline(
            f"{who}: {args[0]} did not answer in {timeout:g} s; is CUPS running (`lpstat -r`)?"
        ) from error


def _said(done: subprocess.CompletedProcess[bytes], program: str) -> str:
    """The first line a failed program wrote to stderr."""
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    return lines[0] if lines else f"{program} failed"


def cups_queues(timeout: float = 5.0) -> list[str]:
    """The CUPS queues, as `lpstat -e` lists them; PrinterError says why they cannot be listed."""
    done = _run_cups("CUPS", ["lpstat", "-e"], None, timeout)
    if done.returncode != 0:
        raise PrinterOffline(f"CUPS: {_said(done, 'lpstat')}")
    return done.stdout.decode(errors="replace").split()


class CupsLink(PrinterLink):
    """A CUPS queue fed raw bytes with ``lp``; status from ``lpstat`` (no paper sensor)."""

    def __init__(self, queue: str) -> None:
        self.queue = queue

    def write(self, data: bytes) -> None:
        done = _run_cups(f"cups:{self.queue}", ["lp", "-d", self.queue, "-o", "raw"], data, 10)
        if done.returncode != 0:
            raise PrinterOffline(f"cups:{self.queue}: {_said(done, 'lp')}")

    def status(self, timeout: float) -> PrinterStatus:
        deadline = time.monotonic() + timeout
        done = _run_cups(f"cups:{self.queue}", ["lpstat", "-p", self.queue], None, timeout)
        if done.returncode == 0:
            out = done.stdout.decode(errors="replace")
            return PrinterStatus.OFFLINE if "disabled" in out else PrinterStatus.ONLINE
        said = _said(done, "lpstat")
        queues = cups_queues(max(deadline - time.monotonic(), 0.5))
        if self.queue in queues:
            raise PrinterOffline(f"cups:{self.queue}: {said}")
        if not queues:
            raise PrinterOffline(
                f"cups:{self.queue}: there is no such CUPS queue and CUPS lists none ({said}); "
                "add the queue, or start CUPS"
            )
        listed = ", ".join(f"cups:{queue}" for queue in queues)
        raise PrinterOffline(f"cups:{self.queue}: there is no such CUPS queue; use one of {listed}")


class UsbLink(EscposStatusLink):
    """A USB printer through python-escpos (needs pyusb)."""

    def __init__(self, vendor_id: int, product_id: int) -> None:
        self.vendor_id, self.product_id = vendor_id, product_id
        self._printer: Any = None

    def _open(self) -> Any:
        if self._printer is None:
            if importlib.util.find_spec("usb") is None:
                raise PrinterDriverMissing(
                    "USB printers need pyusb: pip install 'python-escpos[usb]'"
                )
            from usb.core import NoBackendError  # type: ignore[import-untyped]

            try:
                self._printer = Usb(
                    self.vendor_id, self.product_id, timeout=int(STATUS_TIMEOUT * 1000)
                )
                self._printer.open()
            except NoBackendError as error:
                self._printer = None
                raise PrinterDriverMissing(
                    f"usb:{self.vendor_id:04x}:{self.product_id:04x}: libusb is not installed; "
                    "install libusb-1.0-0"
                ) from error
            except Exception as error:  # escpos raises its own USB errors
                self._printer = None
                raise PrinterOffline(
                    f"usb:{self.vendor_id:04x}:{self.product_id:04x}: {error}"
                ) from error
        return self._printer

    def status(self, timeout: float) -> PrinterStatus:
        self._open()  # a printer that cannot be opened says why, not "no answer"
        return super().status(timeout)

    def write(self, data: bytes) -> None:
        printer = self._open()
        try:
            printer._raw(data)
        except Exception as error:
            self.close()
            raise PrinterOffline(
                f"usb:{self.vendor_id:04x}:{self.product_id:04x}: {error}"
            ) from error

    def exchange(self, request: bytes, timeout: float) -> int | None:
        try:
            printer = self._open()
            printer._raw(request)
            reply = bytes(printer._read())
        except Exception:
            self.close()
            return None
        return reply[0] if reply else None

    def close(self) -> None:
        if self._printer is not None:
            with contextlib.suppress(Exception):
                self._printer.close()
            self._printer = None
