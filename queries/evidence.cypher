// name: evidence
// description: Why we believe it: each article and sentence behind the facts linking two entities.
// param: a entity -- one entity: a name, alias or id
// param: b entity = "" -- the other ("" for every fact about a)
// returns: subject, relation, object, sentence, confidence, title, date, url, article_id
// example: ucn query --name evidence -p a="Đà Nẵng" -p b=CityNet
// One row per fact and article, in either direction; the strongest first. Starts from a's
// node, so it reads only a's relations.
// variant: ladybug
// The path `p` keeps each relation's direction (see neighbours.cypher); each source article
// is a primary-key lookup.
MATCH p = (x:@a {id: $a})-[r:FOUNDED_IN|HOSTED|LOCATED_IN|MEMBER_OF|ORGANIZED|PARTICIPATED_IN|PART_OF|PARTNER_OF|SUPPORTED|WORKS_FOR]-(y)
WHERE $b = '' OR y.id = $b
WITH x, r, y, struct_extract(r, '_SRC') = id(x) AS out
UNWIND range(1, size(r.sources)) AS i
OPTIONAL MATCH (art:Article {id: r.sources[i]})
RETURN CASE WHEN out THEN x.name ELSE y.name END AS subject, label(r) AS relation,
       CASE WHEN out THEN y.name ELSE x.name END AS object, r.evidence[i] AS sentence,
       r.confidences[i] AS confidence, art.title AS title, art.date AS date, art.url AS url,
       r.sources[i] AS article_id
ORDER BY confidence DESC, relation, subject, object, article_id
// variant: neo4j
MATCH (x:@a {id: $a})-[r]-(y)
WHERE type(r) <> 'MENTIONS' AND ($b = '' OR y.id = $b)
UNWIND range(0, size(r.sources) - 1) AS i
OPTIONAL MATCH (art:Article {id: r.sources[i]})
RETURN startNode(r).name AS subject, type(r) AS relation, endNode(r).name AS object,
       r.evidence[i] AS sentence, r.confidences[i] AS confidence, art.title AS title,
       art.date AS date, art.url AS url, r.sources[i] AS article_id
ORDER BY confidence DESC, relation, subject, object, article_id
