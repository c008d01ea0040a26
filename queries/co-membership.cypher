// name: co-membership
// description: Pairs of cities that share networks, with the networks, most shared first.
// param: city entity(City) = "" -- only the pairs that include this city ("" for all pairs)
// param: min_shared int = 1 -- pairs sharing at least this many networks
// param: limit int = 50 -- at most this many pairs
// returns: city_a, city_b, shared, networks, city_a_id, city_b_id
// order: shared desc, city_a, city_b, city_a_id, city_b_id
// example: ucn query --name co-membership
// example: ucn query --name co-membership -p city=Huế
// variant: ladybug
// Two parts, one of which finds nothing: all pairs when no city is given, else that city's
// pairs from its primary key. Each counts one number per pair (one MEMBER_OF per city and
// network, so count(*) is the networks shared; each pair once, ids in order), keeps the best
// pairs, and only then reads the networks of those pairs.
MATCH (a:City)-[:MEMBER_OF]->(n:Network)<-[:MEMBER_OF]-(b:City)
WHERE $city = '' AND a.id < b.id
WITH a, b, count(*) AS shared
WHERE shared >= $min_shared
WITH a, b, shared
ORDER BY shared DESC, a.name, b.name, a.id, b.id
LIMIT $limit
MATCH (a)-[:MEMBER_OF]->(m:Network)
WITH a, b, shared, m
MATCH (m)<-[:MEMBER_OF]-(b)
RETURN a.name AS city_a, b.name AS city_b, shared, list_sort(collect(DISTINCT m.name)) AS networks,
       a.id AS city_a_id, b.id AS city_b_id
ORDER BY shared DESC, city_a, city_b, city_a_id, city_b_id
UNION ALL
MATCH (a:City {id: $city})-[:MEMBER_OF]->(n:Network)<-[:MEMBER_OF]-(b:City)
WHERE b.id <> a.id
WITH a, b, count(*) AS shared
WHERE shared >= $min_shared
WITH a, b, shared
ORDER BY shared DESC, b.name, b.id
LIMIT $limit
MATCH (a)-[:MEMBER_OF]->(m:Network)
WITH a, b, shared, m
MATCH (m)<-[:MEMBER_OF]-(b)
RETURN a.name AS city_a, b.name AS city_b, shared, list_sort(collect(DISTINCT m.name)) AS networks,
       a.id AS city_a_id, b.id AS city_b_id
ORDER BY shared DESC, city_a, city_b, city_a_id, city_b_id
// variant: neo4j
MATCH (a:City)-[:MEMBER_OF]->(n:Network)<-[:MEMBER_OF]-(b:City)
WHERE a.id <> b.id AND (($city = '' AND a.id < b.id) OR a.id = $city)
WITH a, b, n ORDER BY n.name
WITH a, b, count(DISTINCT n) AS shared, collect(DISTINCT n.name) AS networks
WHERE shared >= $min_shared
RETURN a.name AS city_a, b.name AS city_b, shared, networks, a.id AS city_a_id,
       b.id AS city_b_id
ORDER BY shared DESC, city_a, city_b, city_a_id, city_b_id
LIMIT $limit
