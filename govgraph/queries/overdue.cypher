// Twin of govgraph/queries/overdue.py.
// Params: $asOf (an ISO date string, e.g. '2015-06-30').
// Dates are compared as ISO strings. A partial due date counts to the end of its period: '2014' is
// read as '2014-12-31' and '2014-10' as '2014-10-31' (a '-31' pad sorts after every real day of
// the month). Days late, and whether a due date is a real date at all, are left to the caller
// (no date arithmetic here), which is why `open_actions` lists every open action's due value.

// query: overdue
MATCH (a:Action)
WHERE a.due IS NOT NULL AND NOT coalesce(a.rag, 'UNKNOWN') IN ['GREEN', 'BLUE']
WITH a, CASE size(a.due)
          WHEN 4 THEN a.due + '-12-31'
          WHEN 7 THEN a.due + '-31'
          ELSE substring(a.due, 0, 10)
        END AS dueBy
WHERE dueBy < $asOf
RETURN a AS action, a.due AS due, coalesce(a.rag, 'UNKNOWN') AS rag,
       [(who)-[:LEADS]->(a) | who] AS leads,
       [(a)-[:ADDRESSES]->(rec) | rec] AS recommendations
ORDER BY due, a.id;

// query: open_actions
// Every action not GREEN or BLUE, with its due value (null when none): the caller counts the
// ones without a readable date as `undated`.
MATCH (a:Action)
WHERE NOT coalesce(a.rag, 'UNKNOWN') IN ['GREEN', 'BLUE'] AND $asOf IS NOT NULL
RETURN a.id AS id, a.due AS due
ORDER BY id;
