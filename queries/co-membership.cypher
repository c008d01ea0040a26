// name: co-membership
// description: Pairs of cities that share networks, with the networks, most shared first.
// param: city entity(City) = "" -- only the pairs that include this city ("" for all pairs)
// param: min_shared int = 1 -- pairs sharing at least this many networks
// param: limit int = 50 -- at most this many pairs
// returns: city_a, city_b, shared, networks, city_a_id, city_b_id
// example: ucn query --name co-membership
// example: ucn query --name co-membership -p city=Huế
// variant: ladybug
MATCH (a:City)-[:MEMBER_OF]->(n:Network)<-[:MEMBER_OF]-(b:City)
WHERE a.id <> b.id AND (($city = '' AND a.id < b.id) OR a.id = $city)
WITH a, b, count(DISTINCT n) AS shared, list_sort(collect(DISTINCT n.name)) AS networks
WHERE shared >= $min_shared
RETURN a.name AS city_a, b.name AS city_b, shared, networks, a.id AS city_a_id,
       b.id AS city_b_id
ORDER BY shared DESC, city_a, city_b
LIMIT $limit
// variant: neo4j
MATCH (a:City)-[:MEMBER_OF]->(n:Network)<-[:MEMBER_OF]-(b:City)
WHERE a.id <> b.id AND (($city = '' AND a.id < b.id) OR a.id = $city)
WITH a, b, n ORDER BY n.name
WITH a, b, count(DISTINCT n) AS shared, collect(DISTINCT n.name) AS networks
WHERE shared >= $min_shared
RETURN a.name AS city_a, b.name AS city_b, shared, networks, a.id AS city_a_id,
       b.id AS city_b_id
ORDER BY shared DESC, city_a, city_b
LIMIT $limit
