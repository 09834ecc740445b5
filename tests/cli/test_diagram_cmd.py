"""`govgraph diagram KIND` (issues 4 and 15): one command per kind in the registry, carrying that kind's
options only; the command writes what the library draws; errors are one line."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "viz"))
from vizgraphs import AS_OF, CASES, big_board_graph, needs_dot, small_graph  # noqa: E402

from govgraph.viz.diagram import DiagramOptions  # noqa: E402
from govgraph.viz.kinds import DIAGRAMS  # noqa: E402

runner = CliRunner()


@pytest.fixture
def graph(tmp_path: Path) -> str:
    path = tmp_path / "g.json"
    small_graph().save(path)
    return str(path)


@pytest.mark.parametrize("case", sorted(CASES))
def test_dot_output_matches_the_library(graph: str, tmp_path: Path, case: str) -> None:
    """Each case's command line, made from the kind's declared options, writes the library's DOT."""
    kind, values = CASES[case]
    out = tmp_path / "d.dot"
    args = DIAGRAMS[kind].argv(values)
    res = runner.invoke(app, ["diagram", *args, "-g", graph, "--out", str(out), "--as-of", AS_OF.isoformat()])
    assert res.exit_code == 0, res.output
    assert f"Wrote {out}" in res.stdout
    text = out.read_text(encoding="utf-8")
    assert text == DIAGRAMS[kind].draw(small_graph(), DiagramOptions(as_of=AS_OF), values).to_dot()


FLAGS = {o.cli: o for k in DIAGRAMS.values() for o in k.options if not o.positional}
"""Every flag some kind declares."""


@pytest.mark.parametrize("kind, flag", [(k, f) for k in sorted(DIAGRAMS) for f in sorted(FLAGS)
                                        if f not in {o.cli for o in DIAGRAMS[k].options}])
def test_an_option_of_another_kind_is_a_usage_error(graph: str, tmp_path: Path, kind: str, flag: str) -> None:
    """`diagram governance --board X` is refused by the parser (exit 2), before any work."""
    words = FLAGS[flag].argv(True if FLAGS[flag].type is bool else "3")
    required = [w for o in DIAGRAMS[kind].options if o.required for w in o.argv("p/act/1")]
    res = runner.invoke(app, ["diagram", kind, *required, *words, "-g", graph, "--out", str(tmp_path / "x.dot")])
    assert res.exit_code == 2, res.output
    assert f"No such option: {flag}" in res.output
    assert not (tmp_path / "x.dot").exists()


def test_governance_board_is_refused_through_main(graph: str, tmp_path: Path) -> None:
    import subprocess

    proc = subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", "diagram",
                           "governance", "--board", "X", "-g", graph, "--out", str(tmp_path / "x.svg")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "No such option: --board" in proc.stderr, proc.stderr
    assert "Usage:" in proc.stderr and "Traceback" not in proc.stderr


def test_impact_without_its_node_is_a_usage_error(graph: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["diagram", "impact", "-g", graph, "--out", str(tmp_path / "x.dot")])
    assert res.exit_code == 2 and "Missing argument" in res.output


def test_unknown_kind_is_a_usage_error(graph: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["diagram", "orgchart", "-g", graph, "--out", str(tmp_path / "x.dot")])
    assert res.exit_code == 2 and "No such command 'orgchart'" in res.output


def test_each_kind_lists_only_its_own_options_in_help() -> None:
    for name, kind in DIAGRAMS.items():
        res = runner.invoke(app, ["diagram", name, "--help"])
        assert res.exit_code == 0, res.output
        shown = {f for f in FLAGS if f in res.output.split()}
        assert shown == {o.cli for o in kind.options if not o.positional}, name


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


def test_readme_shows_every_kind_its_options_and_examples() -> None:
    """The README's table row and examples for each kind come from its declaration's words."""
    import shlex

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Diagrams"):readme.index("### Board packs")]
    common = {"--out", "-o", "--graph", "-g", "--as-of", "--max-nodes"}
    for kind in DIAGRAMS.values():
        row = next(line for line in section.splitlines() if line.startswith(f"| `{kind.name}"))
        assert all(o.cli in row for o in kind.options), row
        for example in kind.examples:
            assert f"govgraph diagram {example}\n" in section, example
            flags = {w for w in shlex.split(example) if w.startswith("-")}
            assert flags <= common | {o.cli for o in kind.options}, example
