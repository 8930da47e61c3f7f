"""Pages' own WebSockets: render the page's view after every event or clock tick, push changes.

The server does the work; the browser only listens, so a cheap phone receives a few hundred
bytes and never polls.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from starlette.websockets import WebSocket, WebSocketDisconnect

from hallserver.hub import Subscription
from hallserver.service import HallService


async def push_views(
    websocket: WebSocket,
    hall: HallService,
    render: Callable[[], str],
    *,
    tick_s: float | None,
    done: Callable[[], bool] = lambda: False,
    allowed: Callable[[], Awaitable[bool]] | None = None,
) -> None:
    """Send `render()` now, then again whenever it changes; the socket is already accepted.
    `allowed` is asked before each send: once it says no (a session signed out, expired or
    ended for a disabled operator), the socket is closed with 1008."""
    sub = hall.hub.subscribe()
    watcher = asyncio.create_task(until_closed(websocket, sub))
    try:
        sent = ""
        while True:
            if allowed is not None and not await allowed():
                await websocket.close(code=1008)
                return
            text = render()
            if text != sent:
                await websocket.send_text(text)
                sent = text
            if done():
                await websocket.close()
                return
            try:
                item = await asyncio.wait_for(sub.queue.get(), timeout=tick_s)
            except TimeoutError:
                continue
            if item is None:
                if not sub.closed_by_client:
                    await websocket.close(code=1013)  # too far behind: the page reconnects
                return
            while not sub.queue.empty():  # one render for everything committed together
                if sub.queue.get_nowait() is None:
                    return
    except (WebSocketDisconnect, RuntimeError, OSError):
        return
    finally:
        watcher.cancel()
        hall.hub.unsubscribe(sub)


async def until_closed(websocket: WebSocket, sub: Subscription) -> None:
    """Clients only listen; when one goes away, wake its sender so it ends at once."""
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
    except (WebSocketDisconnect, RuntimeError, OSError):
        pass
    sub.closed_by_client = True
    with contextlib.suppress(asyncio.QueueFull):
        sub.queue.put_nowait(None)
