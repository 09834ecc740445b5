"""The governance diagram: boards and the posts that chair them, one authority at a time.

PART_OF between boards is drawn as nesting (a board with parts becomes a cluster holding the board
itself and its parts); REPORTS_TO and ESCALATES_TO are edges in two styles, CHAIRS a dotted link,
with a key. Boards the plans name but never connect to anything are listed in one table node rather
than scattered across the page (`all_boards=True` draws them as boxes).
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from govgraph.errors import DiagramError
from govgraph.model.graph import GovGraph
from govgraph.model.order import natural_key
from govgraph.queries.base import display_name
from govgraph.queries.resolve import resolve
from govgraph.viz import palette
from govgraph.viz.diagram import (Diagram, DiagramOptions, add_note, as_of_date, new_graph, plan_names,
                                  title_line)
from govgraph.viz.dot import DotGraph, Html, html, html_lines, wrap
from govgraph.viz.labels import edge_legend, plain_label

LINES = ("REPORTS_TO", "ESCALATES_TO")
STYLE: dict[str, dict[str, Any]] = {
    "REPORTS_TO": {"color": palette.EDGE, "penwidth": "1.2"},
    "ESCALATES_TO": {"color": palette.ESCALATE, "penwidth": "2.2", "style": "dashed"},
    "CHAIRS": {"color": palette.MUTED, "style": "dotted", "dir": "none", "penwidth": "1.2"},
}
"""Edge styles by relationship; CHAIRS is drawn board -> chair with no arrow so the chair sits above."""


def pick_authority(gg: GovGraph, authority: str | None) -> tuple[str | None, str]:
    """(authority id, display name): the one asked for, the only one, or an error listing them."""
    auths = sorted(gg.ids("Authority"), key=natural_key)
    if authority:
        aid = resolve(gg, authority, ["Authority"])
        return aid, display_name(aid, gg.node(aid))
    if len(auths) == 1:
        return auths[0], display_name(auths[0], gg.node(auths[0]))
    if not auths:
        return None, "All authorities"
    names = ", ".join(f"{display_name(a, gg.node(a))} ({a})" for a in auths)
    raise DiagramError(f"the graph holds {len(auths)} authorities: {names}",
                       hint="Pass --authority NAME to draw one of them.")


def _in_scope(gg: GovGraph, nid: str, aid: str | None) -> bool:
    return aid is None or gg.node(nid).get("authority") in (aid, None)


def governance(gg: GovGraph, authority: str | None = None, options: DiagramOptions = DiagramOptions(),
               all_boards: bool = False) -> Diagram:
    """Boards, their parts, chairs and reporting and escalation lines for one authority."""
    aid, aname = pick_authority(gg, authority)
    boards = sorted((b for b in gg.ids("Board") if _in_scope(gg, b, aid)), key=natural_key)
    chairs_of: dict[str, list[str]] = {}
    for b in boards:
        for r, _ in gg.in_keys(b, "CHAIRS"):
            chairs_of.setdefault(b, []).append(r)
    # a chair with no line of its own is written inside the board's box; others are drawn as posts
    folded = {r for rs in chairs_of.values() for r in rs if _chair_only(gg, r)}
    # everything joined to a board by a governance line, followed to the top
    nodes: set[str] = {r for rs in chairs_of.values() for r in rs if r not in folded}
    nodes |= {b for b in boards if any(True for _ in gg.out_keys(b, *LINES, "PART_OF"))
              or any(True for _ in gg.in_keys(b, *LINES, "PART_OF"))}
    nodes |= set(chairs_of)
    frontier = list(nodes)
    while frontier:
        cur = frontier.pop()
        for nxt, _ in list(gg.out_keys(cur, *LINES)) + list(gg.in_keys(cur, *LINES)):
            if nxt not in nodes and nxt not in folded and gg.label(nxt) in ("Board", "Role") and _in_scope(gg, nxt, aid):
                nodes.add(nxt)
                frontier.append(nxt)
    loose = [b for b in boards if b not in nodes]
    notes: list[str] = []
    if all_boards:
        nodes |= set(loose)
        loose = []
    if len(nodes) > options.max_nodes:
        keep = sorted(nodes, key=lambda n: (gg.label(n) != "Board", natural_key(n)))[: options.max_nodes]
        dropped = len(nodes) - len(keep)
        notes.append(f"{dropped} of {len(nodes)} boards and posts are not drawn "
                     f"(over the limit of {options.max_nodes}; raise --max-nodes to draw them).")
        nodes = set(keep)

    plans = {p for p, _ in gg.nodes("Plan") if _in_scope(gg, p, aid)}
    day = as_of_date(gg, options)
    title, sub = title_line(f"{aname}: governance", plan_names(gg, plans), day, notes)
    dot = new_graph(title, sub, rankdir="BT", ranksep="0.45", compound="true")
    parent = _parents(gg, nodes)
    _clusters(gg, dot, nodes, parent)
    for nid in sorted(nodes, key=natural_key):
        _node(gg, dot, nid, parent, chairs_of, folded, options)
    _edges(gg, dot, nodes, parent)
    if loose:
        _loose_table(gg, dot, loose)
    edge_legend(dot, [("reports to", STYLE["REPORTS_TO"]), ("escalates to", STYLE["ESCALATES_TO"]),
                      ("chairs (post above its board)", STYLE["CHAIRS"])])
    add_note(dot, notes)
    _below_everything(dot, ["legend:0:a", "note:loose-boards", "note:summary"])
    return Diagram("governance", title, dot, notes)


def _chair_only(gg: GovGraph, role: str) -> bool:
    """A post whose only governance link is chairing one board."""
    return (gg.label(role) == "Role" and len(list(gg.out_keys(role, "CHAIRS"))) == 1
            and not any(True for _ in gg.out_keys(role, *LINES)) and not any(True for _ in gg.in_keys(role, *LINES)))


def _parents(gg: GovGraph, nodes: set[str]) -> dict[str, str]:
    """Board -> the board it is drawn inside (its first PART_OF parent, by id)."""
    out: dict[str, str] = {}
    for n in sorted(nodes, key=natural_key):
        if gg.label(n) != "Board":
            continue
        ups = sorted((t for t, _ in gg.out_keys(n, "PART_OF") if t in nodes), key=natural_key)
        if ups and not _creates_loop(out, n, ups[0]):
            out[n] = ups[0]
    return out


def _creates_loop(parent: dict[str, str], child: str, new_parent: str) -> bool:
    cur: str | None = new_parent
    while cur is not None:
        if cur == child:
            return True
        cur = parent.get(cur)
    return False


def _depth(parent: dict[str, str], nid: str) -> int:
    d, cur = 0, nid
    while cur in parent:
        d, cur = d + 1, parent[cur]
    return d


def _clusters(gg: GovGraph, dot: DotGraph, nodes: set[str], parent: dict[str, str]) -> None:
    has_parts = set(parent.values())
    for b in sorted(has_parts, key=natural_key):
        name = display_name(b, gg.node(b))
        up = parent.get(b)
        dot.add_cluster(f"b:{b}", Html(f"<B>{html(name)}</B> and its parts"),
                        parent=f"b:{up}" if up else None, style="rounded,filled",
                        fillcolor=palette.shade(_depth(parent, b)), color=palette.MUTED, fontsize="12",
                        margin="12")


def _home(parent: dict[str, str], has_parts: set[str], board: str | None) -> str | None:
    """The cluster a node belongs in: its own cluster if it has parts, else its parent's."""
    if board is None:
        return None
    if board in has_parts:
        return f"b:{board}"
    return f"b:{parent[board]}" if board in parent else None


