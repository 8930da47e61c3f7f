"""QSystem's RS-485 operator buttons: 4-byte frames ``0x01 ADDR CMD 0x07``.

Keys: 0x31 call (a second press while a visitor is called is a recall), 0x32 start,
0x33 redirect (transfer), 0x34 finish (while the visitor is only called: no-show). The counter
decides recall and no-show, as QSystem does, from the ticket's state. The host answers with frames
of the same shape: LED and beep commands (see docs/hardware.md; check them on real hardware).
"""

from __future__ import annotations

from hardware.devices.events import Action, ButtonPressed, DeviceEvent, Garbage

START = 0x01
END = 0x07
FRAME_LENGTH = 4

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


class QSystemProtocol:
    """The host side of QSystem's button bus."""

    name = "qsystem"

    def parse(self, buffer: bytes) -> tuple[list[DeviceEvent], bytes]:
        """Presses from ``buffer`` and the incomplete tail; bad bytes become Garbage. Pure."""
        events: list[DeviceEvent] = []
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
            if end == END and command in KEYS and 0 < address < 0xFF:
                if junk:
                    events.append(Garbage(bytes(junk), "bytes outside a frame"))
                    junk.clear()
                events.append(ButtonPressed(address, KEYS[command]))
                i += FRAME_LENGTH
            else:
                junk.append(buffer[i])  # not a frame here: resynchronise on the next byte
                i += 1
        if junk:
            events.append(Garbage(bytes(junk), "bytes outside a frame"))
        return events, buffer[i:]

    def acknowledge(self, event: DeviceEvent) -> bytes | None:
        """QSystem buttons need no acknowledgement."""
        return None


def frame(address: int, command: int) -> bytes:
    """One frame; ``address`` 1-254."""
    if not 0 < address < 0xFF:
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
    """The (address, command) of each whole frame the host sent, and the incomplete tail
    (what a simulated button reads). Bytes outside a frame are skipped. Pure."""
    frames: list[tuple[int, int]] = []
    i = 0
    while len(buffer) - i >= FRAME_LENGTH:
        if buffer[i] == START and buffer[i + 3] == END:
            frames.append((buffer[i + 1], buffer[i + 2]))
            i += FRAME_LENGTH
        else:
            i += 1
    tail = buffer[i:]
    return frames, tail[tail.index(START) :] if START in tail else b""
