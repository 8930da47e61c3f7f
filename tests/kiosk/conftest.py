"""Kiosk fixtures: a real hall server, the simulated printer, and a kiosk window per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from tests.conftest import LiveServer

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots" / "kiosk"
PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


@pytest.fixture(scope="session", autouse=True)
def _translations_built() -> None:
    """The .qm files are build products (`make test` builds them); build them if missing."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    ts = sorted((root / "kiosk" / "i18n").glob("*.ts"))
    if any(
        not p.with_suffix(".qm").exists()
        or p.with_suffix(".qm").stat().st_mtime < p.stat().st_mtime
        for p in ts
    ):
        subprocess.run([str(root / "scripts" / "build-translations")], check=True)


@pytest.fixture
def printer_dir(tmp_path: Path) -> Path:
    path = tmp_path / "printer"
    path.mkdir()
    return path


@pytest.fixture
def make_kiosk(
    qtbot: QtBot, live_server: LiveServer, printer_dir: Path
) -> Iterator[Callable[..., object]]:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk, build

    made: list[Kiosk] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # the kiosk styles the whole application (one app per process in a hall): put it back, so
    # that the next tests in this process draw with Qt's own look
    looks = (app.font(), app.palette(), app.styleSheet())

    def make(size: tuple[int, int] = PORTRAIT, **overrides: object) -> Kiosk:
        config = KioskConfig(
            server_url=live_server.url,
            token=live_server.tokens["kiosk"],
            printer=f"sim:{printer_dir}",
            width=size[0],
            height=size[1],
            fullscreen=False,
            heartbeat_s=3600,
        )
        config = replace(config, **overrides)  # type: ignore[arg-type]
        kiosk = build(config, app)
        qtbot.addWidget(kiosk.window)
        kiosk.window.show()
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()
    app.setStyleSheet(looks[2])
    app.setPalette(looks[1])
    app.setFont(looks[0])


def shoot(widget: object, name: str) -> Path:
    """Save a screenshot under tests/screenshots/kiosk/ (not committed)."""
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    QApplication.processEvents()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path
