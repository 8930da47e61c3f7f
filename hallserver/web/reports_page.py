"""Reports in the browser: a day or a period from the event log, charts, CSV, XLSX, print."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import re
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from hallserver.archive import anchor
from hallserver.domain.errors import Forbidden, InvalidInput
from hallserver.domain.ids import Lang
from hallserver.reports import GRADES, Figures, LogEvent, Report, build_report
from hallserver.service import HallService
from hallserver.store import schema
from hallserver.web import charts
from hallserver.web.pages import Words, html_page, lang_links, lang_of, word
from hallserver.web.sessions import hall_of, supervisor_of

MAX_DAYS = 366
FIRST_YEAR, LAST_YEAR = 2000, 2999  # dates outside are typing mistakes

WORDS: Words = {
    "title": {"kk": "Есеп", "ru": "Отчёт", "en": "Report"},
    "from": {"kk": "Басы", "ru": "С", "en": "From"},
    "to": {"kk": "Соңы", "ru": "По", "en": "To"},
    "show": {"kk": "Көрсету", "ru": "Показать", "en": "Show"},
    "print": {"kk": "Басып шығару", "ru": "Печать", "en": "Print"},
    "board": {"kk": "Зал тақтасы", "ru": "Табло зала", "en": "Hall board"},
    "overall": {"kk": "Жалпы", "ru": "Всего", "en": "Overall"},
    "by_service": {"kk": "Қызметтер бойынша", "ru": "По услугам", "en": "By service"},
    "by_counter": {"kk": "Терезелер бойынша", "ru": "По окнам", "en": "By counter"},
    "by_operator": {"kk": "Операторлар бойынша", "ru": "По операторам", "en": "By operator"},
    "by_hour": {"kk": "Сағат бойынша", "ru": "По часам", "en": "By hour"},
    "counter_n": {"kk": "{n}-терезе", "ru": "Окно {n}", "en": "Counter {n}"},
    "bad_date": {
        "kk": "Күндер 2026-11-24 түрінде болуы керек: кезеңді төменнен таңдаңыз",
        "ru": "Даты должны быть вида 2026-11-24: выберите период ниже",
        "en": "Dates must look like 2026-11-24: pick the period below",
    },
    "too_long": {
        "kk": f"Есеп ең көбі {MAX_DAYS} күнді қамтиды: қысқарақ кезең таңдаңыз",
        "ru": f"Отчёт охватывает не больше {MAX_DAYS} дней: выберите период короче",
        "en": f"A report covers at most {MAX_DAYS} days: pick a shorter period",
    },
    "archived": {
        "kk": "{day} күнге дейінгі оқиғалар мұрағатқа көшірілген: бұл есепте олар жоқ",
        "ru": "События до {day} перенесены в архив: в этот отчёт они не входят",
        "en": "The events before {day} are archived: this report leaves them out",
    },
    "seal": {
        "kk": "Оқиғалар журналының мөрі: {witness} — есеп жасалған сәттегі ({time}) соңғы "
        "оқиға. Басылған есепті сақтаңыз: {command} "
        "журналдың содан бері қайта жазылмағанын және қысқартылмағанын тексереді.",
        "ru": "Печать журнала событий: {witness} — последнее событие на момент составления "
        "отчёта ({time}). Сохраните распечатку: "
        "{command} проверит, что журнал с тех пор не переписан и не обрезан.",
        "en": "Event log seal: {witness}, the newest event when this report was made ({time}). "
        "Keep the printed report: {command} checks "
        "that the log has not been rewritten or cut short since.",
    },
    "nothing": {
        "kk": "Бұл кезеңде келушілер болған жоқ",
        "ru": "За этот период посетителей не было",
        "en": "No visitors in this period",
    },
    "arrived": {"kk": "Келді", "ru": "Пришло", "en": "Arrived"},
    "served": {"kk": "Қызмет көрсетілді", "ru": "Обслужено", "en": "Served"},
    "no_show_share": {"kk": "Келмегендер", "ru": "Неявки", "en": "No-shows"},
    "cancelled": {"kk": "Жойылды", "ru": "Отменено", "en": "Cancelled"},
    "avg_wait": {"kk": "Орташа күту", "ru": "Среднее ожидание", "en": "Average wait"},
    "max_wait": {"kk": "Ең ұзақ күту", "ru": "Наибольшее ожидание", "en": "Longest wait"},
    "avg_service": {"kk": "Орташа қызмет", "ru": "Среднее обслуживание", "en": "Average service"},
    "max_service": {
        "kk": "Ең ұзақ қызмет",
        "ru": "Наибольшее обслуживание",
        "en": "Longest service",
    },
    "wait": {"kk": "Күту", "ru": "Ожидание", "en": "Wait"},
    "service_time": {"kk": "Қызмет көрсету", "ru": "Обслуживание", "en": "Service"},
    "ratings": {"kk": "Бағалар", "ru": "Оценки", "en": "Ratings"},
    "average": {"kk": "орташа", "ru": "среднее", "en": "average"},
    "longest": {"kk": "ең ұзақ", "ru": "наибольшее", "en": "longest"},
    "service_level": {"kk": "Қызмет деңгейі", "ru": "Уровень сервиса", "en": "Service level"},
    "excellent": {"kk": "Өте жақсы", "ru": "Отлично", "en": "Excellent"},
    "good": {"kk": "Жақсы", "ru": "Хорошо", "en": "Good"},
    "satisfactory": {"kk": "Қанағаттанарлық", "ru": "Удовл.", "en": "Satisfactory"},
    "transfers": {"kk": "Бағытталды", "ru": "Переводы", "en": "Transfers"},
    "unserved": {"kk": "Қызмет көрсетілмеді", "ru": "Не обслужено", "en": "Not served"},
    "def_unserved": {
        "kk": "күн жабылғанда әлі күтіп тұрған не шақырылған барулар",
        "ru": "визиты, ещё ждавшие или вызванные к закрытию дня",
        "en": "visits still waiting or called when their day closed",
    },
    "results": {
        "kk": "Қызмет нәтижелері",
        "ru": "Результаты обслуживания",
        "en": "Results of served visits",
    },
    "not_recorded": {"kk": "Белгіленбеген", "ru": "Не указан", "en": "Not recorded"},
    "def_results": {
        "kk": "оператор қызметті аяқтағанда белгілеген нәтиже, қызмет көрсетілген барулар бойынша",
        "ru": "результат, который оператор отметил при завершении, по обслуженным визитам",
        "en": "how served visits ended, as the operator recorded it at finish",
    },
    "min": {"kk": "мин", "ru": "мин", "en": "min"},
    "visitors": {"kk": "адам", "ru": "чел.", "en": "visitors"},
    "counters": {"kk": "терезе", "ru": "окон", "en": "counters"},
    "chart_waits": {"kk": "Сағат бойынша күту", "ru": "Ожидание по часам", "en": "Waits by hour"},
    "chart_arrivals": {
        "kk": "Сағат бойынша келгендер және ашық терезелер",
        "ru": "Приход по часам и открытые окна",
        "en": "Arrivals by hour against open counters",
    },
    "chart_ratings": {
        "kk": "Операторлар бойынша бағалар",
        "ru": "Оценки по операторам",
        "en": "Ratings by operator",
    },
    "open_counters": {
        "kk": "Орташа ашық терезе",
        "ru": "Открыто окон в среднем",
        "en": "Counters open on average",
    },
    "how": {
        "kk": "Сандар қалай есептеледі",
        "ru": "Как считаются цифры",
        "en": "How each figure is computed",
    },
    "how_intro": {
        "kk": "Барлық сандар оқиғалар журналынан есептеледі. «Бару» — талонның бір қызметте "
        "болуы: талон берілгенде (не басқа қызметке бағытталғанда) басталып, қызмет "
        "көрсетілгенде, келмегенде, жойылғанда, бағытталғанда не күн соңында аяқталады. "
        "Кезеңде басталған барулар ғана саналады; терезе мен оператор — талонды соңғы "
        "шақырғандары; сағат — бару басталған сағат.",
        "ru": "Все цифры считаются по журналу событий. «Визит» — пребывание талона в одной "
        "услуге: начинается при выдаче талона (или переводе в услугу) и заканчивается "
        "обслуживанием, неявкой, отменой, переводом или концом дня. Считаются визиты, "
        "начавшиеся в периоде; окно и оператор — те, что вызвали последними; час — час "
        "начала визита.",
        "en": "Every figure is computed from the event log. A visit is a ticket's stay with "
        "one service: it starts when the ticket is issued (or transferred to the service) and "
        "ends when the visitor is served, marked no-show, cancelled, transferred on, or the "
        "day ends. Visits that started in the period are counted; a visit belongs to the "
        "counter and operator that called it last; by hour means the hour it started.",
    },
    "def_arrived": {
        "kk": "басталған барулар саны (жалпы және сағат бойынша — берілген талондар, "
        "бағытталған келуші бір рет)",
        "ru": "число начавшихся визитов (всего и по часам — выданные талоны, переведённый "
        "считается один раз)",
        "en": "visits started (overall and by hour: tickets issued, so a transferred visitor "
        "counts once)",
    },
    "def_served": {
        "kk": "«қызмет аяқталды» деп белгіленген барулар (келушіні қайтарумен аяқталғандары да)",
        "ru": "визиты, завершённые обслуживанием (в том числе с возвратом посетителя)",
        "en": "visits ended by finishing the service (or by sending the visitor back)",
    },
    "def_no_show_share": {
        "kk": "келмегендер ÷ кем дегенде бір рет шақырылған барулар",
        "ru": "неявки ÷ визиты, вызванные хотя бы раз",
        "en": "no-shows ÷ visits called at least once",
    },
    "def_cancelled": {
        "kk": "жойылған талондар",
        "ru": "отменённые талоны",
        "en": "visits ended by cancelling the ticket",
    },
    "def_wait": {
        "kk": "бару басталғаннан бірінші шақыруға дейін (шақырылғандар); ерте тіркелген жазылу — "
        "өз уақытынан бастап",
        "ru": "от начала визита до первого вызова (по вызванным); запись, отметившаяся заранее, — "
        "от своего времени",
        "en": "from the visit's start to its first call (called visits); an appointment that "
        "checked in early, from its time",
    },
    "def_service": {
        "kk": "қызмет басталғаннан аяқталғанға дейін (қызмет көрсетілгендер)",
        "ru": "от начала до конца обслуживания (по обслуженным)",
        "en": "from the start of service to its finish (served visits)",
    },
    "def_service_level": {
        "kk": "күтуі қызметтің мақсатты уақытынан аспаған қызмет көрсетілгендер үлесі",
        "ru": "доля обслуженных, чьё ожидание не превысило целевое время услуги",
        "en": "share of served visits whose wait was within the service's target",
    },
    "def_ratings": {
        "kk": "қызмет көрсетілген барулардың бағалары: саны және бағаланғандардағы үлесі",
        "ru": "оценки обслуженных визитов: число и доля среди оценённых",
        "en": "grades of served visits: count and share of the rated ones",
    },
    "def_transfers": {
        "kk": "басқа қызметке бағытталумен аяқталған барулар (қайтып келу шартымен жіберіліп, "
        "оралған келушінің сол баруы жалғасады)",
        "ru": "визиты, завершённые переводом в другую услугу (посетитель, направленный "
        "с возвратом и вернувшийся, продолжает тот же визит)",
        "en": "visits ended by a transfer to another service (a visitor sent there and back "
        "who came back goes on with the same visit)",
    },
    "def_open_counters": {
        "kk": "сағат ішінде ашық болған терезелердің уақыт бойынша орташасы, кезең күндеріне",
        "ru": "среднее по времени число открытых окон в этот час, по дням периода",
        "en": "time-weighted mean of counters open in that hour, over the period's days",
    },
}

# The tables' columns: a figure alone, or a group of figures under one heading (heading key,
# then each column's key and the word over it). Grouped, the columns fit a 1366-pixel screen.
HEADS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("arrived", ()),
    ("served", ()),
    ("no_show_share", ()),
    ("cancelled", ()),
    ("wait", (("avg_wait", "average"), ("max_wait", "longest"))),
    ("service_time", (("avg_service", "average"), ("max_service", "longest"))),
    ("service_level", ()),
    ("ratings", tuple((grade, grade) for grade in GRADES)),
    ("transfers", ()),
    ("unserved", ()),
)
COLUMNS = tuple(key for head, group in HEADS for key in ([k for k, _ in group] or [head]))
EXPORT_HEADER = (
    "section",
    "key",
    "name",
    "arrived",
    "served",
    "no_show_share_pct",
    "cancelled",
    "average_wait_min",
    "longest_wait_min",
    "average_service_min",
    "longest_service_min",
    "service_level_pct",
    "excellent",
    "good",
    "satisfactory",
    "excellent_pct",
    "good_pct",
    "satisfactory_pct",
    "transfers",
    "unserved",
)


def _minutes(seconds: float | None) -> float | None:
    return round(seconds / 60, 1) if seconds is not None else None


def _pct(share: float | None) -> float | None:
    return round(share * 100, 1) if share is not None else None


def result_ids(hall: HallService, report: Report) -> list[str]:
    """The results a report shows: the hall's, in its order, then any the log holds that the
    catalogue no longer lists (a result retired since)."""
    ids = [r.id for r in hall.catalogue.results]
    return ids + sorted(set(report.overall.results) - set(ids))


def result_header(ids: list[str]) -> list[str]:
    return [f"result_{r}" for r in ids] + ["result_not_recorded"]


def result_values(figures: Figures, ids: list[str]) -> list[int]:
    """Served visits by recorded result, in the order of `ids`, then those with none."""
    return [figures.results.get(r, 0) for r in ids] + [figures.not_recorded]


def export_values(figures: Figures) -> list[int | float | None]:
    """The figures of one row as exported and shown: counts, minutes and percents, rounded."""
    return [
        figures.arrived,
        figures.served,
        _pct(figures.no_show_share),
        figures.cancelled,
        _minutes(figures.average_wait_s),
        _minutes(figures.longest_wait_s),
        _minutes(figures.average_service_s),
        _minutes(figures.longest_service_s),
        _pct(figures.service_level),
        *(figures.ratings.get(g, 0) for g in GRADES),
        *(_pct(figures.rating_share(g)) for g in GRADES),
        figures.transfers,
        figures.unserved,
    ]


@dataclass(frozen=True)
class Row:
    """One line of a report table: which section, which key, its name, its figures."""

    section: str
    key: str
    name: str
    figures: Figures


def report_rows(report: Report, names: Callable[[str, str], str]) -> list[Row]:
    rows = [Row("overall", "all", names("overall", "all"), report.overall)]
    sections: tuple[tuple[str, Mapping[Any, Figures]], ...] = (
        ("service", report.by_service),
        ("counter", report.by_counter),
        ("operator", report.by_operator),
        ("hour", report.by_hour),
    )
    for section, groups in sections:
        rows += [Row(section, str(k), names(section, str(k)), f) for k, f in groups.items()]
    return rows


def read_events(hall: HallService, start: date, end: date) -> Generator[LogEvent, None, None]:
    """The log's events around the period (a visit never outlives its day), as they are read."""
    low = (start - timedelta(days=1)).isoformat()
    high = (end + timedelta(days=2)).isoformat()
    with contextlib.closing(hall.store.events_between(low, high)) as rows:
        for row in rows:
            yield LogEvent.from_row(row.seq, row.at, row.type, row.data)


DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # the form's own date, and nothing else


def period_of(request: Request, today: date) -> tuple[date, date]:
    given = (request.query_params.get("from") or "", request.query_params.get("to") or "")
    if not all(DAY.fullmatch(d) for d in given if d):  # not 20261124 nor 2026-W48-1
        raise InvalidInput("from and to must be dates like 2026-11-24", code="bad_date")
    try:
        start = date.fromisoformat(given[0] or today.isoformat())
        end = date.fromisoformat(given[1] or start.isoformat())
    except ValueError:
        raise InvalidInput("from and to must be dates like 2026-11-24", code="bad_date") from None
    # the log is read from the day before to two days after: at the calendar's ends there is none
    if not all(FIRST_YEAR <= d.year <= LAST_YEAR for d in (start, end)):
        raise InvalidInput("from and to must be dates like 2026-11-24", code="bad_date")
    if end < start:
        start, end = end, start
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(f"a report covers at most {MAX_DAYS} days", code="too_long")
    return start, end


async def compute(request: Request) -> tuple[HallService, Report]:
    hall = hall_of(request)
    start, end = period_of(request, hall.hall.state.day)
    return hall, await asyncio.to_thread(period_report, hall, start, end, hall.now())


def period_report(hall: HallService, start: date, end: date, now: datetime) -> Report:
    """The report of `start`..`end` from the log (blocking: run it in a thread)."""
    targets = {str(s.id): s.target_wait_min * 60.0 for s in hall.catalogue.services}
    with contextlib.closing(read_events(hall, start, end)) as events:  # even on a failure
        return build_report(events, start, end, hall.tz, targets, now=now)


