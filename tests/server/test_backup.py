"""Backups made while the hall runs restore whole, on SQLite and PostgreSQL; old schemas upgrade."""

from __future__ import annotations

import contextlib
import gzip
import json
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from hallserver.__main__ import main as kezek
from hallserver.store.migrate import current_revision, head_revision, upgrade
from hallserver.store.sql import SqlHallStore
from tests.conftest import LiveServer, open_counter, start_live_server


def busy_hall(live: LiveServer, stop: threading.Event) -> None:
    with httpx.Client(base_url=live.api, timeout=10) as http:
        while not stop.is_set():
            http.post(
                "/tickets",
                json={"service_id": "passport"},
                headers={"Authorization": f"Bearer {live.tokens['kiosk']}"},
            )


def test_a_backup_made_while_tickets_are_issued_restores_whole(
    live_server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operator = open_counter(live_server, "c1")
    with httpx.Client(base_url=live_server.api) as http:
        http.post(
            "/tickets",
            json={"service_id": "id-card"},
            headers={"Authorization": f"Bearer {live_server.tokens['kiosk']}"},
        )
        http.post("/counters/c1/call", headers={"Authorization": f"Bearer {operator}"})
    stop = threading.Event()
    writer = threading.Thread(target=busy_hall, args=(live_server, stop))
    writer.start()
    try:
        file = tmp_path / "hall.kezek-backup.gz"
        assert kezek(["backup", str(file), "--db", live_server.db_url]) == 0
    finally:
        stop.set()
        writer.join()
    assert "backed up to" in capsys.readouterr().out
    restored_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    assert kezek(["restore", str(file), "--db", restored_url]) == 0
    assert "event log verified" in capsys.readouterr().out
    assert kezek(["audit", "verify", "--db", restored_url]) == 0
    again, server, thread = start_live_server(restored_url)
    try:
        with httpx.Client(base_url=again.api) as http:
            snapshot = http.get("/snapshot").json()
        called = [t for t in snapshot["tickets"] if t["status"] == "called"]
        assert [t["number"] for t in called] == ["A001"]
        assert snapshot["counters"][0]["operator_id"] == "op-c1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert kezek(["restore", str(file), "--db", restored_url]) == 2
    assert "not empty" in capsys.readouterr().err


@pytest.mark.postgres
def test_a_sqlite_hall_restores_into_postgresql(
    live_server: LiveServer, tmp_path: Path, pg_url: str
) -> None:
    open_counter(live_server, "c2")
    file = tmp_path / "hall.kezek-backup.gz"
    assert kezek(["backup", str(file), "--db", live_server.db_url]) == 0
    assert kezek(["restore", str(file), "--db", pg_url]) == 0
    assert kezek(["audit", "verify", "--db", pg_url]) == 0
    store = SqlHallStore(pg_url)
    assert sum(1 for _ in store.events()) == sum(
        1 for _ in SqlHallStore(live_server.db_url).events()
    )
    store.close()


def test_a_file_that_is_not_a_backup_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.gz"
    junk.write_bytes(b"not gzip at all")
    assert kezek(["restore", str(junk), "--db", f"sqlite:///{tmp_path / 'x.sqlite3'}"]) == 2
    assert "cannot be read as a Kezek backup" in capsys.readouterr().err
    nothing = tmp_path / "nothing.gz"
    nothing.touch()  # a copy that stopped before its first byte
    assert kezek(["restore", str(nothing), "--db", f"sqlite:///{tmp_path / 'y.sqlite3'}"]) == 2
    said = capsys.readouterr().err.strip()
    assert said.endswith("cannot be read as a Kezek backup: it holds nothing"), said


def test_a_database_of_the_first_schema_upgrades_and_keeps_its_tickets(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO tickets (id, day, number, service_id, status, priority, issued_at, "
                "first_called_at, transfers, data) VALUES ('20261123-A001', '2026-11-23', 'A001', "
                "'id-card', 'called', 'regular', '2026-11-23 05:00:00.000000', "
                "'2026-11-23 05:07:30.000000', 0, '{}')"
            )
        )
    engine.dispose()
    store = SqlHallStore(url)
    store.migrate()  # what every start does
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT wait_s FROM tickets")).scalar_one() == 450
    store.close()


def test_a_backup_from_before_a_new_column_restores_with_its_default(
    live_server: LiveServer, tmp_path: Path
) -> None:
    import gzip
    import json

    open_counter(live_server, "c1", login="aigul")  # an operator row to carry
    file = tmp_path / "hall.kezek-backup.gz"
    assert kezek(["backup", str(file), "--db", live_server.db_url]) == 0
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    for row in rows:  # as a backup made before migration 0005 holds them
        if row.get("table") == "operators":
            del row["row"]["disabled"]
    older = tmp_path / "older.kezek-backup.gz"
    with gzip.open(older, "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    restored_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    assert kezek(["restore", str(older), "--db", restored_url]) == 0
    with create_engine(restored_url).connect() as conn:
        found = conn.execute(text("SELECT login, disabled FROM operators")).all()
    assert [tuple(r) for r in found] == [("aigul", 0)]


def a_backup(tmp_path: Path) -> Path:
    from tests.conftest import Clock
    from tests.server.test_store import a_logged_morning

    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    a_logged_morning(url, Clock()).store.close()
    file = tmp_path / "hall.kezek-backup.gz"
    assert kezek(["backup", str(file), "--db", url]) == 0
    return file


def changed(
    file: Path, change: Callable[[dict[str, Any]], None], name: str, which: tuple[int, ...] = (1,)
) -> Path:
    """A copy of the backup with its second event's line changed (or those `which` names)."""
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        text = lines.read().splitlines()
    events = [n for n, line in enumerate(text) if '"table": "events"' in line]
    for index in which:
        item = json.loads(text[events[index]])
        change(item["row"])
        text[events[index]] = json.dumps(item, ensure_ascii=False)
    copy = file.with_name(name)
    with gzip.open(copy, "wt", encoding="utf-8") as out:
        out.write("\n".join(text) + "\n")
    return copy


def test_a_restore_stopped_by_ctrl_c_leaves_no_database_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = a_backup(tmp_path)
    written = 0
    real = SqlHallStore.migrate

    def migrate_then_interrupted(store: SqlHallStore) -> None:
        nonlocal written
        real(store)
        written += 1
        raise KeyboardInterrupt  # as Ctrl+C lands once the tables are made

    monkeypatch.setattr(SqlHallStore, "migrate", migrate_then_interrupted)
    target = tmp_path / "new" / "hall"
    assert kezek(["restore", str(file), "--data-dir", str(target)]) == 130
    assert written == 1
    assert not (tmp_path / "new").exists(), "a stopped restore left a database behind"


def test_a_backup_of_a_hall_with_nothing_issued_yet_restores_and_stays(tmp_path: Path) -> None:
    hall, file, target = tmp_path / "hall", tmp_path / "empty.gz", tmp_path / "restored"
    assert kezek(["hall", "--demo", "--check", "--data-dir", str(hall)]) == 0
    assert kezek(["backup", str(file), "--data-dir", str(hall)]) == 0
    assert kezek(["restore", str(file), "--data-dir", str(target)]) == 0
    assert (target / "kezek.sqlite3").is_file(), "a restore that succeeded was taken out"
    assert kezek(["hall", "--check", "--data-dir", str(target)]) == 0  # the catalogue is there


def test_a_backup_that_cannot_be_restored_whole_restores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = a_backup(tmp_path)
    no_hash = changed(file, lambda row: row.pop("hash"), "no-hash.gz")
    forged = changed(file, lambda row: row.update(actor="someone else"), "forged.gz")
    capsys.readouterr()
    for bad, says in (
        (no_hash, "no-hash.gz holds a row that cannot be stored: A value is required for"),
        (forged, "forged.gz was not restored: its event 2 is bad: its content does not match"),
    ):
        target = tmp_path / bad.stem
        assert kezek(["restore", str(bad), "--data-dir", str(target)]) in (1, 2)
        err = capsys.readouterr().err.strip()
        assert says in err and len(err.splitlines()) == 1, err
        assert not target.exists(), "a refused restore left a database behind"
    kept = tmp_path / "kept"  # the only backup left: restored as it is, when asked
    assert kezek(["restore", str(forged), "--data-dir", str(kept), "--keep-damaged"]) == 0
    said = capsys.readouterr().err.strip()
    assert said.startswith("restored ") and ", as they were: event 2 is bad: its content" in said
    assert "event 2 is kept as accepted damage" in said
    assert kezek(["audit", "verify", "--data-dir", str(kept)]) == 0  # named, and passed
    verified = capsys.readouterr().out
    assert "damaged events 2, kept by `kezek restore --keep-damaged` of forged.gz at " in verified
    assert "(sealed in the log as event 16), are passed" in verified
    newest = verified.rpartition("the newest is event ")[2].split()[0]
    assert kezek(["audit", "verify", "--data-dir", str(kept), "--witness", newest]) == 0
    # and what is changed after it shows
    with contextlib.closing(sqlite3.connect(kept / "kezek.sqlite3")) as conn, conn:
        conn.execute("UPDATE events SET actor = 'x' WHERE seq = 5")
    capsys.readouterr()
    assert kezek(["audit", "verify", "--data-dir", str(kept)]) == 1
    assert "event 5 is bad: its content does not match its hash" in capsys.readouterr().err
    tokens = tmp_path / "tokens"  # only a token made before: still not a database to merge into
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(tokens)]) == 0
    capsys.readouterr()
    assert kezek(["restore", str(file), "--data-dir", str(tokens)]) == 2
    assert "the target database is not empty (it has tokens)" in capsys.readouterr().err


