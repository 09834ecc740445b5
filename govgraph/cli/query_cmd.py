"""`govgraph query NAME ...`: one command per question in govgraph.queries, a table or `--json`.

Each command parses its options, calls one query function and prints. Query modules (and rich) are
imported inside the commands so `govgraph --help` stays fast.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from govgraph.cli.app import query_app
from govgraph.cli.common import (
    DEFAULT_LIMIT,
    GraphOpt,
    JsonOpt,
    LimitOpt,
    WithPartsOpt,
    board_opt,
    console,
    inert,
    lead_opt,
    open_graph,
    parse_day,
    plan_opt,
    print_json,
    text,
)

if TYPE_CHECKING:
    from rich.text import Text

    from govgraph.queries.base import NodeRef, Source, Step

SourcesOpt = typer.Option(False, "--sources", help="Show where each fact was read (file:line, quote).")

RAG_STYLES: dict[str, str] = {
    "RED": "bold white on red",
    "AMBER": "bold black on dark_orange",
    "GREEN": "bold black on green",
    "BLUE": "bold white on blue",
    "GREY": "black on grey70",
    "UNKNOWN": "dim",
}
"""RAG cell colours by code; the status word (`govgraph.model.nodes.RAG_WORDS`) is always spelled out too,
for colour-blind readers and pipes."""


class RollupBy(str, Enum):
    recommendation = "recommendation"
    lead = "lead"
    board = "board"
    workstream = "workstream"
    plan = "plan"


# ---- rendering helpers ------------------------------------------------------------------------
def _rag(rag: str | None) -> "Text":
    from rich.text import Text

    from govgraph.model.nodes import rag_word

    value = rag or "UNKNOWN"
    return Text(f" {rag_word(value)} ", style=RAG_STYLES.get(value, ""))


def _t(value: Any) -> "Text":
    """Every cell and line: inert text, never markup (see `govgraph.cli.common.inert`)."""
    return text(value)


_VIEW = {"several_plans": False}
"""Set by `render` for the result being printed: True when its actions and recommendations come from more
than one plan, so every name says which ("HSCB plan · Action 4")."""


def _name(ref: "NodeRef | None") -> str:
    if ref is None:
        return "(none)"
    return ref.qualified_name(_VIEW["several_plans"])


def _short(ref: "NodeRef") -> str:
    """Paths name actions and recommendations by ref: the full text is in the other columns."""
    if ref.ref and ref.label in ("Action", "Recommendation"):
        short = f"{ref.label} {ref.ref}"
        from govgraph.queries.base import in_plan

        return in_plan(ref.plan, short, _VIEW["several_plans"])
    return ref.name


def _several_plans(result: Any) -> bool:
    """Whether the result's actions and recommendations come from more than one plan; stops at the second
    plan met, so a programme-wide answer is not walked whole just to print its first rows."""
    first: str | None = None
    for ref in _node_refs(result):
        if ref.plan:
            if first is None:
                first = ref.plan
            elif ref.plan != first:
                return True
    return False


def _node_refs(obj: Any) -> "Iterator[NodeRef]":
    """Every NodeRef inside a result (models, lists and dicts walked)."""
    from pydantic import BaseModel

    from govgraph.queries.base import NodeRef

    if isinstance(obj, NodeRef):
        yield obj
    elif isinstance(obj, BaseModel):
        for field in type(obj).model_fields:
            yield from _node_refs(getattr(obj, field))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _node_refs(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _node_refs(item)


def _src(source: "Source", quote: bool = True) -> str:
    where = source.where()
    if quote and source.quote:
        return f"{where}  “{source.quote}”" if where else f"“{source.quote}”"
    return where


def _action_src(ref: "NodeRef") -> str:
    """Where an action was read and, when its status came from its progress text, the words that decided it."""
    where = _src(ref.source)
    return f"{where}  status from “{ref.rag_basis}”" if ref.rag_basis else where


def _path_text(steps: "list[Step]", sources: bool) -> "Text":
    from rich.text import Text

    out = Text()
    for i, s in enumerate(steps):
        if i == 0:
            out.append(inert(_short(s.from_node)))
        out.append(f" -[{s.type}]-> " if s.forward else f" <-[{s.type}]- ", style="cyan")
        out.append(inert(_short(s.to_node)))
        if sources and s.source.where():
            out.append(inert(f" ({_src(s.source, quote=False)})"), style="dim")
    return out


class _Rows:
    """A table that keeps its first `limit` rows (0: all) and says how many it left out.

    A programme-wide answer is 15,000 rows: drawn in full it took 15 s and filled the scrollback, while
    the reader wants the worst first, which every answer already lists first. `--json` keeps everything.
    """

    def __init__(self, title: str, columns: list[str], limit: int) -> None:
        from rich.table import Table

        self.table = Table(title=text(title), show_lines=False)
        for c in columns:
            self.table.add_column(c, overflow="fold")
        self.limit, self.shown, self.hidden = limit, 0, 0

    def skip(self) -> bool:
        """True (and counted) when the row about to be made would not be shown."""
        if self.limit and self.shown >= self.limit:
            self.hidden += 1
            return True
        return False

    def add(self, *cells: "Text") -> None:
        self.table.add_row(*cells)
        self.shown += 1

    def print(self, out: Any) -> None:
        out.print(self.table)
        if self.hidden:
            out.print(_t(f"{self.hidden:,} more row(s) not shown: --limit 0 shows all, --json gives every item."))


def _table(title: str, *columns: str, limit: int = 0) -> _Rows:
    return _Rows(title, list(columns), limit)


# ---- commands ---------------------------------------------------------------------------------
@query_app.command("blockers")
def blockers_cmd(
    plan: Optional[str] = plan_opt("recommendations"),
    board: Optional[str] = board_opt("RED actions"),
    with_parts: bool = WithPartsOpt,
    lead: Optional[str] = lead_opt("RED actions"),
    sources: bool = SourcesOpt,
    limit: int = LimitOpt,
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Recommendations blocked by a RED action, and the path that says why."""
    from govgraph.queries.blockers import blockers

    result = blockers(open_graph(graph), plan=plan, board=board, lead=lead, with_parts=with_parts)
    render("blockers", result, sources=sources, as_json=as_json, limit=limit)


