"""Impact and blockers diagrams: the subgraph a query found, with the edges on its paths emphasised.

Both draw the nodes the query returned and every graph edge between them: edges on a returned path
are bold and black, the rest thin and grey (context). Over `max_nodes`, the nearest nodes (impact) or
the first recommendations (blockers) are kept and a note counts the rest.
"""
from __future__ import annotations

from collections.abc import Iterable

from govgraph.model.graph import GovGraph
from govgraph.model.nodes import RAG_ORDER
from govgraph.model.order import natural_key
from govgraph.queries.base import NodeRef, Step, display_name
from govgraph.queries.blockers import blockers
from govgraph.queries.impact import impact
from govgraph.viz import palette
from govgraph.viz.diagram import (Diagram, DiagramOptions, add_note, as_of_date, new_graph, plan_names,
                                  plan_word, title_line, with_plans)
from govgraph.viz.dot import DotGraph, tooltip
from govgraph.viz.labels import action_node, edge_legend, plain_label, rag_legend, source_of

PATH = {"color": palette.EMPHASIS, "penwidth": "2.4"}
CONTEXT = {"color": "#BBBBBB", "penwidth": "0.8", "fontcolor": "#999999"}


def _node(gg: GovGraph, dot: DotGraph, nid: str, options: DiagramOptions, start: bool = False) -> None:
    d = gg.node(nid)
    if gg.label(nid) == "Action":
        action_node(dot, nid, d, options)
        if start:
            dot.nodes[nid].attrs.update(penwidth="3")
        return
    label = gg.label(nid)
    word = {"Recommendation": "Recommendation", "WorkPackage": "Work package"}.get(label, label)
    name = display_name(nid, d)
    if label == "Recommendation":
        name = str(d.get("text") or name)
        word = plan_word(d, f"Recommendation {d.get('ref') or ''}".strip(), options)
    fill = palette.KIND_FILL.get(str(d.get("kind") or ""), "#F4F6F8") if label == "Board" else "#F4F6F8"
    dot.add_node(nid, fillcolor=fill, penwidth="3" if start else "1",
                 label=plain_label(name, word, options), tooltip=tooltip(f"{word}: {name}  [{source_of(d)}]"))


def _edges(gg: GovGraph, dot: DotGraph, nodes: set[str], paths: Iterable[list[Step]]) -> None:
    on_path = {(s.from_node.id, s.to_node.id, s.type) if s.forward else (s.to_node.id, s.from_node.id, s.type)
               for p in paths for s in p}
    for s, t, e in gg.edges():
        if s in nodes and t in nodes:
            rel = str(e.get("type"))
            style = PATH if (s, t, rel) in on_path else CONTEXT
            tip = f"{rel}" + (f': "{e["quote"]}"' if e.get("quote") else "") + f"  [{source_of(e)}]"
            dot.add_edge(s, t, rel, label=rel.lower().replace("_", " "), tooltip=tooltip(tip), **style)


def _legend(dot: DotGraph, rags: set[str]) -> None:
    edge_legend(dot, [("on a path the query found", PATH), ("other link between these", CONTEXT)])
    rag_legend(dot, sorted(rags, key=lambda r: RAG_ORDER.get(r, 9)))


def _rags(gg: GovGraph, nodes: set[str]) -> set[str]:
    return {str(gg.node(n).get("rag") or "UNKNOWN") for n in nodes if gg.label(n) == "Action"}


def _plans(gg: GovGraph, nodes: set[str]) -> set[str]:
    out = {n for n in nodes if gg.label(n) == "Plan"}
    for n in nodes:
        if gg.label(n) == "Recommendation":
            out |= {p for p, _ in gg.into(n, "HAS_RECOMMENDATION")}
        elif gg.label(n) == "Action":
            out |= {p for r, _ in gg.out(n, "ADDRESSES") for p, _ in gg.into(r, "HAS_RECOMMENDATION")}
    return out


def _labels(gg: GovGraph, nodes: set[str]) -> set[str]:
    """The plan labels of the drawn actions and recommendations."""
    return {str(gg.node(n).get("plan_label") or "") for n in nodes if gg.label(n) in ("Action", "Recommendation")}


def impact_diagram(gg: GovGraph, node: str, depth: int | None = None,
                   options: DiagramOptions = DiagramOptions()) -> Diagram:
    """What slips if `node` slips: the `impact` query's nodes, its shortest paths in bold."""
    res = impact(gg, node, depth)
    items = res.items
    notes: list[str] = []
    room = max(options.max_nodes - 1, 1)
    if len(items) > room:
        notes.append(f"{len(items) - room} of {len(items)} affected nodes are not drawn (the furthest; "
                     f"over the limit of {options.max_nodes}). `govgraph query impact` lists them all.")
        items = items[:room]
    nodes = {res.start.id} | {i.node.id for i in items}
    for i in items:  # intermediate nodes of a kept path (work packages) are drawn too
        nodes |= {s.to_node.id for s in i.path} | {s.from_node.id for s in i.path}
    title, sub = title_line(f"Impact of {_short(res.start)}", plan_names(gg, _plans(gg, nodes)),
                            as_of_date(gg, options), notes)
    dot = new_graph(title, sub, rankdir="LR")
    options = with_plans(options, _labels(gg, nodes))
    for n in sorted(nodes, key=natural_key):
        _node(gg, dot, n, options, start=n == res.start.id)
    _edges(gg, dot, nodes, (i.path for i in items))
    _legend(dot, _rags(gg, nodes))
    add_note(dot, notes)
    return Diagram("impact", title, dot, notes)


def blockers_diagram(gg: GovGraph, plan: str | None = None, board: str | None = None, lead: str | None = None,
                     options: DiagramOptions = DiagramOptions()) -> Diagram:
    """Recommendations held up by RED actions: the `blockers` query's paths in bold."""
    res = blockers(gg, plan=plan, board=board, lead=lead)
    notes: list[str] = []
    nodes: set[str] = set()
    paths: list[list[Step]] = []
    kept = 0
    for item in res.items:
        extra = {item.recommendation.id} | {n for b in item.blocked_by for s in b.path
                                            for n in (s.from_node.id, s.to_node.id)}
        if nodes and len(nodes | extra) > options.max_nodes:
            break
        nodes |= extra
        paths += [b.path for b in item.blocked_by]
        kept += 1
    if kept < len(res.items):
        notes.append(f"{len(res.items) - kept} of {len(res.items)} blocked recommendations are not drawn "
                     f"(over the limit of {options.max_nodes}). `govgraph query blockers` lists them all.")
    if not res.items:
        notes.append(f"No recommendation is blocked: {res.red_actions} RED actions considered.")
    scope = ", ".join(f"{k} {v}" for k, v in (("plan", plan), ("board", board), ("lead", lead)) if v)
    title, sub = title_line("Blocked recommendations" + (f" ({scope})" if scope else ""),
                            plan_names(gg, _plans(gg, nodes)), as_of_date(gg, options), notes)
    dot = new_graph(title, sub, rankdir="LR")
    options = with_plans(options, _labels(gg, nodes))
    for n in sorted(nodes, key=natural_key):
        _node(gg, dot, n, options)
    _edges(gg, dot, nodes, paths)
    _legend(dot, _rags(gg, nodes))
    add_note(dot, notes)
    return Diagram("blockers", title, dot, notes)


def _short(ref: NodeRef) -> str:
    if ref.ref and ref.label in ("Action", "Recommendation"):
        return f"{ref.label} {ref.ref}"
    return ref.name