def test_keep_damaged_keeps_every_bad_event_and_checks_the_chain_between_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = a_backup(tmp_path)
    forged = changed(file, lambda row: row.update(actor="x"), "two.gz", which=(1, 3))
    kept = tmp_path / "kept"
    capsys.readouterr()
    assert kezek(["restore", str(forged), "--data-dir", str(kept), "--keep-damaged"]) == 0
    assert "events 2, 4 are kept as accepted damage" in capsys.readouterr().err
    assert kezek(["audit", "verify", "--data-dir", str(kept)]) == 0
    assert "damaged events 2, 4" in capsys.readouterr().out
    # between the two: still checked
    with contextlib.closing(sqlite3.connect(kept / "kezek.sqlite3")) as conn, conn:
        conn.execute("UPDATE events SET actor = 'y' WHERE seq = 3")
    assert kezek(["audit", "verify", "--data-dir", str(kept)]) == 1
    assert "event 3 is bad" in capsys.readouterr().err


def test_damage_too_large_to_keep_is_refused_without_pointing_at_keep_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It had ended "(--keep-damaged restores it as it is)" to one who had just given it."""
    from hallserver import backup as backup_module

    monkeypatch.setattr(backup_module, "MAX_ACCEPTED", 1)
    file = a_backup(tmp_path)
    forged = changed(file, lambda row: row.update(actor="x"), "two.gz", which=(1, 3))
    capsys.readouterr()
    kept = tmp_path / "kept"
    assert kezek(["restore", str(forged), "--data-dir", str(kept), "--keep-damaged"]) != 0
    said = capsys.readouterr().err
    assert "cannot be kept as it is: more than 1 bad events" in said, said
    assert "--keep-damaged restores" not in said


def test_a_backup_stopped_by_ctrl_c_leaves_no_half_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hallserver import backup as backup_module
    from tests.conftest import Clock
    from tests.server.test_store import a_logged_morning

    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    a_logged_morning(url, Clock()).store.close()

    def interrupted(value: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_module, "_encode", interrupted)
    file = tmp_path / "now.gz"
    assert kezek(["backup", str(file), "--db", url]) == 130
    assert list(tmp_path.glob("now.gz*")) == []


def test_a_backup_names_its_newest_event_as_a_witness(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import Clock
    from tests.server.test_store import a_logged_morning

    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    service = a_logged_morning(url, Clock())
    service.store.close()
    assert kezek(["backup", str(tmp_path / "b.gz"), "--db", url]) == 0
    said = capsys.readouterr().out.strip()
    assert said.endswith(f"; the newest event is {service.head()} (a witness)"), said
    witness = said.rpartition("the newest event is ")[2].split()[0]  # as a journal keeps it
    assert kezek(["audit", "verify", "--db", url, "--witness", witness]) == 0


def test_a_backup_with_lines_taken_out_is_refused_and_restores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = a_backup(tmp_path)
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        text = lines.read().splitlines()
    events = sum('"table": "events"' in line for line in text)
    assert json.loads(text[-1])["end"]["rows"]["events"] == events
    ticket = next(n for n, line in enumerate(text) if '"table": "tickets"' in line)
    for name, kept in (
        ("no-ticket.gz", text[:ticket] + text[ticket + 1 :]),  # a row taken out
        ("tail.gz", text[:ticket]),  # cut short, then gzip'd again: gzip cannot tell
        ("after.gz", [*text, text[ticket]]),  # a line added after the end
        ("extra.gz", [*text[:ticket], text[ticket], *text[ticket:]]),  # a ticket given twice
    ):
        bad = tmp_path / name
        with gzip.open(bad, "wt", encoding="utf-8") as out:
            out.write("\n".join(kept) + "\n")
        target = tmp_path / bad.stem
        capsys.readouterr()
        assert kezek(["restore", str(bad), "--data-dir", str(target)]) == 2, name
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and f"{name}" in err, err
        assert "not whole" in err or "after its end" in err or "UNIQUE" in err, err
        assert not target.exists(), "a refused restore left a database behind"
    old = tmp_path / "old.gz"  # a backup made before the end line restores, and says so
    header = json.loads(text[0])
    header["version"] = 1
    with gzip.open(old, "wt", encoding="utf-8") as out:
        out.write("\n".join([json.dumps(header), *text[1:-1]]) + "\n")
    capsys.readouterr()
    assert kezek(["restore", str(old), "--data-dir", str(tmp_path / "old")]) == 0
    assert "cannot be checked" in capsys.readouterr().err


def test_a_restore_into_another_programs_database_is_refused_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = a_backup(tmp_path)
    theirs = tmp_path / "theirs.sqlite3"
    with contextlib.closing(sqlite3.connect(theirs)) as conn, conn:
        conn.execute("CREATE TABLE invoices (n INTEGER)")
    capsys.readouterr()
    assert kezek(["restore", str(file), "--db", f"sqlite:///{theirs}"]) == 2
    assert "tables that are not a hall's (invoices)" in capsys.readouterr().err
    with contextlib.closing(sqlite3.connect(theirs)) as conn, conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["invoices"]
    # an empty database file given on purpose: a refused restore leaves it without tables
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    forged = changed(file, lambda row: row.update(actor="x"), "forged.gz")
    assert kezek(["restore", str(forged), "--db", f"sqlite:///{empty}"]) == 1
    with contextlib.closing(sqlite3.connect(empty)) as conn, conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_backups_and_the_halls_folder_are_for_their_owner_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """They hold the operators' PIN hashes (4 digits: quick to guess offline) and IINs."""
    file = a_backup(tmp_path)
    assert file.stat().st_mode & 0o777 == 0o600
    hall = tmp_path / "new-hall"
    assert kezek(["restore", str(file), "--data-dir", str(hall)]) == 0
    assert hall.stat().st_mode & 0o777 == 0o700
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert kezek(["backup", "-", "--data-dir", str(hall)]) == 2
    assert "written to a file" in capsys.readouterr().err
    assert not (tmp_path / "-").exists()


