"""Plan a push: rows grouped into statements under a byte limit, statements into transactions.

Why bytes, and why counted this way: FalkorDB's Bolt layer pastes the parameters into the query text
as Cypher literals (`CYPHER rows=[...] docs=[...] UNWIND ...`) in a 4,096-byte buffer, and crashes
when the result is longer. So the size of a statement is the size of that text, computed exactly
(`query_size`: the statement, plus every parameter as `key=literal `, strings quoted and escaped as
`probe.escape` sends them, list and map items joined by ", ").

Why the rows look as they do: the per-statement cost dominates (about a millisecond on FalkorDB
whatever the statement holds), so the more rows per statement the faster the push, and rows are made
small. Rows of one label (or relationship type) are grouped by their document tags only. In a group,
the tags travel once (`$docs`); properties with the same value in every row travel once (`$common`,
applied with `SET n += $common`); the prefix all the ids share (`<document>/plan/action/`) travels
once (`$key0 + row[0]`); a property equal to another in every row (an Action's `name`, its `text`)
travels once; each row is a list `[id, value, value...]` whose columns the statement names (`n.`ref`
= row[1]`), ending with a map of the properties only some rows have (`SET n += row[k]`, so a missing
property is left alone, never set to null). The graph written is the same as with one map per row.

Why by tags only, and why the tails: on real loader output (long action texts, progress notes,
quotes) a statement holds about ten rows, and grouping by property-name set as well cut groups into
statements of 1-3 rows. A shape written by many documents still leaves one part-filled statement per
document; those tails are planned again together with the tags as a per-row column, when that takes
fewer statements (`_merged_tails`). Not done, because measured slower: repeated values in a
per-statement table (`$t0[row[2]]`) saved 7% of the statements but cost FalkorDB more per row than
that (push 8% slower); the shared id prefix, by contrast, saved 15% of the statements and 14% of
the time.

A row too large for one statement on its own goes the general way: a map `{id, docs, props}` whose
properties spread over several MERGE rows (MERGE is idempotent, so the pieces can go in separate
transactions), and a single value too large even alone is sent in parts that the server concatenates
(`append` rows).

Action nodes of one RAG label are merged with both labels in the pattern (see `statements` for why),
so every transaction that merges Actions starts with pre-steps, `relabel_nodes`, on the ids of all
its Action MERGEs, one per RAG label (rows `[id]`, sized and split under the byte limit like any
statement): they move existing nodes to their new RAG label, so the MERGEs find them. One set per
transaction, not one per MERGE statement, which doubled the Action statements. A pre-step
(`Statement.prepares`) always goes in the transaction of the statements it prepares and its rows do
not count against `batch_size`; it completes no element (`count` 0), but it is a statement sent.

A transaction holds up to `batch_size` rows, in as many statements as the byte limit needs; with
`batch_size=1` every row is its own transaction (an Action's with its pre-step).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from govgraph.errors import GovgraphError
from govgraph.neo4j import statements as st
from govgraph.neo4j.literals import ROW_OVERHEAD, literal_size, query_size, row_size, str_size
from govgraph.neo4j.pieces import Piece, batches, split_row
from govgraph.neo4j.rows import DOCS_PROP, NodeRow, RelRow, Rows, by_shape, is_safe_name

COMMON_MAX = 256
"""A value shared by a whole group is sent once only if its literal is at most this long."""
TAIL_FILL = 0.75
"""A group's last statement at most this full (of the byte limit) is a tail: see `_merged_tails`."""


@dataclass
class Statement:
    text: str
    params: dict[str, Any]
    what: str
    rows: int
    count: int
    """Graph elements this statement completes (append rows and extra pieces count 0)."""
    size: int = 0
    """`query_size` of the statement: what a pasting server would build."""
    prepares: bool = False
    """A pre-step (`relabel_nodes`): sent in the same transaction, before the statements it prepares."""
    relabel: str | None = None
    """For a MERGE that needs one: the pre-step (`relabel_nodes`) its transaction must run first on `ids`."""
    ids: list[str] = field(default_factory=list)
    """The node ids this MERGE writes, when it needs a pre-step."""

    @property
    def of_nodes(self) -> bool:
        """Writes nodes (`what` is `:Label`), not relationships (`(a)-[:TYPE]->(b)`)."""
        return self.what.startswith(":")


