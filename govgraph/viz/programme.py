"""The programme diagram: programme -> workstream -> project -> work package, with RAG roll-up.

Each box shows the worst status of the actions delivered by it or anything inside it, and the counts
behind that. Actions are leaves and collapsed into the counts unless `show_actions=True`. Over
`max_nodes`, work packages are folded into their projects (and then projects into workstreams).
"""
from __future__ import annotations

from collections import Counter

from govgraph.errors import DiagramError
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import RAG_ORDER
from govgraph.model.order import natural_key
from govgraph.model.rag import rag_of, worst
from govgraph.queries.base import CONTAINERS, display_name
from govgraph.queries.resolve import resolve
from govgraph.viz import palette
from govgraph.viz.diagram import (Diagram, DiagramOptions, add_note, as_of_date, new_graph, plan_names,
                                  title_line)
from govgraph.viz.dot import tooltip, wrap
from govgraph.viz.labels import action_node, rag_legend, rag_table, source_of

LEVELS = ("Programme", "Workstream", "Project", "WorkPackage")


def pick_programmes(gg: GovGraph, programme: str | None) -> list[str]:
    if programme:
        return [resolve(gg, programme, ["Programme"])]
    found = sorted(gg.ids("Programme"), key=natural_key)
    if not found:
        raise DiagramError("the graph holds no programme",
                           hint="Programme structure comes from refs such as `CHIPP Ref: WS3P21WP1` in the plans.")
    return found


def tree(gg: GovGraph, root: str) -> dict[str, list[str]]:
    """Container -> its child containers (PART_OF reversed), plus loose containers filed under the root
    when their id says they belong to it but no parent was stated."""
    children: dict[str, list[str]] = {}
    seen = {root}
    frontier = [root]
    while frontier:
        cur = frontier.pop()
        kids = sorted((s for s, _ in gg.in_keys(cur, "PART_OF") if gg.label(s) in CONTAINERS and s not in seen),
                      key=natural_key)
        children[cur] = kids
        seen.update(kids)
        frontier.extend(kids)
    loose = [n for lab in CONTAINERS[:-1] for n, _ in gg.nodes(lab)
             if n.startswith(root + "/") and n not in seen and not any(
                 t for t, _ in gg.out(n, "PART_OF"))]
    for n in sorted(loose, key=natural_key):
        children[root].append(n)
        sub = tree(gg, n)
        for k, v in sub.items():
            children.setdefault(k, v)
    return children


def delivered(gg: GovGraph, children: dict[str, list[str]], node: str) -> set[str]:
    """Actions delivered by `node` or anything under it."""
    out = {s for s, _ in gg.in_keys(node, "DELIVERED_BY")}
    for kid in children.get(node, []):
        out |= delivered(gg, children, kid)
    return out


def programme(gg: GovGraph, name: str | None = None, options: DiagramOptions = DiagramOptions(),
              show_actions: bool = False) -> Diagram:
    """The programme tree (all programmes when `name` is None) with RAG roll-up per box."""
    roots = pick_programmes(gg, name)
    children: dict[str, list[str]] = {}
    for r in roots:
        children.update(tree(gg, r))
    nodes = set(children) | {k for v in children.values() for k in v}
    notes: list[str] = []
    folded: set[str] = set()
    for level in ("WorkPackage", "Project"):
        extra = len({a for n in nodes for a, _ in gg.in_keys(n, "DELIVERED_BY")}) if show_actions else 0
        if len(nodes - folded) + extra <= options.max_nodes:
            break
        hide = {n for n in nodes if gg.label(n) == level}
        folded |= hide
        notes.append(f"{len(hide)} {level.lower().replace('workpackage', 'work package')}s are folded into "
                     f"their parents (over the limit of {options.max_nodes} boxes).")
    if show_actions and len(nodes - folded) + len({a for n in nodes for a, _ in gg.in_keys(n, "DELIVERED_BY")}) \
            > options.max_nodes:
        show_actions = False
        notes.append(f"Actions are counted, not drawn (over the limit of {options.max_nodes} boxes).")

    plans = {p for n in nodes for a in delivered(gg, children, n) for r, _ in gg.out(a, "ADDRESSES")
             for p, _ in gg.in_keys(r, "HAS_RECOMMENDATION")}
    what = display_name(roots[0], gg.node(roots[0])) if len(roots) == 1 else "Programmes"
    ref = gg.node(roots[0]).get("ref") if len(roots) == 1 else None
    title, sub = title_line(f"{what}{f' ({ref})' if ref else ''}: programme", plan_names(gg, plans),
                            as_of_date(gg, options), notes)
    dot = new_graph(title, sub, rankdir="LR", ranksep="0.6")
    rags: set[str] = set()
    drawn = nodes - folded
    for n in sorted(drawn, key=natural_key):
        acts = delivered(gg, children, n)
        c = Counter(rag_of(gg.node(a)) for a in acts)
        w = worst(c.elements()) if acts else "UNKNOWN"
        rags.add(w or "UNKNOWN")
        counts = ", ".join(f"{c[r]} {palette.rag_style(r).word}" for r in RAG_ORDER if c[r])
        level = gg.label(n)
        body = [f"{len(acts)} action{'s' * (len(acts) != 1)}: {counts}"] if acts else ["No actions linked"]
        hidden = [k for k in children.get(n, []) if k in folded]
        foot = [f"{len(hidden)} work packages folded in"] if hidden else []
        head = display_name(n, gg.node(n))
        dot.add_node(n, order=(LEVELS.index(level) if level in LEVELS else 9,), shape="plain", style="",
                     fillcolor=None, label=rag_table(w, head, wrap(", ".join(body), options.wrap, 3), foot,
                                                     ),
                     tooltip=tooltip(f"{level} {head}: {body[0]}  [{source_of(gg.node(n))}]"))
        for k in children.get(n, []):
            if k in drawn:
                stated = any(t == n for t, _ in gg.out(k, "PART_OF"))
                dot.add_edge(n, k, "tree", **({} if stated else {"style": "dashed",
                                                                  "label": "parent not stated"}))
        if show_actions:
            for a in sorted((s for s, _ in gg.in_keys(n, "DELIVERED_BY")), key=natural_key):
                rags.add(rag_of(gg.node(a)))
                action_node(dot, a, gg.node(a), options, order=(5,))
                dot.add_edge(n, a, "delivers", style="dotted")
    rag_legend(dot, sorted(rags, key=lambda x: RAG_ORDER.get(x, 9)), caption="box = worst status of its actions")
    add_note(dot, notes)
    return Diagram("programme", title, dot, notes)
