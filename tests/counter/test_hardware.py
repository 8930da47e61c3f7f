"""A call button, a number display and a rating keypad on real ptys drive the console."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter.devices import CounterDevices, DeviceConfig
from counter.link import DeviceLink
from counter.views.window import CounterWindow
from hallserver.client import HallClient
from hardware.devices import kezek_line
from hardware.devices.events import Action, Grade
from hardware.devices.simulators import (
    ButtonSimulator,
    DisplaySimulator,
    KeypadSimulator,
    PtyPort,
)
from tests.conftest import LiveServer
from tests.counter.conftest import ConsoleFactory, issue, press


@pytest.fixture
def ports() -> Iterator[tuple[PtyPort, PtyPort, PtyPort]]:
    with PtyPort() as button, PtyPort() as display, PtyPort() as keypad:
        yield button, display, keypad


def _wait_idle(qtbot: QtBot, window: CounterWindow) -> None:
    qtbot.waitUntil(lambda: window.state.pending is None)


@contextmanager
def button_at(
    console: ConsoleFactory, port: PtyPort, address: int, protocol: str = "kezek"
) -> Iterator[tuple[CounterWindow, ButtonSimulator]]:
    """Counter c1's console with a call button at `address` on `port`, the button listening."""
    devices = DeviceLink(button=DeviceConfig(port.path, protocol, address))
    window = console("c1", devices=devices)
    assert devices.devices.wait_connected(5)
    button = ButtonSimulator(port, address, protocol).start()
    try:
        yield window, button
    finally:
        button.stop()


def test_a_call_button_display_and_keypad_run_a_visit_without_the_keyboard(
    qtbot: QtBot,
    live_server: LiveServer,
    console: ConsoleFactory,
    ports: tuple[PtyPort, PtyPort, PtyPort],
) -> None:
    button_port, display_port, keypad_port = ports
    display = DisplaySimulator(display_port, {5}).start()
    devices = DeviceLink(
        button=DeviceConfig(button_port.path, "kezek", 3),
        display=DeviceConfig(display_port.path, "kezek", 5),
        keypad=DeviceConfig(keypad_port.path, "kezek", 41),
    )
    try:
        window = console("c1", login="aigul", devices=devices)
        assert devices.devices.wait_connected(5)
        press(qtbot, window, "F8")  # open
        ticket = issue(live_server, "id-card")
        qtbot.waitUntil(lambda: bool(window.state.waiting))
        button = ButtonSimulator(button_port, 3)

        button.press(Action.CALL_NEXT)
        qtbot.waitUntil(lambda: window.card.shown_number == ticket.number)
        qtbot.waitUntil(lambda: display.shown.get(5) == ticket.number)
        _wait_idle(qtbot, window)
        button.press(Action.START)
        qtbot.waitUntil(lambda: window.card.status.text() == "Serving")
        _wait_idle(qtbot, window)
        button.press(Action.FINISH)
        qtbot.waitUntil(lambda: window.awaiting_rating == ticket.id)
        qtbot.waitUntil(lambda: display.shown.get(5) == "")

        KeypadSimulator(keypad_port, 41).press(Grade.EXCELLENT)
        qtbot.waitUntil(lambda: "Rating received: Excellent" in window.message.text())
        qtbot.waitUntil(lambda: "Excellent 1" in window.day_panel.values["ratings"].text())
    finally:
        display.stop()


def test_a_qsystem_button_recalls_on_a_second_call_and_marks_no_show_on_finish(
    qtbot: QtBot,
    live_server: LiveServer,
    console: ConsoleFactory,
    ports: tuple[PtyPort, PtyPort, PtyPort],
) -> None:
    with button_at(console, ports[0], 7, "qsystem") as (window, button):
        press(qtbot, window, "F8")
        ticket = issue(live_server, "passport")
        qtbot.waitUntil(lambda: button.lamp == "ON")
        button.press(Action.CALL_NEXT)
        qtbot.waitUntil(lambda: window.card.shown_number == ticket.number)
        qtbot.waitUntil(lambda: button.lamp == "BLINK")
        _wait_idle(qtbot, window)
        button.press(Action.CALL_NEXT)  # the same key again: a recall
        qtbot.waitUntil(lambda: "call 2" in window.card.status.text())
        _wait_idle(qtbot, window)
        button.press(Action.FINISH)  # the visitor never came: no-show
        qtbot.waitUntil(lambda: window.state.current is None)
        qtbot.waitUntil(lambda: window.day_panel.values["no_shows"].text() == "1")
        qtbot.waitUntil(lambda: button.lamp == "OFF")
        issue(live_server, "passport")
        qtbot.waitUntil(lambda: button.lamp == "ON")
        button.lamp = None  # power-cycled on the bus: a QSystem button never says HELLO
        window.device_resend_s = 0  # the periodic re-send (every 30 s) comes now
        window.refresh()
        qtbot.waitUntil(lambda: button.lamp == "ON")


