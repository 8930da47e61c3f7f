"""Works around PySide6 6.12 on Python 3.11 dropping a reference to None on every void call.

Every call of a C++ method that returns nothing (`QLabel.setText`, `processEvents`, …) lowers
`sys.getrefcount(None)` by one; after a few thousand calls Python aborts with "deallocating
None". Python 3.12 made None immortal, so the bug is harmless there. Until the binding is fixed,
`NoneGuard.top_up()` gives the references back; the console calls it from a timer. True and
False lose references the same way (`setEnabled(False)`, …), so they are guarded too.
"""

from __future__ import annotations

import ctypes
import sys

_INCREF = ctypes.pythonapi.Py_IncRef
_INCREF.argtypes = [ctypes.py_object]
_INCREF.restype = None


GUARDED = (None, True, False)


class NoneGuard:
    """Keeps the reference counts of None, True and False from falling below their start."""

    def __init__(self, margin: int = 1_000_000) -> None:
        self.needed = sys.version_info < (3, 12)
        self.floors = [sys.getrefcount(value) + margin for value in GUARDED]
        if self.needed:
            for value in GUARDED:
                self._give(value, margin)

    def top_up(self) -> int:
        """Give back what the binding took since the last call; returns how many."""
        if not self.needed:
            return 0
        given = 0
        for value, floor in zip(GUARDED, self.floors, strict=True):
            missing = floor - sys.getrefcount(value)
            if missing > 0:
                self._give(value, missing)
                given += missing
        return given

    @staticmethod
    def _give(value: object, count: int) -> None:
        for _ in range(count):
            _INCREF(value)
