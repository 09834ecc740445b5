from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app, main
from govgraph.errors import GovgraphError
from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Recommendation, Role

runner = CliRunner()


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    """Two actions for one recommendation, one without a lead and late; a second, orphan recommendation."""
    gg = GovGraph()
    rec = gg.add_node(Recommendation(id="plan/rec/1", ref="1", source_file="plan.txt", source_line=3))
    gg.add_node(Recommendation(id="plan/rec/2", ref="2", source_file="plan.txt", source_line=4))
    role = gg.add_node(Role(id="role/dcs", name="Director of Children's Services", source_file="plan.txt",
                            source_line=5))
    a1 = gg.add_node(Action(id="plan/action/1.1", ref="1.1", source_file="plan.txt", source_line=10,
                            due="2030-01-31", rag="GREEN", rag_raw="G"))
    a2 = gg.add_node(Action(id="plan/action/1.2", ref="1.2", source_file="plan.txt", source_line=11,
                            due="2024-05-01", rag="AMBER", rag_raw="GA", rag_inferred=True))
    gg.add_edge(Edge(source=role, target=a1, type="LEADS", source_file="plan.txt", source_line=10))
    for a in (a1, a2):
        gg.add_edge(Edge(source=a, target=rec, type="ADDRESSES", source_file="plan.txt", source_line=10))
    gg.warn("plan.txt", 20, "text not used: 'Annex B'")
    path = tmp_path / "g.json"
    gg.save(path)
    return path


def test_stats_json(graph_file: Path) -> None:
    result = runner.invoke(app, ["stats", "--graph", str(graph_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["nodes"] == {"Action": 2, "Recommendation": 2, "Role": 1}
    assert data["node_total"] == 5
    assert data["relationships"] == {"ADDRESSES": 2, "LEADS": 1}
    assert data["warnings"] == 1
    assert data["documents"] == [{"source_file": "plan.txt", "nodes": {"Action": 2, "Recommendation": 2, "Role": 1},
                                  "node_total": 5, "edges": 3, "warnings": 1}]


def test_stats_table(graph_file: Path) -> None:
    result = runner.invoke(app, ["stats", "-g", str(graph_file)])
    assert result.exit_code == 0, result.output
    for text in ("Nodes", "Recommendation", "Relationships", "ADDRESSES", "plan.txt", "1 load warning"):
        assert text in result.stdout


def test_lint_json(graph_file: Path) -> None:
    result = runner.invoke(app, ["lint", "-g", str(graph_file), "--json", "--as-of", "2024-06-01"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["severity"], f["node"]) for f in findings] == [
        ("recommendation-without-actions", "error", "plan/rec/2"),
        ("action-without-lead", "error", "plan/action/1.2"),
        ("non-standard-rag", "warning", "plan/action/1.2"),
        ("past-due", "error", "plan/action/1.2"),
        ("load-warning", "info", None),
    ]
    assert "31 days late" in findings[3]["message"]
    assert set(findings[0]) == {"rule", "severity", "node", "label", "ref", "message", "source_file", "source_line",
                                "source_location"}
    assert "5 findings (3 errors, 1 warning, 1 info)" in result.stderr


def test_lint_severity_filter(graph_file: Path) -> None:
    result = runner.invoke(app, ["lint", "-g", str(graph_file), "--json", "--as-of", "2024-06-01",
                                 "--severity", "warning"])
    assert result.exit_code == 0, result.output
    assert {f["severity"] for f in json.loads(result.stdout)} == {"error", "warning"}
    result = runner.invoke(app, ["lint", "-g", str(graph_file), "--json", "--as-of", "2024-06-01",
                                 "--severity", "error"])
    assert {f["rule"] for f in json.loads(result.stdout)} == {
        "recommendation-without-actions", "action-without-lead", "past-due"}


def test_lint_as_of_changes_past_due(graph_file: Path) -> None:
    result = runner.invoke(app, ["lint", "-g", str(graph_file), "--json", "--as-of", "2024-04-01"])
    assert "past-due" not in {f["rule"] for f in json.loads(result.stdout)}


def test_lint_table_exits_zero_with_summary(graph_file: Path) -> None:
    result = runner.invoke(app, ["lint", "-g", str(graph_file), "--as-of", "2024-06-01"])
    assert result.exit_code == 0, result.output
    assert "5 findings (3 errors, 1 warning, 1 info)" in result.stdout
    assert "recommendation-without-actions" in result.stdout
    assert "plan.txt:11" in result.stdout


def test_lint_clean_graph(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    GovGraph().save(path)
    result = runner.invoke(app, ["lint", "-g", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 findings (0 errors, 0 warnings, 0 info)" in result.stdout


def test_lint_bad_as_of(graph_file: Path) -> None:
    result = runner.invoke(app, ["lint", "-g", str(graph_file), "--as-of", "next week"])
    assert result.exit_code == 2
    assert "next week" in result.output


@pytest.mark.parametrize("command", ["stats", "lint"])
def test_missing_graph_is_a_govgraph_error(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, [command, "-g", str(tmp_path / "nope.json")])
    assert result.exit_code != 0
    assert isinstance(result.exception, GovgraphError)
    assert "graph file not found" in str(result.exception)


@pytest.mark.parametrize("command", ["stats", "lint"])
def test_missing_graph_via_main_prints_error(tmp_path: Path, command: str, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["govgraph", command, "--graph", str(tmp_path / "nope.json")])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error:") and "nope.json" in err and "graph file not found" in err


def test_commands_do_not_import_networkx_at_startup() -> None:
    code = ("import sys, govgraph.cli.app; "
            "heavy = sorted(m for m in ('networkx', 'govgraph.model.graph', 'govgraph.queries.lint', "
            "'govgraph.queries.stats') if m in sys.modules); print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", f"imported at CLI startup: {out.stdout}"
