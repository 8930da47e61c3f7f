"""The queue table model passes Qt's model tester."""

from __future__ import annotations

from counter.models import QueueModel
from counter.state import ServiceLine


def test_queue_model_passes_the_qt_model_tester(qtmodeltester) -> None:
    model = QueueModel()
    qtmodeltester.check(model)
    model.set_lines(
        [ServiceLine("id-card", "main", 3, 600), ServiceLine("passport", "backup", 0, 0)],
        {"id-card": "ID card", "passport": "Passport"},
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.data(model.index(1, 0)) == "Passport (backup)"
    assert model.data(model.index(0, 2)) == "10 min"
