"""Citizen mode: the touchscreen's screens, rendered from CitizenFlow; taps are forwarded to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from hallserver.protocol import (
    HALL_ANNOUNCEMENT,
    SERVICE_CHANGED,
    HallEvent,
    QueueEntry,
    ServiceView,
    Snapshot,
    TicketView,
)
from kiosk.config import KioskConfig
from kiosk.flow import PRIORITIES, CitizenFlow, Issued, IssueRequest, Screen
from kiosk.hallstate import text_in
from kiosk.issuing import SlipWords, in_line
from kiosk.link import KioskLink, Refusal
from kiosk.translations import Translations
from kiosk.views import texts
from kiosk.views.theme import ICONS, Sizes
from kiosk.views.widgets import (
    KEYBOARD_ROWS,
    Keypad,
    Tile,
    WrapButton,
    bullet,
    button,
    fit_tiles,
    label,
    qr_pixmap,
    tile_grid,
    wrap_button,
)

ENDONYMS = (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English"))
SHORT = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}
WELCOME_WORDS = {
    "choose": QT_TRANSLATE_NOOP("Welcome", "Choose your language"),
    "priority": QT_TRANSLATE_NOOP(
        "Welcome", "Priority: people with disabilities, elderly, pregnant"
    ),
    "appointment": QT_TRANSLATE_NOOP("Welcome", "I have an appointment"),
    "closed": QT_TRANSLATE_NOOP("Welcome", "The hall is closed now: no tickets are issued."),
    "opens_at": QT_TRANSLATE_NOOP("Welcome", "The hall is closed now: it opens at {time}."),
}


HOME_MOST = 16  # services the home screen may show: two columns down a portrait screen
SEARCH_KEYBOARD_SHARE = 0.42  # of a landscape screen's width, for the search keyboard


class CitizenWindow(QWidget):
    """The citizen kiosk: one page per flow screen, rebuilt on every change (it is cheap)."""

    def __init__(
        self,
        flow: CitizenFlow,
        link: KioskLink,
        translations: Translations,
        config: KioskConfig,
        sizes: Sizes,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.flow = flow
        self.link = link
        self.translations = translations
        self.config = config
        self.sizes = sizes
        self.page: QWidget | None = None
        self._action: QWidget | None = None  # the screen's main button, kept out of the scroll
        # the home screen's grid, its services' tiles and the two ways to the rest, and columns
        self._home: list[Tile] | None = None  # services' tiles for _fit_home to place
        self.setObjectName("citizen")
        self.setProperty("role", "page")
        self.setAutoFillBackground(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(sizes.gap * 2, sizes.gap, sizes.gap * 2, sizes.gap)
        # One scroll area for the window's life, moved into each new page: grabbing the touch
        # gesture registers a new recognizer and gesture type in Qt (never reused, and a new
        # Python enum class each), so a scroll area per page grew memory with every screen.
        self._scroll = QScrollArea()
        self._scroll.setObjectName("scroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Touch drags scroll; mouse-synthesised taps are left alone: LeftMouseButtonGesture
        # swallowed quick repeated taps on the number pad (seen in tests).
        QScroller.grabGesture(self._scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self._rendered: tuple[Screen, str] | None = None
        self._laid_out_for = QSize()  # the window's size when the page was last built
        self._relayout = QTimer(self, singleShot=True, interval=0)  # a resize's: once, after
        self._relayout.timeout.connect(self._on_resized)
        self._idle = QTimer(self, singleShot=True, interval=int(config.idle_s * 1000))
        self._idle.timeout.connect(self._on_idle)
        self._ticket_timer = QTimer(self, singleShot=True)
        self._ticket_timer.timeout.connect(self._on_idle)
        link.online_changed.connect(self._on_online_changed)
        link.snapshot_received.connect(self._on_snapshot_received)
        link.event_received.connect(self._on_event_received)
        link.done.connect(self._on_done)
        link.failed.connect(self._on_failed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        translations.install(flow.language)
        self.render()

    # ------------------------------------------------------------------ input

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        touched = event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
        if touched and self.flow.screen not in (Screen.WELCOME, Screen.TICKET):
            self._idle.start()
        return False

    def _act(self, change: Callable[[], object]) -> Callable[[], None]:
        """A tap: change the flow, then render."""

        def run() -> None:
            change()
            self.render()

        return run

    def _on_typed(self, text: str) -> None:
        self.flow.type_text(text)
        self.render()

    def _on_pad_key(self, key: str) -> None:
        self.flow.press_key(key)
        self.render()

    def _on_idle(self) -> None:
        self.flow.reset()
        self.render()

    # ------------------------------------------------------------------ from the link

    def _on_online_changed(self, online: bool) -> None:
        self.flow.set_online(online)
        self.render()

    def _on_snapshot_received(self, snapshot: Snapshot) -> None:
        self.flow.state.apply_snapshot(snapshot)
        self.flow.hall_changed()
        self.render()

    def _on_event_received(self, event: HallEvent) -> None:
        state, screen = self.flow.state, self.flow.screen
        tiles = screen in (Screen.HOME, Screen.GROUP, Screen.SEARCH)
        greyed = self._greyed() if tiles else None
        state.apply_event(event)
        if (
            screen in (Screen.SERVICE, Screen.CLOSED)
            or (screen is Screen.WELCOME and event.type == HALL_ANNOUNCEMENT)
            or (screen is not Screen.TICKET and event.type == SERVICE_CHANGED)  # tiles, names
            or (tiles and greyed != self._greyed())  # a line's last ticket just went
        ):
            self.render()

    def _greyed(self) -> dict[str, str | None]:
        state = self.flow.state
        return {service_id: state.not_issuing(service_id) for service_id in state.services}

    def _on_done(self, tag: str, result: object) -> None:
        state = self.flow.state
        if tag == "services" and isinstance(result, list):
            state.set_services(result)
        elif tag == "hall":
            was_open = state.is_open
            state.set_hall(result)  # type: ignore[arg-type]
            self.flow.hall_changed()
            if was_open == state.is_open:
                return
        elif tag == "queue" and isinstance(result, list):
            state.set_queue(result)
            if self.flow.screen is not Screen.SERVICE:
                return
        elif tag == "issue" and isinstance(result, Issued):
            self.flow.ticket_issued(result)
            seconds = self.flow.ticket_seconds(self.config.ticket_s, self.config.ticket_fault_s)
            self._idle.stop()
            self._ticket_timer.start(int(seconds * 1000))
        else:
            return
        self.render()

    def _on_failed(self, tag: str, refusal: Refusal) -> None:
        if tag == "issue":
            self.flow.refused(refusal.code, refusal.at)
            self.render()

    # ------------------------------------------------------------------ issuing

    def _send(self, request: IssueRequest | None) -> None:
        if request is None:
            self.render()
            return
        state = self.flow.state
        services = dict(state.services)
        hall_name = state.hall.name if state.hall is not None else {}
        words = self._slip_words(request.language)
        issuer = self.link.issuer
        unserved = state.unserved()
        self.link.run(
            "issue",
            lambda: issuer.issue(request, services, hall_name, words, unserved=unserved),
        )
        self.render()

    def _slip_words(self, language: str) -> Callable[[TicketView], SlipWords]:
        t = self.translations
        next_step = t.text(language, "Slip", SLIP_NEXT_STEP)
        late = t.text(language, "Slip", SLIP_LATE)
        return lambda ticket: SlipWords(next_step, late if ticket.late_for_appointment else "")

    # ------------------------------------------------------------------ rendering

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Pages are laid out for the window's size (columns, a compact screen, the home
        screen's count of services): a window resized after its page was built, as at start
        before the server answers, builds it again once the resizing is over."""
        super().resizeEvent(event)
        self._relayout.start()

    def _on_resized(self) -> None:
        if self.page is not None and self.size() != self._laid_out_for:
            self.render()

    def render(self) -> None:  # type: ignore[override]  # not QWidget.render: rebuilds the page
        self._laid_out_for = self.size()
        self.translations.install(self.flow.language)
        self._scroll.setParent(None)  # kept: only the page around it and its body are replaced
        old_body = self._scroll.takeWidget()
        if old_body is not None:
            old_body.deleteLater()
        if self.page is not None:
            self._layout.removeWidget(self.page)
            self.page.hide()
            self.page.deleteLater()
        self.page = QWidget(self)
        self.page.setObjectName(f"screen-{self.flow.screen.value}")
        column = QVBoxLayout(self.page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(self.sizes.gap)
        screen = self.flow.screen
        if screen is not Screen.WELCOME:
            column.addLayout(self._top_bar())
        if not self.flow.online:
            banner = label(
                self.tr(
                    "No connection to the hall server. Reconnecting… "
                    "Tickets will be issued as soon as it is back."
                ),
                "banner",
                "big",
            )
            banner.setObjectName("offline-banner")
            column.addWidget(banner)
        # only where the priority goes with the ticket: an appointment is due at its time anyway
        # (check-in sends none), and nothing is issued while the hall is closed
        no_priority = (Screen.WELCOME, Screen.TICKET, Screen.CHECKIN, Screen.CLOSED, Screen.NOTICE)
        if self.flow.priority is not None and screen not in no_priority:
            column.addWidget(
                label(
                    self.tr("Priority ticket: {who}").format(
                        who=texts.tr(texts.PRIORITY_NAMES[self.flow.priority])
                    ),
                    "priority",
                    "big",
                )
            )
        self._action = None
        self._home = None
        build = getattr(self, f"_screen_{screen.value}")
        body: QWidget = build()
        self._scroll.setWidget(body)
        if self._rendered != (screen, self.flow.language):  # a new screen starts at its top
            self._scroll.verticalScrollBar().setValue(0)
            self._rendered = (screen, self.flow.language)
        action = cast("QWidget | None", self._action)  # set by the screen just built
        if action is not None and screen is Screen.SEARCH and self.width() > self.height():
            beside = QHBoxLayout()  # the keyboard at the right, the results at full height
            beside.setSpacing(self.sizes.gap)
            beside.addWidget(self._scroll, 1)
            beside.addWidget(action, 0, Qt.AlignmentFlag.AlignBottom)
            column.addLayout(beside, 1)
        else:
            column.addWidget(self._scroll, 1)
            if action is not None:  # the main action never scrolls out of sight
                column.addWidget(action)
        if screen not in (Screen.WELCOME, Screen.TICKET):
            column.addLayout(self._bottom_bar())
        self._layout.addWidget(self.page)
        self.page.show()
        if screen is Screen.HOME:
            self._fit_home()

    def _top_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        name = label(self.flow.state.hall_name(self.flow.language), "muted")
        row.addWidget(name, 1)
        for language, _ in ENDONYMS:
            chosen = language == self.flow.language
            key = button(
                SHORT[language],
                self._act(lambda lang=language: self.flow.set_language(lang)),  # type: ignore[misc]
                "chosen" if chosen else "secondary",
                "big",
                self.sizes.touch,
                name=f"lang-{language}",
            )
            key.ensurePolished()  # its size hint then counts the style sheet's padding
            key.setFixedWidth(max(int(self.sizes.touch * 2.2), key.sizeHint().width()))
            row.addWidget(key)
        return row

    def _bottom_bar(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        row = QHBoxLayout()
        if self.flow.screen is Screen.HOME:
            appointment = WrapButton(  # words wrap on a narrow screen, the symbol whole
                self.tr("I have an appointment"),
                "group",
                "big",
                self._tall(2, 1.4),
                symbol=ICONS["appointment"],
            )
            appointment.setObjectName("appointment")
            appointment.clicked.connect(self._act(self.flow.open_checkin))
            rows.addWidget(appointment)
        row.addWidget(
            button(
                ICONS["back"] + "  " + self.tr("Back"),
                self._act(self.flow.back),
                "secondary",
                "big",
                self._tall(2, 1.4),
                "back",
            )
        )
        row.addWidget(
            button(
                ICONS["start-over"] + "  " + self.tr("Start over"),
                self._act(self.flow.reset),
                "secondary",
                "big",
                self._tall(2, 1.4),
                "start-over",
            )
        )
        rows.addLayout(row)
        return rows

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(self.sizes.gap)
        return body, column

    @property
    def _columns(self) -> int:
        """The most columns of tiles the screen's width takes (fewer when a word would be cut:
        see _grid)."""
        return (4 if self.width() >= 1800 else 3) if self.width() > self.height() else 2

    @property
    def _compact(self) -> bool:
        """A screen shorter, in touch targets, than a 21.5-inch full-HD one (a cheap 18.5-inch
        1366x768 panel either way up): its large buttons are less tall, so that what a screen
        must show fits without scrolling."""
        tall = self.height() / self.sizes.touch
        return tall < (30 if self.height() > self.width() else 17)

    def _tall(self, touches: float, compact: float) -> int:
        """The height of a large target: `touches` touch targets, `compact` on a short screen."""
        return int(self.sizes.touch * (compact if self._compact else touches))

    def _content_width(self) -> int:
        """The width a page's scrolling part has, a scroll bar beside it or not."""
        bar = self._scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return self.width() - 4 * self.sizes.gap - bar

    def _grid(self, tiles: list[QWidget], columns: int, width: int | None = None) -> QWidget:
        """Tiles in up to `columns` columns, as many as keep every word of every tile whole."""
        room = self._content_width() if width is None else width
        count = fit_tiles(tiles, columns, self.sizes.gap, room, self.sizes.body)
        return tile_grid(tiles, count, self.sizes.gap)

    def _service_tile(self, service: ServiceView) -> Tile:
        name = text_in(service.name, self.flow.language)
        role = "tile"
        why = self.flow.state.not_issuing(service.id)  # its page says why, and offers none
        if why is not None:
            role = "disabled"
            name += "\n" + (
                self.tr("No tickets today")
                if why == "suspended"
                else self.tr("No more tickets today")
            )
        tile = Tile(ICONS.get(service.icon, "•"), name, role, self._tall(2, 1.6))
        tile.setObjectName(f"service-{service.id}")
        tile.clicked.connect(self._act(lambda: self.flow.open_service(service.id)))
        return tile

    def _closed_words(self) -> str:
        """The hall is closed, and when it opens, in each language."""
        state = self.flow.state
        opens = state.opens_at
        now = state.hall.now if state.hall is not None else None
        source = WELCOME_WORDS["opens_at" if opens is not None else "closed"]
        return texts.with_time(self._trilingual("Welcome", source), opens, now)

    def _trilingual(self, context: str, source: object) -> str:
        return "\n".join(self.translations.text(lang, context, source) for lang, _ in ENDONYMS)

    # ---- screens

    def _screen_welcome(self) -> QWidget:
        body, column = self._page()
        title = label(self.flow.state.hall_name(self.flow.language), "page", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        if lines := self.flow.state.announcement():  # what the wall says, in each language
            notice = label("\n".join(lines), "warning")
            notice.setObjectName("announcement")
            column.addWidget(notice)
        if not self.flow.state.is_open:  # before choosing anything, in every language
            closed = label(self._closed_words(), "banner", "big")
            closed.setObjectName("hall-closed")
            column.addWidget(closed)
        column.addStretch(1)
        choose = label(self._trilingual("Welcome", WELCOME_WORDS["choose"]), "page", "big")
        choose.setAlignment(Qt.AlignmentFlag.AlignCenter)
        languages = QHBoxLayout() if self.width() > self.height() else QVBoxLayout()
        languages.setSpacing(self.sizes.gap)
        if self._compact and self.width() > self.height():  # beside the languages, not above
            choose.setProperty("textsize", None)
            languages.addWidget(choose, 1)
        else:
            column.addWidget(choose)
        for language, name in ENDONYMS:
            key = button(
                name,
                self._act(lambda lang=language: self.flow.choose_language(lang)),  # type: ignore[misc]
                "tile",
                "title",
                self._tall(2.6, 1.5),
                name=f"choose-{language}",
            )
            languages.addWidget(key)
        column.addLayout(languages)
        column.addStretch(1)
        priority = Tile(
            ICONS["priority"],
            self._trilingual("Welcome", WELCOME_WORDS["priority"]),
            "priority",
            self._tall(2.6, 1.6),
        )
        priority.setObjectName("priority")
        priority.clicked.connect(self._act(self.flow.start_priority))
        if self._compact:  # three languages' lines each, on a short screen: at body size
            priority.words.setStyleSheet(f"font-size: {self.sizes.body}px;")
        column.addWidget(priority)
        appointment = Tile(
            ICONS["appointment"],
            self._trilingual("Welcome", WELCOME_WORDS["appointment"]),
            "group",
            self._tall(2.6, 1.6),
        )
        appointment.setObjectName("appointment")
        appointment.clicked.connect(self._act(self.flow.open_checkin))
        if self._compact:
            appointment.words.setStyleSheet(f"font-size: {self.sizes.body}px;")
        column.addWidget(appointment)
        return body

    def _screen_priority(self) -> QWidget:
        body, column = self._page()
        column.addWidget(label(self.tr("Who is the ticket for?"), "page", "title"))
        column.addWidget(
            label(
                self.tr(
                    "You will be called before the general queue. Staff may ask to see a document."
                ),
                "page",
            )
        )
        for kind in PRIORITIES:
            tile = Tile(
                ICONS[kind],
                texts.tr(texts.PRIORITY_NAMES[kind]),
                "priority",
                self._tall(2.4, 1.6),
            )
            tile.setObjectName(f"priority-{kind}")
            tile.clicked.connect(self._act(lambda k=kind: self.flow.choose_priority(k)))  # type: ignore[misc]
            column.addWidget(tile)
        column.addStretch(1)
        return body

    def _screen_home(self) -> QWidget:
        body, column = self._page()
        column.addWidget(label(self.tr("What do you need today?"), "page", "title"))
        state = self.flow.state
        if not state.services:
            column.addWidget(label(self.tr("Loading the list of services…"), "page", "big"))
            column.addStretch(1)
            return body
        # the two ways to every other service in their own row under the services, on every
        # screen; _fit_home then puts above them as many of the most asked-for services as the
        # screen holds, in the columns that hold the most, however long the names run
        size = self._tall(2, 1.6)
        more = Tile(ICONS["all-services"], self.tr("All services by topic"), "group", size)
        more.setObjectName("all-services")
        more.clicked.connect(self._act(self.flow.open_groups))
        search = Tile(ICONS["search"], self.tr("Find a service by name"), "group", size)
        search.setObjectName("search")
        search.clicked.connect(self._act(self.flow.open_search))
        ways: list[QWidget] = [more, search]
        count = fit_tiles(ways, 2, self.sizes.gap, self._content_width(), self.sizes.body)
        row = tile_grid(ways, count, self.sizes.gap)
        row.setObjectName("ways")
        column.addWidget(row)
        self._home = [self._service_tile(s) for s in state.popular(HOME_MOST)]
        return body

    def _fit_home(self) -> None:
        """Put on the home screen as many of the most asked-for services as fit above the two
        ways to the rest without scrolling, in the number of columns that shows the most; the
        tiles then grow to the screen's height, so that no blank band is left."""
        if self._home is None:
            return
        services, self._home = self._home, None
        body = self._scroll.widget()
        column = body.layout() if body is not None else None
        page = self.page.layout() if self.page is not None else None
        if body is None or not isinstance(column, QVBoxLayout) or page is None:
            return
        self._layout.activate()  # the page's geometry, and so the height the scroll area has
        page.activate()
        viewport = self._scroll.viewport()
        gap, width = self.sizes.gap, viewport.width()
        spare = viewport.height() - body.heightForWidth(width) - gap
        widest = fit_tiles(services, self._columns, gap, width, self.sizes.body)
        shown, columns = 0, widest
        for count in range(widest, 0, -1):
            held = _tiles_held(services, count, gap, width, spare, self.sizes.body)
            if held > shown:
                shown, columns = held, count
        if not shown:  # not even the most asked-for: the first one that fits across the screen
            fits = [t for t in services if _tiles_held([t], 1, gap, width, spare, self.sizes.body)]
            if fits:
                services.remove(fits[0])
                services.insert(0, fits[0])
                shown, columns = 1, 1
        for tile in services[shown:]:
            tile.deleteLater()
        services = services[:shown]
        while True:
            columns = fit_tiles(services, min(columns, len(services)), gap, width, self.sizes.body)
            grid = tile_grid(services, columns, gap)
            column.insertWidget(1, grid, 1)  # under the title; it takes the height left
            grid.show()  # now, not at the next turn of the event loop
            column.activate()
            if not services or body.heightForWidth(width) <= viewport.height():
                return
            grid.hide()  # an estimate fell short: one service less, and again
            column.removeWidget(grid)
            services.pop().deleteLater()
            grid.deleteLater()

    def _screen_groups(self) -> QWidget:
        body, column = self._page()
        column.addWidget(label(self.tr("All services by topic"), "page", "title"))
        tiles: list[QWidget] = []
        for group in self.flow.state.groups:
            tile = Tile(
                ICONS.get(group.icon, "•"),
                text_in(group.name, self.flow.language),
                "group",
                self._tall(2, 1.6),
            )
            tile.setObjectName(f"group-{group.id}")
            tile.clicked.connect(self._act(lambda g=group.id: self.flow.open_group(g)))  # type: ignore[misc]
            tiles.append(tile)
        column.addWidget(self._grid(tiles, self._columns))
        column.addStretch(1)
        return body

    def _screen_group(self) -> QWidget:
        body, column = self._page()
        state = self.flow.state
        group = next((g for g in state.groups if g.id == self.flow.group_id), None)
        if group is not None:
            column.addWidget(label(text_in(group.name, self.flow.language), "page", "title"))
        tiles: list[QWidget] = [
            self._service_tile(s) for s in state.services_in(self.flow.group_id or "")
        ]
        column.addWidget(self._grid(tiles, self._columns))
        column.addStretch(1)
        return body

    def _screen_search(self) -> QWidget:
        body, column = self._page()
        column.addWidget(label(self.tr("Type the name of the service"), "page", "title"))
        typed = label((self.flow.query or "") + "▏", "key", "title", wrap=False)
        typed.setObjectName("query")
        typed.setMinimumHeight(self.sizes.touch)
        column.addWidget(typed)
        results = self.flow.results()
        if self.flow.query.strip() and not results:
            column.addWidget(
                label(self.tr("Nothing found. Try fewer letters, or choose by topic."), "warning")
            )
        landscape = self.width() > self.height()
        rows = KEYBOARD_ROWS[self.flow.language]
        longest = max(len(row) for row in rows)
        width = self.width() * SEARCH_KEYBOARD_SHARE if landscape else self.width()
        room = int(width) - 4 * self.sizes.gap - 8 * longest  # margins and gaps between keys
        key = max(self.sizes.touch, min(100, room // longest))
        keypad = Keypad(rows, key, space=self.tr("Space"))
        keypad.setObjectName("keyboard")
        keypad.typed.connect(self._on_typed)
        keypad.erased.connect(self._act(self.flow.erase))
        tiles: list[QWidget] = [self._service_tile(s) for s in results[:6]]
        if landscape:  # the keyboard beside the results (below them, they had one row's height)
            beside = self._content_width() - self.sizes.gap - keypad.sizeHint().width()
            column.addWidget(self._grid(tiles, 2, beside))
        else:
            column.addWidget(self._grid(tiles, self._columns))
        column.addStretch(1)
        self._action = keypad  # the keyboard stays in reach; results scroll above it
        return body

    def _line_text(self, entry: QueueEntry | None, now: datetime | None) -> str:
        """The service's line as the visitor is told it before taking a ticket."""
        waiting = entry.waiting if entry is not None else 0
        unserved = entry is not None and entry.unserved  # before 9:00, say
        if unserved and waiting == 0:
            text = self.tr("No counter open for this service yet.")
        elif unserved:  # a wait in minutes would be a guess at when a counter opens
            text = self.tr("Waiting now: {n} people. No counter open for this service yet.").format(
                n=waiting
            )
        elif waiting == 0:
            text = self.tr("Nobody is waiting now: you will be called soon.")
        else:
            text = self.tr("Waiting now: {n} people, about {m} min.").format(
                n=waiting, m=texts.minutes(entry.estimated_wait_s if entry else 0)
            )
        until = entry.issuing_until if entry is not None else None
        if until is not None and now is not None and until - now <= timedelta(hours=1):
            said = self.tr("Tickets are issued today until {time}.")
            text += " " + texts.with_time(said, until)
        return text

    def _service_details(self, service: ServiceView, column: QVBoxLayout) -> None:
        """What the service is, what to bring, its cost and time at the counter."""
        lang = self.flow.language
        about: list[QWidget] = []  # landscape: what to bring beside the rest, all in sight
        if service.description:
            about.append(label(text_in(service.description, lang), "page"))
        bring: list[QWidget] = []
        if service.documents:
            bring.append(label(self.tr("What to bring"), "page", "big"))
            bring += [bullet(text_in(document, lang), "page") for document in service.documents]
        if service.fee:
            fee = text_in(service.fee, lang)
            about.append(label(self.tr("Cost: {fee}").format(fee=fee), "page"))
        if service.duration_min:
            takes = self.tr("At the counter it takes about {n} min.")
            about.append(label(takes.format(n=service.duration_min), "page"))
        if self.width() > self.height():
            beside = QHBoxLayout()
            beside.setSpacing(self.sizes.gap * 2)
            for part in (about, bring):
                side = QVBoxLayout()
                side.setSpacing(self.sizes.gap)
                for widget in part:
                    side.addWidget(widget)
                side.addStretch(1)
                beside.addLayout(side, 1)
            column.addLayout(beside)
        else:
            for widget in about[:1] + bring + about[1:]:
                column.addWidget(widget)

    def _screen_service(self) -> QWidget:
        body, column = self._page()
        service = self.flow.service
        if service is None:
            column.addWidget(label(self.tr("Loading the list of services…"), "page", "big"))
            return body
        lang = self.flow.language
        state = self.flow.state
        heading = "big" if self._compact else "title"
        column.addWidget(label(text_in(service.name, lang), "page", heading))
        self._service_details(service, column)
        entry = state.queue.get(service.id)
        stopped = state.stopped(service.id)
        now = state.now()
        said = None if self._compact else "big"  # a short screen: all of it in sight
        if state.suspended(service.id):
            line = label(texts.notice_text("service_suspended", None), "warning", said)
            line.setObjectName("suspended")
        elif stopped is not None:  # ran out today, or stopped before closing: said at once
            line = label(texts.stopped_text(stopped[0], stopped[1], now), "warning", said)
            line.setObjectName("stopped")
        else:
            text = self._line_text(entry, now) if self.flow.online else ""  # the banner says why
            line = label(text, "page", said)
            line.setObjectName("line")
        column.addStretch(1)
        take = button(
            self.tr("Please wait…") if self.flow.busy else self.tr("Take a ticket"),
            lambda: self._send(self.flow.take_ticket()),
            "primary" if self.flow.can_issue() else "disabled",
            "title",
            self._tall(2.4, 1.5),
            "take-ticket",
        )
        take.setEnabled(self.flow.can_issue())
        # the line's length stays in sight beside the button, however long the documents run
        action = QWidget()
        beside = QHBoxLayout(action) if self.width() > self.height() else QVBoxLayout(action)
        beside.setContentsMargins(0, 0, 0, 0)
        beside.setSpacing(self.sizes.gap)
        beside.addWidget(line, 1)
        if line.objectName() == "line" or self.flow.busy:  # else no ticket: the words say why
            beside.addWidget(take, 1)
        else:
            take.deleteLater()
        self._action = action
        return body

    def _screen_checkin(self) -> QWidget:
        body, column = self._page()
        flow = self.flow
        column.addWidget(label(self.tr("Check in for your appointment"), "page", "title"))
        choice = QHBoxLayout()
        for by, words in (("iin", self.tr("By IIN")), ("code", self.tr("By booking code"))):
            choice.addWidget(  # words wrap: side by side, Kazakh's two do not fit on one line
                wrap_button(
                    words,
                    self._act(lambda b=by: flow.checkin_with(b)),  # type: ignore[misc]
                    "chosen" if flow.checkin_by == by else "secondary",
                    "big",
                    self._tall(1.4, 1.2),
                    f"checkin-{by}",
                )
            )
        column.addLayout(choice)
        hint = (
            self.tr("Type the 12 digits of your IIN")
            if flow.checkin_by == "iin"
            else self.tr("Type the 6-character code from your booking")
        )
        column.addWidget(label(hint, "page"))
        shown = flow.entry if flow.checkin_by == "code" else _spaced(flow.entry)
        entry = label(shown + "▏", "key", "title", wrap=False)
        entry.setObjectName("entry")
        entry.setMinimumHeight(self.sizes.touch)
        column.addWidget(entry)
        if flow.entry_problem is not None:
            problem = label(
                texts.tr(texts.ENTRY_PROBLEMS.get(flow.entry_problem, texts.DEFAULT_NOTICE)),
                "warning",
                "big",
            )
            problem.setObjectName("entry-problem")
            column.addWidget(problem)
        key = self._tall(1.6, 1.1)
        if flow.checkin_by == "iin":
            rows: tuple[str, ...] = ("123", "456", "789", "0")
        else:
            rows = ("ACDEFGH", "JKLMNPQ", "RTUVWXY", "34679")
        pad = Keypad(rows, key)
        pad.setObjectName("pad")
        pad.typed.connect(self._on_pad_key)
        pad.erased.connect(self._act(flow.erase_key))
        if self.width() > self.height():  # landscape: the pad beside what was typed
            row = QHBoxLayout()
            left = QVBoxLayout()
            while column.count() > 1:  # keep the title, move the rest to the left side
                item = column.takeAt(1)
                if item is None:
                    break
                moved_widget, moved_layout = item.widget(), item.layout()
                if moved_widget is not None:
                    left.addWidget(moved_widget)
                elif moved_layout is not None:
                    left.addLayout(moved_layout)
            left.addStretch(1)
            row.addLayout(left, 3)
            row.addWidget(pad, 2)
            column.addLayout(row)
        else:
            column.addWidget(pad)
        column.addStretch(1)
        ok = button(
            self.tr("Please wait…") if flow.busy else self.tr("Check in"),
            lambda: self._send(flow.submit_checkin()),
            "primary" if flow.online and not flow.busy else "disabled",
            "title",
            self._tall(2, 1.4),
            "submit-checkin",
        )
        ok.setEnabled(flow.online and not flow.busy)
        self._action = ok
        return body

    def _screen_ticket(self) -> QWidget:
        body, column = self._page()
        issued = self.flow.issued
        assert issued is not None
        ticket = issued.ticket
        lang = self.flow.language
        service = self.flow.state.services.get(ticket.service_id)
        landscape = self.width() > self.height()
        main = QHBoxLayout() if landscape else QVBoxLayout()
        info = QVBoxLayout()
        heading = None if self._compact else "big"
        info.addWidget(label(self.tr("Your number"), "page", "big" if self._compact else "title"))
        number = label(ticket.number, "number", "number", wrap=False)
        number.setObjectName("number")
        if self._compact:  # still the largest thing on the screen
            number.setStyleSheet(f"font-size: {int(self.sizes.body * 3.5)}px;")
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()  # a short portrait screen: the QR code beside the number
        top.addWidget(number, 3)
        info.addLayout(top)
        if service is not None:
            info.addWidget(label(text_in(service.name, lang), "page", heading))
        if issued.printer_problem is not None:
            size = None if self._compact else "big"  # long: all of it in sight
            problem = label(texts.printer_text(issued.printer_problem), "warning", size)
            problem.setObjectName("printer-problem")
            info.addWidget(problem)
        if ticket.appointment_at is not None:
            info.addWidget(
                label(
                    self.tr("Appointment at {time}").format(time=f"{ticket.appointment_at:%H:%M}"),
                    "page",
                    "big",
                )
            )
        if ticket.late_for_appointment:
            late = label(self.translations.text(lang, "Slip", SLIP_LATE), "warning")
            late.setObjectName("late")
            info.addWidget(late)
        turn = self._turn(ticket)
        main.addLayout(info, 3)
        side = QVBoxLayout()  # landscape: the QR code and the turn beside the number
        if ticket.status_url:
            self._qr_code(side, ticket.status_url, big=issued.printer_problem is not None)
        for part in turn:
            (side if landscape else info).addWidget(part)
        side.addStretch(1)
        if side.count() > 1:  # a QR code or the turn: not an empty block under the number
            (top if self._compact and not landscape else main).addLayout(side, 2)
        column.addLayout(main)
        column.addStretch(1)
        self._action = button(
            self.tr("Done"),
            self._act(self.flow.reset),
            "primary",
            "title",
            self._tall(2, 1.4),
            "done",
        )
        return body

    def _turn(self, ticket: TicketView) -> list[QLabel]:
        """The visitor's place and wait, and what to do next, under the number (a booked
        visitor has the time instead)."""
        next_step = self.translations.text(self.flow.language, "Slip", SLIP_NEXT_STEP)
        if not in_line(ticket):
            return [label(next_step, "page")]
        wait_min = texts.minutes(ticket.estimated_wait_s)
        if ticket.service_id in self.flow.state.unserved():  # no minutes: nobody serves it yet
            wait = self.tr(
                "No counter open for this service yet: you will be called when one opens"
            )
        elif wait_min > 0:
            wait = self.tr("Estimated wait: about {m} min").format(m=wait_min)
        else:
            wait = self.tr("You will be called soon")  # not "about 0 min"
        if ticket.people_ahead:
            ahead = self.tr("People ahead of you: {n}").format(n=ticket.people_ahead)
        else:
            ahead = self.tr("You are first in line")  # not "0 people"
        ahead_label = label(ahead, "page", "big")
        ahead_label.setObjectName("ahead")
        wait_label = label(wait, "page", None if self._compact else "big")
        wait_label.setObjectName("wait")
        return [ahead_label, wait_label, label(next_step, "page")]

    def _qr_code(self, column: QVBoxLayout, url: str, *, big: bool) -> None:
        """The ticket's QR code and what it is for (larger when the ticket was not printed)."""
        code = label("", "page")
        code.setObjectName("qr")
        code.setPixmap(qr_pixmap(url, self._tall(6, 3.4) if big else self._tall(4.5, 3)))
        code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(code)
        hint = label(self.tr("Scan to follow your turn on your phone"), "page")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(hint)

    def _screen_closed(self) -> QWidget:
        body, column = self._page()
        state = self.flow.state
        title = label(self.tr("The hall is closed now"), "page", "title")
        title.setObjectName("closed")
        column.addWidget(title)
        opens = state.opens_at
        now = state.hall.now if state.hall is not None else None
        if opens is not None:
            said = self.tr("It opens at {time}. No tickets are issued until then.")
            text = texts.with_time(said, opens, now)
        else:
            text = self.tr("No tickets are issued now.")
        opens_label = label(text, "page", "big")
        opens_label.setObjectName("opens-at")
        column.addWidget(opens_label)
        column.addStretch(1)
        return body

    def _screen_notice(self) -> QWidget:
        body, column = self._page()
        notice = self.flow.notice
        now = self.flow.state.hall.now if self.flow.state.hall is not None else None
        text = (
            texts.notice_text(notice.code, notice.at, now)
            if notice
            else texts.tr(texts.DEFAULT_NOTICE)
        )
        message = label(text, "warning", "title")
        message.setObjectName("notice")
        column.addWidget(message)
        column.addStretch(1)
        return body


SLIP_NEXT_STEP = QT_TRANSLATE_NOOP("Slip", "Please wait until your number is shown on the screen.")
SLIP_COPY = QT_TRANSLATE_NOOP("Slip", "COPY of a lost ticket")
# {n}: the counter's number
SLIP_CALLED = QT_TRANSLATE_NOOP("Slip", "Your number has been called: please go to counter {n}.")
SLIP_LATE = QT_TRANSLATE_NOOP(
    "Slip",
    "You came more than 10 minutes after your appointment, so you join the general queue.",
)


def _tiles_held(
    tiles: list[Tile], columns: int, gap: int, width: int, height: int, floor_px: int
) -> int:
    """How many of `tiles`, in order, `columns` columns `width` wide hold in `height` pixels."""
    cell = (width - gap * (columns - 1)) // columns
    for tile in tiles:
        tile.fit(cell, floor_px)
    used, row, held = -gap, 0, 0
    for i, tile in enumerate(tiles):
        if i % columns == 0:
            used += row + gap
            row = 0
        row = max(row, tile.heightForWidth(cell))
        if used + row > height:
            break
        held = i + 1
    return held


def _spaced(digits: str) -> str:
    """An IIN shown in groups as on the ID card: 900101 3 0000 4."""
    groups = (digits[:6], digits[6:7], digits[7:11], digits[11:])
    return " ".join(g for g in groups if g)
