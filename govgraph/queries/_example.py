"""A tiny hand-drawn plan used by the query docstrings (run as doctests) and the README's query examples.

Three areas for improvement: 17 is addressed by a RED action (1); 18 by an action (2) sharing work
package WS1P1WP1 with it; 23 by an action (3) that depends on it; 31 has no action at all.
The QA Sub Group reports to the Executive, both are part of the Safeguarding Board, whose chair
escalates to the Director of Children's Services.
"""
from __future__ import annotations

from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Board, Plan, Project, Recommendation, Role, WorkPackage, Workstream

SRC = "demo.txt"


def demo_graph() -> GovGraph:
    """Build the demo graph afresh (callers may mutate it)."""
    g = GovGraph()
    line = iter(range(1, 1000))
    for node in (
        Plan(id="demo/plan", name="Demo improvement plan", source_file=SRC, source_line=next(line)),
        Recommendation(id="demo/rec/17", ref="17", ofsted_paragraphs=[17, 57], text="Strengthen management oversight",
                       source_file=SRC, source_line=next(line)),
        Recommendation(id="demo/rec/18", ref="18", ofsted_paragraphs=[18], text="Improve supervision",
                       source_file=SRC, source_line=next(line)),
        Recommendation(id="demo/rec/23", ref="23", ofsted_paragraphs=[23], text="Timely assessments",
                       source_file=SRC, source_line=next(line)),
        Recommendation(id="demo/rec/31", ref="31", ofsted_paragraphs=[31], text="Listen to children",
                       source_file=SRC, source_line=next(line)),
        Action(id="demo/action/1", ref="1", text="Audit case files monthly", rag="RED", due="2020-01-31",
               source_file=SRC, source_line=next(line)),
        Action(id="demo/action/2", ref="2", text="Supervision policy", rag="AMBER", due="2020-03-31",
               source_file=SRC, source_line=next(line)),
        Action(id="demo/action/3", ref="3", text="Assessment timeliness dashboard", rag="GREEN",
               due="2019-12-31", source_file=SRC, source_line=next(line)),
        Role(id="demo/role/head-of-fieldwork", name="Head of Fieldwork", source_file=SRC, source_line=next(line)),
        Role(id="demo/role/head-of-lac", name="Head of LAC", source_file=SRC, source_line=next(line)),
        Role(id="demo/role/independent-chair", name="Independent Chair", source_file=SRC, source_line=next(line)),
        Role(id="demo/role/dcs", name="Director of Children's Services", aliases=["DCS"], source_file=SRC,
             source_line=next(line)),
        Board(id="demo/board/scb", name="Safeguarding Board", source_file=SRC, source_line=next(line)),
        Board(id="demo/board/executive", name="Executive", kind="executive", source_file=SRC,
              source_line=next(line)),
        Board(id="demo/board/qa-sub-group", name="QA Sub Group", aliases=["Quality Assurance Sub Group"],
              kind="sub_group", source_file=SRC, source_line=next(line)),
        Workstream(id="demo/ws/1", ref="WS1", name="Practice", source_file=SRC, source_line=next(line)),
        Project(id="demo/project/ws1p1", ref="WS1P1", name="WS1P1", source_file=SRC, source_line=next(line)),
        WorkPackage(id="demo/wp/ws1p1wp1", ref="WS1P1WP1", name="WS1P1WP1", source_file=SRC,
                    source_line=next(line)),
    ):
        g.add_node(node)
    for s, rel, t in (
        ("demo/plan", "HAS_RECOMMENDATION", "demo/rec/17"),
        ("demo/plan", "HAS_RECOMMENDATION", "demo/rec/18"),
        ("demo/plan", "HAS_RECOMMENDATION", "demo/rec/23"),
        ("demo/plan", "HAS_RECOMMENDATION", "demo/rec/31"),
        ("demo/action/1", "ADDRESSES", "demo/rec/17"),
        ("demo/action/2", "ADDRESSES", "demo/rec/18"),
        ("demo/action/3", "ADDRESSES", "demo/rec/23"),
        ("demo/action/3", "DEPENDS_ON", "demo/action/1"),
        ("demo/action/1", "DELIVERED_BY", "demo/wp/ws1p1wp1"),
        ("demo/action/2", "DELIVERED_BY", "demo/wp/ws1p1wp1"),
        ("demo/wp/ws1p1wp1", "PART_OF", "demo/project/ws1p1"),
        ("demo/project/ws1p1", "PART_OF", "demo/ws/1"),
        ("demo/role/head-of-fieldwork", "LEADS", "demo/action/1"),
        ("demo/role/head-of-fieldwork", "LEADS", "demo/action/2"),
        ("demo/role/head-of-lac", "LEADS", "demo/action/2"),
        ("demo/board/executive", "MONITORS", "demo/action/1"),
        ("demo/board/executive", "MONITORS", "demo/action/2"),
        ("demo/board/qa-sub-group", "REPORTS_TO", "demo/board/executive"),
        ("demo/board/qa-sub-group", "PART_OF", "demo/board/scb"),
        ("demo/board/executive", "PART_OF", "demo/board/scb"),
        ("demo/role/independent-chair", "CHAIRS", "demo/board/scb"),
        ("demo/role/independent-chair", "ESCALATES_TO", "demo/role/dcs"),
    ):
        g.add_edge(Edge(source=s, target=t, type=rel, source_file=SRC, source_line=next(line),
                        quote=f"{s.rsplit('/', 1)[-1]} {rel.lower()} {t.rsplit('/', 1)[-1]}"))
    return g
