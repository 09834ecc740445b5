"""Plans in a document: starting one (a PLAN heading, the document's first long line as its title),
and, once the document is read, dating them and adding them with their inspection to the graph.

Naming an untitled plan happens after loading (loaders/plan_names.py); dating in loaders/plandates.py.
"""
from __future__ import annotations

import re

from govgraph.loaders.build_state import BuildState
from govgraph.loaders.dates import MONTHS, parse_due
from govgraph.loaders.plandates import date_plans
from govgraph.model.edges import Edge
from govgraph.model.ids import make_id
from govgraph.model.nodes import Inspection, Plan

_CAPS_PLAN = re.compile(r"\bPLAN\b")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{4})\b", re.I)
_INSPECTION_NEAR = re.compile(r"inspection", re.I)


def read_plan_title(state: BuildState, text: str, line: int) -> bool:
    """Whether a prose line is a plan's title: a capitalised line with PLAN in it (a second such line starts
    a new plan), or, before anything else, the document's first line of more than 15 characters."""
    letters = [c for c in text if c.isalpha()]
    is_caps = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
    if is_caps and _CAPS_PLAN.search(text):
        guessed = state.guessed_title == state.plan.id  # a first long line, not a heading
        if (state.plan.title and not guessed) or state.recs[state.plan.id] or state.actions:
            new_plan(state, text, line)
        else:
            state.plan.title = state.plan.name = text
            state.plan.source_line = line
            state.attribute(line, state.plan.id)
            first = text.split()[0]
            if state.reg.is_scb_name(first):
                state.plan_owner[state.plan.id] = state.reg.scb
        return True
    if not state.plan.title and not state.recs[state.plan.id] and len(text) > 15:
        state.guessed_title = state.plan.id  # a PLAN heading before any recommendation replaces it
        state.plan.title = state.plan.name = text
        state.plan.source_line = line
        state.attribute(line, state.plan.id)
        if _MONTH_YEAR.search(text):
            stated = parse_due(text)
            state.plan.date = stated.isoformat() if stated else None
        return True
    return False


def new_plan(state: BuildState, title: str | None, line: int | None) -> Plan:
    """Start a plan (the document's first, or another a capitalised PLAN heading starts); it becomes
    `state.plan`. A title naming the safeguarding board makes the board the plan's owner."""
    n = len(state.plans) + 1
    pid = make_id(state.doc, f"plan{n}") if n > 1 else make_id(state.doc, "plan")
    plan = Plan(id=pid, name=title or "", title=title or "", source_file=state.file, source_line=line,
                authority=state.reg.authority_id)
    state.plans.append(plan)
    state.recs[pid] = []
    owner = None
    if title:
        first = title.split()[0]
        if state.reg.is_scb_name(first):
            owner = state.reg.scb
    state.plan_owner[pid] = owner
    if line:
        state.attribute(line, pid)
    return plan


def finish_plans(state: BuildState) -> None:
    """Date the plans, then add each with its inspection and recommendations, the plans' citations, the
    actions and what each addresses to the graph (in that order: the JSON keeps it)."""
    date_plans(state.plans, state.actions.values(), state.used, state.lines, state.text, state.vocab)
    for plan in state.plans:
        # an untitled plan is named after loading, from its inspection or dates (loaders/plan_names.py)
        if plan.source_line is None:
            recs = state.recs[plan.id]
            plan.source_line = recs[0].source_line if recs else 1
        state.g.add_node(plan)
        insp = inspection_of(state, plan)
        state.g.add_node(insp)
        state.g.add_edge(Edge(source=plan.id, target=insp.id, type="RESPONDS_TO", source_file=state.file,
                              source_line=plan.source_line))
        for rec in state.recs[plan.id]:
            state.g.add_node(rec)
            state.g.add_edge(Edge(source=plan.id, target=rec.id, type="HAS_RECOMMENDATION",
                                  source_file=state.file, source_line=rec.source_line))
    for edge in state.plan_edges:
        state.g.add_edge(edge)
    for action in state.actions.values():
        state.g.add_node(action)
    for rec_id, acts in state.rec_actions.items():
        for aid in acts:
            a = state.actions[aid]
            state.g.add_edge(Edge(source=aid, target=rec_id, type="ADDRESSES", source_file=state.file,
                                  source_line=a.source_line))


def inspection_of(state: BuildState, plan: Plan) -> Inspection:
    """The inspection a plan responds to: dated from a month and year near 'inspection' in its title or
    notes, else one per document with no date."""
    text = " ".join([plan.title] + plan.notes)
    when = None
    for m in _INSPECTION_NEAR.finditer(text):
        window = text[max(0, m.start() - 60): m.end() + 90]
        dm = _MONTH_YEAR.search(window)
        if dm:
            when = dm
            break
    if when:
        month = MONTHS.index(when.group(1).casefold()) + 1
        key = f"{when.group(2)}-{month:02d}"
        return Inspection(id=make_id(state.reg.authority_id, "inspection", key),
                          name=f"Ofsted inspection {when.group(1).capitalize()} {when.group(2)}", date=key,
                          date_raw=when.group(0), source_file=state.file, source_line=plan.source_line,
                          authority=state.reg.authority_id)
    return Inspection(id=make_id(state.reg.authority_id, "inspection", state.doc),
                      name="Ofsted inspection (date not stated)", source_file=state.file,
                      source_line=plan.source_line, authority=state.reg.authority_id)


__all__ = ["new_plan", "read_plan_title", "finish_plans", "inspection_of"]
