"""Hall server benchmarks, in one run: issue throughput against the empty-endpoint ceiling,
call latency with 100 counters, fan-out of one call to 500 WebSocket clients, restart time.

    .venv/bin/python -m bench.bench_server [--quick]

Everything runs against a real `kezek hall` process on loopback with a fresh SQLite file
(`synchronous=FULL`: every answered ticket is on disk). Load comes from `wrk` when it is
installed (Debian package `wrk`), else from Python clients, and the output says which.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import httpx
import websockets
from sqlalchemy import create_engine

from hallserver.access import SYSTEM, hash_pin
from hallserver.catalogue_file import parse_catalogue
from hallserver.domain.events import Event
from hallserver.domain.hall import Hall as Domain
from hallserver.domain.hall import Issued
from hallserver.domain.ids import OperatorId
from hallserver.domain.tickets import Ticket
from hallserver.service import HallService
from hallserver.store import schema
from hallserver.store.sql import SqlHallStore

KEZEK = [sys.executable, "-m", "hallserver"]
R = TypeVar("R")
URL_LINE = re.compile(r"on (http://\S+)")
ALL_DAYS = ", ".join(
    f'{d} = "00:00-23:59"' for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
)


@dataclass
class Hall:
    """A running `kezek hall` child."""

    process: subprocess.Popen[str]
    url: str
    started_s: float

    @property
    def api(self) -> str:
        return f"{self.url}/api/v1"

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def catalogue(counters: int) -> str:
    lines = [
        "[hall]",
        'id = "bench"',
        'name = { kk = "Сынақ", ru = "Тест", en = "Bench" }',
        f"hours = {{ {ALL_DAYS} }}",
        "[[group]]",
        'id = "g"',
        'name = { kk = "Топ", ru = "Группа", en = "Group" }',
    ]
    for prefix, service in (("A", "id-card"), ("B", "birth"), ("C", "pension")):
        lines += [
            "[[service]]",
            f'id = "{service}"',
            f'prefix = "{prefix}"',
            'group = "g"',
            f'name = {{ kk = "{service} kk", ru = "{service} ru", en = "{service}" }}',
            f'description = {{ kk = "{service} kk", ru = "{service} ru", en = "{service}" }}',
        ]
    for n in range(1, counters + 1):
        lines += [
            "[[counter]]",
            f'id = "c{n}"',
            f"number = {n}",
            f'name = {{ kk = "{n}-терезе", ru = "Окно {n}", en = "Counter {n}" }}',
            'main = ["id-card", "birth", "pension"]',
        ]
    return "\n".join(lines) + "\n"


def kezek(*args: str) -> str:
    return subprocess.run(
        [*KEZEK, *args], capture_output=True, text=True, check=True, timeout=120
    ).stdout.strip()


def start(data_dir: Path, *extra: str) -> Hall:
    began = time.perf_counter()
    process = subprocess.Popen(
        [
            *KEZEK,
            "hall",
            "--data-dir",
            str(data_dir),
            "--port",
            "0",
            "--always-open",
            "--no-announce",
            *list(extra),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    match = URL_LINE.search(process.stdout.readline())
    if match is None:
        process.kill()
        raise SystemExit("the hall server did not start")
    url = match.group(1)
    with httpx.Client() as http:
        while True:
            try:
                if http.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                if process.poll() is not None:
                    raise SystemExit("the hall server stopped while starting") from None
                time.sleep(0.005)
    return Hall(process, url, time.perf_counter() - began)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


# ---------------------------------------------------------------- throughput


WRK_POST = """
wrk.method = "POST"
wrk.body = '{"service_id": "id-card"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer TOKEN"
"""


def wrk(url: str, seconds: int, script: Path | None) -> tuple[float, int, float]:
    """Requests per second, how many were refused, and wrk's own CPU seconds."""
    cmd = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency"]
    if script is not None:
        cmd += ["-s", str(script)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, int(non2xx.group(1)) if non2xx else 0, cpu


async def python_load(url: str, seconds: float, token: str | None) -> tuple[float, int]:
    done = 0
    bad = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal done, bad
        async with httpx.AsyncClient() as http:
            while time.perf_counter() < deadline:
                if token is None:
                    reply = await http.get(url)
                else:
                    reply = await http.post(
                        url,
                        json={"service_id": "id-card"},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                done += 1
                bad += reply.status_code >= 300

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(8)))
    return done / (time.perf_counter() - began), bad


