"""HTTP endpoints under /api/v1: parse, call the hall service, answer with the contract's JSON."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket

from hallserver import access
from hallserver.access import Actor
from hallserver.api import wire
from hallserver.domain.bookings import Booking
from hallserver.domain.counters import PauseReason
from hallserver.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from hallserver.domain.events import Event
from hallserver.domain.hall import Announcement, Hall, Issued, IssueKey
from hallserver.domain.ids import LANGS, JsonObject, Lang, unprintable
from hallserver.domain.tickets import Grade, Priority, Ticket, TicketState
from hallserver.iin import iin_problem, tidy_iin
from hallserver.service import HallService
from hallserver.web import booking as booking_page
from hallserver.web.bodies import body_of, header

Handler = Callable[[Request], Awaitable[Response]]
E = TypeVar("E")
REQUEST_ID_LIMIT = 64  # a request key (`request_id`): a UUID fits, with room


def hall_of(request: Request) -> HallService:
    service: HallService = request.app.state.hall
    return service


def base_url(request: Request) -> str:
    configured: str | None = request.app.state.public_url
    if configured:
        return configured
    scope = request.scope
    key = (
        scope["scheme"],
        header(request, b"host"),
        scope.get("server"),
        scope.get("app_root_path", scope.get("root_path", "")),
    )
    known: dict[tuple[object, ...], str] = request.app.state.base_urls
    url = known.get(key)
    if url is None:  # building a URL costs more than answering: keep the few a hall uses
        if len(known) >= 64:
            known.clear()
        url = known[key] = str(request.base_url).rstrip("/")
    return url


def base_url_ws(websocket: WebSocket) -> str:
    configured: str | None = websocket.app.state.public_url
    if configured:
        return configured
    scheme = "https" if websocket.url.scheme == "wss" else "http"
    return f"{scheme}://{websocket.url.netloc}"


async def actor_of(request: Request) -> Actor | None:
    scheme, _, token = header(request, b"authorization").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    hall = hall_of(request)
    actor = await hall.authenticate(token.strip())
    if actor is None:
        raise Forbidden("this token is not known or was revoked", code="unauthorized")
    if actor.role is access.Role.OPERATOR and not hall.hall.signed_in(
        actor.counter_id, actor.subject
    ):  # signed out (here or at another console), or the day ended: the session with it
        raise Conflict(
            "you are no longer signed in at this counter; sign in again", code="not_signed_in"
        )
    return actor


def bearer(request: Request) -> str:
    return header(request, b"authorization").partition(" ")[2].strip()


def text_field(
    body: JsonObject,
    name: str,
    *,
    required: bool = False,
    limit: int = 200,
    controls_as_spaces: bool = False,
) -> str | None:
    value = body.get(name)
    if value is None:
        if required:
            raise InvalidInput(f"{name} is required", code="missing_field")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string", code="bad_field")
    if len(value) > limit:
        raise InvalidInput(f"{name} is longer than {limit} characters", code="bad_field")
    if "\x00" in value:  # PostgreSQL stores no NUL in text, and no person types one
        raise InvalidInput(f"{name} holds a NUL character", code="bad_field")
    if unprintable(value):  # a screen or a printer would act on it (GS V cuts the paper)
        if controls_as_spaces:  # a device's own words: kept, not refused
            return "".join(" " if unprintable(ch) else ch for ch in value)
        raise InvalidInput(f"{name} holds a control character", code="bad_field")
    return value


def flag_field(body: JsonObject, name: str) -> bool:
    """A yes/no field: true or false, false when absent."""
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise InvalidInput(f"{name} must be true or false", code="bad_field")
    return value


def enum_field(body: JsonObject, name: str, kind: Callable[[str], E], default: E) -> E:
    value = text_field(body, name)
    if value is None:
        return default
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(f"{name} {value!r} is not one I know", code="bad_field") from None


class FastJSONResponse(JSONResponse):
    """JSON rendered by orjson: the same text, several times faster on the hot paths."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def ok(data: JsonObject | list[JsonObject], status: int = 200) -> JSONResponse:
    return FastJSONResponse(data, status_code=status)


# ------------------------------------------------------------------ reads


async def get_hall(request: Request) -> Response:
    hall = hall_of(request)
    return ok(wire.hall_view(hall.catalogue, hall.hall, hall.now()))


