"""`kezek kiosk` on the command line: enrollment once, then straight into the mode; bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallserver.client import HallClient
from kiosk.__main__ import _parser, main, resolve
from tests.conftest import LiveServer


def test_a_kiosk_that_is_not_enrolled_says_how_to_enroll(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--enrollment", str(tmp_path / "none.json"), "--server", "http://127.0.0.1:9"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and "--pair CODE" in err


def test_bad_options_exit_non_zero_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--mode", "lobby"])
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err
    code = main(["--token", "t", "--server", "http://x", "--size", "big"])
    assert code == 2 and "WIDTHxHEIGHT" in capsys.readouterr().err


def test_a_pairing_code_enrolls_once_and_a_consultant_starts_in_consultant_mode(
    tmp_path: Path, live_server: LiveServer
) -> None:
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        code = client.create_pairing_code("consultant", "Desk 1").code
    saved = tmp_path / "kiosk.json"
    first = resolve(
        _parser().parse_args(
            ["--server", live_server.url, "--pair", code, "--enrollment", str(saved)]
        )
    )
    assert first.mode == "consultant" and saved.exists()
    again = resolve(_parser().parse_args(["--enrollment", str(saved), "--printer", "none"]))
    assert (again.server_url, again.token, again.mode, again.printer) == (
        live_server.url,
        first.token,
        "consultant",
        None,
    )
    rating = _parser().parse_args(["--enrollment", str(saved), "--mode", "rating"])
    with pytest.raises(ValueError, match="--counter"):
        resolve(rating)
