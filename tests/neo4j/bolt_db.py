"""Helpers the Bolt tests share: which server, and how to empty and fill it.

A plain module (not conftest) so tests can import it by a name no other test folder uses.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from govgraph.model.graph import GovGraph
from govgraph.neo4j.push import push
from govgraph.neo4j.remote import Remote

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ON_NEO4J = bool(os.environ.get("NEO4J_URI"))
NEEDS_NEO4J = pytest.mark.skipif(not ON_NEO4J, reason="FalkorDB ignores rollback() and database_: "
                                                      "verified against Neo4j only (set NEO4J_URI)")



def wipe(remote: Remote) -> None:
    with remote.driver.session(database=remote.database) as s:
        s.run("MATCH (n) DETACH DELETE n").consume()


def load(remote: Remote, gg: GovGraph) -> None:
    """Empty the database, then push `gg` into it."""
    wipe(remote)
    push(gg, remote.driver, database=remote.database, server=remote.server)


def counts(remote: Remote) -> tuple[int, int]:
    n = remote.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    r = remote.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return int(n), int(r)
