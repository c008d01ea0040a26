// name: country-cities
// description: The cities of one country that belong to networks, with the networks and their events.
// param: country entity(Country) -- the country: a name, alias or id ("Việt Nam", "Vietnam")
// returns: city, network_count, networks, events, city_id
// example: ucn query --name country-cities -p country=Vietnam
// A city is the country's when its `country` code is the country's, or it is LOCATED_IN it.
// variant: ladybug
MATCH (k:Country {id: $country})
MATCH (c:City)-[:MEMBER_OF]->(n:Network)
WHERE c.country = k.code OR EXISTS { MATCH (c)-[:LOCATED_IN]->(k) }
WITH c, count(DISTINCT n) AS network_count, list_sort(collect(DISTINCT n.name)) AS networks
OPTIONAL MATCH (c)-[:HOSTED|ORGANIZED|PARTICIPATED_IN]->(e:Event)
RETURN c.name AS city, network_count, networks, count(DISTINCT e) AS events, c.id AS city_id
ORDER BY network_count DESC, events DESC, city
// variant: neo4j
MATCH (k:Country {id: $country})
MATCH (c:City)-[:MEMBER_OF]->(n:Network)
WHERE c.country = k.code OR EXISTS { MATCH (c)-[:LOCATED_IN]->(k) }
WITH c, n ORDER BY n.name
WITH c, count(DISTINCT n) AS network_count, collect(DISTINCT n.name) AS networks
OPTIONAL MATCH (c)-[:HOSTED|ORGANIZED|PARTICIPATED_IN]->(e:Event)
RETURN c.name AS city, network_count, networks, count(DISTINCT e) AS events, c.id AS city_id
ORDER BY network_count DESC, events DESC, city
