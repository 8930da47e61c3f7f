"""Use cases of the hall server: apply a command, commit its events, then tell every screen.

One HallService per hall is the single writer. Commands run one at a time on the event loop
against the in-memory `Hall`; the events of those that arrived together (in one turn of the
loop, or while the writer committed) are numbered and sealed as one batch, join the next group
commit, and the caller hears back only after that commit is durable. Then the events are
broadcast, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import Row, Table, select, update
from sqlalchemy.exc import SQLAlchemyError

from hallserver import access
from hallserver.access import Actor, Role
from hallserver.catalogue_file import CatalogueError, parse_catalogue, revise_service
from hallserver.domain.catalogue import Catalogue, Service
from hallserver.domain.errors import Conflict, Forbidden, HallError, InvalidInput
from hallserver.domain.events import SERVICE_CHANGED, Event
from hallserver.domain.hall import BOOKING_MEMORY_DAYS, Hall
from hallserver.domain.ids import CounterId, JsonObject, JsonValue, OperatorId, ServiceId
from hallserver.domain.tickets import Grade, Ticket
from hallserver.eventlog import EventRecord, Witness, make_record, subjects
from hallserver.hub import EventHub
from hallserver.store import schema
from hallserver.store.sql import (
    CATALOGUE_KEY,
    EDITED_KEY,
    SqlHallStore,
    StoreError,
    hall_state_json,
    operator_row,
)
from hallserver.writer import CommitUnknown, GroupWriter, Pending

log = logging.getLogger(__name__)
# the event log's newest event, now and then, where the database's owner cannot change it (the
# journal): `kezek audit verify --witness-file` checks the log against these lines
witness_log = logging.getLogger("hallserver.witness")
witness_log.setLevel(logging.INFO)
R = TypeVar("R")
Command = Callable[[Hall, datetime], tuple[R, list[Event]]]

PAIRING_TTL = timedelta(minutes=30)
CHECKPOINT_S = 2.0
# a restart reads back the request keys (`request_id`) of the tickets issued this long ago: a
# kiosk asks again for 12 s, and keeps a key until its visitor leaves, a minute or two (the
# hall, running, remembers them all day). Each minute more is a minute of the log read at start
REQUEST_MEMORY = timedelta(minutes=10)
TERMINAL_MEMORY = timedelta(days=1)  # a restart brings back what terminals reported this long ago
OPERATOR_SESSION = timedelta(hours=16)  # a working day; the next day's opening signs out anyway
PIN_LOCK_AFTER = 5
PIN_LOCK_FOR_S = 60.0
UNKNOWN_TOKENS = 10_000  # remembered at most; then forgotten all at once
UNKNOWN_TOKEN_S = 30.0  # a token saved meanwhile (a race with `token create`) works after this
HEAL_RETRY_S = 1.0  # a database still refusing after a failed commit: try to reload again
SETTLE_WAIT_S = 10.0  # a snapshot waits this long at most for the commit of what it shows
STALLED_S = 10.0  # the database silent on a command this long: /health says so, new ones refused
PROBE_S = 30.0  # a writer idle this long is sent one small write: a quiet hall's dead database
STOP_FLUSH_S = 5.0  # a stop waits this long for the commands on their way to be saved
WATCH_S = 1.0  # how often the writer's oldest unanswered command is looked at
WITNESS_EVERY = timedelta(hours=1)


def _found(item: Pending, found: dict[int, str]) -> bool:
    """Whether the database holds every event of `item`, each as it was sealed."""
    return bool(item.records) and all(found.get(r.seq) == r.hash for r in item.records)


def _revises(item: Pending) -> bool:
    """Whether `item` is a catalogue edit (its service.changed carries the service whole)."""
    return any(
        r.type == SERVICE_CHANGED and "service" in orjson.loads(r.data) for r in item.records
    )


REFUSED = "the hall's database refused the change; try again"
CLOCK_HOLD = timedelta(minutes=10)  # a clock stepped back this far waits for itself


def refusal(failure: Exception) -> str:
    """A refused commit, said to the caller: a full disk by name (the rest is in the log)."""
    text = str(failure).lower()
    if "disk is full" in text or "no space left" in text:
        return "the hall server's disk is full: nothing was saved; free some space, then retry"
    return REFUSED


class Unavailable(HallError):
    """The database refused the write: nothing was changed, try again."""

    code = "unavailable"


@dataclass
class _Unsealed:
    """A command applied to the hall whose events are not numbered yet (see `_hand_on`), with
    what the writer saves beside them, read as the command left the hall."""

    events: list[Event]
    actor: Actor
    now: datetime
    rows: list[tuple[Table, dict[str, Any]]]
    hall_state: str | None
    counters: list[dict[str, Any]]
    done: asyncio.Future[None] | None
    records: list[EventRecord] = field(default_factory=list)


class HallService:
    """The hall server's core: state in memory, truth in the database, events to screens."""

    def __init__(
        self,
        store: SqlHallStore,
        catalogue: Catalogue,
        *,
        clock: Callable[[], datetime] | None = None,
        enforce_hours: bool = True,
    ) -> None:
        self.store = store
        # what a reload starts from: the catalogue started with, and each edit once durable
        self._catalogue = catalogue
        self.tz = ZoneInfo(catalogue.timezone)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._latest_now: datetime | None = None  # the latest time now() gave
        self._clock_held = False
        self._behind_said: float | None = None  # when a clock behind the day was logged
        self.enforce_hours = enforce_hours
        self.hall = Hall(catalogue, self.now().date(), enforce_hours=enforce_hours)
        self.hub = EventHub()
        self._seq = 0
        self._seq_at: str | None = None  # when event `_seq` was stamped (None: no event known)
        self._hash = ""
        self._tokens: dict[str, tuple[Actor, datetime | None]] = {}  # hash -> actor, expiry
        self._pin_failures: dict[str, tuple[int, float]] = {}
        self._pin_checks: dict[str, asyncio.Lock] = {}
        # looked up and not there, when: not looked up again for a while
        self._unknown_tokens: dict[str, float] = {}
        # a token's row being read: the requests that bring it meanwhile wait for that read
        self._token_reads: dict[str, asyncio.Future[dict[str, Any] | None]] = {}
        # one thread of its own: a flood of made-up tokens never delays sign-ins or reports
        self._token_pool: ThreadPoolExecutor | None = None
        self._revising = asyncio.Lock()  # one catalogue edit at a time
        # a rating on its way to the database, by ticket: the same one sent again shares it
        self._ratings: dict[str, tuple[Grade, asyncio.Future[None]]] = {}
        self.loop: asyncio.AbstractEventLoop | None = None  # the loop commands run on
        self._writer = GroupWriter(store, self._committed)
        self._writing = False
        self._checkpoints: asyncio.Task[None] | None = None
        self._watching: asyncio.Task[None] | None = None
        self.stalled_after_s = STALLED_S
        self.probe_after_s = PROBE_S
        self._idle_since: float | None = None  # the writer had nothing to answer, since
        self._oldest: tuple[int, float] | None = None  # the writer's oldest unanswered, seen since
        self._stalled_since: float | None = None  # set by the watch, cleared by any answer
        self._refused_since: tuple[float, bool] | None = None  # when, a full disk; till a commit
        self._broken = False
        self._stale = False  # a refused command changed the hall in memory: reload before the next
        self._reloading: asyncio.Task[None] | None = None
        self._healing: asyncio.Task[None] | None = None  # reloads after a failed commit
        self._recovery = asyncio.Lock()
        self._writing_stops = False
        self._written_counters: dict[str, str] = {}
        self._state_key: tuple[object, ...] | None = None  # of the hall state last handed over
        self.commits = 0
        self.committed_events = 0  # group commits done (for benchmarks and /metrics)
        self._head = (0, "")  # the newest durable event: its number and hash
        self._settling: list[tuple[int, asyncio.Future[bool]]] = []  # reads awaiting commits
        # per line, the estimate in minutes an event last carried (see `_lines`); forgotten
        # on a reload (the events that carried them may have been refused) and a snapshot
        self._published: dict[str, int] = {}
        self._unsure: list[Pending] = []  # sent to a writer that died: the reload says which
        self._unsealed: list[_Unsealed] = []  # applied, not numbered yet (see `_hand_on`)
        self._sealing = False  # a `_seal` is due at the loop's next turn
        self._witnessed: tuple[tuple[int, str], datetime] | None = None  # last logged, when

    # ------------------------------------------------------------- life cycle

    def now(self) -> datetime:
        """The hall's time. A clock stepped back a little (an NTP correction) is held where it
        was until it catches up: a line is in the order of issue times, and a ticket issued
        after the step would have gone before those issued just before it. A step back of more
        than CLOCK_HOLD (a hardware clock kept in local time, set right after the start) is
        followed, and logged."""
        now = self._clock().astimezone(self.tz)
        latest = self._latest_now
        if latest is not None and now < latest:
            if latest - now <= CLOCK_HOLD:
                if not self._clock_held:
                    log.warning(
                        "the clock went back by %s: the hall's time waits for it", latest - now
                    )
                    self._clock_held = True
                return latest
            log.error("the clock went back by %s: the hall's time follows it", latest - now)
        self._clock_held = False
        self._latest_now = now
        return now

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue the hall runs on: as loaded, with the services changed since."""
        return self.hall.catalogue

    def load(self) -> None:
        """Rebuild today's state from the database (start and after a failed commit)."""
        now = self.now()
        horizon = now - timedelta(days=BOOKING_MEMORY_DAYS)
        saved = self.store.load(
            horizon, reports_since=now - TERMINAL_MEMORY, requests_since=now - REQUEST_MEMORY
        )
        hall = Hall(
            self._catalogue,
            saved.state.day if saved.state else now.date(),
            enforce_hours=self.enforce_hours,
        )
        supervisors = {
            row["login"] for row in self.store.rows(schema.operators) if row["supervisor"]
        }
        # sessions that ended are left out: a hall running for months signs in thousands
        self._tokens = {
            row["token_hash"]: entry
            for row in self.store.rows(schema.tokens)
            if not row["revoked"] and _live(entry := _token_entry(row, supervisors), now)
        }
        # terminals still enrolled, as last reported, heard from now: one that does not report
        # again soon is flagged silent (a heartbeat that changed nothing is not saved)
        enrolled = {
            (actor.subject, actor.role.value)
            for actor, expires in self._tokens.values()
            if expires is None or expires > now
        }
        terminals = [
            replace(report, last_seen=now)
            for report in saved.terminals
            if (report.name, report.role) in enrolled
        ]
        if saved.state is not None:
            hall.restore(saved.state, saved.tickets, saved.counters, saved.bookings, terminals)
            hall.restore_requests(saved.requests)
        else:
            hall.restore(hall.state, [], saved.counters, saved.bookings, terminals)
        self.hall = hall
        self._seq, self._hash = saved.last_seq, saved.last_hash
        self._seq_at = saved.last_at
        self._head = (saved.last_seq, saved.last_hash)
        self.hub.last_seq = max(self.hub.last_seq, saved.last_seq)
        self.hub.follows(saved.last_seq, saved.last_at)  # a terminal resumes across a restart
        self._written_counters = {
            counter.id: _counter_text(counter.to_json()) for counter in saved.counters
        }
        self._state_key = None
        self._published = {}

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        # the writer opens the database while the day loads: the load keeps the loop busy, so
        # the writer must have been told where to write before it (150 ms of a start, before)
        await self._writer.spawn()
        try:
            self.load()
        except BaseException:
            await self._writer.stop()
            raise
        await self._writer.started()
        self._writing = True
        self._checkpoints = asyncio.create_task(self._checkpoint_loop(), name="kezek-checkpoint")
        self._watching = asyncio.create_task(self._watch_loop(), name="kezek-watch")
        gc.freeze()  # the day's state is long-lived: keep it out of every collection
        self._witness("at start")
        await self.tick()

    async def stop(self) -> None:
        self._writing_stops = True
        if self._healing is not None:
            self._healing.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):  # it is said in its log
                await self._healing
            self._healing = None
        for task in (self._checkpoints, self._watching):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._checkpoints = self._watching = None
        if self._writing:
            try:
                await asyncio.wait_for(self._flush(), STOP_FLUSH_S)
            except TimeoutError:  # a database gone quiet: the writer will not finish either
                log.error("stopping: the database has not answered for %.0f s", STOP_FLUSH_S)
                self._writer.kill()  # what it was sent is answered from the database below
            await self._writer.stop()
            self._writing = False
        if self._unsure:  # never settled by a reload: the database says, if it can
            try:
                self._answer_unsure(await asyncio.to_thread(self._hashes_from, self._unsure))
            except (StoreError, SQLAlchemyError) as exc:
                log.error("stopping with commands whose commit is unknown: %s", exc)
                self._answer_unsure({})
        self._witness("at stop")
        self.hub.close_all()
        if self._token_pool is not None:
            self._token_pool.shutdown(wait=False, cancel_futures=True)
            self._token_pool = None

    def head(self) -> Witness | None:
        """The newest event that is durable, as a witness (None before the first event)."""
        seq, hash_ = self._head
        return Witness.of(seq, hash_) if seq else None

    def head_hash(self) -> str | None:
        """The newest durable event's whole hash (None before the first event)."""
        seq, hash_ = self._head
        return hash_ if seq else None

    def _witness(self, when: str) -> None:
        """Log the newest event, unless it was logged already."""
        head = self.head()
        if head is None or (self._witnessed is not None and self._witnessed[0] == self._head):
            return
        self._witnessed = (self._head, self.now())
        witness_log.info("witness %s: the event log's newest event %s", head, when)

    def _clock_behind(self, now: datetime) -> None:
        """Said once an hour: a clock set back a day (after a jump forward, or a hardware
        clock gone wrong) leaves the hall on its day, and the next never begins on time."""
        said = self._behind_said
        if said is not None and time.monotonic() - said < WITNESS_EVERY.total_seconds():
            return
        self._behind_said = time.monotonic()
        log.error(
            "the clock says %s, before the hall's day %s: set it right; the hall's day does "
            "not begin again until the clock passes that one",
            now.date(),
            self.hall.state.day,
        )

    def writer_pid(self) -> int | None:
        """The writer process's id (for tests and diagnostics)."""
        return self._writer.pid

    def writer_running(self) -> bool:
        return self._writer.running

    async def tick(self) -> None:
        """Open a new business day when the date has changed; end disabled operators' sessions
        (called at start and every 30 seconds)."""
        if self._stale:  # never roll a day over what a refused command left
            await self._reload()
        now = self.now()
        if now.date() > self.hall.state.day:
            events = self.hall.roll_day(now.date(), now)
            await self._commit(events, access.SYSTEM, now, [])
        elif now.date() < self.hall.state.day:
            self._clock_behind(now)
        witnessed = self._witnessed[1] if self._witnessed is not None else None
        if witnessed is None or not timedelta(0) <= now - witnessed < WITNESS_EVERY:
            self._witness("this hour")
        self._forget_ended_sessions(now)
        await self._sign_out_disabled()

    def _forget_ended_sessions(self, now: datetime) -> None:
        """Sessions past their end are let go: every sign-in at a counter and on the board
        made one, and a hall running for months had kept them all in memory."""
        ended = [key for key, entry in self._tokens.items() if not _live(entry, now)]
        for key in ended:
            del self._tokens[key]

    async def _sign_out_disabled(self) -> None:
        """Operators disabled meanwhile (`kezek operator disable`) lose their sessions at once,
        and their counters once no visitor is at them (a supervisor may finish that visit)."""
        disabled = await asyncio.to_thread(self._disabled_operators)
        if not disabled:
            return
        sessions = self._sessions(lambda actor: actor.subject in disabled)
        counters = [
            c.id
            for c in self.hall.counters.values()
            if c.operator in disabled and c.current is None
        ]
        if not sessions and not counters:
            return

        def command(hall: Hall, now: datetime) -> tuple[None, list[Event]]:
            events: list[Event] = []
            for counter_id in counters:
                counter = hall.counters[counter_id]
                if counter.operator in disabled and counter.current is None:
                    events += hall.sign_out(counter_id, now, change="operator_disabled")
            return None, events

        await self.run(
            access.SYSTEM, command, rows=[(schema.tokens, _revoked_row(k)) for k in sessions]
        )
        for key in sessions:
            self._tokens.pop(key, None)

    def _sessions(self, whose: Callable[[Actor], bool]) -> list[str]:
        """The keys of the sessions held by those `whose` picks: counter and board sessions
        alike (a session ends; a terminal's token does not)."""
        return [
            key for key, (actor, ends) in self._tokens.items() if ends is not None and whose(actor)
        ]

    def _disabled_operators(self) -> set[str]:
        with self.store.engine.connect() as conn:
            query = select(schema.operators.c.login).where(schema.operators.c.disabled)
            return set(conn.execute(query).scalars())

    # ------------------------------------------------------------- commands

    async def run(
        self,
        actor: Actor,
        command: Command[R],
        *,
        rows: list[tuple[Table, dict[str, Any]]] | None = None,
    ) -> R:
        """Apply one command for `actor`; return once its events are durable."""
        result, _ = await self.run_witnessed(actor, command, rows=rows)
        return result

    async def run_witnessed(
        self,
        actor: Actor,
        command: Command[R],
        *,
        rows: list[tuple[Table, dict[str, Any]]] | None = None,
    ) -> tuple[R, Witness | None]:
        """`run`, and the witness of the command's last event (None when it made none): a
        ticket printed with it witnesses the log up to its issue."""
        self._refuse_if_stalled()  # before it changes anything
        if self._broken or not self._writer.running:
            await self._recover()
        if self._stale:
            await self._reload()
        now = self.now()
        if now.date() > self.hall.state.day:
            self._hand_on(self.hall.roll_day(now.date(), now), access.SYSTEM, now, [], None)
        result, events = command(self.hall, now)
        records = await self._commit(events, actor, now, rows or [])
        return result, (Witness.of(records[-1].seq, records[-1].hash) if records else None)

    async def _reload(self) -> None:
        """Drop what a refused command changed in memory: reload once the writer is idle."""
        async with self._recovery:
            if not self._stale:
                return  # another command reloaded while this one waited
            await self._flush()
            try:
                await asyncio.to_thread(self.load)
            except (StoreError, SQLAlchemyError) as exc:
                raise Unavailable(f"the hall's database is unavailable: {exc}") from exc
            self._stale = False

    async def settled(self, render: Callable[[Hall], R]) -> tuple[R, int]:
        """`render` of the hall and the number of the last event it holds (as `stamped`)."""
        result, seq, _ = await self.stamped(render)
        return result, seq

    async def stamped(self, render: Callable[[Hall], R]) -> tuple[R, int, str | None]:
        """`render` of the hall, the number of the last event it holds and that event's time
        as logged (None when the log holds none: all archived, or a new hall), once all it
        holds is durable. A terminal resumes after a snapshot with both, so that a log restored
        from a backup, which numbers other events alike, is told apart.

        The hall in memory runs ahead of the log by the commands on their way (about a group
        commit): a snapshot read meanwhile would show a ticket under a number older than its
        event, or one a refused commit is about to take back.

        Raises Unavailable when a commit it shows was refused (the hall is reloading)."""
        while True:
            if self._stale:
                await self._reload()
            if self._broken:
                raise Unavailable(REFUSED)
            self._seal()  # the commands applied and waiting numbered: the hall shows them
            # one of them could not be logged, or the writer was found gone: not shown
            if not (self._stale or self._broken):
                break
        result, seq, at = render(self.hall), self._seq, self._seq_at
        self._published.clear()  # its reader holds the lines as they are now, not as published
        if seq > self._head[0]:
            waiter: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
            self._settling.append((seq, waiter))
            try:
                durable = await asyncio.wait_for(asyncio.shield(waiter), SETTLE_WAIT_S)
            except TimeoutError:  # a commit hanging (a database gone quiet): say so, not wait
                self._settling = [(s, w) for s, w in self._settling if w is not waiter]
                raise Unavailable("the hall's database is slow to answer; try again") from None
            if not durable:
                raise Unavailable(REFUSED)
        return result, seq, at

    def _settle(self, durable: bool) -> None:
        """Answer the reads waiting for commits: those now durable, or all when one failed."""
        head, waiting = self._head[0], []
        for seq, waiter in self._settling:
            if not durable or seq <= head:
                if not waiter.done():
                    waiter.set_result(durable)
            else:
                waiting.append((seq, waiter))
        self._settling = waiting

    def _records(self, events: list[Event], actor: Actor, now: datetime) -> list[EventRecord]:
        """The events numbered and sealed; the chain moves on only once all of them are."""
        at = now.isoformat()
        records = []
        seq, last = self._seq, self._hash
        for event in events:
            ticket = event.data.get("ticket")
            counter = event.data.get("counter")
            if isinstance(ticket, dict):  # screens show each line's length: send it along
                event.data["queue"] = self._queues(ticket, event.data, now)
            elif isinstance(counter, dict) and isinstance(profile := counter.get("profile"), dict):
                # a counter that opens, pauses or closes changes its services' estimates
                event.data["queue"] = self._lines(set(profile), now)
            elif isinstance(service := event.data.get("service"), dict):
                # a new duration or daily limit changes the line's estimate and tickets left
                event.data["queue"] = self._lines({str(service["id"])}, now)
            elif event.type == SERVICE_CHANGED and isinstance(
                service_id := event.data.get("service_id"), str
            ):  # suspended or resumed: every screen's line says so at once
                event.data["queue"] = self._lines({service_id}, now)
            seq += 1
            record = make_record(last, seq, at, event.type, actor.label, event.data)
            last = record.hash
            records.append(record)
        self._seq, self._hash = seq, last
        if records:
            self._seq_at = at
        return records

    def _queues(self, ticket: JsonObject, data: JsonObject, now: datetime) -> list[JsonValue]:
        """The lines a ticket event changed: its service's, and the one it left if transferred."""
        names = {
            s for s in (ticket.get("service_id"), data.get("from_service_id")) if isinstance(s, str)
        }
        return self._lines(names, now)

    def _lines(self, names: set[str], now: datetime) -> list[JsonValue]:
        """The lines `names`, and any other whose minutes a screen shows have changed since
        an event last carried them: with a counter open, one line's estimate moves with the
        others its counters serve, with a walk measured, with a profile changed, …."""
        hall, published = self.hall, self._published
        moved = set(names)
        if hall.any_open():
            moved.update(hall.services)
        lines: list[JsonValue] = []
        for name in sorted(moved):
            if name not in hall.services:
                continue
            line = hall.service_queue(ServiceId(name), now)
            minutes = -(-line.estimate_for_new.estimated_wait_s // 60)
            if name in names or published.get(name) != minutes:
                published[name] = minutes
                lines.append(line.to_json())
        return lines

    async def _commit(
        self,
        events: list[Event],
        actor: Actor,
        now: datetime,
        rows: list[tuple[Table, dict[str, Any]]],
    ) -> list[EventRecord]:
        """Hand a command's events on (`_hand_on`); return them as logged, once durable."""
        if not events and not rows:
            return []
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        item = self._hand_on(events, actor, now, rows, done)
        await done
        return item.records

    def _hand_on(
        self,
        events: list[Event],
        actor: Actor,
        now: datetime,
        rows: list[tuple[Table, dict[str, Any]]],
        done: asyncio.Future[None] | None,
    ) -> _Unsealed:
        """Hand a command's events to the writer, with the rows they change. The commands that
        arrived together are numbered and sealed at once (`_seal`), at the end of this turn of
        the loop or once the writer has answered: each event carries its lines' figures, and
        with a counter open those need a replay of the queue (`Hall._upcoming`), a millisecond
        with a hundred counters, made once for them all, not once each. What the writer saves
        beside the events is read now."""
        assert self._writing, "HallService.start() was not awaited"
        state = self.hall.state
        # numbering and order are not part of the key: each ticket's row carries them, and a
        # restart takes them from today's tickets (Hall.restore)
        key = (
            state.day,
            state.announcement,
            tuple(sorted(state.suspended)),
            state.changes,  # a message sent or read, a visit sent back: the row keeps them
        )
        hall_state = None
        if events and key != self._state_key:
            try:
                hall_state, self._state_key = hall_state_json(state), key
            except orjson.JSONEncodeError as exc:  # an announcement's text, say
                # applied over those waiting to be sealed: their figures would count it
                waiting, self._unsealed = self._unsealed, []
                raise self._refuse_unsealed(waiting, -1, exc) from exc
        item = _Unsealed(events, actor, now, rows, hall_state, self._changed_counters(events), done)
        self._unsealed.append(item)
        if self._writer.idle or not self.hall.any_open():
            self._seal_soon()
        # else sealed once the writer answers (`_committed`): it could not begin their commit
        # before, and all that arrived meanwhile are sealed after one replay. With no counter
        # open there is no replay to share: sent at once, the writer's next group is on its
        # way while it commits (the ticket benchmark: 3,650 tickets/s against 3,050 held)
        return item

    def _seal_soon(self) -> None:
        if not self._sealing:
            self._sealing = True
            asyncio.get_running_loop().call_soon(self._seal)

    def _seal(self) -> None:
        """Number and seal the commands handed on since the last batch, in order, and send
        them to the writer. If one of them cannot be logged, none is: each was applied over the
        ones before it, and their events' figures count it. All are refused, none has been
        answered yet, and the hall is reloaded as the database has it."""
        self._sealing = False
        batch, self._unsealed = self._unsealed, []
        chain = (self._seq, self._hash, self._seq_at)
        for index, item in enumerate(batch):
            try:
                item.records = self._records(item.events, item.actor, item.now)
            except Exception as exc:  # any: a future left unanswered would hang its caller
                self._seq, self._hash, self._seq_at = chain
                self._refuse_unsealed(batch, index, exc)
                return
        for item in batch:
            self._writer.submit(
                Pending(item.records, item.rows, item.hall_state, item.counters, item.done)
            )

    def _refuse_unsealed(
        self, batch: list[_Unsealed], failed: int, failure: Exception
    ) -> Exception:
        """Refuse a batch's commands: the one that failed as it failed, the others with a
        "try again" (nothing of theirs is kept either). Returns the failed one's answer."""
        refused = self._cannot_log(failure)
        again = Unavailable("a command sent at the same moment could not be saved; try again")
        for index, item in enumerate(batch):
            if item.done is not None and not item.done.done():
                item.done.set_exception(refused if index == failed else again)
        return refused

    def _cannot_log(self, failure: Exception) -> Exception:
        """A command has changed the hall in memory, and none of it can be logged: the next
        command first reloads the hall as the database has it. What to tell its caller."""
        self._stale = True
        # at once: the pages read the hall in memory, and a quiet hall has no next command
        self._reloading = asyncio.get_running_loop().create_task(self._reload())
        if isinstance(failure, orjson.JSONEncodeError):  # unpaired surrogates, …
            log.error("a command's events cannot be logged, reloading: %s", failure)
            return InvalidInput("the command holds text that cannot be stored", code="bad_text")
        log.error("a command's events cannot be logged, reloading", exc_info=failure)
        return failure

    def _committed(self, items: list[Pending], failure: StoreError | None) -> None:
        """On the loop: a group is durable (answer its callers, tell the screens) or failed."""
        self._idle_since = None  # it has just answered
        if self._stalled_since is not None:
            log.warning("the hall's database answers again: commands are taken again")
            self._stalled_since = None
        if failure is not None:
            if not self._broken:
                log.error("commit failed, reloading from the database: %s", failure)
            self._broken = True
            if isinstance(failure, CommitUnknown):  # not refused: answered after the reload
                self._unsure += items
                items = []
            refused = refusal(failure)
            # a writer gone or a connection cut says nothing of what the database would take
            # (commands sealed after the writer died are refused unsent: running is False)
            answered = self._writer.running and not isinstance(failure, CommitUnknown)
            if self._refused_since is None and answered:
                self._refused_since = (time.monotonic(), refused != REFUSED)  # a full disk
            for item in items:
                if item.done is not None and not item.done.done():
                    item.done.set_exception(Unavailable(refused))
            if not self._writing_stops and (self._healing is None or self._healing.done()):
                self._healing = asyncio.get_running_loop().create_task(self._heal())
            self._settle(False)
            self._seal_soon()  # refused in turn, or sent once the writer is back
            return
        records = [record for item in items for record in item.records]
        self._refused_since = None
        self.commits += 1
        self.committed_events += len(records)
        if records:
            self._head = (records[-1].seq, records[-1].hash)
        for item in items:
            if item.done is not None and not item.done.done():
                item.done.set_result(None)
        self.hub.publish(records)
        if self._settling:
            self._settle(True)
        if self._writer.idle:
            self._seal_soon()  # the commands that arrived during this commit: the next group

    async def _flush(self) -> None:
        """Wait until everything handed on is committed and answered."""
        self._seal()
        while (self._unsealed or not self._writer.idle) and self._writer.running:
            await asyncio.sleep(0.001)

    async def _watch_loop(self) -> None:
        while True:
            await asyncio.sleep(WATCH_S)
            self.watch(time.monotonic())

    def watch(self, now: float) -> None:
        """Look at the writer's oldest unanswered command: the same one for `stalled_after_s`
        means the database has stopped answering (a disk or a server gone quiet). Commands
        already sent wait for it, their fate unknown; new ones are refused until it answers."""
        oldest = self._writer.oldest
        if oldest is None:
            self._oldest = None
            self._probe_if_idle(now)
        elif self._oldest is None or self._oldest[0] != oldest:
            self._oldest = (oldest, now)
        elif self._stalled_since is None and now - self._oldest[1] >= self.stalled_after_s:
            self._stalled_since = self._oldest[1]
            log.error("%s; new commands are refused until it answers", self._stall_text(now))

    def _probe_if_idle(self, now: float) -> None:
        """A quiet hall (the night, a holiday) sends no command: its database could be gone
        unseen until the morning's first ticket. Idle for `probe_after_s`, the writer is sent
        the hall's state row once more, a real write and commit: unanswered, it shows as a
        stall; refused, as a refused commit, and `/health` says so either way."""
        if self._idle_since is None:
            self._idle_since = now
            return
        if now - self._idle_since < self.probe_after_s:
            return
        self._idle_since = None
        if self._unsealed:  # a command is on its way: not idle
            return
        if self._writing and self._writer.running and not (self._broken or self._stale):
            state = hall_state_json(self.hall.state)
            self._writer.submit(Pending([], [], state, [], None))

    def _refuse_if_stalled(self) -> None:
        if self._stalled_since is not None:
            raise Unavailable(self._stall_text() + ": nothing was changed; try again")

    def _stall_text(self, now: float | None = None) -> str:
        since = self._stalled_since or 0.0  # said only once stalled
        waited = (time.monotonic() if now is None else now) - since
        return f"the hall's database has not answered for {waited:.0f} s"

    def trouble(self) -> str | None:
        """What keeps the hall from saving commands now, for /health (None: nothing)."""
        if self._stalled_since is not None:
            return self._stall_text()
        if self._broken or self._stale or (self._writing and not self._writer.running):
            return "the hall is reloading from its database after a change it could not save"
        if self._refused_since is not None:  # reloaded, but no write has landed since
            since, full = self._refused_since
            what = "the hall server's disk is full: a" if full else "the hall's database refused a"
            ago = time.monotonic() - since
            return f"{what} change {ago:.0f} s ago, and nothing has been saved since"
        return None

    async def _checkpoint_loop(self) -> None:
        done = self.commits
        while True:
            await asyncio.sleep(CHECKPOINT_S)
            if self.commits != done:
                done = self.commits
                await self.checkpoint()

    async def checkpoint(self) -> None:
        """Copy the SQLite log into the database file, so the log starts over and stays small.

        The bulk is copied here, in a thread, beside the commits. Under non-stop load commits
        land while it copies, so it never copies the whole log, and a log that is never wholly
        copied is never started over: it grew by 57 MB/s under the benchmark. The writer then
        copies that short tail between two groups, where no group commit can land.
        PostgreSQL keeps its own log: nothing to do there.
        """
        if self.store.dialect != "sqlite":
            return
        try:
            await asyncio.get_running_loop().run_in_executor(None, self.store.checkpoint)
        except StoreError as exc:  # the next one will try again
            log.warning("checkpoint failed: %s", exc)
        else:
            self._writer.checkpoint()

    def _changed_counters(self, events: list[Event]) -> list[dict[str, Any]]:
        """Rows of the counters these events touched, where they differ from the saved row."""
        touched = {c for e in events if (c := subjects(e.data)[0])}
        if any(e.type == "day.opened" for e in events):
            touched = set(self.hall.counters)
        changed = []
        for counter_id in sorted(touched):
            counter = self.hall.counters.get(CounterId(counter_id))
            if counter is None:
                continue
            text = _counter_text(counter.to_json())
            if self._written_counters.get(counter.id) != text:
                self._written_counters[counter.id] = text
                changed.append({"id": counter.id, "data": text})
        return changed

    async def _heal(self) -> None:
        """Reload at once after a failed commit, not at the next command: until then the
        pages and screens reading the hall would show what was never saved (a refused ticket
        in the queue). A database that still refuses is tried again every second."""
        while self._broken or not self._writer.running:
            try:
                await self._recover()
            except Unavailable:
                await asyncio.sleep(HEAL_RETRY_S)

    async def _recover(self) -> None:
        """Reload the hall from the database after a failed write, then write again."""
        async with self._recovery:
            if not self._broken and self._writer.running:
                return  # another command recovered while this one waited
            await self._flush()  # late answers first: what they refuse must not come after
            try:
                found = await asyncio.to_thread(self._hashes_from, self._unsure)
                if any(_revises(item) for item in self._unsure if _found(item, found)):
                    # a catalogue edit a dead writer committed: the hall runs on the saved text
                    await asyncio.to_thread(self._read_saved_catalogue)
                await asyncio.to_thread(self.load)
                self._answer_unsure(found)
                await self._writer.resume()
            except (StoreError, SQLAlchemyError) as exc:
                raise Unavailable(f"the hall's database is unavailable: {exc}") from exc
            self._broken = False

    def _read_saved_catalogue(self) -> None:
        text = self.store.config(CATALOGUE_KEY)
        if text is None:
            return
        try:
            self._catalogue = parse_catalogue(text, source="the saved catalogue", saved=True)
        except CatalogueError as exc:  # it read when saved: only a downgrade could get here
            log.error("the saved catalogue does not read: %s", exc)

    def _hashes_from(self, items: list[Pending]) -> dict[int, str]:
        """The hashes the database holds for the events of `items`, by number (none asked,
        no read)."""
        seqs = [r.seq for item in items for r in item.records]
        if not seqs:
            return {}
        low, high = min(seqs), max(seqs)
        found = {}
        for record in self.store.events(after=low - 1):
            if record.seq > high:
                break
            found[record.seq] = record.hash
        return found

    def _answer_unsure(self, found: dict[int, str]) -> None:
        """Answer the commands a dead writer left unanswered, as the reloaded database has
        them: those whose events it holds were committed (their screens hear of them now),
        the rest were not. A ticket stored is never answered "refused"."""
        unsure, self._unsure = self._unsure, []
        if not unsure:
            return
        durable: list[EventRecord] = []
        for item in unsure:
            committed = _found(item, found)
            if committed:
                durable += item.records
            if item.done is None or item.done.done():
                continue
            if committed:
                item.done.set_result(None)
            else:
                item.done.set_exception(Unavailable(REFUSED))
        if durable:
            log.warning("%d events a stopped writer had committed were kept", len(durable))
            self.hub.publish(durable)

    # ------------------------------------------------------------- access

    async def authenticate(self, token: str | None) -> Actor | None:
        """Who `token` belongs to, or None. A token this server has not seen is looked up in
        the database in a thread (one made by `kezek token create` while we run), so a
        stream of made-up tokens never holds up the loop."""
        if not token:
            return None
        key = access.token_hash(token)
        entry = self._tokens.get(key)
        if entry is None:
            missed = self._unknown_tokens.get(key)
            if missed is not None and time.monotonic() - missed < UNKNOWN_TOKEN_S:
                return None  # a terminal retrying with a revoked token: not read every time
            reading = self._token_reads.get(key)
            if reading is None:
                reading = self._token_reads[key] = asyncio.ensure_future(self._read_token(key))
                reading.add_done_callback(lambda _: self._token_reads.pop(key, None))
            row = await asyncio.shield(reading)
            if key in self._tokens:  # another request read it meanwhile
                entry = self._tokens[key]
            elif row is None or row["revoked"] or not _live(_token_entry(row, set()), self.now()):
                # an ended session too: a console sending one for days is not read each time
                if len(self._unknown_tokens) >= UNKNOWN_TOKENS:
                    self._unknown_tokens.clear()
                self._unknown_tokens[key] = time.monotonic()
                return None
            else:  # an operator's session read again keeps their supervisor rights
                supervisors = {row["subject"]} if row.get("supervisor") else set()
                entry = self._tokens[key] = _token_entry(row, supervisors)
        actor, expires = entry
        if expires is not None and expires <= self.now():
            return None
        return actor

    async def open_session(self, actor: Actor, ttl: timedelta) -> str:
        """A token that ends by itself after `ttl` (a supervisor's browser, for example)."""
        token = access.new_token()
        now = self.now()
        row = token_row(token, actor, now, expires_at=now + ttl)

        def command(hall: Hall, now: datetime) -> tuple[None, list[Event]]:
            return None, [
                Event("session.opened", {"role": actor.role.value, "name": actor.subject})
            ]

        await self.run(actor, command, rows=[(schema.tokens, row)])
        self._tokens[access.token_hash(token)] = (actor, now + ttl)
        return token

    async def revoke(self, actor: Actor, token: str) -> None:
        """End a session now: the token stops working at once, here and after a restart."""
        key = access.token_hash(token)

        def command(hall: Hall, now: datetime) -> tuple[None, list[Event]]:
            return None, [
                Event("session.closed", {"role": actor.role.value, "name": actor.subject})
            ]

        await self.run(actor, command, rows=[(schema.tokens, _revoked_row(key))])
        self._tokens.pop(key, None)

    async def rate(self, actor: Actor, ticket_id: str, grade: Grade) -> Ticket:
        """A visitor's rating of a finished visit. A rating screen sends one again until it is
        answered: the same grade sent while the first is still being committed shares the
        first's outcome (an answer once it is durable, 503 if the database refused it, and the
        screen sends it again) rather than hearing "already rated" of a rating then lost."""
        pending = self._ratings.get(ticket_id)
        if pending is not None and pending[0] is grade:
            self._refuse_if_stalled()  # a database gone quiet: come again, as any command
            await asyncio.shield(pending[1])  # its refusal, if refused
            return self.hall.ticket(ticket_id)
        if pending is not None:  # another grade while one is on its way: as the hall says
            return await self.run(actor, lambda hall, now: hall.rate(ticket_id, grade))
        outcome: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        outcome.add_done_callback(lambda done: done.cancelled() or done.exception())
        self._ratings[ticket_id] = (grade, outcome)
        try:
            ticket = await self.run(actor, lambda hall, now: hall.rate(ticket_id, grade))
        except HallError as exc:  # refused (503 among them): the same for the same grade
            outcome.set_exception(exc)
            raise
        except BaseException:
            outcome.set_exception(Unavailable(REFUSED))
            raise
        else:
            outcome.set_result(None)
            return ticket
        finally:
            if self._ratings.get(ticket_id, (None, None))[1] is outcome:
                del self._ratings[ticket_id]

    async def revise_service(
        self,
        actor: Actor,
        service_id: str,
        changes: Mapping[str, object],
    ) -> Service:
        """Change a service's words and figures while the hall runs: in the saved catalogue
        (its comments and layout kept) and in the hall at once, in one commit; its event
        carries the service, so the terminals show the change at once."""
        access.require(actor, access.OVERSEERS, "changing a service")
        current = self.hall.service(service_id)  # 404 before anything is read
        async with self._revising:  # two edits at once: each on the text the other saved
            saved = await self._read(self.store.config, CATALOGUE_KEY)
            marked_before = await self._read(self.store.config, EDITED_KEY)
            if saved is None:
                raise Conflict("this hall has no saved catalogue to change", code="no_catalogue")
            try:
                text, catalogue = revise_service(saved, current.id, changes)
            except CatalogueError as exc:
                raise InvalidInput(str(exc), code="bad_field") from None
            edited = next(s for s in catalogue.services if s.id == current.id)
            # only what was changed: the saved text may hold a file checked for the next start
            revised = replace(current, **{f: getattr(edited, f) for f in changes})

            def command(hall: Hall, now: datetime) -> tuple[Service, list[Event]]:
                return revised, hall.revise_service(revised)

            row = {"key": CATALOGUE_KEY, "data": text}
            # remembered, so that a catalogue file given later says it replaces these edits
            services: set[str] = (
                set(json.loads(marked_before)["services"]) if marked_before else set()
            )
            mark = {
                "at": self.now().isoformat(),
                "by": actor.label,
                "services": sorted(services | {current.id}),
            }
            marked = {"key": EDITED_KEY, "data": json.dumps(mark)}
            rows = [(schema.hall_state, row), (schema.hall_state, marked)]
            done = await self.run(actor, command, rows=rows)
            self._catalogue = self.hall.catalogue  # durable now: a reload keeps it
            return done

    async def _read_token(self, key: str) -> dict[str, Any] | None:
        if self._token_pool is None:
            self._token_pool = ThreadPoolExecutor(1, thread_name_prefix="kezek-tokens")
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._token_pool, self._token_row, key)
        except SQLAlchemyError as exc:
            raise Unavailable(f"the hall's database is unavailable: {exc}") from exc

    async def _read(self, read: Callable[..., R], *args: object) -> R:
        """A database call for a command, in a thread: a locked or slow database must not
        hold up the loop (SQLite waits up to 5 s for a lock); its failure is a 503."""
        try:
            return await asyncio.to_thread(read, *args)
        except SQLAlchemyError as exc:
            raise Unavailable(f"the hall's database is unavailable: {exc}") from exc

    def _pairing_code(self, key: str) -> Row[Any] | None:
        with self.store.engine.connect() as conn:
            return conn.execute(
                select(schema.pairing_codes).where(schema.pairing_codes.c.code_hash == key)
            ).first()

    def _use_pairing_code(self, key: str, used: bool = True) -> bool:
        """Mark the code used (or unused again); False when it was already (two terminals
        raced for it)."""
        codes = schema.pairing_codes.c
        with self.store.engine.begin() as conn:
            changed = conn.execute(
                update(schema.pairing_codes)
                .where(codes.code_hash == key, codes.used.is_(not used))
                .values(used=used)
            ).rowcount
        return bool(changed == 1)

    def _operator(self, login: str) -> Row[Any] | None:
        with self.store.engine.connect() as conn:
            return operator_row(conn, login)

    def operator_exists(self, login: str) -> bool:
        """Whether `login`, spelt as kept, is one of the hall's operators (a database read:
        not on the loop)."""
        with self.store.engine.connect() as conn:
            return (
                conn.execute(
                    select(schema.operators.c.login).where(schema.operators.c.login == login)
                ).first()
                is not None
            )

    def _token_row(self, key: str) -> dict[str, Any] | None:
        """A token's row, and for an operator's session whether they are a supervisor (as a
        start reads them: a session it left out as ended, the clock then set back, is read
        here)."""
        operators = schema.operators
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(schema.tokens).where(schema.tokens.c.token_hash == key)
            ).first()
            if row is None:
                return None
            found = dict(row._mapping)
            if found["role"] == Role.OPERATOR.value:
                query = select(operators.c.supervisor).where(operators.c.login == row.subject)
                found["supervisor"] = bool(conn.execute(query).scalar())
        return found

    async def create_pairing_code(
        self, actor: Actor, role: str, name: str, counter_id: str | None
    ) -> tuple[str, datetime]:
        access.require(actor, access.OVERSEERS, "creating a pairing code")
        parsed = _terminal_role(role)
        name = _name(name)
        if parsed is Role.COUNTER and counter_id is None:
            raise InvalidInput("a counter terminal needs counter_id", code="no_counter")
        if counter_id is not None:  # one the hall has, whatever the role: kept on its token
            self.hall.counter(counter_id)
        if parsed is Role.ADMIN and actor.role is not Role.ADMIN:
            raise Forbidden("only an admin may pair another admin")
        code = access.new_pairing_code()
        expires = self.now() + PAIRING_TTL
        row = pairing_row(code, parsed, name, counter_id, expires)

        def command(hall: Hall, now: datetime) -> tuple[None, list[Event]]:
            data: JsonObject = {"role": parsed.value, "name": name, "counter_id": counter_id}
            return None, [Event("pairing.created", data)]

        await self.run(actor, command, rows=[(schema.pairing_codes, row)])
        return code, expires

    async def enroll(
        self, code: str, name: str | None, roles: Sequence[str] | None = None
    ) -> tuple[str, Actor]:
        """A terminal trades a one-time pairing code for its own token. It takes the place of
        the terminal of its role and name enrolled before (a machine replaced or set up
        again): that one's token stops working, and the terminals list goes on in one line.
        A terminal that names the `roles` it runs as is refused a code for another role, and
        the code stays good for the terminal it was made for."""
        self._refuse_if_stalled()  # not after the code is used up
        key = access.token_hash(code.strip())
        row = await self._read(self._pairing_code, key)
        now = self.now()
        if row is None or row.used:
            raise Forbidden("this pairing code is not valid: ask for a new one", code="bad_code")
        if row.expires_at.replace(tzinfo=row.expires_at.tzinfo or UTC) < now:
            raise Forbidden("this pairing code has expired: ask for a new one", code="bad_code")
        if roles is not None and row.role not in roles:
            raise Conflict(
                f"this code pairs a {row.role}, not a {roles[0]}: ask for a code for "
                f"this terminal (`kezek pair --role {roles[0]}`), or use this one on a {row.role}",
                code="wrong_role",
            )
        actor = Actor(Role(row.role), _name(name or row.name), row.counter_id)  # before its use
        replaced = await self._read(self._terminal_tokens, actor.role.value, actor.subject)
        if replaced and actor.subject != row.name:  # it names itself: it replaces no other
            raise Conflict(name_taken(actor.role.value, actor.subject), code="name_taken")
        if not await self._read(self._use_pairing_code, key):
            raise Forbidden("this pairing code was just used: ask for a new one", code="bad_code")
        token = access.new_token()

        def command(hall: Hall, now: datetime) -> tuple[None, list[Event]]:
            data: JsonObject = {
                "role": actor.role.value,
                "name": actor.subject,
                "counter_id": actor.counter_id,
                "replaces": len(replaced),  # the same terminal's earlier tokens, revoked
            }
            return None, [Event("terminal.enrolled", data)]

        rows = [(schema.tokens, token_row(token, actor, now))]
        rows += [(schema.tokens, _revoked_row(old)) for old in replaced]
        try:
            await self.run(actor, command, rows=rows)
        except Unavailable:  # nothing of the enrollment was stored: the code works again
            try:
                await self._read(self._use_pairing_code, key, False)
            except (Unavailable, StoreError) as exc:
                log.error("a pairing code stays used after a refused enrollment: %s", exc)
            raise
        for old in replaced:
            self._tokens.pop(old, None)
        self._tokens[access.token_hash(token)] = (actor, None)
        return token, actor

    def _terminal_tokens(self, role: str, name: str) -> list[str]:
        """The live tokens of the terminal of this role and name."""
        tokens = schema.tokens.c
        query = select(tokens.token_hash).where(
            tokens.role == role,
            tokens.subject == name,
            tokens.revoked.is_(False),
            tokens.expires_at.is_(None),  # a session is no terminal
        )
        with self.store.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    async def sign_in(
        self, actor: Actor | None, counter_id: str, login: str, pin: str
    ) -> tuple[str, Actor, str]:
        """An operator signs in at a counter; returns their session token, actor and name."""
        if actor is None or not (
            actor.oversees or (actor.role is Role.COUNTER and actor.counter_id == counter_id)
        ):
            raise Forbidden(
                "operators sign in from the counter's own enrolled terminal", code="not_counter"
            )
        self.hall.counter(counter_id)
        # one PIN check at a time per counter: guesses sent at once would all pass the lock
        # check before any of them had failed (the check waits for the database and scrypt)
        async with self._pin_checks.setdefault(counter_id, asyncio.Lock()):
            failures, since = self._pin_failures.get(counter_id, (0, 0.0))
            if failures >= PIN_LOCK_AFTER and time.monotonic() - since < PIN_LOCK_FOR_S:
                raise Forbidden("too many wrong PINs: wait a minute", code="locked")
            row = await self._read(self._operator, login)
            # scrypt takes ~50 ms of CPU: in a thread, where it lets the loop go on serving
            if row is None or not await asyncio.to_thread(access.check_pin, pin, row.pin_hash):
                self._pin_failures[counter_id] = (failures + 1, time.monotonic())
                raise Forbidden("wrong login or PIN", code="bad_credentials")
        login = str(row.login)  # as kept, however it was typed: the counter shows who is there
        if row.disabled:
            raise Forbidden(f"operator {login} is disabled", code="operator_disabled")
        self._pin_failures.pop(counter_id, None)
        session = Actor(Role.OPERATOR, login, counter_id, bool(row.supervisor))
        token = access.new_token()
        expires = self.now() + OPERATOR_SESSION
        await self.run(
            session,
            lambda hall, now: (None, hall.sign_in(counter_id, OperatorId(login), now)),
            rows=[(schema.tokens, token_row(token, session, self.now(), expires_at=expires))],
        )
        self._tokens[access.token_hash(token)] = (session, expires)
        return token, session, str(row.name)

    async def sign_out(self, actor: Actor, token: str) -> None:
        if actor.role is not Role.OPERATOR or actor.counter_id is None:
            raise Forbidden("only a signed-in operator can sign out", code="not_operator")
        counter_id = actor.counter_id
        key = access.token_hash(token)
        counter = self.hall.counter(counter_id)
        if counter.operator != actor.subject:
            raise Conflict("you are no longer signed in here", code="not_signed_in")
        # and every other session of theirs here (a console restarted, one left on another
        # screen): signed out is signed out
        here = (Role.OPERATOR, actor.subject, counter_id)
        keys = {
            key,
            *self._sessions(lambda held: (held.role, held.subject, held.counter_id) == here),
        }
        await self.run(
            actor,
            lambda hall, now: (None, hall.sign_out(counter_id, now)),
            rows=[(schema.tokens, _revoked_row(k)) for k in sorted(keys)],
        )
        for revoked in keys:
            self._tokens.pop(revoked, None)


