"""Diagrams for the printed board pack: A4 pages on which no diagram text prints under 7 pt.

A browser prints an inline SVG scaled to fit the page, so a wide accountability diagram (2,000 pt
across for the demo's board) printed at a third of its size: 8 pt labels came out under 3 pt. Here
the scale is computed before printing: the SVG's own size (Graphviz writes it in points) against the
printable area of a landscape A4 page, times the smallest font it uses. When the whole diagram would
print under `MIN_TEXT_PT`, the paper copy gets the same drawing split by recommendation (a
recommendation with too many actions for a page split in halves), each at full size, which the
page flows side by side, and the colour key once. The screen keeps the whole diagram.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from govgraph.model.graph import GovGraph
from govgraph.model.nodes import RAG_ORDER
from govgraph.viz.accountability import Group, Remit, draw_remit
from govgraph.viz.diagram import DiagramOptions, new_graph
from govgraph.viz.dot import Html, html
from govgraph.viz.labels import rag_legend
from govgraph.viz.render import render_bytes, svg_fragment

MIN_TEXT_PT = 7.0
"""The smallest text a printed pack may carry (the usual floor for legible print)."""

MM = 72 / 25.4
"""Points per millimetre."""


@dataclass(frozen=True)
class Area:
    """Room for one diagram on a page, in points."""

    width: float
    height: float


PAGE_MARGIN_MM = 12.0
"""Must match the `@page` margins in board_pack.css."""

DIAGRAM_AREA = Area(width=(297 - 2 * PAGE_MARGIN_MM) * MM - 24, height=(210 - 2 * PAGE_MARGIN_MM) * MM - 90)
"""A landscape A4 page less its margins, the diagram frame (24 pt across) and room for the section
heading and a note above the first sheet (90 pt), so a heading never has to be left behind."""

_SIZE = re.compile(r'(<svg\b[^>]*?\bwidth=")([\d.]+)(pt"[^>]*?\bheight=")([\d.]+)(pt")')
_FONT = re.compile(r'font-size="([\d.]+)"')


def svg_size(svg: str) -> tuple[float, float]:
    """The drawing's (width, height) in points, as Graphviz states it on the root element."""
    m = _SIZE.search(svg)
    if not m:
        raise ValueError("the SVG does not state its size in points")
    return float(m[2]), float(m[4])


def smallest_font(svg: str) -> float:
    """The smallest `font-size` in the drawing (Graphviz writes one per text element), in points."""
    sizes = [float(s) for s in _FONT.findall(svg)]
    return min(sizes) if sizes else MIN_TEXT_PT


def print_scale(svg: str, area: Area = DIAGRAM_AREA) -> float:
    """The factor the drawing prints at when fitted into `area` (never enlarged)."""
    w, h = svg_size(svg)
    return min(1.0, area.width / w, area.height / h)


def printed_text_pt(svg: str, area: Area = DIAGRAM_AREA) -> float:
    """The size its smallest text prints at, fitted into `area`."""
    return smallest_font(svg) * print_scale(svg, area)


def legible(svg: str, area: Area = DIAGRAM_AREA) -> bool:
    return printed_text_pt(svg, area) >= MIN_TEXT_PT


def sized_for_print(svg: str, area: Area = DIAGRAM_AREA, id_prefix: str = "") -> str:
    """The SVG with its width and height set to the printed size (the viewBox keeps the drawing),
    so the page shows it at exactly the scale `print_scale` computed; ids prefixed to stay unique
    when several drawings share one HTML page."""
    w, h = svg_size(svg)
    s = print_scale(svg, area)
    out = _SIZE.sub(lambda m: f"{m[1]}{w * s:.1f}{m[3]}{h * s:.1f}{m[5]}", svg, count=1)
    if id_prefix:
        out = re.sub(r'\bid="', f'id="{id_prefix}', out)
    return out


