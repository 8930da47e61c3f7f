"""Witnesses: the log's newest event written down outside the database catches what the hash
chain alone cannot, a log sealed again after a change, or cut short."""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy import delete, update

from hallserver.__main__ import main as kezek
from hallserver.access import SYSTEM
from hallserver.archive import anchor, verify
from hallserver.eventlog import (
    ChainBreak,
    Witness,
    check_witnesses,
    seal,
    witnesses_in,
)
from hallserver.service import WITNESS_EVERY, HallService
from hallserver.store import schema
from hallserver.store.anchor import ANCHOR_KEY, Anchor, Part
from hallserver.store.sql import SqlHallStore
from tests.conftest import Clock, LiveServer
from tests.server.test_archive import TUESDAY, archive, three_mornings
from tests.server.test_store import a_logged_morning, db_url, make_service

__all__ = ["db_url"]  # the fixture: SQLite, and PostgreSQL for real
HASH = "3fa9c2d1e0b7a4f6" + "0" * 48


def test_a_witness_is_an_event_number_and_sixteen_hex_digits_or_more() -> None:
    assert Witness.parse(" 4821:3FA9C2D1E0B7A4F6 ") == Witness(4821, "3fa9c2d1e0b7a4f6")
    assert str(Witness.parse(f"7:{HASH}")) == f"7:{HASH}"  # as written down
    assert Witness.of(7, HASH) == Witness(7, "3fa9c2d1e0b7a4f6")
    for bad in ("4821:3fa9c2d1", "0:3fa9c2d1e0b7a4f6", "x:3fa9c2d1e0b7a4f6", "3fa9c2d1e0b7a4f6"):
        with pytest.raises(ValueError, match="is not a witness: write EVENT:HASH"):
            Witness.parse(bad)


def test_witnesses_are_found_in_a_saved_journal() -> None:
    journal = (
        "Nov 23 09:00:01 hall kezek[812]: INFO hallserver.witness: witness "
        "120:0123456789abcdef: the event log's newest event at start\n"
        "Nov 23 10:00:31 hall kezek[812]: witness 4821:3fa9c2d1e0b7a4f6: this hour\n"
        "Nov 23 10:00:31 hall kezek[812]: again 4821:3fa9c2d1e0b7a4f6, a time 10:00:31\n"
    )
    assert witnesses_in(journal) == [
        Witness(120, "0123456789abcdef"),
        Witness(4821, "3fa9c2d1e0b7a4f6"),
    ]
    assert witnesses_in("no witness here: 12:abc, 10:00:31") == []


def test_the_log_must_hold_each_witnessed_hash() -> None:
    hashes = {3: "aaaa" * 16, 9: HASH}
    assert check_witnesses([Witness(9, "3fa9c2d1e0b7a4f6")], hashes, 9) is None
    assert check_witnesses([Witness.of(9, HASH), Witness.of(3, "aaaa" * 16)], hashes, 9) is None
    rewritten = check_witnesses([Witness(9, "3fa9c2d1e0b7a4f7")], hashes, 9)
    assert rewritten == ChainBreak(
        9,
        "it does not match its witness (9:3fa9c2d1e0b7a4f7; the log holds 9:3fa9c2d1e0b7a4f6): "
        "the log was rewritten at or before it",
    )
    whole = Witness.parse(f"9:{HASH[:-1]}1")  # all 64 digits, as GET /audit/head gives them
    differs = check_witnesses([whole], hashes, 9)  # only in the last: both shown whole
    assert differs is not None and f"({whole}; the log holds 9:{HASH})" in differs.reason
    cut = check_witnesses([Witness.of(3, "bbbb" * 16), Witness.of(12, HASH)], hashes, 9)
    assert cut is not None and cut.seq == 3  # the earliest break is named
    cut = check_witnesses([Witness.of(12, HASH)], hashes, 9)
    assert cut is not None and "the log ends at event 9" in cut.reason
    assert "was cut short" in cut.reason


def reseal_from(store: SqlHallStore, seq: int, old: str, new: str) -> None:
    """What a forger with the database in hand does: change one event, then seal it and every
    event after it again, so that the chain holds."""
    records = [r for r in store.events() if r.seq >= seq]
    prev = next(r.hash for r in store.events() if r.seq == seq - 1)
    with store.engine.begin() as conn:
        for record in records:
            data = record.data.replace(old, new) if record.seq == seq else record.data
            hash_ = seal(
                prev,
                record.seq,
                record.at,
                record.type,
                record.actor,
                record.counter_id,
                record.ticket_id,
                data,
            )
            conn.execute(
                update(schema.events)
                .where(schema.events.c.seq == record.seq)
                .values(data=data, prev_hash=prev, hash=hash_)
            )
            prev = hash_


