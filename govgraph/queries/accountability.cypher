// Twin of govgraph/queries/accountability.py.
// Params: $id (a Role or Person id for `lead`; a Board id for `board_monitors` and `board_chairs`).

// query: lead
// One row per (recommendation, action) the subject LEADS; recommendation is null when none.
MATCH (who {id: $id})-[:LEADS]->(a:Action)
OPTIONAL MATCH (a)-[:ADDRESSES]->(rec:Recommendation)
OPTIONAL MATCH (b:Board)-[:MONITORS]->(a)
OPTIONAL MATCH (co)-[:LEADS]->(a)
RETURN rec.id AS recommendation, rec.ref AS recommendationRef, a.id AS action, a.ref AS ref,
       coalesce(a.rag, 'UNKNOWN') AS rag, a.due AS due,
       collect(DISTINCT co.id) AS leads, collect(DISTINCT b.id) AS boards
ORDER BY recommendation, a.sourceFile, a.sourceLine;

// query: board_monitors
MATCH (b:Board {id: $id})-[:MONITORS]->(x)
OPTIONAL MATCH (x)-[:ADDRESSES]->(rec:Recommendation)
RETURN labels(x)[0] AS label, x.id AS id, x.ref AS ref, x.rag AS rag, x.due AS due,
       collect(DISTINCT rec.id) AS recommendations
ORDER BY label, x.sourceFile, x.sourceLine;

// query: board_chairs
MATCH (c:Role)-[:CHAIRS]->(b:Board {id: $id})
RETURN c.id AS id, c.name AS name
ORDER BY name;
