"""Kezek's own ASCII line protocol for white-label buttons, keypads and displays (docs/hardware.md).

A frame is ``$`` BODY ``*`` CC CR LF, BODY is ``ADDR,VERB[,ARG]...`` with ADDR two decimal
digits (01-99; 00 is broadcast from the host), CC the XOR of the BODY bytes as two upper-case hex
digits (as in NMEA 0183; lower-case ones are accepted too). Example: ``$03,KEY,CALL,17*7C\\r\\n``.
KEY and RATE carry a sequence number, two digits 00-99, that the host acknowledges. A frame over
96 bytes, with a wrong checksum or without its sequence number is Garbage: logged, never acted on.
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.devices.events import (
    Action,
    ButtonPressed,
    DeviceAck,
    DeviceEvent,
    DeviceHello,
    Garbage,
    Grade,
    RatingPressed,
)

MAX_FRAME = 96  # bytes from $ to LF; longer is garbage
BROADCAST = 0
ADDRESSES = range(1, 100)  # a device's own address; 00 is the host's broadcast

KEYS: dict[str, Action] = {
    "CALL": Action.CALL_NEXT,
    "RECALL": Action.RECALL,
    "START": Action.START,
    "FINISH": Action.FINISH,
    "NOSHOW": Action.NO_SHOW,
    "TRANSFER": Action.TRANSFER,
}
KEY_NAMES = {action: name for name, action in KEYS.items()}
GRADES: dict[str, Grade] = {"1": Grade.EXCELLENT, "2": Grade.GOOD, "3": Grade.SATISFACTORY}
GRADE_DIGITS = {grade: digit for digit, grade in GRADES.items()}
DEVICE_KINDS = ("BUTTON", "KEYPAD", "DISPLAY")


@dataclass(frozen=True)
class Frame:
    """One checked frame, either direction."""

    address: int
    verb: str
    args: tuple[str, ...]


def checksum(body: str) -> str:
    """XOR of the body's bytes as two upper-case hex digits."""
    value = 0
    for byte in body.encode("ascii"):
        value ^= byte
    return f"{value:02X}"


def encode(address: int, verb: str, *args: str) -> bytes:
    """The frame for ``address``, ``verb`` and ``args``."""
    if not 0 <= address <= 99:
        raise ValueError(f"address {address} is not 0-99")
    for part in (verb, *args):
        if not part.isascii() or any(ch in part for ch in ",*$\r\n") or not part.isprintable():
            raise ValueError(f"{part!r} cannot go in a frame: printable ASCII without , * $")
    body = ",".join((f"{address:02d}", verb, *args))
    return f"${body}*{checksum(body)}\r\n".encode("ascii")


def parse_frames(buffer: bytes) -> tuple[list[Frame | Garbage], bytes]:
    """Split ``buffer`` into checked frames and garbage; the incomplete tail is returned. Pure."""
    out: list[Frame | Garbage] = []
    position = 0
    while position < len(buffer):
        start = buffer.find(b"$", position)
        if start < 0:
            _garbage(out, buffer[position:], "no $ frame start")
            return out, b""
        _garbage(out, buffer[position:start], "bytes before $")
        end = buffer.find(b"\n", start)
        restart = buffer.find(b"$", start + 1)
        if end < 0:
            if restart >= 0:  # a new frame began before this one ended
                _garbage(out, buffer[start:restart], "frame cut short")
                position = restart
                continue
            if len(buffer) - start > MAX_FRAME:
                _garbage(out, buffer[start:], "frame too long")
                return out, b""
            return out, buffer[start:]
        if 0 <= restart < end:
            _garbage(out, buffer[start:restart], "frame cut short")
            position = restart
            continue
        if end + 1 - start > MAX_FRAME:
            _garbage(out, buffer[start : end + 1], "frame too long")
        else:
            out.append(_frame(buffer[start : end + 1]))
        position = end + 1
    return out, b""


def _garbage(out: list[Frame | Garbage], data: bytes, reason: str) -> None:
    if data.strip(b"\r\n\x00 "):
        out.append(Garbage(data, reason))


