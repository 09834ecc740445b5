"""Issue 5: every named question's Cypher twin, run on a real Bolt server, gives the embedded answer.

On the hand-drawn edge-case graphs (cycles, joint leads, missing dates, ambiguous names) and on the
corpus, with the cases each question's spec draws from the graph (`QuerySpec.cases`): a new question is
checked here without a line added. Answers are compared exactly, as `model_dump` JSON: same items, same
order, same paths.

The twins' answers are asked from a few threads at once (each a round trip or many, mostly waiting on
the server), and the corpus is pushed once for the tests that read it.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Collection
from typing import Any
from concurrent.futures import ThreadPoolExecutor

import pytest
from bolt_db import counts, load
from graphs import QG, blockers_graph, delivery_graph, governance_graph, route_graph

from govgraph.model.graph import GovGraph
from govgraph.neo4j import sockets, twins
from govgraph.neo4j.connection import Settings
from govgraph.neo4j.remote import Remote
from govgraph.queries import impact, path
from govgraph.queries._example import demo_graph
from govgraph.queries.registry import QUERIES
from govgraph.queries.spec import Case, Sample


THREADS = 4
URI = ""
"""The server's URI (set by `_uri`), for the TCP poke before the threads open their connections."""


def kind(gg: GovGraph, name: str, case: Case) -> tuple[Any, ...]:
    """What sort of call `case` is: the question, the variant, and for each argument its kind: a node's
    label for a node id, "date" for a date, else the value itself (a flag, a choice such as rollup's `by`)."""
    def of(value: Any) -> Any:
        if isinstance(value, str) and value in gg.g:
            return gg.g.nodes[value].get("label")
        if isinstance(value, dt.date):
            return "date"
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
                return "date"
            except ValueError:
                return value
        return value

    return (name, case.variant, tuple(of(a) for a in case.args),
            tuple(sorted((k, of(v)) for k, v in case.kwargs.items())))


def covering(gg: GovGraph, asked: list[tuple[str, Any, Case]], wants: list[Any],
             per_kind: int, questions: Collection[str] = ()) -> list[int]:
    """Which cases to ask the server: for each kind of call (`kind`), the one with the largest embedded
    answer and the one with the smallest (`per_kind` = 2), so each question is asked with every kind of
    argument, with answers that say the most and the least. Only `questions` are thinned, when given."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, (name, _, case) in enumerate(asked):
        groups.setdefault(kind(gg, name, case) if not questions or name in questions else (i,), []).append(i)
    keep: set[int] = set()
    for members in groups.values():
        by_size = sorted(members, key=lambda i: (len(json.dumps(wants[i], sort_keys=True)), i))
        keep.update([by_size[-1], by_size[0]][:per_kind])
    return sorted(keep)


def check(remote: Remote, gg: GovGraph, sample: int | None = None, per_kind: int | None = None,
          thin: Collection[str] = ()) -> dict[str, int]:
    """Every question's cases (`QuerySpec.cases`, drawn from `gg`; a random sample of starts if `sample`),
    or with `per_kind` only the covering ones (`covering`; of the `thin` questions only, when given)."""
    seen: dict[str, int] = {}
    asked = [(name, spec, case) for name, spec in QUERIES.items() for case in spec.cases(Sample(gg, sample))]
    wants = [spec.answer(gg, case).model_dump(mode="json") for _, spec, case in asked]
    if per_kind is not None:
        chosen = covering(gg, asked, wants, per_kind, thin)
        asked, wants = [asked[i] for i in chosen], [wants[i] for i in chosen]
    sockets.reach(URI, 2.0)  # FalkorDB: absorbs the hung handshake a new pooled connection may meet
    with ThreadPoolExecutor(THREADS) as pool:
        gots = list(pool.map(lambda a: a[1].answer(remote, a[2], remote=True).model_dump(mode="json"), asked))
    failures = []
    for (name, _, case), want, got in zip(asked, wants, gots):
        seen[name] = seen.get(name, 0) + 1
        if want != got:
            failures.append((name, case, want, got))
    assert not failures, "\n".join(f"{n} {c}:\n  embedded {w}\n  twin     {g}" for n, c, w, g in failures[:3])
    assert set(seen) == set(QUERIES), f"questions not exercised: {set(QUERIES) - set(seen)}"
    return seen


@pytest.fixture(scope="module", autouse=True)
def _uri(bolt_settings: Settings) -> None:
    global URI
    URI = bolt_settings.uri


@pytest.fixture
def corpus_on_server(remote: Remote, corpus_graph: GovGraph) -> GovGraph:
    """The corpus on the server, pushed only when the server does not hold a graph of its size already
    (the tests that use this only read it, so the second one finds it there)."""
    if counts(remote) != (corpus_graph.g.number_of_nodes(), corpus_graph.g.number_of_edges()):
        load(remote, corpus_graph)
    return corpus_graph


@pytest.mark.parametrize("build", [demo_graph, blockers_graph, governance_graph, delivery_graph, route_graph],
                         ids=["demo", "blockers", "governance", "delivery", "route"])
def test_twins_match_embedded_on_edge_case_graphs(remote: Remote, build: Callable[[], GovGraph]) -> None:
    """Every case of every question, except `path`: not every pair of nodes (276 on the blockers graph, each
    a dozen round trips) but, for every pair of labels, the longest answer and the shortest (`covering`)."""
    gg = build()
    load(remote, gg)
    check(remote, gg, per_kind=2, thin=("path",))


def test_overdue_twin_judges_each_plan_as_of_its_date(remote: Remote) -> None:
    """Plans stating a date, one judged by progress, one by today (flagged), an action in two plans."""
    from test_overdue import dated_graph

    gg = dated_graph()
    load(remote, gg)
    seen = check(remote, gg, per_kind=2, thin=("path",))  # as on the edge-case graphs
    assert seen["overdue"] >= 12


def test_twins_match_embedded_on_the_corpus(remote: Remote, corpus_on_server: GovGraph) -> None:
    """Sampled starts (6 of each label), then the covering cases of those (`covering`): every question
    with every kind of argument, about 80 calls of the 140."""
    seen = check(remote, corpus_on_server, sample=6, per_kind=2)
    assert seen["impact"] >= 12 and seen["path"] >= 5


def test_long_paths_have_no_cap(remote: Remote, corpus_on_server: GovGraph) -> None:
    """The twin walks layer by layer from the client, so distance is not bounded by a pattern length."""
    corpus_graph = corpus_on_server
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
