"""The query benchmark's seeded synthetic cooperation graph: entities at home in regions (planted
communities), the stories its articles tell of them, and the store that holds it."""

from __future__ import annotations

import json
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ucn.graph import MODEL, open_store
from ucn.loaders import BATCH_ROWS

from loading import load
from synthetic import Entity, Fact, entity_counts, fact_key, make_document, make_entity

NODES_PER_ARTICLE = 20  # one article per this many nodes
REGIONS = 8  # planted communities: each country, and every entity, has a home region
MAX_COUNTRIES = 200
LABEL_SHARES = {"City": 0.22, "Organization": 0.28, "Person": 0.24, "Event": 0.23, "Network": 0.03}
GLOBAL_NETWORKS = 0.02  # share of networks with members from every region
FOREIGN = 0.15  # share of a story's other parties from another region
CAST = 0.7  # share of a story's parties from the entities its article already names
RESTATED_SHARE = 0.10  # of what an article adds beyond its introductions: restated facts
STORY_WEIGHTS = {"membership": 30, "event": 30, "partnership": 20, "support": 10, "structure": 10}


@dataclass
class Synthetic:
    documents: list[dict[str, Any]]
    region: dict[str, int]  # entity id -> home region (-1: a global network)
    counts: dict[str, int]


class World:
    """Entities with a home region and a popularity rank, and the stories articles tell."""

    def __init__(self, rng: random.Random, entities: int):
        self.rng = rng
        self.counts = entity_counts(entities, LABEL_SHARES, MAX_COUNTRIES, 450, REGIONS)
        self.region: dict[str, int] = {}
        self.pools: dict[tuple[str, int], list[Entity]] = defaultdict(list)
        self.global_networks: list[Entity] = []
        self.skeleton: dict[str, list[Fact]] = defaultdict(list)  # what introduces an entity
        self.entities: list[Entity] = []
        self.cast: dict[str, list[Entity]] = {}  # the entities of the article being written
        made = {
            label: [make_entity(rng, label, i) for i in range(n)]
            for label, n in self.counts.items()
        }
        for i, country in enumerate(made["Country"]):  # index-based codes: AA, AB, ...
            self._home(country, i % REGIONS)
        for city in made["City"]:
            region = rng.randrange(REGIONS)
            country = self.pick("Country", region, 2)
            city.properties["country"] = country.properties["code"]
            self._home(city, region)
            if rng.random() < 0.4:
                self.skeleton[city.id].append(("LOCATED_IN", city, country))
        for org in made["Organization"]:
            region = rng.randrange(REGIONS)
            city = self.pick("City", region, 3)
            org.properties["country"] = city.properties["country"]
            self._home(org, region)
            self.skeleton[org.id].append(("LOCATED_IN", org, city))
        for network in made["Network"]:
            if len(self.global_networks) < max(3, int(len(made["Network"]) * GLOBAL_NETWORKS)):
                self.global_networks.append(network)
                self.region[network.id] = -1
                region = rng.randrange(REGIONS)
            else:
                region = rng.randrange(REGIONS)
                self._home(network, region)
            self.skeleton[network.id].append(("FOUNDED_IN", network, self.pick("City", region, 3)))
        for event in made["Event"]:
            region = rng.randrange(REGIONS)
            host = self.pick("City", region, 3)
            event.properties["location"] = host.name
            self._home(event, region)
            self.skeleton[event.id].append(("HOSTED", host, event))
            if rng.random() < 0.5:
                self.skeleton[event.id].append(("LOCATED_IN", event, host))
        for person in made["Person"]:
            region = rng.randrange(REGIONS)
            self._home(person, region)
            label = rng.choices(("Organization", "City"), (4, 1))[0]
            self.skeleton[person.id].append(("WORKS_FOR", person, self.pick(label, region, 2)))
        self.entities = [e for label in sorted(made) for e in made[label]]

    def _home(self, entity: Entity, region: int) -> None:
        self.region[entity.id] = region
        self.pools[entity.label, region].append(entity)

    def pick(self, label: str, region: int, skew: float) -> Entity:
        """An entity of `label` at home in `region`; the higher `skew`, the more often the
        first (most popular) ones."""
        pool = self.pools[label, region]
        return pool[int(len(pool) * self.rng.random() ** skew)]

    def party(self, weights: dict[str, int], region: int, skew: float = 1.5) -> Entity:
        """Someone of a story: of a label drawn by `weights`, often one the article already
        names, mostly from `region`."""
        label = self.rng.choices(list(weights), list(weights.values()))[0]
        if self.cast.get(label) and self.rng.random() < CAST:
            return self.rng.choice(self.cast[label])
        if self.rng.random() < FOREIGN:
            region = self.rng.randrange(REGIONS)
        return self.pick(label, region, skew)

    def network(self, region: int) -> Entity:
        if self.cast.get("Network") and self.rng.random() < CAST:
            return self.rng.choice(self.cast["Network"])
        if self.rng.random() < 0.4:
            pool = self.global_networks
            return pool[int(len(pool) * self.rng.random() ** 2)]
        return self.pick("Network", region, 2)

    def story(self, kind: str, region: int) -> list[Fact]:
        rng, party = self.rng, self.party
        facts: list[Fact] = []
        if kind == "membership":
            network = self.network(region)
            members = {"City": 55, "Organization": 28, "Country": 6, "Person": 5, "Network": 6}
            for _ in range(rng.randint(2, 8)):
                r = rng.randrange(REGIONS) if self.region[network.id] < 0 else region
                facts.append(("MEMBER_OF", party(members, r), network))
        elif kind == "event":
            event = party({"Event": 1}, region)
            for _ in range(rng.randint(1, 2)):
                who = party({"Network": 4, "Organization": 4, "City": 2}, region)
                facts.append(("ORGANIZED", who, event))
            attendees = {"City": 40, "Organization": 35, "Person": 20, "Country": 5}
            for _ in range(rng.randint(2, 10)):
                facts.append(("PARTICIPATED_IN", party(attendees, region), event))
            if rng.random() < 0.5:
                facts.append(("SUPPORTED", party({"Organization": 3, "Country": 1}, region), event))
        elif kind == "partnership":
            for _ in range(rng.randint(1, 3)):
                label = rng.choices(("City", "Organization"), (3, 1))[0]
                a = party({label: 1}, region, 2)
                facts.append(("PARTNER_OF", a, party({label: 4, "Organization": 1}, region, 2)))
        elif kind == "support":
            for _ in range(rng.randint(1, 3)):
                donor = party({"Organization": 3, "Country": 1}, region, 2)
                facts.append(("SUPPORTED", donor, party({"City": 3, "Organization": 2}, region)))
        else:  # structure: departments of organisations, people's posts
            org = party({"Organization": 1}, region, 2)
            facts.append(("PART_OF", org, party({"Organization": 2, "Network": 1}, region, 2)))
            person = party({"Person": 1}, region)
            facts.append(("WORKS_FOR", person, party({"Organization": 3, "Network": 1}, region)))
        return facts