def _frame(raw: bytes) -> Frame | Garbage:
    try:
        line = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        return Garbage(raw, "not ASCII")
    body, star, check = line[1:].rpartition("*")
    if not star or len(check) != 2:
        return Garbage(raw, "no *CC checksum")
    if checksum(body) != check.upper():
        return Garbage(raw, f"checksum {check} should be {checksum(body)}")
    if "*" in body or not body.isprintable():  # encode() could not repeat it
        return Garbage(raw, "a field holds * or a control character")
    fields = body.split(",")
    if len(fields) < 2 or len(fields[0]) != 2 or not fields[0].isdigit():
        return Garbage(raw, "no two-digit address")
    return Frame(int(fields[0]), fields[1].upper(), tuple(fields[2:]))


class KezekLineProtocol:
    """The host side: device frames in, events out; ACKs and display commands as bytes."""

    name = "kezek"

    def parse(self, buffer: bytes) -> tuple[list[DeviceEvent], bytes]:
        """Events from the device frames in ``buffer``, and the incomplete tail. Pure."""
        frames, rest = parse_frames(buffer)
        return [_event(frame) for frame in frames], rest

    def acknowledge(self, event: DeviceEvent) -> bytes | None:
        """The ACK a press with a sequence number needs (else the device sends it again)."""
        if isinstance(event, ButtonPressed | RatingPressed) and event.seq is not None:
            return ack(event.address, event.seq)
        return None


def _event(frame: Frame | Garbage) -> DeviceEvent:
    if isinstance(frame, Garbage):
        return frame
    raw = encode(frame.address, frame.verb, *frame.args)
    if frame.address == BROADCAST:
        return Garbage(raw, "devices may not use the broadcast address 00")
    if frame.verb in ("KEY", "RATE"):  # a press without its sequence could not be acknowledged
        seq = frame.args[1] if len(frame.args) >= 2 else ""
        if len(seq) != 2 or not seq.isdigit():
            return Garbage(raw, f"{frame.verb} needs a sequence number 00-99, not {seq!r}")
    if frame.verb == "KEY" and frame.args[0].upper() in KEYS:
        return ButtonPressed(frame.address, KEYS[frame.args[0].upper()], int(frame.args[1]))
    if frame.verb == "RATE" and frame.args[0] in GRADES:
        return RatingPressed(frame.address, GRADES[frame.args[0]], int(frame.args[1]))
    if frame.verb == "HELLO" and frame.args and frame.args[0].upper() in DEVICE_KINDS:
        firmware = frame.args[1] if len(frame.args) > 1 else ""
        return DeviceHello(frame.address, frame.args[0].upper(), firmware)
    if frame.verb == "ACK":
        return DeviceAck(frame.address, ",".join(frame.args))
    return Garbage(raw, f"unknown verb or argument: {frame.verb} {','.join(frame.args)}")


# --- encoders: host -> device ------------------------------------------------------------------


def ack(address: int, seq: int) -> bytes:
    """Acknowledge press number ``seq`` from ``address``."""
    return encode(address, "ACK", f"{seq:02d}")


def show(address: int, text: str, *, blink: bool = False) -> bytes:
    """Show ``text`` (up to 8 ASCII characters) on the display at ``address``."""
    if len(text) > 8:
        raise ValueError(f"{text!r} is longer than the display's 8 characters")
    return encode(address, "SHOW", text, *(["BLINK"] if blink else []))


def led(address: int, state: str) -> bytes:
    """Set a button's LED: ON, OFF or BLINK."""
    if state not in ("ON", "OFF", "BLINK"):
        raise ValueError(f"LED state {state!r} is not ON, OFF or BLINK")
    return encode(address, "LED", state)


def beep(address: int, milliseconds: int = 200) -> bytes:
    """Sound the device's buzzer."""
    return encode(address, "BEEP", str(max(10, min(milliseconds, 5000))))


def ping(address: int = BROADCAST) -> bytes:
    """Ask a device (or all) to answer HELLO."""
    return encode(address, "PING")


# --- encoders: device -> host (simulators and device firmware) -----------------------------------


def key(address: int, action: Action, seq: int) -> bytes:
    """A button press frame."""
    return encode(address, "KEY", KEY_NAMES[action], f"{seq % 100:02d}")


def rate(address: int, grade: Grade, seq: int) -> bytes:
    """A rating key frame."""
    return encode(address, "RATE", GRADE_DIGITS[grade], f"{seq % 100:02d}")


def hello(address: int, kind: str, firmware: str = "1.0") -> bytes:
    """A device's announcement."""
    return encode(address, "HELLO", kind, firmware)
