"""Pydantic types for nodes, edges and provenance, and the graph container."""
from govgraph.model.edges import ALLOWED, REL_TYPES, Edge
from govgraph.model.nodes import LABELS, NODE_TYPES, RAG_ORDER, Node, Rag
from govgraph.model.provenance import Provenance

__all__ = ["ALLOWED", "REL_TYPES", "Edge", "LABELS", "NODE_TYPES", "RAG_ORDER", "Node", "Rag", "Provenance"]
