"""`govgraph neo4j push|query ...` and `govgraph cypher`: the graph in Neo4j, questions asked there.

Commands parse options, call one library function (govgraph.neo4j) and print. The neo4j driver and
rich are imported inside the commands so `govgraph --help` stays fast.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from govgraph.cli.app import app
from govgraph.cli.common import (
    GraphOpt,
    JsonOpt,
    LimitOpt,
    WithPartsOpt,
    board_opt,
    lead_opt,
    plan_opt,
    open_graph,
    parse_day,
    print_json,
)

if TYPE_CHECKING:
    from govgraph.neo4j.connection import Settings
    from govgraph.neo4j.remote import Remote

neo4j_app = typer.Typer(no_args_is_help=True, help="Push the graph to Neo4j and ask the questions there.")
neo4j_query_app = typer.Typer(no_args_is_help=True, help="Answer a question with its Cypher twin, on the server.")
neo4j_app.add_typer(neo4j_query_app, name="query")
app.add_typer(neo4j_app, name="neo4j")

UriOpt = typer.Option(None, "--uri", help="Bolt URI (default: $NEO4J_URI, else bolt://localhost:7687).")
UserOpt = typer.Option(None, "--username", "-u", help="Default: $NEO4J_USERNAME (empty: no authentication).")
PasswordOpt = typer.Option(None, "--password", "-p", help="Default: $NEO4J_PASSWORD.")
DatabaseOpt = typer.Option(None, "--database", "-d", help="Default: $NEO4J_DATABASE, else the server's default.")
TimeoutOpt = typer.Option(None, "--timeout", min=0.1, metavar="<seconds>",
                          help="Seconds to get a connection, and to retry a failed transaction (default 10).")
ReadTimeoutOpt = typer.Option(None, "--read-timeout", min=0.1, metavar="<seconds>",
                              help="Seconds to wait for any reply once connected (default 60).")
SourcesOpt = typer.Option(False, "--sources", help="Show where each fact was read (file:line, quote).")


def _settings(uri: Optional[str], username: Optional[str], password: Optional[str], database: Optional[str],
              timeout: Optional[float], read_timeout: Optional[float] = None) -> "Settings":
    """The connection settings; also keeps the driver's log lines off stderr (our one message says it)."""
    import logging

    from govgraph.neo4j.connection import Settings

    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    return Settings.from_env(uri=uri, username=username, password=password, database=database,
                             connection_acquisition_timeout=timeout, max_transaction_retry_time=timeout,
                             read_timeout=read_timeout)


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


def _ask(name: str, settings: "Settings", sources: bool, as_json: bool, call: Any, limit: int = 0) -> None:
    from govgraph.cli.query_cmd import render

    result = _guard(settings, lambda: call(_remote(settings)))
    render(name, result, sources=sources, as_json=as_json, limit=limit)


@neo4j_query_app.command("blockers")
def q_blockers(
    plan: Optional[str] = plan_opt("recommendations"),
    board: Optional[str] = board_opt("RED actions"),
    with_parts: bool = WithPartsOpt,
    lead: Optional[str] = lead_opt("RED actions"),
    sources: bool = SourcesOpt,
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
    limit: int = LimitOpt,
) -> None:
    """Recommendations blocked by a RED action (twin of `govgraph query blockers`)."""
    from govgraph.neo4j import twins

    _ask("blockers", _settings(uri, username, password, database, timeout, read_timeout), sources, as_json,
         lambda r: twins.blockers(r, plan=plan, board=board, lead=lead, with_parts=with_parts), limit=limit)


@neo4j_query_app.command("impact")
def q_impact(
    node: str = typer.Argument(...), depth: Optional[int] = typer.Option(None, "--depth", min=1, metavar="<int>",
                                                                          help="Follow at most this many hops."),
    sources: bool = SourcesOpt,
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
    limit: int = LimitOpt,
) -> None:
    """Everything downstream if NODE slips (twin of `govgraph query impact`)."""
    from govgraph.neo4j import twins

    _ask("impact", _settings(uri, username, password, database, timeout, read_timeout), sources, as_json,
         lambda r: twins.impact(r, node, depth=depth), limit=limit)


