"""`kezek display`: the wall display, full screen, showing and speaking the hall's calls."""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from display.board import Board, Zone
from display.config import (
    WAV_KEEP,
    ConfigError,
    DisplayConfig,
    from_env,
    from_toml,
    split_commas,
)
from display.voice import QuietHours, VoiceSettings
from hallserver.cli_parser import Parser
from hallserver.client import INTERRUPTED, ClientError, Enrollment, quit_on_interrupt, server_url

if TYPE_CHECKING:  # Qt is imported once a window is wanted: --help stays quick
    from PySide6.QtGui import QImage

    from display.voice import Announcer

log = logging.getLogger(__name__)


def _say(*parts: object, file: TextIO | None = None) -> None:
    """One line for the technician on the terminal."""
    print(*parts, file=file or sys.stdout)


class StartError(Exception):
    """The display cannot start as asked; the message is the one line that says what to fix."""


def parser() -> argparse.ArgumentParser:
    p = Parser(prog="kezek display", description="The hall's wall display.")
    p.add_argument(
        "--server",
        type=server_url,
        help="the hall server's URL (default: saved enrollment, then LAN)",
    )
    p.add_argument("--pair", metavar="CODE", help="enroll this display with a pairing code, once")
    p.add_argument(
        "--name", help="this display's name when enrolling (default: the pairing code's)"
    )
    p.add_argument("--enrollment", type=Path, help="where the enrollment is kept")
    p.add_argument("--config", type=Path, help="settings file (TOML; see docs/display.md)")
    p.add_argument("--lang", help="screen languages taking turns, e.g. kk,ru (default kk,ru)")
    p.add_argument("--orientation", choices=("landscape", "portrait", "auto"))
    p.add_argument("--columns", type=int, help="1–3 columns of big calls")
    p.add_argument("--services", help="zone: only these services' calls and lines (ids, comma)")
    p.add_argument("--counters", help="zone: only these counters (numbers, comma)")
    p.add_argument("--voice", help="spoken languages in order, e.g. kk,ru,en; 'off' for silence")
    p.add_argument("--no-zeros", action="store_true", help='say "А двадцать три", not "А ноль …"')
    p.add_argument("--volume", type=int, help="voice volume, percent")
    p.add_argument("--quiet-hours", help="no voice in these hours, e.g. 20:00-08:00")
    p.add_argument("--clips", type=Path, help="the voice clip set folder (kezek voice build)")
    p.add_argument("--wav-dir", type=Path, help="also write every announcement as a WAV here")
    p.add_argument(
        "--wav-keep",
        type=int,
        metavar="N",
        help="keep the newest N calls' WAVs in --wav-dir, deleting older ones (default "
        f"{WAV_KEEP}; 0 keeps every one)",
    )
    p.add_argument(
        "--slides", type=Path, help="a folder of PNG/JPEG pictures shown between the lines' pages"
    )
    p.add_argument("--window", metavar="WxH", help="a window of this size instead of full screen")
    return p


def load_config(args: argparse.Namespace) -> DisplayConfig:
    """The file (--config or $KEZEK_DISPLAY_CONFIG), then KEZEK_* variables, then the flags."""
    path = args.config or (
        Path(os.environ["KEZEK_DISPLAY_CONFIG"]) if os.environ.get("KEZEK_DISPLAY_CONFIG") else None
    )
    config = from_toml(path) if path is not None else DisplayConfig()
    config = from_env(config)
    voice = config.voice
    try:
        if args.voice is not None:
            off = args.voice.strip().lower() == "off"
            voice = replace(
                voice, enabled=not off, languages=() if off else split_commas(args.voice)
            )
        if args.no_zeros:
            voice = replace(voice, read_zeros=False)
        if args.volume is not None:
            voice = replace(voice, volume=args.volume)
        if args.quiet_hours:
            voice = replace(voice, quiet_hours=QuietHours.parse(args.quiet_hours))
        zone = config.zone
        if args.services:
            zone = replace(zone, services=frozenset(split_commas(args.services)))
        if args.counters:
            numbers = split_commas(args.counters)
            if not all(n.isdigit() for n in numbers):
                raise ConfigError(f"--counters {args.counters!r}: give counter numbers, e.g. 1,2,3")
            zone = Zone(zone.services, frozenset(int(n) for n in numbers))
        changes: dict[str, object] = {"voice": voice, "zone": zone}
        for flag, key in (
            ("server", "server"),
            ("orientation", "orientation"),
            ("columns", "columns"),
            ("clips", "clips"),
            ("wav_dir", "wav_dir"),
            ("wav_keep", "wav_keep"),
            ("slides", "slides"),
        ):
            if getattr(args, flag) is not None:
                changes[key] = getattr(args, flag)
        if args.lang:
            changes["languages"] = split_commas(args.lang)
        if args.window:
            changes["fullscreen"] = False
        return replace(config, **changes)  # type: ignore[arg-type]
    except ValueError as exc:  # ConfigError and QuietHours' own
        raise ConfigError(str(exc)) from exc


