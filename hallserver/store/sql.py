"""SQLAlchemy store: SQLite file by default, PostgreSQL by URL; one transaction per batch."""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import Engine, Table, create_engine, delete, event, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Row, make_url
from sqlalchemy.exc import SQLAlchemyError

from hallserver.domain import events as ev
from hallserver.domain.bookings import Booking
from hallserver.domain.counters import Counter
from hallserver.domain.hall import Announcement, HallState, TerminalReport
from hallserver.domain.ids import LANGS, JsonObject, ServiceId
from hallserver.domain.messages import Message
from hallserver.domain.tickets import Ticket, TicketState
from hallserver.eventlog import EventRecord
from hallserver.store import schema
from hallserver.store.anchor import ANCHOR_KEY, DamagedAnchor, parse_anchor
from hallserver.store.log_writer import SQLITE_PRAGMAS

log = logging.getLogger(__name__)


CATALOGUE_KEY = "catalogue"  # the hall_state row holding the catalogue's TOML text
# services changed on the board since a file was given: {"at", "by", "services"} ("": none)
EDITED_KEY = "catalogue_edited"


class LoggedEvent(NamedTuple):
    seq: int
    at: str
    type: str
    data: str


def events_since(
    conn: Connection, low: str, kind: str, containing: str | None = None
) -> list[LoggedEvent]:
    """Events of one kind whose `at` text is from `low` on (and whose data holds `containing`,
    looked for by the database: no row of the rest reaches Python), in order, found by the
    `at` index.

    Not ordered by seq in SQL: asked for that with only a lower bound (a restart's question),
    SQLite, with no statistics to tell it the range is small, walked the whole log in seq
    order, reading every row: 95 ms for 700,000 short events, 620 ms for the restart
    benchmark's month of log (1,020,000 events, 1.1 GB), more every day the hall is open.
    """
    events = schema.events
    query = select(events.c.seq, events.c.at, events.c.type, events.c.data).where(
        events.c.at >= low, events.c.type == kind
    )
    if containing is not None:
        query = query.where(events.c.data.contains(containing, autoescape=True))
    rows = [LoggedEvent(row.seq, row.at, row.type, row.data) for row in conn.execute(query)]
    rows.sort(key=lambda row: row.seq)  # nearly in seq order already: cheap
    return rows


class StoreError(Exception):
    """The database could not be reached or refused a write."""


@dataclass(frozen=True)
class SavedDay:
    """What a restart reads back."""

    state: HallState | None
    tickets: list[Ticket]
    counters: list[Counter]
    bookings: list[Booking]
    last_seq: int
    last_hash: str
    last_at: str | None  # when the last event was (None: the log holds none, all archived)
    terminals: list[TerminalReport]  # each terminal's last status, from terminal.status events
    # the data of the day's ticket.issued events that carry a request key (`request_id`)
    requests: tuple[JsonObject, ...] = ()


# a restart reads request keys back from this much before the asked time: the log's `at` is
# text in the hall's offset when written, which a change of time zone moves by an hour or two
REQUEST_SLACK = timedelta(hours=2)

OPEN_STATUSES = tuple(state.value for state in TicketState if state.is_open)


def login_key(login: str) -> str:
    """A login as it is compared: Aigerim, aigerim and AIGERIM are one operator, as are
    Айгерим and АЙГЕРИМ, and a full-width or composed letter is its plain one."""
    return unicodedata.normalize("NFKC", login.strip()).casefold()


def operators_alike(conn: Connection, login: str) -> list[Row[Any]]:
    """The operators whose login is `login` in any case (a hall has tens of operators)."""
    key = login_key(login)
    return [row for row in conn.execute(select(schema.operators)) if login_key(row.login) == key]


def operator_row(conn: Connection, login: str) -> Row[Any] | None:
    """The operator with `login` as typed, in any case; its own spelling first, for two kept
    from before logins were compared so (the one that matches more than one is nobody)."""
    operators = schema.operators
    exact = conn.execute(select(operators).where(operators.c.login == login.strip())).first()
    if exact is not None:
        return exact
    alike = operators_alike(conn, login)
    return alike[0] if len(alike) == 1 else None


