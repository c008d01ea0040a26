// name: shortest-path
// description: The shortest chain of cooperation ties between two entities (article mentions do not count).
// param: a entity -- where the path starts: a name, alias or id
// param: b entity -- where it ends
// param: max_hops int = 6 -- longest path looked for (at most 8)
// returns: hops, path, relations, path_ids
// example: ucn query --name shortest-path -p a="Đà Nẵng" -p b=Yokohama
// Ties are followed in either direction; `relations` names each step's relation type.
// variant: ladybug
MATCH (x {id: $a}), (y {id: $b})
MATCH p = (x)-[* SHORTEST 1..8 (r, n | WHERE label(r) <> 'MENTIONS')]-(y)
WHERE length(p) <= $max_hops
RETURN length(p) AS hops, list_transform(nodes(p), n -> n.name) AS path,
       list_transform(rels(p), r -> label(r)) AS relations,
       list_transform(nodes(p), n -> n.id) AS path_ids
LIMIT 1
// variant: neo4j
MATCH (x {id: $a}), (y {id: $b})
MATCH p = shortestPath((x)-[*..8]-(y))
WHERE none(r IN relationships(p) WHERE type(r) = 'MENTIONS') AND length(p) <= $max_hops
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS path,
       [r IN relationships(p) | type(r)] AS relations, [n IN nodes(p) | n.id] AS path_ids
LIMIT 1
