"""`kezek counter --check`: the token is tried against the server, as the first sign-in would."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter.__main__ import main
from hallserver.access import new_token
from tests.conftest import LiveServer, counter_terminal_token


def check(live: LiveServer, tmp_path: Path, token: str, counter: str) -> int:
    return main(
        [
            "--server",
            live.url,
            "--token",
            token,
            "--counter",
            counter,
            "--enrollment",
            str(tmp_path / "enrollment.json"),
            "--check",
        ]
    )


def test_a_counter_token_for_its_own_counter_passes(
    live_server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(live_server, tmp_path, counter_terminal_token(live_server, "c1"), "c1") == 0
    assert capsys.readouterr().err == ""


def test_a_supervisors_token_passes_at_any_counter(live_server: LiveServer, tmp_path: Path) -> None:
    assert check(live_server, tmp_path, live_server.tokens["supervisor"], "c2") == 0


@pytest.mark.parametrize(
    ("which", "counter", "says"),
    [
        ("unknown", "c1", "does not know this token or it was revoked: pair again"),
        ("c1", "c2", "this token is counter c1's, not c2's: give --counter c1"),
        ("kiosk", "c1", "this token is for the role kiosk, not counter"),
        ("c1", "c99", "the hall has no counter 'c99'"),
    ],
)
def test_a_token_the_first_sign_in_would_refuse_fails_the_check_in_one_line(
    live_server: LiveServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    which: str,
    counter: str,
    says: str,
) -> None:
    tokens = {
        "unknown": new_token(),
        "c1": counter_terminal_token(live_server, "c1"),
        "kiosk": live_server.tokens["kiosk"],
    }
    assert check(live_server, tmp_path, tokens[which], counter) == 2
    err = capsys.readouterr().err
    assert says in err
    assert err.count("\n") == 1
