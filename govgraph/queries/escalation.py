"""Who a problem goes to next: the escalation lines between boards and roles, with their sources.

Upward from a node: its REPORTS_TO and ESCALATES_TO targets; for a board, the board it is PART_OF and
the role that CHAIRS it (a chair carries the board's issues up through the chair's own lines).
Every chain is followed to a node with no way further up. A link back into the chain is a cycle:
it ends the chain and is reported, never followed again.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.model.graph import GovGraph
from govgraph.queries.base import NodeRef, Refs, Step, build, in_k, label_of, natural_key, out_k
from govgraph.queries.resolve import resolve

MAX_CHAINS = 2000
"""Safety valve for pathological graphs; `truncated` says when it was hit."""

Link = tuple[str, str, bool]  # (next node, relationship, forward)


class Chain(BaseModel):
    """One line from the start to the top (or bottom, going down)."""

    links: list[Step]
    cycle: list[str] | None = None
    """When the chain ends by looping back: the ids around the loop."""


class EscalationResult(BaseModel):
    start: NodeRef | None
    direction: Literal["up", "down"]
    chains: list[Chain]
    reached: list[NodeRef]
    """Every node on any chain (start excluded), nearest first."""
    cycles: list[list[str]]
    truncated: bool = False


def up_links(gg: GovGraph, nid: str) -> list[Link]:
    """Where `nid` escalates to, one hop."""
    out: list[Link] = [(t, k, True) for t, k in out_k(gg, nid, "REPORTS_TO", "ESCALATES_TO")]
    if label_of(gg, nid) == "Board":
        out += [(t, k, True) for t, k in out_k(gg, nid, "PART_OF") if label_of(gg, t) == "Board"]
        out += [(s, k, False) for s, k in in_k(gg, nid, "CHAIRS")]
    return sorted(out, key=lambda x: (natural_key(x[0]), x[1]))


def down_links(gg: GovGraph, nid: str) -> list[Link]:
    """Who escalates to `nid`, one hop (the mirror of `up_links`)."""
    out: list[Link] = [(s, k, False) for s, k in in_k(gg, nid, "REPORTS_TO", "ESCALATES_TO")]
    label = label_of(gg, nid)
    if label == "Board":
        out += [(s, k, False) for s, k in in_k(gg, nid, "PART_OF") if label_of(gg, s) == "Board"]
    if label == "Role":
        out += [(t, k, True) for t, k in out_k(gg, nid, "CHAIRS")]
    return sorted(out, key=lambda x: (natural_key(x[0]), x[1]))


@collector_paused
def escalation(gg: GovGraph, name: str, down: bool = False) -> EscalationResult:
    """Every escalation chain from a role or board up to the top (`down=True`: who escalates to it).

    >>> from govgraph.queries._example import demo_graph
    >>> res = escalation(demo_graph(), "QA Sub Group")
    >>> [n.name for n in res.reached]
    ['Executive', 'Safeguarding Board', 'Independent Chair', "Director of Children's Services"]
    """
    start = resolve(gg, name, ["Board", "Role"])
    step = (lambda n: down_links(gg, n)) if down else (lambda n: up_links(gg, n))
    refs = Refs(gg)
    chains, truncated = _chains(gg, [start], step, refs)
    return _result(refs(start), "down" if down else "up", chains, truncated, {start})


@collector_paused
def escalation_lines(gg: GovGraph) -> EscalationResult:
    """Every escalation line in the graph: from each node nobody escalates to, up to the top.

    >>> from govgraph.queries._example import demo_graph
    >>> [len(c.links) for c in escalation_lines(demo_graph()).chains]
    [4, 3]
    """
    ids = gg.ids_by_label("Board", "Role")
    nodes = sorted(ids["Board"] + ids["Role"], key=natural_key)
    ups: dict[str, list[Link]] = {n: up_links(gg, n) for n in nodes}

    def up(n: str) -> list[Link]:  # chains share their upper reaches: each node's links are worked out once
        links = ups.get(n)
        if links is None:
            links = ups[n] = up_links(gg, n)
        return links

    has_up = {n for n in nodes if ups[n]}
    bottoms = [n for n in has_up if not down_links(gg, n)]
    refs = Refs(gg)
    chains, truncated = _chains(gg, sorted(bottoms, key=natural_key), up, refs)
    covered = {c.links[0].from_node.id for c in chains} | {s.to_node.id for c in chains for s in c.links}
    for n in nodes:  # lines that are pure loops have no bottom: start them anywhere
        if n in has_up and n not in covered:
            more, t = _chains(gg, [n], up, refs)
            chains += more
            truncated = truncated or t
            covered |= {n} | {s.to_node.id for c in more for s in c.links}
    return _result(None, "up", chains, truncated, set())


def _chains(gg: GovGraph, starts: list[str], step: Callable[[str], list[Link]],
            refs: Refs) -> tuple[list[Chain], bool]:
    chains: list[Chain] = []

    def walk(path: list[str], links: list[Step]) -> Iterator[Chain]:
        nexts = step(path[-1])
        if not nexts and links:
            yield build(Chain, links=links, cycle=None)
        for nxt, rel, fwd in nexts:
            link = refs.step(path[-1], nxt, rel, fwd)
            if nxt in path:
                yield build(Chain, links=links + [link], cycle=path[path.index(nxt):])
            else:
                yield from walk(path + [nxt], links + [link])

    for s in starts:
        for chain in walk([s], []):
            if len(chains) >= MAX_CHAINS:
                return chains, True
            chains.append(chain)
    return chains, False


def _result(start: NodeRef | None, direction: Literal["up", "down"], chains: list[Chain],
            truncated: bool, skip: set[str]) -> EscalationResult:
    depth: dict[str, tuple[int, NodeRef]] = {}
    for c in chains:
        for i, s in enumerate(c.links):
            if s.to_node.id not in skip and (s.to_node.id not in depth or depth[s.to_node.id][0] > i):
                depth[s.to_node.id] = (i, s.to_node)
    reached = [r for _, r in sorted(depth.values(), key=lambda x: x[0])]
    cycles: list[list[str]] = []
    for c in chains:
        if c.cycle:
            k = c.cycle.index(min(c.cycle))
            norm = c.cycle[k:] + c.cycle[:k]
            if norm not in cycles:
                cycles.append(norm)
    return build(EscalationResult, start=start, direction=direction, chains=chains, reached=reached,
                 cycles=cycles, truncated=truncated)
