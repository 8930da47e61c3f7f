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


def unprintable(value: str) -> bool:
    """Whether `value` holds a control character or a line or paragraph separator (U+0085,
    U+2028/9): what a ticket printer or a screen acts on rather than shows (GS V, 0x1D 0x56,
    cuts the paper). Tabs, line breaks and spaces of other widths (no-break, thin, …) pasted
    from a document are no fault."""
    return not all(
        ch.isprintable() or ch in "\t\n\r" or unicodedata.category(ch) == "Zs" for ch in value
    )
