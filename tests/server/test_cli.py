"""The `kezek` command line: one line that says what to fix, options reach the apps."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from hallserver.__main__ import main as kezek


def test_token_create_prints_a_working_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(tmp_path)]) == 0
    token = capsys.readouterr().out.strip()
    assert len(token) >= 40 and " " not in token


@pytest.mark.parametrize(
    "argv",
    [
        ["token", "create", "--role", "kiosk"],
        ["pair", "--role", "display", "--name", "Hall screen"],
        ["operator", "add", "aigul", "--name", "Aigul", "--pin-stdin"],
    ],
)
def test_a_command_that_makes_the_hall_database_says_so_once(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    folder = tmp_path / "mistyped"  # before the first start, or a typo: either way it is said
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n"))
    assert kezek([*argv, "--data-dir", str(folder)]) == 0
    said = capsys.readouterr().err
    assert f"there was no hall database in {folder}: made a new one" in said
    assert (folder / "kezek.sqlite3").is_file()
    kezek(["token", "create", "--role", "kiosk", "--data-dir", str(folder)])
    assert "no hall database" not in capsys.readouterr().err


def test_a_counter_token_needs_its_counter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kezek(["token", "create", "--role", "counter", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "kezek: a counter token needs --counter ID (see GET /api/v1/counters)"
    )


def test_operator_pins_are_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("12ab\n"))
    args = [
        "operator",
        "add",
        "aigul",
        "--name",
        "Aigul",
        "--pin-stdin",
        "--data-dir",
        str(tmp_path),
    ]
    assert kezek(args) == 2
    assert "4 to 12 digits" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert kezek(args) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert kezek(args) == 2
    assert "exists already" in capsys.readouterr().err


def test_a_hall_without_a_catalogue_says_how_to_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kezek(["hall", "--data-dir", str(tmp_path), "--check"]) == 1
    assert "start with --demo, or --catalogue hall.toml" in capsys.readouterr().err
    assert (
        kezek(["hall", "--data-dir", str(tmp_path), "--catalogue", str(tmp_path / "no.toml")]) == 2
    )


def test_a_broken_catalogue_names_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "hall.toml"
    bad.write_text('[hall]\nid = "x"\n', encoding="utf-8")
    assert kezek(["hall", "--data-dir", str(tmp_path), "--catalogue", str(bad), "--check"]) == 1
    assert "hall.toml: missing 'name'" in capsys.readouterr().err


def test_options_after_an_app_subcommand_reach_the_app() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hallserver", "display", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "--server" in done.stdout


def a_demo_hall(directory: Path) -> str:
    """A data folder holding the demo hall's database (catalogue saved, nothing served)."""
    assert kezek(["hall", "--data-dir", str(directory), "--demo", "--check"]) == 0
    return str(directory)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["token", "create", "--role", "kiosk", "--name", "   "], "--name must be 1 to 100"),
        (["token", "create", "--role", "counter", "--counter", "c99"], "no counter 'c99'"),
        (["token", "create", "--role", "kiosk", "--counter", "c1"], "--counter is for a counter"),
        (["pair", "--role", "kiosk", "--name", ""], "--name must be 1 to 100"),
        (["pair", "--role", "kiosk", "--name", "x" * 101], "--name must be 1 to 100"),
        (["pair", "--role", "counter", "--name", "x", "--counter", "c99"], "no counter 'c99'"),
        (["operator", "add", " ", "--name", "A", "--pin-stdin"], "a login is 1 to 60"),
        (["operator", "add", "x" * 61, "--name", "A", "--pin-stdin"], "a login is 1 to 60"),
        (["operator", "add", "aigul", "--name", "", "--pin-stdin"], "--name must be 1 to 100"),
    ],
)
def test_what_the_server_would_refuse_later_is_refused_now(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    says: str,
) -> None:
    import io

    data = a_demo_hall(tmp_path)
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert kezek([*args, "--data-dir", data]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1, err


def test_a_pin_of_other_scripts_digits_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("\u0661\u0662\u0663\u0664\n"))  # Arabic-Indic
    args = ["operator", "add", "aigul", "--name", "A", "--pin-stdin", "--data-dir", str(tmp_path)]
    assert kezek(args) == 2
    assert "4 to 12 digits 0-9" in capsys.readouterr().err


UNREACHABLE_PG = "postgresql+psycopg://nobody@127.0.0.1:1/x"


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [  # 2: a mistake to fix on the command line; 1: a folder or database that cannot be used
        (["audit", "verify", "--data-dir", "{tmp}/typo"], 2, "no hall database in"),
        (["backup", "{tmp}/b.gz", "--data-dir", "{tmp}/typo"], 2, "no hall database in"),
        (["token", "create", "--role", "kiosk", "--data-dir", "/proc/x"], 1, "/proc/x"),
        (["token", "create", "--role", "kiosk", "--data-dir", "/etc/passwd"], 1, "/etc/passwd"),
        (["token", "create", "--role", "kiosk", "--db", UNREACHABLE_PG], 1, "connection"),
    ],
)
def test_a_database_that_cannot_be_reached_is_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, says: str
) -> None:
    assert kezek([a.replace("{tmp}", str(tmp_path)) for a in args]) == code
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1, err
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("port", ["70000", "-5", "abc"])
def test_a_port_out_of_range_is_refused_before_anything_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, port: str
) -> None:
    with pytest.raises(SystemExit) as ended:
        kezek(["hall", "--data-dir", str(tmp_path), "--demo", "--port", port])
    assert ended.value.code == 2
    assert "is not a port: a number from 0 to 65535" in capsys.readouterr().err
    monkeypatch.setenv("KEZEK_PORT", "abc")  # a bad environment spoils only `hall`
    assert kezek(["token", "create", "--role", "kiosk", "--data-dir", str(tmp_path)]) == 0


def test_an_address_to_announce_on_is_checked_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        kezek(["hall", "--data-dir", str(tmp_path), "--demo", "--announce-on", "bogus"])
    assert "'bogus' is not an IPv4 address" in capsys.readouterr().err


def test_a_catalogue_that_is_not_utf8_and_an_undecodable_argument_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "hall.toml"
    latin.write_bytes('[hall]\nname = "Zentrum für Bürger"\n'.encode("latin-1"))
    assert kezek(["hall", "--data-dir", str(tmp_path), "--catalogue", str(latin), "--check"]) == 1
    assert "is not UTF-8 text: save it as UTF-8" in capsys.readouterr().err
    undecodable = "Aigul\udcff"  # how Python hands over a byte the terminal could not decode
    assert kezek(["token", "create", "--role", "kiosk", "--name", undecodable]) == 2
    err = capsys.readouterr().err.strip()
    assert "is not valid UTF-8 text" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["token", "create"],
        ["nosuch"],
        ["audit", "verify", "--archive"],
        ["kiosk", "--mode", "x"],
        ["counter", "--lang", "xx"],
        ["display", "--nope"],
        ["voice"],
        ["hardware", "print-test"],
    ],
)
def test_a_mistyped_command_line_is_one_line_naming_its_help(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hallserver", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith("kezek") and lines[0].endswith("--help)")
