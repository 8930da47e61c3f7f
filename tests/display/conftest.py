"""Display tests: offscreen Qt, a clip set built once per session, the screenshots folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from display.voice_cli import build

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots" / "display"


@pytest.fixture(scope="session")
def clip_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clip set made by espeak-ng, once per test session (kk, ru, en)."""
    folder = tmp_path_factory.mktemp("voice")
    build(folder, ["kk", "ru", "en"])
    return folder


@pytest.fixture
def screenshots() -> Iterator[Path]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield SCREENSHOTS
