"""govgraph: improvement plans as a governance and dependency graph.

The Python API is the product; the CLI in :mod:`govgraph.cli` is a thin layer over it.
Heavy modules (networkx, neo4j) are imported lazily so the CLI starts fast.
"""
import logging

__version__ = "0.1.0"
SCHEMA_VERSION = 1

logging.getLogger(__name__).addHandler(logging.NullHandler())
