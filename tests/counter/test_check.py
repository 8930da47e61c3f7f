"""`kezek counter --check`: the token is tried against the server, as the first sign-in would."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from counter.__main__ import _parser, main, resolve
from counter.config import ConfigError
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


def test_a_pasted_token_passes_and_the_check_says_what_it_checked(
    live_server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = counter_terminal_token(live_server, "c1")
    assert check(live_server, tmp_path, f"{token} ", "c1") == 0  # a space pasted with it
    assert "counter c1 at" in capsys.readouterr().out


def test_a_serial_port_that_is_not_there_fails_the_check(
    live_server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = counter_terminal_token(live_server, "c1")
    argv = ["--server", live_server.url, "--token", token, "--counter", "c1", "--check"]
    assert main([*argv, "--enrollment", str(tmp_path / "e.json"), "--button", "/dev/ttyNOPE"]) == 2
    assert "no call button at /dev/ttyNOPE: check --button" in capsys.readouterr().err
    assert main([*argv, "--enrollment", str(tmp_path / "e.json"), "--keypad", "loop://"]) == 0


def test_a_server_that_is_not_a_halls_is_said_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        argv = ["--server", url, "--token", "t", "--counter", "c1", "--check"]
        assert main([*argv, "--enrollment", str(tmp_path / "e.json")]) == 2
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "<html" not in err.lower(), err
    assert "GET /counters: File not found, without the hall server's JSON" in err


@pytest.mark.parametrize(
    ("options", "code", "says"),
    [
        (
            ["--button-address", "150"],
            2,
            "button address 150 is outside the kezek protocol's 1 to 99",
        ),
        (
            ["--display-address", "150"],
            2,
            "display address 150 is outside the kezek protocol's 1 to",
        ),
        (["--keypad-address", "100"], 2, "keypad address 100 is outside the kezek protocol's 1 to"),
        (
            ["--display-protocol", "modbus", "--display-address", "248"],
            2,
            "modbus protocol's 1 to 247",
        ),
        (
            ["--button-protocol", "qsystem", "--button-address", "255"],
            2,
            "qsystem protocol's 1 to 254",
        ),
        (["--display-protocol", "modbus", "--display-address", "150"], 0, ""),
        (["--button-protocol", "qsystem", "--button-address", "250"], 0, ""),
    ],
)
def test_a_device_address_is_checked_against_its_protocols_range(
    live_server: LiveServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    code: int,
    says: str,
) -> None:
    token = counter_terminal_token(live_server, "c1")
    argv = ["--server", live_server.url, "--token", token, "--counter", "c1", "--check"]
    devices = ["--button", "loop://", "--display", "loop://", "--keypad", "loop://"]
    assert main([*argv, "--enrollment", str(tmp_path / "e.json"), *devices, *options]) == code
    err = capsys.readouterr().err
    assert says in err
    assert err.count("\n") == (1 if code else 0)


def test_a_start_with_a_kezek_address_over_99_stops_at_the_settings(tmp_path: Path) -> None:
    """A real start reads the settings as --check does: one line, not a traceback at the button."""
    argv = ["--server", "http://127.0.0.1:9", "--token", "t", "--counter", "c1"]
    argv += ["--enrollment", str(tmp_path / "e.json"), "--button", "loop://"]
    with pytest.raises(
        ConfigError, match="button address 150 is outside the kezek protocol's 1 to 99"
    ):
        resolve(_parser().parse_args([*argv, "--button-address", "150"]))
