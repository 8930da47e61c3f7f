"""The hall's own slides (opening hours, a new service, how to book) between the lines' pages."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader

log = logging.getLogger(__name__)
KINDS = (".png", ".jpg", ".jpeg")
MAX_SLIDES = 30  # a loop a visitor can see through while waiting, and memory a display can hold
MAX_SIDE = 1920  # pixels: a slide is kept no larger than a screen (a phone photo is 6000)


class SlidesError(ValueError):
    """The slides folder cannot be used; the message says how to fix it."""


def load_slides(folder: Path) -> list[QImage]:
    """The PNG and JPEG pictures in `folder`, by file name, each kept at most `MAX_SIDE` pixels
    on its longer side; one that cannot be read is left out (and logged), hidden files are
    skipped, and a folder with none is refused."""
    if not folder.is_dir():
        raise SlidesError(f"slides: {folder} is not a folder; give one with PNG or JPEG pictures")
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in KINDS and not p.name.startswith(".") and p.is_file()
    )
    slides: list[QImage] = []
    for path in files:
        if len(slides) == MAX_SLIDES:
            log.warning("slides: only the first %d pictures are shown", MAX_SLIDES)
            break
        image = _read(path)
        if image is not None:
            slides.append(image)
    if not slides:
        raise SlidesError(f"slides: {folder} holds no PNG or JPEG picture that can be read")
    return slides


def _read(path: Path) -> QImage | None:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # a photo turned by its camera stays upright
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > MAX_SIDE:
        reader.setScaledSize(
            size.scaled(QSize(MAX_SIDE, MAX_SIDE), Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    if image.isNull():
        log.warning("slides: %s left out: %s", path.name, reader.errorString())
        return None
    return image
