"""A small ESC/POS renderer for the commands Kezek prints: bytes in, a paper image and text out."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from hardware.profiles import FONT_A_HEIGHT, FONT_A_WIDTH, TEXT_CODE_PAGES

log = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEFAULT_LINE_SPACING = 30
_QR_LEVELS = {
    48: qrcode.constants.ERROR_CORRECT_L,
    49: qrcode.constants.ERROR_CORRECT_M,
    50: qrcode.constants.ERROR_CORRECT_Q,
    51: qrcode.constants.ERROR_CORRECT_H,
}


@dataclass
class Rendered:
    """What a ticket looks like: the paper as an image, and its text dump."""

    image: Image.Image
    text: str
    cuts: int = 0
    qr_payloads: list[str] = field(default_factory=list)
    unknown: list[bytes] = field(default_factory=list)  # commands this renderer does not know


@dataclass
class _State:
    code_page: int = 0
    align: int = 0
    bold: bool = False
    width: int = 1
    height: int = 1
    line_spacing: int = DEFAULT_LINE_SPACING
    qr_module: int = 3
    qr_level: int = 48
    qr_data: bytes = b""


class EscposRenderer:
    """Renders the subset of ESC/POS that Kezek's layout emits.

    Text in any code page the printer profile maps (``code_pages``: ESC t number -> python-escpos
    name such as RK1048), character size, bold and alignment, GS v 0 raster images, native QR codes
    (drawn again from their payload), feeds and cuts. Anything else is listed in ``unknown``.
    """

    def __init__(self, code_pages: dict[str, int], width_dots: int) -> None:
        self._codecs = {
            number: TEXT_CODE_PAGES[name]
            for name, number in code_pages.items()
            if name in TEXT_CODE_PAGES
        }
        self._width = width_dots

    def render(self, data: bytes) -> Rendered:
        """Render one job."""
        run = _Run(self._codecs, self._width)
        run.feed(data)
        return run.finish()


class _Run:
    def __init__(self, codecs: dict[int, str], width: int) -> None:
        self.codecs = codecs
        self.width = width
        self.state = _State()
        self.rows: list[Image.Image] = []
        self.line: list[tuple[str, _State]] = []
        self.text: list[str] = []
        self.result = Rendered(Image.new("1", (width, 1), 255), "")

    def feed(self, data: bytes) -> None:
        i = 0
        n = len(data)
        while i < n:
            byte = data[i]
            if byte == 0x0A:
                self._print_line()
                i += 1
            elif byte == 0x0D:
                i += 1
            elif byte == 0x10 and i + 2 < n and data[i + 1] == 0x04:  # DLE EOT n: status request
                i += 3
            elif byte == 0x1B and i + 1 < n:
                command = data[i + 1]
                arg = data[i + 2] if i + 2 < n else 0
                if command == 0x40:  # ESC @
                    self.state = _State()
                    self.line.clear()
                    i += 2
                    continue
                i += 3
                if command == 0x74:  # ESC t n
                    self.state.code_page = arg
                elif command == 0x61:  # ESC a n
                    self.state.align = arg % 48
                elif command == 0x45:  # ESC E n
                    self.state.bold = bool(arg & 1)
                elif command == 0x21:  # ESC ! n
                    self.state.bold = bool(arg & 0x08)
                    self.state.height = 2 if arg & 0x10 else 1
                    self.state.width = 2 if arg & 0x20 else 1
                elif command == 0x64:  # ESC d n
                    self._print_line(feed_lines=arg)
                elif command == 0x4A:  # ESC J n
                    self._print_line(feed_dots=arg)
                elif command == 0x33:  # ESC 3 n
                    self.state.line_spacing = arg
                elif command == 0x32:  # ESC 2
                    self.state.line_spacing = DEFAULT_LINE_SPACING
                    i -= 1
                else:
                    self._unknown(data[i - 3 : i])
            elif byte == 0x1D and i + 1 < n:
                i = self._gs(data, i)
            else:
                self.line.append((self._decode(byte), _copy(self.state)))
                i += 1

    def _gs(self, data: bytes, i: int) -> int:
        command = data[i + 1]
        if command == 0x21 and i + 2 < len(data):  # GS ! n
            arg = data[i + 2]
            self.state.width = (arg >> 4 & 7) + 1
            self.state.height = (arg & 7) + 1
            return i + 3
        if command == 0x56 and i + 2 < len(data):  # GS V m [n]
            self._print_line_if_pending()
            self._cut()
            return i + (4 if data[i + 2] in (65, 66) else 3)
        if command == 0x76 and data[i + 2 : i + 3] == b"0":  # GS v 0 m xL xH yL yH d...
            return self._raster(data, i)
        if command == 0x28 and data[i + 2 : i + 3] == b"k":  # GS ( k pL pH cn fn ...
            length = data[i + 3] + data[i + 4] * 256
            self._two_dimensional(data[i + 5 : i + 5 + length])
            return i + 5 + length
        self._unknown(data[i : i + 3])
        return i + 3

    def _decode(self, byte: int) -> str:
        if byte < 0x80:
            return chr(byte)
        codec = self.codecs.get(self.state.code_page)
        return bytes([byte]).decode(codec, errors="replace") if codec else "\ufffd"

    def _print_line_if_pending(self) -> None:
        if self.line:
            self._print_line()

    def _print_line(self, feed_lines: int | None = None, feed_dots: int | None = None) -> None:
        chars, self.line = self.line, []
        spacing = self.state.line_spacing
        if chars:
            height = max(FONT_A_HEIGHT * style.height for _, style in chars)
            width = sum(FONT_A_WIDTH * style.width for _, style in chars)
            row = Image.new("1", (self.width, max(height, spacing)), 255)
            x = _aligned(min(width, self.width), self.width, chars[0][1].align)
            for character, style in chars:
                cell = _glyph(character, style.bold, style.width, style.height)
                row.paste(cell, (x, height - cell.height))
                x += cell.width
            self.rows.append(row)
            self.text.append("".join(character for character, _ in chars))
        elif feed_lines is None and feed_dots is None:
            self.rows.append(Image.new("1", (self.width, spacing), 255))
            self.text.append("")
        if feed_lines:
            self.rows.append(Image.new("1", (self.width, feed_lines * spacing), 255))
        if feed_dots:
            self.rows.append(Image.new("1", (self.width, feed_dots), 255))

    def _raster(self, data: bytes, i: int) -> int:
        mode = data[i + 3] % 48
        width_bytes = data[i + 4] + data[i + 5] * 256
        height = data[i + 6] + data[i + 7] * 256
        size = width_bytes * height
        pixels = data[i + 8 : i + 8 + size]
        if width_bytes and height and len(pixels) == size:
            image = Image.frombytes("1", (width_bytes * 8, height), pixels, "raw", "1;I")
            scale_x = 2 if mode in (1, 3) else 1
            scale_y = 2 if mode in (2, 3) else 1
            if (scale_x, scale_y) != (1, 1):
                image = image.resize((image.width * scale_x, image.height * scale_y))
            self._block(image, f"[image {image.width}x{image.height}]")
        return i + 8 + size

    def _two_dimensional(self, body: bytes) -> None:
        if len(body) < 3 or body[0] != 49:  # cn 49 = QR code
            self._unknown(b"\x1d(k" + body[:3])
            return
        fn, arg = body[1], body[2]
        if fn == 67:
            self.state.qr_module = arg
        elif fn == 69:
            self.state.qr_level = arg
        elif fn == 80:
            self.state.qr_data = body[3:]
        elif fn == 81 and self.state.qr_data:
            payload = self.state.qr_data.decode("utf-8", errors="replace")
            code = qrcode.QRCode(
                error_correction=_QR_LEVELS.get(self.state.qr_level, 0),
                box_size=self.state.qr_module,
                border=0,
            )
            code.add_data(self.state.qr_data)
            code.make(fit=True)
            image = code.make_image().get_image().convert("1")
            self.result.qr_payloads.append(payload)
            self._block(image, f"[qr {payload}]")

    def _block(self, image: Image.Image, text: str) -> None:
        self._print_line_if_pending()
        row = Image.new("1", (self.width, image.height), 255)
        row.paste(image, (_aligned(min(image.width, self.width), self.width, self.state.align), 0))
        self.rows.append(row)
        self.text.append(text)

    def _cut(self) -> None:
        row = Image.new("1", (self.width, 24), 255)
        draw = ImageDraw.Draw(row)
        for x in range(0, self.width, 16):
            draw.line((x, 12, x + 8, 12), fill=0)
        self.rows.append(row)
        self.text.append("[cut]")
        self.result.cuts += 1

    def _unknown(self, raw: bytes) -> None:
        log.debug("unknown ESC/POS command %s", raw.hex(" "))
        self.result.unknown.append(raw)

    def finish(self) -> Rendered:
        self._print_line_if_pending()
        height = sum(row.height for row in self.rows) + 16
        paper = Image.new("1", (self.width + 32, height), 255)
        top = 8
        for row in self.rows:
            paper.paste(row, (16, top))
            top += row.height
        self.result.image = paper
        self.result.text = "\n".join(self.text) + "\n"
        return self.result


def _copy(state: _State) -> _State:
    return _State(**vars(state))


def _aligned(width: int, area: int, align: int) -> int:
    if align == 1:
        return (area - width) // 2
    if align == 2:
        return area - width
    return 0


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), 20)


@cache
def _glyph(character: str, bold: bool, width: int, height: int) -> Image.Image:
    """One Font A cell (12 x 24 dots), magnified; DejaVu Sans Mono stands in for the ROM font."""
    cell = Image.new("L", (FONT_A_WIDTH, FONT_A_HEIGHT), 255)
    ImageDraw.Draw(cell).text(
        (FONT_A_WIDTH // 2, FONT_A_HEIGHT - 5), character, font=_font(bold), fill=0, anchor="ms"
    )
    if (width, height) != (1, 1):
        cell = cell.resize((FONT_A_WIDTH * width, FONT_A_HEIGHT * height))
    return cell.point(lambda value: 0 if value < 128 else 255, mode="1")
