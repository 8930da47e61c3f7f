"""Read a hall's catalogue (services, groups, counters, hours) from its TOML file."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import date, time
from importlib import resources
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
from hallserver.domain.ids import LANGS, CounterId, GroupId, ServiceId, shows_nothing, unprintable
from hallserver.icons import CATALOGUE_ICONS

RESULT_ID = re.compile(r"[a-z0-9_]{1,40}")
IDENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")  # a service's, counter's or group's id
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class CatalogueError(ValueError):
    """The catalogue file is wrong; the message names the place."""


def demo_catalogue_text() -> str:
    """The demo hall shipped with Kezek, as TOML."""
    return resources.files("hallserver").joinpath("demo_hall.toml").read_text(encoding="utf-8")


def demo_catalogue() -> Catalogue:
    """The demo hall shipped with Kezek."""
    return parse_catalogue(demo_catalogue_text(), source="demo_hall.toml")


def read_catalogue(path: Path) -> str:
    """A catalogue file's text; a byte-order mark (Windows Notepad writes one) is dropped."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CatalogueError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError:
        raise CatalogueError(f"{path} is not UTF-8 text: save it as UTF-8") from None


def parse_catalogue(text: str, *, source: str, saved: bool = False) -> Catalogue:
    """The catalogue in `text`. A `saved` one was accepted and saved by this or an older Kezek:
    it is read as leniently as then (an unknown key ignored, any capital letter as a prefix),
    so that an upgrade never stops a hall; a file being checked is read strictly."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: {exc}") from exc
    token = _STRICT.set(not saved)
    try:
        return _catalogue(raw)
    except ValueError as exc:  # the domain's own checks say ValueError too
        raise CatalogueError(f"{source}: {exc}") from exc
    finally:
        _STRICT.reset(token)


# the keys each table may have: any other is a typo (`daly_limit`), refused, not ignored
TOP_KEYS = ("hall", "group", "service", "counter", "result")
HALL_KEYS = (
    "id",
    "name",
    "timezone",
    "hours",
    "dates",
    "max_recalls",
    "priority_streak_cap",
    "appointment_early_min",
    "appointment_late_min",
    "last_ticket_min",
)
GROUP_KEYS = ("id", "name", "icon")
SERVICE_KEYS = (
    "id",
    "prefix",
    "name",
    "description",
    "group",
    "documents",
    "fee",
    "duration_min",
    "target_wait_min",
    "hours",
    "icon",
    "slot_capacity",
    "daily_limit",
)
COUNTER_KEYS = ("id", "number", "name", "main", "backup")
RESULT_KEYS = ("id", "name")
PREFIX = re.compile(r"[A-Z]")  # printed, called out and typed on any keyboard: Latin only
LOOK_ALIKE = {"O": "0", "I": "1"}  # a prefix never taken for a digit of the number
_STRICT: ContextVar[bool] = ContextVar("strict_catalogue", default=True)  # see parse_catalogue


def _shown(value: str, limit: int = 60) -> str:
    """`value` quoted as a message echoes it: a long one cut (a 5,000-character id is a
    mistake, not something to read back in full)."""
    return repr(value if len(value) <= limit else f"{value[:limit]}…")


class _Table:
    """One TOML table as it is read: only the keys it may have, each of the type it must be;
    a mistake names the place ("service 'passport': …")."""

    def __init__(self, raw: object, where: str, keys: tuple[str, ...]) -> None:
        if not isinstance(raw, dict):
            raise ValueError(f"{where} must be a table, not {_kind(raw)}")
        kind, _, number = where.rpartition(" ")
        if number.isdigit() and isinstance(raw.get("id"), str) and raw["id"].strip():
            where = (
                f"{kind} {_shown(raw['id'])}"  # "service 3" is "service 'passport'" once it has one
            )
        for key in raw if _STRICT.get() else ():
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(
                    f"{where}: unknown key {key!r}{hint}; it may have {', '.join(keys)}"
                )
        self.raw: dict[str, object] = raw
        self.where = where

    def has(self, key: str) -> bool:
        return key in self.raw

    def value(self, key: str) -> object:
        if key not in self.raw:
            raise ValueError(f"{self.where}: {key} is missing")
        return self.raw[key]

    def string(self, key: str, default: str | None = None) -> str:
        value = self.raw.get(key, default) if default is not None else self.value(key)
        if not _STRICT.get():
            return str(value)  # as it was read when it was saved
        if isinstance(value, str) and not value.strip():
            raise ValueError(f"{self.where}: {key} is empty: write it in the quotes")
        if not isinstance(value, str):
            raise ValueError(f"{self.where}: {key} must be text in quotes, not {_kind(value)}")
        return value

    def ident(self) -> str:
        """An id: it goes into addresses (/api/v1/services/ID) and the database's columns."""
        ident = self.string("id")
        if _STRICT.get() and not IDENT.fullmatch(ident):
            raise ValueError(
                f"{self.where}: id {_shown(ident)} must be 1-40 Latin letters, digits, '-', '_' or "
                "'.', beginning with a letter or digit (it is written in addresses)"
            )
        return ident

    def number(self, key: str, default: int, low: int, high: int, *, always: bool = False) -> int:
        """A whole number from `low` to `high`; in a saved catalogue, what int() made of it
        then (unless `always`: a check older versions made too)."""
        value = self.raw.get(key, default)
        if not _STRICT.get() and not always:
            return int(cast(Any, value))
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(
                f"{self.where}: {key} must be a whole number from {low} to {high}, "
                f"not {_kind(value)}"
            )
        return value

    def text(self, key: str) -> Text:
        return _text(self.value(key), f"{self.where}: {key}")

    def texts(self, key: str) -> tuple[Text, ...]:
        items = self.raw.get(key, [])
        if not isinstance(items, list):
            raise ValueError(f"{self.where}: {key} must be a list [ … ], not {_kind(items)}")
        return tuple(_text(item, f"{self.where}: {key} {n}") for n, item in enumerate(items, 1))

    def names(self, key: str) -> list[str]:
        items = self.raw.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError(f"{self.where}: {key} must be a list of ids in quotes")
        return items

    def tables(self, key: str) -> list[object]:
        items = self.raw.get(key, [])
        if not isinstance(items, list):
            raise ValueError(f"{self.where}: {key} must be [[{key}]] tables, not {_kind(items)}")
        return items


