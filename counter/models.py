"""The queue of this counter's services as a Qt table model: service, waiting, longest wait."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from counter.state import ServiceLine
from counter.views import texts

Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractTableModel):
    """One row per service of the counter's profile; backup services say so."""

    SERVICE, WAITING, LONGEST = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[ServiceLine] = []
        self._names: Mapping[str, str] = {}

    def set_lines(self, lines: Sequence[ServiceLine], names: Mapping[str, str]) -> None:
        """Replace the rows (names: service id -> name in the operator's language)."""
        self.beginResetModel()
        self._lines = list(lines)
        self._names = dict(names)
        self.endResetModel()

    def line(self, row: int) -> ServiceLine:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.SERVICE:
                name = self._names.get(line.service_id, line.service_id)
                if line.level == "backup":
                    backup = QCoreApplication.translate("QueueModel", "backup")
                    return f"{name} ({backup})"
                return name
            if column == self.WAITING:
                return str(line.waiting)
            if column == self.LONGEST:
                return texts.duration(line.longest_wait_s) if line.waiting else "—"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.SERVICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and line.waiting and column == self.WAITING:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SERVICE:
            return self._names.get(line.service_id, line.service_id)
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            QCoreApplication.translate("QueueModel", "Service"),
            QCoreApplication.translate("QueueModel", "Waiting"),
            QCoreApplication.translate("QueueModel", "Longest wait"),
        )
        return headers[section] if 0 <= section < len(headers) else None
