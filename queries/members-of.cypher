// name: members-of
// description: Members of a network, with their role, since when and how many articles say so.
// param: network entity(Network|Organization) -- the network: a name, alias or id
// returns: member, type, role, since, articles, member_id
// example: ucn query --name members-of -p network=CityNet
// Members with a known start come first, oldest first.
// variant: ladybug
MATCH (m)-[r:MEMBER_OF]->(n:@network {id: $network})
RETURN m.name AS member, label(m) AS type, r.role AS role, r.since AS since,
       size(r.sources) AS articles, m.id AS member_id
ORDER BY since, member
// variant: neo4j
MATCH (m)-[r:MEMBER_OF]->(n:@network {id: $network})
RETURN m.name AS member, labels(m)[0] AS type, r.role AS role, r.since AS since,
       size(r.sources) AS articles, m.id AS member_id
ORDER BY since, member
