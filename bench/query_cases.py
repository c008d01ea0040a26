"""The named queries the query benchmark times: the entities it picks from the graph for their
parameters, the goal for each query's p95 and the anchor timed beside it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ucn.graph import MODEL, GraphStore
from ucn.queries.library import load_library

from synthetic_regions import REGIONS

ONE_ENTITY_MS = 100.0  # p95 goals: a query about one entity,
GLOBAL_MS = 300.0  # every pair or every type
# The relation types that are ties (the model's, MENTIONS left out), for the anchors.
TIES = "|".join(sorted(set(MODEL.relations) - {"MENTIONS"}))
TIMELINE_YEARS = (2015, 2020)


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
