"""The board pack: one self-contained HTML page a board secretary can circulate or print.

It holds the accountability diagram (inline SVG), the RAG summary, the red and overdue actions with
leads and due dates, the escalation route, and every action with its source file and line. The page
loads nothing (CSS inline, no scripts, a Content-Security-Policy that forbids fetching), so it works
offline; every piece of document text is HTML-escaped.
"""
from __future__ import annotations

import datetime as dt
import html as _html
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template

from govgraph.model.graph import GovGraph
from govgraph.model.ids import slug
from govgraph.model.nodes import RAG_ORDER
from govgraph.queries.accountability import ActionLine
from govgraph.queries.base import NodeRef, Source, in_plan, sort_refs
from govgraph.queries.escalation import AGAIN_WORDS, EscalationResult, RouteNode, escalation, link_words
from govgraph.queries.overdue import Judge, OverdueAction, PlanDay, overdue
from govgraph.viz import palette
from govgraph.viz.accountability import Remit, draw_remit, remit
from govgraph.viz.diagram import DiagramOptions, plan_names
from govgraph.viz.paper import PaperDiagrams, paper_diagrams
from govgraph.outputs import write_file
from govgraph.viz.render import render_bytes, svg_fragment


NO_DATE = '<span class="none">no date</span>'


def esc(text: object) -> str:
    return _html.escape("" if text is None else str(text), quote=True)


@dataclass
class BoardPack:
    """The pack's content, before it is written as HTML."""

    remit: Remit
    as_of: dt.date | None
    """The date given; None: each plan is judged as of its own date (`dates`)."""
    plans: str
    overdue: list[OverdueAction]
    escalation: EscalationResult
    svg: str
    notes: list[str] = field(default_factory=list)
    paper: PaperDiagrams | None = None
    """The diagram as printed on A4 (whole, or one drawing per recommendation); None: print `svg`."""
    dates: list[PlanDay] = field(default_factory=list)
    """The date each plan in the pack is judged as of, and why (stated, progress, today flagged, given)."""

    @property
    def title(self) -> str:
        return f"{self.remit.subject.name}: board pack"


def build_board_pack(gg: GovGraph, board: str, as_of: dt.date | None = None, with_parts: bool = False,
                     options: DiagramOptions | None = None) -> BoardPack:
    """Gather the pack's content; draws the diagram with Graphviz (SVG)."""
    day = as_of or dt.date.today()
    opts = options or DiagramOptions(as_of=day)
    r = remit(gg, board=board, with_parts=with_parts)
    diagram = draw_remit(gg, r, opts)
    svg = svg_fragment(render_bytes(diagram.to_dot(), "svg"))
    mine = set(r.actions())
    late = [o for o in overdue(gg, as_of).items if o.action.id in mine]
    plans = {p for g in r.groups if g.rec for p, _ in gg.into(g.rec.id, "HAS_RECOMMENDATION")}
    judge = Judge(gg, as_of)
    dates = [judge.plan(ref.id) for ref in sort_refs(judge.refs(p) for p in plans)]
    return BoardPack(remit=r, as_of=as_of, dates=dates, plans=plan_names(gg, plans, limit=6), overdue=late,
                     escalation=escalation(gg, r.subject.id), svg=svg, notes=diagram.notes,
                     paper=paper_diagrams(gg, r, svg, opts))


# ---- HTML -----------------------------------------------------------------------------------------
def _rag(rag: str | None) -> str:
    value = rag if rag in RAG_ORDER else "UNKNOWN"
    return f'<span class="rag rag-{value}">{esc(palette.rag_style(value).word)}</span>'


def _src(source: Source) -> str:
    where = source.where()
    return f'<span class="src">{esc(where)}</span>' if where else '<span class="none">not recorded</span>'


def _names(refs: list[NodeRef]) -> str:
    return "; ".join(esc(r.name) for r in refs) if refs else '<span class="none">none stated</span>'


