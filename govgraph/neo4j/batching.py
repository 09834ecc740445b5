"""Cut rows into batches bounded by row count and by the size of the parameter in bytes.

Bytes matter because FalkorDB crashes on a query parameter over about 4 KB. A row too large for
one batch on its own is split: its properties spread over several MERGE rows (MERGE is idempotent,
so the pieces can go in separate transactions), and a single value too large even alone is sent in
parts that the server concatenates (`append` rows). Sizes are measured as compact UTF-8 JSON, which
is never smaller than the Bolt encoding of the same data, plus a byte per quote for servers whose
parameters must be escaped (`probe.escape`).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from govgraph.errors import GovgraphError

ROW_OVERHEAD = 16
"""Bytes allowed per row for list framing on top of its JSON size."""


def size_of(obj: Any) -> int:
    """Bytes of compact JSON, plus one per quote (a server that needs escaping gets it)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)
    return len(text.encode()) + text.count("'")


@dataclass
class Piece:
    """One row ready to send: `prop` is None for a MERGE row, else the property an append row writes."""

    row: dict[str, Any]
    prop: str | None = None


def split_row(base: dict[str, Any], props: dict[str, Any], budget: int) -> list[Piece]:
    """`base` (id, docs...) plus `props`, as pieces each under `budget` bytes; MERGE pieces first."""
    whole = {**base, "props": props}
    if size_of(whole) + ROW_OVERHEAD <= budget:
        return [Piece(whole)]
    room = budget - ROW_OVERHEAD - size_of({**base, "props": {}})
    if room <= 0:
        raise GovgraphError(f"a row's key alone ({size_of(base)} bytes) exceeds the batch byte limit {budget}",
                            hint="Raise --batch-bytes.")
    merges: list[dict[str, Any]] = [{}]
    appends: list[Piece] = []
    for key, value in props.items():
        item = size_of({key: value}) + 1
        if item > room:
            appends.extend(_parts(base, key, value, budget))
            continue
        if size_of(merges[-1]) + item > room:
            merges.append({})
        merges[-1][key] = value
    return [Piece({**base, "props": m}) for m in merges] + appends


def _parts(base: dict[str, Any], key: str, value: Any, budget: int) -> list[Piece]:
    """A string or list value cut into parts that each fit in one append row."""
    frame = size_of({**base, "first": False, "part": ""}) + ROW_OVERHEAD
    room = budget - frame
    if not isinstance(value, (str, list)) or room <= 8:
        raise GovgraphError(f"property {key!r} of {base.get('id') or base.get('source')!r} "
                            f"({size_of(value)} bytes) cannot be sent under the batch byte limit {budget}",
                            hint="Raise --batch-bytes (the server must accept parameters that large).")
    parts: list[Any] = []
    current: Any = value[:0]
    for element in value:
        extra = size_of(element) - (2 if isinstance(value, str) else -1)
        if isinstance(value, list) and size_of([element]) > room:
            raise GovgraphError(f"one item of property {key!r} of {base.get('id')!r} is larger than the "
                                f"batch byte limit {budget}", hint="Raise --batch-bytes.")
        if current and size_of(current) + extra > room:
            parts.append(current)
            current = value[:0]
        current = current + (element if isinstance(value, str) else [element])
    if current:
        parts.append(current)
    return [Piece({**base, "first": i == 0, "part": p}, prop=key) for i, p in enumerate(parts)]


def batches(pieces: list[Piece], max_rows: int, max_bytes: int) -> Iterator[list[dict[str, Any]]]:
    """Consecutive runs of rows with at most `max_rows` rows and `max_bytes` bytes of JSON each."""
    batch: list[dict[str, Any]] = []
    used = 2
    for piece in pieces:
        n = size_of(piece.row) + 1
        if batch and (len(batch) >= max_rows or used + n > max_bytes):
            yield batch
            batch, used = [], 2
        batch.append(piece.row)
        used += n
    if batch:
        yield batch