def namer(hall: HallService, lang: Lang) -> Callable[[str, str], str]:
    with hall.store.engine.connect() as conn:
        people = {
            str(r.login): str(r.name)
            for r in conn.execute(select(schema.operators.c.login, schema.operators.c.name))
        }

    def name(section: str, key: str) -> str:
        if section == "overall":
            return WORDS["overall"][lang]
        if section == "service":
            service = hall.catalogue.service(key)
            return service.name.get(lang) if service else key
        if section == "counter":
            counter = hall.hall.counters.get(key)  # type: ignore[call-overload]
            number = counter.number if counter else key
            return WORDS["counter_n"][lang].replace("{n}", str(number))
        if section == "operator":
            return people.get(key, key)
        return f"{int(key):02d}:00"

    return name


# ------------------------------------------------------------------ the page


def _cell(column: str, figures: Figures, lang: Lang) -> str:
    minutes = WORDS["min"][lang]
    values = dict(zip(EXPORT_HEADER[3:], export_values(figures), strict=True))
    if column == "arrived":
        return "—" if figures.arrived is None else str(figures.arrived)
    if column in ("served", "cancelled", "transfers", "unserved"):
        return str(values[column])
    if column == "no_show_share":
        return _fmt_pct(values["no_show_share_pct"], lang)
    if column == "service_level":
        return _fmt_pct(values["service_level_pct"], lang)
    if column in GRADES:
        count, share = values[column], values[f"{column}_pct"]
        return f"{count} <small>({_fmt_pct(share, lang)})</small>" if count else "0"
    key = {
        "avg_wait": "average_wait_min",
        "max_wait": "longest_wait_min",
        "avg_service": "average_service_min",
        "max_service": "longest_service_min",
    }[column]
    value = values[key]
    return "—" if value is None else f"{_number(value, lang)} {minutes}"


