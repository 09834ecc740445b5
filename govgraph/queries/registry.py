"""Every question, one line each: its name and the module whose `SPEC` declares it.

The command line, the Neo4j twins, the exports and the tests iterate over `QUERIES`; a module is
imported only when its question is asked for, and this module imports nothing at start-up beyond the
standard library, so listing the names costs nothing.

A `.cypher` file holds one or more statements, each introduced by a `// query: NAME` line and ended
by `;`. Lines starting `//` elsewhere are comments. Parameters are `$camelCase`; node properties are
the camelCase forms of the graph attribute names (sourceFile, sourceLine, ragRaw...).
"""
from __future__ import annotations


import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from govgraph.queries.spec import QuerySpec

QUESTIONS: dict[str, str] = {
    "blockers": "govgraph.queries.blockers",
    "impact": "govgraph.queries.impact",
    "escalation": "govgraph.queries.escalation",
    "accountability": "govgraph.queries.accountability",
    "overdue": "govgraph.queries.overdue",
    "rollup": "govgraph.queries.rollup",
    "gaps": "govgraph.queries.gaps",
    "path": "govgraph.queries.path",
    "workload": "govgraph.queries.workload",
}


class _Specs(Mapping[str, "QuerySpec"]):
    """`QUESTIONS` as specs, each module imported on first use."""

    def __getitem__(self, name: str) -> QuerySpec:
        spec: QuerySpec = import_module(QUESTIONS[name]).SPEC
        assert spec.name == name, f"{QUESTIONS[name]}.SPEC is named {spec.name!r}, registered as {name!r}"
        return spec

    def __iter__(self) -> Iterator[str]:
        return iter(QUESTIONS)

    def __len__(self) -> int:
        return len(QUESTIONS)


QUERIES: Mapping[str, "QuerySpec"] = _Specs()

_HEAD = re.compile(r"^//\s*query:\s*(\w+)\s*$", re.M)


@cache
def cypher_text(filename: str) -> str:
    from importlib import resources

    return resources.files("govgraph.queries").joinpath(filename).read_text(encoding="utf-8")


def cypher_statements(filename: str) -> dict[str, str]:
    """Split a twin file into its named statements (comments dropped, trailing `;` removed).

    >>> sorted(cypher_statements("gaps.cypher"))[:2]
    ['actions_without_board', 'actions_without_lead']
    """
    return dict(_statements(filename))


@cache
def _statements(filename: str) -> tuple[tuple[str, str], ...]:
    """Read and split once per process: a twin asks for a statement on every round trip."""
    text = cypher_text(filename)
    heads = list(_HEAD.finditer(text))
    out: list[tuple[str, str]] = []
    for i, m in enumerate(heads):
        body = text[m.end(): heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        lines = [ln for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith("//")]
        out.append((m.group(1), "\n".join(lines).strip().rstrip(";").strip()))
    return tuple(out)


def run(name: str, *args: Any, **kwargs: Any) -> "BaseModel":
    """Answer question `name` (a convenience for scripts iterating over `QUERIES`)."""
    return QUERIES[name].function(*args, **kwargs)
