"""`govgraph diagram KIND ... --out FILE`: draw one diagram with Graphviz (format from the suffix).

One command per kind in `govgraph.viz.kinds.DIAGRAMS`, generated from its declaration: the kind's own
options and arguments, then the ones every diagram takes (`--out`, `--graph`, `--as-of`, `--max-nodes`).
An option of another kind is refused by the parser (exit 2). The command calls the kind's builder,
renders, and prints what it wrote; notes about anything summarised go to stderr. Builders (and networkx)
are imported only when a diagram is drawn.
"""
from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from govgraph.cli.app import app
from govgraph.cli.common import GraphOpt, parse_day
from govgraph.viz.kinds import DIAGRAMS, DiagramKind, Opt

diagram_app = typer.Typer(no_args_is_help=True, help="Draw a governance, accountability, impact, blockers or "
                                                     "programme diagram with Graphviz.")
app.add_typer(diagram_app, name="diagram")

AsOfOpt = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help="Date for the title, YYYY-MM-DD (default: today).")
"""Also `report board --as-of`."""
MaxNodesOpt = typer.Option(150, "--max-nodes", min=5, metavar="<int>",
                           help="Boxes in one drawing before it is summarised.")

_COMMON: list[tuple[str, Any, Any]] = [
    ("out", Path, typer.Option(..., "--out", "-o", help="Output file: .svg, .png, .pdf or .dot.")),
    ("as_of", Optional[str], AsOfOpt),
    ("max_nodes", int, MaxNodesOpt),
    ("graph", Path, GraphOpt),
]
"""(parameter, type, Typer option) of what every kind takes."""


def _parameter(opt: Opt) -> inspect.Parameter:
    """The Typer parameter a declared option becomes."""
    if opt.positional:
        default = typer.Argument(... if opt.required else None, help=opt.help, show_default=False)
    elif opt.type is bool:
        default = typer.Option(False, opt.cli, help=opt.help)
    else:
        default = typer.Option(... if opt.required else None, opt.cli, help=opt.help, min=opt.min,
                               metavar="<int>" if opt.type is int else None)
    kind = opt.type if opt.type is bool or opt.required else Optional[opt.type]
    return inspect.Parameter(opt.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)


def _command(kind: DiagramKind) -> Callable[..., None]:
    """A function whose signature Typer reads: the kind's options, then the common ones."""
    def command(**values: Any) -> None:
        common = {name: values.pop(name) for name, _, _ in _COMMON}
        draw(kind, values, **common)

    params = [_parameter(o) for o in sorted(kind.options, key=lambda o: not o.positional)]
    params += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=typ)
               for name, typ, default in _COMMON]
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    command.__name__ = f"diagram_{kind.name}"
    command.__doc__ = kind.help
    return command


def draw(kind: DiagramKind, values: dict[str, Any], *, out: Path, as_of: Optional[str], max_nodes: int,
         graph: Path) -> None:
    """Check the output, load the graph, build the kind's diagram, render it, and say what was written."""
    import time

    from govgraph.cli.common import echo, open_graph
    from govgraph.outputs import check_output
    from govgraph.viz.diagram import DiagramOptions
    from govgraph.viz.render import format_for, render

    format_for(out)  # a bad suffix, a device or the graph file itself as --out fail before any work
    check_output(out, inputs=[graph])
    options = DiagramOptions(as_of=parse_day(as_of), max_nodes=max_nodes)
    started = time.perf_counter()
    diagram = kind.draw(open_graph(graph), options, values)
    for note in diagram.notes:
        echo(f"Note: {note}", err=True)
    written = render(diagram.to_dot(), out)
    echo(f"Wrote {written} ({diagram.kind}, {diagram.dot.node_count} boxes, "
         f"{time.perf_counter() - started:.1f} s)")


for _kind in DIAGRAMS.values():
    diagram_app.command(_kind.name, help=_kind.help)(_command(_kind))
