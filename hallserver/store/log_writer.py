"""The event log's writer process: group commits, off the server's interpreter lock.

`kezek hall` starts this as a child (`python -m hallserver.store.log_writer`). Commands reach it
over stdin, one frame each; it writes everything that has arrived in one transaction, answers
"committed up to N" on stdout once the commit is durable, and reads the next group. Running in
its own process, its row-building and SQLite's work never wait for the event loop's lock, nor
the event loop for them.

After a failed write it refuses every frame (nothing is written after a gap in the event log)
until the server has reloaded its state and sends "resume". A "checkpoint" frame has it copy
the SQLite log into the database file once what came before it is committed.

This module needs only the standard library, orjson and the database's driver: it starts fast.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import struct
import sys
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import orjson

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",  # a ticket acknowledged survives a power cut
    "PRAGMA busy_timeout=5000",
    # checkpoints run beside the commits (SqlHallStore.checkpoint), not inside one of them;
    # the writer copies only the short tail they leave (LogWriter.checkpoint)
    "PRAGMA wal_autocheckpoint=0",
    "PRAGMA journal_size_limit=67108864",  # after a burst the log shrinks back to 64 MiB
)
# the writer's own connection: 64 MiB, a whole busy day stays in memory (the server's own
# connections keep a smaller cache each: store.sql.READER_CACHE_KIB)
WRITER_PRAGMAS = (*SQLITE_PRAGMAS, "PRAGMA cache_size=-65536")
# PostgreSQL: the session that commits holds this lock (`kezek hall` claims the database with
# claim.ADVISORY_KEY, one below, at start). A hall whose claim's connection was cut cannot go
# on writing beside a second hall that then started: the two never hold this one together.
WRITER_LOCK_KEY = 0x6B657A656C
WRITER_NAME = "kezek-writer"  # its sessions' application_name, with the hall server's instance
WRITER_LOCK_WAIT_S = 3.0  # a closed session's lock outlives it until its backend has gone
# libpq's keepalives (this side hears of a cut within a minute or so), and the same asked of
# the server (it ends a session whose host vanished, and lets that session's locks go)
KEEPALIVES: dict[str, Any] = {
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
SERVER_KEEPALIVES = " ".join(f"-c tcp_{key}={value}" for key, value in KEEPALIVES.items())
TICKET_COLUMNS = (
    "id",
    "day",
    "number",
    "service_id",
    "status",
    "priority",
    "counter_id",
    "operator_id",
    "issued_at",
    "first_called_at",
    "started_at",
    "finished_at",
    "rating",
    "result",
    "transfers",
    "data",
    "wait_s",
)
HEADER = struct.Struct("<I")

# A record as sent: seq, at, type, actor, counter_id, ticket_id, data, prev_hash, hash.
Record = tuple[int, str, str, str, str | None, str | None, str, str, str]
Row = tuple[str, dict[str, Any]]  # a table's name and a row (or the changed columns and key)


def frame(message: object) -> bytes:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(body)) + body


def unframe(buffer: bytearray) -> list[Any]:
    """Take every whole frame off the front of `buffer`."""
    messages = []
    start = 0
    while len(buffer) - start >= HEADER.size:
        (size,) = HEADER.unpack_from(buffer, start)
        end = start + HEADER.size + size
        if len(buffer) < end:
            break
        messages.append(pickle.loads(buffer[start + HEADER.size : end]))  # noqa: S301 - our parent
        start = end
    del buffer[:start]
    return messages


class LogWriter:
    """Writes groups of commands to the database, one transaction per group."""

    def __init__(
        self,
        dialect: str,
        target: str,
        tables: dict[str, tuple[list[str], list[str]]],
        instance: str = "",
    ):
        self.dialect = dialect
        self.instance = instance  # the hall server's: its writers' sessions are named by it
        self.target = target  # a SQLite file path, or a PostgreSQL URI
        self.tables = tables  # name -> (columns, primary key)
        self._mark = "?" if dialect == "sqlite" else "%s"
        self._statements: dict[tuple[str, bool], str] = {}
        self._connection: Any = None
        self._identity: tuple[int, int] | None = None  # the SQLite file's device and inode
        if tuple(tables["tickets"][0]) != TICKET_COLUMNS:
            raise ValueError("the tickets table changed: update TICKET_COLUMNS and _ticket")

    def connect(self) -> None:
        if self._connection is not None:
            return
        if self.dialect == "sqlite":
            import sqlite3

            self._same_file()
            connection = sqlite3.connect(self.target)
            for pragma in WRITER_PRAGMAS:
                connection.execute(pragma)
            self._connection = connection
        else:
            import psycopg

            session = psycopg.connect(
                self.target,
                **KEEPALIVES,
                options=SERVER_KEEPALIVES,
                application_name=f"{WRITER_NAME} {self.instance}",
            )
            try:
                _take_writer_lock(session, f"{WRITER_NAME} {self.instance}")
            except BaseException:
                session.close()
                raise
            self._connection = session

    def _same_file(self) -> None:
        """Raise when the SQLite file is not the one first opened: deleted or replaced by hand
        while the hall ran, what is written would go to an unlinked file or another hall's,
        and be lost or mixed. (A database in memory has no file: nothing to check.)"""
        try:
            found = os.stat(self.target)
        except OSError:
            found = None
        identity = (found.st_dev, found.st_ino) if found is not None else None
        if self._identity is None:
            self._identity = identity
        elif identity != self._identity:
            raise RuntimeError(
                f"the database file {self.target} was removed or replaced while the hall ran: "
                "nothing more is saved; stop the hall server and restore the file"
            )

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()

    def write(
        self,
        records: list[Record],
        hall_state: str | None,
        counters: list[dict[str, Any]],
        rows: list[Row],
    ) -> None:
        """One transaction; durable when this returns. Raises the driver's error on failure."""
        self.connect()
        connection = self._connection
        cursor = connection.cursor()
        try:
            tickets: dict[str, tuple[Any, ...]] = {}
            bookings: dict[str, dict[str, Any]] = {}
            for record in records:
                data = orjson.loads(record[6])
                ticket = data.get("ticket")
                if isinstance(ticket, dict):
                    tickets[str(ticket["id"])] = self._ticket(ticket)
                booking = data.get("booking")
                if isinstance(booking, dict):
                    bookings[str(booking["code"])] = _booking_row(booking)
            if records:
                cursor.executemany(self._sql("events", upsert=False), records)
            if tickets:
                cursor.executemany(self._sql("tickets"), list(tickets.values()))
            self._rows(cursor, "counters", counters)
            self._rows(cursor, "bookings", bookings.values())
            if hall_state is not None:
                self._rows(cursor, "hall_state", [{"key": "state", "data": hall_state}])
            for table, row in rows:
                self._rows(cursor, table, [row])
            if self._identity is not None:
                self._same_file()
            try:
                connection.commit()
            except Exception as exc:
                if self.dialect != "sqlite" and getattr(connection, "broken", False):
                    # the server may have committed before the connection broke
                    raise CommitUnknown(str(exc)) from exc
                raise
        except BaseException:
            with contextlib.suppress(Exception):
                connection.rollback()
            self.close()  # a fresh connection for the next group (the server may have restarted)
            raise
        finally:
            with contextlib.suppress(Exception):
                cursor.close()

    def checkpoint(self) -> None:
        """Copy what the server's checkpoint left into the database file, between two groups.

        The server copies the bulk of the log beside the commits; under non-stop load new
        commits always follow it, so the log never gets fully copied and grows without end.
        Here no group commit can come between: the whole log is copied, and the next commit
        writes the log over from its start (once no reader still holds an older view of it).
        """
        if self.dialect == "sqlite":
            self.connect()
            self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _ticket(self, ticket: dict[str, Any]) -> tuple[Any, ...]:
        """A ticket's row in the order of TICKET_COLUMNS."""
        issued = _utc(ticket["issued_at"])
        assert issued is not None
        called = _utc(ticket["first_called_at"])
        ticket_id = str(ticket["id"])
        # the id starts with the business day: 20261122-A001
        day = f"{ticket_id[0:4]}-{ticket_id[4:6]}-{ticket_id[6:8]}"
        param = self._param
        return (
            ticket_id,
            param(date.fromisoformat(day)),
            ticket["number"],
            ticket["service_id"],
            ticket["status"],
            ticket["priority"],
            ticket["counter_id"],
            ticket["operator_id"],
            param(issued),
            param(called),
            param(_utc(ticket["started_at"])),
            param(_utc(ticket["finished_at"])),
            ticket["rating"],
            ticket.get("result"),
            ticket["transfers"],
            orjson.dumps(ticket).decode(),
            max(int((called - issued).total_seconds()), 0) if called is not None else None,
        )

    def _sql(self, table: str, *, upsert: bool = True) -> str:
        key = (table, upsert)
        sql = self._statements.get(key)
        if sql is None:
            columns, primary = self.tables[table]
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - our own names
                f"VALUES ({', '.join([self._mark] * len(columns))})"
            )
            if upsert:
                updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in primary)
                sql += f" ON CONFLICT ({', '.join(primary)}) DO UPDATE SET {updates}"
            self._statements[key] = sql
        return sql

    def _rows(self, cursor: Any, table: str, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert whole rows; a row with only some columns updates just those."""
        columns, primary = self.tables[table]
        whole = []
        for row in rows:
            if len(row) == len(columns):
                whole.append(tuple(self._param(row[c]) for c in columns))
            else:
                self._update(cursor, table, row, columns, primary)
        if whole:
            cursor.executemany(self._sql(table), whole)

    def _update(
        self, cursor: Any, table: str, row: dict[str, Any], columns: list[str], primary: list[str]
    ) -> None:
        changed = [c for c in row if c not in primary]
        unknown = set(row) - set(columns)
        if unknown or not set(primary) <= set(row):
            raise ValueError(f"bad update of {table}: {sorted(unknown) or 'no key'}")
        mark = self._mark
        sql = (
            f"UPDATE {table} SET {', '.join(f'{c} = {mark}' for c in changed)} "  # noqa: S608
            f"WHERE {' AND '.join(f'{c} = {mark}' for c in primary)}"
        )
        cursor.execute(sql, tuple(self._param(row[c]) for c in [*changed, *primary]))

    def _param(self, value: Any) -> Any:
        """Values as SQLAlchemy itself would hand them to this driver."""
        if self.dialect != "sqlite":
            return value
        if isinstance(value, datetime):  # SQLAlchemy's SQLite DATETIME: naive UTC text
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
        return value


class CommitUnknown(Exception):
    """The connection broke during COMMIT: the server may or may not have committed."""


def _take_writer_lock(connection: Any, name: str) -> None:
    """Hold the hall's writer lock in this session, or raise: another hall writes here.

    A session of this same hall server may still hold it: a writer that died, or whose
    connection a cut ended on this side only (PostgreSQL hears nothing from an idle client
    until its keepalives give up). That session is ended; another hall's never is."""
    deadline = time.monotonic() + WRITER_LOCK_WAIT_S
    while True:
        row = connection.execute("SELECT pg_try_advisory_lock(%s)", (WRITER_LOCK_KEY,)).fetchone()
        connection.commit()  # the lock belongs to the session, not to this transaction
        if row is not None and row[0]:
            return
        connection.execute(
            "SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.classid = %s AND l.objid = %s "
            "AND l.objsubid = 1 AND l.granted AND a.application_name = %s "
            "AND l.pid <> pg_backend_pid()",
            (WRITER_LOCK_KEY >> 32, WRITER_LOCK_KEY & 0xFFFFFFFF, name),
        )
        connection.commit()
        if time.monotonic() >= deadline:
            raise RuntimeError(
                "another hall server is writing to this PostgreSQL database: stop it first"
            )
        time.sleep(0.05)


def _utc(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    return datetime.fromisoformat(value).astimezone(UTC)


def _booking_row(booking: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": booking["code"],
        "service_id": booking["service_id"],
        "slot_at": _utc(booking["slot_at"]),
        "iin": booking["iin"],
        "state": booking["state"],
        "data": orjson.dumps(booking).decode(),
    }


def _die_with_parent() -> None:
    """A writer must not outlive its server (Linux): it would write behind a new one's back."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        sys.exit(0)


def send(outgoing: int, message: object) -> None:
    data = frame(message)
    while data:
        data = data[os.write(outgoing, data) :]


def serve(writer: LogWriter, incoming: int, outgoing: int, buffer: bytearray) -> None:
    """Read frames until stdin closes; answer each group once it is durable; copy the log
    into the database file where a checkpoint frame says."""
    failure: str | None = None
    while True:
        messages = unframe(buffer)
        if not messages:
            chunk = os.read(incoming, 1 << 16)  # below malloc's mmap threshold: no mmap per read
            if not chunk:
                return
            buffer += chunk
            continue
        writes: list[Any] = []  # what arrived together is one group, split at a checkpoint
        for message in messages:
            if message[0] == "resume":
                if writes:  # sent before the server reloaded: refused like the failed ones
                    send(outgoing, ("fail", writes[-1][1], failure or "written before the reload"))
                    writes = []
                failure = None
            elif message[0] == "checkpoint":
                if writes:  # what came before it is copied too
                    failure, writes = commit(writer, writes, failure, outgoing), []
                if failure is None:
                    checkpoint(writer)
            else:
                writes.append(message)
        if writes:
            failure = commit(writer, writes, failure, outgoing)


def checkpoint(writer: LogWriter) -> None:
    """Copy the log between two groups; a failure is only reported."""
    try:
        writer.checkpoint()
    except Exception as exc:  # harmless: the server's next checkpoint asks again
        sys.stderr.write(f"kezek writer: checkpoint failed: {exc}\n")


def commit(writer: LogWriter, writes: list[Any], failure: str | None, outgoing: int) -> str | None:
    """Write a group, or refuse it after a failure; answer it; return the failure, if any."""
    last = writes[-1][1]
    if failure is not None:
        send(outgoing, ("fail", last, failure))
        return failure
    try:
        writer.write(
            [record for w in writes for record in w[2]],
            next((w[3] for w in reversed(writes) if w[3] is not None), None),
            [row for w in writes for row in w[4]],
            [row for w in writes for row in w[5]],
        )
    except CommitUnknown as exc:  # the server reads the database to know which it was
        failure = f"database connection lost during a commit: {exc}"
        send(outgoing, ("unsure", last, failure))
        return failure
    except Exception as exc:  # every failure is reported, none is fatal
        failure = f"database write failed: {exc}"
        send(outgoing, ("fail", last, failure))
        return failure
    send(outgoing, ("ok", last))
    return None


def main() -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the server; it closes stdin
    incoming, outgoing = sys.stdin.fileno(), sys.stdout.fileno()
    buffer = bytearray()
    messages: list[Any] = []
    while not messages:  # the first frame says where to write; nothing comes before "ready"
        chunk = os.read(incoming, 1 << 16)
        if not chunk:
            return
        buffer += chunk
        messages = unframe(buffer)
    _, dialect, target, tables, *instance = messages[0]
    try:
        writer = LogWriter(dialect, target, tables, *instance)
        writer.connect()
    except Exception as exc:  # the server reports it and stops
        send(outgoing, ("broken", f"cannot open the database: {exc}"))
        return
    send(outgoing, ("ready",))
    try:
        serve(writer, incoming, outgoing, buffer)
    finally:
        writer.close()


if __name__ == "__main__":
    main()
