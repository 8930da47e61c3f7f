"""A scripted day through the API, then its report in Chromium, CSV and XLSX: the same figures."""

from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import date
from typing import cast

import httpx
import openpyxl
import pytest
from playwright.sync_api import Page, expect

from hallserver.archive import Anchor
from hallserver.service import HallService
from hallserver.store.anchor import ANCHOR_KEY
from hallserver.web.reports_page import as_text
from tests.conftest import add_operator, open_counter
from tests.web.conftest import PHONE, SHOTS, SUPERVISOR, Hall, shoot, sign_in

# The day, minute by minute from 10:00 (waits and service times in minutes):
#   A001 issued 10:00, called 10:05 (wait 5), served 10:05-10:15 (10), documents incomplete,
#        rated excellent
#   A002 issued 10:15, called 10:35 (wait 20, over the 15-minute target), served 5 (no result
#        recorded), rated good
#   A003 issued 10:40, called 10:42 (wait 2), no-show
#   P001 (passport) issued 10:42, cancelled 10:50
#   A004 issued 10:50, called 10:51 (wait 1), transferred to passport at 10:53
EXPECTED = {
    "arrived": 5,
    "served": 2,
    "no_show_share_pct": 25.0,  # 1 no-show of 4 called
    "cancelled": 1,
    "average_wait_min": 7.0,  # (5 + 20 + 2 + 1) / 4
    "longest_wait_min": 20.0,
    "average_service_min": 7.5,  # (10 + 5) / 2
    "longest_service_min": 10.0,
    "service_level_pct": 50.0,  # A001 within the target, A002 not
    "excellent": 1,
    "good": 1,
    "satisfactory": 0,
    "excellent_pct": 50.0,
    "good_pct": 50.0,
    "transfers": 1,
    "unserved": 0,
    "result_done": 0,
    "result_documents_missing": 1,
    "result_not_recorded": 1,
}


def script_the_day(hall: Hall) -> None:
    op = {"Authorization": f"Bearer {open_counter(hall.live, 'c1')}"}
    kiosk, clock = hall.bearer("kiosk"), hall.clock

    def issue(service: str = "id-card") -> str:
        reply = httpx.post(f"{hall.api}/tickets", json={"service_id": service}, headers=kiosk)
        assert reply.status_code == 201, reply.text
        return str(reply.json()["id"])

    def act(ticket: str, action: str, body: dict[str, str] | None = None) -> None:
        headers = kiosk if action == "rating" else op
        reply = httpx.post(f"{hall.api}/tickets/{ticket}/{action}", json=body, headers=headers)
        assert reply.status_code == 200, reply.text

    def call() -> None:
        assert httpx.post(f"{hall.api}/counters/c1/call", headers=op).status_code == 200

    a1 = issue()
    clock.advance(minutes=5)
    call()
    act(a1, "start")
    clock.advance(minutes=10)
    act(a1, "finish", {"result": "documents_missing"})
    act(a1, "rating", {"grade": "excellent"})
    a2 = issue()  # 10:15
    clock.advance(minutes=20)
    call()
    act(a2, "start")
    clock.advance(minutes=5)
    act(a2, "finish")
    act(a2, "rating", {"grade": "good"})
    a3 = issue()  # 10:40
    clock.advance(minutes=2)
    call()
    act(a3, "no-show")
    p1 = issue("passport")  # 10:42
    clock.advance(minutes=8)
    consultant = hall.bearer("consultant")
    assert httpx.post(f"{hall.api}/tickets/{p1}/cancel", headers=consultant).status_code == 200
    a4 = issue()  # 10:50
    clock.advance(minutes=1)
    call()
    clock.advance(minutes=2)
    act(a4, "transfer", {"service_id": "passport"})


def as_number(text: str) -> float | None:
    return float(text) if text else None


