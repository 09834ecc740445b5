// Twin of govgraph/queries/overdue.py.
// Params: $asOf (an ISO date string, e.g. '2015-06-30').
// Dates are compared as ISO strings. A partial due date counts to the end of its period: '2014' is
// read as '2014-12-31' and '2014-10' as '2014-10-31' (a '-31' pad sorts after every real day of
// the month). Days late are left to the caller (no date arithmetic here).

// query: overdue
MATCH (a:Action)
WHERE a.due IS NOT NULL AND NOT coalesce(a.rag, 'UNKNOWN') IN ['GREEN', 'BLUE']
WITH a, CASE size(a.due)
          WHEN 4 THEN a.due + '-12-31'
          WHEN 7 THEN a.due + '-31'
          ELSE substring(a.due, 0, 10)
        END AS dueBy
WHERE dueBy < $asOf
OPTIONAL MATCH (who)-[:LEADS]->(a)
OPTIONAL MATCH (a)-[:ADDRESSES]->(rec:Recommendation)
RETURN a.id AS action, a.ref AS ref, a.due AS due, coalesce(a.rag, 'UNKNOWN') AS rag,
       collect(DISTINCT who.id) AS leads, collect(DISTINCT rec.id) AS recommendations
ORDER BY due, action;
