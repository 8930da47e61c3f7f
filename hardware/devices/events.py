"""What serial devices report: typed, protocol-independent events."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass


class Action(enum.Enum):
    """What an operator's button asks for."""

    CALL_NEXT = "call_next"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    TRANSFER = "transfer"


class Grade(enum.Enum):
    """A visitor's rating on a three-key keypad."""

    EXCELLENT = "excellent"
    GOOD = "good"
    SATISFACTORY = "satisfactory"


@dataclass(frozen=True)
class ButtonPressed:
    """An operator pressed a button on the device at ``address``."""

    address: int
    action: Action
    seq: int | None = None  # the frame's sequence number, where the protocol has one


@dataclass(frozen=True)
class RatingPressed:
    """A visitor pressed a rating key on the keypad at ``address``."""

    address: int
    grade: Grade
    seq: int | None = None


@dataclass(frozen=True)
class DeviceHello:
    """A device announced itself (power-up, or an answer to PING)."""

    address: int
    kind: str  # BUTTON, KEYPAD, DISPLAY
    firmware: str = ""


@dataclass(frozen=True)
class DeviceAck:
    """A device confirmed a command (a display showed the text)."""

    address: int
    what: str


@dataclass(frozen=True)
class DeviceFault:
    """A device refused a command (e.g. a Modbus exception)."""

    address: int
    reason: str


@dataclass(frozen=True)
class Garbage:
    """Bytes that are no valid frame: skipped and logged, never a crash."""

    data: bytes
    reason: str


DeviceEvent = ButtonPressed | RatingPressed | DeviceHello | DeviceAck | DeviceFault | Garbage


class Deduplicator:
    """Drops a press repeated with the same sequence number (a retransmission) within a window."""

    def __init__(self, window_s: float = 5.0) -> None:
        self.window_s = window_s
        self._last: dict[tuple[int, int], float] = {}

    def is_new(self, event: DeviceEvent, now: float | None = None) -> bool:
        """False for a retransmitted press already seen."""
        if not isinstance(event, ButtonPressed | RatingPressed) or event.seq is None:
            return True
        now = time.monotonic() if now is None else now
        key = (event.address, event.seq)
        seen = self._last.get(key)
        self._last[key] = now
        return seen is None or now - seen > self.window_s
