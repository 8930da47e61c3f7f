"""The one way to name a ticket printer: ``usb:``, ``serial:``, ``net:``, ``cups:`` or ``sim:``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hardware.errors import PrinterConfigError

DEFAULT_NET_PORT = 9100
DEFAULT_BAUD = 9600
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)
UNUSUAL_BAUD = "is unusual: use 9600, 19200, 38400, 57600 or 115200"

SYNTAX = (
    "usb:VID:PID (hex, e.g. usb:04b8:0e15), serial:/dev/ttyUSB0[@baud] or serial:URL "
    "(pyserial, e.g. serial:socket://127.0.0.1:9101), net:HOST[:PORT] (default 9100), "
    "cups:QUEUE (a raw queue), sim:DIR (simulator)"
)


@dataclass(frozen=True)
class UsbName:
    """A USB printer by vendor and product id."""

    vendor_id: int
    product_id: int


@dataclass(frozen=True)
class SerialName:
    """A serial printer: a device path or any pyserial URL, at a baud rate."""

    url: str
    baudrate: int = DEFAULT_BAUD


@dataclass(frozen=True)
class NetName:
    """A network printer speaking raw ESC/POS on a TCP port (JetDirect, 9100)."""

    host: str
    port: int = DEFAULT_NET_PORT


@dataclass(frozen=True)
class CupsName:
    """A CUPS queue that takes raw bytes (``lp -d QUEUE -o raw``)."""

    queue: str


@dataclass(frozen=True)
class SimName:
    """The simulator, writing tickets into a folder."""

    directory: Path


PrinterName = UsbName | SerialName | NetName | CupsName | SimName

# What each kind needs after its colon, for a name that stops there ("sim:").
_NEEDS = {
    "usb": "a vendor and product id: usb:VID:PID (hex, e.g. usb:04b8:0e15)",
    "serial": "a port: serial:/dev/ttyUSB0[@baud] or serial:URL",
    "net": "a host: net:HOST[:PORT]",
    "cups": "a queue: cups:QUEUE (`lpstat -e` lists them)",
    "sim": "a folder: sim:DIR",
}

_HEX4 = re.compile(r"^(?:0x)?[0-9a-fA-F]{1,4}$")
_HOST = re.compile(r"^[A-Za-z0-9._-]+$")


def parse_printer_name(name: str) -> PrinterName:
    """Parse a printer name; PrinterConfigError says in one line what to fix."""
    kind, sep, rest = name.strip().partition(":")
    if not sep or not kind:
        raise PrinterConfigError(f"printer name {name!r} has no kind: use {SYNTAX}")
    kind = kind.lower()
    if not rest and kind in _NEEDS:
        raise PrinterConfigError(f"{kind}: needs {_NEEDS[kind]}")
    if kind == "usb":
        return _usb(name, rest)
    if kind == "serial":
        return _serial(name, rest)
    if kind == "net":
        return _net(name, rest)
    if kind == "cups":
        if not re.fullmatch(r"[A-Za-z0-9_.@-]+", rest):
            raise PrinterConfigError(
                f"CUPS queue {rest!r} is not a queue name: use cups:QUEUE as `lpstat -e` lists it"
            )
        return CupsName(rest)
    if kind == "sim":
        return SimName(Path(rest).expanduser())
    raise PrinterConfigError(f"unknown printer kind {kind!r} in {name!r}: use {SYNTAX}")


def _usb(name: str, rest: str) -> UsbName:
    parts = rest.split(":")
    if len(parts) != 2 or not all(_HEX4.match(part) for part in parts):
        raise PrinterConfigError(
            f"{name!r} is not usb:VID:PID: give vendor and product id in hex, e.g. usb:04b8:0e15 "
            "(`kezek hardware ports` lists them)"
        )
    return UsbName(int(parts[0], 16), int(parts[1], 16))


def _serial(name: str, rest: str) -> SerialName:
    url, baud = rest, DEFAULT_BAUD
    head, at, tail = rest.rpartition("@")
    if at and tail.isdigit():
        url, baud = head, int(tail)
    elif at and "://" not in rest:
        raise PrinterConfigError(
            f"baud rate {tail!r} in {name!r} is not a number: use e.g. serial:/dev/ttyUSB0@9600"
        )
    if not url:
        raise PrinterConfigError(f"{name!r} names no port: use e.g. serial:/dev/ttyUSB0@9600")
    if baud not in BAUD_RATES:
        raise PrinterConfigError(f"baud rate {baud} in {name!r} {UNUSUAL_BAUD}")
    return SerialName(url, baud)


def _net(name: str, rest: str) -> NetName:
    host, port_text = rest, ""
    if rest.startswith("["):  # [IPv6]:port
        end = rest.find("]")
        if end < 0:
            raise PrinterConfigError(f"{name!r} has no closing ]: use net:[::1]:9100")
        host, port_text = rest[1:end], rest[end + 1 :].removeprefix(":")
    elif rest.count(":") == 1:
        host, port_text = rest.split(":")
    elif ":" in rest:
        raise PrinterConfigError(f"put an IPv6 address in brackets: net:[{rest}]:9100")
    if not host or not (_HOST.match(host) or ":" in host):
        raise PrinterConfigError(f"{name!r} has no valid host: use net:HOST[:PORT]")
    port = DEFAULT_NET_PORT
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise PrinterConfigError(f"port {port_text!r} in {name!r} is not 1-65535")
        port = int(port_text)
    return NetName(host, port)
