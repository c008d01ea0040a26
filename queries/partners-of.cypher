// name: partners-of
// description: An entity's cooperation partners, ranked by strength: shared events, stated partnerships and shared networks.
// param: entity entity -- a name, alias or id
// param: limit int = 20 -- at most this many partners
// returns: partner, type, strength, events, partnerships, networks, via, partner_id
// example: ucn query --name partners-of -p entity="Đà Nẵng"
// strength = events + partnerships + networks: each shared event, each stated partnership
// and each network both belong to counts one; `via` names the events and networks.
// variant: ladybug
// One stream, no lists carried between steps (the engine hashes a carried list whole for every
// row it groups): the entity's partnerships in either direction, and its ties out to events and
// networks followed back to whoever else holds one. The path `p` keeps each relation's own
// direction (see neighbours.cypher).
MATCH p = (x:@entity {id: $entity})-[r:PARTNER_OF|HOSTED|ORGANIZED|PARTICIPATED_IN|MEMBER_OF]-(m)
WHERE label(r) = 'PARTNER_OF'
   OR (struct_extract(r, '_SRC') = id(x) AND label(m) IN ['Event', 'Network'])
OPTIONAL MATCH (m)<-[:HOSTED|ORGANIZED|PARTICIPATED_IN|MEMBER_OF]-(q)
WHERE label(r) <> 'PARTNER_OF' AND id(q) <> id(x)
WITH DISTINCT
     CASE WHEN label(r) = 'PARTNER_OF' THEN m.id ELSE q.id END AS partner_id,
     CASE WHEN label(r) = 'PARTNER_OF' THEN m.name ELSE q.name END AS partner,
     CASE WHEN label(r) = 'PARTNER_OF' THEN label(m) ELSE label(q) END AS type,
     CASE WHEN label(r) = 'PARTNER_OF' THEN 'partnership'
          WHEN label(m) = 'Event' THEN 'event' ELSE 'network' END AS kind,
     CASE WHEN label(r) = 'PARTNER_OF' THEN coalesce(r.kind, 'partnership') ELSE m.name END AS via
WHERE partner_id IS NOT NULL
WITH partner_id, partner, type,
     count(CASE WHEN kind = 'event' THEN 1 END) AS events,
     count(CASE WHEN kind = 'partnership' THEN 1 END) AS partnerships,
     count(CASE WHEN kind = 'network' THEN 1 END) AS networks,
     list_sort(collect(DISTINCT via)) AS via
RETURN partner, type, events + partnerships + networks AS strength, events, partnerships,
       networks, via, partner_id
ORDER BY strength DESC, partner, partner_id
LIMIT $limit
// variant: neo4j
MATCH (x:@entity {id: $entity})
OPTIONAL MATCH (x)-[:HOSTED|ORGANIZED|PARTICIPATED_IN]->(e:Event)<-[:HOSTED|ORGANIZED|PARTICIPATED_IN]-(p1)
WHERE p1.id <> x.id
WITH x, collect(DISTINCT {id: p1.id, name: p1.name, type: labels(p1)[0], kind: 'event', via: e.name}) AS events
OPTIONAL MATCH (x)-[t:PARTNER_OF]-(p2)
WITH x, events, collect(DISTINCT {id: p2.id, name: p2.name, type: labels(p2)[0], kind: 'partnership', via: coalesce(t.kind, 'partnership')}) AS partnerships
OPTIONAL MATCH (x)-[:MEMBER_OF]->(n:Network)<-[:MEMBER_OF]-(p3)
WHERE p3.id <> x.id
WITH x, events, partnerships, collect(DISTINCT {id: p3.id, name: p3.name, type: labels(p3)[0], kind: 'network', via: n.name}) AS networks
WITH events + partnerships + networks AS ties
UNWIND ties AS tie
WITH tie WHERE tie.id IS NOT NULL
WITH tie ORDER BY tie.via
WITH tie.id AS partner_id, tie.name AS partner, tie.type AS type,
     count(CASE WHEN tie.kind = 'event' THEN 1 END) AS events,
     count(CASE WHEN tie.kind = 'partnership' THEN 1 END) AS partnerships,
     count(CASE WHEN tie.kind = 'network' THEN 1 END) AS networks,
     collect(DISTINCT tie.via) AS via
RETURN partner, type, events + partnerships + networks AS strength, events, partnerships,
       networks, via, partner_id
ORDER BY strength DESC, partner
LIMIT $limit