async def get_services(request: Request) -> Response:
    hall = hall_of(request)
    suspended = hall.hall.state.suspended
    return ok([hall.catalogue.service_json(s, s.id in suspended) for s in hall.catalogue.services])


async def get_service(request: Request) -> Response:
    hall = hall_of(request)
    service = hall.hall.service(request.path_params["service_id"])
    return ok(hall.catalogue.service_json(service, service.id in hall.hall.state.suspended))


async def get_counters(request: Request) -> Response:
    hall = hall_of(request)
    counters = sorted(hall.hall.counters.values(), key=lambda c: c.number)
    return ok([c.to_json() for c in counters])


async def get_queue(request: Request) -> Response:
    hall = hall_of(request)
    return ok([wire.queue_view(q) for q in hall.hall.queue(hall.now())])


async def get_ticket(request: Request) -> Response:
    hall = hall_of(request)
    ticket = hall.hall.ticket(request.path_params["ticket_id"])
    view = wire.ticket_view(ticket, hall.hall, hall.now(), base_url(request))
    if await actor_of(request) is None:  # a visit's result is for the staff, not for the public
        view["result"] = None
    return ok(view)


async def get_snapshot(request: Request) -> Response:
    hall = hall_of(request)
    url = base_url(request)
    data, seq, seq_at = await hall.stamped(
        lambda h: wire.snapshot(hall.catalogue, h, hall.now(), url)
    )
    data["seq"], data["seq_at"] = seq, seq_at  # a stream resumes after it: ?after=seq&at=seq_at
    return ok(data)


async def health(request: Request) -> Response:
    trouble = hall_of(request).trouble()
    if trouble is None:
        return ok({"ok": True})
    return ok({"ok": False, "error": "unavailable", "message": trouble}, 503)


# ------------------------------------------------------------------ issuing


async def post_ticket(request: Request) -> Response:
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.ISSUERS, "issuing a ticket")
    body = await body_of(request)
    booking_code = text_field(body, "appointment_code", limit=16) or None  # empty: none
    iin = tidy_iin(text_field(body, "iin", limit=40) or "") or None  # as a booking's
    service_id = text_field(body, "service_id", required=booking_code is None and iin is None)
    priority = enum_field(body, "priority", Priority, Priority.REGULAR)
    reason = text_field(body, "priority_reason")
    language = text_field(body, "language") or "kk"
    if language not in LANGS:
        raise InvalidInput(f"language must be one of {', '.join(LANGS)}", code="bad_field")
    if iin is not None and (problem := iin_problem(iin)) is not None:
        raise InvalidInput(f"this IIN is not valid ({problem})", code=f"bad_iin_{problem}")
    lang: Lang = language
    key = request_key(body, service_id, priority, reason, lang, booking_code, iin)

    def command(h: Hall, now: datetime) -> tuple[Any, list[Event]]:
        return h.issue(
            service_id or "",
            now,
            priority=priority,
            priority_reason=reason,
            language=lang,
            booking_code=booking_code,
            iin=iin,
            request=key,
        )

    issued, witness = await hall.run_witnessed(actor, command)
    if issued.repeat:  # answered once it is durable (its first request may still be on the way)
        return await _repeated(request, hall, issued)
    view = wire.ticket_view(
        issued.ticket,
        hall.hall,
        hall.now(),
        base_url(request),
        estimate=issued.estimate,
        # as issued, unless a counter called it while its commit was on the way
        ticket_json=issued.ticket_json if issued.ticket.state is TicketState.WAITING else None,
    )
    view["late_for_appointment"] = issued.late_for_appointment
    view["witness"] = str(witness) if witness is not None else None
    return ok(view, 201)


def request_key(
    body: JsonObject,
    service_id: str | None,
    priority: Priority,
    reason: str | None,
    language: str,
    booking_code: str | None,
    iin: str | None,
) -> IssueKey | None:
    """The request's `request_id` (at most 64 printable characters) and a digest of what it
    asks, to tell a repeat from a key used again for something else; None without one."""
    key = text_field(body, "request_id", limit=REQUEST_ID_LIMIT)
    if key is None:
        return None
    if not key or not key.isprintable():
        raise InvalidInput(
            f"request_id must be 1 to {REQUEST_ID_LIMIT} printable characters", code="bad_field"
        )
    asked = "\x1f".join(
        (service_id or "", priority.value, reason or "", language, booking_code or "", iin or "")
    )
    return IssueKey(key, hashlib.sha256(asked.encode()).hexdigest()[:32])


