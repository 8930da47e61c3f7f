"""The current ticket card: number, service, priority, appointment, wait, notes, documents, and
while serving, how the visit ends (the hall's results; F4 finishes with the one chosen)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counter.state import ConsoleState, TicketInfo
from counter.views import texts
from hallserver.protocol import CounterView, ResultView, ServiceView


def in_language(text: Mapping[str, str] | None, language: str) -> str:
    """A catalogue text in the operator's language (Kazakh, Russian, English as fallbacks)."""
    if not text:
        return ""
    for code in (language, "kk", "ru", "en"):
        if text.get(code):
            return text[code]
    return next(iter(text.values()), "")


def _takes_back(counter: CounterView, service_id: str) -> bool:
    """The counter a visitor was sent from takes them back (as the server decides)."""
    return counter.state != "closed" and service_id in counter.profile


class DocumentCheck(QWidget):
    """A document to tick: a box and its name, which wraps (a QCheckBox's text cannot, and one
    long name, "Еңбек кітапшасы немесе 1998 жылға дейінгі…", widened the card and moved the
    buttons beside it)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setObjectName("document")
        self.box.setAccessibleName(name)
        self.words = QLabel(name)
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.words, 1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() is Qt.MouseButton.LeftButton:  # the name ticks it, as a box's text
            self.box.toggle()
        event.accept()

    def text(self) -> str:
        return self.words.text()

    def isChecked(self) -> bool:  # noqa: N802 - QCheckBox's name, for its callers
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:  # noqa: N802 - QCheckBox's name
        self.box.setChecked(checked)


class ResultBox(QComboBox):
    """The visit's result. The console's F-keys pass through it: a combo box opens its list on
    F4, which here finishes the visit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # measured again whenever its results change (a language picked, the board's edits): Qt
        # otherwise keeps what it measured at the first show
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F12:
            event.ignore()  # on to the window, which acts on it
            return
        super().keyPressEvent(event)


