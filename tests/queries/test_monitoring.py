"""Issue 13: one meaning of "monitored", shared by every question, diagram and pack.

The graph: plan A is monitored as a whole by the Executive, which also names action b/2 of plan B;
the QA Sub Group (part of the Executive) names b/1; the Lead Member (a post) monitors plan B;
action a/9 addresses nothing, so no plan reaches it.
"""
from __future__ import annotations

import pytest
from graphs import QG

from govgraph.model.graph import GovGraph
from govgraph.queries.accountability import accountability
from govgraph.queries.blockers import blockers
from govgraph.queries.gaps import gaps
from govgraph.queries.monitoring import action_watchers, board_parts, monitored_actions, watchers_of
from govgraph.queries.rollup import rollup
from govgraph.viz.accountability import remit


def monitoring_graph() -> GovGraph:
    q = QG()
    pa, pb = q.plan("a", "Plan A"), q.plan("b", "Plan B")
    ra, rb = q.rec("1", key="a"), q.rec("1", key="b")
    q.link(pa, "HAS_RECOMMENDATION", ra).link(pb, "HAS_RECOMMENDATION", rb)
    a1, a2 = q.act("1", "RED", key="a"), q.act("2", "AMBER", key="a")
    b1, b2 = q.act("1", "RED", key="b"), q.act("2", "GREEN", key="b")
    loose = q.act("9", "RED", key="a")
    for a in (a1, a2):
        q.link(a, "ADDRESSES", ra)
    for b in (b1, b2):
        q.link(b, "ADDRESSES", rb)
    ex, qa = q.board("Executive"), q.board("QA Sub Group")
    member = q.role("Lead Member")
    q.link(qa, "PART_OF", ex)
    q.link(ex, "MONITORS", pa).link(ex, "MONITORS", b2).link(ex, "MONITORS", a1)
    q.link(qa, "MONITORS", b1).link(member, "MONITORS", pb)
    assert loose  # in no plan's recommendations and named by nobody
    return q.gg


@pytest.mark.parametrize("watcher, with_parts, expected", [
    # a/1 is named and in the monitored plan: direct wins; a/2 only through plan A; b/2 named
    ("board/executive", False, {"a/act/1": "direct", "a/act/2": "plan", "b/act/2": "direct"}),
    # the sub-group's b/1 joins with parts
    ("board/executive", True, {"a/act/1": "direct", "a/act/2": "plan", "b/act/2": "direct", "b/act/1": "direct"}),
    ("board/qa-sub-group", True, {"b/act/1": "direct"}),
    # a post monitors like a board
    ("role/lead-member", False, {"b/act/1": "plan", "b/act/2": "plan"}),
])
def test_monitored_actions(watcher: str, with_parts: bool, expected: dict[str, str]) -> None:
    assert monitored_actions(monitoring_graph(), watcher, with_parts) == expected


def test_whole_graph_view_agrees_with_per_watcher_and_per_action_views() -> None:
    gg = monitoring_graph()
    every = action_watchers(gg)
    for w in ("board/executive", "board/qa-sub-group", "role/lead-member"):
        assert {a for a, ws in every.items() if w in ws} == set(monitored_actions(gg, w))
    for a in gg.ids("Action"):
        assert watchers_of(gg, a) == every.get(a, {})
    assert "a/act/9" not in every
    assert board_parts(gg, "board/executive") == ["board/qa-sub-group"]


def test_every_view_uses_the_one_definition() -> None:
    """The questions that say what a board watches all count plan A's actions for the Executive."""
    gg = monitoring_graph()
    watched = set(monitored_actions(gg, "board/executive"))
    reds = {b.action.id for i in blockers(gg, board="Executive").items for b in i.blocked_by}
    assert reds == {a for a in watched if gg.node(a)["rag"] == "RED"} == {"a/act/1"}
    assert {b.action.id for i in blockers(gg, board="Executive", with_parts=True).items
            for b in i.blocked_by} == {"a/act/1", "b/act/1"}
    acc = accountability(gg, "Executive")
    assert {a.action.id for g in acc.groups for a in g.actions} == watched
    assert [p.name for p in acc.plans] == ["Plan A"]
    by_board = {g.group.name if g.group else None: g.total for g in rollup(gg, "board").groups}
    # by board: posts make no group, so the (none) group is a/9 alone
    assert by_board == {"Executive": 3, "QA Sub Group": 1, None: 1}
    assert set(remit(gg, board="Executive", with_parts=True).actions()) == watched | {"b/act/1"}
    # gaps: only a/9 is watched by nobody (b/1 and b/2 by the Lead Member through plan B)
    assert [a.id for a in gaps(gg).actions_without_board] == ["a/act/9"]