@dataclass
class PaperDiagrams:
    """What the printed pack shows for the diagram."""

    svgs: list[str]
    """Drawings sized for print: the whole diagram, or one per recommendation (or part of one)."""
    whole_pt: float
    """The size the whole diagram's smallest text would print at."""
    key: str = ""
    """With split drawings: the colour key, drawn once above them."""
    notes: list[str] = dataclasses.field(default_factory=list)

    @property
    def split(self) -> bool:
        return bool(self.key)


def paper_diagrams(gg: GovGraph, r: Remit, whole_svg: str, options: DiagramOptions,
                   area: Area = DIAGRAM_AREA) -> PaperDiagrams:
    """The whole diagram when it prints legibly; else one small drawing per recommendation, which the
    page flows side by side, and the key once."""
    whole_pt = printed_text_pt(whole_svg, area)
    if whole_pt >= MIN_TEXT_PT or not r.groups:
        return PaperDiagrams([sized_for_print(whole_svg, area)], whole_pt)
    notes: list[str] = []
    svgs = [svg for g in r.groups for svg in _group_svgs(gg, r, g, options, area, notes)]
    svgs = [sized_for_print(svg, area, id_prefix=f"rec{i + 1}-") for i, svg in enumerate(svgs)]
    return PaperDiagrams(svgs, whole_pt, key=sized_for_print(_key_svg(r), area, id_prefix="key-"), notes=notes)


def _group_svgs(gg: GovGraph, r: Remit, g: Group, options: DiagramOptions, area: Area,
                notes: list[str], whole: int = 0) -> list[str]:
    """One drawing of the group when it fits a page, else its actions split in halves until each fits
    (`whole`: how many actions the recommendation has, when `g` is a part of them)."""
    svg = _group_svg(gg, r, g, options, whole)
    if legible(svg, area):
        return [svg]
    items = list(g.actions.items())
    if len(items) <= 1:
        name = f"Recommendation {g.rec.ref}" if g.rec and g.rec.ref else "A recommendation"
        notes.append(f"{name} cannot be drawn legibly on A4; its actions are in the table below.")
        return []
    half = len(items) // 2
    return [s for part in (items[:half], items[half:])
            for s in _group_svgs(gg, r, Group(g.rec, dict(part), g.monitors), options, area, notes,
                                 whole or len(items))]


def _group_svg(gg: GovGraph, r: Remit, g: Group, options: DiagramOptions, whole: int = 0) -> str:
    """The accountability drawing of one recommendation alone: its cluster of action boxes, without
    the board's box, the title block and the key (the pack's heading says whose, the key is drawn once)."""
    dot = draw_remit(gg, dataclasses.replace(r, groups=[g]), options).dot
    gone = {r.subject.id, *(p.id for p in r.parts), "legend:rag", "note:summary"}
    dot.nodes = {k: n for k, n in dot.nodes.items() if k not in gone}
    dot.clusters.pop("subject", None)
    dot.edges = {k: e for k, e in dot.edges.items() if k[0] not in gone and k[1] not in gone}
    dot.graph_attrs.pop("label", None)
    cluster = dot.clusters.get(f"rec:{g.key}")
    if whole and cluster is not None:  # "3 actions" would read as the whole count: say "3 of its 7 actions"
        n = len(g.actions)
        count = html(f"  ·  {n} action{'s' * (n != 1)}")
        cluster.label = Html(str(cluster.label).replace(count, html(f"  ·  {n} of its {whole} actions"), 1))
    return svg_fragment(render_bytes(dot.to_dot(), "svg"))


def _key_svg(r: Remit) -> str:
    """The colour key for the statuses in the remit, as its own small drawing."""
    dot = new_graph("key", "")
    dot.graph_attrs.pop("label", None)
    rag_legend(dot, sorted({a.rag for a in r.actions().values()}, key=lambda x: RAG_ORDER.get(x, 9)))
    return svg_fragment(render_bytes(dot.to_dot(), "svg"))
