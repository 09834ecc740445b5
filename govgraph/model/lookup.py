"""Exact look-ups by printed ref and by whole name, built once per graph.

Name resolution (`govgraph.queries.resolve`) used to build a candidate list over every node before it
tried even the exact id: about 20 ms of a 21 ms one-node question at 150 authorities (59,190 nodes).
An index answers the exact stages (a ref, a whole name, title or alias) with one dict look-up; only a
fragment or an unknown name still scans. `GovGraph.lookup` builds it on first use and rebuilds it when
nodes are added.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

NAME_FIELDS = ("name", "title", "short_name")
"""The fields a person may type whole to name a node (besides its aliases)."""


def norm_ref(ref: str) -> str:
    """A printed ref as compared: `17.`, ` 17` and `17` are one ref; `WS1P1` and `ws1p1` too.

    >>> norm_ref(" WS1P1WP1. ")
    'ws1p1wp1'
    """
    return ref.strip().rstrip(".").casefold()


def ref_key(data: dict[str, Any]) -> str | None:
    """The node's ref as `norm_ref` compares it, or None when it has none."""
    ref = data.get("ref")
    return None if ref is None else norm_ref(str(ref))


def names_of(data: dict[str, Any]) -> list[str]:
    """Every whole name the node answers to: name, title, short name, then aliases."""
    out = [str(data[k]) for k in NAME_FIELDS if data.get(k)]
    out.extend(str(a) for a in data.get("aliases") or [])
    return out


class NodeLookup:
    """Node ids by normalised ref and by case-folded whole name, each list in graph order."""

    def __init__(self, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
        self.by_ref: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        for nid, data in nodes:
            ref = ref_key(data)
            if ref is not None:
                self.by_ref.setdefault(ref, []).append(nid)
            for key in dict.fromkeys(n.casefold() for n in names_of(data)):  # one entry per node per key
                self.by_name.setdefault(key, []).append(nid)

    def with_ref(self, ref: str) -> list[str]:
        """Ids of the nodes whose ref is `ref` (compared as `norm_ref`)."""
        return self.by_ref.get(norm_ref(ref), [])

    def named(self, name: str) -> list[str]:
        """Ids of the nodes with `name` as a whole name, title or alias, in any case."""
        return self.by_name.get(name.casefold(), [])
