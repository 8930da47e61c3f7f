"""Pure parsers and encoders of the three device protocols, as tables."""

from __future__ import annotations

import pytest

from hardware.devices import kezek_line, modbus_display, qsystem
from hardware.devices.events import (
    Action,
    ButtonPressed,
    Deduplicator,
    DeviceAck,
    DeviceEvent,
    DeviceFault,
    DeviceHello,
    Garbage,
    Grade,
    RatingPressed,
)

KEZEK = kezek_line.KezekLineProtocol()
QSYSTEM = qsystem.QSystemProtocol()
MODBUS = modbus_display.ModbusDisplayProtocol()


def _kinds(events: list[DeviceEvent]) -> list[object]:
    return [event if not isinstance(event, Garbage) else "garbage" for event in events]


def _framed(body: str, check: str | None = None) -> bytes:
    """``body`` in a frame with its checksum, even what encode() refuses to build."""
    return f"${body}*{check or kezek_line.checksum(body)}\r\n".encode("ascii")


def test_kezek_frame_has_the_documented_shape_and_checksum() -> None:
    assert kezek_line.encode(3, "KEY", "CALL", "17") == b"$03,KEY,CALL,17*7C\r\n"
    body = "03,KEY,CALL,17"
    value = 0
    for byte in body.encode():
        value ^= byte
    assert f"{value:02X}" == "7C"


@pytest.mark.parametrize(
    ("wire", "events", "rest"),
    [
        (kezek_line.key(3, Action.CALL_NEXT, 17), [ButtonPressed(3, Action.CALL_NEXT, 17)], b""),
        (kezek_line.key(12, Action.NO_SHOW, 1), [ButtonPressed(12, Action.NO_SHOW, 1)], b""),
        (kezek_line.rate(40, Grade.GOOD, 5), [RatingPressed(40, Grade.GOOD, 5)], b""),
        (kezek_line.hello(7, "DISPLAY", "2.1"), [DeviceHello(7, "DISPLAY", "2.1")], b""),
        (
            b"$05,ACK,SHOW*" + kezek_line.checksum("05,ACK,SHOW").encode() + b"\r\n",
            [DeviceAck(5, "SHOW")],
            b"",
        ),
        (kezek_line.key(3, Action.START, 2)[:9], [], kezek_line.key(3, Action.START, 2)[:9]),
        (
            b"\x00\xffnoise" + kezek_line.key(2, Action.RECALL, 3),
            ["garbage", ButtonPressed(2, Action.RECALL, 3)],
            b"",
        ),
        (b"$03,KEY,CALL,17*00\r\n", ["garbage"], b""),  # wrong checksum
        (b"$03,KEY,CALL,17\r\n", ["garbage"], b""),  # no checksum
        (kezek_line.encode(3, "KEY", "DANCE", "01"), ["garbage"], b""),  # unknown key
        (kezek_line.encode(0, "KEY", "CALL", "01"), ["garbage"], b""),  # broadcast from a device
        (
            b"$03,KEY,CA" + kezek_line.rate(9, Grade.EXCELLENT, 4),
            ["garbage", RatingPressed(9, Grade.EXCELLENT, 4)],
            b"",
        ),  # cut short, then resync
        (b"$" + b"A" * 200, ["garbage"], b""),  # too long, never ends
        (_framed("03,KEY,CALL,34," + "X" * 75), [ButtonPressed(3, Action.CALL_NEXT, 34)], b""),
        (_framed("03,KEY,CALL,34," + "X" * 76), ["garbage"], b""),  # 97 bytes, though complete
        (_framed("03,KEY,CALL,34," + "X" * 90), ["garbage"], b""),  # 111 bytes
        (_framed("03,KEY,CALL,100"), ["garbage"], b""),  # sequence outside 00-99
        (_framed("03,KEY,CALL,7"), ["garbage"], b""),  # one digit
        (_framed("03,KEY,CALL"), ["garbage"], b""),  # no sequence: it could not be acknowledged
        (_framed("41,RATE,1,1A"), ["garbage"], b""),
        (_framed("03,KEY,CALL,17", "7c"), [ButtonPressed(3, Action.CALL_NEXT, 17)], b""),  # lenient
        (_framed("03,KEY,CALL\x01,17"), ["garbage"], b""),  # a control character: no crash
        (_framed("03,KEY,CA*LL,17"), ["garbage"], b""),  # a * inside: no crash
        (b"\r\n\r\n", [], b""),  # blank lines are not garbage
    ],
)
def test_kezek_parser_table(wire: bytes, events: list[object], rest: bytes) -> None:
    parsed, left = KEZEK.parse(wire)
    assert _kinds(parsed) == events
    assert left == rest


