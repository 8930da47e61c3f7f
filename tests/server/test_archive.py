"""Archiving old events: the file holds them, the database lets them go, the chain stays whole."""

from __future__ import annotations

import asyncio
import gzip
import json
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect

from hallserver import archive as archive_module
from hallserver.__main__ import main as kezek
from hallserver.access import SYSTEM
from hallserver.archive import anchor
from hallserver.eventlog import EventRecord, stored_digest
from hallserver.service import HallService
from hallserver.store import schema
from hallserver.store.anchor import ANCHOR_KEY
from hallserver.store.sql import SqlHallStore, StoreError, midnight_utc
from tests.conftest import ALMATY, T0, Clock, small_catalogue
from tests.server.test_store import a_busy_morning, db_url, state_of

__all__ = ["db_url"]  # the fixture: SQLite, and PostgreSQL for real
MONDAY, TUESDAY = (T0 - timedelta(days=7)).date(), (T0 - timedelta(days=6)).date()


def service_for(url: str, clock: Clock) -> HallService:
    store = SqlHallStore(url)
    store.migrate()
    return HallService(store, small_catalogue(), clock=clock)


def three_mornings(url: str) -> tuple[HallService, Clock]:
    """Monday and Tuesday a week ago, and today (T0): a busy morning each; the hall stopped."""
    clock = Clock(T0 - timedelta(days=7))

    async def scenario() -> HallService:
        service = service_for(url, clock)
        await service.start()
        for day in (T0 - timedelta(days=7), T0 - timedelta(days=6), T0):
            clock.now = day
            await a_busy_morning(service, clock)
        await service.stop()
        return service

    return asyncio.run(scenario()), clock


def days_logged(store: SqlHallStore) -> dict[str, int]:
    days: dict[str, int] = {}
    for record in store.events():
        days[record.at[:10]] = days.get(record.at[:10], 0) + 1
    return days


def archive(url: str, file: Path, before: date) -> int:
    return kezek(["audit", "archive", str(file), "--before", before.isoformat(), "--db", url])


