"""The display's settings: one frozen dataclass, from a TOML file, KEZEK_* variables and flags.

Pure Python. A hall's settings file (``--config FILE``, or ``$KEZEK_DISPLAY_CONFIG``)::

    server = "http://10.0.0.5:8470"
    languages = ["kk", "ru"]        # the screen's languages, taking turns every switch_s seconds
    switch_s = 15
    orientation = "landscape"       # landscape | portrait | auto (from the screen)
    columns = 1                     # 1–3 columns of big calls
    blink_s = 6
    heartbeat_s = 30                # "this display is alive" to the server (enrolled displays)
    slides = "slides"               # the hall's PNG/JPEG pictures, beside this file, in turn
    [zone]                          # a display for one area of the hall
    services = ["id-card", "passport"]
    counters = [1, 2, 3]
    [voice]
    languages = ["kk", "ru"]        # spoken in this order; add "en" for English
    read_zeros = true               # "А ноль двадцать три" (true) or "А двадцать три" (false)
    volume = 80                     # percent
    quiet_hours = "20:00-08:00"
    max_delay_s = 30                # a call later than this in a burst: first language only
    clips = "/var/lib/kezek/voice"  # the clip set (kezek voice build, or studio recordings)
    wav_dir = "/var/log/kezek/calls"  # also write every announcement as a WAV
    wav_keep = 1000                 # there, the newest 1000 calls' (about 360 MB); 0: every one
    enabled = true
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from display.board import Zone
from display.voice import QuietHours, VoiceSettings
from display.wording import LANGUAGES

ORIENTATIONS = ("landscape", "portrait", "auto")
# the calls' WAVs kept in wav_dir, the newest (a call in kk and ru is about 360 kB): a display
# writing a thousand calls a day had filled its disk by 360 MB a day
WAV_KEEP = 1000


class ConfigError(ValueError):
    """A setting is wrong; the message says which and how to fix it."""


def default_clips_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("kezek") / "voice"


@dataclass(frozen=True)
class DisplayConfig:
    """Everything `kezek display` needs to know, loaded once in main()."""

    server: str | None = None
    languages: tuple[str, ...] = ("kk", "ru")
    switch_s: float = 15.0
    orientation: str = "auto"
    columns: int = 1
    blink_s: float = 6.0
    zone: Zone = field(default_factory=Zone)
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    clips: Path = field(default_factory=default_clips_dir)
    wav_dir: Path | None = None
    wav_keep: int = WAV_KEEP  # 0: every one
    fullscreen: bool = True
    heartbeat_s: float = 30.0
    slides: Path | None = None  # a folder of the hall's pictures, shown between the lines' pages

    def __post_init__(self) -> None:
        _languages(self.languages, "languages")
        _languages(self.voice.languages, "voice.languages", allow_empty=True)
        if self.orientation not in ORIENTATIONS:
            raise ConfigError(f"orientation {self.orientation!r}: use {' | '.join(ORIENTATIONS)}")
        if not 1 <= self.columns <= 3:
            raise ConfigError(f"columns {self.columns}: a display has 1 to 3 columns")
        if not 0 <= self.voice.volume <= 100:
            raise ConfigError(f"volume {self.voice.volume}: give a percentage 0–100")
        if self.blink_s < 0 or self.switch_s < 0:
            raise ConfigError("blink_s and switch_s are seconds, 0 or more")
        if self.heartbeat_s <= 0:
            raise ConfigError("heartbeat_s is seconds, more than 0 (30 is usual)")
        if self.wav_keep < 0:
            raise ConfigError(
                f"wav_keep {self.wav_keep}: give how many calls' WAVs to keep, or 0 for every one"
            )


def _languages(value: tuple[str, ...], name: str, allow_empty: bool = False) -> None:
    bad = [lang for lang in value if lang not in LANGUAGES]
    if bad or (not value and not allow_empty):
        raise ConfigError(f"{name} {list(value)}: use some of {', '.join(LANGUAGES)}")


def split_commas(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def from_toml(path: Path) -> DisplayConfig:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the settings file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    return from_mapping(raw, base=path.parent)


def from_mapping(raw: Mapping[str, object], base: Path | None = None) -> DisplayConfig:
    """Settings from a parsed TOML table; unknown keys are refused (a typo must not pass)."""
    known = {
        "server",
        "languages",
        "switch_s",
        "orientation",
        "columns",
        "blink_s",
        "zone",
        "voice",
        "fullscreen",
        "heartbeat_s",
        "slides",
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]!r}; known: {', '.join(sorted(known))}")
    zone_raw = _table(raw.get("zone", {}), "zone")
    voice_raw = _table(raw.get("voice", {}), "voice")
    quiet = voice_raw.get("quiet_hours")
    try:
        voice = VoiceSettings(
            languages=tuple(_strings(voice_raw.get("languages", ["kk", "ru"]), "voice.languages")),
            read_zeros=bool(voice_raw.get("read_zeros", True)),
            volume=_int(voice_raw.get("volume", 80), "voice.volume"),
            quiet_hours=QuietHours.parse(str(quiet)) if quiet else None,
            enabled=bool(voice_raw.get("enabled", True)),
            max_delay_s=_number(voice_raw.get("max_delay_s", 30), "voice.max_delay_s"),
        )
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    counters = _list(zone_raw.get("counters", []), "zone.counters")
    if not all(isinstance(c, int) and not isinstance(c, bool) for c in counters):
        raise ConfigError("zone.counters: list the counters' numbers, e.g. [1, 2, 3]")
    config = DisplayConfig(
        server=str(raw["server"]) if raw.get("server") else None,
        languages=tuple(_strings(raw.get("languages", ["kk", "ru"]), "languages")),
        switch_s=_number(raw.get("switch_s", 15), "switch_s"),
        orientation=str(raw.get("orientation", "auto")),
        columns=_int(raw.get("columns", 1), "columns"),
        blink_s=_number(raw.get("blink_s", 6), "blink_s"),
        zone=Zone(
            services=frozenset(_strings(zone_raw.get("services", []), "zone.services")),
            counters=frozenset(int(str(c)) for c in counters),
        ),
        voice=voice,
        fullscreen=bool(raw.get("fullscreen", True)),
        heartbeat_s=_number(raw.get("heartbeat_s", 30), "heartbeat_s"),
        wav_keep=_int(voice_raw.get("wav_keep", WAV_KEEP), "voice.wav_keep"),
    )
    paths: dict[str, Path] = {}
    for key in ("clips", "wav_dir"):
        if voice_raw.get(key):
            path = Path(str(voice_raw[key])).expanduser()
            paths[key] = path if path.is_absolute() or base is None else base / path
    if raw.get("slides"):
        slides = Path(str(raw["slides"])).expanduser()
        config = replace(
            config, slides=slides if slides.is_absolute() or base is None else base / slides
        )
    if "clips" in paths:
        config = replace(config, clips=paths["clips"])
    if "wav_dir" in paths:
        config = replace(config, wav_dir=paths["wav_dir"])
    return config


def from_env(config: DisplayConfig, env: Mapping[str, str] = os.environ) -> DisplayConfig:
    """KEZEK_SERVER, KEZEK_DISPLAY_LANGUAGES, KEZEK_VOICE_CLIPS, KEZEK_VOICE_WAV_DIR override."""
    if env.get("KEZEK_SERVER"):
        config = replace(config, server=env["KEZEK_SERVER"])
    if env.get("KEZEK_DISPLAY_LANGUAGES"):
        config = replace(config, languages=split_commas(env["KEZEK_DISPLAY_LANGUAGES"]))
    if env.get("KEZEK_VOICE_CLIPS"):
        config = replace(config, clips=Path(env["KEZEK_VOICE_CLIPS"]))
    if env.get("KEZEK_VOICE_WAV_DIR"):
        config = replace(config, wav_dir=Path(env["KEZEK_VOICE_WAV_DIR"]))
    return config


def _table(value: object, name: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be a table ([{name}])")
    return value


def _list(value: object, name: str) -> list[object]:
    if not isinstance(value, list):
        raise ConfigError(f"{name} must be a list")
    return value


def _strings(value: object, name: str) -> list[str]:
    items = _list(value, name)
    if not all(isinstance(item, str) for item in items):
        raise ConfigError(f"{name} must be a list of strings")
    return [str(item) for item in items]


def _int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{name} must be a whole number")
    return value


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{name} must be a number")
    return float(value)
