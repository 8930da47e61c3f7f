"""Moving old events out of the database into archive files, with the hash chain kept whole.

A hall that issues 10,000 tickets a day adds about 37 MB of event log a day. `archive` writes
the log's oldest events (those before a day) to a new gzip'd JSON-lines file and makes it
durable. Then, in one transaction, it moves the database's *anchor*: where its log now starts
(the last archived event's number and hash) and the list of archive files so far. Only then
does it delete those events and their days' ticket rows, in small slices so that a running
hall's writer is never held up for long. A run stopped at any point leaves either an unlisted
file and an unchanged database, or an anchor whose deletions the next run finishes.

`verify` walks the database's log from its anchor (archived events a stopped run left in it are
checked as the chain that ends there); given the archive files, it walks them from the first
event ever, checks that they end exactly at the anchor, and goes on into the database.
The database alone cannot show a change to what was archived, nor that a prefix of its log was
removed and an anchor written in its place: keep the archive files, and compare the anchor's
hash `verify` prints with the last event of the newest file. Nor can it show its log rewritten
and sealed again from some event on, or cut short: `verify` checks it against the witnesses
given (events' hashes written down outside the database, `hallserver.eventlog.Witness`).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import itertools
import json
import os
import time as clock
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import ColumnElement, Table, delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from hallserver.domain.hall import BOOKING_MEMORY_DAYS
from hallserver.eventlog import (
    DAMAGE_KEPT,
    GENESIS,
    ChainBreak,
    EventRecord,
    Witness,
    check_witnesses,
    verify_chain,
)
from hallserver.store import schema
from hallserver.store.anchor import (
    ANCHOR_KEY,
    DAMAGE_KEY,
    Anchor,
    DamagedAnchor,
    Part,
    parse_anchor,
)
from hallserver.store.sql import SqlHallStore, StoreError, midnight_utc

FORMAT = "kezek-archive"
VERSION = 1
KEEP_DAYS = 2  # today's and yesterday's events stay: a restart and the alerts read them
DELETE_SLICE = 1000  # rows deleted per transaction: a few milliseconds each
SLICE_PAUSE_S = 0.02  # between slices: the hall's writer, backing off while locked out, gets in


class ArchiveError(Exception):
    """The archive cannot be made or read; the message says what to do."""


class ArchiveDamaged(ArchiveError):
    """An archive file's events, or the database's record of its archives, cannot be read:
    the evidence itself is damaged."""


@dataclass(frozen=True)
class Archived:
    first_seq: int
    last_seq: int
    tickets: int  # ticket rows deleted with them
    resumed: Part | None = None  # an earlier run's deletions finished instead
    bookings: int = 0  # booking rows deleted: slots before the archived days and the 10-day rule


def anchor(store: SqlHallStore) -> Anchor:
    return _parsed(store.config(ANCHOR_KEY))


def _parsed(raw: str | None) -> Anchor:
    try:
        found = parse_anchor(raw)
    except DamagedAnchor as exc:
        raise ArchiveDamaged(str(exc)) from exc
    if found.seq and not found.parts:
        raise ArchiveDamaged(
            f"the database's record of its archives says its log starts after event {found.seq} "
            "but names no archive file, which Kezek never writes: it was written by hand"
        )
    expected = 1  # an archive's files run from event 1 to the anchor, each on from the last
    for part in found.parts:
        if part.first != expected or part.last < part.first:
            break
        expected = part.last + 1
    else:
        if not found.parts or (found.parts[-1].last, found.parts[-1].hash) == (
            found.seq,
            found.hash,
        ):
            return found
    raise ArchiveDamaged(
        f"the database's record of its archives does not add up (its files do not run from "
        f"event 1 to event {found.seq}, where it says the log starts): it was written by hand"
    )


@dataclass(frozen=True)
class Verified:
    """What `verify` found: the first break (of the chain, or of a witness), the events
    walked, and the newest of them (a witness to write down)."""

    problem: ChainBreak | None
    count: int
    head: Witness | None
    accepted: tuple[int, ...] = ()  # damaged events a restore kept on purpose, passed as such
    kept: KeptDamage | None = None  # and how they were kept
    leftovers: int = 0  # archived events an archive has not deleted yet, checked up to the anchor


def verify(
    store: SqlHallStore, archives: Iterable[Path] = (), witnesses: Iterable[Witness] = ()
) -> Verified:
    """Check the chain of the database's log from its anchor; with `archives` (every file the
    database lists), from the first event ever. Then check the log against `witnesses`:
    events' hashes written down elsewhere, which a log rewritten or cut short no longer
    matches. An archive running meanwhile (another process) may move where the log starts and
    delete the events it archived under the walk: a break found then is checked again."""
    files, seen = list(archives), list(witnesses)
    while True:
        before = _archiving(store)
        verified = _verify(store, files, seen)
        if verified.problem is None or _archiving(store) == before:
            return verified


def _archiving(store: SqlHallStore) -> tuple[str | None, int | None]:
    """What an archive changes in the database, in this order: where its log starts (the
    anchor), then its oldest event (the archived ones deleted)."""
    events = schema.events
    try:
        with store.engine.connect() as conn:
            low = conn.execute(select(func.min(events.c.seq))).scalar_one_or_none()
            return store.config(ANCHOR_KEY, conn), low
    except SQLAlchemyError as exc:
        raise StoreError(f"the database could not be read: {exc}") from exc


def _verify(store: SqlHallStore, archives: list[Path], witnesses: list[Witness]) -> Verified:
    start = anchor(store)
    wanted = {w.seq for w in witnesses}
    paths = _in_order(start, list(archives))
    # the anchor is the database's own word: an event at or before it is checked in the files
    archived = sorted(seq for seq in wanted if seq <= start.seq)
    if archived and not paths:
        raise ArchiveError(
            f"event {archived[0]} is archived (the database's log starts after event "
            f"{start.seq}): give the archive files with --archive to check its witness"
        )
    count = 0
    hashes: dict[int, str] = {}
    head: Witness | None = Witness.of(start.seq, start.hash) if start.seq else None
    kept = kept_damage(store)
    accepted = kept.in_database
    passed: set[int] = set()

    def counted(records: Iterator[EventRecord]) -> Iterator[EventRecord]:
        nonlocal count, head
        for record in records:
            count += 1
            if record.seq in wanted:
                hashes[record.seq] = record.hash
            if record.seq in kept.content:
                passed.add(record.seq)
            head = Witness.of(record.seq, record.hash)
            yield record

    try:
        problem = _numbered_below_one(store)
        if problem is not None:
            return Verified(problem, count, None)
        if paths:
            problem, kept = _through_files(counted(_records_of(paths)), start, kept)
            if problem is not None:
                return Verified(problem, count, None)
        problem, leftovers = _archived_left(store, start, accepted)
        if problem is not None:
            return Verified(problem, count, None)
        passed.update(seq for seq in accepted if start.seq - leftovers < seq <= start.seq)
        records = counted(store.events(after=start.seq))
        problem = verify_chain(records, start.hash, start.seq, accepted)
    except SQLAlchemyError as exc:
        raise StoreError(f"the database could not be read: {exc}") from exc
    if problem is None:
        problem = check_witnesses(witnesses, hashes, head.seq if head is not None else 0)
    walked = tuple(sorted(passed))
    return Verified(problem, count, head if problem is None else None, walked, kept, leftovers)


def _through_files(
    records: Iterator[EventRecord], start: Anchor, kept: KeptDamage
) -> tuple[ChainBreak | None, KeptDamage]:
    """Check the archive files' events from the first ever to the anchor, passing the damage
    kept; once its seal is archived too, `kept` is checked against the seal in the files."""
    last: EventRecord | None = None
    seal: EventRecord | None = None

    def tracked() -> Iterator[EventRecord]:
        nonlocal last, seal
        for record in records:
            last = record
            if record.seq == kept.sealed_by:
                seal = record
            yield record

    problem = verify_chain(tracked(), GENESIS, 0, kept.content)
    if problem is not None:
        return problem, kept
    if last is None or (last.seq, last.hash) != (start.seq, start.hash):
        end = last.seq if last is not None else 0
        reason = f"the archives end at event {end}, not where the database's log starts"
        return ChainBreak(start.seq, reason), kept
    return None, _sealed_in(seal, kept) if kept.archived else kept


def _records_of(paths: list[Path]) -> Iterator[EventRecord]:
    for path in paths:
        yield from _records(path)


def _numbered_below_one(store: SqlHallStore) -> ChainBreak | None:
    """A row numbered 0 or less: the log starts at event 1, so the hall never writes one."""
    events = schema.events
    with store.engine.connect() as conn:
        low = conn.execute(select(func.min(events.c.seq))).scalar_one_or_none()
    if low is None or low > 0:
        return None
    return ChainBreak(low, "its number is below 1, which the hall never writes: it was added")


def _archived_left(
    store: SqlHallStore, start: Anchor, accepted: Mapping[int, str]
) -> tuple[ChainBreak | None, int]:
    """Check the archived events still in the database (an archive deletes them once the anchor
    has moved past them; one stopped midway leaves the last of them) as the chain that ends at
    the anchor: the event at the anchor holds its hash, and each event before it the hash the
    next one links to, so none can be changed. Returns the first bad one, and how many."""
    if not start.seq:
        return None, 0
    left = itertools.takewhile(lambda r: r.seq <= start.seq, store.events(after=0))
    first = next(left, None)
    if first is None:
        return None, 0
    last = [first]

    def tracked() -> Iterator[EventRecord]:
        for record in itertools.chain([first], left):
            last[:] = [record]
            yield record

    problem = verify_chain(tracked(), first.prev_hash, first.seq - 1, accepted)
    if problem is not None:
        return problem, 0
    end = last[0]
    if end.seq != start.seq:
        reason = (
            f"the archived events still in the database end at it, not at event {start.seq} "
            "where the database's log starts"
        )
        return ChainBreak(end.seq, reason), 0
    if end.hash != start.hash:
        reason = "it is archived, and its hash is not the one the database's log starts from"
        return ChainBreak(end.seq, reason), 0
    return None, end.seq - first.seq + 1


@dataclass(frozen=True)
class KeptDamage:
    """The damaged events a restore kept on purpose: numbers and the hashes they hold, and
    the log's event that sealed that (None: there is none)."""

    events: dict[int, str]
    sealed_by: int | None = None
    backup: str = ""
    at: str = ""
    content: dict[int, str] = field(default_factory=dict)  # numbers: digests of what they held
    archived: bool = False  # the seal, and so the events it kept, are in the archive files

    @property
    def in_database(self) -> dict[int, str]:
        """The kept events a walk of the database passes (none once the seal is archived: they
        are all before it)."""
        return {} if self.archived else self.content


