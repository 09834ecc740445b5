"""The push planner: compact rows write the same graph as one map per row, statements stay under
FalkorDB's query size limit (measured as the server builds the query), transactions hold batch_size rows."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest
from bolt_db import ON_NEO4J, load, wipe
from test_push import snapshot

from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Board, Plan, Recommendation
from govgraph.neo4j import batching, falkordb_server, literals
from govgraph.neo4j.batching import plan, transactions
from govgraph.neo4j.connection import Settings, get_driver
from govgraph.neo4j.literals import literal_size, query_size
from govgraph.neo4j.probe import (
    FALKORDB_QUERY_LIMIT,
    SMALL_BATCH_BYTES,
    ServerInfo,
    encode,
)
from govgraph.neo4j.push import push
from govgraph.neo4j.remote import Remote
from govgraph.neo4j.rows import RAG_LABELS, graph_rows, node_docs

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from push_throughput import synthetic  # noqa: E402

PASTING = ServerInfo(agent="test", is_neo4j=False, escape_params=True)


def mixed_tags_graph() -> GovGraph:
    """One label written by two documents, a board both name, values that are equal but not alike
    (1 and True), a property only some rows have, and one row too large for a statement."""
    gg = GovGraph()
    for doc in ("a", "b"):
        gg.add_node(Plan(id=f"{doc}/plan", name=f"Plan {doc}", source_file=f"{doc}.txt", source_line=1))
        gg.add_node(Recommendation(id=f"{doc}/rec/1", ref="1", source_file=f"{doc}.txt", source_line=2))
        for i in range(6):
            a = gg.add_node(Action(id=f"{doc}/act/{i}", ref=str(i), text=f"it's {doc} \\ {i}", rag="RED",
                                   due="2024-01" if i % 2 else None, source_file=f"{doc}.txt", source_line=i + 3))
            gg.add_edge(Edge(source=a, target=f"{doc}/rec/1", type="ADDRESSES", source_file=f"{doc}.txt",
                             source_line=i + 3, quote=f"q {i}"))
    gg.add_node(Board(id="board/exec", name="Exec", source_file="a.txt", source_line=9, sources=["a.txt", "b.txt"]))
    for doc in ("a", "b"):
        gg.add_edge(Edge(source="board/exec", target=f"{doc}/act/0", type="MONITORS", source_file=f"{doc}.txt"))
    gg.g.nodes["a/act/1"]["extra_flag"] = 1
    gg.g.nodes["a/act/3"]["extra_flag"] = True
    gg.g.nodes["a/act/5"]["extra_flag"] = 1
    gg.g.nodes["b/plan"]["notes"] = ["note " + "x" * 300 + str(i) for i in range(15)]
    return gg


def test_literal_size_is_the_pasted_text() -> None:
    assert literal_size("it's") == len("'it\\'s'")
    assert literal_size(["a", 1]) == len("['a', 1]")
    assert literal_size({"k": [True, None], "f": 0.5}) == len("{k: [true, NULL], f: 0.500000}")
    assert literal_size("é") == len("'é'".encode())
    assert query_size("RETURN 1", {"x": 1, "y": "a"}) == len("CYPHER x=1 y='a' RETURN 1")
    row = ["it's", 12, -3, True, None, 2.5, [1, 2], ["a", "b\\"], {"k": "v"}, "é"]
    assert literals.row_size(row) == literal_size(row) and literals.row_size([]) == literal_size([]) == 2


@pytest.mark.parametrize("batch_size", [1, 7, 500])
def test_plan_respects_both_limits_and_covers_every_element(batch_size: int) -> None:
    gg = mixed_tags_graph()
    rows = graph_rows(gg)
    statements = plan(rows, batch_size=batch_size, batch_bytes=SMALL_BATCH_BYTES)
    for s in statements:
        assert s.size == query_size(s.text, s.params) <= SMALL_BATCH_BYTES
        assert 1 <= s.rows == len(s.params["rows"]) <= batch_size
    assert sum(s.count for s in statements) == len(rows.nodes) + len(rows.rels)
    txs = transactions(statements, batch_size)
    assert [s for tx in txs for s in tx] == statements
    assert all(sum(s.rows for s in tx if not s.prepares) <= batch_size for tx in txs)
    assert all(not tx[-1].prepares for tx in txs)  # a pre-step shares its statement's transaction
    if batch_size == 1:
        assert all(len([s for s in tx if not s.prepares]) == 1 for tx in txs)


def row_ids(s: batching.Statement) -> list[str]:
    """The ids (or sources) a MERGE statement writes: compact rows carry them after `$key0`, if any."""
    return [s.params.get("key0", "") + r[0] if isinstance(r, list) else r.get("id") or r["source"]
            for r in s.params["rows"]]


def test_compact_rows_hoist_tags_and_shared_values_but_not_unlike_ones() -> None:
    gg = mixed_tags_graph()
    statements = plan(graph_rows(gg), batch_size=4, batch_bytes=SMALL_BATCH_BYTES)
    compact = [s for s in statements if "row[0]" in s.text and not s.prepares]
    assert compact and all(isinstance(r, list) for s in compact for r in s.params["rows"])
    actions = [s for s in compact if "MERGE (n:`Action`" in s.text]
    hoisted = [s for s in actions if "docs" in s.params]
    assert [tuple(s.params["docs"]) for s in hoisted] == [("a",), ("b",)]  # 4 of each document's 6
    assert all(s.params["common"]["sourceFile"] == s.params["docs"][0] + ".txt" for s in hoisted)
    assert [s.params["key0"] for s in hoisted] == ["a/act/", "b/act/"]  # the ids' shared prefix, sent once
    assert all("{id: $key0 + row[0]}" in s.text and not r[0].startswith(s.params["key0"])
               for s in hoisted for r in s.params["rows"])
    tails = [s for s in actions if "docs" not in s.params]  # the other 2 + 2, in one statement, tags per row
    assert len(tails) == 1 and all("WHERE NOT d IN row[" in s.text for s in tails)
    assert {i: r[-1] for s in tails for i, r in zip(row_ids(s), s.params["rows"])} == \
        {i: node_docs(gg.g.nodes[i]) for s in tails for i in row_ids(s)}
    maps = [v for s in actions if "n += row[" in s.text for r in s.params["rows"] for v in r if isinstance(v, dict)]
    flagged = [m["extraFlag"] for m in maps if "extraFlag" in m]
    assert sorted(map(repr, flagged)) == ["1", "1", "True"]  # only some rows have it: a per-row map, types kept
    assert all("extraFlag" not in s.params.get("common", {}) and "`extraFlag`" not in s.text for s in actions)
    alike = [batching.Element(["x"], {"f": v}, []) for v in (1, True, 1)]
    assert batching.common_props(alike, ["f"]) == {} and batching.common_props(alike[::2], ["f"]) == {"f": 1}
    general = [s for s in statements if "row.docs" in s.text or "row.part" in s.text]
    assert general, "the oversized plan goes the general way"


def test_compact_and_general_rows_write_the_same_graph(remote: Remote, corpus_graph: GovGraph,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for gg in (mixed_tags_graph(), corpus_graph):
        load(remote, gg)
        compact = snapshot(remote)
        with monkeypatch.context() as m:
            m.setattr("govgraph.neo4j.push.plan", functools.partial(plan, compact=False))
            load(remote, gg)
        assert snapshot(remote) == compact
        assert len(compact[0]) == len(gg) and len(compact[1]) == gg.g.number_of_edges()


def test_documents_tags_per_element_when_groups_differ(remote: Remote) -> None:
    gg = mixed_tags_graph()
    load(remote, gg)
    tags = {r["id"]: sorted(r["d"]) for r in remote.read("MATCH (n) RETURN n.id AS id, n.govgraphDocs AS d")}
    assert tags == {nid: node_docs(data) for nid, data in gg.nodes()}
    assert tags["board/exec"] == ["a", "b"]
    flags = {r["id"]: r["f"] for r in remote.read("MATCH (n:Action) WHERE n.extraFlag IS NOT NULL "
                                                  "RETURN n.id AS id, n.extraFlag AS f")}
    assert flags == {"a/act/1": 1, "a/act/3": True, "a/act/5": 1}
    assert all(type(flags[k]) is type(v) for k, v in {"a/act/1": 1, "a/act/3": True}.items())


def test_transactions_hold_batch_size_rows_in_several_statements(remote: Remote) -> None:
    gg = synthetic(150)
    elements = len(gg) + gg.g.number_of_edges()
    wipe(remote)
    seen: list[int] = []
    rep = push(gg, remote.driver, database=remote.database, server=remote.server, batch_size=100,
               progress=lambda done, total, what: seen.append(done))
    assert rep.batches == -(-elements // 100) or rep.batches > elements // 100
    assert rep.statements >= rep.batches and len(seen) == rep.batches + 1 and seen[-1] == elements
    if not remote.server.is_neo4j:
        assert rep.statements > rep.batches  # the byte limit splits a 100-row transaction
    wipe(remote)
    small = synthetic(20)  # a transaction per element: a few hundred round trips are enough
    one = push(small, remote.driver, database=remote.database, server=remote.server, batch_size=1)
    actions = sum(1 for _ in small.nodes("Action"))
    assert actions and one.batches == one.statements == len(small) + small.g.number_of_edges()  # no relabel step
    n = remote.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    r = remote.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    assert (n, r) == (len(small), small.g.number_of_edges())


MIX = {"s": "it's \\ é" * 20, "l": [1, 2.5, True, None, "x"] * 60, "m": {f"k{i}": ["a", "b"] for i in range(40)}}
"""Every kind of value, many times: a byte miscounted per item would put the query hundreds over."""


def _padded(target: int) -> tuple[str, dict[str, object]]:
    """A query whose pasted form is exactly `target` bytes: `MIX`, padded by a string."""
    text = "RETURN size($pad) AS n, $mix AS mix"
    mix = MIX
    params: dict[str, object] = {"mix": mix, "pad": ""}
    params["pad"] = "p" * (target - query_size(text, params))
    assert query_size(text, params) == target
    return text, params


@pytest.mark.skipif(ON_NEO4J, reason="FalkorDB's pasted-query limit")
def test_a_query_of_exactly_the_limit_runs(remote: Remote) -> None:
    text, params = _padded(FALKORDB_QUERY_LIMIT)
    got = remote.read(text, **params)  # read() escapes for a pasting server
    assert got[0]["n"] == len(params["pad"])  # type: ignore[arg-type]
    assert got[0]["mix"] == MIX


def test_the_largest_planned_statement_runs(remote: Remote) -> None:
    gg = synthetic(300)
    statements = plan(graph_rows(gg), batch_size=500, batch_bytes=SMALL_BATCH_BYTES)
    largest = max(statements, key=lambda s: s.size)
    assert SMALL_BATCH_BYTES - 200 < largest.size <= SMALL_BATCH_BYTES < FALKORDB_QUERY_LIMIT
    wipe(remote)
    with remote.driver.session(database=remote.database) as session:
        session.run(largest.text, encode(largest.params, remote.server)).consume()


@pytest.mark.skipif(ON_NEO4J, reason="FalkorDB's pasted-query limit")
def test_a_query_over_the_limit_kills_falkordb(tmp_path: Path) -> None:
    """Why the budget exists: shows the limit is real (and that `query_size` measures what overflows)."""
    text, params = _padded(FALKORDB_QUERY_LIMIT + 400)
    with falkordb_server.start(tmp_path) as server:
        driver = get_driver(Settings(uri=server.uri, connection_acquisition_timeout=1.0,
                                     max_transaction_retry_time=1.0))
        with pytest.raises(Exception), driver.session() as session:
            session.run(text, encode(params, PASTING)).consume()
        server.process.wait(5)
        assert not server.alive()


def rag_graph(rags: dict[int, str], big: int | None = None) -> GovGraph:
    """Actions with the given RAG statuses; action `big` has a text too large for one statement, so it
    goes the general way in pieces (each piece a MERGE with its own pre-step)."""
    gg = GovGraph()
    gg.add_node(Recommendation(id="r/rec/1", ref="1", source_file="r.txt", source_line=1))
    for i, rag in rags.items():
        text = ("long text " * 500) if i == big else f"action {i}"
        a = gg.add_node(Action(id=f"r/act/{i}", ref=str(i), text=text, rag=rag, source_file="r.txt", source_line=i + 2))
        gg.add_edge(Edge(source=a, target="r/rec/1", type="ADDRESSES", source_file="r.txt"))
    return gg


def action_labels(remote: Remote) -> dict[str, list[list[str]]]:
    """Every Action id with the label sets of the nodes that carry it (one entry per node)."""
    out: dict[str, list[list[str]]] = {}
    for r in remote.read("MATCH (n:Action) RETURN n.id AS id, labels(n) AS labels ORDER BY id"):
        out.setdefault(r["id"], []).append(sorted(r["labels"]))
    return out


@pytest.mark.parametrize("batch_size", [1, 7, 500])
def test_one_pre_step_per_transaction_covers_exactly_its_action_merges(batch_size: int) -> None:
    gg = rag_graph({i: ("RED", "GREEN", "AMBER")[i % 3] for i in range(40)}, big=5)
    statements = plan(graph_rows(gg), batch_size=batch_size, batch_bytes=SMALL_BATCH_BYTES)
    merges = [s for s in statements if "MERGE (n:`Action`" in s.text]
    assert merges and not any("REMOVE" in s.text or "SET n:" in s.text for s in merges)
    assert any("row.props" in s.text for s in merges), "the big action goes the general way"
    txs = transactions(statements, batch_size)
    assert [s for tx in txs for s in tx] == statements
    for tx in txs:
        pre = [s for s in tx if s.prepares]
        assert tx[:len(pre)] == pre, "the pre-steps come first, before every MERGE of the transaction"
        assert all(s.count == 0 and all(len(r) == 1 for r in s.params["rows"]) for s in pre)
        assert all(s.size == query_size(s.text, s.params) <= SMALL_BATCH_BYTES for s in pre)
        wanted: dict[str, list[str]] = {}
        for s in tx:
            if s in merges:
                rag = s.what.split(":")[2]
                assert f"MERGE (n:`Action`:`{rag}` {{id: " in s.text
                wanted.setdefault(rag, []).extend(row_ids(s))
        got: dict[str, list[str]] = {}
        for s in pre:
            rag = s.what.split(":")[2].split()[0]
            assert f"WHERE NOT n:`{rag}`" in s.text
            got.setdefault(rag, []).extend(r[0] for r in s.params["rows"])
        assert got == {rag: list(dict.fromkeys(ids)) for rag, ids in wanted.items()}
        if batch_size == 500:
            assert len(pre) == len(wanted)  # one per RAG label, not one per MERGE
    if batch_size == 1:  # every row its own transaction: pre-step, then the MERGE
        assert all(len(tx) == 2 for tx in txs if any(s in merges for s in tx))
    else:
        assert sum(s.prepares for s in statements) < len(merges)


def test_relabel_pre_steps_split_under_the_byte_limit() -> None:
    shape = batching._node_shape("Action", "Red")
    ids = [f"doc/act/{i:04d}" for i in range(60)]
    assert shape.relabel is not None
    out = batching.relabel_statements(shape.relabel, shape.what, ids + ids[:5], 400)
    assert len(out) > 3 and all(s.prepares for s in out)
    assert all(s.size == query_size(s.text, s.params) <= 400 for s in out)
    assert [r[0] for s in out for r in s.params["rows"]] == ids
    with pytest.raises(Exception, match="too long"):
        batching.relabel_statements(shape.relabel, shape.what, ["x" * 400], 400)


@pytest.mark.parametrize("compact", [True, False])
def test_a_rag_change_relabels_the_node_in_place(remote: Remote, monkeypatch: pytest.MonkeyPatch,
                                                 compact: bool) -> None:
    monkeypatch.setattr("govgraph.neo4j.push.plan", functools.partial(plan, compact=compact))
    before = {0: "RED", 1: "RED", 2: "AMBER", 3: "UNKNOWN", 4: "RED"}
    after = {0: "GREEN", 1: "RED", 2: "RED", 3: "BLUE", 4: "GREEN"}
    load(remote, rag_graph(before, big=4))
    assert action_labels(remote) == {f"r/act/{i}": [sorted(["Action", RAG_LABELS[r]])]
                                     for i, r in before.items()}
    gg = rag_graph(after, big=4)
    for _ in range(2):  # the second push changes nothing
        rep = push(gg, remote.driver, database=remote.database, server=remote.server, batch_bytes=SMALL_BATCH_BYTES)
        assert action_labels(remote) == {f"r/act/{i}": [sorted(["Action", RAG_LABELS[r]])]
                                         for i, r in after.items()}
        assert remote.read("MATCH (n:Red) RETURN count(n) AS n")[0]["n"] == 2
        assert remote.read("MATCH (n:Action {id: 'r/act/0'}) RETURN n:Green AS g, n:Red AS r")[0] == \
            {"g": True, "r": False}
        assert remote.read("MATCH (n:Action {id: 'r/act/4'}) RETURN size(n.text) AS n")[0]["n"] == 5000
        assert rep.statements > rep.batches  # pre-steps are counted
        snap = snapshot(remote)
        assert len(snap[0]) == len(gg) and len(snap[1]) == gg.g.number_of_edges()
    load(remote, gg)
    assert snapshot(remote) == snap  # the same graph as a push into an empty database


@pytest.mark.parametrize("batch_size", [1, 500])
def test_relabel_pre_steps_are_sent_only_to_a_server_holding_actions(remote: Remote, batch_size: int) -> None:
    gg = rag_graph({i: ("RED", "GREEN", "AMBER")[i % 3] for i in range(12)})
    wipe(remote)
    first = push(gg, remote.driver, database=remote.database, server=remote.server, batch_size=batch_size)
    again = push(gg, remote.driver, database=remote.database, server=remote.server, batch_size=batch_size)
    rows = graph_rows(gg)
    plans = [plan(rows, batch_size=batch_size, batch_bytes=remote.server.batch_bytes, relabel=r) for r in (False, True)]
    assert [first.statements, again.statements] == [len(p) for p in plans]
    assert sum(s.prepares for s in plans[1]) == (12 if batch_size == 1 else 3)  # per Action, or per RAG label
    assert action_labels(remote) == {f"r/act/{i}": [sorted(["Action", RAG_LABELS[("RED", "GREEN", "AMBER")[i % 3]]])]
                                     for i in range(12)}


def test_an_action_without_a_rag_label_gets_one_without_a_duplicate(remote: Remote) -> None:
    wipe(remote)
    with remote.driver.session(database=remote.database) as s:  # as an older push left it
        s.run("CREATE (:Action {id: 'r/act/0', ref: '0'}), (:Action:Red:Amber {id: 'r/act/1', ref: '1'})").consume()
    push(rag_graph({0: "AMBER", 1: "GREY"}), remote.driver, database=remote.database, server=remote.server)
    assert action_labels(remote) == {"r/act/0": [["Action", "Amber"]], "r/act/1": [["Action", "Grey"]]}


RAGS = ("RED", "AMBER", "GREEN", "BLUE", "GREY")
OPTIONAL = ({}, {"progress": "on track"}, {"resources": "two officers", "monitoring": "monthly"},
            {"progress": "late, it's \\ blocked", "success_indicator": "audit passed"})
"""Which optional Action fields a row has: four property-name sets, as loader output mixes them."""


def optional_graph(docs: int = 3, per: int = 2, progress: bool = False) -> GovGraph:
    """Actions of every RAG status in `docs` documents, each combination of optional fields `per`
    times; `progress=True` gives every action a progress note (an earlier version of the plans)."""
    gg = GovGraph()
    for d in range(docs):
        rec = gg.add_node(Recommendation(id=f"d{d}/rec/1", ref="1", source_file=f"d{d}.txt", source_line=1))
        n = 0
        for rag in RAGS:
            for extra in OPTIONAL:
                for _ in range(per):
                    fields = {**extra, **({"progress": f"earlier note {n}"} if progress else {})}
                    a = gg.add_node(Action(id=f"d{d}/act/{n:03d}", ref=str(n), text=f"action {n} of d{d}", rag=rag,
                                           name=f"action {n} of d{d}",
                                           source_file=f"d{d}.txt", source_line=n + 2, **fields))
                    gg.add_edge(Edge(source=a, target=rec, type="ADDRESSES", source_file=f"d{d}.txt",
                                     source_line=n + 2, **({"quote": f"q {n}"} if n % 3 else {})))
                    n += 1
    return gg


def test_a_group_with_optional_properties_writes_exactly_the_reference_graph(
        remote: Remote, monkeypatch: pytest.MonkeyPatch) -> None:
    gg = optional_graph()
    statements = plan(graph_rows(gg), batch_size=500, batch_bytes=SMALL_BATCH_BYTES)
    red = [s for s in statements if s.what == ":Action:Red"]
    assert red and all("n += row[" in s.text for s in red)  # one group for the four name sets
    assert sum(s.rows for s in red) == 3 * len(OPTIONAL) * 2
    maps = [v for s in red for r in s.params["rows"] for v in r if isinstance(v, dict)]
    assert {tuple(sorted(m)) for m in maps} == {(), ("progress",), ("monitoring", "resources"),
                                                ("progress", "successIndicator")}
    col = red[0].text.split("n.`text` = ")[1].split(",")[0]
    assert all(f"n.`name` = {col}," in s.text for s in red)  # name is text in every row: sent once
    assert all(r.count("action 0 of d0") <= 1 for s in red for r in map(str, s.params["rows"]))
    differ = [batching.Element(["x"], {"name": t, "text": "a"}, []) for t in ("a", "a", "b")]
    assert batching.same_columns(differ[:2], ["name", "text"]) == {"text": "name"}
    assert batching.same_columns(differ, ["name", "text"]) == {}
    snaps = []
    for compact in (True, False):
        with monkeypatch.context() as m:
            m.setattr("govgraph.neo4j.push.plan", functools.partial(plan, compact=compact))
            load(remote, gg)
            snaps.append(snapshot(remote))
            # over an earlier push where every action had a progress note: a row without one leaves it
            load(remote, optional_graph(progress=True))
            push(gg, remote.driver, database=remote.database, server=remote.server)
            snaps.append(snapshot(remote))
    assert snaps[0] == snaps[2] and snaps[1] == snaps[3]
    assert len(snaps[0][0]) == len(gg) and len(snaps[0][1]) == gg.g.number_of_edges()
    kept = {n["id"]: n.get("progress") for n in snaps[1][0] if "Action" in n["labels"]}
    assert kept["d0/act/000"] == "earlier note 0" and kept["d0/act/002"] == "on track"
    assert not any("progress" in n for n in snaps[0][0] if n["id"] == "d0/act/000")


def test_fewer_statements_than_one_group_per_property_set_and_pre_step_per_merge() -> None:
    """The planner before grouped rows by (shape, tags, property names) and gave every Action MERGE
    its own pre-step: on this graph that is at least `before` statements, however large the limit."""
    gg = optional_graph(docs=4)
    rows = graph_rows(gg)
    groups = {(r.label, r.rag_label, tuple(r.docs), tuple(sorted(r.props))) for r in rows.nodes}
    groups |= {(r.type, r.source_label, r.target_label, tuple(r.docs), tuple(sorted(r.props))) for r in rows.rels}
    action_groups = sum(1 for g in groups if g[0] == "Action")
    before = len(groups) + action_groups
    statements = plan(rows, batch_size=500, batch_bytes=SMALL_BATCH_BYTES)
    assert sum(s.count for s in statements) == len(rows.nodes) + len(rows.rels)
    assert all(s.size <= SMALL_BATCH_BYTES for s in statements)
    # now: per shape, the document groups' part-filled statements share statements, and each RAG
    # label has one pre-step for the (single) transaction; the bytes, not the groups, set the count
    shapes = {(r.label, r.rag_label) for r in rows.nodes} | {(r.type, r.source_label) for r in rows.rels}
    payload = sum(s.size for s in statements if not s.prepares)
    assert len(statements) <= len(shapes) + payload // (SMALL_BATCH_BYTES // 2) + len(RAGS) < before // 2
    assert sum(s.prepares for s in statements) == len(RAGS)
