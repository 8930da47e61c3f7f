"""What the pages cost the server: one board render, one ticket-page render, one day's report.

Run: .venv/bin/python -m bench.bench_web
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hallserver.catalogue_file import demo_catalogue_text, parse_catalogue
from hallserver.domain.events import Event
from hallserver.domain.hall import Hall
from hallserver.domain.ids import OperatorId
from hallserver.domain.tickets import Grade, Ticket, TicketState
from hallserver.eventlog import make_record
from hallserver.reports import LogEvent, build_report
from hallserver.web.alerts import BoardRules
from hallserver.web.board import board_state

TZ = ZoneInfo("Asia/Almaty")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


def busy_day(visitors: int) -> tuple[Hall, list[LogEvent]]:
    """A demo hall through a day: 12 counters open, `visitors` tickets, most of them served."""
    catalogue = parse_catalogue(demo_catalogue_text(), source="demo")
    hall = Hall(catalogue, T0.date(), enforce_hours=False)
    events: list[LogEvent] = []
    rng = random.Random(7)
    now = T0

    def log(new: list[Event]) -> None:
        for event in new:
            at = now.isoformat()
            record = make_record("", len(events) + 1, at, event.type, "bench", event.data)
            events.append(LogEvent.from_row(record.seq, record.at, record.type, record.data))

    for counter in hall.counters.values():
        log(hall.sign_in(counter.id, OperatorId(f"op-{counter.number}"), now))
        log(hall.open_counter(counter.id, now))
    services = [s.id for s in catalogue.services]
    for _ in range(visitors):
        now += timedelta(seconds=rng.randint(5, 40))
        log(hall.issue(rng.choice(services), now)[1])
        for counter in hall.counters.values():
            if counter.current is not None:
                ticket: Ticket = hall.tickets[counter.current]
                if ticket.state is TicketState.CALLED:
                    log(hall.start(ticket.id, now)[1])
                elif rng.random() < 0.12:
                    log(hall.finish(ticket.id, now)[1])
                    log(hall.rate(ticket.id, rng.choice(list(Grade)))[1])
            elif rng.random() < 0.3:
                log(hall.call_next(counter.id, now)[1])
    return hall, events


def timed(what: Callable[[], object], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        what()
    return (time.perf_counter() - started) / repeat


def main() -> None:
    hall, events = busy_day(1500)
    now = max(e.at for e in events)
    waiting = sum(1 for t in hall.tickets.values() if t.state is TicketState.WAITING)
    rules = BoardRules()
    board = timed(lambda: board_state(hall, now, rules, {}), 50)
    first_waiting = next(t for t in hall.tickets.values() if t.state is TicketState.WAITING)
    estimate = timed(lambda: hall.estimate_for(first_waiting, now), 2000)
    targets = {str(s.id): s.target_wait_min * 60.0 for s in hall.catalogue.services}
    report = timed(lambda: build_report(events, now.date(), now.date(), TZ, targets, now=now), 5)
    print(f"busy day: {len(hall.tickets)} tickets, {waiting} waiting, {len(events)} events")
    print(f"board render (all services, counters, alerts): {board * 1000:.2f} ms")
    print(f"ticket page estimate: {estimate * 1e6:.1f} µs")
    print(f"report of the day from the log: {report * 1000:.0f} ms")


if __name__ == "__main__":
    main()
