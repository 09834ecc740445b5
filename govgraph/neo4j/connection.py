"""Connection settings, the one driver per process, and how driver failures read to a user.

Connect fast, fail fast. Before the driver, plain TCP connections check something listens
(`sockets.reach`: a refusal is one message at once, and they spare FalkorDB's next handshake a hang).
The driver's first handshake may take at most `FIRST_ATTEMPT` seconds (or the whole timeout if
smaller); a handshake that times out is retried until the overall timeout. Every connection gets a
read timeout (`sockets.install_read_timeout`), so a frozen server or network ends the command.
One driver per process, reused: its pooled connection stays open between statements.
Settings default to the official driver's environment variables.
"""
from __future__ import annotations

import atexit
import logging
import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govgraph.errors import Neo4jError
from govgraph.neo4j import sockets

if TYPE_CHECKING:
    from neo4j import Driver

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

DEFAULT_URI = "bolt://localhost:7687"
"""bolt://, not neo4j://: a single server (Neo4j's default, `govgraph server start`) answers it, and a
server that does not route (FalkorDB) answers nothing else. Set neo4j:// for a cluster."""
FIRST_ATTEMPT = 1.0
"""Seconds the first handshake may take: a local or LAN server answers in milliseconds, and a hung
handshake (FalkorDB after another client's GOODBYE) is answered at once on the next connection."""
RETRY_PAUSE = 0.05
DEFAULT_READ_TIMEOUT = 60.0
"""Seconds to wait for any reply once connected: long enough for a large push transaction on Neo4j."""


@dataclass(frozen=True)
class Settings:
    """Where and as whom to connect. An empty username means no authentication."""

    uri: str = DEFAULT_URI
    username: str = ""
    password: str = field(default="", repr=False)
    database: str | None = None
    connection_acquisition_timeout: float = 10.0
    """Seconds to get a connection, every attempt included (`--timeout`)."""
    max_transaction_retry_time: float = 10.0
    """Seconds to keep retrying a transaction that failed transiently (the CLI's `--timeout` too)."""
    read_timeout: float | None = DEFAULT_READ_TIMEOUT
    """Seconds to wait for a reply once connected (`--read-timeout`); None waits for ever."""
    uri_option: str = "--uri"
    """The command's option for the URI, named in the hints (`govgraph query` takes `--neo4j`)."""

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


def _acquisition_timeout() -> type[Exception]:
    """The driver's error for "no connection within the timeout" (a ServiceUnavailable before 5.x's own)."""
    import neo4j.exceptions as nex

    return getattr(nex, "ConnectionAcquisitionTimeoutError", nex.ServiceUnavailable)


def get_driver(settings: Settings) -> "Driver":
    """The process's driver for these settings, connected and verified (made once, reused)."""
    key = (settings.uri, settings.auth, settings.connection_acquisition_timeout,
           settings.max_transaction_retry_time)
    sockets.install_read_timeout(settings.read_timeout)
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
    try:
        sockets.reach(settings.uri, settings.connection_acquisition_timeout, option=settings.uri_option)
        verify(driver, settings)
    except BaseException:
        driver.close()
        raise
    _DRIVERS[key] = driver
    return driver


def attempts(timeout: float, first: float = FIRST_ATTEMPT) -> list[float]:
    """How long each handshake attempt may take: a short first one, each next one twice as long, all
    within `timeout`.

    >>> attempts(10.0), attempts(0.5)
    ([1.0, 2.0, 4.0, 3.0], [0.5])
    """
    out: list[float] = []
    wait, left = min(first, timeout), timeout
    while left > RETRY_PAUSE:
        out.append(min(wait, left))
        left -= out[-1]
        wait *= 2
    return out


