"""Every citizen screen in kk/ru/en, portrait and landscape: screenshots, touch sizes, contrast."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.accessibility import MIN_CONTRAST, contrast, hex_rgb
from kiosk.flow import Issued, Screen
from kiosk.views.theme import PAIRS
from tests.kiosk.conftest import LANDSCAPE, PORTRAIT, shoot
from tests.kiosk.test_citizen import ready


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


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_every_screen_in_every_language_fits_has_large_targets_and_strong_contrast(
    qtbot: QtBot, make_kiosk: Callable[..., object], orientation: str
) -> None:
    size = PORTRAIT if orientation == "portrait" else LANDSCAPE
    kiosk = make_kiosk(size=size)
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
    steps: list[tuple[str, Callable[[], None]]] = [
        ("welcome", lambda: None),
        ("priority", flow.start_priority),
        ("home", lambda: flow.choose_priority("elderly")),
        ("groups", flow.open_groups),
        ("group", lambda: flow.open_group("civil")),
        ("search", lambda: (flow.open_search(), flow.type_text("тір"))),
        ("service", lambda: flow.open_service("residence-registration")),
        ("checkin", lambda: (flow.open_checkin(), [flow.press_key(k) for k in "9001013"])),
        ("checkin-problem", flow.submit_checkin),
        ("ticket", lambda: flow.ticket_issued(issued)),
        ("ticket-paper-out", lambda: flow.ticket_issued(Issued(issued.ticket, "paper_out"))),
        ("notice", lambda: flow.refused("too_early", issued.ticket.issued_at)),
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
        flow.set_online(True)
