"""One hall server per database: a second one, started by mistake, stops with one line.

The hall server keeps the day in memory and is its database's only writer: the event log's
chain and the ticket numbering depend on it. A second server on the same database (a manual
`kezek hall` beside the systemd unit, a copied start script) would fight it for every write.
So a server claims its database before it touches it, and holds the claim while it runs:

- SQLite: an exclusive lock on a file beside the database (`kezek.sqlite3.lock`, which also
  names the holder's process). The system drops the lock when the process ends, kill -9
  included: a crashed server never leaves a stale claim behind.
- PostgreSQL: a session advisory lock, dropped with the session.

Tools that run beside a server (`kezek token`, `kezek operator`, `kezek audit`) claim nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from hallserver.store.sql import StoreError

ADVISORY_KEY = 0x6B657A656B  # "kezek": the PostgreSQL advisory lock of a hall's database


class DatabaseInUse(StoreError):
    """Another hall server holds this database."""


class DatabaseClaim:
    """A held claim; `release()` gives it up (the system drops it anyway when the process ends)."""

    def __init__(self, release: Callable[[], None] | None = None) -> None:
        self._release = release

    def release(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            release()


def claim_database(url: str) -> DatabaseClaim:
    """Claim the database at `url` for this server; raises DatabaseInUse if another has it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return DatabaseClaim()  # nobody else can open it
        return _claim_file(Path(f"{parsed.database}.lock"), parsed.database)
    return _claim_advisory(url)


def _claim_file(lock: Path, database: str) -> DatabaseClaim:
    if sys.platform == "win32":  # the hall server runs on Linux; a Windows test run claims nothing
        return DatabaseClaim()
    import fcntl

    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode("ascii", "replace").strip()
        os.close(fd)
        who = f" (pid {holder})" if holder.isdecimal() else ""
        raise DatabaseInUse(
            f"another hall server{who} is using {database}: stop it first"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))

    def release() -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    return DatabaseClaim(release)


def _claim_advisory(url: str) -> DatabaseClaim:
    engine = create_engine(url, poolclass=NullPool)
    try:
        connection = engine.connect()
        held = connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}
        ).scalar()
        connection.commit()  # the lock belongs to the session, not to this transaction
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot use database {engine.url!r}: {exc}") from exc
    if not held:
        connection.close()
        engine.dispose()
        raise DatabaseInUse("another hall server is using this PostgreSQL database: stop it first")

    def release() -> None:
        with contextlib.suppress(SQLAlchemyError):
            connection.close()
        engine.dispose()

    return DatabaseClaim(release)
