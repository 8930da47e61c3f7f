"""The hall server's settings: command line over `KEZEK_*` environment over defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DEFAULT_PORT = 8470


def default_data_dir() -> Path:
    return Path(os.environ.get("KEZEK_DATA_DIR") or platformdirs.user_data_dir("kezek"))


def database_url(db: str | None, data_dir: str | Path | None) -> str:
    """`--db URL` wins; else the SQLite file in `--data-dir` (made if missing)."""
    url = db or os.environ.get("KEZEK_DB")
    if url:
        return url
    directory = Path(data_dir) if data_dir else default_data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'kezek.sqlite3'}"


@dataclass(frozen=True)
class ServerConfig:
    """Everything `kezek hall` needs, loaded once in main()."""

    db_url: str
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    demo: bool = False
    catalogue: Path | None = None
    public_url: str | None = None
    always_open: bool = False
    announce: bool = True
    announce_interfaces: tuple[str, ...] = ()
