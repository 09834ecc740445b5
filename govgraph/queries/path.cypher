// Twin of govgraph/queries/path.py.
// Params: $a, $b (node ids). The shortest connection in the undirected view, found by ordering
// bounded variable-length paths by length (capped at 8 links: bounds cannot be parameters).
// Each link keeps its real direction (source -> target) and type.

// query: path
MATCH (a {id: $a}), (b {id: $b})
MATCH p = (a)-[*1..8]-(b)
RETURN [x IN nodes(p) | x.id] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine}] AS links
ORDER BY length(p)
LIMIT 1;
