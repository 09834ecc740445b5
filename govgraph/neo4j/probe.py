"""Tell Neo4j from other Bolt servers by what they can do, not by what they call themselves.

FalkorDB announces itself as Neo4j/5.13.0, so the agent string proves nothing. `dbms.components()`
is a Neo4j procedure other servers lack; when it fails we assume the strict limits measured on
FalkorDB, which are safe on any server: its Bolt layer pastes the parameters into the query text,
and a query text over 4,095 bytes overflows its buffer and crashes it.

A second probe sends a string parameter holding a backslash escape and reads it back.
FalkorDB 4.16 pastes parameters into the query text without escaping them, so such a string comes
back changed (and a crafted one could inject Cypher); for such a server every string parameter is
escaped before it is sent (`encode`), which makes it arrive intact. The probe holds no quote, so it
does not fail there: on FalkorDB a failed statement costs a connection reset (~45 ms), and a read
command needs only this probe.

Probes run in plain auto-commit sessions: `driver.execute_query` costs ~45 ms a call on FalkorDB,
against 2 ms for `session.run`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from neo4j import Driver

log = logging.getLogger(__name__)

NEO4J_BATCH_BYTES = 4_000_000
"""Bytes per statement on Neo4j: large, batches are bounded by rows there."""
FALKORDB_QUERY_LIMIT = 4_095
"""FalkorDB builds `CYPHER <params as literals> <statement>` in a 4,096-byte buffer (with its NUL)."""
SMALL_BATCH_BYTES = 3_900
"""Bytes per statement elsewhere, counted as FalkorDB's pasted query text (`literals.query_size`):
under `FALKORDB_QUERY_LIMIT`, with a margin."""


@dataclass(frozen=True)
class ServerInfo:
    agent: str
    is_neo4j: bool
    edition: str | None = None
    version: str | None = None
    escape_params: bool = False
    """True when string parameters must be escaped to arrive intact (see the module docstring)."""

    @property
    def batch_bytes(self) -> int:
        return NEO4J_BATCH_BYTES if self.is_neo4j else SMALL_BATCH_BYTES


def probe(driver: "Driver", database: str | None = None) -> ServerInfo:
    """Ask the server what it is by calling a Neo4j-only procedure."""
    import neo4j.exceptions as nex

    agent = driver.get_server_info().agent
    escape = params_need_escaping(driver, database)
    try:
        records = _run(driver, database, "CALL dbms.components() YIELD name, versions, edition "
                                         "RETURN name, versions, edition")
    except nex.Neo4jError as exc:
        log.info("dbms.components() failed (%s): not Neo4j, using small batches", exc.code)
        return ServerInfo(agent=agent, is_neo4j=False, escape_params=escape)
    for rec in records:
        if str(rec["name"]).lower().startswith("neo4j"):
            versions = rec["versions"] or [None]
            return ServerInfo(agent=agent, is_neo4j=True, edition=rec["edition"], version=versions[0],
                              escape_params=escape)
    return ServerInfo(agent=agent, is_neo4j=False, escape_params=escape)


def _run(driver: "Driver", database: str | None, statement: str, **params: Any) -> list[dict[str, Any]]:
    import neo4j

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        return session.run(statement, params).data()


PROBE_TEXT = "not a \\tab"
"""A backslash then `t`: a server pasting it unescaped reads a tab; no quote, so nothing fails."""


def params_need_escaping(driver: "Driver", database: str | None) -> bool:
    """Whether string parameters come back changed (or fail), so `escape` must be applied first."""
    import neo4j.exceptions as nex

    try:
        records = _run(driver, database, "RETURN $x AS x", x=PROBE_TEXT)
    except nex.Neo4jError:
        return True
    return not (records and records[0]["x"] == PROBE_TEXT)


_PLAIN = frozenset({int, float, bool, type(None)})


def _escape_str(text: str) -> str:
    if "'" not in text and "\\" not in text:
        return text
    return text.replace("\\", "\\\\").replace("'", "\\'")


def escape(value: Any) -> Any:
    r"""`value` with every string (in lists and map values too) escaped for a pasting server.

    >>> print(escape({"q": ["it's", "a\\b"]})["q"])
    ["it\\'s", 'a\\\\b']
    """
    if isinstance(value, str):
        return _escape_str(value)
    if isinstance(value, list):  # push rows: lists of scalars, most strings needing nothing
        return [_escape_str(v) if type(v) is str else v if type(v) in _PLAIN else escape(v) for v in value]
    if isinstance(value, tuple):
        return escape(list(value))
    if isinstance(value, dict):
        return {k: escape(v) for k, v in value.items()}
    return value


def encode(params: dict[str, Any], server: ServerInfo) -> dict[str, Any]:
    """Parameters as this server needs them (escaped strings for a pasting server, else unchanged)."""
    return {k: escape(v) for k, v in params.items()} if server.escape_params else params
