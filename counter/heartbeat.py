"""The counter terminal's heartbeat to the server, on its own thread (plain Python)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from hallserver.client import ClientError, HallClient

log = logging.getLogger(__name__)


class Heartbeat:
    """Tells the server this terminal is alive (`POST /terminals/status`): at start, then every
    `interval_s` seconds, so the supervisor's "terminal gone silent" alert sees the counter.

    It has its own client holding the terminal's ENROLLED token: the server refuses an operator's
    session token there, and the console's command client switches to that one after sign-in.
    A refused or unreachable server is logged and tried again at the next beat; nothing reaches
    the console. `detail()` is read on the heartbeat's thread, so it must only read.
    """

    def __init__(
        self,
        server_url: str,
        terminal_token: str,
        *,
        interval_s: float = 30.0,
        detail: Callable[[], str] = lambda: "",
        timeout: float = 3.0,
    ) -> None:
        if interval_s <= 0:
            raise ValueError("a heartbeat interval is more than 0 seconds")
        self.interval_s = interval_s
        self.sent = 0  # beats the server took
        self.failed = 0  # beats refused or not delivered
        self._detail = detail
        self._client = HallClient(server_url, terminal_token, timeout=timeout)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="kezek-counter-heartbeat", daemon=True
        )

    def start(self) -> None:
        """The first beat now, then one every interval until `stop`."""
        if not self._thread.is_alive() and not self._stop.is_set():
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Returns within `timeout` (a beat in flight ends within the HTTP timeout)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._client.close()

    def beat(self) -> bool:
        """Send one heartbeat; True when the server took it. Never raises."""
        try:
            self._client.report_status("none", self._detail())
        except ClientError as error:
            self.failed += 1
            log.info("heartbeat not delivered (tried again in %gs): %s", self.interval_s, error)
            return False
        except Exception:  # a bug must not end the heartbeat: the alert would fire for nothing
            self.failed += 1
            log.exception("heartbeat failed")
            return False
        self.sent += 1
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            self.beat()
            self._stop.wait(self.interval_s)
