"""`kezek`: the one entry point. Subcommands import what they need, so a server box needs no Qt."""

from __future__ import annotations

import argparse
import contextlib
import errno
import getpass
import itertools
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hallserver.cli_parser import Parser, parse
from hallserver.config import BOOKINGS_PER_HOUR, url_given

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection

    from hallserver.domain.catalogue import Catalogue
    from hallserver.eventlog import Witness
    from hallserver.store.sql import SqlHallStore

ROLES = ("kiosk", "counter", "display", "consultant", "supervisor", "admin")
LOGIN_LIMIT = 60  # as signing in at a counter takes it
NAME_LIMIT = 100
APPS = {  # subcommand -> the module whose main(argv) runs it; imported only when used
    "kiosk": "the touchscreen kiosk: tickets, consultant, rating (kiosk.__main__)",
    "counter": "the operator's counter console (counter.__main__)",
    "display": "the wall display that shows and speaks the calls (display.__main__)",
    "voice": "voice clip sets for the display: kezek voice build … (display.voice_cli)",
}
APP_MODULES = {
    "kiosk": "kiosk.__main__",
    "counter": "counter.__main__",
    "display": "display.__main__",
    "voice": "display.voice_cli",
}


class UsageError(Exception):
    """A mistake on the command line; the message says what to fix."""


def _port(text: str) -> int:
    """A TCP port, from the command line or KEZEK_PORT (argparse converts the default too)."""
    if not (text.isascii() and text.isdecimal()) or not 0 <= int(text) <= 65535:
        source = " (from KEZEK_PORT)" if text == os.environ.get("KEZEK_PORT") else ""
        raise argparse.ArgumentTypeError(
            f"{text!r}{source} is not a port: a number from 0 to 65535"
        )
    return int(text)


def _per_hour(text: str) -> int:
    if not (text.isascii() and text.isdecimal()) or int(text) > 10_000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a count: a number from 0 to 10000")
    return int(text)


def _addresses(text: str) -> str:
    """Comma-separated IP addresses of this machine's interfaces (checked at start, not later
    in the announcing thread, where a mistake would only silence discovery)."""
    import ipaddress

    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            ipaddress.IPv4Address(part)
        except ValueError:  # the announcer speaks IPv4 (mDNS on the hall's LAN)
            raise argparse.ArgumentTypeError(f"{part!r} is not an IPv4 address") from None
    return text


