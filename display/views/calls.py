"""The calls: the newest big (ticket number → counter), the earlier ones smaller below."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from display.board import CallEntry
from display.views import paint

# The widest ticket and counter the cells are sized for, so every cell uses one font size.
_WIDEST_NUMBER = "W999"
_WIDEST_COUNTER = "99"
_ARROW = "→"
_ARROW_SCALE = 0.6  # the arrow is drawn smaller than the numbers it joins
ARROW_GAP = 0.3  # clear space either side of the arrow, in the numbers' pixel size


@dataclass(frozen=True)
class CellGeometry:
    """Where one call is drawn: the cell, and the number's text box inside it."""

    cell: QRectF
    number: QRectF
    counter: QRectF
    arrow: QRectF  # the arrow's box: it is drawn in its middle
    pixel_size: float
    stacked: bool = False


class CallsPanel(QWidget):
    """Renders the board's calls newest first; the newest is highlighted, and blinks while fresh.

    `columns` (1–3) columns of `big_rows` big cells, filled top to bottom, then the earlier
    calls in a grid of small cells underneath.

    Signals:
        painted(int): a repaint finished; carries the board's event seq it showed.
    """

    painted = Signal(int)

    def __init__(
        self,
        columns: int,
        big_rows: int,
        history_columns: int,
        history_rows: int,
        blink_s: float,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self.big_rows = big_rows
        self.history_columns = history_columns
        self.history_rows = history_rows
        self.blink_s = blink_s
        self._clock = clock
        self.calls: Sequence[CallEntry] = ()
        self.seq = 0
        self.blink_on = True  # the phase of the newest call's blinking
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    @property
    def capacity(self) -> int:
        return self.columns * self.big_rows + self.history_columns * self.history_rows

    def show_calls(self, calls: Sequence[CallEntry], seq: int) -> None:
        self.calls = calls
        self.seq = seq
        self.update()

    def flashing(self) -> bool:
        return bool(self.calls) and self.calls[0].flashing(self._clock(), self.blink_s)

    def highlighted(self) -> CallEntry | None:
        """The call drawn highlighted: always the newest."""
        return self.calls[0] if self.calls else None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)

    # ------------------------------------------------------------------ geometry

    def _sections(self) -> tuple[QRectF, QRectF, QRectF]:
        w, h = float(self.width()), float(self.height())
        head = max(40.0, h * 0.07)
        big = (h - head) * (0.74 if self.history_rows else 1.0)
        return (
            QRectF(0, 0, w, head),
            QRectF(0, head, w, big),
            QRectF(0, head + big, w, h - head - big),
        )

    def big_cell(self, index: int) -> CellGeometry:
        _, area, _ = self._sections()
        column, row = divmod(index, self.big_rows)
        cell_w = area.width() / self.columns
        cell_h = area.height() / self.big_rows
        cell = QRectF(area.left() + column * cell_w, area.top() + row * cell_h, cell_w, cell_h)
        return self._layout(cell.adjusted(8, 6, -8, -6), 0.78)

    def history_cell(self, index: int) -> CellGeometry:
        _, _, area = self._sections()
        title = area.height() * 0.22
        row, column = divmod(index, self.history_columns)  # across first: no empty half
        cell_w = area.width() / self.history_columns
        cell_h = (area.height() - title) / self.history_rows
        top = area.top() + title + row * cell_h
        cell = QRectF(area.left() + column * cell_w, top, cell_w, cell_h)
        return self._layout(cell.adjusted(8, 4, -8, -4), 0.8)

    def _layout(self, cell: QRectF, fill: float) -> CellGeometry:
        """Number and counter side by side; stacked in two lines when the cell is narrow."""
        pad = cell.width() * 0.05
        text_w = cell.width() - 2 * pad
        probe = QFontMetricsF(paint.font(100, bold=True))
        number_100 = probe.horizontalAdvance(_WIDEST_NUMBER)
        counter_100 = probe.horizontalAdvance(_WIDEST_COUNTER)
        # the arrow with clear space either side: a two-digit counter had crowded it ("→12")
        arrow_100 = arrow_width(100) + 2 * 100 * ARROW_GAP
        stacked = cell.width() / cell.height() < 2.2
        if stacked:
            size = min(100 * text_w / number_100, cell.height() / 2 * fill)
        else:
            wide = number_100 + arrow_100 + counter_100
            size = min(100 * text_w / wide, cell.height() * fill)
        metrics = QFontMetricsF(paint.font(size, bold=True))
        number_w = metrics.horizontalAdvance(_WIDEST_NUMBER)
        counter_w = metrics.horizontalAdvance(_WIDEST_COUNTER)
        gap = size * ARROW_GAP
        if stacked:
            half = cell.height() / 2
            number = QRectF(cell.left() + pad, cell.top(), number_w, half)
            counter = QRectF(cell.right() - pad - counter_w, cell.top() + half, counter_w, half)
            arrow = QRectF(
                cell.left() + pad, counter.top(), counter.left() - gap - cell.left() - pad, half
            )
        else:
            number = QRectF(cell.left() + pad, cell.top(), number_w, cell.height())
            counter = QRectF(cell.right() - pad - counter_w, cell.top(), counter_w, cell.height())
            arrow = QRectF(
                number.right() + gap,
                cell.top(),
                counter.left() - number.right() - 2 * gap,
                cell.height(),
            )
        return CellGeometry(cell, number, counter, arrow, size, stacked)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), paint.BACKGROUND)
        head, _, history = self._sections()
        self._paint_heads(painter, head)
        big = self.columns * self.big_rows
        for index, entry in enumerate(self.calls[:big]):
            self._paint_cell(painter, self.big_cell(index), entry, newest=index == 0)
        if not self.calls:
            painter.setPen(paint.MUTED)
            painter.setFont(paint.font(head.height() * 0.55))
            painter.drawText(
                self.rect().adjusted(0, int(head.height()), 0, 0),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("Calls to the counters will be shown here"),
            )
        if self.history_rows and len(self.calls) > big:  # no heading over an empty strip
            painter.setPen(paint.RULE)
            painter.drawLine(history.topLeft(), history.topRight())
            painter.setPen(paint.MUTED)
            painter.setFont(paint.font(history.height() * 0.13))
            painter.drawText(
                QRectF(
                    history.left() + 16,
                    history.top(),
                    history.width() - 32,
                    history.height() * 0.22,
                ),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.tr("Earlier calls"),
            )
            rest = self.calls[big : big + self.history_columns * self.history_rows]
            for index, entry in enumerate(rest):
                self._paint_cell(painter, self.history_cell(index), entry, newest=False, small=True)
        painter.end()
        self.painted.emit(self.seq)

    def _paint_heads(self, painter: QPainter, head: QRectF) -> None:
        ticket, counter = self.tr("Ticket"), self.tr("Counter")
        half = self.big_cell(0).cell.width() / 2 - head.height() * 0.4  # a gap between the two
        size = min(
            paint.fit_pixel_size(ticket, half, head.height() * 0.5),
            paint.fit_pixel_size(counter, half, head.height() * 0.5),
        )  # smaller in a narrow column rather than run together
        painter.setFont(paint.font(size, bold=True))
        painter.setPen(paint.MUTED)
        for column in range(self.columns):
            if column > 0 and len(self.calls) <= column * self.big_rows:
                break  # no call in this column yet: no headings over an empty space
            geometry = self.big_cell(column * self.big_rows)
            band = QRectF(geometry.cell.left(), head.top(), geometry.cell.width(), head.height())
            painter.drawText(
                QRectF(geometry.number.left(), band.top(), band.width() / 2, band.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                ticket,
            )
            painter.drawText(
                QRectF(
                    band.left() + band.width() / 2,
                    band.top(),
                    geometry.counter.right() - band.left() - band.width() / 2,
                    band.height(),
                ),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                counter,
            )

    def _paint_cell(
        self,
        painter: QPainter,
        g: CellGeometry,
        entry: CallEntry,
        newest: bool,
        small: bool = False,
    ) -> None:
        lit = newest and (self.blink_on or not entry.flashing(self._clock(), self.blink_s))
        if lit:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(paint.ACCENT)
            painter.drawRoundedRect(g.cell, 14, 14)
        elif not small:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(paint.PANEL)
            painter.drawRoundedRect(g.cell, 14, 14)
        painter.setPen(paint.ON_ACCENT if lit else (paint.MUTED if small else paint.TEXT))
        painter.setFont(paint.font(g.pixel_size, bold=True))
        painter.drawText(
            g.number, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.number
        )
        painter.drawText(
            g.counter,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(entry.counter_number),
        )
        painter.setFont(paint.font(g.pixel_size * _ARROW_SCALE))
        painter.drawText(g.arrow, Qt.AlignmentFlag.AlignCenter, _ARROW)


def arrow_width(pixel_size: float) -> float:
    """The arrow's ink across, for numbers of `pixel_size`."""
    return QFontMetricsF(paint.font(pixel_size * _ARROW_SCALE)).tightBoundingRect(_ARROW).width()
