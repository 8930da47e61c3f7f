"""The Kazakh case ending after a clock time, for every minute of a day, and on the screens."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from hallserver import kazakh
from kiosk.views.texts import with_time

# Every word a time of day can end on when read aloud, with the endings a Kazakh speaker writes
# after it: ablative ("…-дан бастап"), dative ("…-ға дейін"), locative ("сағат …-да").
ENDINGS = {
    "нөл": ("ден", "ге", "де"),
    "бір": ("ден", "ге", "де"),
    "екі": ("ден", "ге", "де"),
    "үш": ("тен", "ке", "те"),
    "төрт": ("тен", "ке", "те"),
    "бес": ("тен", "ке", "те"),
    "алты": ("дан", "ға", "да"),
    "жеті": ("ден", "ге", "де"),
    "сегіз": ("ден", "ге", "де"),
    "тоғыз": ("дан", "ға", "да"),
    "он": ("нан", "ға", "да"),
    "жиырма": ("дан", "ға", "да"),
    "отыз": ("дан", "ға", "да"),
    "қырық": ("тан", "қа", "та"),
    "елу": ("ден", "ге", "де"),
}
UNITS = ("", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
TENS = ("", "он", "жиырма", "отыз", "қырық", "елу")


def read_aloud(hour: int, minute: int) -> list[str]:
    """The time as a Kazakh speaker reads it: the hour, then the minutes, a whole hour's as
    "нөл нөл" (so halls and offices write "09:00-ден 18:00-ге дейін")."""

    def number(n: int) -> list[str]:
        if n == 0:
            return ["нөл"]
        return [w for w in (TENS[n // 10], UNITS[n % 10]) if w]

    return number(hour) + (number(minute) if minute else ["нөл", "нөл"])


@pytest.mark.parametrize(("case", "column"), [("from", 0), ("to", 1), ("at", 2)])
def test_every_time_of_day_takes_the_ending_of_its_last_word(case: str, column: int) -> None:
    for hour in range(24):
        for minute in range(60):
            last = read_aloud(hour, minute)[-1]
            expected = f"{hour:02}:{minute:02}-{ENDINGS[last][column]}"
            assert kazakh.clock(time(hour, minute), case) == expected  # type: ignore[arg-type]


def test_the_examples_a_speaker_gives() -> None:
    said = {
        (2, 16, "from"): "02:16-дан",
        (13, 30, "from"): "13:30-дан",
        (10, 45, "from"): "10:45-тен",
        (9, 0, "from"): "09:00-ден",
        (10, 0, "from"): "10:00-ден",
        (13, 0, "to"): "13:00-ге",  # as the hall's own notice writes it
        (18, 30, "to"): "18:30-ға",
        (10, 40, "to"): "10:40-қа",
        (9, 5, "from"): "09:05-тен",
        (9, 0, "at"): "09:00-де",
    }
    for (hour, minute, case), expected in said.items():
        assert kazakh.clock(time(hour, minute), case) == expected  # type: ignore[arg-type]


def test_a_time_out_of_the_day_is_refused() -> None:
    with pytest.raises(ValueError, match="24:00"):
        kazakh.last_word(24, 0)


def test_only_the_kazakh_placeholders_take_an_ending() -> None:
    at = datetime(2026, 11, 24, 9, 0)
    now = datetime(2026, 11, 24, 8, 0)
    assert with_time("Again from {time}.", at, now) == "Again from 09:00."
    assert with_time("Снова с {time}.", at, now) == "Снова с 09:00."
    assert with_time("Қайтадан {time_from} бастап.", at, now) == "Қайтадан 09:00-ден бастап."
    assert with_time("Талон {time_to} дейін.", at, now) == "Талон 09:00-ге дейін."
    assert with_time("Зал {time_at} ашылады.", at, now) == "Зал сағат 09:00-де ашылады."
    tomorrow = datetime(2026, 11, 25, 10, 0)
    assert with_time("Зал {time_at} ашылады.", tomorrow, now) == (
        "Зал 25.11 күні сағат 10:00-де ашылады."
    )
    assert with_time("{time_from} бастап", tomorrow, now) == "25.11 10:00-ден бастап"
    half_past = datetime(2026, 11, 24, 10, 30)
    assert with_time("{time_from} бастап", half_past, now) == "10:30-дан бастап"


def test_without_a_time_the_sentence_naming_it_is_left_out() -> None:
    """A line out of tickets with no opening ahead (hours not kept): the visitor reads why,
    never a placeholder or "Again from ."."""
    for text, said in (
        ("Бүгінгі талондар бітті. Қайтадан {time_from} бастап.", "Бүгінгі талондар бітті."),
        ("Талоны на сегодня закончились. Снова с {time}.", "Талоны на сегодня закончились."),
        ("Today's tickets have run out. Again from {time}.", "Today's tickets have run out."),
    ):
        assert with_time(text, None) == said
    assert with_time("Closed now.\nЖабық.", None) == "Closed now.\nЖабық."  # no time: as it is
