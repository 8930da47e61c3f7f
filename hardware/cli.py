"""`kezek hardware …`: list ports, print a test ticket, watch presses, run a simulated device."""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
import termios
import threading
import time
import tty
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import NoReturn, TextIO

import serial
from serial.tools import list_ports

from hardware.devices import ADDRESSES, kezek_line, modbus_display, qsystem
from hardware.devices.events import Action, DeviceEvent, Grade
from hardware.devices.simulators import (
    ButtonSimulator,
    DisplaySimulator,
    KeypadSimulator,
    PtyPort,
    readable,
)
from hardware.devices.transport import DeviceProtocol, SerialTransport
from hardware.errors import DeviceError, HardwareError, PrinterError
from hardware.printer import open_printer
from hardware.printer_links import cups_queues
from hardware.printer_names import BAUD_RATES, SYNTAX, UNUSUAL_BAUD
from hardware.ticket_layout import TicketSlip

BUTTON_KEYS = {
    "c": Action.CALL_NEXT,
    "r": Action.RECALL,
    "s": Action.START,
    "f": Action.FINISH,
    "n": Action.NO_SHOW,
    "t": Action.TRANSFER,
}
KEYPAD_KEYS = {"1": Grade.EXCELLENT, "2": Grade.GOOD, "3": Grade.SATISFACTORY}
PROTOCOLS: dict[str, Callable[[], DeviceProtocol]] = {
    "kezek": kezek_line.KezekLineProtocol,
    "qsystem": qsystem.QSystemProtocol,
    "modbus": modbus_display.ModbusDisplayProtocol,
}

