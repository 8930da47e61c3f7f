"""Colours, fonts and text fitting shared by the display's panels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

BACKGROUND = QColor("#0b1d2e")
PANEL = QColor("#12283d")
RULE = QColor("#2c4a66")
TEXT = QColor("#ffffff")
MUTED = QColor("#b9c9d8")
ACCENT = QColor("#ffc21a")  # the newest call: dark text on amber, contrast about 12:1
ON_ACCENT = QColor("#0b1d2e")
WARNING = QColor("#8a2a1f")
FAMILY = "DejaVu Sans"


def font(pixel_size: float, bold: bool = False, condensed: bool = False) -> QFont:
    f = QFont(FAMILY)
    f.setPixelSize(max(1, int(pixel_size)))
    f.setBold(bold)
    if condensed:
        f.setStretch(QFont.Stretch.SemiCondensed)
    return f


def fit_pixel_size(text: str, width: float, height: float, bold: bool = True) -> float:
    """The largest pixel size at which `text` fits `width`, at most `height`."""
    probe = 100.0
    advance = QFontMetricsF(font(probe, bold)).horizontalAdvance(text)
    if advance <= 0:
        return height
    return max(1.0, min(height, probe * width / advance))


def elided(lines: list[str], text: str) -> bool:
    """Whether `wrap` had to cut `text` to fit these lines."""
    return " ".join(lines).split() != text.split()


def wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most `max_lines`; the last line is elided if text remains."""
    words = text.split()
    lines: list[str] = []
    current = ""
    while words:
        candidate = f"{current} {words[0]}".strip()
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            words.pop(0)
            continue
        if len(lines) == max_lines - 1:  # the last line: what remains is elided into it
            break
        lines.append(current)
        current = ""
    rest = " ".join([current, *words]).strip()
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return [line for line in lines if line][:max_lines]
