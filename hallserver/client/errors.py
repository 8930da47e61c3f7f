"""What the client raises (all caught by one ``except ClientError``) and the API's URL."""

from __future__ import annotations

import argparse
from urllib.parse import urlsplit

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


def server_url(text: str) -> str:
    """A hall server's URL as typed for --server, checked (an argparse type: a bad one is the
    one line of a usage error, not a traceback from deep in the HTTP client)."""
    parts = urlsplit(text.strip())
    try:
        port = parts.port  # a port that is not a number, or out of range, raises here
    except ValueError:
        port = -1
    if parts.scheme not in ("http", "https") or not parts.hostname or port == -1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a hall server's URL: give the address as http://HOST:PORT"
        )
    return text.strip()


def api_url(base_url: str) -> str:
    """`http://host:port` (or one already ending in /api/v1) -> the API's root URL."""
    base = base_url.rstrip("/")
    return base if base.endswith(API_PATH) else base + API_PATH