def test_the_call_buttons_lamp_and_buzzer_follow_the_counter(
    qtbot: QtBot,
    live_server: LiveServer,
    console: ConsoleFactory,
    ports: tuple[PtyPort, PtyPort, PtyPort],
) -> None:
    with button_at(console, ports[0], 3) as (window, button):
        press(qtbot, window, "F8")  # open, nobody waiting: the lamp is off, no beep
        qtbot.waitUntil(lambda: button.lamp == "OFF")
        assert button.beeps == []
        issue(live_server, "id-card")  # someone arrives at an idle counter: a short beep
        qtbot.waitUntil(lambda: button.lamp == "ON")
        qtbot.waitUntil(lambda: button.beeps == [150])
        button.press(Action.CALL_NEXT)
        qtbot.waitUntil(lambda: button.lamp == "BLINK")  # called, on the way
        _wait_idle(qtbot, window)
        button.press(Action.START)
        qtbot.waitUntil(lambda: button.lamp == "OFF")  # at the counter
        _wait_idle(qtbot, window)
        button.press(Action.FINISH)
        qtbot.waitUntil(lambda: window.state.current is None)
        _wait_idle(qtbot, window)
        button.press(Action.CALL_NEXT)  # nobody is waiting: the press did nothing, a long beep
        qtbot.waitUntil(lambda: button.beeps == [150, 600])
        assert "Nobody is waiting" in window.message.text()
        _wait_idle(qtbot, window)
        button.press(Action.RECALL)  # not possible now: a long beep
        qtbot.waitUntil(lambda: button.beeps == [150, 600, 600])
        assert button.lamp == "OFF"


def test_presses_from_another_buttons_address_are_ignored(
    qtbot: QtBot,
    live_server: LiveServer,
    console: ConsoleFactory,
    ports: tuple[PtyPort, PtyPort, PtyPort],
) -> None:
    with button_at(console, ports[0], 3) as (window, button):
        press(qtbot, window, "F8")
        issue(live_server, "id-card")
        qtbot.waitUntil(lambda: bool(window.state.waiting))
        ButtonSimulator(ports[0], 4).press(Action.CALL_NEXT)  # counter 4's button on the bus
        button.press(Action.RECALL)  # ours, not legal now: told so
        qtbot.waitUntil(lambda: "not possible now" in window.message.text())
        assert window.state.current is None


def test_a_call_button_plugged_back_in_or_powered_up_gets_its_lamp_again(
    qtbot: QtBot, live_server: LiveServer, console: ConsoleFactory, tmp_path: Path
) -> None:
    with PtyPort(tmp_path / "ttyButton") as port, button_at(console, port, 3) as (window, button):
        press(qtbot, window, "F8")
        issue(live_server, "id-card")
        qtbot.waitUntil(lambda: button.lamp == "ON")
        port.unplug()
        qtbot.waitUntil(lambda: "call button is not connected" in window.message.text())
        button.lamp = "OFF"  # a device without power forgets its lamp
        port.plug()
        qtbot.waitUntil(lambda: button.lamp == "ON", timeout=5000)
        qtbot.waitUntil(lambda: not window.message.isVisible())
        button.lamp = None  # power-cycled on a bus that stayed connected: it says HELLO
        port.write(kezek_line.hello(3, "BUTTON"))
        qtbot.waitUntil(lambda: button.lamp == "ON")


def test_a_press_while_the_screen_asks_something_is_ignored(
    qtbot: QtBot,
    live_server: LiveServer,
    console: ConsoleFactory,
    ports: tuple[PtyPort, PtyPort, PtyPort],
) -> None:
    with button_at(console, ports[0], 7, "qsystem") as (window, button):
        press(qtbot, window, "F8")
        ticket = issue(live_server, "id-card")
        button.press(Action.CALL_NEXT)
        qtbot.waitUntil(lambda: window.state.current is not None)
        _wait_idle(qtbot, window)
        beeps = list(button.beeps)  # the visitor's arrival
        asked: list[bool] = []

        def while_asking() -> None:  # the transfer dialog is open (its own event loop)
            asked.append(QApplication.activeModalWidget() is not None)
            button.press(Action.CALL_NEXT)  # would be a recall
            QTimer.singleShot(1000, lambda: QApplication.activeModalWidget().reject())

        QTimer.singleShot(300, while_asking)
        button.press(Action.TRANSFER)  # opens the dialog; cancelled above
        qtbot.waitUntil(lambda: bool(asked) and QApplication.activeModalWidget() is None)
        qtbot.wait(300)
        assert asked == [True]
        with HallClient(live_server.url) as hall:
            assert hall.ticket(ticket.id).times_called == 1  # no recall went out
        assert button.beeps == beeps  # nor a beep: the operator is at the screen


def test_devices_refuse_an_address_outside_their_protocols_range() -> None:
    def ignore(*_: object) -> None:
        pass

    with pytest.raises(
        ValueError, match="button address 150 is outside the kezek protocol's 1 to 99"
    ):
        CounterDevices(
            button=DeviceConfig("loop://", "kezek", 150), on_button=ignore, on_rating=ignore
        )
    devices = CounterDevices(
        button=DeviceConfig("loop://", "qsystem", 150), on_button=ignore, on_rating=ignore
    )
    assert devices.button is not None and devices.button.address == 150


