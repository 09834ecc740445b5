"""Real Graphviz renders of every kind (issue 4), the size limits, and the render failures."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_viz_golden import KINDS
from vizgraphs import AS_OF, big_board_graph, needs_dot, small_graph

from govgraph.errors import GraphvizMissing, RenderError
from govgraph.viz.accountability import accountability_diagram
from govgraph.viz.diagram import DEFAULT_MAX_NODES, DiagramOptions
from govgraph.viz.render import render

SVG = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@needs_dot
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_renders_svg_and_png(kind: str, tmp_path: Path) -> None:
    diagram = KINDS[kind](small_graph())
    svg, png = render(diagram.to_dot(), tmp_path / f"{kind}.svg"), render(diagram.to_dot(), tmp_path / f"{kind}.png")
    root = ET.parse(svg).getroot()
    titles = {t.text for t in root.iter(f"{SVG}title")}
    drawn = {n for n in diagram.dot.nodes if not n.startswith(("legend:", "note:"))}
    assert drawn and drawn <= titles, f"nodes missing from the SVG: {drawn - titles}"
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert diagram.title.split(":")[0] in texts
    data = png.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 5000


@needs_dot
def test_pdf_and_dot_outputs(tmp_path: Path) -> None:
    text = KINDS["governance"](small_graph()).to_dot()
    assert render(text, tmp_path / "g.pdf").read_bytes().startswith(b"%PDF")
    assert render(text, tmp_path / "g.dot").read_text(encoding="utf-8") == text


def test_dot_output_needs_no_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_DOT", "no-such-dot-binary")
    text = KINDS["programme"](small_graph()).to_dot()
    assert render(text, tmp_path / "p.dot").read_text(encoding="utf-8") == text


def test_missing_graphviz_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_DOT", "no-such-dot-binary")
    with pytest.raises(GraphvizMissing) as exc:
        render("digraph { a }", tmp_path / "x.svg")
    assert "install graphviz" in exc.value.user_message().lower()
    assert not list(tmp_path.iterdir())


@needs_dot
def test_render_failure_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "bad.svg"
    out.write_text("old")
    with pytest.raises(RenderError, match="Graphviz failed"):
        render("digraph { a -> }", out)
    assert out.read_text() == "old"  # the previous file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.svg"]  # no temp file left


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="cannot tell the format"):
        render("digraph {}", tmp_path / "x.jpeg")


@pytest.mark.parametrize("limit, mode_note, max_boxes", [
    (150, None, 150),                        # 60 actions fit: all drawn
    (50, "green and completed", 50),         # open actions drawn, done ones collapsed per recommendation
    (20, "one box of counts", 20),           # one box per recommendation
    (8, "Only the first", 8),                # not even every recommendation fits
])
def test_summarising_keeps_within_the_limit(limit: int, mode_note: str | None, max_boxes: int) -> None:
    d = accountability_diagram(big_board_graph(), board="Big Board",
                               options=DiagramOptions(as_of=AS_OF, max_nodes=limit))
    if mode_note is None:
        assert d.notes == [] and sum(n.startswith("p/act/") for n in d.dot.nodes) == 60
    else:
        assert any(mode_note in n for n in d.notes)
        assert "SUMMARISED" in d.to_dot() and '"note:summary"' in d.to_dot()
    assert d.dot.node_count <= max_boxes + 3  # + subject, key, note


@needs_dot
@pytest.mark.parametrize("actions, recs", [(600, 40), (2400, 160)])
def test_big_remit_is_drawn_within_the_limit(tmp_path: Path, actions: int, recs: int) -> None:
    """However big the remit, dot gets at most the default limit of boxes (dot's cost grows fast with
    size: that limit, not a stopwatch, keeps drawing quick; benchmarks/regressions.py times it).
    render() stops Graphviz after its own generous time-out, so a hang fails instead of waiting."""
    g = big_board_graph(actions=actions, recs=recs)
    d = accountability_diagram(g, board="Big Board", options=DiagramOptions(as_of=AS_OF))
    assert d.notes and f"{actions} actions" in d.notes[0]
    assert d.dot.node_count <= DEFAULT_MAX_NODES + 3  # + subject, key, note
    root = ET.parse(render(d.to_dot(), tmp_path / "big.svg")).getroot()
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]) == d.dot.node_count
