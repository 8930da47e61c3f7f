"""Shared fixtures for the hardware tests: sample tickets in three languages, CUPS or none."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from hardware.ticket_layout import TicketSlip

ISSUED = datetime(2025, 3, 12, 10, 15)
STATUS_URL = "http://192.168.1.10:8080/t/3f2a9c1b"

SLIPS = {
    "kk": TicketSlip(
        hall_name="Астана қ. ХҚКО №3",
        service_name="Жеке куәлік",
        service_name_second="Удостоверение личности",
        number="A042",
        people_ahead=5,
        wait_minutes=15,
        issued_at=ISSUED,
        status_url=STATUS_URL,
        next_step="Нөміріңізді экраннан күтіңіз",
        language="kk",
        seal="4821:3fa9c2d1e0b7a4f6",
        priority=True,
    ),
    "ru": TicketSlip(
        hall_name="ЦОН №3 г. Астана",
        service_name="Удостоверение личности",
        service_name_second="Жеке куәлік",
        number="Б017",
        people_ahead=2,
        wait_minutes=6,
        issued_at=ISSUED,
        status_url=STATUS_URL,
        next_step="Ожидайте вызова на экране",
        language="ru",
        appointment_at=datetime(2025, 3, 12, 10, 30),
        seal="4822:09be71c44d2a8e53",
    ),
    "en": TicketSlip(
        hall_name="Public Service Centre No. 3",
        service_name="Identity card",
        service_name_second="Жеке куәлік",
        number="C105",
        people_ahead=0,
        wait_minutes=1,
        issued_at=ISSUED,
        status_url=STATUS_URL,
        next_step="Wait for your number on the screen",
        language="en",
        header_lines=("Welcome",),
        footer_lines=("Thank you",),
        seal="4823:d0c5e2f81a3b9476",
    ),
}


@pytest.fixture(params=["kk", "ru", "en"])
def language(request: pytest.FixtureRequest) -> str:
    """Each ticket language in turn."""
    lang: str = request.param
    return lang


@pytest.fixture
def slip(language: str) -> TicketSlip:
    """The sample ticket in ``language``."""
    return SLIPS[language]


@pytest.fixture
def slips() -> dict[str, TicketSlip]:
    """All three sample tickets by language."""
    return dict(SLIPS)


# cups-client's lpstat as far as the printer code asks it: two queues, TM-T20 and kitchen.
FAKE_LPSTAT = r"""#!/bin/sh
case "$1" in
  -e) printf 'TM-T20\nkitchen\n' ;;
  -p) case "$2" in
        TM-T20|kitchen) echo "printer $2 is idle.  enabled since Wed 12 Mar 2025" ;;
        *) echo "lpstat: Invalid destination name in list \"$2\"." >&2; exit 1 ;;
      esac ;;
esac
"""


@pytest.fixture
def no_cups_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH without `lp` and `lpstat`, whether or not this machine has cups-client."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def fake_cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH whose only program is a fake `lpstat` knowing the queues TM-T20 and kitchen."""
    bin_dir = tmp_path / "cups-bin"
    bin_dir.mkdir()
    lpstat = bin_dir / "lpstat"
    lpstat.write_text(FAKE_LPSTAT)
    lpstat.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
