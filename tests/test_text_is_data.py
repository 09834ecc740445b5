"""Text from documents is data everywhere (issue 6): hostile text in every text field of every node
and edge comes out verbatim and inert in the graph JSON, query JSON, DOT, SVG, HTML and GraphML.

The Neo4j side (push, and the exported Cypher script run on a Bolt server) is in
tests/neo4j/test_hostile_text_bolt.py; both use tests/hostile_text.py.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.model.graph import GovGraph

from hostile_text import HOSTILE, hostile_graph, texts

runner = CliRunner()


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "g.json"
    hostile_graph().save(path)
    return path


def test_graph_json_round_trip_is_verbatim(graph_file: Path) -> None:
    assert texts(GovGraph.load(graph_file)) == texts(hostile_graph())
    assert len(texts(hostile_graph())) > 20


def test_query_json_is_verbatim(graph_file: Path) -> None:
    res = runner.invoke(app, ["query", "accountability", "board/exec", "-g", str(graph_file), "--json"])
    assert res.exit_code == 0, res.output
    names = {a["action"]["name"] for g in json.loads(res.stdout)["groups"] for a in g["actions"]}
    assert names and all(n.startswith(HOSTILE) for n in names)


def strings_in_xml(path: Path) -> tuple[list[str], set[str]]:
    tree = ET.parse(path)  # raises if any text broke the markup
    tags = {el.tag.rsplit("}", 1)[-1] for el in tree.iter()}
    values = [v for el in tree.iter() for v in [el.text or "", *el.attrib.values()]]
    return values, tags


needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


HOSTILE_ARGS = {"governance": ["--all-boards"], "accountability": ["--board", "board/exec"], "impact": ["p/act/1"],
                "blockers": [], "programme": ["--actions"]}
"""Each registered diagram kind's arguments on the hostile graph."""


def test_every_diagram_kind_is_drawn_from_hostile_text() -> None:
    from govgraph.viz.kinds import DIAGRAMS

    assert set(HOSTILE_ARGS) == set(DIAGRAMS)


@needs_dot
@pytest.mark.parametrize("name", sorted(HOSTILE_ARGS))
def test_dot_and_svg_are_inert_and_keep_the_text(graph_file: Path, tmp_path: Path, name: str) -> None:
    kind = [name, *HOSTILE_ARGS[name]]
    for suffix in (".dot", ".svg"):
        out = tmp_path / f"d{suffix}"
        res = runner.invoke(app, ["diagram", *kind, "-g", str(graph_file), "--out", str(out), "--as-of", "2024-01-01"])
        assert res.exit_code == 0, res.output
    canon = subprocess.run(["dot", "-Tcanon", str(tmp_path / "d.dot")], capture_output=True, text=True)
    assert canon.returncode == 0 and not canon.stderr, canon.stderr  # the DOT source parses cleanly
    values, tags = strings_in_xml(tmp_path / "d.svg")
    assert "script" not in tags
    if kind[0] in ("accountability", "governance"):
        # labels are wrapped and shortened; the tooltip keeps the whole text, exactly
        assert any(HOSTILE in v for v in values), "the full text survives in a tooltip"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if any(k.startswith("on") for k, _ in attrs):
            self.tags.add("event-handler")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@needs_dot
def test_board_pack_html_is_inert_and_verbatim(graph_file: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["report", "board", "board/scb", "--with-parts", "-g", str(graph_file),
                              "--out", str(tmp_path / "pack"), "--as-of", "2024-01-01"])
    assert res.exit_code == 0, res.output
    [page] = (tmp_path / "pack").glob("*.html")
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    assert "script" not in parser.tags and "event-handler" not in parser.tags
    text = "".join(parser.text)
    assert f"{HOSTILE} text@p/act/5" in text, "an action's text appears exactly as written"
    assert f"{HOSTILE} quote" in text, "escalation quotes appear exactly as written"


def test_graphml_keeps_the_text(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    res = runner.invoke(app, ["export", "graphml", "-g", str(graph_file), "--out", str(out)])
    assert res.exit_code == 0, res.output
    values, tags = strings_in_xml(out)
    assert "script" not in tags
    assert texts(hostile_graph()) <= set(values)