@neo4j_query_app.command("escalation")
def q_escalation(
    name: Optional[str] = typer.Argument(None),
    down: bool = typer.Option(False, "--down", help="Who escalates to NAME, instead of where NAME escalates."),
    all_lines: bool = typer.Option(False, "--all", help="Every escalation line in the graph."),
    all_paths: bool = typer.Option(False, "--all-paths",
                                   help="Every route enumerated as a table of chains, not the one tree."),
    sources: bool = SourcesOpt,
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
    limit: int = LimitOpt,
) -> None:
    """The escalation chains from a role or board (twin of `govgraph query escalation`)."""
    from govgraph.errors import GovgraphError
    from govgraph.neo4j import twins

    if not all_lines and name is None:
        raise GovgraphError("escalation needs a role or board name", hint="Or pass --all for every line.")
    settings = _settings(uri, username, password, database, timeout, read_timeout)
    call = (lambda r: twins.escalation_lines(r)) if all_lines else (lambda r: twins.escalation(r, name or "", down=down))
    if all_paths and not as_json:
        from govgraph.cli.query_cmd import _render_escalation_chains

        _render_escalation_chains(_guard(settings, lambda: call(_remote(settings))), sources, limit)
        return
    _ask("escalation", settings, sources, as_json, call, limit=limit)


@neo4j_query_app.command("accountability")
def q_accountability(
    name: str = typer.Argument(...), sources: bool = SourcesOpt,
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
    limit: int = LimitOpt,
) -> None:
    """What a role, person or board answers for (twin of `govgraph query accountability`)."""
    from govgraph.neo4j import twins

    _ask("accountability", _settings(uri, username, password, database, timeout, read_timeout), sources, as_json,
         lambda r: twins.accountability(r, name), limit=limit)


@neo4j_query_app.command("overdue")
def q_overdue(
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="Judge every plan as of this date (default: each plan's own date)."),
    plan: Optional[str] = plan_opt("actions"),
    board: Optional[str] = board_opt("actions"),
    with_parts: bool = WithPartsOpt,
    lead: Optional[str] = lead_opt("actions"),
    sources: bool = SourcesOpt,
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
    limit: int = LimitOpt,
) -> None:
    """Open actions past their due date (twin of `govgraph query overdue`)."""
    from govgraph.neo4j import twins

    day = parse_day(as_of)
    _ask("overdue", _settings(uri, username, password, database, timeout, read_timeout), sources, as_json,
         lambda r: twins.overdue(r, day, plan=plan, board=board, lead=lead, with_parts=with_parts), limit=limit)


@neo4j_query_app.command("rollup")
def q_rollup(
    by: str = typer.Option("recommendation", "--by", help="recommendation, lead, board, workstream or plan."),
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
    limit: int = LimitOpt,
) -> None:
    """RAG counts and the worst status per group (twin of `govgraph query rollup`)."""
    from govgraph.errors import GovgraphError
    from govgraph.neo4j import twins
    from govgraph.queries.rollup import BY_VALUES

    if by.lower() not in BY_VALUES:
        raise GovgraphError(f"--by {by!r} is not a grouping", hint=f"Choose one of {', '.join(BY_VALUES)}.")
    _ask("rollup", _settings(uri, username, password, database, timeout, read_timeout), False, as_json,
         lambda r: twins.rollup(r, by.lower()), limit=limit)


@neo4j_query_app.command("gaps")
def q_gaps(
    sources: bool = SourcesOpt,
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
    limit: int = LimitOpt,
) -> None:
    """Holes in the governance (twin of `govgraph query gaps`)."""
    from govgraph.neo4j import twins

    _ask("gaps", _settings(uri, username, password, database, timeout, read_timeout), sources, as_json, twins.gaps, limit=limit)


@neo4j_query_app.command("path")
def q_path(
    a: str = typer.Argument(...), b: str = typer.Argument(...), sources: bool = SourcesOpt,
    uri: Optional[str] = UriOpt, username: Optional[str] = UserOpt, password: Optional[str] = PasswordOpt,
    database: Optional[str] = DatabaseOpt, timeout: Optional[float] = TimeoutOpt, read_timeout: Optional[float] = ReadTimeoutOpt, as_json: bool = JsonOpt,
) -> None:
    """The shortest connection between two nodes, up to 8 links (twin of `govgraph query path`)."""
    from govgraph.neo4j import twins

    _ask("path", _settings(uri, username, password, database, timeout, read_timeout), sources, as_json,
         lambda r: twins.path(r, a, b))


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
