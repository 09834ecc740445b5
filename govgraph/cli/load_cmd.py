"""`govgraph load`: read plans, print what each document gave, write the graph."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from govgraph.cli.app import app
from govgraph.cli.common import DEFAULT_GRAPH, print_json

_COLUMNS = ["plans", "recommendations", "actions", "leads", "boards", "work_packages", "cross_references",
            "warnings"]


@app.command("load")
def load(
    files: list[Path] = typer.Argument(..., help="Plan documents: Word (.docx), PDF, Excel (.xlsx), CSV/TSV, or "
                                                 "text (.txt, .md)."),
    out: Path = typer.Option(DEFAULT_GRAPH, "--out", "-o", help="Graph file to write."),
    overlay: list[Path] = typer.Option([], "--overlay", metavar="<path>",
                                        help="Governance overlay YAML (repeatable)."),
    vocab: Path | None = typer.Option(None, "--vocab", help="Extra vocabulary YAML merged over the defaults."),
    authority: str | None = typer.Option(None, "--authority", help="Authority name when a document never says."),
    show_warnings: bool = typer.Option(False, "--warnings", help="List every warning with its line."),
    as_json: bool = typer.Option(False, "--json", help="Print the per-document report as JSON."),
    explain: bool = typer.Option(False, "--explain",
                                 help="Show, per document, the authority and each table's column roles with the "
                                      "evidence they were chosen on."),
    allow_empty: bool = typer.Option(False, "--allow-empty",
                                     help="Load a document that gives no recommendation or action (a summary) "
                                          "with a warning, instead of refusing it."),
    max_size: list[str] = typer.Option([], "--max-size", metavar="KIND=SIZE",
                                       help="Raise (or lower) the size limit for plans, overlays or vocabularies, "
                                            "e.g. plans=500MB (repeatable; over GOVGRAPH_MAX_*_MB)."),
) -> None:
    """Load plan documents into one graph and report, per document, what was found."""
    from govgraph.inputs import raised_limits
    from govgraph.loaders import load_documents
    from govgraph.outputs import check_output

    from govgraph.cli.common import size_limits

    limits = size_limits(max_size)
    check_output(out, inputs=[*files, *overlay, *([vocab] if vocab else [])])
    with raised_limits(limits):
        result = load_documents(files, overlays=overlay, vocab_file=vocab, authority=authority,
                                allow_empty=allow_empty)
    result.graph.save(out)
    if as_json:
        print_json({"graph": str(out), "documents": [r.as_dict() | ({"tables": r.tables} if explain else {})
                                                     for r in result.reports]})
        return
    from rich.table import Table

    from govgraph.cli.common import console, inert, text

    con = console()
    table = Table(title=inert(f"Loaded into {out}"), show_lines=False)
    table.add_column("document")
    table.add_column("authority")
    for col in _COLUMNS:
        table.add_column(col.replace("_", " "), justify="right")
    table.add_column("units used", justify="right")
    for rep in result.reports:
        table.add_row(text(rep.source_file), text(rep.authority), *(str(rep.counts.get(c, 0)) for c in _COLUMNS),
                      f"{rep.coverage:.1f}%")
    con.print(table)
    if explain:
        _explain(con, result.reports)
    if show_warnings:
        for rep in result.reports:
            for line, msg in rep.warnings:
                con.print(text(f"{rep.source_file}:{line}: {msg}"))
    elif any(rep.warnings for rep in result.reports):
        con.print("Warnings: `govgraph load ... --warnings` lists them; `govgraph lint` includes them.")


def _explain(con: Any, reports: list[Any]) -> None:
    """Per document: the authority decided, and per table each column's header, role, score and evidence."""
    from govgraph.cli.common import inert

    for rep in reports:
        con.print(inert(f"{rep.source_file}: authority {rep.authority}; {len(rep.tables)} table(s)"), markup=False)
        for t in rep.tables:
            parts = f", in {t['parts']} parts between recommendation headings" if t.get("parts") else ""
            con.print(inert(f"  table at {t['at']} ({t['rows']} rows{parts}):"), markup=False)
            for c in t["columns"]:
                role = c["role"] or ("(no role: kept on each action under extra)" if c["header"] else
                                     "(no header: its text is warned about)")
                con.print(inert(f"    {c['header'] or '(no header)'!r} -> {role}  score {c['score']:.1f}: "
                                f"{c['evidence']}"), markup=False)
