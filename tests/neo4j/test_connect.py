"""Issue 16 item 1: connect fast and fail fast. Each failure is one `Error:` line (plus its hint) on stderr,
with none of the driver's own log lines; a hung first handshake is retried; a frozen link ends the command."""
from __future__ import annotations

import logging
import socket
import struct
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest
from freezing_proxy import FreezingProxy

from govgraph.errors import Neo4jError
from govgraph.neo4j import connection, sockets
from govgraph.neo4j.connection import Settings, attempts, get_driver
from govgraph.neo4j.remote import Remote

def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command's way (through `main`, real stderr), so driver log lines would show."""
    return subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("timeout, expected", [
    (10.0, [1.0, 2.0, 4.0, 3.0]),  # short first try, then doubling, all within the timeout
    (1.0, [1.0]),
    (0.3, [0.3]),  # --timeout under a second: one attempt of that length
    (2.5, [1.0, 1.5]),
])
def test_handshake_attempts_fit_the_timeout(timeout: float, expected: list[float]) -> None:
    assert attempts(timeout) == pytest.approx(expected)
    assert sum(attempts(timeout)) == pytest.approx(timeout)


@pytest.mark.parametrize("uri, host, port", [
    ("bolt://127.0.0.1:7688", "127.0.0.1", 7688), ("neo4j+s://db.example.org", "db.example.org", 7687),
    ("neo4j://[::1]:9999", "::1", 9999), ("bolt://localhost", "localhost", 7687),
])
def test_address_of_a_uri(uri: str, host: str, port: int) -> None:
    assert sockets.address(uri) == (host, port)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _one_error(stderr: str) -> str:
    """The stderr of a failed command: exactly one `Error:` line and its indented hint, nothing else."""
    lines = stderr.strip().splitlines()
    assert lines[0].startswith("Error: ") and all(ln.startswith("  ") for ln in lines[1:]), stderr
    return lines[0]


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_nothing_listening_is_one_line_at_once(scheme: str) -> None:
    port = _closed_port()
    res = cli(*["query", "gaps", "--neo4j", f"{scheme}://127.0.0.1:{port}"])
    assert res.returncode == 1
    assert _one_error(res.stderr) == (f"Error: cannot reach a Neo4j server at {scheme}://127.0.0.1:{port} "
                                      f"(nothing listens on 127.0.0.1:{port})")
    assert _hint(res.stderr) == NOTHING_LISTENS.format(option="--neo4j")  # the question's option for the server


def _hint(stderr: str) -> str:
    """The hint under the `Error:` line, its lines joined (the console may wrap it)."""
    return " ".join(ln.strip() for ln in stderr.strip().splitlines()[1:])


NOTHING_LISTENS = ("Is the server running and the URI right? `govgraph server status` says whether the local one "
                   "is running; set {option} or NEO4J_URI.")


@pytest.mark.parametrize("command, option", [  # `query NAME --neo4j`: test_nothing_listening_is_one_line_at_once
    (["neo4j", "push", "-g", "{graph}", "--uri"], "--uri"),
    (["neo4j", "query", "gaps", "--uri"], "--uri"),  # the deprecated alias takes --uri
])
def test_the_hint_names_the_option_of_the_command_in_use(command: list[str], option: str, tmp_path: Path) -> None:
    from govgraph.queries._example import demo_graph

    graph = tmp_path / "demo.json"
    demo_graph().save(graph)
    port = _closed_port()
    res = cli(*(a.format(graph=graph) for a in command), f"bolt://127.0.0.1:{port}")
    assert res.returncode == 1
    stderr = res.stderr.split("alias goes in the next release.\n")[-1]  # after the deprecation line
    _one_error(stderr)
    assert _hint(stderr) == NOTHING_LISTENS.format(option=option)


def test_the_hint_after_a_lost_connection_names_the_option() -> None:
    """The hint of a server that went away after the handshake (not the TCP check's), per command."""
    import neo4j.exceptions as nex

    for option in ("--neo4j", "--uri"):
        err = connection.translate(nex.ServiceUnavailable("Connection refused"),
                                   Settings(uri="bolt://127.0.0.1:1", uri_option=option))
        assert err.hint == f"Is the server running and the URI right? Set {option} or NEO4J_URI."


def test_unknown_host_is_one_line() -> None:
    res = cli(*["cypher", "RETURN 1", "--uri", "bolt://no-such-host.invalid:7687"])
    assert res.returncode == 1
    assert _one_error(res.stderr).startswith(
        "Error: cannot reach a Neo4j server at bolt://no-such-host.invalid:7687 (unknown host 'no-such-host.invalid'")
    assert _hint(res.stderr) == "Check the host name in --uri or NEO4J_URI."


def test_routing_uri_on_a_single_server_says_use_bolt_without_driver_logs(bolt_settings: Settings) -> None:
    """The driver logs 'Unable to retrieve routing information' at ERROR; the command prints only its line."""
    if not bolt_settings.uri.startswith("bolt://"):
        pytest.skip("needs a server that does not route")
    routed = bolt_settings.uri.replace("bolt://", "neo4j://")
    res = cli(*["query", "gaps", "--neo4j", routed, "--timeout", "2"])
    assert res.returncode == 1
    _one_error(res.stderr)
    assert "needs bolt://HOST:PORT" in res.stderr and "Unable to retrieve" not in res.stderr.split(")")[-1]


