// name: participants-of
// description: Who hosted, organised, attended or supported an event, with their roles.
// param: event entity(Event) -- the event: its name, an alias or its id
// returns: participant, type, relation, role, articles, participant_id
// example: ucn query --name participants-of -p event=event/citynet-executive-committee-meeting
// variant: ladybug
MATCH (p)-[r:HOSTED|ORGANIZED|PARTICIPATED_IN|SUPPORTED]->(e:Event {id: $event})
RETURN p.name AS participant, label(p) AS type, label(r) AS relation, r.role AS role,
       size(r.sources) AS articles, p.id AS participant_id
ORDER BY relation, participant
// variant: neo4j
MATCH (p)-[r:HOSTED|ORGANIZED|PARTICIPATED_IN|SUPPORTED]->(e:Event {id: $event})
RETURN p.name AS participant, labels(p)[0] AS type, type(r) AS relation, r.role AS role,
       size(r.sources) AS articles, p.id AS participant_id
ORDER BY relation, participant
