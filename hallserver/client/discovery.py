"""Finding the hall server on the LAN by its zeroconf announcement."""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from dataclasses import dataclass
from typing import NamedTuple

import ifaddr
from zeroconf import (
    Error,
    InterfaceChoice,
    IPVersion,
    ServiceBrowser,
    ServiceInfo,
    ServiceListener,
    Zeroconf,
)

from hallserver.protocol import (
    SERVICE_TYPE,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DiscoveredHall:
    """A hall server found on the LAN by its zeroconf announcement."""

    hall_id: str
    hall_name: str
    base_url: str  # http://address:port, for HallClient and EventStream
    protocol: int | None
    addresses: tuple[str, ...]
    port: int
    service_name: str


class _Names(ServiceListener):
    """Collects the service names a browser sees (zeroconf calls it on its own thread)."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.lock = threading.Lock()

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        with self.lock:
            self.names.add(name)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.add_service(zc, type_, name)

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        with self.lock:
            self.names.discard(name)


def discover(timeout: float = 2.0, interfaces: list[str] | None = None) -> list[DiscoveredHall]:
    """The hall servers announcing `_kezek._tcp.local.`, browsing for `timeout` seconds.

    `interfaces` are IPv4 addresses to browse on (default: `KEZEK_DISCOVER_ON`, a comma-separated
    list, else all interfaces). Returns [] when multicast
    is unavailable. The first question is QU (unicast answer, fast on a real LAN), the later ones
    QM: forcing QU for all of them finds nothing on loopback (the unicast answers to port 5353
    never arrive there), while QU-then-QM finds a hall in about 1.1 s even there.
    """
    if interfaces is None and os.environ.get("KEZEK_DISCOVER_ON"):
        interfaces = [a.strip() for a in os.environ["KEZEK_DISCOVER_ON"].split(",") if a.strip()]
    try:
        zc = Zeroconf(interfaces=interfaces or InterfaceChoice.All, ip_version=IPVersion.V4Only)
    except OSError as exc:
        log.warning("cannot browse the LAN (%s): give the server URL instead", exc)
        return []
    try:
        listener = _Names()
        browser = ServiceBrowser(zc, SERVICE_TYPE, listener=listener)  # QU first, then QM
        try:
            threading.Event().wait(timeout)
        finally:
            browser.cancel()
        with listener.lock:
            names = sorted(listener.names)
        here = _networks()
        halls = [hall for name in names if (hall := _resolved(zc, name, here)) is not None]
    finally:
        zc.close()
    return sorted(halls, key=lambda h: (h.hall_name, h.base_url))


def _resolved(zc: Zeroconf, name: str, here: Networks) -> DiscoveredHall | None:
    """One announcement, or None: any device on the LAN may announce `_kezek._tcp`, and a
    record malformed by one must not hide the others' halls."""
    try:
        return _resolve(zc, name, here)
    except (Error, ValueError, UnicodeError) as exc:
        log.warning("skipped the announcement %r: %s", name, exc)
        return None


def _resolve(zc: Zeroconf, name: str, here: Networks) -> DiscoveredHall | None:
    info = ServiceInfo(SERVICE_TYPE, name)
    if not info.load_from_cache(zc) and not info.request(zc, 1000):
        return None
    addresses = tuple(info.parsed_addresses(IPVersion.V4Only))
    if not addresses or info.port is None:
        return None
    txt = {
        key.decode("utf-8", "replace"): (value or b"").decode("utf-8", "replace")
        for key, value in info.properties.items()
    }
    protocol = txt.get("protocol", "")
    return DiscoveredHall(
        hall_id=txt.get("hall_id", ""),
        hall_name=txt.get("hall_name", ""),
        base_url=f"http://{_reachable(addresses, here)}:{info.port}",
        protocol=int(protocol) if protocol.isascii() and protocol.isdigit() else None,
        addresses=addresses,
        port=info.port,
        service_name=name,
    )


class Networks(NamedTuple):
    """This machine's IPv4 addresses and the networks they are on."""

    own: frozenset[str]
    local: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def _networks() -> Networks:
    """Read once per search; none when they cannot be read."""
    try:
        ips = [ip for adapter in ifaddr.get_adapters() for ip in adapter.ips]
    except OSError:
        return Networks(frozenset(), ())
    v4 = [ip for ip in ips if isinstance(ip.ip, str)]
    return Networks(
        frozenset(str(ip.ip) for ip in v4),
        tuple(ipaddress.ip_network(f"{ip.ip}/{ip.network_prefix}", strict=False) for ip in v4),
    )


def _reachable(addresses: tuple[str, ...], here: Networks) -> str:
    """The server's address on a network this machine is on: a server with a VPN or a
    container bridge beside its LAN announces those addresses too, in no set order, and one of
    them would not be reached from the hall's terminals. Not one of this machine's own (a
    container bridge has the same address on every machine), unless the server is here. The
    first, when none is near or the networks cannot be read."""
    near = [a for a in addresses if any(ipaddress.ip_address(a) in net for net in here.local)]
    others = [a for a in near if a not in here.own]
    return next(iter(others or near), addresses[0])
