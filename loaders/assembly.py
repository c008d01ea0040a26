"""Article assembly: the facts of all sentences become one extraction document.

Beside what the sentences state, the assembly adds what the gazetteer already knows about the
places an article names together (a city lies in its country), keeps one fact per relation and
pair (the first sentence as evidence, the highest confidence).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..graph.model import MODEL
from .article import Article
from .coref import Entity
from .events import Relation

CONTAINMENT_CONFIDENCE = 0.75  # a gazetteer city and its country, both named in the article


def containment(entities: Iterable[Entity], sentences: list[str]) -> Iterator[Relation]:
    """LOCATED_IN from the gazetteer: each place the article names lies in the unit the gazetteer
    puts it in (a city in its province) and in its country, when the article names those too.
    The evidence is the first sentence that names both, else the first that names the place."""
    entities = list(entities)
    countries = {e.iso: e for e in entities if e.type == "Country" and e.iso}
    by_id = {e.id: e for e in entities}
    for place in entities:
        if place.type != "City":
            continue
        wider = [by_id.get(place.within or "")]
        if place.iso:
            wider.append(countries.get(place.iso))
        for unit in wider:
            if unit is None or unit is place:
                continue
            evidence = _first_naming(sentences, place, unit) or _first_naming(sentences, place)
            yield Relation(
                "LOCATED_IN",
                place.id,
                unit.id,
                evidence or "",
                CONTAINMENT_CONFIDENCE,
                how="gazetteer",
            )


def hosts_at_home(relations: list[Relation]) -> list[Relation]:
    """A city that organises an event held in it hosts it too."""
    held_in = {(r.source, r.target) for r in relations if r.type == "LOCATED_IN"}
    return [
        Relation("HOSTED", r.source, r.target, r.evidence, r.confidence, how="home:" + r.how)
        for r in relations
        if r.type == "ORGANIZED" and (r.target, r.source) in held_in
    ]


def hosts_for_their_body(relations: list[Relation]) -> list[Relation]:
    """A person who receives guests for a city or a body takes part in the event, and the city
    or body hosts it: the one another relation names as host, else the one whose title the
    person holds in the same sentence ("Chairman of X's People's Committee A hosted ...").
    A person is host only where no one else is."""
    hosted = {r.target for r in relations if r.type == "HOSTED" and not _person(r.source)}
    posts = {
        (r.source, r.evidence): r.target
        for r in relations
        if r.type == "WORKS_FOR" and r.how.startswith("title")
    }
    out = []
    for r in relations:
        if r.type == "HOSTED" and _person(r.source):
            body = posts.get((r.source, r.evidence))
            if r.target not in hosted and body is not None:
                out.append(Relation("HOSTED", body, r.target, r.evidence, r.confidence, how=r.how))
                hosted.add(r.target)
            if r.target in hosted:
                r = Relation(
                    "PARTICIPATED_IN", r.source, r.target, r.evidence, r.confidence, how=r.how
                )
        out.append(r)
    return out


def _person(entity_id: str) -> bool:
    return entity_id.startswith("person/")


def _first_naming(sentences: list[str], *entities: Entity) -> str | None:
    for sentence in sentences:
        folded = sentence.casefold()
        if all(any(n.casefold() in folded for n in (e.name, *e.aliases)) for e in entities):
            return sentence
    return None


def document(
    article: Article,
    entities: Iterable[Entity],
    relations: Iterable[Relation],
) -> dict[str, Any]:
    """The extraction document (eval README) of an article."""
    all_entities = list(entities)
    types = {e.id: e.type for e in all_entities}
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    out_relations = []
    for r in relations:
        rel = MODEL.relations[r.type]
        source, target = r.source, r.target
        if source == target or not rel.allows(types[source], types[target]) or not r.evidence:
            continue
        if rel.symmetric and target < source:
            source, target = target, source
        key = (r.type, source, target)
        if key in seen:  # stated again: keep the first sentence, learn what it lacked
            fact = seen[key]
            for name, value in r.properties.items():
                fact["properties"].setdefault(name, value)
            fact["confidence"] = max(fact["confidence"], r.confidence)
            continue
        seen[key] = {
            "type": r.type,
            "source": source,
            "target": target,
            "properties": dict(r.properties),
            "evidence": r.evidence,
            "confidence": r.confidence,
            "how": r.how,
        }
        out_relations.append(seen[key])
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "date": article.date,
            "lang": article.lang,
            "source": article.source,
            "url": article.url,
        },
        "entities": [
            {
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "aliases": e.aliases,
                "properties": e.properties,
            }
            for e in all_entities
        ],
        "relations": out_relations,
    }