def _number(value: float, lang: Lang) -> str:
    """7.5 in English, 7,5 in Kazakh and Russian (their decimal comma)."""
    return charts.decimal_text(value, lang != "en")


def _fmt_pct(value: int | float | None, lang: Lang) -> str:
    return "—" if value is None else f"{_number(value, lang)}%"


def _table(title: str, rows: list[Row], lang: Lang, section: str) -> str:
    if not rows:
        return ""
    top = "".join(
        f'<th class="group" colspan="{len(group)}">{word(WORDS, head, lang)}</th>'
        if group
        else f'<th class="num" rowspan="2">{word(WORDS, head, lang)}</th>'
        for head, group in HEADS
    )
    under = "".join(
        f'<th class="num">{word(WORDS, label, lang)}</th>'
        for _, group in HEADS
        for _, label in group
    )
    body = "".join(
        f'<tr data-key="{escape(r.key)}"><th scope="row">{escape(r.name)}</th>'
        + "".join(
            f'<td class="num" data-col="{c}">{_cell(c, r.figures, lang)}</td>' for c in COLUMNS
        )
        + "</tr>"
        for r in rows
    )
    return (
        f'<section class="table" id="{section}"><h2>{escape(title)}</h2>'
        f'<div class="scroll"><table><thead><tr><th rowspan="2"></th>{top}</tr><tr>{under}</tr>'
        "</thead>"
        f"<tbody>{body}</tbody></table></div></section>"
    )


