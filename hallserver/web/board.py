"""The supervisor's live board: queues, counters, alerts and ratings, pushed; actions from it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket

from hallserver.domain.counters import PauseReason
from hallserver.domain.errors import Forbidden, InvalidInput
from hallserver.domain.hall import Announcement, Hall
from hallserver.domain.ids import JsonObject, Lang, unprintable
from hallserver.domain.tickets import Grade, Ticket, TicketState
from hallserver.service import HallService, Unavailable
from hallserver.store import schema
from hallserver.web.alerts import BoardRules, alerts
from hallserver.web.bodies import body_of
from hallserver.web.live import push_views
from hallserver.web.pages import Words, html_page, lang_links, lang_of, word
from hallserver.web.sessions import ACTION_HEADER, from_this_host, hall_of, supervisor_of

BOARD_TICK_S = 1.0  # alerts follow the hall clock: looked at again every tick, sent on change
MESSAGES_SHOWN = 8  # the last messages to the operators the board lists

WORDS: Words = {
    "title": {"kk": "Зал тақтасы", "ru": "Табло зала", "en": "Hall board"},
    "reports": {"kk": "Есептер", "ru": "Отчёты", "en": "Reports"},
    "services": {"kk": "Қызметтер", "ru": "Услуги", "en": "Services"},
    "sign_out": {"kk": "Шығу", "ru": "Выйти", "en": "Sign out"},
    "loading": {"kk": "Қосылуда…", "ru": "Подключение…", "en": "Connecting…"},
}


def rules_of(conn: HTTPConnection) -> BoardRules:
    rules = getattr(conn.app.state, "board_rules", None)
    return rules if isinstance(rules, BoardRules) else BoardRules()


def _minutes(seconds: float) -> int:
    return max(int(seconds // 60), 0)


def _since_min(since: datetime | None, now: datetime) -> int | None:
    return _minutes((now - since).total_seconds()) if since is not None else None


def board_state(
    hall: Hall, now: datetime, rules: BoardRules, names: Mapping[str, str]
) -> dict[str, Any]:
    """Everything the board shows, in whole minutes, so it changes only when the board would."""
    served: dict[str, int] = {}
    ratings = {grade.value: 0 for grade in Grade}
    for ticket in hall.tickets.values():
        if ticket.state is TicketState.FINISHED:
            served[ticket.service] = served.get(ticket.service, 0) + 1
            if ticket.rating is not None:
                ratings[ticket.rating.value] += 1
    services: list[JsonObject] = []
    for line in hall.queue(now):
        service = line.service
        services.append(
            {
                "id": service.id,
                "prefix": service.prefix,
                "name": service.name.to_json(),
                "waiting": line.waiting,
                "longest_wait_min": _minutes(line.longest_wait_s),
                # no counter open or paused serves it: no minutes (as on every screen)
                "estimated_wait_min": _minutes(line.estimate_for_new.estimated_wait_s + 59)
                if line.open_counters or line.paused_counters
                else None,
                "target_min": service.target_wait_min,
                "over_target": line.longest_wait_s > service.target_wait_min * 60,
                "served_today": served.get(service.id, 0),
                "open_counters": line.open_counters,
                "suspended": line.suspended,
            }
        )
    away: dict[str, list[Ticket]] = {}  # visitors who stepped away, by the counter they left
    coming_back: dict[str, list[Ticket]] = {}  # sent "there and back", by the counter they left
    for ticket in hall.tickets.values():
        if ticket.state is TicketState.POSTPONED and ticket.counter is not None:
            away.setdefault(ticket.counter, []).append(ticket)
        if ticket.return_counter is not None and ticket.state.is_open:
            coming_back.setdefault(ticket.return_counter, []).append(ticket)
    counters: list[JsonObject] = []
    for counter in sorted(hall.counters.values(), key=lambda c: c.number):
        current: JsonObject | None = None
        if counter.current is not None and counter.current in hall.tickets:
            ticket = hall.tickets[counter.current]
            since = ticket.started_at if ticket.state is TicketState.SERVING else ticket.called_at
            current = {
                "id": ticket.id,
                "number": ticket.number,
                "status": ticket.state.value,
                "minutes": _since_min(since, now),
            }
        counters.append(
            {
                "id": counter.id,
                "number": counter.number,
                "name": counter.name.to_json(),
                "state": counter.state.value,
                "pause_reason": counter.pause_reason.value if counter.pause_reason else None,
                "state_min": _since_min(counter.state_since, now),
                "operator_id": counter.operator,
                "operator_name": names.get(counter.operator or "", counter.operator),
                "ticket": current,
                "away": [
                    {"id": t.id, "number": t.number, "service_id": t.service}
                    for t in sorted(away.get(counter.id, []), key=lambda t: t.number)
                ],
                "coming_back": [
                    {"id": t.id, "number": t.number, "service_id": t.service}
                    for t in sorted(coming_back.get(counter.id, []), key=lambda t: t.number)
                ],
                "profile": {s: level.value for s, level in sorted(counter.profile.items())},
            }
        )
    waiting = sorted(
        (t for t in hall.tickets.values() if t.state is TicketState.WAITING),
        key=lambda t: (t.issued_at, t.order),
    )
    state: dict[str, Any] = {
        "day": hall.state.day.isoformat(),
        "clock": now.strftime("%H:%M"),
        "announcement": hall.state.announcement.as_written(),
        "messages": [  # the last ones to the operators, newest first, with who has read them
            {
                "id": m.id,
                "at": m.at.astimezone(now.tzinfo).strftime("%H:%M"),
                "to": hall.counters[m.to].number if m.to in hall.counters else None,
                "text": m.text,
                "read": sorted(hall.counters[c].number for c in m.read if c in hall.counters),
            }
            for m in reversed(hall.state.messages[-MESSAGES_SHOWN:])
        ],
        "services": services,
        "counters": counters,
        "alerts": [a.to_json() for a in alerts(hall, now, rules)],
        "ratings": ratings,
        "waiting": [
            {
                "id": t.id,
                "number": t.number,
                "service_id": t.service,
                "wait_min": _minutes((now - t.issued_at).total_seconds()),
            }
            for t in waiting[:300]
        ],
        "pause_limits_min": dict(rules.pause_limits_min),
    }
    return state


class OperatorNames:
    """Operators' full names for the board, read again when an unknown login appears."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def for_hall(self, hall: HallService) -> dict[str, str]:
        logins = {c.operator for c in hall.hall.counters.values() if c.operator}
        if logins - set(self.names):
            with hall.store.engine.connect() as conn:
                rows = conn.execute(select(schema.operators.c.login, schema.operators.c.name))
                self.names = {str(row.login): str(row.name) for row in rows}
        return self.names


