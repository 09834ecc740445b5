"""How a question's answer is printed as a table: the pieces every question's renderer uses.

A renderer (`QuerySpec.render`, beside its question) gets the result and a `View`: the typed
`--sources`, `--limit` and other values, and whether names must say which plan they come from. Every
cell is inert text (`govgraph.cli.common.text`), never markup. Rich is imported here, when printing.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from govgraph.cli.common import DEFAULT_LIMIT, console, inert, print_json, text

if TYPE_CHECKING:
    from rich.text import Text

    from govgraph.queries.base import NodeRef, Source, Step
    from govgraph.queries.spec import QuerySpec

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

__all__ = ["RAG_STYLES", "Rows", "View", "action_src", "console", "inert", "rag", "render", "src", "t"]


def render(spec: "QuerySpec", result: Any, *, sources: bool = False, as_json: bool = False,
           limit: int = DEFAULT_LIMIT, values: Mapping[str, Any] | None = None) -> None:
    """Print `result` as `govgraph query NAME` does: the question's table (at most `limit` rows, 0 for
    all), or JSON with `as_json` (always whole)."""
    if as_json:
        print_json(result)
        return
    spec.render(result, View(sources, limit, values or {}, several_plans(result)))


class View:
    """What a renderer needs besides the result."""

    def __init__(self, sources: bool, limit: int, values: Mapping[str, Any], several: bool) -> None:
        self.sources, self.limit, self.values, self.several = sources, limit, values, several

    def table(self, title: str, *columns: str, limited: bool = True) -> "Rows":
        return Rows(title, list(columns), self.limit if limited else 0)

    def name(self, ref: "NodeRef | None") -> str:
        """A node's name; with results from several plans, actions and recommendations say which."""
        return "(none)" if ref is None else ref.qualified_name(self.several)

    def short(self, ref: "NodeRef") -> str:
        """Paths name actions and recommendations by ref: the full text is in the other columns."""
        if ref.ref and ref.label in ("Action", "Recommendation"):
            from govgraph.queries.base import in_plan

            return in_plan(ref.plan, f"{ref.label} {ref.ref}", self.several)
        return ref.name

    def path(self, steps: "list[Step]") -> "Text":
        from rich.text import Text

        out = Text()
        for i, s in enumerate(steps):
            if i == 0:
                out.append(inert(self.short(s.from_node)))
            out.append(f" -[{s.type}]-> " if s.forward else f" <-[{s.type}]- ", style="cyan")
            out.append(inert(self.short(s.to_node)))
            if self.sources and s.source.where():
                out.append(inert(f" ({src(s.source, quote=False)})"), style="dim")
        return out


class Rows:
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
            out.print(t(f"{self.hidden:,} more row(s) not shown: --limit 0 shows all, --json gives every item."))


def t(value: Any) -> "Text":
    """Every cell and line: inert text, never markup (see `govgraph.cli.common.inert`)."""
    return text(value)


def rag(code: str | None) -> "Text":
    """A RAG cell: the status word, coloured."""
    from rich.text import Text

    from govgraph.model.nodes import rag_word

    value = code or "UNKNOWN"
    return Text(f" {rag_word(value)} ", style=RAG_STYLES.get(value, ""))


def src(source: "Source", quote: bool = True) -> str:
    where = source.where()
    if quote and source.quote:
        return f"{where}  “{source.quote}”" if where else f"“{source.quote}”"
    return where


def action_src(ref: "NodeRef") -> str:
    """Where an action was read and, when its status came from its progress text, the words that decided it."""
    where = src(ref.source)
    return f"{where}  status from “{ref.rag_basis}”" if ref.rag_basis else where


def several_plans(result: Any) -> bool:
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
