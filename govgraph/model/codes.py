"""Status codes as plain constants, importable without pydantic or the node models.

A question asked on a server reads `RAG_ORDER` (through `govgraph.model.rag`) but builds no node
model; `govgraph.model.nodes` re-exports it.
"""
from __future__ import annotations

RAG_ORDER: dict[str, int] = {"RED": 0, "AMBER": 1, "GREY": 2, "UNKNOWN": 3, "GREEN": 4, "BLUE": 5}
"""Severity order, worst first: used by roll-ups and diagrams."""
