"""The display's heartbeat and enrollment: the supervisor sees an enrolled display alive."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from display.__main__ import main, server_and_token
from display.config import ConfigError, DisplayConfig, from_mapping
from display.link import HallLink
from hallserver.client import HallClient
from hallserver.protocol import JsonObject
from tests.conftest import LiveServer


def terminals(live: LiveServer) -> dict[str, JsonObject]:
    """GET /terminals as the supervisor's board reads it, by terminal name."""
    reply = httpx.get(
        f"{live.api}/terminals",
        headers={"Authorization": f"Bearer {live.tokens['supervisor']}"},
        timeout=5,
    )
    reply.raise_for_status()
    return {str(t["name"]): t for t in reply.json()}


def last_seen(live: LiveServer, name: str) -> datetime | None:
    report = terminals(live).get(name)
    return None if report is None else datetime.fromisoformat(str(report["last_seen"]))


def pairing_code(live: LiveServer) -> str:
    with HallClient(live.url, live.tokens["supervisor"]) as supervisor:
        return supervisor.create_pairing_code("display", "Wall display 2", None).code


def test_a_started_display_is_listed_alive_by_its_enrolled_name(
    live_server: LiveServer, tmp_path: Path
) -> None:
    # `kezek display` as a technician starts it (its own process: a Qt app that ran and quit
    # leaves this process's event loop unfit for the next tests).
    settings = tmp_path / "display.toml"
    settings.write_text("heartbeat_s = 0.2\n", encoding="utf-8")
    enrollment = tmp_path / "enrolled" / "display.json"
    argv = [
        *("--server", live_server.url, "--pair", pairing_code(live_server), "--name", "Hall B"),
        *("--enrollment", str(enrollment), "--config", str(settings), "--voice", "off"),
        *("--window", "800x450"),
    ]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "x")}
    process = subprocess.Popen(
        [sys.executable, "-m", "display", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen: list[datetime] = []
        deadline = datetime.now() + timedelta(seconds=20)
        while len(seen) < 2:  # two beats: it keeps beating
            assert process.poll() is None, process.communicate()[1]
            assert datetime.now() < deadline, "the display was never listed twice"
            found = last_seen(live_server, "Hall B")
            if found is not None and found not in seen:
                seen.append(found)
            threading.Event().wait(0.05)
    finally:
        process.terminate()
        process.communicate(timeout=10)
    report = terminals(live_server)["Hall B"]
    assert (report["role"], report["printer"], report["detail"]) == ("display", "none", "voice off")
    assert datetime.now(UTC) - seen[-1] < timedelta(seconds=5)
    assert json.loads(enrollment.read_text(encoding="utf-8"))["name"] == "Hall B"
    assert not (tmp_path / "x").exists()  # nothing went to the default place


def test_the_enrollment_option_keeps_the_enrollment_where_it_says(
    live_server: LiveServer, tmp_path: Path
) -> None:
    path = tmp_path / "wall" / "display.json"
    url, token = server_and_token(
        DisplayConfig(server=live_server.url), pairing_code(live_server), "Wall", path
    )
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["token"], saved["role"], url) == (token, "display", live_server.url)
    again = server_and_token(DisplayConfig(), None, "Wall", path)  # a later start: no code
    assert again == (live_server.url, token)


def test_a_damaged_enrollment_given_with_the_option_exits_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "display.json"
    path.write_text("{not json", encoding="utf-8")
    argv = ["--server", "http://127.0.0.1:1", "--enrollment", str(path), "--voice", "off"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert str(path) in err and "\n" not in err


def test_a_display_with_a_refused_token_keeps_showing_the_hall(
    live_server: LiveServer, qtbot: QtBot
) -> None:
    link = HallLink(live_server.url, "not-a-token", heartbeat_s=0.1, min_backoff=0.1)
    online: list[bool] = []
    link.online_changed.connect(online.append)
    link.start()
    try:
        assert link.heartbeat is not None
        beats = link.heartbeat
        qtbot.waitUntil(lambda: beats.failed >= 2 and online == [True], timeout=5000)
        assert beats.sent == 0
    finally:
        link.stop()


def test_a_display_keeps_trying_while_the_server_is_down(qtbot: QtBot) -> None:
    link = HallLink("http://127.0.0.1:1", "some-token", heartbeat_s=0.1, max_backoff=0.3)
    link.start()
    try:
        assert link.heartbeat is not None
        beats = link.heartbeat
        qtbot.waitUntil(lambda: beats.failed >= 3, timeout=5000)
        assert beats.sent == 0 and not link.online
    finally:
        link.stop()


def test_a_display_without_an_enrollment_sends_no_heartbeat(live_server: LiveServer) -> None:
    link = HallLink(live_server.url)
    assert link.heartbeat is None
    link.stop()


@pytest.mark.parametrize("value", [0, -5, "often"])
def test_a_heartbeat_interval_must_be_a_positive_number(value: object) -> None:
    with pytest.raises(ConfigError, match="heartbeat_s"):
        from_mapping({"heartbeat_s": value})


def test_the_heartbeat_interval_comes_from_the_settings_file() -> None:
    assert from_mapping({"heartbeat_s": 10}).heartbeat_s == 10.0
