"""The graph container: a thin typed wrapper over a networkx MultiDiGraph.

Edges are keyed by relationship type, so one pair of nodes has at most one edge of each type;
the first provenance wins and later sightings are kept in `also_from`.
"""
from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph import SCHEMA_VERSION
from govgraph.errors import GraphFileError, OutputError
from govgraph.model.edges import ALLOWED, Edge
from govgraph.model.lookup import NodeLookup
from govgraph.model.nodes import Node
from govgraph.model.validate import (
    MAX_GRAPH_ENV,
    InvalidRecord,
    NotARegularFile,
    TooLarge,
    check_edge,
    check_meta,
    check_node,
    read_graph_bytes,
)
from govgraph.outputs import write_file

FORMAT = "govgraph"


class SchemaViolation(ValueError):
    """A bug: code tried to add an edge the schema does not allow."""


class GovGraph:
    """Typed views over the MultiDiGraph: nodes by label, edges by type, neighbours by type."""

    def __init__(self, g: nx.MultiDiGraph | None = None) -> None:
        self.g: nx.MultiDiGraph = g if g is not None else nx.MultiDiGraph()
        self.g.graph.setdefault("documents", [])
        self.g.graph.setdefault("warnings", [])
        self._lookup: tuple[tuple[int, int], NodeLookup] | None = None
        self._version = 0
        """Bumped by `add_node` (which may add a name or alias to a node already there)."""

    # ---- building -------------------------------------------------------------------------
    def add_node(self, node: Node) -> str:
        self._version += 1
        attrs = node.attrs()
        if node.id in self.g:
            self._merge_node(node.id, attrs)
        else:
            attrs.setdefault("sources", [attrs["source_file"]])
            self.g.add_node(node.id, **attrs)
        return node.id

    def _merge_node(self, nid: str, attrs: dict[str, Any]) -> None:
        cur = self.g.nodes[nid]
        for alias in attrs.get("aliases", []):
            if alias not in cur.setdefault("aliases", []) and alias != cur.get("name"):
                cur["aliases"].append(alias)
        src = attrs.get("source_file")
        if src and src not in cur.setdefault("sources", []):
            cur["sources"].append(src)
        for key, value in attrs.items():
            cur.setdefault(key, value)

    def add_edge(self, edge: Edge) -> None:
        s, t = self.g.nodes.get(edge.source), self.g.nodes.get(edge.target)
        if s is None or t is None:
            raise SchemaViolation(f"edge {edge.type} between unknown nodes {edge.source} -> {edge.target}")
        if (s["label"], t["label"]) not in ALLOWED[edge.type]:
            raise SchemaViolation(f"{s['label']}-[:{edge.type}]->{t['label']} is not in the schema")
        if edge.source == edge.target:
            return
        if self.g.has_edge(edge.source, edge.target, key=edge.type):
            cur = self.g.edges[edge.source, edge.target, edge.type]
            seen = f"{edge.source_file}:{edge.source_line}"
            if seen != f"{cur.get('source_file')}:{cur.get('source_line')}":
                also = cur.setdefault("also_from", [])
                if seen not in also:
                    also.append(seen)
            return
        self.g.add_edge(edge.source, edge.target, key=edge.type, **edge.attrs())

    def warn(self, source_file: str, line: int | None, message: str, rule: str = "unused-text") -> None:
        self.g.graph["warnings"].append(
            {"source_file": source_file, "source_line": line, "rule": rule, "message": message})

    # ---- views ----------------------------------------------------------------------------
    def __contains__(self, nid: object) -> bool:
        return nid in self.g

    def __len__(self) -> int:
        return self.g.number_of_nodes()

    def node(self, nid: str) -> dict[str, Any]:
        """The node's attributes (KeyError if absent); the plain dict, skipping networkx's view layer."""
        return self.g._node[nid]

    @property
    def attrs(self) -> Mapping[str, dict[str, Any]]:
        """Every node's attributes by id: the plain dict networkx keeps (read it, do not change it).

        Programme-wide questions read a node's fields hundreds of thousands of times; this is the one place
        outside `model/` they get them from, with no view layer in between."""
        return self.g._node

    @property
    def successors(self) -> Mapping[str, Mapping[str, Mapping[str, dict[str, Any]]]]:
        """Out-adjacency: id -> target -> relationship type -> edge attributes (networkx's plain dicts)."""
        return self.g._succ

    @property
    def predecessors(self) -> Mapping[str, Mapping[str, Mapping[str, dict[str, Any]]]]:
        """In-adjacency: id -> source -> relationship type -> edge attributes."""
        return self.g._pred

    def edge_attrs(self, source: str, target: str, rel: str) -> dict[str, Any]:
        """The attributes of the `rel` edge from `source` to `target` (KeyError if there is none)."""
        return self.g._succ[source][target][rel]

    def has_in(self, nid: str, rel: str) -> bool:
        """Whether some `rel` edge comes into `nid`."""
        adj = self.g._pred.get(nid)
        return bool(adj) and any(rel in keys for keys in adj.values())

    def label(self, nid: str) -> str:
        """The node's label ("Action", "Board"...); KeyError if the node is absent."""
        return str(self.g._node[nid].get("label", ""))

    @property
    def metadata(self) -> dict[str, Any]:
        """The graph file's `graph` record: documents, warnings, and `as_of` when a loader set one."""
        return self.g.graph

    def out_keys(self, nid: str, *rels: str) -> list[tuple[str, str]]:
        """(target, relationship type) of out-edges, of the given types if any, in networkx's order.

        Read from networkx's own dicts: programme-wide questions make a few hundred thousand of these
        calls. Edge keys are relationship types, so one type is a membership test per neighbour."""
        return _adjacent(self.g._succ.get(nid), rels)

    def in_keys(self, nid: str, *rels: str) -> list[tuple[str, str]]:
        """(source, relationship type) of in-edges, as `out_keys`."""
        return _adjacent(self.g._pred.get(nid), rels)

    def targets(self, nid: str, rel: str) -> list[str]:
        """Nodes `nid` has a `rel` edge to, in networkx's order."""
        adj = self.g._succ.get(nid)
        return [n for n, keys in adj.items() if rel in keys] if adj else []

    def sources(self, nid: str, rel: str) -> list[str]:
        """Nodes with a `rel` edge into `nid`, in networkx's order."""
        adj = self.g._pred.get(nid)
        return [n for n, keys in adj.items() if rel in keys] if adj else []

    @property
    def lookup(self) -> NodeLookup:
        """Ids by ref and by whole name (`govgraph.model.lookup`), each built on first use, once per graph.

        Rebuilt when nodes were added since (through `add_node`, or straight into networkx, which the
        node count shows); code that edits a node's name in place must go through `add_node`."""
        stamp = (self._version, len(self.g._node))
        if self._lookup is None or self._lookup[0] != stamp:
            self._lookup = (stamp, NodeLookup(self.g._node))
        return self._lookup[1]

    def ids_by_label(self, *labels: str) -> dict[str, list[str]]:
        """The ids of each label, in graph order, from one pass over the nodes (a pass per label cost
        20 ms each on a 60,000-node programme)."""
        out: dict[str, list[str]] = {label: [] for label in labels}
        for nid, data in self.g._node.items():
            ids = out.get(data.get("label"))  # type: ignore[arg-type]
            if ids is not None:
                ids.append(nid)
        return out

    def nodes(self, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        for nid, data in self.g._node.items():  # the plain dict: networkx's view costs 3x per node
            if label is None or data.get("label") == label:
                yield nid, data

    def ids(self, label: str) -> list[str]:
        return sorted(nid for nid, _ in self.nodes(label))

    def edges(self, rel: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for s, t, k, data in self.g.edges(keys=True, data=True):
            if rel is None or k == rel:
                yield s, t, data

    def out(self, nid: str, *rels: str) -> list[tuple[str, dict[str, Any]]]:
        return [(t, d) for _, t, k, d in self.g.out_edges(nid, keys=True, data=True) if not rels or k in rels]

    def into(self, nid: str, *rels: str) -> list[tuple[str, dict[str, Any]]]:
        return [(s, d) for s, _, k, d in self.g.in_edges(nid, keys=True, data=True) if not rels or k in rels]

    @property
    def documents(self) -> list[dict[str, Any]]:
        return self.g.graph["documents"]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return self.g.graph["warnings"]

    # ---- files ----------------------------------------------------------------------------
    def to_data(self) -> dict[str, Any]:
        """Node-link data, sorted so the same graph always gives the same bytes."""
        nodes = [{"id": nid, **_sorted(data)} for nid, data in sorted(self.g.nodes(data=True))]
        edges = [{"source": s, "target": t, "key": k, **_sorted(d)}
                 for s, t, k, d in sorted(self.g.edges(keys=True, data=True), key=lambda e: e[:3])]
        graph = dict(self.g.graph)
        graph["warnings"] = sorted(graph["warnings"], key=lambda w: (
            w["source_file"], w.get("source_line") or 0, w["rule"], w["message"]))
        return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "directed": True,
                "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges}

    def to_json(self) -> str:
        """The graph file's text: one node or edge per line, so files diff well and parse fast."""
        data = self.to_data()
        dump = partial(json.dumps, ensure_ascii=False)
        head = ",\n".join(f"{dump(k)}: {dump(v)}" for k, v in data.items() if k not in ("nodes", "edges"))
        nodes = ",\n".join(map(dump, data["nodes"]))
        edges = ",\n".join(map(dump, data["edges"]))
        return f'{{{head},\n"nodes": [\n{nodes}\n],\n"edges": [\n{edges}\n]}}\n'

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write atomically: a temp file beside the target, flushed to disk, then renamed over it.

        A failure at any point leaves the previous file as it was. Raises GraphFileError when the
        file cannot be written (no such directory, no permission, disk full)."""
        try:
            write_file(path, self.to_json())
        except OutputError as exc:
            raise GraphFileError(f"cannot write the graph file ({exc.reason})", source_file=str(path),
                                 hint=exc.hint) from None

    @classmethod
    def from_data(cls, data: dict[str, Any], *, origin: str = "<data>") -> "GovGraph":
        """Rebuild a graph from node-link data; anything malformed raises GraphFileError."""
        if not isinstance(data, dict) or "nodes" not in data:
            raise GraphFileError("not a govgraph graph file (no 'nodes')", source_file=origin)
        if data.get("format", FORMAT) != FORMAT:
            raise GraphFileError(f"not a govgraph graph file (format {data.get('format')!r})", source_file=origin)
        version = data.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise GraphFileError("not a govgraph graph file (no schema_version)", source_file=origin)
        if version > SCHEMA_VERSION:
            raise GraphFileError(
                f"written by a newer govgraph (schema_version {version}, this one reads {SCHEMA_VERSION})",
                source_file=origin, hint="Upgrade govgraph, or re-load the plans with this version.")
        g = nx.MultiDiGraph()
        try:
            meta = data.get("graph", {})
            check_meta(meta)
            g.graph.update(meta)
            _fill(g, data["nodes"], data.get("edges", data.get("links", [])))
        except InvalidRecord as exc:
            raise GraphFileError(str(exc), source_file=origin) from None
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise GraphFileError(f"malformed record ({exc})", source_file=origin) from None
        return cls(g)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "GovGraph":
        """Read and check a graph file: a regular file within the size limit (GOVGRAPH_MAX_GRAPH_MB), valid
        JSON, every record fitting the model; anything else is one GraphFileError naming the file."""
        p = Path(path)
        if not p.exists():
            raise GraphFileError("graph file not found", source_file=str(p),
                                 hint="Run `govgraph load PLAN...` first, or pass --graph FILE.")
        if p.is_dir():
            raise GraphFileError("is a directory, not a graph file", source_file=str(p))
        try:
            raw = read_graph_bytes(p)
        except TooLarge as exc:
            raise GraphFileError(str(exc), source_file=str(p),
                                 hint=f"Set {MAX_GRAPH_ENV} (MiB) or pass `govgraph --max-size graphs=SIZE "
                                      "COMMAND ...` to read it.") from None
        except NotARegularFile as exc:
            raise GraphFileError(str(exc), source_file=str(p), hint="Pass the graph file written by `govgraph "
                                 "load`; devices, pipes and sockets are not read.") from None
        except OSError as exc:
            raise GraphFileError(f"cannot read the graph file ({exc.strerror or exc})", source_file=str(p)) from None
        try:
            with _gc_paused():
                data = json.loads(raw.decode("utf-8"))
                return cls.from_data(data, origin=str(p))
        except GraphFileError:
            raise
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
            what = "nested too deeply" if isinstance(exc, RecursionError) else \
                "a number has too many digits" if "integer string conversion" in str(exc) else str(exc)
            raise GraphFileError(f"not valid JSON ({what}); the file may be truncated or corrupt",
                                 source_file=str(p)) from None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building a big graph makes millions of dicts and no cycles; the cyclic GC would only slow it down."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _fill(g: nx.MultiDiGraph, nodes: Iterable[Any], edges: Iterable[Any]) -> None:
    """Add node and edge records; writes networkx's adjacency dicts directly when they are as expected
    (twice as fast as `add_edges_from` on a programme-sized graph; `fill_public` is the reference)."""
    if not all(isinstance(getattr(g, a, None), dict) for a in ("_node", "_succ", "_pred")) or len(g):
        fill_public(g, nodes, edges)
        return
    node, succ, pred = g._node, g._succ, g._pred
    labels: dict[str, str] = {}
    for nid, attrs in _node_records(nodes, labels):
        node[nid], succ[nid], pred[nid] = attrs, {}, {}
    for s, t, key, attrs in _edge_records(edges, labels):
        keys = succ[s].get(t)
        if keys is None:
            keys = succ[s][t] = {}
            pred[t][s] = keys
        if key in keys:
            raise InvalidRecord(f"edge {s!r} -[{key}]-> {t!r} appears twice")
        keys[key] = attrs


def fill_public(g: nx.MultiDiGraph, nodes: Iterable[Any], edges: Iterable[Any]) -> None:
    """The reference for `_fill`, through networkx's public API (same checks, same result)."""
    labels: dict[str, str] = {}
    g.add_nodes_from(_node_records(nodes, labels))
    for s, t, key, attrs in _edge_records(edges, labels):
        if g.has_edge(s, t, key):
            raise InvalidRecord(f"edge {s!r} -[{key}]-> {t!r} appears twice")
        g.add_edge(s, t, key, **attrs)


def _node_records(nodes: Iterable[Any], labels: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each node record checked against its label's model; `labels` collects id -> label for the edges."""
    for n in nodes:
        attrs = dict(n)
        nid = attrs.pop("id", None)
        check_node(nid, attrs)
        if nid in labels:
            raise InvalidRecord(f"node {nid!r} appears twice (as {labels[nid]} and as {attrs['label']})")
        labels[nid] = attrs["label"]
        yield nid, attrs


def _edge_records(edges: Iterable[Any], labels: dict[str, str]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Each edge record checked: a known type joining nodes of the labels `ALLOWED` gives it."""
    for e in edges:
        attrs = dict(e)
        s, t = attrs.pop("source", None), attrs.pop("target", None)
        key = attrs.pop("key", attrs.get("type"))
        check_edge(s, t, key, attrs, labels)
        yield s, t, key, attrs


def _sorted(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in sorted(d)}


def merge_graphs(graphs: Iterable[GovGraph]) -> GovGraph:
    """One graph holding every graph's nodes, edges, documents and warnings (edges keep their type as key:
    networkx's `update` would renumber them 0, 1...)."""
    out = GovGraph()
    for gg in graphs:
        out.g.add_nodes_from(gg.g.nodes(data=True))
        out.g.add_edges_from(gg.g.edges(keys=True, data=True))
        out.documents.extend(gg.documents)
        out.warnings.extend(gg.warnings)
    return out


def _adjacent(adj: dict[str, dict[str, Any]] | None, rels: tuple[str, ...]) -> list[tuple[str, str]]:
    if not adj:
        return []
    if len(rels) == 1:
        rel = rels[0]
        return [(n, rel) for n, keys in adj.items() if rel in keys]
    if not rels:
        return [(n, k) for n, keys in adj.items() for k in keys]
    return [(n, k) for n, keys in adj.items() for k in keys if k in rels]
