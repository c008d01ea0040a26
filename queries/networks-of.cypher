// name: networks-of
// description: The networks (and member organisations) an entity belongs to, with role and since.
// param: entity entity -- a city, organisation, person...: a name, alias or id
// returns: network, type, role, since, articles, network_id
// example: ucn query --name networks-of -p entity="Da Nang"
// variant: ladybug
MATCH (x:@entity {id: $entity})-[r:MEMBER_OF]->(n)
RETURN n.name AS network, label(n) AS type, r.role AS role, r.since AS since,
       size(r.sources) AS articles, n.id AS network_id
ORDER BY since, network
// variant: neo4j
MATCH (x:@entity {id: $entity})-[r:MEMBER_OF]->(n)
RETURN n.name AS network, labels(n)[0] AS type, r.role AS role, r.since AS since,
       size(r.sources) AS articles, n.id AS network_id
ORDER BY since, network
