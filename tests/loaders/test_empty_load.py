"""Issue 12: no silent empty load. A file that gives no recommendation and no action stops with what was
seen and what to do; text that lost its table structure is told apart; `--allow-empty` loads with a warning;
markdown (what PDF-to-markdown converters write) loads."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.errors import InputFileError, UnknownLayout
from govgraph.loaders import load_documents

FIXTURES = Path(__file__).parent / "fixtures" / "empty"
runner = CliRunner()


@pytest.mark.parametrize("name, said", [
    ("pdftotext_raw.txt", "lost its table structure"),      # header words on lines of their own
    ("pdftotext_layout.txt", "lost its table structure"),   # columns kept apart by spaces
    ("unknown_headers.txt", "headers seen: Item | Cost | Supplier | Notes"),
    ("minutes.txt", "no table in the text file"),
])
def test_a_file_with_nothing_in_it_is_refused_saying_what_was_seen(name: str, said: str) -> None:
    with pytest.raises(UnknownLayout) as err:
        load_documents([FIXTURES / name], authority="Thornbury")
    assert said in str(err.value) and name in err.value.user_message()


def test_lost_structure_advises_the_original_file() -> None:
    with pytest.raises(UnknownLayout) as err:
        load_documents([FIXTURES / "pdftotext_raw.txt"], authority="Thornbury")
    assert "original PDF or Word file" in err.value.user_message()


def test_allow_empty_loads_with_a_warning() -> None:
    gg = load_documents([FIXTURES / "minutes.txt"], authority="Thornbury", allow_empty=True).graph
    assert [w["rule"] for w in gg.warnings if w["rule"] == "empty-document"] == ["empty-document"]


def test_cli_exits_1_with_one_message_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    res = runner.invoke(app, ["load", str(FIXTURES / "unknown_headers.txt"), "--out", str(out)])
    assert res.exit_code == 1 and not out.exists()
    res = runner.invoke(app, ["load", str(FIXTURES / "minutes.txt"), "--allow-empty", "--out", str(out)])
    assert res.exit_code == 0 and out.exists()


def test_zero_byte_file_is_refused(tmp_path: Path) -> None:
    for suffix in (".txt", ".docx", ".pdf", ".xlsx", ".csv"):
        path = tmp_path / f"empty{suffix}"
        path.write_bytes(b"")
        with pytest.raises(InputFileError, match="is empty"):
            load_documents([path])


def test_markdown_pipe_tables_and_headings_load() -> None:
    gg = load_documents([FIXTURES / "plan.md"], authority="Thornbury").graph
    got = {d["ref"]: (d["rag"], d["due"]) for _, d in gg.nodes("Action")}
    assert got == {"1-1": ("AMBER", "2024-03-31"), "2-1": ("RED", "2024-06-30")}  # as from the same table in .txt
    [plan] = [d for _, d in gg.nodes("Plan")]
    assert plan["name"] == "Thornbury Council improvement plan 2024"
