"""Issue 14: the learning loop. `govgraph vocab suggest` proposes --vocab entries for what a plan used that
govgraph could not place; passed back with --vocab, the plan loads."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.errors import UnknownLayout
from govgraph.loaders import load_documents
from govgraph.loaders.suggest import suggest

PLAN = Path(__file__).parent / "fixtures" / "suggest" / "larkspur.txt"
runner = CliRunner()


def test_suggestions_come_from_what_the_cells_show() -> None:
    got = suggest([PLAN])
    assert got.columns == {"due": ["Milestone date"], "lead": ["Accountable exec"], "rag": ["Flag"]}
    assert got.rag_words == {"Paused": "larkspur.txt line 4"}
    assert [h for h, _ in got.unplaced] == ["Partner agencies"]  # free text: no role is guessed


def test_the_loop_refused_then_suggested_then_loaded(tmp_path: Path) -> None:
    with pytest.raises(UnknownLayout):
        load_documents([PLAN])
    vocab = tmp_path / "larkspur.yaml"
    res = runner.invoke(app, ["vocab", "suggest", str(PLAN), "--out", str(vocab)])
    assert res.exit_code == 0, res.output
    assert yaml.safe_load(vocab.read_text())["columns"]["due"] == ["Milestone date"]
    gg = load_documents([PLAN], vocab_file=vocab).graph
    got = {d["ref"]: (d.get("due"), d.get("rag")) for _, d in gg.nodes("Action")}
    assert got == {"1-1": ("2025-03-31", "UNKNOWN"), "2-1": ("2025-06-30", "RED"), "3-1": ("2025-09-30", "GREEN")}
    assert {gg.node(s)["name"] for s in gg.sources("larkspur/plan/action/2-1", "LEADS")} == {"Principal Social Worker"}