async def board_page(request: Request) -> Response:
    if await supervisor_of(request) is None:
        return RedirectResponse("/board/login?next=/board", status_code=303)
    lang: Lang = lang_of(request)
    body = (
        '<header class="bar"><h1>'
        f'{word(WORDS, "title", lang)}</h1><span id="clock" class="clock"></span>'
        f'<span id="link" class="link off">{word(WORDS, "loading", lang)}</span>'
        f'<a href="/board/services">{word(WORDS, "services", lang)}</a>'
        f'<a href="/reports">{word(WORDS, "reports", lang)}</a>'
        '<form method="post" action="/board/logout">'
        f'<button class="quiet">{word(WORDS, "sign_out", lang)}</button></form>'
        f"{lang_links(lang)}</header>"
        '<main id="board" class="board"></main>'
    )
    return html_page(
        WORDS["title"][lang],
        body,
        lang,
        styles=("site.css", "board.css"),
        scripts=("board.js",),
        remember_lang=True,
    )


async def board_socket(websocket: WebSocket) -> None:
    await websocket.accept()  # then close with 1008: the page tells it from a network failure
    try:
        supervisor = await supervisor_of(websocket)
    except Unavailable:  # the session's row could not be read: the page tries again
        await websocket.close(code=1013)
        return
    if supervisor is None or not from_this_host(websocket):
        await websocket.close(code=1008)
        return
    hall = hall_of(websocket)
    rules = rules_of(websocket)
    names = OperatorNames()
    tick = float(getattr(websocket.app.state, "board_tick_s", BOARD_TICK_S))

    def render() -> str:
        state = board_state(hall.hall, hall.now(), rules, names.for_hall(hall))
        return json.dumps(state, ensure_ascii=False)

    async def still_signed_in() -> bool:  # the session is looked at in memory, once a tick
        try:
            return await supervisor_of(websocket) is not None
        except Unavailable:  # its row could not be read: not a sign-out
            return True

    await push_views(websocket, hall, render, tick_s=tick, allowed=still_signed_in)


# ------------------------------------------------------------------ actions


