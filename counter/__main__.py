"""`kezek counter`: enroll once with a pairing code, then start straight into the console."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from counter.config import ConfigError, CounterConfig, load, with_values
from counter.preferences import FILE_NAME, remembered_language
from hallserver.cli_parser import Parser
from hallserver.client import (
    ClientError,
    Enrollment,
    HallClient,
    HallRefused,
    discover,
    server_url,
)

USAGE_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="kezek counter", description="The operator's console at a numbered counter.")
    p.add_argument(
        "--server", type=server_url, help="the hall server's URL (default: enrollment, or zeroconf)"
    )
    p.add_argument("--pair", metavar="CODE", help="enroll this PC with a pairing code, then start")
    p.add_argument("--name", help="this terminal's name when enrolling")
    p.add_argument("--token", help="a counter terminal token (kezek token create --role counter)")
    p.add_argument("--counter", help="the counter id, with --token (e.g. c1)")
    p.add_argument("--enrollment", type=Path, help="where the enrollment is kept")
    p.add_argument("--config", type=Path, help="a TOML file with a [counter] table")
    p.add_argument(
        "--lang",
        choices=("kk", "ru", "en"),
        help="the console's first language (default: the one last chosen at this PC)",
    )
    p.add_argument("--button", help="pyserial URL of the call button, e.g. /dev/ttyUSB0")
    p.add_argument("--button-protocol", choices=("kezek", "qsystem"))
    p.add_argument("--button-address", type=int)
    p.add_argument("--display", help="pyserial URL of the number display above the counter")
    p.add_argument("--display-protocol", choices=("kezek", "modbus"))
    p.add_argument("--display-address", type=int)
    p.add_argument("--keypad", help="pyserial URL of the 3-key rating keypad")
    p.add_argument("--keypad-address", type=int)
    p.add_argument(
        "--operator",
        metavar="LOGIN",
        help="sign this operator in at start (PIN: KEZEK_COUNTER_PIN)",
    )
    p.add_argument("--check", action="store_true", help="check the settings and exit")
    return p


def resolve(args: argparse.Namespace) -> CounterConfig:
    """The settings: file and environment, the language last chosen at this PC, then options,
    then the enrollment."""
    config = load(args.config)
    path = args.enrollment or Enrollment.default_path("counter")
    preferences = path.with_name(FILE_NAME)
    config = with_values(
        config,
        {"language": remembered_language(preferences), "preferences": str(preferences)},
    )
    options: dict[str, Any] = {
        "server_url": args.server,
        "token": args.token,
        "counter_id": args.counter,
        "language": args.lang,
        "button": args.button,
        "button_protocol": args.button_protocol,
        "button_address": args.button_address,
        "display": args.display,
        "display_protocol": args.display_protocol,
        "display_address": args.display_address,
        "keypad": args.keypad,
        "keypad_address": args.keypad_address,
        "operator": args.operator,
    }
    config = with_values(config, options)
    config = with_values(config, {"token": (config.token or "").strip()})  # pasted with a space
    if config.token:
        if not config.counter_id:
            raise ConfigError("--token needs --counter ID (the counter this terminal stands at)")
        if not config.server_url:
            config = with_values(config, {"server_url": _discover_one()})
        return config
    if args.pair:
        server = config.server_url or _discover_one()
        try:
            enrollment = Enrollment.enroll(server, args.pair, args.name, path, roles=("counter",))
        except ClientError as exc:
            raise ConfigError(f"enrollment failed: {exc}") from exc
    else:
        try:
            loaded = Enrollment.load(path)
        except ClientError as exc:
            raise ConfigError(str(exc)) from exc
        if loaded is None:
            raise ConfigError(
                "this PC is not enrolled: run kezek counter --pair CODE "
                "(a supervisor makes one with kezek pair --role counter --counter ID)"
            )
        enrollment = loaded
    if enrollment.role != "counter" or not enrollment.counter_id:
        raise ConfigError(f"{path} enrolls a {enrollment.role}, not a counter: pair again")
    return with_values(
        config,
        {
            "server_url": config.server_url or enrollment.server_url,
            "token": enrollment.token,
            "counter_id": enrollment.counter_id,
        },
    )


def _discover_one() -> str:
    halls = discover(timeout=2.0)
    if not halls:
        raise ConfigError("no hall server found on this network: give --server URL")
    if len(halls) > 1:
        found = ", ".join(f"{h.hall_name} ({h.base_url})" for h in halls)
        raise ConfigError(f"several hall servers answer ({found}): choose one with --server")
    return halls[0].base_url


def _check_counter(config: CounterConfig) -> None:
    """The server answers, has the counter, and takes this token for it: a token that would
    fail at the first sign-in fails here, in one line."""
    with HallClient(config.server_url, config.token, timeout=config.http_timeout_s) as client:
        try:
            counters = {c.id for c in client.counters()}
        except ClientError as exc:
            raise ConfigError(f"cannot read the counters from {config.server_url}: {exc}") from exc
        if config.counter_id not in counters:
            raise ConfigError(f"the hall has no counter {config.counter_id!r}: see GET /counters")
        try:
            identity = client.whoami()
        except HallRefused as exc:
            if exc.code != "unauthorized":
                raise ConfigError(f"cannot check the token at {config.server_url}: {exc}") from exc
            raise ConfigError(
                f"{config.server_url} does not know this token or it was revoked: pair "
                "again (kezek pair --role counter --counter ID)"
            ) from exc
        except ClientError as exc:
            raise ConfigError(f"cannot check the token at {config.server_url}: {exc}") from exc
    if identity.role in ("supervisor", "admin"):
        return  # they may act at any counter
    if identity.role != "counter":
        raise ConfigError(
            f"this token is for the role {identity.role}, not counter: use one made with "
            "kezek token create --role counter"
        )
    if identity.counter_id != config.counter_id:
        raise ConfigError(
            f"this token is counter {identity.counter_id}'s, not {config.counter_id}'s: give "
            f"--counter {identity.counter_id}, or a token for {config.counter_id}"
        )


def _missing_device(config: CounterConfig) -> str | None:
    """A serial port given as a path that does not exist (a URL such as loop:// is the
    driver's to judge): the console would wait for it to be plugged in, --check says so."""
    for what, port in (
        ("call button", config.button),
        ("number display", config.display),
        ("rating keypad", config.keypad),
    ):
        if port and "://" not in port and not Path(port).exists():
            return f"no {what} at {port}: check --{what.split()[-1]} (kezek hardware ports)"
    return None


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        config = resolve(args)
        _check_counter(config)
    except ConfigError as exc:
        print(f"kezek counter: {exc}", file=sys.stderr)  # noqa: T201 - the one line to fix
        return USAGE_ERROR
    if args.check:
        problem = _missing_device(config)
        if problem is not None:
            print(f"kezek counter: {problem}", file=sys.stderr)  # noqa: T201
            return USAGE_ERROR
        print(  # noqa: T201 - what was checked, for the technician
            f"kezek counter: counter {config.counter_id} at {config.server_url}: the token is "
            "accepted; settings checked"
        )
        return 0
    from counter.app import run

    return run(config)
