"""`kezek hardware` commands: ports, print-test, listen and simulate, and their bad-input lines."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hardware.cli import main, usb_printers
from hardware.devices import qsystem
from hardware.devices.events import Action, ButtonPressed, DeviceEvent
from hardware.devices.simulators import ButtonSimulator, PtyPort
from hardware.devices.transport import SerialTransport


def test_ports_lists_the_three_kinds_of_place_a_printer_or_device_can_be(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ports"]) == 0
    out = capsys.readouterr().out
    assert "Serial ports:" in out
    assert "USB printers:" in out


def test_usb_printers_are_found_by_interface_class_07(tmp_path: Path) -> None:
    printer = tmp_path / "1-1"
    (printer / "1-1:1.0").mkdir(parents=True)
    (printer / "idVendor").write_text("04b8\n")
    (printer / "idProduct").write_text("0e15\n")
    (printer / "product").write_text("TM-T20II\n")
    (printer / "1-1:1.0" / "bInterfaceClass").write_text("07\n")
    keyboard = tmp_path / "1-2"
    (keyboard / "1-2:1.0").mkdir(parents=True)
    (keyboard / "idVendor").write_text("046d\n")
    (keyboard / "idProduct").write_text("c31c\n")
    (keyboard / "1-2:1.0" / "bInterfaceClass").write_text("03\n")
    assert list(usb_printers(tmp_path)) == [("04b8", "0e15", "TM-T20II")]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_print_test_prints_a_ticket_with_three_languages_and_a_qr(
    tmp_path: Path, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["print-test", f"sim:{tmp_path}", "--lang", language]) == 0
    assert "printed on" in capsys.readouterr().out
    text = (tmp_path / "ticket-0001.txt").read_text(encoding="utf-8")
    for phrase in ("Kezek сынақ талоны", "Тестовый талон Kezek", "Kezek test ticket"):
        assert phrase in text
    assert "[qr https://kezek.example/t/T001]" in text


@pytest.mark.parametrize(
    ("argv", "code", "hint"),
    [
        (["print-test", "TM-T20"], 2, "has no kind"),
        (["print-test", "sim:/tmp/x", "--lang", "de"], 2, "invalid choice"),
        (["print-test", "sim:/tmp/x", "--profile", "Nope"], 2, "unknown printer profile"),
        (
            ["print-test", "sim:/tmp/x", "--profile", "AF-240"],
            2,
            "error: printer profile 'AF-240' (AF-240 Customer Display) has no code page a ticket",
        ),
        (["simulate", "keypad", "--protocol", "qsystem"], 2, "kezek protocol"),
        (["simulate", "button", "--address", "300"], 2, "--address is 1 to 99"),
        (["simulate", "display", "--protocol", "modbus", "--address", "0"], 2, "1 to 247"),
        (["frobnicate"], 2, "invalid choice"),
        (["listen", "bogus://x"], 2, "protocol 'bogus' not known"),  # no retry mends these
        (["listen", "loop://", "--baud", "-5"], 2, "--baud -5 is unusual: use 9600, 19200"),
        (["listen", "loop://", "--seconds", "1", "--baud", "0"], 2, "--baud 0 is unusual"),
        (["listen", "loop://", "--seconds", "1", "--baud", "12345"], 2, "--baud 12345 is unusual"),
        (["print-test", "serial:/dev/ttyS0@12345"], 2, "baud rate 12345 in"),  # the same check
        (["listen", "/"], 2, "/ is a folder, not a serial port"),
        # an empty name is not "this folder", and a time to listen is not below 0
        (["listen", ""], 2, "error: listen needs a serial port, e.g. /dev/ttyUSB0, or a pyserial"),
        (["listen", " "], 2, "error: listen needs a serial port"),
        (["listen", "loop://", "--seconds", "-1"], 2, "error: --seconds -1: give how long to"),
        (["listen", "loop://", "--seconds", "nan"], 2, "error: --seconds nan: give how long to"),
        (["listen", "loop://", "--seconds", "inf"], 2, "or 0 (until Ctrl+C)\n"),
        (["simulate", "keypad", "--link", ""], 2, "error: --link needs a new path for the pty"),
        (["simulate", "keypad", "--link", "/"], 2, "is a file or folder already"),
        (["simulate", "keypad", "--link", "/no/such/dir/k"], 2, "there is no folder /no/such"),
        (["print-test", "sim:"], 2, "error: sim: needs a folder: sim:DIR\n"),
        (["print-test", "net:"], 2, "error: net: needs a host: net:HOST[:PORT]\n"),
        (
            ["print-test", "sim:/proc/kezek-nope"],
            2,
            "error: sim:/proc/kezek-nope: cannot make the simulator's folder there (No such file",
        ),
        (
            ["print-test", "sim:/tmp/x", "--bogus"],
            2,
            "unrecognized arguments: --bogus (see kezek hardware print-test --help)",
        ),
        (["print-test", "sim:/tmp/x", "extra"], 2, "(see kezek hardware print-test --help)"),
        (["--bogus", "ports"], 2, "unrecognized arguments: --bogus (see kezek hardware --help)"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(
    argv: list[str], code: int, hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert hint in err
    assert err.count("\n") == 1


@pytest.mark.usefixtures("no_cups_client")
def test_ports_says_when_cups_client_is_missing_rather_than_leave_cups_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ports"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("CUPS queues:\n  (CUPS: `lpstat` is not installed; install cups-client)\n")


@pytest.mark.usefixtures("fake_cups")
def test_ports_lists_the_cups_queues(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ports"]) == 0
    assert capsys.readouterr().out.endswith("CUPS queues:\n  cups:TM-T20\n  cups:kitchen\n")


@pytest.mark.usefixtures("no_cups_client")
def test_print_test_on_cups_without_cups_client_says_to_install_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["print-test", "cups:nosuchqueue"]) == 1
    err = capsys.readouterr().err
    assert err == "error: cups:nosuchqueue: `lpstat` is not installed; install cups-client\n"


@pytest.mark.usefixtures("fake_cups")
def test_print_test_on_an_unknown_cups_queue_lists_the_queues(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["print-test", "cups:nosuchqueue"]) == 1
    assert capsys.readouterr().err == (
        "error: cups:nosuchqueue: there is no such CUPS queue; use one of cups:TM-T20, "
        "cups:kitchen\n"
    )


def test_print_test_on_a_serial_port_that_is_not_there_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "ttyUSB9"
    assert main(["print-test", f"serial:{missing}"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"error: serial:{missing}: there is no such port; check the cable and the name "
        "(`kezek hardware ports` lists the ports)\n"
    )


def test_print_test_on_a_printer_out_of_paper_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "state").write_text("paper_out")
    assert main(["print-test", f"sim:{tmp_path}"]) == 1
    assert "out of paper" in capsys.readouterr().err


def test_listen_shows_presses_live(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with PtyPort(tmp_path / "ttyBUS") as port:
        done = threading.Event()
        worker = threading.Thread(
            target=lambda: (
                main(["listen", port.path, "--protocol", "qsystem", "--seconds", "1"]),
                done.set(),
            )
        )
        worker.start()
        threading.Timer(
            0.4, lambda: ButtonSimulator(port, 6, "qsystem").press(Action.START)
        ).start()
        worker.join(timeout=5)
    assert done.is_set()
    out = capsys.readouterr().out
    assert "ButtonPressed(address=6, action=start)" in out


def test_simulate_button_prints_its_pty_turns_keys_into_frames_and_shows_its_lamp() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hardware.cli",
            "simulate",
            "button",
            "--protocol",
            "qsystem",
            "--address",
            "9",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout
    threading.Thread(
        target=lambda: [lines.put(line.strip()) for line in stdout], daemon=True
    ).start()
    try:
        path = lines.get(timeout=10)
        assert path.startswith("/dev/pts/")
        received: queue.Queue[DeviceEvent] = queue.Queue()
        transport = SerialTransport(path, qsystem.QSystemProtocol(), received.put).start()
        assert transport.wait_connected(2)
        process.stdin.write("cx")
        process.stdin.flush()
        assert received.get(timeout=15) == ButtonPressed(9, Action.CALL_NEXT)
        transport.send(qsystem.led(9, "BLINK"))  # the host lights the lamp: the button says so
        said = []
        while "lamp BLINK" not in said:  # after its help and "sent …" lines, in either order
            said.append(lines.get(timeout=15))
        transport.stop()
        process.stdin.write("q")
        process.stdin.flush()
        assert process.wait(timeout=5) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_listen_says_when_its_port_is_not_there_yet_and_fails_if_it_never_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "ttyUSB9")
    assert main(["listen", missing, "--seconds", "0.2"]) == 1  # it kept trying: hot-plug
    out, err = capsys.readouterr()
    assert f"{missing}: not connected yet (" in out and "No such file" in out
    assert err.startswith(f"error: could not open {missing} in 0.2 s (") and "No such file" in err
    assert err.count("\n") == 1


def test_listen_that_ends_on_time_does_not_say_it_is_retrying(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["listen", "loop://", "--seconds", "0.2"]) == 0
    out, err = capsys.readouterr()
    assert "loop://: connected" in out
    assert "retrying" not in out
    assert err == ""


def test_a_link_that_cannot_be_made_is_named_and_leaves_no_pty_open() -> None:
    before = len(os.listdir("/proc/self/fd"))
    with pytest.raises(OSError) as refused, PtyPort(Path("/proc/kezek-link")):
        pass
    assert refused.value.filename == "/proc/kezek-link"  # not the pty it would point at
    assert len(os.listdir("/proc/self/fd")) == before


def test_listen_and_simulate_ended_by_ctrl_c_exit_130_as_the_hall_does(tmp_path: Path) -> None:
    """They had ended with 0, as if they had done what they were asked and stopped."""
    import signal

    with PtyPort(tmp_path / "ttyBUS") as port:
        for argv in (["listen", port.path, "--protocol", "qsystem"], ["simulate", "button"]):
            process = subprocess.Popen(
                [sys.executable, "-m", "hallserver", "hardware", *argv],
                stdin=subprocess.PIPE,  # open, and silent: simulate waits for keys
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            try:
                assert process.stdout is not None
                process.stdout.readline()  # it is listening (or its pty is made)
                process.send_signal(signal.SIGINT)
                assert process.wait(30) == 130, (argv, process.communicate())
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
