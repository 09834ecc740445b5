"""`impact` (issue 3): what is downstream of a node that slips, with depth and path."""
from __future__ import annotations

import pytest
from graphs import QG, blockers_graph, delivery_graph

from govgraph.queries.impact import impact


def found(res):  # type: ignore[no-untyped-def]
    return {i.node.id: i.depth for i in res.items}


@pytest.mark.parametrize("graph, start, depth, expected", [
    # RED 1: 2 shares its work package, 3 and 9 depend on it, it addresses 17, Exec monitors it
    (blockers_graph, "p/act/1", 1, {"p/act/2": 1, "p/act/3": 1, "p/act/9": 1, "p/rec/17": 1, "board/exec": 1}),
    # ...then 4 (on 3) and 8 (on 9, a cycle back to 9 is not followed twice), their areas, plan p
    (blockers_graph, "p/act/1", 2, {"p/act/2": 1, "p/act/3": 1, "p/act/9": 1, "p/rec/17": 1, "board/exec": 1,
                                    "p/act/4": 2, "p/act/8": 2, "p/rec/18": 2, "p/rec/23": 2, "p/plan": 2}),
    # a role starts from the actions it leads; 7 shares project WS2P2 with 6
    (blockers_graph, "Head of LAC", None, {"p/act/6": 1, "p/act/7": 2, "p/rec/31": 2, "p/rec/40": 3,
                                           "p/plan": 3, "q/plan": 4}),
    # a work package starts from the actions it delivers
    (blockers_graph, "WS1P1WP1", 1, {"p/act/1": 1, "p/act/2": 1}),
    # a project: its own actions and its work packages' actions (PART_OF reversed)
    (delivery_graph, "project/ws1p1", 2, {"p/act/3": 1, "wp/ws1p1wp1": 1, "p/act/1": 2, "p/rec/18": 2,
                                          "board/exec": 2}),
    # a board: what it monitors
    (delivery_graph, "board/exec", 1, {"p/act/1": 1, "p/act/3": 1, "p/plan": 1}),
])
def test_downstream(graph, start, depth, expected):  # type: ignore[no-untyped-def]
    assert found(impact(graph(), start, depth=depth)) == expected


def test_boards_reached_are_not_followed() -> None:
    # Exec monitors 1 and 3; slipping 1 reaches Exec but does not make 3 (Exec's other action) slip
    ids = found(impact(delivery_graph(), "p/act/1"))
    assert "board/exec" in ids and "p/act/3" not in ids


def test_paths_are_shortest_and_sourced() -> None:
    res = {i.node.id: i for i in impact(blockers_graph(), "p/act/1").items}
    assert [s.to_node.id for s in res["p/rec/26"].path] == ["p/act/3", "p/act/4", "p/rec/26"]
    assert res["p/rec/26"].depth == 3
    # a shared work package counts as one hop but shows both links
    assert [(s.type, s.forward) for s in res["p/act/2"].path] == [("DELIVERED_BY", True), ("DELIVERED_BY", False)]
    assert all(s.source.source_line for s in res["q/plan"].path)


def test_refers_to_is_followed_backwards() -> None:
    # "The response is as in recommendation 2": if 2's action slips, 3 is affected too
    q = QG()
    r2, r3, a = q.rec("2"), q.rec("3"), q.act("1", "AMBER")
    q.link(a, "ADDRESSES", r2).link(r3, "REFERS_TO", r2)
    assert found(impact(q.gg, "p/act/1")) == {"p/rec/2": 1, "p/rec/3": 2}


def test_counts_and_start() -> None:
    res = impact(delivery_graph(), "board/exec", depth=1)
    assert res.start.id == "board/exec" and res.max_depth == 1
    assert res.counts == {"Action": 2, "Plan": 1}


def test_nothing_downstream() -> None:
    # an area for improvement reaches its plan and the board monitoring the plan
    res = impact(delivery_graph(), "p/rec/19")
    assert [(i.node.id, i.depth) for i in res.items] == [("p/plan", 1), ("board/exec", 2)]
    assert impact(delivery_graph(), "Chair of Exec").items == []
