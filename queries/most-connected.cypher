// name: most-connected
// description: The most connected entities per relation type (ties in either direction).
// param: relation relation = "" -- one relation type, e.g. MEMBER_OF ("" for every type but MENTIONS)
// param: limit int = 10 -- entities per relation type (entities tied at the cut are all kept)
// returns: relation, entity, type, ties, entity_id
// example: ucn query --name most-connected -p relation=PARTICIPATED_IN -p limit=5
// variant: ladybug
MATCH (n)-[r]-()
WHERE label(r) <> 'MENTIONS' AND ($relation = '' OR label(r) = $relation)
WITH label(r) AS relation, n, count(*) AS ties
WITH relation, collect({id: n.id, name: n.name, type: label(n), ties: ties}) AS ranked,
     list_sort(collect(ties), 'DESC') AS counts
WITH relation, ranked, counts[CASE WHEN size(counts) < $limit THEN size(counts) ELSE $limit END] AS cut
UNWIND ranked AS row
WITH relation, row, cut WHERE row.ties >= cut
RETURN relation, row.name AS entity, row.type AS type, row.ties AS ties, row.id AS entity_id
ORDER BY relation, ties DESC, entity
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
