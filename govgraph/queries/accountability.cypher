// Twin of govgraph/queries/accountability.py.
// Params: $id (a Role or Person id for `lead`; a Board id for `board_monitors` and `board_chairs`).
// Each action comes with what the caller groups and lists: the recommendations it addresses, all
// its leads (joint leadership shows as more than one) and the boards and posts that monitor it,
// directly or through its plan.

// query: lead
MATCH (who {id: $id})-[:LEADS]->(a:Action)
RETURN a AS target, null AS via,
       [(a)-[:ADDRESSES]->(rec) | rec] AS recommendations,
       [(co)-[:LEADS]->(a) | co] AS leads,
       [(b)-[:MONITORS]->(a) | b] +
       [(b)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a) | b] AS boards
ORDER BY a.sourceFile, a.sourceLine, a.id;

// query: board_monitors
// Actions and plans the board monitors (plans come back with empty lists); `via` says how an action is
// monitored: `direct`, or `plan` when only through a plan the board monitors (govgraph/queries/monitoring.py).
MATCH (mb:Board {id: $id})-[:MONITORS]->(x)
RETURN x AS target, 'direct' AS via,
       [(x)-[:ADDRESSES]->(rec) | rec] AS recommendations,
       [(co)-[:LEADS]->(x) | co] AS leads,
       [(b)-[:MONITORS]->(x) | b] +
       [(b)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(x) | b] AS boards
UNION
MATCH (mb:Board {id: $id})-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(x:Action)
WHERE NOT (mb)-[:MONITORS]->(x)
RETURN DISTINCT x AS target, 'plan' AS via,
       [(x)-[:ADDRESSES]->(rec) | rec] AS recommendations,
       [(co)-[:LEADS]->(x) | co] AS leads,
       [(b)-[:MONITORS]->(x) | b] +
       [(b)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(x) | b] AS boards;

// query: board_chairs
MATCH (c)-[:CHAIRS]->(b:Board {id: $id})
RETURN c AS chair
ORDER BY c.name;
