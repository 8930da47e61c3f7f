"""The kiosk's settings: one frozen dataclass, from a TOML file, KEZEK_* variables and options."""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

MODES = ("citizen", "consultant", "rating")


class ConfigError(ValueError):
    """A setting is wrong; the message is one line saying what to fix."""


@dataclass(frozen=True)
class KioskConfig:
    """Everything the kiosk needs to run, chosen once in main()."""

    server_url: str = ""
    token: str = ""
    mode: str = "citizen"
    counter_id: str | None = None  # rating mode: the counter this screen stands at
    printer: str | None = None  # hardware printer name (sim:DIR, usb:…); None: show only
    printer_profile: str | None = None
    paper_mm: int = 80
    print_documents: bool = True  # the service's list of what to bring, under the QR code
    keypad: str | None = None  # rating mode: pyserial URL of a 3-key keypad
    language: str = "kk"
    popular: tuple[str, ...] = ()  # service ids the hall wants first on the home screen
    idle_s: float = 60.0  # no touch for this long: back to the first screen
    ticket_s: float = 20.0  # the ticket stays on screen this long
    ticket_fault_s: float = 60.0  # … and this long when it did not print
    rating_timeout_s: float = 30.0  # no answer: nothing recorded
    thanks_s: float = 4.0
    heartbeat_s: float = 30.0  # printer state to the server, hall hours and queue refreshed
    screen_inches: float = 21.5
    width: int = 1080
    height: int = 1920
    fullscreen: bool = True

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"mode {self.mode!r}: use one of {', '.join(MODES)}")
        if self.language not in ("kk", "ru", "en"):
            raise ConfigError(f"language {self.language!r}: use kk, ru or en")
        for name in ("idle_s", "ticket_s", "ticket_fault_s", "rating_timeout_s", "heartbeat_s"):
            if not 0 < getattr(self, name) < math.inf:  # nan too
                raise ConfigError(f"{name} must be more than 0 seconds")
        if not 5 <= self.screen_inches <= 120:  # touch targets are sized from it
            raise ConfigError(
                f"screen_inches {self.screen_inches}: give the screen's diagonal, 5 to 120 inches"
            )
        if self.width < 320 or self.height < 320:
            raise ConfigError(f"screen size {self.width}x{self.height} is too small")


def load(path: Path | None, environ: dict[str, str] | None = None) -> KioskConfig:
    """Settings from `path` ([kiosk] table) and KEZEK_KIOSK_* / KEZEK_SERVER variables."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("kiosk", {})
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot read {path}: {error}") from error
        values.update(table)
    env = os.environ if environ is None else environ
    known = {f.name: f for f in fields(KioskConfig)}
    if env.get("KEZEK_SERVER"):
        values["server_url"] = env["KEZEK_SERVER"]
    for name in known:
        key = f"KEZEK_KIOSK_{name.upper()}"
        if key in env:
            values[name] = env[key]
    return with_values(KioskConfig(), values)


def with_values(config: KioskConfig, values: dict[str, Any]) -> KioskConfig:
    """`config` with `values` converted to each field's type; unknown names are an error."""
    known = {f.name: f for f in fields(KioskConfig)}
    converted: dict[str, Any] = {}
    for name, raw in values.items():
        if name not in known:
            raise ConfigError(f"unknown kiosk setting {name!r}")
        default = getattr(KioskConfig(), name)
        value = raw
        try:
            if isinstance(default, bool):
                value = (
                    value if isinstance(value, bool) else str(value).lower() in ("1", "yes", "true")
                )
            elif isinstance(default, float):
                value = float(raw)
            elif isinstance(default, int):
                value = int(raw)
            elif isinstance(default, tuple):
                value = tuple(raw.split(",")) if isinstance(raw, str) else tuple(raw)
        except ValueError as error:
            raise ConfigError(f"{name}: {value!r} is not a valid value") from error
        converted[name] = value
    return replace(config, **converted)
