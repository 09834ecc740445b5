"""Issue 13: the words that decided a status read from progress prose are shown by `--sources`."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.loaders import load_documents

FIXTURE = Path(__file__).resolve().parents[1] / "loaders" / "fixtures" / "rag_prose" / "progress_prose.txt"
runner = CliRunner()


def test_sources_show_the_deciding_words(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    load_documents([FIXTURE]).graph.save(path)
    with_sources = runner.invoke(app, ["query", "gaps", "-g", str(path), "--sources", "--limit", "0"])
    assert with_sources.exit_code == 0, with_sources.output
    flat = " ".join(with_sources.output.replace("│", " ").split())
    assert "status from “has not yet been completed”" in flat
    without = runner.invoke(app, ["query", "gaps", "-g", str(path), "--limit", "0"])
    assert "status from" not in without.output


def test_json_carries_the_basis(tmp_path: Path) -> None:
    import json

    path = tmp_path / "g.json"
    load_documents([FIXTURE]).graph.save(path)
    res = json.loads(runner.invoke(app, ["query", "gaps", "-g", str(path), "--json"]).stdout)
    assert "has not yet been completed" in {a["rag_basis"] for a in res["actions_without_lead"]}
