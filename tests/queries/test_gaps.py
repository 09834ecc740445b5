"""`gaps` (issue 3): no actions, no lead, no monitoring board, no route upward."""
from __future__ import annotations

from graphs import QG, delivery_graph, governance_graph

from govgraph.queries.gaps import gaps


def test_delivery_gaps() -> None:
    res = gaps(delivery_graph())
    assert [r.ref for r in res.recommendations_without_actions] == ["19"]
    assert [a.ref for a in res.actions_without_lead] == ["4"]
    # 1, 2, 3 are covered by Exec monitoring plan p; 4 and 5 address nothing in a monitored plan
    assert [a.ref for a in res.actions_without_board] == ["4", "5"]
    # Exec's chair escalates nowhere
    assert [b.name for b in res.boards_without_route_up] == ["Exec"]
    assert res.total == 5


def test_boards_without_route_up() -> None:
    # SCB has no link out, but its chair escalates; Panels A/B loop, which is still a route
    assert [b.name for b in gaps(governance_graph()).boards_without_route_up] == ["Forum"]


def test_plan_monitoring_needs_a_board() -> None:
    q = QG()
    p, r, a = q.plan("p"), q.rec("1"), q.act("1")
    q.link(p, "HAS_RECOMMENDATION", r).link(a, "ADDRESSES", r)
    assert [x.ref for x in gaps(q.gg).actions_without_board] == ["1"]
    q.link(q.board("Exec"), "MONITORS", p)
    assert gaps(q.gg).actions_without_board == []


def test_empty_graph() -> None:
    assert gaps(QG().gg).total == 0