def _kind(value: object) -> str:
    """What a TOML value is, in the user's words."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


def _text(raw: object, where: str) -> Text:
    """A text in the three languages: {kk = "…", ru = "…", en = "…"}."""
    table = _Table(raw, where, LANGS) if isinstance(raw, dict) else None
    if table is None:
        raise ValueError(f'{where} must be {{ kk = "…", ru = "…", en = "…" }}, not {_kind(raw)}')
    for lang in LANGS:
        value = table.raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: the {lang} text is missing or empty")
        if _STRICT.get() and shows_nothing(value):  # a zero-width space: a blank name
            raise ValueError(f"{where}: the {lang} text shows nothing: write it")
        if _STRICT.get() and unprintable(value):  # a saved one: the printer drops them
            raise ValueError(f"{where}: the {lang} text must be without control characters")
    return Text(kk=str(table.raw["kk"]), ru=str(table.raw["ru"]), en=str(table.raw["en"]))


def _hours(raw: object, where: str, dates: object = None) -> WeekHours:
    table = _Table(raw, f"{where} hours", WEEKDAYS)
    days = {
        WEEKDAYS.index(name): _span(span, f"{where} hours {name}", " (leave a closed day out)")
        for name, span in table.raw.items()
    }
    special: dict[date, DayHours | None] = {}
    worked_as: dict[date, int] = {}
    if dates is not None:
        if not isinstance(dates, dict):
            raise ValueError(f"{where} dates must be a table of dates, not {_kind(dates)}")
        for day, span in dates.items():
            try:
                when = date.fromisoformat(str(day))
            except ValueError:
                raise ValueError(f"{where} dates: {day!r} is not a date like 2026-12-16") from None
            if span in WEEKDAYS:  # a transferred working day, worked as that weekday
                if (weekday := WEEKDAYS.index(str(span))) not in days:
                    raise ValueError(
                        f"{where} dates {day}: worked as {span}, but the hall is closed on {span}"
                    )
                worked_as[when] = weekday
            else:
                special[when] = (
                    None if span == "closed" else _span(span, f"{where} dates {day}", DATE_VALUES)
                )
    return WeekHours(days, special, worked_as)


DATE_VALUES = " (or closed, or the weekday it is worked as, like mon)"


def _span(span: object, where: str, or_else: str = "") -> DayHours:
    """ "09:00-20:00" as opening and closing times."""
    if not isinstance(span, str):
        raise ValueError(f'{where} must be hours in quotes like "09:00-20:00", not {_kind(span)}')
    opens, _, closes = span.partition("-")
    try:
        hours = DayHours(time.fromisoformat(opens.strip()), time.fromisoformat(closes.strip()))
    except ValueError:
        raise ValueError(f"{where}: {span!r} is not hours like 09:00-20:00{or_else}") from None
    if hours.opens >= hours.closes:
        raise ValueError(f"{where}: {span!r}: it closes before it opens")
    return hours


def _timezone(name: str, where: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Asia" is a folder of zones
        raise ValueError(
            f"{where}: timezone {name!r} is not one I know, like Asia/Almaty"
        ) from None
    return name


def _unique(kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids if _STRICT.get() else ():
        if item in seen:
            raise ValueError(f"two {kind} have the id {item!r}")
        seen.add(item)


def _catalogue(raw: Mapping[str, Any]) -> Catalogue:
    top = _Table(raw, "the catalogue", TOP_KEYS)
    hall = _Table(top.value("hall"), "[hall]", HALL_KEYS)
    hall_id = hall.string("id")
    groups = []
    for n, item in enumerate(top.tables("group"), 1):
        g = _Table(item, f"group {n}", GROUP_KEYS)
        groups.append(ServiceGroup(id=GroupId(g.ident()), name=g.text("name"), icon=_icon(g)))
    services = [_service(item, n) for n, item in enumerate(top.tables("service"), 1)]
    counters = [_counter(item, n) for n, item in enumerate(top.tables("counter"), 1)]
    _unique("groups", [g.id for g in groups])
    _unique("services", [s.id for s in services])
    _unique("counters", [c.id for c in counters])
    return Catalogue(
        hall_id=hall_id,
        name=hall.text("name"),
        timezone=_timezone(hall.string("timezone", "Asia/Almaty"), "[hall]"),
        hours=_hours(hall.value("hours"), "[hall]", hall.raw.get("dates")),
        groups=tuple(groups),
        services=tuple(services),
        counters=tuple(counters),
        max_recalls=hall.number("max_recalls", 3, 0, 99),
        priority_streak_cap=hall.number("priority_streak_cap", 2, 0, 100),
        appointment_early_min=hall.number("appointment_early_min", 30, 0, 240),
        appointment_late_min=hall.number("appointment_late_min", 10, 0, 240),
        last_ticket_min=hall.number("last_ticket_min", 0, 0, 240, always=True),
        results=_results(top.tables("result")),
    )


def _service(item: object, n: int) -> Service:
    s = _Table(item, f"service {n}", SERVICE_KEYS)
    service_id = s.ident()
    prefix = s.string("prefix")
    if _STRICT.get() and not PREFIX.fullmatch(prefix):
        raise ValueError(f"{s.where}: prefix {_shown(prefix)} must be one Latin capital letter A-Z")
    if _STRICT.get() and prefix in LOOK_ALIKE:
        raise ValueError(
            f"{s.where}: prefix {prefix!r} reads as the digit {LOOK_ALIKE[prefix]} on a ticket "
            "and the board (O12 or 012?): choose another letter"
        )
    return Service(
        id=ServiceId(service_id),
        prefix=prefix,
        name=s.text("name"),
        description=s.text("description"),
        group=GroupId(s.string("group")),
        documents=s.texts("documents"),
        fee=s.text("fee") if s.has("fee") else None,
        duration_min=s.number("duration_min", 10, 1, 1440),
        target_wait_min=s.number("target_wait_min", 15, 1, 1440),
        hours=_hours(s.value("hours"), s.where) if s.has("hours") else None,
        icon=_icon(s),
        slot_capacity=s.number("slot_capacity", 4, 0, 9999),
        daily_limit=s.number("daily_limit", 0, 0, 9999, always=True),
    )


def _counter(item: object, n: int) -> CounterSpec:
    c = _Table(item, f"counter {n}", COUNTER_KEYS)
    counter_id = c.ident()
    main, backup = c.names("main"), c.names("backup")
    for key, listed in (("main", main), ("backup", backup)):
        twice = sorted({s for s in listed if listed.count(s) > 1})
        if twice and _STRICT.get():
            raise ValueError(f"{c.where}: {_shown(twice[0])} is listed twice in {key}")
    both = sorted(set(main) & set(backup))
    if both and _STRICT.get():  # a saved one: backup wins, as it did
        raise ValueError(f"{c.where}: {both[0]!r} is both main and backup: choose one")
    c.value("number")  # a missing number is said so, not as a 0 out of range
    profile = {ServiceId(s): Level.MAIN for s in main}
    profile.update({ServiceId(s): Level.BACKUP for s in backup})
    return CounterSpec(
        id=CounterId(counter_id),
        number=c.number("number", 0, 1, 9999),
        name=c.text("name"),
        profile=profile,
    )


def _icon(table: _Table) -> str:
    icon = table.raw.get("icon", "")
    if not _STRICT.get():
        return str(icon)
    if not isinstance(icon, str):
        raise ValueError(f"{table.where}: icon must be text in quotes, not {_kind(icon)}")
    if icon and icon not in CATALOGUE_ICONS:  # the kiosk would show "•"
        close = difflib.get_close_matches(icon, CATALOGUE_ICONS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(
            f"{table.where}: icon {_shown(icon)} is not one the kiosk draws{hint}; "
            f"it may be {', '.join(CATALOGUE_ICONS)}"
        )
    return icon


def catalogue_notes(catalogue: Catalogue) -> list[str]:
    """What in a catalogue that reads well would still keep visitors waiting or away: no
    services, no opening hours, a service whose hours never meet the hall's."""
    notes = []
    if not catalogue.services:
        notes.append("the hall has no services: its kiosks have nothing to give a ticket for")
    if not catalogue.hours.days:
        notes.append(
            "the hall has no opening hours: it is never open (give [hall] hours, or start it "
            "with --always-open)"
        )
    never = [
        str(s.id)
        for s in catalogue.services
        if s.hours is not None and catalogue.hours.days and not _meet(catalogue.hours, s.hours)
    ]
    if never:
        one = len(never) == 1
        which = f"service {never[0]} is" if one else f"services {', '.join(never)} are"
        notes.append(
            f"{which} never open: {'its' if one else 'their'} hours never fall while the hall "
            "is open (check them against the hall's)"
        )
    return notes


