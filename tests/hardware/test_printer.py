"""Printer names, status decoding, typed errors, the simulator and links that never hang."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from hardware.errors import (
    CoverOpen,
    HardwareError,
    PaperOut,
    PrinterConfigError,
    PrinterDriverMissing,
    PrinterOffline,
)
from hardware.printer import AFTER_TICKET_TIMEOUT, PrinterStatus, open_printer
from hardware.printer_links import decode_status
from hardware.printer_names import (
    CupsName,
    NetName,
    SerialName,
    SimName,
    UsbName,
    parse_printer_name,
)
from hardware.printer_sim import SimulatedPrinter
from hardware.ticket_layout import TicketSlip


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("usb:04b8:0e15", UsbName(0x04B8, 0x0E15)),
        ("usb:0x0416:0x5011", UsbName(0x0416, 0x5011)),
        ("serial:/dev/ttyUSB0", SerialName("/dev/ttyUSB0", 9600)),
        ("serial:/dev/ttyUSB0@115200", SerialName("/dev/ttyUSB0", 115200)),
        ("serial:loop://", SerialName("loop://", 9600)),
        ("serial:socket://127.0.0.1:9101", SerialName("socket://127.0.0.1:9101", 9600)),
        ("serial:socket://127.0.0.1:9101@19200", SerialName("socket://127.0.0.1:9101", 19200)),
        ("net:192.168.1.50", NetName("192.168.1.50", 9100)),
        ("net:printer.local:9101", NetName("printer.local", 9101)),
        ("net:[::1]:9100", NetName("::1", 9100)),
        ("cups:TM-T20", CupsName("TM-T20")),
        ("sim:/tmp/tickets", SimName(Path("/tmp/tickets"))),
    ],
)
def test_printer_names_parse_to_their_parts(name: str, parsed: object) -> None:
    assert parse_printer_name(name) == parsed


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("TM-T20", "has no kind"),
        ("usb:04b8", "usb:VID:PID"),
        ("usb:zz:0e15", "usb:VID:PID"),
        ("serial:/dev/ttyUSB0@fast", "is not a number"),
        ("serial:/dev/ttyUSB0@1234", "is unusual"),
        ("net:host:99999", "is not 1-65535"),
        ("net:fe80::1", "brackets"),
        ("cups:my queue", "is not a queue name"),
        ("lpt:1", "unknown printer kind"),
        ("sim:", "sim: needs a folder: sim:DIR"),  # the kind is there, what follows is not
        ("net:", "net: needs a host: net:HOST[:PORT]"),
        ("serial:", "serial: needs a port: serial:/dev/ttyUSB0[@baud]"),
        ("usb:", "usb: needs a vendor and product id: usb:VID:PID"),
        ("cups:", "cups: needs a queue: cups:QUEUE"),
        (":x", "has no kind"),
    ],
)
def test_bad_printer_names_raise_one_line_saying_what_to_fix(name: str, hint: str) -> None:
    with pytest.raises(PrinterConfigError) as caught:
        parse_printer_name(name)
    assert hint in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.code == "printer_config_invalid"


def test_unknown_profile_and_paper_width_are_config_errors() -> None:
    with pytest.raises(PrinterConfigError, match="unknown printer profile"):
        open_printer("sim:/tmp/x", profile="NoSuchPrinter")
    with pytest.raises(PrinterConfigError, match="use 80 or 58"):
        open_printer("sim:/tmp/x", paper_mm=76)


@pytest.mark.parametrize(
    ("replies", "status"),
    [
        ((0x12, None, 0x12), PrinterStatus.ONLINE),
        ((0x12, None, 0x1E), PrinterStatus.PAPER_NEAR_END),
        ((0x12, None, 0x72), PrinterStatus.PAPER_OUT),
        ((0x1A, 0x32, 0x7E), PrinterStatus.PAPER_OUT),
        ((0x1A, 0x16, 0x12), PrinterStatus.COVER_OPEN),
        ((0x1A, 0x12, 0x12), PrinterStatus.OFFLINE),
        ((None, None, None), PrinterStatus.OFFLINE),
        ((0x10, None, None), PrinterStatus.OFFLINE),  # an echo, not a status byte
        ((0x12, None, None), PrinterStatus.ONLINE),  # no paper sensor answer
    ],
)
def test_dle_eot_replies_decode_to_a_status(
    replies: tuple[int | None, int | None, int | None], status: PrinterStatus
) -> None:
    assert decode_status(*replies) is status


@pytest.mark.parametrize(
    ("state", "error", "code"),
    [
        (PrinterStatus.PAPER_OUT, PaperOut, "paper_out"),
        (PrinterStatus.COVER_OPEN, CoverOpen, "cover_open"),
        (PrinterStatus.OFFLINE, PrinterOffline, "printer_offline"),
    ],
)
def test_simulator_states_reach_the_typed_errors(
    tmp_path: Path,
    slips: dict[str, TicketSlip],
    state: PrinterStatus,
    error: type[HardwareError],
    code: str,
) -> None:
    printer = open_printer(f"sim:{tmp_path}")
    (tmp_path / "state").write_text(state.value)
    assert printer.status() is state
    with pytest.raises(error) as caught:
        printer.print_ticket(slips["kk"])
    assert caught.value.code == code
    assert caught.value.user_message.startswith("The ticket printer")
    assert not list(tmp_path.glob("*.bin"))


def test_simulator_writes_bytes_png_and_text_per_ticket(
    tmp_path: Path, slips: dict[str, TicketSlip]
) -> None:
    printer = open_printer(f"sim:{tmp_path}", profile="TM-T20II")
    for language in ("kk", "ru", "en"):
        result = printer.print_ticket(slips[language])
        assert result.status is PrinterStatus.ONLINE
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [f"ticket-000{n}.{ext}" for n in (1, 2, 3) for ext in ("bin", "png", "txt")]
    text = (tmp_path / "ticket-0001.txt").read_text(encoding="utf-8")
    assert "Жеке куәлік" in text
    assert "[qr http://192.168.1.10:8080/t/3f2a9c1b]" in text
    with Image.open(tmp_path / "ticket-0001.png") as png:
        assert png.width == 576 + 32
        assert png.height > 600


def test_simulator_near_end_still_prints_and_says_so(
    tmp_path: Path, slips: dict[str, TicketSlip]
) -> None:
    printer = open_printer(f"sim:{tmp_path}")
    assert isinstance(printer.link, SimulatedPrinter)
    printer.link.set_state(PrinterStatus.PAPER_NEAR_END)
    assert printer.print_ticket(slips["en"]).status is PrinterStatus.PAPER_NEAR_END
    assert len(list(tmp_path.glob("*.bin"))) == 1


def test_simulator_state_file_with_nonsense_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "state").write_text("jammed")
    printer = open_printer(f"sim:{tmp_path}")
    assert isinstance(printer.link, SimulatedPrinter)
    with pytest.raises(PrinterConfigError, match="write one of online"):
        _ = printer.link.state


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server that accepts and reads but never answers, like a hung printer."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)
            except TimeoutError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_printer_that_never_answers_is_offline_within_about_two_seconds(
    silent_server: int, slips: dict[str, TicketSlip]
) -> None:
    printer = open_printer(f"net:127.0.0.1:{silent_server}")
    started = time.monotonic()
    with pytest.raises(PrinterOffline):
        printer.print_ticket(slips["ru"])
    assert time.monotonic() - started < 2.5
    printer.close()


def test_refused_connection_is_offline_at_once() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    printer = open_printer(f"net:127.0.0.1:{port}", timeout=1.0)
    started = time.monotonic()
    assert printer.status() is PrinterStatus.OFFLINE
    assert time.monotonic() - started < 1.0


def test_serial_port_that_does_not_exist_is_offline_not_a_crash(
    tmp_path: Path, slips: dict[str, TicketSlip]
) -> None:
    missing = tmp_path / "ttyNONE"
    printer = open_printer(f"serial:{missing}@9600")
    assert printer.status() is PrinterStatus.OFFLINE
    with pytest.raises(PrinterOffline) as caught:
        printer.print_ticket(slips["en"])
    assert str(caught.value) == (  # what is wrong, not "check power and cable"
        f"serial:{missing}: there is no such port; check the cable and the name "
        "(`kezek hardware ports` lists the ports)"
    )


@pytest.mark.usefixtures("no_cups_client")
def test_cups_printer_without_cups_client_says_to_install_it(
    slips: dict[str, TicketSlip],
) -> None:
    printer = open_printer("cups:TM-T20")
    assert printer.status() is PrinterStatus.OFFLINE
    with pytest.raises(PrinterDriverMissing) as caught:
        printer.print_ticket(slips["kk"])
    assert str(caught.value) == "cups:TM-T20: `lpstat` is not installed; install cups-client"
    assert caught.value.code == "printer_driver_missing"


@pytest.mark.usefixtures("fake_cups")
def test_unknown_cups_queue_is_named_with_the_queues_there_are(
    slips: dict[str, TicketSlip],
) -> None:
    assert open_printer("cups:kitchen").status() is PrinterStatus.ONLINE
    printer = open_printer("cups:nosuchqueue")
    assert printer.status() is PrinterStatus.OFFLINE
    with pytest.raises(PrinterOffline) as caught:
        printer.print_ticket(slips["ru"])
    assert str(caught.value) == (
        "cups:nosuchqueue: there is no such CUPS queue; use one of cups:TM-T20, cups:kitchen"
    )


def test_simulator_folder_is_made_when_the_printer_is_opened(tmp_path: Path) -> None:
    folder = tmp_path / "hall" / "tickets"
    printer = open_printer(f"sim:{folder}")
    assert folder.is_dir()  # so `echo paper_out > DIR/state` works before the first ticket
    (folder / "state").write_text("paper_out\n")
    assert printer.status() is PrinterStatus.PAPER_OUT


def test_simulator_folder_that_cannot_be_made_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(PrinterConfigError) as caught:
        open_printer(f"sim:{tmp_path / 'a-file' / 'tickets'}")
    assert str(caught.value) == (
        f"sim:{tmp_path / 'a-file' / 'tickets'}: cannot make the simulator's folder there "
        "(Not a directory); choose a folder you can write to"
    )


def answer_like_a_printer(
    read: Callable[[], bytes],
    write: Callable[[bytes], object],
    jobs: bytearray,
    answer: Callable[[int, bytearray], int] = lambda n, jobs: 0x12,
) -> None:
    """Answer every DLE EOT n with `answer(n, jobs)` ("online", 0x12, unless given) until the line
    ends; the rest goes to `jobs`."""
    pending = b""
    while True:
        try:
            chunk = read()
        except OSError:
            return
        if not chunk:
            return
        pending += chunk
        while (at := pending.find(b"\x10\x04")) >= 0 and len(pending) >= at + 3:
            jobs += pending[:at]
            write(bytes([answer(pending[at + 2], jobs)]))
            pending = pending[at + 3 :]
        if b"\x10" not in pending[-2:]:
            jobs += pending
            pending = b""


def printer_answering(
    read: Callable[[], bytes],
    write: Callable[[bytes], object],
    close: Callable[[], object],
    jobs: bytearray,
    answer: Callable[[int, bytearray], int] = lambda n, jobs: 0x12,
) -> threading.Thread:
    """A thread answering like a printer (`answer_like_a_printer`) until the line ends, that
    closes its end of the line then (join it to know it has)."""

    def run() -> None:
        try:
            answer_like_a_printer(read, write, jobs, answer)
        finally:
            close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def cuts_reach(jobs: bytearray, count: int) -> bool:
    """Whether the printer has read `count` whole tickets (each ends in a cut), within 5 s."""
    deadline = time.monotonic() + 5
    while jobs.count(b"\x1dV") < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return jobs.count(b"\x1dV") == count


def test_a_network_printer_that_closed_a_quiet_connection_prints_the_next_ticket(
    slips: dict[str, TicketSlip],
) -> None:
    """Printers close a raw 9100 connection left idle; the next ticket's status question met the
    closed one and the visitor's ticket failed as "offline" (the one after it printed)."""
    server = socket.create_server(("127.0.0.1", 0))
    connections: list[socket.socket] = []
    jobs = bytearray()

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = server.accept()
                connections.append(conn)
                threading.Thread(
                    target=answer_like_a_printer,
                    args=(lambda c=conn: c.recv(4096), conn.sendall, jobs),
                    daemon=True,
                ).start()

    threading.Thread(target=serve, daemon=True).start()
    printer = open_printer(f"net:127.0.0.1:{server.getsockname()[1]}", timeout=1.0)
    try:
        for printed in (1, 2, 3):
            assert printer.print_ticket(slips["kk"]).status is PrinterStatus.ONLINE
            assert cuts_reach(jobs, printed), "each ticket reaches the printer whole"
            for conn in connections:  # the printer drops the connection while the hall is quiet
                conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            connections.clear()
    finally:
        printer.close()
        server.close()


