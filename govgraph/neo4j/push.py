"""Push a graph into Neo4j: schema first, then batched `UNWIND $rows ... MERGE` per label and type.

Every batch is one managed write transaction (the driver retries transient failures), and every
statement is a MERGE keyed by id (a transaction's Action MERGEs preceded, in that transaction, by a
relabel of their ids to their current RAG label, unless the server holds no Action: see
`statements`), so a push that dies half-way is finished by running it again and pushing twice leaves
the same graph. Each node and relationship carries the keys of the documents that wrote it
(`govgraphDocs`); `replace=True` first takes those documents' tags off everything and deletes what
no other document still claims. A push that fails part-way raises `PartialPush`, whose one line says why
(as the CLI words driver failures) and how many nodes and relationships were written of how many.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govgraph.collector import paused
from govgraph.errors import PartialPush
from govgraph.model.nodes import LABELS
from govgraph.neo4j import statements as st
from govgraph.neo4j.batching import Statement, plan, transactions
from govgraph.neo4j.probe import ServerInfo, encode, probe
from govgraph.neo4j.rows import graph_rows

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction

    from govgraph.model.graph import GovGraph
    from govgraph.neo4j.connection import Settings

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
REPLACE_CHUNK = 1000
Progress = Callable[[int, int, str], None]
"""Called as (rows done, rows in all, what is being written) after each transaction."""
INTERRUPTED: list[str] = []
"""How far a push interrupted part-way (Ctrl-C, SIGTERM) got, for the CLI's last line: `main` says this
rather than "nothing was written", since the server holds part of the graph."""


@dataclass
class PushReport:
    server: ServerInfo
    nodes: int = 0
    relationships: int = 0
    batches: int = 0
    """Write transactions sent (each up to `batch_size` rows)."""
    statements: int = 0
    """Statements sent in those transactions (each under the server's query size limit), pre-steps included."""
    documents: list[str] = field(default_factory=list)
    untagged: int = 0
    deleted: int = 0
    schema: list[str] = field(default_factory=list)
    seconds: float = 0.0


def ensure_schema(driver: "Driver", database: str | None, labels: list[str],
                  server: ServerInfo | None = None) -> list[str]:
    """Named uniqueness constraints on `id` (Neo4j 5); plain indexes where the server refuses them.

    Returns the statements that succeeded. A server that refuses the first constraint is assumed to
    refuse them all; its fallback index may already exist, which it reports as an error we ignore.
    A server known not to be Neo4j goes straight to the indexes it lacks (`_ensure_indexes`).
    """
    import neo4j.exceptions as nex

    if server is not None and not server.is_neo4j:
        return _ensure_indexes(driver, database, labels)
    done: list[str] = []
    use_constraints = True
    for label in labels:
        if use_constraints:
            try:
                _run(driver, database, st.constraint(label))
                done.append(st.constraint(label))
                continue
            except (nex.ClientError, nex.DatabaseError) as exc:
                log.info("constraint refused (%s); falling back to CREATE INDEX", exc.code)
                use_constraints = False
        done += _index(driver, database, label)
    return done


def _index(driver: "Driver", database: str | None, label: str) -> list[str]:
    """A plain index on `id` (the statement, in a list), or nothing if the server refuses it."""
    import neo4j.exceptions as nex

    try:
        _run(driver, database, st.fallback_index(label))
        return [st.fallback_index(label)]
    except (nex.ClientError, nex.DatabaseError) as exc:
        log.info("index on :%s(id) not created (%s): assuming it exists", label, exc.code)
        return []


def _ensure_indexes(driver: "Driver", database: str | None, labels: list[str]) -> list[str]:
    """Plain indexes on `id` for the labels that lack one.

    Asked first (`db.indexes()`), because on FalkorDB every refused statement costs a connection
    reset of about 45 ms: on a re-push, one per label used to be most of the push's fixed cost.
    """

    indexed = _indexed_labels(driver, database)
    return [done for label in labels if label not in indexed for done in _index(driver, database, label)]


def _indexed_labels(driver: "Driver", database: str | None) -> set[str]:
    """Labels with an index on `id`, by `db.indexes()` (empty if the server lacks the procedure)."""
    import neo4j.exceptions as nex

    try:
        rows = _run(driver, database, st.INDEXES)
    except nex.Neo4jError as exc:
        log.info("db.indexes() failed (%s): creating every index", exc.code)
        return set()
    return {str(r["label"]) for r in rows if "id" in (r["properties"] or [])}


def _holds_any(driver: "Driver", database: str | None, label: str) -> bool:
    """Whether the server has a node of `label`. Checked once per push: on a server without Actions (a
    first push) the relabel pre-steps could only match nothing, and they were 5% of its statements and
    half of every one-row Action transaction."""
    return bool(_run(driver, database, st.any_node(label)))


def _run(driver: "Driver", database: str | None, statement: str, **params: Any) -> list[dict[str, Any]]:
    with driver.session(database=database) as session:
        return session.run(statement, params).data()


def replace_documents(driver: "Driver", database: str | None, docs: list[str], server: ServerInfo,
                      chunk: int = REPLACE_CHUNK) -> tuple[int, int]:
    """Take `docs` off every tag; delete what is left untagged. Returns (elements untagged, deleted)."""
    untagged = deleted = 0
    for untag, delete in ((st.UNTAG_RELS, st.DELETE_UNTAGGED_RELS), (st.UNTAG_NODES, st.DELETE_UNTAGGED_NODES)):
        while n := _write_count(driver, database, untag, **encode({"docs": docs, "limit": chunk}, server)):
            untagged += n
        while n := _write_count(driver, database, delete, limit=chunk):
            deleted += n
    return untagged, deleted


def _write_count(driver: "Driver", database: str | None, statement: str, **params: Any) -> int:
    def work(tx: "ManagedTransaction") -> int:
        rec = tx.run(statement, params).single()
        return int(rec["n"]) if rec else 0

    with driver.session(database=database) as session:
        return session.execute_write(work)


def push(gg: "GovGraph", driver: "Driver", *, database: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
         batch_bytes: int | None = None, replace: bool = False, progress: Progress | None = None,
         server: ServerInfo | None = None) -> PushReport:
    """Write `gg` to the server behind `driver`; see the module docstring for the guarantees.

    `batch_bytes` defaults to what the server can take (probed: large on Neo4j, 3,000 elsewhere).
    A driver failure once the push has begun is `PartialPush` (how far it got); before, it propagates.
    """
    start = time.perf_counter()
    with paused():  # rows and plan are large acyclic trees: see govgraph.collector
        rows = graph_rows(gg)
    info = server or probe(driver, database)
    report = PushReport(server=info, documents=rows.documents)
    tally = _Tally(len(rows.nodes), len(rows.rels))
    try:
        _push(rows, driver, database, batch_size, batch_bytes, replace, progress, info, report, tally)
    except Exception as exc:
        if not _driver_error(exc):
            raise
        raise tally.error(exc, driver) from exc
    except BaseException:  # Ctrl-C or SIGTERM (govgraph.errors.Terminated)
        if tally.partial:
            INTERRUPTED.append(f"{tally.far()} to {_settings_of(driver).uri} before stopping: {tally.advice()}")
        raise
    report.nodes, report.relationships = len(rows.nodes), len(rows.rels)
    report.seconds = time.perf_counter() - start
    return report


def _push(rows: Any, driver: "Driver", database: str | None, batch_size: int, batch_bytes: int | None, replace: bool,
          progress: Progress | None, info: ServerInfo, report: PushReport, tally: "_Tally") -> None:
    labels = sorted({r.label for r in rows.nodes}, key=LABELS.index)
    report.schema = ensure_schema(driver, database, labels, info)
    if replace and report.documents:
        tally.replacing = True
        report.untagged, report.deleted = replace_documents(driver, database, report.documents, info)
        tally.replacing, tally.replaced = False, True
    relabel = any(r.rag_label for r in rows.nodes) and _holds_any(driver, database, "Action")
    with paused():
        todo = plan(rows, batch_size=max(1, batch_size), batch_bytes=batch_bytes or info.batch_bytes,
                    relabel=relabel)
    total = len(rows.nodes) + len(rows.rels)
    done = 0
    if progress:
        progress(0, total, "schema")
    with driver.session(database=database) as session:
        for tx in transactions(todo, max(1, batch_size)):
            session.execute_write(_write_statements, [(s.text, encode(s.params, info)) for s in tx])
            tally.add(tx)
            done += sum(s.count for s in tx)
            report.batches += 1
            report.statements += len(tx)
            if progress:
                progress(done, total, tx[-1].what)


@dataclass
class _Tally:
    """How far a push has got, for the message if it stops part-way."""

    nodes_total: int
    rels_total: int
    nodes: int = 0
    rels: int = 0
    replacing: bool = False
    replaced: bool = False

    def add(self, tx: list[Statement]) -> None:
        """A committed transaction: its statements' completed elements count as written."""
        for s in tx:
            if s.of_nodes:
                self.nodes += s.count
            else:
                self.rels += s.count

    @property
    def partial(self) -> bool:
        """The server holds part of the graph (or of an earlier push's removal)."""
        return bool(self.nodes or self.rels or self.replaced or self.replacing)

    def far(self) -> str:
        return (f"pushed {self.nodes:,} of {self.nodes_total:,} nodes and {self.rels:,} of {self.rels_total:,} "
                "relationships")

    @staticmethod
    def advice() -> str:
        return "the graph there is partial; run the same push again, which finishes it"

    def error(self, exc: BaseException, driver: "Driver") -> PartialPush:
        """The driver failure as the CLI words it, followed by how far the push got and what to do."""
        from govgraph.neo4j.connection import translate

        cause = translate(exc, _settings_of(driver))
        if self.replacing:
            state = (f"it stopped while removing what an earlier push of these documents wrote ({self.far()}): "
                     f"{self.advice()}")
        elif self.partial:
            state = f"{self.far()} before it stopped: {self.advice()}"
        else:
            state = f"{self.far()}: nothing of the graph was written"
        return PartialPush(f"{cause}; {state}", hint=cause.hint, nodes=(self.nodes, self.nodes_total),
                           relationships=(self.rels, self.rels_total))


def _driver_error(exc: BaseException) -> bool:
    import neo4j.exceptions as nex

    return isinstance(exc, (nex.Neo4jError, nex.DriverError))


def _settings_of(driver: "Driver") -> "Settings":
    """The settings `driver` was made with (for the wording of its failures): the process's drivers are
    kept by settings in `connection`; a driver made elsewhere is named by its address."""
    from govgraph.neo4j import connection

    for key, known in connection._DRIVERS.items():
        if known is driver:
            try:  # (uri, auth, acquisition timeout, retry time), as get_driver keys them
                uri, auth, acquisition, retry = key
                return connection.Settings(uri=uri, username=auth[0] if auth else "",
                                           connection_acquisition_timeout=acquisition,
                                           max_transaction_retry_time=retry)
            except (TypeError, ValueError):  # keyed otherwise: the URI comes first
                return connection.Settings(uri=str(key[0]))
    address = getattr(getattr(driver, "_pool", None), "address", None)
    return connection.Settings(uri=f"bolt://{address}" if address else "the server")


def _write_statements(tx: "ManagedTransaction", statements: list[tuple[str, dict[str, Any]]]) -> None:
    for text, params in statements:
        tx.run(text, params).consume()
