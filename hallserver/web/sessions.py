"""Supervisors' browser sessions: sign in with login + PIN or a token, kept in an HttpOnly cookie.

A session is a token of its own (role supervisor or admin) written to the store's tokens table
through the hall's single writer, so it survives a restart; signing out revokes it.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from html import escape
from urllib.parse import urlencode

from starlette.requests import HTTPConnection, Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from hallserver import access
from hallserver.access import Actor, Role
from hallserver.service import HallService
from hallserver.store.sql import login_key, operator_row
from hallserver.web.bodies import form_of
from hallserver.web.pages import Words, html_page, lang_links, lang_of, word

COOKIE = "kezek_session"
SESSION_S = 12 * 3600
LOCK_AFTER = 5
LOCK_FOR_S = 60.0
ACTION_HEADER = "x-kezek-board"  # a custom header: another site's form or script can't send it

WORDS: Words = {
    "title": {"kk": "Жетекшінің кіруі", "ru": "Вход руководителя", "en": "Supervisor sign-in"},
    "login": {"kk": "Логин", "ru": "Логин", "en": "Login"},
    "pin": {"kk": "PIN-код", "ru": "PIN-код", "en": "PIN"},
    "sign_in": {"kk": "Кіру", "ru": "Войти", "en": "Sign in"},
    "or_token": {
        "kk": "немесе жетекші не әкімші токенімен",
        "ru": "или с токеном руководителя или администратора",
        "en": "or with a supervisor or admin token",
    },
    "token": {"kk": "Токен", "ru": "Токен", "en": "Token"},
    "wrong": {
        "kk": "Логин, PIN немесе токен қате, не жетекші құқығы жоқ",
        "ru": "Неверный логин, PIN или токен, либо нет прав руководителя",
        "en": "Wrong login, PIN or token, or no supervisor rights",
    },
    "locked": {
        "kk": "Тым көп қате әрекет: бір минут күтіңіз",
        "ru": "Слишком много неверных попыток: подождите минуту",
        "en": "Too many wrong tries: wait a minute",
    },
}


class Sessions:
    """The sessions this server handed out, and the sign-in attempts it refused."""

    def __init__(self) -> None:
        self._failures: dict[str, tuple[int, float]] = {}

    async def actor(self, hall: HallService, conn: HTTPConnection) -> Actor | None:
        token = conn.cookies.get(COOKIE)
        if not token:
            return None
        actor = await hall.authenticate(token)
        if actor is None or not actor.oversees:
            return None
        return actor

    def locked(self, key: str) -> bool:
        failures, since = self._failures.get(key, (0, 0.0))
        return failures >= LOCK_AFTER and time.monotonic() - since < LOCK_FOR_S

    def failed(self, key: str) -> None:
        now = time.monotonic()
        if len(self._failures) > 10_000:  # tries from a crowd of addresses: keep the recent
            self._failures = {k: v for k, v in self._failures.items() if now - v[1] < LOCK_FOR_S}
        failures, _ = self._failures.get(key, (0, 0.0))
        self._failures[key] = (failures + 1, now)

    async def open(self, hall: HallService, actor: Actor) -> str:
        return await hall.open_session(actor, timedelta(seconds=SESSION_S))

    async def close(self, hall: HallService, token: str) -> None:
        actor = await hall.authenticate(token)
        if actor is not None:
            await hall.revoke(actor, token)

    async def actor_for_token(self, hall: HallService, token: str) -> Actor | None:
        return await hall.authenticate(token)


def sessions_of(conn: HTTPConnection) -> Sessions:
    state = conn.app.state
    if not hasattr(state, "web_sessions"):
        state.web_sessions = Sessions()
    sessions: Sessions = state.web_sessions
    return sessions


def hall_of(conn: HTTPConnection) -> HallService:
    hall: HallService = conn.app.state.hall
    return hall


def from_this_host(conn: HTTPConnection) -> bool:
    """Not another site's page (a form, a socket): no Origin, or this server's own."""
    origin = conn.headers.get("origin")
    return not origin or origin.split("://")[-1] == conn.headers.get("host")


async def supervisor_of(conn: HTTPConnection) -> Actor | None:
    return await sessions_of(conn).actor(hall_of(conn), conn)


async def check_operator(hall: HallService, login: str, pin: str) -> Actor | None:
    """A supervisor operator whose PIN matches, as a supervisor session's actor."""
    if "\x00" in login:  # no login has one, and PostgreSQL refuses to look one up
        return None
    with hall.store.engine.connect() as conn:
        row = operator_row(conn, login)
    if row is None or not row.supervisor or row.disabled:  # one who has left signs in no more
        return None
    if not await asyncio.to_thread(access.check_pin, pin, row.pin_hash):
        return None
    return Actor(Role.SUPERVISOR, str(row.login))


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//"):
        return value
    return "/board"


