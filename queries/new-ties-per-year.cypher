// name: new-ties-per-year
// description: New ties per year and relation type: memberships, partnerships and posts by their start, event ties by the event's date.
// param: relation relation = "" -- one relation type ("" for all)
// returns: year, relation, ties
// example: ucn query --name new-ties-per-year
// example: ucn query --name new-ties-per-year -p relation=MEMBER_OF --format csv
// Ties with an unknown year (no date, or XXXX) are not counted.
// variant: ladybug
MATCH (a)-[r]->(b)
WHERE label(r) <> 'MENTIONS' AND ($relation = '' OR label(r) = $relation)
WITH label(r) AS relation,
     left(CASE WHEN label(b) = 'Event' THEN b.date ELSE coalesce(r.since, r.date) END, 4) AS year
WHERE year >= '0000' AND year <= '9999'
RETURN year, relation, count(*) AS ties
ORDER BY year, relation
// variant: neo4j
MATCH (a)-[r]->(b)
WHERE type(r) <> 'MENTIONS' AND ($relation = '' OR type(r) = $relation)
WITH type(r) AS relation,
     left(CASE WHEN b:Event THEN b.date ELSE coalesce(r.since, r.date) END, 4) AS year
WHERE year >= '0000' AND year <= '9999'
RETURN year, relation, count(*) AS ties
ORDER BY year, relation
