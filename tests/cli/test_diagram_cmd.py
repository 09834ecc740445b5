"""`govgraph diagram` (issue 4): the command writes what the library draws; errors are one line."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "viz"))
from vizgraphs import AS_OF, big_board_graph, needs_dot, small_graph  # noqa: E402

runner = CliRunner()


@pytest.fixture
def graph(tmp_path: Path) -> str:
    path = tmp_path / "g.json"
    small_graph().save(path)
    return str(path)


@pytest.mark.parametrize("args", [
    ["governance"], ["accountability", "--board", "SCB", "--with-parts"], ["accountability", "--lead", "Head of LAC"],
    ["impact", "p/act/1"], ["blockers"], ["programme", "--actions"],
])
def test_dot_output_matches_the_library(graph: str, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "d.dot"
    res = runner.invoke(app, ["diagram", *args, "-g", graph, "--out", str(out), "--as-of", AS_OF.isoformat()])
    assert res.exit_code == 0, res.output
    assert f"Wrote {out}" in res.stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("digraph") and "As of 2020-02-15" in text


@needs_dot
def test_png(graph: str, tmp_path: Path) -> None:
    out = tmp_path / "d.png"
    res = runner.invoke(app, ["diagram", "governance", "-g", graph, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_summary_note_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    big_board_graph().save(path)
    res = runner.invoke(app, ["diagram", "accountability", "--board", "Big Board", "-g", str(path),
                              "--out", str(tmp_path / "b.dot"), "--max-nodes", "20"])
    assert res.exit_code == 0, res.output
    assert "Note: 60 actions in 12 recommendations are over the limit of 20 boxes" in res.stderr


@pytest.mark.parametrize("args, message", [
    (["accountability"], "Error: name exactly one of --board NAME or --lead NAME"),
    (["accountability", "--board", "Nowhere Board"], "Error: no node matches 'Nowhere Board' among Board"),
    (["impact"], "Error: impact needs the node to start from"),
    (["governance", "--authority", "Atlantis"], "Error: no node matches 'Atlantis' among Authority"),
])
def test_errors(graph: str, tmp_path: Path, args: list[str], message: str) -> None:
    """Run through `main` (as the installed command does) so the one-line translation is checked."""
    import subprocess

    proc = subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", "diagram", *args,
                           "-g", graph, "--out", str(tmp_path / "x.svg")], capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stderr.startswith(message), proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "x.svg").exists()


def test_missing_dot_is_one_line(graph: str, tmp_path: Path) -> None:
    import os
    import subprocess

    env = {**os.environ, "GOVGRAPH_DOT": "no-such-dot"}
    proc = subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", "diagram",
                           "governance", "-g", graph, "--out", str(tmp_path / "x.svg")],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: Graphviz `no-such-dot` was not found on PATH")
    assert "Install Graphviz" in proc.stderr and "Traceback" not in proc.stderr


def test_two_authorities_listed(tmp_path: Path) -> None:
    import subprocess

    from govgraph.model.graph import merge_graphs
    from govgraph.model.nodes import Authority

    g = small_graph()
    g.add_node(Authority(id="b", name="Southmoor", source_file="x.txt"))
    path = tmp_path / "two.json"
    merge_graphs([g]).save(path)
    proc = subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", "diagram",
                           "governance", "-g", str(path), "--out", str(tmp_path / "x.dot")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: the graph holds 2 authorities: Northmoor (a), Southmoor (b)\n"
                                  "  Pass --authority NAME")
