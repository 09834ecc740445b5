"""Exact look-ups by printed ref and by whole name, built once per graph.

Name resolution (`govgraph.queries.resolve`) used to build a candidate list over every node before it
tried even the exact id: about 20 ms of a 21 ms one-node question at 150 authorities (59,190 nodes).
Now the id is a membership test, and the exact stages (a ref, a whole name, title or alias) are dict
look-ups once the maps are built (after the first few asks: see `NodeLookup`); only a fragment or an
unknown name still scans every node. `GovGraph.lookup` holds one per graph and starts a new one when
nodes are added.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
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


SCANS = 3
"""Refs (or names) answered by a scan before the map is built: a map costs 3 to 5 scans."""


class NodeLookup:
    """Node ids by normalised ref and by case-folded whole name, each list in graph order.

    The first `SCANS` refs (or names) asked are found by a pass comparing each record with the query
    (of the asked labels only); the next builds the map. A command asks one name or two: at 59,000 nodes
    a map costs 3 to 5 such passes (a fresh key and list per node), so building it at once made a one-shot
    `govgraph query ... NAME` slower than the scan it replaced. Scanning until the scans have cost about
    what the map costs, then building it, never spends more than twice the better of the two (the rent or
    buy rule). A library caller, a board pack or a server asks many: from then on each is a dict look-up.
    A question asked by id needs neither (`resolve` tests the id first)."""

    def __init__(self, nodes: Mapping[str, dict[str, Any]]) -> None:
        self._nodes = nodes
        self._by_ref: dict[str, list[str]] | None = None
        self._by_name: dict[str, list[str]] | None = None
        self._of_labels: dict[frozenset[str], list[tuple[str, dict[str, Any]]]] = {}
        self._scans: dict[str, int] = {"ref": 0, "name": 0}
        """Asks answered by a scan so far, per map."""

    @property
    def by_ref(self) -> dict[str, list[str]]:
        if self._by_ref is None:
            out: dict[str, list[str]] = {}
            for nid, data in self._nodes.items():
                ref = data.get("ref")
                if ref is not None:
                    key = str(ref).strip().rstrip(".").casefold()  # norm_ref, inlined: one call per node
                    ids = out.get(key)
                    if ids is None:
                        out[key] = [nid]
                    else:
                        ids.append(nid)
            self._by_ref = out
        return self._by_ref

    @property
    def by_name(self) -> dict[str, list[str]]:
        if self._by_name is None:
            out: dict[str, list[str]] = {}
            get = out.get
            for nid, data in self._nodes.items():
                if "aliases" in data or "title" in data or "short_name" in data:
                    for key in dict.fromkeys(n.casefold() for n in names_of(data)):  # once per node
                        _add(out, key, nid)
                    continue
                name = data.get("name")  # most nodes: one name and nothing else, so one key, inlined
                if name:
                    key = str(name).casefold()
                    ids = get(key)
                    if ids is None:
                        out[key] = [nid]
                    else:
                        ids.append(nid)
            self._by_name = out
        return self._by_name

    def with_ref(self, ref: str, labels: Collection[str] | None = None) -> list[str]:
        """Ids of the nodes whose ref is `ref` (compared as `norm_ref`), in graph order; `labels`, when
        given, may narrow the answer to nodes of those labels (the caller still checks the label)."""
        key = norm_ref(ref)
        if self._by_ref is None and self._first("ref"):
            return [nid for nid, data in self._records(labels)  # norm_ref inlined: no call per node
                    if (r := data.get("ref")) is not None and str(r).strip().rstrip(".").casefold() == key]
        return self.by_ref.get(key, [])

    def named(self, name: str, labels: Collection[str] | None = None) -> list[str]:
        """Ids of the nodes with `name` as a whole name, title or alias, in any case, in graph order;
        `labels` as for `with_ref`."""
        key = name.casefold()
        if self._by_name is None and self._first("name"):
            return [nid for nid, data in self._records(labels) if any(n.casefold() == key for n in names_of(data))]
        return self.by_name.get(key, [])

    def _records(self, labels: Collection[str] | None) -> Iterable[tuple[str, dict[str, Any]]]:
        """The node records a scan reads: those of `labels` only, when given (`Board` is 1 node in 20),
        picked in one pass and kept for the next scan of the same labels (the name stage follows the ref
        stage of the same question)."""
        if not labels:
            return self._nodes.items()
        key = frozenset(labels)
        picked = self._of_labels.get(key)
        if picked is None:
            picked = self._of_labels[key] = [(nid, d) for nid, d in self._nodes.items() if d.get("label") in key]
        return picked

    def _first(self, which: str) -> bool:
        """True while `which` is still answered by a scan (the first `SCANS` asks), False once the map pays."""
        self._scans[which] += 1
        return self._scans[which] <= SCANS


def _add(index: dict[str, list[str]], key: str, nid: str) -> None:
    ids = index.get(key)
    if ids is None:
        index[key] = [nid]
    else:
        ids.append(nid)
