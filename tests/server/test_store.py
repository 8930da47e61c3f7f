"""The store on SQLite and PostgreSQL: a restart brings the same day back; the log is sealed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import signal
import sqlite3
import threading
import time
from collections.abc import Coroutine, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlalchemy
from sqlalchemy.pool import QueuePool

from hallserver import service as service_module
from hallserver.__main__ import main as kezek
from hallserver.access import SYSTEM, Actor, Role, hash_pin, new_token
from hallserver.catalogue_file import demo_catalogue_text, parse_catalogue
from hallserver.config import ServerConfig
from hallserver.domain import hall as hall_module
from hallserver.domain.errors import Conflict, InvalidInput
from hallserver.domain.hall import Hall, IssueKey
from hallserver.domain.ids import CounterId, JsonObject, OperatorId, ServiceId, TicketId
from hallserver.domain.tickets import Grade, Priority
from hallserver.eventlog import make_record, verify_chain
from hallserver.server import (
    SetupError,
    bookings_left_behind,
    build,
    catalogue_conflict,
    hall_catalogue,
    open_store,
)
from hallserver.service import HallService, Unavailable, token_row
from hallserver.store import schema
from hallserver.store.claim import DatabaseInUse, claim_database
from hallserver.store.migrate import HEAD, current_revision, head_revision
from hallserver.store.schema import metadata
from hallserver.store.sql import CATALOGUE_KEY, SqlHallStore, StoreError
from hallserver.web import reports_page
from hallserver.web.booking import free_slots
from tests.conftest import ALMATY, T0, Clock, small_catalogue


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


def make_service(url: str, clock: Clock) -> HallService:
    store = SqlHallStore(url)
    store.migrate()
    return HallService(store, small_catalogue(), clock=clock)


async def a_busy_morning(service: HallService, clock: Clock) -> None:
    run = service.run
    await run(SYSTEM, lambda h, now: (None, h.sign_in("c1", OperatorId("aigul"), now)))
    await run(SYSTEM, lambda h, now: (None, h.open_counter("c1", now)))
    for _ in range(3):
        await run(SYSTEM, lambda h, now: h.issue("id-card", now))
    await run(SYSTEM, lambda h, now: h.issue("birth", now))
    clock.advance(minutes=4)
    first = await run(SYSTEM, lambda h, now: h.call_next("c1", now))
    assert first is not None
    await run(SYSTEM, lambda h, now: h.start(first.id, now))
    clock.advance(minutes=6)
    await run(SYSTEM, lambda h, now: h.finish(first.id, now, result="missing"))
    await run(SYSTEM, lambda h, now: h.rate(first.id, Grade.GOOD))
    await run(SYSTEM, lambda h, now: h.call_next("c1", now))
    await run(SYSTEM, lambda h, now: h.send_message(None, "Lunch in shifts", "dana", now))
    await run(SYSTEM, lambda h, now: h.send_message("c1", "Take the land queue", "dana", now))
    await run(SYSTEM, lambda h, now: h.read_message(2, "c1", now))
    texts = {"kk": "4-терезе жабық", "ru": "Окно 4 закрыто"}  # English shows the first
    await run(SYSTEM, lambda h, now: (None, h.announce(texts)))


def a_logged_morning(url: str, clock: Clock) -> HallService:
    """A hall that ran `a_busy_morning` and stopped: its log written, its store still open."""

    async def scenario() -> HallService:
        service = make_service(url, clock)
        await service.start()
        await a_busy_morning(service, clock)
        await service.stop()
        return service

    return asyncio.run(scenario())


def state_of(service: HallService) -> dict[str, object]:
    hall = service.hall
    return {
        "tickets": {k: v.to_json() for k, v in hall.tickets.items()},
        "counters": {k: v.to_json() for k, v in hall.counters.items()},
        "numbering": dict(hall.state.numbering),
        "order": hall.state.order,
        "waiting": sorted(t.number for t in hall.lanes),
        "estimate": [q.estimate_for_new for q in hall.queue(T0)],
        "messages": [m.to_json() for m in hall.state.messages],
        "announcement": hall.state.announcement.as_written(),
    }


def test_a_restart_brings_back_the_same_day(db_url: str) -> None:
    clock = Clock()

    async def scenario() -> tuple[dict[str, object], dict[str, object], str]:
        service = make_service(db_url, clock)
        await service.start()
        await a_busy_morning(service, clock)
        before = state_of(service)
        await service.stop()
        service.store.close()
        again = make_service(db_url, clock)
        await again.start()
        after = state_of(again)
        issued = await again.run(SYSTEM, lambda h, now: h.issue("id-card", now))
        await again.stop()
        again.store.close()
        return before, after, issued.ticket.number

    before, after, number = asyncio.run(scenario())
    assert after == before
    assert number == "A004", "numbering continues without a repeat"
    engine = sqlalchemy.create_engine(db_url)
    with engine.connect() as conn:  # the column outside tools read, beside the rating
        rows = conn.execute(
            sqlalchemy.select(schema.tickets.c.number, schema.tickets.c.result).where(
                schema.tickets.c.status == "finished"
            )
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("A001", "missing")]


def test_an_announcement_saved_as_one_text_comes_back_in_every_language(tmp_path: Path) -> None:
    """A hall state saved before the line had a text per language ({"announcement": "…"})."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    a_logged_morning(url, Clock()).store.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "hall.sqlite3")) as db, db:
        (raw,) = db.execute("SELECT data FROM hall_state WHERE key = 'state'").fetchone()
        saved = json.loads(raw)
        assert saved["announcements"] == {"kk": "4-терезе жабық", "ru": "Окно 4 закрыто"}
        assert saved["announcement"] == "4-терезе жабық"  # what an older server reads
        del saved["announcements"]
        saved["announcement"] = "Обед 13:00–14:00"
        db.execute("UPDATE hall_state SET data = ? WHERE key = 'state'", (json.dumps(saved),))

    async def restarted() -> JsonObject:
        service = make_service(url, Clock())
        await service.start()
        await service.stop()
        service.store.close()
        return service.hall.state.announcement.to_json()

    shown = asyncio.run(restarted())
    assert shown == {"kk": "Обед 13:00–14:00", "ru": "Обед 13:00–14:00", "en": "Обед 13:00–14:00"}


async def report(service: HallService, terminal: Actor, printer: str) -> None:
    await service.run(
        terminal,
        lambda h, now: (None, h.report_terminal(terminal.subject, "kiosk", printer, "", now)),
    )


def test_a_restart_remembers_the_days_request_keys_and_the_next_day_forgets_them(
    db_url: str,
) -> None:
    """The keys are read back from the day's ticket.issued events: a repeat after a restart
    answers its ticket and logs nothing, another request under it is refused; a new day
    issues under an old key afresh."""
    clock = Clock()
    key, other = IssueKey("tap-1", "asked-1"), IssueKey("tap-1", "asked-2")

    async def scenario() -> None:
        service = make_service(db_url, clock)
        await service.start()
        first = await service.run(SYSTEM, lambda h, now: h.issue("id-card", now, request=key))
        await service.run(SYSTEM, lambda h, now: h.issue("id-card", now))  # no key: A002
        await service.stop()
        service.store.close()
        again = make_service(db_url, clock)
        await again.start()
        seq = again._seq
        repeat = await again.run(SYSTEM, lambda h, now: h.issue("id-card", now, request=key))
        assert repeat.repeat and repeat.ticket.id == first.ticket.id and again._seq == seq
        with pytest.raises(Conflict) as reused:
            await again.run(SYSTEM, lambda h, now: h.issue("id-card", now, request=other))
        assert reused.value.code == "request_reused"
        assert sorted(t.number for t in again.hall.tickets.values()) == ["A001", "A002"]
        await again.stop()
        again.store.close()
        clock.advance(days=1)
        later = make_service(db_url, clock)
        await later.start()
        fresh = await later.run(SYSTEM, lambda h, now: h.issue("id-card", now, request=key))
        assert (
            not fresh.repeat
            and fresh.ticket.number == "A001"
            and fresh.ticket.id != first.ticket.id
        )
        await later.stop()
        later.store.close()

    asyncio.run(scenario())


def test_a_restart_remembers_what_enrolled_terminals_last_reported(db_url: str) -> None:
    clock = Clock()
    kiosk, old = Actor(Role.KIOSK, "kiosk-1", None), Actor(Role.KIOSK, "kiosk-old", None)
    namesake = Actor(Role.OPERATOR, "kiosk-old", "c1")  # an operator's login, not a terminal
    old_token = new_token()

    async def scenario() -> tuple[SqlHallStore, dict[str, JsonObject]]:
        service = make_service(db_url, clock)
        await service.start()
        tokens = [(schema.tokens, token_row(new_token(), actor, T0)) for actor in (kiosk, namesake)]
        tokens.append((schema.tokens, token_row(old_token, old, T0)))
        await service.run(SYSTEM, lambda h, now: (None, []), rows=tokens)
        for actor, printer in ((kiosk, "paper_out"), (old, "online"), (kiosk, "paper_near_end")):
            await report(service, actor, printer)
        clock.advance(minutes=10)
        await report(service, kiosk, "paper_near_end")  # a heartbeat that changes nothing: no event
        await service.revoke(SYSTEM, old_token)  # that kiosk is gone for good
        await service.stop()
        last = list(service.store.events())[-1]
        broken = make_record(  # a report no version wrote: skipped, not a failed start
            last.hash, last.seq + 1, clock().isoformat(), "terminal.status", "x", {"terminal": {}}
        )
        service.store.execute(
            "INSERT INTO events VALUES (:seq, :at, :type, :actor, NULL, NULL, :data, :prev, :hash)",
            **broken._asdict() | {"prev": broken.prev_hash},
        )
        service.store.close()
        clock.advance(minutes=30)
        again = make_service(db_url, clock)
        await again.start()
        reports = {r.name: r.to_json() for r in again.hall.terminals.values()}
        await again.stop()
        return again.store, reports

    store, reports = asyncio.run(scenario())
    assert list(reports) == ["kiosk-1"]
    assert reports["kiosk-1"]["printer"] == "paper_near_end"  # its last report, not its first
    # heard from at the restart: silent on the board if it does not report again
    assert reports["kiosk-1"]["last_seen"] == clock().isoformat()
    assert verify_chain(store.events()) is None
    store.close()


