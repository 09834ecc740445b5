"""Issue 16 item 3: `govgraph cypher` refuses statements that write, read from the text (FalkorDB ignores the
read access mode: `MATCH (n) DETACH DELETE n` in a read transaction wiped its graph)."""
from __future__ import annotations

import subprocess
import sys

import pytest
from bolt_db import counts, load
from graphs import delivery_graph

from govgraph.neo4j import fetch
from govgraph.neo4j.connection import Settings
from govgraph.neo4j.readonly import write_clause
from govgraph.neo4j.remote import Remote
from govgraph.queries.registry import QUERIES, cypher_statements

WRITES = [
    ("MATCH (n) DETACH DELETE n", "DETACH DELETE"),
    ("match (n) delete n", "DELETE"),
    ("CREATE (:Board {name: 'x'})", "CREATE"),
    ("MERGE (b:Board {id: $id}) RETURN b", "MERGE"),
    ("MATCH (n) SET n.rag = 'GREEN'", "SET"),
    ("MATCH (n:Action) REMOVE n:Red", "REMOVE"),
    ("UNWIND [1] AS x FOREACH (y IN [x] | CREATE ())", "FOREACH"),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
    ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1", "CALL { } IN TRANSACTIONS"),
    ("CALL { MATCH (n) RETURN n } IN CONCURRENT TRANSACTIONS RETURN 1", "CALL { } IN TRANSACTIONS"),
    ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", "CALL apoc.create.node"),
    ("CALL db.createLabel('X')", "CALL db.createLabel"),
    ("CALL `db`.`clearQueryCaches`()", "CALL db.clearQueryCaches"),
    ("DROP INDEX govgraph_action_id", "DROP"),
    ("CREATE INDEX FOR (n:Action) ON (n.id)", "CREATE"),
    ("MATCH (n) WITH n /* a comment */ DETACH\nDELETE n", "DETACH DELETE"),
    ("RETURN 1 AS x; MATCH (n) DELETE n", "DELETE"),  # a second statement after ;
]
READS = [
    "MATCH (n) RETURN count(n) AS n",
    "MATCH (n) WHERE n.text CONTAINS 'DETACH DELETE' RETURN n",  # in a string
    "MATCH (n) // then DELETE n\nRETURN n",  # in a comment
    "MATCH (n) /* SET n.x = 1 */ RETURN n",
    "MATCH (n {set: 1, create: 2}) RETURN n.delete AS remove, n.merge",  # map keys, properties, alias
    "MATCH (n:`CREATE`) RETURN n",  # backticked label
    "MATCH (n:Action) RETURN n {.set, .remove} AS m",
    "MATCH (a)-[r:LEADS]->(b) WHERE $set IS NULL RETURN a, r, b",
    "RETURN \"it\\\"s SET\" AS s",
    "CALL db.labels() YIELD label RETURN label",
    "CALL { MATCH (n) RETURN n } RETURN count(n) AS n",  # a read subquery
    "MATCH (n) RETURN [x IN n.aliases | toUpper(x)] AS a",
    "MATCH (n) WHERE n.name STARTS WITH 'Head' RETURN n",
]


@pytest.mark.parametrize("statement, clause", WRITES)
def test_writes_are_named(statement: str, clause: str) -> None:
    found = write_clause(statement)
    assert found is not None and found[0] == clause


@pytest.mark.parametrize("statement", READS)
def test_reads_pass(statement: str) -> None:
    assert write_clause(statement) is None


def twin_statements() -> list[str]:
    files = {q.cypher_file for q in QUERIES.values()} | {"monitoring.cypher"}
    return [s for f in sorted(files) for s in cypher_statements(f).values()] + \
        [fetch.NAMES, fetch.NODE_BY_ID, fetch.NODES_BY_ID]


def test_no_twin_is_taken_for_a_write() -> None:
    assert [s for s in twin_statements() if write_clause(s)] == []


def test_cypher_refuses_detach_delete_and_leaves_the_graph(remote: Remote, bolt_settings: Settings) -> None:
    load(remote, delivery_graph())
    before = counts(remote)
    res = subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", "cypher",
                          "MATCH (n)\nDETACH DELETE n", "--uri", bolt_settings.uri], capture_output=True, text=True)
    assert res.returncode == 1
    assert res.stderr.splitlines()[0] == "Error: refusing a statement that writes: DETACH DELETE at line 2, column 1"
    assert counts(remote) == before
