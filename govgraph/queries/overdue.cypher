// Twin of govgraph/queries/overdue.py.
// Params: $asOf (an ISO date string, e.g. '2015-06-30', or null: each plan is judged as of its own
// asOf, and a plan with none, or an action in no plan, as of $today); $today (an ISO date string);
// $plan, $lead: node ids, $boards: a list of ids (a board and, with parts, its sub-groups: see
// monitoring.cypher), or null for no filter. $boards monitor an action directly or through its plan.
// Dates are compared as ISO strings. A partial due date counts to the end of its period: '2014' is
// read as '2014-12-31' and '2014-10' as '2014-10-31' (a '-31' pad sorts after every real day of
// the month). An action in several plans is judged as of the latest of their dates. Days late, the
// plan each action is judged by, and whether a due date is a real date at all, are left to the caller
// (no date arithmetic here), which is why `open_actions` lists every open action's due value.
// Each action's plans, leads and watchers are gathered by OPTIONAL MATCH and collect, one WITH each:
// on FalkorDB (1.4.1) that is 5-20 times faster than pattern comprehensions, and it rejects
// `carried + collect(...)` in one WITH, so the two kinds of watcher are summed in the WHERE.

// query: overdue
MATCH (a:Action)
WHERE a.due IS NOT NULL AND NOT coalesce(a.rag, 'UNKNOWN') IN ['GREEN', 'BLUE']
OPTIONAL MATCH (pl:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a)
WITH a, collect(DISTINCT pl) AS plans
WHERE $plan IS NULL OR $plan IN [p IN plans | p.id]
OPTIONAL MATCH (ld)-[:LEADS]->(a)
WITH a, plans, collect(DISTINCT ld) AS leads
WHERE $lead IS NULL OR $lead IN [x IN leads | x.id]
OPTIONAL MATCH (mb)-[:MONITORS]->(a)
WITH a, plans, leads, collect(DISTINCT mb.id) AS direct
OPTIONAL MATCH (pb)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a)
WITH a, plans, leads, direct, collect(DISTINCT pb.id) AS viaPlan
WHERE $boards IS NULL OR any(w IN direct + viaPlan WHERE w IN $boards)
WITH a, plans, leads,
     CASE size(a.due)
       WHEN 4 THEN a.due + '-12-31'
       WHEN 7 THEN a.due + '-31'
       ELSE substring(a.due, 0, 10)
     END AS dueBy,
     CASE
       WHEN $asOf IS NOT NULL THEN $asOf
       WHEN size(plans) = 0 THEN $today
       ELSE reduce(d = '', p IN plans | CASE WHEN coalesce(p.asOf, $today) > d THEN coalesce(p.asOf, $today) ELSE d END)
     END AS judgedOn
WHERE dueBy < judgedOn
OPTIONAL MATCH (a)-[:ADDRESSES]->(rec)
WITH a, plans, leads, collect(DISTINCT rec) AS recommendations
RETURN a AS action, a.due AS due, coalesce(a.rag, 'UNKNOWN') AS rag, plans, leads, recommendations
ORDER BY due, a.id;

// query: open_actions
// Every action in view not GREEN or BLUE, with its due value (null when none) and its plans: the
// caller counts the ones without a readable date as `undated` and lists the plans' dates.
MATCH (a:Action)
WHERE NOT coalesce(a.rag, 'UNKNOWN') IN ['GREEN', 'BLUE']
OPTIONAL MATCH (pl:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a)
WITH a, collect(DISTINCT pl) AS plans
WHERE $plan IS NULL OR $plan IN [p IN plans | p.id]
OPTIONAL MATCH (ld)-[:LEADS]->(a)
WITH a, plans, collect(DISTINCT ld.id) AS leadIds
WHERE $lead IS NULL OR $lead IN leadIds
OPTIONAL MATCH (mb)-[:MONITORS]->(a)
WITH a, plans, collect(DISTINCT mb.id) AS direct
OPTIONAL MATCH (pb)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a)
WITH a, plans, direct, collect(DISTINCT pb.id) AS viaPlan
WHERE $boards IS NULL OR any(w IN direct + viaPlan WHERE w IN $boards)
RETURN a.id AS id, a.due AS due, plans
ORDER BY id;
