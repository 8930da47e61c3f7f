"""The serial transport with each protocol over a pty and loop://: presses, replug, garbage."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware.devices import kezek_line, modbus_display, qsystem
from hardware.devices.events import (
    Action,
    ButtonPressed,
    DeviceAck,
    DeviceEvent,
    Grade,
    RatingPressed,
)
from hardware.devices.simulators import (
    ButtonSimulator,
    DisplaySimulator,
    KeypadSimulator,
    PtyPort,
)
from hardware.devices.transport import DeviceProtocol, SerialTransport
from hardware.errors import DeviceDisconnected


class Received:
    """Events the transport delivered, to wait on."""

    def __init__(self) -> None:
        self.events: queue.Queue[DeviceEvent] = queue.Queue()

    def __call__(self, event: DeviceEvent) -> None:
        self.events.put(event)

    def next(self, timeout: float = 2.0) -> DeviceEvent:
        return self.events.get(timeout=timeout)

    def empty_for(self, seconds: float) -> bool:
        try:
            self.events.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def port(tmp_path: Path) -> Iterator[PtyPort]:
    with PtyPort(tmp_path / "ttyBUS") as pty:
        yield pty


def _transport(url: str, protocol: DeviceProtocol, received: Received) -> SerialTransport:
    transport = SerialTransport(url, protocol, received).start()
    assert transport.wait_connected(2.0)
    return transport


def test_kezek_buttons_and_keypad_on_one_bus_arrive_with_their_addresses(port: PtyPort) -> None:
    received = Received()
    transport = _transport(port.path, kezek_line.KezekLineProtocol(), received)
    try:
        ButtonSimulator(port, 3).press(Action.CALL_NEXT)
        ButtonSimulator(port, 4).press(Action.NO_SHOW)
        KeypadSimulator(port, 41).press(Grade.EXCELLENT)
        assert received.next() == ButtonPressed(3, Action.CALL_NEXT, 1)
        assert received.next() == ButtonPressed(4, Action.NO_SHOW, 1)
        assert received.next() == RatingPressed(41, Grade.EXCELLENT, 1)
        acks = b""
        deadline = time.monotonic() + 2
        while acks.count(b"\n") < 3 and time.monotonic() < deadline:
            acks += port.read(0.1)
        assert kezek_line.ack(3, 1) in acks
        assert kezek_line.ack(41, 1) in acks
    finally:
        transport.stop()


def test_retransmitted_kezek_press_arrives_once(port: PtyPort) -> None:
    received = Received()
    transport = _transport(port.path, kezek_line.KezekLineProtocol(), received)
    try:
        frame = kezek_line.key(7, Action.START, 55)
        port.write(frame + frame)
        assert received.next() == ButtonPressed(7, Action.START, 55)
        assert received.empty_for(0.3)
    finally:
        transport.stop()


def test_qsystem_presses_arrive_with_address_and_key(port: PtyPort) -> None:
    received = Received()
    transport = _transport(port.path, qsystem.QSystemProtocol(), received)
    try:
        ButtonSimulator(port, 12, "qsystem").press(Action.TRANSFER)
        ButtonSimulator(port, 13, "qsystem").press(Action.CALL_NEXT)
        assert received.next() == ButtonPressed(12, Action.TRANSFER)
        assert received.next() == ButtonPressed(13, Action.CALL_NEXT)
    finally:
        transport.stop()


def test_corrupt_frames_are_skipped_and_counted_and_the_next_press_arrives(port: PtyPort) -> None:
    received = Received()
    transport = _transport(port.path, kezek_line.KezekLineProtocol(), received)
    try:
        port.write(b"\xff\xfe garbage\r\n$03,KEY,CALL,01*00\r\n")
        ButtonSimulator(port, 3).press(Action.FINISH)
        assert received.next() == ButtonPressed(3, Action.FINISH, 1)
        # the junk is one or two skips depending on how the pty delivers it; the bad frame is one
        assert transport.garbage_count in (2, 3)
        assert transport.connected
    finally:
        transport.stop()


@pytest.mark.parametrize("protocol", ["kezek", "modbus"])
def test_display_shows_the_number_sent_to_its_address_only(port: PtyPort, protocol: str) -> None:
    shown: queue.Queue[tuple[int, str]] = queue.Queue()
    display = DisplaySimulator(
        port, {5}, protocol, on_show=lambda address, text: shown.put((address, text))
    ).start()
    received = Received()
    adapter: DeviceProtocol = (
        kezek_line.KezekLineProtocol()
        if protocol == "kezek"
        else modbus_display.ModbusDisplayProtocol()
    )
    show = kezek_line.show if protocol == "kezek" else modbus_display.show
    transport = _transport(port.path, adapter, received)
    try:
        transport.send(show(6, "B001"))  # nobody at address 6
        transport.send(show(5, "A042"))
        assert shown.get(timeout=2) == (5, "A042")
        ack = received.next()
        assert isinstance(ack, DeviceAck)
        assert ack.address == 5
        assert display.shown == {5: "A042"}
    finally:
        transport.stop()
        display.stop()


def test_unplugged_device_is_picked_up_again_within_two_seconds(port: PtyPort) -> None:
    received = Received()
    states: queue.Queue[bool] = queue.Queue()
    transport = SerialTransport(
        port.path, kezek_line.KezekLineProtocol(), received, on_connection=states.put
    ).start()
    try:
        assert states.get(timeout=2) is True
        port.unplug()
        assert states.get(timeout=2) is False
        with pytest.raises(DeviceDisconnected):
            transport.send(kezek_line.show(5, "A1"))
        time.sleep(0.6)  # unplugged for a while: the transport keeps retrying
        port.plug()
        started = time.monotonic()
        assert states.get(timeout=2) is True
        assert time.monotonic() - started < 2.0
        ButtonSimulator(port, 9).press(Action.RECALL)
        assert received.next() == ButtonPressed(9, Action.RECALL, 1)
    finally:
        transport.stop()


def test_loop_url_carries_frames_through_the_same_transport() -> None:
    received = Received()
    transport = _transport("loop://", qsystem.QSystemProtocol(), received)
    try:
        transport.send(qsystem.press(21, Action.START) + b"\x00\x00")
        assert received.next() == ButtonPressed(21, Action.START)
        assert received.empty_for(0.2)
    finally:
        transport.stop()


def test_port_that_never_existed_keeps_retrying_without_raising(tmp_path: Path) -> None:
    received = Received()
    transport = SerialTransport(
        str(tmp_path / "ttyNONE"), qsystem.QSystemProtocol(), received, retry_interval=0.05
    ).start()
    try:
        assert not transport.wait_connected(0.3)
        assert "ttyNONE" in transport.last_error
    finally:
        transport.stop()


def test_a_simulated_device_hears_its_host_in_a_process_with_many_files_open(
    tmp_path: Path,
) -> None:
    """A busy process (the demo's, or this suite's) numbers new descriptors past 1024, where
    select() refuses them: the simulated device's port still hears what the host writes."""
    import os
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1200:
        if hard != resource.RLIM_INFINITY and hard < 1200:
            pytest.skip(f"this machine allows {hard} open files, fewer than the test needs")
        resource.setrlimit(resource.RLIMIT_NOFILE, (1200, hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        with PtyPort(tmp_path / "ttyBUSY") as device:
            assert device._master >= 1024  # the case at hand
            with open(tmp_path / "ttyBUSY", "wb", buffering=0) as host:
                host.write(b"hello")
                heard = b""
                deadline = time.monotonic() + 5
                while len(heard) < 5 and time.monotonic() < deadline:
                    heard += device.read(0.2)
            assert heard == b"hello"
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
