"""Assemble and run the hall server: database, catalogue, service, app, announcement."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import uvicorn
from starlette.applications import Starlette
from starlette.types import ASGIApp
from zeroconf import Error as ZeroconfError

from hallserver.announce import Announcer, service_info
from hallserver.api.app import create_app
from hallserver.archive import ArchiveDamaged, accepted_damage
from hallserver.catalogue_file import (
    CatalogueError,
    catalogue_notes,
    demo_catalogue,
    demo_catalogue_text,
    parse_catalogue,
    read_catalogue,
)
from hallserver.config import ServerConfig
from hallserver.domain.catalogue import Catalogue
from hallserver.service import HallService
from hallserver.store.claim import claim_database, vanished
from hallserver.store.sql import (
    CATALOGUE_KEY,  # where the catalogue is saved
    EDITED_KEY,
    SqlHallStore,
    midnight_utc,
)

log = logging.getLogger(__name__)

WS_MAX_MESSAGE = 64 * 1024


class SetupError(Exception):
    """The server cannot start as configured; the message says what to fix."""


def open_store(url: str) -> SqlHallStore:
    store = SqlHallStore(url)
    try:
        store.migrate()
    except BaseException:  # a database from a newer Kezek, or none at all: refused, and closed
        store.close()
        raise
    return store


def save_catalogue(store: SqlHallStore, text: str) -> tuple[str | None, str | None]:
    """Save a catalogue file's text as the hall's. Returns the text it replaces, and a line
    naming the services changed on the board since the last file, whose changes it undoes."""
    before = store.config(CATALOGUE_KEY)
    if text == before:
        return before, None
    replaced = _edits_replaced(store)
    store.put_config(CATALOGUE_KEY, text)
    store.put_config(EDITED_KEY, "")  # the file is the hall's text again
    return before, replaced


def _edits_replaced(store: SqlHallStore) -> str | None:
    """What a catalogue file given now replaces of the changes made on the board, in a line."""
    edited = store.config(EDITED_KEY)
    if not edited:
        return None
    mark = json.loads(edited)
    return (
        f"services changed on the board since the catalogue file was last given "
        f"({', '.join(mark['services'])}; the last at {mark['at'][:16]} by {mark['by']}) take "
        "this file's text now; to keep those changes, start from `kezek catalogue export FILE`"
    )


def hall_catalogue(
    store: SqlHallStore, *, demo: bool, path: Path | None, now: datetime | None = None
) -> Catalogue:
    """The catalogue kept in the database; `--catalogue` replaces it, `--demo` seeds it.
    Either way it must name what today's tickets name (`catalogue_conflict`): a file that
    does not is not saved, and a saved one that does not (saved beside a running server
    before those tickets were issued) stops the start."""
    now = now or datetime.now(UTC)
    try:
        if path is not None:
            text = read_catalogue(path)
            catalogue = parse_catalogue(text, source=str(path))
            conflict = catalogue_conflict(store, catalogue, now)
            if conflict is not None:
                raise SetupError(conflict)
            _, replaced = save_catalogue(store, text)
            if replaced is not None:
                log.warning("%s", replaced)
            return catalogue
        saved = store.config(CATALOGUE_KEY)
        if saved is not None:
            catalogue = parse_catalogue(saved, source="the database's catalogue", saved=True)
            conflict = catalogue_conflict(store, catalogue, now)
            if conflict is not None:
                raise SetupError(f"{conflict}; or give one that has them: --catalogue FILE")
            return catalogue
        if demo:
            text = demo_catalogue_text()
            store.put_config(CATALOGUE_KEY, text)
            return parse_catalogue(text, source="demo_hall.toml")
    except CatalogueError as exc:
        raise SetupError(str(exc)) from exc
    raise SetupError("this database has no hall yet: start with --demo, or --catalogue hall.toml")


def catalogue_conflict(store: SqlHallStore, catalogue: Catalogue, now: datetime) -> str | None:
    """Why the hall cannot work today with `catalogue` (None when it can): today's tickets
    name a service or counter it lacks, and would point at nothing (their pages, the
    terminals' snapshot). Once the hall has closed, at the next day's first start, it may."""
    today = now.astimezone(ZoneInfo(catalogue.timezone)).date()
    saved = store.saved_day()  # the day a start restores; one before today is expired at once
    if saved is None or saved < today:
        return None
    used_services, used_counters = store.ids_used(saved)
    services = used_services - {str(s.id) for s in catalogue.services}
    counters = used_counters - {str(c.id) for c in catalogue.counters}
    if not (services or counters):
        return None
    numbers = store.tickets_using(saved, services, counters)
    missing = ", ".join(
        [*(f"service {s}" for s in sorted(services)), *(f"counter {c}" for c in sorted(counters))]
    )
    shown = ", ".join(numbers[:5]) + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
    return (
        f"the catalogue has no {missing}, which today's tickets use ({shown}): keep "
        "them in it until the hall closes (suspend the service for today meanwhile)"
    )


def bookings_left_behind(
    store: SqlHallStore, catalogue: Catalogue, now: datetime, *, hours: bool = True
) -> str | None:
    """A warning when bookings from today on (not checked in, not cancelled) are for services
    `catalogue` lacks, or fall when it has the hall or their service closed (a transferred day
    off added, hours cut; not with `hours` off, `--always-open`): their visitors' check-in
    would be refused. None when there are none. Not a refusal: they may be weeks ahead, and
    the hall can tell those visitors."""
    tz = ZoneInfo(catalogue.timezone)
    since = midnight_utc(now.astimezone(tz).date(), tz)
    services = {str(s.id): s for s in catalogue.services}
    dropped: dict[str, str] = {}  # code: service
    closed: list[str] = []
    for code, service_id, slot in store.bookings_booked_since(since):
        service = services.get(service_id)
        at = slot.astimezone(tz)
        if service is None:
            dropped[code] = service_id
        elif hours and not (
            catalogue.hours.is_open(at) and catalogue.service_hours(service).is_open(at)
        ):
            closed.append(f"{code} {service_id} {at:%Y-%m-%d %H:%M}")
    said = []
    if dropped:
        names = ", ".join(sorted(set(dropped.values())))
        said.append(
            f"{len(dropped)} booking(s) from today on are for {names}, which the catalogue no "
            f"longer has ({_few(list(dropped))}): their check-in will be refused, so tell "
            "those visitors, or keep the service until their day"
        )
    if closed:
        said.append(
            f"{len(closed)} booking(s) from today on fall when the catalogue has the hall or "
            f"their service closed ({_few(closed)}): their check-in will be refused, so tell "
            "those visitors, or keep the hours until their day"
        )
    return "; ".join(said) or None


def _few(items: list[str]) -> str:
    return ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")


def demo_ignored(config: ServerConfig, catalogue: Catalogue) -> str | None:
    """What to say when --demo was given for a database that holds another hall already:
    it seeds an empty one only, and this hall is kept as it is."""
    if not config.demo or config.catalogue is not None:
        return None
    if catalogue.hall_id == demo_catalogue().hall_id:
        return None
    return (
        f"--demo seeds only an empty database: this one holds the hall {catalogue.hall_id!r}, "
        "kept as it is (the demo hall on a database of its own: another --data-dir)"
    )


def build(
    config: ServerConfig, *, clock: Callable[[], datetime] | None = None
) -> tuple[Starlette, HallService]:
    store = open_store(config.db_url)
    now = clock() if clock is not None else None
    try:
        catalogue = hall_catalogue(store, demo=config.demo, path=config.catalogue, now=now)
    except SetupError:
        store.close()
        raise
    at = now or datetime.now(UTC)
    left = bookings_left_behind(store, catalogue, at, hours=not config.always_open)
    if left is not None:
        log.warning("%s", left)
    if unserved := catalogue.unserved():
        log.warning("no counter serves %s: its tickets would wait all day", ", ".join(unserved))
    for note in [demo_ignored(config, catalogue), *catalogue_notes(catalogue)]:
        if note is not None:
            log.warning("%s", note)
    try:
        damaged = accepted_damage(store)
    except ArchiveDamaged as exc:  # `kezek audit verify` fails on it; the hall can still work
        log.warning("%s", exc)
    else:
        if damaged:
            log.warning(
                "the event log holds damaged events kept by `kezek restore --keep-damaged` "
                "(%s); `kezek audit verify` names them",
                ", ".join(str(seq) for seq in damaged),
            )
    hall = HallService(store, catalogue, clock=clock, enforce_hours=not config.always_open)
    app = create_app(hall, public_url=config.public_url, bookings_per_hour=config.bookings_per_hour)
    return app, hall


def uvicorn_config(app: ASGIApp, **options: Any) -> uvicorn.Config:
    """How the hall's app is served (the server, the demo and the tests alike)."""
    return uvicorn.Config(
        app,
        log_level="warning",
        ws="websockets-sansio",
        lifespan="on",
        # screens only listen: a message to the server is a mistake or an attack, and is
        # refused (close 1009) long before uvicorn's 16 MiB
        ws_max_size=WS_MAX_MESSAGE,
        **options,
    )


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted connections inherit this; without it keep-alive requests wait ~40 ms on the
    # Nagle / delayed-ACK dance (uvicorn sets it only on sockets it binds itself)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SetupError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(config: ServerConfig, *, on_ready: Callable[[str, HallService], None]) -> None:
    """Run until interrupted. `on_ready(url, hall)` is called once the socket listens."""
    if why := vanished(config.db_url):
        raise SetupError(why)
    # before anything touches it, migrations included; its writer takes the writer lock
    claim = claim_database(config.db_url, serving=True)
    try:
        _serve(config, on_ready)
    finally:
        claim.release()


def _serve(config: ServerConfig, on_ready: Callable[[str, HallService], None]) -> None:
    sock = bind(config.host, config.port)  # first: a refused start saves no --catalogue
    try:
        app, hall = build(config)
    except BaseException:
        sock.close()
        raise
    port = sock.getsockname()[1]
    url = f"http://{config.host}:{port}"
    announcer: Announcer | None = None
    if config.announce:
        try:
            info = service_info(hall.catalogue.hall_id, hall.catalogue.name.en, config.host, port)
        except (ZeroconfError, OSError) as exc:  # a name zeroconf refuses: the URL still works
            log.warning("could not announce on the LAN (%s); terminals need --server", exc)
        else:
            interfaces = list(config.announce_interfaces)
            listening = [socket.inet_ntoa(a) for a in info.addresses]
            if not interfaces and all(a.startswith("127.") for a in listening):
                interfaces = listening  # a loopback-only server keeps its multicast there
            announcer = Announcer(info, interfaces=interfaces or None)
            announcer.start()
    uv_config = uvicorn_config(app, timeout_graceful_shutdown=3)
    server = uvicorn.Server(uv_config)
    on_ready(url, hall)
    interrupted = False

    def on_sigint(signum: int, frame: object) -> None:
        """Ctrl+C stops the server as SIGTERM does, then ends the command with 130. Left to
        asyncio.Runner, one during the start cancelled the hall's start-up in the middle,
        and a traceback followed."""
        nonlocal interrupted
        interrupted = True
        server.handle_exit(signum, None)

    main = threading.current_thread() is threading.main_thread()  # signals go to it alone
    previous = signal.signal(signal.SIGINT, on_sigint) if main else None
    try:
        # uvloop when installed, as uvicorn.run would choose; asyncio.run alone would not
        with asyncio.Runner(loop_factory=uv_config.get_loop_factory()) as runner:
            runner.run(server.serve(sockets=[sock]))
        if interrupted:
            raise KeyboardInterrupt
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
        if announcer is not None:
            announcer.stop()
        sock.close()
        hall.store.close()