def _node(gg: GovGraph, dot: DotGraph, nid: str, parent: dict[str, str], chairs_of: dict[str, list[str]],
          folded: set[str], options: DiagramOptions) -> None:
    d = gg.node(nid)
    has_parts = set(parent.values())
    name = display_name(nid, d)
    src = _src(d)
    if gg.label(nid) == "Board":
        kind = str(d.get("kind") or "board")
        monitored = sum(1 for t, _ in gg.out_keys(nid, "MONITORS") if gg.label(t) == "Action")
        sub = palette.KIND_WORD.get(kind, kind) + (f" · monitors {monitored} action{'s' * (monitored != 1)}"
                                                    if monitored else "")
        aliases = ", ".join(sorted(str(a) for a in d.get("aliases") or []))
        chairs = sorted(display_name(r, gg.node(r)) for r in chairs_of.get(nid, []) if r in folded)
        extra = [f"Chair: {c}" for c in chairs]
        dot.add_node(nid, cluster=_home(parent, has_parts, nid), fillcolor=palette.KIND_FILL.get(kind, "white"),
                     label=plain_label(name, sub, options, extra=extra),
                     penwidth="1.5" if nid in has_parts else "1",
                     tooltip=f"{name} ({palette.KIND_WORD.get(kind, kind)})"
                             + (f"; also called {aliases}" if aliases else "") + (f"  [{src}]" if src else ""))
        return
    chaired = sorted((b for b, rs in chairs_of.items() if nid in rs), key=natural_key)
    home = _home(parent, has_parts, chaired[0]) if chaired else None
    dot.add_node(nid, cluster=home, fillcolor="white", style="rounded", shape="box",
                 label=plain_label(name, "Post", options, bold=False),
                 tooltip=name + (f"  [{src}]" if src else ""))


