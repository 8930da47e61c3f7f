"""Many tickets leave nothing behind: live widgets, classes and the kiosk's objects stay flat."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.flow import Screen
from tests.kiosk.test_citizen import ready, tap

WATCHED = ("kiosk", "PySide6", "shiboken6", "hallserver.protocol", "hallserver.client")
# (not the rest of hallserver: the live server runs in this process and keeps its tickets)


@dataclass(frozen=True)
class Census:
    """What is alive after the event loop's pending work and a gc."""

    widgets: int  # QWidgets alive in Qt
    classes: int  # Python classes (PySide6 made one per new gesture type: the leak found)
    objects: int  # gc-tracked objects of the kiosk's, its client's and Qt's types


def _module(thing: object) -> str:
    module = type(thing).__dict__.get("__module__")  # some C types have none, or a descriptor
    return module if isinstance(module, str) else ""


def census() -> Census:
    for _ in range(3):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    everything = gc.get_objects()
    return Census(
        widgets=len(QApplication.allWidgets()),
        classes=sum(isinstance(o, type) for o in everything),
        objects=sum(_module(o).startswith(WATCHED) for o in everything),
    )


def test_thirty_tickets_in_three_languages_leave_no_widgets_classes_or_objects_behind(
    qtbot: QtBot, make_kiosk: Callable[..., object]
) -> None:
    window = ready(qtbot, make_kiosk())
    flow = window.flow  # type: ignore[attr-defined]

    def take(language: str) -> None:
        tap(qtbot, window, f"choose-{language}")
        tap(qtbot, window, "service-id-card")
        tap(qtbot, window, "take-ticket")
        qtbot.waitUntil(lambda: flow.screen is Screen.TICKET, timeout=5000)
        tap(qtbot, window, "done")
        assert flow.screen is Screen.WELCOME

    for language in ("kk", "ru", "en"):  # warm up: translators, fonts, the QR's first sizes
        take(language)
    before = census()
    for i in range(30):
        take(("kk", "ru", "en")[i % 3])
    after = census()
    assert after.widgets == before.widgets, f"{after.widgets - before.widgets} widgets kept"
    assert after.classes == before.classes, f"{after.classes - before.classes} classes made"
    # Each ticket is ~8 screens: a leak of one object per screen shows as 240 or more.
    assert after.objects - before.objects < 30, f"{after.objects - before.objects} objects kept"
