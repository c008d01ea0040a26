// name: evidence
// description: Why we believe it: each article and sentence behind the facts linking two entities.
// param: a entity -- one entity: a name, alias or id
// param: b entity = "" -- the other ("" for every fact about a)
// returns: subject, relation, object, sentence, confidence, title, date, url, article_id
// example: ucn query --name evidence -p a="Đà Nẵng" -p b=CityNet
// One row per fact and article, in either direction; the strongest first. Starts from a's
// node, so it reads only a's relations.
// variant: ladybug
MATCH (x {id: $a})
OPTIONAL MATCH (x)-[r1]->(o1)
WHERE label(r1) <> 'MENTIONS' AND ($b = '' OR o1.id = $b)
WITH x, collect({subject: x.name, relation: label(r1), object: o1.name, sources: r1.sources,
                 evidence: r1.evidence, confidences: r1.confidences}) AS outgoing
OPTIONAL MATCH (x)<-[r2]-(s2)
WHERE label(r2) <> 'MENTIONS' AND ($b = '' OR s2.id = $b)
WITH outgoing, collect({subject: s2.name, relation: label(r2), object: x.name, sources: r2.sources,
                        evidence: r2.evidence, confidences: r2.confidences}) AS incoming
UNWIND outgoing + incoming AS fact
WITH fact WHERE fact.relation IS NOT NULL
UNWIND range(1, size(fact.sources)) AS i
OPTIONAL MATCH (art:Article) WHERE art.id = fact.sources[i]
RETURN fact.subject AS subject, fact.relation AS relation, fact.object AS object,
       fact.evidence[i] AS sentence, fact.confidences[i] AS confidence, art.title AS title,
       art.date AS date, art.url AS url, fact.sources[i] AS article_id
ORDER BY confidence DESC, relation, subject, object, article_id
// variant: neo4j
MATCH (x {id: $a})-[r]-(y)
WHERE type(r) <> 'MENTIONS' AND ($b = '' OR y.id = $b)
UNWIND range(0, size(r.sources) - 1) AS i
OPTIONAL MATCH (art:Article {id: r.sources[i]})
RETURN startNode(r).name AS subject, type(r) AS relation, endNode(r).name AS object,
       r.evidence[i] AS sentence, r.confidences[i] AS confidence, art.title AS title,
       art.date AS date, art.url AS url, r.sources[i] AS article_id
ORDER BY confidence DESC, relation, subject, object, article_id
