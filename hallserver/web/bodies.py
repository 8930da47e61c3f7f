"""Request bodies and headers read straight from the ASGI messages, for the API and the
board alike: a JSON object of at most 64 KiB, or a clear refusal."""

from __future__ import annotations

from urllib.parse import parse_qs

import orjson
from starlette.requests import ClientDisconnect, Request

from hallserver.domain.errors import InvalidInput
from hallserver.domain.ids import JsonObject

MAX_BODY = 64 * 1024


def header(request: Request, name: bytes) -> str:
    """One request header ('' when absent), read straight from the scope: building Starlette's
    Headers decodes every header, and the hot routes need one or two."""
    for key, value in request.scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return ""


async def body_of(request: Request) -> JsonObject:
    raw = await _read_body(request)
    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise InvalidInput("the request body is not valid JSON", code="bad_json") from None
    if not isinstance(data, dict):
        raise InvalidInput("the request body must be a JSON object", code="bad_json")
    return data


async def form_of(request: Request, limit: int = MAX_BODY) -> dict[str, str]:
    """A urlencoded form's fields (the first value of each), a textarea's line ends as "\n"
    (browsers send "\r\n"); a longer form is refused."""
    raw = await _read_body(request, max(limit, MAX_BODY))
    if len(raw) > limit:
        raise InvalidInput("the form is too long", code="form_too_long")
    fields = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
    return {
        name: values[0].replace("\r\n", "\n").replace("\r", "\n")
        for name, values in fields.items()
        if values
    }


async def _read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request's body, read from the ASGI messages directly (Starlette's `body()` goes
    through an async generator: most of the cost of a small body)."""
    declared = header(request, b"content-length").lstrip("0")  # int() takes 4,300 digits at most
    if declared.isdecimal() and (len(declared) > 9 or int(declared) > limit):  # before reading
        raise InvalidInput(
            f"the request body is larger than {limit // 1024} KiB", code="body_too_large"
        )
    chunks, size = [], 0
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:  # a command is a few hundred bytes: this is a mistake or an attack
            raise InvalidInput(
                f"the request body is larger than {limit // 1024} KiB", code="body_too_large"
            )
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)
