"""The driver's sockets acknowledge each read at once (`sockets.ack_reads_at_once`).

FalkorDB's replies stalled 40 ms a piece on delayed ACKs (a one-row `execute_query`: 44 ms, 1.1 ms with
this; benchmarks/RESULTS.md). What is checked here is the mechanism, not a time: every read re-arms
TCP_QUICKACK, and every connection the driver opens gets it.
"""
from __future__ import annotations

import socket
from typing import Any

import pytest

from govgraph.neo4j import connection, sockets
from govgraph.neo4j.connection import Settings, get_driver
from govgraph.neo4j.remote import Remote

pytestmark = pytest.mark.skipif(not hasattr(socket, "TCP_QUICKACK"), reason="TCP_QUICKACK is Linux's")


class Recording(socket.socket):
    options: list[tuple[int, int, int]]

    def setsockopt(self, level: int, name: int, value: Any) -> None:  # type: ignore[override]
        self.options.append((level, name, value))
        super().setsockopt(level, name, value)


class FakeBoltSocket:
    """What the hook relies on in the driver's socket: `_socket` and `recv_into`."""

    def __init__(self, raw: socket.socket) -> None:
        self._socket = raw

    def recv_into(self, buffer: Any, nbytes: int) -> int:
        return self._socket.recv_into(buffer, nbytes)


def test_each_read_re_arms_the_quick_ack() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        near = socket.create_connection(listener.getsockname())
        far, _ = listener.accept()
    raw = Recording(fileno=near.detach())
    raw.options = []
    bolt = FakeBoltSocket(raw)
    sockets.ack_reads_at_once(bolt)
    buffer = bytearray(8)
    for chunk in (b"abc", b"defgh"):
        far.sendall(chunk)
        assert bytes(buffer[: bolt.recv_into(buffer, 8)]) == chunk
    assert raw.options == [(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)] * 2
    far.close()
    raw.close()


def test_a_unix_socket_is_left_alone() -> None:
    a, b = socket.socketpair()
    bolt = FakeBoltSocket(a)
    sockets.ack_reads_at_once(bolt)
    assert "recv_into" not in vars(bolt)
    a.close()
    b.close()


def test_every_connection_the_driver_opens_gets_it(bolt_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the driver's own socket class (private API): a driver upgrade that moves `_socket` or
    `recv_into` fails here."""
    hooked: list[Any] = []
    real = sockets.ack_reads_at_once

    def noted(bolt_socket: Any) -> None:
        real(bolt_socket)
        hooked.append(bolt_socket)

    monkeypatch.setattr(sockets, "ack_reads_at_once", noted)
    monkeypatch.setattr(connection, "_DRIVERS", {})
    driver = get_driver(Settings(uri=bolt_settings.uri, connection_acquisition_timeout=3.0))
    try:
        assert Remote(driver).read("RETURN 3 AS x") == [{"x": 3}]
    finally:
        driver.close()
    assert hooked and all(isinstance(b._socket, socket.socket) and "recv_into" in vars(b) for b in hooked)


def test_reach_opens_and_closes_two_connections_without_a_byte() -> None:
    """FalkorDB after a GOODBYE: 3 of 100 handshakes hung after one poke, none of 400 after two."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(5)
        port = listener.getsockname()[1]
        sockets.reach(f"bolt://127.0.0.1:{port}", 2.0)
        accepted = [listener.accept()[0] for _ in range(sockets.POKES)]
        assert sockets.POKES == 2
        for conn in accepted:
            conn.settimeout(5)
            assert conn.recv(16) == b""  # closed, nothing sent
            conn.close()
        listener.settimeout(0.05)
        with pytest.raises(TimeoutError):
            listener.accept()
