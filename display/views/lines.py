"""How many wait for each service and about how long; pages through when they don't all fit, and
through the hall's own slides after them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from display.board import text_in
from display.views import paint
from hallserver.protocol import QueueEntry, ServiceView

NARROW_PX = 560  # narrower than this, a panel puts each name above its figures
PAD = 24.0  # the panel's margin, left and right
NARROW_ROW = 1.55  # a slim panel's row, in row heights: two lines of name, then the figures


def _together(estimate: str) -> str:
    """An estimate whose numbers keep their sign and units: "≈ 1 h" and "30 min" may go on two
    lines in a narrow column, "≈" alone or "min" alone never."""
    return re.sub(r"(?<=[≈\d]) ", "\u00a0", estimate)


class LinesPanel(QWidget):
    """Renders the zone's lines: service name, people waiting, the estimate for a new ticket.

    Rows are `row_height` pixels; when there are more rows than fit, `next_page()` (driven
    by the window's timer) shows the next page. The hall's slides, if it has any, take turns
    after the lines' pages, each for one page's time, scaled to the panel.
    """

    def __init__(
        self, row_height: int, parent: QWidget | None = None, slides: Sequence[QImage] = ()
    ) -> None:
        super().__init__(parent)
        self.row_height = row_height
        self.lang = "kk"
        self.rows: Sequence[tuple[ServiceView, QueueEntry]] = ()
        self.slides = list(slides)
        self._line_page = 0  # the lines' page shown, or the one before the slides
        self._slide: int | None = None  # the slide shown, if one is
        self._scaled: tuple[int, QSize, QImage] | None = None  # the slide drawn last, scaled
        self._estimate_w: tuple[tuple[int, int, str], float] | None = None  # and what it is for
        # the names' font, for the names and the box it was chosen for
        self._names_font: tuple[tuple[tuple[str, ...], float, float], QFont, int] | None = None
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
    def narrow(self) -> bool:
        """A slim side panel: each name above its figures, on up to two lines of its own."""
        return self.width() < NARROW_PX

    @property
    def row_step(self) -> float:
        """The height of one line's row: a slim panel's rows are taller, for the names' sake."""
        return self.row_height * (NARROW_ROW if self.narrow else 1.0)

    @property
    def per_page(self) -> int:
        return max(1, int((self.height() - self._title_height()) // self.row_step))

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
        return self.row_height * 0.9

    def estimate_text(self, entry: QueueEntry) -> str:
        if entry.unserved:  # paused counters come back: their estimate stands
            return self.tr("no counter open")
        minutes = max(1, math.ceil(entry.estimated_wait_s / 60))
        if minutes < 60:
            return _together(self.tr("≈ %n min", "", minutes))
        hours, rest = divmod(minutes, 60)
        text = self.tr("≈ %1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest))
        return _together(text)

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
        pad = PAD
        painter.setPen(paint.TEXT)
        title = self.tr("Waiting now")
        if self.line_pages > 1:  # which page, as dots: a "1/2" read like a count of people
            title += "   " + "".join(
                "●" if page == self.page else "○" for page in range(self.line_pages)
            )
        # smaller in a slim panel rather than cut, and the page marker with it
        painter.setFont(paint.font(paint.fit_pixel_size(title, w - 2 * pad, title_h * 0.46), True))
        painter.drawText(QRectF(pad, 0, w - 2 * pad, title_h), Qt.AlignmentFlag.AlignVCenter, title)
        if not self.rows:
            painter.setPen(paint.MUTED)
            painter.setFont(paint.font(self.row_height * 0.32))
            painter.drawText(
                QRectF(pad, title_h, w - 2 * pad, self.row_height),
                Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                self.tr("Nobody is waiting"),
            )
        narrow = self.narrow  # the name above, the figures below it
        step = self.row_step
        count_w = self.row_height * (0.9 if narrow else 1.2)
        estimate_w = w - 2 * pad - count_w if narrow else self._estimate_width()
        name_w, name_h = self.name_box()
        names = [text_in(service.name, self.lang) for service, _ in self.rows]
        names_font, most = self.names_font(names, name_w, name_h)
        start = self.page * self.per_page
        for index, (service, entry) in enumerate(self.rows[start : start + self.per_page]):
            top = title_h + index * step
            painter.setPen(paint.RULE)
            painter.drawLine(int(pad), int(top), int(w - pad), int(top))
            painter.setPen(paint.TEXT)
            self._draw_name(
                painter,
                paint.wrap(
                    text_in(service.name, self.lang), QFontMetricsF(names_font), name_w, most
                ),
                names_font,
                QRectF(pad, top, name_w, name_h),
            )
            figures_top = top + (step - self.row_height * 0.55 if narrow else 0)
            figures_h = self.row_height * (0.55 if narrow else 1)
            painter.setFont(paint.font(self.row_height * (0.4 if narrow else 0.5), bold=True))
            painter.drawText(
                QRectF(pad if narrow else pad + name_w, figures_top, count_w, figures_h),
                (Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag.AlignRight)
                | Qt.AlignmentFlag.AlignVCenter,
                str(entry.waiting),
            )
            painter.setPen(paint.MUTED)
            painter.setFont(self._status_font(self._estimate_of(entry), estimate_w))
            painter.drawText(
                QRectF(w - pad - estimate_w, figures_top, estimate_w, figures_h),
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap,  # "no counter open" on two lines
                self._estimate_of(entry),
            )
        painter.end()

    def _status_font(self, text: str, width: float) -> QFont:
        """The estimate's font: its size, unless a word of it is wider than the column."""
        size = self.row_height * 0.26
        for word in text.split(" "):
            size = min(size, paint.fit_pixel_size(word, width, size, bold=False))
        return paint.font(size)

    def _estimate_of(self, entry: QueueEntry) -> str:
        return self.tr("suspended today") if entry.suspended else self.estimate_text(entry)

    def _estimate_width(self) -> float:
        """What the widest estimate could need in this language, at most 30% of the panel:
        the names have the rest (a fixed 30% left them too little, and a long one came out
        smaller than the others). Not what is shown now, or the names would move as it
        changes. An estimate may wrap onto two lines ("≈ 1 h" over "30 min"); "no counter
        open" and "suspended today" wrap too, smaller if a word of theirs must (`_status_font`)."""
        key = (self.width(), self.row_height, self.lang)  # measured once for each of these
        if self._estimate_w is None or self._estimate_w[0] != key:
            metrics = QFontMetricsF(paint.font(self.row_height * 0.26))
            longest = [
                _together(self.tr("≈ %n min", "", 59)),
                _together(self.tr("≈ %1 h %2 min").replace("%1", "9").replace("%2", "59")),
            ]
            pieces = [piece for text in longest for piece in text.split(" ")]  # it may wrap there
            widest = max(metrics.horizontalAdvance(piece) for piece in pieces)
            room = min(widest + metrics.averageCharWidth(), self.width() * 0.3)
            self._estimate_w = (key, room)
        return self._estimate_w[1]

    def name_box(self) -> tuple[float, float]:
        """The width and height a service's name has in its row."""
        w, pad = float(self.width()), PAD
        if self.narrow:
            return w - 2 * pad, self.row_step - self.row_height * 0.55
        count_w = self.row_height * 1.2
        return w - 2 * pad - count_w - self._estimate_width() - 16, float(self.row_height)

    def names_font(self, names: Sequence[str], width: float, height: float) -> tuple[QFont, int]:
        """One font for every name in the panel, and how many lines a name may take: the
        largest at which all of them are whole (two lines at the row's size, else three smaller
        ones when they fit the height). A panel of names in three sizes looked untidy."""
        key = (tuple(names), width, height)
        if self._names_font is not None and self._names_font[0] == key:
            return self._names_font[1], self._names_font[2]
        chosen = (paint.font(self.row_height * 0.27), 2)
        for size, lines in ((0.27, 2), (0.23, 3), (0.2, 3)):
            candidate = paint.font(self.row_height * size)
            metrics = QFontMetricsF(candidate)
            if lines * metrics.height() > height:
                continue  # three lines of this size do not fit the row
            chosen = (candidate, lines)
            if all(not paint.elided(paint.wrap(n, metrics, width, lines), n) for n in names):
                break
        self._names_font = (key, *chosen)
        return chosen

    def name_lines(self, name: str, width: float, height: float) -> tuple[QFont, list[str]]:
        """A service's name in the panel's one font for names (`names_font`)."""
        names = [text_in(service.name, self.lang) for service, _ in self.rows] or [name]
        font, lines = self.names_font(names, width, height)
        return font, paint.wrap(name, QFontMetricsF(font), width, lines)

    def _draw_name(self, painter: QPainter, lines: list[str], font: QFont, box: QRectF) -> None:
        painter.setFont(font)
        line_h = QFontMetricsF(font).height()
        y = box.top() + (box.height() - line_h * len(lines)) / 2
        for line in lines:
            painter.drawText(
                QRectF(box.left(), y, box.width(), line_h), Qt.AlignmentFlag.AlignVCenter, line
            )
            y += line_h