class CpuMeter:
    """CPU seconds of the server's event-loop thread and of its writer process, from /proc
    (Linux): where a request's time goes, beside how many requests there were."""

    def __init__(self, pid: int) -> None:
        self.loop = Path(f"/proc/{pid}/task/{pid}/stat")
        children = Path(f"/proc/{pid}/task/{pid}/children")
        kids = children.read_text().split() if children.exists() else []
        self.writer = Path(f"/proc/{kids[0]}/stat") if kids else None
        self.tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def _cpu(self, stat: Path | None) -> float:
        if stat is None or not stat.exists():
            return float("nan")
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime + stime

    def read(self) -> tuple[float, float]:
        return self._cpu(self.loop), self._cpu(self.writer)


def throughput(work: Path, seconds: int) -> dict[str, float]:
    data = work / "throughput"
    kiosk = kezek("token", "create", "--role", "kiosk", "--data-dir", str(data))
    (work / "bench.toml").write_text(catalogue(4), encoding="utf-8")
    hall = start(data, "--catalogue", str(work / "bench.toml"))
    try:
        tool = "wrk" if shutil.which("wrk") else "python"
        if tool == "wrk":
            script = work / "post.lua"
            script.write_text(WRK_POST.replace("TOKEN", kiosk), encoding="utf-8")
            meter = CpuMeter(hall.process.pid)
            before = meter.read()
            empty, _, empty_wrk = wrk(f"{hall.api}/health", seconds, None)
            middle = meter.read()
            issue, bad, issue_wrk = wrk(f"{hall.api}/tickets", seconds, script)
            after = meter.read()
            cpu = {
                "empty_loop_us": (middle[0] - before[0]) / (empty * seconds) * 1e6,
                "empty_wrk_us": empty_wrk / (empty * seconds) * 1e6,
                "issue_loop_us": (after[0] - middle[0]) / (issue * seconds) * 1e6,
                "issue_writer_us": (after[1] - middle[1]) / (issue * seconds) * 1e6,
                "issue_wrk_us": issue_wrk / (issue * seconds) * 1e6,
            }
        else:
            empty, _ = clients(python_load(f"{hall.api}/health", seconds, None))
            issue, bad = clients(python_load(f"{hall.api}/tickets", seconds, kiosk))
            cpu = {}  # the Python clients share the server's cores: no fair split
        with httpx.Client() as http:
            waiting = sum(q["waiting"] for q in http.get(f"{hall.api}/queue").json())
        log_mb = (data / "kezek.sqlite3-wal").stat().st_size / 1e6
        database_mb = (data / "kezek.sqlite3").stat().st_size / 1e6
    finally:
        hall.stop()
    print(f"issue throughput, 8 concurrent clients ({tool}):")
    print(f"  empty endpoint (GET /health)   {empty:8.0f} req/s")
    ratio = issue / empty
    print(f"  POST /tickets                  {issue:8.0f} tickets/s  ({ratio:.2f}x the ceiling)")
    print(f"  tickets in the queue after     {waiting:8d}   (refused during the run: {bad})")
    print(f"  SQLite log after the run       {log_mb:8.0f} MB (the database: {database_mb:.0f} MB)")
    if cpu:
        print(
            f"  CPU per request: event loop {cpu['empty_loop_us']:.0f} us (empty), "
            f"{cpu['issue_loop_us']:.0f} us (ticket); writer process "
            f"{cpu['issue_writer_us']:.0f} us (ticket); wrk {cpu['empty_wrk_us']:.0f} / "
            f"{cpu['issue_wrk_us']:.0f} us"
        )
        budget(empty, cpu)
    return {"empty_rps": empty, "issue_rps": issue, "ratio": issue / empty, "log_mb": log_mb} | cpu