def _several_plans(pack: BoardPack) -> bool:
    """True when the pack's actions come from more than one plan: each then says which."""
    return len({a.action.plan for a in pack.remit.actions().values() if a.action.plan}) > 1


def _which(ref: NodeRef, word: str, pack: BoardPack) -> str:
    """'Action 4', or 'HSCB plan · Action 4' when several plans are in the pack."""
    return in_plan(ref.plan, word, _several_plans(pack))


def _action_cell(line: ActionLine | OverdueAction, gg: GovGraph, pack: BoardPack) -> str:
    ref = line.action.ref or "?"
    text = gg.node(line.action.id).get("text") or line.action.name
    return f"<b>{esc(_which(line.action, f'Action {ref}', pack))}</b><br>{esc(text)}"


def _summary(pack: BoardPack) -> str:
    counts = pack.remit.counts()
    total = sum(counts.values())
    if not total:
        return '<p class="none">This board monitors no actions in the loaded plans.</p>'
    rows = "".join(f"<tr><td>{_rag(r)}</td><td class=\"num\">{n}</td><td class=\"num\">{100 * n / total:.0f}%</td></tr>"
                   for r, n in counts.items())
    return (f"<table class=\"summary\"><thead><tr><th>Status</th><th>Actions</th><th>Share</th></tr></thead>"
            f"<tbody>{rows}<tr><th>Total</th><th class=\"num\">{total}</th><th></th></tr></tbody></table>")


_JUDGED = {"stated": "the date the plan states", "progress": "the plan's latest progress note",
           "today": "today: the plan states no date", "given": "the date given"}


def _as_of(pack: BoardPack) -> str:
    return pack.as_of.isoformat() if pack.as_of else "each plan's own date"


def _dates(pack: BoardPack) -> str:
    """Which date each plan's actions are judged late on, and where the plan says it."""
    if pack.as_of or not pack.dates:
        return ""
    items = []
    for d in pack.dates:
        said = f' “{esc(d.source.quote)}” {_src(d.source)}' if d.source.quote else ""
        flag = "<b>No date stated:</b> " if d.flagged else ""
        name = esc(d.plan.plan or d.plan.name) if d.plan else "Actions in no plan"
        items.append(f"<li>{flag}{name}: as of <b>{esc(d.as_of.isoformat())}</b>, {esc(_JUDGED[d.basis])}{said}</li>")
    return f'<p class="note">Overdue is judged as of each plan\'s own date:</p><ul class="dates">{"".join(items)}</ul>'


