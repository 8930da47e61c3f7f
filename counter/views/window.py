"""The counter console's window: sign-in, the ticket card, one button and one key per action."""

from __future__ import annotations

import time
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter.commands import Command, Failure, HallOffer, Outcome
from counter.language import LANGUAGES, NATIVE_NAMES, Translations
from counter.link import CounterLink, DeviceLink
from counter.state import Action, ConsoleState, Notice, Operator, TicketInfo
from counter.views import texts
from counter.views.card import TicketCard, in_language
from counter.views.dialogs import (
    CallTicketDialog,
    CloseDialog,
    LineDialog,
    PauseDialog,
    TransferDialog,
)
from counter.views.panels import DayPanel, QueuePanel, SupervisorNote
from counter.views.sign_in import SignInPage
from hallserver.client import OperatorSession
from hallserver.protocol import (
    COUNTER_CHANGED,
    MESSAGE_SENT,
    TICKET_FINISHED,
    TICKET_NO_SHOW,
    TICKET_RATED,
    TICKET_TRANSFERRED,
    CounterView,
    HallEvent,
    MessageView,
    OperatorDay,
    ResultView,
    ServiceCopy,
    Snapshot,
)

MIN_CONSOLE_HEIGHT = 300  # below the header: the ticket and the keys, then it scrolls


