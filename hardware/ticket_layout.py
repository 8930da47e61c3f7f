"""The ticket layout: a TicketSlip and a printer profile in, ESC/POS bytes out (pure)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal

import qrcode
from escpos.printer import Dummy
from PIL import Image, ImageDraw, ImageFont

from hardware.profiles import FONT_A_HEIGHT, FONT_A_WIDTH, TEXT_CODE_PAGES, PrinterProfile

Language = Literal["kk", "ru", "en"]
Align = Literal["left", "center", "right"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
RASTER_FONT_PX = 21  # DejaVu Sans at this size fills Font A's 24-dot line like printer text
RASTER_GAP_DOTS = 6  # a text line is 24 dots of letters in a 30-dot line: feed the rest

ESC = b"\x1b"
GS = b"\x1d"
_ALIGN_BYTE = {"left": 0, "center": 1, "right": 2}


@dataclass(frozen=True)
class TicketSlip:
    """Everything printed on one ticket, already in the visitor's language (no hallserver types)."""

    hall_name: str
    service_name: str  # in the visitor's language
    service_name_second: str  # the same service in the second language, printed under it
    number: str  # "A042"
    people_ahead: int
    wait_minutes: int
    issued_at: datetime
    status_url: str  # encoded in the QR code
    next_step: str  # "Wait for your number on the screen"
    language: Language = "kk"
    appointment_at: datetime | None = None
    header_lines: tuple[str, ...] = ()
    footer_lines: tuple[str, ...] = ()
    logo_path: Path | None = None
    documents: tuple[str, ...] = ()  # what to bring, in the visitor's language, read while waiting
    seal: str = ""  # the event log's seal at the issue ("4821:3fa9c2d1e0b7a4f6"), printed last
    priority: bool = False  # let ahead by law: said under the number (never why)
    unserved: bool = False  # no counter serves the service yet: no wait in minutes
    in_line: bool = True  # False: called already, or booked for a time: no place, no wait


@dataclass(frozen=True)
class Labels:
    """The fixed words of a ticket in one language."""

    people_ahead: str
    first: str  # instead of "0 people ahead"
    wait: str
    minutes: str
    soon: str  # instead of "~0 min" when nobody is ahead
    unserved: str  # instead of a wait when no counter serves the service yet
    priority: str
    appointment: str
    issued: str
    bring: str
    seal: str


LABELS: dict[str, Labels] = {
    "kk": Labels(
        people_ahead="Сіздің алдыңызда: {n} адам",
        first="Алдыңызда ешкім жоқ",
        wait="Күту уақыты: ~{n} мин",
        minutes="мин",
        soon="Сізді жақында шақырады",
        unserved="Терезе ашылғанда шақырыласыз",
        priority="КЕЗЕКСІЗ ТАЛОН",
        appointment="Жазылу уақыты: {t}",
        issued="Берілді: {t}",
        bring="Өзіңізбен алып келіңіз:",
        seal="Журнал мөрі: {s}",
    ),
    "ru": Labels(
        people_ahead="Перед вами: {n} чел.",
        first="Перед вами никого нет",
        wait="Ожидание: ~{n} мин",
        minutes="мин",
        soon="Вас скоро вызовут",
        unserved="Вас вызовут, когда откроется окно",
        priority="ТАЛОН ВНЕ ОЧЕРЕДИ",
        appointment="Запись на {t}",
        issued="Выдан: {t}",
        bring="Что взять с собой:",
        seal="Печать журнала: {s}",
    ),
    "en": Labels(
        people_ahead="People ahead of you: {n}",
        first="You are first in line",
        wait="Estimated wait: ~{n} min",
        minutes="min",
        soon="You will be called soon",
        unserved="You will be called when a counter opens",
        priority="PRIORITY TICKET",
        appointment="Appointment at {t}",
        issued="Issued: {t}",
        bring="What to bring:",
        seal="Log seal: {s}",
    ),
}


def _ahead(slip: TicketSlip, labels: Labels) -> str:
    return labels.people_ahead.format(n=slip.people_ahead) if slip.people_ahead else labels.first


def _wait(slip: TicketSlip, labels: Labels) -> str:
    if slip.unserved:
        return labels.unserved
    return labels.wait.format(n=slip.wait_minutes) if slip.wait_minutes > 0 else labels.soon


@dataclass(frozen=True)
class TextLine:
    """One line of ticket text and how it is printed."""

    text: str
    align: Align = "center"
    bold: bool = False
    width: int = 1  # character magnification, 1-8
    height: int = 1


@dataclass(frozen=True)
class Qr:
    """The QR code block."""

    payload: str


@dataclass(frozen=True)
class Logo:
    """The logo block (an image file)."""

    path: Path


