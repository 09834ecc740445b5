"""How many bytes a value takes as a Cypher literal pasted by FalkorDB's Bolt layer.

FalkorDB pastes a statement's parameters into its text (`CYPHER rows=[...] <text>`) in a 4,096-byte
buffer and crashes beyond it, so the push plans statements by that text's exact size (`batching`).
Strings are counted as `probe.escape` sends them, list and map items joined by ", ".
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ROW_OVERHEAD = 2
"""Bytes between two rows of a list as the server writes it (", ")."""


def literal_size(value: Any) -> int:
    """Bytes of `value` as a Cypher literal pasted by FalkorDB, after `probe.escape`.

    >>> literal_size({"a": ["it's", 1, 2.5, True, None]})  # {a: ['it\\'s', 1, 2.500000, true, NULL]}
    39
    """
    if isinstance(value, str):
        return str_size(value)
    if value is None:
        return 4
    if isinstance(value, bool):
        return 4 if value else 5
    if isinstance(value, int):
        return len(str(value))
    if isinstance(value, float):
        return len(f"{value:f}")  # C's "%f", as the server prints it
    if isinstance(value, (list, tuple)):
        return row_size(value)
    if isinstance(value, dict):
        return 2 + sum(len(str(k).encode()) + 2 + literal_size(v) for k, v in value.items()) \
            + ROW_OVERHEAD * max(0, len(value) - 1)
    return literal_size(str(value))


def str_size(text: str) -> int:
    """`literal_size` of a string: quoted, with each quote and backslash escaped."""
    size = len(text) if text.isascii() else len(text.encode())
    return size + 2 + text.count("'") + text.count("\\")



def row_size(row: Sequence[Any]) -> int:
    """`literal_size` of a list: rows are mostly strings and ints, sized without the generic dispatch
    (planning sizes every row, some twice)."""
    n = 2 + ROW_OVERHEAD * (len(row) - 1) if row else 2
    for v in row:
        t = type(v)
        if t is str:
            n += str_size(v)
        elif t is int:
            n += len(str(v))
        else:
            n += literal_size(v)
    return n


def query_size(text: str, params: dict[str, Any]) -> int:
    """Bytes of the query a pasting server builds: `CYPHER k=literal k=literal ... <text>`."""
    pasted = sum(len(k.encode()) + 2 + literal_size(v) for k, v in params.items())
    return len("CYPHER ") + pasted + len(text.encode())