def kept_damage(store: SqlHallStore) -> KeptDamage:
    """The accepted damage, as the log's own `log.damage_kept` event seals it. A record that
    the log does not seal (added to the database by hand) is no acceptance: ArchiveDamaged.
    Once the seal is archived, the record is checked against it in the archive files."""
    raw = store.config(DAMAGE_KEY)
    if not raw:
        return KeptDamage({})
    try:
        saved = json.loads(raw)
        if "sealed_by" not in saved:
            raise ArchiveDamaged(
                "the database's record of accepted damage is not sealed in the log: written by "
                "hand, or by a Kezek from before 2026-11-24 (then make a backup and restore it "
                "with --keep-damaged, which seals it)"
            )
        if "content" not in saved:
            raise ArchiveDamaged(
                "the database's record of accepted damage holds the damaged events' hashes but "
                "not what they held, so they could be rewritten unseen: kept by a Kezek from "
                "before 2026-11-25 (make a backup and restore it with --keep-damaged, which "
                "records it)"
            )
        sealed_by, events = int(saved["sealed_by"]), dict(saved["events"])
        content = dict(saved["content"])
        if set(content) != set(events):
            raise ArchiveDamaged(
                "the database's record of accepted damage names other events by their hashes "
                "than by what they held: it was written by hand"
            )
        if any(int(seq) >= sealed_by for seq in events):  # it seals what came before it only
            raise ArchiveDamaged(
                f"the database's record of accepted damage names event {sealed_by} or later, "
                "which the restore that sealed it could not have kept: it was written by hand"
            )
    except (ValueError, AttributeError, TypeError, KeyError) as exc:
        raise ArchiveDamaged(
            f"the database's record of accepted damage is unreadable: {exc}"
        ) from exc
    kept = KeptDamage(
        {int(seq): str(held) for seq, held in events.items()},
        sealed_by,
        content={int(seq): str(digest) for seq, digest in content.items()},
    )
    with store.engine.connect() as conn:
        events_table = schema.events
        row = conn.execute(select(events_table).where(events_table.c.seq == sealed_by)).first()
    if row is None and sealed_by <= anchor(store).seq:
        return replace(kept, archived=True)
    seal = None if row is None else EventRecord(**row._mapping)
    return _sealed_in(seal, replace(kept, archived=False))