def monday_archived(tmp_path: Path) -> tuple[str, HallService, Path]:
    """Three mornings on SQLite, then Monday's events archived to `monday.gz`."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service, _ = three_mornings(url)
    file = tmp_path / "monday.gz"
    assert archive(url, file, TUESDAY) == 0
    return url, service, file


def forged(
    file: Path, line: int, change: Callable[[dict[str, Any]], None], name: str = "forged.gz"
) -> Path:
    """A copy of the archive `file` with one JSON line (0: the header) changed."""
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        text = lines.read().splitlines()
    data = json.loads(text[line])
    change(data)
    text[line] = json.dumps(data, ensure_ascii=False)
    copy = file.with_name(name)
    with gzip.open(copy, "wt", encoding="utf-8") as out:
        out.write("\n".join(text) + "\n")
    return copy


def test_old_days_move_to_a_file_and_the_chain_and_the_hall_carry_on(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "DELETE_SLICE", 4)  # several slices, as on a long log
    service, clock = three_mornings(db_url)
    store = service.store
    logged = days_logged(store)
    total = sum(logged.values())
    monday = logged[MONDAY.isoformat()]
    before_state = state_of(service)
    file = tmp_path / "monday.kezek-archive.gz"

    assert archive(db_url, file, TUESDAY) == 0
    assert f"archived events 1–{monday} (before {TUESDAY})" in capsys.readouterr().out
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        header = json.loads(lines.readline())
        archived = [json.loads(line) for line in lines]
    assert (header["first_seq"], header["last_seq"]) == (1, monday)
    assert [e["seq"] for e in archived] == list(range(1, monday + 1))
    assert {e["at"][:10] for e in archived} == {MONDAY.isoformat()}
    assert header["last_hash"] == archived[-1]["hash"]

    assert days_logged(store) == {k: v for k, v in logged.items() if k != MONDAY.isoformat()}
    ticket_days = {row["day"] for row in store.rows(schema.tickets)}
    assert MONDAY not in ticket_days and TUESDAY in ticket_days
    assert anchor(store).seq == monday and anchor(store).before == TUESDAY

    assert kezek(["audit", "verify", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert f"{total - monday} events after event {monday}" in out and "archived" in out
    assert kezek(["audit", "verify", "--db", db_url, "--archive", str(file)]) == 0
    assert f"event log intact: {total} events" in capsys.readouterr().out

    async def restart() -> tuple[dict[str, object], str, int]:
        again = service_for(db_url, clock)
        await again.start()
        state = state_of(again)
        issued = await again.run(SYSTEM, lambda h, now: h.issue("id-card", now))
        await again.stop()
        return state, issued.ticket.number, again.hub.last_seq

    state, number, last_seq = asyncio.run(restart())
    assert state == before_state
    assert number == "A004"
    assert last_seq == total + 1, "the log numbers on from where it was"
    assert kezek(["audit", "verify", "--db", db_url, "--archive", str(file)]) == 0


def test_a_second_archive_carries_the_chain_on_and_every_file_is_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service, _ = three_mornings(url)
    total = sum(days_logged(service.store).values())
    first, second = tmp_path / "1.gz", tmp_path / "2.gz"
    assert archive(url, first, TUESDAY) == 0
    assert archive(url, second, TUESDAY + timedelta(days=1)) == 0
    capsys.readouterr()
    assert set(days_logged(service.store)) == {T0.date().isoformat()}
    assert (
        kezek(["audit", "verify", "--db", url, "--archive", str(second), "--archive", str(first)])
        == 0
    )
    assert f"event log intact: {total} events" in capsys.readouterr().out
    assert kezek(["audit", "verify", "--db", url, "--archive", str(second)]) == 2
    assert "give every archive file" in capsys.readouterr().err


def test_a_change_to_an_archive_or_to_the_log_after_it_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, service, file = monday_archived(tmp_path)
    kept = anchor(service.store).seq + 1

    def other_service(event: dict[str, Any]) -> None:
        event["data"] = event["data"].replace("id-card", "birth", 1)

    altered = forged(file, 3, other_service)  # the third event: a ticket issued
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", url, "--archive", str(altered)]) == 1
    assert capsys.readouterr().err.strip() == (
        "event 3 is bad: its content does not match its hash"
    )
    service.store.execute("DELETE FROM events WHERE seq = :seq", seq=kept)  # the oldest kept
    assert kezek(["audit", "verify", "--db", url]) == 1
    assert "sequence jumps" in capsys.readouterr().err


def test_what_cannot_be_archived_is_refused_with_one_line_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service, _ = three_mornings(url)
    store = service.store
    logged = days_logged(store)
    file = tmp_path / "a.gz"
    tomorrow = date.today() + timedelta(days=1)  # in any time zone, too recent
    refusals = [
        (["--before", "2026-13-01"], "is not a date like"),
        (["--before", tomorrow.isoformat()], "today's and yesterday's events stay"),
        (["--before", MONDAY.isoformat()], f"no events before {MONDAY} are left"),
    ]
    for options, reason in refusals:
        assert kezek(["audit", "archive", str(file), *options, "--db", url]) == 2
        err = capsys.readouterr().err
        assert reason in err and len(err.strip().splitlines()) == 1, err
    file.write_text("keep me")
    assert archive(url, file, TUESDAY) == 2
    assert "exists already" in capsys.readouterr().err
    assert file.read_text() == "keep me"
    store.execute("UPDATE events SET actor = 'forger' WHERE seq = 2")
    assert archive(url, tmp_path / "b.gz", TUESDAY) == 2
    assert "event 2 is bad" in capsys.readouterr().err
    assert not (tmp_path / "b.gz").exists() and not (tmp_path / "b.gz.part").exists()
    assert days_logged(store) == logged and anchor(store).seq == 0
    assert kezek(["audit", "verify", "--db", url, "--archive", str(file)]) == 2
    assert "cannot be read as a Kezek archive" in capsys.readouterr().err


def test_a_backup_of_an_archived_log_restores_and_checks_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    three_mornings(url)
    assert archive(url, tmp_path / "monday.gz", TUESDAY) == 0
    backup = tmp_path / "hall.kezek-backup.gz"
    assert kezek(["backup", str(backup), "--db", url]) == 0
    restored = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    assert kezek(["restore", str(backup), "--db", restored]) == 0
    assert (
        kezek(["audit", "verify", "--db", restored, "--archive", str(tmp_path / "monday.gz")]) == 0
    )


def test_an_archive_made_while_the_hall_works_loses_nothing_it_acknowledged(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "DELETE_SLICE", 3)
    service, clock = three_mornings(db_url)
    file = tmp_path / "old.gz"

    async def work_while_archiving() -> list[str]:
        again = service_for(db_url, clock)
        await again.start()
        moving = asyncio.create_task(
            asyncio.to_thread(archive_module.archive, again.store, TUESDAY, file, ALMATY, T0.date())
        )
        issued: list[str] = []
        while not moving.done():
            ticket = await again.run(SYSTEM, lambda h, now: h.issue("birth", now))
            issued.append(ticket.ticket.id)
        await moving
        await again.stop()
        return issued

    issued = asyncio.run(work_while_archiving())
    assert len(issued) > 3
    ids = {row["id"] for row in service.store.rows(schema.tickets)}
    assert set(issued) <= ids
    logged = {r.ticket_id for r in service.store.events() if r.type == "ticket.issued"}
    assert set(issued) <= logged
    assert archive_module.verify(service.store, [file]).problem is None


def test_a_stopped_archive_is_finished_by_the_next_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service, _ = three_mornings(url)
    store = service.store
    total = sum(days_logged(store).values())

    def power_cut(*_: object) -> None:
        raise KeyboardInterrupt

    orphan, file = tmp_path / "orphan.gz", tmp_path / "monday.gz"
    with monkeypatch.context() as patched:  # stopped after the file, before the anchor moved
        patched.setattr(SqlHallStore, "put_config", power_cut)
        assert archive(url, orphan, TUESDAY) == 130
    assert orphan.exists() and anchor(store).seq == 0
    with monkeypatch.context() as patched:  # stopped after the anchor and one slice
        patched.setattr(archive_module, "DELETE_SLICE", 4)
        patched.setattr(archive_module, "_settle", power_cut)
        assert archive(url, file, TUESDAY) == 130
    monday = anchor(store).seq
    assert monday > 4 and min(r.seq for r in store.events()) == 5  # one slice went
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", url, "--archive", str(file)]) == 0
    assert archive(url, tmp_path / "again.gz", TUESDAY) == 0
    assert f"an earlier archive (events 1–{monday}, in monday.gz)" in capsys.readouterr().out
    assert not (tmp_path / "again.gz").exists()
    assert MONDAY.isoformat() not in days_logged(store)
    assert MONDAY not in {row["day"] for row in store.rows(schema.tickets)}
    assert kezek(["audit", "verify", "--db", url, "--archive", str(file)]) == 0
    assert f"event log intact: {total} events" in capsys.readouterr().out
    # the stopped run's file holds the very same events: it checks out in the listed one's place
    assert kezek(["audit", "verify", "--db", url, "--archive", str(orphan)]) == 0


def test_a_forged_archive_header_is_not_taken_on_trust(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, service, file = monday_archived(tmp_path)

    def reaching_on(header: dict[str, Any]) -> None:
        header["last_seq"] = 10**9  # "the database's events are all in here": skip them

    forgery = forged(file, 0, reaching_on)
    service.store.execute(
        "UPDATE events SET actor = 'forger' WHERE seq = :seq", seq=anchor(service.store).seq + 1
    )
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", url, "--archive", str(forgery)]) == 2
    assert "forged.gz is not one of this database's archives" in capsys.readouterr().err
    assert kezek(["audit", "verify", "--db", url, "--archive", str(file)]) == 1
    assert "is bad: its content does not match its hash" in capsys.readouterr().err


def test_the_halls_last_working_day_is_never_archived(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    clock = Clock(T0 - timedelta(days=7))

    async def two_mornings_then_closed() -> HallService:
        service = service_for(url, clock)
        await service.start()
        for day in (T0 - timedelta(days=7), T0 - timedelta(days=6)):
            clock.now = day
            await a_busy_morning(service, clock)
        await service.stop()
        return service

    service = asyncio.run(two_mornings_then_closed())
    wednesday = TUESDAY + timedelta(days=1)
    assert archive(url, tmp_path / "a.gz", wednesday) == 2
    assert f"--before must be {TUESDAY} or earlier: the hall's last working day" in (
        capsys.readouterr().err
    )
    assert anchor(service.store).seq == 0
    assert archive(url, tmp_path / "a.gz", TUESDAY) == 0


def test_a_log_emptied_under_its_anchor_numbers_on_from_the_anchor(tmp_path: Path) -> None:
    url, service, _ = monday_archived(tmp_path)
    clock = Clock(T0)
    start = anchor(service.store)
    service.store.execute("DELETE FROM events WHERE seq > :seq", seq=start.seq)  # none left

    async def one_more() -> None:
        again = service_for(url, clock)
        await again.start()
        await again.run(SYSTEM, lambda h, now: h.issue("birth", now))
        await again.stop()

    asyncio.run(one_more())
    [record] = list(service.store.events())
    assert (record.seq, record.prev_hash) == (start.seq + 1, start.hash)


def test_a_damaged_record_of_the_archives_stops_the_start_and_the_check_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, service, _ = monday_archived(tmp_path)
    service.store.execute("DELETE FROM events")  # the start would number on from the anchor
    service.store.put_config(ANCHOR_KEY, '{"seq": "many"}')
    with pytest.raises(StoreError, match="record of its archives is damaged"):
        asyncio.run(service_for(url, Clock(T0)).start())
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", url]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "the database's record of its archives is damaged" in line


def test_an_archive_cut_short_fails_the_check_as_damaged_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _, file = monday_archived(tmp_path)
    whole = file.read_bytes()
    cut = tmp_path / "cut.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])  # a copy that stopped two thirds through
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", url, "--archive", str(cut)]) == 1
    assert "cut.gz is damaged" in capsys.readouterr().err


def test_an_archive_whose_compressed_bytes_are_damaged_fails_the_check_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A byte flipped inside the file's compressed stream (a bad disk, a bad copy): the check
    fails in one line (the file damaged, or the event it spoilt), never with a traceback (zlib's
    error had escaped both handlers)."""
    url, _, file = monday_archived(tmp_path)
    whole = file.read_bytes()
    bad = tmp_path / "bad.gz"
    tried = zlib_errors = 0
    for offset in range(len(whole) // 3, len(whole) - 8, max(1, len(whole) // 40)):
        flipped = bytearray(whole)
        flipped[offset] ^= 0xFF
        bad.write_bytes(bytes(flipped))
        try:
            with gzip.open(bad, "rb") as stream:
                stream.read()
        except zlib.error:
            zlib_errors += 1
        except (OSError, EOFError):  # gzip's own complaint (a bad CRC): handled before too
            pass
        else:
            continue  # this flip happens to decompress
        tried += 1
        capsys.readouterr()
        code = kezek(["audit", "verify", "--db", url, "--archive", str(bad)])
        said = capsys.readouterr().err.strip()
        assert code in (1, 2), said
        assert said and "\n" not in said and "Traceback" not in said, said
    assert zlib_errors >= 2, "the flips made no damaged compressed stream to check"


def test_bookings_past_the_ten_day_rule_go_with_the_archived_days(
    db_url: str, tmp_path: Path
) -> None:
    """A booking's row holds the visitor's IIN: once its slot is before the archived days and
    the 10 days the one-booking rule looks back, nothing reads it; its events are in the file."""
    clock = Clock(T0 - timedelta(days=14))

    async def scenario() -> HallService:
        service = service_for(db_url, clock)
        await service.start()
        for days_ago, code in ((14, "OLD14"), (7, "WEEK7")):
            clock.now = T0 - timedelta(days=days_ago)
            slot = clock.now + timedelta(hours=3)
            await service.run(
                SYSTEM, lambda h, now, s=slot, c=code: h.book("id-card", s, c, now, iin=None)
            )
            await a_busy_morning(service, clock)
        clock.now = T0  # today: the hall has moved on
        await a_busy_morning(service, clock)
        await service.stop()
        return service

    store = asyncio.run(scenario()).store
    assert {row["code"] for row in store.rows(schema.bookings)} == {"OLD14", "WEEK7"}
    done = archive_module.archive(store, TUESDAY, tmp_path / "old.gz", ALMATY, today=T0.date())
    assert done.bookings == 1
    assert {row["code"] for row in store.rows(schema.bookings)} == {"WEEK7"}, (
        "a week-old booking stays: the one-booking rule still reads it"
    )
    with gzip.open(tmp_path / "old.gz", "rt", encoding="utf-8") as lines:
        next(lines)
        created = [json.loads(line) for line in lines if '"booking.created"' in line]
    codes = [json.loads(e["data"])["booking"]["code"] for e in created]  # data: as sealed
    assert codes == ["OLD14", "WEEK7"]


def test_the_bookings_cutoff_is_the_halls_midnight_on_either_database(db_url: str) -> None:
    store = SqlHallStore(db_url)
    store.migrate()
    early = datetime(2026, 11, 13, 3, 0, tzinfo=ALMATY)  # on the cutoff day: stays
    late = datetime(2026, 11, 12, 23, 0, tzinfo=ALMATY)  # the evening before: goes
    with store.engine.begin() as conn:
        for code, slot in (("EARLY", early), ("LATE", late)):
            conn.execute(  # as the writer stores them: in UTC
                schema.bookings.insert().values(
                    code=code,
                    service_id="id-card",
                    slot_at=slot.astimezone(UTC),
                    iin=None,
                    state="booked",
                    data="{}",
                )
            )
    cutoff = midnight_utc(date(2026, 11, 13), ALMATY)
    assert archive_module._delete_old_bookings(store, cutoff) == 1
    assert {row["code"] for row in store.rows(schema.bookings)} == {"EARLY"}
    store.close()


def test_rows_numbered_below_one_fail_the_check_and_are_never_archived_away(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reports read every row by its time: one the chain never walks must fail the check."""
    service, _ = three_mornings(db_url)
    store = service.store
    store.execute(  # a copy of event 1, numbered before the log starts, as another ticket
        "INSERT INTO events SELECT -seq, at, type, actor, counter_id, 'x-' || ticket_id, data, "
        "prev_hash, hash FROM events WHERE seq = 1"
    )
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", db_url]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert (
        line == "event -1 is bad: its number is below 1, which the hall never writes: it was added"
    )
    assert archive(db_url, tmp_path / "monday.gz", TUESDAY) == 2  # it would delete the evidence
    assert "event -1 is bad" in capsys.readouterr().err
    assert min(r["seq"] for r in store.rows(schema.events)) == -1
    assert not (tmp_path / "monday.gz").exists()


def test_an_anchor_naming_no_archive_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written by hand over a log never archived, it hid the events before it from the check."""
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service, _ = three_mornings(url)
    store = service.store
    third = next(r for r in store.events() if r.seq == 3)
    store.put_config(
        ANCHOR_KEY, json.dumps({"seq": 3, "hash": third.hash, "before": "2026-11-17", "parts": []})
    )
    store.execute("UPDATE events SET actor = 'forger' WHERE seq = 2")
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", url]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "names no archive file, which Kezek never writes: it was written by hand" in line
    assert archive(url, tmp_path / "monday.gz", TUESDAY) == 2
    assert "names no archive file" in capsys.readouterr().err


def test_archived_events_a_stopped_archive_left_are_checked_up_to_the_anchor(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    service, _ = three_mornings(db_url)
    store = service.store

    def power_cut(*_: object) -> None:
        raise KeyboardInterrupt

    file = tmp_path / "monday.gz"
    with monkeypatch.context() as patched:  # stopped after the anchor and one slice
        patched.setattr(archive_module, "DELETE_SLICE", 4)
        patched.setattr(archive_module, "_settle", power_cut)
        assert archive(db_url, file, TUESDAY) == 130
    monday = anchor(store).seq
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", db_url]) == 0
    left = monday - 4
    assert (
        f"; {left} archived events an archive has not deleted yet (its next run does) end at "
        f"event {monday} as it holds" in capsys.readouterr().out
    )
    store.execute("UPDATE events SET actor = 'forger' WHERE seq = 6")  # without the files too
    assert kezek(["audit", "verify", "--db", db_url]) == 1
    assert capsys.readouterr().err == "event 6 is bad: its content does not match its hash\n"
    assert kezek(["audit", "verify", "--db", db_url, "--archive", str(file)]) == 1
    assert "event 6 is bad" in capsys.readouterr().err
    store.execute("DELETE FROM events WHERE seq <= 6 OR seq = :monday", monday=monday)
    assert kezek(["audit", "verify", "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"event {monday - 1} is bad: the archived events still in the database end at it, not at "
        f"event {monday} where the database's log starts\n"
    ), err


def seal_archived(url: str, file: Path) -> Path:
    """A morning three days on at the hall `url`, then every event before it archived to
    `file`: the seal of damage a restore kept now with it."""
    later = datetime.now(ALMATY) + timedelta(days=3)
    clock = Clock(later.replace(hour=10))

    async def a_later_morning() -> None:
        service = service_for(url, clock)
        await service.start()
        await a_busy_morning(service, clock)
        await service.stop()

    asyncio.run(a_later_morning())
    store = SqlHallStore(url)
    archive_module.archive(store, later.date(), file, ALMATY, later.date() + timedelta(days=1))
    store.close()
    return file


def test_a_hall_with_kept_damage_archives_past_it_and_its_seal_stays_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.server.test_backup import changed

    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    three_mornings(url)
    backup = tmp_path / "hall.kezek-backup.gz"
    assert kezek(["backup", str(backup), "--db", url]) == 0
    forged = changed(backup, lambda row: row.update(actor="x"), "forged.gz")  # Monday's event 2
    kept = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    assert kezek(["restore", str(forged), "--db", kept, "--keep-damaged"]) == 0
    monday = tmp_path / "monday.gz"
    capsys.readouterr()
    assert archive(kept, monday, TUESDAY) == 0, capsys.readouterr().err
    for args in ([], ["--archive", str(monday)]):
        assert kezek(["audit", "verify", "--db", kept, *args]) == 0
    said = capsys.readouterr().out
    assert said.count("damaged events 2, kept by `kezek restore --keep-damaged` of forged") == 1
    rest = seal_archived(kept, tmp_path / "rest.gz")
    store = SqlHallStore(kept)
    sealed_by = json.loads(store.config("accepted_damage") or "")["sealed_by"]
    assert anchor(store).seq >= sealed_by  # archived with it
    files = ["--archive", str(monday), "--archive", str(rest)]
    assert kezek(["audit", "verify", "--db", kept]) == 0  # no kept event is left in it
    assert "damaged events" not in capsys.readouterr().out
    assert kezek(["audit", "verify", "--db", kept, *files]) == 0
    said = capsys.readouterr().out
    assert "damaged events 2, kept by `kezek restore --keep-damaged` of forged.gz at " in said
    assert f"(sealed in the log as event {sealed_by}), are passed" in said
    record = json.loads(store.config("accepted_damage") or "")
    record["events"]["3"] = record["content"]["3"] = "0" * 64  # more damage "kept", by hand
    store.put_config("accepted_damage", json.dumps(record))
    assert kezek(["audit", "verify", "--db", kept, *files]) == 1
    assert f"is not the one event {sealed_by} of the log sealed: it was written by hand" in (
        capsys.readouterr().err
    )


def test_a_second_keep_damaged_restore_keeps_archived_damage_only_as_its_seal_recorded_it(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Damage kept, then archived with its seal: a backup's record of it is no proof, the seal
    in the archive files is; a restore that keeps it again checks it there first."""
    from tests.server.test_backup import changed

    url = f"sqlite:///{tmp_path / 'source.sqlite3'}"  # db_url may be hall.sqlite3
    three_mornings(url)
    backup = tmp_path / "hall.kezek-backup.gz"
    assert kezek(["backup", str(backup), "--db", url]) == 0
    first = changed(backup, lambda row: row.update(actor="x"), "first.gz")  # Monday's event 2
    kept = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    assert kezek(["restore", str(first), "--db", kept, "--keep-damaged"]) == 0
    monday = tmp_path / "monday.gz"
    assert archive(kept, monday, TUESDAY) == 0
    rest = seal_archived(kept, tmp_path / "rest.gz")
    files = ["--archive", str(monday), "--archive", str(rest)]
    again = tmp_path / "again.gz"
    assert kezek(["backup", str(again), "--db", kept]) == 0
    damaged = changed(again, lambda row: row.update(actor="y"), "damaged.gz", which=(3,))
    # a forger rewrites archived event 2 in the file, and the backup's record of it to match
    rewritten: dict[str, Any] = {}

    def rewrite(event: dict[str, Any]) -> None:
        event["actor"] = "operator:mallory"  # its hash column left as it was
        rewritten.update(event)

    evil = forged(monday, 2, rewrite, "evil.gz")
    lying = tmp_path / "lying.gz"
    with gzip.open(damaged, "rt", encoding="utf-8") as lines, gzip.open(lying, "wt") as out:
        for line in lines:
            item = json.loads(line)
            if item.get("table") == "hall_state" and item["row"]["key"] == "accepted_damage":
                record = json.loads(item["row"]["data"])
                record["content"]["2"] = stored_digest(EventRecord(**rewritten))
                item["row"]["data"] = json.dumps(record)
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    capsys.readouterr()
    # no files: it cannot be checked, so it is not kept, and nothing is restored
    assert kezek(["restore", str(damaged), "--db", db_url, "--keep-damaged"]) == 2
    said = capsys.readouterr().err
    assert "the damage an earlier restore kept (event 2) is archived with its seal, event " in said
    assert "give the archive files with --archive (every one)" in said
    evil_files = ["--archive", str(evil), "--archive", str(rest)]
    for backup_file, given, refusal in (
        (lying, evil_files, "of the log sealed: it was written by hand"),
        (lying, files, "the archive files do not check out: event 2 is bad: its content"),
        (damaged, evil_files, "the archive files do not check out: event 2 is bad: its content"),
    ):
        restoring = ["restore", str(backup_file), "--db", db_url, "--keep-damaged", *given]
        assert kezek(restoring) == 2
        assert refusal in capsys.readouterr().err
    engine = create_engine(db_url)
    assert inspect(engine).get_table_names() == []  # nothing was kept: it had nothing
    engine.dispose()
    # the honest backup, with the files: the damage kept before is kept on, checked
    assert kezek(["restore", str(damaged), "--db", db_url, "--keep-damaged", *files]) == 0
    assert "events 2, " in capsys.readouterr().err
    assert kezek(["audit", "verify", "--db", db_url, *files]) == 0
    assert "damaged events 2, " in capsys.readouterr().out
    assert kezek(["audit", "verify", "--db", db_url, *evil_files]) == 1
    assert "event 2 is bad: its content does not match its hash" in capsys.readouterr().err
    # and a file given without --keep-damaged is a mistake said so
    assert kezek(["restore", str(backup), "--db", db_url, *files]) == 2
    assert "--archive is for --keep-damaged" in capsys.readouterr().err


def test_a_check_while_an_archive_moves_the_log_on_raises_no_false_alarm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`audit verify` read where the log starts; an archive in another process then moved that
    on and deleted the events it archived before the check read them: it had failed, 'event
    16 is bad: sequence jumps from 0 to 16', on a log that was whole."""
    from tests.server.test_cli import run_kezek

    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    three_mornings(url)
    store = SqlHallStore(url)
    read_anchor = archive_module.kept_damage  # the next read after the anchor's
    archived: list[tuple[int, str]] = []

    def an_archive_meanwhile(store: SqlHallStore) -> archive_module.KeptDamage:
        if not archived:  # the other process, right between the check's two reads
            archive_file = str(tmp_path / "monday.gz")
            before = ["--before", TUESDAY.isoformat(), "--db", url]
            archived.append(run_kezek("audit", "archive", archive_file, *before))
        return read_anchor(store)

    monkeypatch.setattr(archive_module, "kept_damage", an_archive_meanwhile)
    verified = archive_module.verify(store)
    assert archived == [(0, "")]
    assert verified.problem is None, verified.problem
    assert anchor(store).seq == 15 and verified.count == len(list(store.events()))
    store.close()