def test_devices_of_two_protocols_on_one_port_are_refused() -> None:
    """One port reads one kind of frame: a QSystem button and a Kezek keypad on one bus had
    been accepted, and every rating was dropped as bytes outside a frame."""

    def ignore(*_: object) -> None:
        pass

    with pytest.raises(ValueError) as refused:
        CounterDevices(
            button=DeviceConfig("loop://", "qsystem", 1),
            keypad=DeviceConfig("loop://", "kezek", 2),
            on_button=ignore,
            on_rating=ignore,
        )
    assert str(refused.value) == (
        "the keypad (kezek) and the button (qsystem) share loop://: "
        "devices on one port must speak one protocol"
    )
    CounterDevices(  # one protocol on one bus, or two ports: as before
        button=DeviceConfig("loop://", "kezek", 1),
        keypad=DeviceConfig("loop://", "kezek", 2),
        on_button=ignore,
        on_rating=ignore,
    )


def rating_of(live: LiveServer, ticket_id: str) -> object:
    return httpx.get(f"{live.api}/tickets/{ticket_id}", timeout=5).json()["rating"]


def test_the_keypad_waits_for_the_last_visitor_until_the_next_visit_starts(
    qtbot: QtBot,
    live_server: LiveServer,
    console: ConsoleFactory,
    ports: tuple[PtyPort, PtyPort, PtyPort],
) -> None:
    """A press while the next visitor walks over is the leaving one's; once the next visit
    has started it is not put on the last visitor's ticket."""
    devices = DeviceLink(keypad=DeviceConfig(ports[2].path, "kezek", 41))
    window = console("c1", devices=devices)
    assert devices.devices.wait_connected(5)
    keypad = KeypadSimulator(ports[2], 41)
    press(qtbot, window, "F8")
    first, second, third = (issue(live_server, "id-card") for _ in range(3))

    def serve_and_finish(number: str) -> None:
        press(qtbot, window, "F1")
        qtbot.waitUntil(lambda: window.card.shown_number == number)
        _wait_idle(qtbot, window)
        press(qtbot, window, "F3")
        qtbot.waitUntil(lambda: window.state.current is not None)
        qtbot.waitUntil(lambda: window.state.current.status == "serving")  # type: ignore[union-attr]
        _wait_idle(qtbot, window)
        press(qtbot, window, "F4")
        qtbot.waitUntil(lambda: window.awaiting_rating is not None)
        _wait_idle(qtbot, window)

    serve_and_finish(first.number)
    press(qtbot, window, "F1")  # the next one is on the way; the last one rates as they leave
    qtbot.waitUntil(lambda: window.card.shown_number == second.number)
    _wait_idle(qtbot, window)
    keypad.press(Grade.GOOD)
    qtbot.waitUntil(lambda: "Rating received: Good" in window.message.text())
    assert rating_of(live_server, first.id) == "good"

    press(qtbot, window, "F3")
    _wait_idle(qtbot, window)
    press(qtbot, window, "F4")
    qtbot.waitUntil(lambda: window.awaiting_rating == second.id)
    _wait_idle(qtbot, window)
    press(qtbot, window, "F1")
    qtbot.waitUntil(lambda: window.card.shown_number == third.number)
    _wait_idle(qtbot, window)
    press(qtbot, window, "F3")  # the third visit starts: the second visitor has gone
    qtbot.waitUntil(lambda: window.card.status.text() == "Serving")
    _wait_idle(qtbot, window)
    keypad.press(Grade.SATISFACTORY)
    qtbot.waitUntil(lambda: window.awaiting_rating is None)
    assert not window.message.isVisible(), "the keypad's prompt outlived its visitor"
    assert rating_of(live_server, second.id) is None
    assert rating_of(live_server, third.id) is None


def test_a_backup_lines_visitor_lights_nothing_until_a_press_would_call_them(
    qtbot: QtBot,
    live_server: LiveServer,
    console: ConsoleFactory,
    ports: tuple[PtyPort, PtyPort, PtyPort],
) -> None:
    """Address registration is counter 1's backup line: served here only past its target
    wait. Before that, F1 calls nobody, so neither the lamp, a beep nor a notice says so."""
    with button_at(console, ports[0], 3) as (window, button):
        press(qtbot, window, "F8")
        qtbot.waitUntil(lambda: button.lamp == "OFF")
        ticket = issue(live_server, "residence-registration")
        qtbot.waitUntil(lambda: ticket.id in window.state.waiting)
        window.refresh()
        assert button.lamp == "OFF" and button.beeps == []
        assert not window.message.isVisible(), window.message.text()
        assert window.state.call_order(5) == []
        issue(live_server, "id-card")  # a main line's visitor: a press calls them
        qtbot.waitUntil(lambda: button.lamp == "ON")
        qtbot.waitUntil(lambda: button.beeps == [150])
