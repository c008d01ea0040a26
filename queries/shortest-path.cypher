// name: shortest-path
// description: The shortest chain of cooperation ties between two entities (article mentions do not count).
// param: a entity -- where the path starts: a name, alias or id
// param: b entity -- where it ends
// param: max_hops int = 6 -- longest path looked for (at most 8)
// returns: hops, path, relations, path_ids
// example: ucn query --name shortest-path -p a="Đà Nẵng" -p b=Yokohama
// Ties are followed in either direction; `relations` names each step's relation type.
// variant: ladybug
// Both ends by primary key; the search follows the model's relation types (MENTIONS left out)
// and stops at the first level that reaches b. The ends' names come from x and y, the path's
// inner nodes from the path, so the ends' other properties are never read.
MATCH (x:@a {id: $a}), (y:@b {id: $b})
MATCH (x)-[e:FOUNDED_IN|HOSTED|LOCATED_IN|MEMBER_OF|ORGANIZED|PARTICIPATED_IN|PART_OF|PARTNER_OF|SUPPORTED|WORKS_FOR* SHORTEST 1..8]-(y)
WHERE length(e) <= $max_hops
RETURN length(e) AS hops,
       [x.name] + list_transform(nodes(e), n -> n.name) + [y.name] AS path,
       list_transform(rels(e), r -> label(r)) AS relations,
       [x.id] + list_transform(nodes(e), n -> n.id) + [y.id] AS path_ids
LIMIT 1
// variant: neo4j
MATCH (x:@a {id: $a}), (y:@b {id: $b})
MATCH p = shortestPath((x)-[*..8]-(y))
WHERE none(r IN relationships(p) WHERE type(r) = 'MENTIONS') AND length(p) <= $max_hops
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS path,
       [r IN relationships(p) | type(r)] AS relations, [n IN nodes(p) | n.id] AS path_ids
LIMIT 1