TEST_TEXT = {
    "kk": ("Kezek сынақ талоны", "Жеке куәлік", "Нөміріңізді экраннан күтіңіз"),
    "ru": ("Тестовый талон Kezek", "Удостоверение личности", "Ожидайте вызова на экране"),
    "en": ("Kezek test ticket", "Identity card", "Wait for your number on the screen"),
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad input in one line (hallserver.cli_parser.Parser's twin:
    hardware imports nothing else of the project)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> tuple[_Parser, dict[str, _Parser]]:
    """The `kezek hardware` parser and its commands' parsers by name."""
    parser = _Parser(prog="kezek hardware", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("ports", help="list serial ports, USB printers and CUPS queues")
    test = commands.add_parser(
        "print-test", help="print a test ticket (three languages, QR)", epilog=f"PRINTER: {SYNTAX}"
    )
    test.add_argument("printer", metavar="PRINTER")
    test.add_argument("--lang", choices=["kk", "ru", "en"], default="kk")
    test.add_argument("--profile", help="python-escpos profile, e.g. TM-T20II, RP326, POS-5890")
    test.add_argument("--paper", type=int, choices=[80, 58], default=80, help="paper width, mm")
    listen = commands.add_parser("listen", help="show button and keypad presses live")
    listen.add_argument("url", metavar="URL", help="serial port or pyserial URL")
    listen.add_argument("--protocol", choices=sorted(PROTOCOLS), default="kezek")
    listen.add_argument("--baud", type=int, default=9600)
    listen.add_argument(
        "--seconds",
        type=float,
        default=0,
        help="stop after this long, in seconds (0: until Ctrl+C)",
    )
    simulate = commands.add_parser("simulate", help="run a simulated device on a new pty")
    simulate.add_argument("device", choices=["button", "keypad", "display"])
    simulate.add_argument("--protocol", choices=sorted(PROTOCOLS), default="kezek")
    simulate.add_argument("--address", type=int, default=1)
    simulate.add_argument("--link", type=Path, help="also publish the pty at this path")
    return parser, commands.choices


INTERRUPTED = 130  # the exit code of a command ended by Ctrl+C (128 + SIGINT)


def main(argv: list[str]) -> int:
    """Run one `kezek hardware` command; 0 on success, 1 on a device error, 2 on bad input."""
    parser, commands = _parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # the command's own help lists what it takes
            command = commands[args.command]
            after_command = argv[argv.index(args.command) + 1 :]
            (command if all(arg in after_command for arg in unknown) else parser).error(
                f"unrecognized arguments: {' '.join(unknown)}"
            )
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        if args.command == "ports":
            return _ports(sys.stdout)
        if args.command == "print-test":
            return _print_test(args.printer, args.lang, args.profile, args.paper)
        if args.command == "listen":
            return _listen(args.url, args.protocol, args.baud, args.seconds)
        return _simulate(args.device, args.protocol, args.address, args.link)
    except HardwareError as error:
        print(f"error: {error.detail}", file=sys.stderr)
        return 2 if error.code.endswith("_invalid") else 1
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # as `kezek hall` and the shell say it: ended by Ctrl+C
        return INTERRUPTED


def _ports(out: TextIO) -> int:
    ports = sorted(list_ports.comports(), key=lambda port: port.device)
    print("Serial ports:", file=out)
    for port in ports:
        print(f"  serial:{port.device}  {port.description}", file=out)
    if not ports:
        print("  (none)", file=out)
    printers = list(usb_printers())
    print("USB printers:", file=out)
    for vendor, product, name in printers:
        print(f"  usb:{vendor}:{product}  {name}", file=out)
    if not printers:
        print("  (none)", file=out)
    print("CUPS queues:", file=out)
    try:
        queues = cups_queues()
    except PrinterError as error:  # e.g. no cups-client: say so, rather than leave CUPS out
        print(f"  ({error.detail})", file=out)
        return 0
    for queue in queues:
        print(f"  cups:{queue}", file=out)
    if not queues:
        print("  (none)", file=out)
    return 0


def usb_printers(root: Path = Path("/sys/bus/usb/devices")) -> Iterator[tuple[str, str, str]]:
    """USB devices with a printer-class (07) interface, from sysfs: (vid, pid, name)."""
    if not root.is_dir():
        return
    for device in sorted(root.iterdir()):
        vendor = device / "idVendor"
        if not vendor.exists():
            continue
        interfaces = device.glob(f"{device.name}:*/bInterfaceClass")
        if not any(path.read_text().strip() == "07" for path in interfaces):
            continue
        name = " ".join(
            (device / part).read_text().strip()
            for part in ("manufacturer", "product")
            if (device / part).exists()
        )
        product = (device / "idProduct").read_text().strip()
        yield vendor.read_text().strip(), product, name


def sample_slip(language: str) -> TicketSlip:
    """A test ticket in ``language`` that also shows the other two languages."""
    title, service, next_step = TEST_TEXT[language]
    others = [lang for lang in ("kk", "ru", "en") if lang != language]
    return TicketSlip(
        hall_name=title,
        service_name=service,
        service_name_second=TEST_TEXT[others[0]][1],
        number="T001",
        people_ahead=3,
        wait_minutes=12,
        issued_at=datetime.now().replace(second=0, microsecond=0),
        status_url="https://kezek.example/t/T001",
        next_step=next_step,
        language=language,  # type: ignore[arg-type]
        footer_lines=tuple(TEST_TEXT[lang][0] for lang in others),
    )


def _print_test(name: str, language: str, profile: str | None, paper: int) -> int:
    with open_printer(name, profile=profile, paper_mm=paper) as printer:
        result = printer.print_ticket(sample_slip(language))
    print(
        f"printed on {name}: {result.bytes_sent} bytes, code page {result.code_page}, "
        f"{result.raster_lines} raster line(s), printer {result.status.value}"
    )
    return 0


def _listen(url: str, protocol: str, baud: int, seconds: float) -> int:
    def show(event: DeviceEvent) -> None:
        print(f"{time.strftime('%H:%M:%S')}  {_describe(event)}", flush=True)

    opened, ending = threading.Event(), threading.Event()

    def connection(up: bool) -> None:
        if up:
            opened.set()
        if not ending.is_set():  # the port closed because listening ended: no retry follows
            print(f"{url}: {'connected' if up else 'disconnected, retrying'}", flush=True)

    if not url.strip():  # not "'' is a folder": the empty name is this folder's
        raise ValueError(
            "listen needs a serial port, e.g. /dev/ttyUSB0, or a pyserial URL, e.g. "
            "socket://HOST:PORT (`kezek hardware ports` lists the ports)"
        )
    if not (math.isfinite(seconds) and seconds >= 0):  # -1 or nan had ended at once with 0
        raise ValueError(
            f"--seconds {seconds:g}: give how long to listen, in seconds, or 0 (until Ctrl+C)"
        )
    if baud not in BAUD_RATES:  # the check print-test makes of serial:PORT@BAUD
        raise ValueError(f"--baud {baud} {UNUSUAL_BAUD}")
    try:  # what no retry can mend (an unknown scheme, a bad speed) is said at once
        serial.serial_for_url(url, baudrate=baud, do_not_open=True)
    except (ValueError, serial.SerialException) as error:
        raise ValueError(f"{url}: {error}") from None
    if Path(url).is_dir():
        raise ValueError(f"{url} is a folder, not a serial port")
    transport = SerialTransport(
        url, PROTOCOLS[protocol](), show, baudrate=baud, on_connection=connection
    ).start()
    print(f"listening on {url} ({protocol}); Ctrl+C stops", flush=True)
    if not transport.wait_connected(min(1.0, seconds or 1.0)):  # it keeps trying: hot-plug
        reason = f" ({transport.last_error})" if transport.last_error else ""
        print(f"{url}: not connected yet{reason}; retrying until it is", flush=True)
    try:
        deadline = time.monotonic() + seconds if seconds else None
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        ending.set()
        transport.stop()
    if not opened.is_set():
        reason = f" ({transport.last_error})" if transport.last_error else ""
        raise DeviceError(f"could not open {url} in {seconds:g} s{reason}")
    return 0


def _describe(event: DeviceEvent) -> str:
    fields = ", ".join(
        f"{key}={value.value if hasattr(value, 'value') else value}"
        for key, value in vars(event).items()
        if value is not None
    )
    return f"{type(event).__name__}({fields})"


def _simulate(device: str, protocol: str, address: int, link: Path | None) -> int:
    if device in ("button", "keypad") and protocol == "modbus":
        raise ValueError("buttons and keypads speak kezek or qsystem, not modbus")
    if device == "keypad" and protocol != "kezek":
        raise ValueError("rating keypads speak the kezek protocol")
    if device == "display" and protocol == "qsystem":
        raise ValueError("displays speak kezek or modbus")
    addresses = ADDRESSES[protocol]
    if address not in addresses:
        raise ValueError(f"a {protocol} device's --address is 1 to {addresses[-1]}")
    if link is not None and link == Path():  # "" and "." alike: this folder's own name
        raise ValueError(f"--link needs a new path for the pty, e.g. /tmp/kezek-{device}")
    if link is not None and link.exists() and not link.is_symlink():
        # only a link (an earlier run's) is replaced: a file or folder there is someone's
        raise ValueError(f"--link {link} is a file or folder already: choose a new path")
    if link is not None and not link.parent.is_dir():
        raise ValueError(f"--link {link}: there is no folder {link.parent}")
    with PtyPort(link) as port:
        print(port.path, flush=True)
        if device == "display":
            display = DisplaySimulator(
                port,
                set(range(1, 248)),
                protocol,
                on_show=lambda unit, text: print(f"display {unit}: {text}", flush=True),
            ).start()
            print("showing what arrives; q or Ctrl+D stops", flush=True)
            try:
                for key in _keys(sys.stdin):
                    if key == "q":
                        break
            finally:
                display.stop()
            return 0
        keys = BUTTON_KEYS if device == "button" else KEYPAD_KEYS
        help_text = ", ".join(f"{key}={value.value}" for key, value in keys.items())
        print(f"{device} {address} ({protocol}): {help_text}; q stops", flush=True)
        button = keypad = None
        if device == "button":  # it shows what the host asks of its lamp and buzzer
            button = ButtonSimulator(
                port, address, protocol, on_signal=lambda text: print(text, flush=True)
            ).start()
        else:
            keypad = KeypadSimulator(port, address)
        try:
            for key in _keys(sys.stdin):
                if key == "q":
                    break
                if button is not None and key in BUTTON_KEYS:
                    sent = button.press(BUTTON_KEYS[key])
                elif keypad is not None and key in KEYPAD_KEYS:
                    sent = keypad.press(KEYPAD_KEYS[key])
                    port.read(0.05)  # drop the host's acknowledgement
                else:
                    continue
                print(f"sent {sent!r}", flush=True)
        finally:
            if button is not None:
                button.stop()
    return 0


def _keys(stream: TextIO) -> Iterator[str]:
    """Single keys from a terminal (no Enter needed), or characters from a pipe."""
    fd = stream.fileno()
    if not os.isatty(fd):
        while True:
            if not readable(fd, 0.1):
                continue
            chunk = os.read(fd, 64).decode(errors="ignore")
            if not chunk:
                return
            yield from chunk
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        while True:
            character = os.read(fd, 1).decode(errors="ignore")
            if character in ("", "\x04"):
                return
            yield character
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