def budget(empty: float, cpu: dict[str, float]) -> None:
    """What 0.5x the ceiling would allow a ticket, beside what it takes: the event loop is one
    thread, and the loop, the writer and wrk share this machine's cores."""
    rate = empty / 2
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    spent = cpu["issue_loop_us"] + cpu["issue_writer_us"] + cpu["issue_wrk_us"]
    print(
        f"  at 0.5x ({rate:.0f} tickets/s) a ticket may take {1e6 / rate:.0f} us of the loop "
        f"and {cores * 1e6 / rate:.0f} us of CPU in all ({cores} cores); it takes "
        f"{cpu['issue_loop_us']:.0f} us and {spent:.0f} us"
    )


# ---------------------------------------------------------------- call latency


def clients(main: Coroutine[Any, Any, R]) -> R:
    """Run the benchmark's own clients on uvloop, as the server runs. 100 counters share this
    one process and these two cores; on the default loop the clients' own work showed up as
    1-2 ms of the measured call latency's tail. (The 500 WebSocket screens of the fan-out
    stay on the default loop: under uvloop their p99 was 70-95 ms against 37-39 ms.)"""
    try:
        import uvloop
    except ImportError:  # uvicorn[standard] brings no uvloop on Windows or PyPy
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


class RawHttp:
    """A bare keep-alive HTTP/1.1 client: 100 counters must not be limited by their client."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, token: str
    ) -> None:
        self._reader, self._writer, self._token = reader, writer, token

    @classmethod
    async def open(cls, host: str, port: int, token: str) -> RawHttp:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, token)

    async def post(self, path: str) -> tuple[int, bytes]:
        self._writer.write(
            f"POST {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {self._token}\r\n"
            "Content-Length: 0\r\n\r\n".encode()
        )
        head = await self._reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        body = await self._reader.readexactly(length) if length else b""
        return status, body

    def close(self) -> None:
        self._writer.close()


def prepare_counters(data: Path, counters: int) -> tuple[str, str]:
    admin = kezek("token", "create", "--role", "admin", "--data-dir", str(data))
    kiosk = kezek("token", "create", "--role", "kiosk", "--data-dir", str(data))
    engine = create_engine(f"sqlite:///{data / 'kezek.sqlite3'}")
    pin = hash_pin("1111")
    with engine.begin() as conn:
        conn.execute(
            schema.operators.insert(),
            [
                {"login": f"op{n}", "name": f"Op {n}", "pin_hash": pin, "supervisor": False}
                for n in range(1, counters + 1)
            ],
        )
    engine.dispose()
    return admin, kiosk


async def call_latency(work: Path, counters: int, seconds: float) -> dict[str, float]:
    data = work / "calls"
    admin, kiosk = prepare_counters(data, counters)
    (work / "calls.toml").write_text(catalogue(counters), encoding="utf-8")
    hall = start(data, "--catalogue", str(work / "calls.toml"))
    latencies: list[float] = []
    try:
        async with httpx.AsyncClient(base_url=hall.api, timeout=30) as http:
            tokens = []
            for n in range(1, counters + 1):
                reply = await http.post(
                    f"/counters/c{n}/sign-in",
                    json={"login": f"op{n}", "pin": "1111"},
                    headers={"Authorization": f"Bearer {admin}"},
                )
                token = reply.json()["token"]
                await http.post(
                    f"/counters/c{n}/open", headers={"Authorization": f"Bearer {token}"}
                )
                tokens.append(token)
            for _ in range(3000):
                await http.post(
                    "/tickets",
                    json={"service_id": "id-card"},
                    headers={"Authorization": f"Bearer {kiosk}"},
                )
        host, port = hall.url.removeprefix("http://").split(":")
        start_at = time.perf_counter() + 1.0
        deadline = start_at + seconds

        async def counter(index: int) -> None:
            link = await RawHttp.open(host, int(port), tokens[index])
            serving = random.Random(index)  # seeded: the same run every time
            try:
                await asyncio.sleep(start_at - time.perf_counter() + index * 0.005)
                while time.perf_counter() < deadline:
                    began = time.perf_counter()
                    status, body = await link.post(f"/api/v1/counters/c{index + 1}/call")
                    latencies.append(time.perf_counter() - began)
                    if status != 200:
                        return
                    ticket = json.loads(body)["id"]
                    await link.post(f"/api/v1/tickets/{ticket}/start")
                    # an operator (very fast) serving the visitor, 0.5 s on average. Not always
                    # 0.5 s: 100 counters serving alike fall into step and call in bursts of
                    # dozens at once, which no hall sees (p99 6.7-11 ms then, 3.1-4.1 now)
                    await asyncio.sleep(serving.uniform(0.25, 0.75))
                    await link.post(f"/api/v1/tickets/{ticket}/finish")
            finally:
                link.close()

        await asyncio.gather(*(counter(i) for i in range(counters)))
    finally:
        hall.stop()
    ms = [x * 1000 for x in latencies]
    p50, p99 = pct(ms, 50), pct(ms, 99)
    rate = len(ms) / seconds
    print(f"call latency, {counters} counters calling ({len(ms)} calls, {rate:.0f} calls/s):")
    print(f"  p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   max {max(ms):6.2f} ms")
    return {"call_p50_ms": p50, "call_p99_ms": p99}


# ---------------------------------------------------------------- fan-out


async def fan_out(work: Path, clients: int, calls: int) -> dict[str, float]:
    data = work / "fanout"
    admin, kiosk = prepare_counters(data, 1)
    (work / "fan.toml").write_text(catalogue(1), encoding="utf-8")
    hall = start(data, "--catalogue", str(work / "fan.toml"))
    delays: list[float] = []
    try:
        async with httpx.AsyncClient(base_url=hall.api, timeout=30) as http:
            reply = await http.post(
                "/counters/c1/sign-in",
                json={"login": "op1", "pin": "1111"},
                headers={"Authorization": f"Bearer {admin}"},
            )
            operator = {"Authorization": f"Bearer {reply.json()['token']}"}
            await http.post("/counters/c1/open", headers=operator)
            for _ in range(calls):
                await http.post(
                    "/tickets",
                    json={"service_id": "id-card"},
                    headers={"Authorization": f"Bearer {kiosk}"},
                )
            seq = (await http.get("/snapshot")).json()["seq"]
            ws_url = hall.url.replace("http://", "ws://") + f"/api/v1/events?after={seq}"
            sockets = [
                await websockets.connect(ws_url, max_queue=None, open_timeout=30)
                for _ in range(clients)
            ]
            sent_at = 0.0
            received: list[float] = []

            async def listen(ws: websockets.ClientConnection, want: int) -> None:
                while True:
                    message = json.loads(await ws.recv())
                    if message["type"] == "ticket.called":
                        received.append(time.perf_counter())
                        return

            for _ in range(calls):
                received.clear()
                listeners = [asyncio.create_task(listen(ws, 1)) for ws in sockets]
                await asyncio.sleep(0.05)
                sent_at = time.perf_counter()
                ticket = (await http.post("/counters/c1/call", headers=operator)).json()
                await asyncio.wait_for(asyncio.gather(*listeners), timeout=30)
                delays.extend((t - sent_at) * 1000 for t in received)
                await http.post(f"/tickets/{ticket['id']}/start", headers=operator)
                await http.post(f"/tickets/{ticket['id']}/finish", headers=operator)
                for ws in sockets:  # drain the started/finished events
                    for _ in range(2):
                        await ws.recv()
            for ws in sockets:
                await ws.close()
    finally:
        hall.stop()
    p50, p99 = pct(delays, 50), pct(delays, 99)
    print(f"fan-out of one call to {clients} WebSocket clients ({calls} calls):")
    print(f"  POST /call sent -> event received: p50 {p50:6.2f} ms   p99 {p99:6.2f} ms")
    return {"fanout_p50_ms": p50, "fanout_p99_ms": p99}


# ---------------------------------------------------------------- restart


def _sign_in_and_open(counter: str, hall: Domain, now: datetime) -> tuple[None, list[Event]]:
    return None, hall.sign_in(counter, OperatorId(f"op-{counter}"), now) + hall.open_counter(
        counter, now
    )


def _issue(service: str, hall: Domain, now: datetime) -> tuple[Issued, list[Event]]:
    return hall.issue(service, now)


def _call(counter: str, hall: Domain, now: datetime) -> tuple[Ticket | None, list[Event]]:
    return hall.call_next(counter, now)


def _serve(ticket: str, hall: Domain, now: datetime) -> tuple[None, list[Event]]:
    _, started = hall.start(ticket, now)
    _, finished = hall.finish(ticket, now)
    return None, started + finished


async def work_a_day(service: HallService, tickets: int) -> None:
    """A day on the service's clock: 12 counters open, `tickets` issued, 80 % of them served."""
    for n in range(1, 13):
        await service.run(SYSTEM, partial(_sign_in_and_open, f"c{n}"))
    services = ("id-card", "birth", "pension")
    await asyncio.gather(
        *(service.run(SYSTEM, partial(_issue, services[i % 3])) for i in range(tickets))
    )
    served = 0
    while served < tickets * 0.8:
        for n in range(1, 13):
            ticket = await service.run(SYSTEM, partial(_call, f"c{n}"))
            if ticket is not None:
                await service.run(SYSTEM, partial(_serve, ticket.id))
                served += 1