class TicketCard(QFrame):
    """Shows the ticket at this counter, or what the counter is doing when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("ticketCard")
        self.number = QLabel()  # hidden while no ticket is here: a big "—" read as a black bar
        self.number.hide()
        self.number.setObjectName("ticketNumber")
        font = QFont()
        font.setPointSize(40)
        font.setBold(True)
        self.number.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("ticketStatus")
        self.service = QLabel()
        self.service.setObjectName("ticketService")
        self.service.setWordWrap(True)
        bold = QFont()
        bold.setPointSize(13)
        bold.setBold(True)
        self.service.setFont(bold)
        self.details = QLabel()
        self.details.setObjectName("ticketDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.documents_title = QLabel()
        self.documents_title.setObjectName("documentsTitle")
        self.documents_box = QVBoxLayout()
        self.documents_box.setSpacing(2)
        self.documents: list[DocumentCheck] = []
        self._ticket_id: str | None = None
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result = ResultBox()
        self.result.setObjectName("visitResult")
        self.result.setMinimumHeight(34)
        self.result_label.setBuddy(self.result)
        self._results: tuple[ResultView, ...] = ()
        self._result_for: tuple[str | None, str] = (None, "")  # ticket and language shown
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_label)
        result_row.addWidget(self.result, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(self.status)
        layout.addWidget(self.service)
        layout.addWidget(self.details)
        layout.addLayout(result_row)
        layout.addSpacing(6)
        layout.addWidget(self.documents_title)
        layout.addLayout(self.documents_box)
        layout.addStretch(1)

    @property
    def shown_number(self) -> str:
        return self.number.text()

    def selected_result(self) -> str | None:
        """The result F4 finishes the visit with; None when the hall records none."""
        if self._result_for[0] is None:  # no visit served, or the hall records no results
            return None
        value = self.result.currentData()
        return value if isinstance(value, str) else None

    def show_state(
        self,
        state: ConsoleState,
        services: Mapping[str, ServiceView],
        language: str,
        now: datetime,
        results: Sequence[ResultView] = (),
        counters: Mapping[str, CounterView] | None = None,
    ) -> None:
        ticket = state.current
        if ticket is None:
            self._render_idle(state)
            self._render_result(None, (), language)
            return
        view = ticket.view
        self.number.setText(view.number)
        self.number.show()
        status = texts.status(view.status)
        last = state.max_recalls is not None and view.times_called > state.max_recalls
        if view.status == "called" and last:  # said before F2 ends the visit, not after
            status = self.tr("%1, call %2: the next recall marks a no-show").replace("%1", status)
            status = status.replace("%2", str(view.times_called))
        elif view.status == "called" and view.times_called > 1:
            status = self.tr("%1, call %2").replace("%1", status)
            status = status.replace("%2", str(view.times_called))
        self.status.setText(status)
        colour = "#0b5394" if view.status == "called" else "#1e6b34"
        if view.status == "called" and last:
            colour = "#8a0010"  # the console's error red: one more F2 ends the visit
        self.status.setStyleSheet(f"color: {colour}; font-weight: bold;")
        service = services.get(view.service_id)
        self.service.setText(in_language(service.name, language) if service else view.service_id)
        details = self._details(ticket, now.astimezone(state.zone))
        if view.return_service_id is not None:  # sent here "and back": F4 sends them back
            counter = (counters or {}).get(view.return_counter_id or "")
            if counter is not None and _takes_back(counter, view.return_service_id):
                back = in_language(counter.name, language)
            else:  # their counter has closed or no longer serves it: any counter of it
                returned = services.get(view.return_service_id)
                back = in_language(returned.name, language) if returned else view.return_service_id
            details.append(self.tr("When done here: back to %1").replace("%1", back))
        self.details.setText("\n".join(details))
        self.details.show()
        self._render_result(ticket if view.status == "serving" else None, results, language)
        self._render_documents(ticket, service, language)

    def _render_result(
        self, ticket: TicketInfo | None, results: Sequence[ResultView], language: str
    ) -> None:
        """While a visit is served, the hall's results to pick from (the first by default); the
        choice is kept across refreshes of the same visit, and starts over for the next."""
        shown = ticket is not None and bool(results)
        self.result_label.setVisible(shown)
        self.result.setVisible(shown)
        if ticket is None or not results:
            self._result_for = (None, "")
            return
        key = (ticket.id, language)
        if key == self._result_for and tuple(results) == self._results:
            return
        chosen = self.result.currentData() if self._result_for[0] == ticket.id else None
        self._results = tuple(results)
        self._result_for = key
        self.result_label.setText(self.tr("Result:"))
        self.result.clear()
        for result in results:
            self.result.addItem(in_language(result.name, language), result.id)
        # never narrower than its longest result (Qt keeps the minimum it measured empty): the
        # card had been squeezed until it read "Услуга о" at the console's smallest window, and
        # "Неполный пакет документ" once the operator had switched from English while serving
        self.result.setMinimumWidth(self.result.sizeHint().width())
        index = self.result.findData(chosen) if chosen is not None else 0
        self.result.setCurrentIndex(max(index, 0))

    def _details(self, ticket: TicketInfo, now: datetime) -> list[str]:
        view = ticket.view
        lines = []
        if view.priority != "regular":
            line = self.tr("Priority: %1").replace("%1", texts.priority(view.priority))
            if ticket.priority_reason:
                line += f" — {ticket.priority_reason}"
            lines.append(line)
        if view.appointment_at is not None:
            at = view.appointment_at.astimezone(now.tzinfo).strftime("%H:%M")
            lines.append(self.tr("Appointment at %1").replace("%1", at))
        lines.append(self.tr("Waited %1").replace("%1", texts.duration(ticket.waited_s(now))))
        if view.status == "serving" and view.started_at is not None:
            serving = int((now - view.started_at).total_seconds())
            lines.append(self.tr("Serving for %1").replace("%1", texts.duration(serving)))
        if view.transfers:
            lines.append(self.tr("Transferred %n time(s)", "", view.transfers))
        lines.extend(self.tr("Note: %1").replace("%1", note) for note in ticket.notes)
        return lines

    def _render_documents(
        self, ticket: TicketInfo, service: ServiceView | None, language: str
    ) -> None:
        names = [in_language(d, language) for d in service.documents] if service else []
        keep_ticks = ticket.id == self._ticket_id and len(names) == len(self.documents)
        ticks = [box.isChecked() for box in self.documents] if keep_ticks else []
        self._clear_documents()
        self._ticket_id = ticket.id
        self.documents_title.setText(self.tr("Documents to check") if names else "")
        self.documents_title.setVisible(bool(names))
        for i, name in enumerate(names):
            box = DocumentCheck(name)
            box.setChecked(ticks[i] if i < len(ticks) else False)
            self.documents_box.addWidget(box)
            self.documents.append(box)

    def _render_idle(self, state: ConsoleState) -> None:
        self._clear_documents()
        self._ticket_id = None
        self.documents_title.hide()
        self.number.setText("")
        self.number.hide()  # the status says what the counter is doing, first and quietly
        self.service.setText("")
        counter = state.counter
        self.status.setStyleSheet("color: #444; font-weight: bold;")
        if counter is None or counter.state == "closed":
            self.status.setText(texts.counter_state("closed"))
            self.details.setText(self.tr("Press F8 to open the counter."))
        elif counter.state == "paused":
            reason = texts.pause_reason(counter.pause_reason)
            self.status.setText(self.tr("Paused: %1").replace("%1", reason))
            self.details.setText(self.tr("Press F8 to resume."))
        elif state.nobody_waiting and not state.call_order(1):
            self.status.setText(self.tr("Nobody is waiting"))
            self.details.setText(self.tr("The console will tell you when someone arrives."))
        else:
            self.status.setText(self.tr("No visitor at the counter"))
            self.details.setText(self.tr("Press F1 to call the next visitor."))

    def _clear_documents(self) -> None:
        for box in self.documents:
            self.documents_box.removeWidget(box)
            box.deleteLater()
        self.documents = []
