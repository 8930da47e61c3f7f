"""The hall's live events over WebSocket, in order, exactly once, across reconnects."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote, urlsplit

from websockets.exceptions import WebSocketException
from websockets.sync.client import ClientConnection, connect

from hallserver.client.errors import api_url
from hallserver.protocol import (
    SNAPSHOT,
    HallEvent,
    ProtocolError,
    Snapshot,
)

log = logging.getLogger(__name__)
V = TypeVar("V")


class EventStream:
    """The hall's live events, in order, exactly once, across drops and reconnects.

    Runs in its own thread. The first connect without `after` starts with a `Snapshot`; later
    connects resume with `?after=<last seq seen>&at=<its time>` (an event's `at`, a snapshot's
    `seq_at`; the server sends a fresh snapshot instead when that is too old, or of another
    log). Callbacks run on the stream's thread: `on_event(HallEvent)`, `on_snapshot(Snapshot)`,
    `on_online_changed(bool)`. An exception in a callback is logged and the stream carries on.
    """

    def __init__(
        self,
        base_url: str,
        on_event: Callable[[HallEvent], None],
        on_snapshot: Callable[[Snapshot], None],
        on_online_changed: Callable[[bool], None],
        after: int | None = None,
        *,
        min_backoff: float = 0.2,
        max_backoff: float = 5.0,
        open_timeout: float = 5.0,
        ping_interval: float | None = 10.0,
    ) -> None:
        split = urlsplit(api_url(base_url))
        scheme = "wss" if split.scheme == "https" else "ws"
        self._url = f"{scheme}://{split.netloc}{split.path}/events"
        self._on_event = on_event
        self._on_snapshot = on_snapshot
        self._on_online_changed = on_online_changed
        self._last_seq = after
        self._last_at: str | None = None  # when that event was, as the server stamped it
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._open_timeout = open_timeout
        self._ping_interval = ping_interval
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._connection: ClientConnection | None = None
        self._online = False
        self._thread: threading.Thread | None = None

    @property
    def last_seq(self) -> int | None:
        """The seq of the last event (or snapshot) delivered; None before the first."""
        return self._last_seq

    @property
    def online(self) -> bool:
        return self._online

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("this EventStream was already started")
        self._thread = threading.Thread(target=self._run, name="kezek-events", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Close the connection and join the thread; returns within about `timeout`."""
        self._stopping.set()
        with self._lock:
            connection = self._connection
        if connection is not None:
            # Shut the socket down rather than close(): close() waits for the server's answer.
            with contextlib.suppress(OSError):
                connection.socket.shutdown(socket.SHUT_RDWR)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def __enter__(self) -> EventStream:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        backoff = self._min_backoff
        while not self._stopping.is_set():
            url = self._url
            if self._last_seq is not None:  # resume, from this log's event it saw last
                url += f"?after={self._last_seq}"
                if self._last_at is not None:
                    url += f"&at={quote(self._last_at)}"
            try:
                with connect(
                    url,
                    open_timeout=self._open_timeout,
                    close_timeout=1.0,
                    ping_interval=self._ping_interval,
                    ping_timeout=self._ping_interval,
                    max_size=2**24,  # a busy hall's snapshot is large
                    proxy=None,  # the hall server is on the LAN
                ) as connection:
                    with self._lock:
                        self._connection = connection
                    if self._stopping.is_set():
                        break
                    self._set_online(True)
                    backoff = self._min_backoff
                    for message in connection:
                        self._handle(message)
                        if self._stopping.is_set():
                            break
            except (OSError, TimeoutError, WebSocketException) as exc:
                if not self._stopping.is_set():
                    log.info("event stream %s: %s", url, exc)
            finally:
                with self._lock:
                    self._connection = None
                self._set_online(False)
            if self._stopping.wait(backoff):
                break
            backoff = min(backoff * 2, self._max_backoff)

    def _handle(self, message: str | bytes) -> None:
        try:
            raw = json.loads(message)
            if isinstance(raw, dict) and raw.get("type") == SNAPSHOT:
                snapshot = Snapshot.from_message(raw)
                # resumed after as after an event: a log restored from a backup, numbering
                # other events alike, is told by the time of its event `seq`
                self._last_seq, self._last_at = snapshot.seq, snapshot.seq_at
                self._deliver(self._on_snapshot, snapshot)
                return
            if isinstance(raw, dict) and "error" in raw:
                log.warning("event stream refused: %s", raw.get("message"))
                return
            event = HallEvent.from_json(raw)
        except (ValueError, ProtocolError) as exc:
            log.warning("event stream: skipped an unreadable message (%s)", exc)
            return
        last = self._last_seq
        if last is not None and event.seq <= last:
            return  # already delivered before a reconnect
        if last is not None and event.seq != last + 1:
            log.warning("event stream: seq jumped from %d to %d", last, event.seq)
        self._last_seq = event.seq
        self._last_at = raw["at"] if isinstance(raw.get("at"), str) else None
        self._deliver(self._on_event, event)

    def _set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self._deliver(self._on_online_changed, online)

    def _deliver(self, callback: Callable[[V], None], value: V) -> None:
        try:
            callback(value)
        except Exception:
            log.exception("event stream callback %r failed", callback)
