"""Hand-drawn tiny graphs for the question tests (issue 3). Readable ids: `p/act/1`, `board/exec`.

Imported directly (`from graphs import ...`): tests/queries is on sys.path under pytest's default
import mode. The lint tests' `Builder` lives in conftest.py; this one is separate on purpose.
"""
from __future__ import annotations

import itertools
from typing import Any

from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import (Action, Board, Person, Plan, Project, Recommendation, Role, WorkPackage,
                                  Workstream)


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-").replace("'", "")


class QG:
    """A graph under construction; every node and edge gets its own source line."""

    def __init__(self, doc: str = "p.txt") -> None:
        self.gg = GovGraph()
        self.doc = doc
        self._line = itertools.count(1)

    def _add(self, cls: type, nid: str, **kw: Any) -> str:
        kw.setdefault("source_file", self.doc)
        kw.setdefault("source_line", next(self._line))
        return self.gg.add_node(cls(id=nid, **kw))

    def plan(self, key: str, name: str | None = None) -> str:
        return self._add(Plan, f"{key}/plan", name=name or f"Plan {key}")

    def rec(self, ref: str, key: str = "p", **kw: Any) -> str:
        return self._add(Recommendation, f"{key}/rec/{ref}", ref=ref, text=kw.pop("text", f"Area {ref}"), **kw)

    def act(self, ref: str, rag: str = "GREEN", key: str = "p", **kw: Any) -> str:
        return self._add(Action, f"{key}/act/{ref}", ref=ref, rag=rag, text=kw.pop("text", f"Do {ref}"), **kw)

    def role(self, name: str, **kw: Any) -> str:
        return self._add(Role, f"role/{_slug(name)}", name=name, **kw)

    def person(self, initials: str) -> str:
        return self._add(Person, f"person/{initials.lower()}", name=initials, initials=initials)

    def board(self, name: str, **kw: Any) -> str:
        return self._add(Board, f"board/{_slug(name)}", name=name, **kw)

    def wp(self, ref: str) -> str:
        return self._add(WorkPackage, f"wp/{ref.lower()}", ref=ref, name=ref)

    def project(self, ref: str) -> str:
        return self._add(Project, f"project/{ref.lower()}", ref=ref, name=ref)

    def workstream(self, ref: str, name: str) -> str:
        return self._add(Workstream, f"ws/{ref.lower()}", ref=ref, name=name)

    def link(self, source: str, rel: str, target: str, quote: str | None = None) -> "QG":
        self.gg.add_edge(Edge(source=source, target=target, type=rel, source_file=self.doc,
                              source_line=next(self._line), quote=quote or f"{source} {rel} {target}"))
        return self


def blockers_graph() -> GovGraph:
    """RED 1 addresses 17; 2 shares WP1 with 1 (-> 18); 3 depends on 1, 4 on 3 (-> 23, 26);
    RED 5 and RED 6 both address 31 (two blockers); 7 is delivered by project P2 with RED 6 (-> 40);
    8 and 9 depend on each other and 9 on RED 1 (a cycle, -> 44); GREEN 10 blocks nothing (-> 50).
    Plan q holds 40 and 44; the rest are plan p's. Board Exec monitors 1; Head of LAC leads 6."""
    q = QG()
    pp, pq = q.plan("p"), q.plan("q")
    recs = {r: q.rec(r) for r in ("17", "18", "23", "26", "31", "40", "44", "50")}
    for r, rid in recs.items():
        q.link(pq if r in ("40", "44") else pp, "HAS_RECOMMENDATION", rid)
    a = {n: q.act(n, rag) for n, rag in (("1", "RED"), ("2", "AMBER"), ("3", "GREEN"), ("4", "AMBER"),
                                         ("5", "RED"), ("6", "RED"), ("7", "GREEN"), ("8", "GREEN"),
                                         ("9", "GREEN"), ("10", "GREEN"))}
    wp1, p2 = q.wp("WS1P1WP1"), q.project("WS2P2")
    for act, rec in (("1", "17"), ("2", "18"), ("3", "23"), ("4", "26"), ("5", "31"), ("6", "31"),
                     ("7", "40"), ("8", "44"), ("10", "50")):
        q.link(a[act], "ADDRESSES", recs[rec])
    q.link(a["1"], "DELIVERED_BY", wp1).link(a["2"], "DELIVERED_BY", wp1)
    q.link(a["6"], "DELIVERED_BY", p2).link(a["7"], "DELIVERED_BY", p2)
    q.link(a["3"], "DEPENDS_ON", a["1"]).link(a["4"], "DEPENDS_ON", a["3"])
    q.link(a["8"], "DEPENDS_ON", a["9"]).link(a["9"], "DEPENDS_ON", a["8"]).link(a["9"], "DEPENDS_ON", a["1"])
    q.link(q.board("Exec"), "MONITORS", a["1"])
    q.link(q.role("Head of LAC"), "LEADS", a["6"])
    return q.gg


