"""Query benchmark: latency of every named query on a synthetic cooperation graph, and analysis.

    python bench/query_bench.py [--nodes 100000 --relations 500000] [--runs 20] [--rounds 4]
                                [--seed 7] [--analyze-nodes 20000] [--skip-analyze] [--db PATH]

Builds a seeded synthetic cooperation graph (about --nodes nodes and --relations relations,
articles and MENTIONS included) and loads it through the public API (extraction documents,
parse_document, Batch.of, store.write, as bench/load_bench.py does) into a fresh embedded store.
The graph has the shape the named queries ask about: countries with ISO-like codes grouped in
regions (planted communities), cities carrying their country's code, organisations, people and
networks at home in a region, a few global networks; articles tell stories of networks gaining
members (MEMBER_OF with since and role), events with hosts, organisers, participants and
supporters, partnerships (PARTNER_OF), support and posts, within a region mostly; popularity is
skewed, so a few hub cities, networks and events carry many ties. Every fact has sources, an
evidence sentence per source and confidences; some are restated by later articles, so they
carry several.

With --db PATH the graph is kept in that store file (its regions in PATH.bench.json beside it)
and later runs with the same --nodes, --relations and --seed reuse it rather than build it again.

It then reopens the store, picks parameters from the graph (the busiest city, the largest
network, the busiest event, the country with the most cities, cities of two regions) and times
every named query with `run_named`, entity parameters given as ids: one warm-up run (when the
engine compiles it), then --runs timed runs (5 for a query whose warm-up took over 2 s) spread
over --rounds rounds through every query, so that a burst of load from elsewhere falls on several
queries rather than on one query's runs. It reports the median, the 95th percentile (nearest
rank) beside the goal for it (100 ms for a query about one entity, 300 ms for a global one:
every pair, every type), and the rows returned; beside them the median of an anchor, the
engine's simplest read of the same relations (a count with no grouping: every pair the query
counts, every tie each way, the entity's ties, the path search alone), timed in the same rounds,
and the ratio of the two medians, which moves less than the times on a shared machine; and the
time `bind` takes on the same values (checking them and looking the ids up), which is part of
the query's time. It also
times resolving a name rather than an id through `ucn.queries.resolve.EntityIndex` (an exact
name, and the name in lower case without diacritics, which reads every node's names on first
use; goal 50 ms), and a whole `ucn query --name participants-of` process, start to end.

Last, unless --skip-analyze, it builds a second, smaller graph (--analyze-nodes nodes and
proportionally fewer relations) and times what `ucn analyze --write` does:
`ucn.queries.analytics.analyze` (reading the graph into networkx included) and `write_measures`,
reporting whether betweenness was exact or sampled. Prints tables and writes
bench-out/queries.json. This is a benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx

from ucn.graph import MODEL, GraphStore, open_store
from ucn.graph.ids import slugify
from ucn.loaders import BATCH_ROWS
from ucn.queries.library import bind, get_query, load_library, run_named
from ucn.queries.resolve import EntityIndex, _gazetteer_ids

from loading import load
from report import environment, say, table_lines, write_json
from synthetic import Entity, fact_key, make_document, make_entity
from timing import clock, nearest_rank

OUT = Path(__file__).resolve().parent.parent / "bench-out" / "queries.json"
NODES_PER_ARTICLE = 20  # one article per this many nodes
REGIONS = 8  # planted communities: each country, and every entity, has a home region
MAX_COUNTRIES = 200
LABEL_SHARES = {"City": 0.22, "Organization": 0.28, "Person": 0.24, "Event": 0.23, "Network": 0.03}
GLOBAL_NETWORKS = 0.02  # share of networks with members from every region
FOREIGN = 0.15  # share of a story's other parties from another region
CAST = 0.7  # share of a story's parties from the entities its article already names
RESTATED_SHARE = 0.10  # of what an article adds beyond its introductions: restated facts
STORY_WEIGHTS = {"membership": 30, "event": 30, "partnership": 20, "support": 10, "structure": 10}
SLOW_SECONDS = 2.0  # a query whose warm-up takes longer is timed SLOW_RUNS times only
SLOW_RUNS = 5
ONE_ENTITY_MS = 100.0  # p95 goals: a query about one entity,
GLOBAL_MS = 300.0  # every pair or every type,
RESOLVE_MS = 50.0  # and resolving a name
# The relation types that are ties (the model's, MENTIONS left out), for the anchors.
TIES = "|".join(sorted(set(MODEL.relations) - {"MENTIONS"}))
TIMELINE_YEARS = (2015, 2020)
CLI_RUNS = 3


# -- the synthetic cooperation graph ----------------------------------------------------------
Fact = tuple[str, Entity, Entity]


@dataclass
class Synthetic:
    documents: list[dict[str, Any]]
    region: dict[str, int]  # entity id -> home region (-1: a global network)
    counts: dict[str, int]


class World:
    """Entities with a home region and a popularity rank, and the stories articles tell."""

    def __init__(self, rng: random.Random, entities: int):
        self.rng = rng
        countries = min(MAX_COUNTRIES, max(REGIONS, entities // 450))
        rest = entities - countries
        self.counts = {label: int(rest * share) for label, share in LABEL_SHARES.items()}
        self.counts["Organization"] += rest - sum(self.counts.values())
        self.counts["Country"] = countries
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


# -- parameters -------------------------------------------------------------------------------
@dataclass
class Case:
    query: str
    what: str  # how the parameters were chosen, for the table
    values: dict[str, Any]
    skip: str = ""  # why the query is not timed
    # The goal for its p95: a query about one entity, or a global one (every pair, every type).
    target_ms: float = ONE_ENTITY_MS
    # The engine's simplest read of the same relations (a count, no grouping, no properties),
    # timed beside the query: how far above what the engine can do at all the query is.
    anchor: str = ""
    anchor_values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Picks:
    """Entities of the graph the cases are about, with what makes each one the pick."""

    city: str = ""
    city_ties: int = 0
    partner: str = ""
    network: str = ""
    network_members: int = 0
    event: str = ""
    event_parties: int = 0
    country: str = ""
    country_cities: int = 0
    typical: tuple[str, str] = ("", "")
    hubs: tuple[str, str] = ("", "")
    accented: tuple[str, str] = ("", "")  # the busiest city with diacritics: id, name


def pick_parameters(store: GraphStore, region: dict[str, int]) -> Picks:
    p = Picks()
    cities = store.run(
        "MATCH (c:City)-[r]-() WHERE label(r) <> 'MENTIONS' "
        "RETURN c.id AS id, c.name AS name, count(*) AS ties"
    )
    cities.sort(key=lambda r: (-r["ties"], r["id"]))
    p.city, p.city_ties = cities[0]["id"], cities[0]["ties"]
    p.accented = next(
        ((r["id"], r["name"]) for r in cities if not r["name"].isascii()),
        (cities[0]["id"], cities[0]["name"]),
    )
    p.partner = store.run(
        "MATCH (c:City {id: $id})-[r]-(o) WHERE label(r) <> 'MENTIONS' "
        "RETURN o.id AS id, size(r.sources) AS articles ORDER BY articles DESC, id LIMIT 1",
        {"id": p.city},
    )[0]["id"]
    by_region: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in cities:
        by_region[region[row["id"]]].append(row)
    home = region[p.city]
    away = (home + REGIONS // 2) % REGIONS
    p.hubs = (p.city, by_region[away][0]["id"])
    # The city of median ties in each of the two regions: a typical pair.
    p.typical = (
        by_region[home][len(by_region[home]) // 2]["id"],
        by_region[away][len(by_region[away]) // 2]["id"],
    )
    row = store.run(
        "MATCH ()-[r:MEMBER_OF]->(n:Network) RETURN n.id AS id, count(*) AS members "
        "ORDER BY members DESC, id LIMIT 1"
    )[0]
    p.network, p.network_members = row["id"], row["members"]
    row = store.run(
        "MATCH ()-[r:HOSTED|ORGANIZED|PARTICIPATED_IN|SUPPORTED]->(e:Event) "
        "RETURN e.id AS id, count(*) AS parties ORDER BY parties DESC, id LIMIT 1"
    )[0]
    p.event, p.event_parties = row["id"], row["parties"]
    per_code = store.run("MATCH (c:City) RETURN c.country AS code, count(*) AS n")
    codes = {r["code"]: r["n"] for r in per_code}
    countries = store.run("MATCH (k:Country) RETURN k.id AS id, k.code AS code")
    best = max(countries, key=lambda r: (codes.get(r["code"], 0), r["id"]))
    p.country, p.country_cities = best["id"], codes.get(best["code"], 0)
    return p


def cases(p: Picks) -> list[Case]:
    """The named queries with realistic parameters: optional ones at their defaults, and a
    filtered variant where one changes the work."""
    city = {"entity": p.city}
    start, end = TIMELINE_YEARS
    years = {"from": start, "until": end}
    typical = {"a": p.typical[0], "b": p.typical[1]}
    hubs = {"a": p.hubs[0], "b": p.hubs[1]}
    pairs = "(a:City)-[:MEMBER_OF]->(:Network)<-[:MEMBER_OF]-(b:City)"
    ties = f"MATCH (x:City {{id: $id}})-[:{TIES}]-() RETURN count(*) AS n"
    city_ties = {"anchor": ties, "anchor_values": {"id": p.city}}

    def path(a: str, b: str) -> dict[str, Any]:
        return {
            "anchor": f"MATCH (x:City {{id: $a}})-[e:{TIES}* SHORTEST 1..8]-(y:City {{id: $b}}) "
            "RETURN length(e) AS n",
            "anchor_values": {"a": a, "b": b},
        }

    def scan(pattern: str) -> dict[str, Any]:
        return {"anchor": f"MATCH {pattern} RETURN count(*) AS n", "target_ms": GLOBAL_MS}

    listed = [
        Case("co-membership", "all pairs", {}, **scan(f"{pairs} WHERE id(a) < id(b)")),
        Case(
            "co-membership",
            "city = the busiest city",
            {"city": p.city},
            anchor=f"MATCH {pairs.replace('(a:City)', '(a:City {id: $id})')} RETURN count(*)",
            anchor_values={"id": p.city},
        ),
        Case(
            "country-cities",
            f"country with the most cities ({p.country_cities:,})",
            {"country": p.country},
        ),
        Case("events-of", "busiest city", city),
        Case("events-of", "busiest city, relation=HOSTED", {**city, "relation": "HOSTED"}),
        Case("evidence", "busiest city, every fact", {"a": p.city}, **city_ties),
        Case("evidence", "busiest city and its best-attested tie", {"a": p.city, "b": p.partner}),
        Case(
            "members-of", f"largest network ({p.network_members:,} members)", {"network": p.network}
        ),
        Case("most-connected", "every type", {}, **scan(f"(n)-[:{TIES}]-()")),
        Case(
            "most-connected",
            "relation=MEMBER_OF",
            {"relation": "MEMBER_OF"},
            **scan("(n)-[:MEMBER_OF]-()"),
        ),
        Case("neighbours", f"busiest city ({p.city_ties:,} ties)", city, **city_ties),
        Case("neighbours", "busiest city, relation=PARTNER_OF", {**city, "relation": "PARTNER_OF"}),
        Case("networks-of", "busiest city", city),
        Case("new-ties-per-year", "every type", {}, **scan(f"()-[:{TIES}]->()")),
        Case(
            "new-ties-per-year",
            "relation=MEMBER_OF",
            {"relation": "MEMBER_OF"},
            **scan("()-[:MEMBER_OF]->()"),
        ),
        Case("participants-of", f"busiest event ({p.event_parties} parties)", {"event": p.event}),
        Case("partners-of", "busiest city", city, **city_ties),
        Case("shortest-path", "median-tie cities, 2 regions", typical, **path(*p.typical)),
        Case("shortest-path", "busiest cities, 2 regions", hubs, **path(*p.hubs)),
        Case("timeline", "busiest city", city),
        Case("timeline", f"busiest city, from={start} until={end}", {**city, **years}),
    ]
    covered = {c.query for c in listed}
    by_label = {"City": p.city, "Network": p.network, "Event": p.event, "Country": p.country}
    for name, query in load_library().items():  # queries added since: required entities only
        if name in covered:
            continue
        case = Case(name, "not configured here: required entities only", {})
        for param in query.params:
            if param.required and param.type == "entity":
                labels = param.labels or ("City",)
                case.values[param.name] = next(
                    (by_label[x] for x in labels if x in by_label), p.city
                )
            elif param.required:
                case.skip = f"no value chosen for its required {param.type} {param.name}"
        listed.append(case)
    return listed


# -- timing -----------------------------------------------------------------------------------
def time_cases(
    store: GraphStore, listed: list[Case], runs: int, rounds: int, index: EntityIndex
) -> list[dict[str, Any]]:
    """Each case's warm-up run (the engine compiles the query then; later runs reuse the plan),
    then its timed runs spread over `rounds` rounds through every case, so that a burst of load
    from elsewhere on the machine falls on several queries rather than on one query's runs.
    In each round a case's runs and its anchor's alternate."""
    out: list[dict[str, Any]] = []
    samples: list[list[float]] = []
    anchors: list[list[float]] = []
    binds: list[list[float]] = []
    per_round: list[int] = []
    for case in listed:
        row: dict[str, Any] = {"query": case.query, "what": case.what, "values": case.values}
        out.append(row)
        samples.append([])
        anchors.append([])
        binds.append([])
        if case.skip:
            row["skipped"] = case.skip
            per_round.append(0)
            continue
        first, result = clock(lambda c=case: run_named(store, c.query, c.values, index=index))
        if case.anchor:
            store.run(case.anchor, case.anchor_values)
        n = runs if first < SLOW_SECONDS else min(runs, SLOW_RUNS)
        per_round.append(max(1, math.ceil(n / rounds)))
        row.update(
            bound=result.params,
            rows=len(result.rows),
            warm_up_ms=round(first * 1000, 2),
            first_row=result.rows[0] if result.rows else None,
            target_ms=case.target_ms,
            anchor=case.anchor or None,
        )
        print(f"{case.query} ({case.what}): warm-up {first * 1000:,.0f} ms", flush=True)
    for _ in range(rounds):
        for i, case in enumerate(listed):
            query = get_query(case.query)
            for _ in range(per_round[i]):
                run = lambda c=case: run_named(store, c.query, c.values, index=index)  # noqa: E731
                samples[i].append(clock(run)[0])
                binds[i].append(clock(lambda q=query, c=case: bind(q, c.values, store, index))[0])
                if case.anchor:
                    anchors[i].append(clock(lambda c=case: store.run(c.anchor, c.anchor_values))[0])
    for row, seconds, anchor, binding in zip(out, samples, anchors, binds, strict=True):
        if "skipped" in row:
            continue
        row.update(
            runs=len(seconds),
            median_ms=round(statistics.median(seconds) * 1000, 2),
            p95_ms=round(nearest_rank(seconds, 0.95) * 1000, 2),
            min_ms=round(min(seconds) * 1000, 2),
            max_ms=round(max(seconds) * 1000, 2),
            bind_median_ms=round(statistics.median(binding) * 1000, 2),
            anchor_median_ms=round(statistics.median(anchor) * 1000, 2) if anchor else None,
        )
    return out


def time_cli(path: Path, event: str) -> float:
    """Milliseconds a whole `ucn query --name participants-of` process takes (the median)."""
    command = [sys.executable, "-m", "ucn", "--db", str(path), "query", "--name"]
    command += ["participants-of", "-p", f"event={event}", "--format", "csv"]
    seconds = [
        clock(lambda: subprocess.run(command, check=True, capture_output=True))[0]
        for _ in range(CLI_RUNS)
    ]
    return round(statistics.median(seconds) * 1000, 1)


def time_resolution(store: GraphStore, entity_id: str, name: str) -> dict[str, Any]:
    """Resolving an entity parameter given as an id, its exact name, or its name in lower case
    without diacritics (which reads every node's names, then compares folded keys in Python): the
    median of 3 runs, each on a fresh EntityIndex, as each `ucn query` process has."""
    folded = slugify(name).replace("-", " ")
    out: dict[str, Any] = {"id": entity_id, "name": name, "folded": folded}
    # The gazetteer is loaded once per process, on the first name not found exactly.
    out["gazetteer_ms"] = round(clock(_gazetteer_ids)[0] * 1000, 1)

    def fresh(work: Callable[[EntityIndex], Any]) -> float:
        return statistics.median(clock(lambda: work(EntityIndex(store)))[0] for _ in range(3))

    for what, value in (("id", entity_id), ("exact_name", name), ("folded_name", folded)):
        out[f"{what}_ms"] = round(fresh(lambda index, v=value: index.resolve(v)) * 1000, 1)
        out[f"{what}_found"] = EntityIndex(store).resolve(value).id
    out["read_names_ms"] = round(fresh(lambda index: index.nodes()) * 1000, 1)
    index = EntityIndex(store)
    out["names_read"] = len(index.nodes())
    again = statistics.median(clock(lambda: index.resolve(folded))[0] for _ in range(3))
    out["folded_name_again_ms"] = round(again * 1000, 1)
    return out


def time_analysis(path: Path, nodes: int, relations: int, seed: int) -> dict[str, Any]:
    try:
        from ucn.queries import analytics
    except ImportError as error:  # the module was being written when this bench was
        return {"skipped": f"ucn.queries.analytics is not available ({error})"}
    built = build_store(path, nodes, relations, seed)
    del built["graph"]
    print(
        f"analysis graph: {sum(built['stats']['nodes'].values()):,} nodes, "
        f"{sum(built['stats']['relations'].values()):,} relations, loaded in "
        f"{built['load_seconds']:.1f}s",
        flush=True,
    )
    store = open_store(db=path, create=False)
    try:
        read, graph = clock(store.to_networkx)
        edges = graph.number_of_edges()
        del graph
        seconds, analysis = clock(lambda: analytics.analyze(store, seed=42))
        written_seconds, written = clock(lambda: analytics.write_measures(store, analysis))
    finally:
        store.close()
    sampled = [n for n in analysis.notes if "betweenness estimated" in n]
    return {
        "build": {k: v for k, v in built.items() if k != "stats"},
        "stats": built["stats"],
        "to_networkx_seconds": round(read, 2),
        "networkx_edges": edges,
        "analyze_seconds": round(seconds, 2),
        "write_measures_seconds": round(written_seconds, 2),
        "nodes_measured": len(analysis.nodes),
        "nodes_written": written,
        "communities": len(analysis.communities),
        "comembership_pairs": len(analysis.comembership),
        "betweenness": "betweenness sampled" if sampled else "betweenness exact",
        "notes": list(analysis.notes),
    }


# -- report -----------------------------------------------------------------------------------
def _ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def print_report(data: dict[str, Any]) -> None:
    cfg, big = data["config"], data["graph"]
    nodes, relations = big["nodes"], big["relations"]
    print(
        f"\nucn query benchmark: {nodes:,} nodes, {relations:,} relations "
        f"({big['relations_by_type'].get('MENTIONS', 0):,} MENTIONS), seed {cfg['seed']}, "
        f"ladybug {data['environment']['ladybug']}, {data['environment']['cpus']} cpus"
    )
    say(
        f"built in {big['generate_seconds'] + big['load_seconds']:.1f}s: generating "
        f"{big['documents']:,} articles {big['generate_seconds']:.1f}s, loading them "
        f"(parse_document, Batch.of, store.write) {big['load_seconds']:.1f}s. Reopening the "
        f"store took {data['open_ms']:.0f} ms. A whole `ucn query --name participants-of` "
        f"process (start, imports, open, resolve, query, print) takes "
        f"{data['cli_ms']:,.0f} ms (median of {CLI_RUNS})."
    )
    header = ("query", "median ms", "p95 ms", "goal", "", "anchor ms", "x anchor", "rows")
    rows = [(*header, "runs", "bind ms", "parameters")]
    for r in data["queries"]:
        if "skipped" in r:
            rows.append((r["query"], *[""] * 9, f"skipped: {r['skipped']}"))
            continue
        anchor = r.get("anchor_median_ms")
        rows.append(
            (
                r["query"],
                _ms(r["median_ms"]),
                _ms(r["p95_ms"]),
                f"<= {r['target_ms']:,.0f}",
                "ok" if r["p95_ms"] <= r["target_ms"] else "OVER",
                _ms(anchor) if anchor else "",
                f"{r['median_ms'] / anchor:,.1f}" if anchor else "",
                f"{r['rows']:,}",
                str(r["runs"]),
                _ms(r["bind_median_ms"]),
                r["what"],
            )
        )
    print()
    print("\n".join(table_lines(rows)))
    cfg = data["config"]
    say(
        f"\nrun_named with entity parameters given as ids; the store warm (one warm-up run "
        f"first, when the engine compiles the query). The runs are spread over "
        f"{cfg['rounds']} rounds through every query; p95 is the nearest rank of the runs, "
        f"`goal` the p95 asked for (a query about one entity, or a global one). The anchor is "
        f"the engine's simplest read of the same relations (a count, no grouping: every pair "
        f"the query counts; every tie, each way; the entity's ties; the path search alone), "
        f"timed beside the query in the same rounds, and `x anchor` the ratio of the medians: "
        f"on a machine shared with other work the ratio moves less than the times. `bind ms` is "
        f"the part of each run spent checking the values and looking the ids up (bind)."
    )
    res = data["resolution"]
    say(
        f"\nresolving an entity parameter (a fresh EntityIndex each), the busiest city with "
        f"diacritics in its name ({res['name']!r}): by id {res['id_ms']:.0f} ms; "
        f"by the exact name {res['exact_name_ms']:.0f} ms; by the name without diacritics "
        f"({res['folded']!r}) {res['folded_name_ms']:,.0f} ms: reading {res['names_read']:,} "
        f"nodes' names takes {res['read_names_ms']:,.0f} ms, matching the folded name against "
        f"them {res['folded_name_again_ms']:,.0f} ms once they are read (medians of 3; "
        f"loading the gazetteer, once per process on the first inexact name, "
        f"{res['gazetteer_ms']:,.0f} ms more). Goal: {RESOLVE_MS:.0f} ms."
    )
    a = data.get("analysis")
    if not a:
        return
    if "skipped" in a:
        say(f"\nanalysis: skipped, {a['skipped']}")
        return
    stored = a["stats"]
    print(
        f"\nucn analyze on {sum(stored['nodes'].values()):,} nodes, "
        f"{sum(stored['relations'].values()):,} relations "
        f"({a['nodes_measured']:,} entities measured):"
    )
    rows = [
        ("step", "seconds", ""),
        ("read the graph (to_networkx, alone)", f"{a['to_networkx_seconds']:.1f}", ""),
        ("analyze (reading included)", f"{a['analyze_seconds']:.1f}", a["betweenness"]),
        ("write_measures", f"{a['write_measures_seconds']:.1f}", f"{a['nodes_written']:,} nodes"),
    ]
    print("\n".join("  " + line for line in table_lines(rows)))
    for note in a["notes"]:
        say(f"  note: {note}")


# -- main -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--nodes", type=int, default=100_000, help="nodes (articles included)")
    parser.add_argument(
        "--relations", type=int, default=500_000, help="relations (MENTIONS included)"
    )
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument(
        "--rounds", type=int, default=4, help="rounds the runs are spread over (3 or more)"
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic graphs")
    parser.add_argument(
        "--analyze-nodes", type=int, default=20_000, help="nodes of the graph `analyze` measures"
    )
    parser.add_argument("--skip-analyze", action="store_true", help="time the queries only")
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path")
    parser.add_argument(
        "--db",
        type=Path,
        help="keep the benchmark graph in this store file: built there on the first run, "
        "reused as it is by later runs with the same --nodes, --relations and --seed "
        "(default: a fresh store in a temporary folder)",
    )
    args = parser.parse_args(argv)
    if args.nodes < 100 * NODES_PER_ARTICLE or args.runs < 1 or args.rounds < 1:
        parser.error(
            f"--nodes must be at least {100 * NODES_PER_ARTICLE}, --runs and --rounds at least 1"
        )

    data: dict[str, Any] = {
        "config": {
            "nodes": args.nodes,
            "relations": args.relations,
            "runs": args.runs,
            "rounds": args.rounds,
            "seed": args.seed,
            "regions": REGIONS,
            "analyze_nodes": None if args.skip_analyze else args.analyze_nodes,
            "analyze_relations": None
            if args.skip_analyze
            else round(args.relations * args.analyze_nodes / args.nodes),
        },
        "environment": environment(ladybug, nx, machine=True),
    }
    with tempfile.TemporaryDirectory(prefix="ucn-query-bench-") as tmp:
        path = args.db or Path(tmp) / "queries.db"
        built = reuse_or_build(path, args.db is not None, args.nodes, args.relations, args.seed)
        region = built.pop("region")
        stats = built.pop("stats")
        data["graph"] = {
            **{k: round(v, 2) if isinstance(v, float) else v for k, v in built.items()},
            "nodes": sum(stats["nodes"].values()),
            "relations": sum(stats["relations"].values()),
            "nodes_by_label": stats["nodes"],
            "relations_by_type": stats["relations"],
        }
        print(
            f"built {data['graph']['nodes']:,} nodes, {data['graph']['relations']:,} relations in "
            f"{built['generate_seconds'] + built['load_seconds']:.1f}s",
            flush=True,
        )
        open_seconds, store = clock(lambda: open_store(db=path, create=False))
        try:
            data["open_ms"] = round(open_seconds * 1000, 1)
            picks = pick_parameters(store, region)
            data["picks"] = vars(picks)
            index = EntityIndex(store)
            data["queries"] = time_cases(store, cases(picks), args.runs, args.rounds, index)
            data["resolution"] = time_resolution(store, *picks.accented)
        finally:
            store.close()
        data["cli_ms"] = time_cli(path, picks.event)
        if not args.skip_analyze:
            relations = data["config"]["analyze_relations"]
            data["analysis"] = time_analysis(
                Path(tmp) / "analyze.db", args.analyze_nodes, relations, args.seed
            )

    print_report(data)
    write_json(args.out, data, ensure_ascii=False, default=str)
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
