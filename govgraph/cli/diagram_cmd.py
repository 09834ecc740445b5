"""`govgraph diagram KIND ... --out FILE`: draw one diagram with Graphviz (format from the suffix).

The command parses options, calls one builder in govgraph.viz, renders, and prints what it wrote;
notes about anything summarised go to stderr. Builders (and networkx) are imported inside the command.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from govgraph.cli.app import app
from govgraph.cli.common import GraphOpt, parse_day


class Kind(str, Enum):
    governance = "governance"
    accountability = "accountability"
    impact = "impact"
    blockers = "blockers"
    programme = "programme"


AsOfOpt = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help="Date for the title, YYYY-MM-DD (default: today).")
MaxNodesOpt = typer.Option(150, "--max-nodes", min=5, metavar="<int>",
                          help="Boxes in one drawing before it is summarised.")


@app.command("diagram")
def diagram_cmd(
    kind: Kind = typer.Argument(..., help="governance | accountability | impact | blockers | programme"),
    node: Optional[str] = typer.Argument(None, help="impact: the node to start from (id, ref such as 001/42, "
                                                    "or part of a name)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output file: .svg, .png, .pdf or .dot."),
    board: Optional[str] = typer.Option(None, "--board", help="accountability: the board; blockers: only RED "
                                                              "actions it monitors."),
    lead: Optional[str] = typer.Option(None, "--lead", help="accountability: the post or person; blockers: only "
                                                            "RED actions it leads."),
    with_parts: bool = typer.Option(False, "--with-parts", help="accountability --board: include the actions "
                                                                "its sub-groups and executive monitor."),
    authority: Optional[str] = typer.Option(None, "--authority", help="governance: which authority "
                                                                      "(default: the only one)."),
    all_boards: bool = typer.Option(False, "--all-boards", help="governance: draw boards with no stated line "
                                                                "as boxes, not one list."),
    programme: Optional[str] = typer.Option(None, "--programme", help="programme: which programme "
                                                                      "(default: all)."),
    actions: bool = typer.Option(False, "--actions", help="programme: draw actions as leaves."),
    plan: Optional[str] = typer.Option(None, "--plan", help="blockers: only recommendations of this plan."),
    depth: Optional[int] = typer.Option(None, "--depth", min=1, metavar="<int>",
                                         help="impact: hops to follow."),
    as_of: Optional[str] = AsOfOpt,
    max_nodes: int = MaxNodesOpt,
    graph: Path = GraphOpt,
) -> None:
    """Draw a governance, accountability, impact, blockers or programme diagram."""
    import time

    from govgraph.cli.common import open_graph
    from govgraph.errors import DiagramError
    from govgraph.viz.diagram import DiagramOptions
    from govgraph.viz.render import format_for, render

    from govgraph.outputs import check_output

    format_for(out)  # a bad suffix, a device or the graph file itself as --out fail before any work
    check_output(out, inputs=[graph])
    options = DiagramOptions(as_of=parse_day(as_of), max_nodes=max_nodes)
    started = time.perf_counter()
    gg = open_graph(graph)
    if kind is Kind.governance:
        from govgraph.viz.governance import governance

        diagram = governance(gg, authority, options, all_boards=all_boards)
    elif kind is Kind.accountability:
        from govgraph.viz.accountability import accountability_diagram

        diagram = accountability_diagram(gg, board=board, lead=lead, options=options, with_parts=with_parts)
    elif kind is Kind.impact:
        if not node:
            raise DiagramError("impact needs the node to start from", hint="e.g. `govgraph diagram impact 001/42`.")
        from govgraph.viz.impact import impact_diagram

        diagram = impact_diagram(gg, node, depth=depth, options=options)
    elif kind is Kind.blockers:
        from govgraph.viz.impact import blockers_diagram

        diagram = blockers_diagram(gg, plan=plan, board=board, lead=lead, options=options)
    else:
        from govgraph.viz.programme import programme as programme_diagram

        diagram = programme_diagram(gg, programme, options, show_actions=actions)
    from govgraph.cli.common import echo

    for note in diagram.notes:
        echo(f"Note: {note}", err=True)
    written = render(diagram.to_dot(), out)
    echo(f"Wrote {written} ({diagram.kind}, {diagram.dot.node_count} boxes, "
               f"{time.perf_counter() - started:.1f} s)")