async def _action_body(request: Request) -> tuple[HallService, Any, JsonObject]:
    actor = await supervisor_of(request)
    if actor is None:
        raise Forbidden("sign in on the board first", code="unauthorized")
    if request.headers.get(ACTION_HEADER) != "1":
        raise Forbidden("board actions come from the board page", code="not_from_board")
    return hall_of(request), actor, await body_of(request)  # read as the API reads it


def _text(body: JsonObject, name: str, limit: int) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{name} is required", code="missing_field")
    if len(value) > limit:
        raise InvalidInput(f"{name} is longer than {limit} characters", code="bad_field")
    if "\x00" in value:  # PostgreSQL stores no NUL in text, and no person types one
        raise InvalidInput(f"{name} holds a NUL character", code="bad_field")
    if unprintable(value):  # a screen would act on it rather than show it
        raise InvalidInput(f"{name} holds a control character", code="bad_field")
    return value


async def counter_state(request: Request) -> Response:
    hall, actor, body = await _action_body(request)
    counter_id = request.path_params["counter_id"]
    action = request.path_params["action"]
    if action == "open":
        await hall.run(actor, lambda h, now: (None, h.open_counter(counter_id, now)))
    elif action == "close":
        await hall.run(actor, lambda h, now: (None, h.close_counter(counter_id, now)))
    elif action == "pause":
        try:
            reason = PauseReason(str(body.get("reason", "other")))
        except ValueError:
            raise InvalidInput("reason is not one I know", code="bad_field") from None
        await hall.run(actor, lambda h, now: (None, h.pause_counter(counter_id, reason, now)))
    else:
        raise InvalidInput(f"no counter action {action}", code="bad_action")
    return JSONResponse(hall.hall.counter(counter_id).to_json())


async def counter_profile(request: Request) -> Response:
    hall, actor, body = await _action_body(request)
    counter_id = request.path_params["counter_id"]
    profile = body.get("profile")
    if not isinstance(profile, dict) or not all(isinstance(v, str) for v in profile.values()):
        raise InvalidInput('profile must be an object like {"id-card": "main"}', code="bad_field")
    levels = {str(k): str(v) for k, v in profile.items()}
    await hall.run(actor, lambda h, now: (None, h.set_profile(counter_id, levels)))
    return JSONResponse(hall.hall.counter(counter_id).to_json())


async def call_out_of_order(request: Request) -> Response:
    hall, actor, body = await _action_body(request)
    counter_id = request.path_params["counter_id"]
    ticket_id = _text(body, "ticket_id", 40)
    # a visitor back from stepping away needs none; a waiting one does (Hall.call_ticket says)
    reason = _text(body, "reason", 300) if str(body.get("reason") or "").strip() else ""
    ticket = await hall.run(
        actor, lambda h, now: h.call_ticket(counter_id, ticket_id, reason.strip(), now)
    )
    return JSONResponse({"id": ticket.id, "number": ticket.number, "status": ticket.state.value})


async def message(request: Request) -> Response:
    hall, actor, body = await _action_body(request)
    to = body.get("counter_id")
    if to is not None and not isinstance(to, str):  # false, 0 or [] is no counter, nor "all"
        raise InvalidInput("counter_id must be a counter's id, or null for all", code="bad_field")
    to = to or None
    text = _text(body, "text", 1000)
    sent = await hall.run(actor, lambda h, now: h.send_message(to, text, actor.subject, now))
    return JSONResponse(sent.to_json(), status_code=201)


async def announcement(request: Request) -> Response:
    hall, actor, body = await _action_body(request)
    texts = Announcement.texts_of(body)
    await hall.run(actor, lambda h, now: (None, h.announce(texts)))
    return JSONResponse(hall.hall.state.announcement.fields())


def routes() -> list[BaseRoute]:
    return [
        Route("/board", board_page, methods=["GET"]),
        WebSocketRoute("/board/ws", board_socket),
        *api_routes(),
    ]


def api_routes() -> list[Route]:
    """The board's JSON actions: a session cookie and the X-Kezek-Board header, no bearer."""
    return [
        Route("/board/api/counters/{counter_id}/profile", counter_profile, methods=["POST"]),
        Route("/board/api/counters/{counter_id}/call", call_out_of_order, methods=["POST"]),
        Route("/board/api/counters/{counter_id}/{action}", counter_state, methods=["POST"]),
        Route("/board/api/announcement", announcement, methods=["POST"]),
        Route("/board/api/messages", message, methods=["POST"]),
    ]
