"""`kezek kiosk` on the command line: enrollment once, then straight into the mode; bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallserver.client import Enrollment, HallClient
from kiosk.__main__ import _parser, check_with_hall, main, resolve
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


def test_two_kiosks_paired_as_the_docs_say_enroll_under_the_codes_names(
    tmp_path: Path, live_server: LiveServer
) -> None:
    """`kezek pair --role kiosk --name NAME`, then `kezek kiosk --pair CODE`: the name is the
    code's (the kiosk gave its own default name before, so a second kiosk was refused)."""
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        codes = [client.create_pairing_code("kiosk", name).code for name in ("Door", "Window")]
    names = []
    for i, code in enumerate(codes):
        saved = tmp_path / f"kiosk-{i}.json"
        resolve(
            _parser().parse_args(
                ["--server", live_server.url, "--pair", code, "--enrollment", str(saved)]
            )
        )
        names.append(Enrollment.load(saved).name)  # type: ignore[union-attr]
    assert names == ["Door", "Window"]


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--printer", "bogus:x"], "unknown printer kind"),
        (["--printer", "sim:/tmp/x", "--profile", "NoSuchModel"], "NoSuchModel"),
        # a customer display, no ticket printer: refused at start, not at the first ticket
        (["--printer", "sim:/tmp/x", "--profile", "AF-240"], "e.g. TM-T20II (has KZ-1048)"),
    ],
)
def test_a_kiosk_that_could_not_start_uses_up_no_pairing_code(
    tmp_path: Path,
    live_server: LiveServer,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    said: str,
) -> None:
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        code = client.create_pairing_code("kiosk", "Side").code
    saved = tmp_path / "kiosk.json"
    base = ["--server", live_server.url, "--pair", code, "--enrollment", str(saved)]
    assert main([*base, *options]) == 2
    err = capsys.readouterr().err.strip()
    assert said in err and "\n" not in err and not saved.exists()
    resolve(_parser().parse_args([*base, "--printer", "none"]))  # the code still works
    assert saved.exists()


def test_a_code_for_another_terminal_is_refused_and_stays_good_for_it(
    tmp_path: Path, live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with HallClient(live_server.url, token=live_server.tokens["supervisor"]) as client:
        code = client.create_pairing_code("display", "Hall TV").code
    saved = tmp_path / "kiosk.json"
    base = ["--server", live_server.url, "--enrollment", str(saved)]
    assert main([*base, "--pair", code]) == 2
    err = capsys.readouterr().err
    assert "pairs a display, not a kiosk" in err and not saved.exists()
    with HallClient(live_server.url) as client:  # the display it was made for still enrolls
        assert client.enroll(code, roles=("display",)).name == "Hall TV"


@pytest.mark.parametrize("inches", ["0", "nan", "1e-9", "-3", "inf"])
def test_a_screen_size_that_is_no_screen_is_refused_in_one_line(
    inches: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--token", "t", "--server", "http://127.0.0.1:9", "--inches", inches])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "screen_inches" in err and "\n" not in err


def test_a_token_the_hall_does_not_know_or_a_counter_it_lacks_is_said_at_start(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = ["--server", live_server.url, "--windowed"]
    assert main([*server, "--token", "not-a-token"]) == 2
    err = capsys.readouterr().err.strip()
    assert "does not know this token" in err and "\n" not in err
    kiosk = live_server.tokens["kiosk"]
    assert main([*server, "--token", kiosk, "--mode", "rating", "--counter", "c99"]) == 2
    err = capsys.readouterr().err.strip()
    assert "the hall has no counter 'c99': it has c1, c2," in err and "\n" not in err
    display = live_server.tokens["display"]
    assert main([*server, "--token", display]) == 2
    assert "not a kiosk's" in capsys.readouterr().err
    # a hall that does not answer now is no fault: the kiosk starts and waits for it
    offline = resolve(_parser().parse_args(["--server", "http://127.0.0.1:9", "--token", kiosk]))
    check_with_hall(offline)
