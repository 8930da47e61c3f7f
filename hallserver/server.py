"""Assemble and run the hall server: database, catalogue, service, app, announcement."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import uvicorn
from starlette.applications import Starlette

from hallserver.announce import Announcer, service_info
from hallserver.api.app import create_app
from hallserver.catalogue_file import (
    CatalogueError,
    demo_catalogue_text,
    load_catalogue,
    parse_catalogue,
)
from hallserver.config import ServerConfig
from hallserver.domain.catalogue import Catalogue
from hallserver.service import HallService
from hallserver.store.claim import claim_database
from hallserver.store.sql import SqlHallStore

CATALOGUE_KEY = "catalogue"


class SetupError(Exception):
    """The server cannot start as configured; the message says what to fix."""


def open_store(url: str) -> SqlHallStore:
    store = SqlHallStore(url)
    store.migrate()
    return store


def hall_catalogue(
    store: SqlHallStore, *, demo: bool, path: Path | None, now: datetime | None = None
) -> Catalogue:
    """The catalogue kept in the database; `--catalogue` replaces it, `--demo` seeds it."""
    try:
        if path is not None:
            catalogue = load_catalogue(path)  # read and checked: UTF-8 by now
            text = path.read_text(encoding="utf-8")
            if text != store.config(CATALOGUE_KEY):
                conflict = catalogue_conflict(store, catalogue, now or datetime.now(UTC))
                if conflict is not None:
                    raise SetupError(conflict)
                store.put_config(CATALOGUE_KEY, text)
            return catalogue
        saved = store.config(CATALOGUE_KEY)
        if saved is not None:
            return parse_catalogue(saved, source="the database's catalogue")
        if demo:
            text = demo_catalogue_text()
            store.put_config(CATALOGUE_KEY, text)
            return parse_catalogue(text, source="demo_hall.toml")
    except CatalogueError as exc:
        raise SetupError(str(exc)) from exc
    raise SetupError("this database has no hall yet: start with --demo, or --catalogue hall.toml")


def catalogue_conflict(store: SqlHallStore, catalogue: Catalogue, now: datetime) -> str | None:
    """Why `catalogue` cannot replace the saved one today (None when it can): it drops a
    service or counter that today's tickets still name. The day's tickets would point at
    nothing; once the hall has closed (tomorrow's first start), it may."""
    saved = store.config(CATALOGUE_KEY)
    if saved is None:
        return None
    try:
        old = parse_catalogue(saved, source="the database's catalogue")
    except CatalogueError:
        return None  # nothing to compare with: the new one replaces it
    services = {s.id for s in old.services} - {s.id for s in catalogue.services}
    counters = {c.id for c in old.counters} - {c.id for c in catalogue.counters}
    today = now.astimezone(ZoneInfo(catalogue.timezone)).date()
    if not (services or counters) or store.saved_day() != today:
        return None
    numbers = store.tickets_using(today, {str(s) for s in services}, {str(c) for c in counters})
    if not numbers:
        return None
    gone = ", ".join(
        [*(f"service {s}" for s in sorted(services)), *(f"counter {c}" for c in sorted(counters))]
    )
    shown = ", ".join(numbers[:5]) + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
    return (
        f"the catalogue drops {gone}, which today's tickets still use ({shown}): keep "
        "them until the hall closes (suspend the service for today meanwhile), then change it"
    )


def build(
    config: ServerConfig, *, clock: Callable[[], datetime] | None = None
) -> tuple[Starlette, HallService]:
    store = open_store(config.db_url)
    now = clock() if clock is not None else None
    catalogue = hall_catalogue(store, demo=config.demo, path=config.catalogue, now=now)
    hall = HallService(store, catalogue, clock=clock, enforce_hours=not config.always_open)
    return create_app(hall, public_url=config.public_url), hall


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
    claim = claim_database(config.db_url)  # before anything touches it, migrations included
    try:
        _serve(config, on_ready)
    finally:
        claim.release()


def _serve(config: ServerConfig, on_ready: Callable[[str, HallService], None]) -> None:
    app, hall = build(config)
    sock = bind(config.host, config.port)
    port = sock.getsockname()[1]
    url = f"http://{config.host}:{port}"
    announcer: Announcer | None = None
    if config.announce:
        info = service_info(hall.catalogue.hall_id, hall.catalogue.name.en, config.host, port)
        interfaces = list(config.announce_interfaces)
        if not interfaces and config.host.startswith("127."):
            interfaces = [config.host]  # a loopback-only server keeps its multicast there too
        announcer = Announcer(info, interfaces=interfaces or None)
        announcer.start()
    uv_config = uvicorn.Config(
        app,
        log_level="warning",
        ws="websockets-sansio",
        lifespan="on",
        timeout_graceful_shutdown=3,
    )
    server = uvicorn.Server(uv_config)
    on_ready(url, hall)
    try:
        # uvloop when installed, as uvicorn.run would choose; asyncio.run alone would not
        with asyncio.Runner(loop_factory=uv_config.get_loop_factory()) as runner:
            runner.run(server.serve(sockets=[sock]))
    finally:
        if announcer is not None:
            announcer.stop()
        sock.close()
        hall.store.close()
