"""Actions past their due date and not yet GREEN or BLUE, and how late they are.

A plan is a report written on some day: its actions are judged as of the date the plan states (its
"as at" or update date) or, failing that, the latest position in its progress notes (the loader's
`Plan.as_of`, `govgraph.loaders.plandates`). Only a plan that states no date is judged against today,
and that is flagged. `as_of` overrides every plan's date. An action belongs to the plans holding the
recommendations it ADDRESSES; in several plans it is judged as of the latest of their dates, in none
as of today (flagged).

Due dates are ISO strings written by the loader. A partial date (`2014-10`, `2014`) counts as due at
the end of that month or year; the Cypher twin does the same by padding the string. Actions with no
usable due date cannot be late: they are counted in `undated` so nobody mistakes silence for safety.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.queries.base import (DONE, READING_KEY_BITS, NodeRef, Refs, Source, build, rag_of, reading_keys,
                                   sort_refs)
from govgraph.queries.monitoring import WATCHERS, monitored_actions
from govgraph.queries.spec import AS_OF, Case, QuerySpec, Sample, filters, lazy

if TYPE_CHECKING:
    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph

Basis = Literal["stated", "progress", "today", "given"]
"""Where a judging date comes from: the plan's own words, its latest progress note, today (the plan
states no date: flagged), or the caller's `as_of`."""


class PlanDay(BaseModel):
    """The day one plan's actions are judged as of, and why."""

    plan: NodeRef | None
    """None for actions that address no plan's recommendation."""
    as_of: dt.date
    basis: Basis
    flagged: bool
    """True when judged against today because the plan states no date."""
    source: Source = Source()
    """Where the plan states the date (file, line, its words)."""


class OverdueAction(BaseModel):
    action: NodeRef
    due: str
    rag: str
    days_late: int
    as_of: dt.date
    """The day it was judged late on: its plan's date, or the given `as_of`."""
    plan: NodeRef | None
    leads: list[NodeRef]
    recommendations: list[NodeRef]


class OverdueResult(BaseModel):
    as_of: dt.date | None
    """The date given; None when each plan is judged as of its own date (see `plans`)."""
    plans: list[PlanDay]
    """Every plan with an open action in view, in reading order (actions in no plan last)."""
    items: list[OverdueAction]
    undated: int
    """Open (not GREEN/BLUE) actions in view without a readable due date."""


