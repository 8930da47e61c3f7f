"""The console's settings: one frozen dataclass, from a TOML file, KEZEK_* variables and options."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from counter.devices import BUTTON_PROTOCOLS, DISPLAY_PROTOCOLS, DeviceConfig, address_problem
from counter.language import LANGUAGES


class ConfigError(ValueError):
    """A setting is wrong; the message is one line saying what to fix."""


@dataclass(frozen=True)
class CounterConfig:
    """Everything the console needs, chosen once in main()."""

    server_url: str = ""
    token: str = ""  # the counter terminal's token (from enrollment, or given directly)
    counter_id: str = ""
    language: str = "kk"
    preferences: str = ""  # the file that keeps the language last chosen here ("" = none)
    button: str = ""  # pyserial URL of the call button ("" = none)
    button_protocol: str = "kezek"
    button_address: int = 1
    display: str = ""  # pyserial URL of the number display above the counter
    display_protocol: str = "kezek"
    display_address: int = 2
    keypad: str = ""  # pyserial URL of the 3-key rating keypad
    keypad_address: int = 41
    operator: str = ""  # sign this operator in at start (demos, training); the PIN from `pin`
    pin: str = ""  # only from the TOML file or KEZEK_COUNTER_PIN, never the command line
    http_timeout_s: float = 3.0
    rating_timeout_s: float = 60.0
    heartbeat_s: float = 30.0  # "this terminal is alive" to the server (the supervisor's alert)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ConfigError(f"language {self.language!r}: use kk, ru or en")
        if self.button_protocol not in BUTTON_PROTOCOLS:
            raise ConfigError(f"button protocol {self.button_protocol!r}: use kezek or qsystem")
        if self.display_protocol not in DISPLAY_PROTOCOLS:
            raise ConfigError(f"display protocol {self.display_protocol!r}: use kezek or modbus")
        for role in ("button", "display", "keypad"):
            protocol = getattr(self, f"{role}_protocol", "kezek")  # as device() reads it
            problem = address_problem(role, protocol, getattr(self, f"{role}_address"))
            if problem is not None:
                raise ConfigError(problem)
        if self.operator and not self.pin:
            raise ConfigError(f"--operator {self.operator}: give the PIN in KEZEK_COUNTER_PIN")
        if self.http_timeout_s <= 0 or self.rating_timeout_s <= 0:
            raise ConfigError("timeouts must be more than 0 seconds")
        if self.heartbeat_s <= 0:
            raise ConfigError("heartbeat_s must be more than 0 seconds (30 is usual)")

    def device(self, role: str) -> DeviceConfig | None:
        """The button, display or keypad, or None when not configured."""
        url = getattr(self, role)
        if not url:
            return None
        protocol = getattr(self, f"{role}_protocol", "kezek")
        return DeviceConfig(url, protocol, getattr(self, f"{role}_address"))


def load(path: Path | None, environ: Mapping[str, str] | None = None) -> CounterConfig:
    """Settings from `path` ([counter] table) and KEZEK_COUNTER_* / KEZEK_SERVER variables."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("counter", {})
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot read {path}: {error}") from error
        values.update(table)
    env = os.environ if environ is None else environ
    if env.get("KEZEK_SERVER"):
        values["server_url"] = env["KEZEK_SERVER"]
    for field in fields(CounterConfig):
        key = f"KEZEK_COUNTER_{field.name.upper()}"
        if key in env:
            values[field.name] = env[key]
    return with_values(CounterConfig(), values)


def with_values(config: CounterConfig, values: Mapping[str, Any]) -> CounterConfig:
    """`config` with `values` converted to each field's type; unknown names are an error."""
    known = {f.name: f for f in fields(CounterConfig)}
    converted: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            raise ConfigError(f"unknown setting {name!r}: use one of {', '.join(known)}")
        if value is None:
            continue
        kind = type(getattr(config, name))
        try:
            converted[name] = kind(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{name} must be a {kind.__name__}, not {value!r}") from None
    return replace(config, **converted)
