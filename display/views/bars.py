"""The header (hall name, date, clock, connection banner) and the announcement line."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QEvent, QLocale, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from display.views import paint

LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}


class HeaderBar(QWidget):
    """Hall name on the left, clock and date on the right; a discreet banner when offline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall_name = ""
        self.lang = "kk"
        self.now: datetime | None = None
        self.offline = True  # until the hall server first answers: an empty board is no news
        self.ever_online = False
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)

    def offline_text(self) -> str:
        if not self.ever_online:
            return self.tr("Connecting to the hall server…")
        return self.tr("No connection to the hall server: showing the last information")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), paint.BACKGROUND)
        w, h = float(self.width()), float(self.height())
        pad = 24.0
        clock_w = h * 2.6
        if self.now is not None:
            painter.setPen(paint.TEXT)
            painter.setFont(paint.font(h * 0.5, bold=True))
            painter.drawText(
                QRectF(w - pad - clock_w, 0, clock_w, h * 0.66),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                self.now.strftime("%H:%M"),
            )
            locale = QLocale(LOCALES.get(self.lang, "kk_KZ"))
            date = QDate(self.now.year, self.now.month, self.now.day)
            painter.setPen(paint.MUTED)
            painter.setFont(paint.font(h * 0.2))
            painter.drawText(
                QRectF(w - pad - clock_w * 1.6, h * 0.66, clock_w * 1.6, h * 0.3),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                locale.toString(date, "d MMMM, dddd"),
            )
        name_w = w - 3 * pad - clock_w * 1.6
        banner_h = h * 0.26
        name_h = h - banner_h - h * 0.04 if self.offline else h  # the banner goes beneath
        # the largest size that shows the whole name above the banner, in two lines, or three
        # at the smallest (a long Russian name beside the clock of a portrait screen)
        for factor, most in (
            (0.27, 2), (0.23, 2), (0.2, 2), (0.17, 2), (0.17, 3), (0.14, 2), (0.12, 2)
        ):  # fmt: skip
            name_font = paint.font(h * factor, bold=True)
            metrics = QFontMetricsF(name_font)
            lines = paint.wrap(self.hall_name, metrics, name_w, most)
            whole = not lines or not lines[-1].endswith("…")
            if whole and metrics.height() * len(lines) <= name_h:
                break
        painter.setPen(paint.TEXT)
        painter.setFont(name_font)
        y = (name_h - metrics.height() * len(lines)) / 2
        for line in lines:
            painter.drawText(
                QRectF(pad, y, name_w, metrics.height()), Qt.AlignmentFlag.AlignVCenter, line
            )
            y += metrics.height()
        if self.offline:
            banner_font = paint.font(h * 0.17)
            text = self.offline_text()
            text_w = QFontMetricsF(banner_font).horizontalAdvance(text) + 32
            banner = QRectF(pad, h - banner_h - h * 0.04, min(text_w, name_w), banner_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(paint.WARNING)
            painter.drawRoundedRect(banner, 8, 8)
            painter.setPen(paint.TEXT)
            painter.setFont(banner_font)
            painter.drawText(banner, Qt.AlignmentFlag.AlignCenter, text)
        painter.setPen(paint.RULE)
        painter.drawLine(0, int(h) - 1, int(w), int(h) - 1)
        painter.end()


class TickerBar(QWidget):
    """The hall's announcement line; scrolls when longer than the screen is wide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.offset = 0.0
        # where each text was when the screen changed language: a long one goes on from there
        # when its language comes back, so its end is read too, not only what fits one turn
        self._offsets: dict[str, float] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_text(self, text: str) -> None:
        if text != self.text:
            if self.text:
                self._offsets[self.text] = self.offset
            if len(self._offsets) > 6:  # the languages' texts, and no old announcements
                del self._offsets[next(iter(self._offsets))]
            self.text = text
            self.offset = self._offsets.pop(text, 0.0)
            self.update()

    def scrolls(self) -> bool:
        return self.text_width() > self.width() - 48

    def text_width(self) -> float:
        return QFontMetricsF(paint.font(self.height() * 0.45)).horizontalAdvance(self.text)

    def step(self, pixels: float) -> None:
        """Move the scrolling text on (called by the window's ticker timer)."""
        if self.scrolls():
            self.offset = (self.offset + pixels) % (self.text_width() + self.width() / 2)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), paint.ACCENT)
        painter.setPen(paint.ON_ACCENT)
        painter.setFont(paint.font(self.height() * 0.45))
        h = float(self.height())
        if not self.scrolls():
            painter.drawText(
                QRectF(24, 0, self.width() - 48, h), Qt.AlignmentFlag.AlignVCenter, self.text
            )
        else:
            span = self.text_width() + self.width() / 2
            x = 24 - self.offset
            while x < self.width():
                painter.drawText(
                    QRectF(x, 0, self.text_width() + 4, h), Qt.AlignmentFlag.AlignVCenter, self.text
                )
                x += span
        painter.end()
