// Twin of govgraph/queries/blockers.py.
// Params: $plan, $lead: node ids, $boards: a list of ids (a board and, with parts, its sub-groups: see
// monitoring.cypher), or null for no filter. The filters apply to the RED action: one of $boards monitors
// it, directly or through its plan (govgraph/queries/monitoring.py), $lead LEADS it; $plan
// HAS_RECOMMENDATION the blocked recommendation.
// One row per (recommendation, RED action, reason path); the caller keeps, per recommendation and
// RED action, the best reason: addresses < depends_on < shared_*, then the shorter path.

// query: red_actions
// The RED actions considered once the board and lead filters apply.
MATCH (red:Action {rag: 'RED'})
OPTIONAL MATCH (mb)-[:MONITORS]->(red)
OPTIONAL MATCH (pb)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(red)
OPTIONAL MATCH (ld)-[:LEADS]->(red)
WITH red, collect(DISTINCT mb.id) + collect(DISTINCT pb.id) AS boards, collect(DISTINCT ld.id) AS leads
WHERE ($boards IS NULL OR any(b IN boards WHERE b IN $boards)) AND ($lead IS NULL OR $lead IN leads)
RETURN red.id AS id
ORDER BY id;

// query: blockers
MATCH (red:Action {rag: 'RED'})
OPTIONAL MATCH (mb)-[:MONITORS]->(red)
OPTIONAL MATCH (pb)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(red)
OPTIONAL MATCH (ld)-[:LEADS]->(red)
WITH red, collect(DISTINCT mb.id) + collect(DISTINCT pb.id) AS boards, collect(DISTINCT ld.id) AS leads
WHERE ($boards IS NULL OR any(b IN boards WHERE b IN $boards)) AND ($lead IS NULL OR $lead IN leads)
MATCH p = (red)-[:ADDRESSES]->(rec)
WITH red, rec, p, [(pl:Plan)-[:HAS_RECOMMENDATION]->(rec) | pl] AS plans
WHERE $plan IS NULL OR $plan IN [x IN plans | x.id]
RETURN rec AS recommendation, plans, red.id AS blocker, 'addresses' AS via, nodes(p) AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}] AS links
UNION ALL
MATCH (red:Action {rag: 'RED'})
OPTIONAL MATCH (mb)-[:MONITORS]->(red)
OPTIONAL MATCH (pb)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(red)
OPTIONAL MATCH (ld)-[:LEADS]->(red)
WITH red, collect(DISTINCT mb.id) + collect(DISTINCT pb.id) AS boards, collect(DISTINCT ld.id) AS leads
WHERE ($boards IS NULL OR any(b IN boards WHERE b IN $boards)) AND ($lead IS NULL OR $lead IN leads)
MATCH p = (red)<-[:DEPENDS_ON*1..20]-(dep:Action)-[:ADDRESSES]->(rec)
WITH red, rec, p, nodes(p) AS ns
WHERE NOT red.id IN [x IN ns[1..size(ns) - 1] | x.id]
WITH red, rec, p, [(pl:Plan)-[:HAS_RECOMMENDATION]->(rec) | pl] AS plans
WHERE $plan IS NULL OR $plan IN [x IN plans | x.id]
RETURN rec AS recommendation, plans, red.id AS blocker, 'depends_on' AS via, nodes(p) AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}] AS links
UNION ALL
MATCH (red:Action {rag: 'RED'})
OPTIONAL MATCH (mb)-[:MONITORS]->(red)
OPTIONAL MATCH (pb)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(red)
OPTIONAL MATCH (ld)-[:LEADS]->(red)
WITH red, collect(DISTINCT mb.id) + collect(DISTINCT pb.id) AS boards, collect(DISTINCT ld.id) AS leads
WHERE ($boards IS NULL OR any(b IN boards WHERE b IN $boards)) AND ($lead IS NULL OR $lead IN leads)
MATCH p = (red)-[:DELIVERED_BY]->(box)<-[:DELIVERED_BY]-(other:Action)-[:ADDRESSES]->(rec)
WHERE other.id <> red.id
WITH red, rec, p, box, [(pl:Plan)-[:HAS_RECOMMENDATION]->(rec) | pl] AS plans
WHERE $plan IS NULL OR $plan IN [x IN plans | x.id]
RETURN rec AS recommendation, plans, red.id AS blocker,
       CASE WHEN box:Project THEN 'shared_project' ELSE 'shared_work_package' END AS via, nodes(p) AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}] AS links;