async def _repeated(request: Request, hall: HallService, issued: Issued) -> Response:
    """The ticket a request key was issued before, as it is now: 200, not 201. Its witness is
    the log's newest durable event, which holds the issue."""
    ticket_id = issued.ticket.id
    url = base_url(request)

    def render(h: Hall) -> JsonObject:
        return wire.ticket_view(h.ticket(ticket_id), h, hall.now(), url)

    view, _ = await hall.settled(render)
    view["late_for_appointment"] = issued.late_for_appointment
    head = hall.head()
    view["witness"] = str(head) if head is not None else None
    return ok(view)


# ------------------------------------------------------------------ counters


async def call(request: Request) -> Response:
    hall = hall_of(request)
    counter_id = request.path_params["counter_id"]
    actor = access.counter_for(await actor_of(request), counter_id, "calling")
    body = await body_of(request)
    ticket_id = text_field(body, "ticket_id")
    if ticket_id is not None and body.get("service_id") is not None:
        raise InvalidInput("give ticket_id or service_id, not both", code="bad_field")
    if ticket_id is not None:
        reason = text_field(body, "reason", limit=300) or ""
        oversees = actor.oversees or actor.supervisor
        chosen = ticket_id

        def by_choice(h: Hall, now: datetime) -> tuple[Ticket, list[Event]]:
            if h.ticket(chosen).state is TicketState.POSTPONED:  # back from paying, copying …
                by_counter = None if oversees else counter_id
                return h.call_back(counter_id, chosen, now, by_counter=by_counter)
            if not oversees:
                raise Forbidden("only a supervisor may call a ticket out of order")
            return h.call_ticket(counter_id, chosen, reason, now)

        ticket: Ticket | None = await hall.run(actor, by_choice)
    else:
        service_id = text_field(body, "service_id")  # the next of that one line, as chosen
        ticket = await hall.run(
            actor, lambda h, now: h.call_next(counter_id, now, service_id=service_id)
        )
    if ticket is None:
        return Response(status_code=204)
    return ok(wire.ticket_view(ticket, hall.hall, hall.now(), base_url(request)))


def counter_action(name: str) -> Handler:
    async def handler(request: Request) -> Response:
        hall = hall_of(request)
        counter_id = request.path_params["counter_id"]
        actor = access.counter_for(await actor_of(request), counter_id, f"{name} the counter")
        body = await body_of(request)
        if name == "pause":
            reason = enum_field(body, "reason", PauseReason, PauseReason.OTHER)
            await hall.run(actor, lambda h, now: (None, h.pause_counter(counter_id, reason, now)))
        elif name == "open":
            await hall.run(actor, lambda h, now: (None, h.open_counter(counter_id, now)))
        else:
            await hall.run(actor, lambda h, now: (None, h.close_counter(counter_id, now)))
        return ok(hall.hall.counter(counter_id).to_json())

    return handler


async def set_profile(request: Request) -> Response:
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.OVERSEERS, "changing a work profile")
    counter_id = request.path_params["counter_id"]
    body = await body_of(request)
    profile = body.get("profile")
    if not isinstance(profile, dict) or not all(isinstance(v, str) for v in profile.values()):
        raise InvalidInput('profile must be an object like {"id-card": "main"}', code="bad_field")
    levels = {str(k): str(v) for k, v in profile.items()}
    await hall.run(actor, lambda h, now: (None, h.set_profile(counter_id, levels)))
    return ok(hall.hall.counter(counter_id).to_json())


async def sign_in(request: Request) -> Response:
    hall = hall_of(request)
    counter_id = request.path_params["counter_id"]
    body = await body_of(request)
    login = text_field(body, "login", required=True, limit=60) or ""
    pin = text_field(body, "pin", required=True, limit=32) or ""
    token, session, name = await hall.sign_in(await actor_of(request), counter_id, login, pin)
    return ok(
        {
            "token": token,
            "operator": {"login": session.subject, "name": name, "supervisor": session.supervisor},
            "counter": hall.hall.counter(counter_id).to_json(),
        }
    )


