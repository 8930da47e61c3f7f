"""The terminals' side of the protocol: commands, event stream with resume, discovery, enrollment.

Plain Python (no Qt): kiosk, counter and display wrap it in a small Qt link; the simulator and the
tests use it directly. Errors, all caught by one ``except ClientError``::

    ClientError
    ├── HallUnreachable   no answer: connection refused, timed out, DNS, broken socket
    ├── HallRefused       the server answered 4xx/5xx; carries its JSON {error, message}
    ├── BadReply          the server answered something this protocol version can't read
    └── EnrollmentError   a saved enrollment file can't be read or written
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlsplit

import httpx
from websockets.exceptions import WebSocketException
from websockets.sync.client import ClientConnection, connect
from zeroconf import (
    InterfaceChoice,
    IPVersion,
    ServiceBrowser,
    ServiceInfo,
    ServiceListener,
    Zeroconf,
)

from hallserver.protocol import (
    API_PATH,
    SERVICE_TYPE,
    SNAPSHOT,
    BookingView,
    CounterView,
    HallEvent,
    HallView,
    JsonObject,
    JsonValue,
    OperatorDay,
    ProtocolError,
    QueueEntry,
    ServiceView,
    Snapshot,
    TicketView,
    json_value,
)

log = logging.getLogger(__name__)
V = TypeVar("V")


class ClientError(Exception):
    """Base of everything the client raises."""


class HallUnreachable(ClientError):
    """The hall server could not be reached (or stopped answering mid-request)."""


class HallRefused(ClientError):
    """The server refused the request; `code` and `message` are its own JSON error."""

    def __init__(self, status: int, code: str, message: str, body: JsonObject | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.body: JsonObject = body or {}


class BadReply(ClientError):
    """The server's answer does not fit the protocol (wrong version, a proxy's page, …)."""


class EnrollmentError(ClientError):
    """The saved enrollment cannot be read or written."""


def api_url(base_url: str) -> str:
    """`http://host:port` (or one already ending in /api/v1) -> the API's root URL."""
    base = base_url.rstrip("/")
    return base if base.endswith(API_PATH) else base + API_PATH


# ---------------------------------------------------------------------- HTTP commands


@dataclass(frozen=True)
class OperatorSession:
    """An operator signed in at a counter; `token` acts for them until sign-out."""

    token: str
    login: str
    name: str
    supervisor: bool
    counter: CounterView


@dataclass(frozen=True)
class EnrolledTerminal:
    """What enrolling with a pairing code gives a terminal: its own token and role."""

    token: str
    role: str
    name: str
    hall_id: str
    counter_id: str | None = None


@dataclass(frozen=True)
class PairingCode:
    """A one-time code a technician gives a new terminal to enroll with."""

    code: str
    expires_at: datetime


@dataclass(frozen=True)
class Identity:
    """Who a token belongs to (`GET /whoami`)."""

    role: str
    name: str
    counter_id: str | None
    supervisor: bool


