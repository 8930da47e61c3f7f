"""Online, consistent backups of a hall's database to one file, and restoring them.

The file is gzip'd JSON lines: a header, then one line per row, table by table in a fixed order,
then an end line with each table's count of rows and the newest event (a file put together
again without some of its lines is refused; one from before the end line is read as it was).
It does not depend on the database: a SQLite hall restores into PostgreSQL and back. A backup
reads one snapshot of the database (SQLite's online backup API; PostgreSQL's REPEATABLE READ),
so a hall server may keep running while it is made.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Table,
    create_engine,
    delete,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError, StatementError

from hallserver.archive import ArchiveError, checked_kept_damage, verify
from hallserver.domain.ids import JsonObject, JsonValue
from hallserver.eventlog import (
    DAMAGE_KEPT,
    ChainBreak,
    EventRecord,
    Witness,
    make_record,
    stored_digest,
    verify_chain,
)
from hallserver.store import schema
from hallserver.store.anchor import DAMAGE_KEY
from hallserver.store.migrate import current_revision
from hallserver.store.sql import SqlHallStore, StoreError

UNREADABLE = (
    OSError, EOFError, StopIteration, ValueError, KeyError, TypeError, AttributeError, OverflowError
)  # fmt: skip
FORMAT = "kezek-backup"
VERSION = 2  # 2: an end line counts the rows (a restore still reads 1, which has none)
READABLE = (1, 2)
TABLES: tuple[Table, ...] = (
    schema.hall_state,
    schema.events,
    schema.tickets,
    schema.counters,
    schema.bookings,
    schema.tokens,
    schema.pairing_codes,
    schema.operators,
)
ORDER = {"events": "seq"}
OURS = {t.name for t in schema.metadata.sorted_tables} | {"alembic_version"}


class BackupError(Exception):
    """The backup file or the target database is not usable; the message says why."""


@dataclass(frozen=True)
class BackupSummary:
    """What a backup or restore moved."""

    rows: dict[str, int]
    revision: str | None
    damage: str | None = None  # a restore kept as it is: its first bad event
    head: str | None = None  # a backup's newest event, as a witness (hallserver.eventlog)
    counted: bool = True  # a restore: its rows were checked against the backup's end line


@contextlib.contextmanager
def _snapshot(store: SqlHallStore) -> Iterator[Connection]:
    """A connection that sees one consistent moment of the database."""
    if store.dialect == "sqlite":
        source_path = store.engine.url.database
        if not source_path:
            raise BackupError("an in-memory database cannot be backed up")
        with tempfile.TemporaryDirectory(prefix="kezek-backup-") as tmp:
            copy_path = Path(tmp) / "snapshot.sqlite3"
            source = sqlite3.connect(source_path)
            target = sqlite3.connect(copy_path)
            try:
                source.backup(target)  # SQLite's online backup: consistent while others write
            finally:
                target.close()
                source.close()
            engine = create_engine(f"sqlite:///{copy_path}")
            try:
                with engine.connect() as conn:
                    yield conn
            finally:
                engine.dispose()
    else:
        with (
            store.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn,
            conn.begin(),
        ):
            yield conn


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # SQLite keeps UTC without the offset
            value = value.replace(tzinfo=UTC)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def backup(store: SqlHallStore, path: Path) -> BackupSummary:
    """Write the whole database to `path` (made atomically: a failed backup leaves no file)."""
    counts: dict[str, int] = {}
    head: str | None = None
    partial = path.with_name(path.name + ".partial")
    try:
        # readable by its owner only: it holds the operators' PIN hashes and visitors' IINs
        partial.unlink(missing_ok=True)  # a killed run's leftover keeps its own mode
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with (
            open(descriptor, "wb") as raw,
            _snapshot(store) as conn,
            gzip.open(raw, "wt", encoding="utf-8") as out,
        ):
            revision = current_revision(conn.engine)
            header = {
                "format": FORMAT,
                "version": VERSION,
                "schema_revision": revision,
                "created_at": datetime.now(UTC).isoformat(),
            }
            out.write(json.dumps(header) + "\n")
            for table in TABLES:
                query = select(table)
                if table.name in ORDER:
                    query = query.order_by(table.c[ORDER[table.name]])
                counts[table.name] = 0
                for row in conn.execute(query):
                    record = {k: _encode(v) for k, v in row._mapping.items()}
                    out.write(json.dumps({"table": table.name, "row": record}, ensure_ascii=False))
                    out.write("\n")
                    counts[table.name] += 1
                    if table is schema.events:  # in order: the last one is the newest
                        head = str(Witness.of(row.seq, row.hash))
            out.write(json.dumps({"end": {"rows": counts, "head": head}}) + "\n")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"cannot write {path}: {exc.strerror}") from exc
    except BaseException:  # Ctrl+C, or the database failing mid-way: no half a backup left
        partial.unlink(missing_ok=True)
        raise
    return BackupSummary(counts, revision, head=head)


RESTORER = "admin:kezek restore"  # the actor of the event that seals accepted damage
MAX_ACCEPTED = 100  # damaged events a restore keeps at most: more is not a backup to keep


def _accept_damage(
    store: SqlHallStore, first: ChainBreak, path: Path, archives: Iterable[Path]
) -> str | None:
    """Keep the bad events of a restored log as accepted damage, so that `verify` passes them
    and goes on checking the chain and the witnesses after them; what it says, or None when
    there are too many to keep. The acceptance is itself an event of the log (`log.damage_kept`,
    sealed after the restored events), so it is not a row anyone could add unseen; it records
    each event's hash and a digest of all it holds, so a kept event cannot be rewritten either.
    Damage an earlier restore kept (this backup's hall's) is kept on with it, once checked
    against its seal: in the database, or, archived, in the `archives` (BackupError without)."""
    try:
        earlier = checked_kept_damage(store, archives)
    except ArchiveError as exc:  # ArchiveDamaged too: what was kept is not borne out
        raise BackupError(f"{path} was not restored: {exc}") from exc
    hashes, accepted = dict(earlier.events), dict(earlier.content)
    found: set[int] = set()
    problem: ChainBreak | None = first
    while problem is not None:
        with store.engine.connect() as conn:
            row = conn.execute(
                select(schema.events).where(schema.events.c.seq == problem.seq)
            ).first()
        if row is None or problem.seq <= 0 or problem.seq in found:  # not a damaged event
            return None
        record = EventRecord(**row._mapping)
        hashes[record.seq], accepted[record.seq] = record.hash, stored_digest(record)
        found.add(record.seq)
        if len(accepted) > MAX_ACCEPTED:
            return None
        # on from this one, which is passed now: the log is walked once, not once a bad event
        problem = verify_chain(
            store.events(after=problem.seq - 1), start_seq=problem.seq - 1, accepted=accepted
        )
    listed: dict[str, JsonValue] = {str(k): hashes[k] for k in sorted(accepted)}
    content: dict[str, JsonValue] = {str(k): accepted[k] for k in sorted(accepted)}
    with store.engine.begin() as conn:
        last = conn.execute(
            select(schema.events.c.seq, schema.events.c.hash, schema.events.c.at)
            .order_by(schema.events.c.seq.desc())
            .limit(1)
        ).one()
        data: JsonObject = {
            "events": listed,
            "content": content,
            "backup": path.name,
            "first": first.reason,
        }
        offset = datetime.fromisoformat(last.at).tzinfo  # the hall's, as its events have it
        at = datetime.now(UTC).astimezone(offset).isoformat()
        seal = make_record(last.hash, last.seq + 1, at, DAMAGE_KEPT, RESTORER, data)
        conn.execute(schema.events.insert(), seal._asdict())
        saved = {"sealed_by": seal.seq, "events": listed, "content": content}
        store.put_config(DAMAGE_KEY, json.dumps(saved), conn)
    try:  # what cannot be kept: an archived event left in the database unlike its anchor's
        if verify(store).problem is not None:
            return None
    except ArchiveError:
        return None
    events = ", ".join(str(seq) for seq in sorted(accepted))
    kept = f"events {events} are" if len(accepted) > 1 else f"event {events} is"
    return (
        f"event {first.seq} is bad: {first.reason}; {kept} kept as accepted damage, sealed in "
        f"the log as event {seal.seq}, which `kezek audit verify` names and passes"
    )


def _unsealed_damage(store: SqlHallStore) -> bool:
    """Damage an older Kezek kept: not sealed in the log, or sealed without what it held."""
    raw = store.config(DAMAGE_KEY)
    try:
        saved = json.loads(raw or "{}")
        return bool(raw) and not ("sealed_by" in saved and "content" in saved)
    except (ValueError, TypeError):
        return True


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    decoded = {}
    for column in table.columns:
        if column.name not in row:  # a backup from before the column: its default applies
            continue
        value = row[column.name]
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        decoded[column.name] = value
    return decoded


def restore(
    store: SqlHallStore, path: Path, *, keep_damaged: bool = False, archives: Iterable[Path] = ()
) -> BackupSummary:
    """Load a backup into an empty database (migrated first); then check the event log. A log
    that does not verify restores nothing, unless `keep_damaged` (the only backup left); damage
    an earlier restore kept that is archived now is kept on only as `archives` (the backup's
    hall's archive files) bear it out.
    A refused restore leaves the target as it found it: a database with no tables at all gets
    none (its schema is dropped again)."""
    try:
        existing = set(inspect(store.engine).get_table_names())
    except SQLAlchemyError as exc:  # a file that is no database, a server that does not answer
        raise StoreError(f"cannot prepare database: {str(exc).splitlines()[0]}") from exc
    if foreign := sorted(existing - OURS):  # a mistyped --db: another program's database
        raise BackupError(
            f"the target database holds tables that are not a hall's ({', '.join(foreign[:5])}):"
            " restore into a new, empty one"
        )
    with store.engine.connect() as conn:
        held = [
            table.name
            for table in TABLES
            if table.name in existing
            and conn.execute(select(func.count()).select_from(table)).scalar_one()
        ]
    if held:  # not even tokens: they would stay valid beside the hall's own
        raise BackupError(
            f"the target database is not empty (it has {', '.join(held)}): restore into a new one"
        )
    store.migrate()
    try:
        return _restore(store, path, keep_damaged=keep_damaged, archives=archives)
    except BaseException as stopped:
        try:
            with store.engine.begin() as conn:
                if existing:  # a hall's empty tables: empty again
                    for table in reversed(TABLES):
                        conn.execute(delete(table))
                else:  # it had nothing: it is left with nothing
                    schema.metadata.drop_all(conn)
                    conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        except SQLAlchemyError as exc:  # Ctrl+C inside a write: SQLite may still be locked
            first = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise BackupError(
                f"the restore stopped midway, and what it wrote could not be taken out "
                f"({first}): delete the target database, then restore again"
            ) from stopped
        raise


def _not_whole(path: Path, problem: ChainBreak, *, keep_damaged: bool) -> str:
    """Why a backup whose log is not whole was not restored, and what to do."""
    remedy = (
        f"it cannot be kept as it is: more than {MAX_ACCEPTED} bad events, or a row the hall "
        "never writes; restore an older backup"
        if keep_damaged
        else "--keep-damaged restores it as it is"
    )
    return f"{path} was not restored: its event {problem.seq} is bad: {problem.reason} ({remedy})"


def _restore(
    store: SqlHallStore, path: Path, *, keep_damaged: bool, archives: Iterable[Path]
) -> BackupSummary:
    tables = {t.name: t for t in TABLES}
    counts = {t.name: 0 for t in TABLES}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines, store.engine.begin() as conn:
            header = json.loads(next(lines))
            if header.get("format") != FORMAT or header.get("version") not in READABLE:
                raise BackupError(
                    f"{path} is not a Kezek backup this Kezek reads (version "
                    f"{', '.join(map(str, READABLE))}): a newer Kezek's, or another file"
                )
            pending: dict[str, list[dict[str, Any]]] = {}
            end: dict[str, Any] | None = None
            for line in lines:
                item = json.loads(line)
                if end is not None:
                    raise BackupError(f"{path}: lines after its end: it was put together by hand")
                if "end" in item:
                    end = item["end"]
                    continue
                table = tables.get(item["table"])
                if table is None:
                    raise BackupError(f"{path}: unknown table {item['table']!r}")
                pending.setdefault(table.name, []).append(_decode(table, item["row"]))
                if len(pending[table.name]) >= 1000:
                    conn.execute(table.insert(), pending.pop(table.name))
                counts[table.name] += 1
            for name, rows in pending.items():
                conn.execute(tables[name].insert(), rows)
            if end is None and header["version"] >= 2:
                raise BackupError(f"{path} is not whole: its end line is missing")
            if end is not None and end["rows"] != counts:  # cut, or lines taken out or added
                wrong = ", ".join(
                    f"{name}: {counts.get(name, 0)} in the file, {counted} counted"
                    for name, counted in end["rows"].items()
                    if counts.get(name, 0) != counted
                )
                raise BackupError(
                    f"{path} is not whole: its rows are not the ones its end line counts ({wrong})"
                )
    except UNREADABLE as exc:  # an empty file's end comes first: StopIteration, no words
        raise BackupError(
            f"{path} cannot be read as a Kezek backup: {str(exc).strip() or 'it holds nothing'}"
        ) from exc
    except (IntegrityError, DataError) as exc:  # rows the schema refuses: none was kept
        first = str(exc).splitlines()[0]
        raise BackupError(f"{path} holds rows this database refuses: {first}") from exc
    except StatementError as exc:  # a row without a column it needs: none was kept
        raise BackupError(f"{path} holds a row that cannot be stored: {exc.orig}") from exc
    whole = end is not None  # a backup made before backups had an end line: not checkable
    if _unsealed_damage(store):  # kept by a Kezek from before the seal: sealed now, if asked
        if not keep_damaged:
            raise BackupError(
                f"{path} holds damaged events an older Kezek kept: restore it with "
                "--keep-damaged, which seals them in the log"
            )
        store.delete_config(DAMAGE_KEY)  # found again below, and sealed
    try:
        problem = verify(store).problem  # from where its log starts, if events were archived
    except ArchiveError as exc:  # ArchiveDamaged too
        raise BackupError(f"{path} was not restored: {exc}") from exc
    if problem is not None and keep_damaged:
        damage = _accept_damage(store, problem, path, archives)
        if damage is not None:
            return BackupSummary(counts, current_revision(store.engine), damage, counted=whole)
    if problem is not None:  # a backup whose log is not whole is not restored at all
        raise StoreError(_not_whole(path, problem, keep_damaged=keep_damaged))
    return BackupSummary(counts, current_revision(store.engine), counted=whole)