def checked_kept_damage(store: SqlHallStore, archives: Iterable[Path] = ()) -> KeptDamage:
    """The accepted damage, checked against its seal wherever that is: `kept_damage` checks it
    in the database; once the seal is archived, only the archive files (`archives`, every one
    the database lists) hold it, and they are walked from the first event to the anchor.
    ArchiveError when they are needed and not given; ArchiveDamaged when they do not bear the
    record out."""
    kept = kept_damage(store)
    paths = list(archives)
    if kept.archived and not paths:
        events = ", ".join(str(seq) for seq in sorted(kept.events))
        which = f"events {events}" if len(kept.events) > 1 else f"event {events}"
        raise ArchiveError(
            f"the damage an earlier restore kept ({which}) is archived with its seal, "
            f"event {kept.sealed_by}: give the archive files with --archive (every one), "
            "so that it is checked against that seal before it is kept again"
        )
    if not paths:
        return kept
    start = anchor(store)
    problem, kept = _through_files(_records_of(_in_order(start, paths)), start, kept)
    if problem is not None:
        raise ArchiveDamaged(
            f"the archive files do not check out: event {problem.seq} is bad: {problem.reason}"
        )
    return kept


def _sealed_in(seal: EventRecord | None, kept: KeptDamage) -> KeptDamage:
    """`kept`, with the backup and time its seal names, if `seal` is the event that sealed it;
    ArchiveDamaged otherwise."""
    data = orjson.loads(seal.data) if seal is not None and seal.type == DAMAGE_KEPT else {}
    events = {str(seq): held for seq, held in kept.events.items()}
    content = {str(seq): digest for seq, digest in kept.content.items()}
    if seal is None or data.get("events") != events or data.get("content") != content:
        raise ArchiveDamaged(
            f"the database's record of accepted damage (events {', '.join(events)}) is not "
            f"the one event {kept.sealed_by} of the log sealed: it was written by hand"
        )
    return replace(kept, backup=str(data.get("backup", "")), at=seal.at)


