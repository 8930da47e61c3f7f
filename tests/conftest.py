"""Shared fixtures: a small hall, a clock the test moves, and a real server on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import threading
import time as _time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from hallserver.domain.catalogue import (
    Catalogue,
    CounterSpec,
    DayHours,
    Level,
    Service,
    ServiceGroup,
    Text,
    VisitResult,
    WeekHours,
)
from hallserver.domain.ids import CounterId, GroupId, ServiceId

ALMATY = ZoneInfo("Asia/Almaty")
T0 = datetime(2026, 11, 23, 10, 0, tzinfo=ALMATY)  # a Monday, the hall is open


def t(text: str) -> Text:
    return Text(kk=f"{text} (kk)", ru=f"{text} (ru)", en=text)


def small_catalogue(**overrides: object) -> Catalogue:
    """Three services, three counters: enough for every rule, small enough to read."""
    hours = WeekHours({d: DayHours(time(9), time(20)) for d in range(6)})
    groups = (ServiceGroup(GroupId("docs"), t("Documents")),)
    services = (
        Service(
            ServiceId("id-card"),
            "A",
            t("ID card"),
            t("An ID card"),
            GroupId("docs"),
            duration_min=10,
        ),
        Service(
            ServiceId("birth"),
            "B",
            t("Birth"),
            t("Register a birth"),
            GroupId("docs"),
            duration_min=20,
        ),
        Service(
            ServiceId("land"), "L", t("Land"), t("Land plots"), GroupId("docs"), duration_min=30
        ),
    )
    counters = (
        CounterSpec(CounterId("c1"), 1, t("Counter 1"), {ServiceId("id-card"): Level.MAIN}),
        CounterSpec(
            CounterId("c2"),
            2,
            t("Counter 2"),
            {ServiceId("birth"): Level.MAIN, ServiceId("id-card"): Level.BACKUP},
        ),
        CounterSpec(
            CounterId("c3"),
            3,
            t("Counter 3"),
            {ServiceId("land"): Level.MAIN, ServiceId("birth"): Level.MAIN},
        ),
    )
    values: dict[str, object] = {
        "hall_id": "test-hall",
        "name": t("Test hall"),
        "timezone": "Asia/Almaty",
        "hours": hours,
        "groups": groups,
        "services": services,
        "counters": counters,
        "results": (VisitResult("done", t("Done")), VisitResult("missing", t("Papers missing"))),
    }
    values.update(overrides)
    return Catalogue(**values)  # type: ignore[arg-type]


@dataclass
class Clock:
    """A clock the test sets and moves; never sleeps."""

    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def catalogue() -> Catalogue:
    return small_catalogue()


@dataclass
class LiveServer:
    """A real hall server (uvicorn) on a loopback port, in a thread of this process."""

    url: str
    db_url: str
    hall: object
    tokens: dict[str, str] = field(default_factory=dict)
    loop: asyncio.AbstractEventLoop | None = None

    @property
    def api(self) -> str:
        return f"{self.url}/api/v1"


def start_live_server(
    db_url: str, *, demo: bool = True, clock: object = None, always_open: bool = True
) -> tuple[LiveServer, object, threading.Thread]:
    import uvicorn

    from hallserver.access import Actor, Role, new_token
    from hallserver.config import ServerConfig
    from hallserver.server import bind, build, uvicorn_config
    from hallserver.service import token_row
    from hallserver.store import schema

    config = ServerConfig(db_url=db_url, demo=demo, always_open=always_open, announce=False, port=0)
    app, hall = build(config, clock=clock)  # type: ignore[arg-type]
    tokens: dict[str, str] = {}
    with hall.store.engine.begin() as conn:
        for role in ("kiosk", "consultant", "supervisor", "admin", "display"):
            token = new_token()
            tokens[role] = token
            conn.execute(
                schema.tokens.insert(),
                [token_row(token, Actor(Role(role), f"test-{role}"), datetime.now(UTC))],
            )
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn_config(app))

    def run() -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        finally:
            hall.store.close()  # as `kezek hall` closes it once served (hallserver/server.py)

    thread = threading.Thread(target=run, name="live-server", daemon=True)
    thread.start()
    deadline = datetime.now() + timedelta(seconds=20)
    while not server.started:
        if datetime.now() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        threading.Event().wait(0.01)
    live = LiveServer(
        url=f"http://127.0.0.1:{port}", db_url=db_url, hall=hall, tokens=tokens, loop=hall.loop
    )
    return live, server, thread


@contextlib.contextmanager
def serving(db_url: str, **options: Any) -> Iterator[LiveServer]:
    """A live server on `db_url` for the `with` block; stopped after it (a restart: another)."""
    live, server, thread = start_live_server(db_url, **options)
    try:
        yield live
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with serving(f"sqlite:///{tmp_path / 'hall.sqlite3'}") as live:
        yield live


# longer than any one test: a test begun this close to the hall's midnight waits it out
MIDNIGHT_MARGIN_S = 120


@pytest.fixture(autouse=True)
def _not_across_midnight() -> None:
    """Tests on the real clock (servers in threads and processes, the end-to-end runs) would
    see the hall's day roll over mid-test: open tickets expire, counters close, numbering
    restarts. One about to begin that near midnight (19:00 UTC) waits until just after it."""
    now = datetime.now(ALMATY)
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=ALMATY)
    if (left := (midnight - now).total_seconds()) < MIDNIGHT_MARGIN_S:
        _time.sleep(left + 2)


@pytest.fixture(autouse=True)
def _stores_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every hall database a test opened, itself or through a helper, is closed at its end.
    Left to the garbage collector, their files stayed open: for good once a hall's start had
    frozen the collector's leftovers (`gc.freeze`), 3 descriptors a SQLite store."""
    from hallserver.store.sql import SqlHallStore

    opened: list[SqlHallStore] = []
    init = SqlHallStore.__init__

    def opening(store: SqlHallStore, *args: Any, **kwargs: Any) -> None:
        init(store, *args, **kwargs)
        opened.append(store)

    monkeypatch.setattr(SqlHallStore, "__init__", opening)
    yield
    for store in opened:
        store.close()  # closed already, or still used elsewhere: a closed pool opens again


