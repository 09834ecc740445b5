"""The corpus diagrams of issue 4 (HSCB accountability, Herefordshire governance, CHIPP programme):
each stays within the box limit that keeps dot quick, draws, and says what the corpus says (their drawing
times are in benchmarks/regressions.py, not asserted here). Skips without the corpus."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from vizgraphs import AS_OF, needs_dot

from govgraph.loaders import load_documents
from govgraph.model.graph import GovGraph
from govgraph.viz.accountability import accountability_diagram
from govgraph.viz.diagram import Diagram, DiagramOptions
from govgraph.viz.governance import governance
from govgraph.viz.programme import programme
from govgraph.viz.render import render

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
pytestmark = [pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent"), needs_dot]
OPTS = DiagramOptions(as_of=AS_OF)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def g() -> GovGraph:
    return load_documents(sorted(CORPUS.glob("*.txt"))).graph


def _draw(diagram: Diagram, tmp_path: Path) -> str:
    """Draw as SVG and PNG (a hang is stopped by render's own time-out); the SVG's text.

    Within the box limit first: dot's cost grows fast with size, and the limit is what keeps it quick."""
    assert diagram.dot.node_count <= OPTS.max_nodes + 3, diagram.dot.node_count  # + subject, key, note
    out = render(diagram.to_dot(), tmp_path / "d.svg")
    render(diagram.to_dot(), tmp_path / "d.png")
    return " ".join(t.text or "" for t in ET.parse(out).getroot().iter(f"{SVG}text"))


def test_hscb_accountability(g: GovGraph, tmp_path: Path) -> None:
    d = accountability_diagram(g, board="HSCB", options=OPTS, with_parts=True)
    texts = _draw(d, tmp_path)
    assert not d.notes
    assert "Herefordshire Safeguarding Children Board" in texts and "HSCB Executive" in texts
    assert "Recommendation 155" in texts or "Recommendation 17" in texts


def test_herefordshire_governance(g: GovGraph, tmp_path: Path) -> None:
    d = governance(g, "Herefordshire", OPTS)
    texts = _draw(d, tmp_path)
    # every HSCB sub-group reports to the Executive, inside the HSCB's cluster; the chair escalates upward
    assert 'subgraph "cluster_b:herefordshire/board/herefordshire-safeguarding-children-board"' in d.to_dot()
    assert '"herefordshire/board/hscb-qa-sub-group" -> "herefordshire/board/hscb-executive"' in d.to_dot()
    assert "Director for Children" in texts and "Stockton" not in texts


def test_chipp_programme(g: GovGraph, tmp_path: Path) -> None:
    d = programme(g, "CHIPP", OPTS)
    texts = _draw(d, tmp_path)
    assert "CHIPP WS3P21WP1" in texts and "CHIPP WS1P3WP1" in texts
    # WS1P3WP1 carries actions 4, 27 and 42 (two RED, one AMBER in the plan)
    assert "3 actions: 2 RED, 1 AMBER" in texts
