"""How two nodes are connected: the shortest chain of links, whichever way each edge points.

Walked breadth first over the undirected view with neighbours in id order, so the same graph always
gives the same path. Each step keeps the edge's real direction and type, and its source.
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.queries.base import NodeRef, Refs, Step, in_k, natural_key, out_k
from govgraph.queries.spec import Arg, Case, QuerySpec, lazy

if TYPE_CHECKING:
    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph


class PathResult(BaseModel):
    start: NodeRef
    end: NodeRef
    found: bool
    steps: list[Step]


@collector_paused
def path(gg: GovGraph, a: str, b: str) -> PathResult:
    """The shortest connection from `a` to `b` (found=False when there is none).

    >>> from govgraph.queries._example import demo_graph
    >>> res = path(demo_graph(), "Head of LAC", "QA Sub Group")
    >>> [s.type for s in res.steps]
    ['LEADS', 'MONITORS', 'REPORTS_TO']
    """
    from govgraph.queries.resolve import resolve

    src, dst = resolve(gg, a), resolve(gg, b)
    refs = Refs(gg)
    prev: dict[str, tuple[str, str, bool] | None] = {src: None}
    queue = deque([src])
    while queue and dst not in prev:
        cur = queue.popleft()
        nbrs = [(t, k, True) for t, k in out_k(gg, cur)] + [(s, k, False) for s, k in in_k(gg, cur)]
        for nxt, rel, fwd in sorted(nbrs, key=lambda x: (natural_key(x[0]), x[1], not x[2])):
            if nxt not in prev:
                prev[nxt] = (cur, rel, fwd)
                queue.append(nxt)
    if dst not in prev:
        return PathResult(start=refs(src), end=refs(dst), found=False, steps=[])
    steps: list[Step] = []
    cur = dst
    while (link := prev[cur]) is not None:
        before, rel, fwd = link
        steps.append(refs.step(before, cur, rel, fwd))
        cur = before
    steps.reverse()
    return PathResult(start=refs(src), end=refs(dst), found=True, steps=steps)


def render(result: PathResult, view: View) -> None:
    """The links in order; a path is shown whole, whatever --limit says: it is one answer."""
    from govgraph.cli import tables as tb

    t, out = tb.t, tb.console()
    if not result.found:
        out.print(t(f"No connection between {result.start.name} and {result.end.name}."))
        return
    cols = ["Step", "From", "Link", "To"] + (["Source", "Quote"] if view.sources else [])
    table = view.table(f"{result.start.name} … {result.end.name} ({len(result.steps)} links)", *cols, limited=False)
    for i, s in enumerate(result.steps, 1):
        arrow = f"-[{s.type}]->" if s.forward else f"<-[{s.type}]-"
        table.add(t(i), t(view.name(s.from_node)), t(arrow), t(view.name(s.to_node)),
                  *([t(s.source.where()), t(s.source.quote)] if view.sources else []))
    table.print(out)


SPEC = QuerySpec(
    "path", "How two nodes are connected: the shortest chain of links, each with its direction.",
    path, PathResult, render, "path.cypher", ("frontier", "a", "b"), twin=lazy("govgraph.neo4j.twins", "path"),
    example="path 'Head of LAC' 'QA Sub Group' --json", limit=False,
    cases=lambda s: (Case(pair) for pair in s.pairs()),
    args=(Arg("a", str, help="From this node.", required=True), Arg("b", str, help="To this node.", required=True)))
