"""Who a problem goes to next: the escalation lines between boards and roles, with their sources.

Upward from a node: its REPORTS_TO and ESCALATES_TO targets; for a board, the board it is PART_OF and
the role that CHAIRS it (a chair carries the board's issues up through the chair's own lines).
Every chain is followed to a node with no way further up. A link back into the chain is a cycle:
it ends the chain and is reported, never followed again.

The answer a reader wants is `tree` (issue 13): the route as ONE tree, breadth first, so each node
appears once where it is nearest; a node met again is a leaf marked `again`; parallel links between the
same two nodes (reports to and escalates to) share one line. Upward, a chair with no line upward of
its own is not a step (the route would end on "is chaired by"): it is listed in the board's `chairs`.
Downward a chaired board is a step (its business reaches the role through its chair). `chains` keeps
every route enumerated, for `--all-paths` and older callers. Both engines build the tree with
`route_tree`, from the one-hop links of each breadth-first layer.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from govgraph.collector import collector_paused
from govgraph.queries.base import NodeRef, Refs, Step, build, in_k, label_of, natural_key, out_k
from govgraph.queries.spec import Arg, Case, QuerySpec, Sample, lazy

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

MAX_CHAINS = 2000
"""Safety valve for pathological graphs; `truncated` says when it was hit."""

Link = tuple[str, str, bool]  # (next node, relationship, forward)


class Chain(BaseModel):
    """One line from the start to the top (or bottom, going down)."""

    links: list[Step]
    cycle: list[str] | None = None
    """When the chain ends by looping back: the ids around the loop."""


class RouteNode(BaseModel):
    """One node of the escalation tree and the link(s) from its parent that reach it."""

    node: NodeRef
    links: list[Step] = Field(default_factory=list)
    """From the parent to this node: one, or several parallel ones (REPORTS_TO and ESCALATES_TO). Empty at the root."""
    children: list[RouteNode] = Field(default_factory=list)
    again: Literal["above", "below", "loop"] | None = None
    """Set when the node is shown elsewhere in the tree (this leaf has no children): printed `above`
    this line, `below` it, or a `loop` back to a node on the way here."""
    chairs: list[Step] = Field(default_factory=list)
    """Going up: CHAIRS links to chairs with no line upward, who chair this board but take it no further."""


class EscalationResult(BaseModel):
    start: NodeRef | None
    direction: Literal["up", "down"]
    chains: list[Chain]
    reached: list[NodeRef]
    """Every node on any chain (start excluded), nearest first."""
    cycles: list[list[str]]
    truncated: bool = False
    tree: RouteNode | None = None
    """The route as one tree from the start (None for every line in the graph: `escalation_lines`)."""


Hops = Callable[[list[str]], dict[str, list[Step]]]
"""Given one breadth-first layer of node ids, the one-hop links out of each (in the walk's direction),
in walk order: targets in id order, then relationship name (`up_links`)."""

_ACTIVE = {"REPORTS_TO": "reports to", "ESCALATES_TO": "escalates to", "PART_OF": "is part of", "CHAIRS": "chairs"}
_PASSIVE = {"REPORTS_TO": "is reported to by", "ESCALATES_TO": "is escalated to by", "PART_OF": "includes",
            "CHAIRS": "is chaired by"}


AGAIN_WORDS = {"above": "see above", "below": "see below", "loop": "loops back"}
"""How a repeated node (`RouteNode.again`) is shown."""


def link_words(step: Step) -> str:
    """The link in words, read from the walk's side: "reports to", or "is chaired by" against the edge.

    >>> from govgraph.queries.base import NodeRef
    >>> n = NodeRef(id="b", label="Board", name="B")
    >>> link_words(Step(from_node=n, to_node=n, type="CHAIRS", forward=False))
    'is chaired by'
    """
    words = _ACTIVE if step.forward else _PASSIVE
    return words.get(step.type, step.type.lower().replace("_", " "))


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
    from govgraph.queries.resolve import resolve

    start = resolve(gg, name, ["Board", "Role"])
    step = _once(gg, down_links if down else up_links)  # the chains and the tree revisit nodes
    refs = Refs(gg)
    chains, truncated = _chains(gg, [start], step, refs)

    def hops(layer: list[str]) -> dict[str, list[Step]]:
        return {n: [refs.step(n, t, k, f) for t, k, f in step(n)] for n in layer}

    direction: Literal["up", "down"] = "down" if down else "up"
    tree = route_tree(refs(start), hops, direction)
    return escalation_result(refs(start), direction, chains, truncated, {start}, tree)


def route_tree(start: NodeRef, hops: Hops, direction: Literal["up", "down"]) -> RouteNode:
    """The route from `start` as one tree (see the module docstring); `hops` gives each layer's links.

    >>> from govgraph.queries._example import demo_graph
    >>> t = escalation(demo_graph(), "QA Sub Group").tree
    >>> [(link_words(c.links[0]), c.node.name) for c in t.children]
    [('reports to', 'Executive'), ('is part of', 'Safeguarding Board')]
    """
    links = _gather(start.id, hops)
    root = RouteNode(node=start)
    seen = {start.id}
    queue: deque[RouteNode] = deque([root])
    while queue:
        parent = queue.popleft()
        for target, group in _parallel(links[parent.node.id]):
            if direction == "up" and not links[target] and all(s.type == "CHAIRS" for s in group):
                parent.chairs.extend(group)  # a chair with no line upward: who chairs, not a step
                continue
            child = RouteNode(node=group[0].to_node, links=group)
            parent.children.append(child)
            if target in seen:
                child.again = "above"  # placed by _mark_again
            else:
                seen.add(target)
                queue.append(child)
    _mark_again(root, set(), set())
    return root


def _gather(start: str, hops: Hops) -> dict[str, list[Step]]:
    """Every node reachable from `start` with its links, one `hops` call per breadth-first layer."""
    links: dict[str, list[Step]] = {}
    layer = [start]
    while layer:
        got = hops(layer)
        queued = set(layer)
        nxt: list[str] = []
        for n in layer:
            links[n] = got.get(n, [])
            for s in links[n]:
                t = s.to_node.id
                if t not in links and t not in queued:
                    queued.add(t)
                    nxt.append(t)
        layer = nxt
    return links


def _parallel(steps: list[Step]) -> list[tuple[str, list[Step]]]:
    """Links grouped by the node they reach, in the order first met; parallel links in source order."""
    groups: dict[str, list[Step]] = {}
    for s in steps:
        groups.setdefault(s.to_node.id, []).append(s)
    for group in groups.values():
        group.sort(key=lambda s: (s.source.source_file or "", s.source.source_line or 0, s.type))
    return list(groups.items())


def _mark_again(root: RouteNode, shown: set[str], path: set[str]) -> None:
    """Say, in reading order (pre-order), where each repeated node is shown: above, below, or a loop.
    Walked with a stack (a node, or the id to take off the path once its children are done)."""
    todo: list[RouteNode | str] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            path.discard(item)
            continue
        nid = item.node.id
        if item.again is not None:
            item.again = "loop" if nid in path else "above" if nid in shown else "below"
            continue
        shown.add(nid)
        path.add(nid)
        todo.append(nid)
        todo.extend(reversed(item.children))


def _once(gg: GovGraph, links_of: Callable[[GovGraph, str], list[Link]]) -> Callable[[str], list[Link]]:
    """`links_of` for one question, each node's links worked out once."""
    memo: dict[str, list[Link]] = {}

    def links(n: str) -> list[Link]:
        got = memo.get(n)
        if got is None:
            got = memo[n] = links_of(gg, n)
        return got
    return links


@collector_paused
def escalation_lines(gg: GovGraph) -> EscalationResult:
    """Every escalation line in the graph: from each node nobody escalates to, up to the top.

    >>> from govgraph.queries._example import demo_graph
    >>> [len(c.links) for c in escalation_lines(demo_graph()).chains]
    [4, 3]
    """
    ids = gg.ids_by_label("Board", "Role")
    nodes = sorted(ids["Board"] + ids["Role"], key=natural_key)
    up = _once(gg, up_links)  # chains share their upper reaches
    has_up = {n for n in nodes if up(n)}
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
    return escalation_result(None, "up", chains, truncated, set(), None)


def _chains(gg: GovGraph, starts: list[str], step: Callable[[str], list[Link]],
            refs: Refs) -> tuple[list[Chain], bool]:
    """Every route up from each start, depth first in link order: a chain ends where a node has no link
    further, or where a link returns to a node on the route (a cycle). Walked with a stack of its own, not
    recursive generators, so a line thousands of links long cannot reach the interpreter's recursion limit."""
    chains: list[Chain] = []
    for s in starts:
        todo: list[tuple[list[str], list[Step]] | Chain] = [([s], [])]
        while todo:
            item = todo.pop()
            if isinstance(item, Chain):
                if len(chains) >= MAX_CHAINS:
                    return chains, True
                chains.append(item)
                continue
            path, links = item
            nexts = step(path[-1])
            if not nexts and links:
                todo.append(build(Chain, links=links, cycle=None))
            for nxt, rel, fwd in reversed(nexts):
                link = refs.step(path[-1], nxt, rel, fwd)
                if nxt in path:
                    todo.append(build(Chain, links=links + [link], cycle=path[path.index(nxt):]))
                else:
                    todo.append((path + [nxt], links + [link]))
    return chains, False


def escalation_result(start: NodeRef | None, direction: Literal["up", "down"], chains: list[Chain],
                      truncated: bool, skip: set[str], tree: RouteNode | None) -> EscalationResult:
    """The result from the chains walked (`reached` nearest first, each cycle once); shared with the twin."""
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
                 cycles=cycles, truncated=truncated, tree=tree)


