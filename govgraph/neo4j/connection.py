"""Connection settings, the one driver per process, and how driver failures read to a user.

One driver per process because some Bolt servers (FalkorDB) can hang in the handshake of the next
new connection after one closes; a pooled driver keeps its connection open, and connecting retries
a handshake that timed out. Settings default to the official driver's environment variables.
"""
from __future__ import annotations

import atexit
import logging
import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govgraph.errors import Neo4jError

if TYPE_CHECKING:
    from neo4j import Driver

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

DEFAULT_URI = "neo4j://localhost:7687"
CONNECT_ATTEMPTS = 3
"""Handshakes tried before giving up (a hung handshake recovers on the next attempt)."""


@dataclass(frozen=True)
class Settings:
    """Where and as whom to connect. An empty username means no authentication."""

    uri: str = DEFAULT_URI
    username: str = ""
    password: str = field(default="", repr=False)
    database: str | None = None
    connection_acquisition_timeout: float = 10.0
    max_transaction_retry_time: float = 15.0

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE; `overrides` that are not None win."""
        values: dict[str, Any] = {
            "uri": os.environ.get("NEO4J_URI") or DEFAULT_URI,
            "username": os.environ.get("NEO4J_USERNAME", ""),
            "password": os.environ.get("NEO4J_PASSWORD", ""),
            "database": os.environ.get("NEO4J_DATABASE") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.username, self.password) if self.username else None


_DRIVERS: dict[tuple[Any, ...], "Driver"] = {}


def get_driver(settings: Settings) -> "Driver":
    """The process's driver for these settings, connected and verified (made once, reused)."""
    key = (settings.uri, settings.auth, settings.connection_acquisition_timeout,
           settings.max_transaction_retry_time)
    driver = _DRIVERS.get(key)
    if driver is not None:
        return driver
    import neo4j

    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=settings.auth,
            connection_acquisition_timeout=settings.connection_acquisition_timeout,
            connection_timeout=settings.connection_acquisition_timeout,
            max_transaction_retry_time=settings.max_transaction_retry_time)
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise Neo4jError(f"bad Neo4j URI {settings.uri!r}: {exc}",
                         hint="Use bolt://HOST:PORT or neo4j://HOST:PORT (or +s/+ssc for TLS).") from None
    verify(driver, settings)
    _DRIVERS[key] = driver
    return driver


def verify(driver: "Driver", settings: Settings) -> None:
    """Open one connection; a timed-out handshake is retried, a refusal is translated at once."""
    import neo4j.exceptions as nex

    for attempt in range(1, CONNECT_ATTEMPTS + 1):
        try:
            driver.verify_connectivity()
            return
        except nex.ServiceUnavailable as exc:
            if attempt == CONNECT_ATTEMPTS or "refused" in str(exc).lower():
                driver.close()
                raise translate(exc, settings) from None
            log.info("handshake with %s failed (%s); retrying", settings.uri, exc)
            time.sleep(0.1 * attempt)
        except Exception as exc:
            driver.close()
            raise translate(exc, settings) from exc


def close_drivers() -> None:
    """Close every driver this process opened (tests and atexit)."""
    while _DRIVERS:
        _, driver = _DRIVERS.popitem()
        driver.close()


atexit.register(close_drivers)


def translate(exc: BaseException, settings: Settings) -> Neo4jError:
    """One clear message for a driver failure; `exc` is any neo4j.exceptions error."""
    import neo4j.exceptions as nex

    where = settings.uri
    if isinstance(exc, nex.AuthError):
        who = settings.username or "(no username)"
        return Neo4jError(f"Neo4j at {where} refused the credentials for user {who!r}",
                          hint="Check --username/--password (NEO4J_USERNAME, NEO4J_PASSWORD).")
    if isinstance(exc, (nex.ServiceUnavailable, nex.SessionExpired)):
        return Neo4jError(f"cannot reach a Neo4j server at {where} ({_first_line(exc)})",
                          hint="Is the server running and the URI right? Set --uri or NEO4J_URI.")
    if isinstance(exc, nex.ClientError) and "database" in (exc.code or "").lower():
        return Neo4jError(f"Neo4j at {where}: {exc.message}",
                          hint="Check --database (NEO4J_DATABASE); `SHOW DATABASES` lists them.")
    if isinstance(exc, nex.Neo4jError):
        return Neo4jError(f"Neo4j at {where} failed: {exc.code}: {exc.message}",
                          hint="If this happened while connecting, the server may not accept these "
                               "credentials (FalkorDB takes no username).")
    return Neo4jError(f"Neo4j at {where}: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