def governance_graph() -> GovGraph:
    """QA Sub Group reports to Exec and is part of the SCB; Exec is part of the SCB; the SCB's
    Independent Chair escalates to the DCS, who reports to the Chief Executive (the top).
    Loop: Panel A reports to Panel B, Panel B escalates to Panel A. Orphan Forum: no route up.
    Chair of QA (a role) chairs QA Sub Group but escalates nowhere itself."""
    q = QG()
    qa, ex, scb = q.board("QA Sub Group", kind="sub_group"), q.board("Exec", kind="executive"), q.board("SCB")
    chair, dcs, ce = q.role("Independent Chair"), q.role("DCS", aliases=["Director of Children's Services"]), \
        q.role("Chief Executive")
    q.link(qa, "REPORTS_TO", ex, quote="sub groups providing written updates to the Exec")
    q.link(qa, "PART_OF", scb).link(ex, "PART_OF", scb)
    q.link(chair, "CHAIRS", scb).link(chair, "ESCALATES_TO", dcs, quote="chair will escalate to the DCS")
    q.link(dcs, "REPORTS_TO", ce)
    q.link(q.role("Chair of QA"), "CHAIRS", qa)
    pa, pb = q.board("Panel A"), q.board("Panel B")
    q.link(pa, "REPORTS_TO", pb).link(pb, "ESCALATES_TO", pa)
    q.board("Forum")
    return q.gg


def delivery_graph() -> GovGraph:
    """Two leads and a board over five actions, a programme structure and assorted due dates.

    Head of Fieldwork leads 1 (RED, due 2024-01-31) and 2 (AMBER, due 2024-03, joint with Head of LAC);
    Head of LAC leads 3 (GREEN, due 2023-12-01, done so never late); 4 (GREY, no due date, no lead);
    person KP leads 5 (UNKNOWN, due 'summer', unreadable). Board Exec monitors 1 and 3 and plan p.
    1 and 2 address 17; 3 addresses 18; 4 and 5 address nothing; 19 has no action.
    WP WS1P1WP1 (in project WS1P1, in workstream Practice) delivers 1; project WS1P1 delivers 3.
    """
    q = QG()
    pp = q.plan("p")
    r17, r18, r19 = q.rec("17"), q.rec("18"), q.rec("19")
    for r in (r17, r18, r19):
        q.link(pp, "HAS_RECOMMENDATION", r)
    a1 = q.act("1", "RED", due="2024-01-31")
    a2 = q.act("2", "AMBER", due="2024-03")
    a3 = q.act("3", "GREEN", due="2023-12-01")
    q.act("4", "GREY")
    a5 = q.act("5", "UNKNOWN", due="summer")
    hf, hl, kp = q.role("Head of Fieldwork"), q.role("Head of LAC"), q.person("KP")
    ex = q.board("Exec")
    q.link(hf, "LEADS", a1).link(hf, "LEADS", a2).link(hl, "LEADS", a2).link(hl, "LEADS", a3).link(kp, "LEADS", a5)
    q.link(ex, "MONITORS", a1).link(ex, "MONITORS", a3).link(ex, "MONITORS", pp)
    q.link(a1, "ADDRESSES", r17).link(a2, "ADDRESSES", r17).link(a3, "ADDRESSES", r18)
    wp, pr, ws = q.wp("WS1P1WP1"), q.project("WS1P1"), q.workstream("WS1", "Practice")
    q.link(wp, "PART_OF", pr).link(pr, "PART_OF", ws).link(a1, "DELIVERED_BY", wp).link(a3, "DELIVERED_BY", pr)
    q.link(q.role("Chair of Exec"), "CHAIRS", ex)
    return q.gg


