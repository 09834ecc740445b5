"""`govgraph report board NAME --out DIR`: a self-contained HTML (or PDF) board pack.

The command parses options, calls `govgraph.viz.boardpack.write_board_pack`, and prints the file it
wrote. The library (networkx, Graphviz, Chromium for PDF) is reached only inside the command.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from govgraph.cli.app import app
from govgraph.cli.common import GraphOpt, echo, parse_day
from govgraph.cli.diagram_cmd import AsOfOpt

report_app = typer.Typer(no_args_is_help=True, help="Write reports for boards: a board pack in HTML or PDF.")
app.add_typer(report_app, name="report")


class PackFormat(str, Enum):
    html = "html"
    pdf = "pdf"


@report_app.command("board")
def board_cmd(
    name: str = typer.Argument(..., help="The board (id, name, alias such as HSCB, or part of a name)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the pack into (created if missing)."),
    as_of: Optional[str] = AsOfOpt,
    fmt: PackFormat = typer.Option(PackFormat.html, "--format", help="html, or pdf (printed by headless "
                                                                     "Chromium; the HTML is kept beside it)."),
    with_parts: bool = typer.Option(False, "--with-parts", help="Include the actions its sub-groups and "
                                                                "executive monitor."),
    graph: Path = GraphOpt,
) -> None:
    """A board pack: accountability diagram, RAG summary, red and overdue actions, escalation route."""
    from govgraph.cli.common import open_graph
    from govgraph.outputs import check_folder, prepare_folder
    from govgraph.viz.boardpack import whole_diagram_name, write_board_pack

    check_folder(out)  # a file or device as --out fails before any work
    gg = open_graph(graph)
    prepare_folder(out)  # no permission or a read-only disk: one message before the first file
    written, pack = write_board_pack(gg, name, out, as_of=parse_day(as_of), with_parts=with_parts,
                                     fmt=fmt.value)
    for note in pack.notes:
        echo(f"Note: {note}", err=True)
    if fmt is PackFormat.pdf and pack.paper is not None and pack.paper.split:
        typer.echo(f"Note: whole on A4 the diagram's text would print at {pack.paper.whole_pt:.1f} pt, so the PDF "
                   f"draws each recommendation on its own; the whole diagram is in {whole_diagram_name(pack)}.",
                   err=True)
    from govgraph.model.nodes import rag_word

    counts = ", ".join(f"{n} {rag_word(r)}" for r, n in pack.remit.counts().items()) or "no actions"
    echo(f"Wrote {written} ({pack.remit.subject.name}: {counts}; {len(pack.overdue)} overdue)")
