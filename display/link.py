"""The display's connection to the hall server: pushed events arrive as Qt signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from display.board import Freshness
from hallserver.client import ClientError, EventStream, HallClient, Heartbeat
from hallserver.protocol import HallEvent, Snapshot

log = logging.getLogger(__name__)


class HallLink(QObject):
    """Wraps `EventStream` (its own thread) and turns its callbacks into signals.

    On every (re)connect, before any message is read, it fetches the services (names in three
    languages) and the server's time, so replayed events can be told from live ones. With the
    display's enrolled `token` it also sends a heartbeat every `heartbeat_s` seconds (own thread).

    Signals:
        online_changed(bool): the event stream connected or dropped.
        services_received(list): the hall's services (`ServiceView`s), after each connect.
        snapshot_received(Snapshot): the whole state (first connect, or a resume too far back).
        event_received(HallEvent, bool): one event, and whether it is live (not a replay).
        recent_call(HallEvent): after its event_received, a replayed call made seconds before
            the reconnection (its visitor may still be listening).
    """

    online_changed = Signal(bool)
    services_received = Signal(list)
    snapshot_received = Signal(object)
    event_received = Signal(object, bool)
    recent_call = Signal(object)

    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        parent: QObject | None = None,
        *,
        min_backoff: float = 0.2,
        max_backoff: float = 5.0,
        heartbeat_s: float = 30.0,
        heartbeat_detail: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(parent)
        self.server_url = server_url
        self._client = HallClient(server_url, token, timeout=3.0)
        self.heartbeat = (
            Heartbeat(
                server_url,
                token,
                interval_s=heartbeat_s,
                detail=heartbeat_detail,
                name="kezek-display-heartbeat",
            )
            if token
            else None
        )
        self._freshness = Freshness()
        self._stream = EventStream(
            server_url,
            on_event=self._on_stream_event,
            on_snapshot=self._on_stream_snapshot,
            on_online_changed=self._on_stream_online,
            min_backoff=min_backoff,
            max_backoff=max_backoff,
        )

    def start(self) -> None:
        self._stream.start()
        if self.heartbeat is not None:
            self.heartbeat.start()

    def stop(self) -> None:
        self._stream.stop()
        if self.heartbeat is not None:
            self.heartbeat.stop()
        self._client.close()

    @property
    def online(self) -> bool:
        return self._stream.online

    # The callbacks below run on the stream's thread: they only read and emit.

    def _on_stream_online(self, online: bool) -> None:
        if online:
            try:
                self.services_received.emit(self._client.services())
                self._freshness.connected(self._client.hall().now, datetime.now(UTC))
            except ClientError as exc:
                log.info("reconnected, but the server's time is unknown (%s)", exc)
                self._freshness.connected_by_estimate(datetime.now(UTC))
        self.online_changed.emit(online)

    def _on_stream_snapshot(self, snapshot: Snapshot) -> None:
        self._freshness.connected(snapshot.hall.now, datetime.now(UTC))
        self.snapshot_received.emit(snapshot)

    def _on_stream_event(self, event: HallEvent) -> None:
        live = self._freshness.is_live(event)
        self.event_received.emit(event, live)
        if not live and self._freshness.is_recent_call(event):
            self.recent_call.emit(event)
