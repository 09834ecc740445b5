"""Options and helpers shared by commands: the graph file, JSON output, the console."""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

if TYPE_CHECKING:
    from rich.text import Text

    from govgraph.model.graph import GovGraph

DEFAULT_GRAPH = Path("govgraph.json")

GraphOpt = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Graph file written by `govgraph load`.")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table.")


UriOpt = typer.Option(None, "--uri", help="Bolt URI (default: $NEO4J_URI, else bolt://localhost:7687).")
UserOpt = typer.Option(None, "--username", "-u", help="Default: $NEO4J_USERNAME (empty: no authentication).")
PasswordOpt = typer.Option(None, "--password", "-p", help="Default: $NEO4J_PASSWORD.")
DatabaseOpt = typer.Option(None, "--database", "-d", help="Default: $NEO4J_DATABASE, else the server's default.")
TimeoutOpt = typer.Option(None, "--timeout", min=0.1, metavar="<seconds>",
                          help="Seconds to get a connection, and to retry a failed transaction (default 10).")
ReadTimeoutOpt = typer.Option(None, "--read-timeout", min=0.1, metavar="<seconds>",
                              help="Seconds to wait for any reply once connected (default 60).")
"""How to reach a server: `neo4j push`, `cypher` and every question with `--neo4j` take these."""

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
        sys.stdout.write(json_inert(obj.model_dump_json(indent=2)) + "\n")
        return
    sys.stdout.write(json_inert(json.dumps(_plain(obj), indent=2, ensure_ascii=False)) + "\n")


_JSON_INERT = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What JSON leaves raw but a terminal may act on (C1 controls such as CSI, bidi overrides): written as
`\\u009b` escapes, which read back as the same string. C0 controls JSON escapes itself."""


def json_inert(text: str) -> str:
    """`text` with those characters escaped. A pattern search, not `str.translate`: translate takes a
    per-character path on non-ASCII text (3.2 s of a 35-million-character answer; this takes 0.2 s)."""
    return _JSON_INERT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _plain(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def console():  # type: ignore[no-untyped-def]
    """The console every table goes through. Markup off: a string (a table title, a cell) from a plan or a
    file name is never read as Rich markup (`[/]` was a MarkupError, `[link=...]` a live hyperlink)."""
    from rich.console import Console

    con = Console(highlight=False, soft_wrap=False, markup=False)
    if not con.is_terminal:
        con = Console(highlight=False, soft_wrap=False, width=160, markup=False)
    return con


_INERT = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0D, 0x20), 0x7F, *range(0x80, 0xA0))}
_INERT.update({c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def inert(value: object) -> str:
    """Document text or a file name made safe to print: every C0 and C1 control character but tab and
    newline (ESC, so no colour, cursor or OSC-8 hyperlink sequence; BEL; CR, which overwrites the line)
    and the bidirectional overrides are shown as `\\x1b`-style escapes. Use it (or `text`, `echo`) for
    anything a plan, an overlay or a file name could have put in the string."""
    return ("" if value is None else str(value)).translate(_INERT)


def text(value: object, style: str = "") -> "Text":
    """A Rich Text of `inert(value)`: printed as it is, never parsed as markup."""
    from rich.text import Text

    return Text(inert(value), style=style)


def echo(line: str, err: bool = False) -> None:
    """`typer.echo` of a line holding names or file names, made inert."""
    typer.echo(inert(line), err=err)


def size_limits(specs: list[str]) -> dict[Any, int]:
    """`--max-size KIND=SIZE` values as {kind: bytes}; a bad one is a usage error naming it (exit 2)."""
    from govgraph.inputs import parse_max_size

    limits = {}
    for spec in specs:
        try:
            kind, size = parse_max_size(spec)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--max-size'") from None
        limits[kind] = size
    return limits