def test_a_reports_figures_match_the_scripted_day_on_the_page_and_in_both_exports(
    page: Page, hall: Hall
) -> None:
    script_the_day(hall)
    sign_in(page, hall)
    page.goto(f"{hall.url}/reports?lang=en")
    tiles = {
        "arrived": "5",
        "served": "2",
        "avg_wait": "7 min",
        "max_wait": "20 min",
        "service_level": "50%",
        "no_show_share": "25%",
        "avg_service": "7.5 min",
        "cancelled": "1",
        "transfers": "1",
    }
    for figure, text in tiles.items():
        expect(page.locator(f".tile[data-figure={figure}] b")).to_have_text(text)
    passport = page.locator("#service tr[data-key=passport]")
    expect(passport.locator("[data-col=arrived]")).to_have_text("2")  # P001 and A004 (transfer)
    expect(passport.locator("[data-col=cancelled]")).to_have_text("1")
    expect(page.locator("#operator tr[data-key=op-c1] [data-col=excellent]")).to_contain_text(
        "1 (50%)"
    )
    # the hour's arrivals are the day's 5 new visitors, as overall: A004's transfer is no arrival
    expect(page.locator("#hour tr[data-key='10'] [data-col=arrived]")).to_have_text("5")
    results = page.locator("#results tr[data-key='overall:all']")
    expect(results.locator("[data-col=result_documents_missing]")).to_have_text("1 (50%)")
    expect(results.locator("[data-col=result_not_recorded]")).to_have_text("1 (50%)")
    expect(results.locator("[data-col=result_refused]")).to_have_text("0")
    expect(page.locator("#results thead")).to_contain_text("Documents incomplete")
    expect(page.locator("#results tr[data-key='service:id-card']")).to_be_visible()
    expect(page.locator("svg.chart.wide")).to_have_count(3)
    for label in page.locator("svg.chart text").all_text_contents():  # axes count whole
        assert not re.fullmatch(r"\d+\.\d+", label), f"a fraction on an axis: {label}"
    expect(page.locator("section.how")).to_contain_text("service level".capitalize())
    service = cast(HallService, hall.live.hall)
    witness = str(service.head())  # the log's newest event: the printed report witnesses it
    page.emulate_media(media="print")
    page.screenshot(path=str(SHOTS / "reports-print.png"), full_page=True)
    expect(page.locator("form.period")).to_be_hidden()
    expect(page.locator("p.seal")).to_be_visible()
    expect(page.locator("p.seal b")).to_have_text(witness)
    expect(page.locator("p.seal code")).to_have_text(f"kezek audit verify --witness {witness}")
    page.emulate_media(media="screen")

    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    with httpx.Client(base_url=hall.url, cookies=cookies) as client:
        exported = client.get("/reports.csv")
        text = exported.text.lstrip("\ufeff")
        book = openpyxl.load_workbook(io.BytesIO(client.get("/reports.xlsx").content))
    assert exported.headers["x-kezek-witness"] == witness
    assert book["Event log"]["B1"].value == witness
    rows = list(csv.DictReader(io.StringIO(text)))
    overall = next(r for r in rows if r["section"] == "overall")
    for column, value in EXPECTED.items():
        assert as_number(overall[column]) == value, column
    sheet = book["Report"].values
    header = next(sheet)
    from_xlsx = [dict(zip(header, values, strict=True)) for values in sheet]
    assert len(from_xlsx) == len(rows)
    for in_csv, in_xlsx in zip(rows, from_xlsx, strict=True):
        for column in header:
            if column in ("section", "key", "name"):
                assert in_csv[column] == str(in_xlsx[column])
            else:
                assert as_number(in_csv[column]) == in_xlsx[column], (in_csv["key"], column)
    page.goto(f"{hall.url}/reports?lang=ru")  # the page writes decimals as Russian does
    expect(page.locator(".tile[data-figure=avg_service] b")).to_have_text("7,5 мин")


def test_reports_and_exports_need_a_signed_in_supervisor(page: Page, hall: Hall) -> None:
    for download in ("/reports.csv", "/reports.xlsx"):
        refused = httpx.get(f"{hall.url}{download}")
        assert refused.status_code == 401
        assert refused.json()["error"] == "unauthorized", download  # as the API answers
    page.goto(f"{hall.url}/reports?from=2026-11-23&to=2026-11-23")
    expect(page).to_have_url(
        f"{hall.url}/board/login?next=%2Freports%3Ffrom%3D2026-11-23%26to%3D2026-11-23"
    )
    add_operator(hall.live, *SUPERVISOR, supervisor=True)
    page.fill("input[name=login]", SUPERVISOR[0])
    page.fill("input[name=pin]", SUPERVISOR[1])
    page.click("form:has(input[name=pin]) button[type=submit]")
    expect(page).to_have_url(f"{hall.url}/reports?from=2026-11-23&to=2026-11-23")
    expect(page.locator(".report")).to_contain_text(
        "Бұл кезеңде келушілер болған жоқ"
    )  # Kazakh by default


