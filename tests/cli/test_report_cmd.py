"""`govgraph report board` (issue 4): writes the pack the library builds, into the folder given."""
from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from govgraph.cli.app import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "viz"))
from vizgraphs import needs_chromium, needs_dot, small_graph  # noqa: E402

runner = CliRunner()


@needs_dot
def test_html_pack(tmp_path: Path) -> None:
    graph = tmp_path / "g.json"
    small_graph().save(graph)
    res = runner.invoke(app, ["report", "board", "SCB", "--with-parts", "-g", str(graph), "--out",
                              str(tmp_path / "pack"), "--as-of", "2020-02-15"])
    assert res.exit_code == 0, res.output
    out = tmp_path / "pack" / "safeguarding-children-board-board-pack.html"
    assert f"Wrote {out}" in res.stdout and "1 overdue" in res.stdout
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "15 days late" in html and "Content-Security-Policy" in html


@needs_chromium
def test_pdf_pack(tmp_path: Path) -> None:
    graph = tmp_path / "g.json"
    small_graph().save(graph)
    res = runner.invoke(app, ["report", "board", "SCB Executive", "-g", str(graph), "--out", str(tmp_path),
                              "--format", "pdf"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "scb-executive-board-pack.pdf").read_bytes().startswith(b"%PDF")


def test_report_help_lists_board() -> None:
    res = runner.invoke(app, ["report", "--help"])
    assert res.exit_code == 0 and "board" in res.stdout
