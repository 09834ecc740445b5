"""What a question is, declared once: its arguments, its function, its result, its table, its Cypher twin.

Each question module (`govgraph/queries/blockers.py`, ...) ends with one `SPEC = QuerySpec(...)`;
`govgraph.queries.registry.QUESTIONS` lists the modules, one line each. The command line
(`govgraph query NAME`, on the graph file or on a server), the Neo4j twins, the parity tests and the
README check are all built from the specs, so adding a question is one module and one registry line.

This module imports nothing heavy: the command line reads the registry at start-up.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from pydantic import BaseModel

    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph


@dataclass(frozen=True)
class Arg:
    """One command-line argument (no `flags`) or option of a question, with its validation."""

    name: str
    """The Python name; also the library function's keyword unless `keyword` says otherwise."""
    type: Any = Optional[str]
    default: Any = None
    flags: tuple[str, ...] = ()
    help: str = ""
    metavar: str | None = None
    min: int | None = None
    choices: tuple[str, ...] = ()
    """Allowed values (case-insensitive); the parser refuses anything else."""
    parse: Callable[[Any], Any] | None = None
    """Turns the typed value into the library's (the command line calls it before `QuerySpec.call`); a
    ValueError is a usage error on this option."""
    keyword: str | None = None
    """The library function's keyword, when not `name`; "" for an option only the table uses."""
    required: bool = False

    @property
    def positional(self) -> bool:
        return not self.flags


@dataclass(frozen=True)
class Case:
    """One call of a question: which function (its name; "" for the main one), positional arguments
    after the graph, keywords. The command line makes one from what was typed; the parity tests draw
    many from a graph."""

    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    variant: str = ""


class Sample:
    """Arguments drawn from a graph for a question's cases: every node of a label, or a seeded random
    sample of `size` of them (the corpus is too large to ask everything)."""

    def __init__(self, gg: "GovGraph", size: int | None = None, seed: int = 5) -> None:
        self.gg, self.size, self.rng = gg, size, random.Random(seed)

    def ids(self, *labels: str) -> list[str]:
        return [n for lab in labels for n in self.gg.ids(lab)]

    def pick(self, *labels: str) -> list[str]:
        ids = self.ids(*labels)
        return ids if self.size is None or len(ids) <= self.size else sorted(self.rng.sample(ids, self.size))

    def pairs(self) -> list[tuple[str, str]]:
        ids = sorted(nid for nid, _ in self.gg.nodes())
        every = [(a, b) for a in ids for b in ids if a < b]
        return every if self.size is None else self.rng.sample(every, min(len(every), self.size * 4))


Renderer = Callable[[Any, "View"], None]
Ask = Callable[[Mapping[str, Any], "QuerySpec"], Case]


@dataclass(frozen=True)
class QuerySpec:
    """One question, whole."""

    name: str
    help: str
    """The command's help: first line short, the rest shown by `--help`."""
    function: Callable[..., "BaseModel"]
    result: type["BaseModel"]
    render: Renderer
    """Prints the result as a table (`View` carries --sources, --limit and the other typed values)."""
    cypher_file: str
    params: tuple[str, ...]
    """The `$params` the Cypher twin takes (union over its statements)."""
    twin: Callable[..., "BaseModel"]
    """The same question answered on a server (`Remote`) with the twin statements, same result model."""
    example: str
    """The README's example, after `govgraph query ` (run on `govgraph/queries/_example.py`'s graph)."""
    cases: Callable[[Sample], Iterable[Case]]
    """Calls worth comparing between the function and its twin, drawn from a graph (tests/neo4j/test_parity.py)."""
    args: tuple[Arg, ...] = ()
    variants: tuple[Callable[..., "BaseModel"], ...] = ()
    """Other functions answering the same question in another mode (e.g. every escalation line)."""
    twin_variants: tuple[Callable[..., "BaseModel"], ...] = ()
    """Their twins, in the same order."""
    ask: Ask | None = None
    """Which call the typed values make, when not simply arguments then keywords (see `call`)."""
    sources: bool = True
    limit: bool = True
    """Whether the command takes --sources and --limit."""

    def cypher(self) -> dict[str, str]:
        """The twin's statements by name."""
        from govgraph.queries.registry import cypher_statements

        return cypher_statements(self.cypher_file)

    def call(self, values: Mapping[str, Any]) -> Case:
        """The call the (parsed) `values` make: positional arguments in order, options as keywords.

        >>> from govgraph.queries.registry import QUERIES
        >>> QUERIES["impact"].call({"node": "demo/1", "depth": 1})
        Case(args=('demo/1',), kwargs={'depth': 1}, variant='')
        """
        if self.ask is not None:
            return self.ask(values, self)
        args = tuple(values[a.name] for a in self.args if a.positional)
        kwargs = {a.keyword or a.name: values[a.name] for a in self.args if not a.positional and a.keyword != ""}
        return Case(args, kwargs)

    def answer(self, target: Any, case: Case, remote: bool = False) -> "BaseModel":
        """Answer `case` on a graph, or on a server (`Remote`) with the twin."""
        fns = (self.twin, *self.twin_variants) if remote else (self.function, *self.variants)
        by_name = {"": fns[0], **{v.__name__: f for v, f in zip(self.variants, fns[1:])}}
        return by_name[case.variant](target, *case.args, **dict(case.kwargs))


def lazy(module: str, attr: str) -> Callable[..., Any]:
    """`module.attr`, imported on first call: a question names its twin without importing the Neo4j side."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(module), attr)(*args, **kwargs)

    call.__name__ = call.__qualname__ = attr
    call.__doc__ = f"`{module}.{attr}`, imported when first called."
    return call


def day(value: str) -> dt.date:
    """An `--as-of` value as a date.

    >>> day(" 2020-02-15")
    datetime.date(2020, 2, 15)
    """
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a date (use YYYY-MM-DD)") from None


# ---- arguments several questions share ----------------------------------------------------------------
def plan_arg(what: str) -> Arg:
    """`--plan`: only `what` (recommendations, actions) of this plan."""
    return Arg("plan", flags=("--plan",), help=f"Only {what} of this plan.")


def board_arg(what: str) -> Arg:
    """`--board`, with what "monitored" means (govgraph/queries/monitoring.py)."""
    return Arg("board", flags=("--board",),
               help=f"Only {what} this board monitors (named in the action or through its plan).")


def lead_arg(what: str) -> Arg:
    return Arg("lead", flags=("--lead",), help=f"Only {what} this role or person leads.")


WITH_PARTS = Arg("with_parts", bool, False, ("--with-parts",), "With --board: its sub-groups' actions too.")

AS_OF = Arg("as_of", flags=("--as-of",), metavar="YYYY-MM-DD", parse=day,
            help="Judge every plan as of this date. Default: each plan as of the date it states (or its latest "
                 "progress note); today, flagged, for a plan that states none.")


def filters(what: str) -> tuple[Arg, ...]:
    """--plan, --board, --with-parts, --lead: the filters of a programme-wide listing."""
    return plan_arg(what), board_arg(what), WITH_PARTS, lead_arg(what)


def every(*cases: Case) -> Callable[[Sample], Iterator[Case]]:
    """Cases that need nothing from the graph."""
    return lambda sample: iter(cases)
