"""Read a hall's catalogue (services, groups, counters, hours) from its TOML file."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import date, time
from importlib import resources
from pathlib import Path
from typing import Any

from hallserver.domain.catalogue import (
    Catalogue,
    CounterSpec,
    DayHours,
    Level,
    Service,
    ServiceGroup,
    Text,
    VisitResult,
    WeekHours,
)
from hallserver.domain.ids import CounterId, GroupId, ServiceId

RESULT_ID = re.compile(r"[a-z0-9_]{1,40}")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class CatalogueError(ValueError):
    """The catalogue file is wrong; the message names the place."""


def demo_catalogue_text() -> str:
    """The demo hall shipped with Kezek, as TOML."""
    return resources.files("hallserver").joinpath("demo_hall.toml").read_text(encoding="utf-8")


def demo_catalogue() -> Catalogue:
    """The demo hall shipped with Kezek."""
    return parse_catalogue(demo_catalogue_text(), source="demo_hall.toml")


def load_catalogue(path: Path) -> Catalogue:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError:
        raise CatalogueError(f"{path} is not UTF-8 text: save it as UTF-8") from None
    return parse_catalogue(text, source=str(path))


def parse_catalogue(text: str, *, source: str) -> Catalogue:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: {exc}") from exc
    try:
        return _catalogue(raw)
    except (KeyError, TypeError, ValueError) as exc:
        detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise CatalogueError(f"{source}: {detail}") from exc


def _text(raw: Mapping[str, Any]) -> Text:
    return Text(kk=str(raw["kk"]), ru=str(raw["ru"]), en=str(raw["en"]))


def _hours(raw: Mapping[str, str], dates: Mapping[str, str] | None = None) -> WeekHours:
    days: dict[int, DayHours] = {}
    for name, span in raw.items():
        if name not in WEEKDAYS:
            raise ValueError(f"unknown weekday {name!r}; use {', '.join(WEEKDAYS)}")
        days[WEEKDAYS.index(name)] = _span(span)
    special: dict[date, DayHours | None] = {}
    for day, span in (dates or {}).items():
        try:
            when = date.fromisoformat(str(day))
        except ValueError:
            raise ValueError(f"dates: {day!r} is not a date like 2026-12-16") from None
        special[when] = None if span == "closed" else _span(span)
    return WeekHours(days, special)


def _span(span: str) -> DayHours:
    """ "09:00-20:00" as opening and closing times."""
    opens, _, closes = str(span).partition("-")
    try:
        hours = DayHours(time.fromisoformat(opens.strip()), time.fromisoformat(closes.strip()))
    except ValueError:
        raise ValueError(f"{span!r} is not hours like 09:00-20:00 (or closed)") from None
    if hours.opens >= hours.closes:
        raise ValueError(f"{span!r}: it closes before it opens")
    return hours


def _catalogue(raw: Mapping[str, Any]) -> Catalogue:
    hall = raw["hall"]
    groups = tuple(
        ServiceGroup(id=GroupId(g["id"]), name=_text(g["name"]), icon=g.get("icon", ""))
        for g in raw.get("group", [])
    )
    services = tuple(
        Service(
            id=ServiceId(s["id"]),
            prefix=s["prefix"],
            name=_text(s["name"]),
            description=_text(s["description"]),
            group=GroupId(s["group"]),
            documents=tuple(_text(d) for d in s.get("documents", [])),
            fee=_text(s["fee"]) if "fee" in s else None,
            duration_min=int(s.get("duration_min", 10)),
            target_wait_min=int(s.get("target_wait_min", 15)),
            hours=_hours(s["hours"]) if "hours" in s else None,
            icon=s.get("icon", ""),
            slot_capacity=int(s.get("slot_capacity", 4)),
            daily_limit=_count(s, "daily_limit"),
        )
        for s in raw.get("service", [])
    )
    counters = []
    for c in raw.get("counter", []):
        profile = {ServiceId(s): Level.MAIN for s in c.get("main", [])}
        profile.update({ServiceId(s): Level.BACKUP for s in c.get("backup", [])})
        counters.append(
            CounterSpec(
                id=CounterId(c["id"]),
                number=int(c["number"]),
                name=_text(c["name"]),
                profile=profile,
            )
        )
    return Catalogue(
        hall_id=str(hall["id"]),
        name=_text(hall["name"]),
        timezone=str(hall.get("timezone", "Asia/Almaty")),
        hours=_hours(hall["hours"], hall.get("dates")),
        groups=groups,
        services=services,
        counters=tuple(counters),
        max_recalls=int(hall.get("max_recalls", 3)),
        priority_streak_cap=int(hall.get("priority_streak_cap", 2)),
        appointment_early_min=int(hall.get("appointment_early_min", 30)),
        appointment_late_min=int(hall.get("appointment_late_min", 10)),
        last_ticket_min=_minutes(hall, "last_ticket_min"),
        results=_results(raw.get("result", [])),
    )


def _results(raw: object) -> tuple[VisitResult, ...]:
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise ValueError("results are [[result]] tables, each with an id and a name")
    return tuple(_result(r) for r in raw)


def _result(raw: Mapping[str, Any]) -> VisitResult:
    result_id = raw.get("id")
    if not isinstance(result_id, str) or not RESULT_ID.fullmatch(result_id):
        raise ValueError(f"result {result_id!r}: an id is 1-40 lower-case letters, digits or _")
    if result_id == "not_recorded":  # the reports' own column for visits finished without one
        raise ValueError("result 'not_recorded': the reports use that name, choose another")
    return VisitResult(id=result_id, name=_text(raw["name"]))


def _count(table: Mapping[str, Any], key: str) -> int:
    value = table.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 9999:
        raise ValueError(f"service {table.get('id')}: {key} is a count from 0 to 9999")
    return value


def _minutes(table: Mapping[str, Any], key: str) -> int:
    value = table.get(key, 0)
    if not isinstance(value, int) or not 0 <= value <= 240:
        raise ValueError(f"{key} is whole minutes from 0 to 240, not {value!r}")
    return value
