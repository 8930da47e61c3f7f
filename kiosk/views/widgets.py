"""Small building blocks: touch tiles, buttons with roles, a tile grid, the QR code, keypads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import qrcode
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def styled(widget: QWidget, role: str, size: str | None = None) -> QWidget:
    """Give `widget` a colour role (see theme.PAIRS) and optionally a text size."""
    widget.setProperty("role", role)
    if size is not None:
        widget.setProperty("textsize", size)
    return widget


def label(text: str, role: str = "page", size: str | None = None, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    styled(widget, role, size)
    return widget


def bullet(text: str, role: str, size: str | None = None) -> QWidget:
    """One item of a list: the bullet, and the words wrapping beside it, never under it."""
    item = QWidget()
    row = QHBoxLayout(item)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(12)
    mark = label("•", role, size, wrap=False)
    mark.setAlignment(Qt.AlignmentFlag.AlignTop)
    row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(label(text, role, size), 1)
    return item


def button(
    text: str,
    on_click: Callable[[], None],
    role: str = "secondary",
    size: str | None = None,
    min_height: int = 0,
    name: str = "",
) -> QPushButton:
    widget = QPushButton(text)
    styled(widget, role, size)
    widget.setMinimumHeight(min_height)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    widget.clicked.connect(lambda: on_click())  # noqa: PLW0108 - keeps `checked` out of defaults
    if name:
        widget.setObjectName(name)
    return widget


class WrapButton(QPushButton):
    """A button whose words wrap onto more lines instead of being cut off or widening the page.

    Its narrowest width is its longest word, so a layout can squeeze it only as far as words
    stay whole. An optional symbol sits on the left (see Tile).
    """

    def __init__(
        self,
        text: str,
        role: str,
        size: str | None = None,
        min_height: int = 0,
        *,
        symbol: str | None = None,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        styled(self, role)
        self.setAccessibleName(text)
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 12, 18, 12)
        row.setSpacing(18)
        self.symbol: QLabel | None = None
        if symbol is not None:
            self.symbol = label(symbol, role, "title", wrap=False)
            self.symbol.ensurePolished()  # the symbol whole, even on a less tall button
            self.symbol.setFixedWidth(max(int(min_height * 0.7), self.symbol.sizeHint().width()))
            self.symbol.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.addWidget(self.symbol)
        words = label(text, role, size)
        words.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        words.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.words = words
        row.addWidget(words, 1)
        for part in (self.symbol, words):
            if part is not None:
                part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)

    def text_label(self) -> str:
        return self.words.text()

    def _frame_width(self) -> int:
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        sides = margins.left() + margins.right() if margins is not None else 0
        if self.symbol is not None and layout is not None:
            sides += self.symbol.minimumWidth() + layout.spacing()
        return sides

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The words on one line when there is room (a layout may squeeze them to wrap)."""
        self.words.ensurePolished()
        metrics = self.words.fontMetrics()
        line = max(
            (metrics.horizontalAdvance(t) for t in self.words.text().splitlines()), default=0
        )
        width = line + self._frame_width() + 2
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        self.words.ensurePolished()
        metrics = self.words.fontMetrics()
        longest = max((metrics.horizontalAdvance(w) for w in self.words.text().split()), default=0)
        return QSize(longest + self._frame_width() + 2, self.minimumHeight())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(self.minimumHeight(), height)


def wrap_button(
    text: str,
    on_click: Callable[[], None],
    role: str = "secondary",
    size: str | None = None,
    min_height: int = 0,
    name: str = "",
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
) -> WrapButton:
    """A WrapButton wired like `button()`: for words that may not fit on one line."""
    widget = WrapButton(text, role, size, min_height, align=align)
    widget.clicked.connect(lambda: on_click())  # noqa: PLW0108 - keeps `checked` out of defaults
    if name:
        widget.setObjectName(name)
    return widget


