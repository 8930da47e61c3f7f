"""Wall display latency: a call on the server to the repainted screen, and to the voice starting.

Runs a real hall server (uvicorn, loopback, in this process) and the display window offscreen
with its real link (WebSocket) and voice (clip set from espeak-ng, announcements rendered and
written as WAV, as on a machine without speakers). Times are measured from the event's own
timestamp (set by the server when it applied the call, before its commit) to the end of the
calls panel's paintEvent, and to the moment the announcement starts playing.

    .venv/bin/python -m bench.bench_display [--calls 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:  # noqa: PLR0915 - one measured scenario, read top to bottom
    parser = argparse.ArgumentParser(description="wall display latency")
    parser.add_argument("--calls", type=int, default=60)
    options = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from display.audio import QtVoiceOutput
    from display.board import Board
    from display.clips import Announcement, ClipSet
    from display.link import HallLink
    from display.views.window import DisplayWindow
    from display.voice import Announcer, SpokenCall, VoiceSettings
    from display.voice_cli import build
    from display.wording import vocabulary
    from hallserver.client import HallClient
    from hallserver.protocol import HallEvent
    from tests.conftest import open_counter, start_live_server

    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="bench-display-"))
    build(work / "voice", ["kk", "ru"])
    live, server, thread = start_live_server(f"sqlite:///{work / 'hall.sqlite3'}")
    clips = ClipSet(work / "voice", 0.8)
    for lang in ("kk", "ru"):
        clips.preload(lang, vocabulary(lang))
    event_at: dict[int, float] = {}
    painted: dict[int, float] = {}
    voiced: dict[str, float] = {}
    ticket_seq: dict[str, int] = {}

    def started(call: SpokenCall, announcement: Announcement) -> None:
        voiced[call.ticket_id] = time.time()

    output = QtVoiceOutput(work / "calls", use_speakers=False)
    announcer = Announcer(clips, output, VoiceSettings(), datetime.now, on_started=started)
    window = DisplayWindow(Board(), announcer, orientation="landscape", switch_s=0)
    window.resize(1920, 1080)
    window.show()
    link = HallLink(live.url)
    link.services_received.connect(window.on_services_received)
    link.snapshot_received.connect(window.on_snapshot_received)
    link.online_changed.connect(window.on_online_changed)

    def on_event(event: HallEvent, live_event: bool) -> None:
        ticket = event.ticket
        if event.type == "ticket.called" and ticket is not None:
            event_at[event.seq] = event.at.timestamp()
            ticket_seq[ticket.id] = event.seq
        window.on_event_received(event, live_event)

    link.event_received.connect(on_event)
    window.calls_panel.painted.connect(lambda seq: painted.setdefault(seq, time.time()))
    link.start()

    def pump(until: float, done: object) -> None:
        while time.time() < until and not done():  # type: ignore[operator]
            app.processEvents()
            time.sleep(0.001)

    pump(time.time() + 10, lambda: window.board.hall is not None)
    operator = HallClient(live.url, open_counter(live, "c1", "bench"))
    kiosk = HallClient(live.url, live.tokens["kiosk"])
    for _ in range(options.calls):
        kiosk.issue_ticket("id-card")
    previous = None
    for _ in range(options.calls):
        box: list[str] = []

        def work_once(prev: str | None = previous, box: list[str] = box) -> None:
            if prev is not None:
                operator.start(prev)
                operator.finish(prev)
            ticket = operator.call_next("c1")
            assert ticket is not None
            box.append(ticket.id)

        worker = threading.Thread(target=work_once)
        worker.start()

        def seen(box: list[str] = box) -> bool:
            return bool(box) and box[0] in voiced and ticket_seq.get(box[0], -1) in painted

        pump(time.time() + 5, seen)
        worker.join()
        previous = box[0]
        pump(time.time() + 0.05, lambda: False)  # let the blink and the queue settle a moment

    screen_ms = [1000 * (painted[seq] - event_at[seq]) for seq in event_at if seq in painted]
    voice_ms = [1000 * (voiced[t] - event_at[s]) for t, s in ticket_seq.items() if t in voiced]
    link.stop()
    server.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)
    print(f"wall display, {len(screen_ms)} calls on a real hall server (loopback, offscreen Qt)")
    for name, values, target in (
        ("event -> repainted screen", screen_ms, 100),
        ("event -> voice starts", voice_ms, 300),
    ):
        print(
            f"  {name:<28} p50 {statistics.median(values):6.1f} ms   "
            f"p95 {percentile(values, 0.95):6.1f} ms   max {max(values):6.1f} ms   "
            f"(target p95 <= {target} ms)"
        )


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    # PySide6 can crash in its own teardown when the interpreter garbage-collects Qt objects
    # after the figures are printed; nothing is left to clean up, so leave at once.
    os._exit(0)
