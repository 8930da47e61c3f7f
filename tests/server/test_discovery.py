"""LAN discovery on loopback: the real Announcer is found by the client's discover()."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator

import ifaddr
import pytest
from zeroconf import IPVersion, ServiceInfo, Zeroconf

from hallserver import protocol
from hallserver.announce import SERVICE_TYPE, Announcer, service_info
from hallserver.client import discover
from hallserver.client.discovery import _networks, _reachable

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


ANNOUNCE = """
import sys
from hallserver.announce import Announcer, service_info
info = service_info(sys.argv[1], "Hall", sys.argv[2], int(sys.argv[3]))
announcer = Announcer(info, interfaces=["127.0.0.1"])
announcer.start()
print(announcer.registered.wait(10), flush=True)
sys.stdin.read()  # until the test closes it
announcer.stop()
"""


def test_halls_of_one_id_or_alike_long_ids_are_each_found_at_their_own_address() -> None:
    """Two halls made from one catalogue (the demo hall on two PCs) share their id: under one
    announced host name their addresses merged, and a terminal could be sent to the other
    hall's address, where nothing listens. Long ids alike in their first 40 bytes, cut to one
    label, clashed: the second hall was never announced. And each is found whatever order
    the halls start in."""
    tag = uuid.uuid4().hex[:8]
    district = f"Астана қаласы Есіл ауданының орталығы {tag}"
    halls = [  # (id, address, port): the last starts once the others have announced
        (f"test-{tag}", "127.0.0.1", 8771),
        (f"test-{tag}", "127.0.0.2", 8772),
        (f"{district} 1", "127.0.0.1", 8773),
        (f"{district} 2", "127.0.0.1", 8774),
        (f"test-{tag}", "127.0.0.3", 8775),
    ]
    started = []
    try:
        for batch in (halls[:-1], halls[-1:]):
            batch_started = [
                subprocess.Popen(
                    [sys.executable, "-c", ANNOUNCE, hall_id, address, str(port)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for hall_id, address, port in batch
            ]
            started += batch_started
            said = [hall.stdout.readline().strip() for hall in batch_started if hall.stdout]
            assert said == ["True"] * len(batch), "a hall was not announced"
        found = [h for h in discover(timeout=2.0, interfaces=LOOPBACK) if tag in h.hall_id]
        assert sorted((h.hall_id, h.base_url, h.addresses) for h in found) == sorted(
            (hall_id, f"http://{address}:{port}", (address,)) for hall_id, address, port in halls
        )
    finally:
        for hall in started:
            if hall.stdin:
                hall.stdin.close()
            hall.wait(timeout=10)


def test_long_or_odd_hall_ids_are_announced_and_found_whole() -> None:
    tag = uuid.uuid4().hex[:6]
    ids = {
        8776: f"Астана облысы Целиноград ауданының орталығы {tag}",  # over a label's 63 bytes
        8777: f"{'x' * 70} {tag}",
        8778: f"hall\tone {tag}",
    }
    announcers = [
        Announcer(service_info(hall_id, "Hall", "127.0.0.1", port), interfaces=LOOPBACK)
        for port, hall_id in ids.items()
    ]
    try:
        for announcer in announcers:
            announcer.start()
        assert all(a.registered.wait(10) for a in announcers), "an announcer did not register"
        found = {
            h.port: h.hall_id
            for h in discover(timeout=2.0, interfaces=LOOPBACK)
            if h.hall_id.endswith(tag)
        }
        assert found == {port: hall_id.replace("\t", " ") for port, hall_id in ids.items()}
    finally:
        for announcer in announcers:
            announcer.stop()


def test_a_malformed_announcement_on_the_lan_is_read_without_its_protocol() -> None:
    """Any device may announce _kezek._tcp: a protocol of "²" (a digit to isdigit(), not to
    int()) had ended discovery, and the terminal's start, in a traceback."""
    tag = uuid.uuid4().hex[:6]
    odd = ServiceInfo(
        SERVICE_TYPE,
        f"Odd {tag}.{SERVICE_TYPE}",
        addresses=[socket.inet_aton("127.0.0.1")],
        port=8779,
        properties={"hall_id": f"odd {tag}", "protocol": "²"},
        server="odd-device.local.",
    )
    zc = Zeroconf(interfaces=LOOPBACK, ip_version=IPVersion.V4Only)
    try:
        zc.register_service(odd)
        found = [h for h in discover(timeout=2.0, interfaces=LOOPBACK) if tag in h.hall_id]
        assert [(h.hall_id, h.protocol) for h in found] == [(f"odd {tag}", None)]
    finally:
        zc.close()


def test_a_hall_is_reached_at_its_address_on_this_machines_network() -> None:
    """A server with a VPN or a container bridge beside its LAN announces those addresses too:
    the first announced (here 10.255.0.5, on no network of this machine) had been taken."""
    tag = uuid.uuid4().hex[:6]
    info = service_info(f"test-{tag}", "Hall", "127.0.0.1", 8780)
    info.addresses = [socket.inet_aton("10.255.0.5"), socket.inet_aton("127.0.0.1")]
    announcer = Announcer(info, interfaces=LOOPBACK)
    announcer.start()
    try:
        assert announcer.registered.wait(10), "the announcer did not register"
        found = [h for h in discover(timeout=2.0, interfaces=LOOPBACK) if tag in h.hall_id]
        assert [(sorted(h.addresses), h.base_url) for h in found] == [
            (["10.255.0.5", "127.0.0.1"], "http://127.0.0.1:8780")
        ]
    finally:
        announcer.stop()
    # zeroconf hands the addresses over in an order of its own: each order, then
    here = _networks()
    assert _reachable(("10.255.0.5", "127.0.0.1"), here) == "127.0.0.1"
    assert _reachable(("127.0.0.1", "10.255.0.5"), here) == "127.0.0.1"
    assert _reachable(("10.255.0.5",), here) == "10.255.0.5"  # none is near: the first


def test_a_hall_is_not_taken_at_an_address_this_machine_has_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Container bridges have one address on every machine (docker0 is 172.17.0.1): a
    server's own is no way to it from a terminal that has one too, unless it is this one."""
    terminal = [
        ifaddr.Adapter("eth0", "eth0", [ifaddr.IP("192.168.1.20", 24, "eth0")]),
        ifaddr.Adapter("docker0", "docker0", [ifaddr.IP("172.17.0.1", 16, "docker0")]),
    ]
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: terminal)
    here = _networks()
    assert _reachable(("172.17.0.1", "192.168.1.10"), here) == "192.168.1.10"
    assert _reachable(("172.17.0.1", "192.168.1.20"), here) == "172.17.0.1"  # the server's here
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: (_ for _ in ()).throw(OSError(24)))
    unread = _networks()  # networks unread: the first
    assert _reachable(("10.1.1.1", "192.168.1.10"), unread) == "10.1.1.1"