def test_a_serial_printer_unplugged_and_plugged_back_prints_again(
    tmp_path: Path, slips: dict[str, TicketSlip]
) -> None:
    """A pulled cable made the port raise termios.error, no OSError: the kiosk met a crash
    rather than "printer offline", and kept the dead port until it was restarted."""
    printer_end, kiosk_end = tmp_path / "ttyPrinter", tmp_path / "ttyKiosk"
    jobs = bytearray()

    def plug() -> tuple[subprocess.Popen[bytes], threading.Thread]:
        cable = subprocess.Popen(
            ["socat", f"pty,raw,echo=0,link={printer_end}", f"pty,raw,echo=0,link={kiosk_end}"]
        )
        deadline = time.monotonic() + 10
        while not (printer_end.exists() and kiosk_end.exists()) and time.monotonic() < deadline:
            time.sleep(0.02)
        fd = os.open(printer_end, os.O_RDWR | os.O_NOCTTY)
        reading = printer_answering(
            lambda: os.read(fd, 4096), lambda b: os.write(fd, b), lambda: os.close(fd), jobs
        )
        return cable, reading

    def pull(plugged: tuple[subprocess.Popen[bytes], threading.Thread]) -> None:
        cable, reading = plugged
        cable.terminate()
        cable.wait(10)
        reading.join(10)  # the line ended: the printer's end of it is closed
        deadline = time.monotonic() + 10
        while kiosk_end.exists() and time.monotonic() < deadline:
            time.sleep(0.02)

    cable = plug()
    printer = open_printer(f"serial:{kiosk_end}@115200", timeout=1.0)
    try:
        assert printer.print_ticket(slips["kk"]).status is PrinterStatus.ONLINE
        assert cuts_reach(jobs, 1)
        pull(cable)
        assert printer.status() is PrinterStatus.OFFLINE
        with pytest.raises(PrinterOffline):
            printer.print_ticket(slips["kk"])
        cable = plug()
        assert printer.status() is PrinterStatus.ONLINE, "the port is opened again"
        assert printer.print_ticket(slips["ru"]).status is PrinterStatus.ONLINE
        assert cuts_reach(jobs, 2), "the ticket after the cable came back reached the printer"
    finally:
        printer.close()
        pull(cable)