async def sign_out(request: Request) -> Response:
    hall = hall_of(request)
    actor = await actor_of(request)
    await body_of(request)  # none is needed; one sent must still be JSON, as everywhere
    if actor is None:
        raise Forbidden("signing out needs the operator's token", code="unauthorized")
    counter_id = request.path_params["counter_id"]
    hall.hall.counter(counter_id)  # 404 for a counter the hall does not have
    if actor.role is access.Role.OPERATOR and actor.counter_id != counter_id:
        raise Forbidden(f"this token is not signed in at counter {counter_id}", code="not_here")
    await hall.sign_out(actor, bearer(request))
    return ok({"signed_out": actor.subject})


# ------------------------------------------------------------------ tickets at the counter


def _acting_counter(actor: Actor | None, what: str) -> str | None:
    """The counter an operator acts from; None for supervisors, who act for any counter."""
    if actor is None:
        raise Forbidden(f"{what} needs a token (Authorization: Bearer …)", code="unauthorized")
    if actor.oversees:
        return None
    if actor.role is not access.Role.OPERATOR or actor.counter_id is None:
        raise Forbidden(f"{what} needs an operator signed in at a counter", code="not_operator")
    return actor.counter_id


def _letting_go_by(hall: Hall, ticket_id: str, actor: Actor, by_counter: str | None) -> str | None:
    """Who marks a no-show: an operator with supervisor rights lets go a visitor who stepped
    away from any counter, as they may call one back at any counter."""
    if actor.supervisor and hall.ticket(ticket_id).state is TicketState.POSTPONED:
        return None
    return by_counter


def ticket_action(name: str) -> Handler:
    async def handler(request: Request) -> Response:
        hall = hall_of(request)
        ticket_id = request.path_params["ticket_id"]
        actor = await actor_of(request)
        by_counter = _acting_counter(actor, name)
        assert actor is not None
        body = await body_of(request)  # only finish takes one; a malformed one is refused
        result = text_field(body, "result", limit=40) if name == "finish" else None
        commands = {
            "recall": lambda h, now: h.recall(ticket_id, now, by_counter=by_counter),
            "start": lambda h, now: h.start(ticket_id, now, by_counter=by_counter),
            "finish": lambda h, now: h.finish(ticket_id, now, result=result, by_counter=by_counter),
            "no-show": lambda h, now: h.no_show(
                ticket_id, now, by_counter=_letting_go_by(h, ticket_id, actor, by_counter)
            ),
            "requeue": lambda h, now: h.requeue(ticket_id, now, by_counter=by_counter),
            "postpone": lambda h, now: h.postpone(ticket_id, now, by_counter=by_counter),
        }
        ticket: Ticket = await hall.run(actor, commands[name])
        return ok(wire.ticket_view(ticket, hall.hall, hall.now(), base_url(request)))

    return handler


async def transfer(request: Request) -> Response:
    hall = hall_of(request)
    ticket_id = request.path_params["ticket_id"]
    actor = await actor_of(request)
    by_counter = _acting_counter(actor, "transferring")
    body = await body_of(request)
    service_id = text_field(body, "service_id", required=True) or ""
    to_counter = text_field(body, "counter_id") or None  # empty: any counter of the service
    note = text_field(body, "note", limit=300) or ""
    come_back = flag_field(body, "come_back")
    assert actor is not None
    result = await hall.run(
        actor,
        lambda h, now: h.transfer(
            ticket_id,
            service_id,
            now,
            to_counter=to_counter,
            note=note,
            by_counter=by_counter,
            come_back=come_back,
        ),
    )
    return ok(wire.ticket_view(result, hall.hall, hall.now(), base_url(request)))


async def cancel(request: Request) -> Response:
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.CANCELLERS, "cancelling a ticket")
    ticket_id = request.path_params["ticket_id"]
    body = await body_of(request)
    reason = text_field(body, "reason", limit=300) or ""
    # an operator cancels at their own counter only; consultants and supervisors anywhere
    by_counter = actor.counter_id if actor.role is access.Role.OPERATOR else None
    result = await hall.run(
        actor, lambda h, now: h.cancel(ticket_id, now, reason=reason, by_counter=by_counter)
    )
    return ok(wire.ticket_view(result, hall.hall, hall.now(), base_url(request)))


