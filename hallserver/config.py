"""The hall server's settings: command line over `KEZEK_*` environment over defaults."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DEFAULT_PORT = 8470
BOOKINGS_PER_HOUR = 5  # the public's bookings from one address in an hour (kezek hall --help)


def default_data_dir() -> Path:
    return Path(os.environ.get("KEZEK_DATA_DIR") or platformdirs.user_data_dir("kezek"))


URL_BREAKERS = "?%"  # a SQLite URL would read a folder's name with these as something else


def unusable_folder(directory: str | Path) -> str | None:
    """Why a hall's database cannot be in `directory` (None when it can): it is a file, or its
    name would be read as another file's (a `?` starts a URL's options: "q?x" is the folder
    "q")."""
    path = Path(directory)
    try:
        a_file = path.exists() and not path.is_dir()
    except OSError as exc:  # a name longer than the system takes, a folder not ours to look in
        return path_problem(exc, path)
    if a_file:
        return f"{directory} is a file, not a folder: give the folder the hall's database is in"
    found = sorted({c for c in str(directory) if c in URL_BREAKERS})
    if not found:
        return None
    marks = " and ".join(repr(c) for c in found)
    return (
        f"the folder {directory} has {marks} in its name, which a database URL reads "
        "otherwise: choose a folder without"
    )


def path_problem(exc: OSError, path: str | Path) -> str:
    """Why `path` cannot be used, in one line (a long path is cut, its end kept)."""
    shown = str(path)
    if len(shown) > 80:
        shown = f"{shown[:40]}…{shown[-30:]}"
    if exc.errno == errno.ENAMETOOLONG:
        return (
            f"{shown}: a name in this path is longer than the system allows "
            "(255 bytes a name): choose a shorter one"
        )
    return f"{shown}: {exc.strerror or exc}"


def url_given(db: str | None, data_dir: str | Path | None) -> str | None:
    """The database URL a command was given: `--db`; else KEZEK_DB, unless `--data-dir` was
    given (the command line wins over the environment: `--data-dir /tmp/test` on a server
    whose KEZEK_DB names the hall's PostgreSQL must not act on the hall)."""
    if db:
        return db
    if data_dir:
        return None
    return os.environ.get("KEZEK_DB") or None


def database_url(db: str | None, data_dir: str | Path | None) -> str:
    """`--db URL`, `--data-dir`, KEZEK_DB, KEZEK_DATA_DIR, in that order (see `url_given`);
    a folder's SQLite file is made if missing."""
    url = url_given(db, data_dir)
    if url:
        return url
    directory = Path(data_dir) if data_dir else default_data_dir()
    if (problem := unusable_folder(directory)) is not None:
        raise ValueError(problem)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)  # the hall's own: PIN hashes, IINs
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
    bookings_per_hour: int = BOOKINGS_PER_HOUR
    announce: bool = True
    announce_interfaces: tuple[str, ...] = ()
