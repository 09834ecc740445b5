"""DOT text written by hand: one escaping rule for quoted strings, one for HTML-like labels.

Document text is data. Every ID and attribute value goes through `quote` (a DOT double-quoted string
whose backslash escapes are neutralised, so `\\N`, `\\G`, `\\l` in a plan stay literal) and every
HTML-like label is built from `html` pieces (entities escaped). Nodes, edges and clusters are written
sorted, so the same graph gives byte-identical DOT and a stable layout.
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from govgraph.model.order import natural_key

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Html(str):
    """An HTML-like label body, already escaped: written as `<...>` instead of a quoted string."""


def clean(text: object) -> str:
    """Text with control characters removed and runs of whitespace (newlines included) collapsed."""
    return " ".join(_CONTROL.sub("", str(text)).split())


def quote(value: object, tooltip: bool = False) -> str:
    """A DOT double-quoted string. Backslashes are doubled first (so escString sequences such as
    `\\N` stay literal), then quotes escaped; newlines become `\\n` line breaks. `{}`, `<>`, `|`, `;`
    and `[]` are inert inside quotes (we never use record shapes, where they would not be).

    Graphviz 2.43 expands a node's tooltip twice, so `tooltip=True` doubles backslashes twice (four
    in the source for one shown); measured to give the same text for node, edge and cluster tooltips."""
    text = _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\\\\\" if tooltip else "\\\\")
    text = text.replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def html(text: object) -> str:
    """Text escaped for an HTML-like label: `& < > " '` as entities, control characters dropped,
    backslashes doubled (Graphviz expands `\\N`, `\\G`... inside HTML labels too, even written as
    `&#92;N`; a doubled backslash shows as one)."""
    s = _CONTROL.sub("", str(text)).replace("\\", "\\\\")
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def wrap(text: object, width: int = 36, max_lines: int = 3) -> list[str]:
    """Words wrapped to `width`, at most `max_lines` lines; a cut ends in an ellipsis."""
    words = clean(text)
    if not words:
        return []
    lines = textwrap.wrap(words, width=width, break_long_words=True, break_on_hyphens=False)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: width - 1].rstrip() if len(last) >= width else last) + "…"
    return lines


def shorten(text: object, limit: int) -> str:
    s = clean(text)
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def tooltip(text: object, limit: int = 1200) -> str:
    """The full text for an SVG tooltip (bounded so a huge cell cannot bloat the file)."""
    return shorten(text, limit)


@dataclass
class Cluster:
    id: str
    label: str | Html = ""
    parent: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    order: tuple[Any, ...] = ()


@dataclass
class DotNode:
    id: str
    attrs: dict[str, Any]
    cluster: str | None = None
    order: tuple[Any, ...] = ()


@dataclass
class DotEdge:
    source: str
    target: str
    attrs: dict[str, Any]
    order: tuple[Any, ...] = ()


def _value(v: Any, key: str = "") -> str:
    if isinstance(v, Html):
        return f"<{v}>"
    if isinstance(v, bool):
        return quote("true" if v else "false")
    return quote(v, tooltip=key == "tooltip")


def _attr_list(attrs: dict[str, Any]) -> str:
    items = [f"{k}={_value(v, k)}" for k, v in sorted(attrs.items()) if v is not None]
    return f" [{', '.join(items)}]" if items else ""


class DotGraph:
    """A digraph under construction: nodes, edges and nested clusters, written sorted.

    `order` keys let a builder put clusters or nodes in reading order (recommendation 2 before 10);
    ties fall back to the natural order of the ids, so output never depends on insertion order.
    """

    def __init__(self, name: str = "govgraph", graph: dict[str, Any] | None = None,
                 node: dict[str, Any] | None = None, edge: dict[str, Any] | None = None) -> None:
        self.name = name
        self.graph_attrs: dict[str, Any] = dict(graph or {})
        self.node_defaults: dict[str, Any] = dict(node or {})
        self.edge_defaults: dict[str, Any] = dict(edge or {})
        self.nodes: dict[str, DotNode] = {}
        self.edges: dict[tuple[str, str, str], DotEdge] = {}
        self.clusters: dict[str, Cluster] = {}
        self.ranks: list[tuple[str, ...]] = []

    def __contains__(self, nid: object) -> bool:
        return nid in self.nodes

    def add_cluster(self, cid: str, label: str | Html = "", parent: str | None = None,
                    order: tuple[Any, ...] = (), **attrs: Any) -> str:
        self.clusters[cid] = Cluster(cid, label, parent, attrs, order)
        return cid

    def add_node(self, nid: str, cluster: str | None = None, order: tuple[Any, ...] = (),
                 **attrs: Any) -> str:
        self.nodes[nid] = DotNode(nid, attrs, cluster, order)
        return nid

    def add_edge(self, source: str, target: str, kind: str = "", order: tuple[Any, ...] = (),
                 **attrs: Any) -> None:
        """One edge per (source, target, kind); a later add with the same key replaces it."""
        self.edges[(source, target, kind)] = DotEdge(source, target, attrs, order)

    def same_rank(self, *nids: str) -> None:
        """Keep these nodes on one rank (written as a `{rank=same ...}` group)."""
        self.ranks.append(tuple(nids))

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    # ---- writing --------------------------------------------------------------------------
    def to_dot(self) -> str:
        out = [f"digraph {quote(self.name)} {{"]
        for key, defaults in (("graph", self.graph_attrs), ("node", self.node_defaults),
                              ("edge", self.edge_defaults)):
            if defaults:
                out.append(f"  {key}{_attr_list(defaults)};")
        children: dict[str | None, list[Cluster]] = {}
        for c in self.clusters.values():
            children.setdefault(c.parent if c.parent in self.clusters else None, []).append(c)
        members: dict[str | None, list[DotNode]] = {}
        for n in self.nodes.values():
            members.setdefault(n.cluster if n.cluster in self.clusters else None, []).append(n)
        self._write_scope(out, None, children, members, 1)
        for group in sorted(self.ranks, key=lambda g: [natural_key(n) for n in g]):
            out.append("  {rank=same; " + " ".join(f"{quote(n)};" for n in group) + "}")
        for e in sorted(self.edges.values(), key=_edge_key):
            out.append(f"  {quote(e.source)} -> {quote(e.target)}{_attr_list(e.attrs)};")
        out.append("}")
        return "\n".join(out) + "\n"

    def _write_scope(self, out: list[str], scope: str | None, children: dict[str | None, list[Cluster]],
                     members: dict[str | None, list[DotNode]], depth: int) -> None:
        pad = "  " * depth
        for c in sorted(children.get(scope, []), key=lambda c: (c.order, natural_key(c.id), c.id)):
            out.append(f"{pad}subgraph {quote('cluster_' + c.id)} {{")
            attrs = dict(c.attrs)
            if c.label:
                attrs["label"] = c.label
            for k, v in sorted(attrs.items()):
                out.append(f"{pad}  {k}={_value(v, k)};")
            self._write_scope(out, c.id, children, members, depth + 1)
            out.append(f"{pad}}}")
        for n in sorted(members.get(scope, []), key=lambda n: (n.order, natural_key(n.id), n.id)):
            out.append(f"{pad}{quote(n.id)}{_attr_list(n.attrs)};")


def _edge_key(e: DotEdge) -> tuple[Any, ...]:
    return (e.order, natural_key(e.source), e.source, natural_key(e.target), e.target,
            sorted((k, str(v)) for k, v in e.attrs.items()))


def html_lines(lines: Iterable[str], align: str = "LEFT") -> str:
    """Escaped lines joined with aligned HTML line breaks."""
    return f'<BR ALIGN="{align}"/>'.join(html(ln) for ln in lines) + (f'<BR ALIGN="{align}"/>' if align != "CENTER" else "")