def _counter_text(data: JsonObject) -> str:
    return orjson.dumps(data).decode()


def token_row(
    token: str, actor: Actor, now: datetime, *, expires_at: datetime | None = None
) -> dict[str, Any]:
    return {
        "token_hash": access.token_hash(token),
        "role": actor.role.value,
        "subject": actor.subject,
        "counter_id": actor.counter_id,
        "created_at": now,
        "revoked": False,
        "expires_at": expires_at,
    }


def _revoked_row(key: str) -> dict[str, Any]:
    """The columns that change when a token is revoked (the row's key is the token's hash)."""
    return {"token_hash": key, "revoked": True}


def _token_entry(row: dict[str, Any], supervisors: set[str]) -> tuple[Actor, datetime | None]:
    role = Role(row["role"])
    supervisor = role is Role.OPERATOR and row["subject"] in supervisors
    expires = row.get("expires_at")
    if isinstance(expires, datetime) and expires.tzinfo is None:  # SQLite keeps UTC, naively
        expires = expires.replace(tzinfo=UTC)
    return Actor(role, row["subject"], row["counter_id"], supervisor), expires


def _live(entry: tuple[Actor, datetime | None], now: datetime) -> bool:
    """Whether a token (its actor and end) still works at `now`: a terminal's never ends."""
    ends = entry[1]
    return ends is None or ends > now


