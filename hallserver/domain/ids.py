"""Identifiers and small value types shared by the domain."""

from __future__ import annotations

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