async def rate(request: Request) -> Response:
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.RATERS, "rating")
    ticket_id = request.path_params["ticket_id"]
    body = await body_of(request)
    text_field(body, "grade", required=True)
    grade = enum_field(body, "grade", Grade, Grade.GOOD)
    result = await hall.rate(actor, ticket_id, grade)  # a resend shares the first's outcome
    return ok(wire.ticket_view(result, hall.hall, hall.now(), base_url(request)))


# ------------------------------------------------------------------ hall-wide


async def suspend_service(request: Request) -> Response:
    return await _suspend(request, True)


async def resume_service(request: Request) -> Response:
    return await _suspend(request, False)


async def _suspend(request: Request, suspended: bool) -> Response:
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.OVERSEERS, "suspending a service")
    service_id = request.path_params["service_id"]
    await body_of(request)  # none is needed; one sent must still be JSON, as everywhere
    await hall.run(actor, lambda h, now: (None, h.suspend_service(service_id, suspended)))
    service = hall.hall.service(service_id)
    return ok(hall.catalogue.service_json(service, suspended))


async def revise_service(request: Request) -> Response:
    """A service's words and figures changed while the hall runs: saved in the catalogue and
    shown by the terminals at once (a `service.changed` event carrying the service)."""
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.OVERSEERS, "changing a service")
    changes = await body_of(request)
    revised = await hall.revise_service(actor, request.path_params["service_id"], changes)
    return ok(hall.catalogue.service_json(revised, revised.id in hall.hall.state.suspended))


async def announce(request: Request) -> Response:
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.OVERSEERS, "setting the announcement")
    texts = Announcement.texts_of(await body_of(request))
    await hall.run(actor, lambda h, now: (None, h.announce(texts)))
    return ok(hall.hall.state.announcement.fields())


# ------------------------------------------------------------------ messages to the operators


async def send_message(request: Request) -> Response:
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.OVERSEERS, "sending operators a message")
    body = await body_of(request)
    to = text_field(body, "counter_id") or None  # empty: every counter, as on the board
    text = text_field(body, "text", required=True, limit=1000) or ""
    message = await hall.run(actor, lambda h, now: h.send_message(to, text, actor.subject, now))
    return ok(message.to_json(), 201)


async def get_messages(request: Request) -> Response:
    """Today's messages: all of them for a supervisor; for an operator, those to their counter
    or to every counter, each with `read_here` (read at their counter)."""
    hall = hall_of(request)
    actor = await actor_of(request)
    if actor is not None and actor.oversees:
        return ok([m.to_json() for m in hall.hall.state.messages])
    counter_id = _acting_counter(actor, "reading messages")
    assert counter_id is not None
    return ok(
        [
            {**m.to_json(), "read_here": counter_id in m.read}
            for m in hall.hall.state.messages
            if m.for_counter(counter_id)
        ]
    )


async def read_message(request: Request) -> Response:
    hall = hall_of(request)
    actor = await actor_of(request)
    counter_id = _acting_counter(actor, "reading a message")
    if counter_id is None:
        raise Forbidden("a message is read by an operator at a counter", code="not_operator")
    assert actor is not None
    raw = request.path_params["message_id"]
    if not (raw.isascii() and raw.isdecimal()) or len(raw) > 9:
        raise NotFound(f"no message {raw} today", code="message_not_found")
    await body_of(request)  # none is needed; one sent must still be JSON, as everywhere
    message = await hall.run(actor, lambda h, now: h.read_message(int(raw), counter_id, now))
    return ok({**message.to_json(), "read_here": True})


async def pairing_code(request: Request) -> Response:
    hall = hall_of(request)
    actor = access.require(await actor_of(request), access.OVERSEERS, "creating a pairing code")
    body = await body_of(request)
    role = text_field(body, "role", required=True) or ""
    name = text_field(body, "name", required=True, limit=100) or ""
    counter_id = text_field(body, "counter_id") or None
    code, expires = await hall.create_pairing_code(actor, role, name, counter_id)
    return ok({"code": code, "expires_at": expires.isoformat()}, 201)


