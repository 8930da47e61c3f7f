"""Fan-out of committed events to every connected screen, with a replay window."""

from __future__ import annotations

import asyncio
import collections
from dataclasses import dataclass, field

from hallserver.eventlog import EventRecord

REPLAY_WINDOW = 20_000  # events kept for clients that reconnect
SUBSCRIBER_BACKLOG = 5_000  # a client this far behind is cut off; it resumes by `after`


@dataclass(eq=False)
class Subscription:
    """One connected client's queue of event texts."""

    queue: asyncio.Queue[tuple[int, str] | None] = field(
        default_factory=lambda: asyncio.Queue(SUBSCRIBER_BACKLOG)
    )
    dropped: bool = False
    closed_by_client: bool = False


class EventHub:
    """Holds the recent events and hands each committed one to every subscriber at once."""

    def __init__(self, last_seq: int = 0) -> None:
        # records, not their texts: a text is made only when a screen needs it
        self._recent: collections.deque[EventRecord] = collections.deque(maxlen=REPLAY_WINDOW)
        self._subscribers: set[Subscription] = set()
        self.last_seq = last_seq
        self._before: tuple[int, str | None] | None = None  # the event before the window

    def follows(self, seq: int, at: str | None) -> None:
        """The window, empty at a start, follows the log's event `seq` stamped `at`: a terminal
        that saw it resumes from it rather than take a snapshot."""
        if not self._recent:
            self._before = (seq, at)

    def publish(self, records: list[EventRecord]) -> None:
        if not records:
            return
        self._recent.extend(records)
        self.last_seq = records[-1].seq
        if not self._subscribers:
            return
        for record in records:
            item = (record.seq, record.wire())
            for sub in list(self._subscribers):
                try:
                    sub.queue.put_nowait(item)
                except asyncio.QueueFull:
                    self._drop(sub)

    def subscribe(self) -> Subscription:
        sub = Subscription()
        self._subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subscribers.discard(sub)

    def close_all(self) -> None:
        for sub in list(self._subscribers):
            self._drop(sub)

    def replay(self, after: int, at: str | None = None) -> list[tuple[int, str]] | None:
        """The events after `after`; None (a snapshot then) when the client's event `after`
        cannot be seen to be this log's: older than the window (at a start, the window follows
        the log's last event), newer than anything here, or stamped other than `at`, the time
        the client received it with (a database restored from a backup numbers other events
        alike)."""
        if after > self.last_seq:
            return None
        first = self._recent[0].seq if self._recent else self.last_seq + 1
        if after == 0:  # it saw nothing: all of it, if the window still holds the first
            return [(r.seq, r.wire()) for r in self._recent] if first == 1 else None
        if first <= after:
            seen_at: str | None = self._recent[after - first].at
        elif self._before is not None and self._before[0] == after == first - 1:
            seen_at = self._before[1]
        else:
            return None
        if at is not None and seen_at is not None and seen_at != at:
            return None
        return [(r.seq, r.wire()) for r in self._recent if r.seq > after]

    @property
    def subscribers(self) -> int:
        return len(self._subscribers)

    def _drop(self, sub: Subscription) -> None:
        sub.dropped = True
        self._subscribers.discard(sub)
        while True:  # make room for the end marker
            try:
                sub.queue.get_nowait()
            except asyncio.QueueEmpty:
                break
        sub.queue.put_nowait(None)
