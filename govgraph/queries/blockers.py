"""Which recommendations are held up by a RED action, and why (the reason is a path).

A RED action blocks the recommendations it ADDRESSES; the recommendations of actions that DEPENDS_ON
it, transitively; and the recommendations of the other actions DELIVERED_BY the same work package or
project, because a stalled package stalls everything it carries. Filters apply to the RED action:
`board` must MONITOR it, `lead` must LEAD it; `plan` keeps the recommendations that plan holds.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.queries.base import NodeRef, Refs, Step, build, reading_order, ref_sort_key, sort_refs
from govgraph.queries.monitoring import WATCHERS, monitored_actions
from govgraph.queries.spec import WITH_PARTS, Case, QuerySpec, Sample, board_arg, lazy, lead_arg, plan_arg

if TYPE_CHECKING:
    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph

Via = Literal["addresses", "depends_on", "shared_work_package", "shared_project"]
VIA_ORDER: dict[str, int] = {"addresses": 0, "depends_on": 1, "shared_work_package": 2, "shared_project": 3}
"""Which reason wins when a RED action blocks a recommendation several ways (shared with the Cypher twin)."""


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
    from govgraph.queries.resolve import resolve

    refs = Refs(gg)
    plan_id = resolve(gg, plan, ["Plan"]) if plan else None
    board_id = resolve(gg, board, list(WATCHERS)) if board else None
    lead_id = resolve(gg, lead, ["Role", "Person"]) if lead else None
    nodes = gg.attrs
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
        if have is not None and (VIA_ORDER[have[0]], len(have[2])) <= (VIA_ORDER[via], len(rels)):
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
        ordered = sorted(by, key=lambda red: (VIA_ORDER[by[red][0]], ref_sort_key(refs(red))))
        items.append(build(BlockedRecommendation, recommendation=refs(rec),
                           plans=sort_refs(refs(p) for p in gg.sources(rec, "HAS_RECOMMENDATION")),
                           blocked_by=[blocker(red, *by[red]) for red in ordered]))
    items = [items[i] for i in reading_order([i.recommendation for i in items])]
    return BlockersResult(red_actions=len(reds), items=items)


def render(result: BlockersResult, view: View) -> None:
    """One row per blocking RED action, the recommendation named on its first row."""
    from govgraph.cli import tables as tb

    table = view.table(f"Recommendations blocked by RED actions ({len(result.items)})",
                       "Recommendation", "Plan", "RED action", "Via", "Path")
    for item in result.items:
        for i, b in enumerate(item.blocked_by):
            if table.skip():
                continue
            table.add(tb.t(view.name(item.recommendation)) if i == 0 else tb.t(""),
                      tb.t(", ".join(p.plan or p.name for p in item.plans)) if i == 0 else tb.t(""),
                      tb.t(view.name(b.action)), tb.t(b.via.replace("_", " ")), view.path(b.path))
    out = tb.console()
    table.print(out)
    out.print(tb.t(f"{result.red_actions} RED action(s) considered."))


def _cases(s: Sample) -> Iterator[Case]:
    yield Case()
    for b in s.pick("Board")[:3]:
        yield Case(kwargs={"board": b})
        yield Case(kwargs={"board": b, "with_parts": True})
    for lead in s.pick("Role")[:3]:
        yield Case(kwargs={"lead": lead})
    for p in s.ids("Plan"):
        yield Case(kwargs={"plan": p})


SPEC = QuerySpec(
    "blockers", "Recommendations blocked by a RED action, and the path that says why.",
    blockers, BlockersResult, render, "blockers.cypher", ("plan", "boards", "lead"),
    twin=lazy("govgraph.neo4j.twins", "blockers"), example="blockers --json", cases=_cases,
    args=(plan_arg("recommendations"), board_arg("RED actions"), WITH_PARTS, lead_arg("RED actions")))
