"""The live event stream: replay from `after`, or a snapshot when too far behind, then live."""

from __future__ import annotations

import asyncio
import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.websockets import WebSocket, WebSocketDisconnect

from hallserver.api import wire
from hallserver.api.http import base_url_ws
from hallserver.service import HallService, Unavailable
from hallserver.web.live import until_closed


async def not_upgraded(request: Request) -> Response:
    """A plain GET of the stream's address: say how to read it (426 Upgrade Required)."""
    body = {
        "error": "upgrade_required",
        "message": "the event stream is a WebSocket: connect to ws://…/api/v1/events",
    }
    return JSONResponse(body, status_code=426, headers={"Upgrade": "websocket"})


async def events(websocket: WebSocket) -> None:
    hall: HallService = websocket.app.state.hall
    after_text = websocket.query_params.get("after")
    digits = after_text is not None and after_text.isascii() and after_text.isdecimal()
    # not "+5" nor "5_0"; more digits than any seq has is newer than the log: a snapshot
    # (int() would refuse 4,300 digits and more)
    after = None
    if digits and after_text is not None:
        after = int(after_text) if len(after_text) <= 30 else 10**30
    await websocket.accept()
    if after_text is not None and (after is None or after < 0):
        await websocket.send_text(
            json.dumps({"error": "invalid_input", "message": "after must be a whole number ≥ 0"})
        )
        await websocket.close(code=1008)
        return
    sub = hall.hub.subscribe()  # before reading the backlog, so nothing falls in between
    watcher = asyncio.create_task(until_closed(websocket, sub))
    try:
        sent = -1
        seen_at = websocket.query_params.get("at")  # when its event `after` was: the same log?
        backlog = hall.hub.replay(after, seen_at) if after is not None else None
        if backlog is None:
            url = base_url_ws(websocket)
            try:  # as of its last durable event, numbered so
                data, seq, seq_at = await hall.stamped(
                    lambda h: wire.snapshot(hall.catalogue, h, hall.now(), url)
                )
            except Unavailable:  # a refused commit is being taken back: come again
                await websocket.close(code=1013)
                return
            message = {
                "seq": seq,
                "seq_at": seq_at,  # its event `seq`'s `at`: resumed with, as after an event
                "type": "snapshot",
                "at": hall.now().isoformat(),
                "data": data,
            }
            await websocket.send_text(json.dumps(message, ensure_ascii=False))
            sent = seq
        else:
            for seq, text in backlog:
                await websocket.send_text(text)
                sent = seq
        while True:
            item = await sub.queue.get()
            if item is None:
                if not sub.closed_by_client:  # fell too far behind: it will resume by `after`
                    await websocket.close(code=1013)
                return
            seq, text = item
            if seq <= sent:
                continue
            await websocket.send_text(text)
            sent = seq
    except (WebSocketDisconnect, RuntimeError, OSError):
        return
    finally:
        watcher.cancel()
        hall.hub.unsubscribe(sub)