@dataclass
class Element:
    """A node or relationship as the planner sees it: its key values, properties and tags."""

    keys: list[str]
    props: dict[str, Any]
    docs: list[str]
    base: dict[str, Any] = field(default_factory=dict)
    """The key as a map, for the general path (`{"id": ...}` or `{"source": ..., "target": ...}`)."""


@dataclass(frozen=True)
class Shape:
    """One label or relationship type: how to write its elements."""

    what: str
    columns: Callable[..., str]
    """The compact statement for these columns (keywords as `statements.merge_node_columns`)."""
    merge: str
    append: Callable[[str], str]
    relabel: str | None = None
    """The pre-step the transaction of every MERGE of this shape needs (Action nodes: their RAG label)."""


def plan(rows: Rows, *, batch_size: int, batch_bytes: int, compact: bool = True,
         relabel: bool = True) -> list[Statement]:
    """Every statement the push will send, nodes before relationships, each under `batch_bytes`.

    The statements come in transaction order (`transactions` groups them back): each transaction's
    relabel pre-steps first, then its MERGEs. `relabel=False` leaves the pre-steps out, for a server
    holding no Action yet (they would match nothing). `compact=False` sends every row the general
    way: the reference the compact rows are tested against.
    """
    merges: list[Statement] = []
    for (label, rag), nodes in by_shape(rows.nodes, lambda r: (r.label, r.rag_label)).items():
        merges += shape_statements(_node_shape(label, rag), [_node_element(r) for r in nodes], batch_size,
                                   batch_bytes, compact)
    for (rel, a, b), rels in by_shape(rows.rels, lambda r: (r.type, r.source_label, r.target_label)).items():
        merges += shape_statements(_rel_shape(rel, a, b), [_rel_element(r) for r in rels], batch_size,
                                   batch_bytes, compact)
    out: list[Statement] = []
    for tx in transactions(merges, batch_size):
        out += (pre_steps(tx, batch_bytes) if relabel else []) + tx
    return out


def transactions(statements: list[Statement], batch_size: int) -> list[list[Statement]]:
    """Consecutive statements grouped into transactions of at most `batch_size` rows each.

    Pre-steps travel with the statement after them and are not counted (their rows are ids of rows
    counted elsewhere in the transaction).
    """
    out: list[list[Statement]] = []
    current: list[Statement] = []
    pending: list[Statement] = []
    rows = 0
    for s in statements:
        pending.append(s)
        if s.prepares:
            continue
        if current and rows + s.rows > batch_size:
            out.append(current)
            current, rows = [], 0
        current += pending
        pending = []
        rows += s.rows
    current += pending
    if current:
        out.append(current)
    return out


def pre_steps(tx: list[Statement], budget: int) -> list[Statement]:
    """The relabel pre-steps of one transaction: every id its Action MERGEs write, per RAG label.

    One set per transaction rather than one per MERGE statement: a statement costs about a
    millisecond on FalkorDB whatever it holds, and with Action rows of 400-500 bytes a MERGE holds
    only 8 or so, so a pre-step per MERGE doubled the Action statements. Sent first, they relabel
    every node the transaction's MERGEs will match before any MERGE runs.
    """
    ids: dict[tuple[str, str], dict[str, None]] = {}
    for s in tx:
        if s.relabel is not None:
            ids.setdefault((s.relabel, s.what), {}).update(dict.fromkeys(s.ids))
    return [p for (text, what), todo in ids.items() for p in relabel_statements(text, what, todo, budget)]


def _node_shape(label: str, rag: str | None) -> Shape:
    return Shape(f":{label}" + (f":{rag}" if rag else ""),
                 lambda cols, **kw: st.merge_node_columns(label, rag, cols, **kw),
                 st.merge_nodes(label, rag), lambda prop: st.append_node_value(label, prop),
                 st.relabel_nodes(label, rag) if rag else None)


def _rel_shape(rel: str, a: str, b: str) -> Shape:
    return Shape(f"({a})-[:{rel}]->({b})", lambda cols, **kw: st.merge_rel_columns(rel, a, b, cols, **kw),
                 st.merge_rels(rel, a, b), lambda prop: st.append_rel_value(rel, a, b, prop))


def _node_element(r: NodeRow) -> Element:
    return Element([r.id], r.props, r.docs, {"id": r.id})


def _rel_element(r: RelRow) -> Element:
    return Element([r.source, r.target], r.props, r.docs, {"source": r.source, "target": r.target})