class HallClient:
    """Typed calls to one hall server's HTTP API over one keep-alive connection pool.

    `base_url` is the server's root URL as `kezek hall` prints it. `token` may be changed at any
    time (e.g. to the operator's token after `sign_in`). Safe to share between threads.
    """

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 5.0) -> None:
        self.base_url = api_url(base_url)
        self.token = token
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
            headers={"Accept": "application/json", "User-Agent": "kezek-terminal"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HallClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reads

    def hall(self) -> HallView:
        return _view(HallView.from_json, self._get("/hall"))

    def health(self) -> bool:
        return self._get("/health") == {"ok": True}

    def services(self) -> list[ServiceView]:
        return _views(ServiceView.from_json, self._get("/services"))

    def service(self, service_id: str) -> ServiceView:
        return _view(ServiceView.from_json, self._get(f"/services/{_seg(service_id)}"))

    def queue(self) -> list[QueueEntry]:
        return _views(QueueEntry.from_json, self._get("/queue"))

    def counters(self) -> list[CounterView]:
        return _views(CounterView.from_json, self._get("/counters"))

    def ticket(self, ticket_id: str) -> TicketView:
        return _view(TicketView.from_json, self._get(f"/tickets/{_seg(ticket_id)}"))

    def snapshot(self) -> Snapshot:
        return _view(Snapshot.from_json, self._get("/snapshot"))

    def whoami(self) -> Identity:
        raw = self._get("/whoami")
        return _view(
            lambda r: Identity(
                role=_str(r, "role"),
                name=_str(r, "name"),
                counter_id=_opt_str(r, "counter_id"),
                supervisor=bool(_obj(r).get("supervisor")),
            ),
            raw,
        )

    # ------------------------------------------------------------------ issuing

    def issue_ticket(
        self,
        service_id: str | None = None,
        *,
        priority: str | None = None,
        priority_reason: str | None = None,
        language: str | None = None,
        appointment_code: str | None = None,
        iin: str | None = None,
    ) -> TicketView:
        """Issue a ticket (kiosk/consultant token). With `appointment_code`, check in a booking."""
        body = _body(
            service_id=service_id,
            priority=priority,
            priority_reason=priority_reason,
            language=language,
            appointment_code=appointment_code,
            iin=iin,
        )
        return _view(TicketView.from_json, self._post("/tickets", body))

    # ------------------------------------------------------------------ counter work

    def call_next(self, counter_id: str) -> TicketView | None:
        """Call the next ticket for this counter; None when nobody waits for it (204)."""
        raw = self._post(f"/counters/{_seg(counter_id)}/call")
        return None if raw is None else _view(TicketView.from_json, raw)

    def call_ticket(self, counter_id: str, ticket_id: str, reason: str) -> TicketView:
        """A supervisor's call out of order; the reason is logged with the event."""
        raw = self._post(
            f"/counters/{_seg(counter_id)}/call", {"ticket_id": ticket_id, "reason": reason}
        )
        return _view(TicketView.from_json, raw)

    def recall(self, ticket_id: str) -> TicketView:
        return self._ticket_action(ticket_id, "recall")

    def start(self, ticket_id: str) -> TicketView:
        return self._ticket_action(ticket_id, "start")

    def finish(self, ticket_id: str) -> TicketView:
        return self._ticket_action(ticket_id, "finish")

    def no_show(self, ticket_id: str) -> TicketView:
        return self._ticket_action(ticket_id, "no-show")

    def requeue(self, ticket_id: str) -> TicketView:
        return self._ticket_action(ticket_id, "requeue")

    def transfer(
        self,
        ticket_id: str,
        service_id: str,
        *,
        counter_id: str | None = None,
        note: str | None = None,
    ) -> TicketView:
        body = _body(service_id=service_id, counter_id=counter_id, note=note)
        return _view(TicketView.from_json, self._post(f"/tickets/{_seg(ticket_id)}/transfer", body))

    def cancel(self, ticket_id: str, reason: str | None = None) -> TicketView:
        raw = self._post(f"/tickets/{_seg(ticket_id)}/cancel", _body(reason=reason))
        return _view(TicketView.from_json, raw)

    def rate(self, ticket_id: str, grade: str) -> TicketView:
        """Rate a finished service: excellent | good | satisfactory."""
        raw = self._post(f"/tickets/{_seg(ticket_id)}/rating", {"grade": grade})
        return _view(TicketView.from_json, raw)

    def open_counter(self, counter_id: str) -> CounterView:
        return self._counter_action(counter_id, "open")

    def pause_counter(self, counter_id: str, reason: str | None = None) -> CounterView:
        return self._counter_action(counter_id, "pause", _body(reason=reason))

    def close_counter(self, counter_id: str) -> CounterView:
        return self._counter_action(counter_id, "close")

    def set_profile(self, counter_id: str, profile: Mapping[str, str]) -> CounterView:
        return self._counter_action(counter_id, "profile", {"profile": dict(profile)})

    def sign_in(self, counter_id: str, login: str, pin: str) -> OperatorSession:
        """Sign an operator in at a counter (with the counter terminal's token).

        Returns the operator's own token; set `client.token = session.token` to act as them.
        """
        raw = self._post(f"/counters/{_seg(counter_id)}/sign-in", {"login": login, "pin": pin})

        def parse(r: object) -> OperatorSession:
            operator = _obj(_obj(r).get("operator"))
            return OperatorSession(
                token=_str(r, "token"),
                login=_str(operator, "login"),
                name=_str(operator, "name"),
                supervisor=bool(operator.get("supervisor")),
                counter=CounterView.from_json(_obj(r).get("counter")),
            )

        return _view(parse, raw)

    def sign_out(self, counter_id: str) -> None:
        """Sign out the operator whose token this client holds."""
        self._post(f"/counters/{_seg(counter_id)}/sign-out")

    def report_status(self, printer: str = "none", detail: str = "") -> None:
        """A terminal's heartbeat and its printer's state (online, paper_out, offline, …)."""
        body: JsonObject = {"printer": printer}
        if detail:
            body["detail"] = detail[:200]
        self._post("/terminals/status", body)

    def operator_today(self, login: str) -> OperatorDay:
        """An operator's day so far (their own token, or a supervisor's)."""
        raw = self._get(f"/operators/{_seg(login)}/today")
        return _view(OperatorDay.from_json, raw)

    # ------------------------------------------------------------------ hall-wide

    def suspend_service(self, service_id: str) -> ServiceView:
        raw = self._post(f"/services/{_seg(service_id)}/suspend")
        return _view(ServiceView.from_json, raw)

    def resume_service(self, service_id: str) -> ServiceView:
        raw = self._post(f"/services/{_seg(service_id)}/resume")
        return _view(ServiceView.from_json, raw)

    def announce(self, text: str) -> str:
        """Set the text the displays show; returns it as the server stored it."""
        return _view(lambda r: _str(r, "announcement"), self._post("/announcement", {"text": text}))

    def create_pairing_code(
        self, role: str, name: str, counter_id: str | None = None
    ) -> PairingCode:
        """A one-time code for a new terminal (supervisor or admin token)."""
        raw = self._post("/pairing-codes", _body(role=role, name=name, counter_id=counter_id))
        return _view(
            lambda r: PairingCode(
                code=_str(r, "code"), expires_at=datetime.fromisoformat(_str(r, "expires_at"))
            ),
            raw,
        )

    def enroll(self, code: str, name: str | None = None) -> EnrolledTerminal:
        """Trade a pairing code for this terminal's own token (no token needed)."""
        raw = self._post("/enroll", _body(code=code, name=name))
        return _view(
            lambda r: EnrolledTerminal(
                token=_str(r, "token"),
                role=_str(r, "role"),
                name=_str(r, "name"),
                hall_id=_str(r, "hall_id"),
                counter_id=_opt_str(r, "counter_id"),
            ),
            raw,
        )

    # ------------------------------------------------------------------ bookings

    def book(self, service_id: str, slot_at: datetime, iin: str | None = None) -> BookingView:
        body = _body(service_id=service_id, slot_at=slot_at.isoformat(), iin=iin)
        return _view(BookingView.from_json, self._post("/bookings", body))

    def booking(self, code: str) -> BookingView:
        return _view(BookingView.from_json, self._get(f"/bookings/{_seg(code)}"))

    def cancel_booking(self, code: str) -> BookingView:
        return _view(BookingView.from_json, self._post(f"/bookings/{_seg(code)}/cancel"))

    # ------------------------------------------------------------------ plumbing

    def _ticket_action(self, ticket_id: str, action: str) -> TicketView:
        raw = self._post(f"/tickets/{_seg(ticket_id)}/{action}")
        return _view(TicketView.from_json, raw)

    def _counter_action(
        self, counter_id: str, action: str, body: JsonObject | None = None
    ) -> CounterView:
        raw = self._post(f"/counters/{_seg(counter_id)}/{action}", body)
        return _view(CounterView.from_json, raw)

    def _get(self, path: str) -> JsonValue:
        return self._send("GET", path, None)

    def _post(self, path: str, body: JsonObject | None = None) -> JsonValue:
        return self._send("POST", path, body if body is not None else {})

    def _send(self, method: str, path: str, body: JsonObject | None) -> JsonValue:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            reply = self._http.request(method, path, json=body, headers=headers)
        except httpx.TransportError as exc:  # connect/read/write errors and timeouts
            raise HallUnreachable(f"{self.base_url} did not answer: {exc}") from exc
        except httpx.HTTPError as exc:  # e.g. an invalid URL
            raise HallUnreachable(f"cannot reach {self.base_url}: {exc}") from exc
        if reply.status_code == 204:
            return None
        try:
            data = json_value(reply.json())
        except (ValueError, ProtocolError):
            data = None
        if reply.is_success:
            if data is None:
                raise BadReply(f"{method} {path}: the answer is not JSON")
            return data
        if isinstance(data, dict) and isinstance(data.get("error"), str):
            message = data.get("message")
            raise HallRefused(reply.status_code, str(data["error"]), str(message or ""), data)
        raise HallRefused(reply.status_code, f"http_{reply.status_code}", reply.text[:200])


def _seg(value: str) -> str:
    """One path segment, escaped (ids come from users: a slash must not change the route)."""
    return quote(value, safe="")


def _body(**fields: str | None) -> JsonObject:
    return {name: value for name, value in fields.items() if value is not None}


def _view(parse: Callable[[object], V], raw: object) -> V:
    try:
        return parse(raw)
    except (ProtocolError, ValueError) as exc:
        raise BadReply(str(exc)) from exc


def _views(parse: Callable[[object], V], raw: object) -> list[V]:
    if not isinstance(raw, list):
        raise BadReply(f"expected a list, got {type(raw).__name__}")
    return [_view(parse, item) for item in raw]


def _obj(raw: object) -> Mapping[str, object]:
    if not isinstance(raw, dict):
        raise ProtocolError(f"expected a JSON object, got {type(raw).__name__}")
    return raw


def _str(raw: object, name: str) -> str:
    value = _obj(raw).get(name)
    if not isinstance(value, str):
        raise ProtocolError(f"{name}: expected a string")
    return value


def _opt_str(raw: object, name: str) -> str | None:
    return None if _obj(raw).get(name) is None else _str(raw, name)


# ---------------------------------------------------------------------- event stream


class EventStream:
    """The hall's live events, in order, exactly once, across drops and reconnects.

    Runs in its own thread. The first connect without `after` starts with a `Snapshot`; later
    connects resume with `?after=<last seq seen>` (the server sends a fresh snapshot instead when
    that is too old). Callbacks run on the stream's thread: `on_event(HallEvent)`,
    `on_snapshot(Snapshot)`, `on_online_changed(bool)`. An exception in a callback is logged and
    the stream carries on.
    """

    def __init__(
        self,
        base_url: str,
        on_event: Callable[[HallEvent], None],
        on_snapshot: Callable[[Snapshot], None],
        on_online_changed: Callable[[bool], None],
        after: int | None = None,
        *,
        min_backoff: float = 0.2,
        max_backoff: float = 5.0,
        open_timeout: float = 5.0,
        ping_interval: float | None = 10.0,
    ) -> None:
        split = urlsplit(api_url(base_url))
        scheme = "wss" if split.scheme == "https" else "ws"
        self._url = f"{scheme}://{split.netloc}{split.path}/events"
        self._on_event = on_event
        self._on_snapshot = on_snapshot
        self._on_online_changed = on_online_changed
        self._last_seq = after
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._open_timeout = open_timeout
        self._ping_interval = ping_interval
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._connection: ClientConnection | None = None
        self._online = False
        self._thread: threading.Thread | None = None

    @property
    def last_seq(self) -> int | None:
        """The seq of the last event (or snapshot) delivered; None before the first."""
        return self._last_seq

    @property
    def online(self) -> bool:
        return self._online

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("this EventStream was already started")
        self._thread = threading.Thread(target=self._run, name="kezek-events", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Close the connection and join the thread; returns within about `timeout`."""
        self._stopping.set()
        with self._lock:
            connection = self._connection
        if connection is not None:
            # Shut the socket down rather than close(): close() waits for the server's answer.
            with contextlib.suppress(OSError):
                connection.socket.shutdown(socket.SHUT_RDWR)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def __enter__(self) -> EventStream:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        backoff = self._min_backoff
        while not self._stopping.is_set():
            url = self._url if self._last_seq is None else f"{self._url}?after={self._last_seq}"
            try:
                with connect(
                    url,
                    open_timeout=self._open_timeout,
                    close_timeout=1.0,
                    ping_interval=self._ping_interval,
                    ping_timeout=self._ping_interval,
                    max_size=2**24,  # a busy hall's snapshot is large
                    proxy=None,  # the hall server is on the LAN
                ) as connection:
                    with self._lock:
                        self._connection = connection
                    if self._stopping.is_set():
                        break
                    self._set_online(True)
                    backoff = self._min_backoff
                    for message in connection:
                        self._handle(message)
                        if self._stopping.is_set():
                            break
            except (OSError, TimeoutError, WebSocketException) as exc:
                if not self._stopping.is_set():
                    log.info("event stream %s: %s", url, exc)
            finally:
                with self._lock:
                    self._connection = None
                self._set_online(False)
            if self._stopping.wait(backoff):
                break
            backoff = min(backoff * 2, self._max_backoff)

    def _handle(self, message: str | bytes) -> None:
        try:
            raw = json.loads(message)
            if isinstance(raw, dict) and raw.get("type") == SNAPSHOT:
                snapshot = Snapshot.from_message(raw)
                self._last_seq = snapshot.seq
                self._deliver(self._on_snapshot, snapshot)
                return
            if isinstance(raw, dict) and "error" in raw:
                log.warning("event stream refused: %s", raw.get("message"))
                return
            event = HallEvent.from_json(raw)
        except (ValueError, ProtocolError) as exc:
            log.warning("event stream: skipped an unreadable message (%s)", exc)
            return
        last = self._last_seq
        if last is not None and event.seq <= last:
            return  # already delivered before a reconnect
        if last is not None and event.seq != last + 1:
            log.warning("event stream: seq jumped from %d to %d", last, event.seq)
        self._last_seq = event.seq
        self._deliver(self._on_event, event)

    def _set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self._deliver(self._on_online_changed, online)

    def _deliver(self, callback: Callable[[V], None], value: V) -> None:
        try:
            callback(value)
        except Exception:
            log.exception("event stream callback %r failed", callback)


# ---------------------------------------------------------------------- discovery


@dataclass(frozen=True)
class DiscoveredHall:
    """A hall server found on the LAN by its zeroconf announcement."""

    hall_id: str
    hall_name: str
    base_url: str  # http://address:port, for HallClient and EventStream
    protocol: int | None
    addresses: tuple[str, ...]
    port: int
    service_name: str


class _Names(ServiceListener):
    """Collects the service names a browser sees (zeroconf calls it on its own thread)."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.lock = threading.Lock()

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        with self.lock:
            self.names.add(name)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.add_service(zc, type_, name)

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        with self.lock:
            self.names.discard(name)


def discover(timeout: float = 2.0, interfaces: list[str] | None = None) -> list[DiscoveredHall]:
    """The hall servers announcing `_kezek._tcp.local.`, browsing for `timeout` seconds.

    `interfaces` are IPv4 addresses to browse on (default: `KEZEK_DISCOVER_ON`, a comma-separated
    list, else all interfaces). Returns [] when multicast
    is unavailable. The first question is QU (unicast answer, fast on a real LAN), the later ones
    QM: forcing QU for all of them finds nothing on loopback (the unicast answers to port 5353
    never arrive there), while QU-then-QM finds a hall in about 1.1 s even there.
    """
    if interfaces is None and os.environ.get("KEZEK_DISCOVER_ON"):
        interfaces = [a.strip() for a in os.environ["KEZEK_DISCOVER_ON"].split(",") if a.strip()]
    try:
        zc = Zeroconf(interfaces=interfaces or InterfaceChoice.All, ip_version=IPVersion.V4Only)
    except OSError as exc:
        log.warning("cannot browse the LAN (%s): give the server URL instead", exc)
        return []
    try:
        listener = _Names()
        browser = ServiceBrowser(zc, SERVICE_TYPE, listener=listener)  # QU first, then QM
        try:
            threading.Event().wait(timeout)
        finally:
            browser.cancel()
        with listener.lock:
            names = sorted(listener.names)
        halls = [hall for name in names if (hall := _resolve(zc, name)) is not None]
    finally:
        zc.close()
    return sorted(halls, key=lambda h: (h.hall_name, h.base_url))


def _resolve(zc: Zeroconf, name: str) -> DiscoveredHall | None:
    info = ServiceInfo(SERVICE_TYPE, name)
    if not info.load_from_cache(zc) and not info.request(zc, 1000):
        return None
    addresses = tuple(info.parsed_addresses(IPVersion.V4Only))
    if not addresses or info.port is None:
        return None
    txt = {
        key.decode("utf-8", "replace"): (value or b"").decode("utf-8", "replace")
        for key, value in info.properties.items()
    }
    protocol = txt.get("protocol", "")
    return DiscoveredHall(
        hall_id=txt.get("hall_id", ""),
        hall_name=txt.get("hall_name", ""),
        base_url=f"http://{addresses[0]}:{info.port}",
        protocol=int(protocol) if protocol.isdigit() else None,
        addresses=addresses,
        port=info.port,
        service_name=name,
    )


# ---------------------------------------------------------------------- enrollment


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
        cls, server_url: str, code: str, name: str | None, path: Path, *, timeout: float = 5.0
    ) -> Enrollment:
        """Trade a pairing code for a token at `server_url`, save it in `path`, return it."""
        with HallClient(server_url, timeout=timeout) as client:
            terminal = client.enroll(code, name)
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
