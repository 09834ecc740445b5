"""Options and helpers shared by commands: the graph file, JSON output, the console."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

DEFAULT_GRAPH = Path("govgraph.json")

GraphOpt = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Graph file written by `govgraph load`.")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table.")
DEFAULT_LIMIT = 200
LimitOpt = typer.Option(DEFAULT_LIMIT, "--limit", min=0, metavar="<int>",
                        help="Table rows at most, worst first (0: all). --json always has every item.")


def open_graph(path: Path) -> "GovGraph":
    """Load the graph a command works on (the entry point has turned the cyclic collector off)."""
    from govgraph.model.graph import GovGraph

    return GovGraph.load(path)


def parse_day(value: Optional[str]) -> Optional[dt.date]:
    """An `--as-of` value as a date (None when not given); a bad one is a usage error."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date (use YYYY-MM-DD)", param_hint="--as-of") from None


def print_json(obj: Any) -> None:
    """Pydantic models, lists of them, or plain data, as indented JSON on stdout.

    A model is serialised by pydantic's own encoder: the same text as `json.dumps(indent=2)` of its
    dump, but compiled (the standard library's encoder falls back to pure Python when indenting,
    which took seconds on programme-wide results).
    """
    if hasattr(obj, "model_dump_json"):
        sys.stdout.write(obj.model_dump_json(indent=2) + "\n")
        return
    sys.stdout.write(json.dumps(_plain(obj), indent=2, ensure_ascii=False) + "\n")


def _plain(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    con = Console(highlight=False, soft_wrap=False)
    if not con.is_terminal:
        con = Console(highlight=False, soft_wrap=False, width=160)
    return con
