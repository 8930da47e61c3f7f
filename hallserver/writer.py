"""The server's side of the event log's writer process (`hallserver.store.log_writer`).

Commands run on the event loop and hand their events here; each goes to the writer process at
once, without waiting. The writer commits whatever has arrived as one group and says how far it
got; `on_done` then hears of each command, in order, durable or failed.

A separate process, not a thread: the writer's row-building and SQLite's work hold no lock the
event loop needs, so neither waits for the other. (As a thread it spent most of each commit
waiting for the interpreter lock while the loop served requests.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table

from hallserver.eventlog import EventRecord
from hallserver.store.log_writer import frame, unframe
from hallserver.store.sql import SqlHallStore, StoreError

log = logging.getLogger(__name__)
STOP_TIMEOUT_S = 10.0


@dataclass
class Pending:
    """One command's share of a group commit, and the future its caller awaits."""

    records: list[EventRecord]
    rows: list[tuple[Table, dict[str, Any]]]
    hall_state: str | None  # the hall's state after this command, when it may have changed
    counters: list[dict[str, Any]]  # rows of the counters this command changed
    done: asyncio.Future[None] | None


Done = Callable[[list[Pending], StoreError | None], None]


class CommitUnknown(StoreError):
    """Commands whose commit may or may not have happened: the writer process ended before
    answering them (it may have died between its commit and its answer), or its connection
    to PostgreSQL broke during the commit. The database says, once it is read again."""


