"""Issue 14: `load --explain` shows the authority and each column's role with the evidence it was chosen on."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from govgraph.cli.app import app

CSV = Path(__file__).resolve().parents[1] / "loaders" / "fixtures" / "sheets" / "tracker_bom.csv"
runner = CliRunner()


def test_explain_prints_roles_and_evidence(tmp_path: Path) -> None:
    res = runner.invoke(app, ["load", str(CSV), "--explain", "--out", str(tmp_path / "g.json")])
    assert res.exit_code == 0, res.output
    assert "tracker_bom.csv: authority brackenford" in res.output
    # 'Ref' is ambiguous: its contents (a new sub-ref every row) make it the action number
    assert "'Ref' -> action_no" in res.output and "ambiguous" in res.output
    assert "'RAG' -> rag" in res.output


def test_explain_json_carries_the_tables_and_the_graph_does_not(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    res = runner.invoke(app, ["load", str(CSV), "--explain", "--json", "--out", str(out)])
    [doc] = json.loads(res.stdout)["documents"]
    roles = [c["role"] for c in doc["tables"][0]["columns"]]
    assert roles == ["action_no", "rec_text", "action_text", "lead", "due", "rag"]
    assert "tables" not in json.loads(out.read_text())["graph"]["documents"][0]