def shown_url(url: str) -> str:
    """A database URL fit for a message: its password hidden."""
    try:
        parsed = make_url(url)
    except (SQLAlchemyError, ValueError):
        return "(not a database URL)"
    # a password may come in the query too (?password=…, ?sslpassword=…): hidden as well
    secret = {key: "***" for key in parsed.query if "pass" in key.lower()}
    shown = repr(parsed.update_query_dict(secret) if secret else parsed)
    return shown.replace("=%2A%2A%2A", "=***")  # as the password before the host shows


def midnight_utc(day: date, tz: ZoneInfo) -> datetime:
    """The hall's midnight of `day`, in UTC, to compare with stored times: SQLite keeps them
    as UTC text, and would read an offset-bearing value's wall time as UTC."""
    return datetime.combine(day, time(0), tz).astimezone(UTC)


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'kezek.sqlite3'}"


class SqlHallStore:
    """The hall's database. Writes come from one thread at a time (the committer)."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, echo=echo)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot use database {shown_url(url)}: {exc}") from exc
        self.dialect = self.engine.dialect.name
        self._upserts: dict[str, Any] = {}
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------- schema

    def migrate(self) -> None:
        """Bring the schema to the newest version (a new database gets every migration)."""
        from hallserver.store.migrate import NewerDatabase, NotAHall, upgrade

        try:
            upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot prepare database: {exc}") from exc
        except (NewerDatabase, NotAHall) as exc:
            raise StoreError(str(exc)) from exc

    # ------------------------------------------------------------- writes

    def writer_target(self) -> tuple[str, str]:
        """Where the writer process (store/log_writer.py) writes: a SQLite path or a URI."""
        url = self.engine.url
        if self.dialect == "sqlite":
            if not url.database or url.database == ":memory:":
                raise StoreError("the hall needs a SQLite file, not an in-memory database")
            return "sqlite", url.database
        if self.dialect == "postgresql":
            return "postgresql", url.set(drivername="postgresql").render_as_string(
                hide_password=False
            )
        raise StoreError(f"no writer for {self.dialect} databases: use SQLite or PostgreSQL")

    def table_plan(self) -> dict[str, tuple[list[str], list[str]]]:
        """Each table's columns and primary key, for the writer process."""
        return {
            table.name: ([c.name for c in table.columns], [c.name for c in table.primary_key])
            for table in schema.metadata.sorted_tables
        }

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

    def put_config(self, key: str, value: str, conn: Connection | None = None) -> None:
        """Save one of the hall's settings (in `conn`'s transaction, when given)."""
        if conn is not None:
            self._upsert(conn, schema.hall_state, ["key"], [{"key": key, "data": value}])
            return
        with self.engine.begin() as own:
            self._upsert(own, schema.hall_state, ["key"], [{"key": key, "data": value}])

    def delete_config(self, key: str) -> None:
        """Forget one of the hall's saved settings."""
        with self.engine.begin() as conn:
            conn.execute(delete(schema.hall_state).where(schema.hall_state.c.key == key))

    # ------------------------------------------------------------- reads

    def config(self, key: str, conn: Connection | None = None) -> str | None:
        """One of the hall's saved settings (read in `conn`'s transaction, when given)."""
        query = select(schema.hall_state.c.data).where(schema.hall_state.c.key == key)
        if conn is not None:
            found: str | None = conn.execute(query).scalar_one_or_none()
            return found
        with self.engine.connect() as own:
            return self.config(key, own)

    def ids_used(self, day: date) -> tuple[set[str], set[str]]:
        """The services and counters `day`'s tickets name: as their service and counter (two
        DISTINCT columns), and, for those still open, the service they go back to and the
        counter they wait for or go back to (from the few open tickets' JSON)."""
        tickets = schema.tickets
        with self.engine.connect() as conn:
            services = {
                str(s)
                for s in conn.execute(
                    select(tickets.c.service_id).where(tickets.c.day == day).distinct()
                ).scalars()
            }
            counters = {
                str(c)
                for c in conn.execute(
                    select(tickets.c.counter_id).where(tickets.c.day == day).distinct()
                ).scalars()
                if c is not None
            }
            for _, named_services, named_counters in self._open_names(conn, day):
                services |= named_services
                counters |= named_counters
        return services, counters

    def tickets_using(self, day: date, services: set[str], counters: set[str]) -> list[str]:
        """The numbers of `day`'s tickets that name one of these services or counters, in the
        order they were issued."""
        tickets = schema.tickets
        query = (
            select(tickets.c.number)
            .where(
                tickets.c.day == day,
                tickets.c.service_id.in_(services) | tickets.c.counter_id.in_(counters),
            )
            .order_by(tickets.c.issued_at)
        )
        with self.engine.connect() as conn:
            found = [str(n) for n in conn.execute(query).scalars()]
            for number, named_services, named_counters in self._open_names(conn, day):
                if number not in found and (named_services & services or named_counters & counters):
                    found.append(number)
        return found

    def bookings_booked_since(self, since: datetime) -> list[tuple[str, str, datetime]]:
        """Code, service and slot of each booking not checked in nor cancelled whose slot is
        at `since` or later, by slot."""
        bookings = schema.bookings
        query = (
            select(bookings.c.code, bookings.c.service_id, bookings.c.slot_at)
            .where(bookings.c.state == "booked", bookings.c.slot_at >= since)
            .order_by(bookings.c.slot_at, bookings.c.code)
        )
        with self.engine.connect() as conn:
            return [
                (str(code), str(service), slot if slot.tzinfo else slot.replace(tzinfo=UTC))
                for code, service, slot in conn.execute(query)
            ]

    @staticmethod
    def _open_names(conn: Connection, day: date) -> list[tuple[str, set[str], set[str]]]:
        """Each open ticket of `day`: its number, and the services and counters its JSON names
        beyond the columns (where it goes back to, the counter it waits for)."""
        tickets = schema.tickets
        query = select(tickets.c.number, tickets.c.data).where(
            tickets.c.day == day, tickets.c.status.in_(OPEN_STATUSES)
        )
        found: list[tuple[str, set[str], set[str]]] = []
        for number, raw in conn.execute(query):
            data = json.loads(raw)
            back = data.get("return_service_id")
            held = {data.get("target_counter_id"), data.get("return_counter_id")}
            found.append((str(number), {back} if back else set(), {str(c) for c in held if c}))
        return found

    def saved_day(self) -> date | None:
        """The business day the hall last worked on (it stays until the hall opens the next)."""
        raw = self.config("state")
        return _hall_state(json.loads(raw)).day if raw else None

    def load(
        self,
        booking_horizon: datetime,
        reports_since: datetime,
        requests_since: datetime | None = None,
    ) -> SavedDay:
        """Read back the saved day: its state, its tickets, counters, bookings, the last
        status each terminal reported since `reports_since` and the request keys of tickets
        issued since `requests_since` (from the event log; the day's start without it).

        Open tickets are all the saved day's: opening a day expires the open ones in the same
        transaction that moves the hall to it (migration 0004 relies on this too).
        """
        with self.engine.connect() as conn:
            raw_state = conn.execute(
                select(schema.hall_state.c.data).where(schema.hall_state.c.key == "state")
            ).scalar_one_or_none()
            state = _hall_state(json.loads(raw_state)) if raw_state else None
            tickets: list[Ticket] = []
            if state is not None:
                query = select(schema.tickets.c.data).where(schema.tickets.c.day == state.day)
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
                select(schema.events.c.seq, schema.events.c.hash, schema.events.c.at)
                .order_by(schema.events.c.seq.desc())
                .limit(1)
            ).first() or (*_chain_start(self.config(ANCHOR_KEY, conn)), None)
            terminals: dict[tuple[str, str], TerminalReport] = {}
            # `at` is text with the hall's offset then: a day of slack, then the real times
            slack = (reports_since - timedelta(days=1)).isoformat()
            for row in events_since(conn, slack, ev.TERMINAL_STATUS):
                try:
                    if datetime.fromisoformat(row.at) < reports_since:
                        continue
                    report = TerminalReport.from_json(json.loads(row.data)["terminal"])
                except (KeyError, TypeError, ValueError):  # not worth failing a start for
                    log.warning("skipped an unreadable terminal.status event: %.200s", row.data)
                    continue
                terminals[report.role, report.name] = report
            requests: list[JsonObject] = []
            if state is not None:  # `at` is text in the hall's offset then: hours of slack
                since = requests_since or datetime.combine(state.day, time(), reports_since.tzinfo)
                low = max(since - REQUEST_SLACK, datetime.combine(state.day, time(), since.tzinfo))
                # most tickets have no key: the database passes them over
                found = events_since(conn, low.isoformat(), ev.TICKET_ISSUED, '"request":{')
                requests.extend(json.loads(row.data) for row in found)
        return SavedDay(
            state=state,
            tickets=tickets,
            counters=counters,
            bookings=bookings,
            last_seq=last[0],
            last_hash=last[1],
            last_at=last[2],
            terminals=list(terminals.values()),
            requests=tuple(requests),
        )

    def events_between(self, low: str, high: str) -> Generator[LoggedEvent, None, None]:
        """The events whose `at` text is from `low` up to `high`, in order. With both bounds
        SQLite takes the `at` index and sorts the period first (on disk when large); Python
        holds a batch of rows at a time, not the period. Close it when done early."""
        events = schema.events
        query = (
            select(events.c.seq, events.c.at, events.c.type, events.c.data)
            .where(events.c.at >= low, events.c.at < high)
            .order_by(events.c.seq)
        )
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield LoggedEvent(row.seq, row.at, row.type, row.data)

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


