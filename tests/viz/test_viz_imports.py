"""Issue 15, point 4: the diagrams read the graph through the container and `model/`, not through
networkx's dicts or the questions' utility module."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

VIZ = Path(__file__).resolve().parents[2] / "govgraph" / "viz"
FROM_MODEL = {"natural_key", "rag_of", "worst", "DONE", "label_of", "in_k", "out_k"}
"""Shared helpers that live in model/ (or are GovGraph methods): never imported from queries.base."""


@pytest.mark.parametrize("path", sorted(VIZ.glob("*.py")), ids=lambda p: p.name)
def test_viz_uses_model_for_graph_access(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "govgraph.queries.base":
            assert not {a.name for a in node.names} & FROM_MODEL, f"{path.name}:{node.lineno}"
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("_node", "_succ", "_pred", "_adj"), f"{path.name}:{node.lineno}"
            if node.attr == "g" and isinstance(node.value, ast.Name) and node.value.id == "gg":
                raise AssertionError(f"{path.name}:{node.lineno} reads gg.g (networkx) directly")
