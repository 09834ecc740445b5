"""GraphML for Gephi and yEd: networkx's writer, with every attribute made a scalar.

GraphML attributes must be strings, numbers or booleans: lists and maps become JSON text, missing
values are left out. Properties keep the Neo4j camelCase names so every export reads alike.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.neo4j.rows import DOCS_PROP, graph_rows

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_networkx(gg: "GovGraph") -> Any:
    import networkx as nx

    rows = graph_rows(gg)
    g = nx.MultiDiGraph()
    for r in rows.nodes:
        g.add_node(r.id, **{k: _scalar(v) for k, v in {**r.props, DOCS_PROP: r.docs}.items() if k != "id"})
    for e in rows.rels:
        g.add_edge(e.source, e.target, key=e.type, type=e.type,
                   **{k: _scalar(v) for k, v in {**e.props, DOCS_PROP: e.docs}.items()})
    return g


def write_graphml(gg: "GovGraph", path: Path) -> None:
    import networkx as nx

    from govgraph.outputs import write_file

    write_file(path, "\n".join(nx.generate_graphml(to_networkx(gg))) + "\n")
