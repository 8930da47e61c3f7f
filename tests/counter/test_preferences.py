"""The console starts in the language last chosen at its PC; --lang still decides."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter.__main__ import _parser, resolve
from counter.app import build
from counter.config import CounterConfig
from counter.preferences import remember_language, remembered_language


def _config(tmp_path: Path, *options: str) -> CounterConfig:
    args = _parser().parse_args(
        [
            "--server",
            "http://127.0.0.1:9",  # never reached: building the window does not connect
            "--token",
            "a-counter-token",
            "--counter",
            "c1",
            "--enrollment",
            str(tmp_path / "counter.json"),
            *options,
        ]
    )
    return resolve(args)


def test_the_language_chosen_at_sign_in_is_the_next_starts_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = _config(tmp_path)
    assert first.language == "kk"  # nothing chosen here yet
    assert first.preferences == str(tmp_path / "counter-preferences.json")
    window = build(first)
    qtbot.addWidget(window)
    picker = window.sign_in_page.language
    picker.setCurrentIndex(picker.findData("ru"))
    picker.activated.emit(picker.currentIndex())  # as the operator's tap does
    assert window.language_code == "ru"
    saved = json.loads((tmp_path / "counter-preferences.json").read_text(encoding="utf-8"))
    assert saved == {"language": "ru"}

    assert _config(tmp_path).language == "ru"
    assert _config(tmp_path, "--lang", "en").language == "en"  # the command line decides


@pytest.mark.parametrize("text", ["not json", '{"language": "de"}', '["ru"]'])
def test_a_broken_preferences_file_is_ignored(tmp_path: Path, text: str) -> None:
    path = tmp_path / "counter-preferences.json"
    path.write_text(text, encoding="utf-8")
    assert remembered_language(path) is None
    assert _config(tmp_path).language == "kk"


def test_a_pc_that_cannot_write_its_preferences_only_forgets_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    path = blocked / "counter-preferences.json"  # its "directory" is a file
    with caplog.at_level(logging.WARNING):
        remember_language(path, "ru")
    assert remembered_language(path) is None
    assert "cannot remember the console's language" in caplog.text
