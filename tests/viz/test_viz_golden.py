"""Golden DOT for each diagram kind (issue 4) on the small fixture graph, and stable output.

Regenerate after a deliberate change with `GOVGRAPH_UPDATE_GOLDEN=1 pytest tests/viz`, then read the
diff: it is the whole change in what the diagrams say.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from vizgraphs import AS_OF, CASES, small_graph

from govgraph.model.graph import GovGraph
from govgraph.viz.diagram import Diagram, DiagramOptions
from govgraph.viz.kinds import DIAGRAMS

GOLDEN = Path(__file__).resolve().parent / "golden"
OPTS = DiagramOptions(as_of=AS_OF)


def draw(case: str, g: GovGraph) -> Diagram:
    """The case's diagram, built through the registry as the CLI builds it."""
    kind, values = CASES[case]
    return DIAGRAMS[kind].draw(g, OPTS, values)


KINDS = {case: (lambda g, case=case: draw(case, g)) for case in CASES}
"""Case name -> a builder on a graph (test_viz_render draws the same cases)."""


def test_every_kind_has_a_case_and_a_golden() -> None:
    assert {kind for kind, _ in CASES.values()} == set(DIAGRAMS)
    assert {p.stem for p in GOLDEN.glob("*.dot")} == set(CASES)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_golden(kind: str) -> None:
    text = KINDS[kind](small_graph()).to_dot()
    path = GOLDEN / f"{kind}.dot"
    if os.environ.get("GOVGRAPH_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden for {kind}: run with GOVGRAPH_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_same_graph_built_in_another_order_gives_the_same_bytes(kind: str) -> None:
    assert KINDS[kind](small_graph()).to_dot() == KINDS[kind](small_graph(reverse=True)).to_dot()


def test_title_has_plan_and_date() -> None:
    text = KINDS["accountability_board"](small_graph()).to_dot()
    assert "Northmoor Improvement Plan" in text and "As of 2020-02-15" in text


def test_governance_content() -> None:
    """Nesting as clusters, the two line styles, the folded chair, and the key."""
    text = KINDS["governance"](small_graph()).to_dot()
    assert 'subgraph "cluster_b:board/scb"' in text
    assert '"board/qa" -> "board/exec" [color="#555555"' in text                     # reports to
    assert '"role/independent-chair" -> "role/dcs" [color="#CC79A7"' in text         # escalates to
    assert 'style="dashed"' in text and "escalates to" in text and "reports to" in text
    assert "Chair: Chair of QA" in text and '"role/chair-of-qa"' not in text        # chair folded into QA's box
    assert "no reporting line stated" in text                                      # the nasty panel is listed


def test_accountability_content() -> None:
    """Clusters per recommendation, RAG words in the labels, the legend."""
    text = KINDS["accountability_board"](small_graph()).to_dot()
    for rec in ("p/rec/17", "p/rec/18", "p/rec/31"):
        assert f'subgraph "cluster_rec:{rec}"' in text
    for word in (">RED<", ">AMBER<", ">GREEN<", ">COMPLETE<", ">NOT STARTED<", ">NO RATING<"):
        assert word in text
    assert '"legend:rag"' in text and "Monitored by: QA Sub Group" in text


def test_impact_emphasises_path_edges() -> None:
    text = KINDS["impact"](small_graph()).to_dot()
    line = next(ln for ln in text.splitlines() if ln.strip().startswith('"p/act/3" -> "p/act/1"'))
    assert 'penwidth="2.4"' in line  # depends_on 3 -> 1 is on the path from 1
