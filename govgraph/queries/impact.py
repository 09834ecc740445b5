"""What else slips if one node slips: the knock-on effects, each with how far away and why.

Downstream of an action: actions that DEPENDS_ON it, actions sharing its work package or project,
the recommendations those ADDRESS, whatever REFERS_TO an affected action or recommendation, the
plans holding affected recommendations, and the boards that MONITOR affected actions and plans.
A work package, project or workstream starts from the actions DELIVERED_BY it and its parts (PART_OF
reversed); a role or person from the actions it LEADS; a board from what it MONITORS.
Boards (and posts that monitor) reached on the way are where the news lands: they are listed, not
followed further.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.queries.base import CONTAINERS, NodeRef, Refs, Step, in_k, label_of, natural_key, out_k
from govgraph.queries.monitoring import WATCHERS
from govgraph.queries.spec import Arg, Case, QuerySpec, Sample, lazy

if TYPE_CHECKING:
    from govgraph.cli.tables import View
    from govgraph.model.graph import GovGraph

_LABEL_ORDER = {lab: i for i, lab in enumerate(
    ("Action", "Recommendation", "Plan", "Board", "WorkPackage", "Project", "Workstream", "Programme"))}

Hop = tuple[str, list[tuple[str, str, bool]]]  # (reached node, [(next node, rel, forward), ...])


class ImpactItem(BaseModel):
    node: NodeRef
    depth: int
    path: list[Step]


class ImpactResult(BaseModel):
    start: NodeRef
    max_depth: int | None
    counts: dict[str, int]
    """Affected nodes per label."""
    items: list[ImpactItem]


def _hops(gg: GovGraph, nid: str, is_start: bool) -> Iterator[Hop]:
    label = label_of(gg, nid)
    if label == "Action":
        for dep, _ in in_k(gg, nid, "DEPENDS_ON"):
            yield dep, [(dep, "DEPENDS_ON", False)]
        for box, _ in out_k(gg, nid, "DELIVERED_BY"):
            for other, _ in in_k(gg, box, "DELIVERED_BY"):
                if other != nid:
                    yield other, [(box, "DELIVERED_BY", True), (other, "DELIVERED_BY", False)]
        for rec, _ in out_k(gg, nid, "ADDRESSES"):
            yield rec, [(rec, "ADDRESSES", True)]
        for src, _ in in_k(gg, nid, "REFERS_TO"):
            yield src, [(src, "REFERS_TO", False)]
        for board, _ in in_k(gg, nid, "MONITORS"):
            yield board, [(board, "MONITORS", False)]
    elif label == "Recommendation":
        for src, _ in in_k(gg, nid, "REFERS_TO"):
            yield src, [(src, "REFERS_TO", False)]
        for plan, _ in in_k(gg, nid, "HAS_RECOMMENDATION"):
            yield plan, [(plan, "HAS_RECOMMENDATION", False)]
    elif label == "Plan":
        for board, _ in in_k(gg, nid, "MONITORS"):
            yield board, [(board, "MONITORS", False)]
    elif label in CONTAINERS:
        for act, _ in in_k(gg, nid, "DELIVERED_BY"):
            yield act, [(act, "DELIVERED_BY", False)]
        for part, _ in in_k(gg, nid, "PART_OF"):
            if label_of(gg, part) in CONTAINERS:
                yield part, [(part, "PART_OF", False)]
    elif label in ("Role", "Person") and is_start:
        for act, _ in out_k(gg, nid, "LEADS"):
            yield act, [(act, "LEADS", True)]
    elif label == "Board" and is_start:
        for what, _ in out_k(gg, nid, "MONITORS"):
            yield what, [(what, "MONITORS", True)]


@collector_paused
def impact(gg: GovGraph, node: str, depth: int | None = None) -> ImpactResult:
    """Everything downstream of `node` (breadth first, so each path is a shortest one).

    `depth` limits the hops; a hop through a shared work package counts as one.

    >>> from govgraph.queries._example import demo_graph
    >>> res = impact(demo_graph(), "demo/1")
    >>> [(i.node.label, i.node.ref or i.node.name, i.depth) for i in res.items][:4]
    [('Action', '2', 1), ('Action', '3', 1), ('Recommendation', '17', 1), ('Board', 'Executive', 1)]
    """
    from govgraph.queries.resolve import resolve

    start = resolve(gg, node)
    refs = Refs(gg)
    seen: dict[str, tuple[int, list[Step]]] = {start: (0, [])}
    queue = deque([start])
    while queue:
        cur = queue.popleft()
        d, path = seen[cur]
        if depth is not None and d >= depth:
            continue
        hops = sorted(_hops(gg, cur, cur == start), key=lambda h: (natural_key(h[0]), len(h[1])))
        for target, links in hops:
            if target in seen:
                continue
            steps, prev = list(path), cur
            for nxt, rel, fwd in links:
                steps.append(refs.step(prev, nxt, rel, fwd))
                prev = nxt
            seen[target] = (d + 1, steps)
            if label_of(gg, target) not in WATCHERS:  # where the news lands: listed, not followed
                queue.append(target)
    items = [ImpactItem(node=refs(n), depth=dp, path=p) for n, (dp, p) in seen.items() if n != start]
    return impact_result(refs(start), depth, items)


def impact_result(start: NodeRef, depth: int | None, items: list[ImpactItem]) -> ImpactResult:
    """The answer from what the walk reached, in the order both the embedded and Cypher walks report."""
    items.sort(key=lambda i: (i.depth, _LABEL_ORDER.get(i.node.label, 99), i.node.source.source_file or "",
                              i.node.source.source_line or 0, natural_key(i.node.ref), i.node.id))
    counts: dict[str, int] = {}
    for i in items:
        counts[i.node.label] = counts.get(i.node.label, 0) + 1
    return ImpactResult(start=start, max_depth=depth, counts=counts, items=items)


def render(result: ImpactResult, view: View) -> None:
    """Nearest first, each with the path that reaches it; the counts by label under the table."""
    from govgraph.cli import tables as tb

    table = view.table(f"Impact of {result.start.name} ({result.start.id})", "Depth", "Label", "Node", "RAG", "Path")
    for item in result.items:
        if table.skip():
            continue
        table.add(tb.t(item.depth), tb.t(item.node.label), tb.t(view.name(item.node)),
                  tb.rag(item.node.rag) if item.node.label == "Action" else tb.t(""), view.path(item.path))
    out = tb.console()
    table.print(out)
    out.print(tb.t(", ".join(f"{n} {label}" for label, n in result.counts.items()) or "Nothing downstream."))


def _cases(s: Sample) -> Iterator[Case]:
    for start in s.pick("Action") + s.pick("WorkPackage", "Project") + s.pick("Board") + s.pick("Role", "Person"):
        yield Case((start,))
        yield Case((start,), {"depth": 1})


SPEC = QuerySpec(
    "impact", "Everything downstream if NODE slips: actions, recommendations, plans, boards.",
    impact, ImpactResult, render, "impact.cypher", ("frontier", "id", "depth"),
    twin=lazy("govgraph.neo4j.twins", "impact"), example="impact demo/1 --depth 1 --json", cases=_cases,
    args=(Arg("node", str, help="Action, work package, project, role, person or board.", required=True),
          Arg("depth", Optional[int], None, ("--depth",), "Follow at most this many hops.", metavar="<int>", min=1)))
