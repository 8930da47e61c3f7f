"""The `kezek` command line: one line that says what to fix, options reach the apps."""

from __future__ import annotations

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