def test_accepted_damage_written_into_the_database_by_hand_is_no_acceptance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A change to an event, and a row saying a restore kept it: verify must not pass it."""
    file = a_backup(tmp_path)
    hall = tmp_path / "hall"
    assert kezek(["restore", str(file), "--data-dir", str(hall)]) == 0
    database = hall / "kezek.sqlite3"
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        held = conn.execute("SELECT hash FROM events WHERE seq = 5").fetchone()[0]
        conn.execute("UPDATE events SET actor = 'operator:carl' WHERE seq = 5")
        conn.execute(
            "INSERT INTO hall_state (key, data) VALUES ('accepted_damage', ?)",
            (json.dumps({"5": held}),),  # as a restore once wrote it
        )
    capsys.readouterr()
    assert kezek(["audit", "verify", "--data-dir", str(hall)]) == 1
    assert "not sealed in the log" in capsys.readouterr().err
    # pointing at an event that seals something else
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        conn.execute(
            "UPDATE hall_state SET data = ? WHERE key = 'accepted_damage'",
            (json.dumps({"sealed_by": 7, "events": {"5": held}, "content": {"5": held}}),),
        )
    assert kezek(["audit", "verify", "--data-dir", str(hall)]) == 1
    assert "written by hand" in capsys.readouterr().err


def test_a_seal_naming_itself_or_later_events_is_no_acceptance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = a_backup(tmp_path)
    forged = changed(file, lambda row: row.update(actor="x"), "forged.gz")
    kept = tmp_path / "kept"
    assert kezek(["restore", str(forged), "--data-dir", str(kept), "--keep-damaged"]) == 0
    database = kept / "kezek.sqlite3"
    # change event 5, and make the seal "keep" it
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        seal, data = conn.execute(
            "SELECT seq, data FROM events WHERE type = 'log.damage_kept'"
        ).fetchone()
        held = conn.execute("SELECT hash FROM events WHERE seq = 5").fetchone()[0]
        conn.execute("UPDATE events SET actor = 'operator:carl' WHERE seq = 5")
        sealed = json.loads(data)
        own = conn.execute("SELECT hash FROM events WHERE seq = ?", (seal,)).fetchone()[0]
        sealed["events"].update({"5": held, str(seal): own})
        sealed["content"].update({"5": held, str(seal): own})
        conn.execute("UPDATE events SET data = ? WHERE seq = ?", (json.dumps(sealed), seal))
        record = {"sealed_by": seal, "events": sealed["events"], "content": sealed["content"]}
        conn.execute(
            "UPDATE hall_state SET data = ? WHERE key = 'accepted_damage'", (json.dumps(record),)
        )
    capsys.readouterr()
    assert kezek(["audit", "verify", "--data-dir", str(kept)]) == 1
    assert "names event 16 or later" in capsys.readouterr().err


def test_a_backup_of_damage_an_older_kezek_kept_is_sealed_when_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before 2026-11-24 a restore kept damage as a bare record; its hall's backups carry it."""
    file = a_backup(tmp_path)
    forged = changed(file, lambda row: row.update(actor="x"), "forged.gz")
    with gzip.open(forged, "rt", encoding="utf-8") as lines:
        text = lines.read().splitlines()
    header, rows = json.loads(text[0]), text[1:-1]
    header["version"] = 1
    held = next(
        json.loads(line)["row"]["hash"] for line in rows if '"seq": 2,' in line and "events" in line
    )
    bare = {
        "table": "hall_state",
        "row": {"key": "accepted_damage", "data": json.dumps({"2": held})},
    }
    old = tmp_path / "old-kept.gz"
    with gzip.open(old, "wt", encoding="utf-8") as out:
        out.write("\n".join([json.dumps(header), json.dumps(bare), *rows]) + "\n")
    capsys.readouterr()
    refused = tmp_path / "refused"
    assert kezek(["restore", str(old), "--data-dir", str(refused)]) == 2
    assert "restore it with --keep-damaged, which seals them" in capsys.readouterr().err
    assert not refused.exists()
    sealed = tmp_path / "sealed"
    assert kezek(["restore", str(old), "--data-dir", str(sealed), "--keep-damaged"]) == 0
    assert "sealed in the log as event 16" in capsys.readouterr().err
    assert kezek(["audit", "verify", "--data-dir", str(sealed)]) == 0


