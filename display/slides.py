"""The hall's own slides (opening hours, a new service, how to book) between the lines' pages."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QImage

log = logging.getLogger(__name__)
KINDS = (".png", ".jpg", ".jpeg")
MAX_SLIDES = 30  # a loop a visitor can see through while waiting, and memory a display can hold


class SlidesError(ValueError):
    """The slides folder cannot be used; the message says how to fix it."""


def load_slides(folder: Path) -> list[QImage]:
    """The PNG and JPEG pictures in `folder`, by file name; one that cannot be read is left out
    (and logged), a folder with none is refused."""
    if not folder.is_dir():
        raise SlidesError(f"slides: {folder} is not a folder; give one with PNG or JPEG pictures")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in KINDS and p.is_file())
    slides = []
    for path in files[:MAX_SLIDES]:
        image = QImage(str(path))
        if image.isNull():
            log.warning("slides: %s is not a picture Qt can read; left out", path.name)
            continue
        slides.append(image)
    if not slides:
        raise SlidesError(f"slides: {folder} holds no PNG or JPEG picture that can be read")
    if len(files) > MAX_SLIDES:
        log.warning("slides: only the first %d of %d pictures are shown", MAX_SLIDES, len(files))
    return slides
