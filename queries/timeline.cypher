// name: timeline
// description: An entity's timeline: every event it is linked to (took part, hosted, held in it...), by date.
// param: entity entity -- a name, alias or id
// param: from year = "" -- only events of this year or later
// param: until year = "" -- only events of this year or earlier
// returns: date, event, kind, how, location, event_id
// example: ucn query --name timeline -p entity="Đà Nẵng"
// example: ucn query --name timeline -p entity=CityNet -p from=2018 -p until=2020
// Events with an unknown year (XXXX) are listed last, and left out when a year range is given.
// variant: ladybug
MATCH (x:@entity {id: $entity})-[r]-(e:Event)
WHERE label(r) <> 'MENTIONS'
  AND ($from = '' OR (left(e.date, 4) >= $from AND left(e.date, 4) <= '9999'))
  AND ($until = '' OR left(e.date, 4) <= $until)
WITH e, list_sort(collect(DISTINCT label(r))) AS how
RETURN e.date AS date, e.name AS event, e.kind AS kind, how, e.location AS location,
       e.id AS event_id
ORDER BY date, event
// variant: neo4j
MATCH (x:@entity {id: $entity})-[r]-(e:Event)
WHERE type(r) <> 'MENTIONS'
  AND ($from = '' OR (left(e.date, 4) >= $from AND left(e.date, 4) <= '9999'))
  AND ($until = '' OR left(e.date, 4) <= $until)
WITH e, type(r) AS t ORDER BY t
WITH e, collect(DISTINCT t) AS how
RETURN e.date AS date, e.name AS event, e.kind AS kind, how, e.location AS location,
       e.id AS event_id
ORDER BY date, event
