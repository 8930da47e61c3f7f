"""Sizes and contrast for a touchscreen at arm's length: millimetres to pixels, WCAG contrast."""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_TOUCH_MM = 15.0  # the smallest touch target the issue allows
MIN_CONTRAST = 7.0  # WCAG AAA for normal text


@dataclass(frozen=True)
class Screen:
    """A physical screen: its diagonal in inches and its pixels (either orientation)."""

    diagonal_in: float = 21.5
    width_px: int = 1920
    height_px: int = 1080

    @property
    def dpi(self) -> float:
        return math.hypot(self.width_px, self.height_px) / self.diagonal_in

    def px(self, mm: float) -> int:
        """Pixels that span `mm` millimetres on this screen, rounded up."""
        return math.ceil(mm / 25.4 * self.dpi)

    @property
    def min_touch_px(self) -> int:
        return self.px(MIN_TOUCH_MM)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def hex_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)
