"""IIN checks: 12 digits, a real birth date with its century, and the checksum."""

from __future__ import annotations

import pytest

from hallserver.iin import iin_problem


@pytest.mark.parametrize(
    ("iin", "problem"),
    [
        ("900101300017", None),  # 9+4+6+21+11 = 51, 51 mod 11 = 7
        ("851231400120", None),
        ("020730500035", None),
        ("900101300018", "checksum"),
        ("90010130001", "length"),
        ("9001013000170", "length"),
        ("90010130001a", "length"),
        ("９００１０１３０００１７", "length"),  # full-width digits are not ASCII
        ("901301300017", "date"),  # month 13
        ("900230300017", "date"),  # 30 February
        ("900101700017", "century"),
    ],
)
def test_iin_problems(iin: str, problem: str | None) -> None:
    assert iin_problem(iin) == problem