def test_kezek_parser_takes_many_devices_from_one_buffer() -> None:
    wire = b"".join(
        [
            kezek_line.key(1, Action.CALL_NEXT, 1),
            kezek_line.key(2, Action.FINISH, 1),
            kezek_line.rate(31, Grade.SATISFACTORY, 9),
        ]
    )
    events, rest = KEZEK.parse(wire)
    assert events == [
        ButtonPressed(1, Action.CALL_NEXT, 1),
        ButtonPressed(2, Action.FINISH, 1),
        RatingPressed(31, Grade.SATISFACTORY, 9),
    ]
    assert rest == b""


def test_kezek_press_is_acknowledged_with_its_sequence_number() -> None:
    ack = KEZEK.acknowledge(ButtonPressed(3, Action.CALL_NEXT, 17))
    assert ack == kezek_line.encode(3, "ACK", "17")
    assert KEZEK.acknowledge(DeviceHello(3, "BUTTON")) is None


@pytest.mark.parametrize(
    ("frame", "text"),
    [
        (kezek_line.show(5, "A042"), "$05,SHOW,A042*"),
        (kezek_line.show(5, "A042", blink=True), "$05,SHOW,A042,BLINK*"),
        (kezek_line.led(8, "BLINK"), "$08,LED,BLINK*"),
        (kezek_line.beep(8, 300), "$08,BEEP,300*"),
        (kezek_line.ping(), "$00,PING*"),
    ],
)
def test_kezek_host_commands_encode(frame: bytes, text: str) -> None:
    assert frame.decode().startswith(text)
    assert frame.endswith(b"\r\n")
    frames, _ = kezek_line.parse_frames(frame)
    assert not isinstance(frames[0], Garbage)


def test_kezek_encoder_refuses_what_would_break_a_frame() -> None:
    with pytest.raises(ValueError, match="cannot go in a frame"):
        kezek_line.show(5, "A,1")
    with pytest.raises(ValueError, match="longer than"):
        kezek_line.show(5, "A123456789")
    with pytest.raises(ValueError, match="0-99"):
        kezek_line.encode(100, "PING")


def test_retransmitted_press_is_delivered_once_but_a_new_press_is_not_lost() -> None:
    dedup = Deduplicator(window_s=5)
    press = ButtonPressed(3, Action.CALL_NEXT, 17)
    assert dedup.is_new(press, now=0.0)
    assert not dedup.is_new(press, now=0.3)
    assert dedup.is_new(ButtonPressed(3, Action.CALL_NEXT, 18), now=0.4)
    assert dedup.is_new(ButtonPressed(4, Action.CALL_NEXT, 17), now=0.5)
    assert dedup.is_new(press, now=10.0)  # the counter wrapped round: a new press


