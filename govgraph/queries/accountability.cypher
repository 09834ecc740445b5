// Twin of govgraph/queries/accountability.py.
// Params: $id (a Role or Person id for `lead`; a Board id for `board_monitors` and `board_chairs`).
// Each action comes with what the caller groups and lists: the recommendations it addresses, all
// its leads (joint leadership shows as more than one) and the boards that monitor it.

// query: lead
MATCH (who {id: $id})-[:LEADS]->(a:Action)
RETURN a AS target,
       [(a)-[:ADDRESSES]->(rec) | rec] AS recommendations,
       [(co)-[:LEADS]->(a) | co] AS leads,
       [(b)-[:MONITORS]->(a) | b] AS boards
ORDER BY a.sourceFile, a.sourceLine, a.id;

// query: board_monitors
// Actions and plans the board monitors (plans come back with empty lists).
MATCH (mb:Board {id: $id})-[:MONITORS]->(x)
RETURN x AS target,
       [(x)-[:ADDRESSES]->(rec) | rec] AS recommendations,
       [(co)-[:LEADS]->(x) | co] AS leads,
       [(b)-[:MONITORS]->(x) | b] AS boards
ORDER BY x.sourceFile, x.sourceLine, x.id;

// query: board_chairs
MATCH (c)-[:CHAIRS]->(b:Board {id: $id})
RETURN c AS chair
ORDER BY c.name;
