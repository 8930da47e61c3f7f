"""The real `kezek hall` process: many counters at once, and kill -9 in the middle of a stream."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine

from hallserver.access import hash_pin
from hallserver.store import schema
from tests.conftest import end_process

DEMO_HALL = Path(__file__).parents[2] / "hallserver" / "demo_hall.toml"
KEZEK = [sys.executable, "-m", "hallserver"]
URL_LINE = re.compile(r"on (http://\S+)")


def kezek(*args: str) -> str:
    done = subprocess.run([*KEZEK, *args], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


@dataclass
class HallProcess:
    """A `kezek hall` child process and where it listens."""

    process: subprocess.Popen[str]
    url: str

    @property
    def api(self) -> str:
        return f"{self.url}/api/v1"


def start_hall(data_dir: Path, *extra: str) -> HallProcess:
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
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = URL_LINE.search(line)
    if match is None:
        process.kill()
        raise AssertionError(
            f"the hall did not start: {line!r} {process.stderr.read() if process.stderr else ''}"
        )
    url = match.group(1)
    with httpx.Client() as http:  # the URL is printed when the socket listens; wait for the app
        for _ in range(200):
            try:
                if http.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                threading.Event().wait(0.05)
    return HallProcess(process, url)


def stop(hall: HallProcess) -> None:
    end_process(hall.process)


def catalogue_with_counters(path: Path, counters: int) -> Path:
    lines = [
        "[hall]",
        'id = "load-hall"',
        'name = { kk = "Сынақ залы", ru = "Тестовый зал", en = "Load hall" }',
        'hours = { mon = "00:00-23:59", tue = "00:00-23:59", wed = "00:00-23:59", '
        'thu = "00:00-23:59", fri = "00:00-23:59", sat = "00:00-23:59", sun = "00:00-23:59" }',
        "[[group]]",
        'id = "docs"',
        'name = { kk = "Құжаттар", ru = "Документы", en = "Documents" }',
        "[[service]]",
        'id = "id-card"',
        'prefix = "A"',
        'group = "docs"',
        'name = { kk = "Жеке куәлік", ru = "Удостоверение", en = "ID card" }',
        'description = { kk = "Куәлік алу", ru = "Получить удостоверение", en = "Get an ID card" }',
    ]
    for n in range(1, counters + 1):
        lines += [
            "[[counter]]",
            f'id = "c{n}"',
            f"number = {n}",
            f'name = {{ kk = "{n}-терезе", ru = "Окно {n}", en = "Counter {n}" }}',
            'main = ["id-card"]',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_fifty_counters_calling_at_the_same_instant_never_share_a_ticket(
    data_dir: Path, tmp_path: Path
) -> None:
    counters = 50
    catalogue = catalogue_with_counters(tmp_path / "hall.toml", counters)
    admin = kezek("token", "create", "--role", "admin", "--data-dir", str(data_dir))
    kiosk = kezek("token", "create", "--role", "kiosk", "--data-dir", str(data_dir))
    engine = create_engine(f"sqlite:///{data_dir / 'kezek.sqlite3'}")
    pin_hash = hash_pin("1111")
    with engine.begin() as conn:
        conn.execute(
            schema.operators.insert(),
            [
                {"login": f"op{n}", "name": f"Op {n}", "pin_hash": pin_hash, "supervisor": False}
                for n in range(1, counters + 1)
            ],
        )
    engine.dispose()
    hall = start_hall(data_dir, "--catalogue", str(catalogue))
    try:
        tokens: list[str] = []
        with httpx.Client(base_url=hall.api, timeout=30) as http:
            for n in range(1, counters + 1):
                signed = http.post(
                    f"/counters/c{n}/sign-in",
                    json={"login": f"op{n}", "pin": "1111"},
                    headers={"Authorization": f"Bearer {admin}"},
                )
                assert signed.status_code == 200, signed.text
                token = signed.json()["token"]
                http.post(
                    f"/counters/c{n}/open", headers={"Authorization": f"Bearer {token}"}
                ).raise_for_status()
                tokens.append(token)
            for _ in range(120):
                http.post(
                    "/tickets",
                    json={"service_id": "id-card"},
                    headers={"Authorization": f"Bearer {kiosk}"},
                ).raise_for_status()

        called: list[tuple[int, str]] = []
        lock = threading.Lock()

        def counter_worker(index: int, barrier: threading.Barrier) -> None:
            auth = {"Authorization": f"Bearer {tokens[index]}"}
            with httpx.Client(base_url=hall.api, timeout=30) as http:
                http.get("/health")  # connect before the barrier: the calls start together
                barrier.wait()
                reply = http.post(f"/counters/c{index + 1}/call", headers=auth)
                if reply.status_code == 200:
                    ticket = reply.json()
                    with lock:
                        called.append((index, ticket["id"]))
                    http.post(f"/tickets/{ticket['id']}/start", headers=auth).raise_for_status()
                    http.post(f"/tickets/{ticket['id']}/finish", headers=auth).raise_for_status()
                else:
                    assert reply.status_code == 204, reply.text

        for _ in range(3):  # three rounds of 50 simultaneous calls over 120 tickets
            barrier = threading.Barrier(counters)
            workers = [
                threading.Thread(target=counter_worker, args=(i, barrier)) for i in range(counters)
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join(timeout=60)
        ids = [ticket_id for _, ticket_id in called]
        assert len(ids) == 120, "every ticket was called once the queue allowed"
        assert len(set(ids)) == len(ids), "no ticket was called by two counters"
        with httpx.Client(base_url=hall.api) as http:
            statuses = {http.get(f"/tickets/{i}").json()["status"] for i in ids}
        assert statuses == {"finished"}
    finally:
        stop(hall)
    assert "hash chain verified" in kezek("audit", "verify", "--data-dir", str(data_dir))


def test_kill_9_in_the_middle_of_a_stream_loses_nothing_acknowledged(data_dir: Path) -> None:
    kiosk = kezek("token", "create", "--role", "kiosk", "--data-dir", str(data_dir))
    supervisor = kezek("token", "create", "--role", "supervisor", "--data-dir", str(data_dir))
    hall = start_hall(data_dir, "--demo")
    second = subprocess.run(  # started by mistake beside it: refused before it touches a thing
        [*KEZEK, "hall", "--data-dir", str(data_dir), "--port", "0", "--no-announce"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 1
    assert f"another hall server (pid {hall.process.pid}) is using" in second.stderr
    check = subprocess.run(  # `--check` migrates: not under a running server either
        [*KEZEK, "hall", "--data-dir", str(data_dir), "--check"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (check.returncode, check.stderr.count("\n")) == (1, 1), check.stderr
    assert "another hall server" in check.stderr
    catalogue = subprocess.run(  # a new catalogue checked beside it, saved for its restart
        [*KEZEK, "hall", "--data-dir", str(data_dir), "--check", "--catalogue", str(DEMO_HALL)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert catalogue.returncode == 0, catalogue.stderr
    assert (
        f"catalogue checked and saved. The hall server (pid {hall.process.pid}) still runs"
        in catalogue.stdout
    )
    acknowledged: dict[str, str] = {}  # ticket id -> number, for every 201 the server gave
    cancel_tried: set[str] = set()
    cancel_acknowledged: set[str] = set()
    stop_stream = threading.Event()
    killed = threading.Event()

    def stream(service: str) -> None:
        with httpx.Client(base_url=hall.api, timeout=5) as http:
            while not stop_stream.is_set():
                try:
                    reply = http.post(
                        "/tickets",
                        json={"service_id": service},
                        headers={"Authorization": f"Bearer {kiosk}"},
                    )
                except httpx.TransportError:
                    if killed.is_set():
                        return
                    continue
                if reply.status_code == 201:
                    acknowledged[reply.json()["id"]] = reply.json()["number"]
                    if len(acknowledged) % 7 == 0:  # some cancelled, so states differ too
                        ticket_id = reply.json()["id"]
                        cancel_tried.add(ticket_id)
                        try:
                            cancel = http.post(
                                f"/tickets/{ticket_id}/cancel",
                                headers={"Authorization": f"Bearer {supervisor}"},
                            )
                        except httpx.TransportError:
                            return
                        if cancel.status_code == 200:
                            cancel_acknowledged.add(ticket_id)

    streams = [
        threading.Thread(target=stream, args=(s,))
        for s in ("id-card", "passport", "id-card", "pension")
    ]
    for item in streams:
        item.start()
    while len(acknowledged) < 300:
        threading.Event().wait(0.01)
    os.kill(hall.process.pid, signal.SIGKILL)
    killed.set()
    hall.process.wait(timeout=10)
    stop_stream.set()
    for item in streams:
        item.join(timeout=10)

    restarted = start_hall(data_dir)
    try:
        with httpx.Client(base_url=restarted.api, timeout=10) as http:
            for ticket_id, number in list(acknowledged.items()):
                ticket = http.get(f"/tickets/{ticket_id}").json()
                assert ticket["number"] == number
                if ticket_id in cancel_acknowledged:
                    assert ticket["status"] == "cancelled", ticket_id
                elif ticket_id in cancel_tried:  # its answer may have been lost in the kill
                    assert ticket["status"] in ("waiting", "cancelled"), ticket_id
                else:
                    assert ticket["status"] == "waiting", ticket_id
            numbers_before = {t["number"] for t in http.get("/snapshot").json()["tickets"]}
            fresh = http.post(
                "/tickets",
                json={"service_id": "id-card"},
                headers={"Authorization": f"Bearer {kiosk}"},
            )
            assert fresh.status_code == 201
            assert fresh.json()["number"] not in numbers_before
            issued_a = [int(n[1:]) for n in acknowledged.values() if n.startswith("A")]
            assert int(fresh.json()["number"][1:]) > max(issued_a)
    finally:
        stop(restarted)
    assert "hash chain verified" in kezek("audit", "verify", "--data-dir", str(data_dir))


@pytest.mark.parametrize("after_s", [0.8, 1.2, 1.6, 2.4])
def test_ctrl_c_at_any_moment_of_the_start_ends_with_130_and_no_traceback(
    tmp_path: Path, after_s: float
) -> None:
    """Ctrl+C while the hall loaded its day had cancelled the start-up in the middle, and a
    traceback of the lifespan followed (one try in ten to five in eight)."""
    process = subprocess.Popen(
        [*KEZEK, "hall", "--data-dir", str(tmp_path), "--demo", "--port", "0", "--no-announce"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        threading.Event().wait(after_s)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        end_process(process)
    assert process.returncode == 130, err
    assert "Traceback" not in err, err
