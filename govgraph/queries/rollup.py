"""RAG counts and the worst status per group, so a board sees where the red is concentrated.

An action counts once in every group it belongs to (joint leads, several monitoring boards), and in
a `(none)` group when it belongs to none, so every action is counted somewhere.
Workstreams are found through DELIVERED_BY then PART_OF (work package -> project -> workstream).
By board, an action counts for every board monitoring it, directly or through its plan
(`govgraph.queries.monitoring`); posts that monitor are not boards and do not make a group.
"""
from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.model.nodes import RAG_ORDER
from govgraph.queries.base import NodeRef, Refs, build, in_k, label_of, natural_key, out_k, rag_of
from govgraph.queries.monitoring import action_watchers
from govgraph.queries.spec import Arg, Case, QuerySpec, every, lazy

if TYPE_CHECKING:
    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph

By = Literal["recommendation", "lead", "board", "workstream", "plan"]
BY_VALUES: tuple[str, ...] = ("recommendation", "lead", "board", "workstream", "plan")


class RollupGroup(BaseModel):
    group: NodeRef | None
    """None is the `(none)` group: actions with no recommendation/lead/board/... at all."""
    counts: dict[str, int]
    total: int
    worst: str


class RollupResult(BaseModel):
    by: By
    groups: list[RollupGroup]


def _workstreams(gg: GovGraph, action: str) -> set[str]:
    found, seen = set(), set()
    frontier = [t for t, _ in out_k(gg, action, "DELIVERED_BY")]
    while frontier:
        cur = frontier.pop()
        if cur in seen:
            continue
        seen.add(cur)
        if label_of(gg, cur) == "Workstream":
            found.add(cur)
        else:
            frontier.extend(t for t, _ in out_k(gg, cur, "PART_OF"))
    return found


def _plans(gg: GovGraph, action: str) -> set[str]:
    return {p for r, _ in out_k(gg, action, "ADDRESSES") for p, _ in in_k(gg, r, "HAS_RECOMMENDATION")}


def _board_grouper(gg: GovGraph) -> Callable[[str], Collection[str]]:
    """The boards monitoring each action (directly or through its plan), worked out once for the graph."""
    nodes = gg.attrs
    boards = {a: [w for w in ws if nodes[w].get("label") == "Board"] for a, ws in action_watchers(gg).items()}
    return lambda a: boards.get(a, ())


_GROUPERS: dict[str, Callable[[GovGraph], Callable[[str], Collection[str]]]] = {
    "recommendation": lambda gg: lambda a: gg.targets(a, "ADDRESSES"),  # neighbours are unique already
    "lead": lambda gg: lambda a: gg.sources(a, "LEADS"),
    "board": _board_grouper,
    "workstream": lambda gg: lambda a: _workstreams(gg, a),
    "plan": lambda gg: lambda a: _plans(gg, a),
}
"""Per `by`: given the graph, the function from an action to its groups."""


@collector_paused
def rollup(gg: GovGraph, by: By = "recommendation") -> RollupResult:
    """RAG counts per group, worst group first.

    >>> from govgraph.queries._example import demo_graph
    >>> res = rollup(demo_graph(), "lead")
    >>> [(g.group.name if g.group else None, g.worst, g.total) for g in res.groups]
    [('Head of Fieldwork', 'RED', 2), ('Head of LAC', 'AMBER', 1), (None, 'GREEN', 1)]
    """
    if by not in _GROUPERS:
        raise ValueError(f"rollup by {by!r}: choose one of {', '.join(BY_VALUES)}")
    refs = Refs(gg)
    grouper, nodes = _GROUPERS[by](gg), gg.attrs
    buckets: dict[str | None, list[str]] = {}
    for nid in gg.ids_by_label("Action")["Action"]:
        rag = rag_of(nodes[nid])
        for key in grouper(nid) or (None,):
            rags = buckets.get(key)
            if rags is None:
                buckets[key] = [rag]
            else:
                rags.append(rag)
    groups = []
    for key, rags in buckets.items():
        counts = dict.fromkeys(RAG_ORDER, 0)
        for rag in rags:
            counts[rag] += 1
        groups.append(build(RollupGroup, group=refs(key) if key else None, counts=counts, total=len(rags),
                            worst=min(rags, key=RAG_ORDER.__getitem__)))
    return rollup_result(by, groups)


def rollup_result(by: By, groups: list[RollupGroup]) -> RollupResult:
    """Worst status first, then the most items at that status; shared with the Cypher twin."""
    groups.sort(key=lambda g: (RAG_ORDER[g.worst], g.group is None, -g.counts[g.worst],
                               natural_key(g.group.name if g.group else ""), g.group.id if g.group else ""))
    return RollupResult(by=by, groups=groups)


def render(result: RollupResult, view: View) -> None:
    """One row per group, worst first, a column per status."""
    from govgraph.cli import tables as tb
    from govgraph.model.nodes import rag_word

    table = view.table(f"RAG by {result.by}", result.by.capitalize(), "Worst", *map(rag_word, RAG_ORDER), "Total")
    for g in result.groups:
        if table.skip():
            continue
        table.add(tb.t(view.name(g.group)), tb.rag(g.worst), *(tb.t(g.counts.get(r, 0) or "") for r in RAG_ORDER),
                  tb.t(g.total))
    table.print(tb.console())


SPEC = QuerySpec(
    "rollup", "RAG counts and the worst status per group, worst first.",
    rollup, RollupResult, render, "rollup.cypher", (),
    twin=lazy("govgraph.neo4j.twins", "rollup"), example="rollup --by lead --json",
    cases=every(*(Case((by,)) for by in BY_VALUES)), sources=False,
    args=(Arg("by", str, "recommendation", ("--by",), "How to group.", choices=BY_VALUES),))