def test_a_usb_printer_without_libusb_says_to_install_it(
    monkeypatch: pytest.MonkeyPatch, slips: dict[str, TicketSlip]
) -> None:
    """pyusb without libusb raises NoBackendError; the technician had been told only "no answer
    within 2 s; check power and cable"."""
    from usb.core import NoBackendError

    def no_backend(*_: object, **__: object) -> None:
        raise NoBackendError("No backend available")

    monkeypatch.setattr("hardware.printer_links.Usb", no_backend)
    printer = open_printer("usb:04b8:0e15")
    assert printer.status() is PrinterStatus.OFFLINE  # the heartbeat's answer: never raises
    with pytest.raises(PrinterDriverMissing) as caught:
        printer.print_ticket(slips["kk"])
    assert str(caught.value) == "usb:04b8:0e15: libusb is not installed; install libusb-1.0-0"


def test_a_simulated_roll_that_runs_out_during_a_ticket_is_not_taken_as_printed(
    tmp_path: Path, slips: dict[str, TicketSlip]
) -> None:
    """The printer was asked only before a ticket: a roll that ran out during it passed as printed,
    and the visitor walked away with half a ticket or none."""
    printer = open_printer(f"sim:{tmp_path}")
    (tmp_path / "tickets_left").write_text("1\n")
    printer.print_ticket(slips["kk"])  # the roll's last whole ticket
    assert printer.status() is PrinterStatus.ONLINE
    with pytest.raises(PaperOut) as caught:
        printer.print_ticket(slips["ru"])
    assert str(caught.value) == (
        f"sim:{tmp_path}: ran out of paper during the ticket, which may be missing or cut short; "
        "load a new roll"
    )
    assert [path.name for path in tmp_path.glob("ticket-*.bin")] == ["ticket-0001.bin"]
    assert printer.status() is PrinterStatus.PAPER_OUT


