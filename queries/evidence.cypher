// name: evidence
// description: Why we believe it: each article and sentence behind the facts linking two entities.
// param: a entity -- one entity: a name, alias or id
// param: b entity = "" -- the other ("" for every fact about a)
// returns: subject, relation, object, sentence, confidence, title, date, url, article_id
// example: ucn query --name evidence -p a="Đà Nẵng" -p b=CityNet
// One row per fact and article, in either direction; the strongest first.
// variant: ladybug
MATCH (s)-[r]->(o)
WHERE label(r) <> 'MENTIONS'
  AND ((s.id = $a AND ($b = '' OR o.id = $b)) OR (o.id = $a AND ($b = '' OR s.id = $b)))
UNWIND range(1, size(r.sources)) AS i
OPTIONAL MATCH (art:Article) WHERE art.id = r.sources[i]
RETURN s.name AS subject, label(r) AS relation, o.name AS object, r.evidence[i] AS sentence,
       r.confidences[i] AS confidence, art.title AS title, art.date AS date, art.url AS url,
       r.sources[i] AS article_id
ORDER BY confidence DESC, relation, subject, object, article_id
// variant: neo4j
MATCH (s)-[r]->(o)
WHERE type(r) <> 'MENTIONS'
  AND ((s.id = $a AND ($b = '' OR o.id = $b)) OR (o.id = $a AND ($b = '' OR s.id = $b)))
UNWIND range(0, size(r.sources) - 1) AS i
OPTIONAL MATCH (art:Article {id: r.sources[i]})
RETURN s.name AS subject, type(r) AS relation, o.name AS object, r.evidence[i] AS sentence,
       r.confidences[i] AS confidence, art.title AS title, art.date AS date, art.url AS url,
       r.sources[i] AS article_id
ORDER BY confidence DESC, relation, subject, object, article_id
