"""The console at its smallest window: nothing drawn over anything, no text cut, and small
enough for a 1024x600 counter PC's screen under its taskbar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter.views.window import CounterWindow
from hallserver.client import HallClient
from tests.conftest import LiveServer
from tests.counter.conftest import ConsoleFactory, press, shoot


def shown_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` the window shows (a scroll area's hidden part left out), in the
    window's coordinates."""
    region = widget.visibleRegion().boundingRect()
    return region.translated(widget.mapTo(window, region.topLeft()) - region.topLeft())


def text_widgets(window: CounterWindow) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or shown_rect(widget, window).isEmpty():
            continue
        texts = isinstance(widget, QLabel | QAbstractButton) and bool(widget.text())
        if texts or isinstance(widget, QComboBox):
            found.append(widget)
    return found


def cut_texts(window: CounterWindow) -> list[str]:
    """Texts their widget is too small for, as the widget's own font measures them."""
    cut = []
    for widget in text_widgets(window):
        if shown_rect(widget, window).width() < widget.width():  # scrolled down to, not across
            cut.append(f"{_name(widget)} cut at the window's side")
        if isinstance(widget, QLabel):
            room = widget.contentsRect()
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 1:
                    cut.append(f"{widget.text()!r} wrapped to more lines than it is high")
                widest = max(
                    widget.fontMetrics().horizontalAdvance(word) for word in widget.text().split()
                )
                if widest > room.width() + 1:
                    cut.append(f"a word of {widget.text()!r} wider than its label")
            else:
                for line in widget.text().split("\n"):
                    if widget.fontMetrics().horizontalAdvance(line) > room.width() + 1:
                        cut.append(f"{line!r} wider than its label")
        elif isinstance(widget, QComboBox):
            option = QStyleOptionComboBox()
            widget.initStyleOption(option)
            field = widget.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox,
                option,
                QStyle.SubControl.SC_ComboBoxEditField,
                widget,
            )
            if widget.fontMetrics().horizontalAdvance(widget.currentText()) > field.width() + 1:
                cut.append(f"{_name(widget)} cut")
        elif isinstance(widget, QAbstractButton):
            if widget.sizeHint().width() > widget.width() + 1:
                cut.append(f"button {widget.text()!r} cut")
            if widget.sizeHint().height() > widget.height() + 1:
                cut.append(f"button {widget.text()!r} cut below")
    return cut


def overlaps(window: CounterWindow) -> list[str]:
    widgets = text_widgets(window)
    found = []
    for i, first in enumerate(widgets):
        for second in widgets[i + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            common = shown_rect(first, window).intersected(shown_rect(second, window))
            if not common.isEmpty():
                found.append(f"{_name(first)} over {_name(second)}")
    return found


def _name(widget: QWidget) -> str:
    text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()  # type: ignore[attr-defined]
    return f"{type(widget).__name__} {text!r}"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_at_its_smallest_window_the_console_overlaps_and_cuts_nothing(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, language: str
) -> None:
    window = console("c12", login=f"op-{language}", language=language)
    press(qtbot, window, "F8")
    with HallClient(live_server.url, live_server.tokens["consultant"]) as consultant:
        consultant.issue_ticket("pension", priority="disabled", priority_reason="wheelchair")
        for service in ("id-card", "birth-registration"):
            consultant.issue_ticket(service)
    qtbot.waitUntil(lambda: len(window.state.waiting) == 3)
    press(qtbot, window, "F1")
    press(qtbot, window, "F3")
    assert window.state.current is not None and window.state.current.view.status == "serving"
    for _ in range(3):  # wrapped texts settle their heights at the width they get
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
        window.resize(smallest)
        QApplication.processEvents()
    assert window.size() == smallest
    shoot(window, f"smallest-serving-{language}")
    overlapping, cut = overlaps(window), cut_texts(window)
    window.resize(1024, 560)  # a small counter PC's screen under its taskbar: scrolls down
    shoot(window, f"1024x560-serving-{language}")
    shown_at_1024 = queue_rows_shown(window)
    window.resize(smallest)
    QApplication.processEvents()
    assert not overlapping, overlapping
    assert not cut, cut
    table = window.queue_panel.findChild(QTableView)
    assert table is not None
    header = table.horizontalHeader()
    for column in range(header.count()):
        heading = str(table.model().headerData(column, header.orientation()))
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(heading), (
            f"the queue's column {heading!r} is narrower than its heading"
        )
    assert smallest.height() <= 560, f"{smallest.height()} px high: taller than 1024x600 allows"
    # the queue under the visitor, without scrolling: it had been pushed below all twelve keys
    assert shown_at_1024 >= 3, f"{shown_at_1024} of the queue's lines shown at 1024x560"
    window.resize(1366, 700)  # a 1366x768 screen: its taskbar and the window's title bar off
    shoot(window, f"1366x700-serving-{language}")
    shown_at_1366 = queue_rows_shown(window)
    assert shown_at_1366 >= 5, f"{shown_at_1366} of the queue's lines shown at 1366x700"


def test_after_a_switch_of_language_every_result_fits_the_smallest_window(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory
) -> None:
    """The result box kept the width it had measured in the first language: signed in in
    English and switched to Russian while serving, "Неполный пакет документов" was cut."""
    window = console("c12", login="op-en", language="en")
    press(qtbot, window, "F8")
    with HallClient(live_server.url, live_server.tokens["consultant"]) as consultant:
        consultant.issue_ticket("pension")
    qtbot.waitUntil(lambda: len(window.state.waiting) == 1)
    press(qtbot, window, "F1")
    press(qtbot, window, "F3")
    QApplication.processEvents()
    window.set_language("ru")
    box = window.card.result
    qtbot.waitUntil(lambda: box.itemText(0) == "Услуга оказана")
    for _ in range(3):
        window.resize(window.minimumSizeHint().expandedTo(window.minimumSize()))
        QApplication.processEvents()
    cut = []
    for index in range(box.count()):
        box.setCurrentIndex(index)
        QApplication.processEvents()
        cut += [line for line in cut_texts(window) if line.startswith("ResultBox")]
    assert not cut, cut


def queue_rows_shown(window: CounterWindow) -> int:
    """How many whole lines of the queue's table the window shows, as it is scrolled now."""
    table = window.queue_panel.table
    viewport = shown_rect(table.viewport(), window)
    if viewport.isEmpty():
        return 0
    return sum(
        1
        for row in range(table.model().rowCount())
        if viewport.contains(
            table.visualRect(table.model().index(row, 0)).translated(
                table.viewport().mapTo(window, table.viewport().rect().topLeft())
            )
        )
    )