@pytest.mark.parametrize(
    ("wire", "events", "rest"),
    [
        (b"\x01\x05\x31\x07", [ButtonPressed(5, Action.CALL_NEXT)], b""),
        (b"\x01\x05\x32\x07", [ButtonPressed(5, Action.START)], b""),
        (b"\x01\x05\x33\x07", [ButtonPressed(5, Action.TRANSFER)], b""),
        (b"\x01\x05\x34\x07", [ButtonPressed(5, Action.FINISH)], b""),
        (
            b"\x01\x05\x31\x07\x01\x09\x34\x07",
            [ButtonPressed(5, Action.CALL_NEXT), ButtonPressed(9, Action.FINISH)],
            b"",
        ),
        (b"\x01\x05", [], b"\x01\x05"),  # incomplete
        (b"\xff\xfe\x01\x05\x31\x07", ["garbage", ButtonPressed(5, Action.CALL_NEXT)], b""),
        (b"\x01\x05\x39\x07", ["garbage"], b""),  # unknown key
        (b"\x01\x05\x31\x08\x01\x06\x32\x07", ["garbage", ButtonPressed(6, Action.START)], b""),
        (b"\x01\x01\x01\x31\x07", ["garbage", ButtonPressed(1, Action.CALL_NEXT)], b""),
    ],
)
def test_qsystem_parser_table(wire: bytes, events: list[object], rest: bytes) -> None:
    parsed, left = QSYSTEM.parse(wire)
    assert _kinds(parsed) == events
    assert left == rest


def test_qsystem_encoders_make_four_byte_frames() -> None:
    assert qsystem.press(5, Action.CALL_NEXT) == b"\x01\x05\x31\x07"
    assert qsystem.press(5, Action.NO_SHOW) == b"\x01\x05\x34\x07"
    assert qsystem.led(5, "ON") == b"\x01\x05\x35\x07"
    assert qsystem.beep(5) == b"\x01\x05\x38\x07"
    with pytest.raises(ValueError, match="1-254"):
        qsystem.press(0, Action.START)


@pytest.mark.parametrize(
    ("wire", "frames", "rest"),
    [
        (b"\x01\x05\x37\x07", [(5, qsystem.LED_BLINK)], b""),
        (b"\x01\x05\x35\x07\x01\x06\x38\x07", [(5, qsystem.LED_ON), (6, qsystem.BEEP)], b""),
        (b"\xff\x01\x05\x36\x07\x01\x05", [(5, qsystem.LED_OFF)], b"\x01\x05"),
        (b"\x01\x05\x36\x08", [], b""),
    ],
)
def test_qsystem_host_frames_table(wire: bytes, frames: list[tuple[int, int]], rest: bytes) -> None:
    assert qsystem.host_frames(wire) == (frames, rest)


def test_modbus_crc_matches_the_standard_check_value() -> None:
    assert modbus_display.crc16(b"123456789") == 0x4B37  # CRC-16/MODBUS check value
    assert modbus_display.with_crc(b"\x01\x03\x00\x00\x00\x01") == bytes.fromhex("010300000001840a")


def test_modbus_show_request_writes_five_registers_with_ascii_text() -> None:
    request = modbus_display.show(2, "A042", blink=True)
    assert request[:7] == bytes([2, 0x10, 0, 0, 0, 5, 10])
    assert request[7:15] == b"A042    "
    assert request[15:17] == b"\x00\x01"
    assert modbus_display.crc_ok(request)
    parsed, rest = modbus_display.parse_requests(b"\x00junk" + request)
    assert parsed[-1] == modbus_display.ShowRequest(2, "A042", blink=True)
    assert rest == b""


@pytest.mark.parametrize(
    ("wire", "events"),
    [
        (modbus_display.reply(2), [DeviceAck(2, "show")]),
        (modbus_display.exception_reply(3, 2), [DeviceFault(3, "illegal data address")]),
        (b"\x55" + modbus_display.reply(4), ["garbage", DeviceAck(4, "show")]),
        (modbus_display.reply(2)[:-1] + b"\x00", ["garbage"]),  # bad CRC
    ],
)
def test_modbus_reply_parser_table(wire: bytes, events: list[object]) -> None:
    parsed, rest = MODBUS.parse(wire)
    assert _kinds(parsed) == events
    assert rest in (b"", b"\x00")


def test_modbus_show_refuses_bad_unit_and_long_text() -> None:
    with pytest.raises(ValueError, match="1-247"):
        modbus_display.show(0, "A1")
    with pytest.raises(ValueError, match="ASCII"):
        modbus_display.show(1, "Ә001")
