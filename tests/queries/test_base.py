"""The shared pieces behind every answer: cheap adjacency, reading order, refs."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Board, Role
from govgraph.queries.base import (
    NodeRef,
    Source,
    in_k,
    node_ref,
    out_k,
    reading_order,
    ref_sort_key,
    sort_refs,
)

files = st.sampled_from(["a.txt", "b.txt", "plan 10.txt", "plan 9.txt", ""])
refs_st = st.builds(
    lambda i, f, line, ref, name: NodeRef(id=f"n{i}", label="Action", name=name, ref=ref,
                                          source=Source(source_file=f or None, source_line=line)),
    st.integers(0, 50), files, st.one_of(st.none(), st.integers(0, 6)),
    st.one_of(st.none(), st.sampled_from(["1", "2", "10", "2a", "WS1P3"])),
    st.sampled_from(["Audit 2", "audit 10", "Board", "b", ""]))


@given(st.lists(refs_st, max_size=40))
def test_reading_order_is_the_ref_sort_key_order(refs: list[NodeRef]) -> None:
    want = sorted(refs, key=ref_sort_key)
    got = [refs[i] for i in reading_order(refs)]
    assert [ref_sort_key(r) for r in got] == [ref_sort_key(r) for r in want]
    assert sorted(reading_order(refs)) == list(range(len(refs)))


def test_reading_order_breaks_same_line_ties_by_ref_then_name() -> None:
    def ref(i: str, line: int, r: str | None, name: str) -> NodeRef:
        return NodeRef(id=i, label="Action", name=name, ref=r, source=Source(source_file="p.txt", source_line=line))

    refs = [ref("x", 5, "10", "z"), ref("y", 5, "2", "z"), ref("w", 3, None, "b"), ref("v", 5, "2", "a")]
    assert [r.id for r in sort_refs(refs)] == ["w", "v", "y", "x"]


def _graph() -> GovGraph:
    gg = GovGraph()
    for n in (Action(id="a1", ref="1", text="Audit", source_file="p.txt", source_line=3),
              Action(id="a2", ref="2", text="Train", source_file="p.txt", source_line=4),
              Role(id="r", name="Head of LAC", source_file="p.txt", source_line=3),
              Board(id="b", name="Executive", source_file="p.txt", source_line=9)):
        gg.add_node(n)
    gg.add_edge(Edge(source="r", target="a1", type="LEADS", source_file="p.txt", source_line=3))
    gg.add_edge(Edge(source="b", target="a1", type="MONITORS", source_file="p.txt", source_line=3))
    gg.add_edge(Edge(source="a2", target="a1", type="DEPENDS_ON", source_file="p.txt", source_line=4))
    return gg


def test_adjacency_helpers_filter_by_relationship() -> None:
    gg = _graph()
    assert sorted(in_k(gg, "a1")) == [("a2", "DEPENDS_ON"), ("b", "MONITORS"), ("r", "LEADS")]
    assert sorted(in_k(gg, "a1", "LEADS", "MONITORS")) == [("b", "MONITORS"), ("r", "LEADS")]
    assert gg.sources("a1", "LEADS") == ["r"] and gg.targets("a2", "DEPENDS_ON") == ["a1"]
    assert out_k(gg, "a1") == [] and out_k(gg, "missing") == [] and gg.sources("missing", "LEADS") == []
    assert gg.has_in("a1", "MONITORS") and not gg.has_in("a2", "MONITORS") and not gg.has_in("x", "LEADS")
    assert gg.ids_by_label("Action", "Board", "Plan") == {"Action": ["a1", "a2"], "Board": ["b"], "Plan": []}


def test_node_ref_matches_a_validated_model() -> None:
    gg = _graph()
    built = node_ref(gg, "a1")
    checked = NodeRef.model_validate(built.model_dump())
    assert built.model_dump() == checked.model_dump()
    assert built.model_dump_json() == checked.model_dump_json()
    assert built.name == "Action 1: Audit"
    built.name = "changed"  # refs share their fields-set; assigning must not disturb another ref
    assert node_ref(gg, "a2").model_fields_set == set(NodeRef.model_fields)
