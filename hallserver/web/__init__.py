"""Pages the hall server serves to browsers: the ticket's page behind the QR code."""

from __future__ import annotations

from starlette.routing import BaseRoute

from hallserver.web import ticket_page


def routes() -> list[BaseRoute]:
    return [*ticket_page.routes()]
