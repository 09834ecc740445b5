// Twin of govgraph/queries/escalation.py.
// Params: $id (a Board or Role id) for `up` and `down`; none for `all`.
// Upward steps: along REPORTS_TO, ESCALATES_TO, PART_OF (board to board); against CHAIRS (a board
// to its chair). One row per maximal chain with no repeated node; `closesCycle` is true when the
// chain stops only because every way on leads back into it (the Python reports the loop itself).
// Chains are capped at 12 links (variable-length bounds cannot be parameters).

// query: up
MATCH (s {id: $id})
MATCH p = (s)-[:REPORTS_TO|ESCALATES_TO|PART_OF|CHAIRS*1..12]-(top)
WHERE all(x IN nodes(p) WHERE x:Board OR x:Role)
  AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  AND all(i IN range(0, size(relationships(p)) - 1) WHERE
    CASE type(relationships(p)[i])
      WHEN 'CHAIRS' THEN endNode(relationships(p)[i]) = nodes(p)[i]
      ELSE startNode(relationships(p)[i]) = nodes(p)[i]
    END)
OPTIONAL MATCH (top)-[:REPORTS_TO|ESCALATES_TO|PART_OF]->(n1)
OPTIONAL MATCH (top)<-[:CHAIRS]-(n2)
WITH p, collect(DISTINCT n1) + collect(DISTINCT n2) AS nexts
WHERE all(x IN nexts WHERE x IN nodes(p))
RETURN [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote}] AS links,
       [x IN nodes(p) | x.id] AS chain, size(nexts) > 0 AS closesCycle
ORDER BY size(chain), chain;

// query: down
MATCH (s {id: $id})
MATCH p = (s)-[:REPORTS_TO|ESCALATES_TO|PART_OF|CHAIRS*1..12]-(bottom)
WHERE all(x IN nodes(p) WHERE x:Board OR x:Role)
  AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  AND all(i IN range(0, size(relationships(p)) - 1) WHERE
    CASE type(relationships(p)[i])
      WHEN 'CHAIRS' THEN startNode(relationships(p)[i]) = nodes(p)[i]
      ELSE endNode(relationships(p)[i]) = nodes(p)[i]
    END)
OPTIONAL MATCH (bottom)<-[:REPORTS_TO|ESCALATES_TO|PART_OF]-(n1)
OPTIONAL MATCH (bottom)-[:CHAIRS]->(n2)
WITH p, collect(DISTINCT n1) + collect(DISTINCT n2) AS nexts
WHERE all(x IN nexts WHERE x IN nodes(p))
RETURN [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote}] AS links,
       [x IN nodes(p) | x.id] AS chain, size(nexts) > 0 AS closesCycle
ORDER BY size(chain), chain;

// query: all
// From every board or role that nobody escalates to (lines that are pure loops are left out here).
MATCH (s)
WHERE s:Board OR s:Role
OPTIONAL MATCH (s)<-[:REPORTS_TO|ESCALATES_TO|PART_OF]-(b1)
OPTIONAL MATCH (s)-[:CHAIRS]->(b2)
WITH s, count(b1) + count(b2) AS below
WHERE below = 0
MATCH p = (s)-[:REPORTS_TO|ESCALATES_TO|PART_OF|CHAIRS*1..12]-(top)
WHERE all(x IN nodes(p) WHERE x:Board OR x:Role)
  AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  AND all(i IN range(0, size(relationships(p)) - 1) WHERE
    CASE type(relationships(p)[i])
      WHEN 'CHAIRS' THEN endNode(relationships(p)[i]) = nodes(p)[i]
      ELSE startNode(relationships(p)[i]) = nodes(p)[i]
    END)
OPTIONAL MATCH (top)-[:REPORTS_TO|ESCALATES_TO|PART_OF]->(n1)
OPTIONAL MATCH (top)<-[:CHAIRS]-(n2)
WITH p, collect(DISTINCT n1) + collect(DISTINCT n2) AS nexts
WHERE all(x IN nexts WHERE x IN nodes(p))
RETURN [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote}] AS links,
       [x IN nodes(p) | x.id] AS chain, size(nexts) > 0 AS closesCycle
ORDER BY chain;
