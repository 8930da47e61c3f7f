"""A TCP proxy a test can cut and restore: a terminal loses the server while it keeps running."""

from __future__ import annotations

import contextlib
import socket
import threading


class CuttableProxy:
    """Forwards 127.0.0.1:`port` to `target_port`; `cut()` drops every connection and refuses
    new ones until `restore()`. Starts listening unless `up=False` (a server that is down).

    `swallow`, when set, is the start of requests whose answer is lost on the way: the server
    gets the request and does it, the terminal never hears back on that connection."""

    def __init__(self, target_port: int, *, up: bool = True) -> None:
        self.target_port = target_port
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self.swallow: bytes | None = None  # requests so begun: their answers never come
        # requests (by how they begin) whose next answer is lost: the connection is dropped
        # as the answer comes, once per entry (a cable pulled while the server answered)
        self.lose_answers: list[bytes] = []
        self.lost = 0
        if up:
            self.restore()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def restore(self) -> None:
        if self._listener is not None:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    close = cut

    def __enter__(self) -> CuttableProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cut()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            silent = threading.Event()  # this connection's answers are swallowed from now on
            losing = threading.Event()  # this connection's answer is to be lost, and it dropped
            for a, b, asks in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(
                    target=self._pipe, args=(a, b, asks, silent, losing), daemon=True
                ).start()

    def _pipe(
        self,
        source: socket.socket,
        sink: socket.socket,
        asks: bool,
        silent: threading.Event,
        losing: threading.Event,
    ) -> None:
        try:
            while data := source.recv(65536):
                if asks:
                    if self.swallow is not None and data.startswith(self.swallow):
                        silent.set()
                    with self._lock:
                        lose = next((p for p in self.lose_answers if data.startswith(p)), None)
                        if lose is not None:
                            self.lose_answers.remove(lose)
                            losing.set()
                elif losing.is_set():  # the answer goes nowhere: both ends are dropped
                    with self._lock:
                        self.lost += 1
                    for end in (source, sink):
                        with contextlib.suppress(OSError):
                            end.shutdown(socket.SHUT_RDWR)
                    return
                elif silent.is_set():
                    continue  # the answer is lost on the way
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