def test_a_restore_into_a_file_that_is_no_database_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = a_backup(tmp_path)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(bytes(range(256)) * 16)
    capsys.readouterr()
    assert kezek(["restore", str(file), "--db", f"sqlite:///{junk}"]) == 1
    err = capsys.readouterr().err.strip()
    assert "cannot prepare database" in err and "\n" not in err


def test_a_kept_damaged_event_cannot_be_rewritten_afterwards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The acceptance names what the event held, not only the hash it held."""
    forged = changed(a_backup(tmp_path), lambda row: row.update(actor="x"), "forged.gz")
    kept = tmp_path / "kept"
    assert kezek(["restore", str(forged), "--data-dir", str(kept), "--keep-damaged"]) == 0
    for change in ("actor = 'operator:carl'", "ticket_id = 'A777'", "prev_hash = hash"):
        copy = tmp_path / change[:5]
        shutil.copytree(kept, copy)
        # its hash column left as it was
        with contextlib.closing(sqlite3.connect(copy / "kezek.sqlite3")) as conn, conn:
            conn.execute(f"UPDATE events SET {change} WHERE seq = 2")
        capsys.readouterr()
        assert kezek(["audit", "verify", "--data-dir", str(copy)]) == 1, change
        said = capsys.readouterr().err
        assert said.startswith("event 2 is bad: its ") and said.count("\n") == 1, said
    assert kezek(["audit", "verify", "--data-dir", str(kept)]) == 0


def test_a_second_keep_damaged_restore_keeps_the_damage_the_first_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = changed(a_backup(tmp_path), lambda row: row.update(actor="x"), "forged.gz")
    first = tmp_path / "first"
    assert kezek(["restore", str(forged), "--data-dir", str(first), "--keep-damaged"]) == 0
    again = tmp_path / "again.gz"
    assert kezek(["backup", str(again), "--data-dir", str(first)]) == 0
    damaged = changed(again, lambda row: row.update(actor="y"), "damaged.gz", which=(4,))
    second = tmp_path / "second"
    capsys.readouterr()
    assert kezek(["restore", str(damaged), "--data-dir", str(second), "--keep-damaged"]) == 0
    assert "events 2, 5 are kept as accepted damage, sealed in the log as event 17" in (
        capsys.readouterr().err
    )
    assert kezek(["audit", "verify", "--data-dir", str(second)]) == 0
    said = capsys.readouterr().out
    assert "damaged events 2, 5, kept by `kezek restore --keep-damaged` of damaged.gz" in said
    # the first one is held to it too
    with contextlib.closing(sqlite3.connect(second / "kezek.sqlite3")) as conn, conn:
        conn.execute("UPDATE events SET actor = 'z' WHERE seq = 2")
    assert kezek(["audit", "verify", "--data-dir", str(second)]) == 1
    assert "event 2 is bad" in capsys.readouterr().err
