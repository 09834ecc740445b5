"""The graph as a Cypher script for cypher-shell or Neo4j Browser (one statement per line, `;` ended).

An offline file, not a query we send: values are written as Cypher literals, escaped here, and
labels, types and keys are backtick-quoted names from the model's schema.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from govgraph.neo4j import statements as st
from govgraph.neo4j.rows import DOCS_PROP, RAG_LABELS, graph_rows, quote_name

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def literal(value: Any) -> str:
    """A Cypher literal for a property value.

    >>> literal("it's"), literal([1, 2]), literal(True), literal("a\\nb")
    ("'it\\\\'s'", '[1, 2]', 'true', "'a\\\\nb'")
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{quote_name(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    text = "".join(_ESCAPES.get(c, c if ord(c) >= 32 else f"\\u{ord(c):04x}") for c in str(value))
    return f"'{text}'"


def to_cypher(gg: "GovGraph") -> str:
    """The whole script: constraints, then one MERGE per node and per relationship."""
    rows = graph_rows(gg)
    labels = sorted({r.label for r in rows.nodes})
    out = ["// govgraph export: load with `cypher-shell -f load.cypher` or paste into Neo4j Browser.",
           "// Re-running it is safe: every statement is a MERGE on id."]
    out += [st.constraint(label) + ";" for label in labels]
    for r in rows.nodes:
        extra = ""
        if r.rag_label:
            others = "".join(f":{quote_name(o)}" for o in RAG_LABELS.values() if o != r.rag_label)
            extra = f" REMOVE n{others} SET n:{quote_name(r.rag_label)}"
        out.append(f"MERGE (n:{quote_name(r.label)} {{id: {literal(r.id)}}}) SET n += {literal(r.props)}, "
                   f"n.{quote_name(DOCS_PROP)} = {literal(r.docs)}{extra};")
    for e in rows.rels:
        out.append(f"MATCH (a:{quote_name(e.source_label)} {{id: {literal(e.source)}}}), "
                   f"(b:{quote_name(e.target_label)} {{id: {literal(e.target)}}}) "
                   f"MERGE (a)-[r:{quote_name(e.type)}]->(b) SET r += {literal(e.props)}, "
                   f"r.{quote_name(DOCS_PROP)} = {literal(e.docs)};")
    return "\n".join(out) + "\n"
