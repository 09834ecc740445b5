"""Issue 13: one set of status words (RED, AMBER, GREEN, COMPLETE, NOT STARTED, NO RATING) in tables,
diagrams and packs; the stored and JSON values stay the codes."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.model.nodes import RAG_ORDER, RAG_WORDS, Rag, rag_word
from govgraph.viz import palette

sys.path.insert(0, str(Path(__file__).resolve().parent / "queries"))
from graphs import delivery_graph  # noqa: E402

runner = CliRunner()


def test_every_code_has_one_word_and_the_palette_uses_it() -> None:
    assert set(RAG_WORDS) == {r.value for r in Rag} == set(RAG_ORDER)
    assert {code: palette.rag_style(code).word for code in RAG_WORDS} == RAG_WORDS
    assert rag_word(None) == rag_word("nonsense") == "NO RATING"


@pytest.mark.parametrize("args", [["rollup", "--by", "lead"], ["accountability", "Head of LAC"]])
def test_tables_say_the_words_and_json_keeps_the_codes(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "g.json"
    delivery_graph().save(path)
    table = runner.invoke(app, ["query", *args, "-g", str(path), "--limit", "0"])
    assert table.exit_code == 0, table.output
    shown = set(table.output.replace("┃", " ").replace("│", " ").split())
    assert not shown & {"UNKNOWN", "BLUE", "GREY"}, "codes leaked into a table"
    raw = runner.invoke(app, ["query", *args, "-g", str(path), "--json"]).stdout
    assert not {"COMPLETE", "NO RATING", "NOT STARTED"} & set(json.dumps(json.loads(raw)).split('"'))


def test_rollup_header_names_every_status_in_words(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    delivery_graph().save(path)
    out = runner.invoke(app, ["query", "rollup", "-g", str(path)]).output
    for word in ("NOT STARTED", "NO RATING", "COMPLETE"):
        assert word in out


def test_report_command_says_the_words(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "viz"))
    from vizgraphs import small_graph

    from govgraph.viz.render import find_dot

    if find_dot() is None:
        pytest.skip("Graphviz dot is not installed")
    path = tmp_path / "g.json"
    small_graph().save(path)
    res = runner.invoke(app, ["report", "board", "SCB Executive", "-g", str(path), "--out", str(tmp_path / "pack")])
    assert res.exit_code == 0, res.output
    said = res.output.split("(", 1)[1]
    assert "NO RATING" in said and "COMPLETE" in said and "NOT STARTED" in said
    assert not {"UNKNOWN", "BLUE", "GREY"} & set(said.replace(",", " ").replace(";", " ").split())
