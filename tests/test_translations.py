"""Every Kazakh and Russian translation of the three apps is found at run time, for any count.

lrelease accepts a plural message with fewer forms than Qt's rules for the language ask for, and
Qt then shows the English text: the wall display said "≈ 10 min" in Kazakh.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    ts
    for app in ("kiosk", "counter", "display")
    for ts in (ROOT / app / "i18n").glob(f"{app}_*.ts")
    if not ts.stem.endswith("_en")
)
COUNTS = (0, 1, 2, 3, 4, 5, 11, 21, 22, 25, 101)


@pytest.fixture(scope="module", autouse=True)
def _built() -> None:
    if any(
        not ts.with_suffix(".qm").exists()
        or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime
        for ts in SOURCES
    ):
        subprocess.run([str(ROOT / "scripts" / "build-translations")], check=True)


@pytest.mark.parametrize("source", SOURCES, ids=lambda ts: ts.stem)
def test_every_message_is_translated_for_every_count(source: Path) -> None:
    translator = QTranslator()
    assert translator.load(str(source.with_suffix(".qm")))
    missing = []
    for context in ET.parse(source).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            text = message.findtext("source") or ""
            counts = COUNTS if message.get("numerus") == "yes" else (-1,)
            for n in counts:
                if not translator.translate(name, text, None, n):
                    missing.append(f"{name}: {text!r} (n={n})")
    assert not missing, f"{source.name}: not found at run time: {missing}"
