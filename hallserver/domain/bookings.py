"""Appointments booked ahead: a code to check in with, a service and a slot."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from hallserver.domain.ids import JsonObject, ServiceId, TicketId


def tidy_code(typed: str) -> str:
    """A booking code as typed (`34g agc`, `K77-H9P`): capitals, without spaces or dashes."""
    return "".join(c for c in typed.upper() if not c.isspace() and c not in "-‐‑–—")


class BookingState(enum.Enum):
    """Where a booking is in its life."""

    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"


@dataclass
class Booking:
    """A visit booked for a slot; checked in at the kiosk with its code."""

    code: str
    service: ServiceId
    slot_at: datetime
    iin: str | None = None
    state: BookingState = BookingState.BOOKED
    ticket: TicketId | None = None

    def to_json(self) -> JsonObject:
        return {
            "code": self.code,
            "service_id": self.service,
            "slot_at": self.slot_at.isoformat(),
            "iin": self.iin,
            "state": self.state.value,
            "ticket_id": self.ticket,
        }

    def public_json(self) -> JsonObject:
        """As shown to anyone who has the code, or a screen: the IIN masked."""
        return self.to_json() | {"iin": masked_iin(self.iin)}

    @classmethod
    def from_json(cls, raw: JsonObject) -> Booking:
        iin = raw.get("iin")
        ticket = raw.get("ticket_id")
        return cls(
            code=str(raw["code"]),
            service=ServiceId(str(raw["service_id"])),
            slot_at=datetime.fromisoformat(str(raw["slot_at"])),
            iin=iin if isinstance(iin, str) else None,
            state=BookingState(str(raw["state"])),
            ticket=TicketId(ticket) if isinstance(ticket, str) else None,
        )


def masked_iin(iin: object) -> str | None:
    """An IIN as the public may see it: its last four digits (the first six are a birth date)."""
    return f"{'*' * 8}{iin[-4:]}" if isinstance(iin, str) and iin else None
