"""Messages from the hall's supervisor to the operators at the counters: one counter or all.

"Counter 3, please take the pension queue", "All: the system restarts at 18:00". Each is an event
in the log (who sent what, when, and which counter read it when); the day's messages are kept
with the hall's state until the next day opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from hallserver.domain.ids import CounterId, JsonObject

TEXT_LIMIT = 200  # characters: read at a glance between two visitors (two lines on a console)
DAY_LIMIT = 200  # messages a day; past it the oldest are dropped from the state (not the log)


@dataclass
class Message:
    """One message: to a counter, or to every counter (`to` is None)."""

    id: int  # 1, 2, … within the day
    at: datetime
    to: CounterId | None
    text: str
    sender: str  # the supervisor's login or token subject
    read: dict[CounterId, datetime] = field(default_factory=dict)  # counter -> when read there

    def for_counter(self, counter_id: str) -> bool:
        return self.to is None or self.to == counter_id

    def to_json(self) -> JsonObject:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "to": self.to,
            "text": self.text,
            "sender": self.sender,
            "read": {c: at.isoformat() for c, at in sorted(self.read.items())},
        }

    @classmethod
    def from_json(cls, raw: JsonObject) -> Message:
        read = raw.get("read")
        to = raw.get("to")
        return cls(
            id=int(str(raw["id"])),
            at=datetime.fromisoformat(str(raw["at"])),
            to=CounterId(to) if isinstance(to, str) else None,
            text=str(raw["text"]),
            sender=str(raw.get("sender", "")),
            read={
                CounterId(str(c)): datetime.fromisoformat(str(at))
                for c, at in (read.items() if isinstance(read, dict) else ())
            },
        )
