// Twin of govgraph/queries/path.py.
// `neighbours` is the walk govgraph runs: for the ids of one breadth-first layer ($frontier), every
// link touching them, either way, with its real direction, type and source. The caller walks layer by
// layer with neighbours in id order, as the Python does, so any distance is found.

// query: neighbours
UNWIND $frontier AS fid
MATCH (n {id: fid})-[r]-(m)
RETURN fid AS from, m.id AS to, type(r) AS type, startNode(r).id = fid AS forward,
       {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation} AS link;

// `path` answers in one statement, for Neo4j Browser: every shortest connection in the undirected
// view, capped at 8 links (bounds cannot be parameters, and FalkorDB lacks the shortest-path
// functions). Params: $a, $b (node ids).

// query: path
MATCH (a {id: $a}), (b {id: $b})
MATCH p = (a)-[*1..8]-(b)
WITH a, b, min(length(p)) AS best
MATCH p = (a)-[*1..8]-(b)
WHERE length(p) = best
RETURN nodes(p) AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}] AS links;
