"""Forgiving name resolution: people type what they read in the plan, not our ids.

Tried in order, the first stage with any match wins: the exact id; `PREFIX/REF` (a document prefix
such as `001` and a printed ref such as `42`); a plain ref; a whole name, title or alias; a
case-insensitive fragment of a name, alias, title or text. Several matches in the winning stage raise
`AmbiguousNode` listing them; none at all raises `UnknownNode` with the nearest names (difflib).

The exact stages are look-ups (the id in the graph, refs and names in `GovGraph.lookup`, built once per
graph), so a one-node question does not pay for a pass over every node; only a fragment or an unknown
name scans.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

from govgraph.errors import AmbiguousNode, UnknownNode
from govgraph.model.graph import GovGraph
from govgraph.model.lookup import names_of
from govgraph.queries.base import display_name


def resolve(gg: GovGraph, query: str, labels: Iterable[str] | None = None) -> str:
    """The id of the one node `query` names, optionally among `labels` only.

    >>> from govgraph.queries._example import demo_graph
    >>> g = demo_graph()
    >>> resolve(g, "demo/2"), resolve(g, "quality assurance")
    ('demo/action/2', 'demo/board/qa-sub-group')
    """
    q = query.strip()
    allowed = set(labels) if labels else None

    def fits(nid: str) -> bool:
        return allowed is None or gg.node(nid).get("label") in allowed

    if q in gg and fits(q):
        return q
    index = gg.lookup
    prefix, slash, ref = q.rpartition("/")
    exact: list[Callable[[], list[str]]] = [  # called in turn: a map is built only when a stage needs it
        lambda: [n for n in index.with_ref(ref, allowed) if _in_document(n, gg.node(n), prefix)] if slash else [],
        lambda: index.with_ref(q, allowed),
        lambda: index.named(q, allowed),
    ]
    for stage in exact:
        found = _pick([nid for nid in stage() if fits(nid)], q, gg)
        if found:
            return found
    qf = q.casefold()  # no exact match: scan for a fragment
    cands = [(nid, d) for nid, d in gg.nodes() if allowed is None or d.get("label") in allowed]
    found = _pick([nid for nid, d in cands if any(qf in t.casefold() for t in _texts(d)) or qf in nid.casefold()],
                  q, gg)
    if found:
        return found
    raise _unknown(q, cands, allowed)


def _pick(hits: list[str], q: str, gg: GovGraph) -> str | None:
    """The one node a stage matched, None when it matched none; several raise `AmbiguousNode`."""
    if len(hits) == 1:
        return hits[0]
    if hits:
        hits = sorted(hits)
        raise AmbiguousNode(q, [f"{nid}  ({gg.node(nid).get('label')}: {display_name(nid, gg.node(nid), 50)})"
                                for nid in hits])
    return None


def _in_document(nid: str, d: dict[str, Any], prefix: str) -> bool:
    return str(d.get("source_file") or "").startswith(prefix) or nid.startswith(prefix + "/")


def _texts(d: dict[str, Any]) -> list[str]:
    return names_of(d) + ([str(d["text"])] if d.get("text") else [])


def _unknown(q: str, cands: list[tuple[str, dict[str, Any]]], allowed: set[str] | None) -> UnknownNode:
    pool: dict[str, tuple[str, str]] = {}
    for nid, d in cands:
        for n in names_of(d):
            pool.setdefault(n.casefold(), (n, nid))
        pool.setdefault(nid.casefold(), (nid, nid))
    near: list[str] = []
    for key in difflib.get_close_matches(q.casefold(), list(pool), n=9, cutoff=0.5):
        if pool[key][1] not in {pool[k][1] for k in near} and len(near) < 3:
            near.append(key)
    kinds = f" among {', '.join(sorted(allowed))}" if allowed else ""
    msg = f"no node matches '{q}'{kinds}"
    if near:
        shown = [f"'{name}'" + ("" if name == nid else f" ({nid})") for name, nid in (pool[n] for n in near)]
        msg += "; did you mean " + ", ".join(shown) + "?"
    return UnknownNode(msg)