def test_a_simulated_roll_with_nonsense_in_its_file_is_a_config_error(
    tmp_path: Path, slips: dict[str, TicketSlip]
) -> None:
    printer = open_printer(f"sim:{tmp_path}")
    (tmp_path / "tickets_left").write_text("many\n")
    with pytest.raises(PrinterConfigError, match="write a number of tickets, 0 or more"):
        printer.print_ticket(slips["kk"])
    assert not list(tmp_path.glob("ticket-*"))


# What an Epson answers to DLE EOT 1, 2 and 4 with the paper out, or the cover open.
FAULT_REPLIES = {
    "paper_out": ({1: 0x1A, 2: 0x32, 4: 0x7E}, PaperOut, "ran out of paper during the ticket"),
    "cover_open": (
        {1: 0x1A, 2: 0x16, 4: 0x12},
        CoverOpen,
        "the cover was opened during the ticket",
    ),
}


@contextlib.contextmanager
def printer_on_the_line(
    kind: str, tmp_path: Path, answer: Callable[[int, bytearray], int], jobs: bytearray
) -> Iterator[str]:
    """A printer answering with `answer` on a TCP port (`net`) or at the far end of a socat
    cable (`serial`); yields the printer's name."""
    if kind == "net":
        server = socket.create_server(("127.0.0.1", 0))
        lines: list[threading.Thread] = []

        def serve() -> None:
            with contextlib.suppress(OSError):
                while True:
                    conn, _ = server.accept()
                    lines.append(
                        printer_answering(
                            lambda c=conn: c.recv(4096), conn.sendall, conn.close, jobs, answer
                        )
                    )

        accepting = threading.Thread(target=serve, daemon=True)
        accepting.start()
        try:
            yield f"net:127.0.0.1:{server.getsockname()[1]}"
        finally:
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in `serve`
            server.close()
            accepting.join(10)
            for line in lines:  # each ends as the printer (closed by now) hung up
                line.join(10)
        return
    printer_end, kiosk_end = tmp_path / "ttyPrinter", tmp_path / "ttyKiosk"
    cable = subprocess.Popen(
        ["socat", f"pty,raw,echo=0,link={printer_end}", f"pty,raw,echo=0,link={kiosk_end}"]
    )
    try:
        deadline = time.monotonic() + 10
        while not (printer_end.exists() and kiosk_end.exists()) and time.monotonic() < deadline:
            time.sleep(0.02)
        fd = os.open(printer_end, os.O_RDWR | os.O_NOCTTY)
        reading = printer_answering(
            lambda: os.read(fd, 4096), lambda b: os.write(fd, b), lambda: os.close(fd), jobs, answer
        )
        yield f"serial:{kiosk_end}@115200"
    finally:
        cable.terminate()
        cable.wait(10)
        reading.join(10)  # the line ended: the printer's end of it is closed