class Tile(WrapButton):
    """A large touch target: a symbol and words that wrap (Kazakh names run long)."""

    def __init__(
        self, symbol: str, text: str, role: str, min_height: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            text,
            role,
            "tile",
            min_height,
            symbol=symbol,
            align=Qt.AlignmentFlag.AlignLeft,
            parent=parent,
        )
        # narrow edges: four tiles side by side leave each name about 330 px, and a Kazakh or
        # Russian word of a service's name ("Жылжымайтын", "Удостоверение") needs nearly all
        row = self.layout()
        assert row is not None and self.symbol is not None
        row.setContentsMargins(12, 10, 12, 10)
        row.setSpacing(10)
        self.symbol.ensurePolished()  # a symbol wider than that on a small screen is not cut
        self.symbol.setFixedWidth(max(int(min_height * 0.5), self.symbol.sizeHint().width()))
        self.words.setMinimumWidth(min_height)
        self._natural_px: int | None = None  # the letters' size before fit() shrank them

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else super().sizeHint()
        return hint.expandedTo(QSize(0, self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Never so narrow that a word of its name is cut."""
        words = self._longest_word(self._font_px()) + self._words_margins()
        return QSize(
            max(self.minimumHeight() * 2, words + self._frame_width()), self.minimumHeight()
        )

    def _font_px(self) -> int:
        self.words.ensurePolished()
        return QFontInfo(self.words.font()).pixelSize()

    def _words_margins(self) -> int:
        self.words.ensurePolished()
        margins = self.words.contentsMargins()
        return margins.left() + margins.right()

    def _longest_word(self, px: int) -> int:
        font = QFont(self.words.font())
        font.setPixelSize(px)
        metrics = QFontMetrics(font)
        return max((metrics.horizontalAdvance(w) for w in self.words.text().split()), default=0)

    def room(self, width: int) -> int:
        """The pixels a line of the name has in a tile `width` wide."""
        return width - self._frame_width() - self._words_margins()

    def fit(self, width: int, floor_px: int) -> bool:
        """Shrink the name's letters, not below `floor_px`, until its longest word fits a tile
        `width` wide; False (and the letters at `floor_px`) when even that is too wide."""
        if self._natural_px is None:
            self._natural_px = self._font_px()
        room = self.room(width)
        for px in range(self._natural_px, min(floor_px, self._natural_px) - 1, -1):
            if self._longest_word(px) <= room:
                self._set_px(px)
                return True
        self._set_px(min(floor_px, self._natural_px))
        return False

    def _set_px(self, px: int) -> None:
        self.words.setStyleSheet("" if px == self._natural_px else f"font-size: {px}px;")
        self.words.ensurePolished()

    def break_words(self, width: int) -> None:
        """The last resort for a word wider than the tile even alone in its row: cut it with a
        hyphen where the line ends, the rest on the next line, so that it still reads."""
        room = self.room(width)
        metrics = QFontMetrics(self.words.font())
        lines = []
        for line in self.words.text().splitlines():
            parts = []
            for word in line.split():
                rest = word
                while metrics.horizontalAdvance(rest) > room and len(rest) > 2:
                    cut = len(rest) - 1
                    while cut > 1 and metrics.horizontalAdvance(rest[:cut] + "-") > room:
                        cut -= 1
                    parts.append(rest[:cut] + "-\n")
                    rest = rest[cut:]
                parts.append(rest + " ")
            lines.append("".join(parts).rstrip().replace("\n ", "\n"))
        self.words.setText("\n".join(lines))


def fit_tiles(tiles: Sequence[QWidget], columns: int, gap: int, width: int, floor_px: int) -> int:
    """The number of columns, at most `columns`, in which no word of a tile is cut in `width`
    pixels: a tile's letters shrink first (not below `floor_px`), then the columns go down one
    by one, and in one column a word still too wide is hyphenated."""
    fitting = [t for t in tiles if isinstance(t, Tile)]
    for count in range(max(1, columns), 0, -1):
        cell = (width - gap * (count - 1)) // count
        if all([t.fit(cell, floor_px) for t in fitting]):  # every tile sized for this count
            return count
    for tile in fitting:
        tile.break_words(width)
    return 1


def tile_grid(tiles: Sequence[QWidget], columns: int, gap: int) -> QWidget:
    grid = QWidget()
    layout = QGridLayout(grid)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(gap)
    for i, tile in enumerate(tiles):
        layout.addWidget(tile, i // columns, i % columns)
    for column in range(columns):
        layout.setColumnStretch(column, 1)
    return grid


def qr_pixmap(payload: str, size: int) -> QPixmap:
    """The QR code of `payload` drawn crisp at about `size` pixels square."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = max(1, size // len(matrix))
    image = QImage(cell * len(matrix), cell * len(matrix), QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * cell, y * cell, cell, cell, QColor("#000000"))
    painter.end()
    return QPixmap.fromImage(image)


KEYBOARD_ROWS = {
    "kk": ("әіңғүұқөһ", "йцукенгшщзх", "фывапролджэ", "ячсмитьбюъё"),
    "ru": ("йцукенгшщзх", "фывапролджэ", "ячсмитьбюъё"),
    "en": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
}


class Keypad(QWidget):
    """Keys in rows, each at least one touch target wide, plus erase (and space).

    Signals:
        typed(str): a key was pressed.
        erased(): the erase key was pressed.
    """

    typed = Signal(str)
    erased = Signal()

    def __init__(
        self,
        rows: Sequence[str],
        key_size: int,
        *,
        space: str | None = None,
        erase: str = "⌫",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        for keys in rows:
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addStretch(1)
            for key in keys:
                row.addWidget(self._key(key, key.upper(), key_size))
            row.addStretch(1)
            column.addLayout(row)
        last = QHBoxLayout()
        last.setSpacing(8)
        last.addStretch(1)
        if space is not None:
            space_key = self._key(" ", space, key_size)
            space_key.setMinimumWidth(key_size * 5)
            last.addWidget(space_key)
        erase_key = QPushButton(erase)
        styled(erase_key, "secondary", "big")
        erase_key.setMinimumSize(key_size * 2, key_size)
        erase_key.setAccessibleName("erase")
        erase_key.clicked.connect(self.erased.emit)
        last.addWidget(erase_key)
        last.addStretch(1)
        column.addLayout(last)

    def _key(self, key: str, caption: str, size: int) -> QPushButton:
        widget = QPushButton(caption)
        styled(widget, "key", "big")
        widget.setMinimumSize(size, size)
        widget.setMaximumHeight(size)
        widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        widget.setFixedSize(size, size)
        widget.ensurePolished()  # a wide letter (Щ, Ж) on the smallest keys: a size smaller
        px = QFontInfo(widget.font()).pixelSize()
        while widget.sizeHint().width() > size and px > 12:
            px -= 1
            widget.setStyleSheet(f"font-size: {px}px;")
        widget.clicked.connect(lambda: self.typed.emit(key))
        return widget
