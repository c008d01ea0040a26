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
// type would key each of ~450k rows by the type's name as well (2-4 times slower). The
// relation filter tests the relation (label(r)), which the engine checks as it reads the
// table; a filter on the parameter alone would be checked after the part's joins. The cut
// is each type's limit-th count; the rows are sorted by the `order` above.
MATCH (n)-[r:FOUNDED_IN]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:HOSTED]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:LOCATED_IN]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:MEMBER_OF]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:ORGANIZED]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:PARTICIPATED_IN]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:PARTNER_OF]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:PART_OF]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:SUPPORTED]-()
WHERE $relation = '' OR label(r) = $relation
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
MATCH (n)-[r:WORKS_FOR]-()
WHERE $relation = '' OR label(r) = $relation
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
