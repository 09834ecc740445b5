"""Issue 5: every named question's Cypher twin, run on a real Bolt server, gives the embedded answer.

On the hand-drawn edge-case graphs (cycles, joint leads, missing dates, ambiguous names) and on the
corpus. Answers are compared exactly, as `model_dump` JSON: same items, same order, same paths.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from bolt_db import load
from graphs import QG, blockers_graph, delivery_graph, governance_graph, route_graph

from govgraph.model.graph import GovGraph
from govgraph.neo4j import twins
from govgraph.neo4j.remote import Remote
from govgraph.queries import accountability, blockers, escalation, gaps, impact, overdue, path, rollup
from govgraph.queries._example import demo_graph
from govgraph.queries.registry import QUERIES
from govgraph.queries.rollup import BY_VALUES

Case = tuple[str, Callable[..., Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]


def cases(gg: GovGraph, sample: int | None = None) -> Iterator[Case]:
    """Every question over `gg` with arguments drawn from it (a random sample of starts if `sample`)."""
    rng = random.Random(5)

    def pick(ids: list[str]) -> list[str]:
        return ids if sample is None or len(ids) <= sample else sorted(rng.sample(ids, sample))

    by_label = {lab: gg.ids(lab) for lab in ("Action", "Board", "Role", "Person", "Plan", "WorkPackage", "Project")}
    yield "blockers", blockers.blockers, twins.blockers, (), {}
    for b in pick(by_label["Board"])[:3]:
        yield "blockers", blockers.blockers, twins.blockers, (), {"board": b}
        yield "blockers", blockers.blockers, twins.blockers, (), {"board": b, "with_parts": True}
    for lead in pick(by_label["Role"])[:3]:
        yield "blockers", blockers.blockers, twins.blockers, (), {"lead": lead}
    for p in by_label["Plan"]:
        yield "blockers", blockers.blockers, twins.blockers, (), {"plan": p}
    starts = pick(by_label["Action"]) + pick(by_label["WorkPackage"] + by_label["Project"]) + \
        pick(by_label["Board"]) + pick(by_label["Role"] + by_label["Person"])
    for s in starts:
        yield "impact", impact.impact, twins.impact, (s,), {}
        yield "impact", impact.impact, twins.impact, (s,), {"depth": 1}
    for s in pick(by_label["Board"] + by_label["Role"]):
        yield "escalation", escalation.escalation, twins.escalation, (s,), {}
        yield "escalation", escalation.escalation, twins.escalation, (s,), {"down": True}
    yield "escalation", lambda g: escalation.escalation_lines(g), twins.escalation_lines, (), {}
    for s in pick(by_label["Role"] + by_label["Person"] + by_label["Board"]):
        yield "accountability", accountability.accountability, twins.accountability, (s,), {}
    for day in ("2000-01-01", "2014-06-30", "2015-06-30", "2020-02-15", "2024-02-01", "2024-04-02", "2030-01-01"):
        yield "overdue", overdue.overdue, twins.overdue, (day,), {}
    for where in ({}, *({"plan": p} for p in by_label["Plan"]), *({"lead": r} for r in pick(by_label["Role"])[:3]),
                  *({"board": b, "with_parts": parts} for b in pick(by_label["Board"])[:3] for parts in (False, True))):
        yield "overdue", overdue.overdue, twins.overdue, (), {"today": dt.date(2024, 3, 1), **where}
    for by in BY_VALUES:
        yield "rollup", rollup.rollup, twins.rollup, (by,), {}
    yield "gaps", gaps.gaps, twins.gaps, (), {}
    ids = sorted(nid for nid, _ in gg.nodes())
    pairs = [(a, b) for a in ids for b in ids if a < b]
    for a, b in (pairs if sample is None else rng.sample(pairs, min(len(pairs), sample * 4))):
        yield "path", path.path, twins.path, (a, b), {}


def check(remote: Remote, gg: GovGraph, sample: int | None = None) -> dict[str, int]:
    seen: dict[str, int] = {}
    failures = []
    for name, embedded, twin, args, kwargs in cases(gg, sample):
        want = embedded(gg, *args, **kwargs).model_dump(mode="json")
        got = twin(remote, *args, **kwargs).model_dump(mode="json")
        seen[name] = seen.get(name, 0) + 1
        if want != got:
            failures.append((name, args, kwargs, want, got))
    assert not failures, "\n".join(f"{n}{a}{k}:\n  embedded {w}\n  twin     {g}" for n, a, k, w, g in failures[:3])
    assert set(seen) == set(QUERIES), f"questions not exercised: {set(QUERIES) - set(seen)}"
    return seen


@pytest.mark.parametrize("build", [demo_graph, blockers_graph, governance_graph, delivery_graph, route_graph],
                         ids=["demo", "blockers", "governance", "delivery", "route"])
def test_twins_match_embedded_on_edge_case_graphs(remote: Remote, build: Callable[[], GovGraph]) -> None:
    gg = build()
    load(remote, gg)
    check(remote, gg)


def test_overdue_twin_judges_each_plan_as_of_its_date(remote: Remote) -> None:
    """Plans stating a date, one judged by progress, one by today (flagged), an action in two plans."""
    from test_overdue import dated_graph

    gg = dated_graph()
    load(remote, gg)
    seen = check(remote, gg)
    assert seen["overdue"] >= 12


def test_twins_match_embedded_on_the_corpus(remote: Remote, corpus_graph: GovGraph) -> None:
    load(remote, corpus_graph)
    seen = check(remote, corpus_graph, sample=6)
    assert seen["impact"] >= 12 and seen["path"] >= 5


def test_long_paths_have_no_cap(remote: Remote, corpus_graph: GovGraph) -> None:
    """The twin walks layer by layer from the client, so distance is not bounded by a pattern length."""
    load(remote, corpus_graph)
    ids = sorted(nid for nid, _ in corpus_graph.nodes())
    rng = random.Random(11)
    far = next(((a, b) for a, b in (rng.sample(ids, 2) for _ in range(2000))
                if len(path.path(corpus_graph, a, b).steps) > 8), None)
    assert far, "the corpus has pairs more than 8 links apart"
    want = path.path(corpus_graph, *far)
    assert twins.path(remote, *far).model_dump() == want.model_dump()


def chain_graph(n: int = 12) -> GovGraph:
    """Actions 1..n, each depending on the one before, sharing packages in pairs, each addressing a
    recommendation held by one plan that a board monitors: impact from 1 reaches depth n and beyond."""
    q = QG()
    plan, board = q.plan("p"), q.board("Improvement Board")
    q.link(board, "MONITORS", plan)
    prev = None
    for i in range(1, n + 1):
        act, rec = q.act(str(i), "RED" if i == 1 else "AMBER"), q.rec(str(i))
        q.link(act, "ADDRESSES", rec).link(plan, "HAS_RECOMMENDATION", rec)
        if prev:
            q.link(act, "DEPENDS_ON", prev)
        if i % 2 == 0:
            wp = q.wp(f"WS1P1WP{i}")
            q.link(prev, "DELIVERED_BY", wp).link(act, "DELIVERED_BY", wp)  # type: ignore[arg-type]
        prev = act
    return q.gg


def test_deep_impact_has_no_cap(remote: Remote) -> None:
    gg = chain_graph()
    load(remote, gg)
    want = impact.impact(gg, "p/act/1")
    assert max(len(i.path) for i in want.items) > 7
    assert twins.impact(remote, "p/act/1").model_dump() == want.model_dump()
    assert twins.impact(remote, "p/act/1", depth=3).model_dump() == impact.impact(gg, "p/act/1", 3).model_dump()