def shape_statements(shape: Shape, elements: list[Element], batch_size: int, budget: int,
                     compact: bool = True) -> list[Statement]:
    """Statements for one shape: compact column rows per group, the general path for what does not fit.

    Groups are by document tags only, not by property-name set too: on real loader output the
    names vary from row to row (an action with a `progress` note, one without), and splitting by
    them left many statements with 1-3 rows. Names every row has are columns; the others travel in
    a per-row map (`SET n += row[k]`: absent stays absent, as on the general path).
    """
    out: list[Statement] = []
    misfits: list[Element] = []
    fits: list[Element] = []
    names = {n for e in elements for n in e.props}
    unsafe = {n for n in names if not is_safe_name(n) or n == DOCS_PROP}
    for e in elements:
        if compact and not (unsafe and unsafe.intersection(e.props)):
            fits.append(e)
        else:
            misfits.append(e)
    tails: list[tuple[Statement, list[Element]]] = []
    for docs, group in by_shape(fits, lambda e: tuple(e.docs)).items():
        batches_ = _group_statements(shape, list(docs), group, batch_size, budget, misfits)
        if batches_ and batches_[-1][0].size <= budget * TAIL_FILL:
            tails.append(batches_.pop())
        out += [s for s, _ in batches_]
    return out + _merged_tails(shape, tails, batch_size, budget) + _general_statements(shape, misfits, batch_size,
                                                                                        budget)


def _merged_tails(shape: Shape, tails: list[tuple[Statement, list[Element]]], batch_size: int,
                  budget: int) -> list[Statement]:
    """The part-filled last statements of the groups, re-planned as one group with the tags per row.

    A shape written by many documents has one part-filled statement per document (on real loader
    output, a third of all statements held a handful of rows). Their rows together, each with its
    tags as a column, usually fill fewer statements; when they do not, the tails stay as they were.
    """
    elements = [e for _, group in tails for e in group]
    if len(tails) < 2:
        return [s for s, _ in tails]
    misfits: list[Element] = []
    merged = [s for s, _ in _group_statements(shape, None, elements, batch_size, budget, misfits)]
    if misfits or len(merged) >= len(tails):
        return [s for s, _ in tails]
    return merged


def _same(a: Any, b: Any) -> bool:
    """Equal with the same types (so 1 and True, or [1] and [1.0], are not hoisted as one value)."""
    if type(a) is not type(b) or a != b:
        return False
    return not isinstance(a, list) or all(type(x) is type(y) for x, y in zip(a, b))


def common_props(group: list[Element], names: Sequence[str]) -> dict[str, Any]:
    """Properties with the same (small) value in every element of the group (`names`: those all have)."""
    first = group[0].props
    return {n: first[n] for n in names
            if literal_size(first[n]) <= COMMON_MAX and all(_same(e.props[n], first[n]) for e in group[1:])}


def _prefix(keys: list[str]) -> str:
    """The prefix all `keys` share, if sending it once saves bytes (its own `key<i>=...` costs ~10)."""
    p = os.path.commonprefix(keys)
    return p if len(p) * len(keys) > len(p) + 16 else ""


def same_columns(group: list[Element], names: Sequence[str]) -> dict[str, str]:
    """Properties equal (with the same type) to an earlier one of `names` in every element: name -> that one.

    On loader output an Action's `name` is its `text` in nearly every row: sent once, written twice.
    """
    first = group[0].props
    out: dict[str, str] = {}
    for i, n in enumerate(names):
        for m in names[:i]:
            if m not in out and _same(first[n], first[m]) and all(_same(e.props[n], e.props[m]) for e in group):
                out[n] = m
                break
    return out


def _names(group: list[Element]) -> tuple[list[str], list[str]]:
    """(names every element of the group has, names only some have), each sorted."""
    counts: dict[str, int] = {}
    for e in group:
        for n in e.props:
            counts[n] = counts.get(n, 0) + 1
    every = sorted(n for n, c in counts.items() if c == len(group))
    return every, sorted(n for n, c in counts.items() if c < len(group))


