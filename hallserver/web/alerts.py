"""What the supervisor must look at now: alerts computed from the hall's state and its clock.

Pure: the hall, the terminals' last reports and `now` in, a list of alerts out. An alert exists
while its condition holds and disappears by itself when it no longer does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from hallserver.domain.catalogue import Level
from hallserver.domain.counters import CounterState
from hallserver.domain.hall import Hall
from hallserver.domain.ids import JsonObject
from hallserver.domain.tickets import TicketState

PRINTER_FAULTS = ("paper_out", "cover_open", "offline")
PRINTER_WARNINGS = ("paper_near_end",)


@dataclass(frozen=True)
class BoardRules:
    """The limits the hall sets for its alerts (minutes and seconds, as data)."""

    pause_limits_min: Mapping[str, int] = field(
        default_factory=lambda: {
            "break": 15,
            "lunch": 60,
            "technical": 30,
            "paperwork": 30,
            "other": 15,
        }
    )
    idle_grace_s: int = 120  # an open counter may stay free this long while its queue waits
    silent_after_s: int = 120  # a terminal that has not reported for this long is gone


@dataclass(frozen=True)
class Alert:
    """One condition that needs the supervisor, with what the board shows about it."""

    key: str  # stable while the condition lasts: the board keeps its place
    kind: str  # wait_over_target | counter_idle | pause_over_limit | printer | terminal_silent
    severity: str  # alert | warning
    params: JsonObject

    def to_json(self) -> JsonObject:
        return {"key": self.key, "kind": self.kind, "severity": self.severity, **self.params}


def alerts(hall: Hall, now: datetime, rules: BoardRules) -> list[Alert]:
    found = [
        *_waits_over_target(hall, now),
        *_idle_counters(hall, now, rules),
        *_long_pauses(hall, now, rules),
        *_terminals(hall, now, rules),
    ]
    return sorted(found, key=lambda a: (a.severity != "alert", a.kind, a.key))


def _waits_over_target(hall: Hall, now: datetime) -> list[Alert]:
    found = []
    for service in hall.catalogue.services:
        target_s = service.target_wait_min * 60
        over = [
            (now - t.issued_at).total_seconds()
            for t in hall.tickets.values()
            if t.state is TicketState.WAITING
            and t.service == service.id
            and (now - t.issued_at).total_seconds() > target_s
        ]
        if over:
            found.append(
                Alert(
                    f"wait:{service.id}",
                    "wait_over_target",
                    "alert",
                    {
                        "service_id": service.id,
                        "visitors": len(over),
                        "longest_min": int(max(over) // 60),
                        "target_min": service.target_wait_min,
                    },
                )
            )
    return found


def idle_since(hall: Hall, counter_id: str) -> datetime | None:
    """When the counter last became free: opened, or its last visitor left."""
    counter = hall.counter(counter_id)
    moments = [counter.state_since] if counter.state_since else []
    moments += [
        t.finished_at
        for t in hall.tickets.values()
        if t.counter == counter.id and t.finished_at is not None
    ]
    return max(moments, default=None)


def _idle_counters(hall: Hall, now: datetime, rules: BoardRules) -> list[Alert]:
    found = []
    for counter in sorted(hall.counters.values(), key=lambda c: c.number):
        if counter.state is not CounterState.OPEN or counter.current is not None:
            continue
        waiting = sum(
            hall.service_queue(service_id, now).waiting
            for service_id, level in counter.profile.items()
            if level is Level.MAIN and service_id in hall.services
        )
        since = idle_since(hall, counter.id)
        if not waiting or since is None:
            continue
        idle_s = (now - since).total_seconds()
        if idle_s > rules.idle_grace_s:
            found.append(
                Alert(
                    f"idle:{counter.id}",
                    "counter_idle",
                    "alert",
                    {
                        "counter_id": counter.id,
                        "counter_number": counter.number,
                        "idle_min": int(idle_s // 60),
                        "waiting": waiting,
                    },
                )
            )
    return found


def _long_pauses(hall: Hall, now: datetime, rules: BoardRules) -> list[Alert]:
    found = []
    for counter in sorted(hall.counters.values(), key=lambda c: c.number):
        if counter.state is not CounterState.PAUSED or counter.state_since is None:
            continue
        reason = counter.pause_reason.value if counter.pause_reason else "other"
        limit = rules.pause_limits_min.get(reason, 15)
        paused_min = (now - counter.state_since).total_seconds() / 60
        if paused_min > limit:
            found.append(
                Alert(
                    f"pause:{counter.id}",
                    "pause_over_limit",
                    "alert",
                    {
                        "counter_id": counter.id,
                        "counter_number": counter.number,
                        "reason": reason,
                        "paused_min": int(paused_min),
                        "limit_min": limit,
                    },
                )
            )
    return found


def _terminals(hall: Hall, now: datetime, rules: BoardRules) -> list[Alert]:
    found = []
    for name, report in sorted(hall.terminals.items()):
        silent_s = (now - report.last_seen).total_seconds()
        if silent_s > rules.silent_after_s:
            found.append(
                Alert(
                    f"silent:{name}",
                    "terminal_silent",
                    "alert",
                    {"terminal": name, "role": report.role, "silent_min": int(silent_s // 60)},
                )
            )
        elif report.printer in PRINTER_FAULTS or report.printer in PRINTER_WARNINGS:
            found.append(
                Alert(
                    f"printer:{name}",
                    "printer",
                    "alert" if report.printer in PRINTER_FAULTS else "warning",
                    {"terminal": name, "printer": report.printer, "detail": report.detail},
                )
            )
    return found