Block = TextLine | Qr | Logo


@dataclass(frozen=True)
class TicketBytes:
    """The bytes of one ticket and what the layout chose."""

    data: bytes
    code_page: str  # python-escpos name of the text code page, e.g. RK1048
    raster_lines: tuple[str, ...] = field(default=())  # lines drawn as images
    native_qr: bool = True


def ticket_blocks(slip: TicketSlip, width_dots: int) -> list[Block]:
    """The ticket, top to bottom, as blocks; text already wrapped to the paper."""
    labels = LABELS[slip.language]
    columns = width_dots // FONT_A_WIDTH
    blocks: list[Block] = []
    if slip.logo_path is not None:
        blocks.append(Logo(slip.logo_path))
    blocks += _wrapped(slip.header_lines, columns)
    blocks += _wrapped([slip.hall_name], columns, bold=True)
    blocks.append(TextLine("-" * columns))
    blocks += _wrapped([slip.service_name], columns // 2, bold=True, height=2, width=2)
    blocks += _wrapped([slip.service_name_second], columns)
    blocks.append(TextLine(""))
    size = _number_size(slip.number, width_dots)
    blocks.append(TextLine(slip.number, bold=True, width=size, height=size))
    if slip.priority:
        blocks += _wrapped([labels.priority], columns, bold=True)
    blocks.append(TextLine(""))
    if slip.in_line:
        blocks += _wrapped([_ahead(slip, labels), _wait(slip, labels)], columns)
    if slip.appointment_at is not None:
        appointment = labels.appointment.format(t=f"{slip.appointment_at:%H:%M}")
        blocks += _wrapped([appointment], columns // 2, bold=True, width=2, height=2)
    blocks += _wrapped([labels.issued.format(t=f"{slip.issued_at:%d.%m.%Y %H:%M}")], columns)
    blocks += [TextLine(""), Qr(slip.status_url), TextLine("")]
    blocks += _wrapped([slip.next_step], columns, bold=True)
    if slip.documents:
        blocks.append(TextLine("-" * columns))
        blocks += [TextLine(line, align="left", bold=True) for line in _fill(labels.bring, columns)]
        for document in slip.documents:  # "- " and a hanging indent: ASCII, in every code page
            blocks += [TextLine(line, align="left") for line in _fill(document, columns, "- ")]
    if slip.footer_lines:  # apart from what comes before it
        blocks.append(TextLine(""))
        blocks += _wrapped(slip.footer_lines, columns)
    if slip.seal:  # last, like a receipt's fiscal sign: for whoever checks the log
        blocks += [TextLine(""), *_wrapped([labels.seal.format(s=slip.seal)], columns)]
    return blocks


def _fill(text: str, columns: int, bullet: str = "") -> list[str]:
    indent = " " * len(bullet)
    width = max(columns, len(bullet) + 1)
    return textwrap.wrap(text, width, initial_indent=bullet, subsequent_indent=indent) or [""]


def layout_ticket(slip: TicketSlip, profile: PrinterProfile) -> TicketBytes:
    """The ESC/POS bytes of ``slip`` on a printer with ``profile``. Never prints ``?`` for a letter.

    Text goes in the one code page of the profile that can write the most lines (KZ-1048 where the
    profile has it); any line that page cannot encode is drawn with DejaVu Sans and sent as a
    raster image, so the big number and the other lines stay in printer font.
    """
    blocks = ticket_blocks(slip, profile.width_dots)
    texts = [block.text for block in blocks if isinstance(block, TextLine)]
    page = choose_code_page(texts, profile)
    codec = TEXT_CODE_PAGES[page]
    out = bytearray(ESC + b"@" + ESC + b"t" + bytes([profile.code_pages[page]]))
    raster: list[str] = []
    state = _Style()
    for block in blocks:
        if isinstance(block, TextLine):
            encoded = _encode(block.text, codec)
            out += state.change(block)
            if encoded is None:
                raster.append(block.text)
                out += _raster_line(block, profile.width_dots)
                out += ESC + b"J" + bytes([RASTER_GAP_DOTS * block.height])  # printer line spacing
            else:
                out += encoded + b"\n"
        elif isinstance(block, Qr):
            out += state.change(TextLine(""))
            out += _qr(block.payload, profile)
        else:
            out += state.change(TextLine(""))
            out += _logo(block.path, profile.width_dots)
    out += state.change(TextLine("", align="left"))
    out += _cut()
    return TicketBytes(bytes(out), page, tuple(raster), native_qr=profile.native_qr)


def choose_code_page(texts: list[str], profile: PrinterProfile) -> str:
    """The profile's code page that encodes the most of ``texts``; ties go by TEXT_CODE_PAGES."""
    candidates = [page for page in TEXT_CODE_PAGES if page in profile.code_pages]
    if not candidates:
        raise ValueError(f"profile {profile.name} has none of {', '.join(TEXT_CODE_PAGES)}")

    def failures(page: str) -> int:
        return sum(_encode(text, TEXT_CODE_PAGES[page]) is None for text in texts)

    return min(candidates, key=failures)  # min keeps the first of equals: the preferred page


def _encode(text: str, codec: str) -> bytes | None:
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        return None


def _wrapped(
    texts: list[str] | tuple[str, ...],
    columns: int,
    *,
    bold: bool = False,
    width: int = 1,
    height: int = 1,
) -> list[TextLine]:
    lines: list[TextLine] = []
    for text in texts:
        shown = "".join(ch if ch.isprintable() else " " for ch in text)  # no printer commands
        for part in textwrap.wrap(shown, max(columns, 1)) or [""]:
            lines.append(TextLine(part, bold=bold, width=width, height=height))
    return lines


def _number_size(number: str, width_dots: int) -> int:
    """The largest magnification (at most 4) that fits the number on one line."""
    for size in (4, 3, 2):
        if len(number) * FONT_A_WIDTH * size <= width_dots:
            return size
    return 1


@dataclass
class _Style:
    """The print settings already sent, so each change costs only the bytes that differ."""

    align: Align = "left"
    bold: bool = False
    size: int = 0x00

    def change(self, line: TextLine) -> bytes:
        out = bytearray()
        if line.align != self.align:
            out += ESC + b"a" + bytes([_ALIGN_BYTE[line.align]])
            self.align = line.align
        if line.bold != self.bold:
            out += ESC + b"E" + bytes([int(line.bold)])
            self.bold = line.bold
        size = (line.width - 1) << 4 | (line.height - 1)
        if size != self.size:
            out += GS + b"!" + bytes([size])
            self.size = size
        return bytes(out)


@cache
def _font(bold: bool, px: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), px)


def draw_text_line(text: str, *, bold: bool, width: int, height: int, max_dots: int) -> Image.Image:
    """``text`` drawn in DejaVu Sans as a 1-bit image as tall as the printer's line of that size."""
    line_height = FONT_A_HEIGHT * height
    font = _font(bold, RASTER_FONT_PX * height)
    left, _, right, _ = (int(value) for value in font.getbbox(text))
    canvas = Image.new("L", (max(right - left, 1) + 2, line_height), 255)
    ImageDraw.Draw(canvas).text((1 - left, line_height // 2), text, font=font, fill=0, anchor="lm")
    stretched = int(canvas.width * width / height)
    if stretched != canvas.width or stretched > max_dots:
        canvas = canvas.resize((min(stretched, max_dots), line_height))
    return canvas.point(lambda value: 0 if value < 128 else 255, mode="1")


def _raster_line(line: TextLine, width_dots: int) -> bytes:
    image = draw_text_line(
        line.text, bold=line.bold, width=line.width, height=line.height, max_dots=width_dots
    )
    return _image_bytes(image)


def _image_bytes(image: Image.Image, *, double: bool = False) -> bytes:
    """GS v 0 raster bytes; ``double`` prints each dot as 2 x 2 (a quarter of the bytes)."""
    printer = Dummy(profile="TM-T20II")
    printer.image(
        image,
        impl="bitImageRaster",
        high_density_vertical=not double,
        high_density_horizontal=not double,
    )
    data: bytes = printer.output
    return data


QR_MODULE_DOTS = {576: 6, 384: 5}


def _qr(payload: str, profile: PrinterProfile) -> bytes:
    module = QR_MODULE_DOTS.get(profile.width_dots, 5)
    if profile.native_qr:
        printer = Dummy(profile="TM-T20II")
        printer.qr(payload, native=True, size=module, ec=1)  # ec 1 = QR_ECLEVEL_M
        data: bytes = printer.output
        return data
    # Drawn at half resolution and printed with 2 x 2 dots: same size, a quarter of the bytes.
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=max(module // 2, 1), border=2
    )
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("1")
    return _image_bytes(image, double=True)


def _logo(path: Path, width_dots: int) -> bytes:
    with Image.open(path) as source:
        image = source.convert("L")
    limit = min(width_dots, 384)
    if image.width > limit:
        image = image.resize((limit, max(image.height * limit // image.width, 1)))
    image = image.point(lambda value: 0 if value < 128 else 255, mode="1")
    return _image_bytes(image)


def _cut() -> bytes:
    printer = Dummy(profile="TM-T20II")
    printer.cut(mode="PART")
    data: bytes = printer.output
    return data
