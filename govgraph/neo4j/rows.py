"""The graph as Neo4j rows: camelCase properties, storable values, document tags, schema-checked.

Shared by the live push and the offline exports, so every route into Neo4j writes the same
properties. Labels and relationship types come only from the model's schema (`LABELS`, `ALLOWED`):
anything else is refused here, before any text reaches a Cypher statement.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govgraph.errors import GraphFileError
from govgraph.model.ids import doc_key

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

DOCS_PROP = "govgraphDocs"
"""Which documents (keys, as in node ids) wrote a node or relationship: `--replace` works from it."""

RAG_LABELS: dict[str, str] = {"RED": "Red", "AMBER": "Amber", "GREEN": "Green", "BLUE": "Blue",
                              "GREY": "Grey", "UNKNOWN": "Unrated"}
"""Secondary labels on Action nodes: Browser styles colour labels, never property values."""

_SKIP_NODE = frozenset({"id"})
_SKIP_EDGE = frozenset({"type", "key", "source", "target"})
_SAFE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@lru_cache(maxsize=4096)
def camel(name: str) -> str:
    """`source_file` -> `sourceFile`; names already camelCase stay as they are (cached: called per property).

    >>> camel("source_file"), camel("rag_raw"), camel("id")
    ('sourceFile', 'ragRaw', 'id')
    """
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def snake(name: str) -> str:
    """The inverse of `camel` for the model's own names: `sourceFile` -> `source_file`."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def quote_name(name: str) -> str:
    """A label, type or property name as Cypher text: backticks, with any backtick doubled."""
    return "`" + name.replace("`", "``") + "`"


def is_safe_name(name: str) -> bool:
    return bool(_SAFE_NAME.match(name))


def storable(value: Any) -> Any:
    """A value Neo4j can store as a property, or None to leave it out.

    Scalars and lists of one scalar type are kept; maps and mixed or nested lists become JSON text
    (Neo4j properties cannot hold maps).

    >>> storable({"RED": "late"}), storable([1, 2]), storable([]), storable(["a", 1])
    ('{"RED": "late"}', [1, 2], None, '["a", 1]')
    """
    if value is None:
        return None
    if isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, dict)) and not value:
        return None
    if isinstance(value, (list, tuple)):
        kinds = {type(v) for v in value}
        if len(kinds) == 1 and kinds <= {str, bool, int, float}:
            return list(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


_SCALARS = frozenset({str, bool, int, float})


class _HoldsNul(ValueError):
    """A property value holds NUL; `graph_rows` names the node or relationship."""


def properties(data: dict[str, Any], skip: frozenset[str]) -> dict[str, Any]:
    """Storable properties by camelCase name. A string with NUL is refused (`_HoldsNul`): FalkorDB pastes
    parameters into C strings and would cut the text there, so push and exports refuse it alike."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in skip:
            continue
        v = value if type(value) in _SCALARS else storable(value)  # most values are scalars already
        if v is not None:
            if (type(v) is str and "\x00" in v) or (type(v) is list and any(type(x) is str and "\x00" in x
                                                                          for x in v)):
                raise _HoldsNul(key)
            out[camel(key)] = v
    return out


def _nul_error(what: str, key: str) -> GraphFileError:
    return GraphFileError(f"{what}: property {key!r} holds a NUL character (\\0), which a Bolt server that "
                          "pastes parameters (FalkorDB) would cut the text at; nothing was written",
                          hint="Remove the NUL from the source document (or the graph file) and load it again.")


@dataclass
class NodeRow:
    id: str
    label: str
    props: dict[str, Any]
    docs: list[str]

    @property
    def rag_label(self) -> str | None:
        if self.label != "Action":
            return None
        return RAG_LABELS.get(str(self.props.get("rag") or "UNKNOWN"), RAG_LABELS["UNKNOWN"])


@dataclass
class RelRow:
    source: str
    target: str
    type: str
    source_label: str
    target_label: str
    props: dict[str, Any]
    docs: list[str]


@dataclass
class Rows:
    nodes: list[NodeRow] = field(default_factory=list)
    rels: list[RelRow] = field(default_factory=list)

    @property
    def documents(self) -> list[str]:
        """Every document key the graph's nodes and relationships cite."""
        return sorted({d for r in self.nodes for d in r.docs} | {d for r in self.rels for d in r.docs})


_doc_key = lru_cache(maxsize=8192)(doc_key)  # a programme has hundreds of files and 100,000 rows


def node_docs(data: dict[str, Any]) -> list[str]:
    files = data.get("sources") or [data.get("source_file") or ""]
    return sorted({_doc_key(str(f)) for f in files if f})


def rel_docs(data: dict[str, Any]) -> list[str]:
    also = data.get("also_from")
    if not also:
        file = data.get("source_file")
        return [_doc_key(str(file))] if file else []
    files = [str(data.get("source_file") or "")] + [str(a).rsplit(":", 1)[0] for a in also]
    return sorted({_doc_key(f) for f in files if f})


def graph_rows(gg: "GovGraph") -> Rows:
    """Every node and relationship as a row, in id order; refuses labels and types outside the schema."""
    from govgraph.model.edges import ALLOWED  # here, not at the top: a question asked on a server reads
    from govgraph.model.nodes import LABELS  # `snake` from this module and needs no node model

    rows = Rows()
    labels: dict[str, str] = {}
    nodes, succ = gg.attrs, gg.successors  # the plain dicts: networkx's views cost more than the rows
    for nid in sorted(nodes):
        data = nodes[nid]
        label = str(data.get("label", ""))
        if label not in LABELS:
            raise GraphFileError(f"node {nid!r} has label {label!r}, which is not in the model",
                                 hint="Only the model's labels are written to Neo4j; re-load the plans.")
        labels[nid] = label
        try:
            props = properties(data, _SKIP_NODE)
        except _HoldsNul as exc:
            raise _nul_error(f"node {nid!r}", str(exc)) from None
        if "\x00" in str(nid):
            raise _nul_error(f"node {str(nid)!r}", "id")
        rows.nodes.append(NodeRow(id=str(nid), label=label, props=props, docs=node_docs(data)))
    for s, t, k in sorted((s, t, k) for s, nbrs in succ.items() for t, keyed in nbrs.items() for k in keyed):
        data = succ[s][t][k]
        rel = str(data.get("type") or k)
        pair = (labels[s], labels[t])
        if rel not in ALLOWED or pair not in ALLOWED[rel]:
            raise GraphFileError(f"relationship {s!r} -[{rel}]-> {t!r} ({pair[0]} to {pair[1]}) is not in the model",
                                 hint="Only the model's relationship types are written to Neo4j.")
        try:
            props = properties(data, _SKIP_EDGE)
        except _HoldsNul as exc:
            raise _nul_error(f"relationship {s!r} -[{rel}]-> {t!r}", str(exc)) from None
        rows.rels.append(RelRow(source=str(s), target=str(t), type=rel, source_label=pair[0],
                                target_label=pair[1], props=props, docs=rel_docs(data)))
    return rows


def by_shape(items: Iterable[Any], key: Any) -> dict[Any, list[Any]]:
    """Group rows by the query shape they need, keeping their order."""
    out: dict[Any, list[Any]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out
