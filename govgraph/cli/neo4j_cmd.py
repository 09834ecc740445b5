"""Placeholder: the `neo4j` commands are being written (see the issue for neo4j)."""