def _meet(hall: WeekHours, service: WeekHours) -> bool:
    """Whether the service's hours and the hall's overlap on some weekday."""
    for day, theirs in service.days.items():
        ours = hall.days.get(day)
        if ours is not None and max(ours.opens, theirs.opens) < min(ours.closes, theirs.closes):
            return True
    return False


def _results(items: list[object]) -> tuple[VisitResult, ...]:
    results = []
    for n, item in enumerate(items, 1):
        r = _Table(item, f"result {n}", RESULT_KEYS)
        result_id = r.string("id")
        if not RESULT_ID.fullmatch(result_id):
            raise ValueError(f"result {result_id!r}: an id is 1-40 lower-case letters, digits or _")
        if result_id == "not_recorded":  # the reports' own column for visits finished without one
            raise ValueError("result 'not_recorded': the reports use that name, choose another")
        results.append(VisitResult(id=result_id, name=r.text("name")))
    return tuple(results)


# ------------------------------------------------------------------ editing one service

# what a supervisor may change while the hall runs: the words and figures, never what numbers,
# routes or hours hang on (id, prefix, group, hours, counters: the file and a restart)
EDITABLE = (
    "name",
    "description",
    "fee",
    "documents",
    "duration_min",
    "target_wait_min",
    "daily_limit",
)
TEXT_LIMITS = {"name": 200, "description": 2000, "fee": 500, "documents": 300}
MOST_DOCUMENTS = 30
NUMBERS = {"duration_min": (1, 1440), "target_wait_min": (1, 1440), "daily_limit": (0, 9999)}


