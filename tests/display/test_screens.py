"""Screenshots of every layout from a real hall's state; the numbers' height measured on them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from pytestqt.qtbot import QtBot

from display.board import Board, Zone, text_in
from display.views import paint
from display.views.bars import TickerBar
from display.views.lines import LinesPanel
from display.views.window import DisplayWindow
from hallserver.client import HallClient
from hallserver.protocol import QueueEntry, ServiceView, Snapshot
from tests.conftest import open_counter

# A 55" 16:9 screen is 68.5 cm high; 1080 pixels across that height (or width, turned).
CM_PER_PIXEL = 55 * 2.54 * 9 / math.hypot(16, 9) / 1080
# Legibility: about 1 cm of letter height per 3 m of distance (the stricter end of 3–4 m).
NEEDED_CM_AT_10_M = 10 / 3
NEEDED_CM_AT_6_M = 6 / 3  # the waiting list: names, figures and estimates
NEEDED_CM_AT_5_M = 5 / 3  # ... beside three columns of calls, whose numbers come first

LAYOUTS = [  # name, orientation, columns, language, zone
    ("landscape-1col-kk", "landscape", 1, "kk", Zone()),
    ("landscape-1col-ru", "landscape", 1, "ru", Zone()),
    ("landscape-1col-en", "landscape", 1, "en", Zone()),
    ("landscape-2col-kk", "landscape", 2, "kk", Zone()),
    ("landscape-3col-ru", "landscape", 3, "ru", Zone()),
    ("landscape-3col-kk", "landscape", 3, "kk", Zone()),
    ("portrait-1col-kk", "portrait", 1, "kk", Zone()),
    ("portrait-2col-ru", "portrait", 2, "ru", Zone()),
    ("portrait-3col-kk", "portrait", 3, "kk", Zone()),
    ("zone-counters-4-5-kk", "landscape", 1, "kk", Zone(counters=frozenset({4, 5}))),
    ("zone-id-portrait-ru", "portrait", 1, "ru", Zone(services=frozenset({"id-card", "passport"}))),
]  # fmt: skip


SATURDAY = {
    "kk": "Құрметті келушілер! Сенбі күні орталық 09:00-ден 13:00-ге дейін жұмыс істейді.",
    "ru": "Уважаемые посетители! В субботу центр работает с 09:00 до 13:00.",
    "en": "Dear visitors, on Saturday the centre is open from 09:00 to 13:00.",
}


@pytest.fixture(scope="module")
def hall_state(tmp_path_factory: pytest.TempPathFactory) -> tuple[Snapshot, list[ServiceView]]:
    """A busy morning: seven counters called, people waiting, an announcement."""
    from tests.conftest import start_live_server

    folder = tmp_path_factory.mktemp("screens")
    live, server, thread = start_live_server(f"sqlite:///{folder / 'hall.sqlite3'}")
    try:
        kiosk = HallClient(live.url, live.tokens["kiosk"])
        services = kiosk.services()
        for service in [s.id for s in services[:9]] * 3:
            kiosk.issue_ticket(service)
        for counter in ("c1", "c2", "c3", "c4", "c5", "c6", "c7"):
            operator = HallClient(live.url, open_counter(live, counter, f"screen-{counter}"))
            operator.call_next(counter)
        HallClient(live.url, live.tokens["supervisor"]).announce(SATURDAY)
        return kiosk.snapshot(), services
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)


def digit_height(
    image: QImage, left: int, top: int, width: int, height: int, lightness: int = 200
) -> int:
    """Rows in the box holding light ink (the number's glyphs): their height on screen."""
    rows = [
        y
        for y in range(top, top + height)
        if any(image.pixelColor(x, y).lightness() > lightness for x in range(left, left + width, 2))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


@pytest.mark.parametrize(("name", "orientation", "columns", "lang", "zone"), LAYOUTS)
def test_screens_are_readable_from_ten_metres(
    qtbot: QtBot,
    hall_state: tuple[Snapshot, list[ServiceView]],
    screenshots: Path,
    name: str,
    orientation: str,
    columns: int,
    lang: str,
    zone: Zone,
) -> None:
    snapshot, services = hall_state
    window = DisplayWindow(
        Board(zone=zone),
        None,
        orientation=orientation,
        columns=columns,
        languages=(lang,),
        switch_s=0,
    )
    qtbot.addWidget(window)
    window.resize(*((1920, 1080) if orientation == "landscape" else (1080, 1920)))
    window.on_services_received(services)
    window.on_snapshot_received(snapshot)
    window.on_online_changed(True)
    window.show()
    qtbot.waitExposed(window)
    window.grab().save(str(screenshots / f"{name}.png"))
    assert window.ticker.text == SATURDAY[lang], "the announcement line in the screen's language"
    rows = window.calls_panel.big_rows
    shot = window.calls_panel.grab().toImage()
    for column in range(1, columns):  # no headings over a column with no call yet
        if len(window.calls_panel.calls) > column * rows:
            continue
        cell = window.calls_panel.big_cell(column * rows).cell
        inked = [
            (x, y)
            for x in range(int(cell.left()), int(cell.right()), 3)
            for y in range(0, int(cell.top()), 3)
            if shot.pixelColor(x, y).lightness() > 150
        ]
        assert not inked, f"{name}: headings over the empty column {column + 1}"
    panel = window.lines_panel
    geometry = panel.row_layout()
    for index, (service, _) in enumerate(panel.rows):  # every name whole, in the one font
        words = text_in(service.name, lang)
        font, lines = panel.name_lines(index)
        assert not paint.elided(lines, words), f"{words!r} is cut on {name}"
        assert font == geometry.name_font
        widest = max(QFontMetricsF(font).horizontalAdvance(line) for line in lines)
        box = panel.row_boxes(index)[0]
        assert widest <= box.width() + 1, f"{words!r} runs out of its box on {name}"
    # the waiting list read from 6 m (it had been 3–4 m): the names' capitals, and the
    # estimates' as drawn; 5 m for the long Kazakh names in the slim panel beside three columns
    needed = NEEDED_CM_AT_5_M if (orientation, columns) == ("landscape", 3) else NEEDED_CM_AT_6_M
    cap = QFontMetricsF(geometry.name_font).capHeight()
    assert cap * CM_PER_PIXEL >= needed, f"{name}: names' capitals {cap:.0f} px"
    lines_shot = panel.grab().toImage()
    text_font = QFontMetricsF(panel.text_font())
    for index in panel.page_rows():
        entry = panel.rows[index][1]
        _, _, box = panel.row_boxes(index)
        assert box.bottom() <= panel.height(), f"{name}: row {index + 1} is cut at the bottom"
        estimate = panel.estimate_of(entry)
        assert text_font.horizontalAdvance(estimate) <= box.width(), f"{estimate!r} wraps"
        ink = digit_height(
            lines_shot, int(box.left()), int(box.top()), int(box.width()), int(box.height()), 150
        )
        assert ink * CM_PER_PIXEL >= NEEDED_CM_AT_6_M, f"{name}: {estimate!r} is {ink} px"
        assert ink < 1.6 * text_font.capHeight(), f"{name}: {estimate!r} on two lines"

    calls = window.calls_panel
    assert calls.calls, "the snapshot's called tickets are on the wall"
    if zone.counters:
        assert {c.counter_number for c in calls.calls} <= zone.counters
    image = calls.grab().toImage()
    second = calls.big_cell(1)  # white digits on the panel colour
    box = second.number.toRect()
    measured = digit_height(image, box.left(), box.top(), box.width(), box.height())
    assert measured * CM_PER_PIXEL >= NEEDED_CM_AT_10_M, f"{measured} px is too small"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize(
    ("orientation", "columns"),
    [(o, c) for o in ("landscape", "portrait") for c in (1, 2, 3)],
)
def test_a_rows_figures_are_nearer_its_name_than_the_next_rows(
    qtbot: QtBot,
    hall_state: tuple[Snapshot, list[ServiceView]],
    orientation: str,
    columns: int,
    lang: str,
) -> None:
    """Each row as high as its own name and figures: the figures right at the name's last line
    or the one under it, never a blank line from it (as every row had been as high as the
    longest name); the columns named, in the screen's language."""
    from display.views.lines import PAD

    snapshot, services = hall_state
    window = DisplayWindow(
        Board(), None, orientation=orientation, columns=columns, languages=(lang,), switch_s=0
    )
    qtbot.addWidget(window)
    window.resize(*((1920, 1080) if orientation == "landscape" else (1080, 1920)))
    window.on_services_received(services)
    window.on_snapshot_received(snapshot)
    panel = window.lines_panel
    assert (panel.tr("People"), panel.tr("Wait")) == {
        "kk": ("Адам", "Күту уақыты"),
        "ru": ("Человек", "Ожидание"),
        "en": ("People", "Wait"),
    }[lang]
    shown = list(panel.page_rows())
    assert len(shown) >= 3, f"{len(shown)} rows on a page"
    for index in shown:
        name_box, count_box, estimate_box = panel.row_boxes(index)
        font, lines = panel.name_lines(index)
        metrics = QFontMetricsF(font)
        name_bottom = name_box.top() + len(lines) * metrics.height()
        figures_top = min(count_box.top(), estimate_box.top())
        figures_bottom = figures_top + metrics.height()
        own = max(0.0, figures_top - name_bottom)
        where = f"{orientation} {columns} {lang}, row {index + 1}"
        assert own <= 1, f"{where}: its figures {own:.0f} px below its name"
        if figures_top < name_bottom:  # on the name's last line: clear of it
            last = PAD + metrics.horizontalAdvance(lines[-1])
            assert last < count_box.left(), f"{where}: the name runs into its figures"
        if index + 1 in shown:
            below = panel.row_boxes(index + 1)[0].top() - figures_bottom
            assert own < below and below >= 0.4 * panel.text_px, (
                f"{where}: figures {own:.0f} px from their name, {below:.0f} px from the next"
            )
        assert figures_bottom <= panel.height()


def test_the_offline_banner_is_discreet_says_connecting_first_and_the_calls_stay(
    qtbot: QtBot, hall_state: tuple[Snapshot, list[ServiceView]], screenshots: Path
) -> None:
    snapshot, services = hall_state
    window = DisplayWindow(Board(), None, orientation="landscape", languages=("ru",), switch_s=0)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    assert window.header.offline  # before the hall server first answers: no empty hall shown
    assert window.header.offline_text() == "Подключение к серверу зала…"
    window.show()
    qtbot.waitExposed(window)
    window.grab().save(str(screenshots / "connecting-ru.png"))
    window.on_services_received(services)
    window.on_snapshot_received(snapshot)
    window.on_online_changed(True)
    assert not window.header.offline
    window.on_online_changed(False)
    window.grab().save(str(screenshots / "offline-banner-ru.png"))
    assert window.header.offline and window.calls_panel.calls
    assert window.header.offline_text() == "Нет связи с сервером: показаны последние данные"


def test_the_halls_slides_take_turns_with_the_lines_and_never_cover_a_call(
    qtbot: QtBot,
    hall_state: tuple[Snapshot, list[ServiceView]],
    screenshots: Path,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QPainter

    from display.slides import load_slides

    for name, colour, text in (
        ("1-hours.png", "#0b5cad", "Сенбі 09:00–13:00"),
        ("2-booking.png", "#137a3a", "Онлайн жазылу: /book"),
    ):
        picture = QImage(800, 1000, QImage.Format.Format_RGB32)
        picture.fill(QColor(colour))
        painter = QPainter(picture)
        painter.setPen(QColor("white"))
        painter.setFont(QFont("DejaVu Sans", 56, QFont.Weight.Bold))
        painter.drawText(
            picture.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text
        )
        painter.end()
        picture.save(str(tmp_path / name))
    (tmp_path / "readme.txt").write_text("not a slide", encoding="utf-8")
    (tmp_path / "._1-hours.png").write_bytes(b"a copier's shadow file")  # hidden: skipped
    photo = QImage(4000, 3000, QImage.Format.Format_RGB32)  # a camera's size: kept screen-sized
    photo.fill(QColor("#c9a227"))
    photo.save(str(tmp_path / "3-photo.jpg"))
    slides = load_slides(tmp_path)
    assert len(slides) == 3 and (slides[2].width(), slides[2].height()) == (1920, 1440)

    snapshot, services = hall_state
    window = DisplayWindow(
        Board(), None, orientation="landscape", languages=("kk",), switch_s=0, slides=slides
    )
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.on_services_received(services)
    window.on_snapshot_received(snapshot)
    window.on_online_changed(True)
    window.show()
    qtbot.waitExposed(window)
    panel = window.lines_panel
    assert panel.pages == panel.line_pages + 3 and panel.slide is None
    for _ in range(panel.line_pages):
        panel.next_page()
    assert panel.slide is slides[0]
    window.grab().save(str(screenshots / "slides-kk.png"))
    middle = panel.grab().toImage().pixelColor(panel.width() // 2, 8 + panel.height() // 10)
    assert middle.name() == "#0b5cad", "the slide fills the lines' panel"
    assert window.calls_panel.calls and window.calls_panel.isVisible()  # the calls stay
    panel.show_lines(panel.rows[:1], "kk")  # the lines shrink meanwhile: the slide stays
    assert panel.slide is slides[0] and panel.page == 1
    panel.next_page()
    assert panel.slide is slides[1]
    panel.next_page()
    panel.next_page()
    assert panel.page == 0 and panel.slide is None  # and the lines come back


def test_a_long_announcement_goes_on_where_it_was_when_its_language_comes_back(
    qtbot: QtBot,
) -> None:
    """The screen changes language every few seconds: each text scrolls on from where it was,
    so the end of a long one is read too."""
    ticker = TickerBar()
    qtbot.addWidget(ticker)
    ticker.resize(800, 60)
    ticker.set_text(SATURDAY["kk"] * 3)
    assert ticker.scrolls()
    for _ in range(50):
        ticker.step(3)
    assert ticker.offset == 150
    ticker.set_text(SATURDAY["ru"] * 3)  # Russian's turn: from its start
    assert ticker.offset == 0
    ticker.step(3)
    ticker.set_text(SATURDAY["kk"] * 3)
    assert ticker.offset == 150
    ticker.set_text("Жаңа хабарландыру")  # a new announcement starts at its beginning
    assert ticker.offset == 0


@pytest.mark.parametrize(
    ("orientation", "columns"),
    [(o, c) for o in ("landscape", "portrait") for c in (1, 2, 3)],
)
def test_a_two_digit_counter_leaves_the_arrow_room_and_earlier_calls_go_across(
    qtbot: QtBot, orientation: str, columns: int
) -> None:
    """Counter 12 beside its arrow as clear of it as counter 9 is, in every cell; the earlier
    calls fill their strip across before down (two of them had left most of it empty)."""
    from datetime import UTC, datetime

    from display.board import CallEntry

    window = DisplayWindow(
        Board(), None, orientation=orientation, columns=columns, languages=("en",), switch_s=0
    )
    qtbot.addWidget(window)
    window.resize(*((1920, 1080) if orientation == "landscape" else (1080, 1920)))
    window.show()
    qtbot.waitExposed(window)
    calls = window.calls_panel
    big = calls.columns * calls.big_rows
    entries = [
        CallEntry(f"t{i}", f"W{100 + i}", "s", 12 - i % 3, datetime.now(UTC))
        for i in range(big + 2)
    ]
    calls.show_calls(entries, 1)
    calls.blink_on = False
    image = calls.grab().toImage()
    cells = [calls.big_cell(i) for i in range(big)] + [calls.history_cell(i) for i in range(2)]
    for index, cell in enumerate(cells):
        if index == 0:
            continue  # the newest, on amber: dark ink
        line = cell.counter  # the counter's line: the arrow and the counter's digits
        y0, y1 = int(line.top() + line.height() * 0.3), int(line.bottom() - line.height() * 0.3)
        start = int(cell.cell.left() + 2) if cell.stacked else int(cell.number.right() + 1)
        inked = [
            x
            for x in range(start, int(cell.cell.right() - 2))
            if any(image.pixelColor(x, y).lightness() > 120 for y in range(y0, y1))
        ]
        runs: list[list[int]] = []
        for x in inked:
            if runs and x == runs[-1][-1] + 1:
                runs[-1].append(x)
            else:
                runs.append([x])
        arrow_end, digits_start = runs[0][-1], runs[1][0]
        gap = digits_start - arrow_end
        counter = entries[index].counter_number
        assert gap >= 0.4 * cell.pixel_size, (  # had been 0.34–0.38
            f"cell {index + 1}: counter {counter} {gap} px from its arrow "
            f"(numbers {cell.pixel_size:.0f} px)"
        )
    first, second = calls.history_cell(0).cell, calls.history_cell(1).cell
    assert second.top() == first.top() and second.left() > first.right(), "across, then down"


SIZES = {"landscape": [(1920, 1080), (1366, 768)], "portrait": [(1080, 1920), (768, 1366)]}
WINDOWS = [
    pytest.param(o, c, size, id=f"{o}-{c}col-{size[0]}x{size[1]}")
    for o in ("landscape", "portrait")
    for c in (1, 2, 3)
    for size in SIZES[o]
]


def lines_window(
    qtbot: QtBot,
    services: list[ServiceView],
    rows: list[tuple[ServiceView, QueueEntry]],
    orientation: str,
    columns: int,
    size: tuple[int, int],
    lang: str,
) -> LinesPanel:
    """The wall's waiting list at this size, in this language, showing these rows."""
    window = DisplayWindow(
        Board(), None, orientation=orientation, columns=columns, languages=(lang,), switch_s=0
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.on_services_received(services)
    window.show()
    qtbot.waitExposed(window)
    window.lines_panel.show_lines(rows, lang)
    return window.lines_panel


def gray(image: QImage) -> tuple[bytes, int]:
    """The image's pixels' lightness, a byte each, and its bytes per line."""
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return bytes(image.constBits()), image.bytesPerLine()


INK = 100  # lighter than the panel and its rules: letters, names' and figures' alike


def figures_ink_by_names(panel: LinesPanel) -> list[str]:
    """Where the figures' ink (the number waiting, the estimate or a status) comes within 2
    pixels of a name's ink, on the page shown. The names are painted alone on a blank panel;
    the figures' ink is what the panel shows besides, near their boxes."""
    shot, stride = gray(panel.grab().toImage())
    alone = QImage(panel.size(), QImage.Format.Format_RGB32)
    alone.fill(paint.PANEL)
    painter = QPainter(alone)
    painter.setPen(paint.TEXT)
    for index in panel.page_rows():
        font, lines = panel.name_lines(index)
        panel._draw_name(painter, lines, font, panel.row_boxes(index)[0])
    painter.end()
    names, _ = gray(alone)
    w, h = panel.width(), panel.height()
    found = []
    for index in panel.page_rows():
        _, count_box, estimate_box = panel.row_boxes(index)
        for what, box in (("number", count_box), ("estimate", estimate_box)):
            near = 0
            top = max(0, int(box.top() - panel.text_px * 0.6))
            bottom = min(h, int(box.bottom() + panel.text_px * 0.6))
            for y in range(top, bottom):
                for x in range(max(0, int(box.left())), min(w, int(box.right()) + 1)):
                    at = y * stride + x
                    if shot[at] <= INK or names[at] > INK:
                        continue  # no ink, or the name's
                    near += any(
                        names[yy * stride + xx] > INK
                        for yy in range(max(0, y - 2), min(h, y + 3))
                        for xx in range(max(0, x - 2), min(w, x + 3))
                    )
            if near:
                found.append(f"row {index + 1}'s {what}: {near} px at a name's ink")
    return found


def longest(services: list[ServiceView], lang: str, many: int) -> list[ServiceView]:
    return sorted(services, key=lambda s: -len(text_in(s.name, lang)))[:many]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize(("orientation", "columns", "size"), WINDOWS)
def test_the_number_waiting_stands_clear_of_a_long_name(
    qtbot: QtBot,
    hall_state: tuple[Snapshot, list[ServiceView]],
    orientation: str,
    columns: int,
    size: tuple[int, int],
    lang: str,
) -> None:
    """The hall's longest names, 123 waiting each: the number's and the estimate's ink never
    touches the names' (in three columns of calls the names had been made smaller and the
    number, as large as ever, had been drawn over the last line of the name)."""
    _, services = hall_state
    rows = [
        (service, QueueEntry(service.id, 123, 600, 1, 2820))
        for service in longest(services, lang, 4)
    ]
    panel = lines_window(qtbot, services, rows, orientation, columns, size, lang)
    where = f"{orientation} {columns} columns {size[0]}x{size[1]} {lang}"
    assert not figures_ink_by_names(panel), f"{where}: {figures_ink_by_names(panel)}"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize(("orientation", "columns", "size"), WINDOWS)
def test_no_counter_open_is_as_large_as_an_estimate(
    qtbot: QtBot,
    hall_state: tuple[Snapshot, list[ServiceView]],
    orientation: str,
    columns: int,
    size: tuple[int, int],
    lang: str,
) -> None:
    """A service no counter serves yet says so at the estimates' size, on two lines if it must
    (it had been shrunk to half the size to stay on one), clear of the names."""
    _, services = hall_state
    first, second, *_ = longest(services, lang, 2)
    rows = [
        (first, QueueEntry(first.id, 4, 600, 1, 600)),
        (second, QueueEntry(second.id, 4, 0, 0, 0)),  # no counter open
    ]
    panel = lines_window(qtbot, services, rows, orientation, columns, size, lang)
    where = f"{orientation} {columns} columns {size[0]}x{size[1]} {lang}"
    status = panel.estimate_of(rows[1][1])
    assert status == {"kk": "ашық терезе жоқ", "ru": "окна закрыты", "en": "no counter open"}[lang]
    shown = QImage(panel.size(), QImage.Format.Format_RGB32)
    shown.fill(paint.PANEL)
    painter = QPainter(shown)  # the same status in one line, at the estimates' size
    painter.setPen(paint.MUTED)
    painter.setFont(panel.text_font())
    painter.drawText(QPointF(0, panel.text_px * 2), status)
    painter.end()
    alone = digit_height(shown, 0, 0, shown.width(), shown.height(), INK)
    box = panel.row_boxes(1)[2]
    ink = digit_height(
        panel.grab().toImage(),
        int(box.left()),
        int(box.top()),
        int(box.width()),
        int(box.height()),
        INK,
    )
    assert ink >= 0.9 * alone, f"{where}: {status!r} {ink} px high, {alone} px at its size"
    assert not figures_ink_by_names(panel), f"{where}: {figures_ink_by_names(panel)}"
