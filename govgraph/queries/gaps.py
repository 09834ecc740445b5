"""Holes in the governance: things nobody does, nobody leads, nobody watches, or nobody hears about.

- recommendations that no action ADDRESSES;
- actions that no role or person LEADS;
- actions no board MONITORS, directly or through a plan holding their recommendation (plans are
  often monitored as a whole: "monitored bi-monthly by the HSCB Executive");
- boards with no route upward: no REPORTS_TO, ESCALATES_TO or PART_OF out, and no chair who
  REPORTS_TO or ESCALATES_TO anyone. The top of every hierarchy shows here, which is the point:
  someone should confirm where its issues go.
"""
from __future__ import annotations

from pydantic import BaseModel

from govgraph.model.graph import GovGraph
from govgraph.queries.base import NodeRef, Refs, in_k, out_k, ref_sort_key


class GapsResult(BaseModel):
    recommendations_without_actions: list[NodeRef]
    actions_without_lead: list[NodeRef]
    actions_without_board: list[NodeRef]
    boards_without_route_up: list[NodeRef]

    @property
    def total(self) -> int:
        return (len(self.recommendations_without_actions) + len(self.actions_without_lead)
                + len(self.actions_without_board) + len(self.boards_without_route_up))


def gaps(gg: GovGraph) -> GapsResult:
    """All four kinds of gap, each list in reading order.

    >>> from govgraph.queries._example import demo_graph
    >>> res = gaps(demo_graph())
    >>> [r.ref for r in res.recommendations_without_actions], [a.ref for a in res.actions_without_lead]
    (['31'], ['3'])
    >>> [b.name for b in res.boards_without_route_up]
    []
    """
    refs = Refs(gg)
    monitored_plans = {p for p, _ in gg.nodes("Plan") if any(True for _ in in_k(gg, p, "MONITORS"))}
    recs = [r for r, _ in gg.nodes("Recommendation") if not any(True for _ in in_k(gg, r, "ADDRESSES"))]
    no_lead, no_board = [], []
    for a, _ in gg.nodes("Action"):
        if not any(True for _ in in_k(gg, a, "LEADS")):
            no_lead.append(a)
        if any(True for _ in in_k(gg, a, "MONITORS")):
            continue
        plans = {p for r, _ in out_k(gg, a, "ADDRESSES") for p, _ in in_k(gg, r, "HAS_RECOMMENDATION")}
        if not plans & monitored_plans:
            no_board.append(a)
    stuck = []
    for b, _ in gg.nodes("Board"):
        if any(True for _ in out_k(gg, b, "REPORTS_TO", "ESCALATES_TO", "PART_OF")):
            continue
        chairs = [c for c, _ in in_k(gg, b, "CHAIRS")]
        if not any(True for c in chairs for _ in out_k(gg, c, "REPORTS_TO", "ESCALATES_TO")):
            stuck.append(b)

    def listed(ids: list[str]) -> list[NodeRef]:
        return sorted((refs(i) for i in ids), key=ref_sort_key)

    return GapsResult(recommendations_without_actions=listed(recs), actions_without_lead=listed(no_lead),
                      actions_without_board=listed(no_board), boards_without_route_up=listed(stuck))