def restart(work: Path, tickets: int) -> dict[str, float]:
    data = work / "restart"
    data.mkdir()
    (work / "restart.toml").write_text(catalogue(12), encoding="utf-8")
    store = SqlHallStore(f"sqlite:///{data / 'kezek.sqlite3'}")
    store.migrate()
    text = (work / "restart.toml").read_text(encoding="utf-8")
    store.put_config("catalogue", text)
    service = HallService(store, parse_catalogue(text, source="bench"), enforce_hours=False)

    async def a_day() -> None:
        await service.start()
        await work_a_day(service, tickets)
        await service.stop()

    asyncio.run(a_day())
    events = sum(1 for _ in store.events())
    store.close()
    history = age_log(data / "kezek.sqlite3", HISTORY_DAYS)
    settle()
    again = SqlHallStore(f"sqlite:///{data / 'kezek.sqlite3'}")
    fresh = HallService(again, parse_catalogue(text, source="bench"), enforce_hours=False)
    began = time.perf_counter()
    fresh.load()
    load_s = time.perf_counter() - began
    assert len(fresh.hall.tickets) == tickets
    again.close()
    hall = start(data)
    try:
        with httpx.Client() as http:
            assert len(http.get(f"{hall.api}/snapshot").json()["tickets"]) > 0
    finally:
        hall.stop()
    print(f"restart with a {tickets}-ticket day ({events} events, {history} before it):")
    print(f"  rebuild today's state from the database   {load_s * 1000:7.0f} ms")
    print(f"  process start to first answer (all)       {hall.started_s * 1000:7.0f} ms")
    return {"restart_load_ms": load_s * 1000, "restart_process_ms": hall.started_s * 1000}


