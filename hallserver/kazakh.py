"""Kazakh numerals and the case endings a clock time takes, for every app that writes Kazakh.

Pure Python. Kazakh writes a case ending after a time with a hyphen, and the ending follows the
last word of the time as read aloud: the minutes, whole hours read with their zeros ("09:00" is
read "тоғыз нөл нөл": "09:00-ден 18:00-ге дейін", as halls and offices write it; "10:45" is read
"он қырық бес": "10:45-тен"). Its vowel follows the
word's last vowel (back а о ұ ы, front ә е ө ү і), its first consonant the word's last sound:

- ablative ("from"): -нан/-нен after м н ң, -тан/-тен after a voiceless consonant, -дан/-ден
  after a vowel or another voiced consonant;
- dative ("until", "to"): -қа/-ке after a voiceless consonant, -ға/-ге otherwise;
- locative ("at"): -та/-те after a voiceless consonant, -да/-де otherwise.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Literal

KK_UNITS = ("", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
KK_TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
KK_ZERO = "нөл"

Case = Literal["from", "to", "at"]

_BACK = set("аоұыяё")
_FRONT = set("әеөүіэ")
_VOICELESS = set("кқпстфхцчшщбвгд")  # б в г д sound voiceless at a word's end
_NASAL = set("мнң")
_ENDINGS: dict[Case, tuple[str, str, str]] = {  # after a nasal, a voiceless, anything else
    "from": ("нан", "тан", "дан"),
    "to": ("ға", "қа", "ға"),
    "at": ("да", "та", "да"),
}


def last_word(hour: int, minute: int) -> str:
    """The last word of `hour`:`minute` read aloud in Kazakh ("02:16" -> "алты")."""
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"{hour:02}:{minute:02} is not a time of day")
    if minute == 0:  # "09:00" is read "тоғыз нөл нөл", as "09:00-ден 18:00-ге дейін" is written
        return KK_ZERO
    return KK_UNITS[minute % 10] if minute % 10 else KK_TENS[minute // 10]


def ending(word: str, case: Case) -> str:
    """The case ending `word` takes, without the hyphen ("тоғыз", "from" -> "дан")."""
    vowels = [c for c in word.lower() if c in _BACK or c in _FRONT]
    front = bool(vowels) and vowels[-1] in _FRONT
    last = word.lower()[-1]
    nasal, voiceless, other = _ENDINGS[case]
    chosen = nasal if last in _NASAL else voiceless if last in _VOICELESS else other
    if front:
        chosen = chosen.replace("а", "е").replace("ғ", "г").replace("қ", "к")
    return chosen


def clock(at: time | datetime, case: Case) -> str:
    """`at` as HH:MM with its Kazakh case ending: "09:00-ден", "13:00-ге", "10:45-те"."""
    return f"{at:%H:%M}-{ending(last_word(at.hour, at.minute), case)}"
