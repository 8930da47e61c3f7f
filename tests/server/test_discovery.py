"""LAN discovery on loopback: the real Announcer is found by the client's discover()."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import pytest

from hallserver import protocol
from hallserver.announce import Announcer, service_info
from hallserver.client import discover

LOOPBACK = ["127.0.0.1"]
# Other halls may be announced on this machine's loopback (a developer's `kezek demo`): every
# test looks only for its own hall, by an id no one else uses.
HALL_ID = f"test-{uuid.uuid4().hex[:8]}"


def zeroconf_threads() -> set[str]:
    return {t.name for t in threading.enumerate() if "zeroconf" in t.name.lower()}


@pytest.fixture
def announced() -> Iterator[Announcer]:
    info = service_info(HALL_ID, "Алматы ХҚКО №3 — Әуезов", "127.0.0.1", 8765)
    announcer = Announcer(info, interfaces=LOOPBACK)
    announcer.start()
    try:
        assert announcer.registered.wait(10), "the announcer did not register"
        yield announcer
    finally:
        announcer.stop()


def test_discover_finds_the_announced_hall_with_its_url_and_utf8_name(
    announced: Announcer,
) -> None:
    started = time.monotonic()
    halls = [h for h in discover(timeout=2.0, interfaces=LOOPBACK) if h.hall_id == HALL_ID]
    assert time.monotonic() - started < 5.0
    assert len(halls) == 1
    hall = halls[0]
    assert hall.hall_name == "Алматы ХҚКО №3 — Әуезов"
    assert hall.base_url == "http://127.0.0.1:8765"
    assert hall.protocol == protocol.PROTOCOL_VERSION


def test_discover_finds_no_hall_that_stopped_announcing() -> None:
    started = time.monotonic()
    assert [h for h in discover(timeout=0.5, interfaces=LOOPBACK) if h.hall_id == HALL_ID] == []
    assert time.monotonic() - started < 3.0


def test_discover_leaves_no_zeroconf_threads_behind() -> None:
    before = zeroconf_threads()
    discover(timeout=0.3, interfaces=LOOPBACK)
    deadline = time.monotonic() + 3.0
    while zeroconf_threads() - before:
        assert time.monotonic() < deadline, zeroconf_threads() - before
        threading.Event().wait(0.02)