def test_a_period_typed_wrong_into_the_address_is_explained_on_the_page(
    page: Page, hall: Hall
) -> None:
    sign_in(page, hall)
    today = hall.clock.now.date().isoformat()  # in the hall's time zone
    reply = page.goto(f"{hall.url}/reports?from=2026-13-01&lang=ru")
    assert reply is not None and reply.status == 422
    expect(page.locator("[role=alert]")).to_have_text(
        "Даты должны быть вида 2026-11-24: выберите период ниже"
    )
    expect(page.locator("input[name=from]")).to_have_value(today)  # a period that can be shown
    expect(page.locator("a[download]")).to_have_count(0)  # nothing to export
    shoot(page, "reports-bad-date")
    for edge in ("0001-01-01", "9999-12-31", "20261124", "2026-W48-1"):  # the log is read a
        # day either side; and a date the form never writes is no date here
        reply = page.goto(f"{hall.url}/reports?from={edge}&lang=en")
        assert reply is not None and reply.status == 422
    reply = page.goto(f"{hall.url}/reports?from=2024-01-01&to=2026-01-01&lang=kk")
    assert reply is not None and reply.status == 422
    expect(page.locator("[role=alert]")).to_contain_text("ең көбі 366 күнді")
    page.click("form.period button.primary")  # today's period, from the fields as they stand
    expect(page.locator(".report")).to_contain_text("Бұл кезеңде келушілер болған жоқ")
    expect(page.locator("[role=alert]")).to_have_count(0)


def test_every_column_fits_a_1366_pixel_screen_in_all_three_languages(
    page: Page, hall: Hall
) -> None:
    script_the_day(hall)
    sign_in(page, hall)
    assert page.viewport_size == {"width": 1366, "height": 900}
    for lang in ("kk", "ru", "en"):
        page.goto(f"{hall.url}/reports?lang={lang}")
        expect(page.locator("section.table")).to_have_count(5)  # with the results
        widths = page.eval_on_selector_all(
            ".scroll", "boxes => boxes.map(b => [b.scrollWidth, b.clientWidth])"
        )
        assert all(inside <= shown for inside, shown in widths), (lang, widths)
        shoot(page, f"reports-{lang}")


CHART_FIT = """figure => {
  const svg = [...figure.querySelectorAll("svg.chart")].find(s => s.getBoundingClientRect().width);
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll("text")].map(t => t.getBoundingClientRect());
  return {
    sideways: figure.scrollWidth > figure.clientWidth,
    px: 13 * box.width / svg.viewBox.baseVal.width,
    outside: texts.filter(t => t.left < box.left - 1 || t.right > box.right + 1).length,
    kind: svg.getAttribute("class"),
  };
}"""


def test_on_a_phone_the_charts_fit_its_width_with_readable_labels_in_all_three_languages(
    page: Page, hall: Hall
) -> None:
    script_the_day(hall)
    sign_in(page, hall)
    page.set_viewport_size(PHONE)
    for lang in ("kk", "ru", "en"):
        page.goto(f"{hall.url}/reports?lang={lang}")
        figures = page.locator("figure.chart")
        expect(figures).to_have_count(3)
        for figure in figures.all():
            fit = figure.evaluate(CHART_FIT)
            assert fit["kind"] == "chart narrow", (lang, fit)
            assert not fit["sideways"], (lang, fit)  # it scrolled sideways before
            assert fit["px"] >= 12, (lang, fit)  # the page's drawing showed 8 px here
            assert fit["outside"] == 0, (lang, fit)  # a legend wraps rather than runs off
        shoot(page, f"reports-charts-{lang}")


