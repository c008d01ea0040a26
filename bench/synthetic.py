"""Seeded synthetic entities, facts and extraction documents for the benchmarks, and the map
benchmark's networkx graph built from the same entities."""

from __future__ import annotations

import bisect
import itertools
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ucn.graph import MODEL
from ucn.graph.ids import slugify

# Share of entities per label (Country is capped: there are only so many countries).
LABEL_SHARES = {
    "City": 0.24,
    "Organization": 0.30,
    "Person": 0.26,
    "Event": 0.16,
    "Network": 0.04,
}
MAX_COUNTRIES = 200
# How often a document re-mentions an entity of each label that another document introduced.
REMENTION_WEIGHTS = {
    "Country": 6,
    "City": 5,
    "Network": 3,
    "Organization": 3,
    "Person": 1,
    "Event": 1,
}
REMENTIONS_PER_DOCUMENT = 10
RESTATED_SHARE = 0.12  # share of a document's relations that restate an earlier article's fact
RELATION_WEIGHTS = {
    "MEMBER_OF": 15,
    "PARTNER_OF": 14,
    "PARTICIPATED_IN": 14,
    "LOCATED_IN": 14,
    "WORKS_FOR": 12,
    "SUPPORTED": 8,
    "ORGANIZED": 6,
    "HOSTED": 5,
    "PART_OF": 5,
    "FOUNDED_IN": 4,
}
WORDS = (
    "Hà Nội", "Đà Nẵng", "Huế", "Hải Phòng", "Cần Thơ", "Lyon", "Bordeaux", "Yokohama",
    "Busan", "Kraków", "Göteborg", "Århus", "Łódź", "São Paulo", "Medellín", "Kigali",
    "Green", "Urban", "Mekong", "Delta", "Coastal", "Smart", "Resilient", "Heritage",
    "Metropolitan", "Riverside", "Northern", "Southern", "Pacific", "Alpine", "Lakeside",
)  # fmt: skip
ROLES = ("full", "associate", "observer", "speaker", "co-organiser", "delegate", "founder")
KINDS = ("MoU", "twinning", "funding", "technical assistance", "exchange", "grant")
TITLES = ("Mayor", "Director", "Chair", "Secretary General", "Vice Chair", "Advisor")
COUNTRY_CODES = ("VN", "FR", "JP", "KR", "PL", "SE", "DK", "BR", "CO", "RW", "DE", "US")
NODE_KINDS = {
    "City": ("city", "province"),
    "Organization": ("institute", "ministry", "company", "department", "academy"),
    "Event": ("meeting", "visit", "conference", "signing", "training"),
}


# -- entities, facts and extraction documents -------------------------------------------------
@dataclass
class Entity:
    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    properties: dict[str, str]


Fact = tuple[str, Entity, Entity]  # relation type, source, target


def random_date(rng: random.Random) -> str:
    year = rng.randint(1995, 2024)
    shape = rng.random()
    if shape < 0.2:
        return str(year)
    if shape < 0.45:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def make_entity(rng: random.Random, label: str, index: int) -> Entity:
    name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {label} {index}"
    words = name.split()
    aliases = [f"{label} no. {index}"]
    if rng.random() < 0.5:
        aliases.append("".join(w[0] for w in words if w[0].isalpha()).upper() + str(index))
    props: dict[str, str] = {}
    if label in NODE_KINDS:
        props["kind"] = rng.choice(NODE_KINDS[label])
    if label in ("City", "Organization"):
        props["country"] = rng.choice(COUNTRY_CODES)
    if label == "Country":
        props["code"] = f"{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}"
    if label == "Event":
        props["date"] = random_date(rng)
        props["location"] = f"{rng.choice(WORDS)} Hall"
    if rng.random() < 0.3:
        props["wikidata"] = f"Q{rng.randint(1, 10**8)}"
    return Entity(f"{label.lower()}/{slugify(name)}", label, name, tuple(aliases), props)


