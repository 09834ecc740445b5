// Twin of govgraph/queries/impact.py.
// `hops` is the walk govgraph runs: given the ids of one breadth-first layer ($frontier), it returns
// every hop the Python walk may take from each of them, as (from, nodes, links): one link for a
// plain hop, two for the step through a shared work package or project (which counts as one hop).
// Rules by the label of the node left: an Action is left against DEPENDS_ON, REFERS_TO, MONITORS and
// along ADDRESSES, or to a sibling through its package; a Recommendation against REFERS_TO and
// HAS_RECOMMENDATION; a Plan against MONITORS; a container against DELIVERED_BY and against PART_OF
// from another container; a Role or Person along LEADS and a Board along MONITORS (only ever the
// start: boards and posts that monitor, reached on the way, are not walked further). The caller keeps
// the depth, the order
// (targets in id order) and what was seen, so there is no cap on how far the walk goes.

// query: hops
UNWIND $frontier AS fid
MATCH (n {id: fid})-[r]-(m)
WHERE (n:Action AND ((type(r) IN ['DEPENDS_ON', 'REFERS_TO', 'MONITORS'] AND endNode(r).id = fid)
                     OR (type(r) = 'ADDRESSES' AND startNode(r).id = fid)))
   OR (n:Recommendation AND type(r) IN ['REFERS_TO', 'HAS_RECOMMENDATION'] AND endNode(r).id = fid)
   OR (n:Plan AND type(r) = 'MONITORS' AND endNode(r).id = fid)
   OR ((n:WorkPackage OR n:Project OR n:Workstream OR n:Programme) AND endNode(r).id = fid
       AND (type(r) = 'DELIVERED_BY'
            OR (type(r) = 'PART_OF' AND (m:WorkPackage OR m:Project OR m:Workstream OR m:Programme))))
   OR ((n:Role OR n:Person) AND type(r) = 'LEADS' AND startNode(r).id = fid)
   OR (n:Board AND type(r) = 'MONITORS' AND startNode(r).id = fid)
RETURN fid AS from, [m] AS nodes,
       [{type: type(r), source: startNode(r).id, target: endNode(r).id,
         sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}] AS links
UNION ALL
UNWIND $frontier AS fid
MATCH (n:Action {id: fid})-[r1:DELIVERED_BY]->(box)<-[r2:DELIVERED_BY]-(m)
WHERE m.id <> fid
RETURN fid AS from, [box, m] AS nodes,
       [{type: type(r1), source: startNode(r1).id, target: endNode(r1).id,
         sourceFile: r1.sourceFile, sourceLine: r1.sourceLine, quote: r1.quote, sourceLocation: r1.sourceLocation},
        {type: type(r2), source: startNode(r2).id, target: endNode(r2).id,
         sourceFile: r2.sourceFile, sourceLine: r2.sourceLine, quote: r2.quote, sourceLocation: r2.sourceLocation}] AS links;

// `impact` answers in one statement, for Neo4j Browser: the same rules checked along whole paths,
// capped at 7 relationships (variable-length bounds cannot be parameters, and longer caps make
// FalkorDB enumerate millions of walks). Params: $id (the start node's id), $depth (or null).

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
                         sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}]}) AS walks
WITH n, walks, reduce(m = 1000000, w IN walks | CASE WHEN w.depth < m THEN w.depth ELSE m END) AS best
RETURN n AS node, best AS depth, [w IN walks WHERE w.depth = best] AS walks;
