// Twin of govgraph/queries/escalation.py.
// Params: $id (a Board or Role id) for `up` and `down`; none for `all`.
// Upward steps: along REPORTS_TO and ESCALATES_TO; from a board, along PART_OF to a board and
// against CHAIRS (a board to its chair). `down` mirrors them. Each row is one walk from the start
// in which no node repeats, except that the last step may lead back into the walk (a cycle): the
// caller assembles the walks into chains (a walk that cannot go on) and cycles, in the order the
// Python walk meets them. (Paths are unpacked with WITH before indexing: FalkorDB indexes
// `relationships(p)[i]` wrongly.) Walks are capped at 12 links (variable-length bounds cannot be parameters).
// The route tree (`EscalationResult.tree`) comes from `up_links` and `down_links` instead: given the ids of
// one breadth-first layer ($frontier), every one-hop link out of each, by the same rules; govgraph walks
// layer by layer and builds the tree (`route_tree`), so the tree has no cap.

// query: up_links
UNWIND $frontier AS fid
MATCH (n {id: fid})-[r:REPORTS_TO|ESCALATES_TO|PART_OF|CHAIRS]-(m)
WHERE CASE type(r)
        WHEN 'CHAIRS' THEN endNode(r).id = fid AND n:Board
        WHEN 'PART_OF' THEN startNode(r).id = fid AND n:Board AND m:Board
        ELSE startNode(r).id = fid
      END
RETURN n AS from, m AS node,
       {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation} AS link;

// query: down_links
UNWIND $frontier AS fid
MATCH (n {id: fid})-[r:REPORTS_TO|ESCALATES_TO|PART_OF|CHAIRS]-(m)
WHERE CASE type(r)
        WHEN 'CHAIRS' THEN startNode(r).id = fid AND n:Role
        WHEN 'PART_OF' THEN endNode(r).id = fid AND n:Board AND m:Board
        ELSE endNode(r).id = fid
      END
RETURN n AS from, m AS node,
       {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation} AS link;

// query: up
MATCH (s {id: $id})
MATCH p = (s)-[:REPORTS_TO|ESCALATES_TO|PART_OF|CHAIRS*1..12]-(x)
WITH s, p, nodes(p) AS ns, relationships(p) AS rs
WHERE all(i IN range(0, size(rs) - 1) WHERE
      CASE type(rs[i])
        WHEN 'CHAIRS' THEN endNode(rs[i]).id = ns[i].id AND ns[i]:Board
        WHEN 'PART_OF' THEN startNode(rs[i]).id = ns[i].id
                            AND ns[i]:Board AND ns[i + 1]:Board
        ELSE startNode(rs[i]).id = ns[i].id
      END)
  AND all(i IN range(0, size(ns) - 3)
          WHERE NOT ns[i].id IN [x IN ns[i + 1..size(ns) - 1] | x.id])
RETURN s.id AS start, nodes(p) AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}] AS links;

// query: down
MATCH (s {id: $id})
MATCH p = (s)-[:REPORTS_TO|ESCALATES_TO|PART_OF|CHAIRS*1..12]-(x)
WITH s, p, nodes(p) AS ns, relationships(p) AS rs
WHERE all(i IN range(0, size(rs) - 1) WHERE
      CASE type(rs[i])
        WHEN 'CHAIRS' THEN startNode(rs[i]).id = ns[i].id AND ns[i]:Role
        WHEN 'PART_OF' THEN endNode(rs[i]).id = ns[i].id
                            AND ns[i]:Board AND ns[i + 1]:Board
        ELSE endNode(rs[i]).id = ns[i].id
      END)
  AND all(i IN range(0, size(ns) - 3)
          WHERE NOT ns[i].id IN [x IN ns[i + 1..size(ns) - 1] | x.id])
RETURN s.id AS start, nodes(p) AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}] AS links;

// query: all
// Upward walks from every board and role, each row with `bottom`: true when nobody escalates to
// its start (the caller starts lines there, and at loops nobody enters from below).
MATCH (s)
WHERE s:Board OR s:Role
MATCH p = (s)-[:REPORTS_TO|ESCALATES_TO|PART_OF|CHAIRS*1..12]-(x)
WITH s, p, nodes(p) AS ns, relationships(p) AS rs
WHERE all(i IN range(0, size(rs) - 1) WHERE
      CASE type(rs[i])
        WHEN 'CHAIRS' THEN endNode(rs[i]).id = ns[i].id AND ns[i]:Board
        WHEN 'PART_OF' THEN startNode(rs[i]).id = ns[i].id
                            AND ns[i]:Board AND ns[i + 1]:Board
        ELSE startNode(rs[i]).id = ns[i].id
      END)
  AND all(i IN range(0, size(ns) - 3)
          WHERE NOT ns[i].id IN [x IN ns[i + 1..size(ns) - 1] | x.id])
WITH s, p,
     size([(s)<-[:REPORTS_TO|ESCALATES_TO]-(d) | d]) + size([(s)<-[:PART_OF]-(d:Board) WHERE s:Board | d])
       + size([(s)-[:CHAIRS]->(d) WHERE s:Role | d]) = 0 AS bottom
RETURN s.id AS start, nodes(p) AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
        sourceFile: r.sourceFile, sourceLine: r.sourceLine, quote: r.quote, sourceLocation: r.sourceLocation}] AS links, bottom;
