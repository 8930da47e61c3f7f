"""The wall display's window: lays the panels out for the orientation and feeds them the board."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import QWidget

from display.board import Board
from display.link import HallLink
from display.views import paint
from display.views.bars import HeaderBar, TickerBar
from display.views.calls import CallsPanel
from display.views.lines import LinesPanel
from display.voice import Announcer
from hallserver.protocol import HallEvent, ServiceView, Snapshot

log = logging.getLogger(__name__)
RECENT_SETTLE_MS = 400  # quiet after the last replayed call: the replay is over
LINES_TEXT = 0.043  # the waiting list's text, of the screen's shorter side
I18N = Path(__file__).resolve().parent.parent / "i18n"


class Translations:
    """The display's QTranslators, one language installed at a time."""

    def __init__(self) -> None:
        self._translators: dict[str, QTranslator] = {}
        self._installed: QTranslator | None = None

    def install(self, lang: str) -> bool:
        """Install `lang`; False when its .qm is missing (English source texts then show)."""
        app = QCoreApplication.instance()
        if app is None:
            return False
        if self._installed is not None:
            app.removeTranslator(self._installed)
            self._installed = None
        translator = self._translators.get(lang)
        if translator is None:
            translator = QTranslator()
            if not translator.load(str(I18N / f"display_{lang}.qm")):
                log.warning(
                    "no compiled translation display_%s.qm (run scripts/build-translations)", lang
                )
                return False
            self._translators[lang] = translator
        app.installTranslator(translator)
        self._installed = translator
        return True


