"""How many wait for each service and about how long; pages through when they don't all fit, and
through the hall's own slides after them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from display.board import text_in
from display.views import paint
from hallserver.protocol import QueueEntry, ServiceView

PAD = 24.0  # the panel's margin, left and right
COUNT_SCALE = 1.3  # the number waiting, bold, this much larger than the text
MOST_LINES = 3  # a name takes at most this many lines at the text's size
ROW_PAD = 0.4  # a row's space above and below its text, in the text's size


def _together(estimate: str) -> str:
    """An estimate that stays on one line: its numbers keep their sign and units."""
    return re.sub(r"(?<=[≈\d]) ", "\u00a0", estimate)


@dataclass(frozen=True)
class RowLayout:
    """How the panel's rows are drawn at its size, in its language, for its names.

    `stacked`: each name above its figures (a slim panel), else the figures beside it. Every
    name takes `lines` lines of `name_font`, and every row is `row_h` high.
    """

    stacked: bool
    name_font: QFont
    lines: int
    name_w: float
    count_w: float
    estimate_w: float
    row_h: float


class LinesPanel(QWidget):
    """Renders the zone's lines: service name, people waiting, the estimate for a new ticket.

    Text is `text_px` pixels (names and estimates; the number waiting larger), set by the
    window for the distance the hall is read from; rows are as high as the longest name needs.
    When there are more rows than fit, `next_page()` (driven by the window's timer) shows the
    next page. The hall's slides, if it has any, take turns after the lines' pages, each for
    one page's time, scaled to the panel.
    """

    def __init__(
        self, text_px: int = 46, parent: QWidget | None = None, slides: Sequence[QImage] = ()
    ) -> None:
        super().__init__(parent)
        self.text_px = text_px
        self.lang = "kk"
        self.rows: Sequence[tuple[ServiceView, QueueEntry]] = ()
        self.slides = list(slides)
        self._line_page = 0  # the lines' page shown, or the one before the slides
        self._slide: int | None = None  # the slide shown, if one is
        self._scaled: tuple[int, QSize, QImage] | None = None  # the slide drawn last, scaled
        self._row_layout: tuple[tuple[object, ...], RowLayout] | None = None  # and what it is for
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def show_lines(self, rows: Sequence[tuple[ServiceView, QueueEntry]], lang: str) -> None:
        self.rows = rows
        self.lang = lang
        self._line_page = min(self._line_page, self.line_pages - 1)  # a slide stays the slide
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._line_page = min(self._line_page, self.line_pages - 1)  # fewer rows fit a page
        super().resizeEvent(event)

    @property
    def page(self) -> int:
        """The page shown: the lines' pages first, then one per slide."""
        return self._line_page if self._slide is None else self.line_pages + self._slide

    @property
    def per_page(self) -> int:
        return max(1, int((self.height() - self._title_height()) // self.row_layout().row_h))

    @property
    def line_pages(self) -> int:
        return max(1, math.ceil(len(self.rows) / self.per_page))

    @property
    def pages(self) -> int:
        return self.line_pages + len(self.slides)

    @property
    def slide(self) -> QImage | None:
        """The slide shown now, or None while the lines are."""
        return self.slides[self._slide] if self._slide is not None else None

    def next_page(self) -> None:
        if self.pages <= 1:
            return
        if self._slide is not None:  # the next slide, or the lines again from their start
            following = self._slide + 1
            self._slide = following if following < len(self.slides) else None
            if self._slide is None:
                self._line_page = 0
        elif self._line_page + 1 < self.line_pages:
            self._line_page += 1
        elif self.slides:
            self._slide = 0
        else:
            self._line_page = 0
        self.update()

    def _title_height(self) -> float:
        return self.text_px * 1.7

    def estimate_text(self, entry: QueueEntry) -> str:
        if entry.unserved:  # paused counters come back: their estimate stands
            return self.tr("no counter open")
        minutes = max(1, math.ceil(entry.estimated_wait_s / 60))
        if minutes < 60:
            return _together(self.tr("≈ %n min", "", minutes))
        hours, rest = divmod(minutes, 60)
        text = self.tr("≈ %1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest))
        return _together(text)

    def estimate_of(self, entry: QueueEntry) -> str:
        return self.tr("suspended today") if entry.suspended else self.estimate_text(entry)

    # ------------------------------------------------------------------ geometry

    def text_font(self) -> QFont:
        """Names and estimates: the size the window chose for the hall's reading distance."""
        return paint.font(self.text_px)

    def count_font(self) -> QFont:
        return paint.font(self.text_px * COUNT_SCALE, bold=True)

    def row_layout(self) -> RowLayout:
        """The rows' layout for the panel's size, language and names (measured once for each).

        The figures go beside the names where the names then need no more lines than above
        them, else under them; every name is whole, in at most three lines of the text's size
        (smaller only where even three lines of a slim panel cannot hold the longest)."""
        names = tuple(text_in(service.name, self.lang) for service, _ in self.rows)
        key = (self.width(), self.height(), self.text_px, self.lang, names)
        if self._row_layout is not None and self._row_layout[0] == key:
            return self._row_layout[1]
        count_font = self.count_font()
        count_w = QFontMetricsF(count_font).horizontalAdvance("999")
        count_h = QFontMetricsF(count_font).height()
        inner = self.width() - 2 * PAD
        gap = self.text_px * 0.6
        size = float(self.text_px)
        chosen: RowLayout | None = None
        while chosen is None:
            font = paint.font(size)
            metrics = QFontMetricsF(font)
            line = metrics.height()
            # the widest estimate this language can show, on one line
            estimate_w = max(
                metrics.horizontalAdvance(_together(self.tr("≈ %n min", "", 59))),
                metrics.horizontalAdvance(
                    _together(self.tr("≈ %1 h %2 min").replace("%1", "9").replace("%2", "59"))
                ),
            )
            beside_w = inner - count_w - estimate_w - 2 * gap
            options = []
            if beside_w >= inner * 0.4:
                lines = _lines_needed(names, metrics, beside_w)
                options.append((max(lines * line, count_h), False, lines, beside_w))
            lines = _lines_needed(names, metrics, inner)
            options.append((lines * line + count_h, True, lines, inner))
            fitting = [option for option in options if option[2] <= MOST_LINES]
            if fitting or size <= self.text_px * 0.5:
                row, stacked, lines, name_w = min(fitting or options)
                chosen = RowLayout(
                    stacked, font, lines, name_w, count_w, estimate_w, row + self.text_px * ROW_PAD
                )
            size *= 0.92
        self._row_layout = (key, chosen)
        return chosen

    def row_boxes(self, index: int) -> tuple[QRectF, QRectF, QRectF]:
        """The name's, the count's and the estimate's boxes in the page's row `index`."""
        geometry = self.row_layout()
        top = self._title_height() + index * geometry.row_h
        inner_top = top + self.text_px * ROW_PAD / 2
        name_h = geometry.lines * QFontMetricsF(geometry.name_font).height()
        w = float(self.width())
        if geometry.stacked:
            figures_top = inner_top + name_h
            figures_h = geometry.row_h - self.text_px * ROW_PAD - name_h
            return (
                QRectF(PAD, inner_top, geometry.name_w, name_h),
                QRectF(PAD, figures_top, geometry.count_w, figures_h),
                QRectF(
                    PAD + geometry.count_w,
                    figures_top,
                    w - 2 * PAD - geometry.count_w,
                    figures_h,
                ),
            )
        content_h = geometry.row_h - self.text_px * ROW_PAD
        return (
            QRectF(PAD, inner_top, geometry.name_w, content_h),
            QRectF(
                w - PAD - geometry.estimate_w - geometry.count_w - self.text_px * 0.6,
                inner_top,
                geometry.count_w,
                content_h,
            ),
            QRectF(w - PAD - geometry.estimate_w, inner_top, geometry.estimate_w, content_h),
        )

    def name_lines(self, name: str) -> tuple[QFont, list[str]]:
        """A service's name as the panel draws it: its font and its lines."""
        geometry = self.row_layout()
        metrics = QFontMetricsF(geometry.name_font)
        return geometry.name_font, paint.wrap(name, metrics, geometry.name_w, geometry.lines)

    # ------------------------------------------------------------------ painting

    def _scaled_slide(self, index: int) -> QImage:
        """Slide `index` scaled to the panel, once per slide and size (a repaint of the same
        slide, each second for the clock's sake, scales nothing)."""
        cached = self._scaled
        if cached is None or cached[0] != index or cached[1] != self.size():
            scaled = self.slides[index].scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled = cached = (index, self.size(), scaled)
        return cached[2]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), paint.PANEL)
        if self._slide is not None:  # whole, as large as the panel allows, in its middle
            scaled = self._scaled_slide(self._slide)
            painter.drawImage(
                (self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2, scaled
            )
            painter.end()
            return
        w = float(self.width())
        title_h = self._title_height()
        painter.setPen(paint.TEXT)
        title = self.tr("Waiting now")
        if self.line_pages > 1:  # which page, as dots: a "1/2" read like a count of people
            title += "   " + "".join(
                "●" if page == self.page else "○" for page in range(self.line_pages)
            )
        # smaller in a slim panel rather than cut, and the page marker with it
        painter.setFont(
            paint.font(paint.fit_pixel_size(title, w - 2 * PAD, self.text_px * 1.05), True)
        )
        painter.drawText(QRectF(PAD, 0, w - 2 * PAD, title_h), Qt.AlignmentFlag.AlignVCenter, title)
        if not self.rows:
            painter.setPen(paint.MUTED)
            painter.setFont(self.text_font())
            painter.drawText(
                QRectF(PAD, title_h, w - 2 * PAD, self.height() - title_h),
                Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                self.tr("Nobody is waiting"),
            )
        geometry = self.row_layout()
        start = self.page * self.per_page
        for index, (service, entry) in enumerate(self.rows[start : start + self.per_page]):
            top = title_h + index * geometry.row_h
            painter.setPen(paint.RULE)
            painter.drawLine(int(PAD), int(top), int(w - PAD), int(top))
            name_box, count_box, estimate_box = self.row_boxes(index)
            painter.setPen(paint.TEXT)
            font, lines = self.name_lines(text_in(service.name, self.lang))
            self._draw_name(painter, lines, font, name_box, top=geometry.stacked)
            painter.setFont(self.count_font())
            painter.drawText(
                count_box,
                (Qt.AlignmentFlag.AlignLeft if geometry.stacked else Qt.AlignmentFlag.AlignRight)
                | Qt.AlignmentFlag.AlignVCenter,
                str(entry.waiting),
            )
            painter.setPen(paint.MUTED)
            estimate = self.estimate_of(entry)
            painter.setFont(self._status_font(estimate, estimate_box))
            painter.drawText(
                estimate_box,
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap,  # "no counter open" on two lines beside a long name
                estimate,
            )
        painter.end()

    def _status_font(self, text: str, box: QRectF) -> QFont:
        """The estimate's font: the text's size, smaller only for a status ("no counter open")
        whose words do not fit its box (an estimate always does: the box is made for it)."""
        size = float(self.text_px)
        while size > 8:
            metrics = QFontMetricsF(paint.font(size))
            most = max(1, int(box.height() // metrics.height()))
            if not paint.elided(paint.wrap(text, metrics, box.width(), most), text):
                break
            size *= 0.92
        return paint.font(size)

    def _draw_name(
        self, painter: QPainter, lines: list[str], font: QFont, box: QRectF, top: bool
    ) -> None:
        """The name's lines in the middle of its box, or from its top (above the figures)."""
        painter.setFont(font)
        line_h = QFontMetricsF(font).height()
        y = box.top() + (0 if top else (box.height() - line_h * len(lines)) / 2)
        for line in lines:
            painter.drawText(
                QRectF(box.left(), y, box.width(), line_h), Qt.AlignmentFlag.AlignVCenter, line
            )
            y += line_h


def _lines_needed(names: Sequence[str], metrics: QFontMetricsF, width: float) -> int:
    """The most lines any of `names` takes, wrapped whole to `width`."""
    most = 1
    for name in names:
        most = max(most, len(paint.wrap(name, metrics, width, 99)))
    return most