def _group_statements(shape: Shape, docs: list[str] | None, group: list[Element], batch_size: int, budget: int,
                      misfits: list[Element]) -> list[tuple[Statement, list[Element]]]:
    """Compact statements for a group, each with the elements it writes; `docs=None`: tags per row."""
    names, optional = _names(group)
    common = common_props(group, names)
    same = same_columns(group, [n for n in names if n not in common])
    columns = [n for n in names if n not in common and n not in same]
    extra = frozenset(optional)
    prefixes = [_prefix([e.keys[i] for e in group]) for i in range(len(group[0].keys))]
    text = shape.columns(columns, common=bool(common), extra=bool(optional), tags=docs is None, same=same,
                         prefixed=[bool(p) for p in prefixes])
    params: dict[str, Any] = {**({"docs": docs} if docs is not None else {}), **({"common": common} if common else {})}
    params |= {f"key{i}": p for i, p in enumerate(prefixes) if p}
    cut = [len(p) for p in prefixes]
    fixed = query_size(text, {**params, "rows": []})
    out: list[tuple[Statement, list[Element]]] = []
    batch: list[list[Any]] = []
    written: list[Element] = []
    used = fixed - ROW_OVERHEAD  # the first row brings no separator

    def flush() -> None:
        ids = [e.keys[0] for e in written] if shape.relabel else []
        out.append((Statement(text, {**params, "rows": batch}, shape.what, len(batch), len(batch), used,
                              relabel=shape.relabel, ids=ids), written))

    for e in group:
        row = [*(k[c:] for k, c in zip(e.keys, cut)), *(e.props[c] for c in columns)]
        if optional:
            row.append({k: v for k, v in e.props.items() if k in extra})
        if docs is None:
            row.append(e.docs)
        n = row_size(row) + ROW_OVERHEAD
        if fixed + n - ROW_OVERHEAD > budget:
            misfits.append(e)
            continue
        if batch and (len(batch) >= batch_size or used + n > budget):
            flush()
            batch, written, used = [], [], fixed - ROW_OVERHEAD
        batch.append(row)
        written.append(e)
        used += n
    if batch:
        flush()
    return out


def relabel_statements(text: str, what: str, ids: Iterable[str], budget: int) -> list[Statement]:
    """The pre-step `text` (`relabel_nodes`) on `ids` as `[id]` rows, split under the byte limit."""
    fixed = query_size(text, {"rows": []})
    out: list[Statement] = []
    batch: list[list[str]] = []
    used = fixed - ROW_OVERHEAD
    for nid in dict.fromkeys(ids):  # a row split into pieces brings its id more than once
        row = [nid]
        n = str_size(nid) + 2 + ROW_OVERHEAD  # literal_size(row)
        if fixed + n - ROW_OVERHEAD > budget:
            raise GovgraphError(f"the id {nid!r} is too long for the batch byte limit {budget}",
                                hint="Raise --batch-bytes.")
        if batch and used + n > budget:
            out.append(Statement(text, {"rows": batch}, f"{what} labels", len(batch), 0, used, prepares=True))
            batch, used = [], fixed - ROW_OVERHEAD
        batch.append(row)
        used += n
    if batch:
        out.append(Statement(text, {"rows": batch}, f"{what} labels", len(batch), 0, used, prepares=True))
    return out


def _general_statements(shape: Shape, elements: list[Element], batch_size: int, budget: int) -> list[Statement]:
    """Elements as `{id, docs, props}` maps, split into pieces and parts when too large (see above)."""
    pieces: list[Piece] = []
    for e in elements:
        overhead = max([len(shape.merge.encode())] + [len(shape.append(p).encode()) for p in e.props
                                                      if is_safe_name(p)])
        room = budget - overhead - query_size("", {"rows": []})
        first = split_row({**e.base, "docs": e.docs}, e.props, room)
        first[0].row["_counts"] = True
        pieces += first
    out: list[Statement] = []
    merges = [p for p in pieces if p.prop is None]
    for rows in batches(merges, batch_size, budget - len(shape.merge.encode())):
        n = sum(1 for r in rows if r.pop("_counts", False))
        merge = _statement(shape.merge, rows, shape.what, n)
        if shape.relabel:
            merge.relabel, merge.ids = shape.relabel, [r["id"] for r in rows]
        out.append(merge)
    appends = [p for p in pieces if p.prop is not None]
    for prop, group in by_shape(appends, lambda p: p.prop).items():
        text = shape.append(prop)
        for rows in batches(group, batch_size, budget - len(text.encode())):
            out.append(_statement(text, rows, f"{shape.what}.{prop}", 0))
    return out


def _statement(text: str, rows: list[dict[str, Any]], what: str, count: int) -> Statement:
    return Statement(text, {"rows": rows}, what, len(rows), count, query_size(text, {"rows": rows}))
