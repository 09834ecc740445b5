"""Every question in one table: its function, its Cypher twin and its result model.

The Neo4j export iterates over `QUERIES` to run or check each twin; the docs and tests iterate over
it to make sure no question is left without a twin, a command or an example.

A `.cypher` file holds one or more statements, each introduced by a `// query: NAME` line and ended
by `;`. Lines starting `//` elsewhere are comments. Parameters are `$camelCase`; node properties are
the camelCase forms of the graph attribute names (sourceFile, sourceLine, ragRaw...).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel

from govgraph.queries.accountability import AccountabilityResult, accountability
from govgraph.queries.blockers import BlockersResult, blockers
from govgraph.queries.escalation import EscalationResult, escalation, escalation_lines
from govgraph.queries.gaps import GapsResult, gaps
from govgraph.queries.impact import ImpactResult, impact
from govgraph.queries.overdue import OverdueResult, overdue
from govgraph.queries.path import PathResult, path
from govgraph.queries.rollup import RollupResult, rollup


@dataclass(frozen=True)
class QuerySpec:
    name: str
    function: Callable[..., BaseModel]
    result: type[BaseModel]
    cypher_file: str
    params: tuple[str, ...]
    """The `$params` the Cypher twin takes (union over its statements)."""
    variants: tuple[Callable[..., BaseModel], ...] = ()
    """Other functions answering the same question in another mode (e.g. every escalation line)."""

    def cypher(self) -> dict[str, str]:
        """The twin's statements by name."""
        return cypher_statements(self.cypher_file)


QUERIES: dict[str, QuerySpec] = {q.name: q for q in (
    QuerySpec("blockers", blockers, BlockersResult, "blockers.cypher", ("plan", "boards", "lead")),
    QuerySpec("impact", impact, ImpactResult, "impact.cypher", ("frontier", "id", "depth")),
    QuerySpec("escalation", escalation, EscalationResult, "escalation.cypher", ("id", "frontier"),
              variants=(escalation_lines,)),
    QuerySpec("accountability", accountability, AccountabilityResult, "accountability.cypher", ("id",)),
    QuerySpec("overdue", overdue, OverdueResult, "overdue.cypher", ("asOf", "today", "plan", "boards", "lead")),
    QuerySpec("rollup", rollup, RollupResult, "rollup.cypher", ()),
    QuerySpec("gaps", gaps, GapsResult, "gaps.cypher", ()),
    QuerySpec("path", path, PathResult, "path.cypher", ("frontier", "a", "b")),
)}

_HEAD = re.compile(r"^//\s*query:\s*(\w+)\s*$", re.M)


@cache
def cypher_text(filename: str) -> str:
    return resources.files("govgraph.queries").joinpath(filename).read_text(encoding="utf-8")


def cypher_statements(filename: str) -> dict[str, str]:
    """Split a twin file into its named statements (comments dropped, trailing `;` removed).

    >>> sorted(cypher_statements("gaps.cypher"))[:2]
    ['actions_without_board', 'actions_without_lead']
    """
    text = cypher_text(filename)
    heads = list(_HEAD.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(heads):
        body = text[m.end(): heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        lines = [ln for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith("//")]
        out[m.group(1)] = "\n".join(lines).strip().rstrip(";").strip()
    return out


def run(name: str, *args: Any, **kwargs: Any) -> BaseModel:
    """Answer question `name` (a convenience for scripts iterating over `QUERIES`)."""
    return QUERIES[name].function(*args, **kwargs)