@pytest.mark.parametrize("kind", ["net", "serial"])
@pytest.mark.parametrize("fault", ["paper_out", "cover_open"])
def test_a_printer_that_fails_during_a_ticket_is_asked_again_after_it(
    tmp_path: Path, slips: dict[str, TicketSlip], kind: str, fault: str
) -> None:
    """A real printer on a real line that answers "online" until a whole ticket (ending in a cut)
    has reached it, and then the fault: the ticket is not taken as printed."""
    replies, error, said = FAULT_REPLIES[fault]
    jobs = bytearray()

    def answer(n: int, jobs: bytearray) -> int:
        return replies[n] if b"\x1dV" in jobs else 0x12

    with printer_on_the_line(kind, tmp_path, answer, jobs) as name:
        printer = open_printer(name, timeout=1.0)
        try:
            assert printer.status() is PrinterStatus.ONLINE
            with pytest.raises(error) as caught:
                printer.print_ticket(slips["kk"])
            assert str(caught.value).startswith(f"{name}: {said}, which may be missing")
            assert cuts_reach(jobs, 1), "the ticket was sent whole before the question"
            assert printer.status() is PrinterStatus(fault)
        finally:
            printer.close()


@pytest.mark.parametrize("kind", ["net", "serial"])
def test_the_question_after_a_ticket_is_brief(
    tmp_path: Path, slips: dict[str, TicketSlip], kind: str
) -> None:
    """The visitor waits for the question after the ticket: it is asked within
    AFTER_TICKET_TIMEOUT, not the printer's full timeout (a printer still busy printing, or one
    deaf to a question, had added 2 s to every ticket), and one that answers paper near its end
    has printed."""
    jobs = bytearray()
    near_end = {1: 0x12, 2: 0x12, 4: 0x1E}  # online, the roll's near-end sensor set

    with printer_on_the_line(kind, tmp_path, lambda n, _: near_end[n], jobs) as name:
        printer = open_printer(name, timeout=2.0)
        asked: list[float] = []
        real = printer.link.status
        printer.link.status = lambda timeout: (asked.append(timeout), real(timeout))[1]  # type: ignore[method-assign]
        try:
            printed = printer.print_ticket(slips["ru"])
        finally:
            printer.close()
    assert printed.status is PrinterStatus.PAPER_NEAR_END
    assert asked == [2.0, AFTER_TICKET_TIMEOUT], "before the ticket in full, after it briefly"
    assert cuts_reach(jobs, 1)


def test_a_cups_queue_is_not_asked_again_after_a_ticket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slips: dict[str, TicketSlip]
) -> None:
    """lpstat knows no paper: one question before the ticket, as before, and none after."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    asked = tmp_path / "asked"
    (bin_dir / "lpstat").write_text(f"#!/bin/sh\necho >> {asked}\necho 'printer q is idle.'\n")
    (bin_dir / "lp").write_text("#!/bin/sh\nexec /bin/cat > /dev/null\n")
    for program in ("lpstat", "lp"):
        (bin_dir / program).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    open_printer("cups:q").print_ticket(slips["en"])
    assert asked.read_text().count("\n") == 1
