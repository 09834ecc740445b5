"""`govgraph query NAME ...`: one command per question, built from its spec, on either engine.

Each command is made from `govgraph.queries.registry.QUERIES[NAME]`: the spec's arguments with their
help and validation, then `--sources`/`--limit` where the question has them, `-g/--graph`, `--json`, and
the server options. It answers on the graph file, or on Neo4j/FalkorDB with the Cypher twin when
`--neo4j URI` is given (or `$NEO4J_URI` is set and no `-g`), and prints the same table or JSON either way.

Commands are built only when asked for (`QuestionGroup`): `govgraph --help` and every other command
start without importing a question, pydantic or the graph library; the server path never imports the
graph library unless a name must be matched by more than its id.
"""
from __future__ import annotations

import inspect
import os
from collections.abc import Iterator, MutableMapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer
from typer.core import TyperGroup

from govgraph.cli.common import (
    DatabaseOpt,
    GraphOpt,
    JsonOpt,
    LimitOpt,
    PasswordOpt,
    ReadTimeoutOpt,
    TimeoutOpt,
    UriOpt,
    UserOpt,
    echo,
    open_graph,
)
from govgraph.queries.registry import QUESTIONS

if TYPE_CHECKING:
    from govgraph.queries.spec import Arg, QuerySpec

SourcesOpt = typer.Option(False, "--sources", help="Show where each fact was read (file:line, quote).")
Neo4jOpt = typer.Option(None, "--neo4j", metavar="URI",
                        help="Answer on a Neo4j or FalkorDB server holding the pushed graph (bolt://HOST:PORT), "
                             "not the graph file. Default: $NEO4J_URI when set and -g is not given.")

_SERVER = (("username", Optional[str], UserOpt), ("password", Optional[str], PasswordOpt),
           ("database", Optional[str], DatabaseOpt), ("timeout", Optional[float], TimeoutOpt),
           ("read_timeout", Optional[float], ReadTimeoutOpt))
"""The server options every question takes after `--neo4j` (the old `neo4j query` commands' set)."""
_OWN = {"ctx", "sources", "limit", "graph", "as_json", "uri", *(n for n, _, _ in _SERVER)}

DEPRECATED = ("Deprecated: `govgraph neo4j query {name}` is now `govgraph query {name} --neo4j URI`; "
              "this alias goes in the next release.")


# ---- one command per spec -----------------------------------------------------------------------------
def build_command(spec: "QuerySpec", legacy: bool = False) -> Any:
    """The Click command for `spec`: a function with a real signature made for Typer to read.

    `legacy` builds the deprecated `govgraph neo4j query NAME` (always on a server, `--uri`, no `-g`)."""
    P = inspect.Parameter
    params = [P("ctx", P.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    for arg in spec.args:
        assert arg.name not in _OWN, f"{spec.name}: argument {arg.name!r} clashes with a common option"
        annotation, default = _param(spec, arg)
        params.append(P(arg.name, P.KEYWORD_ONLY, default=default, annotation=annotation))
    common: list[tuple[str, Any, Any]] = []
    if spec.sources:
        common.append(("sources", bool, SourcesOpt))
    if spec.limit:
        common.append(("limit", int, LimitOpt))
    if not legacy:
        common.append(("graph", Path, GraphOpt))
    common.append(("as_json", bool, JsonOpt))
    common.append(("uri", Optional[str], UriOpt if legacy else Neo4jOpt))
    common.extend(_SERVER)
    params += [P(name, P.KEYWORD_ONLY, default=opt, annotation=ann) for name, ann, opt in common]

    def command(ctx: typer.Context, **values: Any) -> None:
        run(spec, values, legacy, graph_given=_given(ctx, "graph"))

    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    command.__doc__ = spec.help + (f"\n\nDeprecated: use `govgraph query {spec.name} --neo4j`." if legacy else "")
    command.__name__ = command.__qualname__ = f"{spec.name}_cmd"
    one = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
    one.command(spec.name)(command)
    return typer.main.get_command(one)


def _param(spec: "QuerySpec", arg: "Arg") -> tuple[Any, Any]:
    """The annotation and Typer default for one argument: choices become an Enum the parser checks."""
    annotation, default = arg.type, arg.default
    if arg.choices:
        choice = Enum(f"{spec.name}_{arg.name}", {c: c for c in arg.choices}, type=str)  # type: ignore[misc]
        annotation, default = choice, choice(arg.default)
    if arg.positional:
        return annotation, typer.Argument(... if arg.required else default, help=arg.help or None)
    extra: dict[str, Any] = {"metavar": arg.metavar} if arg.metavar else {}
    if arg.min is not None:
        extra["min"] = arg.min
    if arg.choices:
        extra["case_sensitive"] = False
    return annotation, typer.Option(default, *arg.flags, help=arg.help, **extra)


def _given(ctx: Any, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")


def run(spec: "QuerySpec", values: dict[str, Any], legacy: bool = False, graph_given: bool = False) -> None:
    """Answer the question the typed `values` ask, on the graph file or a server, and print it."""
    from govgraph.cli.tables import render

    if legacy:
        echo(DEPRECATED.format(name=spec.name), err=True)
    sources, limit, as_json = values.pop("sources", False), values.pop("limit", 0), values.pop("as_json")
    graph = values.pop("graph", None)
    server = {k: values.pop(k) for k in ("uri", *(n for n, _, _ in _SERVER))}
    for arg in spec.args:
        values[arg.name] = _parsed(arg, values[arg.name])
    case = spec.call(values)
    on_server = legacy or server["uri"] or (not graph_given and os.environ.get("NEO4J_URI"))
    if on_server:
        from govgraph.cli.neo4j_cmd import on_server as ask

        result = ask(server, lambda remote: spec.answer(remote, case, remote=True),
                     "--uri" if legacy else "--neo4j")
    else:
        result = spec.answer(open_graph(graph), case)
    render(spec, result, sources=sources, as_json=as_json, limit=limit, values=values)


def _parsed(arg: "Arg", value: Any) -> Any:
    if isinstance(value, Enum):
        value = value.value
    if arg.parse is None or value is None:
        return value
    try:
        return arg.parse(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=arg.flags[0] if arg.flags else arg.name) from None


# ---- the groups: commands built when asked for -----------------------------------------------------------
class _Commands(MutableMapping[str, Any]):
    """Name -> Click command, each built from its spec on first use; the names come from the registry."""

    def __init__(self, legacy: bool) -> None:
        self.legacy, self.built = legacy, {}  # type: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in QUESTIONS:
                raise KeyError(name)
            from govgraph.queries.registry import QUERIES

            self.built[name] = build_command(QUERIES[name], self.legacy)
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("questions are removed from the registry, not from the command line")

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*QUESTIONS, *self.built]))

    def __len__(self) -> int:
        return len(set(QUESTIONS) | set(self.built))


class QuestionGroup(TyperGroup):
    """`govgraph query`: one command per registered question, built when named (or listed by --help)."""

    legacy = False

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self.legacy)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)


class LegacyQuestionGroup(QuestionGroup):
    """`govgraph neo4j query` (hidden, deprecated): the same commands, always on a server, saying so."""

    legacy = True


# Last, so that importing this module first (before govgraph.cli.app) finds the groups defined when the app
# wires neo4j_cmd, which takes LegacyQuestionGroup from here.
from govgraph.cli.app import query_app  # noqa: E402

query_app.info.cls = QuestionGroup