def _results_table(hall: HallService, report: Report, rows: list[Row], lang: Lang) -> str:
    """Served visits by how they ended: the hall, each service, each operator."""
    ids = result_ids(hall, report)
    if not ids:
        return ""
    names = {r.id: r.name.get(lang) for r in hall.catalogue.results}
    heads = "".join(f'<th class="num">{escape(names.get(r, r))}</th>' for r in ids)
    heads += f'<th class="num">{word(WORDS, "not_recorded", lang)}</th>'
    served = [
        r for r in rows if r.section in ("overall", "service", "operator") and r.figures.served
    ]
    if not served:  # nobody served in the period: no table of headings alone
        return ""

    def cell(count: int, of: int) -> str:
        share = _fmt_pct(round(100 * count / of, 1), lang)
        return f"{count} <small>({share})</small>" if count else "0"

    body = "".join(
        f'<tr data-key="{escape(r.section)}:{escape(r.key)}"><th scope="row">{escape(r.name)}</th>'
        + "".join(
            f'<td class="num" data-col="{escape(c)}">{cell(v, r.figures.served)}</td>'
            for c, v in zip(result_header(ids), result_values(r.figures, ids), strict=True)
        )
        + "</tr>"
        for r in served
    )
    title = word(WORDS, "results", lang)
    return (
        f'<section class="table" id="results"><h2>{title}</h2>'
        f'<div class="scroll"><table><thead><tr><th></th>{heads}</tr></thead>'
        f"<tbody>{body}</tbody></table></div></section>"
    )