def entity_counts(
    entities: int,
    shares: dict[str, float] = LABEL_SHARES,
    max_countries: int = MAX_COUNTRIES,
    per_country: int = 500,
    min_countries: int = 1,
) -> dict[str, int]:
    """How many entities of each label: a country per `per_country` entities (within the
    bounds), the rest shared out by `shares`."""
    countries = min(max_countries, max(min_countries, entities // per_country))
    rest = entities - countries
    counts = {label: int(rest * share) for label, share in shares.items()}
    counts["Organization"] += rest - sum(counts.values())
    counts["Country"] = countries
    return counts


def relation_properties(rng: random.Random, rel_type: str) -> dict[str, str]:
    props = {}
    for prop in MODEL.relations[rel_type].properties:
        if rng.random() < 0.5:
            continue
        if prop.name in ("since", "date"):
            props[prop.name] = random_date(rng)
        elif prop.name == "role":
            props[prop.name] = rng.choice(ROLES)
        elif prop.name == "kind":
            props[prop.name] = rng.choice(KINDS)
        elif prop.name == "title":
            props[prop.name] = rng.choice(TITLES)
    return props


def fact_key(rel_type: str, source: str, target: str) -> tuple[str, str, str]:
    """The key the store files a fact under (symmetric facts are stored in id order)."""
    if MODEL.relations[rel_type].symmetric and target < source:
        source, target = target, source
    return rel_type, source, target


def build_documents(nodes: int, relations: int, documents: int, seed: int) -> list[dict[str, Any]]:
    """Extraction documents whose load stores `nodes` nodes and about `relations` relations.

    Each document introduces its share of the entities, re-mentions popular ones (so nodes gain
    sources and aliases), restates some facts other articles stated (so facts gain provenance)
    and states new facts among its entities. Every article adds an Article node and a MENTIONS
    relation per entity, which count towards the totals.
    """
    rng = random.Random(seed)
    counts = entity_counts(nodes - documents)
    by_label: dict[str, list[Entity]] = {
        label: [make_entity(rng, label, i) for i in range(count)] for label, count in counts.items()
    }
    pool = [e for label in sorted(by_label) for e in by_label[label]]
    rng.shuffle(pool)
    remention_labels = list(REMENTION_WEIGHTS)
    remention_weights = list(REMENTION_WEIGHTS.values())
    rel_types = list(RELATION_WEIGHTS)
    rel_weights = list(RELATION_WEIGHTS.values())
    facts: list[Fact] = []
    fact_keys: set[tuple[str, str, str]] = set()
    stored_relations = 0
    out = []
    for d in range(documents):
        article_id = f"article/{d:06d}"
        chosen: dict[str, Entity] = {e.id: e for e in pool[d::documents]}
        for _ in range(REMENTIONS_PER_DOCUMENT):
            label = rng.choices(remention_labels, remention_weights)[0]
            candidates = by_label[label]
            entity = candidates[int(len(candidates) * rng.random() ** 3)]  # a few popular ones
            chosen[entity.id] = entity
        stated: list[Fact] = []
        in_document: set[tuple[str, str, str]] = set()
        # Spread the relation budget evenly: what this document still owes the running total.
        due = round(relations * (d + 1) / documents) - stored_relations
        restated = int(max(0, due - len(chosen)) * RESTATED_SHARE) if facts else 0
        for _ in range(restated):
            rel_type, source, target = facts[int(len(facts) * rng.random() ** 0.5)]
            key = fact_key(rel_type, source.id, target.id)
            if key not in in_document:
                in_document.add(key)
                chosen[source.id], chosen[target.id] = source, target
                stated.append((rel_type, source, target))
        stored_relations += len(chosen)  # one MENTIONS per entity of the document
        present: dict[str, list[Entity]] = defaultdict(list)
        for entity in chosen.values():
            present[entity.label].append(entity)
        new_facts, attempts = due - len(chosen), 0
        while new_facts > 0 and attempts < 50 * (due + 1):
            attempts += 1
            rel_type = rng.choices(rel_types, rel_weights)[0]
            rel = MODEL.relations[rel_type]
            sources = [lbl for lbl in rel.sources if present.get(lbl)]
            targets = [lbl for lbl in rel.targets if present.get(lbl)]
            if not sources or not targets:
                continue
            source = rng.choice(present[rng.choice(sources)])
            target = rng.choice(present[rng.choice(targets)])
            key = fact_key(rel_type, source.id, target.id)
            if source.id == target.id or key in fact_keys:
                continue
            fact_keys.add(key)
            in_document.add(key)
            facts.append((rel_type, source, target))
            stated.append((rel_type, source, target))
            stored_relations += 1
            new_facts -= 1
        out.append(make_document(rng, d, article_id, list(chosen.values()), stated))
    return out


def make_document(
    rng: random.Random,
    index: int,
    article_id: str,
    entities: list[Entity],
    stated: list[Fact],
) -> dict[str, Any]:
    lang = rng.choice(("vi", "en", "fr"))
    return {
        "article": {
            "id": article_id,
            "title": f"Cooperation news {index}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
            "date": random_date(rng),
            "lang": lang,
            "source": "synthetic",
            "url": f"https://news.example.org/{lang}/{index}",
        },
        "entities": [
            {
                "id": e.id,
                "type": e.label,
                "name": e.name,
                "aliases": [a for a in e.aliases if rng.random() < 0.6],
                "properties": e.properties,
            }
            for e in entities
        ],
        "relations": [
            {
                "type": rel_type,
                "source": source.id,
                "target": target.id,
                "evidence": (
                    f"{source.name} and {target.name} confirmed their {rel_type.lower()} tie, "
                    f"the article {article_id} reported."
                ),
                "confidence": round(rng.uniform(0.5, 1.0), 2),
                "properties": relation_properties(rng, rel_type),
            }
            for rel_type, source, target in stated
        ],
    }


# -- the map benchmark's networkx graph -------------------------------------------------------
# Popularity within a label falls off as 1 / rank ** SKEW: a few hubs (networks, capitals).
SKEW = 0.8
SENTENCE = "{a} và {b}: theo bài báo, hai bên đã ký kết thỏa thuận hợp tác về phát triển đô thị."


def map_graph(
    entities: int, edges_per_node: float, seed: int
) -> tuple[nx.MultiDiGraph, dict[str, dict[str, Any]]]:
    """A cooperation graph of `entities` entities and about `edges_per_node` relations each,
    and the articles its evidence cites (one per ten entities)."""
    rng = random.Random(seed)
    n_articles = max(1, entities // 10)
    articles = {
        f"article/{i:06d}": {
            "title": f"Hợp tác đô thị, bài {i}",
            "date": random_date(rng),
            "url": f"https://example.org/tin-tuc/{i}",
            "lang": "vi" if i % 3 else "en",
        }
        for i in range(n_articles)
    }
    article_ids = list(articles)
    graph = nx.MultiDiGraph()
    by_label: dict[str, list[str]] = {}
    for label, count in entity_counts(entities).items():
        by_label[label] = []
        for index in range(count):
            entity = make_entity(rng, label, index)
            if entity.id in graph:
                continue
            by_label[label].append(entity.id)
            graph.add_node(
                entity.id,
                label=label,
                id=entity.id,
                name=entity.name,
                aliases=list(entity.aliases),
                sources=rng.sample(article_ids, min(len(article_ids), rng.randint(1, 3))),
                **{"kind": None, "wikidata": None, **entity.properties},
            )
    cumulative = {
        label: list(itertools.accumulate(1 / (rank + 1) ** SKEW for rank in range(len(ids))))
        for label, ids in by_label.items()
    }

    def pick(labels: tuple[str, ...]) -> str | None:
        labels = tuple(label for label in labels if by_label.get(label))
        if not labels:
            return None
        label = rng.choices(labels, weights=[len(by_label[x]) for x in labels])[0]
        weights = cumulative[label]
        index = bisect.bisect_left(weights, rng.random() * weights[-1])
        return by_label[label][min(index, len(weights) - 1)]

    rel_types, rel_weights = list(RELATION_WEIGHTS), list(RELATION_WEIGHTS.values())
    wanted = round(entities * edges_per_node)
    attempts = added = 0
    while added < wanted and attempts < wanted * 20:
        attempts += 1
        rel_type = rng.choices(rel_types, weights=rel_weights)[0]
        relation = MODEL.relations[rel_type]
        source, target = pick(relation.sources), pick(relation.targets)
        if source is None or target is None or source == target:
            continue
        _, source, target = fact_key(rel_type, source, target)
        if graph.has_edge(source, target, key=rel_type):
            continue
        cited = rng.sample(article_ids, min(len(article_ids), rng.choice((1, 1, 1, 2, 3))))
        names = graph.nodes[source]["name"], graph.nodes[target]["name"]
        confidences = [round(rng.uniform(0.5, 0.99), 2) for _ in cited]
        graph.add_edge(
            source,
            target,
            key=rel_type,
            type=rel_type,
            sources=cited,
            evidence=[SENTENCE.format(a=names[0], b=names[1]) for _ in cited],
            confidences=confidences,
            confidence=max(confidences),
            **relation_properties(rng, rel_type),
        )
        added += 1
    return graph, articles
