"""Bytes per ticket and time on the wire at 9600 and 115200 baud, per language and printer profile.

Run: .venv/bin/python -m bench.bench_hardware
"""

from __future__ import annotations

import time
from datetime import datetime

from hardware.profiles import load_profile
from hardware.ticket_layout import TicketSlip, layout_ticket

KZ_TEXT_LIMIT = 600
RASTER_LIMIT = 8 * 1024
BAUDS = (9600, 115200)
PROFILES = (
    ("TM-T20II", 80, "KZ-1048, native QR"),
    ("RP326", 80, "clone: no page 53, native QR"),
    ("POS-5890", 58, "clone: no page 53, QR as image"),
)

SLIPS = {
    "kk": TicketSlip(
        hall_name="Астана қ. ХҚКО №3",
        service_name="Жеке куәлік",
        service_name_second="Удостоверение личности",
        number="A042",
        people_ahead=5,
        wait_minutes=15,
        issued_at=datetime(2025, 3, 12, 10, 15),
        status_url="http://192.168.1.10:8080/t/3f2a9c1b",
        next_step="Нөміріңізді экраннан күтіңіз",
        language="kk",
    ),
    "ru": TicketSlip(
        hall_name="ЦОН №3 г. Астана",
        service_name="Удостоверение личности",
        service_name_second="Жеке куәлік",
        number="A042",
        people_ahead=5,
        wait_minutes=15,
        issued_at=datetime(2025, 3, 12, 10, 15),
        status_url="http://192.168.1.10:8080/t/3f2a9c1b",
        next_step="Ожидайте вызова на экране",
        language="ru",
    ),
    "en": TicketSlip(
        hall_name="Public Service Centre No. 3",
        service_name="Identity card",
        service_name_second="Жеке куәлік",
        number="A042",
        people_ahead=5,
        wait_minutes=15,
        issued_at=datetime(2025, 3, 12, 10, 15),
        status_url="http://192.168.1.10:8080/t/3f2a9c1b",
        next_step="Wait for your number on the screen",
        language="en",
    ),
}


def wire_seconds(size: int, baud: int) -> float:
    """Seconds to send ``size`` bytes at ``baud`` with 8N1 framing (10 bits a byte)."""
    return size * 10 / baud


def run() -> list[str]:
    """The report lines; a line starting with FAIL marks a missed target."""
    lines = [
        f"{'profile':<10} {'paper':>5} {'lang':<4} {'bytes':>6} {'page':<7} {'raster':>6} "
        f"{'9600 Bd':>8} {'115200 Bd':>10} {'layout':>8}  note"
    ]
    for name, paper, note in PROFILES:
        profile = load_profile(name, paper_mm=paper)
        for language, slip in SLIPS.items():
            started = time.perf_counter()
            ticket = layout_ticket(slip, profile)
            layout_ms = (time.perf_counter() - started) * 1000
            size = len(ticket.data)
            limit = RASTER_LIMIT if ticket.raster_lines else KZ_TEXT_LIMIT
            verdict = "ok" if size <= limit else f"FAIL > {limit}"
            lines.append(
                f"{name:<10} {paper:>4}m {language:<4} {size:>6} {ticket.code_page:<7} "
                f"{len(ticket.raster_lines):>6} {wire_seconds(size, 9600):>7.2f}s "
                f"{wire_seconds(size, 115200):>9.3f}s {layout_ms:>6.1f}ms  {note}; {verdict}"
            )
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
