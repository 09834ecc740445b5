// Twin of the parts half of govgraph/queries/monitoring.py: the boards PART_OF a board, transitively.
// The other half, "monitored", is spelled inside each question's twin as
// (w)-[:MONITORS]->(a) OR (w)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a).
// Params: $id, a Board id.

// query: parts
MATCH (p:Board)-[:PART_OF*1..20]->(b:Board {id: $id})
WHERE p.id <> $id
RETURN DISTINCT p.id AS id
ORDER BY id;
