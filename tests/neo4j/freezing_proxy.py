"""A TCP forwarder for tests that can freeze like a stalled network: it stops passing bytes, both ways and
on every connection (new ones are accepted, never answered), once a client sends a marker or `freeze()`
is called. Sockets stay open, so only a read timeout can notice."""
from __future__ import annotations

import socket
import threading
from types import TracebackType

from govgraph.neo4j.sockets import ack_at_once


class FreezingProxy:
    def __init__(self, upstream: tuple[str, int], marker: bytes = b"FREEZE_HERE") -> None:
        self.upstream = upstream
        self.marker = marker
        self.frozen = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def freeze(self) -> None:
        self.frozen.set()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            if self.frozen.is_set():
                continue
            server = socket.create_connection(self.upstream)
            self._sockets.append(server)
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, from_client: bool) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                return
            if not data:
                return
            if not from_client:
                ack_at_once(src)  # as the local server's forwarder does: no 40 ms delayed-ACK stalls
            if from_client and self.marker in data:
                self.frozen.set()
            if self.frozen.is_set():
                self.frozen.wait()  # hold the bytes for ever, like a dead link
                continue
            try:
                dst.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        for s in self._sockets:
            try:
                s.close()
            except OSError:
                pass

    def __enter__(self) -> "FreezingProxy":
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
