// name: neighbours
// description: Everything directly tied to an entity: relation, direction, the other end and how many articles say so.
// param: entity entity -- a name, alias or id
// param: relation relation = "" -- one relation type ("" for every type but MENTIONS)
// returns: relation, direction, other, type, articles, other_id
// example: ucn query --name neighbours -p entity=AMC
// direction: `out` when the entity is the relation's subject (AMC MEMBER_OF CityNet), else `in`.
// variant: ladybug
MATCH (x {id: $entity})
OPTIONAL MATCH (x)-[r1]->(o1)
WHERE label(r1) <> 'MENTIONS' AND ($relation = '' OR label(r1) = $relation)
WITH x, collect({relation: label(r1), direction: 'out', other: o1.name, type: label(o1),
                 articles: size(r1.sources), other_id: o1.id}) AS outgoing
OPTIONAL MATCH (x)<-[r2]-(o2)
WHERE label(r2) <> 'MENTIONS' AND ($relation = '' OR label(r2) = $relation)
WITH outgoing, collect({relation: label(r2), direction: 'in', other: o2.name, type: label(o2),
                        articles: size(r2.sources), other_id: o2.id}) AS incoming
UNWIND outgoing + incoming AS tie
WITH tie WHERE tie.other_id IS NOT NULL
RETURN tie.relation AS relation, tie.direction AS direction, tie.other AS other,
       tie.type AS type, tie.articles AS articles, tie.other_id AS other_id
ORDER BY relation, direction, other
// variant: neo4j
MATCH (x {id: $entity})-[r]-(o)
WHERE type(r) <> 'MENTIONS' AND ($relation = '' OR type(r) = $relation)
RETURN type(r) AS relation, CASE WHEN startNode(r) = x THEN 'out' ELSE 'in' END AS direction,
       o.name AS other, labels(o)[0] AS type, size(r.sources) AS articles, o.id AS other_id
ORDER BY relation, direction, other
