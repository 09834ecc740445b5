"""The accountability diagram: a board (or a lead) and the actions it answers for, by recommendation.

Built from the `accountability` query's result. Each recommendation is a cluster of RAG-coded action
boxes (the status is spelled out as well as coloured); the board or lead links to each cluster once.
`with_parts=True` adds the actions monitored by the board's sub-groups and executive (PART_OF), each
part drawn beside the board. "Monitored" is `govgraph.queries.monitoring`'s: named in the action's row or
through a plan the board monitors as a whole. Over `max_nodes`, green and completed actions are collapsed into one box
per recommendation, then whole recommendations into count boxes, and a note says so.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from govgraph.errors import DiagramError
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import RAG_ORDER
from govgraph.model.order import natural_key
from govgraph.model.rag import DONE, worst
from govgraph.queries.accountability import AccountabilityResult, ActionLine, accountability
from govgraph.queries.base import NodeRef
from govgraph.queries.monitoring import watchers
from govgraph.queries.resolve import resolve
from govgraph.viz import palette
from govgraph.viz.diagram import (Diagram, DiagramOptions, add_note, as_of_date, new_graph, plan_names,
                                  plan_word, title_line, with_plans)
from govgraph.viz.dot import DotGraph, Html, html, tooltip, wrap
from govgraph.viz.labels import action_node, plain_label, rag_legend, rag_table


@dataclass
class Group:
    """One recommendation's actions within the subject's remit."""

    rec: NodeRef | None
    actions: dict[str, ActionLine] = field(default_factory=dict)
    monitors: dict[str, set[str]] = field(default_factory=dict)
    """Action id -> the drawn boards that monitor (or the lead that leads) it."""

    @property
    def key(self) -> str:
        return self.rec.id if self.rec else "(none)"

    def rags(self) -> list[str]:
        return [a.rag for a in self.actions.values()]


@dataclass
class Remit:
    """Everything the diagram (and the board pack) draws for one subject."""

    subject: NodeRef
    kind: str
    parts: list[NodeRef]
    """Boards drawn beside the subject (its parts, with `with_parts`)."""
    results: list[AccountabilityResult]
    groups: list[Group]

    def actions(self) -> dict[str, ActionLine]:
        out: dict[str, ActionLine] = {}
        for g in self.groups:
            out.update(g.actions)
        return out

    def counts(self) -> dict[str, int]:
        c = Counter(a.rag for a in self.actions().values())
        return {r: c[r] for r in RAG_ORDER if c[r]}


def remit(gg: GovGraph, board: str | None = None, lead: str | None = None, with_parts: bool = False) -> Remit:
    """Resolve the subject and gather its actions by recommendation (the query, merged over parts)."""
    if bool(board) == bool(lead):
        raise DiagramError("name exactly one of --board NAME or --lead NAME",
                           hint="e.g. `govgraph diagram accountability --board HSCB`.")
    nid = resolve(gg, board, ["Board"]) if board else resolve(gg, str(lead), ["Role", "Person"])
    subjects = watchers(gg, nid, with_parts=bool(board and with_parts))
    results = [accountability(gg, s) for s in subjects]
    groups: dict[str, Group] = {}
    for res in results:
        for rg in res.groups:
            g = groups.setdefault(rg.recommendation.id if rg.recommendation else "(none)", Group(rg.recommendation))
            for line in rg.actions:
                g.actions.setdefault(line.action.id, line)
                g.monitors.setdefault(line.action.id, set()).add(res.subject.id)
    ordered = sorted(groups.values(), key=lambda g: (g.rec is None, _rec_order(g.rec)))
    busy = [r.subject for r in results[1:] if r.groups]  # parts that monitor nothing are left out
    return Remit(subject=results[0].subject, kind=results[0].kind, parts=busy,
                 results=results, groups=ordered)


def _rec_order(rec: NodeRef | None) -> tuple[Any, ...]:
    if rec is None:
        return ()
    return (rec.source.source_file or "", rec.source.source_line or 0, natural_key(rec.ref), rec.id)


def _plans(gg: GovGraph, r: Remit) -> set[str]:
    out = {p for g in r.groups if g.rec for p, _ in gg.in_keys(g.rec.id, "HAS_RECOMMENDATION")}
    for res in r.results:
        out |= {p.id for p in res.plans}
    return out


def counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {palette.rag_style(r).word}" for r, n in counts.items())


def accountability_diagram(gg: GovGraph, board: str | None = None, lead: str | None = None,
                           options: DiagramOptions = DiagramOptions(), with_parts: bool = False) -> Diagram:
    """The board's or lead's actions, grouped by recommendation, coloured by RAG."""
    r = remit(gg, board, lead, with_parts)
    return draw_remit(gg, r, options)


def draw_remit(gg: GovGraph, r: Remit, options: DiagramOptions) -> Diagram:
    total = len(r.actions())
    notes: list[str] = []
    mode = _mode(r, options, notes)
    what = "monitors" if r.kind == "board" else "leads"
    title, sub = title_line(f"{r.subject.name}: accountability", plan_names(gg, _plans(gg, r)),
                            as_of_date(gg, options), notes)
    dot = new_graph(title, sub, rankdir="LR", compound="true", ranksep="0.8")
    options = with_plans(options, {a.action.plan or "" for a in r.actions().values()}
                         | {g.rec.plan or "" for g in r.groups if g.rec})
    drawn_subjects = [r.subject] + r.parts
    _subjects(gg, dot, r, options, total)
    rags_drawn: set[str] = set()
    boxes: list[list[str]] = []
    for gi, g in enumerate(r.groups):
        if mode == "groups" and gi >= options.max_nodes - len(drawn_subjects) - 2:
            break
        cid = f"rec:{g.key}"
        w = worst(g.rags()) or "UNKNOWN"
        dot.add_cluster(cid, _rec_label(g, options), order=(gi,), style="rounded,filled", fillcolor=palette.shade(0),
                        color=palette.rag_style(w).fill if w in ("RED", "AMBER") else palette.MUTED,
                        penwidth="2" if w == "RED" else "1", fontsize="11", labeljust="l",
                        tooltip=tooltip((g.rec.name + f"  [{g.rec.source.where()}]") if g.rec
                                        else "Actions with no recommendation stated"))
        boxes.append(_draw_group(gg, dot, r, g, cid, mode, options, rags_drawn))
    _grid(dot, r.subject.id, boxes)
    if not r.groups:
        notes.append(f"{r.subject.name} {what} no actions in this graph.")
    rag_legend(dot, sorted(rags_drawn, key=lambda x: RAG_ORDER.get(x, 9)) or None)
    add_note(dot, notes)
    return Diagram("accountability", title, dot, notes)


def _mode(r: Remit, options: DiagramOptions, notes: list[str]) -> str:
    """How much to draw: every action, open actions only, or one count box per recommendation."""
    fixed = 1 + len(r.parts) + 2  # subjects, legend, note
    per_action = sum(len(g.actions) for g in r.groups) + fixed
    if per_action <= options.max_nodes:
        return "actions"
    open_only = sum(sum(1 for a in g.actions.values() if a.rag not in DONE)
                    + any(a.rag in DONE for a in g.actions.values()) for g in r.groups) + fixed
    if open_only <= options.max_nodes:
        notes.append(f"{per_action - fixed} actions are over the limit of {options.max_nodes} boxes: "
                     f"green and completed actions are shown as one box per recommendation.")
        return "open"
    notes.append(f"{per_action - fixed} actions in {len(r.groups)} recommendations are over the limit of "
                 f"{options.max_nodes} boxes: each recommendation is one box of counts.")
    if len(r.groups) + fixed > options.max_nodes:
        notes.append(f"Only the first {options.max_nodes - fixed + 1} recommendations are drawn.")
    return "groups"


def _grid(dot: DotGraph, subject: str, boxes: list[list[str]]) -> None:
    """Lay the recommendation clusters out in columns (one rank each) so a long remit fills a page
    rather than one very tall strip; the subject stands in the first column."""
    total = sum(len(b) + 1 for b in boxes)  # +1: a cluster's heading takes about a box
    rows = max(3, round(math.sqrt(1.8 * total)))
    columns: list[list[str]] = [[]]
    used = 0
    for b in boxes:
        if columns[-1] and used + len(b) + 1 > rows:
            columns.append([])
            used = 0
        columns[-1].extend(b)
        used += len(b) + 1
    prev = subject
    for col in columns:
        if not col:
            continue
        if len(col) > 1:
            dot.same_rank(*col)
        dot.add_edge(prev, col[0], "layout", style="invis")
        prev = col[0]


def _rec_label(g: Group, options: DiagramOptions) -> Html:
    n = len(g.actions)
    count = f"  ·  {n} action{'s' * (n != 1)}"
    if g.rec is None:
        return Html(f"<B>No recommendation stated</B>{html(count)}")
    head = plan_word({"plan_label": g.rec.plan}, f"Recommendation {g.rec.ref}" if g.rec.ref else "Recommendation",
                     options) + count
    text = g.rec.name.removeprefix(f"Recommendation {g.rec.ref}: ")
    body = "<BR/>".join(html(ln) for ln in wrap(text, 60, 2))
    where = html(g.rec.source.where())
    return Html(f"<B>{html(head)}</B><BR/><FONT POINT-SIZE=\"9\">{body}</FONT>"
                + (f'<BR/><FONT POINT-SIZE="8" COLOR="{palette.MUTED}">{where}</FONT>' if where else ""))


def _subjects(gg: GovGraph, dot: DotGraph, r: Remit, options: DiagramOptions, total: int) -> None:
    counts = counts_text(r.counts())
    res = r.results[0]
    if r.kind == "board":
        extra = [f"Chair: {c.name}" for c in res.chairs] + [f"{total} actions: {counts}" if total else "No actions"]
        kind = str(gg.node(r.subject.id).get("kind") or "board")
        cluster = None
        if r.parts:
            cluster = dot.add_cluster("subject", Html(f"<B>{html(r.subject.name)}</B> and its parts"),
                                      style="rounded,filled", fillcolor=palette.shade(1), color=palette.MUTED)
        dot.add_node(r.subject.id, cluster=cluster, order=(0,), fillcolor=palette.KIND_FILL.get(kind, "white"),
                     penwidth="2", label=plain_label(r.subject.name, palette.KIND_WORD.get(kind, kind), options,
                                                     extra=extra),
                     tooltip=f"{r.subject.name}  [{r.subject.source.where()}]")
        for i, p in enumerate(r.parts):
            pkind = str(gg.node(p.id).get("kind") or "board")
            dot.add_node(p.id, cluster=cluster, order=(1, i), fillcolor=palette.KIND_FILL.get(pkind, "white"),
                         label=plain_label(p.name, palette.KIND_WORD.get(pkind, pkind), options),
                         tooltip=f"{p.name}  [{p.source.where()}]")
        return
    extra = [f"Leads {total} actions: {counts}" if total else "Leads no actions"]
    if res.boards:
        extra.append("Monitored by: " + "; ".join(b.name for b in res.boards))
    dot.add_node(r.subject.id, order=(0,), fillcolor="white", penwidth="2",
                 label=plain_label(r.subject.name, r.subject.label.replace("Role", "Post"), options, extra=extra),
                 tooltip=f"{r.subject.name}  [{r.subject.source.where()}]")


def _foot(r: Remit, line: ActionLine, g: Group) -> list[str]:
    others = [ld.name for ld in line.leads if ld.id != r.subject.id]
    if r.kind == "board":
        out = [("Lead: " + "; ".join(others)) if others else "Lead: none stated"]
        if r.parts:
            by = sorted(b.name for b in [r.subject, *r.parts] if b.id in g.monitors.get(line.action.id, set()))
            out.append("Monitored by: " + "; ".join(by))
        return out
    out = []
    if others:
        out.append("Joint with: " + "; ".join(others))
    if line.boards:
        out.append("Monitored by: " + "; ".join(b.name for b in line.boards))
    return out


def _draw_group(gg: GovGraph, dot: DotGraph, r: Remit, g: Group, cid: str, mode: str,
                options: DiagramOptions, rags_drawn: set[str]) -> list[str]:
    """Draw one recommendation's boxes; returns their ids in drawing order."""
    lines = sorted(g.actions.values(), key=lambda a: (RAG_ORDER.get(a.rag, 9) if mode != "actions" else 0,
                                                       _action_order(a)))
    if mode == "groups":
        c = Counter(g.rags())
        w = worst(g.rags()) or "UNKNOWN"
        rags_drawn.add(w)
        counts = {k: c[k] for k in RAG_ORDER if c[k]}
        nid = f"summary:{g.key}"
        refs = ", ".join(a.action.ref or "?" for a in lines)
        dot.add_node(nid, cluster=cid, shape="plain", style="", fillcolor=None,
                     label=rag_table(w, f"{len(lines)} action{'s' * (len(lines) != 1)}",
                                     wrap(counts_text(counts), options.wrap, 2), wrap(f"Actions {refs}", 40, 2),
                                     head_extra="worst"),
                     tooltip=tooltip(f"Actions {refs}: {counts_text(counts)}"))
        return [nid]
    drawn: list[str] = []
    done = [a for a in lines if a.rag in DONE]
    for i, a in enumerate(lines):
        if mode == "open" and a.rag in DONE:
            continue
        rags_drawn.add(a.rag)
        action_node(dot, a.action.id, gg.node(a.action.id), options, cluster=cid, foot=_foot(r, a, g), order=(i,))
        drawn.append(a.action.id)
    if mode == "open" and done:
        nid = f"summary:{g.key}:done"
        c = Counter(a.rag for a in done)
        refs = ", ".join(a.action.ref or "?" for a in done)
        w = "GREEN" if c["GREEN"] else "BLUE"
        rags_drawn.add(w)
        dot.add_node(nid, cluster=cid, order=(len(lines),), shape="plain", style="", fillcolor=None,
                     label=rag_table(w, f"{len(done)} more", wrap(f"Actions {refs}", options.wrap, 2),
                                     [counts_text({k: c[k] for k in ("GREEN", "BLUE") if c[k]})]),
                     tooltip=tooltip(f"Green or completed, collapsed: actions {refs}"))
        drawn.append(nid)
    return drawn


def _action_order(a: ActionLine) -> tuple[Any, ...]:
    return (a.action.source.source_file or "", a.action.source.source_line or 0, natural_key(a.action.ref),
            a.action.id)
