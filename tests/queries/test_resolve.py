"""Forgiving name resolution (issue 3): ids, PREFIX/REF, refs, names, aliases, fragments."""
from __future__ import annotations

import pytest
from graphs import QG, delivery_graph, governance_graph

from govgraph.errors import AmbiguousNode, UnknownNode
from govgraph.queries.resolve import resolve


def two_documents():  # type: ignore[no-untyped-def]
    """Action 4 in two documents, as 001 and 003 both have an action 4."""
    q = QG(doc="001_abc.txt")
    q.act("4", key="001_abc")
    q2 = QG(doc="003_def.txt")
    q2.gg = q.gg
    q2.act("4", key="003_def")
    return q.gg


def two_parts():  # type: ignore[no-untyped-def]
    """One document, two plans (001 part 1 and part 2) whose id prefixes share a beginning."""
    q = QG(doc="d.txt")
    q.act("4", key="d/plan")
    q.act("4", key="d/plan2")
    return q.gg


@pytest.mark.parametrize("graph, query, labels, expected", [
    (delivery_graph, "p/act/1", None, "p/act/1"),                   # the exact id
    (delivery_graph, "p/17", None, "p/rec/17"),                     # document prefix / printed ref
    (delivery_graph, "17", None, "p/rec/17"),                       # a plain ref
    (delivery_graph, "17.", None, "p/rec/17"),                      # ...written with its trailing dot
    (delivery_graph, "ws1p1wp1", None, "wp/ws1p1wp1"),              # refs are case-insensitive
    (delivery_graph, "head of lac", None, "role/head-of-lac"),      # a whole name, any case
    (governance_graph, "director of children's services", None, "role/dcs"),  # an alias
    (delivery_graph, "fieldwork", None, "role/head-of-fieldwork"),  # a fragment of a name
    (delivery_graph, "Exec", None, "board/exec"),                   # whole name beats fragment (Chair of Exec)
    (delivery_graph, "Exec", ["Role"], "role/chair-of-exec"),       # labels narrow the search
    (two_documents, "001/4", None, "001_abc/act/4"),                # the prefix picks the document
    (two_documents, "003_def/4", None, "003_def/act/4"),
    (two_parts, "d/plan/4", None, "d/plan/act/4"),                  # an id prefix ends at a '/'
    (two_parts, "d/plan2/4", None, "d/plan2/act/4"),
])
def test_resolves(graph, query, labels, expected):  # type: ignore[no-untyped-def]
    assert resolve(graph(), query, labels) == expected


def test_ambiguous_name_lists_candidates() -> None:
    with pytest.raises(AmbiguousNode) as exc:
        resolve(delivery_graph(), "head")
    assert exc.value.candidates == ["role/head-of-fieldwork  (Role: Head of Fieldwork)",
                                    "role/head-of-lac  (Role: Head of LAC)"]
    assert str(exc.value).startswith("'head' matches 2 nodes:")


def test_ambiguous_ref_across_documents() -> None:
    with pytest.raises(AmbiguousNode) as exc:
        resolve(two_documents(), "4")
    assert [c.split()[0] for c in exc.value.candidates] == ["001_abc/act/4", "003_def/act/4"]


def test_unknown_name_suggests_nearest() -> None:
    with pytest.raises(UnknownNode) as exc:
        resolve(delivery_graph(), "Hed of LAC")
    # nearest first, at most three, one per node
    assert str(exc.value) == ("no node matches 'Hed of LAC'; did you mean 'Head of LAC' (role/head-of-lac), "
                              "'Head of Fieldwork' (role/head-of-fieldwork), 'Chair of Exec' (role/chair-of-exec)?")


def test_unknown_among_labels_says_which() -> None:
    with pytest.raises(UnknownNode, match=r"no node matches 'p/act/1' among Board, Role"):
        resolve(delivery_graph(), "p/act/1", ["Board", "Role"])


# ---- exact names are look-ups, not scans (issue 15, point 5) -------------------------------------------
class _Passes(dict):  # type: ignore[type-arg]
    """networkx's node dict, counting every pass over it (items, keys, values, iteration)."""

    passes = 0

    def _count(self) -> None:
        type(self).passes += 1

    def items(self):  # type: ignore[no-untyped-def,override]
        self._count()
        return super().items()

    def keys(self):  # type: ignore[no-untyped-def,override]
        self._count()
        return super().keys()

    def values(self):  # type: ignore[no-untyped-def,override]
        self._count()
        return super().values()

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._count()
        return super().__iter__()


def _counted_resolves(monkeypatch: pytest.MonkeyPatch, copies: int) -> tuple[int, int]:
    """(GovGraph scans, passes over the node dict) while resolving an id, a document ref and a whole name,
    once the graph's maps are built (once per graph: the first few refs or names asked are scans)."""
    from graphs import copies_graph
    from scaling import count_calls

    from govgraph.model.graph import GovGraph

    gg = copies_graph(copies)
    gg.g._node = _Passes(gg.g._node)  # before the look-up exists, so it reads the counting dict too
    gg.lookup.by_ref, gg.lookup.by_name  # noqa: B018  (built here, outside the count: built once per graph)
    act = sorted(gg.ids("Action"))[-1]
    board = next(nid for nid, d in gg.nodes("Board"))
    calls = count_calls(monkeypatch, GovGraph, ["nodes", "ids_by_label", "edges"])
    _Passes.passes = 0
    assert resolve(gg, act) == act
    assert resolve(gg, act, ["Action"]) == act
    assert resolve(gg, f"{act.rsplit('/act/', 1)[0]}/{gg.node(act)['ref']}") == act
    assert resolve(gg, gg.node(board)["name"].upper(), ["Board"]) == board
    return sum(calls.values()), _Passes.passes


def test_exact_names_do_not_grow_with_the_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    """An id, a ref or a whole name reads no node records, at any size: a dict look-up, not a pass."""
    assert _counted_resolves(monkeypatch, 2) == (0, 0)
    assert _counted_resolves(monkeypatch, 8) == (0, 0)


def test_lookup_sees_nodes_added_after_it_was_built() -> None:
    q = QG()
    q.board("Quality Panel")
    assert resolve(q.gg, "quality panel") == "board/quality-panel"
    q.board("Quality Panel", aliases=["QP"])   # a new alias for the same node, through add_node
    q.act("99")                                  # and a new node
    assert resolve(q.gg, "qp") == "board/quality-panel"
    assert resolve(q.gg, "99") == "p/act/99"


def test_first_names_are_scans_then_the_map_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scan for the first few refs or names (a one-shot command asks one or two), a map after."""
    from govgraph.model.lookup import SCANS, NodeLookup

    gg = delivery_graph()
    built: list[str] = []
    for name in ("by_ref", "by_name"):
        original = getattr(NodeLookup, name).fget
        monkeypatch.setattr(NodeLookup, name, property(lambda self, f=original, n=name: built.append(n) or f(self)))
    for _ in range(SCANS):
        assert resolve(gg, "head of lac") == "role/head-of-lac"
    assert built == []
    assert resolve(gg, "head of fieldwork") == "role/head-of-fieldwork"
    assert resolve(gg, "17") == "p/rec/17"
    assert built == ["by_ref", "by_name", "by_ref"]