def _charts(report: Report, rows: list[Row], lang: Lang) -> str:
    hours = sorted(set(report.by_hour) | set(report.open_counters_by_hour))
    labels = [f"{h:02d}" for h in hours]
    minutes = WORDS["min"][lang]
    wait_series = [
        charts.Series(
            WORDS["avg_wait"][lang],
            [_minutes(f.average_wait_s) if (f := report.by_hour.get(h)) else None for h in hours],
            "#0b5cad",
        ),
        charts.Series(
            WORDS["max_wait"][lang],
            [_minutes(f.longest_wait_s) if (f := report.by_hour.get(h)) else None for h in hours],
            "#e07b00",
        ),
    ]
    arrived = charts.Series(
        WORDS["arrived"][lang],
        [float(f.arrived or 0) if (f := report.by_hour.get(h)) else 0.0 for h in hours],
        "#4f8fd1",
    )
    open_counters = charts.Series(
        WORDS["open_counters"][lang],
        [round(report.open_counters_by_hour.get(h, 0.0), 2) for h in hours],
        "#137a3a",
    )
    operators = [r for r in rows if r.section == "operator" and r.figures.rated]
    rated = [(r.name, [float(r.figures.ratings.get(g, 0)) for g in GRADES]) for r in operators]
    grades = [
        (WORDS[g][lang], c) for g, c in zip(GRADES, ("#137a3a", "#4f8fd1", "#c9a227"), strict=True)
    ]
    titles = (
        WORDS["chart_waits"][lang],
        WORDS["chart_arrivals"][lang],
        WORDS["chart_ratings"][lang],
    )

    comma = lang != "en"  # Kazakh and Russian write 0,7

    def drawn(width: int) -> tuple[str, str, str]:
        return (
            charts.bars(titles[0], labels, wait_series, minutes, width=width, comma=comma),
            charts.bars_and_line(
                titles[1],
                labels,
                arrived,
                open_counters,
                WORDS["visitors"][lang],
                WORDS["counters"][lang],
                width=width,
                comma=comma,
            ),
            charts.stacked_rows(titles[2], rated, grades, width=width, comma=comma),
        )

    # each drawn twice: for a page's width and a phone's (reports.css shows the one that fits)
    figures_ = list(zip(titles, drawn(charts.WIDTH), drawn(charts.NARROW), strict=True))
    return "".join(
        f'<figure class="chart"><figcaption>{escape(t)}</figcaption>{wide}{narrow}</figure>'
        for t, wide, narrow in figures_
        if wide
    )


def _summary(figures: Figures, lang: Lang) -> str:
    tiles = [
        ("arrived", _cell("arrived", figures, lang)),
        ("served", _cell("served", figures, lang)),
        ("avg_wait", _cell("avg_wait", figures, lang)),
        ("max_wait", _cell("max_wait", figures, lang)),
        ("service_level", _cell("service_level", figures, lang)),
        ("no_show_share", _cell("no_show_share", figures, lang)),
        ("avg_service", _cell("avg_service", figures, lang)),
        ("cancelled", _cell("cancelled", figures, lang)),
        ("transfers", _cell("transfers", figures, lang)),
        ("unserved", _cell("unserved", figures, lang)),
    ]
    return (
        '<section class="tiles">'
        + "".join(
            f'<div class="tile" data-figure="{k}">'
            f"<span>{word(WORDS, k, lang)}</span><b>{v}</b></div>"
            for k, v in tiles
        )
        + "</section>"
    )


def _explained(lang: Lang) -> str:
    items = [
        ("arrived", "def_arrived"),
        ("served", "def_served"),
        ("no_show_share", "def_no_show_share"),
        ("cancelled", "def_cancelled"),
        ("avg_wait", "def_wait"),
        ("avg_service", "def_service"),
        ("service_level", "def_service_level"),
        ("excellent", "def_ratings"),
        ("transfers", "def_transfers"),
        ("unserved", "def_unserved"),
        ("results", "def_results"),
        ("open_counters", "def_open_counters"),
    ]
    grades = " / ".join(word(WORDS, g, lang) for g in GRADES)
    terms = "".join(
        f"<dt>{grades if k == 'excellent' else word(WORDS, k, lang)}</dt>"
        f"<dd>{word(WORDS, d, lang)}</dd>"
        for k, d in items
    )
    return (
        f'<section class="how"><h2>{word(WORDS, "how", lang)}</h2>'
        f"<p>{word(WORDS, 'how_intro', lang)}</p><dl>{terms}</dl></section>"
    )