def _src(d: dict[str, Any]) -> str:
    f, line = d.get("source_file"), d.get("source_line")
    return f"{f}:{line}" if f and line else str(f or "")


def _edges(gg: GovGraph, dot: DotGraph, nodes: set[str], parent: dict[str, str]) -> None:
    has_up: set[str] = set()
    for s, t, e in gg.edges():
        rel = e.get("type")
        if s not in nodes or t not in nodes:
            continue
        tip = _edge_tip(gg, s, t, e)
        if rel in LINES:
            has_up.add(s)
            dot.add_edge(s, t, rel, tooltip=tip, **STYLE[rel])
        elif rel == "CHAIRS":
            dot.add_edge(t, s, rel, tooltip=tip, **STYLE[rel])
        elif rel == "PART_OF" and parent.get(s) != t and gg.label(s) == "Board":
            dot.add_edge(s, t, rel, tooltip=tip, style="dashed", color=palette.MUTED, label="part of")
    # a board sits above its parts: invisible links from parts with no line of their own
    for child, up in parent.items():
        if child not in has_up:
            dot.add_edge(child, up, "layout", style="invis")


def _edge_tip(gg: GovGraph, s: str, t: str, e: dict[str, Any]) -> str:
    words = str(e.get("type", "")).lower().replace("_", " ")
    tip = f"{display_name(s, gg.node(s))} {words} {display_name(t, gg.node(t))}"
    if e.get("quote"):
        tip += f': "{e["quote"]}"'
    src = _src(e)
    return tip + (f"  [{src}]" if src else "")


def _below_everything(dot: DotGraph, extras: list[str]) -> None:
    """Pull the key and notes under the drawing (not beside it) so the page stays narrow:
    an invisible link from each to the first bottom-most node (one nothing points up to)."""
    targets = {e.target for e in dot.edges.values() if e.attrs.get("style") != "invis"}
    targets |= {e.target for e in dot.edges.values()}
    bottoms = sorted((n for n in dot.nodes if not n.startswith(("legend:", "note:")) and n not in targets),
                     key=natural_key)
    if not bottoms:
        return
    for x in extras:
        if x in dot.nodes:
            dot.add_edge(x, bottoms[0], "layout", style="invis")


def _loose_table(gg: GovGraph, dot: DotGraph, loose: list[str]) -> None:
    """Boards with no stated line: one compact table, grouped by kind."""
    by_kind: dict[str, list[str]] = {}
    for b in loose:
        kind = str(gg.node(b).get("kind") or "board")
        by_kind.setdefault(kind, []).append(display_name(b, gg.node(b)))
    order = list(palette.KIND_WORD)
    rows = []
    for kind in sorted(by_kind, key=lambda k: (order.index(k) if k in order else 99, k)):
        names = "; ".join(sorted(by_kind[kind], key=str.casefold))
        rows.append(f'<TR><TD ALIGN="LEFT" VALIGN="TOP"><B>{html(palette.KIND_WORD.get(kind, kind))}</B></TD>'
                    f'<TD ALIGN="LEFT" BALIGN="LEFT">{html_lines(wrap(names, 70, 12))}</TD></TR>')
    count = Counter(len(v) for v in by_kind.values())
    total = sum(k * v for k, v in count.items())
    head = (f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Also named in the plans ({total}), '
            f'no reporting line stated</B></TD></TR>')
    dot.add_node("note:loose-boards", order=(7,), shape="plain", style="", fillcolor=None,
                 label=Html(f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" '
                            f'COLOR="{palette.MUTED}" BGCOLOR="#FAFAFA">{head}{"".join(rows)}</TABLE>'),
                 tooltip="Boards the plans name with no PART_OF, REPORTS_TO, ESCALATES_TO or CHAIRS line; "
                         "add them to a governance overlay to place them")
