"""The counter's serial devices: call button, number display and rating keypad (no Qt).

Each device is a pyserial URL, a protocol and a bus address. Devices on the same URL share one
transport (one RS-485 bus). Button presses and rating keys arrive on the transport's thread
through the callbacks; `show()` writes to the display, `lamp()` and `beep()` to the call button,
and none of them raises.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from counter.state import Action
from hardware.devices import ADDRESSES, kezek_line, modbus_display, qsystem
from hardware.devices.events import ButtonPressed, DeviceEvent, DeviceHello, RatingPressed
from hardware.devices.kezek_line import KezekLineProtocol
from hardware.devices.modbus_display import ModbusDisplayProtocol
from hardware.devices.qsystem import QSystemProtocol
from hardware.devices.transport import DeviceProtocol, SerialTransport
from hardware.errors import DeviceDisconnected, HardwareError

log = logging.getLogger(__name__)

BUTTON_PROTOCOLS = ("kezek", "qsystem")
DISPLAY_PROTOCOLS = ("kezek", "modbus")
KEYPAD_PROTOCOLS = ("kezek",)
ACTIONS = {
    "call_next": Action.CALL_NEXT,
    "recall": Action.RECALL,
    "start": Action.START,
    "finish": Action.FINISH,
    "no_show": Action.NO_SHOW,
    "transfer": Action.TRANSFER,
}


@dataclass(frozen=True)
class DeviceConfig:
    """One serial device: where (any pyserial URL), which protocol, which bus address."""

    url: str
    protocol: str = "kezek"
    address: int = 1
    baudrate: int = 9600


class CounterDevices:
    """The serial devices of one counter, each optional.

    `on_button(Action)` gets the action a key stands for (the console decides what it means
    now: QSystem's keys double up); `on_rating(grade)` gets `excellent|good|satisfactory`;
    `on_connection(str, bool)` says when a device's port opens or is lost (`button`,
    `display`, `keypad`), and (True) when the button or display says HELLO after a power-up.
    """

    def __init__(
        self,
        *,
        button: DeviceConfig | None = None,
        display: DeviceConfig | None = None,
        keypad: DeviceConfig | None = None,
        on_button: Callable[[Action], None],
        on_rating: Callable[[str], None],
        on_connection: Callable[[str, bool], None] | None = None,
    ) -> None:
        self.button, self.display, self.keypad = button, display, keypad
        self._on_button = on_button
        self._on_rating = on_rating
        self._on_connection = on_connection
        self._transports: dict[str, SerialTransport] = {}
        self._roles: dict[str, list[str]] = {}
        for role, config in (("button", button), ("display", display), ("keypad", keypad)):
            if config is None:
                continue
            protocol = _protocol(role, config.protocol)  # checks every device's protocol
            problem = address_problem(role, config.protocol, config.address)
            if problem is not None:
                raise ValueError(problem)
            for other in self._roles.get(config.url, []):
                sharing = getattr(self, other)
                if sharing.protocol != config.protocol:  # one bus reads one kind of frame
                    raise ValueError(
                        f"the {role} ({config.protocol}) and the {other} ({sharing.protocol}) "
                        f"share {config.url}: devices on one port must speak one protocol"
                    )
            self._roles.setdefault(config.url, []).append(role)
            if config.url not in self._transports:  # one bus, one transport
                self._transports[config.url] = SerialTransport(
                    config.url,
                    protocol,
                    self._on_event,
                    baudrate=config.baudrate,
                    on_connection=self._connection_of(config.url),
                )

    @property
    def qsystem_button(self) -> bool:
        """QSystem's keys double up: the console turns them into recall or no-show."""
        return self.button is not None and self.button.protocol == "qsystem"

    def start(self) -> None:
        for transport in self._transports.values():
            transport.start()

    def stop(self) -> None:
        for transport in self._transports.values():
            transport.stop()

    def wait_connected(self, timeout: float) -> bool:
        """Every port open within `timeout` seconds (tests and the demo)."""
        return all(t.wait_connected(timeout) for t in self._transports.values())

    def show(self, text: str, *, blink: bool = False) -> bool:
        """Show up to 8 ASCII characters on the number display; False if it could not."""
        config = self.display
        if config is None:
            return False
        text = text.encode("ascii", "replace").decode("ascii")[:8]
        if config.protocol == "modbus":
            frame = modbus_display.show(config.address, text, blink=blink)
        else:
            frame = kezek_line.show(config.address, text, blink=blink)
        return self._send("number display", config, frame)

    def lamp(self, state: str) -> bool:
        """Set the call button's lamp: ON, OFF or BLINK; False if it could not."""
        config = self.button
        if config is None:
            return False
        if config.protocol == "qsystem":
            return self._send("call button", config, qsystem.led(config.address, state))
        return self._send("call button", config, kezek_line.led(config.address, state))

    def beep(self, milliseconds: int) -> bool:
        """Sound the call button's buzzer (QSystem's has one length); False if it could not."""
        config = self.button
        if config is None:
            return False
        if config.protocol == "qsystem":
            return self._send("call button", config, qsystem.beep(config.address))
        return self._send("call button", config, kezek_line.beep(config.address, milliseconds))

    def _send(self, device: str, config: DeviceConfig, frame: bytes) -> bool:
        try:
            self._transports[config.url].send(frame)
        except DeviceDisconnected as exc:  # said once, when the port was lost; sent again later
            log.debug("%s: %s", device, exc)
            return False
        except HardwareError as exc:
            log.warning("%s: %s", device, exc)
            return False
        return True

    def _on_event(self, event: DeviceEvent) -> None:
        button, keypad = self.button, self.keypad
        if isinstance(event, ButtonPressed) and button and event.address == button.address:
            self._on_button(ACTIONS[event.action.value])
        elif isinstance(event, RatingPressed) and keypad and event.address == keypad.address:
            self._on_rating(event.grade.value)
        elif isinstance(event, DeviceHello) and self._on_connection is not None:
            # powered up on a bus that stayed connected: it has forgotten its lamp or number
            for role, config in (("button", button), ("display", self.display)):
                if config and event.address == config.address and event.kind == role.upper():
                    self._on_connection(role, True)

    def _connection_of(self, url: str) -> Callable[[bool], None]:
        def connection(up: bool) -> None:
            if self._on_connection is not None:
                for role in self._roles.get(url, []):
                    self._on_connection(role, up)

        return connection


def address_problem(role: str, protocol: str, address: int) -> str | None:
    """What is wrong with a `role`'s bus `address` under `protocol`, in one line, or None."""
    addresses = ADDRESSES[protocol]
    if address in addresses:
        return None
    return (
        f"{role} address {address} is outside the {protocol} protocol's "
        f"{addresses[0]} to {addresses[-1]}: check --{role}-address"
    )


def _protocol(role: str, name: str) -> DeviceProtocol:
    allowed = {"button": BUTTON_PROTOCOLS, "display": DISPLAY_PROTOCOLS, "keypad": KEYPAD_PROTOCOLS}
    if name not in allowed[role]:
        raise ValueError(f"a {role} speaks {' or '.join(allowed[role])}, not {name!r}")
    if name == "qsystem":
        return QSystemProtocol()
    if name == "modbus":
        return ModbusDisplayProtocol()
    return KezekLineProtocol()