# ---- the command ----------------------------------------------------------------------------------------
def _ask(values: Mapping[str, Any], spec: QuerySpec) -> Case:
    """--all asks for every line; otherwise NAME is needed."""
    if values["all_lines"]:
        return Case(variant="escalation_lines")
    if values["name"] is None:
        from govgraph.errors import GovgraphError

        raise GovgraphError("escalation needs a role or board name", hint="Or pass --all for every line.")
    return Case((values["name"],), {"down": values["down"]})


def _cases(s: Sample) -> Iterator[Case]:
    for start in s.pick("Board", "Role"):
        yield Case((start,))
        yield Case((start,), {"down": True})
    yield Case(variant="escalation_lines")


SPEC = QuerySpec(
    "escalation", "The escalation route from a role or board to the top as one tree, with the source of each link.",
    escalation, EscalationResult, lazy("govgraph.queries.escalation_table", "render"), "escalation.cypher",
    ("id", "frontier"), twin=lazy("govgraph.neo4j.twins", "escalation"),
    example="escalation 'QA Sub Group' --json", cases=_cases, ask=_ask,
    variants=(escalation_lines,), twin_variants=(lazy("govgraph.neo4j.twins", "escalation_lines"),),
    args=(Arg("name", help="A role or board (omit with --all)."),
          Arg("down", bool, False, ("--down",), "Who escalates to NAME, instead of where NAME escalates."),
          Arg("all_lines", bool, False, ("--all",), "Every escalation line in the graph."),
          Arg("all_paths", bool, False, ("--all-paths",),
              "Every route enumerated as a table of chains, not the one tree.", keyword="")))