def due_date(text: str | None) -> dt.date | None:
    """The last day an ISO date string allows: `2014-10` -> 2014-10-31; None when unreadable.

    >>> due_date("2014-10"), due_date("2014-10-03"), due_date("end of term")
    (datetime.date(2014, 10, 31), datetime.date(2014, 10, 3), None)
    """
    if not text:
        return None
    s = str(text).strip()[:10]
    try:
        if len(s) == 4:
            return dt.date(int(s), 12, 31)
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            return dt.date(y, m, calendar.monthrange(y, m)[1])
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def _day(value: dt.date | str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def plan_day(plan: NodeRef | None, props: dict[str, Any] | None, as_of: dt.date | None, today: dt.date) -> PlanDay:
    """The day a plan (graph attributes `props`) is judged as of; shared with the Cypher twin."""
    if as_of is not None:
        return build(PlanDay, plan=plan, as_of=as_of, basis="given", flagged=False, source=Source())
    stated = due_date((props or {}).get("as_of"))
    if stated is None or plan is None or props is None:
        return build(PlanDay, plan=plan, as_of=today, basis="today", flagged=True, source=Source())
    source = build(Source, source_file=plan.source.source_file, source_line=props.get("as_of_line"),
                   quote=props.get("as_of_raw"), source_location=None)
    return build(PlanDay, plan=plan, as_of=stated, basis=props.get("as_of_basis") or "stated", flagged=False,
                 source=source)


def judging_day(days: Iterable[PlanDay], nobody: PlanDay) -> PlanDay:
    """Of an action's plans, the one with the latest date (the first in reading order on a tie)."""
    best = None
    for d in days:
        if best is None or d.as_of > best.as_of:
            best = d
    return best or nobody


class Judge:
    """The day each action is judged as of, with the plans' days made once per call."""

    def __init__(self, gg: GovGraph, as_of: dt.date | str | None = None, today: dt.date | None = None) -> None:
        self.gg = gg
        self.given = _day(as_of)
        self.today = today or dt.date.today()
        self.refs = Refs(gg)
        self._plans: dict[str, PlanDay] = {}
        self._by_rec: dict[str, list[str]] = {}
        self.nobody = plan_day(None, None, self.given, self.today)

    def plans_of(self, action: str) -> list[str]:
        """The plans holding a recommendation the action addresses, in reading order."""
        found: dict[str, None] = {}
        for rec in self.gg.targets(action, "ADDRESSES"):
            got = self._by_rec.get(rec)
            if got is None:
                got = self._by_rec[rec] = list(self.gg.sources(rec, "HAS_RECOMMENDATION"))
            found.update(dict.fromkeys(got))
        return [r.id for r in sort_refs(self.refs(p) for p in found)] if len(found) > 1 else list(found)

    def plan(self, pid: str) -> PlanDay:
        day = self._plans.get(pid)
        if day is None:
            day = self._plans[pid] = plan_day(self.refs(pid), self.gg.node(pid), self.given, self.today)
        return day

    def __call__(self, action: str) -> PlanDay:
        return judging_day((self.plan(p) for p in self.plans_of(action)), self.nobody)


@collector_paused
def overdue(gg: GovGraph, as_of: dt.date | str | None = None, plan: str | None = None, board: str | None = None,
            lead: str | None = None, with_parts: bool = False, today: dt.date | None = None) -> OverdueResult:
    """Open actions due before their plan's date (or `as_of`), most days late first, then reading order.

    `plan` keeps the actions addressing its recommendations, `board` those it monitors (directly or through
    a plan; with its sub-groups' when `with_parts`), `lead` those it leads. `today` stands in for the real
    date for plans that state none.

    >>> from govgraph.queries._example import demo_graph
    >>> res = overdue(demo_graph(), "2020-02-15")
    >>> [(i.action.ref, i.rag, i.days_late) for i in res.items]
    [('1', 'RED', 15)]
    """
    from govgraph.queries.resolve import resolve

    judge = Judge(gg, as_of, today)
    refs = judge.refs
    plan_id = resolve(gg, plan, ["Plan"]) if plan else None
    board_id = resolve(gg, board, list(WATCHERS)) if board else None
    lead_id = resolve(gg, lead, ["Role", "Person"]) if lead else None
    watched = monitored_actions(gg, board_id, with_parts) if board_id else None
    items, undated = [], 0
    in_view: dict[str | None, PlanDay] = {}
    dues: dict[object, dt.date | None] = {}  # plans repeat a few dozen due dates across thousands of actions
    for nid in gg.ids_by_label("Action")["Action"]:
        d = gg.node(nid)
        rag = rag_of(d)
        if rag in DONE or (watched is not None and nid not in watched):
            continue
        if lead_id and lead_id not in gg.sources(nid, "LEADS"):
            continue
        if plan_id and plan_id not in judge.plans_of(nid):
            continue
        day = judge(nid)
        in_view.setdefault(day.plan.id if day.plan else None, day)
        text = d.get("due")
        due = dues[text] if text in dues else dues.setdefault(text, due_date(text))
        if due is None:
            undated += 1
            continue
        if due < day.as_of:
            leads = [refs(s) for s in gg.sources(nid, "LEADS")]
            if len(leads) > 1:
                leads.sort(key=lambda r: r.name)
            items.append(build(OverdueAction, action=refs(nid), due=str(text), rag=rag,
                               days_late=(day.as_of - due).days, as_of=day.as_of, plan=day.plan, leads=leads,
                               recommendations=refs.sort(gg.targets(nid, "ADDRESSES"))))
    return overdue_result(judge.given, list(in_view.values()), items, undated)


def overdue_result(as_of: dt.date | None, plans: list[PlanDay], items: list[OverdueAction],
                   undated: int) -> OverdueResult:
    """Most days late first, then reading order; plans in reading order. Shared with the Cypher twin."""
    keys = reading_keys([i.action for i in items])
    for k, item in enumerate(items):  # (-days late, reading order) as one integer
        keys[k] -= item.days_late << READING_KEY_BITS
    order = sorted(range(len(items)), key=keys.__getitem__)
    items[:] = [items[k] for k in order]
    named = sort_refs(p.plan for p in plans if p.plan is not None)
    by_id = {p.plan.id: p for p in plans if p.plan is not None}
    days = [by_id[r.id] for r in named] + [p for p in plans if p.plan is None]
    return build(OverdueResult, as_of=as_of, plans=days, items=items, undated=undated)


_BASIS_WORDS = {"stated": "stated in the plan", "progress": "its latest progress note",
                "today": "today: the plan states no date", "given": "given with --as-of"}


def render(result: OverdueResult, view: View) -> None:
    """The date each plan is judged as of, above the rows; then the rows, most days late first."""
    from govgraph.cli import tables as tb

    t, out = tb.t, tb.console()
    for p in result.plans:
        name = (p.plan.plan or p.plan.name) if p.plan else "Actions in no plan"
        said = f' ("{p.source.quote}", {p.source.where()})' if p.source.quote and p.basis != "given" else ""
        flag = "[!] " if p.flagged else ""
        out.print(t(f"{flag}{name}: as of {p.as_of.isoformat()}, {_BASIS_WORDS[p.basis]}{said}"))
    cols = ["Action", "RAG", "Due", "Days late", "Leads", "Recommendations"] + (["Source"] if view.sources else [])
    title = f"as of {result.as_of.isoformat()}" if result.as_of else "as of each plan's date"
    table = view.table(f"Overdue {title} ({len(result.items)})", *cols)
    for i in result.items:
        if table.skip():
            continue
        table.add(t(view.name(i.action)), tb.rag(i.rag), t(i.due), t(i.days_late),
                  t(", ".join(x.name for x in i.leads)), t(", ".join(r.ref or r.name for r in i.recommendations)),
                  *([t(tb.action_src(i.action))] if view.sources else []))
    table.print(out)
    if result.undated:
        out.print(t(f"{result.undated} open action(s) have no readable due date."))


def _cases(s: Sample) -> Iterator[Case]:
    for when in ("2000-01-01", "2014-06-30", "2015-06-30", "2020-02-15", "2024-02-01", "2024-04-02", "2030-01-01"):
        yield Case((when,))
    today = {"today": dt.date(2024, 3, 1)}
    for where in ({}, *({"plan": p} for p in s.ids("Plan")), *({"lead": r} for r in s.pick("Role")[:3]),
                  *({"board": b, "with_parts": parts} for b in s.pick("Board")[:3] for parts in (False, True))):
        yield Case(kwargs={**today, **where})


SPEC = QuerySpec(
    "overdue", "Actions past their due date that are not GREEN or COMPLETE: most days late first, then reading order.",
    overdue, OverdueResult, render, "overdue.cypher", ("asOf", "today", "plan", "boards", "lead"),
    twin=lazy("govgraph.neo4j.twins", "overdue"), example="overdue --as-of 2020-02-15 --json", cases=_cases,
    args=(AS_OF, *filters("actions")))
