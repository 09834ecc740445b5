"""The forwarder in front of the local server: bytes pass unchanged, and each read is acknowledged at once.

The quick ACK is what keeps a FalkorDB reply of a few kilobytes from stalling 40 ms per piece (the
server writes without TCP_NODELAY); its effect is measured in benchmarks/RESULTS.md, not timed here.
"""
from __future__ import annotations

import socket
import threading

from govgraph.neo4j import netns_host


class Recording(socket.socket):
    """A socket that notes the options set on it."""

    options: list[tuple[int, int, int]]

    def setsockopt(self, level: int, name: int, value: int) -> None:  # type: ignore[override]
        self.options.append((level, name, value))
        super().setsockopt(level, name, value)


def tcp_pair() -> tuple[socket.socket, socket.socket]:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        near = socket.create_connection(listener.getsockname())
        far, _ = listener.accept()
    return near, far


def test_the_pump_passes_bytes_and_acknowledges_each_read_at_once() -> None:
    client, inbound = tcp_pair()
    outbound, server = tcp_pair()
    src = Recording(fileno=inbound.detach())
    src.options = []
    pump = threading.Thread(target=netns_host._pump, args=(src, outbound), daemon=True)
    pump.start()
    sent = bytes(range(256)) * 64
    client.sendall(sent)
    got = b""
    while len(got) < len(sent):
        got += server.recv(65536)
    client.close()
    pump.join(5)
    assert got == sent
    quick = (socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    assert src.options and set(src.options) == {quick}
    server.close()


def test_a_socket_that_refuses_quick_acks_still_forwards() -> None:
    """A Unix socket has no TCP options: the forwarder must not drop the connection for that."""
    a, b = socket.socketpair()
    c, d = socket.socketpair()
    pump = threading.Thread(target=netns_host._pump, args=(b, c), daemon=True)
    pump.start()
    a.sendall(b"hello")
    assert d.recv(16) == b"hello"
    a.close()
    pump.join(5)
    d.close()
