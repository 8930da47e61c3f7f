"""`kezek kiosk`: enroll once with a pairing code, then start straight into the kiosk's mode."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace
from pathlib import Path

from hallserver.cli_parser import Parser
from hallserver.client import (
    INTERRUPTED,
    ClientError,
    Enrollment,
    HallClient,
    HallRefused,
    discover,
    quit_on_interrupt,
    server_url,
)
from kiosk.config import MODES, ConfigError, KioskConfig, load, with_values

# the codes a kiosk runs on: a kiosk's, or for consultant mode a consultant's, supervisor's, admin's
ROLES = ("kiosk", "consultant", "supervisor", "admin")


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="kezek kiosk", description="The hall's touchscreen kiosk.")
    p.add_argument(
        "--server", type=server_url, help="hall server URL (default: the enrollment's, or zeroconf)"
    )
    p.add_argument("--pair", metavar="CODE", help="enroll with a pairing code from `kezek pair`")
    p.add_argument("--token", help="use this terminal token instead of an enrollment")
    p.add_argument("--name", help="this terminal's name when enrolling (default: the code's)")
    p.add_argument("--mode", choices=MODES, help="citizen (default), consultant or rating")
    p.add_argument("--counter", help="rating mode: the counter id this screen stands at")
    p.add_argument("--printer", help="ticket printer: sim:DIR, usb:VID:PID, net:HOST, … or none")
    p.add_argument("--profile", help="printer model profile (TM-T20II, RP326, …)")
    p.add_argument("--paper", type=int, choices=(58, 80), help="paper width in mm")
    p.add_argument("--keypad", help="rating mode: serial URL of a 3-key rating keypad")
    p.add_argument("--size", help="window size WxH, e.g. 1080x1920 (portrait) or 1920x1080")
    p.add_argument("--inches", type=float, help="screen diagonal in inches (touch target sizes)")
    p.add_argument("--idle", type=float, help="seconds without a touch before the first screen")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.add_argument("--config", type=Path, help="TOML file with a [kiosk] table")
    p.add_argument("--enrollment", type=Path, help="where the enrollment is kept")
    return p


def resolve(args: argparse.Namespace) -> KioskConfig:
    """The config from file, environment and options, with the server and token settled."""
    config = load(args.config)
    values: dict[str, object] = {}
    for option, name in (
        ("mode", "mode"),
        ("counter", "counter_id"),
        ("printer", "printer"),
        ("profile", "printer_profile"),
        ("paper", "paper_mm"),
        ("keypad", "keypad"),
        ("inches", "screen_inches"),
        ("idle", "idle_s"),
    ):
        if getattr(args, option) is not None:
            values[name] = getattr(args, option)
    if args.size:
        try:
            width, height = (int(v) for v in args.size.lower().split("x"))
        except ValueError:
            raise ConfigError(f"--size {args.size!r}: write WIDTHxHEIGHT, e.g. 1080x1920") from None
        values.update(width=width, height=height)
    if args.windowed:
        values["fullscreen"] = False
    config = with_values(config, values)
    if config.printer in ("none", ""):
        config = replace(config, printer=None)
    _check_printer(config)  # before a pairing code is used up on a kiosk that cannot start
    server = args.server or config.server_url
    path = args.enrollment or Enrollment.default_path("kiosk")
    enrollment: Enrollment | None
    if args.pair:
        server = server or _discovered()
        enrollment = Enrollment.enroll(server, args.pair, args.name, path, roles=ROLES)
        sys.stdout.write(f"enrolled as {enrollment.name} ({enrollment.role}); saved in {path}\n")
    else:
        enrollment = Enrollment.load(path)
    token = args.token or config.token
    if token:
        server = server or (enrollment.server_url if enrollment else "") or _discovered()
        role = None
    elif enrollment is not None:
        server, token, role = (
            args.server or enrollment.server_url,
            enrollment.token,
            enrollment.role,
        )
        if enrollment.counter_id and not config.counter_id:
            config = replace(config, counter_id=enrollment.counter_id)
    else:
        raise ConfigError(
            "this kiosk is not enrolled: run `kezek pair --role kiosk --name NAME` on the server "
            "and start with --pair CODE (or give --token)"
        )
    mode = (
        config.mode
        if args.mode or config.mode != "citizen"
        else ("consultant" if role == "consultant" else "citizen")
    )
    if mode == "rating" and not config.counter_id:
        raise ConfigError("rating mode needs the counter it stands at: --counter ID")
    return replace(config, server_url=server, token=token, mode=mode)


def check_with_hall(config: KioskConfig) -> None:
    """What only the hall can tell: that it knows this token, and in rating mode the counter.
    A hall that does not answer is no fault here: the kiosk starts and waits for it."""
    with HallClient(config.server_url, token=config.token, timeout=3.0) as client:
        try:
            identity = client.whoami()
            counters = [c.id for c in client.counters()]
        except HallRefused as refused:
            if refused.code == "unauthorized":
                raise ConfigError(
                    f"{config.server_url} does not know this token or it was revoked: pair this "
                    "kiosk again (kezek pair --role kiosk, then --pair CODE)"
                ) from refused
            return
        except ClientError:
            return  # not reachable now: the kiosk shows that it is offline, and retries
    if identity.role not in ROLES:
        raise ConfigError(
            f"this token is a {identity.role}'s, not a kiosk's: use one made with "
            "kezek pair --role kiosk (or consultant)"
        )
    if config.mode == "rating" and config.counter_id not in counters:
        raise ConfigError(
            f"the hall has no counter {config.counter_id!r}: it has {', '.join(counters)}"
        )


def _check_printer(config: KioskConfig) -> None:
    """The printer's name and model, as `open_printer` reads them (nothing is opened)."""
    from hardware.errors import PrinterConfigError
    from hardware.printer_names import parse_printer_name
    from hardware.profiles import load_profile

    if config.printer is None:
        return
    try:
        parse_printer_name(config.printer)
        load_profile(config.printer_profile, paper_mm=config.paper_mm)
    except PrinterConfigError as error:
        raise ConfigError(error.detail) from error


def _discovered() -> str:
    halls = discover(timeout=2.0)
    if not halls:
        raise ConfigError("no hall server found on this network: give --server URL")
    if len(halls) > 1:
        names = ", ".join(f"{h.hall_name} ({h.base_url})" for h in halls)
        raise ConfigError(f"several hall servers found: {names}; choose one with --server URL")
    return halls[0].base_url


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        config = resolve(args)
        check_with_hall(config)
    except (ConfigError, ClientError) as error:
        sys.stderr.write(f"kezek kiosk: {error}\n")
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hardware.errors import HardwareError
    from kiosk.app import build

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    try:
        kiosk = build(config, app)
    except HardwareError as error:
        sys.stderr.write(f"kezek kiosk: {error.detail}\n")
        return 2
    if config.fullscreen:
        kiosk.window.showFullScreen()
    else:
        kiosk.window.show()
    interrupted = quit_on_interrupt(app.quit)
    pulse = QTimer(app)  # lets Python run the Ctrl+C handler while Qt's loop waits
    pulse.timeout.connect(lambda: None)
    pulse.start(200)
    code = app.exec()
    kiosk.close()
    return INTERRUPTED if interrupted() else code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
