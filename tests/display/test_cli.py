"""`kezek display`: mistakes on the command line exit non-zero with one line saying what to fix."""

from __future__ import annotations

import pytest

from display.__main__ import main


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--server", "ftp://x"], "give the address as http://HOST:PORT"),
        (["--server", "http://127.0.0.1:1", "--columns", "5"], "1 to 3 columns"),
        (["--server", "http://127.0.0.1:1", "--quiet-hours", "8-20"], "HH:MM-HH:MM"),
        (["--server", "http://127.0.0.1:1", "--lang", "de"], "use some of kk, ru, en"),
        (["--", "--server", "http://127.0.0.1:1", "--counters", "one"], "counter numbers"),
    ],
)
def test_bad_input_exits_with_one_line_that_says_what_to_fix(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--voice", "off"]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and "\n" not in err
