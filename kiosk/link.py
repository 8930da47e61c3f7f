"""The kiosk's connection to the hall server: the client's callbacks and answers as Qt signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from hallserver.client import ClientError, EventStream, HallClient, HallRefused, HallUnreachable
from hallserver.protocol import HallEvent, Snapshot
from kiosk.issuing import Issuer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    """Why a command did not happen: the server's code, or `unreachable`."""

    code: str
    message: str
    at: datetime | None = None  # opens_at for hall_closed / too_early; the slot for wrong_day


def refusal(error: ClientError) -> Refusal:
    if isinstance(error, HallRefused):
        raw = error.body.get("opens_at") or error.body.get("slot_at")
        at = datetime.fromisoformat(raw) if isinstance(raw, str) else None
        return Refusal(error.code, error.message, at)
    if isinstance(error, HallUnreachable):
        return Refusal("unreachable", str(error))
    return Refusal("bad_reply", str(error))


class KioskLink(QObject):
    """Events from the hall and answers to the kiosk's commands, delivered on the GUI thread.

    Commands run one at a time on a worker thread, in the order they were asked.

    Signals:
        online_changed(bool): the event stream connected or dropped.
        snapshot_received(Snapshot): full state after every (re)connect.
        event_received(HallEvent): one live event, in order.
        done(str, object): command `tag` succeeded with its result.
        failed(str, Refusal): command `tag` was refused or could not be sent.
    """

    online_changed = Signal(bool)
    snapshot_received = Signal(object)
    event_received = Signal(object)
    done = Signal(str, object)
    failed = Signal(str, object)

    def __init__(
        self,
        client: HallClient,
        issuer: Issuer,
        *,
        heartbeat_s: float = 30.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.issuer = issuer
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-command")
        self._stream: EventStream | None = None
        self._closed = threading.Event()
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(heartbeat_s * 1000))
        self._heartbeat.timeout.connect(self._on_heartbeat)

    @property
    def last_seq(self) -> int | None:
        return None if self._stream is None else self._stream.last_seq

    def start(self) -> None:
        """Connect the event stream (it reconnects by itself) and start the heartbeat."""
        self._stream = EventStream(
            self.client.base_url,
            on_event=self.event_received.emit,
            on_snapshot=self._on_snapshot,
            on_online_changed=self.online_changed.emit,
            max_backoff=2.0,
        )
        self._stream.start()
        self._heartbeat.start()
        self._on_heartbeat()

    def stop(self) -> None:
        self._closed.set()
        self._heartbeat.stop()
        if self._stream is not None:
            self._stream.stop(timeout=3)
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.client.close()

    def run(self, tag: str, job: Callable[[], object]) -> None:
        """Run `job` on the worker thread; its result comes back as done(tag, result)."""
        if self._closed.is_set():
            return
        self._pool.submit(self._call, tag, job)

    def _call(self, tag: str, job: Callable[[], object]) -> None:
        try:
            result = job()
        except ClientError as error:
            if not self._closed.is_set():
                self.failed.emit(tag, refusal(error))
            return
        except Exception as error:  # a bug must not silently kill the worker: say so
            log.exception("kiosk command %s failed", tag)
            if not self._closed.is_set():
                self.failed.emit(tag, Refusal("internal", str(error)))
            return
        if not self._closed.is_set():
            self.done.emit(tag, result)

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        # The catalogue is not in the snapshot: fetch it on every (re)connect, then the snapshot
        # (HallState keeps what `service.changed` events revise while the fetch is under way).
        self.run("services", self.client.services)
        self.snapshot_received.emit(snapshot)

    def _on_heartbeat(self) -> None:
        self.run("hall", self.client.hall)
        self.run("queue", self.client.queue)
        self.run("heartbeat", self.issuer.heartbeat)


__all__ = ["HallEvent", "KioskLink", "Refusal", "refusal"]
