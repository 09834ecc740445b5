"""Hostile document text reaches the server verbatim and inert: through `push` (parameters) and through
the exported Cypher script (escaped literals), on a real Bolt server."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bolt_db import load, wipe

from govgraph.export.cypher_script import to_cypher
from govgraph.model.graph import GovGraph
from govgraph.neo4j.remote import Remote, attrs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hostile_text import HOSTILE, hostile_graph, texts  # noqa: E402


def server_texts(remote: Remote) -> tuple[int, set[str]]:
    nodes = remote.read("MATCH (n) RETURN n AS node")
    rels = remote.read("MATCH ()-[r]->() RETURN r.quote AS quote")
    values = {v for row in nodes for v in attrs(row["node"]).values() if isinstance(v, str) and HOSTILE in v}
    return len(nodes), values | {row["quote"] for row in rels}


def expected(gg: GovGraph) -> set[str]:
    return texts(gg)


def test_push_keeps_hostile_text_verbatim(remote: Remote) -> None:
    gg = hostile_graph()
    load(remote, gg)
    count, values = server_texts(remote)
    assert count == len(gg)
    assert values == expected(gg)


def test_exported_script_runs_and_keeps_hostile_text_verbatim(remote: Remote) -> None:
    gg = hostile_graph()
    wipe(remote)
    script = to_cypher(gg)
    ran = 0
    with remote.driver.session(database=remote.database) as session:
        for line in script.splitlines():
            statement: Any = line.strip()
            if not statement or statement.startswith("//"):
                continue
            if statement.startswith("CREATE CONSTRAINT") and not remote.info().is_neo4j:
                continue  # FalkorDB has no constraints; the MERGEs below do not need them
            session.run(statement.rstrip(";")).consume()
            ran += 1
    assert ran > len(gg)
    count, values = server_texts(remote)
    assert count == len(gg)
    assert values == expected(gg)
