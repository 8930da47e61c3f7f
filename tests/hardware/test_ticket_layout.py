"""Ticket layout: golden bytes, code pages, no `?` for a letter, partial raster, QR, sizes.

Regenerate the golden files after an intended layout change, then review the PNGs with
`kezek hardware print-test sim:DIR`:

    KEZEK_REGEN_GOLDEN=1 .venv/bin/pytest tests/hardware/test_ticket_layout.py
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from hardware.errors import PrinterConfigError
from hardware.escpos_render import EscposRenderer
from hardware.profiles import load_profile, profile_names
from hardware.ticket_layout import (
    LABELS,
    TicketSlip,
    choose_code_page,
    draw_text_line,
    layout_ticket,
    ticket_blocks,
)

GOLDEN = Path(__file__).parent / "golden"
KZ_PROFILE = "TM-T20II"  # has KZ-1048 (ESC t 53) and native QR
CLONE_PROFILE = "RP326"  # a clone without page 53: Kazakh lines become raster images
KAZAKH_ONLY = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def _render(data: bytes, profile_name: str, paper_mm: int = 80) -> str:
    profile = load_profile(profile_name, paper_mm=paper_mm)
    return EscposRenderer(profile.code_pages, profile.width_dots).render(data).text


@pytest.mark.parametrize("profile_name", [KZ_PROFILE, CLONE_PROFILE])
def test_layout_bytes_match_the_golden_file(
    profile_name: str, language: str, slip: TicketSlip
) -> None:
    data = layout_ticket(slip, load_profile(profile_name)).data
    golden = GOLDEN / f"{profile_name}-{language}.bin"
    if os.environ.get("KEZEK_REGEN_GOLDEN"):
        golden.write_bytes(data)
    assert golden.exists(), f"no golden file {golden.name}: run with KEZEK_REGEN_GOLDEN=1"
    assert data == golden.read_bytes()


def test_kz1048_profile_prints_every_language_as_text_in_code_page_53(slip: TicketSlip) -> None:
    ticket = layout_ticket(slip, load_profile(KZ_PROFILE))
    assert ticket.raster_lines == ()
    assert ticket.data.startswith(b"\x1b@\x1bt\x35")
    text = _render(ticket.data, KZ_PROFILE)
    for line in (slip.hall_name, slip.service_name_second, slip.next_step):
        assert line in text


def test_kazakh_ticket_text_is_exact_kz1048_with_every_kazakh_letter(
    slips: dict[str, TicketSlip],
) -> None:
    slip = TicketSlip(
        hall_name="ӘәҒғҚқҢңӨөҰұҮүҺһІі",
        service_name="Әлеуметтік",
        service_name_second="Социальные выплаты",
        number="Ә001",
        people_ahead=1,
        wait_minutes=2,
        issued_at=slips["en"].issued_at,
        status_url="http://x/t/1",
        next_step="Күтіңіз",
    )
    ticket = layout_ticket(slip, load_profile(KZ_PROFILE))
    assert "ӘәҒғҚқҢңӨөҰұҮүҺһІі".encode("kz1048") in ticket.data
    assert "ӘәҒғҚқҢңӨөҰұҮүҺһІі" in _render(ticket.data, KZ_PROFILE)


@pytest.mark.parametrize(
    ("profile_name", "paper_mm"), [(KZ_PROFILE, 80), (CLONE_PROFILE, 80), ("POS-5890", 58)]
)
def test_no_ticket_contains_a_question_mark_or_replacement_character(
    profile_name: str, paper_mm: int, slip: TicketSlip
) -> None:
    ticket = layout_ticket(slip, load_profile(profile_name, paper_mm=paper_mm))
    text = _render(ticket.data, profile_name, paper_mm)
    assert "?" not in text
    assert "\ufffd" not in text


def test_clone_profile_rasterises_only_the_lines_with_kazakh_letters(slip: TicketSlip) -> None:
    ticket = layout_ticket(slip, load_profile(CLONE_PROFILE))
    blocks = [block.text for block in ticket_blocks(slip, 576) if hasattr(block, "text")]
    needs_raster = [text for text in blocks if set(text) & KAZAKH_ONLY - set("Ііі")]
    assert set(needs_raster) <= set(ticket.raster_lines)
    for line in ticket.raster_lines:
        assert set(line) & KAZAKH_ONLY, f"{line!r} has no Kazakh letter but was rasterised"
    text = _render(ticket.data, CLONE_PROFILE)
    assert slip.number in text  # the big number stays in printer font


def test_the_number_is_printed_four_times_as_large_on_80_mm_and_still_fits_58_mm(
    slips: dict[str, TicketSlip],
) -> None:
    slip = slips["en"]
    wide = layout_ticket(slip, load_profile(KZ_PROFILE)).data
    assert b"\x1d!\x33" + slip.number.encode("kz1048") + b"\n" in wide
    narrow_slip = dataclasses.replace(slip, number="AB1234567")
    narrow = layout_ticket(narrow_slip, load_profile("POS-5890", paper_mm=58)).data
    assert b"\x1d!\x22AB1234567\n" in narrow  # 9 characters x 36 dots = 324 <= 384


def test_ru_ticket_picks_cp866_and_kz1048_only_when_kazakh_is_on_the_ticket() -> None:
    clone = load_profile(CLONE_PROFILE)
    assert choose_code_page(["Перед вами: 2 чел."], clone) == "CP866"
    assert choose_code_page(["Берілді"], clone) == "CP1251"  # і is in CP1251, not in CP866
    assert choose_code_page(["Жеке куәлік"], load_profile(KZ_PROFILE)) == "RK1048"


def test_qr_is_native_where_the_profile_has_it_and_an_image_where_it_does_not(
    slips: dict[str, TicketSlip],
) -> None:
    slip = slips["en"]
    native = layout_ticket(slip, load_profile(KZ_PROFILE))
    assert b"\x1d(k" in native.data
    assert slip.status_url.encode() in native.data
    image = layout_ticket(slip, load_profile("POS-5890", paper_mm=58))
    assert b"\x1d(k" not in image.data
    assert b"\x1dv0\x03" in image.data  # raster printed with 2 x 2 dots


def test_kz1048_text_ticket_is_at_most_600_bytes(slip: TicketSlip) -> None:
    assert len(layout_ticket(slip, load_profile(KZ_PROFILE)).data) <= 600


@pytest.mark.parametrize(("profile_name", "paper_mm"), [(CLONE_PROFILE, 80), ("POS-5890", 58)])
def test_partial_raster_ticket_is_at_most_8_kilobytes(
    profile_name: str, paper_mm: int, slip: TicketSlip
) -> None:
    assert len(layout_ticket(slip, load_profile(profile_name, paper_mm=paper_mm)).data) <= 8192


def test_raster_line_is_one_printer_line_high_and_inked() -> None:
    image = draw_text_line("Күту уақыты", bold=False, width=1, height=1, max_dots=576)
    assert image.height == 24
    assert 100 < image.width < 576
    assert image.getbbox() is not None
    histogram = image.histogram()
    assert histogram[0] > 100  # black dots: the letters are there


def test_long_lines_wrap_to_the_paper_width(slips: dict[str, TicketSlip]) -> None:
    slip = dataclasses.replace(slips["en"], next_step="word " * 30)
    text = _render(layout_ticket(slip, load_profile("POS-5890", paper_mm=58)).data, "POS-5890", 58)
    assert max(len(line) for line in text.splitlines() if not line.startswith("[")) <= 32


def test_logo_header_footer_and_appointment_are_printed(
    tmp_path: Path, slips: dict[str, TicketSlip]
) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("L", (200, 60), 0).save(logo)
    slip = dataclasses.replace(
        slips["en"],
        logo_path=logo,
        header_lines=("Welcome",),
        footer_lines=("Bye",),
        appointment_at=slips["en"].issued_at.replace(hour=11, minute=45),
    )
    text = _render(layout_ticket(slip, load_profile(KZ_PROFILE)).data, KZ_PROFILE)
    lines = text.splitlines()
    assert lines[0] == "[image 200x60]"
    assert "Welcome" in lines
    assert "Bye" in lines
    assert any("11:45" in line for line in lines)


@pytest.mark.parametrize(
    ("lang", "label"),
    [("kk", "Журнал мөрі: "), ("ru", "Печать журнала: "), ("en", "Log seal: ")],
)
def test_the_logs_seal_is_printed_last_and_wraps_whole_on_58_mm(
    slips: dict[str, TicketSlip], lang: str, label: str
) -> None:
    slip = slips[lang]
    lines = _render(layout_ticket(slip, load_profile(KZ_PROFILE)).data, KZ_PROFILE).splitlines()
    printed = [line for line in lines if line.strip() and not line.startswith("[")]
    assert printed[-1].strip() == f"{label}{slip.seal}"
    narrow = _render(
        layout_ticket(slip, load_profile("POS-5890", paper_mm=58)).data, "POS-5890", 58
    )
    # where label and seal do not fit one line, the seal goes whole onto the next
    assert any(line.strip().endswith(slip.seal) for line in narrow.splitlines())
    unsealed = dataclasses.replace(slip, seal="")  # a copy printed again has none
    assert label.strip() not in _render(
        layout_ticket(unsealed, load_profile(KZ_PROFILE)).data, KZ_PROFILE
    )


@pytest.mark.parametrize(
    ("lang", "soon"),
    [
        ("kk", "Сізді жақында шақырады"),
        ("ru", "Вас скоро вызовут"),
        ("en", "You will be called soon"),
    ],
)
def test_nobody_ahead_prints_soon_not_zero_minutes(
    slips: dict[str, TicketSlip], lang: str, soon: str
) -> None:
    first = dataclasses.replace(slips[lang], people_ahead=0, wait_minutes=0)
    text = _render(layout_ticket(first, load_profile(KZ_PROFILE)).data, KZ_PROFILE)
    assert soon in text and "~0" not in text
    assert LABELS[lang].first in text, "not '0 people ahead'"
    assert LABELS[lang].people_ahead.format(n=0) not in text
    second = dataclasses.replace(first, people_ahead=1)
    text = _render(layout_ticket(second, load_profile(KZ_PROFILE)).data, KZ_PROFILE)
    assert LABELS[lang].people_ahead.format(n=1) in text and LABELS[lang].first not in text


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_service_no_counter_serves_yet_prints_no_minutes(
    slips: dict[str, TicketSlip], lang: str
) -> None:
    early = dataclasses.replace(slips[lang], people_ahead=3, wait_minutes=25, unserved=True)
    profile = load_profile(KZ_PROFILE)
    paper = EscposRenderer(profile.code_pages, profile.width_dots).render(
        layout_ticket(early, profile).data
    )
    lines = paper.text.splitlines()
    assert LABELS[lang].unserved in lines, "called once a counter opens"
    assert not any("~25" in line or LABELS[lang].soon in line for line in lines)
    assert LABELS[lang].people_ahead.format(n=3) in lines, "how many wait is still true"
    SHOTS.mkdir(parents=True, exist_ok=True)
    paper.image.save(SHOTS / f"ticket-no-counter-yet-{lang}.png")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_priority_ticket_says_so_under_its_number_and_a_regular_one_does_not(
    slips: dict[str, TicketSlip], lang: str
) -> None:
    profile = load_profile(KZ_PROFILE)
    priority = dataclasses.replace(slips[lang], priority=True)
    paper = EscposRenderer(profile.code_pages, profile.width_dots).render(
        layout_ticket(priority, profile).data
    )
    lines = paper.text.splitlines()
    number = next(i for i, line in enumerate(lines) if priority.number in line)
    assert lines.index(LABELS[lang].priority) == number + 1, "right under the number"
    SHOTS.mkdir(parents=True, exist_ok=True)
    paper.image.save(SHOTS / f"ticket-priority-{lang}.png")
    regular = dataclasses.replace(slips[lang], priority=False)
    assert LABELS[lang].priority not in _render(layout_ticket(regular, profile).data, KZ_PROFILE)


SHOTS = Path(__file__).resolve().parents[1] / "screenshots" / "tickets"
DOCUMENTS = {
    "kk": ("Ескі жеке куәлігіңіз немесе төлқұжатыңыз (болса)", "Туу туралы куәлігіңіз"),
    "ru": ("Старое удостоверение личности или паспорт (если есть)", "Свидетельство о рождении"),
    "en": ("Your old ID card or passport (if you have one)", "Your birth certificate"),
}


@pytest.mark.parametrize(
    ("lang", "bring", "profile_name", "paper_mm"),
    [
        ("kk", "Өзіңізбен алып келіңіз:", KZ_PROFILE, 80),
        ("ru", "Что взять с собой:", KZ_PROFILE, 80),
        ("en", "What to bring:", KZ_PROFILE, 80),
        ("en", "What to bring:", "POS-5890", 58),  # no Kazakh page: English stays text
    ],
)
def test_what_to_bring_is_printed_as_a_list_under_the_qr_code(
    slips: dict[str, TicketSlip], lang: str, bring: str, profile_name: str, paper_mm: int
) -> None:
    slip = dataclasses.replace(slips[lang], documents=DOCUMENTS[lang])
    profile = load_profile(profile_name, paper_mm=paper_mm)
    ticket = layout_ticket(slip, profile)
    paper = EscposRenderer(profile.code_pages, profile.width_dots).render(ticket.data)
    lines = paper.text.splitlines()
    qr = next(i for i, line in enumerate(lines) if line.startswith(("[qr ", "[image")))
    heading = lines.index(bring)
    assert heading > qr, "the list comes after the QR code, to read while waiting"
    items = [line for line in lines[heading + 1 :] if line.startswith("- ")]
    assert len(items) == 2 and items[0].startswith(f"- {DOCUMENTS[lang][0][:12]}")
    columns = profile.width_dots // 12
    follow = lines[lines.index(items[0]) + 1]
    assert follow.startswith("  ") or follow == items[1], "a long item wraps under its text"
    assert max(len(line) for line in lines if not line.startswith("[")) <= columns
    if profile_name == KZ_PROFILE:
        assert ticket.raster_lines == ()  # "- " bullets: every line stays in printer font
        SHOTS.mkdir(parents=True, exist_ok=True)
        paper.image.save(SHOTS / f"ticket-documents-{lang}-{paper_mm}mm.png")
    no_list = layout_ticket(slips[lang], profile).data
    assert bring not in EscposRenderer(profile.code_pages, profile.width_dots).render(no_list).text


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_ticket_out_of_line_prints_no_place_and_no_wait(
    slips: dict[str, TicketSlip], lang: str
) -> None:
    """A copy printed once the visitor was called, or a booked visitor's ticket."""
    copy = dataclasses.replace(slips[lang], people_ahead=0, wait_minutes=0, in_line=False)
    text = _render(layout_ticket(copy, load_profile(KZ_PROFILE)).data, KZ_PROFILE)
    labels = LABELS[lang]
    assert labels.first not in text and labels.soon not in text
    assert copy.number in text and copy.next_step in text