def verify(driver: "Driver", settings: Settings) -> None:
    """Get one connection and run `RETURN 1` on it, within the overall timeout.

    An attempt whose handshake times out is retried with the time left, after a TCP poke
    (`sockets.reach`): FalkorDB can leave two handshakes in a row unanswered after a GOODBYE, and a
    poke between them gets the next one answered. Anything else (refused credentials, an unknown
    database) is translated at once.
    """
    import neo4j
    import neo4j.exceptions as nex

    acquisition = _acquisition_timeout()
    deadline = time.monotonic() + settings.connection_acquisition_timeout
    for wait in attempts(settings.connection_acquisition_timeout):
        wait = min(wait, deadline - time.monotonic())
        try:
            with driver.session(database=settings.database, default_access_mode=neo4j.READ_ACCESS,
                                connection_acquisition_timeout=max(wait, 0.01)) as session:
                session.run("RETURN 1").consume()
            return
        except (nex.ServiceUnavailable, nex.SessionExpired, acquisition) as exc:
            if not (sockets.timed_out(exc) or isinstance(exc, acquisition)):
                raise translate(exc, settings) from None  # refused, reset, no routing: retrying cannot help
            last: BaseException = exc
            log.info("handshake with %s failed within %.2fs (%s)", settings.uri, wait, exc)
            time.sleep(RETRY_PAUSE)
            sockets.reach(settings.uri, max(min(1.0, deadline - time.monotonic()), 0.01), option=settings.uri_option)
        except nex.DriverError as exc:
            raise translate(exc, settings) from None
        except nex.Neo4jError as exc:
            raise translate(exc, settings) from None
    raise translate(last, settings, connecting=True) from None


def close_drivers() -> None:
    """Close every driver this process opened (tests and atexit)."""
    while _DRIVERS:
        _, driver = _DRIVERS.popitem()
        driver.close()


atexit.register(close_drivers)


def translate(exc: BaseException, settings: Settings, connecting: bool = False) -> Neo4jError:
    """One clear message for a driver failure; `exc` is any neo4j.exceptions error."""
    import neo4j.exceptions as nex

    acquisition = _acquisition_timeout()
    where = settings.uri
    if isinstance(exc, nex.AuthError):
        who = settings.username or "(no username)"
        return Neo4jError(f"Neo4j at {where} refused the credentials for user {who!r}",
                          hint="Check --username/--password (NEO4J_USERNAME, NEO4J_PASSWORD).")
    if isinstance(exc, (nex.ServiceUnavailable, nex.SessionExpired, acquisition)):
        return _unavailable(exc, settings, connecting)
    if isinstance(exc, nex.ClientError) and "database" in (exc.code or "").lower():
        return Neo4jError(f"Neo4j at {where}: {exc.message}",
                          hint="Check --database (NEO4J_DATABASE); `SHOW DATABASES` lists them.")
    if isinstance(exc, nex.Neo4jError):
        return Neo4jError(f"Neo4j at {where} failed: {exc.code}: {exc.message}",
                          hint="If this happened while connecting, the server may not accept these "
                               "credentials (FalkorDB takes no username).")
    return Neo4jError(f"Neo4j at {where}: {_first_line(exc)}")


def _unavailable(exc: BaseException, settings: Settings, connecting: bool) -> Neo4jError:
    where = settings.uri
    text = _first_line(exc)
    if settings.uri.startswith("neo4j") and ("routing" in text.lower() or "towards" in text.lower()):
        return Neo4jError(f"cannot reach a Neo4j server at {where} ({text})",
                          hint="A single server that does not route (FalkorDB, `govgraph server start`) "
                               "needs bolt://HOST:PORT.")
    if connecting:
        return Neo4jError(f"no Bolt handshake from {where} within {settings.connection_acquisition_timeout:g}s "
                          f"({text})", hint="The port is open but the server does not answer: is it a Bolt "
                                            "port, and the server not overloaded? Try a longer --timeout.")
    if sockets.timed_out(exc):
        return Neo4jError(f"Neo4j at {where} stopped answering (no reply within "
                          f"{sockets.read_timeout() or 0:g}s)",
                          hint="The server or the network froze. Try again; a push is finished by running it "
                               "again. --read-timeout sets the wait.")
    return Neo4jError(f"cannot reach a Neo4j server at {where} ({text})",
                      hint=f"Is the server running and the URI right? Set {settings.uri_option} or NEO4J_URI.")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
