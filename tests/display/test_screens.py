"""Screenshots of every layout from a real hall's state; the numbers' height measured on them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from display.board import Board, Zone, text_in
from display.views import paint
from display.views.bars import TickerBar
from display.views.window import DisplayWindow
from hallserver.client import HallClient
from hallserver.protocol import ServiceView, Snapshot
from tests.conftest import open_counter

# A 55" 16:9 screen is 68.5 cm high; 1080 pixels across that height (or width, turned).
CM_PER_PIXEL = 55 * 2.54 * 9 / math.hypot(16, 9) / 1080
# Legibility: about 1 cm of letter height per 3 m of distance (the stricter end of 3–4 m).
NEEDED_CM_AT_10_M = 10 / 3

LAYOUTS = [  # name, orientation, columns, language, zone
    ("landscape-1col-kk", "landscape", 1, "kk", Zone()),
    ("landscape-1col-ru", "landscape", 1, "ru", Zone()),
    ("landscape-1col-en", "landscape", 1, "en", Zone()),
    ("landscape-2col-kk", "landscape", 2, "kk", Zone()),
    ("landscape-3col-ru", "landscape", 3, "ru", Zone()),
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


def digit_height(image: QImage, left: int, top: int, width: int, height: int) -> int:
    """Rows in the box holding white ink (the number's glyphs): their height on screen."""
    rows = [
        y
        for y in range(top, top + height)
        if any(image.pixelColor(x, y).lightness() > 200 for x in range(left, left + width, 2))
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
    sizes = set()
    for service, _ in panel.rows:  # every line's name whole, the long ones on three lines
        words = text_in(service.name, lang)
        font, lines = panel.name_lines(words, *panel.name_box())
        assert not paint.elided(lines, words), f"{words!r} is cut on {name}"
        sizes.add(font.pixelSize())
    assert len(sizes) == 1, f"the names on {name} come in sizes {sorted(sizes)}: one, please"
    if panel.width() >= 700:  # a wide panel leaves its names the row's full size
        assert sizes == {int(panel.row_height * 0.27)}, f"{name}: names at {sizes} px"

    calls = window.calls_panel
    assert calls.calls, "the snapshot's called tickets are on the wall"
    if zone.counters:
        assert {c.counter_number for c in calls.calls} <= zone.counters
    image = calls.grab().toImage()
    second = calls.big_cell(1)  # white digits on the panel colour
    box = second.number.toRect()
    measured = digit_height(image, box.left(), box.top(), box.width(), box.height())
    assert measured * CM_PER_PIXEL >= NEEDED_CM_AT_10_M, f"{measured} px is too small"


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