def test_the_event_log_is_one_unbroken_chain(db_url: str) -> None:
    store = a_logged_morning(db_url, Clock()).store
    records = list(store.events())
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    assert verify_chain(records) is None
    types = [r.type for r in records]
    assert types.count("ticket.issued") == 4 and "ticket.rated" in types
    assert all(r.actor == "admin:system" for r in records)
    store.close()


def refuse_tickets(store: SqlHallStore, url: str, change: str = "INSERT ON tickets") -> None:
    """Make the database refuse every new ticket row (or `change`), as a full disk or a fault
    would."""
    if url.startswith("sqlite"):
        store.execute(f"CREATE TRIGGER refuse BEFORE {change} BEGIN SELECT RAISE(ABORT, 'no'); END")
        return
    store.execute(
        "CREATE OR REPLACE FUNCTION refuse() RETURNS trigger AS "
        "$$ BEGIN RAISE EXCEPTION 'no'; END $$ LANGUAGE plpgsql"
    )
    store.execute(f"CREATE TRIGGER refuse BEFORE {change} FOR EACH ROW EXECUTE FUNCTION refuse()")


def test_a_snapshot_shows_only_what_is_durable_and_numbers_it_so(db_url: str) -> None:
    """The hall in memory runs a group commit ahead of the log: a read in between waits for
    the commit, then carries the number of the last event it shows; a read of a change the
    database then refuses is refused too (503), not shown under an old number."""
    clock = Clock()

    def numbers(h: Hall) -> list[str]:
        return sorted(t.number for t in h.tickets.values())

    async def scenario() -> None:
        service = make_service(db_url, clock)
        await service.start()
        issue = service.run
        await issue(SYSTEM, lambda h, now: h.issue("id-card", now))
        on_the_way = asyncio.ensure_future(issue(SYSTEM, lambda h, now: h.issue("id-card", now)))
        await asyncio.sleep(0)  # the command ran: its ticket is in memory, not yet durable
        assert numbers(service.hall) == ["A001", "A002"] and not on_the_way.done()
        shown, seq = await service.settled(numbers)
        assert on_the_way.done(), "the read answered before the commit it shows"
        assert shown == ["A001", "A002"]
        issued = [r.seq for r in service.store.events() if r.type == "ticket.issued"]
        assert seq >= issued[-1], "a ticket shown under a number older than its event"

        refuse_tickets(service.store, db_url)
        refused = asyncio.ensure_future(issue(SYSTEM, lambda h, now: h.issue("id-card", now)))
        await asyncio.sleep(0)
        assert "A003" in numbers(service.hall)  # in memory, on its way to a refusal
        with pytest.raises(Unavailable):
            await service.settled(numbers)
        with pytest.raises(Unavailable):
            await refused
        service.store.execute("DROP TRIGGER refuse" + ("" if "sqlite" in db_url else " ON tickets"))
        for _ in range(500):  # the hall reloads by itself; reads answer again
            try:
                shown, _ = await service.settled(numbers)
                break
            except Unavailable:
                await asyncio.sleep(0.01)
        assert shown == ["A001", "A002"]
        await service.stop()

    asyncio.run(scenario())


RELOADING = "the hall is reloading from its database after a change it could not save"
REFUSED_A_CHANGE = (
    r"the hall's database refused a change \d+ s ago, and nothing has been saved since"
)


def test_a_refused_write_changes_nothing_and_the_hall_goes_on(db_url: str) -> None:
    clock = Clock()

    async def scenario() -> tuple[list[str], SqlHallStore]:
        service = make_service(db_url, clock)
        await service.start()
        issue = service.run
        numbers = [(await issue(SYSTEM, lambda h, now: h.issue("id-card", now))).ticket.number]
        refuse_tickets(service.store, db_url)  # the ticket's row, so the event goes back too
        with pytest.raises(Unavailable):
            await issue(SYSTEM, lambda h, now: h.issue("id-card", now))
        # no other command comes: the hall reloads by itself, and what the pages and screens
        # read drops the refused ticket (it had been in memory until the next command)
        for _ in range(500):
            if [t.number for t in service.hall.tickets.values()] == ["A001"]:
                break
            await asyncio.sleep(0.01)
        assert [t.number for t in service.hall.tickets.values()] == ["A001"]
        for _ in range(500):
            if service.trouble() != RELOADING:
                break
            await asyncio.sleep(0.01)
        # reloaded, /health still says so: the next write would be refused as well
        assert re.fullmatch(REFUSED_A_CHANGE, service.trouble() or ""), service.trouble()
        with pytest.raises(Unavailable):  # the hall reloaded; the database still refuses
            await issue(SYSTEM, lambda h, now: h.issue("id-card", now))
        service.store.execute("DROP TRIGGER refuse" + ("" if "sqlite" in db_url else " ON tickets"))
        numbers.append((await issue(SYSTEM, lambda h, now: h.issue("id-card", now))).ticket.number)
        assert service.trouble() is None, "a write has landed: the database saves again"
        await service.stop()
        return numbers, service.store

    numbers, store = asyncio.run(scenario())
    assert numbers == ["A001", "A002"], "the refused tickets were never issued"
    records = list(store.events())
    assert verify_chain(records) is None
    assert [r.ticket_id for r in records if r.type == "ticket.issued"] == [
        "20261123-A001",
        "20261123-A002",
    ]
    store.close()