async def report_page(request: Request) -> Response:
    if await supervisor_of(request) is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/board/login?{urlencode({'next': target})}", status_code=303)
    lang = lang_of(request)
    try:
        hall, report = await compute(request)
    except InvalidInput as problem:  # typed into the address: say so here, in their language
        reason = word(WORDS, problem.code, lang) if problem.code in WORDS else escape(str(problem))
        alert = f'<p class="error" role="alert">{reason}</p>'
        return _page(request, lang, WORDS["title"][lang], "", alert=alert, status=422)
    rows = report_rows(report, namer(hall, lang))
    archived = await archived_notice(hall, report, lang)
    alert = f'<p class="error" role="alert">{archived}</p>' if archived else ""
    period = (
        report.start.strftime("%d.%m.%Y")
        if report.start == report.end
        else f"{report.start:%d.%m.%Y} – {report.end:%d.%m.%Y}"
    )
    sections = [
        ("by_service", "service"),
        ("by_counter", "counter"),
        ("by_operator", "operator"),
        ("by_hour", "hour"),
    ]
    if report.overall.arrived:
        content = (
            _summary(report.overall, lang)
            + f'<section class="charts">{_charts(report, rows, lang)}</section>'
            + "".join(
                _table(WORDS[t][lang], [r for r in rows if r.section == s], lang, s)
                for t, s in sections
            )
            + _results_table(hall, report, rows, lang)
        )
    else:
        content = f'<p class="card">{word(WORDS, "nothing", lang)}</p>'
    heading = f"{WORDS['title'][lang]} · {period}"
    return _page(request, lang, heading, content, report=report, alert=alert)


def _page(
    request: Request,
    lang: Lang,
    heading: str,
    content: str,
    *,
    report: Report | None = None,
    alert: str = "",
    status: int = 200,
) -> Response:
    """The report page around `content`: the period's form, with the exports when there is a
    report to export (a period that could not be read has none)."""
    hall = hall_of(request)
    if report is not None:
        start, end = report.start.isoformat(), report.end.isoformat()
    else:  # today, not what could not be read
        start = end = hall.hall.state.day.isoformat()
    query = urlencode({"from": start, "to": end})
    exports = (
        f'<a class="button" href="/reports.csv?{query}" download>CSV</a>'
        f'<a class="button" href="/reports.xlsx?{query}&amp;lang={lang}" download>XLSX</a>'
        f'<button type="button" onclick="window.print()">{word(WORDS, "print", lang)}</button>'
        if report is not None
        else ""
    )
    form = (
        '<form class="period noprint" method="get">'
        f'<label>{word(WORDS, "from", lang)}<input type="date" name="from" value="{start}"></label>'
        f'<label>{word(WORDS, "to", lang)}<input type="date" name="to" value="{end}"></label>'
        f'<input type="hidden" name="lang" value="{lang}">'
        f'<button class="primary">{word(WORDS, "show", lang)}</button>{exports}</form>'
    )
    body = (
        '<main class="report">'
        f"<header><h1>{escape(heading)}</h1>"
        f'<p class="muted">{escape(hall.catalogue.name.get(lang))}</p>'
        f'<nav class="noprint"><a href="/board">{word(WORDS, "board", lang)}</a></nav></header>'
        f"{alert}{form}{content}{_explained(lang)}"
        f"{_seal(hall, lang) if report is not None else ''}"
        f'<div class="noprint">{lang_links(lang, "&" + query)}</div></main>'
    )
    return html_page(
        heading,
        body,
        lang,
        status=status,
        styles=("site.css", "reports.css"),
        remember_lang=True,
    )


def _seal(hall: HallService, lang: Lang) -> str:
    """The log's newest event, for the printed report to witness (nothing before the first)."""
    head = hall.head()
    if head is None:
        return ""
    text = (
        word(WORDS, "seal", lang)
        .replace("{witness}", f"<b>{head}</b>")
        .replace("{command}", f"<code>kezek audit verify --witness {head}</code>")
        .replace("{time}", f"{hall.now():%d.%m.%Y %H:%M}")
    )
    return f'<p class="seal">{text}</p>'


async def archived_before(hall: HallService, report: Report) -> date | None:
    """The day before which the log is archived, when this report reaches back past it."""
    archived = (await asyncio.to_thread(anchor, hall.store)).before  # a read: off the loop
    return archived if archived is not None and report.start < archived else None


