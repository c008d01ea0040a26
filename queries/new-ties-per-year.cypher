// name: new-ties-per-year
// description: New ties per year and relation type: memberships, partnerships and posts by their start, event ties by the event's date.
// param: relation relation = "" -- one relation type ("" for all)
// returns: year, relation, ties
// order: year, relation
// example: ucn query --name new-ties-per-year
// example: ucn query --name new-ties-per-year -p relation=MEMBER_OF --format csv
// Ties with an unknown year (no date, or XXXX) are not counted.
// variant: ladybug
// Two parts, sorted by the `order` above. Event ties read the event's date from the event, the
// scan starting at the Event table. The others read their own `since` or `date`: only
// MEMBER_OF, WORKS_FOR and PARTNER_OF have a `since` and FOUNDED_IN a `date` in the model,
// and LOCATED_IN, PART_OF and SUPPORTED (to other than an event) have neither, so they are
// never counted. One pass over every type with the target's label and date would join 180k
// relations to their targets (2-3 times slower).
MATCH (e:Event)<-[r:HOSTED|ORGANIZED|PARTICIPATED_IN|SUPPORTED]-()
WHERE $relation = '' OR label(r) = $relation
WITH label(r) AS relation, left(e.date, 4) AS year
WHERE year >= '0000' AND year <= '9999'
RETURN year, relation, count(*) AS ties
UNION ALL
MATCH ()-[r:MEMBER_OF|WORKS_FOR|PARTNER_OF|FOUNDED_IN]->()
WHERE $relation = '' OR label(r) = $relation
WITH label(r) AS relation, left(coalesce(r.since, r.date), 4) AS year
WHERE year >= '0000' AND year <= '9999'
RETURN year, relation, count(*) AS ties
// variant: neo4j
MATCH (a)-[r]->(b)
WHERE type(r) <> 'MENTIONS' AND ($relation = '' OR type(r) = $relation)
WITH type(r) AS relation,
     left(CASE WHEN b:Event THEN b.date ELSE coalesce(r.since, r.date) END, 4) AS year
WHERE year >= '0000' AND year <= '9999'
RETURN year, relation, count(*) AS ties
ORDER BY year, relation