def test_a_clock_stepped_back_a_little_keeps_the_line_in_order_of_arrival(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An NTP correction steps the clock back 9 minutes: the ticket issued after it had an
    earlier issue time than those before it, and was called first."""
    clock = Clock()

    async def scenario() -> tuple[list[str], list[float | None]]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        run = service.run
        await run(SYSTEM, lambda h, now: (None, h.sign_in("c1", OperatorId("aigul"), now)))
        await run(SYSTEM, lambda h, now: (None, h.open_counter("c1", now)))
        for minutes in (0, 1, -9, 2):  # the third after the step back
            clock.advance(minutes=minutes)
            await run(SYSTEM, lambda h, now: h.issue("id-card", now))
        called, served = [], []
        for _ in range(3):
            ticket = await run(SYSTEM, lambda h, now: h.call_next("c1", now))
            assert ticket is not None
            called.append(ticket.number)
            await run(SYSTEM, lambda h, now, t=ticket.id: h.start(t, now))
            clock.advance(minutes=-1)  # and a smaller step during the visit
            await run(SYSTEM, lambda h, now, t=ticket.id: h.finish(t, now))
            served.append(service.hall.tickets[ticket.id].service_seconds())
        clock.advance(hours=-2)  # a hardware clock kept in local time, set right: followed
        assert service.now() == clock.now.astimezone(service.tz)
        await service.stop()
        return called, served

    called, served = asyncio.run(scenario())
    assert called == ["A001", "A002", "A003"]
    assert all(s is not None and s >= 0 for s in served), served
    assert "the clock went back by 0:09:00: the hall's time waits for it" in caplog.text
    assert "the hall's time follows it" in caplog.text


def test_a_clock_set_back_a_day_is_said_once_an_hour(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()

    async def scenario() -> None:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        await service.run(SYSTEM, lambda h, now: h.issue("id-card", now))
        clock.advance(days=-1)  # after a jump forward that began the next day, set right
        with caplog.at_level(logging.INFO):
            await service.tick()
            await service.tick()
        await service.stop()

    asyncio.run(scenario())
    said = [r.getMessage() for r in caplog.records if "before the hall's day" in r.getMessage()]
    assert said == [
        "the clock says 2026-11-22, before the hall's day 2026-11-23: set it right; the "
        "hall's day does not begin again until the clock passes that one"
    ]
    witnessed = [r for r in caplog.records if r.name == "hallserver.witness"]
    assert witnessed, "the hourly witness goes on with a clock gone back"


def test_a_writer_process_that_dies_is_replaced_and_nothing_is_lost(db_url: str) -> None:
    clock = Clock()

    async def scenario() -> tuple[list[str], SqlHallStore]:
        service = make_service(db_url, clock)
        await service.start()
        issue = service.run
        numbers = [(await issue(SYSTEM, lambda h, now: h.issue("id-card", now))).ticket.number]
        pid = service.writer_pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        while service.writer_running():
            await asyncio.sleep(0.01)
        numbers.append((await issue(SYSTEM, lambda h, now: h.issue("id-card", now))).ticket.number)
        await service.stop()
        return numbers, service.store

    numbers, store = asyncio.run(scenario())
    assert numbers == ["A001", "A002"]
    assert verify_chain(list(store.events())) is None
    store.close()


def test_a_new_day_expires_yesterdays_open_tickets_at_opening(db_url: str) -> None:
    clock = Clock()

    async def scenario() -> tuple[list[str], str]:
        service = make_service(db_url, clock)
        await service.start()
        await a_busy_morning(service, clock)
        await service.stop()
        service.store.close()
        clock.now = T0 + timedelta(days=1)
        again = make_service(db_url, clock)
        await again.start()
        issued = await again.run(SYSTEM, lambda h, now: h.issue("id-card", now))
        await again.stop()
        expired = [r.ticket_id or "" for r in again.store.events() if r.type == "ticket.expired"]
        again.store.close()
        return expired, issued.ticket.number

    expired, number = asyncio.run(scenario())
    assert len(expired) == 3  # two waiting, one called; the finished one stays finished
    assert number == "A001"


def test_a_new_database_is_migrated_to_the_newest_schema(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = SqlHallStore(db_url)
    store.migrate()
    assert current_revision(store.engine) == head_revision() == HEAD
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], "the migrations and schema.py disagree"
    store.migrate()  # twice is harmless
    store.close()


def test_audit_verify_names_the_first_altered_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"

    async def scenario() -> None:
        service = make_service(url, clock)
        await service.start()
        await a_busy_morning(service, clock)
        await service.stop()
        service.store.close()

    asyncio.run(scenario())
    assert kezek(["audit", "verify", "--db", url]) == 0
    assert "hash chain verified" in capsys.readouterr().out
    store = SqlHallStore(url)
    store.execute(
        'UPDATE events SET data = replace(data, \'"rating":"good"\', \'"rating":"excellent"\') '
        "WHERE type = 'ticket.rated'"
    )
    seq = next(r.seq for r in store.events() if r.type == "ticket.rated")
    store.close()
    assert kezek(["audit", "verify", "--db", url]) == 1
    assert (
        capsys.readouterr().err.strip()
        == f"event {seq} is bad: its content does not match its hash"
    )


def test_audit_verify_notices_a_deleted_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"

    async def scenario() -> None:
        service = make_service(url, clock)
        await service.start()
        await a_busy_morning(service, clock)
        await service.stop()
        service.store.close()

    asyncio.run(scenario())
    store = SqlHallStore(url)
    store.execute("DELETE FROM events WHERE seq = 5")
    store.close()
    assert kezek(["audit", "verify", "--db", url]) == 1
    assert "event 6 is bad: sequence jumps from 4 to 6" in capsys.readouterr().err


def test_sessions_end_by_themselves_and_when_revoked(db_url: str) -> None:
    from hallserver.access import Actor, Role

    clock = Clock()
    supervisor = Actor(Role.SUPERVISOR, "gulnar")

    async def scenario() -> list[bool]:
        service = make_service(db_url, clock)
        await service.start()
        short = await service.open_session(supervisor, timedelta(hours=1))
        revoked = await service.open_session(supervisor, timedelta(hours=12))
        seen = [await service.authenticate(short) == supervisor]
        await service.revoke(supervisor, revoked)
        seen.append(await service.authenticate(revoked) is None)
        clock.advance(hours=2)
        seen.append(await service.authenticate(short) is None)
        await service.stop()
        service.store.close()
        clock.now = T0
        again = make_service(db_url, clock)
        await again.start()
        seen += [
            await again.authenticate(short) == supervisor,
            await again.authenticate(revoked) is None,
        ]
        await again.stop()
        types = [r.type for r in again.store.events()]
        seen.append(types.count("session.opened") == 2 and "session.closed" in types)
        again.store.close()
        return seen

    assert asyncio.run(scenario()) == [True] * 6


def test_ended_sessions_are_let_go_across_days_and_restarts(tmp_path: Path) -> None:
    """A hall running for weeks: each day's sign-ins on the board and at the counters made a
    session, and every one of them had stayed in memory (and was loaded again at a start)."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    clock = Clock()
    supervisor = Actor(Role.SUPERVISOR, "gulnar")
    terminal = new_token()
    store = SqlHallStore(url)
    store.migrate()
    with store.engine.begin() as conn:  # a kiosk's token, which never ends
        conn.execute(
            schema.tokens.insert(), [token_row(terminal, Actor(Role.KIOSK, "kiosk-1"), T0)]
        )
    store.close()

    async def scenario() -> tuple[list[int], list[bool]]:
        service = make_service(url, clock)
        await service.start()
        held, seen = [], []
        ended: list[str] = []
        for _ in range(5):  # five days, each with ten board sign-ins ending after 12 hours
            ended += [
                await service.open_session(supervisor, timedelta(hours=12)) for _ in range(10)
            ]
            clock.advance(days=1)
            await service.tick()
            held.append(len(service._tokens))
        seen.append(await service.authenticate(terminal) == Actor(Role.KIOSK, "kiosk-1"))
        seen.append(await service.authenticate(ended[-1]) is None)
        held.append(len(service._tokens))  # asked for, an ended session is not taken back
        live = await service.open_session(supervisor, timedelta(hours=12))
        await service.stop()
        service.store.close()
        again = make_service(url, clock)
        await again.start()
        held.append(len(again._tokens))  # a start loads the kiosk's and the live session only
        seen.append(await again.authenticate(live) == supervisor)
        seen.append(await again.authenticate(ended[0]) is None)
        await again.stop()
        again.store.close()
        return held, seen

    held, seen = asyncio.run(scenario())
    assert held == [1, 1, 1, 1, 1, 1, 2] and seen == [True] * 4


def test_a_supervisors_session_let_go_while_the_clock_ran_ahead_keeps_their_rights(
    db_url: str,
) -> None:
    """A clock hours ahead (a hardware clock kept in local time), then set right: the sessions
    it took for ended were let go, at a tick or at a start, and read again from the database
    once the clock was right; an operator's came back without their supervisor rights."""
    url = db_url
    clock = Clock(T0 - timedelta(hours=4))  # 06:00: signed in early, the session ends at 22:00
    store = SqlHallStore(url)
    store.migrate()
    with store.engine.begin() as conn:
        row = {"login": "gulnar", "name": "Gulnar", "pin_hash": hash_pin("1234")}
        conn.execute(schema.operators.insert(), [{**row, "supervisor": True}])
    terminal = Actor(Role.COUNTER, "counter-1", "c1")

    async def scenario() -> list[Actor | None]:
        service = HallService(store, small_catalogue(), clock=clock)
        await service.start()
        token, session, _ = await service.sign_in(terminal, "c1", "gulnar", "1234")
        seen = [session, await service.authenticate(token)]
        clock.advance(hours=17)  # 23:00 the same day: ahead
        await service.tick()
        clock.advance(hours=-16)  # set right: 07:00
        seen.append(await service.authenticate(token))
        await service.stop()
        clock.advance(hours=16)  # ahead again, at a start
        again = make_service(url, clock)
        await again.start()
        clock.advance(hours=-16)
        seen.append(await again.authenticate(token))
        await again.stop()
        return seen

    seen = asyncio.run(scenario())
    assert seen[0] is not None and seen[0].supervisor
    assert seen == [seen[0]] * 4


def test_the_servers_own_sqlite_connections_keep_a_small_page_cache_each(tmp_path: Path) -> None:
    """The pool keeps up to five connections, each with a page cache of its own: at the
    writer's 64 MiB each, a server grew by 250 MB as reports read a busy day's log."""
    from hallserver.store.log_writer import WRITER_PRAGMAS
    from hallserver.store.sql import READER_CACHE_KIB

    store = SqlHallStore(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    store.migrate()
    try:
        connections = [store.engine.connect() for _ in range(5)]  # five at once: five made
        sizes = [c.exec_driver_sql("PRAGMA cache_size").scalar() for c in connections]
        modes = [c.exec_driver_sql("PRAGMA journal_mode").scalar() for c in connections]
        for connection in connections:
            connection.close()
    finally:
        store.close()
    assert sizes == [-READER_CACHE_KIB] * 5 and READER_CACHE_KIB <= 8192
    assert modes == ["wal"] * 5  # the rest of the pragmas still hold
    assert "PRAGMA cache_size=-65536" in WRITER_PRAGMAS  # the writer's own is as it was


def test_a_transfer_event_carries_both_lines_it_changed(tmp_path: Path) -> None:
    clock = Clock()

    async def scenario() -> list[dict[str, object]]:
        service = make_service(f"sqlite:///{tmp_path / 'k.sqlite3'}", clock)
        await service.start()
        run = service.run
        await run(SYSTEM, lambda h, now: (None, h.sign_in("c1", OperatorId("aigul"), now)))
        await run(SYSTEM, lambda h, now: (None, h.open_counter("c1", now)))
        await run(SYSTEM, lambda h, now: h.issue("id-card", now))
        called = await run(SYSTEM, lambda h, now: h.call_next("c1", now))
        assert called is not None
        await run(SYSTEM, lambda h, now: h.transfer(called.id, "birth", now))
        await service.stop()
        events = [e for e in service.store.events() if e.type == "ticket.transferred"]
        service.store.close()
        return [json.loads(e.data) for e in events]

    [transferred] = asyncio.run(scenario())
    lines = transferred["queue"]
    assert isinstance(lines, list)
    assert [(q["service_id"], q["waiting"]) for q in lines] == [("birth", 1), ("id-card", 0)]


def wal_resets(wal: Path) -> int:
    """How many times SQLite has started this log over (the header's checkpoint sequence)."""
    return int.from_bytes(wal.read_bytes()[12:16], "big")


def test_the_log_starts_over_even_when_commits_never_pause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under non-stop load a commit always lands while the server copies the log, so the
    server's copy is never whole and the log is never started over. Here a reader holding
    the copy back until it ends stands in for that commit."""
    database = tmp_path / "hall.sqlite3"
    wal = tmp_path / "hall.sqlite3-wal"
    monkeypatch.setattr(service_module, "CHECKPOINT_S", 3600.0)  # only the test's own copy
    clock = Clock()

    async def scenario() -> tuple[list[int], SqlHallStore]:
        service = make_service(f"sqlite:///{database}", clock)
        await service.start()

        async def issue() -> None:
            await service.run(SYSTEM, lambda h, now: h.issue("id-card", now))

        await issue()
        reader = sqlite3.connect(database, check_same_thread=False)
        try:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM events").fetchall()  # sees the log up to here
            await issue()  # lands after the reader's view: the server cannot copy it yet
            copy = service.store.checkpoint

            def held_back() -> None:
                copy()
                reader.rollback()  # the commit the server could not copy is now copyable

            monkeypatch.setattr(service.store, "checkpoint", held_back)
            resets = [wal_resets(wal)]
            await service.checkpoint()
        finally:
            reader.close()
        await issue()
        resets.append(wal_resets(wal))
        await issue()
        resets.append(wal_resets(wal))
        await service.stop()
        return resets, service.store

    resets, store = asyncio.run(scenario())
    assert resets[1] == resets[0] + 1, "the commit after the checkpoint started the log over"
    assert resets[2] == resets[1], "and the next one appended to it"
    assert verify_chain(list(store.events())) is None
    assert [r.ticket_id for r in store.events() if r.type == "ticket.issued"] == [
        f"20261123-A00{n}" for n in range(1, 5)
    ]
    store.close()


def test_the_log_is_read_by_time_through_its_time_index(tmp_path: Path) -> None:
    """Restarts and reports read the log by `at`. A restart's question (only a lower bound)
    ordered by seq had SQLite walk the whole log in seq order: 620 ms for a month of log."""
    store = SqlHallStore(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    store.migrate()
    asked: list[tuple[str, Any]] = []

    def remember(*call: Any) -> None:  # conn, cursor, statement, parameters, context, many
        statement, parameters = call[2], call[3]
        if "FROM events" in statement and "events.at >=" in statement:
            asked.append((statement, parameters))

    sqlalchemy.event.listen(store.engine, "before_cursor_execute", remember)
    store.load(T0 - timedelta(days=30), reports_since=T0 - timedelta(days=1))  # a restart
    list(store.events_between("2026-11-22", "2026-11-24"))  # a report
    sqlalchemy.event.remove(store.engine, "before_cursor_execute", remember)
    assert len(asked) == 2
    with store.engine.connect() as conn:
        for statement, parameters in asked:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            assert "USING INDEX ix_events_at" in " ".join(str(step[-1]) for step in plan), plan
    store.close()


def test_the_log_read_by_time_comes_in_its_own_order(db_url: str) -> None:
    store = a_logged_morning(db_url, Clock()).store
    logged = [record.seq for record in store.events()]
    store.execute(
        "UPDATE events SET at = '2026-11-23T23:59:59+05:00' WHERE seq = 1"
    )  # last by time
    assert [row.seq for row in store.events_between("2026-11-22", "2026-11-25")] == logged
    assert [row.seq for row in store.events_between("2026-11-22", "2026-11-23T12")] == logged[1:]
    store.close()


def test_a_writer_that_cannot_open_the_database_stops_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer opens the database while the day loads; if it cannot, the start fails with
    the reason and leaves no writer behind."""
    clock = Clock()
    service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
    nowhere = str(tmp_path / "gone" / "hall.sqlite3")
    monkeypatch.setattr(service.store, "writer_target", lambda: ("sqlite", nowhere))

    fails_to_start_and_leaves_no_writer(service, "cannot open the database")


def test_a_day_that_cannot_be_loaded_leaves_no_writer_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", Clock())

    def unreadable() -> None:
        raise StoreError("the saved day cannot be read")

    monkeypatch.setattr(service, "load", unreadable)

    fails_to_start_and_leaves_no_writer(service, "cannot be read")


def fails_to_start_and_leaves_no_writer(service: HallService, reason: str) -> None:
    async def scenario() -> None:
        with pytest.raises(StoreError, match=reason):
            await service.start()
        assert not service.writer_running()
        assert service.writer_pid() is None

    asyncio.run(scenario())
    service.store.close()


def test_a_report_that_fails_gives_its_database_connection_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report reads the log as it goes; whatever stops it, the connection goes back."""
    clock = Clock()
    service = a_logged_morning(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)

    def fails_halfway(events: Iterator[Any], *args: Any, **kwargs: Any) -> None:
        next(events)
        raise ValueError("the report broke")

    monkeypatch.setattr(reports_page, "build_report", fails_halfway)
    pool = service.store.engine.pool
    assert isinstance(pool, QueuePool)
    with pytest.raises(ValueError, match="broke") as failure:
        reports_page.period_report(service, T0.date(), T0.date(), clock())
    assert failure.traceback  # still held, as an error page or a log would hold it
    assert pool.checkedout() == 0
    service.store.close()


def test_a_command_whose_events_cannot_be_logged_leaves_the_hall_and_the_chain_as_they_were(
    tmp_path: Path,
) -> None:
    clock = Clock()

    async def scenario() -> tuple[dict[str, object], dict[str, object], str]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        await a_busy_morning(service, clock)
        before = state_of(service) | {"announcement": service.hall.state.announcement}
        with pytest.raises(InvalidInput, match="cannot be stored"):  # a safety net: the API
            # and the board refuse such text as they parse it
            await service.run(SYSTEM, lambda h, now: (None, h.announce({"kk": "\ud800 closed"})))
        assert service._reloading is not None  # the pages must not show it: reloaded at once
        await asyncio.wait_for(service._reloading, 10)
        assert service.hall.state.announcement == before["announcement"]
        issued = await service.run(SYSTEM, lambda h, now: h.issue("birth", now))
        after = state_of(service) | {"announcement": service.hall.state.announcement}
        await service.stop()
        return before, after, issued.ticket.number

    before, after, number = asyncio.run(scenario())
    assert after["announcement"] == before["announcement"]
    assert number == "B002", "the refused command changed nothing: numbering goes on"
    store = SqlHallStore(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    records = list(store.events())
    assert verify_chain(records, start_seq=0) is None
    assert [r.seq for r in records] == list(range(1, len(records) + 1))


def count_replays(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The replays of the queue (wait forecasts) the hall makes from now on, by their time."""
    replayed: list[datetime] = []
    real = hall_module.forecast

    def counted(*args: Any) -> Any:
        replayed.append(args[-1])
        return real(*args)

    monkeypatch.setattr(hall_module, "forecast", counted)
    return replayed


async def three_counters_open(service: HallService, clock: Clock) -> TicketId:
    """`a_busy_morning`, a land visitor, and counters 2 and 3 open: the ticket counter 1 calls."""
    await a_busy_morning(service, clock)
    run = service.run
    await run(SYSTEM, lambda h, now: h.issue("land", now))
    for c in ("c2", "c3"):
        await run(SYSTEM, lambda h, now, c=c: (None, h.sign_in(c, OperatorId(c), now)))
        await run(SYSTEM, lambda h, now, c=c: (None, h.open_counter(c, now)))
    called = service.hall.counters[CounterId("c1")].current
    assert called is not None
    return called


async def a_commit_under_way(
    service: HallService, called: TicketId
) -> tuple[int, asyncio.Future[Any]]:
    """The writer paused (SIGSTOP: its disk's fsync slow) with the start of `called` sent to
    it: its pid, for the caller's SIGCONT or SIGKILL, and the start's answer to come."""
    pid = service.writer_pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    started = asyncio.ensure_future(service.run(SYSTEM, lambda h, now: h.start(called, now)))
    await asyncio.sleep(0.05)  # sealed and sent: the writer is to commit it
    return pid, started


def test_the_commands_of_one_turn_of_the_loop_are_sealed_after_one_replay_of_the_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every event carries its lines' figures, and with a counter open they need a replay of
    the queue: a millisecond with a hundred counters, three for each visitor (call, start,
    finish). The commands that arrive together are sealed after one replay, not one each
    (`bench_server`'s calls, on one host: p99 27-33 ms before, 8-9 ms after), and each event
    carries its own lines as the hall has them after them all."""
    clock = Clock()
    replayed = count_replays(monkeypatch)

    async def scenario() -> tuple[list[Any], list[JsonObject], dict[str, int]]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        called = await three_counters_open(service, clock)
        run = service.run
        replayed.clear()
        together = await asyncio.gather(
            run(SYSTEM, lambda h, now: h.start(called, now)),
            run(SYSTEM, lambda h, now: h.call_next("c2", now)),
            run(SYSTEM, lambda h, now: h.call_next("c3", now)),
        )
        waiting = {s: service.hall.lanes.count(ServiceId(s)) for s in ("id-card", "birth", "land")}
        await service.stop()
        *_, start, birth, land = (json.loads(r.data) for r in service.store.events())
        service.store.close()
        return together, [start, birth, land], waiting

    together, events, waiting = asyncio.run(scenario())
    assert len(replayed) == 1, "one replay for the three commands"
    assert [e["ticket"]["service_id"] for e in events] == ["id-card", "birth", "land"]
    assert [together[1].service, together[2].service] == ["birth", "land"]
    for event in events:
        lines = {line["service_id"]: line["waiting"] for line in event["queue"]}
        assert lines[event["ticket"]["service_id"]] == waiting[event["ticket"]["service_id"]]
    store = SqlHallStore(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    assert verify_chain(list(store.events()), start_seq=0) is None
    store.close()


def test_commands_that_arrive_while_the_writer_commits_are_sealed_together_once_it_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a counter open, the commands that arrive while the writer commits (its disk's
    fsync) wait for its answer, which they would anyway, and are sealed then, after one
    replay of the queue: the call test's p99 7.2-8.5 ms against 11.5-12.5 ms sealed at the
    end of each turn, one host, runs alternated."""
    clock = Clock()
    replayed = count_replays(monkeypatch)

    async def scenario() -> tuple[int, int, list[str]]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        called = await three_counters_open(service, clock)
        run = service.run
        replayed.clear()
        writer, started = await a_commit_under_way(service, called)
        tasks = [started]
        try:
            for c in ("c2", "c3"):  # each in a turn of its own
                tasks.append(
                    asyncio.ensure_future(run(SYSTEM, lambda h, now, c=c: h.call_next(c, now)))
                )
                await asyncio.sleep(0.05)
            held, before = len(service._unsealed), len(replayed)
        finally:
            os.kill(writer, signal.SIGCONT)
        await asyncio.gather(*tasks)
        await service.stop()
        *_, start, birth, land = (json.loads(r.data) for r in service.store.events())
        service.store.close()
        return held, before, [e["ticket"]["service_id"] for e in (start, birth, land)]

    held, before, order = asyncio.run(scenario())
    assert (held, before) == (2, 1), "the two calls wait for the writer, unsealed"
    assert len(replayed) == 2, "then one replay for them both"
    assert order == ["id-card", "birth", "land"]


def test_a_writer_that_dies_while_commands_wait_for_it_is_no_refusal_on_health(
    tmp_path: Path,
) -> None:
    """With a counter open, a command that arrives while the writer commits waits for its
    answer. The writer dies instead: the commands are refused, the hall reloads, and /health
    says all is well again. It had said the database refused a change, and nothing had been
    saved since, for as long as no command came (it had refused none: the writer was gone)."""
    clock = Clock()

    async def scenario() -> tuple[list[object], str | None]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        called = await three_counters_open(service, clock)
        run = service.run
        pid, started = await a_commit_under_way(service, called)  # and then the writer dies
        tasks = [started]
        try:
            tasks.append(asyncio.ensure_future(run(SYSTEM, lambda h, now: h.call_next("c2", now))))
            await asyncio.sleep(0.05)
            assert len(service._unsealed) == 1, "the call waits for the writer's answer"
        finally:
            os.kill(pid, signal.SIGKILL)
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        for _ in range(500):
            if service.writer_running() and service.trouble() != RELOADING:
                break
            await asyncio.sleep(0.01)
        trouble = service.trouble()
        await service.stop()
        service.store.close()
        return outcomes, trouble

    outcomes, trouble = asyncio.run(scenario())
    assert all(isinstance(o, Unavailable) for o in outcomes), outcomes
    assert trouble is None


def test_a_command_that_cannot_be_logged_refuses_the_commands_of_its_turn(
    tmp_path: Path,
) -> None:
    """Sealed together (see above), none of a turn's commands is saved if one cannot be: each
    was applied over those before it, and the figures of the events before it counted it (a
    line two long with one ticket). The others get a "try again" that changes nothing."""
    clock = Clock()

    async def scenario() -> tuple[list[object], str, int]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        await a_busy_morning(service, clock)
        run = service.run
        outcomes = await asyncio.gather(
            run(SYSTEM, lambda h, now: h.issue("land", now)),
            run(
                SYSTEM,
                lambda h, now: h.issue(
                    "birth", now, priority=Priority.ELDERLY, priority_reason="\ud800"
                ),
            ),
            run(SYSTEM, lambda h, now: h.issue("land", now)),
            return_exceptions=True,
        )
        assert service._reloading is not None
        await asyncio.wait_for(service._reloading, 10)
        waiting = service.hall.lanes.count(ServiceId("land"))
        issued = await run(SYSTEM, lambda h, now: h.issue("land", now))
        await service.stop()
        service.store.close()
        return outcomes, issued.ticket.number, waiting

    (before, bad, after), number, waiting = asyncio.run(scenario())
    assert isinstance(before, Unavailable) and "try again" in str(before)
    assert isinstance(bad, InvalidInput) and "cannot be stored" in str(bad)
    assert isinstance(after, Unavailable) and "try again" in str(after)
    assert waiting == 0, "nothing of the turn is kept"
    assert number == "L001"
    store = SqlHallStore(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    records = list(store.events())
    assert verify_chain(records, start_seq=0) is None
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    lands = [json.loads(r.data)["queue"] for r in records if "L0" in r.data]
    assert [line["waiting"] for q in lands for line in q if line["service_id"] == "land"] == [1]
    store.close()


def test_a_command_that_cannot_be_logged_refuses_the_commands_waiting_to_be_sealed(
    tmp_path: Path,
) -> None:
    """With a counter open, the commands that arrive while the writer commits wait for its
    answer, unsealed. One whose hall state cannot be logged (a safety net: the API refuses
    such text) had been applied over them, and they were sealed with it in their lines'
    figures (a line two long with one ticket, for good): they are refused with it now."""
    clock = Clock()

    def bad(h: Hall, now: datetime) -> tuple[Any, list[Any]]:
        issued, events = h.issue("land", now)
        return issued, events + h.announce({"kk": "\ud800 closed"})

    async def scenario() -> tuple[object, int]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        called = await three_counters_open(service, clock)
        run = service.run
        pid, started = await a_commit_under_way(service, called)
        try:
            waiting = asyncio.ensure_future(run(SYSTEM, lambda h, now: h.issue("land", now)))
            await asyncio.sleep(0.05)
            assert len(service._unsealed) == 1, "the ticket waits for the writer's answer"
            with pytest.raises(InvalidInput, match="cannot be stored"):
                await run(SYSTEM, bad)
        finally:
            os.kill(pid, signal.SIGCONT)
        await started
        outcome = (await asyncio.gather(waiting, return_exceptions=True))[0]
        assert service._reloading is not None
        await asyncio.wait_for(service._reloading, 10)
        land = service.hall.service_queue(ServiceId("land"), service.now()).waiting
        await service.stop()
        service.store.close()
        return outcome, land

    outcome, land = asyncio.run(scenario())
    assert isinstance(outcome, Unavailable) and "try again" in str(outcome), outcome
    assert land == 1
    store = SqlHallStore(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    records = list(store.events())
    assert verify_chain(records, start_seq=0) is None
    figures = [
        line["waiting"]
        for r in records
        for line in json.loads(r.data).get("queue", [])
        if line["service_id"] == "land"
    ]
    assert figures[-1] == land, "the log's last figure for the line is the line as it is"
    store.close()


def test_a_snapshot_read_in_the_turn_of_a_command_that_cannot_be_logged_leaves_it_out(
    tmp_path: Path,
) -> None:
    """A snapshot (a screen connecting) read in the same turn of the loop as a command whose
    events cannot be logged seals it (`stamped`): it shows the hall as reloaded, not that
    command's ticket under the number of the event before it, which no event takes back."""
    clock = Clock()

    def numbers(h: Hall) -> list[str]:
        return sorted(t.number for t in h.tickets.values())

    async def scenario() -> tuple[list[object], list[str]]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        await service.run(SYSTEM, lambda h, now: h.issue("land", now))
        bad, read = await asyncio.gather(
            service.run(
                SYSTEM,
                lambda h, now: h.issue(
                    "land", now, priority=Priority.ELDERLY, priority_reason="\ud800"
                ),
            ),
            service.settled(numbers),
            return_exceptions=True,
        )
        await service.stop()
        service.store.close()
        return [bad, read], numbers(service.hall)

    (bad, read), after = asyncio.run(scenario())
    assert isinstance(bad, InvalidInput)
    assert after == ["L001"]
    assert not isinstance(read, BaseException), read
    assert read[0] == ["L001"], "a snapshot showed a ticket that was never saved"


def test_a_snapshot_that_finds_the_writer_gone_as_it_seals_is_refused_at_once(
    tmp_path: Path,
) -> None:
    """The writer died while idle; the day's opening, handed on, and a snapshot read in the
    same turn of the loop: sealed by the snapshot, the opening is refused at once (the writer
    is gone), and so is the snapshot, which would show it (503, come again), rather than wait
    for a commit of that number, none at all till it gives up or another's under it."""
    clock = Clock()

    async def scenario() -> tuple[object, object, float]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        await service.run(SYSTEM, lambda h, now: h.issue("land", now))
        pid = service.writer_pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        while service.writer_running():
            await asyncio.sleep(0.01)
        clock.advance(days=1)
        started = time.monotonic()
        rolled, read = await asyncio.gather(
            service.tick(), service.settled(lambda h: h.state.day), return_exceptions=True
        )
        waited = time.monotonic() - started
        await service.stop()
        service.store.close()
        return rolled, read, waited

    rolled, read, waited = asyncio.run(scenario())
    assert isinstance(rolled, Unavailable)
    assert isinstance(read, Unavailable) and "refused" in str(read), read
    assert waited < service_module.SETTLE_WAIT_S / 2


def last_lines(service: HallService) -> list[str]:
    """The lines the newest event in the log carries."""
    *_, last = service.store.events()
    return [line["service_id"] for line in json.loads(last.data)["queue"]]


def test_after_a_refused_event_the_next_one_carries_every_line_again(tmp_path: Path) -> None:
    """An event carries a line only when its minutes moved since an event last carried it. A
    refused event's lines never reached a screen: after the reload, the next event carries
    every line, as the screens may hold either."""
    clock = Clock()

    async def scenario() -> tuple[list[str], list[str]]:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        await a_busy_morning(service, clock)  # counter 1 open: every line is published
        await service.run(SYSTEM, lambda h, now: h.issue("land", now))
        quiet = last_lines(service)
        with pytest.raises(InvalidInput, match="cannot be stored"):
            await service.run(
                SYSTEM,
                lambda h, now: h.issue(
                    "birth", now, priority=Priority.ELDERLY, priority_reason="\ud800"
                ),
            )
        assert service._reloading is not None
        await asyncio.wait_for(service._reloading, 10)
        await service.run(SYSTEM, lambda h, now: h.issue("land", now))
        again = last_lines(service)
        await service.stop()
        return quiet, again

    quiet, again = asyncio.run(scenario())
    assert quiet == ["land"], "nothing else moved"
    assert again == ["birth", "id-card", "land"]


def test_one_hall_server_per_database(db_url: str) -> None:
    first = claim_database(db_url)
    with pytest.raises(DatabaseInUse, match="another hall server") as refused:
        claim_database(db_url)
    if db_url.startswith("sqlite"):
        assert f"(pid {os.getpid()})" in str(refused.value)  # who to stop
    first.release()
    again = claim_database(db_url)  # given up: the next server starts
    again.release()


def test_a_folder_this_user_may_not_write_is_said_to_be_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def denied(path: str, flags: int, mode: int = 0o777) -> int:  # as for a root-owned folder
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode)

    monkeypatch.setattr("hallserver.store.claim.os.open", denied)
    database = tmp_path / "kezek.sqlite3"
    with pytest.raises(StoreError) as refused:
        claim_database(f"sqlite:///{database}")
    assert str(refused.value) == (
        f"cannot use the database {database}: Permission denied ({database}.lock)"
    )


def test_a_sqlite_uri_claims_the_same_file_as_its_plain_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "my hall").mkdir()
    plain = claim_database(f"sqlite:///{tmp_path / 'my hall' / 'hall.sqlite3'}")
    try:
        for uri in (
            f"sqlite:///file:{tmp_path / 'x' / '..' / 'my hall' / 'hall.sqlite3'}?uri=true",
            f"sqlite:///file://localhost{tmp_path / 'my%20hall' / 'hall.sqlite3'}?uri=true",
        ):
            with pytest.raises(DatabaseInUse):
                claim_database(uri)
    finally:
        plain.release()
    assert (tmp_path / "my hall" / "hall.sqlite3.lock").read_text() == "", "no stale pid left"
    monkeypatch.chdir(tmp_path)
    claim_database("sqlite:///file:memdb?mode=memory&uri=true").release()
    assert not list(tmp_path.glob("*.lock")), "a database in memory is nobody else's to open"


def test_a_url_that_is_no_database_is_refused_in_one_line() -> None:
    with pytest.raises(StoreError, match="not a database URL") as refused:
        claim_database("postgres ql://me:secret@host/db")
    assert "secret" not in str(refused.value)


def test_a_catalogue_without_a_service_todays_tickets_use_waits_for_tomorrow(
    db_url: str, tmp_path: Path
) -> None:
    store = open_store(db_url)
    demo = hall_catalogue(store, demo=True, path=None)
    clock = Clock()

    async def a_passport_ticket() -> str:
        service = HallService(store, demo, clock=clock, enforce_hours=False)
        await service.start()
        issued = await service.run(SYSTEM, lambda h, now: h.issue("passport", now))
        await service.stop()
        return issued.ticket.number

    number = asyncio.run(a_passport_ticket())
    text = demo_catalogue_text()
    start = text.index('[[service]]\nid = "passport"')
    text = text[:start] + text[text.index("[[service]]", start + 1) :]
    text = text.replace('"passport", ', "").replace(', "passport"', "")
    smaller = tmp_path / "hall.toml"
    smaller.write_text(text, encoding="utf-8")
    before = store.config(CATALOGUE_KEY)
    with pytest.raises(SetupError) as refused:
        hall_catalogue(store, demo=False, path=smaller, now=clock())
    assert str(refused.value) == (
        f"the catalogue has no service passport, which today's tickets use ({number}): keep "
        "them in it until the hall closes (suspend the service for today meanwhile)"
    )
    assert store.config(CATALOGUE_KEY) == before, "refused: the hall keeps its catalogue"
    # saved beside a running server before that ticket was issued: the next start says so,
    # where it would have served the ticket's page and the terminals' snapshot a 500
    store.put_config(CATALOGUE_KEY, text)
    with pytest.raises(SetupError, match=f"use \\({number}\\).*--catalogue FILE"):
        build(ServerConfig(db_url=db_url, announce=False), clock=clock)
    store.put_config(CATALOGUE_KEY, before or "")
    yesterday = clock() - timedelta(days=1)  # a clock behind the saved day: still that day's
    assert catalogue_conflict(store, parse_catalogue(text, source="t"), yesterday) is not None
    tomorrow = clock() + timedelta(days=1)  # the hall has closed: today's tickets are history
    kept = hall_catalogue(store, demo=False, path=smaller, now=tomorrow)
    assert "passport" not in {s.id for s in kept.services}
    assert store.config(CATALOGUE_KEY) == text
    store.close()


def test_bookings_from_today_on_for_a_dropped_service_are_named_when_the_catalogue_is_checked(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = open_store(db_url)
    demo = hall_catalogue(store, demo=True, path=None)
    # `kezek hall --check` reads the real clock: the bookings are a few days after it
    clock = Clock(datetime.now(ALMATY).replace(hour=10, minute=0, second=0, microsecond=0))

    async def book() -> datetime:
        service = HallService(store, demo, clock=clock, enforce_hours=False)
        await service.start()
        run = service.run
        day = next(  # the first day after tomorrow with passport slots (no weekend, no holiday)
            d
            for d in (clock().date() + timedelta(days=n) for n in range(2, 20))
            if free_slots(service.hall, "passport", d, clock())
        )
        slot = datetime.fromisoformat(free_slots(service.hall, "passport", day, clock())[0]["at"])
        for code in ("PASS01", "PASS02", "GONE01"):
            await run(SYSTEM, lambda h, now, c=code: h.book("passport", slot, c, now, iin=None))
        await run(SYSTEM, lambda h, now: h.book("id-card", slot, "IDCARD", now, iin=None))
        await run(SYSTEM, lambda h, now: h.cancel_booking("GONE01", now))
        await service.stop()
        return slot

    slot = asyncio.run(book())
    midnight = clock().replace(hour=0)  # the hall's: the day's bookings count from it
    with store.engine.begin() as conn:  # two more, either side of it (UTC, as the writer keeps)
        for code, slot_at in (("PAST01", midnight - timedelta(minutes=30)), ("LATE01", midnight)):
            row = {"code": code, "service_id": "passport", "iin": None, "state": "booked"}
            at = slot_at.astimezone(UTC)
            data = json.dumps(row | {"slot_at": at.isoformat(), "ticket_id": None})
            conn.execute(schema.bookings.insert(), [row | {"slot_at": at, "data": data}])
    text = demo_catalogue_text()
    start = text.index('[[service]]\nid = "passport"')
    text = text[:start] + text[text.index("[[service]]", start + 1) :]
    smaller = tmp_path / "hall.toml"
    smaller.write_text(text.replace('"passport", ', "").replace(', "passport"', ""), "utf-8")
    assert bookings_left_behind(store, demo, clock()) == (  # no slot is at midnight
        f"1 booking(s) from today on fall when the catalogue has the hall or their service "
        f"closed (LATE01 passport {midnight:%Y-%m-%d} 00:00): their check-in will be refused, "
        "so tell those visitors, or keep the hours until their day"
    )
    closing = demo_catalogue_text().replace(  # a day off moved onto the bookings' day
        "[hall.dates]\n", f'[hall.dates]\n"{slot:%Y-%m-%d}" = "closed"\n', 1
    )
    named = bookings_left_behind(store, parse_catalogue(closing, source="x"), clock())
    booked = f"{slot:%Y-%m-%d %H:%M}"
    assert named is not None and named.startswith(
        f"4 booking(s) from today on fall when the catalogue has the hall or their service "
        f"closed (LATE01 passport {midnight:%Y-%m-%d} 00:00, IDCARD id-card {booked}, "
        f"PASS01 passport {booked}, PASS02 passport {booked})"
    ), named
    always_open = bookings_left_behind(  # --always-open: hours refuse no check-in
        store, parse_catalogue(closing, source="x"), clock(), hours=False
    )
    assert always_open is None
    store.close()
    assert kezek(["hall", "--db", db_url, "--check", "--catalogue", str(smaller)]) == 0
    note = capsys.readouterr().out.splitlines()[-1]
    assert note == (  # saved all the same: the bookings may be weeks ahead
        "Note: 3 booking(s) from today on are for passport, which the catalogue no longer has "
        "(LATE01, PASS01, PASS02): their check-in will be refused, so tell those visitors, or "
        "keep the service until their day"
    )
    with caplog.at_level(logging.WARNING, logger="hallserver.server"):  # and at every start
        _, hall = build(ServerConfig(db_url=db_url, announce=False, port=0), clock=clock)
        hall.store.close()
    logged = [r.getMessage() for r in caplog.records if r.name == "hallserver.server"]
    assert logged == [note.removeprefix("Note: ")]


def test_a_ticket_sent_there_and_back_keeps_its_first_service_in_the_catalogue(
    tmp_path: Path,
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    demo = hall_catalogue(store, demo=True, path=None)
    clock = Clock()

    async def sent_to_pensions_and_back() -> str:
        service = HallService(store, demo, clock=clock, enforce_hours=False)
        await service.start()
        run = service.run
        await run(SYSTEM, lambda h, now: (None, h.sign_in("c1", OperatorId("aigul"), now)))
        await run(SYSTEM, lambda h, now: (None, h.open_counter("c1", now)))
        issued = await run(SYSTEM, lambda h, now: h.issue("passport", now))
        ticket = issued.ticket
        await run(SYSTEM, lambda h, now: h.call_next("c1", now))
        await run(SYSTEM, lambda h, now: h.start(ticket.id, now))
        await run(SYSTEM, lambda h, now: h.transfer(ticket.id, "pension", now, come_back=True))
        await service.stop()
        return ticket.number

    number = asyncio.run(sent_to_pensions_and_back())
    text = demo_catalogue_text()
    start = text.index('[[service]]\nid = "passport"')
    text = text[:start] + text[text.index("[[service]]", start + 1) :]
    text = text.replace('"passport", ', "").replace(', "passport"', "")
    conflict = catalogue_conflict(store, parse_catalogue(text, source="t"), clock())
    assert conflict is not None and f"({number})" in conflict, "it goes back to passports"
    store.close()


def test_a_heal_that_meets_the_database_down_tries_again_and_never_breaks_the_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(service_module, "HEAL_RETRY_S", 0.01)

    async def scenario() -> None:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        real_load = service.load
        down = [sqlalchemy.exc.OperationalError("SELECT", {}, Exception("server closed"))] * 2

        def load() -> None:  # the database is down for two tries, as after its restart
            if down:
                raise down.pop()
            real_load()

        monkeypatch.setattr(service, "load", load)
        service._committed([], StoreError("the database went away"))
        for _ in range(500):
            if not service._broken:
                break
            await asyncio.sleep(0.01)
        assert not service._broken and down == []
        service._committed([], StoreError("and again"))
        await service.stop()  # while a heal may be on its way: no error from it

    asyncio.run(scenario())


def test_a_token_not_there_is_looked_up_once_off_the_loop_and_one_made_later_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", Clock())
    service.load()
    looked: list[str] = []
    threads: set[str] = set()
    real = service._token_row

    def counted(key: str) -> dict[str, Any] | None:
        looked.append(key)
        threads.add(threading.current_thread().name)
        return real(key)

    monkeypatch.setattr(service, "_token_row", counted)

    async def scenario() -> None:
        for _ in range(3):  # a terminal retrying with a token it no longer has
            assert await service.authenticate("not-a-token") is None
        assert len(looked) == 1, "each retry went to the database"
        token = new_token()  # as `kezek token create` makes one while the hall runs
        with service.store.engine.begin() as conn:
            actor = Actor(Role.KIOSK, "late-kiosk")
            conn.execute(schema.tokens.insert(), [token_row(token, actor, T0)])
        found = await service.authenticate(token)
        assert found is not None and found.subject == "late-kiosk"
        racing = new_token()  # looked up a moment before its row was saved: found a while later
        assert await service.authenticate(racing) is None
        with service.store.engine.begin() as conn:
            conn.execute(
                schema.tokens.insert(), [token_row(racing, Actor(Role.KIOSK, "racer"), T0)]
            )
        monkeypatch.setattr(service_module, "UNKNOWN_TOKEN_S", 0.0)
        assert await service.authenticate(racing) is not None

    asyncio.run(scenario())
    assert threads == {"kezek-tokens_0"}, "read on the loop, or in the pool sign-ins share"
    service.store.close()


def test_requests_bringing_one_unknown_token_at_once_wait_for_one_read(tmp_path: Path) -> None:
    service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", Clock())
    service.load()
    looked: list[str] = []
    real = service._token_row

    def slow(key: str) -> dict[str, Any] | None:
        looked.append(key)
        time.sleep(0.05)  # a busy database: the others arrive while it reads
        return real(key)

    service._token_row = slow  # type: ignore[method-assign]

    async def scenario() -> list[object]:
        return await asyncio.gather(*(service.authenticate("made-up") for _ in range(20)))

    assert asyncio.run(scenario()) == [None] * 20
    assert len(looked) == 1 and not service._token_reads
    service.store.close()


def test_a_service_changed_while_the_hall_runs_is_there_after_a_restart(db_url: str) -> None:
    from hallserver.server import hall_catalogue

    clock = Clock()
    fee = {"kk": "2 АЕК", "ru": "2 МРП", "en": "2 MCI"}

    async def scenario() -> HallService:
        store = SqlHallStore(db_url)
        store.migrate()
        catalogue = hall_catalogue(store, demo=True, path=None)
        service = HallService(store, catalogue, clock=clock)
        await service.start()
        changed = await service.revise_service(
            SYSTEM, "passport", {"fee": fee, "target_wait_min": 25}
        )
        assert changed.fee is not None and changed.fee.to_json() == fee
        await service.stop()
        store.close()
        again_store = SqlHallStore(db_url)
        again = HallService(again_store, hall_catalogue(again_store, demo=False, path=None))
        await again.start()
        await again.stop()
        return again

    again = asyncio.run(scenario())
    passport = again.hall.service("passport")
    assert passport.fee is not None and passport.fee.to_json() == fee
    assert passport.target_wait_min == 25
    types = [r.type for r in again.store.events()]
    assert types.count("service.changed") == 1, "in the log, with who changed it"
    again.store.close()


def test_a_service_change_the_database_refuses_is_not_left_in_the_hall(db_url: str) -> None:
    from hallserver.server import hall_catalogue

    async def scenario() -> tuple[str, str, int]:
        store = SqlHallStore(db_url)
        store.migrate()
        service = HallService(store, hall_catalogue(store, demo=True, path=None), clock=Clock())
        await service.start()
        before = service.hall.service("passport").duration_min
        refuse_tickets(store, db_url, "UPDATE ON hall_state")  # the catalogue's row
        with pytest.raises(Unavailable):
            await service.revise_service(SYSTEM, "passport", {"duration_min": before + 7})
        for _ in range(500):  # the hall reloads by itself, from what the disk holds
            if service.hall.service("passport").duration_min == before:
                break
            await asyncio.sleep(0.01)
        shown = service.hall.service("passport").duration_min
        service.store.execute(
            "DROP TRIGGER refuse" + ("" if "sqlite" in db_url else " ON hall_state")
        )
        changed = await service.revise_service(SYSTEM, "passport", {"duration_min": before + 7})
        await service.stop()
        store.close()
        return f"{before}", f"{shown}", changed.duration_min - before

    before, shown, moved = asyncio.run(scenario())
    assert shown == before, "a refused change is not shown as if it were saved"
    assert moved == 7, "and it can be made again"


def test_a_catalogue_file_given_after_board_changes_says_it_replaces_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from hallserver.server import hall_catalogue

    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"

    async def edit() -> None:
        store = SqlHallStore(url)
        store.migrate()
        service = HallService(store, hall_catalogue(store, demo=True, path=None), clock=Clock())
        await service.start()
        await service.revise_service(SYSTEM, "passport", {"duration_min": 33})
        await service.stop()
        store.close()

    asyncio.run(edit())
    file = tmp_path / "hall.toml"
    file.write_text(demo_catalogue_text(), encoding="utf-8")  # the file as first given
    store = SqlHallStore(url)
    with caplog.at_level(logging.WARNING):
        hall_catalogue(store, demo=False, path=file)
    said = [r.getMessage() for r in caplog.records if "changed on the board" in r.getMessage()]
    assert len(said) == 1 and "passport" in said[0] and "kezek catalogue export" in said[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING):  # said once: the file is now what the hall runs
        hall_catalogue(store, demo=False, path=file)
    assert not [r for r in caplog.records if "changed on the board" in r.getMessage()]
    store.close()


@pytest.mark.postgres
def test_two_halls_never_write_to_one_postgresql_database_together(pg_url: str) -> None:
    """The claim taken at start lives in one connection; if a cut ends it, a second hall can
    start. Commits come only from the session holding the writer's lock: the first hall,
    cut off, is refused rather than numbering tickets beside the second."""
    from hallserver.store.log_writer import WRITER_LOCK_KEY

    clock = Clock()

    def issue(h: Hall, now: datetime) -> tuple[Any, list[Any]]:
        return h.issue("id-card", now)

    async def scenario() -> list[str]:
        first = make_service(pg_url, clock)
        await first.start()
        await first.run(SYSTEM, issue)
        # its start claim is gone (as a cut ends it), its writer writes on: a restore or a
        # compaction, which claim the database, must still not go ahead beside it
        with pytest.raises(DatabaseInUse):
            claim_database(pg_url)
        claim_database(pg_url, serving=True).release()  # a server's writer would then say
        with pytest.raises(StoreError, match="another hall server is writing"):
            await make_service(pg_url, clock).start()
        # the first hall's writer loses its session (a PostgreSQL restart, a network cut)
        first.store.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
            f"AND objid = {WRITER_LOCK_KEY & 0xFFFFFFFF} AND pid <> pg_backend_pid()"
        )
        second = make_service(pg_url, clock)
        await second.start()  # its writer takes the lock the cut let go
        for _ in range(2):  # cut off, then reloaded: refused both times, never written
            with pytest.raises(Unavailable):
                await first.run(SYSTEM, issue)
        numbers = [(await second.run(SYSTEM, issue)).ticket.number for _ in range(2)]
        await second.stop()
        await first.stop()
        return numbers

    assert asyncio.run(scenario()) == ["A002", "A003"]

    async def cut_on_one_side() -> str:
        """A cut the hall's side heard of and PostgreSQL did not: the old session, still
        named as this hall's writer, keeps the lock. The hall ends it and writes on."""
        import psycopg

        from hallserver.store.log_writer import WRITER_NAME

        hall = make_service(pg_url, clock)
        await hall.start()
        name = f"{WRITER_NAME} {hall._writer._instance}"
        stale = psycopg.connect(pg_url.replace("+psycopg", ""), application_name=name)
        hall.store.execute(  # the writer's session goes; the stale one takes the lock at once
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
            f"AND objid = {WRITER_LOCK_KEY & 0xFFFFFFFF} AND pid <> pg_backend_pid()"
        )
        stale.execute("SELECT pg_advisory_lock(%s)", (WRITER_LOCK_KEY,))
        number = ""
        for _ in range(20):
            try:
                number = (await hall.run(SYSTEM, issue)).ticket.number
                break
            except Unavailable:
                await asyncio.sleep(0.2)
        with pytest.raises(psycopg.OperationalError):  # ended by the hall's new writer
            stale.execute("SELECT 1")
        stale.close()
        await hall.stop()
        return number

    assert asyncio.run(cut_on_one_side()) == "A004"
    store = SqlHallStore(pg_url)
    records = list(store.events())
    assert verify_chain(records) is None
    issued = [r.ticket_id for r in records if r.type == "ticket.issued"]
    assert issued == ["20261123-A001", "20261123-A002", "20261123-A003", "20261123-A004"]
    store.close()


R = TypeVar("R")


async def killed_after_committing(
    service: HallService, command: Coroutine[Any, Any, R]
) -> asyncio.Future[R]:
    """`command` on its way, its writer killed once it has committed, before it answers."""
    writer = service._writer
    answered = asyncio.Event()
    writer.received = lambda data: answered.set()  # type: ignore[method-assign]
    on_the_way = asyncio.ensure_future(command)
    try:
        await asyncio.wait_for(answered.wait(), 10)  # committed; the answer never arrives
    finally:
        del writer.received
    pid = writer.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    return on_the_way


def test_a_writer_that_dies_after_committing_leaves_its_tickets_answered_as_issued(
    db_url: str,
) -> None:
    """A writer killed between its commit and its answer: the reload finds the ticket stored,
    so its kiosk hears 201, not "refused" (a second ticket for one visitor, a ghost in the
    queue). One killed before it committed is refused, and nothing of it stays."""
    clock = Clock()

    def issue(h: Hall, now: datetime) -> tuple[Any, list[Any]]:
        return h.issue("id-card", now)

    async def scenario() -> None:
        service = make_service(db_url, clock)
        await service.start()
        try:
            writer = service._writer
            on_the_way = await killed_after_committing(service, service.run(SYSTEM, issue))
            issued = await asyncio.wait_for(on_the_way, 10)
            assert issued.ticket.number == "A001"
            assert [t.number for t in service.hall.tickets.values()] == ["A001"]

            for _ in range(500):  # the hall writes again by itself
                if writer.running and not service._broken:
                    break
                await asyncio.sleep(0.01)
            pid = writer.pid
            assert pid is not None
            os.kill(pid, signal.SIGSTOP)  # it takes nothing in: the next command is never written
            refused = asyncio.ensure_future(service.run(SYSTEM, issue))
            await asyncio.sleep(0.2)
            os.kill(pid, signal.SIGKILL)
            with pytest.raises(Unavailable):
                await asyncio.wait_for(refused, 10)
            for _ in range(500):
                if not service._broken:
                    break
                await asyncio.sleep(0.01)
            assert [t.number for t in service.hall.tickets.values()] == ["A001"]
            assert (await service.run(SYSTEM, issue)).ticket.number == "A002"
        finally:
            await service.stop()

    asyncio.run(scenario())


def test_a_commit_refused_for_a_full_disk_says_so() -> None:
    from hallserver.service import refusal

    full = StoreError("database write failed: database or disk is full")
    assert refusal(full).startswith("the hall server's disk is full: nothing was saved")
    locked = StoreError("database write failed: database is locked")
    assert refusal(locked) == "the hall's database refused the change; try again"


def test_a_database_file_removed_while_the_hall_runs_stops_it_saving_and_starting_afresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deleted or moved by hand, the file took answered tickets into an unlinked inode, and
    the next start made a new, empty hall that numbered the day again."""
    database = tmp_path / "kezek.sqlite3"
    clock = Clock()

    def issue(h: Hall, now: datetime) -> tuple[Any, list[Any]]:
        return h.issue("id-card", now)

    async def scenario() -> None:
        service = make_service(f"sqlite:///{database}", clock)
        await service.start()
        await service.run(SYSTEM, issue)
        os.replace(database, tmp_path / "moved.sqlite3")
        with pytest.raises(Unavailable):
            await service.run(SYSTEM, issue)
        await service.stop()

    asyncio.run(scenario())
    for leftover in tmp_path.glob("kezek.sqlite3*"):  # what the reload opened again
        if leftover.name != "kezek.sqlite3.lock":
            leftover.unlink()
    (tmp_path / "kezek.sqlite3.lock").touch()  # a hall ran here
    assert kezek(["hall", "--data-dir", str(tmp_path), "--demo", "--check"]) == 1
    said = capsys.readouterr().err.strip()
    assert said.startswith(f"kezek: {database} is gone, but a hall ran there"), said
    assert len(said.splitlines()) == 1 and not database.exists()


def test_a_catalogue_edit_a_dying_writer_committed_is_the_one_the_hall_runs_on(
    db_url: str,
) -> None:
    """Answered as done (the database holds it), the edit must be what the hall serves by
    too: the reload after the writer's death had rebuilt the hall on the catalogue before it."""
    from hallserver.server import hall_catalogue

    clock = Clock()

    async def scenario() -> None:
        store = SqlHallStore(db_url)
        store.migrate()
        service = HallService(store, hall_catalogue(store, demo=True, path=None), clock=clock)
        await service.start()
        before = service.hall.service("passport").duration_min
        edit = service.revise_service(SYSTEM, "passport", {"duration_min": before + 7})
        try:
            changed = await asyncio.wait_for(await killed_after_committing(service, edit), 10)
            assert changed.duration_min == before + 7
            assert service.hall.service("passport").duration_min == before + 7
            kept = service._catalogue.service("passport")
            assert kept is not None and kept.duration_min == before + 7
        finally:
            await service.stop()

    asyncio.run(scenario())


def test_a_connection_broken_during_commit_is_answered_unsure_not_refused(
    tmp_path: Path,
) -> None:
    """PostgreSQL may have committed before the connection broke: the writer says it does not
    know, and the server reads the database to answer (as for a writer that died)."""
    from hallserver.store import log_writer

    store = SqlHallStore(f"sqlite:///{tmp_path / 'plan.sqlite3'}")
    store.migrate()
    writer = log_writer.LogWriter("postgresql", "postgresql://nowhere/x", store.table_plan())
    store.close()

    class Broken:  # the one seam: a psycopg connection whose COMMIT met a cut
        broken = False

        def cursor(self) -> Broken:
            return self

        def executemany(self, sql: str, rows: object) -> None: ...

        def close(self) -> None: ...

        def rollback(self) -> None: ...

        def commit(self) -> None:
            self.broken = True
            raise OSError("server closed the connection unexpectedly")

    def answer_to(connection: object) -> list[Any]:
        writer._connection = connection
        incoming, outgoing = os.pipe()
        try:
            log_writer.commit(writer, [("w", 7, [], None, [], [])], None, outgoing)
            return log_writer.unframe(bytearray(os.read(incoming, 4096)))
        finally:
            os.close(incoming)
            os.close(outgoing)

    [reply] = answer_to(Broken())
    assert reply[0] == "unsure" and reply[1] == 7
    refused = Broken()
    refused.commit = lambda: (_ for _ in ()).throw(OSError("refused"))  # type: ignore[method-assign]
    [reply] = answer_to(refused)  # the connection still stands: a refusal, said as one
    assert reply[0] == "fail" and reply[1] == 7


def test_a_snapshot_waits_for_a_hanging_commit_only_so_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit that hangs (a database gone quiet) must not hold every screen's snapshot."""
    monkeypatch.setattr(service_module, "SETTLE_WAIT_S", 0.3)
    clock = Clock()

    async def scenario() -> None:
        service = make_service(f"sqlite:///{tmp_path / 'hall.sqlite3'}", clock)
        await service.start()
        pid = service._writer.pid
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)  # the writer takes nothing in: the commit hangs
        try:
            issuing = asyncio.ensure_future(
                service.run(SYSTEM, lambda h, now: h.issue("id-card", now))
            )
            await asyncio.sleep(0.05)
            with pytest.raises(Unavailable, match="slow to answer"):
                await service.settled(lambda h: len(h.tickets))
            assert service._settling == []
        finally:
            os.kill(pid, signal.SIGCONT)
        await issuing  # it lands once the writer goes on
        assert (await service.settled(lambda h: len(h.tickets)))[0] == 1
        await service.stop()

    asyncio.run(scenario())


def issue_id_card(h: Hall, now: datetime) -> tuple[Any, list[Any]]:
    return h.issue("id-card", now)


async def silenced(service: HallService) -> tuple[int, asyncio.Future[Any]]:
    """The writer stopped (SIGSTOP: it takes nothing in), and one ticket handed to it."""
    pid = service.writer_pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    on_the_way = asyncio.ensure_future(service.run(SYSTEM, issue_id_card))
    await asyncio.sleep(0.05)
    return pid, on_the_way


def test_a_writer_silent_past_the_limit_refuses_new_commands_until_it_answers(
    db_url: str,
) -> None:
    clock = Clock()
    issue = issue_id_card

    async def scenario() -> None:
        service = make_service(db_url, clock)
        await service.start()
        pid, on_the_way = await silenced(service)
        try:
            seen = time.monotonic()  # the watch's own task may have looked already
            service.watch(seen)
            service.watch(seen + service.stalled_after_s - 0.5)
            assert service.trouble() is None, "slow is not yet silent"
            service.watch(seen + service.stalled_after_s)
            assert (service.trouble() or "").startswith("the hall's database has not answered")
            with pytest.raises(Unavailable, match="nothing was changed"):
                await service.run(SYSTEM, issue)
            assert [t.number for t in service.hall.tickets.values()] == ["A001"]
            os.kill(pid, signal.SIGCONT)
            assert (await asyncio.wait_for(on_the_way, 10)).ticket.number == "A001"
            assert service.trouble() is None
            assert (await service.run(SYSTEM, issue)).ticket.number == "A002"
        finally:
            os.kill(pid, signal.SIGCONT)
            await service.stop()

    asyncio.run(scenario())


def test_a_hall_stopped_while_its_database_is_silent_stops_and_answers_what_was_on_its_way(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stop() waited for the silent writer for ever: Ctrl+C hung, and systemd killed the
    server without its last witness."""
    import hallserver.service as service_module

    monkeypatch.setattr(service_module, "STOP_FLUSH_S", 0.5)
    clock = Clock()

    async def scenario() -> None:
        service = make_service(db_url, clock)
        await service.start()
        _, on_the_way = await silenced(service)
        await asyncio.wait_for(service.stop(), 10)
        with pytest.raises(Unavailable):  # never written: the database says so
            await asyncio.wait_for(on_the_way, 1)
        assert not service.writer_running()

    asyncio.run(scenario())
