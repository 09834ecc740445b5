// Twin of govgraph/queries/path.py.
// Params: $a, $b (node ids). Every shortest connection in the undirected view, found by bounded
// variable-length paths (capped at 8 links: bounds cannot be parameters, and FalkorDB lacks the
// shortest-path functions). The caller picks the one a breadth-first walk with neighbours in id order meets
// first. Each link keeps its real direction (source -> target) and type.

// query: path
MATCH (a {id: $a}), (b {id: $b})
MATCH p = (a)-[*1..8]-(b)
WITH a, b, min(length(p)) AS best
MATCH p = (a)-[*1..8]-(b)
WHERE length(p) = best
RETURN nodes(p) AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote}] AS links;
