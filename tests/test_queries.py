"""The named query library: headers, parameters, name resolution, and every query's answer on a
small hand-built graph (worked out below), on the embedded store and on Neo4j when NEO4J_URI is
set; then the CLI, and members-of CityNet on the graph of the seed articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import Batch, GraphStore, open_store, parse_document
from ucn.graph.model import MODEL
from ucn.queries.library import (
    ParameterError,
    QueryFileError,
    get_query,
    label_slots,
    load_library,
    parse_query_file,
    placeholders,
    run_named,
)
from ucn.queries.resolve import EntityIndex, EntityNotFound

from conftest import SHARED

# -- the hand-built graph ------------------------------------------------------------------------
# Cities: Đà Nẵng, Huế, Thành phố Hồ Chí Minh (VN), Yokohama (JP), Seoul (no code, LOCATED_IN
# Korea). Networks: CityNet, ASEAN Smart Cities Network. Events: the 2018 Executive Committee
# in Đà Nẵng, the 2017 Congress in Yokohama, a training of unknown year (XXXX).


def _entity(id_: str, name: str, aliases: tuple[str, ...] = (), **props: str) -> dict[str, Any]:
    return {
        "id": id_,
        "type": id_.split("/")[0].capitalize(),
        "name": name,
        "aliases": list(aliases),
        "properties": props,
    }


def _rel(type_: str, source: str, target: str, evidence: str, confidence: float = 0.9, **props):
    return {
        "type": type_,
        "source": source,
        "target": target,
        "properties": props,
        "evidence": evidence,
        "confidence": confidence,
    }


AMC_NAME = "Học viện Cán bộ quản lý xây dựng và đô thị"
HCM = "Thành phố Hồ Chí Minh"
ENTITIES = [
    _entity("city/da-nang", "Đà Nẵng", ("TP Đà Nẵng",), country="VN"),
    _entity("city/hue", "Huế", country="VN"),
    _entity("city/ho-chi-minh", HCM, country="VN"),
    _entity("city/yokohama", "Yokohama", country="JP"),
    _entity("city/seoul", "Seoul"),
    _entity("country/viet-nam", "Việt Nam", code="VN"),
    _entity("country/japan", "Japan", code="JP"),
    _entity("country/south-korea", "Hàn Quốc", ("South Korea",), code="KR"),
    _entity("network/citynet", "CityNet"),
    _entity("network/asean-smart-cities-network", "ASEAN Smart Cities Network", ("ASCN",)),
    _entity("organization/amc", AMC_NAME, ("AMC",), kind="academy"),
    _entity("organization/bo-xay-dung", "Bộ Xây dựng"),
    _entity("organization/un-habitat", "UN-Habitat"),
    _entity("person/tran-thi-lan", "Trần Thị Lan"),
    {
        **_entity("event/excom-2018", "Executive Committee 2018", kind="meeting"),
        "properties": {"date": "2018-11-21", "kind": "meeting", "location": "Đà Nẵng"},
    },
    {**_entity("event/congress-2017", "CityNet Congress 2017"), "properties": {"date": "2017"}},
    {**_entity("event/training", "Urban planning training"), "properties": {"date": "XXXX-09-21"}},
]
RELATIONS = [
    _rel(
        "MEMBER_OF",
        "city/da-nang",
        "network/citynet",
        "Đà Nẵng joined CityNet.",
        0.9,
        since="2005-10-11",
        role="full",
    ),
    _rel("MEMBER_OF", "city/hue", "network/citynet", "Huế is a member.", role="full"),
    _rel(
        "MEMBER_OF", "city/ho-chi-minh", "network/citynet", "HCM joined.", since="2005", role="full"
    ),
    _rel("MEMBER_OF", "city/yokohama", "network/citynet", "Yokohama founded it.", since="1987"),
    _rel("MEMBER_OF", "city/seoul", "network/citynet", "Seoul is a member."),
    _rel(
        "MEMBER_OF",
        "organization/amc",
        "network/citynet",
        "AMC joined.",
        since="2017",
        role="associate",
    ),
    _rel(
        "MEMBER_OF",
        "city/da-nang",
        "network/asean-smart-cities-network",
        "Pilot city.",
        since="2018",
        role="pilot city",
    ),
    _rel(
        "MEMBER_OF",
        "city/ho-chi-minh",
        "network/asean-smart-cities-network",
        "Pilot.",
        since="2018",
    ),
    _rel("HOSTED", "city/da-nang", "event/excom-2018", "Đà Nẵng hosted it."),
    _rel("HOSTED", "city/yokohama", "event/congress-2017", "Yokohama hosted it."),
    _rel("ORGANIZED", "network/citynet", "event/excom-2018", "CityNet organised it."),
    _rel("ORGANIZED", "network/citynet", "event/congress-2017", "CityNet organised it."),
    _rel("ORGANIZED", "organization/amc", "event/training", "AMC organised a training."),
    _rel(
        "PARTICIPATED_IN",
        "organization/amc",
        "event/excom-2018",
        "AMC attended.",
        role="delegation",
    ),
    _rel("PARTICIPATED_IN", "city/hue", "event/excom-2018", "Huế attended."),
    _rel("PARTICIPATED_IN", "organization/amc", "event/congress-2017", "AMC attended."),
    _rel(
        "PARTICIPATED_IN",
        "person/tran-thi-lan",
        "event/congress-2017",
        "She spoke.",
        role="speaker",
    ),
    _rel(
        "PARTNER_OF",
        "city/da-nang",
        "city/yokohama",
        "They signed an MoU.",
        since="2016",
        kind="MoU",
    ),
    _rel("SUPPORTED", "organization/un-habitat", "event/training", "UN-Habitat funded it."),
    _rel("LOCATED_IN", "event/excom-2018", "city/da-nang", "It took place in Đà Nẵng."),
    _rel("LOCATED_IN", "city/seoul", "country/south-korea", "Seoul, Korea."),
    _rel("WORKS_FOR", "person/tran-thi-lan", "organization/amc", "Lan of AMC.", title="Director"),
    _rel("PART_OF", "organization/amc", "organization/bo-xay-dung", "AMC of the Ministry."),
    _rel("FOUNDED_IN", "network/citynet", "city/yokohama", "Founded in Yokohama.", date="1987"),
]
# A second article restates Đà Nẵng's CityNet membership in other words, less surely.
SECOND = [
    _rel(
        "MEMBER_OF",
        "city/da-nang",
        "network/citynet",
        "Đà Nẵng is in CityNet.",
        0.6,
        since="2005-10-11",
        role="full",
    ),
]


def _doc(
    article_id: str, title: str, relations: list[dict[str, Any]], every_entity: bool = False
) -> dict[str, Any]:
    used = {r[end] for r in relations for end in ("source", "target")}
    if every_entity:  # Việt Nam and Japan are named, with no relation of their own
        used |= {e["id"] for e in ENTITIES}
    return {
        "article": {
            "id": article_id,
            "title": title,
            "date": "2024-05-02",
            "lang": "vi",
            "url": f"https://example.org/{article_id}",
        },
        "entities": [e for e in ENTITIES if e["id"] in used],
        "relations": relations,
    }


def build(store: GraphStore) -> GraphStore:
    docs = [_doc("art-1", "CityNet và Việt Nam", RELATIONS, True), _doc("art-2", "Đà Nẵng", SECOND)]
    store.write(Batch.of(parse_document(d, f"{d['article']['id']}.json") for d in docs))
    return store


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    return build(store)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    """An embedded database file holding the hand-built graph, for the CLI."""
    path = tmp_path / "q.db"
    with open_store(db=path) as store:
        build(store)
    yield str(path)


def rows(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    result = run_named(store, name, params)
    if result.rows:  # the header names the columns the query returns
        assert list(result.rows[0]) == list(get_query(name).returns)
    return result.rows


def column(found: list[dict[str, Any]], key: str) -> list[Any]:
    return [r[key] for r in found]


# -- headers -------------------------------------------------------------------------------------
def test_every_header_matches_its_placeholders() -> None:
    library = load_library()
    assert len(library) >= 12
    for query in library.values():
        declared = {p.name for p in query.params}
        for engine in ("ladybug", "neo4j"):
            assert placeholders(query.text_for(engine)) == declared, (query.name, engine)
        assert query.examples and all(f"--name {query.name}" in e for e in query.examples)
        assert query.description and query.returns


def test_placeholders_ignore_strings_and_comments() -> None:
    assert placeholders("MATCH (n {id: $a}) // $b\nWHERE n.x = '$c' RETURN $d") == {"a", "d"}


def test_a_bad_header_is_named() -> None:
    with pytest.raises(Exception, match="bad parameter line"):
        parse_query_file(
            "// name: x\n// description: d\n// returns: a\n// example: e\n// param: a wrong\n"
            "RETURN $a AS a"
        )
    with pytest.raises(Exception, match="every engine needs one"):
        parse_query_file(
            "// name: x\n// description: d\n// returns: a\n// example: e\n"
            "// variant: neo4j\nRETURN 1 AS a"
        )


def test_label_slots_take_the_resolved_node_label() -> None:
    query = parse_query_file(
        '// name: x\n// description: d\n// param: a entity\n// param: b entity(Network) = ""\n'
        "// returns: n\n// example: e\n"
        "MATCH (x:@a {id: $a}), (y:@b {id: $b}) // not :@here\nRETURN ':@a' AS n"
    )
    assert label_slots(query.text_for("ladybug")) == {"a", "b"}
    text = query.text_for("ladybug", {"a": "City", "b": "Network"})
    assert text.startswith("MATCH (x:City {id: $a}), (y:Network {id: $b}) // not :@here")
    assert text.endswith("RETURN ':@a' AS n")  # strings and comments are left alone
    with pytest.raises(ParameterError, match="no label 'Nope'"):
        query.text_for("ladybug", {"a": "Nope", "b": "Network"})
    with pytest.raises(QueryFileError, match="`:@c` names no entity parameter"):
        parse_query_file(
            "// name: x\n// description: d\n// param: c int = 1\n// returns: n\n"
            "// example: e\nMATCH (x:@c) RETURN x.id AS n"
        )


def test_order_header_sorts_as_order_by() -> None:
    query = parse_query_file(
        "// name: x\n// description: d\n// returns: a, b\n// order: a, b desc\n"
        "// example: e\nRETURN 1 AS a, 2 AS b"
    )
    assert query.order == (("a", False), ("b", True))
    rows = [{"a": 2, "b": 1}, {"a": None, "b": 1}, {"a": 1, "b": None}, {"a": 1, "b": 3}]
    assert query.sort(rows) == [
        {"a": 1, "b": None},  # nulls first descending
        {"a": 1, "b": 3},
        {"a": 2, "b": 1},
        {"a": None, "b": 1},  # and last ascending
    ]
    for bad in ("c", "a up", "a desc b"):
        with pytest.raises(QueryFileError, match="bad order"):
            parse_query_file(
                f"// name: x\n// description: d\n// returns: a\n// order: {bad}\n"
                "// example: e\nRETURN 1 AS a"
            )


def _types(text: str, variable: str) -> frozenset[str]:
    """The relation types of `[variable:A|B...]` in a Cypher text."""
    import re

    match = re.search(r"\[" + variable + r":([A-Z_|]+)", text)
    assert match, f"no [{variable}:...] in {text[:80]!r}"
    return frozenset(match.group(1).split("|"))


def test_type_lists_written_into_queries_follow_the_model() -> None:
    """The LadybugDB variants name relation types rather than filter out MENTIONS (the engine
    then reads only those tables); a type added to the model must be added to them."""
    ties = set(MODEL.relations) - {"MENTIONS"}
    for name, variable in (("neighbours", "r"), ("evidence", "r"), ("shortest-path", "e")):
        assert _types(get_query(name).text_for("ladybug"), variable) == ties, name
    parts = get_query("most-connected").text_for("ladybug").split("UNION ALL")
    assert len(parts) == len(ties)
    assert {_types(part, "r") for part in parts} == {frozenset({t}) for t in ties}
    # new-ties-per-year: event ties by the event's date, the others by their since or date.
    events, own = get_query("new-ties-per-year").text_for("ladybug").split("UNION ALL")
    to_events = {n for n in ties if any(b == "Event" for _, b in MODEL.relations[n].endpoint_pairs)}
    dated = {n for n in ties if {"since", "date"} & {c.name for c in MODEL.relation_columns(n)}}
    assert _types(events, "r") == to_events
    assert _types(own, "r") == dated
    assert not to_events & dated
    # partners-of: events and networks are the only targets of these types
    assert {
        b
        for n in ("HOSTED", "ORGANIZED", "PARTICIPATED_IN")
        for _, b in MODEL.relations[n].endpoint_pairs
    } == {"Event"}


def test_unknown_query_and_parameter_suggest(graph: GraphStore) -> None:
    with pytest.raises(ParameterError, match="did you mean members-of"):
        run_named(graph, "members-off", {})
    with pytest.raises(ParameterError, match="it takes network"):
        run_named(graph, "members-of", {"netwrk": "CityNet"})
    with pytest.raises(ParameterError, match="needs -p network"):
        run_named(graph, "members-of", {})
    with pytest.raises(ParameterError, match="must be an integer"):
        run_named(graph, "partners-of", {"entity": "Huế", "limit": "many"})
    with pytest.raises(ParameterError, match="no relation type 'member'"):
        run_named(graph, "most-connected", {"relation": "member"})


# -- name resolution -----------------------------------------------------------------------------
def test_entities_resolve_by_id_name_alias_folding_and_gazetteer(graph: GraphStore) -> None:
    index = EntityIndex(graph)
    assert index.resolve("city/da-nang").id == "city/da-nang"
    assert index.resolve("Đà Nẵng").id == "city/da-nang"
    assert index.resolve("TP Đà Nẵng").id == "city/da-nang"  # an alias the article used
    assert index.resolve("da nang").id == "city/da-nang"  # no diacritics, lower case
    assert index.resolve("DA-NANG").id == "city/da-nang"
    assert index.resolve("TP HCM").id == "city/ho-chi-minh"  # from the gazetteer's aliases
    assert index.resolve("Vietnam").id == "country/viet-nam"
    assert index.resolve("AMC").id == "organization/amc"
    assert index.resolve("ascn", ("Network",)).id == "network/asean-smart-cities-network"


def test_unknown_and_ambiguous_names(graph: GraphStore) -> None:
    index = EntityIndex(graph)
    with pytest.raises(EntityNotFound, match=r"closest: Đà Nẵng \(city/da-nang\)"):
        index.resolve("Da Nag")
    with pytest.raises(EntityNotFound, match="no Network named 'Huế'"):
        index.resolve("Huế", ("Network",))
    graph.write(
        Batch.of(
            [
                parse_document(
                    {
                        "article": {"id": "art-3", "title": "t", "lang": "en"},
                        "entities": [_entity("organization/hue", "Huế")],
                        "relations": [],
                    },
                    "art-3.json",
                )
            ]
        )
    )
    with pytest.raises(EntityNotFound, match=r"names 2 nodes: .*city/hue.*organization/hue"):
        EntityIndex(graph).resolve("Huế")
    assert EntityIndex(graph).resolve("Huế", ("City",)).id == "city/hue"
    assert EntityIndex(graph).resolve("Hue").id == "city/hue"  # the gazetteer's city


# -- every query on the hand-built graph ---------------------------------------------------------
def test_members_of(graph: GraphStore) -> None:
    found = rows(graph, "members-of", network="CityNet")
    # since ascending (ISO text sorts by date), unknown last, then by name
    assert column(found, "member") == ["Yokohama", HCM, "Đà Nẵng", AMC_NAME, "Huế", "Seoul"]
    assert column(found, "since") == ["1987", "2005", "2005-10-11", "2017", None, None]
    assert found[2]["role"] == "full" and found[2]["articles"] == 2  # stated by both articles
    assert found[3]["type"] == "Organization" and found[3]["role"] == "associate"


def test_networks_of(graph: GraphStore) -> None:
    found = rows(graph, "networks-of", entity="da nang")
    assert [(r["network"], r["since"], r["role"]) for r in found] == [
        ("CityNet", "2005-10-11", "full"),
        ("ASEAN Smart Cities Network", "2018", "pilot city"),
    ]


def test_events_of(graph: GraphStore) -> None:
    found = rows(graph, "events-of", entity="AMC")
    # by date: 2017, 2018-11-21, then the unknown year
    assert [(r["event"], r["relation"]) for r in found] == [
        ("CityNet Congress 2017", "PARTICIPATED_IN"),
        ("Executive Committee 2018", "PARTICIPATED_IN"),
        ("Urban planning training", "ORGANIZED"),
    ]
    assert found[1]["role"] == "delegation"
    hosted = rows(graph, "events-of", entity="Đà Nẵng", relation="hosted")
    assert column(hosted, "event_id") == ["event/excom-2018"]


def test_participants_of(graph: GraphStore) -> None:
    found = rows(graph, "participants-of", event="Executive Committee 2018")
    assert [(r["relation"], r["participant"]) for r in found] == [
        ("HOSTED", "Đà Nẵng"),
        ("ORGANIZED", "CityNet"),
        ("PARTICIPATED_IN", "Huế"),  # "Hu" sorts before "Họ"
        ("PARTICIPATED_IN", AMC_NAME),
    ]
    supported = rows(graph, "participants-of", event="event/training")
    assert {(r["relation"], r["participant"]) for r in supported} == {
        ("ORGANIZED", AMC_NAME),
        ("SUPPORTED", "UN-Habitat"),
    }


def test_partners_of(graph: GraphStore) -> None:
    found = rows(graph, "partners-of", entity="Đà Nẵng")
    # Shared events: the 2018 meeting with CityNet, AMC and Huế. Partnership: Yokohama.
    # Shared networks: CityNet with Huế, HCM, Yokohama, AMC, Seoul; ASCN with HCM.
    # HCM 0+0+2, Yokohama 0+1+1, AMC 1+0+1, Huế 1+0+1 = 2; CityNet 1, Seoul 1.
    assert [(r["partner"], r["strength"]) for r in found] == [
        ("Huế", 2),
        (AMC_NAME, 2),
        (HCM, 2),
        ("Yokohama", 2),
        ("CityNet", 1),
        ("Seoul", 1),
    ]
    yokohama = found[3]
    assert (yokohama["events"], yokohama["partnerships"], yokohama["networks"]) == (0, 1, 1)
    assert yokohama["via"] == ["CityNet", "MoU"]
    assert found[2]["via"] == ["ASEAN Smart Cities Network", "CityNet"]
    assert len(rows(graph, "partners-of", entity="Đà Nẵng", limit=2)) == 2


def test_co_membership(graph: GraphStore) -> None:
    found = rows(graph, "co-membership")
    # CityNet has five member cities: C(5, 2) = 10 pairs; Đà Nẵng and HCM also share ASCN.
    assert len(found) == 10
    assert (found[0]["city_a"], found[0]["city_b"], found[0]["shared"]) == ("Đà Nẵng", HCM, 2)
    assert found[0]["networks"] == ["ASEAN Smart Cities Network", "CityNet"]
    assert all(r["shared"] == 1 and r["networks"] == ["CityNet"] for r in found[1:])
    assert len(rows(graph, "co-membership", min_shared=2)) == 1
    hue = rows(graph, "co-membership", city="Huế")
    assert column(hue, "city_a") == ["Huế"] * 4
    assert sorted(column(hue, "city_b_id")) == [
        "city/da-nang",
        "city/ho-chi-minh",
        "city/seoul",
        "city/yokohama",
    ]


def test_shortest_path(graph: GraphStore) -> None:
    (found,) = rows(graph, "shortest-path", a="Huế", b="Yokohama")
    assert found["hops"] == 2 and found["path"] == ["Huế", "CityNet", "Yokohama"]
    assert found["relations"][0] == "MEMBER_OF"
    # Trần Thị Lan and UN-Habitat share an article (2 hops through it) but the shortest chain
    # of ties is Lan -WORKS_FOR- AMC -ORGANIZED- training -SUPPORTED- UN-Habitat.
    (lan,) = rows(graph, "shortest-path", a="Trần Thị Lan", b="UN-Habitat")
    assert lan["hops"] == 3
    assert lan["relations"] == ["WORKS_FOR", "ORGANIZED", "SUPPORTED"]
    assert rows(graph, "shortest-path", a="Trần Thị Lan", b="UN-Habitat", max_hops=2) == []


def test_evidence(graph: GraphStore) -> None:
    found = rows(graph, "evidence", a="Đà Nẵng", b="CityNet")
    assert [(r["sentence"], r["confidence"], r["title"]) for r in found] == [
        ("Đà Nẵng joined CityNet.", 0.9, "CityNet và Việt Nam"),
        ("Đà Nẵng is in CityNet.", 0.6, "Đà Nẵng"),
    ]
    assert found[0]["url"] == "https://example.org/art-1"
    # every fact about Đà Nẵng: 2 CityNet sentences, ASCN, HOSTED, PARTNER_OF, LOCATED_IN
    everything = rows(graph, "evidence", a="Đà Nẵng")
    assert len(everything) == 6
    assert {r["relation"] for r in everything} == {
        "MEMBER_OF",
        "HOSTED",
        "PARTNER_OF",
        "LOCATED_IN",
    }


def test_country_cities(graph: GraphStore) -> None:
    found = rows(graph, "country-cities", country="Vietnam")
    # Đà Nẵng: 2 networks, hosted 1 event; HCM: 2, 0; Huế: 1 network, attended 1 event
    assert [(r["city"], r["network_count"], r["events"]) for r in found] == [
        ("Đà Nẵng", 2, 1),
        (HCM, 2, 0),
        ("Huế", 1, 1),
    ]
    korea = rows(graph, "country-cities", country="South Korea")  # by LOCATED_IN, no code
    assert column(korea, "city") == ["Seoul"]


def test_most_connected(graph: GraphStore) -> None:
    (top,) = rows(graph, "most-connected", relation="MEMBER_OF", limit=1)
    assert (top["entity"], top["ties"]) == ("CityNet", 6)
    # limit 2: CityNet 6, then ASCN (2 members), Đà Nẵng and HCM (2 networks each) tied at 2:
    # all kept
    two = rows(graph, "most-connected", relation="member_of", limit=2)
    assert [(r["entity"], r["ties"]) for r in two] == [
        ("CityNet", 6),
        ("ASEAN Smart Cities Network", 2),
        (HCM, 2),
        ("Đà Nẵng", 2),
    ]
    every = rows(graph, "most-connected", limit=1)
    assert {r["relation"] for r in every} == {
        "MEMBER_OF",
        "HOSTED",
        "ORGANIZED",
        "PARTICIPATED_IN",
        "PARTNER_OF",
        "SUPPORTED",
        "LOCATED_IN",
        "WORKS_FOR",
        "PART_OF",
        "FOUNDED_IN",
    }


def test_new_ties_per_year(graph: GraphStore) -> None:
    found = rows(graph, "new-ties-per-year")
    # memberships by since (Huế and Seoul unknown), event ties by the event's date (the
    # training's XXXX is unknown), the partnership by since, CityNet's founding by its date
    assert [(r["year"], r["relation"], r["ties"]) for r in found] == [
        ("1987", "FOUNDED_IN", 1),
        ("1987", "MEMBER_OF", 1),
        ("2005", "MEMBER_OF", 2),
        ("2016", "PARTNER_OF", 1),
        ("2017", "HOSTED", 1),
        ("2017", "MEMBER_OF", 1),
        ("2017", "ORGANIZED", 1),
        ("2017", "PARTICIPATED_IN", 2),
        ("2018", "HOSTED", 1),
        ("2018", "MEMBER_OF", 2),
        ("2018", "ORGANIZED", 1),
        ("2018", "PARTICIPATED_IN", 2),
    ]
    members = rows(graph, "new-ties-per-year", relation="MEMBER_OF")
    assert sum(column(members, "ties")) == 6


def test_timeline(graph: GraphStore) -> None:
    found = rows(graph, "timeline", entity="AMC")
    assert column(found, "event_id") == [
        "event/congress-2017",
        "event/excom-2018",
        "event/training",
    ]
    (excom,) = rows(graph, "timeline", entity="Đà Nẵng")
    assert excom["how"] == ["HOSTED", "LOCATED_IN"]
    assert column(
        rows(graph, "timeline", entity="AMC", **{"from": 2017, "until": 2017}), "event_id"
    ) == ["event/congress-2017"]
    assert len(rows(graph, "timeline", entity="AMC", **{"from": 2000})) == 2  # no XXXX
    with pytest.raises(ParameterError, match="must be a year"):
        run_named(graph, "timeline", {"entity": "AMC", "from": "last year"})


def test_neighbours(graph: GraphStore) -> None:
    found = rows(graph, "neighbours", entity="AMC")
    assert [(r["relation"], r["direction"], r["other"]) for r in found] == [
        ("MEMBER_OF", "out", "CityNet"),
        ("ORGANIZED", "out", "Urban planning training"),
        ("PARTICIPATED_IN", "out", "CityNet Congress 2017"),
        ("PARTICIPATED_IN", "out", "Executive Committee 2018"),
        ("PART_OF", "out", "Bộ Xây dựng"),
        ("WORKS_FOR", "in", "Trần Thị Lan"),
    ]


# -- what the faster queries had to keep -------------------------------------------------------
def test_co_membership_keeps_the_best_pairs_in_order(graph: GraphStore) -> None:
    (top,) = rows(graph, "co-membership", limit=1)
    assert (top["city_a"], top["city_b"], top["shared"]) == ("Đà Nẵng", HCM, 2)
    three = rows(graph, "co-membership", limit=3)
    # after the one pair sharing two networks, the pairs sharing one in name order
    assert [(r["city_a"], r["city_b"]) for r in three] == [
        ("Đà Nẵng", HCM),
        ("Huế", "Seoul"),
        ("Huế", "Yokohama"),
    ]
    assert three[1]["networks"] == ["CityNet"]
    hue = rows(graph, "co-membership", city="Huế", limit=2)
    assert [r["city_b"] for r in hue] == ["Seoul", HCM]
    (hcm,) = rows(graph, "co-membership", city=HCM, min_shared=2)
    assert (hcm["city_b"], hcm["networks"]) == (
        "Đà Nẵng",
        ["ASEAN Smart Cities Network", "CityNet"],
    )


def test_most_connected_orders_every_type_and_keeps_ties(graph: GraphStore) -> None:
    every = rows(graph, "most-connected", limit=1)
    relations = column(every, "relation")
    assert relations == sorted(relations)
    for relation in set(relations):
        ties = [r["ties"] for r in every if r["relation"] == relation]
        assert ties == sorted(ties, reverse=True)
    # HOSTED: Đà Nẵng, Yokohama and both events have one each: all tied at the cut, by name
    hosted = [r for r in every if r["relation"] == "HOSTED"]
    assert column(hosted, "entity") == [
        "CityNet Congress 2017",
        "Executive Committee 2018",
        "Yokohama",
        "Đà Nẵng",
    ]
    assert len(rows(graph, "most-connected", relation="HOSTED", limit=100)) == 4


TWO_WAYS = [
    _entity("organization/alpha", "Alpha"),
    _entity("organization/beta", "Beta"),
    _entity("city/xuyen", "Xuyên"),
    _entity("city/yen", "Yên"),
    {**_entity("event/expo", "Expo"), "properties": {"date": "2019-05-01"}},
]


def _two_ways(store: GraphStore) -> GraphStore:
    """Alpha and Beta support each other: one relation type, both directions."""
    relations = [
        _rel("SUPPORTED", "organization/alpha", "organization/beta", "Alpha backs Beta."),
        _rel("SUPPORTED", "organization/beta", "organization/alpha", "Beta backs Alpha.", 0.7),
        _rel("SUPPORTED", "organization/alpha", "event/expo", "Alpha sponsored the Expo."),
        _rel("PARTICIPATED_IN", "organization/beta", "event/expo", "Beta came."),
        _rel("PARTNER_OF", "city/yen", "city/xuyen", "Twin cities.", kind="twinning"),
    ]
    document = {
        "article": {"id": "art-9", "title": "Two ways", "date": "2024-01-01", "lang": "en"},
        "entities": TWO_WAYS,
        "relations": relations,
    }
    store.write(Batch.of([parse_document(document, "art-9.json")]))
    return store


def test_direction_of_relations_matched_either_way(store: GraphStore) -> None:
    graph = _two_ways(store)
    beta = rows(graph, "neighbours", entity="Beta")
    assert [(r["relation"], r["direction"], r["other"]) for r in beta] == [
        ("PARTICIPATED_IN", "out", "Expo"),
        ("SUPPORTED", "in", "Alpha"),
        ("SUPPORTED", "out", "Alpha"),
    ]
    # PARTNER_OF is stored once, its ends in id order: Xuyên -> Yên
    (yen,) = rows(graph, "neighbours", entity="Yên")
    assert (yen["relation"], yen["direction"], yen["other"]) == ("PARTNER_OF", "in", "Xuyên")
    facts = rows(graph, "evidence", a="Alpha", b="Beta")
    assert [(r["subject"], r["object"], r["sentence"]) for r in facts] == [
        ("Alpha", "Beta", "Alpha backs Beta."),
        ("Beta", "Alpha", "Beta backs Alpha."),
    ]
    (twins,) = rows(graph, "partners-of", entity="Yên")
    assert (twins["partner"], twins["partnerships"], twins["via"]) == ("Xuyên", 1, ["twinning"])
    # a support of an event counts in its year, a support of an organisation has no year
    assert [(r["year"], r["relation"], r["ties"]) for r in rows(graph, "new-ties-per-year")] == [
        ("2019", "PARTICIPATED_IN", 1),
        ("2019", "SUPPORTED", 1),
    ]
    (path,) = rows(graph, "shortest-path", a="Xuyên", b="Yên")
    assert (path["hops"], path["path"], path["relations"]) == (1, ["Xuyên", "Yên"], ["PARTNER_OF"])


# -- the command line ----------------------------------------------------------------------------
def test_cli_lists_and_describes_queries() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(load_library())
    assert lines[0].split()[0] == "co-membership" and "Pairs of cities" in lines[0]
    shown = runner.invoke(main, ["queries", "members-of"])
    assert shown.exit_code == 0
    assert "network entity(Network|Organization)" in shown.output
    assert "cypher (ladybug):" in shown.output and "cypher (neo4j):" in shown.output


def test_cli_runs_a_named_query(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["--db", db, "query", "--name", "members-of", "-p", "network=citynet"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split(" | ")[0].strip() == "member"
    assert lines[-1] == "(6 rows)"
    assert "note: network = 'citynet' is CityNet (network/citynet)" in result.stderr
    as_json = runner.invoke(
        main,
        ["--db", db, "query", "--name", "networks-of", "-p", "entity=Da Nang", "--format", "json"],
    )
    assert [r["network_id"] for r in json.loads(as_json.stdout)] == [
        "network/citynet",
        "network/asean-smart-cities-network",
    ]
    as_csv = runner.invoke(
        main,
        ["--db", db, "query", "--name", "co-membership", "-p", "min_shared=2", "--format", "csv"],
    )
    assert as_csv.stdout.splitlines() == [
        "city_a,city_b,shared,networks,city_a_id,city_b_id",
        f"Đà Nẵng,{HCM},2,ASEAN Smart Cities Network; CityNet,city/da-nang,city/ho-chi-minh",
    ]


def test_cli_empty_result_keeps_the_header(db: str) -> None:
    result = CliRunner().invoke(
        main, ["--db", db, "query", "--name", "networks-of", "-p", "entity=Bộ Xây dựng"]
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("network | type | role")
    assert result.stdout.splitlines()[-1] == "(0 rows)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "members-of", "-p", "network=Da Nag Net"], "no Network/Organization named"),
        (["--name", "networks-of", "-p", "entity=Da Nag"], "closest: Đà Nẵng (city/da-nang)"),
        (["--name", "memebrs-of"], "did you mean members-of"),
        (["--name", "members-of"], "needs -p network"),
        (["--name", "members-of", "-p", "network=CityNet", "--write"], "only read"),
        ([], "give either CYPHER or --name"),
    ],
)
def test_cli_bad_parameters_are_one_line(db: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["--db", db, "query", *args])
    assert result.exit_code != 0
    assert message in result.stderr.strip().splitlines()[-1]  # usage errors add a usage line


# -- the seed articles ---------------------------------------------------------------------------
SEEDS = SHARED / "corpus" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed articles are not at {SEEDS}")
def test_members_of_citynet_on_the_seed_articles(tmp_path: Path) -> None:
    from ucn.loaders import load_paths

    with open_store(db=tmp_path / "seeds.db") as store:
        assert not load_paths(store, [str(SEEDS)]).failures
        found = run_named(store, "members-of", {"network": "CityNet"}).rows
    members = {r["member_id"] for r in found}
    vietnamese = {
        "city/ha-noi",
        "city/ho-chi-minh",
        "city/hai-phong",
        "city/da-nang",
        "city/hue",
        "city/quang-nam",
    }
    assert vietnamese | {"organization/amc"} <= members
    assert {r["member_id"] for r in found if r["type"] == "City"} & vietnamese == vietnamese
