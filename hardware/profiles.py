"""Printer model profiles: code pages, native QR and paper width, from python-escpos's database."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any

from escpos import capabilities
from escpos.codepages import CodePages

from hardware.errors import PrinterConfigError

# python-escpos 3.1 knows KZ-1048 as "RK1048" but has no encoder for it: without this line it
# prints `?` for every Kazakh letter (see shared/HARDWARE.md).
CodePages.data["RK1048"].setdefault("python_encode", "kz1048")

DEFAULT_PROFILE = "TM-T20II"
TICKET_PROFILES = "TM-T20II (has KZ-1048), RP326 or POS-5890"  # to name where one is refused

#: The text code pages the ticket layout uses, best first, with the Python codec of each.
TEXT_CODE_PAGES: dict[str, str] = {
    "CP866": "cp866",
    "CP1251": "cp1251",
    "RK1048": "kz1048",
    "CP437": "cp437",
}

PAPER_DOTS = {80: 576, 58: 384}

FONT_A_WIDTH = 12  # dots; Font A is 12 x 24 on 203 dpi printers
FONT_A_HEIGHT = 24


@dataclass(frozen=True)
class PrinterProfile:
    """What the layout needs to know about one printer model on one paper width."""

    name: str
    width_dots: int
    code_pages: dict[str, int]  # code page name -> the number sent with ESC t
    native_qr: bool

    @property
    def columns(self) -> int:
        """Characters of Font A per line."""
        return self.width_dots // FONT_A_WIDTH

    def codec(self, page: str) -> str:
        """The Python codec of a code page this profile has."""
        return TEXT_CODE_PAGES[page]


def load_profile(name: str | None = None, *, paper_mm: int = 80) -> PrinterProfile:
    """The profile called ``name`` in python-escpos's database, for ``paper_mm`` paper.

    Raises PrinterConfigError naming the fix for an unknown profile or paper width.
    """
    if paper_mm not in PAPER_DOTS:
        raise PrinterConfigError(f"paper width {paper_mm} mm is not supported: use 80 or 58")
    profile_name = name or DEFAULT_PROFILE
    if profile_name not in _profiles():
        raise PrinterConfigError(
            f"unknown printer profile {profile_name!r}: use one from python-escpos, "
            f"e.g. {TICKET_PROFILES}"
        )
    data: dict[str, Any] = _profiles()[profile_name]
    pages: dict[str, int] = {}
    for number, page in sorted(data.get("codePages", {}).items(), key=lambda item: int(item[0])):
        if page in TEXT_CODE_PAGES and page not in pages:
            pages[page] = int(number)
    if not pages:  # e.g. AF-240, a customer display: said now, not at the first ticket
        model = data.get("name") or profile_name
        raise PrinterConfigError(
            f"printer profile {profile_name!r} ({model}) has no code page a ticket's text can "
            f"use ({', '.join(TEXT_CODE_PAGES)}): use a ticket printer's, e.g. {TICKET_PROFILES}"
        )
    media_dots = data.get("media", {}).get("width", {}).get("pixels")
    width = PAPER_DOTS[paper_mm]
    if isinstance(media_dots, int) and media_dots < width:
        width = media_dots if media_dots >= PAPER_DOTS[58] else width
    return PrinterProfile(
        name=profile_name,
        width_dots=width,
        code_pages=pages,
        native_qr=bool(data.get("features", {}).get("qrCode", False)),
    )


def profile_names() -> list[str]:
    """Every profile name python-escpos knows (`load_profile` refuses those with no text code
    page)."""
    return sorted(_profiles())


def codec_exists(codec: str) -> bool:
    """Whether Python has a codec of this name."""
    try:
        codecs.lookup(codec)
    except LookupError:
        return False
    return True


def _profiles() -> dict[str, dict[str, Any]]:
    profiles: dict[str, dict[str, Any]] = capabilities.CAPABILITIES["profiles"]
    return profiles
