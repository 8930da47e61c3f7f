"""Announce the hall server on the LAN as `_kezek._tcp.local.` (zeroconf), without blocking."""

from __future__ import annotations

import logging
import socket
import threading

import ifaddr
from zeroconf import IPVersion, ServiceInfo, Zeroconf

from hallserver.api.wire import PROTOCOL_VERSION

log = logging.getLogger(__name__)
SERVICE_TYPE = "_kezek._tcp.local."


def service_info(hall_id: str, hall_name: str, host: str, port: int) -> ServiceInfo:
    hosts = _lan_addresses() if host in ("0.0.0.0", "") else [host]  # noqa: S104
    label = f"Kezek {hall_id}"[:63]
    return ServiceInfo(
        SERVICE_TYPE,
        f"{label}.{SERVICE_TYPE}",
        addresses=[socket.inet_aton(h) for h in hosts],
        port=port,
        properties={
            "hall_id": hall_id,
            "hall_name": hall_name,
            "api": "/api/v1",
            "protocol": str(PROTOCOL_VERSION),
        },
        server=f"kezek-{hall_id}.local.",
    )


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
        except (OSError, RuntimeError) as exc:  # no multicast here: the URL still works
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
    """This machine's IPv4 addresses, LAN ones first; loopback when there is nothing else."""
    found = [
        str(ip.ip)
        for adapter in ifaddr.get_adapters()
        for ip in adapter.ips
        if isinstance(ip.ip, str) and not ip.ip.startswith("127.")
    ]
    return found or ["127.0.0.1"]
