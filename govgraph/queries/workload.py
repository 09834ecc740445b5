"""Who carries what: per post that leads actions, how many it leads, how many are RED and how many overdue.

A programme manager's first look at where the load and the trouble sit. Overdue is judged exactly as
`govgraph query overdue` judges it (`govgraph.queries.overdue`): an open action (not GREEN or COMPLETE)
whose due date is before its plan's date, or before `as_of` when given. An action led jointly counts for
each of its leads. Posts (Role nodes) only: a named person's load is their post's.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.queries.base import DONE, NodeRef, build, natural_key, rag_of, sort_refs
from govgraph.queries.overdue import Judge, due_date, judging_day, plan_day
from govgraph.queries.spec import AS_OF, Case, QuerySpec, Sample

if TYPE_CHECKING:
    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph
    from govgraph.neo4j.remote import Remote


class LeadLoad(BaseModel):
    lead: NodeRef
    actions: int
    """Actions the post leads."""
    red: int
    overdue: int
    """Of those, open and past their due date (as `query overdue` judges them)."""


class WorkloadResult(BaseModel):
    as_of: dt.date | None
    """The date given with --as-of; None when each action was judged as of its plan's date."""
    items: list[LeadLoad]


@collector_paused
def workload(gg: GovGraph, as_of: dt.date | str | None = None, today: dt.date | None = None) -> WorkloadResult:
    """Each post leading actions, most overdue first, then most RED, then most actions.

    >>> from govgraph.queries._example import demo_graph
    >>> [(i.lead.name, i.actions, i.red, i.overdue) for i in workload(demo_graph(), "2020-02-15").items]
    [('Head of Fieldwork', 2, 1, 1), ('Head of LAC', 1, 0, 0)]
    """
    judge = Judge(gg, as_of, today)
    flags: dict[str, tuple[bool, bool]] = {}  # action -> (RED, overdue), judged once for all its leads

    def judged(action: str) -> tuple[bool, bool]:
        d = gg.node(action)
        rag, due = rag_of(d), due_date(d.get("due"))
        return rag == "RED", rag not in DONE and due is not None and due < judge(action).as_of

    loads = []
    for lead in gg.ids("Role"):
        led = [flags[a] if a in flags else flags.setdefault(a, judged(a))
               for a in dict.fromkeys(gg.targets(lead, "LEADS"))]
        if led:
            loads.append(build(LeadLoad, lead=judge.refs(lead), actions=len(led), red=sum(r for r, _ in led),
                               overdue=sum(o for _, o in led)))
    return workload_result(judge.given, loads)


def workload_result(as_of: dt.date | None, loads: list[LeadLoad]) -> WorkloadResult:
    """Most overdue first, then most RED, most actions, name; shared with the twin."""
    loads.sort(key=lambda x: (-x.overdue, -x.red, -x.actions, natural_key(x.lead.name), x.lead.id))
    return WorkloadResult(as_of=as_of, items=loads)


def on_server(remote: Remote, as_of: dt.date | str | None = None, today: dt.date | None = None) -> WorkloadResult:
    """The twin: the server matches who leads what; each action is judged here, once, as `workload` does."""
    from govgraph.neo4j.remote import attrs, ref

    given = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    today = today or dt.date.today()
    nobody = plan_day(None, None, given, today)
    flags: dict[str, tuple[bool, bool]] = {}
    leads: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for row in remote.twin("workload.cypher", "workload"):
        action = str(row["action"])
        if action not in flags:
            plans = {str(p["id"]): p for p in row["plans"] if p}
            day = judging_day((plan_day(r, attrs(plans[r.id]), given, today)
                               for r in sort_refs(ref(p) for p in plans.values())), nobody)
            rag, due = rag_of({"rag": row["rag"]}), due_date(row["due"])
            flags[action] = (rag == "RED", rag not in DONE and due is not None and due < day.as_of)
        leads.setdefault(str(row["lead"]["id"]), (row["lead"], []))[1].append(action)
    loads = [LeadLoad(lead=ref(props), actions=len(set(acts)), red=sum(flags[a][0] for a in set(acts)),
                      overdue=sum(flags[a][1] for a in set(acts))) for props, acts in leads.values()]
    return workload_result(given, loads)


def render(result: WorkloadResult, view: View) -> None:
    """One row per post, the heaviest trouble first."""
    from govgraph.cli import tables as tb

    when = f"as of {result.as_of.isoformat()}" if result.as_of else "as of each plan's date"
    table = view.table(f"Actions per lead, overdue {when} ({len(result.items)} leads)",
                       "Lead", "Actions", "RED", "Overdue", *(["Source"] if view.sources else []))
    for i in result.items:
        if table.skip():
            continue
        table.add(tb.t(view.name(i.lead)), tb.t(i.actions), tb.t(i.red or ""), tb.t(i.overdue or ""),
                  *([tb.t(tb.src(i.lead.source))] if view.sources else []))
    table.print(tb.console())


def _cases(s: Sample) -> Iterator[Case]:
    for when in ("2000-01-01", "2015-06-30", "2020-02-15", "2024-04-02", "2030-01-01"):
        yield Case((when,))
    yield Case(kwargs={"today": dt.date(2024, 3, 1)})


SPEC = QuerySpec(
    "workload", "Actions per lead: how many each post leads, how many are RED and how many overdue, worst first.",
    workload, WorkloadResult, render, "workload.cypher", (), twin=on_server,
    example="workload --as-of 2020-02-15 --json", cases=_cases, args=(AS_OF,))
