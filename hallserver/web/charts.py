"""Small charts drawn as inline SVG on the server: no chart library, prints as crisply as text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 560
NARROW = 340  # a phone's: drawn for its width, the labels stay 13 px where 560 shrank them to 8
HEIGHT = 250
LEGEND_LINE = 16
BAR_H = 20  # a stacked row's bar
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 30, 44


@dataclass(frozen=True)
class Series:
    """One named row of values, drawn in one colour."""

    label: str
    values: Sequence[float | None]
    color: str


def _nice_max(value: float) -> float:
    if value <= 0:
        return 4.0
    # multiples of 4: the axis's quarter ticks stay whole numbers (people, minutes, counters),
    # not 1.25 or 0.75
    for step in (4, 8, 12, 20, 40, 60, 80, 100, 120, 200, 400, 600, 800, 1000, 2000, 4000):
        if value <= step:
            return float(step)
    return float(math.ceil(value / 1000) * 1000)


def _legend(series: Sequence[tuple[str, str]], y: float, width: int) -> tuple[str, int]:
    """The legend from `y` on, wrapped where the next entry would not fit in `width`; and how
    much taller than one line it came out."""
    parts: list[str] = []
    x, line = float(LEFT), 0
    for label, color in series:
        size = 28 + _units(label)
        if x > LEFT and x + size - 8 > width:
            x, line = float(LEFT), line + 1
        top = y + line * LEGEND_LINE
        parts.append(
            f'<rect x="{x}" y="{top - 9}" width="10" height="10" fill="{color}"/>'
            f'<text x="{x + 14}" y="{top}" class="lg">{escape(label)}</text>'
        )
        x += size
    return "".join(parts), line * LEGEND_LINE


WIDE = set("ЖШЩМЮФЫWMжшщмюыфmw")  # at 13 px DejaVu Sans: Ж 14.7 px, ш 11.3 px


def _units(text: str) -> float:
    """About how wide `text` is at 13 px, on the generous side: the font the chart asks for
    first (DejaVu Sans) is among the widest a phone or a printer may use instead."""
    return sum(_unit(c) for c in text)


def _unit(c: str) -> float:
    if c == " ":
        return 4.5
    if c.isupper():
        return 15.0 if c in WIDE else 11.5
    if c.isalpha():
        return 11.5 if c in WIDE else 8.5
    return 8.0


def _fit(text: str, room: float) -> str:
    """`text` whole when it fits `room` units, else cut with "…" where it does."""
    if _units(text) <= room:
        return text
    while text and _units(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _every(group_w: float) -> int:
    """Label every n-th category so that two-digit hours never touch: 20 units apiece."""
    return max(1, math.ceil(20 / group_w))


def _svg(title: str, inner: str, height: int, width: int) -> str:
    kind = "narrow" if width < WIDTH else "wide"
    return (
        f'<svg class="chart {kind}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
        "<style>text{font:13px 'DejaVu Sans',sans-serif;fill:#3d4852}"
        ".ax{stroke:#9aa5b0;stroke-width:1}.gr{stroke:#e3e7eb;stroke-width:1}</style>"
        f"{inner}</svg>"
    )


def decimal_text(value: float, comma: bool, digits: str = "g") -> str:
    """7.5, or 7,5 where the language writes a decimal comma (Kazakh, Russian)."""
    text = format(value, digits)
    return text.replace(".", ",") if comma else text


def _axis(y_max: float, unit: str, width: int, *, right: bool = False, comma: bool = False) -> str:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = []
    for i in range(5):
        value = y_max * i / 4
        y = TOP + plot_h - plot_h * i / 4
        label = decimal_text(value, comma)
        if right:
            parts.append(f'<text x="{width - RIGHT + 4}" y="{y + 4}">{label}</text>')
        else:
            parts.append(f'<line class="gr" x1="{LEFT}" x2="{width - RIGHT}" y1="{y}" y2="{y}"/>')
            parts.append(f'<text x="{LEFT - 4}" y="{y + 4}" text-anchor="end">{label}</text>')
    if right:  # units above the plot, clear of the top tick labels and of the edge
        parts.append(f'<text x="{width - 2}" y="14" text-anchor="end">{escape(unit)}</text>')
    else:
        parts.append(f'<text x="4" y="14">{escape(unit)}</text>')
    return "".join(parts)


def bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str,
    *,
    width: int = WIDTH,
    comma: bool = False,
) -> str:
    """Grouped bars: one group per category, one bar per series (`comma`: decimal commas)."""
    if not categories:
        return ""
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    y_max = _nice_max(max((v or 0.0 for s in series for v in s.values), default=0.0))
    group_w = plot_w / len(categories)
    bar_w = max(group_w * 0.8 / max(len(series), 1), 1.0)
    parts = [_axis(y_max, unit, width, comma=comma)]
    for i, category in enumerate(categories):
        x0 = LEFT + i * group_w + group_w * 0.1
        for j, s in enumerate(series):
            value = s.values[i] or 0.0
            h = plot_h * value / y_max
            parts.append(
                f'<rect x="{x0 + j * bar_w:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{s.color}"><title>{escape(category)} · '
                f"{escape(s.label)}: {decimal_text(value, comma)}\u00a0{escape(unit)}"
                "</title></rect>"
            )
        if i % _every(group_w) == 0:
            parts.append(
                f'<text x="{LEFT + (i + 0.5) * group_w:.1f}" y="{HEIGHT - BOTTOM + 14}" '
                f'text-anchor="middle">{escape(category)}</text>'
            )
    parts.append(
        f'<line class="ax" x1="{LEFT}" x2="{width - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/>'
    )
    legend, taller = _legend([(s.label, s.color) for s in series], HEIGHT - 6, width)
    parts.append(legend)
    return _svg(title, "".join(parts), HEIGHT + taller, width)


def bars_and_line(
    title: str,
    categories: Sequence[str],
    bar: Series,
    line: Series,
    bar_unit: str,
    line_unit: str,
    *,
    width: int = WIDTH,
    comma: bool = False,
) -> str:
    """Bars on the left axis, a line with dots on the right axis (e.g. arrivals vs counters)."""
    if not categories:
        return ""
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bar_max = _nice_max(max((v or 0.0 for v in bar.values), default=0.0))
    line_max = _nice_max(max((v or 0.0 for v in line.values), default=0.0))
    group_w = plot_w / len(categories)
    parts = [
        _axis(bar_max, bar_unit, width, comma=comma),
        _axis(line_max, line_unit, width, right=True, comma=comma),
    ]
    points = []
    for i, category in enumerate(categories):
        value = bar.values[i] or 0.0
        h = plot_h * value / bar_max
        x = LEFT + i * group_w
        parts.append(
            f'<rect x="{x + group_w * 0.15:.1f}" y="{TOP + plot_h - h:.1f}" '
            f'width="{group_w * 0.7:.1f}" height="{h:.1f}" fill="{bar.color}">'
            f"<title>{escape(category)} · {escape(bar.label)}: "
            f"{decimal_text(value, comma)}</title></rect>"
        )
        if i % _every(group_w) == 0:
            parts.append(
                f'<text x="{x + group_w / 2:.1f}" y="{HEIGHT - BOTTOM + 14}" '
                f'text-anchor="middle">{escape(category)}</text>'
            )
        other = line.values[i]
        if other is not None:
            cx, cy = x + group_w / 2, TOP + plot_h - plot_h * other / line_max
            points.append(f"{cx:.1f},{cy:.1f}")
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{line.color}">'
                f"<title>{escape(category)} · {escape(line.label)}: "
                f"{decimal_text(other, comma, '.1f')}</title></circle>"
            )
    if len(points) > 1:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{line.color}" '
            'stroke-width="2.5"/>'
        )
    parts.append(
        f'<line class="ax" x1="{LEFT}" x2="{width - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/>'
    )
    legend, taller = _legend([(bar.label, bar.color), (line.label, line.color)], HEIGHT - 6, width)
    parts.append(legend)
    return _svg(title, "".join(parts), HEIGHT + taller, width)


def stacked_rows(
    title: str,
    rows: Sequence[tuple[str, Sequence[float]]],
    parts_: Sequence[tuple[str, str]],
    *,
    width: int = WIDTH,
    comma: bool = False,
) -> str:
    """One horizontal bar per row, split into shares (e.g. ratings by operator)."""
    if not rows:
        return ""
    # a page's drawing: the name left of its bar; a phone's: above it, with the whole width
    above = width < WIDTH
    row_h = 44 if above else 28
    label_w = 8 if above else 220
    height = TOP + row_h * len(rows) + 34
    inner = []
    bar_w = width - label_w - 60
    for i, (label, values) in enumerate(rows):
        y = TOP + i * row_h
        total = sum(values)
        if above:
            room = width - 2 * label_w
            inner.append(f'<text x="{label_w}" y="{y + 11}">{escape(_fit(label, room))}</text>')
            y += 16
        else:
            inner.append(
                f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">'
                f"{escape(_fit(label, label_w - 10))}</text>"
            )
        x = float(label_w)
        for value, (name, color) in zip(values, parts_, strict=True):
            w = bar_w * value / total if total else 0.0
            if w > 0:
                inner.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{BAR_H}" '
                    f'fill="{color}"><title>{escape(label)} · {escape(name)}: '
                    f"{decimal_text(value, comma)}"
                    "</title></rect>"
                )
            x += w
        inner.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + 15}">{decimal_text(total, comma)}</text>'
        )
    legend, taller = _legend(parts_, height - 8, width)
    inner.append(legend)
    return _svg(title, "".join(inner), height + taller, width)
