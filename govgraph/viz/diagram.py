"""What every diagram builder takes and returns: options in, a `Diagram` (DOT plus notes) out.

Builders never touch the file system or Graphviz: they return the DOT text and any notes about what
was left out, so the CLI can print the notes on stderr and `render` can draw the text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from govgraph.model.graph import GovGraph
from govgraph.queries.base import in_plan
from govgraph.viz import palette
from govgraph.viz.dot import DotGraph, Html, html, shorten

DEFAULT_MAX_NODES = 150
"""Nodes in one `dot` drawing before a builder summarises. dot's cost grows fast with size (a random
2,000-node graph did not finish in 10 minutes); 150 keeps every diagram to a second or two and a page."""


@dataclass(frozen=True)
class DiagramOptions:
    as_of: dt.date | None = None
    """The date in the title; None means the graph's `as_of` metadata, else today."""
    max_nodes: int = DEFAULT_MAX_NODES
    wrap: int = 38
    """Characters per line in wrapped node text."""
    max_lines: int = 3
    """Lines of node text before it is cut (the full text is in the SVG tooltip)."""
    several_plans: bool = False
    """Set by a builder whose drawing holds more than one plan's actions: every action and recommendation
    then says which plan ("HSCB plan · Action 4")."""


def with_plans(options: DiagramOptions, labels: set[str]) -> DiagramOptions:
    """The options for a drawing whose actions and recommendations carry these plan labels."""
    return replace(options, several_plans=len(labels - {""}) > 1)


def plan_word(data: dict[str, Any], word: str, options: DiagramOptions) -> str:
    """'Action 4', or 'HSCB plan · Action 4' when several plans are drawn."""
    label = data.get("plan_label")
    return in_plan(label, word, options.several_plans)


@dataclass
class Diagram:
    kind: str
    title: str
    dot: DotGraph
    notes: list[str] = field(default_factory=list)
    """What was summarised or left out; also shown in the drawing."""

    def to_dot(self) -> str:
        return self.dot.to_dot()


def as_of_date(gg: GovGraph, options: DiagramOptions) -> dt.date:
    """The title date: the option, else graph metadata (`as_of`), else today."""
    if options.as_of is not None:
        return options.as_of
    meta = gg.metadata.get("as_of")
    if isinstance(meta, str):
        try:
            return dt.date.fromisoformat(meta[:10])
        except ValueError:
            pass
    return dt.date.today()


def plan_names(gg: GovGraph, plan_ids: set[str], limit: int = 3) -> str:
    """Plan titles for a title line: the first few, then a count."""
    names = sorted({plan_name(gg, p) for p in plan_ids})
    if not names:
        return "no plan"
    shown = "; ".join(names[:limit])
    return shown + (f"; and {len(names) - limit} more" if len(names) > limit else "")


def plan_name(gg: GovGraph, pid: str) -> str:
    """A plan's title, or its file name when the loader could only call it after the file."""
    d = gg.node(pid)
    title = str(d.get("title") or d.get("name") or pid)
    src = str(d.get("source_file") or "")
    if src and title.startswith(src.rsplit(".", 1)[0]):
        return f"plan in {src}"
    return shorten(title, 70)


def new_graph(title: str, subtitle: str, rankdir: str = "LR", **graph: Any) -> DotGraph:
    """A digraph in the house style with the title block at the top."""
    label = Html(f'<FONT POINT-SIZE="18"><B>{html(title)}</B></FONT><BR/>'
                 f'<FONT POINT-SIZE="11" COLOR="{palette.MUTED}">{html(subtitle)}</FONT>')
    attrs: dict[str, Any] = {
        "label": label, "labelloc": "t", "labeljust": "l", "rankdir": rankdir, "fontname": palette.FONT,
        "fontcolor": palette.INK, "nodesep": "0.25", "ranksep": "0.5", "newrank": "true",
        "bgcolor": "white", "pad": "0.3", "charset": "UTF-8",
    }
    attrs.update(graph)
    return DotGraph(
        name=title, graph=attrs,
        node={"fontname": palette.FONT, "fontsize": "11", "fontcolor": palette.INK, "shape": "box",
              "style": "rounded,filled", "fillcolor": "white", "color": palette.EDGE, "margin": "0.12,0.06"},
        edge={"fontname": palette.FONT, "fontsize": "9", "color": palette.EDGE, "fontcolor": palette.MUTED,
              "arrowsize": "0.7"})


def title_line(what: str, plans: str, day: dt.date, notes: list[str]) -> tuple[str, str]:
    """(title, subtitle): the subject, then the plans, the date and whether anything was summarised."""
    sub = f"Plans: {plans}  ·  As of {day.isoformat()}"
    if notes:
        sub += "  ·  SUMMARISED: see the note"
    return what, sub


def add_note(dot: DotGraph, notes: list[str]) -> None:
    """A visible note node saying what the drawing leaves out."""
    if not notes:
        return
    body = "<BR ALIGN=\"LEFT\"/>".join(html(n) for n in notes) + '<BR ALIGN="LEFT"/>'
    dot.add_node("note:summary", order=(9,), shape="note", style="filled", fillcolor=palette.NOTE_FILL,
                 label=Html(f"<B>Note</B><BR ALIGN=\"LEFT\"/>{body}"), fontsize="10")
