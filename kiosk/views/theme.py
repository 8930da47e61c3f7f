"""Colours, sizes and fonts of the kiosk: every text colour pair is at least 7:1 contrast."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from hallserver.icons import CATALOGUE_ICONS
from kiosk.accessibility import Screen

STAFF_TOUCH_MM = 10.0  # a desk's buttons, for one trained hand

# role -> (text colour, background colour). Widgets carry a "role" property; the style sheet
# below is generated from this table, so the contrast test measures what is drawn.
PAIRS: dict[str, tuple[str, str]] = {
    "page": ("#111111", "#FFFFFF"),
    "muted": ("#333333", "#FFFFFF"),
    "tile": ("#FFFFFF", "#0B3D91"),
    "group": ("#0B1F44", "#DCE6F5"),
    "primary": ("#FFFFFF", "#0A5C23"),
    "priority": ("#FFFFFF", "#5A1470"),
    "secondary": ("#0B1F44", "#E6ECF5"),
    "chosen": ("#FFFFFF", "#111111"),
    "banner": ("#FFFFFF", "#8A0000"),
    "warning": ("#111111", "#FFE9A8"),
    "done": ("#FFFFFF", "#0A5C23"),  # a task the consultant asked for is done
    "disabled": ("#222222", "#D0D0D0"),
    "key": ("#111111", "#E6ECF5"),
    "number": ("#0B1F44", "#FFFFFF"),
}
ICONS = {  # one symbol per meaning, each drawn by a DejaVu font (tests/kiosk/test_icons.py)
    **CATALOGUE_ICONS,  # the catalogue's icon names
    # the kiosk's own
    "search": "⌕",
    "all-services": "☰",
    "priority": "★",  # the priority path: all three below
    "disabled": "♿",
    "elderly": "☂",  # the umbrella as a walking stick
    "pregnant": "♀",
    "appointment": "☎",
    "back": "←",
    "start-over": "↺",
}


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes for one screen, from its physical size."""

    touch: int  # the smallest touch target: 15 mm
    body: int  # body text in px
    title: int
    tile: int
    number: int  # the ticket number
    gap: int

    @classmethod
    def for_screen(cls, screen: Screen, *, staff: bool = False) -> Sizes:
        """Visitors' sizes; `staff` (the consultant's desk or tablet, held and used all day by
        one trained person) about two thirds of them, so a 10-inch tablet shows the whole desk."""
        touch = screen.px(STAFF_TOUCH_MM) if staff else screen.min_touch_px
        # ~8.5 mm: readable at arm's length with older eyes; staff read at half that distance
        body = max(20, screen.px(5.5)) if staff else max(30, screen.px(8.5))
        return cls(
            touch=touch,
            body=body,
            title=int(body * 1.5),
            tile=int(body * 1.1),
            number=int(body * 6.5),
            gap=max(12, touch // 4),
        )


def style_sheet(sizes: Sizes) -> str:
    rules = [
        f"QWidget {{ font-family: 'DejaVu Sans'; font-size: {sizes.body}px; }}",
        "QPushButton { border: 3px solid #0B1F44; border-radius: 14px; padding: 10px 18px; }",
        "QPushButton:pressed { border: 5px solid #000000; }",
        "QLineEdit { border: 3px solid #0B1F44; border-radius: 10px; padding: 8px; "
        "color: #111111; background: #FFFFFF; }",
    ]
    for role, (fg, bg) in PAIRS.items():
        rules.append(f'*[role="{role}"] {{ color: {fg}; background-color: {bg}; }}')
    rules += [
        f'*[textsize="title"] {{ font-size: {sizes.title}px; font-weight: bold; }}',
        f'*[textsize="tile"] {{ font-size: {sizes.tile}px; font-weight: bold; }}',
        f'*[textsize="number"] {{ font-size: {sizes.number}px; font-weight: bold; }}',
        f'*[textsize="big"] {{ font-size: {int(sizes.body * 1.25)}px; font-weight: bold; }}',
        '*[role="banner"], *[role="warning"], *[role="done"] '
        "{ border-radius: 10px; padding: 12px; }",
        'QLabel[role="priority"] { border-radius: 10px; padding: 6px 12px; }',
        'QPushButton[role="key"] { padding: 0px; }',  # a letter fills its key, never clipped
    ]
    return "\n".join(rules)


def apply(app: QApplication, sizes: Sizes) -> None:
    """The kiosk's palette (also what the contrast test reads), font and style sheet."""
    palette = QPalette()
    fg, bg = PAIRS["page"]
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Window, QColor(bg))
        palette.setColor(group, QPalette.ColorRole.WindowText, QColor(fg))
        palette.setColor(group, QPalette.ColorRole.Base, QColor(bg))
        palette.setColor(group, QPalette.ColorRole.Text, QColor(fg))
        palette.setColor(group, QPalette.ColorRole.Button, QColor(PAIRS["secondary"][1]))
        palette.setColor(group, QPalette.ColorRole.ButtonText, QColor(PAIRS["secondary"][0]))
    app.setPalette(palette)
    font = QFont("DejaVu Sans")
    font.setPixelSize(sizes.body)
    app.setFont(font)
    app.setStyleSheet(style_sheet(sizes))
