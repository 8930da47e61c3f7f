"""Identifiers and small value types shared by the domain."""

from __future__ import annotations

import unicodedata
from typing import Literal, NewType, TypeAlias

TicketId = NewType("TicketId", str)
ServiceId = NewType("ServiceId", str)
CounterId = NewType("CounterId", str)
GroupId = NewType("GroupId", str)
OperatorId = NewType("OperatorId", str)

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")

JsonScalar: TypeAlias = str | int | float | bool | None
JsonValue: TypeAlias = JsonScalar | list["JsonValue"] | dict[str, "JsonValue"]
JsonObject: TypeAlias = dict[str, JsonValue]


# Letters that are drawn as nothing: the Hangul fillers, the Braille blank, the combining
# grapheme joiner. (Their categories say a letter, a symbol or a mark.)
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")


def shows_nothing(value: str) -> bool:
    """Whether `value` holds nothing a reader would see: only spaces of any width, line
    breaks, control and format characters (a zero-width space, a byte-order mark), letters
    drawn blank (a Hangul filler, the Braille blank), or marks with no letter to sit on (a
    combining accent or a variation selector alone)."""
    return all(
        ch in _BLANK_LETTERS
        or unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me")
        for ch in value
    )


def unprintable(value: str) -> bool:
    """Whether `value` holds a control character (but a tab or a line break) or a line or
    paragraph separator (U+2028/9): what a ticket printer or a screen acts on rather than
    shows (GS V, 0x1D 0x56, cuts the paper). Format characters pasted with text (a soft
    hyphen, a zero-width joiner in an emoji, a byte-order mark) and spaces of any width are
    no fault: they show, or show as nothing."""
    return any(
        unicodedata.category(ch) in ("Cc", "Zl", "Zp") and ch not in "\t\n\r" for ch in value
    )
