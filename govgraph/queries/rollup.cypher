// Twin of govgraph/queries/rollup.py. No params; one statement per `--by` value.
// One row per group (groupNode is null for actions in no group), RAG counts, and the worst status in
// the order RED, AMBER, GREY, UNKNOWN, GREEN, BLUE (RAG_ORDER in govgraph/model/nodes.py).

// query: recommendation
MATCH (a:Action)
OPTIONAL MATCH (a)-[:ADDRESSES]->(g:Recommendation)
WITH DISTINCT a, g
WITH g, collect(coalesce(a.rag, 'UNKNOWN')) AS raw
WITH g, [r IN raw | CASE WHEN r IN ['RED', 'AMBER', 'GREY', 'GREEN', 'BLUE'] THEN r ELSE 'UNKNOWN' END] AS rags
WITH g, rags, [i IN range(0, 5) WHERE ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][i] IN rags][0] AS severity
RETURN g AS groupNode, size(rags) AS total,
       size([r IN rags WHERE r = 'RED']) AS red, size([r IN rags WHERE r = 'AMBER']) AS amber,
       size([r IN rags WHERE r = 'GREY']) AS grey, size([r IN rags WHERE r = 'UNKNOWN']) AS unknown,
       size([r IN rags WHERE r = 'GREEN']) AS green, size([r IN rags WHERE r = 'BLUE']) AS blue,
       ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][severity] AS worst, severity
ORDER BY severity, groupNode.id;

// query: lead
MATCH (a:Action)
OPTIONAL MATCH (g)-[:LEADS]->(a)
WITH DISTINCT a, g
WITH g, collect(coalesce(a.rag, 'UNKNOWN')) AS raw
WITH g, [r IN raw | CASE WHEN r IN ['RED', 'AMBER', 'GREY', 'GREEN', 'BLUE'] THEN r ELSE 'UNKNOWN' END] AS rags
WITH g, rags, [i IN range(0, 5) WHERE ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][i] IN rags][0] AS severity
RETURN g AS groupNode, size(rags) AS total,
       size([r IN rags WHERE r = 'RED']) AS red, size([r IN rags WHERE r = 'AMBER']) AS amber,
       size([r IN rags WHERE r = 'GREY']) AS grey, size([r IN rags WHERE r = 'UNKNOWN']) AS unknown,
       size([r IN rags WHERE r = 'GREEN']) AS green, size([r IN rags WHERE r = 'BLUE']) AS blue,
       ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][severity] AS worst, severity
ORDER BY severity, groupNode.id;

// query: board
// Monitored directly or through the action's plan (govgraph/queries/monitoring.py); boards only.
MATCH (a:Action)
OPTIONAL MATCH (g1:Board)-[:MONITORS]->(a)
OPTIONAL MATCH (g2:Board)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a)
WITH a, collect(DISTINCT g1) + collect(DISTINCT g2) AS gs
UNWIND CASE WHEN size(gs) = 0 THEN [null] ELSE gs END AS g
WITH DISTINCT a, g
WITH g, collect(coalesce(a.rag, 'UNKNOWN')) AS raw
WITH g, [r IN raw | CASE WHEN r IN ['RED', 'AMBER', 'GREY', 'GREEN', 'BLUE'] THEN r ELSE 'UNKNOWN' END] AS rags
WITH g, rags, [i IN range(0, 5) WHERE ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][i] IN rags][0] AS severity
RETURN g AS groupNode, size(rags) AS total,
       size([r IN rags WHERE r = 'RED']) AS red, size([r IN rags WHERE r = 'AMBER']) AS amber,
       size([r IN rags WHERE r = 'GREY']) AS grey, size([r IN rags WHERE r = 'UNKNOWN']) AS unknown,
       size([r IN rags WHERE r = 'GREEN']) AS green, size([r IN rags WHERE r = 'BLUE']) AS blue,
       ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][severity] AS worst, severity
ORDER BY severity, groupNode.id;

// query: workstream
MATCH (a:Action)
OPTIONAL MATCH (a)-[:DELIVERED_BY]->()-[:PART_OF*0..4]->(g:Workstream)
WITH DISTINCT a, g
WITH g, collect(coalesce(a.rag, 'UNKNOWN')) AS raw
WITH g, [r IN raw | CASE WHEN r IN ['RED', 'AMBER', 'GREY', 'GREEN', 'BLUE'] THEN r ELSE 'UNKNOWN' END] AS rags
WITH g, rags, [i IN range(0, 5) WHERE ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][i] IN rags][0] AS severity
RETURN g AS groupNode, size(rags) AS total,
       size([r IN rags WHERE r = 'RED']) AS red, size([r IN rags WHERE r = 'AMBER']) AS amber,
       size([r IN rags WHERE r = 'GREY']) AS grey, size([r IN rags WHERE r = 'UNKNOWN']) AS unknown,
       size([r IN rags WHERE r = 'GREEN']) AS green, size([r IN rags WHERE r = 'BLUE']) AS blue,
       ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][severity] AS worst, severity
ORDER BY severity, groupNode.id;

// query: plan
MATCH (a:Action)
OPTIONAL MATCH (a)-[:ADDRESSES]->(:Recommendation)<-[:HAS_RECOMMENDATION]-(g:Plan)
WITH DISTINCT a, g
WITH g, collect(coalesce(a.rag, 'UNKNOWN')) AS raw
WITH g, [r IN raw | CASE WHEN r IN ['RED', 'AMBER', 'GREY', 'GREEN', 'BLUE'] THEN r ELSE 'UNKNOWN' END] AS rags
WITH g, rags, [i IN range(0, 5) WHERE ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][i] IN rags][0] AS severity
RETURN g AS groupNode, size(rags) AS total,
       size([r IN rags WHERE r = 'RED']) AS red, size([r IN rags WHERE r = 'AMBER']) AS amber,
       size([r IN rags WHERE r = 'GREY']) AS grey, size([r IN rags WHERE r = 'UNKNOWN']) AS unknown,
       size([r IN rags WHERE r = 'GREEN']) AS green, size([r IN rags WHERE r = 'BLUE']) AS blue,
       ['RED', 'AMBER', 'GREY', 'UNKNOWN', 'GREEN', 'BLUE'][severity] AS worst, severity
ORDER BY severity, groupNode.id;
