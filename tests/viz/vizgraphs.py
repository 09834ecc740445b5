"""Tiny hand-drawn graphs for the diagram tests (issue 4): readable ids, one source line per fact.

`NASTY` is a name full of DOT, HTML and shell metacharacters; it is used as a board name, a lead, an
action text and a recommendation text so every escaping path sees it.
"""
from __future__ import annotations

import itertools
from typing import Any

from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import (Action, Authority, Board, Plan, Programme, Project, Recommendation, Role,
                                  WorkPackage, Workstream)

NASTY = 'Q&A "Panel" {x} <script>alert(1)</script> \\N back\\slash; [a=b] -> |pipe| \'quote\''


class VB:
    """A graph under construction for one authority `a`; every node and edge cites its own line."""

    def __init__(self, doc: str = "plan.txt", authority: str = "a") -> None:
        self.gg = GovGraph()
        self.doc, self.auth = doc, authority
        self._line = itertools.count(1)

    def add(self, cls: type, nid: str, **kw: Any) -> str:
        kw.setdefault("source_file", self.doc)
        kw.setdefault("source_line", next(self._line))
        kw.setdefault("authority", self.auth)
        return self.gg.add_node(cls(id=nid, **kw))

    def link(self, s: str, rel: str, t: str, quote: str | None = None) -> "VB":
        self.gg.add_edge(Edge(source=s, target=t, type=rel, source_file=self.doc, source_line=next(self._line),
                              quote=quote))
        return self


def small_graph(reverse: bool = False) -> GovGraph:
    """One authority, one plan, three recommendations, six actions, a board with parts, a programme.

    The SCB has an Executive and a QA Sub Group (which reports to the Executive); the Independent Chair
    chairs the SCB and escalates to the DCS; the Chair of QA only chairs QA (drawn inside its box).
    Actions: 1 RED (due 2020-01-31, led by Head of Fieldwork, WP WS1P1WP1), 2 AMBER (shares the WP,
    joint lead), 3 GREEN depends on 1, 4 BLUE, 5 no rating with the nasty text, 6 GREY.
    The Executive monitors 1, 2, 3, 5; QA monitors 4 and 6; the nasty board monitors 5 but has no line.
    `reverse=True` adds everything in the opposite order (the DOT must not change).
    """
    b = VB()
    nodes: list[tuple[type, str, dict[str, Any]]] = [
        (Authority, "a", {"name": "Northmoor"}),
        (Plan, "p/plan", {"name": "Northmoor Improvement Plan", "title": "Northmoor Improvement Plan"}),
        (Recommendation, "p/rec/17", {"ref": "17", "text": "Strengthen management oversight of casework"}),
        (Recommendation, "p/rec/18", {"ref": "18", "text": NASTY}),
        (Recommendation, "p/rec/31", {"ref": "31", "text": "Listen to children and act on what they say"}),
        (Action, "p/act/1", {"ref": "1", "rag": "RED", "due": "2020-01-31",
                             "text": "Audit every open case file monthly and report the findings to the "
                                     "Executive with a plan for each case that falls short of the standard"}),
        (Action, "p/act/2", {"ref": "2", "rag": "AMBER", "due": "2020-03-31", "text": "Supervision policy"}),
        (Action, "p/act/3", {"ref": "3", "rag": "GREEN", "due": "2019-12-31", "text": "Assessment dashboard"}),
        (Action, "p/act/4", {"ref": "4", "rag": "BLUE", "text": "Children's panel set up"}),
        (Action, "p/act/5", {"ref": "5", "text": NASTY}),
        (Action, "p/act/6", {"ref": "6", "rag": "GREY", "due": "2020-06", "text": "Exit interviews"}),
        (Role, "role/head-of-fieldwork", {"name": "Head of Fieldwork"}),
        (Role, "role/head-of-lac", {"name": "Head of LAC"}),
        (Role, "role/independent-chair", {"name": "Independent Chair"}),
        (Role, "role/chair-of-qa", {"name": "Chair of QA"}),
        (Role, "role/dcs", {"name": "Director of Children's Services", "aliases": ["DCS"]}),
        (Role, "role/nasty", {"name": NASTY}),
        (Board, "board/scb", {"name": "Safeguarding Children Board", "aliases": ["SCB"]}),
        (Board, "board/exec", {"name": "SCB Executive", "kind": "executive"}),
        (Board, "board/qa", {"name": "QA Sub Group", "kind": "sub_group"}),
        (Board, "board/nasty", {"name": NASTY, "kind": "panel"}),
        (Programme, "prog", {"name": "Improvement Programme", "ref": "IP"}),
        (Workstream, "prog/WS1", {"name": "IP WS1", "ref": "WS1"}),
        (Project, "prog/WS1P1", {"name": "IP WS1P1", "ref": "WS1P1"}),
        (WorkPackage, "prog/WS1P1WP1", {"name": "IP WS1P1WP1", "ref": "WS1P1WP1"}),
        (Project, "prog/WS1P2", {"name": "IP WS1P2", "ref": "WS1P2"}),
    ]
    edges = [
        ("p/plan", "HAS_RECOMMENDATION", "p/rec/17"), ("p/plan", "HAS_RECOMMENDATION", "p/rec/18"),
        ("p/plan", "HAS_RECOMMENDATION", "p/rec/31"),
        ("p/act/1", "ADDRESSES", "p/rec/17"), ("p/act/2", "ADDRESSES", "p/rec/17"),
        ("p/act/3", "ADDRESSES", "p/rec/18"), ("p/act/4", "ADDRESSES", "p/rec/31"),
        ("p/act/5", "ADDRESSES", "p/rec/18"), ("p/act/6", "ADDRESSES", "p/rec/31"),
        ("p/act/3", "DEPENDS_ON", "p/act/1"),
        ("p/act/1", "DELIVERED_BY", "prog/WS1P1WP1"), ("p/act/2", "DELIVERED_BY", "prog/WS1P1WP1"),
        ("p/act/4", "DELIVERED_BY", "prog/WS1P2"),
        ("prog/WS1P1WP1", "PART_OF", "prog/WS1P1"), ("prog/WS1P1", "PART_OF", "prog/WS1"),
        ("prog/WS1P2", "PART_OF", "prog/WS1"), ("prog/WS1", "PART_OF", "prog"),
        ("role/head-of-fieldwork", "LEADS", "p/act/1"), ("role/head-of-fieldwork", "LEADS", "p/act/2"),
        ("role/head-of-lac", "LEADS", "p/act/2"), ("role/head-of-lac", "LEADS", "p/act/3"),
        ("role/nasty", "LEADS", "p/act/5"),
        ("board/exec", "MONITORS", "p/act/1"), ("board/exec", "MONITORS", "p/act/2"),
        ("board/exec", "MONITORS", "p/act/3"), ("board/exec", "MONITORS", "p/act/5"),
        ("board/qa", "MONITORS", "p/act/4"), ("board/qa", "MONITORS", "p/act/6"),
        ("board/nasty", "MONITORS", "p/act/5"), ("board/exec", "MONITORS", "p/plan"),
        ("board/qa", "REPORTS_TO", "board/exec"), ("board/qa", "PART_OF", "board/scb"),
        ("board/exec", "PART_OF", "board/scb"),
        ("role/independent-chair", "CHAIRS", "board/scb"), ("role/chair-of-qa", "CHAIRS", "board/qa"),
        ("role/independent-chair", "ESCALATES_TO", "role/dcs"),
    ]
    numbered_nodes = [(i + 1, n) for i, n in enumerate(nodes)]
    numbered_edges = [(len(nodes) + i + 1, e) for i, e in enumerate(edges)]
    if reverse:  # same facts, same source lines, opposite insertion order
        numbered_nodes, numbered_edges = numbered_nodes[::-1], numbered_edges[::-1]
    for line, (cls, nid, kw) in numbered_nodes:
        b.add(cls, nid, source_line=line, **kw)
    for line, (s, rel, t) in numbered_edges:
        b.gg.add_edge(Edge(source=s, target=t, type=rel, source_file=b.doc, source_line=line,
                           quote=f'{s} {rel.lower()} {t} "said" <b>'))
    return b.gg


