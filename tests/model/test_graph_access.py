"""Issue 15, point 4: networkx's private dicts are read only inside `model/`; every other module goes through
the container's accessors (`GovGraph.attrs`, `successors`, `predecessors`, `edge_attrs`, `out_keys`...)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "govgraph"
PRIVATE = {"_node", "_succ", "_pred", "_adj"}
OUTSIDE_MODEL = sorted(p for p in PACKAGE.rglob("*.py") if "model" not in p.relative_to(PACKAGE).parts[:1])


@pytest.mark.parametrize("path", OUTSIDE_MODEL, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_outside_model_reads_networkx_internals(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in PRIVATE]
    assert not found, f"{path.relative_to(PACKAGE)} reads networkx's dicts at lines {found}"


def test_the_accessors_are_the_graphs_own_data() -> None:
    """What the accessors return is the graph's data, so the questions that read them see every node."""
    from govgraph.model.edges import Edge
    from govgraph.model.graph import GovGraph
    from govgraph.model.nodes import Action, Recommendation

    gg = GovGraph()
    gg.add_node(Action(id="p/a/1", ref="1", text="x", source_file="p.txt"))
    gg.add_node(Recommendation(id="p/r/1", ref="1", source_file="p.txt"))
    gg.add_edge(Edge(source="p/a/1", target="p/r/1", type="ADDRESSES", source_file="p.txt", source_line=3))
    assert gg.attrs["p/a/1"]["ref"] == "1" and set(gg.attrs) == {"p/a/1", "p/r/1"}
    assert list(gg.successors["p/a/1"]["p/r/1"]) == ["ADDRESSES"]
    assert list(gg.predecessors["p/r/1"]) == ["p/a/1"]
    assert gg.edge_attrs("p/a/1", "p/r/1", "ADDRESSES")["source_line"] == 3
    assert gg.has_in("p/r/1", "ADDRESSES") and not gg.has_in("p/a/1", "ADDRESSES")