def accepted_damage(store: SqlHallStore) -> dict[int, str]:
    """The damaged events a restore kept on purpose: their numbers and the hashes they hold."""
    return kept_damage(store).events


def archive(store: SqlHallStore, before: date, path: Path, tz: ZoneInfo, today: date) -> Archived:
    """Move the events before `before` (the hall's days) to a new file at `path`."""
    latest = date.fromordinal(today.toordinal() - KEEP_DAYS + 1)
    if before > latest:
        raise ArchiveError(
            f"--before must be {latest} or earlier: today's and yesterday's events stay"
        )
    if path.exists():
        raise ArchiveError(f"{path} exists already: choose a new file name")
    # a booking whose slot is before the archived days, and before the 10 days the one-booking
    # rule looks back, is read by nothing any more: its row (with the visitor's IIN) goes; its
    # events, made before its slot, are in the archive
    rule = date.fromordinal(today.toordinal() - BOOKING_MEMORY_DAYS)
    bookings_before = midnight_utc(min(before, rule), tz)
    try:
        return _archive(store, before, path, tz, bookings_before)
    except SQLAlchemyError as exc:
        raise StoreError(f"the database refused: {exc}") from exc


def _archive(
    store: SqlHallStore, before: date, path: Path, tz: ZoneInfo, bookings_before: datetime
) -> Archived:
    start = anchor(store)
    below = _numbered_below_one(store)  # deleted with the archived events, it would leave no trace
    if below is not None:
        raise ArchiveError(f"event {below.seq} is bad ({below.reason}): nothing archived")
    if start.parts and _leftovers(store, start):  # an earlier run stopped while deleting
        gone = _delete_archived(store, start)
        old = _delete_old_bookings(
            store, min(bookings_before, midnight_utc(start.before or before, tz))
        )
        return Archived(
            start.parts[-1].first, start.seq, gone, resumed=start.parts[-1], bookings=old
        )
    saved = store.saved_day()
    if saved is not None and before > saved:
        raise ArchiveError(
            f"--before must be {saved} or earlier: the hall's last working day stays until "
            "it opens a new one"
        )
    events = schema.events
    cutoff = datetime.combine(before, time(0), tz).isoformat()  # `at` has the hall's offset
    with store.engine.connect() as conn:
        first_kept = conn.execute(select(func.min(events.c.seq)).where(events.c.at >= cutoff))
        newest = conn.execute(select(func.max(events.c.seq))).scalar_one_or_none() or 0
        # the newest event always stays: a restart numbers on from it
        last = min((first_kept.scalar_one_or_none() or newest + 1) - 1, newest - 1)
        if last <= start.seq:
            raise ArchiveError(f"no events before {before} are left to archive")
        last_hash: str = conn.execute(
            select(events.c.hash).where(events.c.seq == last)
        ).scalar_one()
    header = {
        "format": FORMAT,
        "version": VERSION,
        "before": before.isoformat(),
        "first_seq": start.seq + 1,
        "last_seq": last,
        "prev_hash": start.hash,
        "last_hash": last_hash,
    }
    accepted = kept_damage(store).in_database  # passed as `verify` passes them
    _write(path, header, _checked(store.events(after=start.seq), start, last, accepted))
    part = Part(path.name, start.seq + 1, last, last_hash)
    moved = Anchor(last, last_hash, before, (*start.parts, part))
    with store.engine.begin() as conn:
        if _parsed(store.config(ANCHOR_KEY, conn)) != start:
            path.unlink()
            raise ArchiveError("another archive ran meanwhile: nothing archived; try again")
        store.put_config(ANCHOR_KEY, moved.to_json(), conn)
    gone = _delete_archived(store, moved)
    return Archived(part.first, last, gone, bookings=_delete_old_bookings(store, bookings_before))