def hall_state_json(state: HallState) -> str:
    return orjson.dumps(
        {
            "day": state.day.isoformat(),
            "numbering": state.numbering,
            "suspended": sorted(state.suspended),
            # the first text where an older server reads one text; each language beside it
            "announcement": state.announcement.text,
            "announcements": state.announcement.as_written(),
            "order": state.order,
            "messages": [m.to_json() for m in state.messages],
            "sent_back": state.sent_back,
        }
    ).decode()


def _announcement(raw: object) -> Announcement:
    if isinstance(raw, str):  # saved before the line had a text per language
        return Announcement.same(raw) if raw else Announcement()
    written = raw if isinstance(raw, dict) else {}
    return Announcement({lang: str(written[lang]) for lang in LANGS if written.get(lang)})


def _hall_state(raw: dict[str, Any]) -> HallState:
    return HallState(
        day=date.fromisoformat(raw["day"]),
        numbering={ServiceId(k): int(v) for k, v in raw["numbering"].items()},
        suspended={ServiceId(s) for s in raw["suspended"]},
        announcement=_announcement(raw.get("announcements", raw["announcement"])),
        order=int(raw["order"]),
        messages=[Message.from_json(m) for m in raw.get("messages", [])],
        sent_back={str(k): [int(s) for s in v] for k, v in (raw.get("sent_back") or {}).items()},
    )


def _chain_start(raw: str | None) -> tuple[int, str]:
    """Where the log numbers on from when it holds no event: the first event, or after the last
    archived one."""
    try:
        anchor = parse_anchor(raw)
    except DamagedAnchor as exc:
        raise StoreError(str(exc)) from exc
    return anchor.seq, anchor.hash


# The page cache of each connection of this process (the writer's own keeps 64 MiB). The
# pool keeps up to five connections, each filling a cache of its own as reports read the log:
# at 64 MiB each, a server's memory had grown by 250 MB after 16 views of a busy day's report,
# and kept growing with the database for weeks. The system keeps the file's pages anyway.
READER_CACHE_KIB = 8192


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.execute(f"PRAGMA cache_size=-{READER_CACHE_KIB}")
    cursor.close()