def revise_service(
    text: str, service_id: str, changes: Mapping[str, object]
) -> tuple[str, Catalogue]:
    """The catalogue `text` with one service's words and figures changed, and the catalogue it
    now reads as. Its comments and layout stay: it is the hall's file, edited, as `kezek
    catalogue export` gives it back. Raises CatalogueError naming the field."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    if not changes:
        raise CatalogueError(f"nothing to change: give one of {', '.join(EDITABLE)}")
    if unknown := sorted(set(changes) - set(EDITABLE)):
        raise CatalogueError(
            f"{', '.join(unknown)} cannot be changed here (only {', '.join(EDITABLE)}): "
            "change the catalogue file and restart (kezek hall --catalogue FILE --check)"
        )
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise CatalogueError(f"the saved catalogue: {exc}") from exc
    tables = document.get("service", [])
    table = next((t for t in tables if t.get("id") == service_id), None)
    if table is None:
        raise CatalogueError(f"the saved catalogue has no service {service_id!r}")
    for key, value in changes.items():
        if key in ("fee", "daily_limit") and value is None:
            table.pop(key, None)  # free of charge, or no limit: as GET /services says it
        elif key in NUMBERS:
            low, high = NUMBERS[key]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise CatalogueError(
                    f"{key} must be a whole number from {low} to {high}, not {_kind(value)}"
                )
            table[key] = value
        elif key == "documents":
            if not isinstance(value, list) or len(value) > MOST_DOCUMENTS:
                raise CatalogueError(
                    f"documents must be a list of at most {MOST_DOCUMENTS} texts, one per document"
                )
            items = tomlkit.array()
            for n, item in enumerate(value, 1):
                items.append(_inline_text(tomlkit, item, f"documents {n}", TEXT_LIMITS[key]))
            items.multiline(True)
            table[key] = items
        else:
            table[key] = _inline_text(tomlkit, value, key, TEXT_LIMITS[key])
    revised = tomlkit.dumps(document)
    # read as the saved catalogue is: what an older Kezek accepted elsewhere in it still stands
    return revised, parse_catalogue(revised, source=f"service {service_id!r}", saved=True)


MULTILINE = ("description", "fee")  # read as paragraphs; a name or a document is one line


def text_problem(value: str, key: str, limit: int) -> str | None:
    """What is wrong with one language's text of `key` ("too_long", "lines", "unprintable"),
    or None. Tabs and no-break spaces (pasted from a document) are spaces, not faults."""
    if len(value) > limit:
        return "too_long"
    if key not in MULTILINE and ("\n" in value or "\r" in value):
        return "lines"
    if unprintable(value):
        return "unprintable"
    return None


def _inline_text(tomlkit: Any, raw: object, where: str, limit: int) -> Any:
    """{kk, ru, en}, each non-empty, of at most `limit` characters: one line, but for the
    description and the fee."""
    try:
        text = _text(raw, where)  # the three languages, none empty, nothing else
    except ValueError as exc:
        raise CatalogueError(str(exc)) from None
    key = where.split(" ", maxsplit=1)[0]  # "documents 3" is a document
    for lang in LANGS:
        if problem := text_problem(text.get(lang).strip(), key, limit):
            said = {
                "too_long": f"at most {limit} characters",
                "lines": "one line",
                "unprintable": "without control characters",
            }[problem]
            raise CatalogueError(f"{where}: the {lang} text must be {said}")
    table = tomlkit.inline_table()
    table.update({lang: text.get(lang).strip() for lang in LANGS})
    return table
