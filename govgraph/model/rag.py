"""A node's status as the questions and diagrams read it, and the worst of several.

One meaning of "status" for every reader: a missing or unknown `rag` is UNKNOWN (NO RATING), and
severity is `RAG_ORDER` (RED first).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govgraph.model.codes import RAG_ORDER

DONE = frozenset({"GREEN", "BLUE"})
"""RAG statuses that mean on track or complete."""


def rag_of(data: dict[str, Any]) -> str:
    """The node record's status code; UNKNOWN when it has none or one not in RAG_ORDER.

    >>> rag_of({"rag": "RED"}), rag_of({}), rag_of({"rag": "PURPLE"})
    ('RED', 'UNKNOWN', 'UNKNOWN')
    """
    rag = data.get("rag") or "UNKNOWN"
    return rag if rag in RAG_ORDER else "UNKNOWN"


def worst(rags: Iterable[str]) -> str | None:
    """The most severe status in RAG_ORDER (RED first); None for no statuses.

    >>> worst(["GREEN", "AMBER", "BLUE"]), worst([])
    ('AMBER', None)
    """
    ordered = sorted(rags, key=lambda r: RAG_ORDER.get(r, RAG_ORDER["UNKNOWN"]))
    return ordered[0] if ordered else None
