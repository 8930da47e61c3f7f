"""Simulated serial devices on a pty: buttons, rating keypads and displays, for tests and demos."""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self

from hardware.devices import kezek_line, modbus_display, qsystem
from hardware.devices.events import Action, Garbage, Grade


def readable(fd: int, timeout: float) -> bool:
    """Whether `fd` has bytes to read within `timeout` seconds. poll, not select: select
    refuses a descriptor numbered 1024 or more, which a busy process reaches."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(max(0, int(timeout * 1000))))


class PtyPort:
    """A pty whose other end a transport opens at ``path`` (a stable symlink when ``link`` is set).

    ``unplug()`` closes it, as pulling the USB-RS485 adapter would; ``replug()`` makes a new one
    behind the same symlink.
    """

    def __init__(self, link: Path | None = None) -> None:
        self.link = link
        self._master = -1
        self._slave = -1
        self.device = ""
        self.plug()

    @property
    def path(self) -> str:
        """What a transport opens."""
        return str(self.link) if self.link is not None else self.device

    @property
    def plugged(self) -> bool:
        """Whether the pty is open."""
        return self._master >= 0

    def plug(self) -> None:
        """Open a new pty (and point the symlink at it)."""
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR/LF changes
        self.device = os.ttyname(self._slave)
        if self.link is not None:
            tmp = self.link.with_name(self.link.name + ".new")
            try:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
                tmp.symlink_to(self.device)
                tmp.replace(self.link)
            except OSError as exc:  # named by the link asked for, not by the pty it points at
                with contextlib.suppress(OSError):
                    tmp.unlink()  # made before the rename failed: not left behind
                os.close(self._master)
                os.close(self._slave)
                self._master = self._slave = -1
                raise OSError(exc.errno, exc.strerror, str(self.link)) from exc

    def unplug(self) -> None:
        """Close the pty: the transport reading it sees an error, and the symlink goes."""
        if self.link is not None:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def replug(self) -> None:
        """Unplug, then plug a new pty in behind the same symlink."""
        if self.plugged:
            self.unplug()
        self.plug()

    def write(self, data: bytes) -> None:
        """Send bytes as the device."""
        os.write(self._master, data)

    def read(self, timeout: float) -> bytes:
        """Bytes the host sent, waiting up to ``timeout`` seconds; b"" if none."""
        if not self.plugged:
            return b""
        if not readable(self._master, timeout):
            return b""
        try:
            return os.read(self._master, 4096)
        except OSError:
            return b""

    def close(self) -> None:
        """Unplug for good."""
        if self.plugged:
            self.unplug()

    def __enter__(self) -> PtyPort:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _Listener:
    """A simulated device's ear: a thread feeding what the host sends to `feed`."""

    port: PtyPort
    _thread: threading.Thread | None = None
    _stop: threading.Event

    def feed(self, data: bytes) -> None:
        raise NotImplementedError

    def start(self) -> Self:
        """Listen in a thread."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._thread is not None:
            self._stop.set()
            self._thread.join(timeout=2)

    def _run(self) -> None:
        while not self._stop.is_set():
            data = self.port.read(0.05)
            if data:
                self.feed(data)


class ButtonSimulator(_Listener):
    """An operator's call button at ``address`` speaking ``protocol`` (kezek or qsystem).

    Listening (``start()``), it keeps what the host asks of it: its lamp (``lamp``: ON, OFF or
    BLINK; None until the host says) and its buzzer (``beeps``: each beep's milliseconds;
    QSystem's beep has none).
    ``on_signal`` hears each as text ("lamp BLINK", "beep 150 ms").
    """

    def __init__(
        self,
        port: PtyPort,
        address: int,
        protocol: str = "kezek",
        on_signal: Callable[[str], None] | None = None,
    ) -> None:
        if protocol not in ("kezek", "qsystem"):
            raise ValueError(f"button protocol {protocol!r} is not kezek or qsystem")
        self.port, self.address, self.protocol = port, address, protocol
        self.seq = 0
        self.lamp: str | None = None
        self.beeps: list[int | None] = []
        self._on_signal = on_signal
        self._buffer = b""

    def frame(self, action: Action) -> bytes:
        """The bytes the button sends for ``action`` (the sequence number advances)."""
        if self.protocol == "qsystem":
            return qsystem.press(self.address, action)
        self.seq = (self.seq + 1) % 100
        return kezek_line.key(self.address, action, self.seq)

    def press(self, action: Action) -> bytes:
        """Press a key; returns the bytes sent."""
        data = self.frame(action)
        self.port.write(data)
        return data

    def feed(self, data: bytes) -> None:
        """Handle bytes from the host: lamp and buzzer commands for this address."""
        self._buffer += data
        if self.protocol == "qsystem":
            commands, self._buffer = qsystem.host_frames(self._buffer)
            lamps = {code: state for state, code in qsystem.LAMP_CODES.items()}
            for address, command in commands:
                if address == self.address and command in lamps:
                    self._set_lamp(lamps[command])
                elif address == self.address and command == qsystem.BEEP:
                    self._beep(None)
            return
        frames, self._buffer = kezek_line.parse_frames(self._buffer)
        for frame in frames:
            if isinstance(frame, Garbage) or frame.address not in (self.address, 0):
                continue
            if frame.verb == "LED" and frame.args and frame.args[0] in ("ON", "OFF", "BLINK"):
                self._set_lamp(frame.args[0])
            elif frame.verb == "BEEP" and frame.args and frame.args[0].isdigit():
                self._beep(int(frame.args[0]))

    def _set_lamp(self, state: str) -> None:
        self.lamp = state
        if self._on_signal is not None:
            self._on_signal(f"lamp {state}")

    def _beep(self, milliseconds: int | None) -> None:
        self.beeps.append(milliseconds)
        if self._on_signal is not None:
            self._on_signal("beep" if milliseconds is None else f"beep {milliseconds} ms")


class KeypadSimulator:
    """A visitor's three-key rating keypad at ``address`` (Kezek line protocol)."""

    def __init__(self, port: PtyPort, address: int) -> None:
        self.port, self.address = port, address
        self.seq = 0

    def press(self, grade: Grade) -> bytes:
        """Press a rating key; returns the bytes sent."""
        self.seq = (self.seq + 1) % 100
        data = kezek_line.rate(self.address, grade, self.seq)
        self.port.write(data)
        return data


class DisplaySimulator(_Listener):
    """Number displays listening on a bus: show what the host sends and answer it.

    ``protocol`` is ``kezek`` (SHOW frames, answered with ACK) or ``modbus`` (function 16
    requests, answered with the normal Modbus reply). Only ``addresses`` answer, as on RS-485.
    """

    def __init__(
        self,
        port: PtyPort,
        addresses: set[int],
        protocol: str = "kezek",
        on_show: Callable[[int, str], None] | None = None,
    ) -> None:
        if protocol not in ("kezek", "modbus"):
            raise ValueError(f"display protocol {protocol!r} is not kezek or modbus")
        self.port, self.addresses, self.protocol = port, addresses, protocol
        self.shown: dict[int, str] = {}
        self.garbage: list[Garbage] = []
        self._on_show = on_show
        self._buffer = b""

    def feed(self, data: bytes) -> None:
        """Handle bytes from the host (what the thread does with what it reads)."""
        self._buffer += data
        if self.protocol == "modbus":
            requests, self._buffer = modbus_display.parse_requests(self._buffer)
            for request in requests:
                if isinstance(request, Garbage):
                    self.garbage.append(request)
                elif request.unit in self.addresses:
                    self._show(request.unit, request.text)
                    self.port.write(modbus_display.reply(request.unit))
            return
        frames, self._buffer = kezek_line.parse_frames(self._buffer)
        for frame in frames:
            if isinstance(frame, Garbage):
                self.garbage.append(frame)
            elif frame.verb == "SHOW" and frame.address in self.addresses and frame.args:
                self._show(frame.address, frame.args[0])
                self.port.write(kezek_line.encode(frame.address, "ACK", "SHOW"))

    def _show(self, address: int, text: str) -> None:
        self.shown[address] = text
        if self._on_show is not None:
            self._on_show(address, text)
