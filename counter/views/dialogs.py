"""Small dialogs: transfer, pause reason, a supervisor's call out of order, a line to call from.

Each has a classmethod `ask(...)` that returns the answer or None; tests monkeypatch it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.state import PAUSE_REASONS, ServiceLine, TicketInfo
from counter.views import texts
from counter.views.card import in_language
from hallserver.protocol import CounterView, ServiceView

NOTE_LIMIT = 200  # the server's limit for a transfer note


@dataclass(frozen=True)
class TransferChoice:
    """Where a visitor goes next, and what the next operator should know."""

    service_id: str
    counter_id: str | None
    note: str
    come_back: bool = False  # back to this counter once done there


class TransferDialog(QDialog):
    """Pick a service (and optionally a counter serving it) and write a short note."""

    def __init__(
        self,
        ticket: TicketInfo,
        services: Sequence[ServiceView],
        counters: Sequence[CounterView],
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer %1").replace("%1", ticket.view.number))
        self._counters = counters
        self._language = language
        self.service = QComboBox()
        self.service.setObjectName("transferService")
        # services a counter serves now first; the others, marked, after them
        offered = [s for s in services if not s.suspended]
        alphabet = QCollator(QLocale(language))  # Қ after К, Ә after А: not by code point
        offered.sort(
            key=lambda s: (not self._served(s.id), alphabet.sortKey(in_language(s.name, language)))
        )
        for service in offered:
            name = in_language(service.name, language)
            if not self._served(service.id):
                name = self.tr("%1 (no counter open)").replace("%1", name)
            self.service.addItem(name, service.id)
        self.unserved = QLabel(
            self.tr("No counter serving it is open now: the visitor waits until one opens.")
        )
        self.unserved.setObjectName("transferUnserved")
        self.unserved.setWordWrap(True)
        self.counter = QComboBox()
        self.counter.setObjectName("transferCounter")
        self.note = QLineEdit()
        self.note.setObjectName("transferNote")
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(self.tr("What the next operator should know"))
        self.come_back = QCheckBox(self.tr("Comes back to me when done there"))
        self.come_back.setObjectName("transferComeBack")
        if ticket.view.return_service_id is not None:  # one return at a time (the server says so)
            self.come_back.setEnabled(False)
            self.come_back.setToolTip(self.tr("This visitor already goes back to another counter."))
        form = QFormLayout()
        form.addRow(self.tr("Service"), self.service)
        form.addRow(self.tr("Counter"), self.counter)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.come_back)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Transfer"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.unserved)
        layout.addWidget(buttons)
        self.service.currentIndexChanged.connect(self._fill_counters)
        self._fill_counters()
        self.setMinimumWidth(460)

    def _served(self, service_id: str) -> bool:
        """A counter serving the service is open, or paused (its operator comes back)."""
        return any(
            service_id in c.profile and c.state in ("open", "paused") for c in self._counters
        )

    def _fill_counters(self) -> None:
        service_id = self.service.currentData()
        self.unserved.setVisible(isinstance(service_id, str) and not self._served(service_id))
        self.counter.clear()
        self.counter.addItem(self.tr("Any counter"), None)
        for counter in sorted(self._counters, key=lambda c: c.number):
            # a closed counter would never call the visitor (the server refuses it too)
            if service_id in counter.profile and counter.state != "closed":
                self.counter.addItem(in_language(counter.name, self._language), counter.id)

    def choice(self) -> TransferChoice | None:
        service_id = self.service.currentData()
        if not isinstance(service_id, str):
            return None
        counter_id = self.counter.currentData()
        return TransferChoice(
            service_id,
            counter_id if isinstance(counter_id, str) else None,
            self.note.text().strip(),
            self.come_back.isEnabled() and self.come_back.isChecked(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ticket: TicketInfo,
        services: Sequence[ServiceView],
        counters: Sequence[CounterView],
        language: str,
    ) -> TransferChoice | None:
        dialog = cls(ticket, services, counters, language, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class NumberedChoices(QDialog):
    """A dialog of numbered buttons: the digit keys 1-9 press them, with or without Alt."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.numbered: list[QPushButton] = []

    def add_numbered(self, text: str) -> QPushButton:
        number = len(self.numbered) + 1
        words = text.replace("&", "&&")  # a name's "&" is no mnemonic
        button = QPushButton(f"&{number}  {words}" if number <= 9 else words)
        button.setMinimumHeight(36)
        self.numbered.append(button)
        return button

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        index = event.key() - Qt.Key.Key_1
        if 0 <= index < min(9, len(self.numbered)) and self.numbered[index].isEnabled():
            self.numbered[index].click()
            return
        super().keyPressEvent(event)


