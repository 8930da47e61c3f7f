"""Each symbol on the kiosk means one thing, and a bundled font draws it (no empty box)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QApplication

from hallserver.catalogue_file import demo_catalogue
from kiosk.views.theme import ICONS

# the fonts the kiosk's machine has (fonts-dejavu-core); Qt falls back among them
BUNDLED = ("DejaVu Sans", "DejaVu Sans Mono", "DejaVu Serif")


def test_no_two_meanings_share_a_symbol() -> None:
    meanings: dict[str, list[str]] = {}
    for meaning, symbol in ICONS.items():
        meanings.setdefault(symbol, []).append(meaning)
    shared = {symbol: names for symbol, names in meanings.items() if len(names) > 1}
    assert not shared, f"one symbol, several meanings: {shared}"


def test_every_symbol_is_drawn_by_a_bundled_font_in_regular_and_bold(qapp: QApplication) -> None:
    fonts = []
    for family in BUNDLED:
        for bold in (False, True):
            font = QFont(family)
            font.setPixelSize(40)
            font.setBold(bold)
            raw = QRawFont.fromFont(font)
            assert raw.familyName() == family, f"{family} is not installed"
            fonts.append(raw)
    for meaning, symbol in ICONS.items():
        drawn = [f for f in fonts if f.supportsCharacter(ord(symbol))]
        assert drawn, f"{meaning}: {symbol!r} (U+{ord(symbol):04X}) would be an empty box"


def test_every_icon_the_demo_catalogue_names_has_its_symbol() -> None:
    catalogue = demo_catalogue()
    named = {s.icon for s in catalogue.services} | {g.icon for g in catalogue.groups}
    missing = sorted(n for n in named if n and n not in ICONS)
    assert not missing, f"shown as a bare dot: {missing}"
