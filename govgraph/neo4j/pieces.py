"""A row too large for one statement on its own, cut into pieces that each fit (the push's general path).

The pieces are MERGE rows, each with some of the properties (MERGE is idempotent, so they may go in
separate transactions), then, for a single value too large even alone, `append` rows whose parts the
server concatenates. `batches` groups rows under a row count and a byte limit.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from govgraph.errors import GovgraphError
from govgraph.neo4j.literals import ROW_OVERHEAD, literal_size, query_size


@dataclass
class Piece:
    """One row of the general path: `prop` is None for a MERGE row, else the property an append row writes."""

    row: dict[str, Any]
    prop: str | None = None


def split_row(base: dict[str, Any], props: dict[str, Any], budget: int) -> list[Piece]:
    """`base` (id, docs...) plus `props`, as pieces each under `budget` bytes; MERGE pieces first."""
    whole = {**base, "props": props}
    if literal_size(whole) + ROW_OVERHEAD <= budget:
        return [Piece(whole)]
    room = budget - ROW_OVERHEAD - literal_size({**base, "props": {}})
    if room <= 0:
        raise GovgraphError(f"a row's key alone ({literal_size(base)} bytes) exceeds the batch byte limit {budget}",
                            hint="Raise --batch-bytes.")
    merges: list[dict[str, Any]] = [{}]
    appends: list[Piece] = []
    for key, value in props.items():
        item = literal_size({key: value}) + ROW_OVERHEAD
        if item > room:
            appends.extend(_parts(base, key, value, budget))
            continue
        if literal_size(merges[-1]) + item > room:
            merges.append({})
        merges[-1][key] = value
    return [Piece({**base, "props": m}) for m in merges] + appends


def _parts(base: dict[str, Any], key: str, value: Any, budget: int) -> list[Piece]:
    """A string or list value cut into parts that each fit in one append row."""
    frame = literal_size({**base, "first": False, "part": ""}) + ROW_OVERHEAD
    room = budget - frame
    if not isinstance(value, (str, list)) or room <= 8:
        raise GovgraphError(f"property {key!r} of {base.get('id') or base.get('source')!r} "
                            f"({literal_size(value)} bytes) cannot be sent under the batch byte limit {budget}",
                            hint="Raise --batch-bytes (the server must accept parameters that large).")
    parts: list[Any] = []
    current: Any = value[:0]
    for element in value:
        extra = literal_size(element) - 2 if isinstance(value, str) else literal_size(element) + ROW_OVERHEAD
        if isinstance(value, list) and literal_size([element]) > room:
            raise GovgraphError(f"one item of property {key!r} of {base.get('id')!r} is larger than the "
                                f"batch byte limit {budget}", hint="Raise --batch-bytes.")
        if current and literal_size(current) + extra > room:
            parts.append(current)
            current = value[:0]
        current = current + (element if isinstance(value, str) else [element])
    if current:
        parts.append(current)
    return [Piece({**base, "first": i == 0, "part": p}, prop=key) for i, p in enumerate(parts)]


def batches(pieces: list[Piece], max_rows: int, max_bytes: int) -> Iterator[list[dict[str, Any]]]:
    """Consecutive runs of rows with at most `max_rows` rows and `max_bytes` bytes of `rows=[...]` each."""
    empty = query_size("", {"rows": []}) - ROW_OVERHEAD
    batch: list[dict[str, Any]] = []
    used = empty
    for piece in pieces:
        n = literal_size(piece.row) + ROW_OVERHEAD
        if batch and (len(batch) >= max_rows or used + n > max_bytes):
            yield batch
            batch, used = [], empty
        batch.append(piece.row)
        used += n
    if batch:
        yield batch
