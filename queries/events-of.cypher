// name: events-of
// description: Events an entity hosted, organised or attended, by date.
// param: entity entity -- a city, organisation, network or person: a name, alias or id
// param: relation relation = "" -- only HOSTED, ORGANIZED or PARTICIPATED_IN ("" for all three)
// returns: date, event, kind, relation, role, location, articles, event_id
// example: ucn query --name events-of -p entity=AMC
// example: ucn query --name events-of -p entity="TP HCM" -p relation=HOSTED
// variant: ladybug
MATCH (x:@entity {id: $entity})-[r:HOSTED|ORGANIZED|PARTICIPATED_IN]->(e:Event)
WHERE $relation = '' OR label(r) = $relation
RETURN e.date AS date, e.name AS event, e.kind AS kind, label(r) AS relation, r.role AS role,
       e.location AS location, size(r.sources) AS articles, e.id AS event_id
ORDER BY date, event, relation
// variant: neo4j
MATCH (x:@entity {id: $entity})-[r:HOSTED|ORGANIZED|PARTICIPATED_IN]->(e:Event)
WHERE $relation = '' OR type(r) = $relation
RETURN e.date AS date, e.name AS event, e.kind AS kind, type(r) AS relation, r.role AS role,
       e.location AS location, size(r.sources) AS articles, e.id AS event_id
ORDER BY date, event, relation
