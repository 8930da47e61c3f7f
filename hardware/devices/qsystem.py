"""QSystem's RS-485 operator buttons: 4-byte frames ``0x01 ADDR CMD 0x07``.

Keys: 0x31 call (a second press while a visitor is called is a recall), 0x32 start,
0x33 redirect (transfer), 0x34 finish (while the visitor is only called: no-show). The counter
decides recall and no-show, as QSystem does, from the ticket's state. The host answers with frames
of the same shape: LED and beep commands (see docs/hardware.md; check them on real hardware).
"""

from __future__ import annotations

from collections.abc import Container

from hardware.devices.events import Action, ButtonPressed, DeviceEvent, Garbage

START = 0x01
END = 0x07
FRAME_LENGTH = 4
ADDRESSES = range(1, 255)  # a button's address on the bus

KEYS: dict[int, Action] = {
    0x31: Action.CALL_NEXT,
    0x32: Action.START,
    0x33: Action.TRANSFER,
    0x34: Action.FINISH,
}
KEY_CODES = {action: code for code, action in KEYS.items()}
KEY_CODES[Action.RECALL] = 0x31  # the same key: a second press
KEY_CODES[Action.NO_SHOW] = 0x34

LED_ON = 0x35
LED_OFF = 0x36
LED_BLINK = 0x37
BEEP = 0x38
LAMP_CODES = {"ON": LED_ON, "OFF": LED_OFF, "BLINK": LED_BLINK}
HOST_COMMANDS = frozenset((*LAMP_CODES.values(), BEEP))


class QSystemProtocol:
    """The host side of QSystem's button bus."""

    name = "qsystem"

    def parse(self, buffer: bytes) -> tuple[list[DeviceEvent], bytes]:
        """Presses from ``buffer`` and the incomplete tail; bad bytes become Garbage. Pure."""
        pieces, tail = split(buffer, KEYS)
        events: list[DeviceEvent] = [
            ButtonPressed(piece[0], KEYS[piece[1]])
            if isinstance(piece, tuple)
            else Garbage(piece, "bytes outside a frame")
            for piece in pieces
        ]
        return events, tail

    def acknowledge(self, event: DeviceEvent) -> bytes | None:
        """QSystem buttons need no acknowledgement."""
        return None


def frame(address: int, command: int) -> bytes:
    """One frame; ``address`` 1-254."""
    if address not in ADDRESSES:
        raise ValueError(f"QSystem address {address} is not 1-254")
    return bytes([START, address, command, END])


def press(address: int, action: Action) -> bytes:
    """What a QSystem button sends for ``action`` (simulators)."""
    return frame(address, KEY_CODES[action])


def led(address: int, state: str) -> bytes:
    """Set the button's LED: ON, OFF or BLINK."""
    if state not in LAMP_CODES:
        raise ValueError(f"LED state {state!r} is not ON, OFF or BLINK")
    return frame(address, LAMP_CODES[state])


def beep(address: int) -> bytes:
    """Sound the button's buzzer."""
    return frame(address, BEEP)


def host_frames(buffer: bytes) -> tuple[list[tuple[int, int]], bytes]:
    """The (address, command) of each lamp or buzzer frame the host sent, and the incomplete
    tail (what a simulated button reads). Other bytes are skipped. Pure."""
    pieces, tail = split(buffer, HOST_COMMANDS)
    return [piece for piece in pieces if isinstance(piece, tuple)], tail


def split(buffer: bytes, commands: Container[int]) -> tuple[list[tuple[int, int] | bytes], bytes]:
    """Frames as (address, command), for commands in ``commands``, the bytes between them, and
    the incomplete tail. A START that begins no such frame is a byte like any other. Pure."""
    pieces: list[tuple[int, int] | bytes] = []
    junk = bytearray()
    i = 0
    while i < len(buffer):
        if buffer[i] != START:
            junk.append(buffer[i])
            i += 1
            continue
        if len(buffer) - i < FRAME_LENGTH:
            break
        address, command, end = buffer[i + 1], buffer[i + 2], buffer[i + 3]
        if end == END and command in commands and 0 < address < 0xFF:
            if junk:
                pieces.append(bytes(junk))
                junk.clear()
            pieces.append((address, command))
            i += FRAME_LENGTH
        else:
            junk.append(buffer[i])  # not a frame here: resynchronise on the next byte
            i += 1
    if junk:
        pieces.append(bytes(junk))
    return pieces, buffer[i:]
