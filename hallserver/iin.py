"""Kazakhstan's individual identification number (IIN): 12 digits, a birth date, a checksum."""

from __future__ import annotations

from datetime import date

_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


def tidy_iin(typed: str) -> str:
    """An IIN as typed (`900101 300007`, `900101-300007`): without spaces or dashes."""
    return "".join(c for c in typed if not c.isspace() and c not in "-‐‑–—")


def iin_problem(iin: str) -> str | None:
    """Why `iin` is not a valid IIN, or None when it is. The reasons are stable codes."""
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        return "length"
    century = _CENTURY.get(iin[6])
    if century is None:
        return "century"
    try:
        date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return "date"
    digits = [int(c) for c in iin]
    check = sum(d * w for d, w in zip(digits, _W1, strict=False)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, _W2, strict=False)) % 11
        if check == 10:
            return "checksum"
    if check != digits[11]:
        return "checksum"
    return None