def _delete_old_bookings(store: SqlHallStore, before: datetime) -> int:
    """Delete the bookings whose slot is before `before`; returns how many."""
    bookings = schema.bookings
    return _delete_in_slices(store, bookings, bookings.c.code, bookings.c.slot_at < before)


def _delete_in_slices(
    store: SqlHallStore, table: Table, key: ColumnElement[Any], which: ColumnElement[bool]
) -> int:
    """Delete `table`'s rows `which` selects, a slice at a time; returns how many."""
    old = select(key).where(which).limit(DELETE_SLICE)
    gone = 0
    while True:
        with store.engine.begin() as conn:
            deleted = conn.execute(delete(table).where(key.in_(old))).rowcount
        gone += deleted
        if deleted < DELETE_SLICE:
            return gone
        _settle(store)


def _leftovers(store: SqlHallStore, start: Anchor) -> bool:
    events, tickets = schema.events, schema.tickets
    with store.engine.connect() as conn:
        early = conn.execute(select(events.c.seq).where(events.c.seq <= start.seq).limit(1))
        if early.first() is not None:
            return True
        old = select(tickets.c.id).where(tickets.c.day < start.before).limit(1)
        return conn.execute(old).first() is not None


def _delete_archived(store: SqlHallStore, done: Anchor) -> int:
    """Delete what `done` says is archived, a slice at a time; returns the ticket rows gone."""
    events, tickets = schema.events, schema.tickets
    while True:
        with store.engine.begin() as conn:
            low = conn.execute(select(func.min(events.c.seq))).scalar_one_or_none()
            if low is None or low > done.seq:
                break
            high = min(low + DELETE_SLICE - 1, done.seq)
            conn.execute(delete(events).where(events.c.seq <= high))
        _settle(store)
    return _delete_in_slices(store, tickets, tickets.c.id, tickets.c.day < done.before)