def _red_and_overdue(pack: BoardPack, gg: GovGraph) -> str:
    late = {o.action.id: o for o in pack.overdue}
    lines = pack.remit.actions()
    ids = [a for a, line in lines.items() if line.rag == "RED"] + [a for a in late if a in lines]
    seen: set[str] = set()
    rows = []
    for aid in sorted(set(ids), key=lambda a: (RAG_ORDER.get(lines[a].rag, 9), -(late[a].days_late if a in late else 0),
                                               lines[a].action.source.source_file or "",
                                               lines[a].action.source.source_line or 0, a)):
        if aid in seen:
            continue
        seen.add(aid)
        line = lines[aid]
        due = esc(line.due) if line.due else NO_DATE
        if aid in late:
            due += f'<br><b class="late">{late[aid].days_late} days late</b>'
        recs = [g.rec for g in pack.remit.groups if aid in g.actions and g.rec]
        rec = "; ".join(esc(_which(r, f"Recommendation {r.ref}", pack)) if r.ref else esc(r.name) for r in recs) or "—"
        rows.append(f"<tr><td>{_action_cell(line, gg, pack)}</td><td>{_rag(line.rag)}</td><td class=\"due\">{due}</td>"
                    f"<td>{_names(line.leads)}</td><td>{rec}</td><td>{_src(line.action.source)}</td></tr>")
    if not rows:
        return _dates(pack) + f'<p class="none">No action is RED or overdue as of {esc(_as_of(pack))}.</p>'
    return (_dates(pack) + "<table><thead><tr><th>Action</th><th>Status</th><th>Due</th><th>Lead</th><th>Addresses</th>"
            f"<th>Source</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _escalation(pack: BoardPack) -> str:
    """The route upward as one tree of nested lists, as `govgraph query escalation` prints it."""
    tree = pack.escalation.tree
    if tree is None or not tree.children:
        chairs = "".join(_chair_notes(tree)) if tree else ""
        return (f'<p class="none">No reporting or escalation line is stated for this board{chairs}. A governance '
                "overlay (<code>govgraph load --overlay</code>) can state one.</p>")
    head = f"<b>{esc(tree.node.name)}</b>{''.join(_chair_notes(tree))}"
    return f'<ul class="route"><li>{head}{_route_items(tree)}</li></ul>'


def _route_items(node: RouteNode) -> str:
    """The children of one tree node: each link in words with its source and quote, then its own children."""
    if not node.children:
        return ""
    items = []
    for c in node.children:
        verbs = " and ".join(link_words(s) for s in c.links)
        cites = " ".join(_src(s.source) + (f' <span class="quote">“{esc(s.source.quote)}”</span>'
                                           if s.source.quote else "") for s in c.links)
        name = f'{esc(c.node.name)} <span class="none">({AGAIN_WORDS[c.again]})</span>' if c.again \
            else f"<b>{esc(c.node.name)}</b>"
        items.append(f"<li>{esc(verbs)} {name} {cites}{''.join(_chair_notes(c))}{_route_items(c)}</li>")
    return f'<ul class="route">{"".join(items)}</ul>'


def _chair_notes(node: RouteNode | None) -> list[str]:
    """Chairs with no line upward: named as the board's chair, not as a step of the route."""
    return [f"; chaired by {esc(s.to_node.name)} {_src(s.source)}" for s in (node.chairs if node else [])]


def _all_actions(pack: BoardPack, gg: GovGraph) -> str:
    """Every action under its recommendation; one <tbody> each, kept together on paper when it fits."""
    bodies = []
    for g in pack.remit.groups:
        head = (f"{esc(_which(g.rec, f'Recommendation {g.rec.ref}', pack))}: "
                f"{esc(gg.node(g.rec.id).get('text') or g.rec.name)} "
                f"{_src(g.rec.source)}") if g.rec else "No recommendation stated"
        rows = [f'<tr class="rec"><th colspan="6">{head}</th></tr>']
        for line in sorted(g.actions.values(), key=lambda a: (a.action.source.source_line or 0, a.action.id)):
            due = esc(line.due) if line.due else NO_DATE
            rows.append(f"<tr><td>{_action_cell(line, gg, pack)}</td><td>{_rag(line.rag)}</td><td class=\"due\">{due}</td>"
                        f"<td>{_names(line.leads)}</td><td>{_names(line.boards)}</td>"
                        f"<td>{_src(line.action.source)}</td></tr>")
        bodies.append(f'<tbody class="rec">{"".join(rows)}</tbody>')
    if not bodies:
        return '<p class="none">No actions.</p>'
    return ("<table><thead><tr><th>Action</th><th>Status</th><th>Due</th><th>Lead</th><th>Monitored by</th>"
            f"<th>Source</th></tr></thead>{''.join(bodies)}</table>")


def _section(title: str, content: str, wide: bool | None = None) -> str:
    """A titled section; `wide` (default: it holds a table of more than three columns) prints it on
    landscape A4 pages."""
    if wide is None:
        wide = content[content.find("<thead>"):content.find("</thead>")].count("</th>") > 3
    cls = ' class="wide"' if wide else ""
    return f"<section{cls}>\n<h2>{esc(title)}</h2>\n{content}\n</section>"


def _diagram(pack: BoardPack) -> str:
    """The whole diagram on screen; on paper the same, or one drawing per recommendation when the
    whole would print too small to read (govgraph.viz.paper), with a note saying so."""
    label = f"{esc(pack.remit.subject.name)} accountability diagram"
    paper = pack.paper
    if paper is None or not paper.split:
        svg = paper.svgs[0] if paper else pack.svg
        return f'<div class="diagram" role="img" aria-label="{label}">{svg}</div>'
    note = (f"Printed whole on A4, this diagram's smallest text would be {paper.whole_pt:.1f} pt, too small "
            f"to read, so each recommendation is drawn on its own. The whole diagram is in the HTML pack "
            f"and in {whole_diagram_name(pack)} beside it.")
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in [note, *paper.notes])
    drawings = "".join(f'<div class="sheet">{svg}</div>' for svg in paper.svgs)
    return (f'<div class="diagram screen-only" role="img" aria-label="{label}">{pack.svg}</div>'
            f'<div class="print-only">{notes}<div class="diagram" role="img" aria-label="{label}, one '
            f'recommendation at a time"><div class="key">{paper.key}</div>{drawings}</div></div>')