HISTORY_DAYS = 30


def age_log(database: Path, days: int) -> int:
    """Give the log the month a hall's log has behind today: today's events copied to each of
    the `days` before it, numbered before them. (Copies, so their hash chain is not whole: a
    restart does not walk it.) Returns how many events were added."""
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        rows = db.execute("SELECT * FROM events ORDER BY seq").fetchall()
        count = len(rows)
        for back in range(1, days + 1):
            db.executemany(
                f"INSERT INTO events VALUES ({', '.join('?' * len(rows[0]))})",
                [(row[0] - back * count, _days_before(row[1], back), *row[2:]) for row in rows],
            )
    return days * count


def _days_before(at: str, days: int) -> str:
    day = date.fromisoformat(at[:10]) - timedelta(days=days)
    return day.isoformat() + at[10:]


def settle() -> None:
    """Let the disk write back what the last part left (a busy run leaves hundreds of MB), so
    each part is measured on its own."""
    os.sync()
    time.sleep(1)


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--quick", action="store_true", help="shorter runs, for a smoke test")
    quick = args.parse_args().quick
    with tempfile.TemporaryDirectory(prefix="kezek-bench-") as tmp:
        work = Path(tmp)
        print(f"kezek hall server benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
        results = throughput(work, 2 if quick else 10)
        settle()
        results |= clients(call_latency(work, 100, 3 if quick else 10))
        settle()
        results |= asyncio.run(fan_out(work, 100 if quick else 500, 5 if quick else 20))
        settle()
        results |= restart(work, 1000 if quick else 10_000)
        print("\n" + json.dumps({k: round(v, 2) for k, v in results.items()}))
        print(
            "\nFree Queue Manager, the closest open-source Python peer, issues ~116 tickets/s "
            "on this machine (issue 2)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
