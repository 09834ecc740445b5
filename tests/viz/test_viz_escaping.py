"""Escaping (issue 4): document text is data in DOT, SVG and HTML, never markup or DOT syntax."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from vizgraphs import AS_OF, NASTY, needs_dot, small_graph

from govgraph.viz.accountability import accountability_diagram
from govgraph.viz.diagram import DiagramOptions
from govgraph.viz.dot import DotGraph, html, quote, wrap
from govgraph.viz.governance import governance
from govgraph.viz.render import render

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("raw, dot", [
    ('say "hi"', r'"say \"hi\""'),
    ("a\\b", r'"a\\b"'),                 # backslash doubled: \N, \G, \l stay literal
    ("two\nlines", r'"two\nlines"'),
    ("{x} <y> [z] a->b; |p|", '"{x} <y> [z] a->b; |p|"'),  # inert inside quotes
    ("bell\x07", '"bell"'),              # control characters dropped
])
def test_quote(raw: str, dot: str) -> None:
    assert quote(raw) == dot


def test_html_escapes_entities_and_backslashes() -> None:
    assert html('<script>&"\'\\N') == "&lt;script&gt;&amp;&quot;&#39;\\\\N"


def test_wrap_truncates_with_ellipsis() -> None:
    lines = wrap("word " * 40, width=20, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…") and all(len(ln) <= 20 for ln in lines)


@needs_dot
def test_dot_reads_back_the_exact_names() -> None:
    """Graphviz parses our DOT into exactly two nodes and one edge whose id and label are the raw text."""
    import json
    import subprocess

    d = DotGraph()
    d.add_node(NASTY, label=NASTY)
    d.add_node("b", label="plain")
    d.add_edge(NASTY, "b", label=NASTY)
    proc = subprocess.run(["dot", "-Tjson"], input=d.to_dot(), capture_output=True, text=True, check=True)
    data = json.loads(proc.stdout)
    stored = NASTY.replace("\\", "\\\\")  # DOT keeps a quoted id's backslashes as written (doubled)
    names = sorted(o["name"] for o in data["objects"])
    assert names == sorted([stored, "b"])
    assert len(data["edges"]) == 1
    nasty = next(o for o in data["objects"] if o["name"] == stored)
    assert nasty["label"] == stored  # expanded (\\ -> \) only when drawn: see the SVG test below


@needs_dot
def test_nasty_text_round_trips_through_dot_and_svg(tmp_path: Path) -> None:
    """The name comes out of Graphviz verbatim: no \\N expansion, no markup, no broken XML."""
    g = small_graph()
    out = tmp_path / "acc.svg"
    render(accountability_diagram(g, board="SCB Executive", options=DiagramOptions(as_of=AS_OF)).to_dot(), out)
    root = ET.parse(out).getroot()  # parses: nothing escaped its quoting
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert '<script>alert(1)</script>' in texts  # shown as text...
    assert root.find(f".//{SVG}script") is None  # ...never as an element
    assert "back\\slash" in texts and "\\N" in texts and "p/act/5 back" not in texts
    tips = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in root.iter(f"{SVG}a")]
    assert any(NASTY in t for t in tips), "the full text is in a tooltip"


@needs_dot
def test_nasty_board_name_in_governance_svg(tmp_path: Path) -> None:
    g = small_graph()
    out = tmp_path / "gov.svg"
    render(governance(g, None, DiagramOptions(as_of=AS_OF), all_boards=True).to_dot(), out)
    root = ET.parse(out).getroot()
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "board/nasty" in titles
    tips = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in root.iter(f"{SVG}a")]
    assert any(t.startswith(NASTY) for t in tips)
