// name: most-connected
// description: The most connected entities per relation type (ties in either direction).
// param: relation relation = "" -- one relation type, e.g. MEMBER_OF ("" for every type but MENTIONS)
// param: limit int = 10 -- entities per relation type (entities tied at the cut are all kept)
// returns: relation, entity, type, ties, entity_id
// order: relation, ties desc, entity, entity_id
// example: ucn query --name most-connected -p relation=PARTICIPATED_IN -p limit=5
// variant: ladybug
// One part per relation type of the model (MENTIONS left out), each counting per node over
// that type's table alone: a node's count keyed by the node only, where one pass over every
// type would key each of ~450k rows by the type's name as well (3-5 times slower). The cut
// is each type's limit-th count; the rows are sorted by the `order` above.
MATCH (n)-[:FOUNDED_IN]-()
WHERE $relation IN ['', 'FOUNDED_IN']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'FOUNDED_IN' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:HOSTED]-()
WHERE $relation IN ['', 'HOSTED']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'HOSTED' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:LOCATED_IN]-()
WHERE $relation IN ['', 'LOCATED_IN']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'LOCATED_IN' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:MEMBER_OF]-()
WHERE $relation IN ['', 'MEMBER_OF']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'MEMBER_OF' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:ORGANIZED]-()
WHERE $relation IN ['', 'ORGANIZED']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'ORGANIZED' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:PARTICIPATED_IN]-()
WHERE $relation IN ['', 'PARTICIPATED_IN']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'PARTICIPATED_IN' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:PARTNER_OF]-()
WHERE $relation IN ['', 'PARTNER_OF']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'PARTNER_OF' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:PART_OF]-()
WHERE $relation IN ['', 'PART_OF']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'PART_OF' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:SUPPORTED]-()
WHERE $relation IN ['', 'SUPPORTED']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'SUPPORTED' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
UNION ALL
MATCH (n)-[:WORKS_FOR]-()
WHERE $relation IN ['', 'WORKS_FOR']
WITH n, count(*) AS ties
WITH collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WHERE size(counts) > 0
WITH ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH row, cut WHERE row.ties >= cut
RETURN 'WORKS_FOR' AS relation, row.name AS entity, row.type AS type, row.ties AS ties,
       row.id AS entity_id
// variant: neo4j
MATCH (n)-[r]-()
WHERE type(r) <> 'MENTIONS' AND ($relation = '' OR type(r) = $relation)
WITH type(r) AS relation, n, count(*) AS ties
ORDER BY ties DESC
WITH relation, collect({id: n.id, name: n.name, type: labels(n)[0], ties: ties}) AS ranked,
     collect(ties) AS counts
WITH relation, ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END - 1] AS cut
UNWIND ranked AS row
WITH relation, row, cut WHERE row.ties >= cut
RETURN relation, row.name AS entity, row.type AS type, row.ties AS ties, row.id AS entity_id
ORDER BY relation, ties DESC, entity
