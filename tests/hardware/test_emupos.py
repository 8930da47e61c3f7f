"""Our printer code against emupos, a virtual ESC/POS printer no one here wrote (TCP and pty).

The emupos venv (Python 3.13) is built once by scripts/emupos-venv; these tests skip only when no
Python 3.13 can be found. Its stock Epson profile lacks code pages 46 and 53, so the test gives it
a copy with `46: WPC1251` and `53: KZ1048` (shared/HARDWARE.md).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hardware.errors import CoverOpen, PaperOut, PrinterOffline
from hardware.printer import PrinterStatus, TicketPrinter, open_printer
from hardware.ticket_layout import TicketSlip
from tests.conftest import end_process

ROOT = Path(__file__).resolve().parents[2]
DEVICE = "front"

PROFILE = """\
type: printer
name: Epson TM-T20III with KZ-1048
dpi: 203
width_dots: 576
font_a: { width: 12, height: 24 }
font_b: { width: 9, height: 17 }
code_pages: { 0: PC437, 17: PC866, 46: WPC1251, 53: KZ1048 }
default_code_page: 0
drawer_sensor_open_level: high
serial: { baud: 9600, data_bits: 8, parity: none, stop_bits: 1 }
"""


@dataclass
class Emupos:
    """A running emupos with one printer on TCP and on a pty."""

    api: str
    tcp_port: int
    pty_link: Path

    def call(self, method: str, path: str) -> bytes:
        request = urllib.request.Request(f"{self.api}/api/v1{path}", method=method)
        with urllib.request.urlopen(request, timeout=5) as response:
            body: bytes = response.read()
            return body

    def fault(self, fault: str, active: bool) -> None:
        self.call("PUT" if active else "DELETE", f"/devices/{DEVICE}/faults/{fault}")

    def receipt_ids(self) -> list[str]:
        receipts = json.loads(self.call("GET", f"/devices/{DEVICE}/receipts"))
        return [receipt["id"] for receipt in receipts]

    def next_receipt_text(self, before: list[str], timeout: float = 5.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = [rid for rid in self.receipt_ids() if rid not in before]
            if new:
                return self.call("GET", f"/devices/{DEVICE}/receipts/{new[0]}/text").decode()
            time.sleep(0.05)
        raise AssertionError("emupos completed no receipt")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def emupos_python() -> Path:
    done = subprocess.run(
        [str(ROOT / "scripts" / "emupos-venv")], capture_output=True, text=True, check=False
    )
    if done.returncode == 3:
        pytest.skip(f"emupos needs Python 3.13: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return ROOT / done.stdout.strip()


@pytest.fixture(scope="session")
def emupos(emupos_python: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emupos]:
    work = tmp_path_factory.mktemp("emupos")
    (work / "kz-profile.yaml").write_text(PROFILE)
    api_port, tcp_port = _free_port(), _free_port()
    (work / "emupos.yaml").write_text(
        f"""\
schema: 1
api: {{ host: 127.0.0.1, port: {api_port} }}
devices:
  - id: {DEVICE}
    type: printer
    profile: {work / "kz-profile.yaml"}
    receipts_dir: {work / "receipts"}
    job_idle_timeout_ms: 300
    connections:
      - tcp: {{ port: {tcp_port} }}
      - serial: {{ pty: true, link: kezek-test }}
"""
    )
    env = {**os.environ, "TMPDIR": str(work), "NO_COLOR": "1", "COLUMNS": "200"}
    log = (work / "emupos.log").open("wb")
    process = subprocess.Popen(
        [str(emupos_python), "-m", "emupos.cli.app", "run", "--config", str(work / "emupos.yaml")],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Emupos(f"http://127.0.0.1:{api_port}", tcp_port, work / "emupos" / "kezek-test")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                server.call("GET", "/health")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        "emupos did not start: " + (work / "emupos.log").read_text()
                    ) from None
                time.sleep(0.1)
        yield server
    finally:
        end_process(process, timeout=5)
        log.close()


@pytest.fixture(params=["tcp", "pty"])
def printer(request: pytest.FixtureRequest, emupos: Emupos) -> Iterator[TicketPrinter]:
    name = (
        f"net:127.0.0.1:{emupos.tcp_port}"
        if request.param == "tcp"
        else f"serial:{emupos.pty_link}@9600"
    )
    opened = open_printer(name, profile="TM-T20II")
    yield opened
    opened.close()


def test_emupos_text_dump_shows_our_kazakh_and_russian_text_and_qr_payload_exactly(
    emupos: Emupos, printer: TicketPrinter, slips: dict[str, TicketSlip]
) -> None:
    for language in ("kk", "ru"):
        slip = slips[language]
        before = emupos.receipt_ids()
        printer.print_ticket(slip)
        lines = emupos.next_receipt_text(before).splitlines()
        stripped = [line.strip() for line in lines]
        assert slip.hall_name in stripped
        assert slip.service_name in stripped
        assert slip.service_name_second in stripped
        assert slip.next_step in stripped
        assert slip.number in stripped
        assert f"[qr {slip.status_url}]" in stripped
        assert not any("?" in line or "\ufffd" in line for line in lines)


def test_emupos_status_online_then_near_end(emupos: Emupos, printer: TicketPrinter) -> None:
    assert printer.status() is PrinterStatus.ONLINE
    emupos.fault("paper-near-end", True)
    try:
        assert printer.status() is PrinterStatus.PAPER_NEAR_END
    finally:
        emupos.fault("paper-near-end", False)


FAULTS = {
    "paper-out": (PaperOut, PrinterStatus.PAPER_OUT),
    "cover-open": (CoverOpen, PrinterStatus.COVER_OPEN),
    "offline": (PrinterOffline, PrinterStatus.OFFLINE),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_emupos_faults_reach_our_typed_errors(
    emupos: Emupos, printer: TicketPrinter, slips: dict[str, TicketSlip], fault: str
) -> None:
    error, status = FAULTS[fault]
    before = emupos.receipt_ids()
    emupos.fault(fault, True)
    try:
        assert printer.status() is status
        started = time.monotonic()
        with pytest.raises(error):
            printer.print_ticket(slips["en"])
        assert time.monotonic() - started < 2.5
    finally:
        emupos.fault(fault, False)
    assert emupos.receipt_ids() == before  # nothing was sent while the fault was on