async def archived_notice(hall: HallService, report: Report, lang: Lang) -> str:
    """Says that the report leaves the archived days out ("" when it reaches none)."""
    return archived_text(await archived_before(hall, report), lang)


def archived_text(archived: date | None, lang: Lang) -> str:
    """The notice for a report that leaves out the days before `archived` ("" for none)."""
    if archived is None:
        return ""
    return word(WORDS, "archived", lang).replace("{day}", f"{archived:%d.%m.%Y}")


def export_headers(name: str, archived: date | None, hall: HallService) -> dict[str, str]:
    """A download's headers; a report leaving archived days out says so in its name too. The
    log's newest event goes along, as on the printed page (the XLSX keeps it on a sheet)."""
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if (head := hall.head()) is not None:
        headers["X-Kezek-Witness"] = str(head)
    if archived is not None:
        stem, _, ext = name.rpartition(".")
        headers["Content-Disposition"] = f'attachment; filename="{stem}-partial.{ext}"'
        headers["X-Kezek-Archived-Before"] = archived.isoformat()
    return headers


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: object) -> object:
    """A cell that a spreadsheet program must show, not run: a name that begins as a formula
    ("=HYPERLINK(…)", typed into a service's or an operator's name) gets a leading apostrophe,
    as OWASP advises for CSV, and so does one that begins so after spaces (some programs trim
    them before reading a formula). Numbers pass as they are."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


async def signed_in_supervisor(request: Request) -> None:
    """Downloads answer as the API does: 401 JSON without a board session."""
    if await supervisor_of(request) is None:
        raise Forbidden("sign in on /board/login first", code="unauthorized")


async def report_csv(request: Request) -> Response:
    await signed_in_supervisor(request)
    lang = lang_of(request, "en")
    hall, report = await compute(request)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    results = result_ids(hall, report)
    writer.writerow([*EXPORT_HEADER, *result_header(results)])
    for row in report_rows(report, namer(hall, lang)):
        writer.writerow(
            [
                row.section,
                as_text(row.key),
                as_text(row.name),
                *("" if v is None else v for v in export_values(row.figures)),
                *result_values(row.figures, results),
            ]
        )
    name = f"kezek-report-{report.start}-{report.end}.csv"
    return Response(
        "\ufeff" + out.getvalue(),  # a BOM: spreadsheet programs then read the Cyrillic right
        media_type="text/csv; charset=utf-8",
        headers=export_headers(name, await archived_before(hall, report), hall),
    )


async def report_xlsx(request: Request) -> Response:
    await signed_in_supervisor(request)
    lang = lang_of(request, "en")
    hall, report = await compute(request)
    from openpyxl import Workbook  # only when asked for: it is slow to import

    book = Workbook()
    sheet = book.active
    sheet.title = "Report"
    results = result_ids(hall, report)
    sheet.append([*EXPORT_HEADER, *result_header(results)])
    for row in report_rows(report, namer(hall, lang)):
        sheet.append(
            [
                row.section,
                row.key,
                row.name,
                *export_values(row.figures),
                *result_values(row.figures, results),
            ]
        )
    for cells in sheet.iter_rows():  # openpyxl takes a text beginning "=" for a formula
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "D2"
    sheet.column_dimensions["C"].width = 40
    hours = book.create_sheet("Open counters")
    hours.append(["hour", "counters_open_mean"])
    for hour, value in report.open_counters_by_hour.items():
        hours.append([hour, round(value, 2)])
    if (head := hall.head()) is not None:
        seal = book.create_sheet("Event log")
        seal.append(["witness", str(head)])
        seal.append(["made", hall.now().isoformat(timespec="seconds")])
        seal.append(["check", f"kezek audit verify --witness {head}"])
    archived = await archived_before(hall, report)
    if archived is not None:  # the first sheet, open when the file opens: read before the rest
        notice = book.create_sheet("Notice", 0)
        notice.append([archived_text(archived, lang)])
        notice.column_dimensions["A"].width = 90
        book.active = 0
    data = io.BytesIO()
    book.save(data)
    name = f"kezek-report-{report.start}-{report.end}.xlsx"
    return Response(
        data.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=export_headers(name, archived, hall),
    )


def routes() -> list[Route]:
    return [
        Route("/reports", report_page, methods=["GET"]),
        Route("/reports.csv", report_csv, methods=["GET"]),
        Route("/reports.xlsx", report_xlsx, methods=["GET"]),
    ]
