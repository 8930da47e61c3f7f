"""Where the database's event log starts once old events are archived (`hallserver.archive`).

The anchor is one of the hall's settings (`ANCHOR_KEY`): the last archived event's number and
hash, the first day still in the database, and the archive files so far. The store reads it to
number on when its log is empty; the archive moves it and checks files against it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from hallserver.eventlog import GENESIS

ANCHOR_KEY = "chain_anchor"
# damaged events a restore kept on purpose (`kezek restore --keep-damaged`): {seq: hash held}
DAMAGE_KEY = "accepted_damage"


class DamagedAnchor(ValueError):
    """The database's record of its archives cannot be read."""


@dataclass(frozen=True)
class Part:
    """One archive file, as the database lists it."""

    file: str
    first: int
    last: int
    hash: str  # of its last event


@dataclass(frozen=True)
class Anchor:
    """Where the database's log starts: after event `seq`, whose hash is `hash`."""

    seq: int = 0
    hash: str = GENESIS
    before: date | None = None  # the days before this one are archived
    parts: tuple[Part, ...] = field(default=())

    def to_json(self) -> str:
        data = asdict(self) | {"before": self.before.isoformat() if self.before else None}
        return json.dumps(data, ensure_ascii=False)


def parse_anchor(raw: str | None) -> Anchor:
    """The anchor as saved; no anchor (nothing archived yet) is the log's very start."""
    if raw is None:
        return Anchor()
    try:
        data = json.loads(raw)
        return Anchor(
            int(data["seq"]),
            str(data["hash"]),
            date.fromisoformat(data["before"]),
            tuple(Part(**part) for part in data["parts"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedAnchor(f"the database's record of its archives is damaged: {exc}") from exc
