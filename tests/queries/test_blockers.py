"""`blockers` (issue 3): which recommendations a RED action holds up, and the path that says why."""
from __future__ import annotations

import pytest
from graphs import QG, blockers_graph, copies_graph
from scaling import FACTOR, count_calls

from govgraph.errors import UnknownNode
from govgraph.model.graph import GovGraph
from govgraph.queries.blockers import blockers


def summary(res):  # type: ignore[no-untyped-def]
    return {i.recommendation.ref: {(b.action.ref, b.via) for b in i.blocked_by} for i in res.items}


ALL = {
    "17": {("1", "addresses")},                              # RED 1 addresses it
    "18": {("1", "shared_work_package")},                    # 2 shares WS1P1WP1 with RED 1
    "23": {("1", "depends_on")},                             # 3 depends on RED 1
    "26": {("1", "depends_on")},                             # 4 depends on 3, transitively on 1
    "31": {("5", "addresses"), ("6", "addresses")},          # two RED actions, one group
    "40": {("6", "shared_project")},                         # 7 shares project WS2P2 with RED 6
    "44": {("1", "depends_on")},                             # 8 <-> 9 cycle, 9 depends on 1
}


@pytest.mark.parametrize("filters, expected", [
    ({}, ALL),
    ({"plan": "q"}, {k: ALL[k] for k in ("40", "44")}),               # recommendations of plan q
    ({"plan": "Plan q"}, {k: ALL[k] for k in ("40", "44")}),          # ...by name
    ({"board": "Exec"}, {k: ALL[k] for k in ("17", "18", "23", "26", "44")}),  # Exec monitors RED 1
    ({"lead": "head of lac"}, {"31": {("6", "addresses")}, "40": ALL["40"]}),   # LAC leads RED 6
    ({"lead": "head of lac", "plan": "q"}, {"40": ALL["40"]}),       # filters combine
])
def test_blocked_recommendations(filters, expected):  # type: ignore[no-untyped-def]
    assert summary(blockers(blockers_graph(), **filters)) == expected


def test_items_in_reading_order_and_green_blocks_nothing() -> None:
    res = blockers(blockers_graph())
    assert [i.recommendation.ref for i in res.items] == ["17", "18", "23", "26", "31", "40", "44"]
    assert res.red_actions == 3


def test_reason_is_a_path() -> None:
    res = {i.recommendation.ref: i for i in blockers(blockers_graph()).items}
    assert [s.text() for s in res["26"].blocked_by[0].path] == [
        "Action 1: Do 1 <-[DEPENDS_ON]- Action 3: Do 3",
        "Action 3: Do 3 <-[DEPENDS_ON]- Action 4: Do 4",
        "Action 4: Do 4 -[ADDRESSES]-> Recommendation 26: Area 26",
    ]
    shared = res["18"].blocked_by[0].path
    assert [(s.type, s.forward) for s in shared] == [("DELIVERED_BY", True), ("DELIVERED_BY", False),
                                                     ("ADDRESSES", True)]
    assert shared[0].source.source_file == "p.txt" and shared[0].source.source_line
    assert [p.id for p in res["40"].plans] == ["q/plan"]


def test_direct_reason_preferred_over_indirect() -> None:
    q = QG()
    r, wp = q.rec("1"), q.wp("WP1")
    red, other = q.act("1", "RED"), q.act("2", "GREEN")
    q.link(red, "ADDRESSES", r).link(other, "ADDRESSES", r)
    q.link(red, "DELIVERED_BY", wp).link(other, "DELIVERED_BY", wp)
    (item,) = blockers(q.gg).items
    assert [(b.action.ref, b.via, len(b.path)) for b in item.blocked_by] == [("1", "addresses", 1)]


def test_no_red_actions() -> None:
    q = QG()
    q.link(q.act("1", "AMBER"), "ADDRESSES", q.rec("1"))
    assert blockers(q.gg).items == []


def test_unknown_filter() -> None:
    with pytest.raises(UnknownNode):
        blockers(blockers_graph(), board="Nonexistent Board")


GRAPH_READS = ["node", "out_keys", "in_keys", "targets", "sources", "ids_by_label", "nodes", "ids", "edges",
               "out", "into"]


def test_graph_reads_grow_with_the_graph_not_its_square(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed (issue 13): FACTOR disjoint copies of a programme cost at most FACTOR times one
    copy's graph reads (plus a little); a RED action that scanned every action would cost FACTOR ** 2."""
    one, many = copies_graph(1), copies_graph(FACTOR)
    assert len(many) == FACTOR * len(one)  # disjoint: no node shared between copies
    calls = count_calls(monkeypatch, GovGraph, GRAPH_READS)
    res_one = blockers(one)
    reads_one = sum(calls.values())
    calls.clear()
    res_many = blockers(many)
    reads_many = sum(calls.values())
    assert len(res_many.items) == FACTOR * len(res_one.items) > 0
    assert reads_one > 0 and reads_many <= 1.25 * FACTOR * reads_one, (reads_one, reads_many)