def test_a_log_sealed_again_or_cut_short_fails_against_its_witness(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    service = a_logged_morning(db_url, Clock())
    head = service.head()
    assert head is not None
    store = service.store
    records = list(store.events())
    assert (head.seq, service.head_hash()) == (records[-1].seq, records[-1].hash)
    rated = next(r for r in records if r.type == "ticket.rated")
    before = Witness.of(rated.seq - 1, records[rated.seq - 2].hash)

    assert kezek(["audit", "verify", "--db", db_url, "--witness", str(head)]) == 0
    out = capsys.readouterr().out
    assert "1 witness matches" in out and f"the newest is event {head}" in out

    reseal_from(store, rated.seq, '"rating":"good"', '"rating":"excellent"')
    assert kezek(["audit", "verify", "--db", db_url]) == 0  # the chain alone holds
    assert kezek(["audit", "verify", "--db", db_url, "--witness", str(before)]) == 0
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", db_url, "--witness", str(head)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"event {head.seq} is bad: it does not match its witness ({head}; ")
    assert err.endswith("the log was rewritten at or before it")

    with store.engine.begin() as conn:  # the forger's second try: the tail removed
        conn.execute(delete(schema.events).where(schema.events.c.seq >= rated.seq))
    assert kezek(["audit", "verify", "--db", db_url]) == 0
    capsys.readouterr()
    assert kezek(["audit", "verify", "--db", db_url, "--witness", str(head)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"event {head.seq} is bad: it is missing: the log ends at event {rated.seq - 1}, but a "
        f"witness ({head}) saw it written: the log was cut short"
    )
    store.close()


def test_audit_verify_reads_witnesses_from_a_file_and_refuses_bad_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service = a_logged_morning(url, Clock())
    head = service.head()
    service.store.close()
    journal = tmp_path / "journal.txt"
    journal.write_text(f"10:00:31 kezek: witness {head}: this hour\n", encoding="utf-8")
    assert kezek(["audit", "verify", "--db", url, "--witness-file", str(journal)]) == 0
    assert "1 witness matches" in capsys.readouterr().out
    again = ["--witness", str(head), "--witness-file", str(journal)]  # the same one twice
    assert kezek(["audit", "verify", "--db", url, *again]) == 0
    assert "1 witness matches" in capsys.readouterr().out

    with pytest.raises(SystemExit) as ended:  # argparse's own refusal
        kezek(["audit", "verify", "--db", url, "--witness", "12:abc"])
    assert ended.value.code == 2
    assert "'12:abc' is not a witness: write EVENT:HASH" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing at 10:00:31\n", encoding="utf-8")
    for path, message in (
        (empty, f"{empty} holds no witness: they read EVENT:HASH"),
        (tmp_path / "none.txt", f"cannot read {tmp_path / 'none.txt'}"),
    ):
        assert kezek(["audit", "verify", "--db", url, "--witness-file", str(path)]) == 2
        err = capsys.readouterr().err.strip()
        assert message in err and len(err.splitlines()) == 1, err


def test_a_witness_of_an_archived_event_needs_the_archive_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service, _ = three_mornings(url)
    first = next(iter(service.store.events()))
    witness = str(Witness.of(first.seq, first.hash))
    file = tmp_path / "monday.gz"
    assert archive(url, file, TUESDAY) == 0
    start = anchor(service.store)
    at_anchor = str(Witness.of(start.seq, start.hash))
    newest = list(service.store.events())[-1]
    capsys.readouterr()
    for archived in (witness, at_anchor):  # the anchor is the database's own word
        assert kezek(["audit", "verify", "--db", url, "--witness", archived]) == 2
        assert "is archived (the database's log starts after event" in capsys.readouterr().err
    journal = tmp_path / "journal.txt"
    journal.write_text(f"witness {witness}\nwitness {Witness.of(newest.seq, newest.hash)}\n")
    assert kezek(["audit", "verify", "--db", url, "--witness-file", str(journal)]) == 0
    said = capsys.readouterr().out
    assert "1 witness matches; 1 witness is of archived events, not checked" in said
    args = ["audit", "verify", "--db", url, "--archive", str(file)]
    assert kezek([*args, "--witness", witness, "--witness", at_anchor]) == 0
    assert kezek([*args, "--witness", f"1:{'f' * 16}"]) == 1
    assert kezek([*args, "--witness-file", str(journal)]) == 0
    assert "2 witnesses match" in capsys.readouterr().out
    service.store.close()


def test_a_log_emptied_under_a_forged_anchor_does_not_pass_for_its_witness(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service = a_logged_morning(url, Clock())
    head = service.head()
    assert head is not None
    store = service.store
    with store.engine.begin() as conn:  # every event gone, an anchor claiming them archived
        conn.execute(delete(schema.events))
    hash_ = service.head_hash() or ""  # and an archive file listed, as `archive` writes it
    forged = Anchor(head.seq, hash_, date(2026, 11, 23), (Part("old.gz", 1, head.seq, hash_),))
    store.put_config(ANCHOR_KEY, forged.to_json())
    store.close()
    assert kezek(["audit", "verify", "--db", url, "--witness", str(head)]) == 2
    assert f"event {head.seq} is archived" in capsys.readouterr().err


def test_witnesses_are_read_once_whatever_iterable_they_come_in(tmp_path: Path) -> None:
    service = a_logged_morning(f"sqlite:///{tmp_path / 'hall.sqlite3'}", Clock())
    head = service.head()
    assert head is not None
    beyond = (w for w in [Witness(head.seq + 5, head.hash)])  # a generator, read once
    problem = verify(service.store, (), beyond).problem
    assert problem is not None and "cut short" in problem.reason
    service.store.close()


def test_the_server_logs_a_witness_at_start_every_hour_the_log_moved_and_at_stop(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    clock = Clock()
    caplog.set_level(logging.INFO, logger="hallserver.witness")

    def witnesses() -> list[str]:
        lines = [r.getMessage() for r in caplog.records if r.name == "hallserver.witness"]
        caplog.clear()
        return lines

    async def day(service: HallService) -> None:
        await service.start()
        assert witnesses() == []  # a new hall has no event yet
        await service.run(SYSTEM, lambda h, now: h.issue("id-card", now))
        await service.tick()
        first = service.head()
        assert witnesses() == [f"witness {first}: the event log's newest event this hour"]
        await service.run(SYSTEM, lambda h, now: h.issue("id-card", now))
        clock.advance(minutes=30)
        await service.tick()
        assert witnesses() == []  # within the hour
        clock.advance(minutes=31)
        await service.tick()
        assert witnesses() == [f"witness {service.head()}: the event log's newest event this hour"]
        clock.now += WITNESS_EVERY
        await service.tick()
        assert witnesses() == []  # nothing new to witness
        await service.stop()
        assert witnesses() == []  # said already
        service.store.close()

    asyncio.run(day(make_service(url, clock)))

    async def restart() -> None:
        again = make_service(url, clock)
        await again.start()
        head = again.head()
        assert witnesses() == [f"witness {head}: the event log's newest event at start"]
        await again.run(SYSTEM, lambda h, now: h.issue("birth", now))
        await again.stop()
        assert witnesses() == [f"witness {again.head()}: the event log's newest event at stop"]
        again.store.close()

    asyncio.run(restart())


def test_a_ticket_is_issued_with_the_logs_seal_and_a_supervisor_reads_the_newest_event(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with httpx.Client(base_url=live_server.api, timeout=10) as http:
        reply = http.post(
            "/tickets",
            json={"service_id": "id-card"},
            headers={"Authorization": f"Bearer {live_server.tokens['kiosk']}"},
        )
        assert reply.status_code == 201
        ticket = reply.json()
        assert "witness" not in http.get(f"/tickets/{ticket['id']}").json()  # the issue's alone
        assert http.get("/audit/head").status_code == 401
        kiosk = {"Authorization": f"Bearer {live_server.tokens['kiosk']}"}
        assert http.get("/audit/head", headers=kiosk).json()["error"] == "forbidden"
        head = http.get(
            "/audit/head",
            headers={"Authorization": f"Bearer {live_server.tokens['supervisor']}"},
        ).json()
    store = SqlHallStore(live_server.db_url)
    records = list(store.events())
    store.close()
    issued = next(r for r in records if r.type == "ticket.issued" and r.ticket_id == ticket["id"])
    assert ticket["witness"] == str(Witness.of(issued.seq, issued.hash))
    assert (
        kezek(["audit", "verify", "--db", live_server.db_url, "--witness", ticket["witness"]]) == 0
    )
    assert "1 witness matches" in capsys.readouterr().out
    newest = records[-1]
    assert head == {
        "seq": newest.seq,
        "hash": newest.hash,
        "witness": str(Witness.of(newest.seq, newest.hash)),
    }
