// Twin of govgraph/queries/impact.py.
// Params: $id (the start node's id), $depth (maximum depth, or null for no limit).
// Walks the undirected view and keeps only the steps the Python walk takes (checked per step):
// against DEPENDS_ON, REFERS_TO, HAS_RECOMMENDATION and MONITORS (into boards, which end a path);
// along ADDRESSES; along DELIVERED_BY from an action then back to a sibling action; against
// DELIVERED_BY and PART_OF from a work package/project/workstream; along LEADS or MONITORS only
// from the start. Depth counts a hop through a shared work package as one, as in Python.
// Paths are capped at 10 relationships (variable-length bounds cannot be parameters).

// query: impact
MATCH (s {id: $id})
MATCH p = (s)-[:DEPENDS_ON|DELIVERED_BY|ADDRESSES|REFERS_TO|MONITORS|HAS_RECOMMENDATION|PART_OF|LEADS*1..10]-(n)
WHERE n <> s
  AND all(x IN nodes(p)[1..-1] WHERE NOT x:Board AND NOT x:Role AND NOT x:Person)
  AND all(i IN range(0, size(relationships(p)) - 1) WHERE
    CASE type(relationships(p)[i])
      WHEN 'DEPENDS_ON' THEN endNode(relationships(p)[i]) = nodes(p)[i]
      WHEN 'REFERS_TO' THEN endNode(relationships(p)[i]) = nodes(p)[i]
      WHEN 'HAS_RECOMMENDATION' THEN endNode(relationships(p)[i]) = nodes(p)[i]
      WHEN 'ADDRESSES' THEN startNode(relationships(p)[i]) = nodes(p)[i]
      WHEN 'MONITORS' THEN (endNode(relationships(p)[i]) = nodes(p)[i])
                        OR (i = 0 AND startNode(relationships(p)[i]) = nodes(p)[i])
      WHEN 'LEADS' THEN i = 0 AND startNode(relationships(p)[i]) = nodes(p)[i]
      WHEN 'PART_OF' THEN endNode(relationships(p)[i]) = nodes(p)[i]
                      AND (i = 0 OR type(relationships(p)[i - 1]) = 'PART_OF')
                      AND NOT nodes(p)[i]:Board
      WHEN 'DELIVERED_BY' THEN
        (startNode(relationships(p)[i]) = nodes(p)[i] AND i < size(relationships(p)) - 1
           AND type(relationships(p)[i + 1]) = 'DELIVERED_BY')
        OR (endNode(relationships(p)[i]) = nodes(p)[i])
      ELSE false
    END)
WITH n, p,
     size(relationships(p))
       - size([i IN range(0, size(relationships(p)) - 1)
               WHERE type(relationships(p)[i]) = 'DELIVERED_BY'
                 AND startNode(relationships(p)[i]) = nodes(p)[i]]) AS depth
WHERE $depth IS NULL OR depth <= $depth
WITH n, depth, p ORDER BY depth, length(p)
WITH n, collect({depth: depth, path: [x IN nodes(p) | x.id],
                 types: [r IN relationships(p) | type(r)]})[0] AS best
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.ref AS ref, n.rag AS rag,
       best.depth AS depth, best.path AS path, best.types AS types
ORDER BY depth, label, id;
