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
from urllib.parse import unquote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from hallserver.store.log_writer import KEEPALIVES, SERVER_KEEPALIVES, WRITER_LOCK_KEY
from hallserver.store.sql import StoreError, shown_url

ADVISORY_KEY = 0x6B657A656B  # "kezek": the PostgreSQL advisory lock of a hall's database


class DatabaseInUse(StoreError):
    """Another hall server holds this database (`pid`: its process, when the lock names it;
    `doing`: what holds it when that is not a hall server, such as a compaction)."""

    def __init__(self, message: str, pid: int | None = None, doing: str | None = None) -> None:
        super().__init__(message)
        self.pid = pid
        self.doing = doing


class DatabaseClaim:
    """A held claim; `release()` gives it up (the system drops it anyway when the process ends)."""

    def __init__(self, release: Callable[[], None] | None = None) -> None:
        self._release = release

    def release(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            release()


def claim_database(url: str, doing: str | None = None, *, serving: bool = False) -> DatabaseClaim:
    """Claim the database at `url` for this server (or for what `doing` names, such as a long
    compaction, which another comer is told to wait for); raises DatabaseInUse if another has
    it. On PostgreSQL a claim for anything but `serving` (whose own writer takes it) also
    holds the writer's lock: a hall whose start claim a cut ended may still be writing."""
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
    except (SQLAlchemyError, ValueError) as exc:  # the URL is not echoed: it may hold a password
        raise StoreError(f"--db is not a database URL a hall can use: {exc}") from exc
    if backend == "sqlite":
        database = _file_of(parsed)
        if database is None:  # in memory: nobody else can open it
            return DatabaseClaim()
        return _claim_file(Path(f"{database}.lock"), str(database), doing)
    if backend == "postgresql":
        return _claim_advisory(
            url,
            keepalives=parsed.get_driver_name() in ("psycopg", "psycopg2"),
            writer_too=not serving,
        )
    return DatabaseClaim()  # a backend the hall does not ship with: the operator's to keep single


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database URL: None for another database, for one in memory, or
    for what is not a URL (that is said when it is opened)."""
    parsed = _sqlite_url(url)
    return _file_of(parsed) if parsed is not None else None


def in_memory(url: str) -> bool:
    """Whether `url` is a SQLite database in memory (gone when its process ends)."""
    parsed = _sqlite_url(url)
    return parsed is not None and _file_of(parsed) is None


def backend_of(url: str) -> str | None:
    """The kind of database a URL names ("sqlite", "postgresql", …); None for what is not a
    database URL."""
    parsed = _parsed(url)
    return parsed.get_backend_name() if parsed is not None else None


def _parsed(url: str) -> URL | None:
    try:
        parsed = make_url(url)
        parsed.get_backend_name()  # a URL with no such part raises here
    except (SQLAlchemyError, ValueError):
        return None
    return parsed


def _sqlite_url(url: str) -> URL | None:
    parsed = _parsed(url)
    return parsed if parsed is not None and parsed.get_backend_name() == "sqlite" else None


def vanished(url: str) -> str | None:
    """Why a hall must not start afresh on `url`: its SQLite file is gone while the lock file
    beside it says a hall ran there (the file deleted or moved by hand: the lock file stays
    beside a hall's database for good, and goes only with a database a command made and
    left empty). A new, empty hall would start numbering the day again. None otherwise."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite":
            return None
    except (SQLAlchemyError, ValueError):
        return None  # claim_database says what is wrong with it
    database = _file_of(parsed)
    if database is None:
        return None
    lock = Path(f"{database}.lock")
    if not lock.exists() or (database.exists() and database.stat().st_size > 0):
        return None  # (an empty file is what opening the vanished path again leaves)
    return (
        f"{database} is gone, but a hall ran there ({lock.name} is beside it): restore it "
        f"with `kezek restore BACKUP`, or delete {lock} to start a new, empty hall"
    )


def _file_of(parsed: URL) -> Path | None:
    if parsed.query.get("mode") == "memory":
        return None
    return _sqlite_file(parsed.database, uri=parsed.query.get("uri") == "true")


def _sqlite_file(database: str | None, *, uri: bool) -> Path | None:
    """The file behind a SQLite URL's database part, plain path or `file:` URI alike."""
    if not database or database == ":memory:":
        return None
    if uri or database.startswith("file:"):
        path, _, query = database.removeprefix("file:").partition("?")
        if path.startswith("//"):  # file://localhost/path or file:///path
            path = "/" + path[2:].partition("/")[2]
        path = unquote(path)
        if not path or path == ":memory:" or "mode=memory" in query:
            return None
        database = path
    return Path(database).expanduser().resolve()


def _claim_file(lock: Path, database: str, doing: str | None = None) -> DatabaseClaim:
    if sys.platform == "win32":  # the hall server runs on Linux; a Windows test run claims nothing
        return DatabaseClaim()
    import fcntl

    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)  # readable: others lock it too
        except PermissionError:  # made by another user (a root run): lock it without naming us
            if not lock.exists():  # a folder this user may not write: say so, not "no such file"
                raise
            fd = os.open(lock, os.O_RDONLY)
    except OSError as exc:
        raise StoreError(f"cannot use the database {database}: {exc.strerror} ({lock})") from exc
    writable = _writable(fd)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        # the holder's pid, and on the next line what it does when it is not a hall server
        holder, _, task = os.read(fd, 200).decode("utf-8", "replace").partition("\n")
        os.close(fd)
        holder, task = holder.strip(), task.strip()
        pid = int(holder) if holder.isdecimal() and _alive(int(holder)) else None
        who = f" (pid {pid})" if pid is not None else ""
        if task:
            raise DatabaseInUse(
                f"{task}{who} is using {database}: wait for it to end", pid, task
            ) from None
        raise DatabaseInUse(
            f"another hall server{who} is using {database}: stop it first", pid
        ) from None
    if writable:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n{doing or ''}".encode())

    def release() -> None:
        with contextlib.suppress(OSError):
            if writable:
                os.ftruncate(fd, 0)  # no pid left behind for the next holder to be mistaken for
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    return DatabaseClaim(release)


def _alive(pid: int) -> bool:
    """Whether a process `pid` exists (a pid a holder could not overwrite may be stale)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: alive all the same
    return True


def _writable(fd: int) -> bool:
    import fcntl

    return fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE != os.O_RDONLY


def _claim_advisory(url: str, *, keepalives: bool, writer_too: bool) -> DatabaseClaim:
    # a server whose host vanished loses the claim within a minute or so
    connect_args = {**KEEPALIVES, "options": SERVER_KEEPALIVES} if keepalives else {}
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args=connect_args)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use database {shown_url(url)}: {exc}") from exc
    try:
        connection = engine.connect()
        held = connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}
        ).scalar()
        if held and writer_too:
            held = connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": WRITER_LOCK_KEY}
            ).scalar()
        connection.commit()  # the locks belong to the session, not to this transaction
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot use database {shown_url(url)}: {exc}") from exc
    if not held:
        connection.close()
        engine.dispose()
        raise DatabaseInUse("another hall server is using this PostgreSQL database: stop it first")

    def release() -> None:
        with contextlib.suppress(SQLAlchemyError):
            connection.close()
        engine.dispose()

    return DatabaseClaim(release)
