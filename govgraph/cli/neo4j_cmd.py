"""`govgraph neo4j push` and `govgraph cypher`: the graph in Neo4j, and anything asked there by hand.

The named questions run on a server through `govgraph query NAME --neo4j URI` (govgraph/cli/query_cmd.py),
which reaches it through `on_server` here. Commands parse options, call one library function
(govgraph.neo4j) and print. The neo4j driver and rich are imported inside the commands so
`govgraph --help` stays fast.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from govgraph.cli.app import app
from govgraph.cli.common import (
    DatabaseOpt,
    GraphOpt,
    JsonOpt,
    PasswordOpt,
    ReadTimeoutOpt,
    TimeoutOpt,
    UriOpt,
    UserOpt,
    open_graph,
    print_json,
)
from govgraph.cli.query_cmd import LegacyQuestionGroup

if TYPE_CHECKING:
    from collections.abc import Callable

    from govgraph.neo4j.connection import Settings
    from govgraph.neo4j.remote import Remote

neo4j_app = typer.Typer(no_args_is_help=True,
                        help="Push the graph to Neo4j; ask it questions with `govgraph query NAME --neo4j URI`.")
neo4j_query_app = typer.Typer(cls=LegacyQuestionGroup, no_args_is_help=True, hidden=True,
                              help="Deprecated: use `govgraph query NAME --neo4j URI`.")
neo4j_app.add_typer(neo4j_query_app, name="query", hidden=True)
"""The old mirrored command set, kept hidden for one release: each command is the question's own, run on
the server, after one deprecation line on stderr."""
app.add_typer(neo4j_app, name="neo4j")


def _settings(uri: Optional[str], username: Optional[str], password: Optional[str], database: Optional[str],
              timeout: Optional[float], read_timeout: Optional[float] = None, uri_option: str = "--uri") -> "Settings":
    """The connection settings; also keeps the driver's log lines off stderr (our one message says it).
    `uri_option` is the command's option for the URI, which the hints name."""
    import logging

    from govgraph.neo4j.connection import Settings

    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    return Settings.from_env(uri=uri, username=username, password=password, database=database,
                             connection_acquisition_timeout=timeout, max_transaction_retry_time=timeout,
                             read_timeout=read_timeout, uri_option=uri_option)


def _remote(settings: "Settings") -> "Remote":
    from govgraph.neo4j.connection import get_driver
    from govgraph.neo4j.remote import Remote

    return Remote(get_driver(settings), settings.database)


def _guard(settings: "Settings", work: Any) -> Any:
    """Run `work()`; driver failures become one GovgraphError (exit 1 via the app's main)."""
    import neo4j.exceptions as nex

    from govgraph.neo4j.connection import translate

    try:
        return work()
    except nex.Neo4jError as exc:
        raise translate(exc, settings) from None
    except nex.DriverError as exc:
        raise translate(exc, settings) from None


@neo4j_app.command("push")
def push_cmd(
    graph: Path = GraphOpt,
    uri: Optional[str] = UriOpt,
    username: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt,
    batch_size: int = typer.Option(500, "--batch-size", min=1, metavar="<int>", help="Rows per transaction at most."),
    batch_bytes: Optional[int] = typer.Option(
        None, "--batch-bytes", min=1024, metavar="<int>",
        help="Bytes per statement at most, parameters included (default: large on Neo4j, 3900 on other servers)."),
    replace: bool = typer.Option(False, "--replace",
                                 help="First remove what an earlier push of the same documents wrote."),
    timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    as_json: bool = JsonOpt,
) -> None:
    """Write the graph to Neo4j: constraints, then batched MERGE per label and type. Safe to re-run."""
    from govgraph.neo4j.connection import get_driver
    from govgraph.neo4j.push import push

    gg = open_graph(graph)
    settings = _settings(uri, username, password, database, timeout, read_timeout)

    def work() -> Any:
        driver = get_driver(settings)
        if quiet or as_json:
            return push(gg, driver, database=settings.database, batch_size=batch_size, batch_bytes=batch_bytes,
                        replace=replace)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        with Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=False) as bar:
            task = bar.add_task("connecting", total=None)

            def progress(done: int, total: int, what: str) -> None:
                bar.update(task, completed=done, total=total, description=what)

            return push(gg, driver, database=settings.database, batch_size=batch_size, batch_bytes=batch_bytes,
                        replace=replace, progress=progress)

    report = _guard(settings, work)
    summary = {"uri": settings.uri, "database": settings.database, "nodes": report.nodes,
               "relationships": report.relationships, "batches": report.batches, "documents": report.documents,
               "replaced": {"untagged": report.untagged, "deleted": report.deleted} if replace else None,
               "server": {"agent": report.server.agent, "neo4j": report.server.is_neo4j},
               "seconds": round(report.seconds, 3)}
    if as_json:
        print_json(summary)
        return
    typer.echo(f"Pushed {report.nodes} nodes and {report.relationships} relationships from "
               f"{len(report.documents)} document(s) to {settings.uri} in {report.batches} batches "
               f"({report.seconds:.1f}s).")
    if replace:
        typer.echo(f"Replaced: {report.deleted} element(s) of an earlier push deleted, "
                   f"{report.untagged - report.deleted} kept for other documents.")


def on_server(server: dict[str, Any], work: "Callable[[Remote], Any]", uri_option: str = "--uri") -> Any:
    """`work(remote)` on the server the options name (`uri`, `username`, ... as typed); driver failures
    become one GovgraphError whose hint names `uri_option`. `govgraph query NAME --neo4j URI` asks its
    questions through here."""
    settings = _settings(server["uri"], server["username"], server["password"], server["database"],
                         server["timeout"], server["read_timeout"], uri_option)
    return _guard(settings, lambda: work(_remote(settings)))


@app.command("cypher")
def cypher_cmd(
    statement: str = typer.Argument(..., help="A read-only Cypher statement."),
    param: list[str] = typer.Option([], "--param", "-P", metavar="<k=v>",
                                    help="k=v (v read as JSON when it parses, else text)."),
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
) -> None:
    """Run an ad-hoc read query on Neo4j and print the rows; a statement that writes is refused unsent."""
    from govgraph.neo4j.adhoc import parse_params, plain
    from govgraph.neo4j.readonly import check_read_only

    check_read_only(statement)
    params = parse_params(param)
    settings = _settings(uri, username, password, database, timeout, read_timeout)
    rows = _guard(settings, lambda: _remote(settings).read(statement, **params))
    if as_json:
        print_json(plain(rows))
        return
    from rich.table import Table

    from govgraph.cli.common import console

    keys = list(rows[0]) if rows else []
    table = Table(title=f"{len(rows)} row(s)")
    for k in keys:
        table.add_column(k, overflow="fold")
    for row in plain(rows):
        table.add_row(*(_cell(row[k]) for k in keys))
    console().print(table)


def _cell(value: Any) -> str:
    import json

    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
