"""Rating mode: a small screen at a counter that asks, in three languages, how the visit went."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from hallserver.protocol import HallEvent, Snapshot
from hardware.devices.events import DeviceEvent, RatingPressed
from kiosk.config import KioskConfig
from kiosk.link import KioskLink, Refusal
from kiosk.rating_flow import GRADES, RatingFlow, RatingScreen
from kiosk.translations import Translations
from kiosk.views.theme import Sizes
from kiosk.views.widgets import label, styled

log = logging.getLogger(__name__)
LANGUAGES = ("kk", "ru", "en")
WORDS = {
    "question": QT_TRANSLATE_NOOP("Rating", "How was your visit?"),
    "excellent": QT_TRANSLATE_NOOP("Rating", "Excellent"),
    "good": QT_TRANSLATE_NOOP("Rating", "Good"),
    "satisfactory": QT_TRANSLATE_NOOP("Rating", "Satisfactory"),
    "thanks": QT_TRANSLATE_NOOP("Rating", "Thank you!"),
    "waiting": QT_TRANSLATE_NOOP("Rating", "Welcome"),
    "serving": QT_TRANSLATE_NOOP("Rating", "Now at this counter"),
    "offline": QT_TRANSLATE_NOOP("Rating", "No connection to the hall server. Reconnecting…"),
}
FACES = {"excellent": "★★★", "good": "★★", "satisfactory": "★"}
RESEND_S = 5  # a rating the server could not take is sent again this often until it is
RESEND_CODES = ("unreachable", "unavailable")  # the server away, or its database stalled
KEY_PADDING_PX = 60  # a key's border and padding on both sides, and some air


class RatingWindow(QWidget):
    """The rating screen; the keypad's keys do what the on-screen buttons do.

    Signals:
        keypad_pressed(str): a grade from the serial keypad (emitted on its reader thread).
    """

    keypad_pressed = Signal(str)

    def __init__(
        self,
        flow: RatingFlow,
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
        self.sizes = sizes
        self.online = False
        self.setProperty("role", "page")
        self.setAutoFillBackground(True)
        self._layout = QVBoxLayout(self)
        self.page: QWidget | None = None
        self._timeout = QTimer(self, singleShot=True, interval=int(config.rating_timeout_s * 1000))
        self._timeout.timeout.connect(self._on_no_answer)
        self._thanks = QTimer(self, singleShot=True, interval=int(config.thanks_s * 1000))
        self._thanks.timeout.connect(self._on_thanks_over)
        self._unsent: dict[str, str] = {}  # ticket id -> grade: thanked for, not yet recorded
        self._resend = QTimer(self, interval=RESEND_S * 1000)
        self._resend.timeout.connect(self._send_unsent)
        link.online_changed.connect(self._on_online_changed)
        link.snapshot_received.connect(self._on_snapshot_received)
        link.event_received.connect(self._on_event_received)
        link.failed.connect(self._on_failed)
        self.keypad_pressed.connect(self.rate)
        self._transport = None
        if config.keypad:
            from hardware.devices.kezek_line import KezekLineProtocol
            from hardware.devices.transport import SerialTransport

            self._transport = SerialTransport(config.keypad, KezekLineProtocol(), self._on_device)
            self._transport.start()
        self.render()

    def close_keypad(self) -> None:
        if self._transport is not None:
            self._transport.stop()
            self._transport = None

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self.close_keypad()
        super().closeEvent(event)  # type: ignore[arg-type]

    def _on_device(self, event: DeviceEvent) -> None:
        if isinstance(event, RatingPressed):
            self.keypad_pressed.emit(event.grade.value)

    def rate(self, grade: str) -> None:
        answer = self.flow.rate(grade)
        if answer is None:
            return
        self._send(*answer)
        self._timeout.stop()
        self._thanks.start()
        self.render()

    def _send(self, ticket_id: str, grade: str) -> None:
        client = self.link.client
        self.link.run(f"rate {ticket_id} {grade}", lambda: client.rate(ticket_id, grade))

    def _send_unsent(self) -> None:
        """The ratings the server could not take, once more (a failure puts them back)."""
        unsent, self._unsent = self._unsent, {}
        self._resend.stop()
        for ticket_id, grade in unsent.items():
            self._send(ticket_id, grade)

    def _on_no_answer(self) -> None:
        self.flow.no_answer()
        self.render()

    def _on_thanks_over(self) -> None:
        self.flow.thanks_over()
        self.render()

    def _on_online_changed(self, online: bool) -> None:
        self.online = online
        if online and self._unsent:
            self._send_unsent()
        self.render()

    def _on_snapshot_received(self, snapshot: Snapshot) -> None:
        self.flow.apply_snapshot(snapshot)
        self.render()

    def _on_event_received(self, event: HallEvent) -> None:
        if self.flow.apply_event(event):
            if self.flow.screen is RatingScreen.ASKING:
                self._thanks.stop()
                self._timeout.start()
            self.render()

    def _on_failed(self, tag: str, refusal: Refusal) -> None:
        what, _, rating = tag.partition(" ")
        if what != "rate":
            return
        ticket_id, _, grade = rating.partition(" ")
        if refusal.code in RESEND_CODES:  # the visitor was thanked: it is kept and sent again
            log.info("rating of %s kept to send again: %s", ticket_id, refusal.message)
            self._unsent[ticket_id] = grade
            self._resend.start()
        elif refusal.code == "already_rated":  # kept: a resend whose first answer was lost
            log.info("rating of %s was already kept", ticket_id)  # (a pending one is waited for)
        else:  # refused for good
            log.warning("rating not recorded: %s %s", refusal.code, refusal.message)

    def _three(self, key: str) -> str:
        return "\n".join(self.translations.text(lang, "Rating", WORDS[key]) for lang in LANGUAGES)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.flow.screen is RatingScreen.ASKING and self.page is not None:
            self.render()  # the keys' words are sized to the screen

    def _key_sizes(self) -> tuple[int, int]:
        """The pixel sizes of the keys' stars and names, the same on every key.

        The stars between a title and a number in size, smaller on a small screen: three of
        them fit the narrowest key, a quarter of its height at most. The names, one language
        a line, as big as the longest line ("Удовлетворительно") and the room under the stars
        allow."""
        gap = self.sizes.gap
        height = self.height() * (0.5 if not self.online else 0.6)  # under the offline banner
        if self.width() > self.height():
            key_w, key_h = (self.width() - 4 * gap) / 3, height
        else:
            key_w, key_h = self.width() - 2 * gap, height / 3
        star_px = int(min(self.sizes.body * 3.5, key_w / 4.5, key_h / 4))
        names = [self._three(g) for g in GRADES]
        big_px = int(self.sizes.body * 1.25)
        font = QFont("DejaVu Sans")
        font.setBold(True)
        font.setPixelSize(big_px)
        metrics = QFontMetricsF(font)
        widest = max(
            metrics.horizontalAdvance(line) for name in names for line in name.splitlines()
        )
        lines = max(len(name.splitlines()) for name in names)
        by_width = (key_w - KEY_PADDING_PX) / widest if widest else 1.0
        by_height = (key_h * 0.85 - star_px * 1.3) / (lines * metrics.height())
        return star_px, max(8, int(big_px * min(1.0, by_width, by_height)))

    def _grade_key(self, grade: str, star_px: int, words_px: int) -> QPushButton:
        """One grade's key: its stars, its name in the three languages. The keys share the
        screen: easy to hit, and nothing else to look at."""
        role = "tile" if grade != "excellent" else "primary"
        key = QPushButton()
        styled(key, role)
        key.setObjectName(f"grade-{grade}")
        key.setAccessibleName(self._three(grade).replace("\n", " / "))
        key.setMinimumHeight(int(self.sizes.touch * 3))
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        key.clicked.connect(lambda: self.rate(grade))
        inside = QVBoxLayout(key)
        inside.addStretch(1)
        stars = label(FACES[grade], role, wrap=False)
        stars.setStyleSheet(f"font-size: {star_px}px;")
        words = label(self._three(grade), role, wrap=False)
        words.setStyleSheet(f"font-size: {words_px}px; font-weight: bold;")
        for part in (stars, words):
            part.setAlignment(Qt.AlignmentFlag.AlignCenter)
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            inside.addWidget(part)
        inside.addStretch(1)
        return key

    def render(self) -> None:  # type: ignore[override]  # not QWidget.render: rebuilds the page
        if self.page is not None:
            self._layout.removeWidget(self.page)
            self.page.hide()
            self.page.deleteLater()
        self.page = QWidget(self)
        self.page.setObjectName(f"rating-{self.flow.screen.value}")
        column = QVBoxLayout(self.page)
        column.setSpacing(self.sizes.gap)
        if not self.online:
            column.addWidget(label(self._three("offline"), "banner", "big"))
        screen = self.flow.screen
        if screen is RatingScreen.ASKING:
            question = label(self._three("question"), "page", "title")
            question.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(question)
            row = QHBoxLayout() if self.width() > self.height() else QVBoxLayout()
            row.setSpacing(self.sizes.gap)
            star_px, words_px = self._key_sizes()
            for grade in GRADES:
                row.addWidget(self._grade_key(grade, star_px, words_px))
            column.addLayout(row, 1)
        elif screen is RatingScreen.THANKS:
            thanks = label(self._three("thanks"), "page", "title")
            thanks.setObjectName("thanks")
            thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(thanks)
        elif screen is RatingScreen.SERVING and self.flow.current is not None:
            heading = label(self._three("serving"), "muted", "big")
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(heading)
            arrow = f"{self.flow.current.number} → {self.flow.counter_number or ''}".strip()
            now = label(arrow, "number", "number", wrap=False)
            now.setObjectName("serving")
            now.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(now)
        else:
            welcome = label(self._three("waiting"), "page", "title")
            welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(welcome)
            if self.flow.counter_number is not None:
                number = label(str(self.flow.counter_number), "number", "number", wrap=False)
                number.setAlignment(Qt.AlignmentFlag.AlignCenter)
                column.addWidget(number)
        if screen is not RatingScreen.ASKING:  # a message in the middle of the screen
            column.insertStretch(0 if self.online else 1, 1)  # below the offline banner
            column.addStretch(1)
        self._layout.addWidget(self.page)
        self.page.show()
