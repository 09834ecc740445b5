"""How `govgraph query escalation` prints: the route as one tree, or every route as a table of chains.

Apart from `escalation.py` only for its length: the tree printer is as long as the walk.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govgraph.cli import tables as tb
from govgraph.queries.escalation import AGAIN_WORDS, EscalationResult, link_words

if TYPE_CHECKING:
    from rich.text import Text

    from govgraph.cli.tables import View
    from govgraph.queries.base import Step


def render(result: EscalationResult, view: View) -> None:
    """The route as one tree (each node once, nearest first); every line in the graph, or --all-paths, as chains."""
    if result.tree is None or view.values.get("all_paths"):
        chains(result, view)
        return
    from rich.tree import Tree

    out = tb.console()
    up = result.direction == "up"
    start = result.start.name if result.start else ""
    out.print(tb.t(f"{'Escalation route from' if up else 'Who escalates to'} {start} "
                   f"({'upward' if up else 'downward'}; each node once, where nearest)"))
    shown = [0, 0]  # nodes shown, nodes left out by --limit
    limit = view.limit

    def add(branch: Tree, node: Any) -> None:
        for child in node.children:
            if limit and shown[0] >= limit:
                shown[1] += 1
                continue
            shown[0] += 1
            add(branch.add(_route_label(child, view.sources, up)), child)

    tree = Tree(_route_label(result.tree, view.sources, up))
    add(tree, result.tree)
    out.print(tree)
    if not result.tree.children:
        out.print(tb.t(f"No line {'upward' if up else 'into it'} is stated."))
    if shown[1]:
        out.print(tb.t(f"{shown[1]:,} more node(s) not shown: --limit 0 shows all, --json gives every item."))
    if result.cycles:
        out.print(tb.t(f"{len(result.cycles)} cycle(s) found and not followed."))
    if len(result.chains) > 1:
        out.print(tb.t(f"{len(result.chains)} routes in all: --all-paths lists each."))


def _route_label(node: Any, sources: bool, up: bool) -> "Text":
    """One line of the route tree: the link(s) in words, the node, where it was read, its chairs."""
    from rich.text import Text

    out = Text()
    links = node.links
    if links:
        out.append(tb.inert(" and ".join(link_words(s) for s in links) + " "), style="cyan")
    out.append(tb.inert(node.node.name), style="" if node.again else "bold")
    if node.again:
        out.append(f" ({AGAIN_WORDS[node.again]})", style="dim")
    elif up and links and not node.children:
        out.append(" (top)")
    _append_sources(out, links, sources)
    for c in node.chairs:
        out.append(tb.inert(f" · chaired by {c.to_node.name}"))
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
        out.append(tb.inert("  " + "; ".join(f"{f}:{','.join(ls)}" if ls else f for f, ls in by_file.items())),
                   style="dim")
    for s in links if quotes else []:
        if s.source.quote:
            out.append(tb.inert(f" “{s.source.quote}”"), style="italic")


def chains(result: EscalationResult, view: View) -> None:
    """Every route enumerated (`--all-paths`, and `--all`): a table of chains, one row per link."""
    t, sources = tb.t, view.sources
    title = "Every escalation line" if result.start is None else (
        f"{'Who escalates to' if result.direction == 'down' else 'Escalation from'} {result.start.name}")
    cols = ["Line", "Step", "From", "Link", "To", "Source"] + (["Quote"] if sources else [])
    table = view.table(title, *cols)
    for n, chain in enumerate(result.chains, 1):
        for i, s in enumerate(chain.links, 1):
            if table.skip():
                continue
            arrow = f"-[{s.type}]->" if s.forward else f"<-[{s.type}]-"
            row = [t(n if i == 1 else ""), t(i), t(s.from_node.name), t(arrow), t(s.to_node.name),
                   t(s.source.where())] + ([t(s.source.quote)] if sources else [])
            table.add(*row)
        if chain.cycle and not table.skip():
            table.add(t(""), t(""), t("cycle:"), t(""), t(" → ".join(chain.cycle)), t(""),
                      *([t("")] if sources else []))
    out = tb.console()
    table.print(out)
    if not result.chains:
        out.print(t("No escalation links from here."))
    if result.cycles:
        out.print(t(f"{len(result.cycles)} cycle(s) found and not followed."))
    if result.truncated:
        out.print(t("Too many lines: output truncated."))
