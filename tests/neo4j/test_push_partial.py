"""Issue 17 (5): a push that stops part-way (a frozen link, a lost connection) says how far it got.

The server then holds part of the graph, so the one `Error:` line says what was written of how much and
that running the same push again finishes it. The link is frozen by a proxy (tests/neo4j/freezing_proxy.py)
after some transactions, and what the message claims is checked against what the server holds.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bolt_db import counts, wipe
from freezing_proxy import FreezingProxy

from govgraph.errors import PartialPush
from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Board
from govgraph.neo4j import connection, sockets
from govgraph.neo4j.connection import Settings, get_driver
from govgraph.neo4j.push import push
from govgraph.neo4j.remote import Remote

ACTIONS = 120


def graph(marker: str = "") -> GovGraph:
    """A board monitoring ACTIONS actions; the last edge's quote carries `marker` (the proxy's freeze cue)."""
    gg = GovGraph()
    gg.add_node(Board(id="board/b", name="Board", source_file="p.txt", source_line=1))
    for i in range(ACTIONS):
        gg.add_node(Action(id=f"p/act/{i}", ref=f"{i}", text="t" * 100, source_file="p.txt", source_line=i + 2))
    for i in range(ACTIONS):
        quote = marker if i == ACTIONS - 1 else f"monitors {i}"
        gg.add_edge(Edge(source="board/b", target=f"p/act/{i}", type="MONITORS", source_file="p.txt",
                         source_line=i + 2, quote=quote))
    return gg


def test_a_link_frozen_mid_push_says_how_far_it_got(remote: Remote, bolt_settings: Settings,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    wipe(remote)
    monkeypatch.setattr(connection, "_DRIVERS", {})  # our own driver through the proxy, closed here
    gg = graph()
    seen: list[int] = []
    with FreezingProxy(sockets.address(bolt_settings.uri)) as proxy:
        settings = Settings(uri=proxy.uri, connection_acquisition_timeout=1.0, max_transaction_retry_time=0.0,
                            read_timeout=0.5)  # no retry: it would only wait on the frozen link again
        driver = get_driver(settings)

        def progress(done: int, total: int, what: str) -> None:
            seen.append(done)
            if len(seen) == 4:  # "schema", then three committed transactions
                proxy.freeze()

        try:
            with pytest.raises(PartialPush) as info:
                push(gg, driver, batch_size=10, batch_bytes=3000, progress=progress, server=remote.server)
        finally:
            driver.close()
    err = info.value
    held = counts(remote)
    assert err.nodes == (held[0], ACTIONS + 1) and err.relationships == (0, ACTIONS)
    assert held == (seen[-1], 0) and 0 < held[0] < ACTIONS
    assert str(err) == (f"Neo4j at {proxy.uri} stopped answering (no reply within 0.5s); pushed {held[0]} of "
                        f"{ACTIONS + 1} nodes and 0 of {ACTIONS} relationships before it stopped: the graph there "
                        "is partial; run the same push again, which finishes it")
    assert "running it again" in err.hint


def test_the_cli_line_for_a_push_frozen_among_the_relationships(tmp_path: Path, remote: Remote,
                                                                 bolt_settings: Settings) -> None:
    """Every node written, then the link freezes on the statement holding the marked edge: one line, exit 1."""
    wipe(remote)
    path = tmp_path / "g.json"
    graph("FREEZE_HERE").save(path)
    with FreezingProxy(sockets.address(bolt_settings.uri)) as proxy:
        res = subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", "neo4j", "push",
                              "-g", str(path), "--uri", proxy.uri, "--timeout", "1", "--read-timeout", "0.5",
                              "-q", "--batch-size", "10"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 1, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("  "), res.stderr
    m = re.fullmatch(rf"Error: Neo4j at {re.escape(proxy.uri)} stopped answering \(no reply within 0\.5s\); pushed "
                     rf"{ACTIONS + 1} of {ACTIONS + 1} nodes and (\d+) of {ACTIONS} relationships before it stopped: "
                     r"the graph there is partial; run the same push again, which finishes it", lines[0])
    assert m, lines[0]
    assert counts(remote) == (ACTIONS + 1, int(m.group(1))) and int(m.group(1)) < ACTIONS


def test_a_failure_before_anything_is_written_says_so(remote: Remote, bolt_settings: Settings,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Frozen while the schema is set up: nothing of the graph was written, and the line says so."""
    wipe(remote)
    monkeypatch.setattr(connection, "_DRIVERS", {})
    with FreezingProxy(sockets.address(bolt_settings.uri)) as proxy:
        driver = get_driver(Settings(uri=proxy.uri, connection_acquisition_timeout=1.0,
                                     max_transaction_retry_time=0.5, read_timeout=0.5))
        proxy.freeze()
        try:
            with pytest.raises(PartialPush, match=rf"; pushed 0 of {ACTIONS + 1} nodes and 0 of {ACTIONS} "
                                                  "relationships: nothing of the graph was written$"):
                push(graph(), driver, server=remote.server)
        finally:
            driver.close()
    assert counts(remote) == (0, 0)


_STALL_AFTER_THREE = """
import sys, time
from pathlib import Path
import govgraph.neo4j.push as push
marker, sent = Path(sys.argv[1]), []
real = push._write_statements
def write(tx, statements):
    if len(sent) == 3:  # three transactions committed: stall inside the fourth
        marker.touch()
        time.sleep(120)
    sent.append(1)
    real(tx, statements)
push._write_statements = write
sys.argv = ["govgraph", *sys.argv[2:]]
from govgraph.cli.app import main
main()
"""


@pytest.mark.parametrize(("sig", "code", "word"), [(2, 130, "Interrupted"), (15, 143, "Terminated")],
                         ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_push_says_how_far_it_got(tmp_path: Path, remote: Remote, bolt_settings: Settings,
                                                 sig: int, code: int, word: str) -> None:
    """Ctrl-C or SIGTERM mid-push said "nothing was written" while the server held part of the graph."""
    import time

    wipe(remote)
    path, marker = tmp_path / "g.json", tmp_path / "stalled"
    graph().save(path)
    proc = subprocess.Popen([sys.executable, "-c", _STALL_AFTER_THREE, str(marker), "neo4j", "push", "-g", str(path),
                             "--uri", bolt_settings.uri, "-q", "--batch-size", "10"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(1200):  # up to 120 s on a busy machine
        if marker.exists() or proc.poll() is not None:
            break
        time.sleep(0.1)
    assert marker.exists(), proc.communicate(timeout=60)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    held = counts(remote)
    assert proc.returncode == code, stderr
    assert stderr.strip().splitlines() == [
        f"{word}: pushed {held[0]} of {ACTIONS + 1} nodes and 0 of {ACTIONS} relationships to {bolt_settings.uri} "
        "before stopping: the graph there is partial; run the same push again, which finishes it."], stderr
    assert 0 < held[0] < ACTIONS and held[1] == 0
