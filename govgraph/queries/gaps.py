"""Holes in the governance: things nobody does, nobody leads, nobody watches, or nobody hears about.

- recommendations that no action ADDRESSES;
- actions that no role or person LEADS;
- actions nobody monitors, directly or through a plan holding their recommendation (plans are
  often monitored as a whole: "monitored bi-monthly by the HSCB Executive"): the one definition of
  `govgraph.queries.monitoring`, where a post named in a monitoring cell monitors too;
- boards with no route upward: no REPORTS_TO, ESCALATES_TO or PART_OF out, and no chair who
  REPORTS_TO or ESCALATES_TO anyone. The top of every hierarchy shows here, which is the point:
  someone should confirm where its issues go.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.queries.base import NodeRef, Refs, in_k, out_k, sort_refs
from govgraph.queries.monitoring import action_watchers
from govgraph.queries.spec import Case, QuerySpec, every, lazy

if TYPE_CHECKING:
    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph


class GapsResult(BaseModel):
    recommendations_without_actions: list[NodeRef]
    actions_without_lead: list[NodeRef]
    actions_without_board: list[NodeRef]
    boards_without_route_up: list[NodeRef]

    @property
    def total(self) -> int:
        return (len(self.recommendations_without_actions) + len(self.actions_without_lead)
                + len(self.actions_without_board) + len(self.boards_without_route_up))


@collector_paused
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
    pred = gg.predecessors
    ids = gg.ids_by_label("Plan", "Recommendation", "Action", "Board")
    recs = [r for r in ids["Recommendation"] if not gg.has_in(r, "ADDRESSES")]
    watched = action_watchers(gg)
    no_lead = [a for a in ids["Action"] if not any("LEADS" in keys for keys in pred[a].values())]
    no_board = [a for a in ids["Action"] if a not in watched]
    stuck = []
    for b in ids["Board"]:
        if out_k(gg, b, "REPORTS_TO", "ESCALATES_TO", "PART_OF"):
            continue
        chairs = [c for c, _ in in_k(gg, b, "CHAIRS")]
        if not any(out_k(gg, c, "REPORTS_TO", "ESCALATES_TO") for c in chairs):
            stuck.append(b)

    def listed(ids: list[str]) -> list[NodeRef]:
        return sort_refs(refs(i) for i in ids)

    return GapsResult(recommendations_without_actions=listed(recs), actions_without_lead=listed(no_lead),
                      actions_without_board=listed(no_board), boards_without_route_up=listed(stuck))


def render(result: GapsResult, view: View) -> None:
    """One section per kind of gap."""
    from govgraph.cli import tables as tb

    sections = (("Recommendations without actions", result.recommendations_without_actions),
                ("Actions without a lead", result.actions_without_lead),
                ("Actions without a monitoring board", result.actions_without_board),
                ("Boards with no route upward", result.boards_without_route_up))
    table = view.table(f"Gaps ({result.total})", "Gap", "Node", "Id", *(["Source"] if view.sources else []))
    for title, refs in sections:
        for i, r in enumerate(refs):
            if table.skip():
                continue
            table.add(tb.t(title if i == 0 else ""), tb.t(view.name(r)), tb.t(r.id),
                      *([tb.t(tb.action_src(r))] if view.sources else []))
    table.print(tb.console())


SPEC = QuerySpec(
    "gaps", "Recommendations without actions, actions without a lead or board, boards with no route up.",
    gaps, GapsResult, render, "gaps.cypher", (), twin=lazy("govgraph.neo4j.twins", "gaps"),
    example="gaps --json", cases=every(Case()))
