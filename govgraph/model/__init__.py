"""Pydantic types for nodes, edges and provenance, and the graph container.

The names below are imported on first use (PEP 562): importing a light submodule such as
`govgraph.model.order` or `govgraph.model.rag` does not build every node model (pydantic classes cost
about 0.1 s to define), which a question asked on a server never needs.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govgraph.model.edges import ALLOWED, REL_TYPES, Edge
    from govgraph.model.nodes import LABELS, NODE_TYPES, RAG_ORDER, Node, Rag
    from govgraph.model.provenance import Provenance

_WHERE = {"ALLOWED": "edges", "REL_TYPES": "edges", "Edge": "edges", "LABELS": "nodes", "NODE_TYPES": "nodes",
          "RAG_ORDER": "nodes", "Node": "nodes", "Rag": "nodes", "Provenance": "provenance"}

__all__ = ["ALLOWED", "REL_TYPES", "Edge", "LABELS", "NODE_TYPES", "RAG_ORDER", "Node", "Rag", "Provenance"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'govgraph.model' has no attribute {name!r}")
    value = getattr(import_module(f"govgraph.model.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