def big_board_graph(actions: int = 60, recs: int = 12) -> GovGraph:
    """One board monitoring many actions over many recommendations (for the summarising rules)."""
    b = VB()
    b.add(Authority, "a", name="Bigshire")
    b.add(Plan, "p/plan", name="Big plan", title="Big plan")
    board = b.add(Board, "board/big", name="Big Board")
    rags = ["RED", "AMBER", "GREEN", "GREEN", "BLUE"]
    for r in range(1, recs + 1):
        b.add(Recommendation, f"p/rec/{r}", ref=str(r), text=f"Area {r}")
        b.link("p/plan", "HAS_RECOMMENDATION", f"p/rec/{r}")
    for i in range(1, actions + 1):
        a = b.add(Action, f"p/act/{i}", ref=str(i), rag=rags[i % len(rags)], text=f"Do thing {i}")
        b.link(a, "ADDRESSES", f"p/rec/{1 + i % recs}").link(board, "MONITORS", a)
    return b.gg


# ---- one case or more per diagram kind, on small_graph() ------------------------------------------------
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "governance": ("governance", {}),
    "accountability_board": ("accountability", {"board": "SCB", "with_parts": True}),
    "accountability_lead": ("accountability", {"lead": "Head of LAC"}),
    "impact": ("impact", {"node": "p/act/1"}),
    "blockers": ("blockers", {}),
    "programme": ("programme", {"show_actions": True}),
}
"""Golden name -> (kind in govgraph.viz.kinds.DIAGRAMS, option values). The golden, render and CLI tests
run every case; test_viz_golden checks that every kind in the registry has one."""


# ---- what the tests need from the machine ---------------------------------------------------------
import datetime as dt  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402

AS_OF = dt.date(2020, 2, 15)
"""Goldens need a fixed title date."""
HAS_DOT = shutil.which("dot") is not None
HAS_CHROMIUM = any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz `dot` is not installed")
needs_chromium = pytest.mark.skipif(not (HAS_CHROMIUM and HAS_DOT),
                                    reason="headless Chromium (and Graphviz) are needed for the board pack test")
