"""`rollup` (issue 3): RAG counts and the worst status per group, worst first."""
from __future__ import annotations

import pytest
from graphs import delivery_graph

from govgraph.model.nodes import RAG_ORDER
from govgraph.queries.rollup import rollup


def rows(res):  # type: ignore[no-untyped-def]
    return [(g.group.name if g.group else None, g.worst, g.total) for g in res.groups]


@pytest.mark.parametrize("by, expected", [
    # 2 is led jointly, so it counts for both leads; 4 has no lead
    ("lead", [("Head of Fieldwork", "RED", 2), ("Head of LAC", "AMBER", 2), (None, "GREY", 1), ("KP", "UNKNOWN", 1)]),
    ("recommendation", [("Recommendation 17: Area 17", "RED", 2), (None, "GREY", 2),
                        ("Recommendation 18: Area 18", "GREEN", 1)]),
    # Exec names 1 and 3 and monitors plan p, which holds 2 as well (issue 13): 4 and 5 are in no plan
    ("board", [("Exec", "RED", 3), (None, "GREY", 2)]),
    # 1 via work package -> project -> workstream, 3 via project -> workstream
    ("workstream", [("Practice", "RED", 2), (None, "AMBER", 3)]),
    ("plan", [("Plan p", "RED", 3), (None, "GREY", 2)]),
])
def test_rollup(by, expected):  # type: ignore[no-untyped-def]
    assert rows(rollup(delivery_graph(), by)) == expected


def test_counts_have_every_status() -> None:
    g = rollup(delivery_graph(), "lead").groups[1]
    assert list(g.counts) == list(RAG_ORDER)
    assert g.counts == {"RED": 0, "AMBER": 1, "GREY": 0, "UNKNOWN": 0, "GREEN": 1, "BLUE": 0}


def test_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="choose one of"):
        rollup(delivery_graph(), "colour")  # type: ignore[arg-type]
