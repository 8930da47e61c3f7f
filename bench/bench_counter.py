"""Counter console: F1 pressed to the ticket shown as called on the console, against `kezek hall`.

Runs a real hall server process on loopback (SQLite in a temporary folder), the real console
window on offscreen Qt, and presses F1 / F5 (call, no-show) N times. Prints p50/p95/max.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx

KEZEK = [sys.executable, "-m", "hallserver"]
URL_LINE = re.compile(r"(http://[0-9.]+:[0-9]+)")
ROUNDS = 200
PIN = "1357"


def _kezek(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [*KEZEK, *args], capture_output=True, text=True, check=True, timeout=120, input=stdin
    )
    return done.stdout.strip()


def main() -> None:  # noqa: PLR0915 - one straight script: server, console, measurement
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from counter.language import Translations
    from counter.link import CounterLink
    from counter.state import Action
    from counter.views.window import CounterWindow

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        server = subprocess.Popen(
            [*KEZEK, "hall", "--data-dir", tmp, "--port", "0", "--demo"]
            + ["--always-open", "--no-announce"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert server.stdout is not None
            match = URL_LINE.search(server.stdout.readline())
            if match is None:
                raise SystemExit("the hall server did not start")
            url = match.group(1)
            _wait_healthy(url)
            terminal = _kezek(
                "token", "create", "--role", "counter", "--counter", "c1", "--data-dir", str(data)
            )
            kiosk = _kezek("token", "create", "--role", "kiosk", "--data-dir", str(data))
            _kezek(
                "operator",
                "add",
                "bench",
                "--name",
                "Bench",
                "--pin-stdin",
                "--data-dir",
                str(data),
                stdin=PIN + "\n",
            )

            app = QApplication.instance() or QApplication([])
            link = CounterLink(url, terminal, "c1")
            window = CounterWindow(link, Translations(), language="en")
            link.setParent(window)
            window.start()
            window.show()

            def until(check: object, timeout: float = 10.0) -> None:
                deadline = time.perf_counter() + timeout
                while not check():  # type: ignore[operator]
                    if time.perf_counter() > deadline:
                        raise SystemExit("the console did not get there in time")
                    # qWait, as pytest-qt does: a busy processEvents() loop crashes
                    # PySide6 6.12 on Python 3.11 ("deallocating None") after a few thousand calls
                    QTest.qWait(1)

            until(lambda: window.online and window.state.counter is not None)
            window.sign_in_page.login.setText("bench")
            window.sign_in_page.pin.setText(PIN)
            window.sign_in_page.button.click()
            until(lambda: window.state.operator is not None and window.state.pending is None)
            QTest.keyClick(window, Qt.Key.Key_F8)
            until(lambda: Action.CALL_NEXT in window.state.legal_actions())
            with httpx.Client(base_url=f"{url}/api/v1") as http:
                for _ in range(ROUNDS):
                    reply = http.post(
                        "/tickets",
                        json={"service_id": "id-card"},
                        headers={"Authorization": f"Bearer {kiosk}"},
                    )
                    reply.raise_for_status()
            until(lambda: len(window.state.waiting) == ROUNDS)

            samples = []
            for _ in range(ROUNDS):
                before = window.card.shown_number
                began = time.perf_counter()
                QTest.keyClick(window, Qt.Key.Key_F1)
                until(lambda b=before: window.card.shown_number not in (b, "—"))
                samples.append((time.perf_counter() - began) * 1000)
                until(lambda: window.state.pending is None)
                QTest.keyClick(window, Qt.Key.Key_F5)
                until(lambda: window.state.current is None and window.state.pending is None)
            window.close()
            app.processEvents()
        finally:
            server.terminate()
            server.wait(10)

    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"counter console, {ROUNDS} calls, F1 to the ticket shown as called (loopback, ms):")
    print(
        f"  p50 {statistics.median(samples):.1f}   p95 {p95:.1f}   max {samples[-1]:.1f}"
        f"   (target p95 <= 100)"
    )


def _wait_healthy(url: str) -> None:
    deadline = time.perf_counter() + 30
    with httpx.Client() as http:
        while time.perf_counter() < deadline:
            try:
                if http.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    raise SystemExit("the hall server did not answer /health")


if __name__ == "__main__":
    main()