class GroupWriter:
    """Sends commands to the writer process and reports them back as it commits them."""

    def __init__(self, store: SqlHallStore, on_done: Done) -> None:
        self._store = store
        self._on_done = on_done
        self._transport: asyncio.SubprocessTransport | None = None
        self._stdin: asyncio.WriteTransport | None = None
        self._sent: deque[tuple[int, Pending]] = deque()
        self._last_id = 0
        self._replies = bytearray()
        self._ready: asyncio.Future[None] | None = None
        self._exited: asyncio.Future[None] | None = None  # its answers have all arrived
        self._reaped: asyncio.Future[None] | None = None  # the process has ended
        self._outbox: list[bytes] = []  # frames not yet written: sent together, once per turn
        # this hall server's writers, the respawned ones too: one may end its own stale session
        self._instance = secrets.token_hex(8)

    async def start(self) -> None:
        """Start the writer process; returns once it has opened the database."""
        await self.spawn()
        await self.started()

    async def spawn(self) -> None:
        """Start the writer process and tell it where to write; it opens the database by
        itself meanwhile (`started` waits for that)."""
        loop = asyncio.get_running_loop()
        self._ready = loop.create_future()
        self._exited = loop.create_future()
        self._reaped = loop.create_future()
        self._replies.clear()
        transport, _ = await loop.subprocess_exec(
            lambda: _Pipes(self),
            sys.executable,
            "-m",
            "hallserver.store.log_writer",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=None,  # its complaints go where the server's go
        )
        self._transport = transport
        stdin = cast(asyncio.WriteTransport, transport.get_pipe_transport(0))  # uvloop's isn't one
        self._stdin = stdin
        dialect, target = self._store.writer_target()
        stdin.write(frame(("setup", dialect, target, self._store.table_plan(), self._instance)))

    async def started(self) -> None:
        """Wait until the spawned writer has opened the database; stop it if it cannot."""
        assert self._ready is not None, "spawn() first"
        try:
            await self._ready
        except StoreError:
            await self.stop()
            raise

    @property
    def pid(self) -> int | None:
        return self._transport.get_pid() if self._transport is not None else None

    @property
    def running(self) -> bool:
        return self._exited is not None and not self._exited.done()

    @property
    def idle(self) -> bool:
        """Everything sent has been answered."""
        return not self._sent

    @property
    def oldest(self) -> int | None:
        """The number of the oldest command sent and not yet answered (None when idle)."""
        return self._sent[0][0] if self._sent else None

    def submit(self, item: Pending) -> None:
        self._last_id += 1
        self._sent.append((self._last_id, item))
        if self._stdin is None or not self.running:
            self._fail_all(StoreError("the database writer has stopped"))
            return
        self._send(
            frame(
                (
                    "w",
                    self._last_id,
                    [tuple(record) for record in item.records],  # plain: the writer's own
                    item.hall_state,
                    item.counters,
                    [(table.name, row) for table, row in item.rows],
                )
            )
        )

    def _send(self, data: bytes) -> None:
        """Queue a frame; the frames of one turn of the loop go in one write. The writer then
        wakes once for them all and commits them as one group, where one write per command
        woke it for each."""
        if not self._outbox:
            asyncio.get_running_loop().call_soon(self._write_out)
        self._outbox.append(data)

    def _write_out(self) -> None:
        frames, self._outbox = self._outbox, []
        stdin = self._stdin
        # else failed already, or about to be: a writer whose pipe closed has died, and what
        # it was sent is answered once its end is seen (CommitUnknown)
        if stdin is not None and self.running and frames and not stdin.is_closing():
            stdin.write(b"".join(frames))

    def checkpoint(self) -> None:
        """Ask the writer to copy the rest of the log into the database file between groups."""
        ready = self._ready is not None and self._ready.done()  # it reads nothing before
        if self._stdin is not None and self.running and ready:
            self._send(frame(("checkpoint",)))

    async def resume(self) -> None:
        """Write again after a failure (whatever was sent before is refused, not written)."""
        if self.running:
            self._send(frame(("resume",)))
        else:
            await self.stop()
            await self.start()

    def kill(self) -> None:
        """End a writer that does not answer: what it was sent is CommitUnknown."""
        if self._transport is not None:
            with contextlib.suppress(ProcessLookupError):  # ended already
                self._transport.kill()

    async def stop(self) -> None:
        """Let the writer finish what it has, then end it."""
        if self._stdin is not None:
            self._write_out()
            self._stdin.close()  # the writer ends once it has answered everything
            self._stdin = None
        if self._exited is not None and self._reaped is not None:
            ended = asyncio.gather(self._exited, self._reaped)
            try:  # closing the transport before the process is reaped races asyncio's watcher
                await asyncio.wait_for(asyncio.shield(ended), STOP_TIMEOUT_S)
            except TimeoutError:
                log.error("the database writer did not stop; killing it")
                self.kill()
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    # ------------------------------------------------------------- from the pipes

    def received(self, data: bytes) -> None:
        self._replies += data
        for message in unframe(self._replies):
            kind = message[0]
            if kind == "ok":
                self._on_done(self._take(message[1]), None)
            elif kind == "fail":
                self._on_done(self._take(message[1]), StoreError(message[2]))
            elif kind == "unsure":
                self._on_done(self._take(message[1]), CommitUnknown(message[2]))
            elif kind == "ready" and self._ready is not None and not self._ready.done():
                self._ready.set_result(None)
            elif kind == "broken" and self._ready is not None and not self._ready.done():
                self._ready.set_exception(StoreError(message[1]))

    def reaped(self) -> None:
        if self._reaped is not None and not self._reaped.done():
            self._reaped.set_result(None)

    def exited(self) -> None:
        if self._exited is not None and not self._exited.done():
            self._exited.set_result(None)
        if self._ready is not None and not self._ready.done():
            self._ready.set_exception(StoreError("the database writer did not start"))
        if self._sent:
            log.error("the database writer stopped with %d commands unanswered", len(self._sent))
            self._fail_all(CommitUnknown("the database writer stopped"))

    def _take(self, last: int) -> list[Pending]:
        items = []
        while self._sent and self._sent[0][0] <= last:
            items.append(self._sent.popleft()[1])
        return items

    def _fail_all(self, failure: StoreError) -> None:
        items = [item for _, item in self._sent]
        self._sent.clear()
        if items:
            self._on_done(items, failure)


class _Pipes(asyncio.SubprocessProtocol):
    def __init__(self, writer: GroupWriter) -> None:
        self._writer = writer

    def pipe_data_received(self, fd: int, data: bytes | str) -> None:
        if fd == 1 and isinstance(data, bytes):
            self._writer.received(data)

    def process_exited(self) -> None:
        self._writer.reaped()

    def pipe_connection_lost(self, fd: int, exc: Exception | None) -> None:
        if fd == 1:  # after its last answer: whatever is still unanswered never will be
            self._writer.exited()