def whole_diagram_name(pack: BoardPack) -> str:
    """The file the whole diagram is written to beside a pack whose paper copy splits it."""
    return f"{slug(pack.remit.subject.name)}-accountability.svg"


def _template(name: str) -> str:
    return resources.files("govgraph.viz").joinpath(name).read_text(encoding="utf-8")


def board_pack_html(gg: GovGraph, pack: BoardPack) -> str:
    """The pack as one HTML document (CSS inline, the diagram as inline SVG, no scripts)."""
    r = pack.remit
    chairs = "; ".join(c.name for c in r.results[0].chairs)
    scope = f" and its parts ({'; '.join(p.name for p in r.parts)})" if r.parts else ""
    meta = (f"As of {esc(_as_of(pack))} · Plans: {esc(pack.plans)}"
            + (f" · Chair: {esc(chairs)}" if chairs else "") + f" · Source of the board: {_src(r.subject.source)}")
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in pack.notes)
    body = "\n".join([
        f"<p>Actions monitored by <b>{esc(r.subject.name)}</b>{esc(scope)}.</p>",
        _section("RAG summary", _summary(pack)),
        _section("Red and overdue actions", _red_and_overdue(pack, gg)),
        _section("Escalation route", _escalation(pack)),
        _section("Accountability diagram", notes + _diagram(pack), wide=True),
        _section("All actions", _all_actions(pack, gg), wide=True),
    ])
    footer = (f"Written by govgraph from the published plans; every item cites the file and line it was read "
              f"from. Overdue means past its due date and not GREEN or COMPLETE as of {esc(_as_of(pack))}.")
    return Template(_template("board_pack.html")).substitute(
        title=esc(pack.title), css=_template("board_pack.css"), meta=meta, body=body, footer=footer)


def write_board_pack(gg: GovGraph, board: str, out_dir: Path, as_of: dt.date | None = None,
                     with_parts: bool = False, fmt: str = "html") -> tuple[Path, BoardPack]:
    """Write `<board>-board-pack.html` (and `.pdf` with fmt="pdf") into `out_dir`; returns the main file."""
    pack = build_board_pack(gg, board, as_of=as_of, with_parts=with_parts)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir / f"{slug(pack.remit.subject.name)}-board-pack"
    html_file = base.with_suffix(".html")
    write_file(html_file, board_pack_html(gg, pack).encode("utf-8"))
    if pack.paper is not None and pack.paper.split:
        write_file(out_dir / whole_diagram_name(pack), pack.svg.encode("utf-8"))
    if fmt == "pdf":
        from govgraph.viz.browser import print_pdf

        return print_pdf(html_file, base.with_suffix(".pdf")), pack
    return html_file, pack
