"""Counter number displays over Modbus RTU: write holding registers (function 16) with CRC-16.

Register map (Kezek's pick, docs/hardware.md): 0x0000-0x0003 hold 8 ASCII characters, two per
register, high byte first, space-padded; 0x0004 is 1 to blink, 0 to stay lit.
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.devices.events import DeviceAck, DeviceEvent, DeviceFault, Garbage

WRITE_MULTIPLE = 0x10
TEXT_REGISTERS = 4
REGISTERS = TEXT_REGISTERS + 1
DISPLAY_CHARS = 2 * TEXT_REGISTERS
REPLY_LENGTH = 8
EXCEPTION_LENGTH = 5
ADDRESSES = range(1, 248)  # a display's unit address (Modbus's range)
EXCEPTIONS = {
    1: "illegal function",
    2: "illegal data address",
    3: "illegal data value",
    4: "device failure",
}


def crc16(data: bytes) -> int:
    """Modbus CRC-16 (polynomial 0xA001 reflected, start 0xFFFF)."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def with_crc(body: bytes) -> bytes:
    """``body`` followed by its CRC, low byte first."""
    return body + crc16(body).to_bytes(2, "little")


def crc_ok(frame: bytes) -> bool:
    """Whether the frame's last two bytes are the CRC of the rest."""
    return len(frame) >= 4 and crc16(frame[:-2]) == int.from_bytes(frame[-2:], "little")


def show(unit: int, text: str, *, blink: bool = False) -> bytes:
    """The request that shows ``text`` (up to 8 ASCII characters) on display ``unit`` (1-247)."""
    if unit not in ADDRESSES:
        raise ValueError(f"Modbus unit {unit} is not 1-247")
    if len(text) > DISPLAY_CHARS or not text.isascii():
        raise ValueError(f"{text!r} is not up to {DISPLAY_CHARS} ASCII characters")
    data = text.ljust(DISPLAY_CHARS).encode("ascii") + bytes([0, int(blink)])
    body = bytes([unit, WRITE_MULTIPLE, 0, 0, 0, REGISTERS, len(data)]) + data
    return with_crc(body)


class ModbusDisplayProtocol:
    """The host side: the displays' replies in, DeviceAck or DeviceFault out."""

    name = "modbus"

    def parse(self, buffer: bytes) -> tuple[list[DeviceEvent], bytes]:
        """Replies from ``buffer`` and the incomplete tail. Pure."""
        events: list[DeviceEvent] = []
        junk = bytearray()
        i = 0
        while i < len(buffer):
            if len(buffer) - i < 2:
                break
            function = buffer[i + 1]
            length = {WRITE_MULTIPLE: REPLY_LENGTH, WRITE_MULTIPLE | 0x80: EXCEPTION_LENGTH}.get(
                function
            )
            if length is not None and len(buffer) - i < length:
                break
            if length is not None and crc_ok(buffer[i : i + length]):
                if junk:
                    events.append(Garbage(bytes(junk), "bytes outside a Modbus frame"))
                    junk.clear()
                unit = buffer[i]
                if function == WRITE_MULTIPLE:
                    events.append(DeviceAck(unit, "show"))
                else:
                    code = buffer[i + 2]
                    events.append(DeviceFault(unit, EXCEPTIONS.get(code, f"exception {code}")))
                i += length
            else:
                junk.append(buffer[i])
                i += 1
        if junk:
            events.append(Garbage(bytes(junk), "bytes outside a Modbus frame"))
        return events, buffer[i:]

    def acknowledge(self, event: DeviceEvent) -> bytes | None:
        """The host acknowledges nothing."""
        return None


@dataclass(frozen=True)
class ShowRequest:
    """A request a display received (the simulator's side)."""

    unit: int
    text: str
    blink: bool


def parse_requests(buffer: bytes) -> tuple[list[ShowRequest | Garbage], bytes]:
    """The display's side: show requests from ``buffer`` and the incomplete tail. Pure."""
    out: list[ShowRequest | Garbage] = []
    junk = bytearray()
    i = 0
    while i < len(buffer):
        if len(buffer) - i < 7:
            break
        count = buffer[i + 6]
        length = 7 + count + 2
        if buffer[i + 1] == WRITE_MULTIPLE and len(buffer) - i < length:
            break
        frame = buffer[i : i + length]
        if buffer[i + 1] == WRITE_MULTIPLE and count == 2 * REGISTERS and crc_ok(frame):
            if junk:
                out.append(Garbage(bytes(junk), "bytes outside a Modbus frame"))
                junk.clear()
            data = frame[7 : 7 + count]
            text = data[:DISPLAY_CHARS].decode("ascii", errors="replace").rstrip()
            out.append(ShowRequest(frame[0], text, bool(data[-1])))
            i += length
        else:
            junk.append(buffer[i])
            i += 1
    if junk:
        out.append(Garbage(bytes(junk), "bytes outside a Modbus frame"))
    return out, buffer[i:]


def reply(unit: int) -> bytes:
    """A display's normal reply to a show request."""
    return with_crc(bytes([unit, WRITE_MULTIPLE, 0, 0, 0, REGISTERS]))


def exception_reply(unit: int, code: int) -> bytes:
    """A display's exception reply."""
    return with_crc(bytes([unit, WRITE_MULTIPLE | 0x80, code]))
