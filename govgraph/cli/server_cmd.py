"""`govgraph server start|status|stop`: the bundled FalkorDB as a local Bolt server, for analysts without Neo4j.

The server runs in its own network namespace and is reached through 127.0.0.1 only (see
govgraph.neo4j.falkordb_server for what protects it and what does not). Its PID and port are kept in
the data folder, so `status` and `stop` find it from any shell.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

import typer

from govgraph.cli.app import app
from govgraph.errors import GovgraphError

server_app = typer.Typer(no_args_is_help=True,
                         help="Run a local Bolt server (FalkorDB) for the neo4j commands, reachable from this machine only.")
app.add_typer(server_app, name="server")

DEFAULT_PORT = 7687


def default_data() -> Path:
    """$XDG_DATA_HOME/govgraph/server (else ~/.local/share/govgraph/server)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "govgraph" / "server"


DataOpt = typer.Option(None, "--data", metavar="<dir>",
                       help="Folder for the graph, the log and the PID (default ~/.local/share/govgraph/server).")


class ServerError(GovgraphError, RuntimeError):
    hint = "`pip install 'govgraph[server]'` brings FalkorDB; or point --uri at a Neo4j server instead."


@server_app.command("start")
def start_cmd(
    data: Optional[Path] = DataOpt,
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, metavar="<int>",
                             help="Port on 127.0.0.1 to serve Bolt on."),
) -> None:
    """Start the server in the background; the last line printed is the URI to use."""
    from govgraph.neo4j import falkordb_server as fs

    folder = (data or default_data()).resolve()
    running = fs.load_state(folder)
    if running is not None and running.alive():
        typer.echo(f"Already running (pid {running.pid}), data in {folder}.")
        typer.echo(running.uri)
        return
    try:
        server = fs.start(folder, port=port, persist=True)
    except fs.FalkorDBUnavailable as exc:
        raise ServerError(str(exc)) from None
    fs.save_state(server)
    typer.echo(f"FalkorDB started (pid {server.pid}), data in {folder}.")
    typer.echo("Reachable from this machine only: it runs in its own network namespace, forwarded from "
               f"127.0.0.1:{server.port}. It has no password: every user of this machine can use it.")
    typer.echo(f"Use it with --uri {server.uri} or: export NEO4J_URI={server.uri}")
    typer.echo(server.uri)


@server_app.command("status")
def status_cmd(data: Optional[Path] = DataOpt) -> None:
    """Whether the server of this data folder runs and answers Bolt; exit status 1 when it does not run."""
    from govgraph.neo4j import falkordb_server as fs

    folder, server = _running(data)
    if server is None:
        raise GovgraphError(f"no server is running for the data folder {folder}",
                            hint="Start one with `govgraph server start` (add --data if it was started with one).")
    answers = "answers Bolt" if fs.answers_bolt(server.port) else "does NOT answer Bolt (see falkordb.log)"
    typer.echo(f"Running (pid {server.pid}), {answers}, data in {folder}.")
    typer.echo(server.uri)


@server_app.command("stop")
def stop_cmd(data: Optional[Path] = DataOpt) -> None:
    """Stop the server by its PID (it saves the graph first); safe to run when it is not running."""
    from govgraph.neo4j import falkordb_server as fs

    folder, server = _running(data)
    if server is None:
        typer.echo(f"Not running (data folder {folder}).")
    else:
        server.stop()
        typer.echo(f"Stopped (pid {server.pid}); the graph is kept in {folder}.")
    (folder / fs.STATE_FILE).unlink(missing_ok=True)


def _running(data: Optional[Path]) -> "tuple[Path, Any]":
    """The data folder and its running server, or None when none runs for it."""
    from govgraph.neo4j import falkordb_server as fs

    folder = (data or default_data()).resolve()
    server = fs.load_state(folder)
    return folder, (server if server is not None and server.alive() else None)
