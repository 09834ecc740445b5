"""`govgraph stats` and `govgraph lint`."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from govgraph.cli.app import app
from govgraph.cli.common import (
    GraphOpt,
    JsonOpt,
    console,
    open_graph,
    parse_day,
    print_json,
    text,
)


class SeverityLevel(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@app.command("stats")
def stats_cmd(graph: Path = GraphOpt, as_json: bool = JsonOpt) -> None:
    """Count nodes by label, relationships by type, and what each document gave."""
    from govgraph.queries.stats import graph_stats

    result = graph_stats(open_graph(graph))
    if as_json:
        print_json(result)
        return

    from rich.table import Table
    from rich.text import Text

    out = console()
    for title, head, counts, total in (("Nodes", "Label", result.nodes, result.node_total),
                                       ("Relationships", "Type", result.relationships, result.relationship_total)):
        table = Table(title=title, show_footer=True)
        table.add_column(head, footer="total")
        table.add_column("Count", justify="right", footer=str(total))
        for name, n in counts.items():
            table.add_row(text(name), str(n))
        out.print(table)

    if result.documents:
        shown = sorted({label for d in result.documents for label in d.nodes})
        docs = Table(title="By document")
        docs.add_column("Document")
        for label in shown:
            docs.add_column(label, justify="right")
        docs.add_column("Nodes", justify="right")
        docs.add_column("Edges", justify="right")
        docs.add_column("Warnings", justify="right")
        for d in result.documents:
            docs.add_row(text(d.source_file), *(str(d.nodes.get(label, 0)) for label in shown),
                         str(d.node_total), str(d.edges), str(d.warnings))
        out.print(docs)
    out.print(Text(f"{result.warnings} load warning{'s' if result.warnings != 1 else ''}"
              + (" (`govgraph lint` lists them)" if result.warnings else "")))


@app.command("lint")
def lint_cmd(
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="YYYY-MM-DD",
        help="Date for the past-due check. Default: each plan's own date (stated, or its latest progress "
             "note); today for a plan that states none."),
    severity: SeverityLevel = typer.Option(
        SeverityLevel.info, "--severity", case_sensitive=False,
        help="Show findings of this severity or worse (error < warning < info)."),
) -> None:
    """Check the graph for gaps and contradictions. A report: exits 0 even with findings."""

    from govgraph.queries.lint import at_least, lint, severity_counts

    when = parse_day(as_of)

    findings = at_least(lint(open_graph(graph), as_of=when), severity.value)
    counts = severity_counts(findings)
    summary = (f"{len(findings)} finding{'s' if len(findings) != 1 else ''} "
               f"({counts['error']} error{'s' if counts['error'] != 1 else ''}, "
               f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}, "
               f"{counts['info']} info)")
    if as_json:
        print_json(findings)
        typer.echo(summary, err=True)
        return

    from rich.table import Table
    from rich.text import Text

    out = console()
    if findings:
        style = {"error": "bold red", "warning": "yellow", "info": "dim"}
        table = Table(title="Lint findings")
        table.add_column("Severity", no_wrap=True)
        table.add_column("Rule", no_wrap=True)
        table.add_column("Where", no_wrap=True)
        table.add_column("Node", overflow="fold")
        table.add_column("Message", overflow="fold")
        for f in findings:
            where = f.source_file or ""
            if f.source_location:
                where += f" {f.source_location}"
            elif f.source_line is not None:
                where += f":{f.source_line}"
            what = f"{f.label} {f.ref}" if f.label and f.ref else (f.node or "")
            table.add_row(text(f.severity, style=style[f.severity]), text(f.rule), text(where),
                          text(what), text(f.message))
        out.print(table)
    out.print(Text(summary))