async def enroll(request: Request) -> Response:
    hall = hall_of(request)
    body = await body_of(request)
    code = text_field(body, "code", required=True, limit=20) or ""
    name = text_field(body, "name", limit=100)
    given = body.get("roles")  # what the terminal runs as: a code for another is not used up
    roles = [r for r in given if isinstance(r, str)] if isinstance(given, list) else None
    if given is not None and (not roles or roles != given):
        raise InvalidInput("roles must be a list of role names", code="bad_field")
    token, actor = await hall.enroll(code, name, roles)
    return ok(
        {
            "token": token,
            "role": actor.role.value,
            "name": actor.subject,
            "counter_id": actor.counter_id,
            "hall_id": hall.catalogue.hall_id,
        },
        201,
    )


async def whoami(request: Request) -> Response:
    actor = await actor_of(request)
    if actor is None:
        raise Forbidden("no token given", code="unauthorized")
    return ok(
        {
            "role": actor.role.value,
            "name": actor.subject,
            "counter_id": actor.counter_id,
            "supervisor": actor.supervisor,
        }
    )


async def audit_head(request: Request) -> Response:
    hall = hall_of(request)
    access.require(
        await actor_of(request), access.OVERSEERS, "reading the event log's newest event"
    )
    head = hall.head()
    return ok(
        {
            "seq": head.seq if head else 0,
            "hash": hall.head_hash(),
            "witness": str(head) if head else None,
        }
    )


async def operator_today(request: Request) -> Response:
    hall = hall_of(request)
    login = request.path_params["login"]
    actor = await actor_of(request)
    if actor is None:  # as every read that needs a token: 401, not 403
        raise Forbidden(
            "an operator's day needs a token (Authorization: Bearer …)", code="unauthorized"
        )
    if not (actor.oversees or (actor.role is access.Role.OPERATOR and actor.subject == login)):
        raise Forbidden("an operator sees their own day; a supervisor sees everyone's")
    if "\x00" in login or not await asyncio.to_thread(hall.operator_exists, login):
        raise NotFound(f"no operator {login!r}", code="operator_not_found")
    return ok(hall.hall.operator_day(login))


# ------------------------------------------------------------------ terminals


async def terminal_status(request: Request) -> Response:
    """A terminal's heartbeat and its printer's state (kiosks report paper out, offline)."""
    hall = hall_of(request)
    actor = await actor_of(request)
    if actor is None or actor.role is access.Role.OPERATOR:
        raise Forbidden("only an enrolled terminal reports its status", code="unauthorized")
    body = await body_of(request)
    # no printer named: it has none; named empty: an unknown state, refused as one
    printer = text_field(body, "printer") or "" if "printer" in body else "none"
    detail = text_field(body, "detail", limit=200, controls_as_spaces=True) or ""
    await hall.run(
        actor,
        lambda h, now: (
            None,
            h.report_terminal(actor.subject, actor.role.value, printer, detail, now),
        ),
    )
    return ok(hall.hall.terminals[actor.role.value, actor.subject].to_json())


async def get_terminals(request: Request) -> Response:
    hall = hall_of(request)
    access.require(await actor_of(request), access.OVERSEERS, "listing terminals")
    terminals = sorted(hall.hall.terminals.values(), key=lambda t: (t.name, t.role))
    return ok([t.to_json() for t in terminals])


# ------------------------------------------------------------------ bookings


async def post_booking(request: Request) -> Response:
    body = await body_of(request)
    service_id = text_field(body, "service_id", required=True) or ""
    slot_text = text_field(body, "slot_at", required=True) or ""
    iin = tidy_iin(text_field(body, "iin", limit=40) or "") or None  # 12 digits, once tidied
    staff = actor = await actor_of(request)
    if staff is not None and not (
        staff.oversees or staff.supervisor or staff.role is access.Role.CONSULTANT
    ):
        staff = None  # a kiosk or a counter books as the public does
    if iin is None and staff is None:  # the one-per-person rule goes by it
        raise InvalidInput(
            "iin is required (one booking per person in 10 days); a consultant, supervisor "
            "or admin may book for a visitor without one",
            code="missing_field",
        )
    by = staff or booking_page.CITIZEN  # the log names the staff member who booked
    # the public's bookings count against their address; staff and the hall's terminals
    # book with a token
    booking = await booking_page.book_visit(
        request, service_id, slot_text, iin, by, counted=actor is None
    )
    return ok(booking.to_json(), 201)