def login_form(
    request: Request, error: str = "", status: int = 200, login_name: str = ""
) -> Response:
    """The sign-in page; after a refusal, the login typed is there again (not the PIN)."""
    lang = lang_of(request)
    next_url = _safe_next(request.query_params.get("next"))
    message = f'<p class="error" role="alert">{word(WORDS, error, lang)}</p>' if error else ""
    action = escape(f"/board/login?{urlencode({'next': next_url, 'lang': lang})}")
    body = (
        f'<main class="narrow"><h1>{word(WORDS, "title", lang)}</h1>{message}'
        f'<form method="post" action="{action}" class="card">'
        f'<label>{word(WORDS, "login", lang)}<input name="login" autocomplete="username" '
        f'value="{escape(login_name)}" required></label>'
        f'<label>{word(WORDS, "pin", lang)}<input name="pin" type="password" '
        'inputmode="numeric" autocomplete="current-password" required></label>'
        f'<button type="submit">{word(WORDS, "sign_in", lang)}</button></form>'
        f'<p class="muted">{word(WORDS, "or_token", lang)}</p>'
        f'<form method="post" action="{action}" class="card">'
        f'<label>{word(WORDS, "token", lang)}<input name="token" type="password" '
        'autocomplete="off" required></label>'
        f'<button type="submit">{word(WORDS, "sign_in", lang)}</button></form>'
        f"{lang_links(lang, escape('&' + urlencode({'next': next_url})))}</main>"
    )
    return html_page(WORDS["title"][lang], body, lang, status=status, remember_lang=True)


async def login_page(request: Request) -> Response:
    if await supervisor_of(request) is not None:
        return RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    return login_form(request)


async def login(request: Request) -> Response:
    hall = hall_of(request)
    sessions = sessions_of(request)
    form = await form_of(request)
    host = request.client.host if request.client else "?"
    login_name = form.get("login", "").strip()[:60]
    key = f"{host}:{login_key(login_name) if login_name else 'token'}"  # AIGUL is aigul
    if sessions.locked(key):
        return login_form(request, "locked", 429, login_name)
    actor: Actor | None = None
    if "token" in form:
        given = await sessions.actor_for_token(hall, form["token"].strip())
        if given is not None and given.oversees:
            actor = Actor(given.role, given.subject)
    elif login_name:
        actor = await check_operator(hall, login_name, form.get("pin", "")[:32])
    if actor is None:
        sessions.failed(key)
        return login_form(request, "wrong", 401, login_name)
    token = await sessions.open(hall, actor)
    response = RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    response.set_cookie(
        COOKIE, token, max_age=SESSION_S, httponly=True, samesite="strict", path="/"
    )
    return response


async def logout(request: Request) -> Response:
    token = request.cookies.get(COOKIE)
    if token:
        await sessions_of(request).close(hall_of(request), token)
    response = RedirectResponse("/board/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def routes() -> list[Route]:
    return [
        Route("/board/login", login_page, methods=["GET"]),
        Route("/board/login", login, methods=["POST"]),
        Route("/board/logout", logout, methods=["POST"]),
    ]
