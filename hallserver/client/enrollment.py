"""A terminal's saved enrollment, and its heartbeat to the server."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from hallserver.client.commands import HallClient, _opt_str, _str
from hallserver.client.errors import ClientError, EnrollmentError
from hallserver.protocol import (
    ProtocolError,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Enrollment:
    """A terminal's saved enrollment: its hall, its token and its role, in a small JSON file.

    A terminal enrolled once loads this at start and goes straight into its mode.
    """

    server_url: str
    token: str
    role: str
    name: str
    hall_id: str
    counter_id: str | None = None

    @staticmethod
    def default_path(app: str) -> Path:
        """`<user config dir>/kezek/<app>.json`, e.g. ~/.config/kezek/kiosk.json on Linux."""
        import platformdirs

        return platformdirs.user_config_path("kezek") / f"{app}.json"

    @classmethod
    def load(cls, path: Path) -> Enrollment | None:
        """The saved enrollment, or None when this terminal has not been enrolled."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise EnrollmentError(f"cannot read the enrollment in {path}: {exc}") from exc
        try:
            return cls(
                server_url=_str(raw, "server_url"),
                token=_str(raw, "token"),
                role=_str(raw, "role"),
                name=_str(raw, "name"),
                hall_id=_str(raw, "hall_id"),
                counter_id=_opt_str(raw, "counter_id"),
            )
        except ProtocolError as exc:
            raise EnrollmentError(f"the enrollment in {path} is damaged: {exc}") from exc

    def save(self, path: Path) -> None:
        """Write atomically, readable by this user only (the token is a secret)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".enrollment-", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as file:
                    json.dump(asdict(self), file, ensure_ascii=False, indent=2)
                os.chmod(temp, 0o600)
                os.replace(temp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError as exc:
            raise EnrollmentError(f"cannot save the enrollment in {path}: {exc}") from exc

    @staticmethod
    def forget(path: Path) -> None:
        """Delete the saved enrollment (the terminal will ask for a pairing code again)."""
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

    @classmethod
    def enroll(
        cls,
        server_url: str,
        code: str,
        name: str | None,
        path: Path,
        *,
        roles: Sequence[str] | None = None,
        timeout: float = 5.0,
    ) -> Enrollment:
        """Trade a pairing code for a token at `server_url`, save it in `path`, return it.
        `roles`: what this terminal runs as (a code for another is refused, not used up)."""
        with HallClient(server_url, timeout=timeout) as client:
            terminal = client.enroll(code, name, roles)
        enrollment = cls(
            server_url=server_url.rstrip("/"),
            token=terminal.token,
            role=terminal.role,
            name=terminal.name,
            hall_id=terminal.hall_id,
            counter_id=terminal.counter_id,
        )
        enrollment.save(path)
        return enrollment


class Heartbeat:
    """Tells the server a terminal is alive (`POST /terminals/status`): at start, then every
    `interval_s` seconds, so the supervisor's "terminal gone silent" alert sees it.

    It has its own client holding the terminal's ENROLLED token (the server refuses an operator's
    session token there). A refused or unreachable server is logged and tried again at the next
    beat; nothing reaches the app. `detail()` is read on the heartbeat's thread: it must only read.
    """

    def __init__(
        self,
        server_url: str,
        terminal_token: str,
        *,
        interval_s: float = 30.0,
        detail: Callable[[], str] = lambda: "",
        timeout: float = 3.0,
        name: str = "kezek-heartbeat",
    ) -> None:
        if interval_s <= 0:
            raise ValueError("a heartbeat interval is more than 0 seconds")
        self.interval_s = interval_s
        self.sent = 0  # beats the server took
        self.failed = 0  # beats refused or not delivered
        self._detail = detail
        self._client = HallClient(server_url, terminal_token, timeout=timeout)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

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
