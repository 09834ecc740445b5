from __future__ import annotations

import json

from govgraph.model.graph import GovGraph
from govgraph.queries.stats import DocumentStats, Stats, graph_stats


def test_empty_graph() -> None:
    assert graph_stats(GovGraph()) == Stats()


def test_counts_by_label_type_and_document(builder) -> None:
    builder.clean_action("1.1", doc="a.txt")  # Action, Role, Recommendation 1; LEADS, ADDRESSES
    builder.clean_action("1.2", doc="a.txt")  # Action; LEADS, ADDRESSES (role and rec 1 shared)
    builder.clean_action("2.1", doc="b.txt")  # Action, Recommendation 2 (b); role shared across documents
    builder.graph.warn("b.txt", 4, "stray text")
    builder.graph.warn("b.txt", 9, "odd row")
    builder.graph.warn("a.txt", None, "no date", rule="no-date")

    s = graph_stats(builder.graph)
    assert s.nodes == {"Action": 3, "Recommendation": 2, "Role": 1}
    assert s.node_total == 6
    assert s.relationships == {"ADDRESSES": 3, "LEADS": 3}
    assert s.relationship_total == 6
    assert s.warnings == 3
    assert s.documents == [
        DocumentStats(source_file="a.txt", nodes={"Action": 2, "Recommendation": 1, "Role": 1}, node_total=4,
                      edges=4, warnings=1),
        # the role came first from a.txt, and is counted for b.txt too because b.txt names it
        DocumentStats(source_file="b.txt", nodes={"Action": 1, "Recommendation": 1, "Role": 1}, node_total=3,
                      edges=2, warnings=2),
    ]


def test_keys_are_sorted(builder) -> None:
    builder.rec("9", doc="z.txt")
    builder.role("Head of Service", doc="m.txt")
    builder.clean_action("1.1", doc="c.txt")
    s = graph_stats(builder.graph)
    assert list(s.nodes) == sorted(s.nodes)
    assert list(s.relationships) == sorted(s.relationships)
    assert [d.source_file for d in s.documents] == ["c.txt", "m.txt", "z.txt"]
    for d in s.documents:
        assert list(d.nodes) == sorted(d.nodes)


def test_edge_seen_again_in_another_document_counts_there_too(builder) -> None:
    aid = builder.action("1.1", doc="a.txt")
    rid = builder.rec("1", doc="a.txt")
    builder.graph.node(rid)["sources"].append("b.txt")
    builder.edge(aid, rid, "ADDRESSES", doc="a.txt", line=3)
    builder.edge(aid, rid, "ADDRESSES", doc="b.txt", line=8)  # kept as also_from "b.txt:8"
    s = graph_stats(builder.graph)
    assert s.relationships == {"ADDRESSES": 1}
    assert {d.source_file: d.edges for d in s.documents} == {"a.txt": 1, "b.txt": 1}


def test_warning_only_document_is_listed(builder) -> None:
    builder.graph.warn("empty.txt", None, "no table found", rule="unknown-layout")
    s = graph_stats(builder.graph)
    assert s.documents == [DocumentStats(source_file="empty.txt", warnings=1)]
    assert s.warnings == 1


def test_same_after_save_and_load_and_serialises(builder, tmp_path) -> None:
    builder.clean_action("1.1")
    builder.clean_action("2.1", doc="other.txt")
    path = tmp_path / "g.json"
    builder.graph.save(path)
    s = graph_stats(GovGraph.load(path))
    assert s == graph_stats(builder.graph)
    data = json.loads(s.model_dump_json())
    assert data["nodes"]["Action"] == 2
    assert [d["source_file"] for d in data["documents"]] == ["other.txt", "plan.txt"]
