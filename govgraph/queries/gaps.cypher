// Twin of govgraph/queries/gaps.py. No params. One statement per kind of gap; each returns the
// nodes themselves (`node`), listed in reading order (source file, then line).

// query: recommendations_without_actions
MATCH (r:Recommendation)
OPTIONAL MATCH (a:Action)-[:ADDRESSES]->(r)
WITH r, count(a) AS n
WHERE n = 0
RETURN r AS node
ORDER BY r.sourceFile, r.sourceLine, r.id;

// query: actions_without_lead
MATCH (a:Action)
OPTIONAL MATCH (who)-[:LEADS]->(a)
WITH a, count(who) AS n
WHERE n = 0
RETURN a AS node
ORDER BY a.sourceFile, a.sourceLine, a.id;

// query: actions_without_board
// Monitored (by a board or a post) directly, or through a monitored plan that holds a recommendation the
// action addresses: govgraph/queries/monitoring.py.
MATCH (a:Action)
OPTIONAL MATCH (b1)-[:MONITORS]->(a)
OPTIONAL MATCH (a)-[:ADDRESSES]->(:Recommendation)<-[:HAS_RECOMMENDATION]-(:Plan)<-[:MONITORS]-(b2)
WITH a, count(b1) + count(b2) AS n
WHERE n = 0
RETURN a AS node
ORDER BY a.sourceFile, a.sourceLine, a.id;

// query: boards_without_route_up
// No REPORTS_TO, ESCALATES_TO or PART_OF out, and no chair who reports or escalates anywhere.
MATCH (b:Board)
OPTIONAL MATCH (b)-[up:REPORTS_TO|ESCALATES_TO|PART_OF]->()
OPTIONAL MATCH (b)<-[:CHAIRS]-(:Role)-[cu:REPORTS_TO|ESCALATES_TO]->()
WITH b, count(up) + count(cu) AS n
WHERE n = 0
RETURN b AS node
ORDER BY b.sourceFile, b.sourceLine, b.id;