def _settle(store: SqlHallStore) -> None:
    """After a slice: copy its pages out of SQLite's log here (the hall's writer would copy
    them between two of its commits, and make the hall wait), then let the writer in."""
    with contextlib.suppress(StoreError):  # busy now: the next slice's copy takes it along
        store.checkpoint()
    clock.sleep(SLICE_PAUSE_S)


def _checked(
    records: Iterator[EventRecord], start: Anchor, last: int, accepted: Mapping[int, str]
) -> Iterator[EventRecord]:
    """The events up to `last`, refusing to archive a chain that is already broken (damage a
    restore kept on purpose passes)."""
    prev, seq = start.hash, start.seq
    for record in records:
        if record.seq > last:
            break
        problem = verify_chain([record], prev, seq, accepted)
        if problem is not None:
            raise ArchiveError(f"event {problem.seq} is bad ({problem.reason}): nothing archived")
        prev, seq = record.hash, record.seq
        yield record
    if seq != last:
        raise ArchiveError(f"event {seq + 1} is missing: nothing archived")


def _write(path: Path, header: dict[str, object], records: Iterator[EventRecord]) -> None:
    """Write the file beside its final name (readable by its owner only: it holds visitors'
    IINs), make it durable, then give it that name, never over another file."""
    part = path.with_name(path.name + ".part")
    try:
        descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "wb") as raw:
            with (
                gzip.GzipFile(filename=path.name, mode="wb", fileobj=raw) as packed,
                io.TextIOWrapper(packed, encoding="utf-8") as out,
            ):
                out.write(json.dumps(header) + "\n")
                for record in records:
                    out.write(json.dumps(record._asdict(), ensure_ascii=False) + "\n")
            raw.flush()
            os.fsync(raw.fileno())
        os.link(part, path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except FileExistsError as exc:
        raise ArchiveError(f"{path} exists already: choose a new file name") from exc
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise ArchiveError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        part.unlink(missing_ok=True)


def _in_order(start: Anchor, paths: list[Path]) -> list[Path]:
    """The files given, oldest first, if they are exactly the ones the database lists."""
    if not paths:
        return []
    listed = {(p.first, p.last, p.hash): p for p in start.parts}
    found: dict[tuple[int, int, str], Path] = {}
    for path in paths:
        key = _header(path)
        if key not in listed:
            names = ", ".join(f"{p.file} (events {p.first}–{p.last})" for p in start.parts)
            raise ArchiveError(
                f"{path} is not one of this database's archives: {names or 'it has none'}"
            )
        found[key] = path
    missing = [p.file for key, p in listed.items() if key not in found]
    if missing:
        raise ArchiveError(f"give every archive file; missing: {', '.join(missing)}")
    return [found[key] for key in sorted(found)]


def _header(path: Path) -> tuple[int, int, str]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            head = json.loads(lines.readline())
        if head.get("format") != FORMAT or head.get("version") != VERSION:
            raise ValueError("not a Kezek archive")
        return int(head["first_seq"]), int(head["last_seq"]), str(head["last_hash"])
    except (
        OSError,
        EOFError,
        zlib.error,  # its compressed stream is damaged
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
    ) as exc:
        raise ArchiveError(f"{path} cannot be read as a Kezek archive: {exc}") from exc


def _records(path: Path) -> Iterator[EventRecord]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            next(lines)
            for line in lines:
                yield EventRecord(**json.loads(line))
    except (OSError, EOFError, zlib.error, ValueError, TypeError) as exc:  # header read: damaged
        raise ArchiveDamaged(f"{path} is damaged: {exc}") from exc