@dataclass
class Draft:
    """One article being written: its entities and the facts it states."""

    chosen: dict[str, Entity] = field(default_factory=dict)
    by_label: dict[str, list[Entity]] = field(default_factory=lambda: defaultdict(list))
    stated: list[Fact] = field(default_factory=list)
    keys: set[tuple[str, str, str]] = field(default_factory=set)
    new: int = 0  # facts no earlier article stated

    @property
    def stores(self) -> int:
        """Relations this article adds: its new facts and a MENTIONS per entity."""
        return len(self.chosen) + self.new

    def mention(self, entity: Entity) -> None:
        if entity.id not in self.chosen:
            self.chosen[entity.id] = entity
            self.by_label[entity.label].append(entity)

    def state(self, fact: Fact, known: set[tuple[str, str, str]], facts: list[Fact]) -> None:
        rel_type, source, target = fact
        key = fact_key(rel_type, source.id, target.id)
        if source.id == target.id or key in self.keys:
            return
        if not MODEL.relations[rel_type].allows(source.label, target.label):
            raise ValueError(f"the generator made a bad fact: {rel_type} {source.id} {target.id}")
        self.keys.add(key)
        self.mention(source)
        self.mention(target)
        self.stated.append(fact)
        if key not in known:
            known.add(key)
            facts.append(fact)
            self.new += 1


