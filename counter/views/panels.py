"""The queue for this counter's services and the operator's own day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.models import QueueModel
from counter.state import ServiceLine, TicketInfo
from counter.views import texts
from hallserver.protocol import OperatorDay


class QueuePanel(QGroupBox):
    """Waiting per service, the longest wait, and the next few tickets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueModel(self)
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
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
