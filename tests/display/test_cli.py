"""`kezek display`: mistakes on the command line exit non-zero with one line saying what to fix."""

from __future__ import annotations

import pytest

from display.__main__ import check_zone, main
from display.board import Zone
from tests.conftest import LiveServer


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--server", "ftp://x"], "give the address as http://HOST:PORT"),
        (["--server", "http://127.0.0.1:1", "--columns", "5"], "1 to 3 columns"),
        (["--server", "http://127.0.0.1:1", "--quiet-hours", "8-20"], "HH:MM-HH:MM"),
        (["--server", "http://127.0.0.1:1", "--lang", "de"], "use some of kk, ru, en"),
        (["--", "--server", "http://127.0.0.1:1", "--counters", "one"], "counter numbers"),
        (["--server", "http://127.0.0.1:1", "--wav-keep", "-5"], "wav_keep -5: give how many"),
        (
            ["--server", "http://127.0.0.1:1", "--window", "800x600", "--slides", "/no/such"],
            "slides: /no/such is not a folder; give one with PNG or JPEG pictures",
        ),
    ],
)
def test_bad_input_exits_with_one_line_that_says_what_to_fix(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main([*argv, "--voice", "off"])
    except SystemExit as ended:  # argparse's own refusal (a --server that is no URL)
        code = ended.code  # type: ignore[assignment]
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert says in err and "\n" not in err


def test_a_slides_folder_with_no_picture_in_it_is_refused(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("not a picture", encoding="utf-8")
    (tmp_path / "broken.png").write_bytes(b"not a PNG either")
    argv = ["--server", "http://127.0.0.1:1", "--window", "800x600", "--slides", str(tmp_path)]
    assert main([*argv, "--voice", "off"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"kezek display: slides: {tmp_path} holds no PNG or JPEG picture that can be read"


def test_the_settings_file_names_a_slides_folder_beside_it(tmp_path) -> None:
    from display.config import from_toml

    (tmp_path / "display.toml").write_text('slides = "pictures"\n', encoding="utf-8")
    assert from_toml(tmp_path / "display.toml").slides == tmp_path / "pictures"


@pytest.mark.parametrize(
    ("zone", "says"),
    [
        (["--services", "id-card,pasport"], "--services: the hall has no service 'pasport' (did"),
        (["--counters", "1,77"], "--counters: the hall has no counter 77; its counters are 1, 2"),
    ],
)
def test_a_zone_the_hall_does_not_have_is_said_at_start(
    live_server: LiveServer, zone: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A display showing nothing because of a typo in its zone would look broken all day."""
    code = main(["--server", live_server.url, "--voice", "off", "--enrollment", "/no/such", *zone])
    err = capsys.readouterr().err.strip()
    assert code == 2 and says in err and "\n" not in err, err


def test_a_zone_is_not_checked_against_a_hall_that_does_not_answer() -> None:
    check_zone(Zone(frozenset({"anything"}), frozenset({99})), "http://127.0.0.1:9", None)
