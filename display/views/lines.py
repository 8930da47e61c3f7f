"""How many wait for each service and about how long; pages through when they don't all fit, and
through the hall's own slides after them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from display.board import text_in
from display.views import paint
from hallserver.protocol import QueueEntry, ServiceView

PAD = 24.0  # the panel's margin, left and right
COUNT_SCALE = 1.3  # the number waiting, bold, this much larger than the text
MOST_LINES = 3  # a name takes at most this many lines at the text's size
ROW_PAD = 0.5  # a row's space above and below its text (half each), in the text's size
HEAD_SCALE = 0.6  # the figures' columns' headings, of the text's size
CLEAR = 0.08  # the least space between the figures' ink and the name's, in the text's size


def _together(estimate: str) -> str:
    """An estimate that stays on one line: its numbers keep their sign and units."""
    return re.sub(r"(?<=[≈\d]) ", "\u00a0", estimate)


@dataclass(frozen=True)
class RowShape:
    """One row: its name's lines (wrapped to `name_w`), whether its figures end the name's last
    line or have a line of their own right under it (`figures_h` high), the height of a status
    too long to stand beside the number (0 if none: it goes under the figures' line, across the
    row, in one line or two), and the row's height with its padding."""

    lines: tuple[str, ...]
    name_w: float
    under: bool
    figures_h: float
    status_h: float
    height: float


@dataclass(frozen=True)
class RowLayout:
    """How the panel's rows are drawn at its size, in its language, for its names.

    Every name is in `name_font`; each row is as high as its own name and figures need. The
    figures keep two columns at the right (the number waiting, `count_w`, and the estimate,
    `estimate_w`) under the columns' small headings; on their own line their baseline is `rise`
    under its top, room for the number's capitals clear of the name above. `pages` are the rows
    each page shows.
    """

    name_font: QFont
    count_w: float
    estimate_w: float
    rise: float
    shapes: tuple[RowShape, ...]
    pages: tuple[range, ...]


