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

from govgraph.model.graph import GovGraph
from govgraph.queries.base import NodeRef, Refs, Step, in_k, label_of, out_k, ref_sort_key
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


def blockers(gg: GovGraph, plan: str | None = None, board: str | None = None,
             lead: str | None = None) -> BlockersResult:
    """Every recommendation blocked by a RED action, grouped by recommendation.

    >>> from govgraph.queries._example import demo_graph
    >>> res = blockers(demo_graph())
    >>> [(i.recommendation.ref, i.blocked_by[0].via) for i in res.items]
    [('17', 'addresses'), ('18', 'shared_work_package'), ('23', 'depends_on')]
    """
    refs = Refs(gg)
    plan_id = resolve(gg, plan, ["Plan"]) if plan else None
    board_id = resolve(gg, board, ["Board"]) if board else None
    lead_id = resolve(gg, lead, ["Role", "Person"]) if lead else None
    reds = sorted(nid for nid, d in gg.nodes("Action") if d.get("rag") == "RED")
    if board_id:
        reds = [a for a in reds if any(s == board_id for s, _ in in_k(gg, a, "MONITORS"))]
    if lead_id:
        reds = [a for a in reds if any(s == lead_id for s, _ in in_k(gg, a, "LEADS"))]
    plan_recs = {t for t, _ in out_k(gg, plan_id, "HAS_RECOMMENDATION")} if plan_id else None

    found: dict[str, dict[str, Blocker]] = {}

    def note(red: str, rec: str, via: Via, path: list[str], rels: list[tuple[str, bool]]) -> None:
        if plan_recs is not None and rec not in plan_recs:
            return
        have = found.setdefault(rec, {}).get(red)
        if have is not None and (_VIA_ORDER[have.via], len(have.path)) <= (_VIA_ORDER[via], len(rels)):
            return
        steps = [refs.step(path[i], path[i + 1], rel, fwd) for i, (rel, fwd) in enumerate(rels)]
        found[rec][red] = Blocker(action=refs(red), via=via, path=steps)

    for red in reds:
        for rec, _ in out_k(gg, red, "ADDRESSES"):
            note(red, rec, "addresses", [red, rec], [("ADDRESSES", True)])
        # actions depending on the RED one, transitively (breadth first: shortest reason)
        seen, queue = {red}, deque([(red, [red], [])])
        while queue:
            cur, path, rels = queue.popleft()
            for dep, _ in in_k(gg, cur, "DEPENDS_ON"):
                if dep in seen:
                    continue
                seen.add(dep)
                p2, r2 = path + [dep], rels + [("DEPENDS_ON", False)]
                for rec, _ in out_k(gg, dep, "ADDRESSES"):
                    note(red, rec, "depends_on", p2 + [rec], r2 + [("ADDRESSES", True)])
                queue.append((dep, p2, r2))
        for box, _ in out_k(gg, red, "DELIVERED_BY"):
            via: Via = "shared_project" if label_of(gg, box) == "Project" else "shared_work_package"
            for other, _ in in_k(gg, box, "DELIVERED_BY"):
                if other == red:
                    continue
                for rec, _ in out_k(gg, other, "ADDRESSES"):
                    note(red, rec, via, [red, box, other, rec],
                         [("DELIVERED_BY", True), ("DELIVERED_BY", False), ("ADDRESSES", True)])

    items = []
    for rec, by in found.items():
        plans = sorted((refs(p) for p, _ in in_k(gg, rec, "HAS_RECOMMENDATION")), key=ref_sort_key)
        ordered = sorted(by.values(), key=lambda b: (_VIA_ORDER[b.via], ref_sort_key(b.action)))
        items.append(BlockedRecommendation(recommendation=refs(rec), plans=plans, blocked_by=ordered))
    items.sort(key=lambda i: ref_sort_key(i.recommendation))
    return BlockersResult(red_actions=len(reds), items=items)