def _host(text: str) -> str:
    """The address `kezek hall` listens on: an IPv4 address or a name that has one (the hall
    is served and announced on IPv4), from the command line or KEZEK_HOST."""
    import ipaddress
    import socket

    source = " (from KEZEK_HOST)" if text == os.environ.get("KEZEK_HOST") else ""
    host = text.strip()
    if not host:
        raise argparse.ArgumentTypeError(
            f"is empty{source}: give the address to listen on, such as 127.0.0.1 (this "
            "machine only) or 0.0.0.0 (every network)"
        )
    try:
        ipaddress.IPv6Address(host.strip("[]"))
    except ValueError:
        pass
    else:
        raise argparse.ArgumentTypeError(
            f"{text!r}{source} is an IPv6 address: the hall is served on IPv4 only, such as "
            "127.0.0.1 or 0.0.0.0"
        )
    try:
        socket.getaddrinfo(host, None, socket.AF_INET, socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise argparse.ArgumentTypeError(
            f"{text!r}{source} is not an IPv4 address of this machine, nor a name that has "
            "one: give one such as 127.0.0.1 or 0.0.0.0"
        ) from None
    return host


def _public_url(text: str) -> str:
    import ipaddress
    import re
    from urllib.parse import urlsplit

    given = text.strip()
    unlike = f"{_cut(text)!r} is not an address a phone can open, like https://queue.example.kz"
    if any(c.isspace() or not c.isprintable() for c in given):
        raise argparse.ArgumentTypeError(f"{unlike} (it has a space or a control character)")
    parts = urlsplit(given)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(unlike)
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or (parts.netloc.endswith(":") and port is None):
        raise argparse.ArgumentTypeError(f"{unlike} (its port is a number from 1 to 65535)")
    host = parts.hostname
    try:
        ipaddress.ip_address(host)
    except ValueError:
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = ""
        if not re.fullmatch(
            r"(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?", ascii_host
        ):
            raise argparse.ArgumentTypeError(
                f"{unlike} (its host name has characters a name cannot have)"
            ) from None
    return given


def _cut(text: str, limit: int = 100) -> str:
    """`text` as said back in one line: a long one is cut."""
    return text if len(text) <= limit else f"{text[:limit]}…"


def _file(text: str) -> Path:
    """A file named on the command line: an empty name is no file (Path("") is ".")."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: name a file")
    return Path(text)


def _check_archives(paths: list[Path]) -> None:
    """--archive files made by `kezek audit archive`: each there, and a file."""
    for path in paths:
        try:
            if not path.exists():
                raise UsageError(f"no archive file at {path}: check --archive")
            if path.is_dir():
                raise UsageError(f"--archive {path} is a folder: name its archive files")
        except OSError as exc:
            from hallserver.config import path_problem

            raise UsageError(path_problem(exc, path)) from None


def _folder(text: str) -> str:
    from hallserver.config import unusable_folder

    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: name a folder, or leave the option out")
    if (problem := unusable_folder(text)) is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


def _db_options(parser: argparse.ArgumentParser, *, default: str = "") -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir",
        type=_folder,
        help="folder of the SQLite database (default: "
        f"{default or 'KEZEK_DATA_DIR, else the user data dir, e.g. ~/.local/share/kezek'})",
    )
    where.add_argument("--db", help="database URL, e.g. postgresql+psycopg://user:pw@host/kezek")


def _demo_options(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("--port", type=_port, default=8470, help="default 8470; 0 picks a free port")
    demo.add_argument(
        "--visitors", type=int, default=0, metavar="N", help="simulated visitors per hall hour"
    )
    demo.add_argument(
        "--speed", type=float, default=20.0, help="hall time runs this many times faster"
    )
    demo.add_argument("--seed", type=int, help="the simulation's random seed")
    demo.add_argument("--headless", action="store_true", help="no windows: terminals offscreen")
    demo.add_argument(
        "--lan", action="store_true", help="listen and announce on the LAN (default: this machine)"
    )


def parser() -> argparse.ArgumentParser:
    root = Parser(prog="kezek", description="Kezek: the queue of one hall.")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    hall = sub.add_parser("hall", help="run the hall server")
    _db_options(hall)
    hall.add_argument(
        "--host",
        type=_host,
        default=os.environ.get("KEZEK_HOST", "127.0.0.1"),
        help="the IPv4 address (or name) to listen on: 0.0.0.0 for every network "
        "(default: KEZEK_HOST, else 127.0.0.1, this machine only)",
    )
    hall.add_argument(
        "--port",
        type=_port,
        default=os.environ.get("KEZEK_PORT", "8470"),
        help="default: KEZEK_PORT, else 8470; 0 picks a free port",
    )
    hall.add_argument(
        "--demo", action="store_true", help="seed the demo hall into an empty database"
    )
    hall.add_argument(
        "--catalogue", type=_file, help="the hall's catalogue (TOML); replaces the saved one"
    )
    hall.add_argument(
        "--public-url", type=_public_url, help="the address printed in tickets' QR codes"
    )
    hall.add_argument(
        "--always-open", action="store_true", help="ignore opening hours (demos, training)"
    )
    hall.add_argument(
        "--bookings-per-hour",
        type=_per_hour,
        default=BOOKINGS_PER_HOUR,
        metavar="N",
        help="bookings the public may make from one address in an hour (0: no limit; "
        f"default {BOOKINGS_PER_HOUR}); staff and terminals with a token are not counted",
    )
    hall.add_argument("--no-announce", action="store_true", help="do not announce on the LAN")
    hall.add_argument(
        "--announce-on",
        metavar="ADDR[,ADDR]",
        type=_addresses,
        default="",
        help="interfaces to announce on (default: all; only loopback when --host is loopback)",
    )
    hall.add_argument(
        "--check", action="store_true", help="prepare the database and catalogue, then exit"
    )

    demo = sub.add_parser("demo", help="a whole demo hall on this machine")
    _db_options(
        demo,
        default="the demo folder in KEZEK_DATA_DIR, else in the user data dir: "
        "~/.local/share/kezek/demo",
    )
    _demo_options(demo)

    token = sub.add_parser("token", help="tokens for terminals and scripts")
    token_sub = token.add_subparsers(dest="token_command", required=True, metavar="ACTION")
    create = token_sub.add_parser("create", help="print a new token for a role")
    _db_options(create)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument(
        "--name", default=None, help="who holds it, unique per role (default: ROLE-1, ROLE-2, …)"
    )
    create.add_argument("--counter", default=None, help="counter id, for a counter terminal")

    pair = sub.add_parser("pair", help="a one-time code to enroll a terminal")
    _db_options(pair)
    pair.add_argument("--role", required=True, choices=ROLES)
    pair.add_argument(
        "--name", required=True, help="the terminal's name, unique per role (e.g. 'Entrance')"
    )
    pair.add_argument("--counter", default=None, help="counter id, for a counter terminal")

    _operator_options(sub)
    _audit_options(sub)

    catalogue = sub.add_parser("catalogue", help="the catalogue the hall runs on")
    catalogue_sub = catalogue.add_subparsers(
        dest="catalogue_command", required=True, metavar="ACTION"
    )
    export = catalogue_sub.add_parser(
        "export",
        help="write the catalogue saved in the database (TOML) to a file, to edit and give "
        "back with `kezek hall --catalogue FILE --check`",
    )
    _db_options(export)
    export.add_argument("file", type=_file, help="a new file; '-' writes to standard output")

    backup = sub.add_parser("backup", help="copy the database to one file, while the hall runs")
    _db_options(backup)
    backup.add_argument("file", type=_file, help="the new backup file (it must not exist yet)")

    restore = sub.add_parser("restore", help="load a backup file into an empty database")
    _db_options(restore)
    restore.add_argument("file", type=_file, help="a backup file made by `kezek backup`")
    restore.add_argument(
        "--keep-damaged",
        action="store_true",
        help="restore a backup whose event log does not verify as it is (the only one left): "
        "its bad events are kept as accepted damage, which `kezek audit verify` names and "
        "passes, checking the rest; the hall says so at every start",
    )
    restore.add_argument(
        "--archive",
        type=_file,
        action="append",
        default=[],
        metavar="FILE",
        help="with --keep-damaged: the archive files of the backup's hall (all of them), which "
        "damage an earlier --keep-damaged kept is checked in once its seal is archived",
    )

    hardware = sub.add_parser(
        "hardware", help="printers, buttons, keypads, displays", add_help=False
    )
    hardware.add_argument("args", nargs=argparse.REMAINDER)
    for app, text in APPS.items():
        terminal = sub.add_parser(app, help=text, add_help=False)
        terminal.add_argument("args", nargs=argparse.REMAINDER)
    return root


def _operator_options(sub: argparse._SubParsersAction[Parser]) -> None:
    operator = sub.add_parser("operator", help="operators who sign in at counters")
    op_sub = operator.add_subparsers(dest="operator_command", required=True, metavar="ACTION")
    add = op_sub.add_parser("add", help="add an operator (the PIN is asked, or read from stdin)")
    _db_options(add)
    add.add_argument("login", help="what the operator types to sign in at a counter")
    add.add_argument("--name", required=True, help="the operator's name as the hall shows it")
    add.add_argument(
        "--supervisor", action="store_true", help="may also sign in to the supervisor's board"
    )
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")
    listed = op_sub.add_parser("list", help="the hall's operators, and who is disabled")
    _db_options(listed)
    for action, text in (
        ("disable", "an operator who has left: no more sign-ins; signed out within 30 s"),
        ("enable", "let a disabled operator sign in again"),
        ("pin", "set a new PIN (the old one stops working)"),
    ):
        change = op_sub.add_parser(action, help=text)
        _db_options(change)
        change.add_argument("login")
        if action == "pin":
            change.add_argument("--pin-stdin", action="store_true", help="read it from stdin")


def _audit_options(sub: argparse._SubParsersAction[Parser]) -> None:
    audit = sub.add_parser("audit", help="the tamper-evident event log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser(
        "verify", help="check the event log's hash chain (from event 1 with --archive)"
    )
    _db_options(verify)
    verify.add_argument(
        "--archive",
        type=_file,
        action="append",
        default=[],
        metavar="FILE",
        help="archive files made by `kezek audit archive` (all of them): check from event 1",
    )
    verify.add_argument(
        "--witness",
        type=_witness,
        action="append",
        default=[],
        metavar="EVENT:HASH",
        help="an event's hash written down outside the database (a printed report, the "
        "journal's 'witness' lines): the log must still hold it",
    )
    verify.add_argument(
        "--witness-file",
        type=_file,
        action="append",
        default=[],
        metavar="FILE",
        help="a text holding witnesses, e.g. `journalctl -u kezek-hall -o cat > FILE`; "
        "without --archive, those of archived events are skipped (and counted)",
    )
    archive = audit_sub.add_parser(
        "archive", help="move the events before a day into a file, keeping the chain whole"
    )
    _db_options(archive)
    archive.add_argument("file", type=_file, help="the new archive file (gzip'd JSON lines)")
    archive.add_argument(
        "--before", required=True, metavar="YYYY-MM-DD", help="the first day that stays"
    )
    compact = audit_sub.add_parser(
        "compact",
        help="give the space archived events freed back to the disk (SQLite's VACUUM; with "
        "the hall server stopped)",
    )
    _db_options(compact)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # before the command began (its options, its database's path)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for arg in argv:  # bytes the terminal could not decode arrive as lone surrogates
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            print(f"kezek: the argument {arg!a} is not valid UTF-8 text", file=sys.stderr)
            return 2
    if argv and (argv[0] in APP_MODULES or argv[0] == "hardware"):
        # the apps parse their own options (argparse's REMAINDER would refuse `--server URL`)
        args = argparse.Namespace(command=argv[0], args=argv[1:])
    else:
        args = parse(parser(), argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        fresh = _fresh_database(args)
    except OSError as exc:  # KEZEK_DATA_DIR or --db naming a path the system refuses
        from hallserver.config import path_problem

        print(f"kezek: {path_problem(exc, exc.filename or '')}", file=sys.stderr)
        return 2
    code = 1
    try:
        code = _run(args)
    finally:
        # Ctrl+C keeps what a hall stored, but a restore has taken out what it wrote
        if fresh is not None and (code not in (0, 130) or (code, args.command) == (130, "restore")):
            _forget(*fresh)
    return code


def _run(args: argparse.Namespace) -> int:
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except UsageError as exc:
        print(f"kezek: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a folder or device that cannot be used
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"kezek: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except Exception as exc:
        from hallserver.catalogue_file import CatalogueError
        from hallserver.server import SetupError
        from hallserver.store.sql import StoreError

        # the driver's first line says it all; a saved catalogue that no longer reads says where
        if isinstance(exc, SetupError | StoreError | CatalogueError):
            print(f"kezek: {(str(exc).strip().splitlines() or [repr(exc)])[0]}", file=sys.stderr)
            return 1
        raise


def _fresh_database(args: argparse.Namespace) -> tuple[Path, list[Path]] | None:
    """The SQLite file a command would make, and the folders it would make for it (innermost
    first): a command refused before it stored anything leaves nothing there."""
    from hallserver.config import default_data_dir
    from hallserver.store.claim import sqlite_file

    if not hasattr(args, "data_dir"):
        return None
    # the demo never takes KEZEK_DB: it replaces a hall's tokens and operators (see _demo)
    url = args.db if args.command == "demo" else url_given(args.db, args.data_dir)
    if url:
        database = sqlite_file(url)
        if database is None or database.exists():
            return None
        return database, _missing_folders(database.parent)  # its lock is made there
    directory = Path(args.data_dir) if args.data_dir else default_data_dir()
    if args.command == "demo" and not args.data_dir:
        directory = directory / "demo"  # as _demo chooses it
    if (directory / "kezek.sqlite3").exists():
        return None
    return directory / "kezek.sqlite3", _missing_folders(directory)


def _missing_folders(directory: Path) -> list[Path]:
    """`directory` and those above it that do not exist yet, innermost first."""
    made = []
    for folder in (directory.absolute(), *directory.absolute().parents):
        if folder.exists():
            break
        made.append(folder)
    return made


def _forget(database: Path, made: list[Path]) -> None:
    """Remove the database a refused command made, if it holds nothing anyone was given (no
    event, token, operator, ticket or booking); and the folders it made for it: the hall's
    own, then each parent made with it, if nothing else came into it meanwhile."""
    if not database.exists():
        _unmake(made)
        return
    from hallserver.store.claim import DatabaseInUse, claim_database
    from hallserver.store.sql import StoreError

    try:  # held while it looks and removes: a server starting on it meanwhile keeps it
        claim = claim_database(f"sqlite:///{database}")
    except (DatabaseInUse, StoreError):
        return  # another process has it (two first starts at once): it is theirs now
    try:
        if _holds_something(database):
            return
        if made:
            _unmake(made)
            return
        with contextlib.suppress(OSError):  # a folder that never held one (a file, /proc)
            for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
    finally:
        claim.release()


def _unmake(made: list[Path]) -> None:
    import shutil

    if made:
        shutil.rmtree(made[0], ignore_errors=True)  # the hall's folder: all in it is the hall's
    for parent in made[1:]:
        with contextlib.suppress(OSError):
            parent.rmdir()  # only while empty


def _holds_something(database: Path) -> bool:
    """Whether the database holds anything anyone was given (an event, token, operator,
    ticket or booking); a file that is not a database is not ours to judge: it does."""
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(database)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            return any(
                conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()  # noqa: S608
                for table in ("events", "tokens", "operators", "tickets", "bookings")
                if table in tables
            )
    except sqlite3.Error:
        return True


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "hall":
        return _hall(args)
    if command == "demo":
        return _demo(args)
    if command == "token":
        return _token_create(args)
    if command == "pair":
        return _pair(args)
    if command == "operator":
        if args.operator_command == "add":
            return _operator_add(args)
        if args.operator_command == "list":
            return _operator_list(args)
        return _operator_change(args)
    if command == "audit":
        if args.audit_command == "compact":
            return _audit_compact(args)
        return _audit_archive(args) if args.audit_command == "archive" else _audit_verify(args)
    if command == "catalogue":
        return _catalogue_export(args)
    if command == "backup":
        return _backup(args)
    if command == "restore":
        return _restore(args)
    if command == "hardware":
        from hardware.cli import main as hardware_main

        return hardware_main(list(args.args))
    if command in APP_MODULES:
        import importlib

        try:
            module = importlib.import_module(APP_MODULES[command])
        except ImportError as exc:
            raise UsageError(
                f"kezek {command} needs the terminals' extras (pip install 'kezek[terminals,"
                f"client,hardware]'): {exc}"
            ) from exc
        result: int = module.main(list(args.args))
        return result
    raise UsageError(f"unknown command {command}")


def _url(args: argparse.Namespace, *, make: bool = True) -> str:
    from hallserver.config import database_url
    from hallserver.store.claim import in_memory

    try:
        url = database_url(args.db, args.data_dir)
    except ValueError as exc:  # KEZEK_DATA_DIR, or the default, in a folder a URL misreads
        raise UsageError(str(exc)) from exc
    if in_memory(url):  # what a command stores there ends with it (and the writer is apart)
        raise UsageError(f"{url} is a database in memory, gone when the command ends: give a file")
    if make:
        _make_private(url)
    return url


def _make_private(url: str) -> None:
    """A new SQLite file, and the folders made for it, readable by this user only, as
    --data-dir makes them: the hall's database holds PIN hashes and IINs."""
    from hallserver.store.claim import sqlite_file

    database = sqlite_file(url)
    if database is None or database.exists():
        return
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # another command made it meanwhile
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _existing_url(args: argparse.Namespace) -> str:
    """As `_url`, for commands that read a hall: a mistyped --data-dir is said, not created."""
    from hallserver.config import default_data_dir
    from hallserver.store.claim import sqlite_file

    if not url_given(args.db, args.data_dir):  # said before _url makes the folder
        directory = Path(args.data_dir) if args.data_dir else default_data_dir()
        if not (directory / "kezek.sqlite3").is_file():
            raise UsageError(f"no hall database in {directory}: check --data-dir")
    url = _url(args, make=False)
    named = sqlite_file(url)  # the file the URL names: the one checked is the one used
    if named is not None and (problem := _not_a_hall(named)) is not None:
        raise UsageError(problem)  # SQLite would make it, or a migration add our tables to it
    return url


def _not_a_hall(database: Path) -> str | None:
    """Why a SQLite file is not a hall's database to work on (None when it is: a Kezek
    migration made it), read without writing. A damaged one is said as SQLite says it."""
    import sqlite3

    from hallserver.store.sql import StoreError

    if not database.is_file():
        return f"no hall database at {database}: check --db or --data-dir"
    if database.stat().st_size == 0:
        return f"{database} is empty, not a Kezek hall database: check --db or --data-dir"
    try:
        uri = f"{database.absolute().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as exc:  # damaged, or not ours to read: the tools that look say which
        raise StoreError(f"cannot read {database}: {exc}") from exc
    if {"events", "alembic_version"} <= tables:
        return None
    return f"{database} is not a Kezek hall database: check --db or --data-dir"


def _new_database(args: argparse.Namespace) -> str | None:
    """What to say when a command that writes would make its hall database first.

    Tokens, pairing codes and operators may come before the hall's first start, so the
    database is made; the command then says so, in case --data-dir (or --db) was mistyped."""
    from hallserver.config import default_data_dir
    from hallserver.store.claim import sqlite_file

    if url := url_given(args.db, args.data_dir):
        database = sqlite_file(url)
        if database is None or database.is_file():
            return None
        given = "--db" if args.db else "KEZEK_DB"
        return (
            f"there was no hall database at {database}: made a new one (start the hall with "
            f"the same {given})"
        )
    directory = Path(args.data_dir) if args.data_dir else default_data_dir()
    if (directory / "kezek.sqlite3").is_file():
        return None
    return (
        f"there was no hall database in {directory}: made a new one (start the hall with the "
        "same --data-dir)"
    )


def _say_new(notice: str | None) -> None:
    if notice is not None:
        print(f"kezek: {notice}", file=sys.stderr)


def _hall(args: argparse.Namespace) -> int:
    from hallserver.config import ServerConfig
    from hallserver.server import serve

    if args.catalogue is not None and not args.catalogue.is_file():
        raise UsageError(f"no catalogue file at {args.catalogue}")
    config = ServerConfig(
        db_url=_url(args),
        host=args.host,
        port=args.port,
        demo=args.demo,
        catalogue=args.catalogue,
        public_url=args.public_url,
        always_open=args.always_open,
        bookings_per_hour=args.bookings_per_hour,
        announce=not args.no_announce,
        announce_interfaces=tuple(a.strip() for a in args.announce_on.split(",") if a.strip()),
    )

    if args.check:
        from hallserver.server import (
            SetupError,
            bookings_left_behind,
            demo_ignored,
            hall_catalogue,
            open_store,
        )
        from hallserver.store.claim import DatabaseInUse, claim_database, vanished

        if why := vanished(config.db_url):
            raise SetupError(why)
        try:
            claim = claim_database(config.db_url)  # it migrates: not under a running server
        except DatabaseInUse as exc:
            if args.catalogue is None or exc.doing:  # a compaction is no server to tell
                raise
            return _check_catalogue_only(args.catalogue, config.db_url, exc.pid)
        try:
            with contextlib.closing(open_store(config.db_url)) as store:
                catalogue = hall_catalogue(store, demo=config.demo, path=config.catalogue)
                hours = not config.always_open
                left = bookings_left_behind(store, catalogue, datetime.now(UTC), hours=hours)
        finally:
            claim.release()
        print(
            f"{catalogue.name.en}: {_count(len(catalogue.services), 'service')}, "
            f"{_count(len(catalogue.counters), 'counter')}; database ready"
        )
        if left is not None:
            print(f"Note: {left}")
        if (ignored := demo_ignored(config, catalogue)) is not None:
            print(f"Note: {ignored}")
        _note_unserved(catalogue)
        return 0

    def ready(url: str, hall: object) -> None:
        print(f"Kezek hall server on {url}  (API {url}/api/v1, OpenAPI {url}/openapi.json)")
        sys.stdout.flush()

    serve(config, on_ready=ready)
    return 0


def _note_unserved(catalogue: Catalogue) -> None:
    from hallserver.catalogue_file import catalogue_notes

    for note in catalogue_notes(catalogue):
        print(f"Note: {note}")
    if unserved := catalogue.unserved():
        print(
            f"Note: no counter serves {', '.join(unserved)}: a ticket for it would wait all day "
            "(add it to a counter's main or backup, or leave it out)"
        )


def _check_catalogue_only(path: Path, url: str, pid: int | None) -> int:
    """`--check --catalogue` beside a running server: the file is checked, and against today's
    tickets, then saved for the server's next start. Only that row is written: the running
    server has migrated the database and keeps its catalogue in memory until it restarts."""
    from hallserver.catalogue_file import CatalogueError, parse_catalogue, read_catalogue
    from hallserver.server import bookings_left_behind, catalogue_conflict, save_catalogue
    from hallserver.store.sql import SqlHallStore

    try:
        text = read_catalogue(path)
        catalogue = parse_catalogue(text, source=str(path))
    except CatalogueError as exc:
        raise UsageError(str(exc)) from exc
    store = SqlHallStore(url)
    try:
        conflict = catalogue_conflict(store, catalogue, datetime.now(UTC))
        if conflict is not None:
            raise UsageError(conflict)
        before, replaced = save_catalogue(store, text)
        left = bookings_left_behind(store, catalogue, datetime.now(UTC))
    finally:
        store.close()
    kept = {s.id for s in catalogue.services}
    try:
        running = (
            parse_catalogue(before, source="the database's catalogue", saved=True)
            if before
            else None
        )
    except CatalogueError:
        running = None
    dropped = sorted(s.id for s in running.services if s.id not in kept) if running else []
    server = f"hall server (pid {pid})" if pid is not None else "hall server"
    print(
        f"{catalogue.name.en}: {_count(len(catalogue.services), 'service')}, "
        f"{_count(len(catalogue.counters), 'counter')}; catalogue checked and saved. The {server} "
        "still runs the one before: restart it to use this one"
    )
    if replaced is not None:
        print(replaced[0].upper() + replaced[1:], file=sys.stderr)
    _note_unserved(catalogue)
    if dropped:  # a ticket for them issued before the restart would stop it until tomorrow
        print(
            f"It drops {', '.join(dropped)}: suspend them for today now (on the board, or "
            "POST /api/v1/services/ID/suspend), or restart after closing"
        )
    if left is not None:
        print(f"Note: {left}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from hallserver.config import default_data_dir
    from hallserver.demo import DemoOptions, run_demo

    if args.visitors < 0 or not 0 < args.speed <= 1000:  # not nan, not inf
        raise UsageError("--visitors is 0 or more, --speed more than 0 and at most 1000")
    folder = Path(args.data_dir) if args.data_dir else default_data_dir() / "demo"
    db_url = _url(argparse.Namespace(db=args.db, data_dir=folder))  # --db as every command
    return run_demo(
        DemoOptions(
            db_url=db_url,
            folder=folder,
            port=args.port,
            visitors=args.visitors,
            headless=args.headless,
            lan=args.lan,
            speed=args.speed,
            seed=args.seed,
        )
    )


def _token_create(args: argparse.Namespace) -> int:
    from hallserver.access import Actor, Role, new_token
    from hallserver.server import open_store
    from hallserver.service import names_in_use, token_row
    from hallserver.store import schema

    if args.role == "counter" and not args.counter:
        raise UsageError("a counter token needs --counter ID (see GET /api/v1/counters)")
    name = _checked_name(args.name) if args.name is not None else None
    fresh = _new_database(args)
    with contextlib.closing(open_store(_url(args))) as store:
        _check_counter(store, args.role, args.counter)
        token = new_token()

        def row() -> dict[str, Any]:  # chosen while no other token can be stored (see below)
            now = datetime.now(UTC)
            used = names_in_use(store, now)
            chosen = name
            if chosen is None:  # kiosk-1, kiosk-2, …: each terminal its own line and alerts
                chosen = next(
                    f"{args.role}-{n}"
                    for n in itertools.count(1)
                    if (args.role, f"{args.role}-{n}") not in used
                )
            _check_name_free(used, args.role, chosen)
            return token_row(token, Actor(Role(args.role), chosen, args.counter), now)

        _keep_and_print(store, token, schema.tokens, row, "token_hash")
    _say_new(fresh)
    return 0


def _alone_in(conn: Connection, store: SqlHallStore, table: Table) -> None:
    """Take no other row into `table` until this transaction ends: what is checked free (a
    name, a login) is still free when it is stored. Two commands at once had both taken it."""
    from sqlalchemy import text

    if store.dialect == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.execute(text(f"LOCK TABLE {table.name} IN SHARE ROW EXCLUSIVE MODE"))


def _keep_and_print(
    store: SqlHallStore,
    secret: str,
    table: Table,
    row: dict[str, Any] | Callable[[], dict[str, Any]],
    key: str,
) -> None:
    """Store a token or a code, then print it. Stored first: whoever reads it may use it at
    once, and a print that blocks holds no lock of the hall's. If it cannot be printed (stdout
    closed, a full disk), it is deleted again: nothing is kept that no one could use.

    A `row` made by a function is made while the table takes no other row (a terminal's name
    checked free, then stored: two `token create` at once had both taken one name)."""
    from sqlalchemy import delete
    from sqlalchemy.exc import SQLAlchemyError

    from hallserver.store.sql import StoreError

    try:
        with store.engine.begin() as conn:
            if callable(row):
                _alone_in(conn, store, table)
            stored = row() if callable(row) else row
            conn.execute(table.insert(), [stored])
    except SQLAlchemyError as exc:
        raise StoreError(f"it was not saved: {exc}") from exc
    try:
        if sys.stdout is None:  # `>&-`: print() would say nothing and fail nothing
            raise OSError(errno.EBADF, "standard output is closed: nowhere to print it")
        print(secret, flush=True)
    except OSError:
        with store.engine.begin() as conn:
            conn.execute(delete(table).where(table.c[key] == stored[key]))
        raise


def _pair(args: argparse.Namespace) -> int:
    from hallserver.access import Role, new_pairing_code
    from hallserver.server import open_store
    from hallserver.service import PAIRING_TTL, names_in_use, pairing_row
    from hallserver.store import schema

    if args.role == "counter" and not args.counter:
        raise UsageError("a counter terminal needs --counter ID")
    name = _checked_name(args.name)  # as the terminal's enrollment will check it
    fresh = _new_database(args)
    with contextlib.closing(open_store(_url(args))) as store:
        _check_counter(store, args.role, args.counter)
        if (args.role, name) in names_in_use(store, datetime.now(UTC)):
            print(
                f"a {args.role} named {name!r} is enrolled (or being paired) already: the "
                "terminal that uses this code takes its place, and the one before stops working",
                file=sys.stderr,
            )
        code = new_pairing_code()
        expires = datetime.now(UTC) + PAIRING_TTL
        row = pairing_row(code, Role(args.role), name, args.counter, expires)
        _keep_and_print(store, code, schema.pairing_codes, row, "code_hash")
    minutes = int(PAIRING_TTL.total_seconds() // 60)
    until = expires.astimezone()
    print(
        f"valid for {minutes} minutes (until {until:%H:%M} {until.tzname() or ''}); enter it on "
        "the terminal",
        file=sys.stderr,
    )
    _say_new(fresh)
    return 0


def _operator_add(args: argparse.Namespace) -> int:
    from hallserver.access import hash_pin
    from hallserver.server import open_store
    from hallserver.store import schema
    from hallserver.store.sql import operators_alike

    login = args.login.strip()
    if not 1 <= len(login) <= LOGIN_LIMIT or any(c.isspace() or not c.isprintable() for c in login):
        raise UsageError(f"a login is 1 to {LOGIN_LIMIT} characters without spaces")
    name = _checked_name(args.name)
    pin = _read_pin(args.pin_stdin)
    fresh = _new_database(args)
    row = {
        "login": login,
        "name": name,
        "pin_hash": hash_pin(pin),
        "supervisor": bool(args.supervisor),
    }
    with contextlib.closing(open_store(_url(args))) as store, store.engine.begin() as conn:
        _alone_in(conn, store, schema.operators)  # AIGUL and aigul added at once
        if kept := operators_alike(conn, login):
            as_kept = "" if kept[0].login == login else f" (as {kept[0].login})"
            raise UsageError(f"operator {login} exists already{as_kept}")
        conn.execute(schema.operators.insert(), [row])
    print(f"operator {login} added")
    _say_new(fresh)
    return 0


def _read_pin(from_stdin: bool) -> str:
    if not from_stdin and not sys.stdin.isatty():  # getpass would fall back to echoing it
        raise UsageError("no terminal to type the PIN in: pipe it in with --pin-stdin")
    try:
        pin = sys.stdin.readline().strip() if from_stdin else getpass.getpass("PIN: ")
        if not (4 <= len(pin) <= 12 and pin.isascii() and pin.isdigit()):
            raise UsageError("a PIN is 4 to 12 digits 0-9")
        # typed unseen: a slip would lock the operator out of a PIN nobody knows
        if not from_stdin and getpass.getpass("The PIN again: ") != pin:
            raise UsageError("the two PINs typed differ: nothing was changed")
    except EOFError:  # no terminal and nothing piped in (`</dev/null`)
        raise UsageError("no PIN was given: type it, or pipe it in with --pin-stdin") from None
    return pin


def _operator_list(args: argparse.Namespace) -> int:
    from hallserver.server import open_store
    from hallserver.store import schema

    with contextlib.closing(open_store(_existing_url(args))) as store:
        rows = sorted(store.rows(schema.operators), key=lambda r: str(r["login"]))
    if not rows:
        print("no operators yet: kezek operator add LOGIN --name NAME")
    for row in rows:
        marks = [
            m for m, on in (("supervisor", row["supervisor"]), ("disabled", row["disabled"])) if on
        ]
        print(f"{row['login']}\t{row['name']}" + (f"\t({', '.join(marks)})" if marks else ""))
    return 0


def _operator_change(args: argparse.Namespace) -> int:
    """disable, enable or a new PIN for one operator; a running hall acts on it by itself."""
    from hallserver.access import hash_pin
    from hallserver.server import open_store
    from hallserver.store import schema
    from hallserver.store.sql import operator_row

    with contextlib.closing(open_store(_existing_url(args))) as store:
        with store.engine.connect() as conn:  # before its PIN is asked for, typed twice for nobody
            if operator_row(conn, args.login) is None:
                raise UsageError(f"no operator {args.login}: see kezek operator list")
        pin = _read_pin(args.pin_stdin) if args.operator_command == "pin" else None
        values: dict[str, object] = (
            {"pin_hash": hash_pin(pin)}
            if pin is not None
            else {"disabled": args.operator_command == "disable"}
        )
        operators = schema.operators
        with store.engine.begin() as conn:
            if (row := operator_row(conn, args.login)) is None:
                raise UsageError(f"no operator {args.login}: see kezek operator list")
            conn.execute(operators.update().where(operators.c.login == row.login).values(**values))
    done = {
        "disable": "disabled: no more sign-ins, and signed out of the hall within 30 seconds",
        "enable": "enabled: may sign in again",
        "pin": "has a new PIN",
    }
    print(f"operator {row.login} {done[args.operator_command]}")
    return 0


def _checked_name(value: str) -> str:
    """A terminal's or an operator's name as the server accepts it (1 to 100 characters)."""
    name = value.strip()
    if not 1 <= len(name) <= NAME_LIMIT or not name.isprintable():
        raise UsageError(f"--name must be 1 to {NAME_LIMIT} printable characters")
    return name


def _check_name_free(used: set[tuple[str, str]], role: str, name: str) -> None:
    from hallserver.service import name_taken

    if (role, name) in used:
        raise UsageError(name_taken(role, name))


def _check_counter(store: SqlHallStore, role: str, counter: str | None) -> None:
    """--counter names one of the hall's counters, and only for a counter's terminal."""
    from hallserver.catalogue_file import parse_catalogue
    from hallserver.store.sql import CATALOGUE_KEY

    if counter is None:
        return
    if role != "counter":
        raise UsageError("--counter is for a counter's terminal only (--role counter)")
    saved = store.config(CATALOGUE_KEY)
    if saved is None:  # a hall not set up yet: its counters are not known
        return
    known = [c.id for c in parse_catalogue(saved, source="the database", saved=True).counters]
    if counter not in known:
        raise UsageError(f"this hall has no counter {counter!r}; it has {', '.join(known)}")


def _witness(text: str) -> Witness:
    from hallserver.eventlog import Witness

    try:
        return Witness.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _witness_files(args: argparse.Namespace) -> list[Witness]:
    from hallserver.eventlog import WITNESS_FORM, witnesses_in

    witnesses: list[Witness] = []
    for path in args.witness_file:
        try:
            found = witnesses_in(path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror}") from None
        if not found:
            raise UsageError(f"{path} holds no witness: they read {WITNESS_FORM}")
        witnesses += found
    return witnesses


def _audit_verify(args: argparse.Namespace) -> int:
    from hallserver.archive import ArchiveDamaged, ArchiveError, anchor, verify
    from hallserver.server import open_store

    _check_archives(args.archive)
    found = _witness_files(args)
    store = open_store(_existing_url(args))
    try:
        start = anchor(store)
        # a journal reaches back past the archived days: those witnesses need the files
        skipped = [w for w in found if w.seq <= start.seq] if not args.archive else []
        witnesses = list(dict.fromkeys([*args.witness, *(w for w in found if w not in skipped)]))
        verified = verify(store, args.archive, witnesses)
    except ArchiveDamaged as exc:  # evidence that cannot be read is a failed check, not a typo
        print(f"kezek: {exc}", file=sys.stderr)
        return 1
    except ArchiveError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        store.close()
    if verified.problem is not None:
        print(f"event {verified.problem.seq} is bad: {verified.problem.reason}", file=sys.stderr)
        return 1
    count, head = verified.count, verified.head
    newest = f"; the newest is event {head} (write it down: a witness)" if head else ""
    seen = f"; {_count(len(witnesses), 'witness matches', 'witnesses match')}" if witnesses else ""
    if verified.accepted and verified.kept is not None:
        events = ", ".join(str(seq) for seq in verified.accepted)
        kept = verified.kept
        seen += (
            f"; damaged events {events}, kept by `kezek restore --keep-damaged` of {kept.backup} "
            f"at {kept.at} (sealed in the log as event {kept.sealed_by}), are passed"
        )
    if verified.leftovers:
        seen += (
            f"; {_count(verified.leftovers, 'archived event', 'archived events')} an archive "
            f"has not deleted yet (its next run does) end at event {start.seq} as it holds"
        )
    if skipped:
        seen += (
            f"; {_count(len(skipped), 'witness is', 'witnesses are')} of archived events, "
            "not checked without the archive files (--archive)"
        )
    if start.seq and not args.archive:
        files = ", ".join(part.file for part in start.parts)
        print(
            f"event log intact: {_count(count, 'event')} after event {start.seq} "
            f"(hash {start.hash}), "
            f"hash chain verified{seen}{newest}; the events before {start.before} are archived "
            f"in {files}: give them with --archive to check from the first event"
        )
    else:
        print(f"event log intact: {_count(count, 'event')}, hash chain verified{seen}{newest}")
    return 0


def _count(n: int, one: str, many: str | None = None) -> str:
    """`n` things, in English: "1 counter", "2 counters", "0 events"."""
    return f"{n} {one if n == 1 else (many or f'{one}s')}"


def _audit_archive(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from hallserver.archive import ArchiveError, archive
    from hallserver.catalogue_file import parse_catalogue
    from hallserver.server import open_store
    from hallserver.store.sql import CATALOGUE_KEY

    try:
        before = date.fromisoformat(args.before)
    except ValueError:
        raise UsageError(f"--before {args.before!r} is not a date like 2026-10-01") from None
    if before.year < 2000:  # before any hall's log (and the day before it is no date at all)
        raise UsageError(f"--before {before} is before any hall's log: give a day it has")
    if args.file.exists():
        raise UsageError(f"{args.file} exists already: choose a new file name")
    with contextlib.closing(open_store(_existing_url(args))) as store:
        saved = store.config(CATALOGUE_KEY)
        tz = ZoneInfo(
            parse_catalogue(saved, source="the database", saved=True).timezone if saved else "UTC"
        )
        try:
            done = archive(store, before, args.file, tz, datetime.now(tz).date())
        except ArchiveError as exc:
            raise UsageError(str(exc)) from exc
    if done.resumed is not None:
        print(
            f"an earlier archive (events {done.first_seq}–{done.last_seq}, in "
            f"{done.resumed.file}) had stopped before deleting them all: finished it, "
            f"{_count(done.tickets, 'ticket row')} and {_count(done.bookings, 'old booking')} "
            f"deleted. {args.file} "
            "was not written: run again to "
            "archive more"
        )
        return 0
    print(
        f"archived events {done.first_seq}–{done.last_seq} (before {before}) to {args.file}; "
        f"deleted them, {_count(done.tickets, 'ticket row')} and "
        f"{_count(done.bookings, 'booking')} past the "
        "10-day rule from the database. Keep the file: "
        "`kezek audit verify --archive` checks the whole chain with it"
    )
    return 0


COMPACT_WAIT_MS = 5000  # for a lock another process (a backup, sqlite3) holds on the database


def _audit_compact(args: argparse.Namespace) -> int:
    import shutil
    import sqlite3

    from hallserver.server import open_store
    from hallserver.store.claim import backend_of, claim_database, sqlite_file
    from hallserver.store.sql import StoreError

    url = _existing_url(args)
    database = sqlite_file(url)
    if database is None:
        if backend_of(url) == "postgresql":
            raise UsageError(
                "PostgreSQL reuses freed space by itself (autovacuum); to shrink its files, run "
                "VACUUM FULL in psql with the hall server stopped"
            )
        raise UsageError("compact works on a hall's SQLite file (--data-dir, or --db sqlite:///…)")
    # a long one: another comer is told to wait for it, not to stop a hall server
    claim = claim_database(url, doing="kezek audit compact")  # no server writes meanwhile
    try:
        before = _sqlite_size(database)  # with what a killed server left in its log
        open_store(url).close()  # a database from an older Kezek is brought up to date first
        # VACUUM builds the new file in SQLite's temporary folder, then writes it through the
        # log beside the database: both here (below), so one disk needs room for it twice
        free = shutil.disk_usage(database.parent).free
        if free < 2 * before:
            raise UsageError(
                f"compacting needs about {_mb(2 * before)} free in {database.parent} (it writes "
                f"a new copy of the database there); {_mb(free)} are free"
            )
        try:
            connection = sqlite3.connect(database, isolation_level=None)
            try:
                connection.execute(f"PRAGMA busy_timeout={COMPACT_WAIT_MS}")
                # deprecated, but the one setting for this alone: SQLITE_TMPDIR would stay
                # for the process, read once by SQLite
                folder = str(database.parent).replace("'", "''")
                connection.execute(f"PRAGMA temp_store_directory='{folder}'")
                try:
                    connection.execute("VACUUM")
                finally:
                    connection.execute("PRAGMA temp_store_directory=''")
                # the log starts over, empty; unless a reader holds it
                blocked = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            finally:
                connection.close()
        except sqlite3.Error as exc:  # all or nothing: what failed changed nothing
            raise StoreError(f"compacting {database} failed: {exc}; it is unchanged") from exc
        after = _sqlite_size(database)
    finally:
        claim.release()
    if blocked:
        print(
            f"compacted {database}, but another process reading it kept the copy in its log "
            f"({_mb(after)} now): run again once it has closed the database",
            file=sys.stderr,
        )
        return 1
    print(
        f"compacted {database}: {_mb(before)} → {_mb(after)} "
        f"({_mb(max(before - after, 0))} given back to the disk)"
    )
    return 0


def _sqlite_size(database: Path) -> int:
    """The database's bytes on disk, its log included."""
    files = (database, database.with_name(database.name + "-wal"))
    return sum(f.stat().st_size for f in files if f.exists())


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _catalogue_export(args: argparse.Namespace) -> int:
    """The saved catalogue as it was given (comments and all), byte for byte."""
    from hallserver.catalogue_file import parse_catalogue
    from hallserver.server import open_store
    from hallserver.store.sql import CATALOGUE_KEY

    to_stdout = str(args.file) == "-"
    if not to_stdout and args.file.exists():
        raise UsageError(f"{args.file} exists already: choose a new file name")
    with contextlib.closing(open_store(_existing_url(args))) as store:
        saved = store.config(CATALOGUE_KEY)
    if saved is None:
        raise UsageError(
            "this hall has no catalogue yet: start it once with --catalogue FILE or --demo"
        )
    if to_stdout:
        if sys.stdout is None:  # `>&-`
            raise OSError(errno.EBADF, "standard output is closed: give a file to export to")
        sys.stdout.write(saved)
        sys.stdout.flush()
        return 0
    try:
        out = args.file.open("x", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {args.file}: {exc.strerror}") from None
    try:
        with out:
            out.write(saved)
    except OSError as exc:  # a full disk: no half a catalogue left to be taken for one
        args.file.unlink(missing_ok=True)
        raise UsageError(f"cannot write {args.file}: {exc.strerror}") from None
    catalogue = parse_catalogue(saved, source="the database's catalogue", saved=True)
    print(
        f"wrote the hall's catalogue to {args.file} ({_count(len(catalogue.services), 'service')}, "
        f"{_count(len(catalogue.counters), 'counter')}); "
        f"after editing it: kezek hall --catalogue {args.file} --check"
    )
    return 0


def _backup(args: argparse.Namespace) -> int:
    from hallserver.backup import BackupError, backup
    from hallserver.server import open_store

    if str(args.file) == "-":
        raise UsageError("a backup is written to a file (it is made whole before it is named)")
    if args.file.exists():
        raise UsageError(f"{args.file} exists already: choose a new file name")
    try:
        with contextlib.closing(open_store(_existing_url(args))) as store:
            summary = backup(store, args.file)
    except BackupError as exc:
        raise UsageError(str(exc)) from exc
    rows = summary.rows
    newest = f"; the newest event is {summary.head} (a witness)" if summary.head else ""
    print(
        f"backed up to {args.file}: {_count(rows['events'], 'event')}, "
        f"{_count(rows['tickets'], 'ticket')}{newest}"
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from hallserver.backup import BackupError, restore
    from hallserver.store.claim import claim_database
    from hallserver.store.sql import SqlHallStore

    if not args.file.is_file():
        raise UsageError(f"no backup file at {args.file}")
    if args.archive and not args.keep_damaged:
        raise UsageError(
            "--archive is for --keep-damaged (to check the damage kept before): a restore "
            "checks the backup's log from where it starts; `kezek audit verify --archive` "
            "checks it from the first event"
        )
    _check_archives(args.archive)
    url = _url(args)
    claim = claim_database(url)  # a running server would keep its own day over the restored one
    try:
        with contextlib.closing(SqlHallStore(url)) as store:
            summary = restore(
                store, args.file, keep_damaged=args.keep_damaged, archives=args.archive
            )
    except BackupError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        claim.release()
    restored = (
        f"restored {_count(summary.rows['events'], 'event')} and "
        f"{_count(summary.rows['tickets'], 'ticket')}"
    )
    if not summary.counted:
        print(
            "kezek: this backup was made before backups counted their rows: that none of its "
            "lines was taken out cannot be checked (check the log with a witness: kezek audit "
            "verify --witness SEQ:HASH)",
            file=sys.stderr,
        )
    if summary.damage is not None:
        print(f"{restored}, as they were: {summary.damage}", file=sys.stderr)
        return 0
    print(f"{restored}; event log verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
