// name: neighbours
// description: Everything directly tied to an entity: relation, direction, the other end and how many articles say so.
// param: entity entity -- a name, alias or id
// param: relation relation = "" -- one relation type ("" for every type but MENTIONS)
// returns: relation, direction, other, type, articles, other_id
// example: ucn query --name neighbours -p entity=AMC
// direction: `out` when the entity is the relation's subject (AMC MEMBER_OF CityNet), else `in`.
// variant: ladybug
// One pass over the entity's relations in either direction, started from its primary key.
// The relation types are the model's, MENTIONS left out. Naming the path `p` makes the engine
// keep each relation's own direction: without it, the relation of an undirected match reports
// the bound node as its source.
MATCH p = (x:@entity {id: $entity})-[r:FOUNDED_IN|HOSTED|LOCATED_IN|MEMBER_OF|ORGANIZED|PARTICIPATED_IN|PART_OF|PARTNER_OF|SUPPORTED|WORKS_FOR]-(o)
WHERE $relation = '' OR label(r) = $relation
RETURN label(r) AS relation,
       CASE WHEN struct_extract(r, '_SRC') = id(x) THEN 'out' ELSE 'in' END AS direction,
       o.name AS other, label(o) AS type, size(r.sources) AS articles, o.id AS other_id
ORDER BY relation, direction, other, other_id
// variant: neo4j
MATCH (x:@entity {id: $entity})-[r]-(o)
WHERE type(r) <> 'MENTIONS' AND ($relation = '' OR type(r) = $relation)
RETURN type(r) AS relation, CASE WHEN startNode(r) = x THEN 'out' ELSE 'in' END AS direction,
       o.name AS other, labels(o)[0] AS type, size(r.sources) AS articles, o.id AS other_id
ORDER BY relation, direction, other, other_id
