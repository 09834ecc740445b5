"""What is in a graph: nodes by label, relationships by type, and what each document gave.

A node merged from several documents (a Role named in two plans, say) lists every one of them in
its `sources` attribute, and is counted once for each document; an edge is counted for its own
`source_file` and for each document in its `also_from` list. The top-level totals count every node
and edge once, so the per-document numbers may add up to more than the totals.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

UNKNOWN_SOURCE = "<unknown>"


class DocumentStats(BaseModel):
    """What one source document contributed."""

    source_file: str
    nodes: dict[str, int] = Field(default_factory=dict, description="Node count by label, sorted by label.")
    node_total: int = 0
    edges: int = 0
    warnings: int = 0


class Stats(BaseModel):
    nodes: dict[str, int] = Field(default_factory=dict, description="Node count by label, sorted by label.")
    node_total: int = 0
    relationships: dict[str, int] = Field(default_factory=dict,
                                          description="Edge count by relationship type, sorted by type.")
    relationship_total: int = 0
    documents: list[DocumentStats] = Field(default_factory=list, description="Sorted by source_file.")
    warnings: int = 0


def graph_stats(graph: "GovGraph") -> Stats:
    nodes: Counter[str] = Counter()
    rels: Counter[str] = Counter()
    doc_nodes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    doc_edges: Counter[str] = Counter()
    doc_warnings: Counter[str] = Counter()

    for _nid, data in graph.nodes():
        label = str(data.get("label") or "?")
        nodes[label] += 1
        for doc in _node_documents(data):
            doc_nodes[doc][label] += 1

    for _s, _t, data in graph.edges():
        rels[str(data.get("type") or "?")] += 1
        for doc in _edge_documents(data):
            doc_edges[doc] += 1

    for w in graph.warnings:
        doc_warnings[str(w.get("source_file") or UNKNOWN_SOURCE)] += 1

    docs = sorted(set(doc_nodes) | set(doc_edges) | set(doc_warnings))
    return Stats(
        nodes=_sorted_counts(nodes),
        node_total=sum(nodes.values()),
        relationships=_sorted_counts(rels),
        relationship_total=sum(rels.values()),
        documents=[DocumentStats(source_file=doc, nodes=_sorted_counts(doc_nodes[doc]),
                                 node_total=sum(doc_nodes[doc].values()), edges=doc_edges[doc],
                                 warnings=doc_warnings[doc])
                   for doc in docs],
        warnings=len(graph.warnings),
    )


def _node_documents(data: dict[str, Any]) -> list[str]:
    docs: list[str] = []
    primary = data.get("source_file")
    if primary:
        docs.append(str(primary))
    sources = data.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    for src in sources:
        if src and str(src) not in docs:
            docs.append(str(src))
    return docs or [UNKNOWN_SOURCE]


def _edge_documents(data: dict[str, Any]) -> list[str]:
    docs: list[str] = []
    primary = data.get("source_file")
    if primary:
        docs.append(str(primary))
    also = data.get("also_from") or []
    if isinstance(also, str):
        also = [also]
    for seen in also:  # "file:line", written by GovGraph.add_edge
        doc = str(seen).rsplit(":", 1)[0] if ":" in str(seen) else str(seen)
        if doc and doc not in docs:
            docs.append(doc)
    return docs or [UNKNOWN_SOURCE]


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return {k: counter[k] for k in sorted(counter)}
