"""Pages the hall server serves to browsers: the board, reports, the ticket page, booking."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from hallserver.web import (
    board,
    booking,
    metrics,
    reports_page,
    services_page,
    sessions,
    ticket_page,
)

STATIC = Path(__file__).parent / "static"


def routes() -> list[BaseRoute]:
    return [
        *ticket_page.routes(),
        *sessions.routes(),
        *board.routes(),
        *services_page.routes(),
        *reports_page.routes(),
        *booking.routes(),
        *metrics.routes(),
        Route("/favicon.ico", favicon, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


async def favicon(request: Request) -> Response:
    """The tab's icon, which browsers ask for on every page (a 404 each time before)."""
    return FileResponse(
        STATIC / "favicon.svg",
        media_type="image/svg+xml",
        headers={"Cache-Control": "max-age=86400"},
    )


def v1_routes() -> list[Route]:
    """Routes of these pages' modules that live under /api/v1, as the API's mount serves them
    (inside it, a wrong method is a 405 naming the right ones, as on every API path)."""
    return [
        Route(r.path.removeprefix("/api/v1"), r.endpoint, methods=sorted(r.methods or ()))
        for r in booking.api_routes()
    ]


def api_routes() -> list[Route]:
    """The JSON routes above that the OpenAPI document describes (paths as served)."""
    return [*booking.api_routes(), *board.api_routes()]


def install(app: Starlette) -> None:
    """Request latencies for /metrics; call once on the app, before it starts."""
    collected = metrics.Metrics(app.state.hall)
    app.state.web_metrics = collected
    app.add_middleware(metrics.LatencyMiddleware, metrics=collected)