def names_in_use(store: SqlHallStore, now: datetime) -> set[tuple[str, str]]:
    """(role, name) of every terminal's live token and unused pairing code: the terminals
    list and its alerts tell terminals apart by them (sessions, which end, are no terminals).
    A database read: not on the loop."""
    used = {
        (row["role"], row["subject"])
        for row in store.rows(schema.tokens)
        if not row["revoked"] and row["expires_at"] is None
    }
    for row in store.rows(schema.pairing_codes):
        expires = row["expires_at"]
        if expires.tzinfo is None:  # SQLite keeps UTC, naively
            expires = expires.replace(tzinfo=UTC)
        if not row["used"] and expires > now:
            used.add((row["role"], row["name"]))
    return used


def name_taken(role: str, name: str) -> str:
    """Why a new token may not take `name`, in one line."""
    return (
        f"a {role} named {name!r} is enrolled (or being paired) already: give this one its own "
        "--name, so that the terminals list and its alerts tell the two apart (to replace that "
        "terminal, pair the new one under its name: `kezek pair`)"
    )


def pairing_row(
    code: str, role: Role, name: str, counter_id: str | None, expires: datetime
) -> dict[str, Any]:
    return {
        "code_hash": access.token_hash(code),
        "role": role.value,
        "name": name,
        "counter_id": counter_id,
        "expires_at": expires,
        "used": False,
    }


def _terminal_role(role: str) -> Role:
    if role not in access.TERMINAL_ROLES:
        raise InvalidInput(
            f"role must be one of {', '.join(access.TERMINAL_ROLES)}, not {role!r}", code="bad_role"
        )
    return Role(role)


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput("a name of 1 to 100 characters is needed", code="bad_name")
    return name