def _chunk(message: bytes) -> bytes:
    return struct.pack(">H", len(message)) + message + b"\x00\x00"


def _connect_and_say_goodbye(uri: str) -> None:
    """A Bolt session that ends with GOODBYE, spoken by hand so that its end can be waited for: the
    server has handled the GOODBYE once it closes the connection. (A driver's `close()` sends GOODBYE
    and returns at once; the next connection then raced it, and the tests below failed under load.)"""
    sockets.reach(uri, 1.0)  # absorbs a hung handshake left by an earlier test
    with socket.create_connection(sockets.address(uri), timeout=10) as s:
        s.sendall(b"\x60\x60\xb0\x17" + b"\x00\x00\x07\x05" + b"\x00" * 12)  # Bolt 5.7 only
        assert len(s.recv(4)) == 4
        s.sendall(_chunk(b"\xb1\x01\xa1\x8auser_agent\x8dgovgraph-test"))  # HELLO {user_agent}
        s.recv(4096)
        s.sendall(_chunk(b"\xb0\x02"))  # GOODBYE
        while s.recv(4096):
            pass


def test_a_hung_first_handshake_is_retried(bolt_settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    """FalkorDB leaves the next handshake after a GOODBYE unanswered: without the TCP poke that absorbs it,
    the first attempt times out (after at most a second) and the second one, after a poke of its own,
    connects. (The second attempt once hung too, when it was not poked.)"""
    if not bolt_settings.uri.startswith("bolt://127.0.0.1"):
        pytest.skip("FalkorDB's handshake bug")
    settings = Settings(uri=bolt_settings.uri, connection_acquisition_timeout=3.0)
    _connect_and_say_goodbye(settings.uri)  # sends GOODBYE
    pokes: list[str] = []
    real_reach = sockets.reach

    def all_but_the_first(uri: str, timeout: float, option: str = "--uri") -> None:
        pokes.append(uri)
        if len(pokes) > 1:
            real_reach(uri, timeout, option)

    monkeypatch.setattr(sockets, "reach", all_but_the_first)
    monkeypatch.setattr(connection, "_DRIVERS", {})
    with caplog.at_level(logging.INFO, logger="govgraph.neo4j.connection"):
        driver = get_driver(settings)
    try:
        assert Remote(driver).read("RETURN 7 AS x") == [{"x": 7}]
    finally:
        driver.close()
    retries = [r.getMessage() for r in caplog.records if "handshake with" in r.getMessage()]
    assert len(retries) == 1 and "failed within 1.00s" in retries[0]
    assert len(pokes) == 2  # get_driver's, skipped, and the retry's


def test_the_tcp_poke_spares_the_handshake_retry(bolt_settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(uri=bolt_settings.uri, connection_acquisition_timeout=3.0)
    _connect_and_say_goodbye(settings.uri)
    monkeypatch.setattr(connection, "_DRIVERS", {})
    with caplog.at_level(logging.INFO, logger="govgraph.neo4j.connection"):
        driver = get_driver(settings)
    driver.close()
    assert not [r for r in caplog.records if "handshake with" in r.getMessage()]


def test_the_read_timeout_hook_is_installed() -> None:
    """The driver has no read-timeout option: we wrap its socket factory. A driver upgrade that moves it
    fails here, not silently in the field."""
    assert sockets.install_read_timeout(12.5)
    assert getattr(sockets._bolt_socket_class().connect, "_govgraph_read_timeout", False)
    assert sockets.read_timeout() == 12.5


def test_a_frozen_link_ends_the_command_with_one_message(bolt_settings: Settings, remote: Remote) -> None:
    """The link stops mid-statement (the proxy swallows everything once it sees the marker)."""
    host, port = sockets.address(bolt_settings.uri)
    with FreezingProxy((host, port)) as proxy:
        res = cli(*["cypher", "RETURN 'FREEZE_HERE' AS x", "--uri", proxy.uri,
                                  "--timeout", "1", "--read-timeout", "0.5"])
    assert res.returncode == 1
    assert _one_error(res.stderr) == (f"Error: Neo4j at {proxy.uri} stopped answering (no reply within 0.5s)")


def test_a_frozen_link_in_the_library_raises_a_translated_error(bolt_settings: Settings,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "_DRIVERS", {})  # our own driver, closed here; the session's stays open
    host, port = sockets.address(bolt_settings.uri)
    with FreezingProxy((host, port)) as proxy:
        settings = Settings(uri=proxy.uri, connection_acquisition_timeout=1.0, max_transaction_retry_time=0.5,
                            read_timeout=0.5)
        driver = get_driver(settings)
        try:
            assert Remote(driver).read("RETURN 1 AS x") == [{"x": 1}]
            proxy.freeze()
            with pytest.raises((neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired)) as info:
                Remote(driver).read("RETURN 2 AS x")
        finally:
            driver.close()
    err = connection.translate(info.value, settings)
    assert isinstance(err, Neo4jError) and "stopped answering (no reply within 0.5s)" in str(err)