def test_a_control_character_in_a_name_is_printed_as_a_space_never_sent_as_a_command(
    slip: TicketSlip,
) -> None:
    """GS V (0x1D 0x56) cuts the paper: a name holding it must not cut every ticket."""
    named = dataclasses.replace(slip, service_name_second="Passport\x1dV1\x1b@x")
    data = layout_ticket(named, load_profile(KZ_PROFILE)).data
    assert b"Passport V1 @x" in data
    assert b"\x1dV1" not in data and b"\x1b@x" not in data


def test_every_profile_a_printer_may_be_given_prints_a_ticket_or_is_refused_at_once(
    slips: dict[str, TicketSlip],
) -> None:
    """AF-240 (a customer display) has no text code page: it had been taken as a kiosk's printer,
    and every ticket then failed at its layout. Now each profile either is refused when it is given
    (one line naming profiles that work) or lays out a ticket in every language."""
    refused = {}
    for name in profile_names():
        try:
            profile = load_profile(name)
        except PrinterConfigError as error:
            refused[name] = str(error)
            continue
        for slip in slips.values():
            assert layout_ticket(slip, profile).data.endswith(b"\x1dV\x01"), name
    assert refused == {
        "AF-240": "printer profile 'AF-240' (AF-240 Customer Display) has no code page a "
        "ticket's text can use (CP866, CP1251, RK1048, CP437): use a ticket printer's, "
        "e.g. TM-T20II (has KZ-1048), RP326 or POS-5890"
    }
