"""Every citizen screen in kk/ru/en, portrait and landscape: screenshots, touch sizes, contrast."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hallserver import kazakh
from hallserver.client import HallClient
from kiosk.accessibility import MIN_CONTRAST, contrast, hex_rgb
from kiosk.flow import Issued, Screen
from kiosk.views.theme import PAIRS
from kiosk.views.widgets import Tile, WrapButton, fit_tiles, tile_grid
from tests.conftest import LiveServer
from tests.kiosk.conftest import shoot
from tests.kiosk.test_citizen import find, ready, tap, text_of

SATURDAY = {  # the longest line a hall is likely to write, in each language
    "kk": "Құрметті келушілер! Сенбі күні орталық 09:00-ден 13:00-ге дейін жұмыс істейді.",
    "ru": "Уважаемые посетители! В субботу центр работает с 09:00 до 13:00.",
    "en": "Dear visitors, on Saturday the centre is open from 09:00 to 13:00.",
}

BARE_TIME = re.compile(r"\d\d:\d\d (бастап|дейін|ашылады)")

SIZES = [  # the supported screens (docs/kiosk.md): pixels and diagonal in inches
    ((1080, 1920), 21.5),
    ((1920, 1080), 21.5),
    ((768, 1366), 18.5),
    ((1366, 768), 18.5),
]
SIZE_IDS = [f"{w}x{h}" for (w, h), _ in SIZES]

# screens whose content must fit without scrolling (the lists of groups and of search results may
# scroll; the home screen offline shows one row of services under its banner)
WHOLE = {
    "offline",
    "welcome",
    "priority",
    "home",
    "service",
    "service-soon",
    "service-ended",
    "checkin",
    "checkin-problem",
    "ticket",
    "ticket-paper-out",
    "notice",
    "notice-ended",
    "closed",
}


def visible_texts(page: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if (isinstance(widget, QLabel) and widget.text()) or isinstance(widget, QAbstractButton):
            found.append(widget)
    return found


def role_of(widget: QWidget) -> str | None:
    while widget is not None:
        role = widget.property("role")
        if role:
            return str(role)
        widget = widget.parentWidget()
    return None


def check(window: QWidget, touch: int, where: str) -> None:
    page = window.page  # type: ignore[attr-defined]
    QApplication.processEvents()
    for widget in visible_texts(page):
        role = role_of(widget)
        assert role in PAIRS, f"{where}: {widget.objectName() or widget} has no colour role"
        fg, bg = PAIRS[role]
        ratio = contrast(hex_rgb(fg), hex_rgb(bg))
        assert ratio >= MIN_CONTRAST, f"{where}: role {role} has contrast {ratio:.1f}"
        if isinstance(widget, QAbstractButton):
            size = widget.size()
            assert min(size.width(), size.height()) >= touch, (
                f"{where}: {widget.objectName() or widget.text()!r} "
                f"is {size.width()}x{size.height()}"
            )
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.pixmap().isNull():
            assert widget.sizeHint().width() <= widget.width() + 2, (
                f"{where}: {widget.text()!r} is cut off"
            )


@pytest.mark.parametrize(("size", "inches"), SIZES, ids=SIZE_IDS)
def test_every_screen_in_every_language_fits_has_large_targets_and_strong_contrast(
    qtbot: QtBot, make_kiosk: Callable[..., object], size: tuple[int, int], inches: float
) -> None:
    orientation = f"{size[0]}x{size[1]}"
    kiosk = make_kiosk(size=size, screen_inches=inches)
    window = ready(qtbot, kiosk)
    flow = window.flow  # type: ignore[attr-defined]
    touch = window.sizes.touch  # type: ignore[attr-defined]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = app.palette()
    text = palette.color(QPalette.ColorRole.WindowText).getRgb()[:3]
    back = palette.color(QPalette.ColorRole.Window).getRgb()[:3]
    assert contrast(text, back) >= MIN_CONTRAST
    flow.choose_language("ru")
    flow.open_service("id-card")
    request = flow.take_ticket()
    issued = kiosk.link.issuer.issue(
        request, flow.state.services, flow.state.hall.name, window._slip_words("ru")
    )  # type: ignore[attr-defined]
    flow.ticket_issued(issued)
    flow.reset()
    line_id = "residence-registration"
    usual_line = flow.state.queue[line_id]

    def tickets_until(minutes: int) -> None:
        now = flow.state.now()
        assert now is not None
        flow.state.queue[line_id] = replace(
            usual_line,
            issuing_until=now + timedelta(minutes=minutes),
            reopens_at=(now + timedelta(days=1)).replace(hour=9, minute=0),
        )

    def restore_line() -> None:
        flow.state.queue[line_id] = usual_line

    def not_served_today() -> None:  # a line with its own days, on one it is not served
        now = flow.state.now()
        assert now is not None
        flow.state.queue[line_id] = replace(
            usual_line,
            issuing_until=datetime.combine(now.date(), time(), now.tzinfo),
            reopens_at=(now + timedelta(days=2)).replace(hour=9, minute=0),
        )

    hall = flow.state.hall
    told = replace(hall, announcement=SATURDAY["kk"], announcements=SATURDAY)

    steps: list[tuple[str, Callable[[], None]]] = [
        ("welcome", lambda: flow.state.set_hall(told)),  # the wall's line, in each language
        ("priority", flow.start_priority),
        ("home", lambda: flow.choose_priority("elderly")),
        ("groups", flow.open_groups),
        ("group", lambda: flow.open_group("civil")),
        ("search", lambda: (flow.open_search(), flow.type_text("тір"))),
        ("service", lambda: flow.open_service("residence-registration")),
        ("service-soon", lambda: tickets_until(minutes=25)),  # "issued today until …"
        ("service-ended", lambda: tickets_until(minutes=-1)),  # stopped before closing
        ("service-not-today", not_served_today),
        (
            "checkin",
            lambda: (
                restore_line(),
                flow.open_checkin(),
                [flow.press_key(k) for k in "9001013"],
            ),
        ),
        ("checkin-problem", flow.submit_checkin),
        ("ticket", lambda: flow.ticket_issued(issued)),
        ("ticket-paper-out", lambda: flow.ticket_issued(Issued(issued.ticket, "paper_out"))),
        ("notice", lambda: flow.refused("too_early", issued.ticket.issued_at)),
        (  # the longest notice: tickets stopped before closing, back tomorrow morning
            "notice-ended",
            lambda: flow.refused(
                "issuing_ended",
                issued.ticket.issued_at.replace(hour=9, minute=0) + timedelta(days=1),
            ),
        ),
        ("closed", lambda: flow.refused("hall_closed", issued.ticket.issued_at)),
        (
            "offline",
            lambda: (
                flow.state.set_hall(
                    window.flow.state.hall.__class__(**{**flow.state.hall.__dict__, "open": True})
                ),
                flow.home(),
                flow.set_online(False),
            ),
        ),
    ]
    for language in ("kk", "ru", "en"):
        flow.reset()
        flow.set_online(True)
        flow.set_language(language)
        for name, step in steps:
            step()
            window.render()
            if name == "welcome":
                assert flow.screen is Screen.WELCOME
            where = f"{name}-{language}-{orientation}"
            check(window, touch, where)
            shoot(window, where)
            if language == "kk":  # a time before бастап/дейін/ашылады takes its case ending
                for widget in visible_texts(window.page):
                    words = widget.text() if isinstance(widget, QLabel) else ""
                    bare = BARE_TIME.search(words)
                    assert bare is None, f"{where}: {bare.group()!r} has no case ending"
            assert_nothing_cut(window, window.findChild(QScrollArea, "scroll"), where)
            banners = [w for w in visible_texts(window) if w.property("role") == "priority"]
            if name in (
                "checkin",
                "checkin-problem",
                "notice",
                "notice-ended",
                "closed",
            ):  # nothing it applies to
                assert not banners, f"{where}: a priority banner where no priority goes"
            elif name in ("home", "service"):
                assert banners, f"{where}: the chosen priority is not shown"
            shown = window.findChildren(QAbstractButton, "take-ticket")  # the page's, not the last
            take = next((b for b in shown if b.isVisibleTo(window)), None)
            if name == "service-soon":
                assert take is not None and take.isEnabled()
                until = flow.state.queue[line_id].issuing_until
                said = {  # Kazakh adds the dative to the time: "17:40-қа дейін"
                    "kk": "Бүгін талон {t}-{to} дейін беріледі.",
                    "ru": "Сегодня талоны выдаются до {t}.",
                }
                expected = said.get(language, "Tickets are issued today until {t}.")
                to = kazakh.ending(kazakh.last_word(until.hour, until.minute), "to")
                assert expected.format(t=f"{until:%H:%M}", to=to) in text_of(window, "line")
            elif name == "service-ended":  # said on the service's page, before anyone taps
                assert take is None, f"{where}: a button that issues nothing"
                assert "09:00" in text_of(window, "stopped")
            elif name == "service-not-today":  # not "today's tickets have ended"
                assert take is None, f"{where}: a button that issues nothing"
                back = flow.state.queue[line_id].reopens_at
                assert back is not None
                not_today = {
                    "kk": "Бұл қызмет бүгін көрсетілмейді. Қайтадан {t}-{fro} бастап.",
                    "ru": "Эта услуга сегодня не оказывается. Снова с {t}.",
                    "en": "This service is not provided today. Again from {t}.",
                }[language]
                shown = f"{back:%d.%m %H:%M}"
                fro = kazakh.ending(kazakh.last_word(back.hour, back.minute), "from")
                assert text_of(window, "stopped") == not_today.format(t=shown, fro=fro), where
            if name in WHOLE:  # what the visitor must see without knowing to scroll
                scroll = window.findChild(QScrollArea, "scroll")
                assert scroll.verticalScrollBar().maximum() == 0, f"{where}: needs scrolling"
        flow.set_online(True)


def assert_label_whole(widget: QLabel, where: str) -> None:
    """A label's text is whole: wrapped, each word fits a line and every line shows; on one
    line, unelided."""
    if widget.wordWrap():
        metrics = widget.fontMetrics()
        for word in widget.text().split():
            room = widget.contentsRect().width()
            assert metrics.horizontalAdvance(word) <= room, f"{where}: {word!r} is cut"
        needed = widget.heightForWidth(widget.width())
        assert needed <= widget.height() + 1, f"{where}: {widget.text()!r} cut below"
    else:
        assert widget.sizeHint().width() <= widget.width() + 2, (
            f"{where}: {widget.text()!r} is cut off"
        )


def assert_nothing_cut(window: QWidget, scroll: QScrollArea, where: str) -> None:
    """No sideways scrolling; every text whole: wrapped words fit, one-line texts unelided."""
    QApplication.processEvents()
    viewport = scroll.viewport()
    assert scroll.horizontalScrollBar().maximum() == 0, f"{where}: scrolls sideways"
    assert scroll.widget().width() <= viewport.width(), f"{where}: wider than its scroll area"
    for widget in visible_texts(window):
        name = widget.objectName() or getattr(widget, "text", lambda: "")()
        inside = viewport if viewport.isAncestorOf(widget) else window
        right = widget.mapTo(inside, QPoint(widget.width(), 0)).x()
        assert right <= inside.width(), f"{where}: {name!r} runs {right - inside.width()} px out"
        if isinstance(widget, QLabel) and widget.pixmap().isNull():
            assert_label_whole(widget, where)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, WrapButton):
            assert widget.sizeHint().width() <= widget.width() + 2, (
                f"{where}: {widget.text()!r} is cut off"
            )


@pytest.mark.parametrize(
    ("size", "inches"), [((1920, 1080), 21.5), ((1280, 800), 10.1)], ids=["desk", "tablet"]
)
def test_the_consultant_desk_never_scrolls_sideways_nor_cuts_a_word_in_any_language(
    qtbot: QtBot,
    make_kiosk: Callable[..., object],
    live_server: LiveServer,
    size: tuple[int, int],
    inches: float,
) -> None:
    with HallClient(live_server.url, token=live_server.tokens["kiosk"]) as client:
        mistake = client.issue_ticket("id-card")  # shown in the desk's "issued here" list
    shape = f"{size[0]}x{size[1]}"
    for language in ("kk", "ru", "en"):
        kiosk = make_kiosk(
            mode="consultant",
            token=live_server.tokens["consultant"],
            size=size,
            screen_inches=inches,
            printer=None,
            language=language,
        )
        window = kiosk.window  # type: ignore[attr-defined]
        qtbot.waitUntil(
            lambda w=window: bool(
                w.flow.signed_in_as and w.flow.state.services and w.flow.state.queue
            ),
            timeout=10000,
        )
        search = find(window, "search")
        assert isinstance(search, QLineEdit)
        search.insert("паспорт")  # as typed (QTest cannot type Cyrillic)
        tap(qtbot, window, "pick-passport")
        window.flow.ticket_issued(mistake)
        tap(qtbot, window, "priority-disabled")  # the longest names, and the reason field
        tap(qtbot, window, "issue")  # no reason given: the desk says so
        assert window.flow.problem == "no_reason"
        scroll = window.page.findChild(QScrollArea, "desk-scroll")  # the issuing column's
        assert isinstance(scroll, QScrollArea)
        said = find(window, "problem")

        def in_view(widget: QWidget = said, area: QScrollArea = scroll) -> bool:
            top = widget.mapTo(area.viewport(), widget.rect().topLeft()).y()
            return top >= 0 and top + widget.height() <= area.viewport().height()

        qtbot.waitUntil(in_view, timeout=2000)  # why it was refused, though below the button
        where = f"consultant-desk-{language}-{shape}"
        search_at = search.mapTo(window, search.rect().topLeft()).y()
        assert 0 <= search_at < window.height() // 3, f"{where}: the search scrolled away"
        assert_nothing_cut(window, scroll, where)
        touch = window.sizes.touch
        for target in window.page.findChildren(QAbstractButton):
            if target.isVisibleTo(window.page):
                assert min(target.width(), target.height()) >= touch, f"{where}: small target"
        shoot(window, where)
        find(window, "search").clear()  # type: ignore[attr-defined]  # every service listed
        assert_nothing_cut(window, window.page.findChild(QScrollArea), where + "-all")
        shoot(window, where + "-all")
        results = [
            b
            for b in window.page.findChildren(QAbstractButton)
            if b.objectName().startswith("pick-") and b.isVisibleTo(window.page)
        ]
        scroll = window.page.findChild(QScrollArea, "desk-scroll-left")
        shown = [
            b for b in results if b.mapTo(scroll, b.rect().bottomLeft()).y() <= scroll.height()
        ]
        assert len(shown) >= 3, f"{where}: {len(shown)} services in view without scrolling"
        for task in ("checkin", "copy"):
            tap(qtbot, window, f"task-{task}")
            assert_nothing_cut(window, window.page.findChild(QScrollArea), f"{where}-{task}")
            shoot(window, f"{where}-{task}")
        kiosk.close()  # type: ignore[attr-defined]


LONG_NAMES = {  # realistic names of public services, as long as catalogues write them
    "id-card": {
        "kk": "Мемлекеттік әлеуметтік жәрдемақыларды тағайындау: мүгедектігі бойынша, "
        "асыраушысынан айырылу жағдайы бойынша және жасына байланысты",
        "ru": "Назначение государственных социальных пособий по инвалидности, по случаю "
        "потери кормильца и по возрасту",
        "en": "Assignment of state social benefits for disability, loss of breadwinner and old age",
    },
    "passport": {
        "kk": "Жеке кәсіпкерлердің және заңды тұлғалардың тіркеу куәліктерін ауыстыру",
        "ru": "Переоформление регистрационных свидетельств индивидуальных предпринимателей "
        "и юридических лиц",
        "en": "Re-registration of certificates of individual entrepreneurs and legal entities",
    },
}


def in_sight(widget: QWidget, scroll: QScrollArea) -> bool:
    """The whole widget shows in the scroll area without scrolling."""
    viewport = scroll.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return widget.isVisibleTo(viewport) and top >= 0 and top + widget.height() <= viewport.height()


@pytest.mark.parametrize(("size", "inches"), SIZES, ids=SIZE_IDS)
def test_long_service_names_keep_every_word_whole_and_home_still_fits(
    qtbot: QtBot, make_kiosk: Callable[..., object], size: tuple[int, int], inches: float
) -> None:
    kiosk = make_kiosk(size=size, screen_inches=inches)
    window = ready(qtbot, kiosk)
    flow = window.flow  # type: ignore[attr-defined]
    services = list(flow.state.services.values())
    flow.state.set_services(
        [replace(s, name=LONG_NAMES[s.id]) if s.id in LONG_NAMES else s for s in services]
    )
    shape = f"{size[0]}x{size[1]}"
    for language in ("kk", "ru", "en"):
        flow.reset()
        flow.set_language(language)
        steps: list[tuple[str, Callable[[], object]]] = [
            ("home", flow.home),
            ("search", lambda: (flow.open_search(), flow.type_text("а"))),
            ("priority-home", lambda: (flow.start_priority(), flow.choose_priority("disabled"))),
            ("offline-home", lambda: (flow.home(), flow.set_online(False))),
        ]
        for name, step in steps:
            step()
            window.render()
            where = f"long-{name}-{language}-{shape}"
            shoot(window, where)
            scroll = window.findChild(QScrollArea, "scroll")
            assert_nothing_cut(window, scroll, where)
            if name != "search":  # the ways to every other service, in sight however long
                assert scroll.verticalScrollBar().maximum() == 0, f"{where}: needs scrolling"
                for way in ("all-services", "search"):
                    assert in_sight(find(window, way), scroll), f"{where}: {way} out of sight"
                shown = [
                    t
                    for t in window.page.findChildren(Tile)
                    if t.objectName().startswith("service-")
                ]
                assert shown, f"{where}: no service on the home screen"
            else:  # found, whole, the first in sight
                assert in_sight(find(window, "service-id-card"), scroll), where
        flow.set_online(True)


def test_a_word_wider_than_any_tile_is_hyphenated_not_cut(qtbot: QtBot) -> None:
    """The last resort: one column and the smallest letters, and the word still too wide."""
    tile = Tile("☺", "Жылжымайтынмүлікке құқықтарды тіркеу", "tile", 100)
    qtbot.addWidget(tile)
    assert fit_tiles([tile], 2, 12, 200, 12) == 1
    grid = tile_grid([tile], 1, 12)
    grid.resize(200, 600)
    grid.show()
    QApplication.processEvents()
    text = tile.text_label()
    assert "Жылжымайтын" in text.replace("-\n", ""), text  # the word still reads
    assert "-\n" in text
    assert_label_whole(tile.words, "hyphenated")


def test_the_priority_for_disability_is_worded_alike_and_respectfully_on_both_screens(
    qtbot: QtBot, make_kiosk: Callable[..., object]
) -> None:
    window = ready(qtbot, make_kiosk())
    flow = window.flow  # type: ignore[attr-defined]
    term = {"kk": "мүмкіндігі шектеулі", "ru": "с инвалидностью", "en": "disabilit"}
    for language in ("kk", "ru", "en"):
        flow.reset()
        window.render()
        welcome = find(window, "priority").text_label()  # type: ignore[attr-defined]
        flow.set_language(language)
        flow.start_priority()
        window.render()
        chosen = find(window, "priority-disabled").text_label()  # type: ignore[attr-defined]
        assert term[language] in chosen.lower(), chosen
        line = welcome.splitlines()[("kk", "ru", "en").index(language)]
        assert term[language] in line.lower(), line
        for dated in ("мүгедек", "инвалиды", "disabled,"):
            assert dated not in line.lower(), line


HOME_SERVICES = {  # the fewest services the home screen shows: (shipped names, long names)
    "1080x1920": (8, 5),
    "1920x1080": (6, 2),
    "768x1366": (5, 3),
    "1366x768": (4, 1),
}


def assert_home_designed(window: QWidget, where: str, least: int) -> None:
    """The home screen: at least `least` services, the two ways to the rest side by side in their
    own row under them, no blank band above the appointment button, and each tile's words as
    wide as its tile lets them."""
    QApplication.processEvents()
    page = window.page  # type: ignore[attr-defined]
    gap = window.sizes.gap  # type: ignore[attr-defined]
    tiles = [t for t in page.findChildren(Tile) if t.isVisibleTo(page)]
    services = [t for t in tiles if t.objectName().startswith("service-")]
    assert len(services) >= least, f"{where}: {len(services)} services, fewer than {least}"

    def box(widget: QWidget) -> tuple[int, int, int, int]:
        top_left = widget.mapTo(window, QPoint(0, 0))
        return (
            top_left.x(),
            top_left.y(),
            top_left.x() + widget.width(),
            top_left.y() + widget.height(),
        )

    more, search = box(find(window, "all-services")), box(find(window, "search"))
    scroll = box(window.findChild(QScrollArea, "scroll"))
    assert more[1] == search[1] and more[3] == search[3], f"{where}: the two ways not in one row"
    assert more[0] == scroll[0] and search[2] >= scroll[2] - 30, f"{where}: ways not across"
    assert all(box(t)[3] < more[1] for t in services), f"{where}: a service under the ways"
    lowest = max(search[3], *(box(t)[3] for t in services))
    blank = box(find(window, "appointment"))[1] - lowest
    assert blank <= 3 * gap, f"{where}: {blank} px blank above the appointment button"
    for tile in tiles:
        room = tile.room(tile.width())
        assert tile.words.width() >= room - 2, (
            f"{where}: {tile.text_label()!r} wraps in {tile.words.width()} px of {room}"
        )


@pytest.mark.parametrize(("size", "inches"), SIZES, ids=SIZE_IDS)
def test_the_home_screen_shows_the_most_services_it_holds_and_the_ways_in_their_own_row(
    qtbot: QtBot, make_kiosk: Callable[..., object], size: tuple[int, int], inches: float
) -> None:
    kiosk = make_kiosk(size=size, screen_inches=inches)
    window = ready(qtbot, kiosk)
    flow = window.flow  # type: ignore[attr-defined]
    shape = f"{size[0]}x{size[1]}"
    shipped = list(flow.state.services.values())
    long = [replace(s, name=LONG_NAMES[s.id]) if s.id in LONG_NAMES else s for s in shipped]
    for names, services, least in (
        ("shipped", shipped, HOME_SERVICES[shape][0]),
        ("long", long, HOME_SERVICES[shape][1]),
    ):
        flow.state.set_services(services)
        for language in ("kk", "ru", "en"):
            steps: list[tuple[str, Callable[[], object], int]] = [
                ("home", flow.home, least),
                (
                    "priority-home",
                    lambda: (flow.start_priority(), flow.choose_priority("disabled")),
                    least,
                ),
                ("offline-home", lambda: (flow.home(), flow.set_online(False)), 1),
            ]
            for name, step, fewest in steps:
                flow.reset()
                flow.set_language(language)
                step()
                window.render()
                assert_home_designed(window, f"{names}-{name}-{language}-{shape}", fewest)
                flow.set_online(True)


def test_a_window_resized_after_its_page_was_built_builds_it_again_for_its_size(
    qtbot: QtBot, make_kiosk: Callable[..., object]
) -> None:
    """A kiosk's first page is built before the window takes its panel's size (full screen on
    a panel other than its configured size, and with the server not answering nothing else
    builds it again): the page follows a resize by itself, so the welcome screen of a 1366x768
    panel fits it without scrolling."""
    kiosk = make_kiosk(size=(1366, 768), screen_inches=18.5)
    window = ready(qtbot, kiosk)
    assert window.flow.screen is Screen.WELCOME  # type: ignore[attr-defined]
    window.setFixedSize(1080, 1920)  # type: ignore[attr-defined]  # the size it was started with
    window.render()  # type: ignore[attr-defined]
    built = window.page  # type: ignore[attr-defined]
    window.setFixedSize(1366, 768)  # type: ignore[attr-defined]  # full screen: the panel's
    qtbot.waitUntil(lambda: window.page is not built, timeout=5000)  # type: ignore[attr-defined]
    scroll = window.findChild(QScrollArea, "scroll")  # type: ignore[attr-defined]
    shoot(window, "welcome-resized-kk-1366x768")
    assert scroll.verticalScrollBar().maximum() == 0, "the resized welcome screen needs scrolling"
    again = window.page  # type: ignore[attr-defined]
    qtbot.wait(100)  # the same size again: built once, not at every turn of the loop
    assert window.page is again  # type: ignore[attr-defined]
