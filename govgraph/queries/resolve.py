"""Forgiving name resolution: people type what they read in the plan, not our ids.

Tried in order, the first stage with any match wins: the exact id; `PREFIX/REF` (a document prefix
such as `001` and a printed ref such as `42`); a plain ref; a whole name, title or alias; a
case-insensitive fragment of a name, alias, title or text. Several matches in the winning stage raise
`AmbiguousNode` listing them; none at all raises `UnknownNode` with the nearest names (difflib).
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

from govgraph.errors import AmbiguousNode, UnknownNode
from govgraph.model.graph import GovGraph
from govgraph.queries.base import display_name

_NAMES = ("name", "title", "short_name")


def resolve(gg: GovGraph, query: str, labels: Iterable[str] | None = None) -> str:
    """The id of the one node `query` names, optionally among `labels` only.

    >>> from govgraph.queries._example import demo_graph
    >>> g = demo_graph()
    >>> resolve(g, "demo/2"), resolve(g, "quality assurance")
    ('demo/action/2', 'demo/board/qa-sub-group')
    """
    q = query.strip()
    allowed = set(labels) if labels else None
    cands = [(nid, d) for nid, d in gg.nodes() if allowed is None or d.get("label") in allowed]
    if q in gg and (allowed is None or gg.node(q).get("label") in allowed):
        return q
    qf = q.casefold()
    stages: list[Callable[[str, dict[str, Any]], bool]] = []
    if "/" in q:
        prefix, _, ref = q.rpartition("/")
        stages.append(lambda nid, d: _ref(d) == _norm_ref(ref) and _in_document(nid, d, prefix))
    stages.append(lambda nid, d: _ref(d) == _norm_ref(q))
    stages.append(lambda nid, d: any(n.casefold() == qf for n in _names(d)))
    stages.append(lambda nid, d: any(qf in t.casefold() for t in _texts(d)) or qf in nid.casefold())
    for match in stages:
        hits = sorted(nid for nid, d in cands if match(nid, d))
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise AmbiguousNode(q, [f"{nid}  ({gg.node(nid).get('label')}: {display_name(nid, gg.node(nid), 50)})"
                                    for nid in hits])
    raise _unknown(q, cands, allowed)


def _norm_ref(ref: str) -> str:
    return ref.strip().rstrip(".").casefold()


def _ref(d: dict[str, Any]) -> str | None:
    ref = d.get("ref")
    return None if ref is None else _norm_ref(str(ref))


def _in_document(nid: str, d: dict[str, Any], prefix: str) -> bool:
    files = [str(d.get("source_file") or "")]
    return any(f.startswith(prefix) for f in files) or nid.startswith(prefix + "/")


def _names(d: dict[str, Any]) -> list[str]:
    out = [str(d[k]) for k in _NAMES if d.get(k)]
    out.extend(str(a) for a in d.get("aliases") or [])
    return out


def _texts(d: dict[str, Any]) -> list[str]:
    return _names(d) + ([str(d["text"])] if d.get("text") else [])


def _unknown(q: str, cands: list[tuple[str, dict[str, Any]]], allowed: set[str] | None) -> UnknownNode:
    pool: dict[str, tuple[str, str]] = {}
    for nid, d in cands:
        for n in _names(d):
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
