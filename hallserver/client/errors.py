"""What the client raises (all caught by one ``except ClientError``) and the API's URL."""

from __future__ import annotations

from hallserver.protocol import (
    API_PATH,
    JsonObject,
)


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