async def get_booking(request: Request) -> Response:
    hall = hall_of(request)

    async def read(code: str) -> Booking:
        return hall.hall.booking(code)

    return ok((await _by_code(request, read)).public_json())


async def cancel_booking(request: Request) -> Response:
    hall = hall_of(request)
    by = await actor_of(request) or booking_page.CITIZEN  # the log names who cancelled

    async def cancel(code: str) -> Booking:
        return await booking_page.cancel_visit(hall, code, by)

    return ok((await _by_code(request, cancel)).public_json())


async def _by_code(request: Request, use: Callable[[str], Awaitable[Booking]]) -> Booking:
    """The public's wrong codes are counted per address (see `booking.by_code`); staff and
    the hall's terminals, with a token, are not."""
    code = request.path_params["code"]
    if await actor_of(request) is not None:
        return await use(code)
    return await booking_page.by_code(request, code, use)


def routes() -> list[Route]:
    # matched in order: the calls a busy hall makes most come first
    return [
        Route("/health", health, methods=["GET"]),
        Route("/tickets", post_ticket, methods=["POST"]),
        Route("/counters/{counter_id}/call", call, methods=["POST"]),
        Route("/tickets/{ticket_id}/start", ticket_action("start"), methods=["POST"]),
        Route("/tickets/{ticket_id}/finish", ticket_action("finish"), methods=["POST"]),
        Route("/tickets/{ticket_id}/rating", rate, methods=["POST"]),
        Route("/tickets/{ticket_id}", get_ticket, methods=["GET"]),
        Route("/terminals/status", terminal_status, methods=["POST"]),
        Route("/queue", get_queue, methods=["GET"]),
        Route("/hall", get_hall, methods=["GET"]),
        Route("/services", get_services, methods=["GET"]),
        Route("/services/{service_id}", get_service, methods=["GET"]),
        Route("/services/{service_id}", revise_service, methods=["PATCH"]),
        Route("/services/{service_id}/suspend", suspend_service, methods=["POST"]),
        Route("/services/{service_id}/resume", resume_service, methods=["POST"]),
        Route("/counters", get_counters, methods=["GET"]),
        Route("/snapshot", get_snapshot, methods=["GET"]),
        Route("/tickets/{ticket_id}/recall", ticket_action("recall"), methods=["POST"]),
        Route("/tickets/{ticket_id}/no-show", ticket_action("no-show"), methods=["POST"]),
        Route("/tickets/{ticket_id}/requeue", ticket_action("requeue"), methods=["POST"]),
        Route("/tickets/{ticket_id}/postpone", ticket_action("postpone"), methods=["POST"]),
        Route("/tickets/{ticket_id}/transfer", transfer, methods=["POST"]),
        Route("/tickets/{ticket_id}/cancel", cancel, methods=["POST"]),
        Route("/counters/{counter_id}/open", counter_action("open"), methods=["POST"]),
        Route("/counters/{counter_id}/pause", counter_action("pause"), methods=["POST"]),
        Route("/counters/{counter_id}/close", counter_action("close"), methods=["POST"]),
        Route("/counters/{counter_id}/profile", set_profile, methods=["POST"]),
        Route("/counters/{counter_id}/sign-in", sign_in, methods=["POST"]),
        Route("/counters/{counter_id}/sign-out", sign_out, methods=["POST"]),
        Route("/announcement", announce, methods=["POST"]),
        Route("/messages", send_message, methods=["POST"]),
        Route("/messages", get_messages, methods=["GET"]),
        Route("/messages/{message_id}/read", read_message, methods=["POST"]),
        Route("/pairing-codes", pairing_code, methods=["POST"]),
        Route("/enroll", enroll, methods=["POST"]),
        Route("/whoami", whoami, methods=["GET"]),
        Route("/audit/head", audit_head, methods=["GET"]),
        Route("/terminals", get_terminals, methods=["GET"]),
        Route("/operators/{login}/today", operator_today, methods=["GET"]),
        Route("/bookings", post_booking, methods=["POST"]),
        Route("/bookings/{code}", get_booking, methods=["GET"]),
        Route("/bookings/{code}/cancel", cancel_booking, methods=["POST"]),
    ]
