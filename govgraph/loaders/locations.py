"""Readable locations on everything read from a document that is not plain text.

`source_line` stays an integer (the unit's ordinal in its file) so the schema, queries and Cypher twins
keep working; `source_location` adds what a person can find: "page 3, table 1, row 4", "table 2, row 5",
"Tracker!A12:G12". For plain text the ordinal is the line number and says it all, so nothing is added.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govgraph.loaders.document import Document
from govgraph.model.graph import GovGraph


def location_labels(document: Document) -> dict[int, str]:
    """Ordinal -> label, for units whose label says more than 'line N'."""
    return {u.loc.ordinal: u.loc.label for u in document.units if u.loc.label != f"line {u.loc.ordinal}"}


def stamp_locations(graph: GovGraph, documents: Iterable[Document]) -> None:
    """Set `source_location` on the nodes, edges and warnings read from these documents."""
    labels = {d.source_file: location_labels(d) for d in documents}
    labels = {f: m for f, m in labels.items() if m}
    if not labels:
        return
    for _, data in graph.g.nodes(data=True):
        _stamp(data, labels)
    for _, _, data in graph.g.edges(data=True):
        _stamp(data, labels)
    for warning in graph.warnings:
        _stamp(warning, labels)


def _stamp(data: dict[str, Any], labels: dict[str, dict[int, str]]) -> None:
    by_ordinal = labels.get(str(data.get("source_file")))
    if by_ordinal is None:
        return
    label = by_ordinal.get(data.get("source_line"))  # type: ignore[arg-type]
    if label:
        data["source_location"] = label
