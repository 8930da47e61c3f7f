"""The HTTP commands of the protocol: `HallClient` and the small records it returns."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar
from urllib.parse import quote

import httpx

from hallserver.client.errors import BadReply, HallRefused, HallUnreachable, api_url
from hallserver.protocol import (
    BookingView,
    CounterView,
    HallView,
    JsonObject,
    JsonValue,
    MessageView,
    OperatorDay,
    ProtocolError,
    QueueEntry,
    ServiceView,
    Snapshot,
    TicketView,
    json_value,
)

V = TypeVar("V")

# A ticket asked for with a request key is asked again, with the same key, after a timeout, a
# dropped connection or a 503, until this many seconds after the first try (the server answers
# a repeated key with the ticket it issued for it: the visitor gets one). No try starts after
# it, and the last waits a second at least: a visitor is told 'try again' within about 13 s
ISSUE_RETRY_S = 12.0
RETRY_PAUSES_S = (0.3, 0.6, 1.2, 2.0)  # between tries, the last one repeated


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
        self.timeout = timeout
        self.issue_retry_s = ISSUE_RETRY_S  # how long `issue_ticket` asks again with a key
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
        """Whether the hall server answers and can save commands now."""
        try:
            return self._get("/health") == {"ok": True}
        except HallRefused as exc:
            if exc.status == 503:
                return False
            raise

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
        request_id: str | None = None,
        retry_s: float | None = None,
    ) -> TicketView:
        """Issue a ticket (kiosk/consultant token). With `appointment_code`, check in a booking.

        With `request_id` (one per visitor's tap), a try that times out, loses its connection
        or meets a 503 is made again with the same key until `retry_s` (`issue_retry_s`) after
        the first; then the last error is raised. Without one, a single try (a retry could
        issue twice)."""
        body = _body(
            service_id=service_id,
            priority=priority,
            priority_reason=priority_reason,
            language=language,
            appointment_code=appointment_code,
            iin=iin,
            request_id=request_id,
        )
        if request_id is None:
            return _view(TicketView.from_json, self._post("/tickets", body))
        deadline = time.monotonic() + (self.issue_retry_s if retry_s is None else retry_s)
        tries = 0
        while True:
            left = deadline - time.monotonic()
            try:  # no try waits past the deadline by much: a second at least, for its answer
                raw = self._send(
                    "POST", "/tickets", body, timeout=max(1.0, min(self.timeout, left))
                )
                return _view(TicketView.from_json, raw)
            except (HallUnreachable, HallRefused) as error:
                if isinstance(error, HallRefused) and error.status != 503:
                    raise
                pause = RETRY_PAUSES_S[min(tries, len(RETRY_PAUSES_S) - 1)]
                if time.monotonic() + pause >= deadline:
                    raise
                time.sleep(pause)
                tries += 1

    # ------------------------------------------------------------------ counter work

    def call_next(self, counter_id: str, service_id: str | None = None) -> TicketView | None:
        """Call the next ticket for this counter (with `service_id`, of that one line of its
        profile); None when nobody waits for it (204)."""
        raw = self._post(f"/counters/{_seg(counter_id)}/call", _body(service_id=service_id))
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

    def finish(self, ticket_id: str, result: str | None = None) -> TicketView:
        """Service done; `result` is one of the hall's results (`HallView.results`)."""
        raw = self._post(f"/tickets/{_seg(ticket_id)}/finish", _body(result=result))
        return _view(TicketView.from_json, raw)

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
        come_back: bool = False,
    ) -> TicketView:
        """Send the visitor on; with `come_back`, back to this counter once done there."""
        body = _body(service_id=service_id, counter_id=counter_id, note=note)
        if come_back:
            body["come_back"] = True
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

    def revise_service(self, service_id: str, changes: JsonObject) -> ServiceView:
        """Change a service's words and figures (supervisor): name, description, fee,
        documents, duration_min, target_wait_min, daily_limit."""
        raw = self._send("PATCH", f"/services/{_seg(service_id)}", changes)
        return _view(ServiceView.from_json, raw)

    def resume_service(self, service_id: str) -> ServiceView:
        raw = self._post(f"/services/{_seg(service_id)}/resume")
        return _view(ServiceView.from_json, raw)

    def messages(self) -> list[MessageView]:
        """Today's messages from the supervisor: to this operator's counter or to all (a
        supervisor's token: every message)."""
        return _views(MessageView.from_json, self._get("/messages"))

    def read_message(self, message_id: int) -> MessageView:
        """The operator has read the message at their counter."""
        return _view(MessageView.from_json, self._post(f"/messages/{message_id}/read"))

    def send_message(self, text: str, counter_id: str | None = None) -> MessageView:
        """A supervisor's message to one counter, or to every counter."""
        raw = self._post("/messages", _body(text=text, counter_id=counter_id))
        return _view(MessageView.from_json, raw)

    def announce(self, text: str | Mapping[str, str]) -> str:
        """Set the line the displays show: one text, or one per language ({kk, ru, en}).
        Returns the first text as the server stored it."""
        body: JsonObject = {"text": text} if isinstance(text, str) else {"texts": {**text}}
        return _view(lambda r: _str(r, "announcement"), self._post("/announcement", body))

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

    def enroll(
        self, code: str, name: str | None = None, roles: Sequence[str] | None = None
    ) -> EnrolledTerminal:
        """Trade a pairing code for this terminal's own token (no token needed). `roles`: what
        this terminal runs as; a code for another role is refused and not used up."""
        body = _body(code=code, name=name)
        if roles:
            body["roles"] = list(roles)
        raw = self._post("/enroll", body)
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

    def _send(
        self, method: str, path: str, body: JsonObject | None, timeout: float | None = None
    ) -> JsonValue:
        """One request; `timeout` (seconds) instead of the client's for this one."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        limit = httpx.Timeout(timeout, connect=min(timeout, 3.0)) if timeout else None
        try:
            if limit is None:
                reply = self._http.request(method, path, json=body, headers=headers)
            else:
                reply = self._http.request(method, path, json=body, headers=headers, timeout=limit)
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
        # a page, not the hall's JSON: said in one line, without the page
        raise HallRefused(
            reply.status_code,
            f"http_{reply.status_code}",
            f"{method} {path}: {reply.reason_phrase}, without the hall server's JSON (is "
            f"{self.base_url} a hall server, or is a proxy answering?)",
        )


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