def window_size(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ConfigError(f"--window {text!r}: give WIDTHxHEIGHT, e.g. 1920x1080") from None
    if w < 320 or h < 240:
        raise ConfigError(f"--window {text!r}: at least 320x240")
    return w, h


def server_and_token(
    config: DisplayConfig, pair: str | None, name: str | None, enrollment: Path | None = None
) -> tuple[str, str | None]:
    """Where the hall server is: the flag or settings, the saved enrollment, or the LAN."""
    path = enrollment or Enrollment.default_path("display")
    try:
        saved = Enrollment.load(path)
    except ClientError as exc:
        raise StartError(str(exc)) from exc
    url = config.server or (saved.server_url if saved else None)
    if url is None:
        from hallserver.client import discover

        halls = discover()
        if not halls:
            raise StartError("no hall server found on the LAN: give --server http://HOST:8470")
        if len(halls) > 1:
            names = ", ".join(f"{h.hall_name} ({h.base_url})" for h in halls)
            raise StartError(f"several halls answer ({names}): choose one with --server URL")
        url = halls[0].base_url
    split = urlsplit(url)
    if split.scheme not in ("http", "https") or not split.netloc:
        raise StartError(f"--server {url!r}: give the address as http://HOST:PORT")
    if pair:
        try:
            saved = Enrollment.enroll(url, pair, name, path, roles=("display",))
        except ClientError as exc:
            raise StartError(f"enrolling with code {pair!r} failed: {exc}") from exc
        _say(f"kezek display: enrolled as {saved.name!r} ({saved.role}); saved in {path}")
    token = saved.token if saved and saved.server_url.rstrip("/") == url.rstrip("/") else None
    return url, token


def check_zone(zone: Zone, url: str, token: str | None) -> None:
    """A zone's services and counters are the hall's: a display showing nothing because of a
    typo is said at start. A hall that does not answer now is no fault: it starts and waits."""
    if not (zone.services or zone.counters):
        return
    from hallserver.client import ClientError, HallClient

    with HallClient(url, token=token, timeout=3.0) as client:
        try:
            services = [s.id for s in client.services()]
            numbers = sorted(c.number for c in client.counters())
        except ClientError:
            return
    for service in sorted(zone.services - set(services)):
        close = difflib.get_close_matches(service, services, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise StartError(
            f"--services: the hall has no service {service!r}{hint}; its services are "
            f"{', '.join(services)}"
        )
    for number in sorted(zone.counters - set(numbers)):
        raise StartError(
            f"--counters: the hall has no counter {number}; its counters are "
            f"{', '.join(str(n) for n in numbers)}"
        )


def prepare_voice(config: DisplayConfig) -> VoiceSettings:
    """Make sure the clip set has every word; build it with espeak-ng the first time."""
    voice = config.voice
    if not voice.enabled or not voice.languages:
        return voice
    from display.voice_cli import VoiceBuildError, build, missing_words, stale_words
    from display.wording import added_later

    missing = missing_words(config.clips, voice.languages)
    stale = stale_words(config.clips, voice.languages)  # words said differently since
    if missing or stale:
        _say(f"kezek display: making the voice clip set in {config.clips} with espeak-ng (once)")
        try:
            build(config.clips, [lang for lang in voice.languages if lang in missing | stale])
        except (VoiceBuildError, OSError) as exc:
            if all(added_later(key) for keys in missing.values() for key in keys):
                # a studio's set from before some words could be spoken: keep it; only a call
                # with such a word goes unspoken (and is logged)
                _say(
                    f"kezek display: the clip set lacks words added since it was made and "
                    f"cannot make them now ({exc}); calls that need them are not spoken",
                    file=sys.stderr,
                )
                return voice
            _say(f"kezek display: no voice: {exc}", file=sys.stderr)
            return replace(voice, enabled=False)
    return voice


def main(argv: list[str]) -> int:
    if argv[:1] == ["--"]:  # `kezek display -- --server URL`: see the report on kezek's parser
        argv = argv[1:]
    args = parser().parse_args(argv)
    try:
        config = load_config(args)
        size = window_size(args.window)
        url, token = server_and_token(config, args.pair, args.name, args.enrollment)
        check_zone(config.zone, url, token)
        voice = prepare_voice(config)
    except (ConfigError, StartError) as exc:
        _say(f"kezek display: {exc}", file=sys.stderr)
        return 2
    if token is None:
        _say(f"kezek display: not enrolled with {url}: no heartbeat (enroll with --pair CODE)")
    return run(replace(config, voice=voice), url, token, size)


def _slides(folder: Path | None) -> list[QImage] | None:
    """The hall's slides (none without a folder); None, said on stderr, when they cannot be
    shown. Read once the application exists: Qt's picture formats are its plugins."""
    if folder is None:
        return []
    from display.slides import SlidesError, load_slides

    try:
        return load_slides(folder)
    except SlidesError as exc:
        _say(f"kezek display: {exc}", file=sys.stderr)
        return None


def _voice(
    config: DisplayConfig, hall_now: Callable[[], datetime]
) -> tuple[Announcer | None, Callable[[], str]]:
    """The voice that says the calls, if on; and what the heartbeat tells the supervisor
    about it besides "alive" ("voice off", "voice failing: no audio output", ...)."""
    from display.audio import QtVoiceOutput
    from display.clips import ClipSet
    from display.voice import Announcer
    from display.wording import vocabulary

    if not (config.voice.enabled and config.voice.languages):
        return None, lambda: "voice off"
    clips = ClipSet(config.clips, config.voice.volume / 100)
    for lang in config.voice.languages:
        clips.preload(lang, vocabulary(lang))
    output = QtVoiceOutput(config.wav_dir, use_speakers=True, keep=config.wav_keep)
    if not output.has_speakers:
        where = f"; announcements go to {config.wav_dir}" if config.wav_dir else ""
        _say(f"kezek display: no audio output on this machine{where}")
    announcer = Announcer(
        clips,
        output,
        config.voice,
        hall_now,
        on_started=lambda call, a: log.info("saying %s", a.text),
    )
    return announcer, output.status


def run(config: DisplayConfig, url: str, token: str | None, size: tuple[int, int] | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from display.link import HallLink
    from display.views.window import DisplayWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    screen = QApplication.primaryScreen()
    geometry = screen.geometry() if screen is not None else None
    width, height = size or (
        (geometry.width(), geometry.height()) if geometry is not None else (1920, 1080)
    )
    orientation = config.orientation
    if orientation == "auto":
        orientation = "portrait" if height > width else "landscape"
    board = Board(zone=config.zone)
    slides = _slides(config.slides)
    if slides is None:
        return 2

    def hall_now() -> datetime:
        tz = ZoneInfo(board.hall.timezone) if board.hall else None
        return datetime.now(tz)

    announcer, detail = _voice(config, hall_now)
    window = DisplayWindow(
        board,
        announcer,
        orientation=orientation,
        columns=config.columns,
        languages=config.languages,
        switch_s=config.switch_s,
        blink_s=config.blink_s,
        slides=slides,
    )
    link = HallLink(url, token, window, heartbeat_s=config.heartbeat_s, heartbeat_detail=detail)
    window.listen(link)
    window.resize(width, height)
    if config.fullscreen and size is None:
        window.showFullScreen()
    else:
        window.show()
    link.start()
    _say(f"kezek display: showing {url} ({orientation}, {config.columns} column(s))")
    sys.stdout.flush()
    interrupted = quit_on_interrupt(app.quit)
    pulse = QTimer(app)  # lets Python run the Ctrl+C handler while Qt's loop waits
    pulse.timeout.connect(lambda: None)
    pulse.start(200)
    try:
        code = app.exec()
    finally:
        link.stop()
    return INTERRUPTED if interrupted() else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
