"""One serial transport for every device protocol: any pyserial URL, reconnecting by itself."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

import serial

from hardware.devices.events import Deduplicator, DeviceEvent, Garbage
from hardware.errors import DeviceDisconnected

log = logging.getLogger(__name__)

RETRY_INTERVAL = 0.5  # seconds between attempts to reopen a lost port: replug seen within 2 s
READ_TIMEOUT = 0.05


class DeviceProtocol(Protocol):
    """A protocol adapter: a pure parser plus the acknowledgement a device expects."""

    name: str

    def parse(self, buffer: bytes) -> tuple[list[DeviceEvent], bytes]:
        """Events in ``buffer`` and the incomplete tail."""
        ...

    def acknowledge(self, event: DeviceEvent) -> bytes | None:
        """Bytes to send back for ``event``, if the protocol wants any."""
        ...


class SerialTransport:
    """Reads one serial line (an RS-485 bus with many devices, or one device) in its own thread.

    Events go to ``on_event`` from that thread; garbage is logged and dropped; a retransmitted
    press is delivered once. If the port disappears, the transport reopens it every
    RETRY_INTERVAL seconds, so a device unplugged and plugged back works again within 2 s.
    """

    def __init__(
        self,
        url: str,
        protocol: DeviceProtocol,
        on_event: Callable[[DeviceEvent], None],
        *,
        baudrate: int = 9600,
        on_connection: Callable[[bool], None] | None = None,
        retry_interval: float = RETRY_INTERVAL,
    ) -> None:
        self.url = url
        self.protocol = protocol
        self.baudrate = baudrate
        self._on_event = on_event
        self._on_connection = on_connection
        self._retry = retry_interval
        self._port: Any = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._connected = threading.Event()
        self._thread: threading.Thread | None = None
        self._dedup = Deduplicator()
        self.garbage_count = 0
        self.last_error = ""

    @property
    def connected(self) -> bool:
        """Whether the port is open now."""
        return self._connected.is_set()

    def wait_connected(self, timeout: float) -> bool:
        """Wait until the port is open; False on timeout."""
        return self._connected.wait(timeout)

    def start(self) -> SerialTransport:
        """Start the reader thread (it opens the port)."""
        self._thread = threading.Thread(target=self._run, name=f"serial {self.url}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the thread and close the port."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._close()

    def send(self, data: bytes) -> None:
        """Write to the line; DeviceDisconnected while the port is not open."""
        with self._lock:
            port = self._port
            if port is None:
                raise DeviceDisconnected(f"{self.url} is not connected{self._why()}")
            try:
                port.write(data)
                port.flush()
            except (serial.SerialException, OSError) as error:
                raise DeviceDisconnected(f"{self.url}: write failed ({error})") from error

    def _why(self) -> str:
        return f" ({self.last_error})" if self.last_error else ""

    def _run(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            if self._port is None:
                if not self._open():
                    self._stop.wait(self._retry)
                    continue
                buffer = b""
            try:
                data: bytes = self._port.read(max(1, self._port.in_waiting))
            except (serial.SerialException, OSError, TypeError, AttributeError) as error:
                log.warning("%s: lost (%s); reconnecting", self.url, error)
                self.last_error = str(error)
                self._close()
                continue
            if data:
                buffer = self._handle(buffer + data)

    def _handle(self, buffer: bytes) -> bytes:
        events, rest = self.protocol.parse(buffer)
        for event in events:
            if isinstance(event, Garbage):
                self.garbage_count += 1
                log.warning("%s: skipped %r: %s", self.url, event.data[:40], event.reason)
                continue
            reply = self.protocol.acknowledge(event)
            if reply is not None:
                with contextlib.suppress(DeviceDisconnected):
                    self.send(reply)
            if not self._dedup.is_new(event):
                continue
            try:
                self._on_event(event)
            except Exception:
                log.exception("%s: the event handler failed on %s", self.url, event)
        return rest

    def _open(self) -> bool:
        try:
            port = serial.serial_for_url(self.url, baudrate=self.baudrate, timeout=READ_TIMEOUT)
        except (serial.SerialException, OSError, ValueError) as error:
            self.last_error = str(error)
            return False
        with self._lock:
            self._port = port
        self.last_error = ""
        self._connected.set()
        log.info("%s: connected", self.url)
        if self._on_connection is not None:
            self._on_connection(True)
        return True

    def _close(self) -> None:
        with self._lock:
            port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()
            if self._connected.is_set():
                self._connected.clear()
                if self._on_connection is not None:
                    self._on_connection(False)