class PauseDialog(NumberedChoices):
    """One big button per reason: break, lunch, technical, paperwork (keys 1-4)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pause: why?"))
        self.reason: str | None = None
        layout = QVBoxLayout(self)
        for reason in PAUSE_REASONS:
            button = self.add_numbered(texts.pause_reason(reason))
            button.setObjectName(f"pause_{reason}")
            button.clicked.connect(lambda _=False, r=reason: self._choose(r))
            layout.addWidget(button)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.setMinimumWidth(300)

    def _choose(self, reason: str) -> None:
        self.reason = reason
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget) -> str | None:
        dialog = cls(parent)
        return dialog.reason if dialog.exec() == QDialog.DialogCode.Accepted else None


class CloseDialog(QDialog):
    """Closing the last counter of a line with visitors waiting: the operator confirms."""

    def __init__(
        self,
        lines: Sequence[ServiceLine],
        names: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close the counter?"))
        layout = QVBoxLayout(self)
        said = QLabel(self.tr("Visitors are still waiting and no other counter serves them:"))
        said.setWordWrap(True)
        layout.addWidget(said)
        for line in lines:
            name = names.get(line.service_id, line.service_id)
            layout.addWidget(QLabel(f"{name}: {line.waiting}"))
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close anyway"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setObjectName("close_anyway")
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)  # Enter keeps the counter open
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    @classmethod
    def ask(cls, parent: QWidget, lines: Sequence[ServiceLine], names: Mapping[str, str]) -> bool:
        return cls(lines, names, parent).exec() == QDialog.DialogCode.Accepted


class LineDialog(NumberedChoices):
    """Call the next visitor of one line of this counter: one big button per line where someone
    waits, with how many (keys 1-9, in the order of the queue panel)."""

    def __init__(
        self,
        lines: Sequence[ServiceLine],
        names: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Call the next from one line"))
        self.service_id: str | None = None
        layout = QVBoxLayout(self)
        for line in (line for line in lines if line.waiting):
            name = names.get(line.service_id, line.service_id)
            waiting = self.tr("%1 waiting").replace("%1", str(line.waiting))
            button = self.add_numbered(f"{name} — {waiting}")
            button.setObjectName(f"line_{line.service_id}")
            button.setToolTip(name)
            button.clicked.connect(lambda _=False, s=line.service_id: self._choose(s))
            layout.addWidget(button)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)
        self.setMinimumWidth(520)

    def _choose(self, service_id: str) -> None:
        self.service_id = service_id
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget, lines: Sequence[ServiceLine], names: Mapping[str, str]
    ) -> str | None:
        dialog = cls(lines, names, parent)
        return dialog.service_id if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class OutOfOrderCall:
    """A supervisor's call of one waiting ticket, and why; or, for a visitor who stepped away,
    their call back, or (`gone`) that they did not come back."""

    ticket_id: str
    reason: str
    gone: bool = False


class CallTicketDialog(QDialog):
    """Call a visitor by their ticket: one who stepped away and is back (no reason needed), or,
    for a supervisor, a waiting ticket out of order (the reason is required and logged). One who
    stepped away and did not come back is let go from here too (a no-show)."""

    def __init__(
        self,
        waiting: Sequence[TicketInfo],
        service_names: Mapping[str, str],
        postponed: Sequence[TicketInfo] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Call a ticket"))
        self.tickets = QListWidget()
        self.tickets.setObjectName("outOfOrderTickets")
        for ticket in postponed:
            name = service_names.get(ticket.view.service_id, ticket.view.service_id)
            text = self.tr("%1  %2 · back from stepping away")
            item = QListWidgetItem(text.replace("%1", ticket.view.number).replace("%2", name))
            item.setData(Qt.ItemDataRole.UserRole, (ticket.id, True))
            self.tickets.addItem(item)
        for ticket in waiting:
            name = service_names.get(ticket.view.service_id, ticket.view.service_id)
            item = QListWidgetItem(f"{ticket.view.number}  {name}")
            item.setData(Qt.ItemDataRole.UserRole, (ticket.id, False))
            self.tickets.addItem(item)
        if self.tickets.count():
            self.tickets.setCurrentRow(0)
        self.reason = QLineEdit()
        self.reason.setObjectName("outOfOrderReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Why this ticket goes first (required)"))
        self.hint = QLabel(self.tr("The reason is written into the hall's event log."))
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Call"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.not_back = self.buttons.addButton(
            self.tr("Did not come back"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.not_back.setObjectName("notBack")
        self.not_back.clicked.connect(self._gone)
        self.gone = False
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tickets)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self.tickets.currentRowChanged.connect(self._update)
        self._update()
        # each line whole: "· stepped away" is what tells a returning visitor from the rest
        self.setMinimumWidth(max(420, self.tickets.sizeHintForColumn(0) + 60))

    def _chosen(self) -> tuple[str, bool] | None:
        if self.tickets.currentRow() < 0:
            return None
        ticket_id, back = self.tickets.currentItem().data(Qt.ItemDataRole.UserRole)
        return str(ticket_id), bool(back)

    def _update(self) -> None:
        chosen = self._chosen()
        out_of_order = chosen is not None and not chosen[1]
        self.reason.setVisible(out_of_order)
        self.hint.setVisible(out_of_order)
        self.ok.setEnabled(chosen is not None and (chosen[1] or bool(self.reason.text().strip())))
        self.not_back.setVisible(chosen is not None and chosen[1])

    def _gone(self) -> None:
        self.gone = True
        self.accept()

    def choice(self) -> OutOfOrderCall | None:
        chosen = self._chosen()
        if chosen is None:
            return None
        ticket_id, back = chosen
        if back:
            return OutOfOrderCall(ticket_id, "", gone=self.gone)
        reason = self.reason.text().strip()
        return OutOfOrderCall(ticket_id, reason) if reason else None

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        waiting: Sequence[TicketInfo],
        service_names: Mapping[str, str],
        postponed: Sequence[TicketInfo] = (),
    ) -> OutOfOrderCall | None:
        dialog = cls(waiting, service_names, postponed, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
