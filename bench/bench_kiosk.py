"""Kiosk benchmark: tap to printer bytes, cold start to first screen, memory over 1,000 tickets.

Runs against a real `kezek hall` process on loopback (the demo hall). The printer is a TCP
listener speaking enough ESC/POS to answer status queries (`net:127.0.0.1:PORT`), so "bytes at
the printer" means the ticket's first bytes arrived on its socket. Memory is read after the
event loop's pending work (deleteLater included) and a gc, at tickets 100, 200, half and the
last; the growth is reported from ticket 200 (caches warm) to the last. Run:
`.venv/bin/python -m bench.bench_kiosk [--tickets 1000] [--trace]` (`--trace` also diffs
tracemalloc snapshots of ticket 200 and the last, and prints the largest growths).
"""

from __future__ import annotations

import argparse
import gc
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_server import kezek, start

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk

DLE_EOT = b"\x10\x04"


class PrinterSink:
    """A network printer stand-in: answers DLE EOT n with "online", timestamps ticket bytes."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.arrivals: list[float] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            while data := conn.recv(65536):
                now = time.perf_counter()
                rest = data
                while rest.startswith(DLE_EOT) and len(rest) >= 3:
                    conn.sendall(b"\x12")
                    rest = rest[3:]
                if rest:
                    with self.lock:
                        self.arrivals.append(now)

    def count(self) -> int:
        with self.lock:
            return len(self.arrivals)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class MemoryPoint:
    """Memory after `tickets` tickets: resident size, live widgets, gc-tracked Python objects."""

    tickets: int
    rss_mb: float
    widgets: int
    objects: int


@dataclass
class TapRun:
    """What the tapping run measured."""

    latencies: list[float] = field(default_factory=list)
    memory: list[MemoryPoint] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cold_start(url: str, token: str, runs: int = 3) -> list[float]:
    """Seconds from launching a kiosk process to its first screen drawn with the services."""
    child = """
import os, sys, time
t0 = float(sys.argv[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kiosk.app import build
from kiosk.config import KioskConfig
app = QApplication([])
config = KioskConfig(server_url=sys.argv[2], token=sys.argv[3], fullscreen=False, heartbeat_s=3600)
k = build(config, app)
k.window.show()
def check():
    w = k.window
    if w.flow.state.services and w.flow.online:
        w.grab()
        print(time.time() - t0, flush=True)
        k.close()
        app.quit()
    else:
        QTimer.singleShot(5, check)
QTimer.singleShot(0, check)
app.exec()
"""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", child, str(time.time()), url, token],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def settle(app: QApplication) -> None:
    """What the event loop does when idle: pending events, deleteLater, then a gc."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def measure(app: QApplication, tickets: int) -> MemoryPoint:
    settle(app)
    return MemoryPoint(tickets, rss_mb(), len(app.allWidgets()), len(gc.get_objects()))


def growths(first: tracemalloc.Snapshot, last: tracemalloc.Snapshot, top: int = 8) -> list[str]:
    """The largest allocation growths between two snapshots, each with its call chain."""
    lines = []
    for stat in last.compare_to(first, "traceback")[:top]:
        where = " <- ".join(
            f"{Path(frame.filename).name}:{frame.lineno}" for frame in reversed(stat.traceback)
        )
        lines.append(f"{stat.size_diff / 1024:+.1f} KiB in {stat.count_diff:+d}: {where}")
    return lines


def connected_kiosk(url: str, token: str, printer_port: int) -> Kiosk:
    """A citizen kiosk printing to the sink at `printer_port`, once it has the services."""
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build
    from kiosk.config import KioskConfig
    from kiosk.views.citizen import CitizenWindow

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    config = KioskConfig(
        server_url=url,
        token=token,
        printer=f"net:127.0.0.1:{printer_port}",
        fullscreen=False,
        heartbeat_s=3600,
    )
    kiosk = build(config, app)
    window = kiosk.window
    assert isinstance(window, CitizenWindow)
    window.show()
    deadline = time.perf_counter() + 20
    while not (window.flow.online and window.flow.state.services):
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("the kiosk did not connect")
    return kiosk


def taps(url: str, token: str, tickets: int, trace: bool = False) -> TapRun:
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from kiosk.views.citizen import CitizenWindow

    sink = PrinterSink()
    kiosk = connected_kiosk(url, token, sink.port)
    app = QApplication.instance()
    window = kiosk.window
    assert isinstance(app, QApplication) and isinstance(window, CitizenWindow)
    flow = window.flow
    run = TapRun()
    run.memory.append(measure(app, 0))
    first: tracemalloc.Snapshot | None = None
    for n in range(1, tickets + 1):
        flow.reset()
        flow.set_online(True)
        flow.choose_language(("kk", "ru", "en")[n % 3])
        flow.open_service("id-card")
        window.render()
        assert window.page is not None
        take = window.page.findChild(QAbstractButton, "take-ticket")
        assert take is not None and take.isEnabled()
        before = sink.count()
        tapped = time.perf_counter()
        QTest.mouseClick(take, Qt.MouseButton.LeftButton)
        while sink.count() == before:
            app.processEvents()
            if time.perf_counter() - tapped > 10:
                raise SystemExit("no bytes reached the printer within 10 s")
        run.latencies.append(sink.arrivals[before] - tapped)
        while flow.busy:  # the answer reaches the screen
            app.processEvents()
        # What returning to app.exec() does: delete the screens replaced by deleteLater().
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if n in (100, 200, tickets // 2, tickets):
            run.memory.append(measure(app, n))
        if trace and n == 200:
            tracemalloc.start(12)
            settle(app)
            first = tracemalloc.take_snapshot()
    if first is not None:
        settle(app)
        run.trace = growths(first, tracemalloc.take_snapshot())
        tracemalloc.stop()
    kiosk.close()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--trace", action="store_true", help="diff tracemalloc from ticket 200")
    args = parser.parse_args()
    if args.tickets < 400:
        raise SystemExit("--tickets must be at least 400 (memory is compared from ticket 200)")
    with tempfile.TemporaryDirectory() as data:
        hall = start(Path(data), "--demo")
        try:
            token = kezek("token", "create", "--role", "kiosk", "--data-dir", data)
            starts = cold_start(hall.url, token)
            run = taps(hall.url, token, args.tickets, args.trace)
        finally:
            hall.stop()
    ms = [v * 1000 for v in run.latencies]
    print(
        f"tap to bytes at the printer ({len(ms)} tickets): "
        f"p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
        f"max {max(ms):.1f} ms (target p95 <= 150 ms)"
    )
    print(
        f"cold start to first screen: median {statistics.median(starts):.2f} s "
        f"(runs: {', '.join(f'{s:.2f}' for s in starts)}; target <= 2 s)"
    )
    print(
        "after a gc and the pending events: "
        + "; ".join(
            f"{p.tickets} tickets {p.rss_mb:.1f} MB, {p.widgets} widgets, {p.objects} objects"
            for p in run.memory
        )
    )
    base = next(p for p in run.memory if p.tickets == 200)
    end = run.memory[-1]
    span = end.tickets - base.tickets
    growth = end.rss_mb - base.rss_mb
    print(
        f"growth from ticket {base.tickets} to {end.tickets}: {growth:+.1f} MB resident "
        f"({growth * 1024 / span:+.2f} KiB per ticket), {end.widgets - base.widgets:+d} widgets, "
        f"{end.objects - base.objects:+d} Python objects (target: no growth)"
    )
    for line in run.trace:
        print("  tracemalloc " + line)


if __name__ == "__main__":
    main()
