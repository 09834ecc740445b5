"""Neo4j (Bolt) side of govgraph: push a graph, run the Cypher twins of the questions, ad-hoc reads.

Layered like the rest: `rows` turns the graph into parameter rows, `statements` builds the Cypher,
`push` sends it through one `connection` driver. Nothing here prints; the CLI reports progress through
callbacks. The `neo4j` driver is imported only inside functions so `govgraph --help` stays fast.
"""
