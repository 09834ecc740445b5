"""`path` (issue 3): the shortest connection in the undirected view, each link with its direction."""
from __future__ import annotations

import pytest
from graphs import delivery_graph, governance_graph

from govgraph.errors import AmbiguousNode
from govgraph.queries.path import path


@pytest.mark.parametrize("graph, a, b, expected", [
    (delivery_graph, "Head of LAC", "Chair of Exec",
     [("LEADS", True), ("MONITORS", False), ("CHAIRS", False)]),
    # two equally short ways (shared recommendation, shared lead): neighbours in id order decide
    (delivery_graph, "p/act/1", "p/act/2", [("ADDRESSES", True), ("ADDRESSES", False)]),
    (governance_graph, "QA Sub Group", "Chief Executive",
     [("PART_OF", True), ("CHAIRS", False), ("ESCALATES_TO", True), ("REPORTS_TO", True)]),
    (governance_graph, "Forum", "Forum", []),
])
def test_path(graph, a, b, expected):  # type: ignore[no-untyped-def]
    res = path(graph(), a, b)
    assert res.found
    assert [(s.type, s.forward) for s in res.steps] == expected


def test_steps_chain_and_carry_sources() -> None:
    res = path(delivery_graph(), "Head of LAC", "Chair of Exec")
    assert [s.from_node.name for s in res.steps] == ["Head of LAC", "Action 3: Do 3", "Exec"]
    assert [s.to_node.name for s in res.steps] == ["Action 3: Do 3", "Exec", "Chair of Exec"]
    assert all(s.source.source_file == "p.txt" for s in res.steps)


def test_no_connection() -> None:
    res = path(governance_graph(), "Forum", "QA Sub Group")
    assert not res.found and res.steps == []


def test_ambiguous_endpoint() -> None:
    with pytest.raises(AmbiguousNode):
        path(delivery_graph(), "head", "Exec")
