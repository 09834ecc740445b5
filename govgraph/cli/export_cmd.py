"""`govgraph export ...`: the graph for analysts without a live Neo4j connection, and Browser helpers."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from govgraph.cli.app import app
from govgraph.cli.common import GraphOpt, echo, open_graph

export_app = typer.Typer(no_args_is_help=True, help="Write the graph for Neo4j, Gephi or yEd, and Browser helpers.")
app.add_typer(export_app, name="export")

SameForEveryGraphOpt = typer.Option(None, "--graph", "-g", metavar="<path>",
                                    help="Accepted like every export's -g; the output is the same for every graph.")
"""Browser helpers do not depend on the graph, but one script may pass the same -g to every export."""


@export_app.command("cypher")
def cypher_cmd(out: Path = typer.Option(Path("load.cypher"), "--out", "-o", help="File to write."),
               graph: Path = GraphOpt) -> None:
    """A Cypher script (constraints, then MERGE per node and relationship) for cypher-shell or Browser."""
    from govgraph.export.cypher_script import to_cypher
    from govgraph.outputs import check_output, write_file

    check_output(out, inputs=[graph])
    write_file(out, to_cypher(open_graph(graph)))
    echo(f"Wrote {out}")


@export_app.command("neo4j-admin")
def admin_cmd(out: Path = typer.Option(Path("neo4j-import"), "--out", "-o", help="Directory."),
              graph: Path = GraphOpt) -> None:
    """CSV files with `neo4j-admin database import` headers, and import.sh with the command line."""
    from govgraph.export.neo4j_admin import write_admin_csv
    from govgraph.outputs import check_folder

    check_folder(out)
    files = write_admin_csv(open_graph(graph), out)
    echo(f"Wrote {len(files)} files to {out}/ (run import.sh there)")


@export_app.command("graphml")
def graphml_cmd(out: Path = typer.Option(Path("govgraph.graphml"), "--out", "-o", help="File to write."),
                graph: Path = GraphOpt) -> None:
    """GraphML for Gephi or yEd (lists and maps as JSON text)."""
    from govgraph.export.graphml import write_graphml
    from govgraph.outputs import check_output

    check_output(out, inputs=[graph])
    write_graphml(open_graph(graph), out)
    echo(f"Wrote {out}")


@export_app.command("browser-style")
def style_cmd(out: Path = typer.Option(Path("govgraph.grass"), "--out", "-o", help="File to write."),
              graph: Optional[Path] = SameForEveryGraphOpt) -> None:
    """A Neo4j Browser style: Action nodes coloured by RAG, a caption for every label."""
    from govgraph.export.browser_style import to_grass
    from govgraph.outputs import write_file

    write_file(out, to_grass())
    echo(f"Wrote {out} (drag it onto Browser, or paste it after :style)")


@export_app.command("browser-favorites")
def favorites_cmd(out: Path = typer.Option(Path("govgraph-favorites"), "--out", "-o", help="Directory."),
                  graph: Optional[Path] = SameForEveryGraphOpt) -> None:
    """Every Cypher twin as a .cypher file Browser imports as a favourite."""
    from govgraph.export.favorites import write_favourites

    files = write_favourites(out)
    echo(f"Wrote {len(files)} favourites to {out}/")