def build_graph(nodes: int, relations: int, seed: int) -> Synthetic:
    """Extraction documents whose load stores `nodes` nodes and about `relations` relations
    (each article is a node; each entity it names, a MENTIONS relation)."""
    rng = random.Random(seed)
    documents = max(1, nodes // NODES_PER_ARTICLE)
    world = World(rng, nodes - documents)
    # Each article is about one region and introduces entities at home there.
    pools: dict[int, list[Entity]] = defaultdict(list)
    for entity in world.entities:
        home = world.region[entity.id]
        pools[home if home >= 0 else rng.randrange(REGIONS)].append(entity)
    for pool in pools.values():
        rng.shuffle(pool)
    kinds, weights = list(STORY_WEIGHTS), list(STORY_WEIGHTS.values())
    facts: list[Fact] = []
    known: set[tuple[str, str, str]] = set()
    stored = 0
    out = []
    for d in range(documents):
        draft = Draft()
        world.cast = draft.by_label
        region, nth = d % REGIONS, d // REGIONS
        in_region = len(range(region, documents, REGIONS))  # articles about this region
        for entity in pools[region][nth::in_region]:  # the entities this article introduces
            draft.mention(entity)
            for fact in world.skeleton[entity.id]:
                draft.state(fact, known, facts)
        # Spread the relation budget evenly: what this article still owes the running total.
        due = round(relations * (d + 1) / documents) - stored
        for _ in range(int(max(0, due - draft.stores) * RESTATED_SHARE) if facts else 0):
            draft.state(facts[int(len(facts) * rng.random() ** 0.5)], known, facts)
        attempts = 0
        while draft.stores < due and attempts < 1000:
            attempts += 1
            for fact in world.story(rng.choices(kinds, weights)[0], region):
                if draft.stores >= due:
                    break
                draft.state(fact, known, facts)
        stored += draft.stores
        entities = list(draft.chosen.values())
        out.append(make_document(rng, d, f"article/{d:06d}", entities, draft.stated))
    return Synthetic(out, world.region, world.counts)


def build_store(path: Path, nodes: int, relations: int, seed: int) -> dict[str, Any]:
    """A fresh embedded store at `path` holding the synthetic graph; what it took."""
    start = time.perf_counter()
    graph = build_graph(nodes, relations, seed)
    generated = time.perf_counter() - start
    store = open_store(db=path)
    try:
        run = load(store, graph.documents, BATCH_ROWS)
        stats = store.stats()
    finally:
        store.close()
    return {
        "graph": graph,
        "generate_seconds": generated,
        "load_seconds": run.seconds,
        "documents": len(graph.documents),
        "stats": stats,
    }


def reuse_or_build(path: Path, keep: bool, nodes: int, relations: int, seed: int) -> dict[str, Any]:
    """What `build_store` returns (the graph's regions instead of the graph), from the store at
    `path` and its sidecar when `keep` and they were built with the same settings, else from a
    store built there now (and, when `keep`, its sidecar written for the next run)."""
    sidecar = path.with_name(path.name + ".bench.json")
    settings = {"nodes": nodes, "relations": relations, "seed": seed}
    if keep and path.exists() and sidecar.exists():
        saved = json.loads(sidecar.read_text(encoding="utf-8"))
        if saved.get("settings") == settings:
            print(f"reusing the benchmark graph in {path}", flush=True)
            return {**saved["built"], "region": saved["region"], "reused": True}
        raise SystemExit(
            f"{path} holds a graph built with {saved.get('settings')}, not {settings}: "
            "remove it or give another --db"
        )
    if keep and path.exists():
        raise SystemExit(f"{path} exists but has no {sidecar.name}: remove it or give another --db")
    built = build_store(path, nodes, relations, seed)
    region = built.pop("graph").region
    if keep:
        sidecar.write_text(
            json.dumps({"settings": settings, "built": built, "region": region}) + "\n",
            encoding="utf-8",
        )
    return {**built, "region": region, "reused": False}
