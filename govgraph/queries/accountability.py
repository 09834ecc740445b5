"""Who answers for what: a lead's actions and the boards that watch them, or a board's remit.

For a role or person: the actions it LEADS, grouped by the recommendation they address (an action
with joint leads lists the others), and the boards that monitor those actions. For a board: the
actions it monitors, directly or through a plan it MONITORS (`govgraph.queries.monitoring`, the one
definition every view shares), the plans it monitors and the roles that CHAIR it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.queries.base import NodeRef, Refs, in_k, label_of, out_k, ref_sort_key
from govgraph.queries.monitoring import Via, monitored_actions, monitored_plans, watchers_of
from govgraph.queries.spec import Arg, Case, QuerySpec, Sample, lazy

if TYPE_CHECKING:
    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph


class ActionLine(BaseModel):
    action: NodeRef
    rag: str
    due: str | None
    leads: list[NodeRef]
    """All leads, the subject included: more than one means joint leadership."""
    boards: list[NodeRef]
    """Every board or post monitoring the action, directly or through its plan."""
    via: Via | None = None
    """For a board's remit: `direct` (the action names the board) or `plan` (the board monitors its plan)."""


class RecommendationGroup(BaseModel):
    recommendation: NodeRef | None
    """None gathers actions that address no recommendation."""
    actions: list[ActionLine]


class AccountabilityResult(BaseModel):
    subject: NodeRef
    kind: Literal["lead", "board"]
    groups: list[RecommendationGroup]
    boards: list[NodeRef]
    """For a lead: every board monitoring any of its actions."""
    plans: list[NodeRef]
    """For a board: plans it monitors."""
    chairs: list[NodeRef]
    """For a board: roles that chair it."""


@collector_paused
def accountability(gg: GovGraph, name: str) -> AccountabilityResult:
    """What a role, person or board is accountable for.

    >>> from govgraph.queries._example import demo_graph
    >>> res = accountability(demo_graph(), "head of fieldwork")
    >>> [(g.recommendation.ref, [a.action.ref for a in g.actions]) for g in res.groups]
    [('17', ['1']), ('18', ['2'])]
    >>> [b.name for b in res.boards]
    ['Executive']
    """
    from govgraph.queries.resolve import resolve

    nid = resolve(gg, name, ["Role", "Person", "Board"])
    refs = Refs(gg)
    is_board = label_of(gg, nid) == "Board"
    if is_board:
        vias: dict[str, Via] = monitored_actions(gg, nid)
        plans = [refs(p) for p in monitored_plans(gg, nid)]
    else:
        vias, plans = {}, []
    actions = list(vias) if is_board else [t for t, _ in out_k(gg, nid, "LEADS") if label_of(gg, t) == "Action"]

    def line(a: str) -> ActionLine:
        d = gg.node(a)
        leads = sorted((refs(s) for s, _ in in_k(gg, a, "LEADS")), key=lambda r: r.name)
        boards = sorted((refs(w) for w in watchers_of(gg, a)), key=lambda r: (r.name, r.id))
        return ActionLine(action=refs(a), rag=d.get("rag") or "UNKNOWN", due=d.get("due"), leads=leads,
                          boards=boards, via=vias.get(a))

    groups: dict[str | None, list[ActionLine]] = {}
    for a in actions:
        recs = [r for r, _ in out_k(gg, a, "ADDRESSES")] or [None]
        al = line(a)
        for r in recs:
            groups.setdefault(r, []).append(al)
    chairs = [refs(s) for s, _ in in_k(gg, nid, "CHAIRS")] if is_board else []
    return accountability_result(refs(nid), is_board, groups, refs, plans, chairs)


def accountability_result(subject: NodeRef, is_board: bool, groups: dict[str | None, list[ActionLine]],
                          rec_ref: Callable[[str], NodeRef], plans: list[NodeRef],
                          chairs: list[NodeRef]) -> AccountabilityResult:
    """The answer from the action lines grouped by recommendation id, ordered as both the embedded and
    the Cypher question report it; a lead's boards are those monitoring its actions."""
    out = [RecommendationGroup(recommendation=rec_ref(r) if r else None,
                               actions=sorted(ls, key=lambda x: ref_sort_key(x.action)))
           for r, ls in groups.items()]
    out.sort(key=lambda g: (g.recommendation is None, ref_sort_key(g.recommendation) if g.recommendation else ()))
    boards: dict[str, NodeRef] = {}
    if not is_board:
        for ls in groups.values():
            for al in ls:
                boards.update((b.id, b) for b in al.boards)
    return AccountabilityResult(subject=subject, kind="board" if is_board else "lead", groups=out,
                                boards=sorted(boards.values(), key=lambda r: (r.name, r.id)),
                                plans=sorted(plans, key=ref_sort_key), chairs=sorted(chairs, key=lambda r: r.name))


def render(result: AccountabilityResult, view: View) -> None:
    """Actions by recommendation with their leads and boards; then who watches, or what a board answers for."""
    from govgraph.cli import tables as tb

    t = tb.t
    verb = "monitored by" if result.kind == "board" else "led by"
    cols = ["Recommendation", "Action", "RAG", "Due", "Leads", "Boards"] + (["Source"] if view.sources else [])
    table = view.table(f"Actions {verb} {result.subject.name}", *cols)
    for g in result.groups:
        for i, a in enumerate(g.actions):
            if table.skip():
                continue
            row = [t(view.name(g.recommendation) if i == 0 else ""), t(view.name(a.action)), tb.rag(a.rag),
                   t(a.due or "—"), t(", ".join(x.name for x in a.leads)), t(", ".join(x.name for x in a.boards))]
            table.add(*row, *([t(tb.action_src(a.action))] if view.sources else []))
    out = tb.console()
    table.print(out)
    if result.kind == "lead":
        out.print(t("Boards watching: " + (", ".join(b.name for b in result.boards) or "none")))
    else:
        out.print(t("Plans monitored: " + (", ".join(p.name for p in result.plans) or "none")))
        out.print(t("Chaired by: " + (", ".join(c.name for c in result.chairs) or "no chair recorded")))


def _cases(s: Sample) -> Iterator[Case]:
    return (Case((who,)) for who in s.pick("Role", "Person", "Board"))


SPEC = QuerySpec(
    "accountability", "What a role or person leads (and who watches it), or what a board monitors and who chairs it.",
    accountability, AccountabilityResult, render, "accountability.cypher", ("id",),
    twin=lazy("govgraph.neo4j.twins", "accountability"), example="accountability 'Head of LAC' --json",
    cases=_cases, args=(Arg("name", str, help="A role, person or board.", required=True),))
