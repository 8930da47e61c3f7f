"""The hall server's ASGI app: routes, error mapping, start-up and shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence

from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Mount, Route, WebSocketRoute
from starlette.types import Scope

from hallserver import web
from hallserver.api import http, openapi, ws
from hallserver.config import BOOKINGS_PER_HOUR
from hallserver.domain.errors import HallClosed, HallError, WrongDay
from hallserver.service import HallService
from hallserver.web.booking import BookingLimit, wrong_codes
from hallserver.web.pages import status_of

log = logging.getLogger(__name__)
TICK_S = 30.0


async def hall_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HallError)
    body: dict[str, object] = {"error": exc.code, "message": exc.message}
    if isinstance(exc, HallClosed):
        body["opens_at"] = exc.opens_at.isoformat() if exc.opens_at else None
    if isinstance(exc, WrongDay):  # the day booked, and the slot's time on it
        body["booked_day"] = exc.slot_at.date().isoformat()
        body["slot_at"] = exc.slot_at.isoformat()
    return JSONResponse(body, status_code=status_of(exc))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not_found", 405: "method_not_allowed"}
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # every method the path has, from each of its routes
        top = {**request.scope, "root_path": request.scope.get("app_root_path", "")}
        headers["Allow"] = ", ".join(sorted(_methods(request.app.routes, top)))
    return JSONResponse(
        {"error": codes.get(exc.status_code, "http_error"), "message": exc.detail},
        status_code=exc.status_code,
        headers=headers,
    )


def _methods(routes: Sequence[BaseRoute], scope: Scope) -> set[str]:
    methods: set[str] = set()
    for route in routes:
        match, child = route.matches(scope)
        if match is Match.NONE:
            continue
        if isinstance(route, Mount):
            methods |= _methods(route.routes, {**scope, **child})
        elif isinstance(route, Route) and route.methods:
            methods |= route.methods
    return methods


async def database_error(request: Request, exc: Exception) -> Response:
    """A database that is locked or out of reach where a request read it directly: a 503 to
    try again, as for a refused commit (not a 500 with a traceback)."""
    log.warning("a request met an unavailable database: %s", exc)
    body = {"error": "unavailable", "message": "the hall's database is unavailable; try again"}
    return JSONResponse(body, status_code=503)


async def get_openapi(request: Request) -> Response:
    return JSONResponse(openapi.document(http.routes(), web.api_routes()))


def create_app(
    hall: HallService,
    *,
    public_url: str | None = None,
    bookings_per_hour: int = BOOKINGS_PER_HOUR,
    on_start: Sequence[Callable[[], None]] = (),
    on_stop: Sequence[Callable[[], None]] = (),
) -> Starlette:
    """The app over a HallService; the lifespan starts and stops the service."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await hall.start()
        ticker = asyncio.create_task(_tick(hall), name="kezek-day")
        for callback in on_start:
            callback()
        try:
            yield
        finally:
            for callback in on_stop:
                callback()
            ticker.cancel()
            await hall.stop()

    app = Starlette(
        routes=[  # the API first: its requests are the ones a busy hall makes most
            Mount(
                "/api/v1",
                routes=[
                    *web.v1_routes(),
                    *http.routes(),
                    WebSocketRoute("/events", ws.events),
                    Route("/events", ws.not_upgraded, methods=["GET"]),
                ],
            ),
            Route("/openapi.json", get_openapi, methods=["GET"]),
            *web.routes(),
        ],
        exception_handlers={
            HallError: hall_error,
            HTTPException: http_error,
            OperationalError: database_error,
        },
        lifespan=lifespan,
    )
    app.state.hall = hall
    app.state.public_url = public_url.rstrip("/") if public_url else None
    app.state.base_urls = {}  # see http.base_url
    app.state.booking_limit = BookingLimit(bookings_per_hour)  # the public's, by address
    app.state.wrong_codes = wrong_codes()
    web.install(app)
    return app


async def _tick(hall: HallService) -> None:
    while True:
        await asyncio.sleep(TICK_S)
        try:
            await hall.tick()
        except HallError as exc:
            log.warning("day change deferred: %s", exc.message)
        except Exception:  # a database hiccup: the next tick tries again, the ticker lives on
            log.exception("the hall's tick failed; trying again in %.0f s", TICK_S)