def test_charts_keep_long_names_and_a_long_day_inside_and_apart(page: Page) -> None:
    from hallserver.web import charts

    hours = [f"{h:02d}" for h in range(24)]  # a hall open round the clock
    waits = [charts.Series("Орташа күту", [float(h % 7) for h in range(24)], "#0b5cad")]
    names = [
        "Гүлжанат Жұмабекқызы Мұхамбетқалиева",
        "ЖҰМАБЕКОВ МҰХАМЕДЖАН СЕЙІТҚАЛИҰЛЫ",
        "Шыңғысхан Жұмашұлы Мұхаммедшәріп",
        "Мұхаммедшәріп Шамшиддинов Жұмабекұлы",
        "Nurlan Abdrakhmanov-Tokayev",
        "Op-C1",
    ]
    grades = [("Өте жақсы", "#137a3a"), ("Жақсы", "#4f8fd1"), ("Қанағаттанарлық", "#c9a227")]
    for width, viewport in ((charts.NARROW, PHONE), (charts.WIDTH, {"width": 600, "height": 900})):
        drawn = "".join(
            f'<figure class="chart">{svg}</figure>'
            for svg in (
                charts.bars("Waits", hours, waits, "мин", width=width),
                charts.stacked_rows(
                    "Ratings", [(n, [3.0, 1.0, 1.0]) for n in names], grades, width=width
                ),
            )
        )
        page.set_viewport_size(viewport)  # type: ignore[arg-type]
        page.set_content(
            "<style>body{margin:.5rem}figure{margin:0}svg.chart{width:100%;height:auto;"
            f"display:block}}</style>{drawn}"
        )
        for figure in page.locator("figure.chart").all():
            fit = figure.evaluate(CHART_FIT)
            assert fit["outside"] == 0 and not fit["sideways"] and fit["px"] >= 12, (width, fit)
        starts = page.eval_on_selector_all(
            "svg text", "ts => ts.map(t => t.getBBox().x).filter(x => x < 0)"
        )
        assert starts == [], f"{width}: names start left of the chart at {starts}"
        labels = page.eval_on_selector_all(
            "svg text[text-anchor=middle]",
            "ts => ts.map(t => t.getBoundingClientRect()).map(r => [r.left, r.right])",
        )
        for (_, right), (left, _) in itertools.pairwise(labels):
            assert right < left, (width, labels)  # hours apart, thinned where they would touch
        shown = page.locator("svg text").all_text_contents()
        assert "Op-C1" in shown and any(t.startswith("Гүлжанат Жұмабек") for t in shown)
        if width == charts.NARROW:
            assert len(labels) < 24
            assert "Nurlan Abdrakhmanov-Tokayev" in shown  # whole, above its bar


def test_on_a4_paper_every_table_fits_the_page_in_all_three_languages(
    page: Page, hall: Hall
) -> None:
    script_the_day(hall)
    sign_in(page, hall)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1032, "height": 1400})  # A4 landscape less 12 mm margins
    for lang in ("kk", "ru", "en"):
        page.goto(f"{hall.url}/reports?lang={lang}")
        expect(page.locator("section.table")).to_have_count(5)
        widths = page.eval_on_selector_all(
            "section.table table", "ts => ts.map(t => Math.ceil(t.getBoundingClientRect().width))"
        )
        assert max(widths) <= 1032, f"{lang}: tables {widths} px wide, the page 1032"
        page.screenshot(path=str(SHOTS / f"reports-a4-{lang}.png"), full_page=True)
    page.emulate_media(media="screen")


def test_a_report_reaching_into_archived_days_says_they_are_left_out(
    page: Page, hall: Hall
) -> None:
    script_the_day(hall)
    service = cast(HallService, hall.live.hall)
    archived = Anchor(before=date(2026, 11, 1))  # as `kezek audit archive` leaves it
    service.store.put_config(ANCHOR_KEY, archived.to_json())
    sign_in(page, hall)
    page.goto(f"{hall.url}/reports?from=2026-10-25&to=2026-11-23&lang=ru")
    expect(page.locator("[role=alert]")).to_have_text(
        "События до 01.11.2026 перенесены в архив: в этот отчёт они не входят"
    )
    expect(page.locator(".tile[data-figure=arrived] b")).to_have_text("5")  # the rest is there
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    with httpx.Client(base_url=hall.url, cookies=cookies) as client:
        asked = "from=2026-10-25&to=2026-11-23&lang=ru"
        in_csv = client.get(f"/reports.csv?{asked}")
        in_xlsx = client.get(f"/reports.xlsx?{asked}")
        whole = client.get("/reports.csv?from=2026-11-01&to=2026-11-23")
    assert in_csv.headers["x-kezek-archived-before"] == "2026-11-01"
    assert "kezek-report-2026-10-25-2026-11-23-partial.csv" in in_csv.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(in_xlsx.content))
    assert book.sheetnames[0] == "Notice" and book.active is not None
    assert book.active.title == "Notice"  # the sheet the file opens on
    assert str(book["Notice"]["A1"].value).startswith("События до 01.11.2026 перенесены в архив")
    assert "-partial" in in_xlsx.headers["content-disposition"]
    assert "x-kezek-archived-before" not in whole.headers
    assert "partial" not in whole.headers["content-disposition"]
    page.goto(f"{hall.url}/reports?from=2026-11-01&to=2026-11-23&lang=ru")
    expect(page.locator("[role=alert]")).to_have_count(0)