class LinesPanel(QWidget):
    """Renders the zone's lines: service name, people waiting, the estimate for a new ticket.

    Text is `text_px` pixels (names and estimates; the number waiting larger), set by the
    window for the distance the hall is read from; each row is as high as its own name needs.
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
    def line_pages(self) -> int:
        return len(self.row_layout().pages)

    def page_rows(self, page: int | None = None) -> range:
        """The rows (their indexes in `rows`) that a page of the lines shows: the one shown."""
        pages = self.row_layout().pages
        chosen = self._line_page if page is None else page
        return pages[min(chosen, len(pages) - 1)]

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

    def _heads_height(self) -> float:
        """The columns' headings' band, under the title (none over an empty list)."""
        return self.text_px * HEAD_SCALE * 1.5 if self.rows else 0.0

    def _rows_top(self) -> float:
        return self._title_height() + self._heads_height()

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
        """The rows' layout for the panel's size, language, names and estimates (measured once
        for each).

        A row's figures end its name's last line, on its baseline, where that line leaves them
        room (the name wrapped across the panel, or clear of the figures' columns if that takes
        no more lines than a line of their own would); else they have a line of their own right
        under the name. Every name is whole, in at most three lines of the text's size (smaller
        only where even three lines of a slim panel cannot hold the longest). Pages take as
        many rows as their heights allow."""
        names = tuple(text_in(service.name, self.lang) for service, _ in self.rows)
        figures = tuple(self.estimate_of(entry) for _, entry in self.rows)
        key = (self.width(), self.height(), self.text_px, self.lang, names, figures)
        if self._row_layout is not None and self._row_layout[0] == key:
            return self._row_layout[1]
        count_metrics = QFontMetricsF(self.count_font())
        count_w = count_metrics.horizontalAdvance("999")
        inner = self.width() - 2 * PAD
        gap = self.text_px * 0.6
        text_metrics = QFontMetricsF(self.text_font())
        # the number's capitals (the tallest of the figures), clear of the name's ink above
        rise = count_metrics.capHeight() + self.text_px * CLEAR
        own_line = rise + text_metrics.descent()
        # the widest estimate shown, never narrower than "≈ 59 min": each on one line; a status
        # ("no counter open") beside the number if it fits on one line in nearly half the
        # panel, else on its own line(s) under the number, across the row, at the text's size
        widths = [text_metrics.horizontalAdvance(text) for text in figures]
        beside = [
            text.startswith("≈") or width <= inner * 0.45
            for text, width in zip(figures, widths, strict=True)
        ]
        estimate_w = max(
            [
                text_metrics.horizontalAdvance(_together(self.tr("≈ %n min", "", 59))),
                *(width for width, fits in zip(widths, beside, strict=True) if fits),
            ]
        )
        status_hs = [
            0.0 if fits else (1 if width <= inner else 2) * text_metrics.height()
            for width, fits in zip(widths, beside, strict=True)
        ]
        figures_w = count_w + gap + estimate_w + gap
        # the figures' columns from the name's left, and how high their ink stands, clear
        est_rise = self.text_px * CLEAR - min(
            text_metrics.tightBoundingRect(text).top()
            for text, fits in zip(("≈ 59", *figures), (True, *beside), strict=True)
            if fits
        )
        columns = (
            (inner - figures_w + gap, inner - estimate_w - gap, rise),
            (inner - estimate_w, inner, est_rise),
        )
        size = float(self.text_px)
        while True:
            font = paint.font(size)
            metrics = QFontMetricsF(font)
            line = metrics.height()
            shapes = []
            for name, status_h in zip(names, status_hs, strict=True):
                across = paint.wrap(name, metrics, inner, 99)
                clear = paint.wrap(name, metrics, inner - figures_w, 99)
                if metrics.horizontalAdvance(across[-1]) <= inner - figures_w and self._clear_of(
                    across, metrics, columns
                ):
                    lines, name_w, under = across, inner, False
                elif (
                    len(clear) <= len(across) + 1
                    and not paint.elided(clear, name)
                    and self._clear_of(clear, metrics, columns)
                ):
                    lines, name_w, under = clear, inner - figures_w, False
                else:
                    lines, name_w, under = across, inner, True
                figures_h = own_line if under else line
                rows_h = (
                    (len(lines) - (not under)) * line
                    + figures_h
                    + status_h
                    + self.text_px * ROW_PAD
                )
                shapes.append(RowShape(tuple(lines), name_w, under, figures_h, status_h, rows_h))
            fit = all(
                len(shape.lines) <= MOST_LINES and not paint.elided(list(shape.lines), name)
                for shape, name in zip(shapes, names, strict=True)
            )
            if fit or size <= self.text_px / 2:
                break
            size *= 0.92
        room = self.height() - self._rows_top()
        pages: list[range] = []
        first, used = 0, 0.0
        for index, shape in enumerate(shapes):
            if index > first and used + shape.height > room:
                pages.append(range(first, index))
                first, used = index, 0.0
            used += shape.height
        pages.append(range(first, len(shapes)))
        chosen = RowLayout(font, count_w, estimate_w, rise, tuple(shapes), tuple(pages))
        self._row_layout = (key, chosen)
        return chosen

    def _clear_of(
        self,
        lines: list[str],
        metrics: QFontMetricsF,
        columns: Sequence[tuple[float, float, float]],
    ) -> bool:
        """Whether figures on the name's last line, on its baseline, stand clear of the line
        above it: each column (its left and right from the name's left, and how high its ink
        stands above the baseline with the clearance) of the letters of that line over it (a
        descender elsewhere is no matter), or of the row's rule over a name of one line."""
        line = metrics.height()
        base = (line - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()
        if len(lines) == 1:
            return all(base + self.text_px * ROW_PAD / 2 >= rise for _, _, rise in columns)
        above = lines[-2]
        ends = [metrics.horizontalAdvance(above[: i + 1]) for i in range(len(above))]
        for left, right, rise in columns:
            over = "".join(
                char
                for char, end, start in zip(above, ends, [0.0, *ends], strict=False)
                if end > left and start < right
            )
            if (
                over.strip()
                and base - rise < base - line + metrics.tightBoundingRect(over).bottom()
            ):
                return False
        return True

    def row_top(self, index: int) -> float:
        """The top of row `index` (of `rows`) on its page, where its rule is drawn."""
        geometry = self.row_layout()
        page = next(rows for rows in geometry.pages if index in rows)
        return self._rows_top() + sum(geometry.shapes[i].height for i in range(page.start, index))

    def _columns(self) -> tuple[float, float]:
        """The left edges of the number's column and the estimate's."""
        geometry = self.row_layout()
        estimate_left = self.width() - PAD - geometry.estimate_w
        return estimate_left - self.text_px * 0.6 - geometry.count_w, estimate_left

    def row_boxes(self, index: int) -> tuple[QRectF, QRectF, QRectF]:
        """The name's, the count's and the estimate's boxes of row `index` (of `rows`), on its
        page: the figures' boxes are the name's last line or a line of their own under it; a
        status too long to stand beside the number has the lines under them, across the row."""
        geometry = self.row_layout()
        shape = geometry.shapes[index]
        line = QFontMetricsF(geometry.name_font).height()
        name_top = self.row_top(index) + self.text_px * ROW_PAD / 2
        figures_top = name_top + (len(shape.lines) - (not shape.under)) * line
        count_left, estimate_left = self._columns()
        if shape.status_h:
            estimate = QRectF(
                PAD, figures_top + shape.figures_h, self.width() - 2 * PAD, shape.status_h
            )
        else:
            estimate = QRectF(estimate_left, figures_top, geometry.estimate_w, shape.figures_h)
        return (
            QRectF(PAD, name_top, shape.name_w, len(shape.lines) * line),
            QRectF(count_left, figures_top, geometry.count_w, shape.figures_h),
            estimate,
        )

    def figures_baseline(self, index: int) -> float:
        """The baseline of row `index`'s number and estimate: the name's last line's, or on a
        line of their own, the number's capitals clear of the name above."""
        geometry = self.row_layout()
        _, count_box, _ = self.row_boxes(index)
        if geometry.shapes[index].under:
            return count_box.top() + geometry.rise
        metrics = QFontMetricsF(geometry.name_font)
        return (
            count_box.top()
            + (metrics.height() - metrics.ascent() - metrics.descent()) / 2
            + metrics.ascent()
        )

    def name_lines(self, index: int) -> tuple[QFont, list[str]]:
        """Row `index`'s service name as the panel draws it: its font and its lines."""
        geometry = self.row_layout()
        return geometry.name_font, list(geometry.shapes[index].lines)

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
        if self.rows:
            self._paint_heads(painter)
        for index in self.page_rows():
            _, entry = self.rows[index]
            top = self.row_top(index)
            painter.setPen(paint.RULE)
            painter.drawLine(int(PAD), int(top), int(w - PAD), int(top))
            name_box, count_box, estimate_box = self.row_boxes(index)
            painter.setPen(paint.TEXT)
            font, lines = self.name_lines(index)
            self._draw_name(painter, lines, font, name_box)
            # the number larger, on the name's baseline or on its own line's, clear of the name
            baseline = self.figures_baseline(index)
            count = str(entry.waiting)
            count_font = self.count_font()
            painter.setFont(count_font)
            painter.drawText(
                QPointF(
                    count_box.right() - QFontMetricsF(count_font).horizontalAdvance(count),
                    baseline,
                ),
                count,
            )
            painter.setPen(paint.MUTED)
            estimate = self.estimate_of(entry)
            if self.row_layout().shapes[index].status_h:  # under the number, at the text's size
                painter.setFont(self._status_font(estimate, estimate_box))
                painter.drawText(
                    estimate_box,
                    Qt.AlignmentFlag.AlignRight
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap,
                    estimate,
                )
            else:  # on the number's baseline
                text_font = self.text_font()
                painter.setFont(text_font)
                painter.drawText(
                    QPointF(
                        estimate_box.right() - QFontMetricsF(text_font).horizontalAdvance(estimate),
                        baseline,
                    ),
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

    def _paint_heads(self, painter: QPainter) -> None:
        """The figures' columns named, small, over them: as the calls' "Ticket" and "Counter"."""
        count_left, estimate_left = self._columns()
        geometry = self.row_layout()
        count_right, estimate_w = count_left + geometry.count_w, geometry.estimate_w
        waiting, wait = self.tr("People"), self.tr("Wait")
        gap = self.text_px * 0.3
        size = min(
            self.text_px * HEAD_SCALE,
            paint.fit_pixel_size(wait, estimate_w + gap, self.text_px),
            paint.fit_pixel_size(waiting, count_right - PAD, self.text_px),
        )
        painter.setFont(paint.font(size, bold=True))
        painter.setPen(paint.MUTED)
        band_top, band_h = self._title_height(), self._heads_height()
        painter.drawText(
            QRectF(PAD, band_top, count_right - PAD, band_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            waiting,
        )
        painter.drawText(
            QRectF(estimate_left - gap, band_top, estimate_w + gap, band_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            wait,
        )

    def _draw_name(self, painter: QPainter, lines: list[str], font: QFont, box: QRectF) -> None:
        """The name's lines, from its box's top."""
        painter.setFont(font)
        line_h = QFontMetricsF(font).height()
        y = box.top()
        for line in lines:
            painter.drawText(
                QRectF(box.left(), y, box.width(), line_h), Qt.AlignmentFlag.AlignVCenter, line
            )
            y += line_h
