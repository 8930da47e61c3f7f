"""SQLAlchemy store: SQLite file by default, PostgreSQL by URL; one transaction per batch."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from hallserver.domain.bookings import Booking
from hallserver.domain.counters import Counter
from hallserver.domain.hall import HallState
from hallserver.domain.ids import JsonObject, ServiceId
from hallserver.domain.tickets import Ticket
from hallserver.eventlog import GENESIS, EventRecord
from hallserver.store import schema


class StoreError(Exception):
    """The database could not be reached or refused a write."""


@dataclass
class Batch:
    """Everything one group commit writes: events, the rows they change, other rows."""

    records: list[EventRecord] = field(default_factory=list)
    hall_state: str | None = None
    counters: list[dict[str, Any]] = field(default_factory=list)  # rows of counters that changed
    rows: list[tuple[Table, dict[str, Any]]] = field(default_factory=list)


@dataclass(frozen=True)
class SavedDay:
    """What a restart reads back."""

    state: HallState | None
    tickets: list[Ticket]
    counters: list[Counter]
    bookings: list[Booking]
    last_seq: int
    last_hash: str


def _utc(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    return datetime.fromisoformat(value).astimezone(UTC)


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'kezek.sqlite3'}"


class SqlHallStore:
    """The hall's database. Writes come from one thread at a time (the committer)."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, echo=echo)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot use database {url!r}: {exc}") from exc
        self.dialect = self.engine.dialect.name
        self._upserts: dict[str, Any] = {}
        self._statements: dict[tuple[str, bool], str] = {}
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------- schema

    def migrate(self) -> None:
        """Bring the schema to the newest version (a new database gets every migration)."""
        from hallserver.store.migrate import upgrade

        try:
            upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot prepare database: {exc}") from exc

    # ------------------------------------------------------------- writes

    def append(self, batch: Batch) -> None:
        """Write one batch in one transaction; durable when this returns."""
        try:
            with self.engine.begin() as conn:
                self._append(conn, batch)
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {exc}") from exc

    def _append(self, conn: Connection, batch: Batch) -> None:
        # The hot path speaks to the driver directly (one executemany per table): SQLAlchemy's
        # per-statement bookkeeping cost more than SQLite's own work and the fsync together.
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        tickets: dict[str, dict[str, Any]] = {}
        bookings: dict[str, dict[str, Any]] = {}
        events = []
        for r in batch.records:
            events.append(
                (
                    r.seq,
                    r.at,
                    r.type,
                    r.actor,
                    r.counter_id,
                    r.ticket_id,
                    r.data,
                    r.prev_hash,
                    r.hash,
                )
            )
            data = r.payload if r.payload is not None else json.loads(r.data)
            ticket = data.get("ticket")
            if isinstance(ticket, dict):
                tickets[str(ticket["id"])] = _ticket_row(ticket)
            booking = data.get("booking")
            if isinstance(booking, dict):
                bookings[str(booking["code"])] = _booking_row(booking)
        if events:
            cursor.executemany(self._sql(schema.events, upsert=False), events)
        self._write(cursor, schema.tickets, tickets.values())
        self._write(cursor, schema.counters, batch.counters)
        self._write(cursor, schema.bookings, bookings.values())
        if batch.hall_state is not None:
            self._write(cursor, schema.hall_state, [{"key": "state", "data": batch.hall_state}])
        for table, row in batch.rows:
            self._write(cursor, table, [row])

    def _sql(self, table: Table, *, upsert: bool = True) -> str:
        key = (table.name, upsert)
        sql = self._statements.get(key)
        if sql is None:
            columns = [c.name for c in table.columns]
            mark = "?" if self.dialect == "sqlite" else "%s"
            sql = (
                f"INSERT INTO {table.name} ({', '.join(columns)}) "  # noqa: S608 - our own names
                f"VALUES ({', '.join([mark] * len(columns))})"
            )
            if upsert:
                primary = [c.name for c in table.primary_key.columns]
                updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in primary)
                sql += f" ON CONFLICT ({', '.join(primary)}) DO UPDATE SET {updates}"
            self._statements[key] = sql
        return sql

    def _write(self, cursor: Any, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert whole rows; a row with only some columns updates just those."""
        columns = [c.name for c in table.columns]
        whole = []
        for row in rows:
            if len(row) == len(columns):
                whole.append(tuple(self._param(row[c]) for c in columns))
            else:
                self._update(cursor, table, row)
        if whole:
            cursor.executemany(self._sql(table), whole)

    def _update(self, cursor: Any, table: Table, row: dict[str, Any]) -> None:
        primary = [c.name for c in table.primary_key.columns]
        changed = [c for c in row if c not in primary]
        unknown = set(row) - {c.name for c in table.columns}
        if unknown or not set(primary) <= set(row):
            raise StoreError(f"bad update of {table.name}: {sorted(unknown) or 'no key'}")
        mark = "?" if self.dialect == "sqlite" else "%s"
        sql = (
            f"UPDATE {table.name} SET {', '.join(f'{c} = {mark}' for c in changed)} "  # noqa: S608
            f"WHERE {' AND '.join(f'{c} = {mark}' for c in primary)}"
        )
        cursor.execute(sql, tuple(self._param(row[c]) for c in [*changed, *primary]))

    def _param(self, value: Any) -> Any:
        """Values as SQLAlchemy itself would hand them to this driver."""
        if self.dialect != "sqlite":
            return value
        if isinstance(value, datetime):  # SQLAlchemy's SQLite DATETIME: naive UTC text
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
        return value

    def _upsert(
        self, conn: Connection, table: Table, key: list[str], rows: Sequence[dict[str, Any]]
    ) -> None:
        if not rows:
            return
        stmt = self._upserts.get(table.name)
        if stmt is None:  # built once per table: building it costs more than running it
            dialect_insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
            insert = dialect_insert(table)
            updates = {c.name: insert.excluded[c.name] for c in table.columns if c.name not in key}
            stmt = self._upserts[table.name] = insert.on_conflict_do_update(
                index_elements=key, set_=updates
            )
        conn.execute(stmt, list(rows))

    def checkpoint(self) -> None:
        """Copy the SQLite write-ahead log into the database file, without blocking writers."""
        if self.dialect != "sqlite":
            return
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except SQLAlchemyError as exc:
            raise StoreError(f"checkpoint failed: {exc}") from exc

    def put_config(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            self._upsert(conn, schema.hall_state, ["key"], [{"key": key, "data": value}])

    # ------------------------------------------------------------- reads

    def config(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            value = conn.execute(
                select(schema.hall_state.c.data).where(schema.hall_state.c.key == key)
            ).scalar_one_or_none()
        return value

    def load(self, booking_horizon: datetime) -> SavedDay:
        """Read back the saved day: its state, its and still-open tickets, counters, bookings."""
        with self.engine.connect() as conn:
            raw_state = conn.execute(
                select(schema.hall_state.c.data).where(schema.hall_state.c.key == "state")
            ).scalar_one_or_none()
            state = _hall_state(json.loads(raw_state)) if raw_state else None
            tickets: list[Ticket] = []
            if state is not None:
                query = select(schema.tickets.c.data).where(
                    (schema.tickets.c.day == state.day)
                    | schema.tickets.c.status.in_(("waiting", "called", "serving"))
                )
                tickets = [
                    Ticket.from_json(json.loads(row)) for row in conn.execute(query).scalars()
                ]
            counters = [
                Counter.from_json(json.loads(row))
                for row in conn.execute(select(schema.counters.c.data)).scalars()
            ]
            bookings = [
                Booking.from_json(json.loads(row))
                for row in conn.execute(
                    select(schema.bookings.c.data).where(
                        schema.bookings.c.slot_at >= booking_horizon.astimezone(UTC)
                    )
                ).scalars()
            ]
            last = conn.execute(
                select(schema.events.c.seq, schema.events.c.hash)
                .order_by(schema.events.c.seq.desc())
                .limit(1)
            ).first()
        return SavedDay(
            state=state,
            tickets=tickets,
            counters=counters,
            bookings=bookings,
            last_seq=last[0] if last else 0,
            last_hash=last[1] if last else GENESIS,
        )

    def events(self, after: int = 0, *, batch: int = 5000) -> Iterator[EventRecord]:
        """Every event after `after`, in order (read in pages)."""
        cursor = after
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(schema.events)
                    .where(schema.events.c.seq > cursor)
                    .order_by(schema.events.c.seq)
                    .limit(batch)
                ).all()
            if not rows:
                return
            for row in rows:
                yield EventRecord(
                    seq=row.seq,
                    at=row.at,
                    type=row.type,
                    actor=row.actor,
                    counter_id=row.counter_id,
                    ticket_id=row.ticket_id,
                    data=row.data,
                    prev_hash=row.prev_hash,
                    hash=row.hash,
                )
            cursor = rows[-1].seq

    def rows(self, table: Table) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(select(table))]

    def execute(self, sql: str, **params: object) -> None:
        """Raw SQL for tests and tools that must reach under the log (e.g. tamper tests)."""
        with self.engine.begin() as conn:
            conn.execute(text(sql), params)


def _ticket_row(ticket: JsonObject) -> dict[str, Any]:
    issued = _utc(ticket["issued_at"])
    assert issued is not None
    ticket_id = str(ticket["id"])
    # the id starts with the business day: 20261122-A001
    day = date(int(ticket_id[0:4]), int(ticket_id[4:6]), int(ticket_id[6:8]))
    return {
        "id": ticket_id,
        "day": day,
        "number": ticket["number"],
        "service_id": ticket["service_id"],
        "status": ticket["status"],
        "priority": ticket["priority"],
        "counter_id": ticket["counter_id"],
        "operator_id": ticket["operator_id"],
        "issued_at": issued,
        "first_called_at": _utc(ticket["first_called_at"]),
        "started_at": _utc(ticket["started_at"]),
        "finished_at": _utc(ticket["finished_at"]),
        "rating": ticket["rating"],
        "transfers": ticket["transfers"],
        "data": json.dumps(ticket, ensure_ascii=False),
        "wait_s": _wait_s(issued, _utc(ticket["first_called_at"])),
    }


def _wait_s(issued: datetime, called: datetime | None) -> int | None:
    return max(int((called - issued).total_seconds()), 0) if called is not None else None


def _booking_row(booking: JsonObject) -> dict[str, Any]:
    return {
        "code": booking["code"],
        "service_id": booking["service_id"],
        "slot_at": _utc(booking["slot_at"]),
        "iin": booking["iin"],
        "state": booking["state"],
        "data": json.dumps(booking, ensure_ascii=False),
    }


def hall_state_json(state: HallState) -> str:
    return json.dumps(
        {
            "day": state.day.isoformat(),
            "numbering": state.numbering,
            "suspended": sorted(state.suspended),
            "announcement": state.announcement,
            "order": state.order,
        },
        ensure_ascii=False,
    )


def _hall_state(raw: dict[str, Any]) -> HallState:
    return HallState(
        day=date.fromisoformat(raw["day"]),
        numbering={ServiceId(k): int(v) for k, v in raw["numbering"].items()},
        suspended={ServiceId(s) for s in raw["suspended"]},
        announcement=str(raw["announcement"]),
        order=int(raw["order"]),
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a ticket acknowledged survives a power cut
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: a whole busy day stays in memory
    # checkpoints run beside the commits (SqlHallStore.checkpoint), not inside one of them
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()