class ConsolePage(QScrollArea):
    """The console below the window's header. On a small screen (a 1024x600 counter PC under
    its taskbar) it scrolls down to its lower panels, where it had been squeezed, its texts
    drawn over one another; across, it is never narrower than its own texts need."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("consolePage")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # a longer text inside: the window's least width grows with it
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), MIN_CONSOLE_HEIGHT)


BUTTON_ORDER = (
    Action.CALL_NEXT,
    Action.RECALL,
    Action.START,
    Action.FINISH,
    Action.NO_SHOW,
    Action.TRANSFER,
    Action.PAUSE,
    Action.RESUME,
    Action.CLOSE,
    Action.CALL_TICKET,
    Action.POSTPONE,
    Action.SIGN_OUT,
)
ON_THE_TICKET = (Action.RECALL, Action.START, Action.FINISH, Action.NO_SHOW, Action.POSTPONE)
QT_KEYS = {getattr(Qt.Key, f"Key_{name}"): action for action, name in texts.KEYS.items()}
ERROR_STYLE = "background: #fde7e9; color: #8a0010; padding: 6px; font-weight: bold;"
NOTICE_STYLE = "background: #e3f0ff; color: #0b3d75; padding: 6px; font-weight: bold;"
BANNER_STYLE = "background: #f6b73c; color: #000; padding: 6px; font-weight: bold;"
DEVICE_RESEND_S = 30.0
BEEP_VISITOR_MS = 150  # a visitor is waiting for an idle counter
BEEP_REFUSED_MS = 600  # a press of the call button did nothing (the screen says why)


class CounterWindow(QMainWindow):
    """Renders `ConsoleState` and forwards keys, buttons and hardware presses as commands.

    Signals:
        refreshed(): the window re-rendered after a change (tests and the bench wait on it).
        language_changed(str): the console now speaks kk, ru or en (the app remembers it).
    """

    refreshed = Signal()
    language_changed = Signal(str)

    def __init__(
        self,
        link: CounterLink,
        translations: Translations,
        *,
        devices: DeviceLink | None = None,
        language: str = "kk",
        rating_timeout_ms: int = 60_000,
        refresh_ms: int = 10_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.devices = devices
        self.translations = translations
        self.state = ConsoleState(link.counter_id)
        self.services = ServiceCopy()
        self.results: tuple[ResultView, ...] = ()  # how a visit may end (F4 records one)
        self.unread: list[MessageView] = []  # the supervisor's, oldest first
        self.counters: list[CounterView] = []
        self.online = False
        self.awaiting_rating: str | None = None
        self._remember_devices()
        self._message_kind = ""
        # this counter's news from the stream (its state, its visitor), and as of the last command
        # sent: an answer lost on the way may come after the stream already told its result
        self._news = self._news_at_send = 0

        self.counter_title = QLabel()
        self.counter_title.setObjectName("counterTitle")
        self.counter_title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.operator_label = QLabel()
        self.operator_label.setObjectName("operatorName")
        self.language = QComboBox()
        self.language.setObjectName("headerLanguage")
        for code in LANGUAGES:
            self.language.addItem(NATIVE_NAMES[code], code)
        header = QHBoxLayout()
        header.addWidget(self.counter_title)
        header.addStretch(1)
        header.addWidget(self.operator_label)
        header.addWidget(self.language)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.message = _message_strip()

        self.sign_in_page = SignInPage()
        self.console_page = self._build_console()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.sign_in_page)
        self.stack.addWidget(self.console_page)
        # one language picker at a time: the sign-in form has its own, the console the header's
        self.language.hide()
        self.stack.currentChanged.connect(
            lambda _: self.language.setVisible(self.stack.currentWidget() is self.console_page)
        )
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.resize(900, 640)

        self._build_timers(rating_timeout_ms, refresh_ms)
        self._connect(link, devices)
        self.set_language(language)

    def _remember_devices(self) -> None:
        """What the counter's devices were last told, so each change goes out once."""
        self._shown_on_display: tuple[str, int] | None = None
        self._lamp: str | None = None  # what the call button's lamp was last set to
        self._from_button: Action | None = None  # the call button's command on its way
        # lamp and number are sent again this often: a device powered up on a bus that stayed
        # connected, and that does not say HELLO (QSystem, Modbus), has forgotten them
        self.device_resend_s = DEVICE_RESEND_S
        self._devices_sent_at = time.monotonic()

    def _connect(self, link: CounterLink, devices: DeviceLink | None) -> None:
        link.online_changed.connect(self._on_online_changed)
        link.snapshot_received.connect(self._on_snapshot_received)
        link.event_received.connect(self._on_event_received)
        link.command_done.connect(self._on_command_done)
        link.command_failed.connect(self._on_command_failed)
        link.signed_in.connect(self._on_signed_in)
        link.signed_out.connect(self._on_signed_out)
        link.day_received.connect(self._on_day_received)
        link.services_received.connect(self._on_services_received)
        link.ticket_received.connect(self._on_ticket_received)
        link.messages_received.connect(self._on_messages_received)
        self.note.read_pressed.connect(link.read_message)
        self.sign_in_page.sign_in_requested.connect(self._on_sign_in_requested)
        self.sign_in_page.language_chosen.connect(self.set_language)
        self.language.activated.connect(lambda i: self.set_language(str(self.language.itemData(i))))
        if devices is not None:
            devices.button_pressed.connect(self._on_button_pressed)
            devices.rating_pressed.connect(self._on_rating_pressed)
            devices.device_changed.connect(self._on_device_changed)

    def _build_timers(self, rating_timeout_ms: int, refresh_ms: int) -> None:
        self.rating_timer = QTimer(self)
        self.rating_timer.setSingleShot(True)
        self.rating_timer.setInterval(rating_timeout_ms)
        self.rating_timer.timeout.connect(self._on_rating_timeout)
        self.tick = QTimer(self)
        self.tick.setInterval(refresh_ms)
        self.tick.timeout.connect(self.refresh)

    def _build_console(self) -> QWidget:
        self.card = TicketCard()
        self.buttons: dict[Action, QPushButton] = {}
        actions = QVBoxLayout()
        actions.setSpacing(4)
        for action in BUTTON_ORDER:
            button = QPushButton()
            button.setObjectName(f"action_{action.value}")
            button.setMinimumHeight(32)
            button.setStyleSheet("text-align: left; padding-left: 8px;")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the window
            button.clicked.connect(lambda _=False, a=action: self.request(a))
            actions.addWidget(button)
            self.buttons[action] = button
        self.queue_panel = QueuePanel()
        self.queue_panel.line_chosen.connect(self.call_from_line)
        self.day_panel = DayPanel()
        self.note = SupervisorNote()
        # a message from the supervisor takes the place of the operator's day until it is read:
        # nothing else on the console moves, nor does the window grow
        self.day_or_note = QStackedWidget()
        self.day_or_note.addWidget(self.day_panel)
        self.day_or_note.addWidget(self.note)
        self.note.shown_changed.connect(
            lambda shown: self.day_or_note.setCurrentWidget(self.note if shown else self.day_panel)
        )
        # the visitor and the queue on the left, one above the other; the keys and the day on
        # the right. Side by side with the keys, the card had been as tall as all twelve of them,
        # and the queue was pushed below them: on a 1366x768 screen three of its lines showed,
        # at 1024x600 none
        visitor = QVBoxLayout()
        visitor.addWidget(self.card, 1)
        visitor.addWidget(self.queue_panel, 1)
        keys = QVBoxLayout()
        keys.addLayout(actions)
        keys.addWidget(self.day_or_note, 1)
        console = QWidget()
        console_layout = QHBoxLayout(console)
        console_layout.setContentsMargins(0, 0, 0, 0)
        console_layout.addLayout(visitor, 3)
        console_layout.addLayout(keys, 2)
        # on a small screen (a 1024x600 counter PC under its taskbar) the console scrolls down
        # to its lower panels, where it had been squeezed, its texts drawn over one another;
        # across it is never narrower than its own texts need
        page = ConsolePage()
        page.setWidget(console)
        return page

    # ------------------------------------------------------------------ start and stop

    def start(self) -> None:
        """Connect to the server and the devices."""
        self.link.start()
        if self.devices is not None:
            self.devices.start()
        self.tick.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.tick.stop()
        self.rating_timer.stop()
        self.link.stop()
        if self.devices is not None:
            self.devices.lamp("OFF")  # nobody is at this console any more
            self.devices.stop()
        super().closeEvent(event)

    # ------------------------------------------------------------------ language

    def set_language(self, language: str) -> None:
        """Switch every text, including the catalogue's, to kk, ru or en."""
        self.translations.use(language)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.sign_in_page.set_language(language)
        self.message.hide()  # a notice in the old language too; the keypad's prompt holds
        if self.awaiting_rating is not None:
            self._show_rating_prompt()
        self.retranslate()
        self.language_changed.emit(self.language_code)

    @property
    def language_code(self) -> str:
        return str(self.language.currentData() or self.translations.language)

    def retranslate(self) -> None:
        counter = self.state.counter
        name = in_language(counter.name, self.language_code) if counter else ""
        self.sign_in_page.retranslate(name, counter.number if counter else 0)
        for action, button in self.buttons.items():
            button.setText(f"{texts.KEYS[action]}   {texts.action_name(action)}")
        self.queue_panel.retranslate()
        self.day_panel.retranslate()
        self.note.retranslate()
        if self._message_kind in ("error", "unreachable"):
            self.message.hide()  # an old error in the old language would only confuse
        self.refresh()

    # ------------------------------------------------------------------ operator's requests

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        action = QT_KEYS.get(Qt.Key(event.key()))
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if action is Action.CALL_NEXT and shift and self.stack.currentWidget() is self.console_page:
            self.choose_line()  # Shift+F1: the next of one line the operator picks
            event.accept()
            return
        if action is not None and self.stack.currentWidget() is self.console_page:
            self.request(action)
            event.accept()
            return
        super().keyPressEvent(event)

    def request(self, action: Action) -> None:
        """The operator asked for `action` (button, key or call button)."""
        state = self.state
        if action not in state.legal_actions():
            if state.pending is None and state.operator is not None:
                name = texts.action_name(action)
                why = state.why_not(action)
                if why is None:
                    text = self.tr("“%1” is not possible now.").replace("%1", name)
                else:
                    text = self.tr("“%1” is not possible now: %2").replace("%1", name)
                    text = text.replace("%2", texts.hindrance(why))
                self.show_message(text, "error")
            return
        ticket = state.current
        command: Command | None = None
        alone = state.left_alone(self.counters) if action is Action.CLOSE else []
        if alone and not CloseDialog.ask(self, alone, self.service_names()):
            self._from_button = None  # the last counter of a line stays open for its visitors
            return
        if action in (Action.CALL_NEXT, Action.RESUME, Action.CLOSE):
            command = Command(action)
        elif action is Action.FINISH and ticket is not None:
            command = Command(action, ticket_id=ticket.id, result=self.card.selected_result())
        elif action in ON_THE_TICKET and ticket is not None:
            command = Command(action, ticket_id=ticket.id)
        elif action is Action.TRANSFER and ticket is not None:
            choice = TransferDialog.ask(
                self, ticket, list(self.services.values()), self.counters, self.language_code
            )
            if choice is not None:
                command = Command(
                    action,
                    ticket_id=ticket.id,
                    service_id=choice.service_id,
                    counter_id=choice.counter_id,
                    note=choice.note or None,
                    come_back=choice.come_back,
                )
        elif action is Action.PAUSE:
            reason = PauseDialog.ask(self)
            if reason is not None:
                command = Command(action, reason=reason)
        elif action is Action.CALL_TICKET:  # postponed visitors back; a supervisor: any ticket
            supervisor = state.operator is not None and state.operator.supervisor
            waiting = state.next_tickets(count=100) if supervisor else []
            postponed = sorted(state.postponed.values(), key=lambda t: t.view.number)
            call = CallTicketDialog.ask(self, waiting, self.service_names(), postponed)
            if call is not None and call.gone:  # stepped away and did not come back
                command = Command(Action.NO_SHOW, ticket_id=call.ticket_id, not_back=True)
                action = Action.NO_SHOW
            elif call is not None:
                command = Command(action, ticket_id=call.ticket_id, reason=call.reason or None)
        elif action is Action.SIGN_OUT:
            state.pending = action
            self.link.sign_out()
            self.refresh()
            return
        if command is None:  # a dialog was cancelled: nothing goes out
            self._from_button = None
            return
        state.pending = action
        self.refresh()
        self._send(command)

    def choose_line(self) -> None:
        """Shift+F1: the operator picks one of the counter's lines to call from."""
        if Action.CALL_NEXT not in self.state.legal_actions():
            self.request(Action.CALL_NEXT)  # says why not, as F1 would
            return
        lines = self.state.queue_lines()
        if not any(line.waiting for line in lines):
            self.show_message(self.tr("Nobody is waiting for this counter."), "notice")
            return
        service_id = LineDialog.ask(self, lines, self.service_names())
        if service_id is not None:
            self.call_from_line(service_id)

    def call_from_line(self, service_id: str) -> None:
        """Call the next visitor of one of this counter's lines (Shift+F1, or a double click
        on the line in the queue panel)."""
        if Action.CALL_NEXT not in self.state.legal_actions():
            self.request(Action.CALL_NEXT)
            return
        self.state.pending = Action.CALL_NEXT
        self.refresh()
        self._send(Command(Action.CALL_NEXT, service_id=service_id))

    def _send(self, command: Command) -> None:
        self._news_at_send = self._news
        self.link.send(command)

    def _on_sign_in_requested(self, login: str, pin: str) -> None:
        self.link.sign_in(login, pin)

    def _on_button_pressed(self, action: object) -> None:
        if not isinstance(action, Action):
            return
        qsystem = self.devices is not None and self.devices.qsystem_button
        if self.state.operator is None:
            self.show_message(self.tr("Sign in first: the call button works after that."), "error")
            self._beep(BEEP_REFUSED_MS)
            return
        if self.state.pending is not None or QApplication.activeModalWidget() is not None:
            return  # a command is on its way, or the screen is asking something first
        action = self.state.button_action(action, qsystem=qsystem)
        if action in self.state.legal_actions():
            self._from_button = action
        else:  # request() says why on screen; the operator at the button hears it
            self._beep(BEEP_REFUSED_MS)
        self.request(action)

    def _beep(self, milliseconds: int) -> None:
        if self.devices is not None:
            self.devices.beep(milliseconds)

    def _button_answered(self, action: Action, *, refused: bool) -> None:
        """A command has its answer: if the call button sent it and it did nothing, beep."""
        if self._from_button is action:
            self._from_button = None
            if refused:
                self._beep(BEEP_REFUSED_MS)

    # ------------------------------------------------------------------ answers

    def _on_command_done(self, outcome: object) -> None:
        if not isinstance(outcome, Outcome):
            return
        state = self.state
        action = outcome.command.action
        if state.pending is action:
            state.pending = None
        self._button_answered(action, refused=outcome.nobody_waiting)
        if outcome.counter is not None:
            state.apply_counter(outcome.counter)
        if outcome.ticket is not None:
            state.apply_ticket(outcome.ticket)
        self.message.hide()
        line = outcome.command.service_id if action is Action.CALL_NEXT else None
        if outcome.nobody_waiting and line is not None:  # that line is empty, maybe not others
            name = self.service_names().get(line, line)
            self.show_message(self.tr("Nobody is waiting for %1.").replace("%1", name), "notice")
        elif outcome.command.not_back and outcome.ticket is not None:
            text = self.tr("%1 did not come back: marked as a no-show.")
            self.show_message(text.replace("%1", outcome.ticket.view.number), "notice")
        elif outcome.nobody_waiting:
            state.nobody_waiting = True
            self.show_message(self.tr("Nobody is waiting for this counter."), "notice")
        elif action is Action.FINISH and outcome.ticket is not None:
            if outcome.ticket.status == "waiting":  # sent here "and back": back where it came from
                text = self.tr("%1 is done here and goes back to %2.")
                text = text.replace("%1", outcome.ticket.view.number)
                self.show_message(text.replace("%2", self.counter_name(outcome.ticket)), "notice")
            else:
                self._ask_rating(outcome.ticket)
        elif action is Action.RATE and outcome.ticket is not None:
            grade = texts.grade(outcome.ticket.view.rating or "")
            self.show_message(self.tr("Rating received: %1").replace("%1", grade), "notice")
        elif action is Action.TRANSFER and outcome.ticket is not None:
            name = self.service_names().get(outcome.ticket.view.service_id, "")
            text = (
                self.tr("%1 transferred to %2: they come back to you when done there.")
                if outcome.command.come_back
                else self.tr("%1 transferred to %2")
            )
            text = text.replace("%1", outcome.ticket.view.number)
            self.show_message(text.replace("%2", name), "notice")
        elif (
            action in (Action.RECALL, Action.NO_SHOW)
            and outcome.ticket is not None
            and outcome.ticket.status == "no_show"
        ):  # said, though the card just empties: a last recall past the limit ends the visit
            text = (
                self.tr("%1 was called the most times allowed: marked as a no-show.")
                if action is Action.RECALL
                else self.tr("%1 marked as a no-show.")
            )
            self.show_message(text.replace("%1", outcome.ticket.view.number), "notice")
        elif action is Action.POSTPONE and outcome.ticket is not None:
            text = self.tr("%1 has stepped away: when they are back, call them with F10.")
            self.show_message(text.replace("%1", outcome.ticket.view.number), "notice")
        self.refresh()

    def _on_command_failed(self, failure: object) -> None:
        if not isinstance(failure, Failure):
            return
        if failure.session_ended:  # the operator's session, not the terminal's pairing
            self._session_ended(failure)
            return
        text = texts.server_error(failure.code, failure.message)
        if failure.request == "sign_in":
            self.sign_in_page.show_error(text)
            return
        if failure.request == "messages" and failure.code == "message_not_found":
            self.link.load_messages()  # read on a note that is no longer there: show the rest
            return
        if failure.request in ("day", "services", "ticket", "messages"):
            return  # read again at the next change or reconnect
        if failure.code == "unknown_result":  # the hall's results changed since they were read
            self._read_services()
        if self.state.pending is failure.action:
            self.state.pending = None
        if failure.action is not None:
            self._button_answered(failure.action, refused=True)
        if failure.action is Action.RATE:
            self.awaiting_rating = None
        if failure.code == "unreachable" and self._news != self._news_at_send:
            self.message.hide()  # the stream told this counter's news since: the screen is true
        else:
            self.show_message(text, "error")
        if failure.code == "unreachable":
            self._message_kind = "unreachable"  # hidden once the server answers again
        self.refresh()

    def _session_ended(self, failure: Failure) -> None:
        """The server no longer takes the operator's session (a new day began, a restore, a
        sign-out elsewhere): back to the sign-in page, saying so; the link already went back
        to the terminal's own token."""
        self.state.pending = None
        self._from_button = None
        if failure.action is Action.RATE:
            self.awaiting_rating = None
        self.state.operator = None
        if failure.request == "services":
            self._read_services()  # again, with the terminal's token
        self.refresh()
        self._say_session_ended()

    def _say_session_ended(self) -> None:
        text = self.tr("Your session ended (a new day, or a sign-out elsewhere). Sign in again.")
        self.sign_in_page.show_error(text)

    def _signed_out_under_us(self, event: HallEvent) -> None:
        """The stream says nobody is signed in here any more while this console had someone:
        signed out at another screen of this counter, disabled, or the day ended. The session is
        dead, so back to the terminal's token and the sign-in page at once, saying why (not at
        the operator's next key). The console's own sign-out (F12) is answered as such."""
        if self.state.pending is Action.SIGN_OUT:
            return  # ours: its answer (or this event first) brings the sign-in page, no alarm
        self.link.forget_session()
        self.state.pending = None
        self._from_button = None
        self.refresh()
        change = event.data.get("change")
        if change == "day_closed":
            text = self.tr("The working day has ended. Sign in again.")
        elif change == "operator_disabled":  # signing in again would only be refused
            text = texts.server_error("operator_disabled", "")
        else:
            text = self.tr("You were signed out elsewhere. Sign in again.")
        self.sign_in_page.show_error(text)

    def _on_signed_in(self, session: object) -> None:
        if not isinstance(session, OperatorSession):
            return
        state = self.state
        state.operator = Operator(session.login, session.name, session.supervisor)
        state.apply_counter(session.counter)
        state.operator = Operator(session.login, session.name, session.supervisor)
        if session.counter.current_ticket_id:
            self.link.load_ticket(session.counter.current_ticket_id)
        self.link.load_day(session.login)
        self.link.load_messages()
        if not self.services:
            self._read_services()
        self.sign_in_page.reset()
        self.stack.setCurrentWidget(self.console_page)
        self.message.hide()
        self.retranslate()

    def _on_signed_out(self) -> None:
        self.state.pending = None
        self._from_button = None
        self.state.operator = None
        self.refresh()

    def _on_day_received(self, day: object) -> None:
        if isinstance(day, OperatorDay):
            self.day_panel.show_day(day)

    def _read_services(self) -> None:
        self.services.reading()  # revisions that come meanwhile outlive the answer
        self.link.load_services()

    def _on_services_received(self, offer: object) -> None:
        if isinstance(offer, HallOffer):
            self.services.read(offer.services)
            self.results = offer.results
            self.refresh()

    def _on_messages_received(self, messages: object) -> None:
        if not isinstance(messages, list) or self.state.operator is None:
            return
        unread = [m for m in messages if isinstance(m, MessageView) and not m.read_here]
        fresh = {m.id for m in unread} - {m.id for m in self.unread}
        self.unread = unread
        self.note.show_unread(unread, self.state.zone)
        if fresh:
            self._beep(BEEP_VISITOR_MS)  # a word from the supervisor: worth a sound

    def _on_ticket_received(self, ticket: object) -> None:
        if isinstance(ticket, TicketInfo):
            self.state.apply_ticket(ticket)
            self.refresh()

    # ------------------------------------------------------------------ the server's news

    def _on_online_changed(self, online: bool) -> None:
        self.online = online
        if online and self._message_kind == "unreachable":
            self.message.hide()  # the server answers again: the console works
        if online:  # the server may have restarted with another catalogue: read it again
            self._read_services()
        if online and self.state.operator is not None:  # sent while the console was away
            self.link.load_messages()
        self.refresh()

    def _on_snapshot_received(self, snapshot: object) -> None:
        if not isinstance(snapshot, Snapshot):
            return
        signed_in = self.state.operator is not None
        self.state.apply_snapshot(snapshot)
        self._heard_news()
        self.counters = list(snapshot.counters)
        if signed_in and self.state.operator is None:  # signed out while the console was away
            self.link.forget_session()
            self.refresh()
            self._say_session_ended()
        current = self.state.current
        if current is not None and self.state.operator is not None:
            self.link.load_ticket(current.id)  # the snapshot leaves out notes and reasons
        if self.state.operator is not None:
            self.link.load_day(self.state.operator.login)
        self.retranslate()

    def _heard_news(self) -> None:
        """The stream told this counter's state or visitor: a "does not answer" is stale."""
        self._news += 1
        if self._message_kind == "unreachable":
            self.message.hide()

    def _on_event_received(self, event: object) -> None:
        if not isinstance(event, HallEvent):
            return
        state = self.state
        signed_in = state.operator is not None
        notice = state.apply_event(event)
        if signed_in and state.operator is None and event.type == COUNTER_CHANGED:
            self._signed_out_under_us(event)
        ticket = event.data.get("ticket")
        here = state.counter_id
        if (event.counter is not None and event.counter.id == here) or (
            isinstance(ticket, dict)
            and here in (ticket.get("counter_id"), event.data.get("counter_id"))
        ):
            self._heard_news()
        if (service := event.service) is not None:  # its name or figures changed
            self.services.revise(service)
        counter = event.counter
        if counter is not None:
            self.counters = [counter if c.id == counter.id else c for c in self.counters]
        operator = state.operator
        message = event.data.get("message")
        if (
            operator is not None
            and event.type == MESSAGE_SENT
            and isinstance(message, dict)
            and message.get("to") in (None, state.counter_id)
        ):
            self.link.load_messages()  # the stream is public: the text comes with our token
        if (
            operator is not None
            and event.type in (TICKET_FINISHED, TICKET_NO_SHOW, TICKET_RATED)
            and isinstance(ticket, dict)
            and ticket.get("operator_id") == operator.login
        ) or (
            operator is not None
            and event.type == TICKET_TRANSFERRED
            and event.data.get("returned") is True
            and event.data.get("from_counter_id") == state.counter_id
        ):
            self.link.load_day(operator.login)  # sent back from here: served here all the same
        idle = state.current is None and state.counter is not None
        if notice is Notice.VISITOR_ARRIVED and operator is not None and idle:
            waiting = state.call_order(1)
            name = self.service_names().get(waiting[0].view.service_id, "") if waiting else ""
            self.show_message(self.tr("A visitor is waiting: %1").replace("%1", name), "notice")
            if state.lamp() == "ON":  # open, not paused or closed: worth a sound
                self._beep(BEEP_VISITOR_MS)
        elif notice is Notice.VISITOR_BACK and operator is not None and isinstance(ticket, dict):
            source = event.data.get("from_service_id")
            name = self.service_names().get(source, "") if isinstance(source, str) else ""
            text = self.tr("%1 is back from %2 and waits for you.")
            text = text.replace("%1", str(ticket.get("number", "")))
            self.show_message(text.replace("%2", name), "notice")
            if idle and state.lamp() == "ON":
                self._beep(BEEP_VISITOR_MS)
        elif (
            notice is Notice.VISITOR_NOT_BACK and operator is not None and isinstance(ticket, dict)
        ):
            name = self.service_names().get(str(ticket.get("service_id", "")), "")
            if event.type == TICKET_NO_SHOW:
                text = self.tr("%1 did not come to %2 and will not come back to you.")
            else:
                text = self.tr("%1 was cancelled at %2 and will not come back to you.")
            text = text.replace("%1", str(ticket.get("number", "")))
            self.show_message(text.replace("%2", name), "notice")
        self.refresh()

    # ------------------------------------------------------------------ rating keypad

    def _ask_rating(self, ticket: TicketInfo) -> None:
        if self.devices is None or not self.devices.has_keypad:
            return
        self.awaiting_rating = ticket.id
        self.rating_timer.start()
        self._show_rating_prompt()

    def _show_rating_prompt(self) -> None:
        text = self.tr("The visitor can rate the service on the keypad now.")
        self.show_message(text, "rating")  # a notice, hidden when the keypad no longer waits

    def _on_rating_pressed(self, grade: str) -> None:
        ticket_id = self.awaiting_rating
        if ticket_id is None:
            return
        current = self.state.current
        if current is not None and current.id != ticket_id and current.status == "serving":
            # the next visitor's visit has started: the press is theirs, not the last one's
            self._on_rating_timeout()
            return
        self.awaiting_rating = None
        self.rating_timer.stop()
        self._send(Command(Action.RATE, ticket_id=ticket_id, grade=grade))

    def _on_rating_timeout(self) -> None:
        self.awaiting_rating = None
        self.rating_timer.stop()
        if self._message_kind == "rating":
            self.message.hide()

    def _on_device_changed(self, device: str, connected: bool) -> None:
        names = {
            "button": self.tr("The call button is not connected."),
            "display": self.tr("The number display is not connected."),
            "keypad": self.tr("The rating keypad is not connected."),
        }
        lost = names.get(device, device)
        if not connected:
            self.show_message(lost, "error")
            return
        if self.message.isVisible() and self.message.text() == lost:
            self.message.hide()
        # a device plugged back in (or powered up) has forgotten what it showed
        if device == "button":
            self._lamp = None
        elif device == "display":
            self._shown_on_display = None
        self.refresh()

    # ------------------------------------------------------------------ rendering

    def counter_name(self, ticket: TicketInfo) -> str:
        """The counter a ticket is sent to, in the operator's language ("" for any counter)."""
        wanted = ticket.target_counter_id
        for counter in self.counters:
            if counter.id == wanted:
                return in_language(counter.name, self.language_code)
        return self.service_names().get(ticket.view.service_id, "")

    def service_names(self) -> Mapping[str, str]:
        return {s.id: in_language(s.name, self.language_code) for s in self.services.values()}

    def show_message(self, text: str, kind: str) -> None:
        """The one place operator-facing messages go: errors red, notices blue."""
        self._message_kind = kind
        self.message.setStyleSheet(ERROR_STYLE if kind == "error" else NOTICE_STYLE)
        self.message.setText(text)
        self.message.show()

    def refresh(self) -> None:
        state = self.state
        # a backup line is called once its first visitor has waited past this
        state.target_waits = {
            s.id: s.target_wait_min for s in self.services.values() if s.target_wait_min
        }
        language = self.language_code
        counter = state.counter
        operator = state.operator
        if operator is None and self.stack.currentWidget() is self.console_page:
            self.stack.setCurrentWidget(self.sign_in_page)
            self.sign_in_page.reset()
            self.message.hide()
        if operator is None and self.unread:  # signed out from elsewhere: the next one's own
            self.unread = []
            self.note.show_unread([], self.state.zone)
        if counter is not None:
            name = in_language(counter.name, language)
            title = f"{name} · {texts.counter_state(counter.state)}"
            self.counter_title.setText(title)
            self.setWindowTitle(self.tr("Kezek: %1").replace("%1", name))
        self.operator_label.setText(operator.name if operator is not None else "")
        self.banner.setText(
            self.tr("No connection to the hall server. Reconnecting…") if not self.online else ""
        )
        self.banner.setVisible(not self.online)
        legal = state.legal_actions()
        for action, button in self.buttons.items():
            button.setEnabled(action in legal)

        now = state.now()
        self.card.show_state(
            state, self.services, language, now, self.results, {c.id: c for c in self.counters}
        )
        self.queue_panel.show_queue(
            state.queue_lines(now),
            self.service_names(),
            state.call_order(5),  # as F1 would call them
            sorted(t.view.number for t in state.postponed.values()),
        )
        if time.monotonic() - self._devices_sent_at >= self.device_resend_s:
            self._devices_sent_at = time.monotonic()
            self._lamp = self._shown_on_display = None
        self._sync_display()
        self._sync_lamp()
        self.refreshed.emit()

    def _sync_display(self) -> None:
        if self.devices is None:
            return
        ticket = self.state.current
        wanted = (ticket.view.number, ticket.view.times_called) if ticket is not None else ("", 0)
        if wanted == self._shown_on_display:
            return
        if self.devices.show(wanted[0], blink=wanted[1] > 1):
            self._shown_on_display = wanted

    def _sync_lamp(self) -> None:
        if self.devices is None:
            return
        wanted = self.state.lamp()
        if wanted != self._lamp and self.devices.lamp(wanted):
            self._lamp = wanted


def _message_strip() -> QLabel:
    """The operator's messages: two lines' height always, shown or hidden, so that a message
    appearing (or wrapping) never moves the keys below it."""
    strip = QLabel()
    strip.setObjectName("message")
    strip.setWordWrap(True)
    strip.setStyleSheet(NOTICE_STYLE)
    keep = strip.sizePolicy()
    keep.setRetainSizeWhenHidden(True)
    strip.setSizePolicy(keep)
    bold = strip.font()
    bold.setBold(True)
    strip.setFixedHeight(2 * QFontMetrics(bold).lineSpacing() + 14)  # its 6-px padding
    strip.hide()
    return strip
