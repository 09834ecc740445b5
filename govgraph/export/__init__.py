"""Offline exports for analysts without a live connection: a Cypher script, neo4j-admin CSV, GraphML,
a Neo4j Browser style (GraSS) and the Cypher twins as Browser favourites.

Every export goes through `govgraph.neo4j.rows`, so it writes the same labels, properties and
document tags as `govgraph neo4j push`.
"""
