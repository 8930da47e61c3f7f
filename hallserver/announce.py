"""Announce the hall server on the LAN as `_kezek._tcp.local.` (zeroconf), without blocking."""

from __future__ import annotations

import hashlib
import logging
import re
import socket
import threading

import ifaddr
from zeroconf import Error as ZeroconfError
from zeroconf import IPVersion, ServiceInfo, Zeroconf

from hallserver.api.wire import PROTOCOL_VERSION

log = logging.getLogger(__name__)
SERVICE_TYPE = "_kezek._tcp.local."


def service_info(hall_id: str, hall_name: str, host: str, port: int) -> ServiceInfo:
    any_address = host in ("0.0.0.0", "")  # noqa: S104
    hosts = _lan_addresses() if any_address else ipv4_addresses(host)
    server = _host_label(port, hosts[0])
    return ServiceInfo(
        SERVICE_TYPE,
        f"{_instance_label(hall_id, server)}.{SERVICE_TYPE}",
        addresses=[socket.inet_aton(h) for h in hosts],
        port=port,
        properties={
            "hall_id": _cut(hall_id, 200),
            "hall_name": _cut(hall_name, 200),
            "api": "/api/v1",
            "protocol": str(PROTOCOL_VERSION),
        },
        server=f"{server}.local.",
    )


def ipv4_addresses(host: str) -> list[str]:
    """The IPv4 addresses of `host`, an address or a name (`localhost`, the machine's own):
    the hall is announced on what it listens on. OSError when it has none."""
    found = socket.getaddrinfo(host, None, socket.AF_INET, socket.SOCK_STREAM)
    return list(dict.fromkeys(str(address[4][0]) for address in found))


def _cut(text: str, limit: int) -> str:
    """`text` cut to `limit` bytes of UTF-8, between letters (a DNS label holds 63 bytes, a
    TXT string 255: 29 Kazakh letters fill a label), control characters made spaces."""
    shown = "".join(ch if ch.isprintable() else " " for ch in text)
    return shown.encode()[:limit].decode(errors="ignore").strip()


def _instance_label(hall_id: str, server: str) -> str:
    """`Kezek <hall id> #<tag>`: the tag is this hall's whole id and host, so two halls never
    share a name (one id on two PCs, two long ids alike in their first 40 bytes), whatever
    order they start in. Room is left for zeroconf's own `-2` after a clash all the same."""
    tag = hashlib.blake2s(f"{hall_id}\n{server}".encode(), digest_size=3).hexdigest()
    return f"{_cut(f'Kezek {hall_id}', 63 - len(tag) - 2 - 4)} #{tag}"


def _host_label(port: int, address: str) -> str:
    """The announcement's host name, this server's own: two halls made from one catalogue
    (the demo hall on two PCs) share their id, and under one host name their addresses
    merged, so a terminal could be sent to the other's address. Machines set up from one
    image share their name too: the address and port make it theirs."""
    machine = re.sub(r"[^a-z0-9]+", "-", socket.gethostname().lower()).strip("-") or "host"
    tail = f"-{address.replace('.', '-')}-{port}"
    return f"kezek-{machine[: 63 - len('kezek-') - len(tail)]}{tail}"


class Announcer:
    """Registers the hall's service record in a background thread; unregisters on stop."""

    def __init__(self, info: ServiceInfo, *, interfaces: list[str] | None = None) -> None:
        self._info = info
        self._interfaces = interfaces
        self._zeroconf: Zeroconf | None = None
        self._thread: threading.Thread | None = None
        self.registered = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._register, name="kezek-announce", daemon=True)
        self._thread.start()

    def _register(self) -> None:
        try:
            if self._interfaces:
                self._zeroconf = Zeroconf(interfaces=self._interfaces, ip_version=IPVersion.V4Only)
            else:
                self._zeroconf = Zeroconf(ip_version=IPVersion.V4Only)
            self._zeroconf.register_service(self._info, allow_name_change=True)
            self.registered.set()
            log.info("announced %s on the LAN", self._info.name)
        # no multicast here, or a name zeroconf refuses: the URL still works
        except (OSError, RuntimeError, ZeroconfError) as exc:
            log.warning("could not announce on the LAN (%s); terminals need --server", exc)

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._zeroconf is not None:
            try:
                if self.registered.is_set():
                    self._zeroconf.unregister_service(self._info)
            finally:
                self._zeroconf.close()
            self._zeroconf = None


def _lan_addresses() -> list[str]:
    """This machine's IPv4 addresses but loopback (a terminal takes the one on its own
    network), or loopback when there is nothing else."""
    found = [
        str(ip.ip)
        for adapter in ifaddr.get_adapters()
        for ip in adapter.ips
        if isinstance(ip.ip, str) and not ip.ip.startswith("127.")
    ]
    return found or ["127.0.0.1"]
