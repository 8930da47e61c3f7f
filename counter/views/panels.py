"""The queue for this counter's services and the operator's own day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.models import QueueModel
from counter.state import ServiceLine, TicketInfo
from counter.views import texts
from hallserver.protocol import MessageView, OperatorDay


class QueuePanel(QGroupBox):
    """Waiting per service, the longest wait, and the next few tickets. A double click on a
    line calls the next visitor of that line."""

    line_chosen = Signal(str)  # a service id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueModel(self)
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        # a long service name on two lines, whole: cut with "…" the operator could not read it
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())  # a one-line row as roomy as before
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(
            lambda index: self.line_chosen.emit(self.model.line(index.row()).service_id)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.next_label = QLabel()
        self.next_label.setObjectName("nextTickets")
        self.next_label.setWordWrap(True)
        self.away_label = QLabel()
        self.away_label.setObjectName("postponedTickets")
        self.away_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.next_label)
        layout.addWidget(self.away_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Queue for this counter"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def show_queue(
        self,
        lines: Sequence[ServiceLine],
        names: Mapping[str, str],
        upcoming: Sequence[TicketInfo],
        away: Sequence[str] = (),
    ) -> None:
        self.model.set_lines(lines, names)
        if upcoming:
            numbers = " · ".join(t.view.number for t in upcoming)
            self.next_label.setText(self.tr("Next: %1").replace("%1", numbers))
        else:
            self.next_label.setText(self.tr("Nobody is waiting."))
        # visitors who stepped away from this counter: called back with F10 when they return
        self.away_label.setText(self.tr("Stepped away: %1").replace("%1", " · ".join(away)))
        self.away_label.setVisible(bool(away))


class DayPanel(QGroupBox):
    """The operator's day so far: served, average service time, no-shows, ratings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        for row, key in enumerate(("served", "average", "no_shows", "ratings")):
            name, value = QLabel(), QLabel("—")
            value.setObjectName(f"day_{key}")
            value.setWordWrap(True)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.names[key], self.values[key] = name, value
        grid.setColumnStretch(1, 1)
        self._day: OperatorDay | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("My day"))
        self.names["served"].setText(self.tr("Served"))
        self.names["average"].setText(self.tr("Average service"))
        self.names["no_shows"].setText(self.tr("No-shows"))
        self.names["ratings"].setText(self.tr("Ratings"))
        if self._day is not None:
            self.show_day(self._day)

    def show_day(self, day: OperatorDay) -> None:
        self._day = day
        self.values["served"].setText(str(day.served))
        self.values["average"].setText(texts.duration(day.average_service_s))
        self.values["no_shows"].setText(str(day.no_shows))
        self.values["ratings"].setText(
            "  ".join(
                f"{texts.grade(g)} {day.ratings.get(g, 0)}"
                for g in ("excellent", "good", "satisfactory")
            )
        )


class SupervisorNote(QFrame):
    """The oldest unread message from the supervisor, until the operator presses Read. It takes
    the place of the operator's day (the window shows one or the other)."""

    read_pressed = Signal(int)  # the message's id
    shown_changed = Signal(bool)  # a message to show, or none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorNote")
        self.setStyleSheet(
            "#supervisorNote { background: #fff4ce; border: 2px solid #c98a00;"
            " border-radius: 4px; }"
        )
        self.title = QLabel()
        self.title.setObjectName("noteTitle")
        self.title.setStyleSheet("font-weight: bold; color: #5c3d00;")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("noteText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        bigger = self.text.font()
        bigger.setPointSizeF(bigger.pointSizeF() * 1.15)
        self.text.setFont(bigger)
        self.read = QPushButton()
        self.read.setObjectName("noteRead")
        self.read.setMinimumHeight(32)
        self.read.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the window
        self.read.clicked.connect(self._read)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(self.read)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(foot)
        self._shown: MessageView | None = None
        self._more = 0
        self._zone: tzinfo | None = None

    def show_unread(self, unread: Sequence[MessageView], zone: tzinfo | None) -> None:
        """The oldest unread message, and how many more wait behind it."""
        self._shown = unread[0] if unread else None
        self._more = len(unread) - 1 if unread else 0
        self._zone = zone
        self.retranslate()
        self.shown_changed.emit(self._shown is not None)

    def retranslate(self) -> None:
        self.read.setText(self.tr("Read"))
        message = self._shown
        if message is None:
            return
        at = message.at.astimezone(self._zone).strftime("%H:%M")
        title = self.tr("From the supervisor, %1").replace("%1", at)
        if self._more:
            title += " " + self.tr("(%1 more)").replace("%1", str(self._more))
        self.title.setText(title)
        self.text.setText(message.text)

    def _read(self) -> None:
        if self._shown is not None:
            self.read_pressed.emit(self._shown.id)