def test_a_name_written_as_a_formula_stays_text_in_both_downloads(page: Page, hall: Hall) -> None:
    """Service and operator names are typed by people; a spreadsheet must show them, not run
    them (a "=HYPERLINK(…)" name would otherwise be a live link in the manager's report)."""
    formula = '=HYPERLINK("http://example.com/x","click")'
    name = {"kk": formula, "ru": "@SUM(1,2)", "en": "-2+3"}
    renamed = httpx.patch(
        f"{hall.api}/services/id-card", json={"name": name}, headers=hall.bearer("supervisor")
    )
    assert renamed.status_code == 200, renamed.text
    script_the_day(hall)
    sign_in(page, hall)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    with httpx.Client(base_url=hall.url, cookies=cookies) as client:
        rows, csv_en = (
            list(csv.DictReader(io.StringIO(client.get(f"/reports.csv?lang={lang}").text[1:])))
            for lang in ("kk", "en")
        )
        book = openpyxl.load_workbook(io.BytesIO(client.get("/reports.xlsx?lang=kk").content))
    service = next(r for r in rows if r["section"] == "service" and r["key"] == "id-card")
    assert service["name"] == "'" + formula
    assert next(r["name"] for r in csv_en if r["key"] == "id-card") == "'-2+3"
    cells = [c for row in book["Report"].iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)
    overall = next(r for r in rows if r["section"] == "overall")
    assert as_number(overall["served"]) == EXPECTED["served"]  # figures stay numbers


@pytest.mark.parametrize("name", ["=1+1", "  =1+1", " @SUM(1,2)", "\t=1", "-2+3"])
def test_a_formula_after_spaces_is_text_too(name: str) -> None:
    """Some spreadsheet programs trim a cell's leading spaces before they look for a formula."""
    assert as_text(name) == "'" + name


@pytest.mark.parametrize("value", ["Aigul", "ID card = passport", " Aigul", 3, 0.5])
def test_a_name_or_figure_that_is_no_formula_passes_as_it_is(value: object) -> None:
    assert as_text(value) == value


def test_a_day_with_nobody_served_shows_no_empty_results_table(page: Page, hall: Hall) -> None:
    issued = httpx.post(
        f"{hall.api}/tickets", json={"service_id": "id-card"}, headers=hall.bearer("kiosk")
    )
    assert issued.status_code == 201  # someone came; nobody is served yet
    sign_in(page, hall)
    page.goto(f"{hall.url}/reports")
    expect(page.locator("table").first).to_be_visible()  # the day's other tables are there
    expect(page.locator("#results")).to_have_count(0)


def test_a_charts_figures_are_written_as_the_reports_language_writes_them() -> None:
    """The tooltips had said "Орташа күту: 0.7" beside a table saying "0,7 мин"."""
    from hallserver.web import charts

    waits = [charts.Series("Орташа күту", [0.7, 2.5], "#0b5cad")]
    kazakh = charts.bars("Күту", ["09", "10"], waits, "мин", comma=True)
    assert "Орташа күту: 0,7\u00a0мин</title>" in kazakh and "0.7" not in kazakh
    english = charts.bars("Waits", ["09", "10"], waits, "min")
    assert "Орташа күту: 0.7\u00a0min</title>" in english
    line = charts.Series("Counters open", [1.5, 2.0], "#137a3a")
    both = charts.bars_and_line("A", ["09", "10"], waits[0], line, "v", "c", comma=True)
    assert "Counters open: 1,5</title>" in both