class DisplayWindow(QWidget):
    """The whole screen. Renders the board; takes snapshots and events from the link's signals."""

    def __init__(
        self,
        board: Board,
        announcer: Announcer | None,
        *,
        orientation: str,
        columns: int = 1,
        languages: Sequence[str] = ("kk", "ru"),
        switch_s: float = 15.0,
        blink_s: float = 6.0,
        page_s: float = 8.0,
        slides: Sequence[QImage] = (),
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        translations: Translations | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.board = board
        self.announcer = announcer
        self.orientation = orientation
        self.languages = tuple(languages)
        self.lang = self.languages[0]
        self._clock = clock
        self._wall_clock = wall_clock
        self._translations = translations or Translations()
        self.setWindowTitle("Kezek")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), paint.BACKGROUND)
        self.setPalette(palette)
        portrait = orientation == "portrait"
        big_rows = {1: 4, 2: 5, 3: 3}[columns] if portrait else (3 if columns == 1 else 4)
        self.header = HeaderBar(self)
        self.calls_panel = CallsPanel(
            columns,
            big_rows,
            history_columns=3 if columns == 1 else 4,
            history_rows=2,
            blink_s=blink_s,
            clock=clock,
            parent=self,
        )
        self.lines_panel = LinesPanel(parent=self, slides=slides)
        self.ticker = TickerBar(self)
        self.online = False

        self._blink = QTimer(self, interval=450)
        self._blink.timeout.connect(self._on_blink)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self._pages = QTimer(self, interval=max(1, int(page_s * 1000)))
        self._pages.timeout.connect(self.lines_panel.next_page)
        self._pages.start()
        self._scroll = QTimer(self, interval=40)
        self._scroll.timeout.connect(lambda: self.ticker.step(3))
        self._switch = QTimer(self, interval=max(1, int(switch_s * 1000)))
        self._switch.timeout.connect(self._on_switch_language)
        if switch_s > 0 and len(self.languages) > 1:
            self._switch.start()
        # recent calls replayed after a reconnection, said once the replay has settled
        self._recent_calls: list[str] = []
        self._settle = QTimer(self, singleShot=True, interval=RECENT_SETTLE_MS)
        self._settle.timeout.connect(self._say_recent_calls)
        self.set_language(self.lang)
        self._on_tick()

    # ------------------------------------------------------------------ inputs (slots)

    def listen(self, link: HallLink) -> None:
        """Follow `link`: the services, the state, each event, the connection."""
        link.services_received.connect(self.on_services_received)
        link.snapshot_received.connect(self.on_snapshot_received)
        link.event_received.connect(self.on_event_received)
        link.recent_call.connect(self.on_recent_call)
        link.online_changed.connect(self.on_online_changed)

    def on_services_received(self, services: list[ServiceView]) -> None:
        self.board.set_services(services)
        self._refresh()

    def on_snapshot_received(self, snapshot: Snapshot) -> None:
        self.board.apply_snapshot(snapshot)
        self._recent_calls = []  # the state as it is: none of them is news now
        if self.announcer is not None:  # nor is a call waiting whose visitor has come since
            self.announcer.keep_only({t.id for t in snapshot.tickets if t.status == "called"})
        self._refresh()

    def on_event_received(self, event: HallEvent, live: bool) -> None:
        call = self.board.apply_event(event, self._clock(), live)
        ticket = event.ticket
        if ticket is not None and ticket.status != "called":  # not to be called out now
            if ticket.id in self._recent_calls:  # neither said nor flashed, voice or not
                self._recent_calls.remove(ticket.id)
            if self.announcer is not None:
                self.announcer.withdraw(ticket.id)
        try:
            if call is not None and self.announcer is not None:
                self.announcer.say(call)
        except Exception:  # the voice's trouble: the screen shows the call all the same
            log.exception("the voice failed on %s", call.number if call else "?")
        self._refresh()

    def on_recent_call(self, event: HallEvent) -> None:
        """A call replayed seconds after it was made: said once the replay is over, if its
        visitor has not reached the counter (or been sent on) meanwhile."""
        ticket = event.ticket
        if ticket is not None and ticket.id not in self._recent_calls:
            self._recent_calls.append(ticket.id)
        self._settle.start()  # each replayed call puts it off: the replay comes in a burst

    def _say_recent_calls(self) -> None:
        recent, self._recent_calls = self._recent_calls, []
        for ticket_id in recent:
            call = self.board.flash(ticket_id, self._clock())
            if call is not None and self.announcer is not None:
                self.announcer.say(call)
        self._refresh()

    def on_online_changed(self, online: bool) -> None:
        self.online = online
        self.header.offline = not online
        self.header.ever_online = self.header.ever_online or online
        self.header.update()

    # ------------------------------------------------------------------ language

    def set_language(self, lang: str) -> None:
        """Show the screen in `lang`: Qt texts through the translator, catalogue texts by key."""
        self.lang = lang
        self._translations.install(lang)
        self.header.lang = lang
        self._refresh()

    def _on_switch_language(self) -> None:
        index = self.languages.index(self.lang) if self.lang in self.languages else -1
        self.set_language(self.languages[(index + 1) % len(self.languages)])

    # ------------------------------------------------------------------ rendering

    def _refresh(self) -> None:
        board = self.board
        self.header.hall_name = board.hall_name(self.lang)
        self.header.update()
        self.calls_panel.show_calls(board.calls, board.seq)
        self.lines_panel.show_lines(board.lines(), self.lang)
        if self.ticker.text != (text := board.announcement_in(self.lang)):
            self.ticker.set_text(text)
            self._layout()
        if self.calls_panel.flashing() and not self._blink.isActive():
            self.calls_panel.blink_on = True
            self._blink.start()

    def _on_blink(self) -> None:
        if not self.calls_panel.flashing():
            self._blink.stop()
            self.calls_panel.blink_on = True
        else:
            self.calls_panel.blink_on = not self.calls_panel.blink_on
        self.calls_panel.update()

    def _on_tick(self) -> None:
        now = self._wall_clock()
        hall = self.board.hall
        if hall is not None:
            with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
                now = now.astimezone(ZoneInfo(hall.timezone))
        self.header.now = now
        self.header.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._layout()
        super().resizeEvent(event)

    def _layout(self) -> None:
        w, h = self.width(), self.height()
        has_ticker = bool(self.ticker.text)
        self.ticker.setVisible(has_ticker)
        # the waiting list's letters: read from 6 m and more on a 55" screen (1080 pixels across)
        text_px = max(12, round(min(w, h) * LINES_TEXT))
        if self.orientation == "portrait":
            header_h = int(h * 0.075)
            ticker_h = int(h * 0.045) if has_ticker else 0
            calls_h = int(h * 0.52)  # the waiting list below needs the room
            self.header.setGeometry(0, 0, w, header_h)
            self.calls_panel.setGeometry(0, header_h, w, calls_h)
            self.lines_panel.text_px = text_px  # first: its resize counts rows
            self.lines_panel.setGeometry(
                0, header_h + calls_h, w, h - header_h - calls_h - ticker_h
            )
        else:
            header_h = int(h * 0.12)
            ticker_h = int(h * 0.075) if has_ticker else 0
            calls_w = int(w * {1: 0.56, 2: 0.64, 3: 0.72}[self.calls_panel.columns])
            body_h = h - header_h - ticker_h
            self.header.setGeometry(0, 0, w, header_h)
            self.calls_panel.setGeometry(0, header_h, calls_w, body_h)
            self.lines_panel.text_px = text_px
            self.lines_panel.setGeometry(calls_w, header_h, w - calls_w, body_h)
        self.ticker.setGeometry(0, h - ticker_h, w, ticker_h)
        if self.ticker.scrolls() and has_ticker:
            self._scroll.start()
        else:
            self._scroll.stop()
