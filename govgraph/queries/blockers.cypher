// Twin of govgraph/queries/blockers.py.
// Params: $plan, $board, $lead: node ids, or null for no filter (the filters apply to the RED action:
// $board MONITORS it, $lead LEADS it; $plan HAS_RECOMMENDATION the blocked recommendation).
// One row per (recommendation, RED action, reason path); group by recommendation and keep the
// shortest path per RED action, preferring addresses < depends_on < shared_*, as the Python does.

// query: blockers
MATCH (red:Action {rag: 'RED'})
OPTIONAL MATCH (mb:Board)-[:MONITORS]->(red)
OPTIONAL MATCH (ld)-[:LEADS]->(red)
WITH red, collect(DISTINCT mb.id) AS boards, collect(DISTINCT ld.id) AS leads
WHERE ($board IS NULL OR $board IN boards) AND ($lead IS NULL OR $lead IN leads)
MATCH p = (red)-[:ADDRESSES]->(rec:Recommendation)
OPTIONAL MATCH (pl:Plan)-[:HAS_RECOMMENDATION]->(rec)
WITH red, rec, p, collect(pl.id) AS plans
WHERE $plan IS NULL OR $plan IN plans
RETURN rec.id AS recommendation, rec.ref AS ref, plans, red.id AS blocker, 'addresses' AS via,
       [n IN nodes(p) | n.id] AS path, length(p) AS hops
UNION ALL
MATCH (red:Action {rag: 'RED'})
OPTIONAL MATCH (mb:Board)-[:MONITORS]->(red)
OPTIONAL MATCH (ld)-[:LEADS]->(red)
WITH red, collect(DISTINCT mb.id) AS boards, collect(DISTINCT ld.id) AS leads
WHERE ($board IS NULL OR $board IN boards) AND ($lead IS NULL OR $lead IN leads)
MATCH p = (red)<-[:DEPENDS_ON*1..20]-(dep:Action)-[:ADDRESSES]->(rec:Recommendation)
OPTIONAL MATCH (pl:Plan)-[:HAS_RECOMMENDATION]->(rec)
WITH red, rec, p, collect(pl.id) AS plans
WHERE $plan IS NULL OR $plan IN plans
RETURN rec.id AS recommendation, rec.ref AS ref, plans, red.id AS blocker, 'depends_on' AS via,
       [n IN nodes(p) | n.id] AS path, length(p) AS hops
UNION ALL
MATCH (red:Action {rag: 'RED'})
OPTIONAL MATCH (mb:Board)-[:MONITORS]->(red)
OPTIONAL MATCH (ld)-[:LEADS]->(red)
WITH red, collect(DISTINCT mb.id) AS boards, collect(DISTINCT ld.id) AS leads
WHERE ($board IS NULL OR $board IN boards) AND ($lead IS NULL OR $lead IN leads)
MATCH p = (red)-[:DELIVERED_BY]->(box)<-[:DELIVERED_BY]-(other:Action)-[:ADDRESSES]->(rec:Recommendation)
WHERE other <> red
OPTIONAL MATCH (pl:Plan)-[:HAS_RECOMMENDATION]->(rec)
WITH red, rec, p, box, collect(pl.id) AS plans
WHERE $plan IS NULL OR $plan IN plans
RETURN rec.id AS recommendation, rec.ref AS ref, plans, red.id AS blocker,
       CASE WHEN box:Project THEN 'shared_project' ELSE 'shared_work_package' END AS via,
       [n IN nodes(p) | n.id] AS path, length(p) AS hops;