def copies_graph(copies: int, recs: int = 20, per_rec: int = 6) -> GovGraph:
    """`copies` disjoint programmes alike (each: recommendations with actions, every third RED, 7 work
    packages shared, a board, dependency chains), so the answer grows exactly with `copies`."""
    q = QG()
    for c in range(copies):
        key = f"c{c}"
        pp, board = q.plan(key), q.board(f"Exec {c}")
        wps = [q.wp(f"C{c}WS1P{i}WP1") for i in range(7)]
        leads = [q.role(f"Lead {c}-{i}") for i in range(5)]
        prev = None
        for r in range(recs):
            rid = q.rec(str(r + 1), key=key)
            q.link(pp, "HAS_RECOMMENDATION", rid)
            for k in range(per_rec):
                n = r * per_rec + k
                aid = q.act(str(n), "RED" if n % 3 == 0 else "AMBER", key=key)
                q.link(aid, "ADDRESSES", rid).link(aid, "DELIVERED_BY", wps[n % len(wps)])
                q.link(leads[n % len(leads)], "LEADS", aid).link(board, "MONITORS", aid)
                if prev is not None and n % 2:
                    q.link(aid, "DEPENDS_ON", prev)
                prev = aid
    return q.gg


def route_graph() -> GovGraph:
    """Fernhill (fictional), the demo QA Sub Group's shape for the route tree (issue 13).

    Sub Group reports AND escalates to Exec (parallel links), is part of the Safeguarding Board and is
    chaired by Sub Chair, who has no line upward. Exec is part of AND reports to the Board. The Board's
    Independent Chair escalates to the Director, who escalates back to the chair (a cycle), reports to
    the Improvement Board and to the Chief Executive. The Improvement Board is chaired by the Chief
    Executive and escalates to Cabinet; the Chief Executive reports to Cabinet, the top, chaired by the
    Leader, who has no line upward."""
    q = QG("fernhill.txt")
    sub, ex, sb = q.board("Sub Group", kind="sub_group"), q.board("Exec", kind="executive"), \
        q.board("Safeguarding Board")
    imp, cab = q.board("Improvement Board"), q.board("Cabinet")
    chair, director, ce = q.role("Independent Chair"), q.role("Director"), q.role("Chief Executive")
    q.link(sub, "REPORTS_TO", ex).link(sub, "ESCALATES_TO", ex).link(sub, "PART_OF", sb)
    q.link(q.role("Sub Chair"), "CHAIRS", sub)
    q.link(ex, "PART_OF", sb).link(ex, "REPORTS_TO", sb)
    q.link(chair, "CHAIRS", sb).link(chair, "ESCALATES_TO", director).link(director, "ESCALATES_TO", chair)
    q.link(director, "REPORTS_TO", imp).link(director, "REPORTS_TO", ce)
    q.link(ce, "CHAIRS", imp).link(imp, "ESCALATES_TO", cab).link(ce, "REPORTS_TO", cab)
    q.link(q.role("Leader"), "CHAIRS", cab)
    return q.gg
