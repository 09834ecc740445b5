"""Which recommendations are held up by a RED action, and why (the reason is a path).

A RED action blocks the recommendations it ADDRESSES; the recommendations of actions that DEPENDS_ON
it, transitively; and the recommendations of the other actions DELIVERED_BY the same work package or
project, because a stalled package stalls everything it carries. Filters apply to the RED action:
`board` must MONITOR it, `lead` must LEAD it; `plan` keeps the recommendations that plan holds.
"""
from __future__ import annotations

from collections import deque
from typing import Literal

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.model.graph import GovGraph
from govgraph.queries.base import NodeRef, Refs, Step, build, reading_order, ref_sort_key, sort_refs
from govgraph.queries.monitoring import WATCHERS, monitored_actions
from govgraph.queries.resolve import resolve

Via = Literal["addresses", "depends_on", "shared_work_package", "shared_project"]
_VIA_ORDER: dict[str, int] = {"addresses": 0, "depends_on": 1, "shared_work_package": 2, "shared_project": 3}


class Blocker(BaseModel):
    """One RED action and the path from it to the blocked recommendation."""

    action: NodeRef
    via: Via
    path: list[Step]


class BlockedRecommendation(BaseModel):
    recommendation: NodeRef
    plans: list[NodeRef]
    blocked_by: list[Blocker]


class BlockersResult(BaseModel):
    red_actions: int
    """RED actions considered (after the board and lead filters)."""
    items: list[BlockedRecommendation]


@collector_paused
def blockers(gg: GovGraph, plan: str | None = None, board: str | None = None,
             lead: str | None = None, with_parts: bool = False) -> BlockersResult:
    """Every recommendation blocked by a RED action, grouped by recommendation.

    >>> from govgraph.queries._example import demo_graph
    >>> res = blockers(demo_graph())
    >>> [(i.recommendation.ref, i.blocked_by[0].via) for i in res.items]
    [('17', 'addresses'), ('18', 'shared_work_package'), ('23', 'depends_on')]
    """
    refs = Refs(gg)
    plan_id = resolve(gg, plan, ["Plan"]) if plan else None
    board_id = resolve(gg, board, list(WATCHERS)) if board else None
    lead_id = resolve(gg, lead, ["Role", "Person"]) if lead else None
    nodes = gg.g._node
    reds = sorted(nid for nid in gg.ids_by_label("Action")["Action"] if nodes[nid].get("rag") == "RED")
    if board_id:
        watched = monitored_actions(gg, board_id, with_parts)
        reds = [a for a in reds if a in watched]
    if lead_id:
        reds = [a for a in reds if lead_id in gg.sources(a, "LEADS")]
    plan_recs = set(gg.targets(plan_id, "HAS_RECOMMENDATION")) if plan_id else None

    # rec -> red -> (via, walk, links): the best reason so far; models are built for winners only
    found: dict[str, dict[str, tuple[Via, list[str], list[tuple[str, bool]]]]] = {}

    def note(red: str, rec: str, via: Via, path: list[str], rels: list[tuple[str, bool]]) -> None:
        if plan_recs is not None and rec not in plan_recs:
            return
        have = found.setdefault(rec, {}).get(red)
        if have is not None and (_VIA_ORDER[have[0]], len(have[2])) <= (_VIA_ORDER[via], len(rels)):
            return
        found[rec][red] = (via, path, rels)

    for red in reds:
        for rec in gg.targets(red, "ADDRESSES"):
            note(red, rec, "addresses", [red, rec], [("ADDRESSES", True)])
        # actions depending on the RED one, transitively (breadth first: shortest reason)
        seen, queue = {red}, deque([(red, [red], [])])
        while queue:
            cur, path, rels = queue.popleft()
            for dep in gg.sources(cur, "DEPENDS_ON"):
                if dep in seen:
                    continue
                seen.add(dep)
                p2, r2 = path + [dep], rels + [("DEPENDS_ON", False)]
                for rec in gg.targets(dep, "ADDRESSES"):
                    note(red, rec, "depends_on", p2 + [rec], r2 + [("ADDRESSES", True)])
                queue.append((dep, p2, r2))
        for box in gg.targets(red, "DELIVERED_BY"):
            via: Via = "shared_project" if nodes[box].get("label") == "Project" else "shared_work_package"
            for other in gg.sources(box, "DELIVERED_BY"):
                if other == red:
                    continue
                for rec in gg.targets(other, "ADDRESSES"):
                    note(red, rec, via, [red, box, other, rec],
                         [("DELIVERED_BY", True), ("DELIVERED_BY", False), ("ADDRESSES", True)])

    def blocker(red: str, via: Via, path: list[str], rels: list[tuple[str, bool]]) -> Blocker:
        steps = [refs.step(path[i], path[i + 1], rel, fwd) for i, (rel, fwd) in enumerate(rels)]
        return build(Blocker, action=refs(red), via=via, path=steps)

    items = []
    for rec, by in found.items():
        ordered = sorted(by, key=lambda red: (_VIA_ORDER[by[red][0]], ref_sort_key(refs(red))))
        items.append(build(BlockedRecommendation, recommendation=refs(rec),
                           plans=sort_refs(refs(p) for p in gg.sources(rec, "HAS_RECOMMENDATION")),
                           blocked_by=[blocker(red, *by[red]) for red in ordered]))
    items = [items[i] for i in reading_order([i.recommendation for i in items])]
    return BlockersResult(red_actions=len(reds), items=items)