@query_app.command("impact")
def impact_cmd(
    node: str = typer.Argument(..., help="Action, work package, project, role, person or board."),
    depth: Optional[int] = typer.Option(None, "--depth", min=1, metavar="<int>", help="Follow at most this many hops."),
    sources: bool = SourcesOpt,
    limit: int = LimitOpt,
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Everything downstream if NODE slips: actions, recommendations, plans, boards."""
    from govgraph.queries.impact import impact

    result = impact(open_graph(graph), node, depth=depth)
    render("impact", result, sources=sources, as_json=as_json, limit=limit)


@query_app.command("escalation")
def escalation_cmd(
    name: Optional[str] = typer.Argument(None, help="A role or board (omit with --all)."),
    down: bool = typer.Option(False, "--down", help="Who escalates to NAME, instead of where NAME escalates."),
    all_lines: bool = typer.Option(False, "--all", help="Every escalation line in the graph."),
    all_paths: bool = typer.Option(False, "--all-paths",
                                   help="Every route enumerated as a table of chains, not the one tree."),
    sources: bool = SourcesOpt,
    limit: int = LimitOpt,
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
) -> None:
    """The escalation route from a role or board to the top as one tree, with the source of each link."""
    from govgraph.errors import GovgraphError
    from govgraph.queries.escalation import escalation, escalation_lines

    gg = open_graph(graph)
    if all_lines:
        result = escalation_lines(gg)
    elif name is None:
        raise GovgraphError("escalation needs a role or board name", hint="Or pass --all for every line.")
    else:
        result = escalation(gg, name, down=down)
    if all_paths and not as_json:
        _render_escalation_chains(result, sources, limit)
        return
    render("escalation", result, sources=sources, as_json=as_json, limit=limit)


@query_app.command("accountability")
def accountability_cmd(
    name: str = typer.Argument(..., help="A role, person or board."),
    sources: bool = SourcesOpt,
    limit: int = LimitOpt,
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
) -> None:
    """What a role or person leads (and who watches it), or what a board monitors and who chairs it."""
    from govgraph.queries.accountability import accountability

    result = accountability(open_graph(graph), name)
    render("accountability", result, sources=sources, as_json=as_json, limit=limit)


@query_app.command("overdue")
def overdue_cmd(
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="YYYY-MM-DD",
        help="Judge every plan as of this date. Default: each plan as of the date it states (or its latest "
             "progress note); today, flagged, for a plan that states none."),
    plan: Optional[str] = plan_opt("actions"),
    board: Optional[str] = board_opt("actions"),
    with_parts: bool = WithPartsOpt,
    lead: Optional[str] = lead_opt("actions"),
    sources: bool = SourcesOpt,
    limit: int = LimitOpt,
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Actions past their due date that are not GREEN or COMPLETE: most days late first, then reading order."""
    from govgraph.queries.overdue import overdue

    day = parse_day(as_of)
    result = overdue(open_graph(graph), day, plan=plan, board=board, lead=lead, with_parts=with_parts)
    render("overdue", result, sources=sources, as_json=as_json, limit=limit)


@query_app.command("rollup")
def rollup_cmd(
    by: RollupBy = typer.Option(RollupBy.recommendation, "--by", case_sensitive=False, help="How to group."),
    limit: int = LimitOpt,
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
) -> None:
    """RAG counts and the worst status per group, worst first."""
    from govgraph.queries.rollup import rollup

    result = rollup(open_graph(graph), by.value)  # type: ignore[arg-type]
    render("rollup", result, sources=False, as_json=as_json, limit=limit)


@query_app.command("gaps")
def gaps_cmd(
    sources: bool = SourcesOpt,
    limit: int = LimitOpt,
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Recommendations without actions, actions without a lead or board, boards with no route up."""
    from govgraph.queries.gaps import gaps

    result = gaps(open_graph(graph))
    render("gaps", result, sources=sources, as_json=as_json, limit=limit)


@query_app.command("path")
def path_cmd(
    a: str = typer.Argument(..., help="From this node."),
    b: str = typer.Argument(..., help="To this node."),
    sources: bool = SourcesOpt,
    graph: Path = GraphOpt,
    as_json: bool = JsonOpt,
) -> None:
    """How two nodes are connected: the shortest chain of links, each with its direction."""
    from govgraph.queries.path import path

    result = path(open_graph(graph), a, b)
    render("path", result, sources=sources, as_json=as_json)


# ---- rendering (shared with `govgraph neo4j query`) -------------------------------------------
def render(name: str, result: Any, *, sources: bool = False, as_json: bool = False,
           limit: int = DEFAULT_LIMIT) -> None:
    """Print question `name`'s result as `govgraph query NAME` does: a table (at most `limit` rows, 0 for
    all), or JSON with `as_json` (always whole)."""
    if as_json:
        print_json(result)
        return
    _VIEW["several_plans"] = _several_plans(result)
    RENDERERS[name](result, sources, limit)


def _render_blockers(result: Any, sources: bool, limit: int) -> None:
    out = console()
    table = _table(f"Recommendations blocked by RED actions ({len(result.items)})",
                   "Recommendation", "Plan", "RED action", "Via", "Path", limit=limit)
    for item in result.items:
        for i, b in enumerate(item.blocked_by):
            if table.skip():
                continue
            table.add(_t(_name(item.recommendation)) if i == 0 else _t(""),
                          _t(", ".join(p.plan or p.name for p in item.plans)) if i == 0 else _t(""),
                          _t(_name(b.action)), _t(b.via.replace("_", " ")), _path_text(b.path, sources))
    table.print(out)
    out.print(_t(f"{result.red_actions} RED action(s) considered."))


def _render_impact(result: Any, sources: bool, limit: int) -> None:
    out = console()
    table = _table(f"Impact of {result.start.name} ({result.start.id})", "Depth", "Label", "Node", "RAG",
                   "Path", limit=limit)
    for item in result.items:
        if table.skip():
            continue
        table.add(_t(item.depth), _t(item.node.label), _t(_name(item.node)),
                      _rag(item.node.rag) if item.node.label == "Action" else _t(""),
                      _path_text(item.path, sources))
    table.print(out)
    out.print(_t(", ".join(f"{n} {label}" for label, n in result.counts.items()) or "Nothing downstream."))


def _render_escalation(result: Any, sources: bool, limit: int) -> None:
    """The route as one tree (each node once, nearest first); every line in the graph as chains."""
    if result.tree is None:
        _render_escalation_chains(result, sources, limit)
        return
    from rich.tree import Tree

    out = console()
    up = result.direction == "up"
    out.print(_t(f"{'Escalation route from' if up else 'Who escalates to'} {result.start.name} "
                 f"({'upward' if up else 'downward'}; each node once, where nearest)"))
    shown = [0, 0]  # nodes shown, nodes left out by --limit

    def add(branch: Tree, node: Any) -> None:
        for child in node.children:
            if limit and shown[0] >= limit:
                shown[1] += 1
                continue
            shown[0] += 1
            add(branch.add(_route_label(child, sources, up)), child)

    tree = Tree(_route_label(result.tree, sources, up))
    add(tree, result.tree)
    out.print(tree)
    if not result.tree.children:
        out.print(_t(f"No line {'upward' if up else 'into it'} is stated."))
    if shown[1]:
        out.print(_t(f"{shown[1]:,} more node(s) not shown: --limit 0 shows all, --json gives every item."))
    if result.cycles:
        out.print(_t(f"{len(result.cycles)} cycle(s) found and not followed."))
    if len(result.chains) > 1:
        out.print(_t(f"{len(result.chains)} routes in all: --all-paths lists each."))


def _route_label(node: Any, sources: bool, up: bool) -> "Text":
    """One line of the route tree: the link(s) in words, the node, where it was read, its chairs."""
    from rich.text import Text

    from govgraph.queries.escalation import AGAIN_WORDS, link_words

    out = Text()
    links = node.links
    if links:
        out.append(inert(" and ".join(link_words(s) for s in links) + " "), style="cyan")
    out.append(inert(node.node.name), style="" if node.again else "bold")
    if node.again:
        out.append(f" ({AGAIN_WORDS[node.again]})", style="dim")
    elif up and links and not node.children:
        out.append(" (top)")
    _append_sources(out, links, sources)
    for c in node.chairs:
        out.append(inert(f" · chaired by {c.to_node.name}"))
        _append_sources(out, [c], sources)
    return out


def _append_sources(out: "Text", links: "list[Step]", quotes: bool) -> None:
    """`file:line` per link, lines of one file together (`overlay.yaml:54,55`); quotes with --sources."""
    by_file: dict[str, list[str]] = {}
    for s in links:
        if s.source.source_file:
            by_file.setdefault(s.source.source_file, []).extend(
                [str(s.source.source_line)] if s.source.source_line else [])
    if by_file:
        out.append(inert("  " + "; ".join(f"{f}:{','.join(ls)}" if ls else f for f, ls in by_file.items())),
                   style="dim")
    for s in links if quotes else []:
        if s.source.quote:
            out.append(inert(f" “{s.source.quote}”"), style="italic")


def _render_escalation_chains(result: Any, sources: bool, limit: int) -> None:
    """Every route enumerated (`--all-paths`, and `--all`): a table of chains, one row per link."""
    out = console()
    title = "Every escalation line" if result.start is None else (
        f"{'Who escalates to' if result.direction == 'down' else 'Escalation from'} {result.start.name}")
    cols = ["Line", "Step", "From", "Link", "To", "Source"] + (["Quote"] if sources else [])
    table = _table(title, *cols, limit=limit)
    for n, chain in enumerate(result.chains, 1):
        for i, s in enumerate(chain.links, 1):
            if table.skip():
                continue
            arrow = f"-[{s.type}]->" if s.forward else f"<-[{s.type}]-"
            row = [_t(n if i == 1 else ""), _t(i), _t(s.from_node.name), _t(arrow), _t(s.to_node.name),
                   _t(s.source.where())] + ([_t(s.source.quote)] if sources else [])
            table.add(*row)
        if chain.cycle and not table.skip():
            table.add(_t(""), _t(""), _t("cycle:"), _t(""), _t(" → ".join(chain.cycle)), _t(""),
                          *([_t("")] if sources else []))
    table.print(out)
    if not result.chains:
        out.print(_t("No escalation links from here."))
    if result.cycles:
        out.print(_t(f"{len(result.cycles)} cycle(s) found and not followed."))
    if result.truncated:
        out.print(_t("Too many lines: output truncated."))


def _render_accountability(result: Any, sources: bool, limit: int) -> None:
    out = console()
    verb = "monitored by" if result.kind == "board" else "led by"
    cols = ["Recommendation", "Action", "RAG", "Due", "Leads", "Boards"] + (["Source"] if sources else [])
    table = _table(f"Actions {verb} {result.subject.name}", *cols, limit=limit)
    for g in result.groups:
        for i, a in enumerate(g.actions):
            if table.skip():
                continue
            row = [_t(_name(g.recommendation) if i == 0 else ""), _t(_name(a.action)), _rag(a.rag), _t(a.due or "—"),
                   _t(", ".join(x.name for x in a.leads)), _t(", ".join(x.name for x in a.boards))]
            table.add(*row, *([_t(_action_src(a.action))] if sources else []))
    table.print(out)
    if result.kind == "lead":
        out.print(_t("Boards watching: " + (", ".join(b.name for b in result.boards) or "none")))
    else:
        out.print(_t("Plans monitored: " + (", ".join(p.name for p in result.plans) or "none")))
        out.print(_t("Chaired by: " + (", ".join(c.name for c in result.chairs) or "no chair recorded")))


_BASIS_WORDS = {"stated": "stated in the plan", "progress": "its latest progress note",
                "today": "today: the plan states no date", "given": "given with --as-of"}


def _render_overdue(result: Any, sources: bool, limit: int) -> None:
    out = console()
    for p in result.plans:  # the date each plan is judged as of, above the rows
        name = (p.plan.plan or p.plan.name) if p.plan else "Actions in no plan"
        said = f' ("{p.source.quote}", {p.source.where()})' if p.source.quote and p.basis != "given" else ""
        flag = "[!] " if p.flagged else ""
        out.print(_t(f"{flag}{name}: as of {p.as_of.isoformat()}, {_BASIS_WORDS[p.basis]}{said}"))
    cols = ["Action", "RAG", "Due", "Days late", "Leads", "Recommendations"] + (["Source"] if sources else [])
    title = f"as of {result.as_of.isoformat()}" if result.as_of else "as of each plan's date"
    table = _table(f"Overdue {title} ({len(result.items)})", *cols, limit=limit)
    for i in result.items:
        if table.skip():
            continue
        table.add(_t(_name(i.action)), _rag(i.rag), _t(i.due), _t(i.days_late),
                      _t(", ".join(x.name for x in i.leads)), _t(", ".join(r.ref or r.name for r in i.recommendations)),
                      *([_t(_action_src(i.action))] if sources else []))
    table.print(out)
    if result.undated:
        out.print(_t(f"{result.undated} open action(s) have no readable due date."))


def _render_rollup(result: Any, sources: bool, limit: int) -> None:
    out = console()
    from govgraph.model.nodes import RAG_ORDER, rag_word

    table = _table(f"RAG by {result.by}", result.by.capitalize(), "Worst", *map(rag_word, RAG_ORDER), "Total",
                   limit=limit)
    for g in result.groups:
        if table.skip():
            continue
        table.add(_t(_name(g.group)), _rag(g.worst), *(_t(g.counts.get(r, 0) or "") for r in RAG_ORDER),
                      _t(g.total))
    table.print(out)


def _render_gaps(result: Any, sources: bool, limit: int) -> None:
    out = console()
    sections = (("Recommendations without actions", result.recommendations_without_actions),
                ("Actions without a lead", result.actions_without_lead),
                ("Actions without a monitoring board", result.actions_without_board),
                ("Boards with no route upward", result.boards_without_route_up))
    table = _table(f"Gaps ({result.total})", "Gap", "Node", "Id", *(["Source"] if sources else []), limit=limit)
    for title, refs in sections:
        for i, r in enumerate(refs):
            if table.skip():
                continue
            table.add(_t(title if i == 0 else ""), _t(_name(r)), _t(r.id),
                          *([_t(_action_src(r))] if sources else []))
    table.print(out)


def _render_path(result: Any, sources: bool, limit: int) -> None:
    out = console()
    if not result.found:
        out.print(_t(f"No connection between {result.start.name} and {result.end.name}."))
        return
    cols = ["Step", "From", "Link", "To"] + (["Source", "Quote"] if sources else [])
    table = _table(f"{result.start.name} … {result.end.name} ({len(result.steps)} links)", *cols)
    for i, s in enumerate(result.steps, 1):  # a path is shown whole: it is one answer
        arrow = f"-[{s.type}]->" if s.forward else f"<-[{s.type}]-"
        table.add(_t(i), _t(_name(s.from_node)), _t(arrow), _t(_name(s.to_node)),
                      *([_t(s.source.where()), _t(s.source.quote)] if sources else []))
    table.print(out)


RENDERERS: dict[str, Callable[[Any, bool, int], None]] = {
    "blockers": _render_blockers,
    "impact": _render_impact,
    "escalation": _render_escalation,
    "accountability": _render_accountability,
    "overdue": _render_overdue,
    "rollup": _render_rollup,
    "gaps": _render_gaps,
    "path": _render_path,
}
