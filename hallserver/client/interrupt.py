"""Ctrl+C for the terminals: it ends the app, as it ends the server, with no traceback."""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType

INTERRUPTED = 130  # the exit code of a program ended by Ctrl+C


def quit_on_interrupt(quit_loop: Callable[[], None]) -> Callable[[], bool]:
    """From now on Ctrl+C calls `quit_loop` (the app's event loop's quit) instead of raising
    KeyboardInterrupt in whatever code runs then (a traceback from a slot, the app going on);
    returns whether it did. Python runs the handler only between its own instructions: the
    loop must run some Python now and then (a timer), or it waits for the next event."""
    interrupted = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupted
        interrupted = True
        quit_loop()

    signal.signal(signal.SIGINT, stop)
    return lambda: interrupted
