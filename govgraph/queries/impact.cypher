// Twin of govgraph/queries/impact.py.
// Params: $id (the start node's id), $depth (maximum depth, or null for no limit).
// Walks the undirected view and keeps only the steps the Python walk takes (checked per step):
// against DEPENDS_ON, REFERS_TO, HAS_RECOMMENDATION and MONITORS (into boards, which end a path);
// along ADDRESSES; along DELIVERED_BY from an action then back to a sibling action; against
// DELIVERED_BY and PART_OF from a work package/project/workstream; along LEADS or MONITORS only
// from the start. Depth counts a hop through a shared work package as one, as in Python.
// Paths are capped at 7 relationships (variable-length bounds cannot be parameters; longer caps
// make FalkorDB enumerate millions of walks). Each row is one reached node with every walk of its
// least depth; the caller picks the walk a breadth-first search with targets in id order takes.

// query: impact
MATCH (s {id: $id})
MATCH p = (s)-[:DEPENDS_ON|DELIVERED_BY|ADDRESSES|REFERS_TO|MONITORS|HAS_RECOMMENDATION|PART_OF|LEADS*1..7]-(n)
WITH s, n, p, nodes(p) AS ns, relationships(p) AS rs
WHERE n <> s
  AND all(x IN ns[1..-1] WHERE NOT x:Board AND NOT x:Role AND NOT x:Person)
  AND all(i IN range(0, size(rs) - 1) WHERE
    CASE type(rs[i])
      WHEN 'DEPENDS_ON' THEN endNode(rs[i]).id = ns[i].id
      WHEN 'REFERS_TO' THEN endNode(rs[i]).id = ns[i].id
      WHEN 'HAS_RECOMMENDATION' THEN endNode(rs[i]).id = ns[i].id
      WHEN 'ADDRESSES' THEN startNode(rs[i]).id = ns[i].id
      WHEN 'MONITORS' THEN (endNode(rs[i]).id = ns[i].id)
                        OR (i = 0 AND startNode(rs[i]).id = ns[i].id)
      WHEN 'LEADS' THEN i = 0 AND startNode(rs[i]).id = ns[i].id
      WHEN 'PART_OF' THEN endNode(rs[i]).id = ns[i].id
                      AND (i = 0 OR type(rs[i - 1]) = 'PART_OF')
                      AND NOT ns[i]:Board
      WHEN 'DELIVERED_BY' THEN
        (startNode(rs[i]).id = ns[i].id AND i < size(rs) - 1
           AND type(rs[i + 1]) = 'DELIVERED_BY')
        OR (endNode(rs[i]).id = ns[i].id)
      ELSE false
    END)
WITH n, p, rs, ns,
     size(rs)
       - size([i IN range(0, size(rs) - 1)
               WHERE type(rs[i]) = 'DELIVERED_BY'
                 AND startNode(rs[i]).id = ns[i].id]) AS depth
WHERE $depth IS NULL OR depth <= $depth
WITH n, collect({depth: depth, nodes: nodes(p),
                 links: [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
                         sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote}]}) AS walks
WITH n, walks, reduce(m = 1000000, w IN walks | CASE WHEN w.depth < m THEN w.depth ELSE m END) AS best
RETURN n AS node, best AS depth, [w IN walks WHERE w.depth = best] AS walks;
