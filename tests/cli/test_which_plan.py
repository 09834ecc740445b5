"""Issue 13: with two plans in view every action and recommendation says which plan it is in; with one,
names stay short."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.loaders import load_documents

FIXTURES = Path(__file__).resolve().parents[1] / "loaders" / "fixtures" / "plan_names"
runner = CliRunner()


def graph_file(tmp_path: Path) -> str:
    path = tmp_path / "g.json"
    load_documents([FIXTURES / "untitled_2019.txt", FIXTURES / "pcsb_plan.txt"], authority="Pellingham").graph.save(path)
    return str(path)


def test_two_plans_in_view_name_the_plan(tmp_path: Path) -> None:
    res = runner.invoke(app, ["query", "blockers", "-g", graph_file(tmp_path), "--limit", "0"])
    assert res.exit_code == 0, res.output
    assert "PCSB plan · Action 1" in res.output and "Pellingham 2019 plan · Action 2" in res.output


def test_one_plan_in_view_keeps_names_short(tmp_path: Path) -> None:
    res = runner.invoke(app, ["query", "blockers", "-g", graph_file(tmp_path), "--plan", "PCSB plan"])
    assert res.exit_code == 0, res.output
    assert "Action 1-1 -[ADDRESSES]->" in res.output and "plan · " not in res.output


def test_json_carries_the_plan_label(tmp_path: Path) -> None:
    import json

    res = runner.invoke(app, ["query", "blockers", "-g", graph_file(tmp_path), "--json"])
    items = json.loads(res.stdout)["items"]
    assert {i["recommendation"]["plan"] for i in items} == {"PCSB plan", "Pellingham 2019 plan"}
