// Twin of govgraph/queries/workload.py.
// One row per post and action it leads: the Role, the action's id, status and due value, and the plans
// holding the action. Counting is left to the caller, which judges each action once, as of its plans'
// dates as overdue.cypher describes (or the given date), however many posts lead it. Plans are
// gathered by OPTIONAL MATCH and collect, not a pattern comprehension (see overdue.cypher).

// query: workload
MATCH (l:Role)-[:LEADS]->(a:Action)
OPTIONAL MATCH (pl:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a)
WITH l, a, collect(DISTINCT pl) AS plans
RETURN l AS lead, a.id AS action, coalesce(a.rag, 'UNKNOWN') AS rag, a.due AS due, plans
ORDER BY l.id, action;