@pytest.fixture(autouse=True)
def _clean_environ() -> Iterator[None]:
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def add_operator(live: LiveServer, login: str, pin: str, *, supervisor: bool = False) -> None:
    from hallserver.access import hash_pin
    from hallserver.store import schema

    hall = live.hall
    with hall.store.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(
            schema.operators.insert(),
            [
                {
                    "login": login,
                    "name": login.title(),
                    "pin_hash": hash_pin(pin),
                    "supervisor": supervisor,
                }
            ],
        )


def counter_terminal_token(live: LiveServer, counter_id: str) -> str:
    from hallserver.access import Actor, Role, new_token
    from hallserver.service import token_row
    from hallserver.store import schema

    token = new_token()
    actor = Actor(Role.COUNTER, f"terminal-{counter_id}", counter_id)
    with live.hall.store.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(schema.tokens.insert(), [token_row(token, actor, datetime.now(UTC))])
    return token


def open_counter(live: LiveServer, counter_id: str, login: str | None = None) -> str:
    """Sign an operator in at a counter and open it; returns the operator's token."""
    import httpx

    login = login or f"op-{counter_id}"
    add_operator(live, login, "4321")
    terminal = counter_terminal_token(live, counter_id)
    with httpx.Client(base_url=live.api) as http:
        reply = http.post(
            f"/counters/{counter_id}/sign-in",
            json={"login": login, "pin": "4321"},
            headers={"Authorization": f"Bearer {terminal}"},
        )
        assert reply.status_code == 200, reply.text
        token = str(reply.json()["token"])
        opened = http.post(
            f"/counters/{counter_id}/open", headers={"Authorization": f"Bearer {token}"}
        )
        assert opened.status_code == 200, opened.text
    return token


def end_process(process: subprocess.Popen[Any], timeout: float = 10) -> None:
    """Ask a child to stop (SIGTERM); kill it if it has not within `timeout` seconds."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def a_free_slot(http: Any) -> datetime:
    """A bookable ID-card slot from the day after tomorrow on (the calendar's Sundays and
    holidays come and go with the date these tests run on)."""
    today = date.fromisoformat(http.get("/hall").json()["day"])
    for ahead in range(2, 14):
        day = (today + timedelta(days=ahead)).isoformat()
        slots = http.get("/services/id-card/slots", params={"day": day}).json()["slots"]
        free = [s for s in slots if s["free"]]
        if free:
            return datetime.fromisoformat(free[0]["at"])
    raise AssertionError("no bookable day in the next two weeks")
