"""Nodes from the server by id, by name (`resolve`, as the embedded commands resolve them) and a walk's
frontier at a time, in round trips bounded in bytes. The twins (`twins.py`) build their answers on these.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govgraph.neo4j.remote import Remote, attrs

NODE_BY_ID = "MATCH (n {id: $id}) RETURN n AS node"
NODES_BY_ID = "UNWIND $frontier AS fid MATCH (n {id: fid}) RETURN n AS node"
NAMES = """MATCH (n)
WHERE $labels IS NULL OR n.label IN $labels
RETURN n.id AS id, n.label AS label, n.name AS name, n.title AS title, n.shortName AS shortName,
       n.aliases AS aliases, n.ref AS ref, n.text AS text, n.sourceFile AS sourceFile"""


def resolve_remote(remote: Remote, query: str, labels: list[str] | None = None) -> str:
    """The id `query` names on the server, by the embedded resolver's rules (exact id first)."""
    hit = _exact(remote, query, labels)
    return str(hit["id"]) if hit is not None else _by_name(remote, query, labels)


def resolve_node(remote: Remote, query: str, labels: list[str] | None = None) -> dict[str, Any]:
    """The properties of the node `query` names: for an exact id, in the one round trip that found it."""
    hit = _exact(remote, query, labels)
    return hit if hit is not None else node(remote, _by_name(remote, query, labels))


def _exact(remote: Remote, query: str, labels: list[str] | None) -> dict[str, Any] | None:
    hit = remote.read(NODE_BY_ID, id=query.strip())
    if hit and (labels is None or hit[0]["node"].get("label") in labels):
        return dict(hit[0]["node"])
    return None


def _by_name(remote: Remote, query: str, labels: list[str] | None) -> str:
    """Past the exact id: the graph library is imported only here, so a command given ids starts without it."""
    from govgraph.model.graph import GovGraph
    from govgraph.queries.resolve import resolve

    gg = GovGraph()
    for row in remote.read(NAMES, labels=labels):
        gg.g.add_node(row["id"], **{k: v for k, v in attrs(row).items() if k != "id" and v is not None})
    return resolve(gg, query, labels)


def node(remote: Remote, nid: str) -> dict[str, Any]:
    return remote.read(NODE_BY_ID, id=nid)[0]["node"]


def nodes(remote: Remote, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Several nodes' properties by id, in one round trip per `FRONTIER_BYTES` of ids."""
    return {str(r["node"]["id"]): r["node"] for r in frontier(remote, NODES_BY_ID, ids)}


FRONTIER_BYTES = 2000
"""Ids per round trip are bounded in bytes: FalkorDB crashes on parameters over about 4 KB."""


def frontier(remote: Remote, statement: str, ids: list[str]) -> Iterator[dict[str, Any]]:
    """Run a frontier statement (`$frontier`) over `ids` in chunks small enough for any server."""
    chunk: list[str] = []
    size = 0
    for nid in ids:
        if chunk and size + len(nid.encode()) + 4 > FRONTIER_BYTES:
            yield from remote.read(statement, frontier=chunk)
            chunk, size = [], 0
        chunk.append(nid)
        size += len(nid.encode()) + 4
    if chunk:
        yield from remote.read(statement, frontier=chunk)
