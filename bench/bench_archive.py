"""Archiving old events while the hall serves: how long `kezek audit archive` takes on a month of
log, how much smaller the file is, and what a kiosk issuing a ticket every 10 ms feels meanwhile.

    .venv/bin/python -m bench.bench_archive [--quick]

The month is made by the real service in-process (a clock moved day by day: tickets issued,
called, served), so its hash chain is whole; then a real `kezek hall` serves it while the
archive command runs beside it, on the same SQLite file.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

from bench.bench_server import KEZEK, catalogue, kezek, pct, start, work_a_day
from hallserver.catalogue_file import parse_catalogue
from hallserver.service import HallService
from hallserver.store.sql import SqlHallStore

KEEP_DAYS = 7  # the week before today stays in the database


def build(data: Path, days: int, per_day: int) -> tuple[int, ZoneInfo]:
    """`days` working days up to today, `per_day` tickets each; returns the events logged."""
    text = catalogue(12)
    tz = ZoneInfo(parse_catalogue(text, source="bench").timezone)
    store = SqlHallStore(f"sqlite:///{data / 'kezek.sqlite3'}")
    store.migrate()
    store.put_config("catalogue", text)
    first = datetime.now(tz).replace(hour=9, minute=0) - timedelta(days=days - 1)
    now = [first]
    service = HallService(
        store, parse_catalogue(text, source="bench"), clock=lambda: now[0], enforce_hours=False
    )

    async def working_days() -> None:
        await service.start()
        for day in range(days):
            now[0] = first + timedelta(days=day)
            await work_a_day(service, per_day)
        await service.stop()

    asyncio.run(working_days())
    events = sum(1 for _ in store.events())
    store.close()
    return events, tz


class Kiosk(threading.Thread):
    """Issues a ticket every 10 ms and keeps each answer's time and latency."""

    def __init__(self, api: str, token: str) -> None:
        super().__init__(daemon=True)
        self.api, self.token = api, token
        self.answers: list[tuple[float, float]] = []  # (when, milliseconds)
        self.stopping = threading.Event()

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.api, headers=headers, timeout=30) as http:
            while not self.stopping.is_set():
                began = time.perf_counter()
                reply = http.post("/tickets", json={"service_id": "id-card"})
                assert reply.status_code == 201, reply.text
                self.answers.append((began, (time.perf_counter() - began) * 1000))
                time.sleep(0.01)

    def between(self, low: float, high: float) -> list[float]:
        return [ms for when, ms in self.answers if low <= when < high]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 days of 1,000 tickets")
    args = parser.parse_args()
    days, per_day = (10, 1000) if args.quick else (31, 3000)
    with tempfile.TemporaryDirectory(prefix="kezek-bench-archive-") as tmp:
        data = Path(tmp) / "hall"
        data.mkdir()
        began = time.perf_counter()
        events, tz = build(data, days, per_day)
        print(f"a log of {days} days, {per_day} tickets a day: {events} events", end="")
        print(f" (made in {time.perf_counter() - began:.0f} s)")
        database = data / "kezek.sqlite3"
        size_before = database.stat().st_size
        token = kezek("token", "create", "--role", "kiosk", "--data-dir", str(data))
        hall = start(data)
        kiosk = Kiosk(hall.api, token)
        try:
            kiosk.start()
            time.sleep(3)
            before = (datetime.now(tz) - timedelta(days=KEEP_DAYS)).date()
            file = Path(tmp) / "old.kezek-archive.gz"
            archive_began = time.perf_counter()
            command = [*KEZEK, "audit", "archive", str(file), "--before", str(before)]
            done = subprocess.run(
                [*command, "--data-dir", str(data)], capture_output=True, text=True, check=True
            )
            archive_s = time.perf_counter() - archive_began
            time.sleep(3)
        finally:
            kiosk.stopping.set()
            kiosk.join(timeout=30)
            hall.stop()
        verify_began = time.perf_counter()
        check = [*KEZEK, "audit", "verify", "--data-dir", str(data), "--archive", str(file)]
        verified = subprocess.run(check, capture_output=True, text=True, check=True)
        verify_s = time.perf_counter() - verify_began
        first_answer = kiosk.answers[0][0]
        quiet = kiosk.between(first_answer, archive_began)
        during = kiosk.between(archive_began, archive_began + archive_s)
        print(f"  {done.stdout.split(';')[0]}")
        print(f"  archive while the hall serves          {archive_s:7.1f} s")
        print(
            f"  file {file.stat().st_size / 1e6:.1f} MB, database before {size_before / 1e6:.0f} MB"
        )
        print(f"  verify from event 1 through the file   {verify_s:7.1f} s")
        print(f"  ({verified.stdout.strip()})")
        for label, values in (("before the archive", quiet), ("during the archive", during)):
            print(
                f"  ticket every 10 ms, {label}: {len(values)} answers, p50 {pct(values, 50):.1f}"
                f" ms, p99 {pct(values, 99):.1f} ms, max {max(values):.1f} ms"
            )


if __name__ == "__main__":
    main()
