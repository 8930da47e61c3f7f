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
    long_visit_factor: float = 3.0  # a visit this many times its service's typical duration
    long_visit_min: int = 20  # … and at least this long is worth a supervisor's look
    silent_after_s: int = 120  # a terminal that has not reported for this long is gone


@dataclass(frozen=True)
class Alert:
    """One condition that needs the supervisor, with what the board shows about it."""

    key: str  # stable while the condition lasts: the board keeps its place
    kind: str  # wait_over_target | counter_idle | pause_over_limit | long_visit | printer |
    # terminal_silent
    severity: str  # alert | warning
    params: JsonObject

    def to_json(self) -> JsonObject:
        return {"key": self.key, "kind": self.kind, "severity": self.severity, **self.params}


def alerts(hall: Hall, now: datetime, rules: BoardRules) -> list[Alert]:
    found = [
        *_waits_over_target(hall, now),
        *_idle_counters(hall, now, rules),
        *_long_pauses(hall, now, rules),
        *_long_visits(hall, now, rules),
        *_terminals(hall, now, rules),
    ]
    return sorted(found, key=lambda a: (a.severity != "alert", a.kind, a.key))


def _waits_over_target(hall: Hall, now: datetime) -> list[Alert]:
    waits: dict[str, list[float]] = {}
    for ticket in hall.tickets.values():  # one pass: the board looks every second
        if ticket.state is TicketState.WAITING:  # an early appointment waits from its time
            since = max(ticket.issued_at, ticket.appointment_at or ticket.issued_at)
            waits.setdefault(ticket.service, []).append((now - since).total_seconds())
    found = []
    for service in hall.catalogue.services:
        target_s = service.target_wait_min * 60
        over = [w for w in waits.get(service.id, ()) if w > target_s]
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


def _idle_counters(hall: Hall, now: datetime, rules: BoardRules) -> list[Alert]:
    found = []
    for counter in sorted(hall.counters.values(), key=lambda c: c.number):
        if counter.state is not CounterState.OPEN or counter.current is not None:
            continue
        waiting = sum(
            hall.lanes.count(service_id)
            for service_id, level in counter.profile.items()
            if level is Level.MAIN
        )
        if not waiting or counter.state_since is None:
            continue
        # free since it opened, or since its last visitor left it, however they left
        since = max(counter.state_since, counter.free_since or counter.state_since)
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


def _long_visits(hall: Hall, now: datetime, rules: BoardRules) -> list[Alert]:
    """A visitor at a counter far longer than the service usually takes: a hard case, or a
    console left on; a warning, not an alert."""
    found = []
    for counter in sorted(hall.counters.values(), key=lambda c: c.number):
        ticket = hall.tickets.get(counter.current) if counter.current else None
        if ticket is None or ticket.state is not TicketState.SERVING or not ticket.started_at:
            continue
        service = hall.services[ticket.service]
        limit_min = max(service.duration_min * rules.long_visit_factor, rules.long_visit_min)
        serving_min = (now - ticket.started_at).total_seconds() / 60
        if serving_min > limit_min:
            found.append(
                Alert(
                    f"visit:{counter.id}",
                    "long_visit",
                    "warning",
                    {
                        "counter_id": counter.id,
                        "counter_number": counter.number,
                        "number": ticket.number,
                        "service_id": service.id,
                        "serving_min": int(serving_min),
                        "usual_min": service.duration_min,
                    },
                )
            )
    return found


def _terminals(hall: Hall, now: datetime, rules: BoardRules) -> list[Alert]:
    found = []
    for (role, name), report in sorted(hall.terminals.items()):
        silent_s = (now - report.last_seen).total_seconds()
        if silent_s > rules.silent_after_s:
            found.append(
                Alert(
                    f"silent:{role}:{name}",
                    "terminal_silent",
                    "alert",
                    {"terminal": name, "role": report.role, "silent_min": int(silent_s // 60)},
                )
            )
        elif report.printer in PRINTER_FAULTS or report.printer in PRINTER_WARNINGS:
            found.append(
                Alert(
                    f"printer:{role}:{name}",
                    "printer",
                    "alert" if report.printer in PRINTER_FAULTS else "warning",
                    {"terminal": name, "printer": report.printer, "detail": report.detail},
                )
            )
    return found
