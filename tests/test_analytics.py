"""`ucn analyze`: network measures on small graphs whose answers are worked out here by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from ucn.cli import ANALYSIS_HEADINGS, main
from ucn.graph import Batch, GraphStore, open_store, parse_document
from ucn.graph.document import year_of as start_year
from ucn.graph.model import DERIVED_NODE_PROPERTIES, MODEL
from ucn.queries import analytics
from ucn.queries.analytics import (
    Analysis,
    analyze,
    analyze_graph,
    betweenness,
    cooperation_graph,
    write_measures,
)

from conftest import write_json

# -- the graphs --------------------------------------------------------------------------------
# Two clusters joined by one bridge, each told by its own article:
#
#     A1 ─── A2                         cities A1, A2, A3: partners pairwise (a triangle)
#      │ ╲  ╱ │                         cities B1, B2, B3: likewise
#      │  A3  │                         the Bridge Institute supports A1, A2 and B1
#      └─ Bridge ─── B1
#                   ╱  ╲
#                 B2 ── B3


def entity(entity_id: str, name: str) -> dict[str, Any]:
    return {"id": entity_id, "type": entity_id.split("/")[0].capitalize(), "name": name}


def rel(type_: str, source: str, target: str, **properties: str) -> dict[str, Any]:
    return {
        "type": type_,
        "source": source,
        "target": target,
        "properties": properties,
        "evidence": f"{source} {type_} {target}.",
    }


def doc(article_id: str, entities: list[dict], relations: list[dict]) -> dict[str, Any]:
    return {"article": {"id": article_id}, "entities": entities, "relations": relations}


A1, A2, A3 = "city/a1", "city/a2", "city/a3"
B1, B2, B3 = "city/b1", "city/b2", "city/b3"
BRIDGE = "organization/bridge"
CITIES = {i: i.split("/")[1].upper() for i in (A1, A2, A3, B1, B2, B3)}  # city/a1 -> "A1"


def triangle(article_id: str, ids: tuple[str, str, str]) -> dict[str, Any]:
    a, b, c = ids
    return doc(
        article_id,
        [entity(i, CITIES[i]) for i in ids],
        [rel("PARTNER_OF", a, b), rel("PARTNER_OF", a, c), rel("PARTNER_OF", b, c)],
    )


CLUSTER_A = triangle("art-a", (A1, A2, A3))
CLUSTER_B = triangle("art-b", (B1, B2, B3))
BRIDGING = doc(
    "art-bridge",
    [entity(BRIDGE, "Bridge Institute"), *(entity(i, CITIES[i]) for i in (A1, A2, B1))],
    [rel("SUPPORTED", BRIDGE, A1), rel("SUPPORTED", BRIDGE, A2), rel("SUPPORTED", BRIDGE, B1)],
)

# Memberships, for co-membership and growth:
#   Bangkok   CityNet 1987, C40 2010-05, UCLG XXXX (year unknown)
#   Colombo   CityNet 1987-06-01, C40 2017
#   Da Nang   CityNet 2005-10-11, UCLG 2018-11
#   Hue       UCLG (no date at all)
#   AMC       CityNet 2017 (an organisation: a member, but not a city)
# and Bangkok is a partner of Colombo and supports it: two relations, one tie of weight 2.
BKK, CMB, DN, HUE = "city/bangkok", "city/colombo", "city/da-nang", "city/hue"
AMC = "organization/amc"
CITYNET, C40, UCLG = "network/citynet", "network/c40", "network/uclg"
MEMBERSHIPS = doc(
    "art-members",
    [
        entity(BKK, "Bangkok"),
        entity(CMB, "Colombo"),
        entity(DN, "Da Nang"),
        entity(HUE, "Hue"),
        entity(AMC, "AMC"),
        entity(CITYNET, "CityNet"),
        entity(C40, "C40"),
        entity(UCLG, "UCLG"),
    ],
    [
        rel("MEMBER_OF", BKK, CITYNET, since="1987"),
        rel("MEMBER_OF", BKK, C40, since="2010-05"),
        rel("MEMBER_OF", BKK, UCLG, since="XXXX"),
        rel("MEMBER_OF", CMB, CITYNET, since="1987-06-01"),
        rel("MEMBER_OF", CMB, C40, since="2017"),
        rel("MEMBER_OF", DN, CITYNET, since="2005-10-11"),
        rel("MEMBER_OF", DN, UCLG, since="2018-11"),
        rel("MEMBER_OF", HUE, UCLG),
        rel("MEMBER_OF", AMC, CITYNET, since="2017"),
        rel("PARTNER_OF", BKK, CMB),
        rel("SUPPORTED", BKK, CMB),
    ],
)


def load(store: GraphStore, *docs: dict[str, Any]) -> None:
    store.write(Batch.of(parse_document(d, f"{d['article']['id']}.json") for d in docs))


@pytest.fixture
def bridged(store: GraphStore) -> GraphStore:
    load(store, CLUSTER_A, CLUSTER_B, BRIDGING)
    return store


@pytest.fixture
def members(store: GraphStore) -> GraphStore:
    load(store, MEMBERSHIPS)
    return store


def by_id(analysis: Analysis) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in analysis.nodes}


# -- the cooperation graph ---------------------------------------------------------------------
def test_the_cooperation_graph_leaves_out_articles_and_mentions(bridged: GraphStore) -> None:
    coop = cooperation_graph(bridged.to_networkx())
    # 7 entities; the three articles and their 12 MENTIONS are not cooperation
    assert sorted(coop.nodes) == sorted([*CITIES, BRIDGE])
    # 3 + 3 partnerships, 3 supports: 9 ties of one relation each
    assert coop.number_of_edges() == 9
    assert {w for _, _, w in coop.edges(data="weight")} == {1}


def test_two_relations_between_a_pair_are_one_tie_of_weight_two(members: GraphStore) -> None:
    coop = cooperation_graph(members.to_networkx())
    assert coop[BKK][CMB]["weight"] == 2  # PARTNER_OF and SUPPORTED
    assert coop[BKK][CITYNET]["weight"] == 1


# -- node measures -----------------------------------------------------------------------------
def test_degree_counts_distinct_neighbours(bridged: GraphStore) -> None:
    nodes = by_id(analyze(bridged))
    # A1: A2, A3, Bridge; A3: A1, A2; Bridge: A1, A2, B1; B1: B2, B3, Bridge; B2: B1, B3
    expected = {A1: 3, A2: 3, A3: 2, BRIDGE: 3, B1: 3, B2: 2, B3: 2}
    assert {i: row["degree"] for i, row in nodes.items()} == expected


def test_betweenness_of_the_bridge(bridged: GraphStore) -> None:
    nodes = by_id(analyze(bridged))
    # n = 7, so normalised betweenness divides by the (n-1)(n-2)/2 = 15 pairs of other nodes.
    # Bridge: every path between {A1, A2, A3} and {B1, B2, B3} passes it: 3 * 3 = 9 -> 9/15.
    assert nodes[BRIDGE]["betweenness"] == pytest.approx(9 / 15)
    # B1: every path between {B2, B3} and {A1, A2, A3, Bridge}: 2 * 4 = 8 -> 8/15.
    assert nodes[B1]["betweenness"] == pytest.approx(8 / 15, rel=1e-5)
    # A1: A3 reaches Bridge, B1, B2, B3 by two shortest paths, one via A1 and one via A2:
    # 4 * 1/2 = 2 -> 2/15; A2 likewise.
    assert nodes[A1]["betweenness"] == pytest.approx(2 / 15, rel=1e-5)
    assert nodes[A2]["betweenness"] == pytest.approx(2 / 15, rel=1e-5)
    # A3, B2, B3: their neighbours are neighbours of each other; no shortest path needs them.
    assert nodes[A3]["betweenness"] == nodes[B2]["betweenness"] == nodes[B3]["betweenness"] == 0


def test_nodes_are_ordered_by_betweenness_then_degree_then_name(bridged: GraphStore) -> None:
    names = [row["name"] for row in analyze(bridged).nodes]
    # 9/15, 8/15, then A1 and A2 (2/15, degree 3) by name, then A3, B2, B3 (0, degree 2).
    assert names == ["Bridge Institute", "B1", "A1", "A2", "A3", "B2", "B3"]


def test_eigenvector_centrality(bridged: GraphStore) -> None:
    e = {i: row["eigenvector"] for i, row in by_id(analyze(bridged)).items()}
    # By symmetry A1 = A2 and B2 = B3. The vector solves λ·e(v) = Σ e(neighbours of v):
    #   λ·a1 = a2 + a3 + bridge    λ·a3 = a1 + a2          λ·bridge = a1 + a2 + b1
    #   λ·b1 = bridge + b2 + b3    λ·b2 = b1 + b3
    # with one λ for every node (6 decimal digits are kept, hence the tolerance).
    assert e[A1] == e[A2] and e[B2] == e[B3]
    lam = (e[A2] + e[A3] + e[BRIDGE]) / e[A1]
    assert (e[A1] + e[A2]) / e[A3] == pytest.approx(lam, rel=1e-4)
    assert (e[A1] + e[A2] + e[B1]) / e[BRIDGE] == pytest.approx(lam, rel=1e-4)
    assert (e[BRIDGE] + e[B2] + e[B3]) / e[B1] == pytest.approx(lam, rel=1e-4)
    assert (e[B1] + e[B3]) / e[B2] == pytest.approx(lam, rel=1e-4)
    assert math.fsum(v * v for v in e.values()) == pytest.approx(1, rel=1e-4)  # unit length
    # The denser side is the more central: A1 = A2 > Bridge > A3 > B1 > B2 = B3.
    assert e[A1] > e[BRIDGE] > e[A3] > e[B1] > e[B2]


def test_eigenvector_that_does_not_converge_is_left_empty_with_a_note(
    bridged: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import igraph

    def no_convergence(*args: object, **kwargs: object) -> None:
        raise igraph.InternalError("ARPACK: maximum number of iterations reached")

    monkeypatch.setattr(igraph.Graph, "eigenvector_centrality", no_convergence)
    analysis = analyze(bridged)
    assert {row["eigenvector"] for row in analysis.nodes} == {None}
    assert any("did not converge" in note for note in analysis.notes)
    assert by_id(analysis)[BRIDGE]["degree"] == 3  # the other measures are there


def test_the_two_clusters_are_the_two_communities(bridged: GraphStore) -> None:
    nodes = by_id(analyze(bridged))
    # m = 9 ties. Modularity Q = Σ_c [inside_c / m - (degrees_c / 2m)²]:
    #   {A1, A2, A3, Bridge}, {B1, B2, B3}: 5/9 - (11/18)² + 3/9 - (7/18)² = 0.364
    #   {A1, A2, A3}, {Bridge, B1, B2, B3}: 3/9 - (8/18)² + 4/9 - (10/18)² = 0.272
    # so the Bridge (two ties to A, one to B) goes with A. Largest community first: A is 0.
    assert {i: row["community"] for i, row in nodes.items()} == {
        A1: 0,
        A2: 0,
        A3: 0,
        BRIDGE: 0,
        B1: 1,
        B2: 1,
        B3: 1,
    }


def test_brokerage_counts_the_other_communities_among_neighbours(bridged: GraphStore) -> None:
    nodes = by_id(analyze(bridged))
    # Bridge (community 0) has B1 (community 1) among its neighbours; B1 has the Bridge.
    assert {i: row["brokerage"] for i, row in nodes.items()} == {
        A1: 0,
        A2: 0,
        A3: 0,
        BRIDGE: 1,
        B1: 1,
        B2: 0,
        B3: 0,
    }


def test_community_summary_and_ties_between_communities(bridged: GraphStore) -> None:
    analysis = analyze(bridged)
    assert analysis.communities == [
        # 5 ties inside: the triangle and Bridge–A1, Bridge–A2; most between first
        {"community": 0, "size": 4, "ties": 5, "central": ["Bridge Institute", "A1", "A2"]},
        {"community": 1, "size": 3, "ties": 3, "central": ["B1", "B2", "B3"]},
    ]
    # One tie crosses, Bridge–B1, carried by both (one tie each, so by name)
    assert analysis.brokerage == [
        {"community_a": 0, "community_b": 1, "ties": 1, "brokers": ["B1", "Bridge Institute"]}
    ]


def test_sampled_betweenness_says_so(bridged: GraphStore) -> None:
    graph = bridged.to_networkx()
    sampled = analyze_graph(graph, sample=3)
    assert any("estimated from 3 of 7 nodes" in note for note in sampled.notes)
    assert analyze_graph(graph, sample=3).nodes == sampled.nodes  # the seed fixes the sample
    exact = analyze_graph(graph, sample=7)  # a sample of every node is the exact answer
    assert not exact.notes
    assert by_id(exact)[BRIDGE]["betweenness"] == pytest.approx(9 / 15)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_betweenness_is_networkx_betweenness(seed: int) -> None:
    # a random graph with isolated nodes and a second component
    graph = nx.gnm_random_graph(60, 120, seed=seed)
    graph.add_nodes_from([60, 61])
    graph.add_edge(62, 63)
    graph = nx.relabel_nodes(graph, {i: f"city/n{i}" for i in graph})
    cases = [(None, betweenness(graph), nx.betweenness_centrality(graph))]
    for k in (2, 10, len(graph)):
        cases.append(
            (k, betweenness(graph, k, seed), nx.betweenness_centrality(graph, k, seed=seed))
        )
    for k, ours, theirs in cases:
        assert ours.keys() == theirs.keys()
        for node, value in theirs.items():
            assert ours[node] == pytest.approx(value, abs=1e-12), (k, node)
    with pytest.raises(ValueError, match="needs 2 to 64"):
        betweenness(graph, 1)


def test_an_empty_graph_gives_empty_sections_and_a_note(store: GraphStore) -> None:
    analysis = analyze(store)
    assert analysis.to_dict() == {
        "nodes": [],
        "communities": [],
        "brokerage": [],
        "co-membership": [],
        "growth": [],
        "notes": ["the graph holds no entities: nothing to measure"],
    }
    assert write_measures(store, analysis) == 0


# -- co-membership and growth ------------------------------------------------------------------
def test_co_membership_of_cities(members: GraphStore) -> None:
    # Bangkok {CityNet, C40, UCLG}, Colombo {CityNet, C40}, Da Nang {CityNet, UCLG}, Hue {UCLG};
    # AMC is not a city. Pairs: Bangkok–Colombo CityNet, C40 (2); Bangkok–Da Nang CityNet, UCLG
    # (2); Bangkok–Hue UCLG (1); Colombo–Da Nang CityNet (1); Da Nang–Hue UCLG (1); Colombo and
    # Hue share none. Most shared first, then by name.
    assert analyze(members).comembership == [
        {"city_a": "Bangkok", "city_b": "Colombo", "shared": 2, "networks": ["C40", "CityNet"]},
        {"city_a": "Bangkok", "city_b": "Da Nang", "shared": 2, "networks": ["CityNet", "UCLG"]},
        {"city_a": "Bangkok", "city_b": "Hue", "shared": 1, "networks": ["UCLG"]},
        {"city_a": "Colombo", "city_b": "Da Nang", "shared": 1, "networks": ["CityNet"]},
        {"city_a": "Da Nang", "city_b": "Hue", "shared": 1, "networks": ["UCLG"]},
    ]


def test_membership_growth_per_year(members: GraphStore) -> None:
    analysis = analyze(members)
    # C40: Bangkok 2010, Colombo 2017. CityNet: Bangkok and Colombo 1987, Da Nang 2005, AMC
    # 2017 (members of every kind count). UCLG: Da Nang 2018; Bangkok (XXXX) and Hue (no date)
    # have no known year: 2 of the 9 memberships (Bangkok 3, Colombo 2, Da Nang 2, Hue 1,
    # AMC 1) are left out.
    assert analysis.growth == [
        {"network": "C40", "year": 2010, "new_members": 1, "members": 1},
        {"network": "C40", "year": 2017, "new_members": 1, "members": 2},
        {"network": "CityNet", "year": 1987, "new_members": 2, "members": 2},
        {"network": "CityNet", "year": 2005, "new_members": 1, "members": 3},
        {"network": "CityNet", "year": 2017, "new_members": 1, "members": 4},
        {"network": "UCLG", "year": 2018, "new_members": 1, "members": 1},
    ]
    assert analysis.notes == [
        "2 of 9 network membership(s) have no known start year and are left out of growth"
    ]


@pytest.mark.parametrize(
    ("since", "year"),
    [
        ("2005-10-11", 2005),
        ("2018-11", 2018),
        ("2017", 2017),
        ("XXXX", None),
        ("XXXX-07-11", None),
        (None, None),
        ("", None),
    ],
)
def test_start_year(since: str | None, year: int | None) -> None:
    assert start_year(since) == year


# -- measures as node properties ---------------------------------------------------------------
CITY_MEASURES = (
    "MATCH (c:City) RETURN c.id AS id, c.degree AS degree, c.betweenness AS betweenness, "
    "c.eigenvector AS eigenvector, c.community AS community, c.brokerage AS brokerage "
    "ORDER BY id"
)


def test_write_stores_the_measures_on_the_nodes(bridged: GraphStore) -> None:
    analysis = analyze(bridged)
    assert write_measures(bridged, analysis) == 7
    rows = {r["id"]: r for r in bridged.run(CITY_MEASURES)}
    nodes = by_id(analysis)
    for city in CITIES:
        assert rows[city] == {"id": city, **{m: nodes[city][m] for m in analytics.MEASURES}}
    assert rows[B1]["degree"] == 3 and rows[B1]["community"] == 1
    assert rows[B1]["betweenness"] == pytest.approx(8 / 15, rel=1e-5)
    bridge = bridged.run("MATCH (o:Organization) RETURN o.brokerage AS b, o.degree AS d")
    assert bridge == [{"b": 1, "d": 3}]


def test_reloading_and_new_articles_keep_the_measures(bridged: GraphStore) -> None:
    write_measures(bridged, analyze(bridged))
    before = bridged.run(CITY_MEASURES)
    load(bridged, CLUSTER_A)  # the same article again
    # a new article mentioning A1: A1 gets a source, and keeps its measures
    load(bridged, doc("art-new", [entity(A1, "A1")], []))
    assert bridged.run("MATCH (c:City {id: $id}) RETURN c.sources AS s", {"id": A1}) == [
        {"s": ["art-a", "art-bridge", "art-new"]}
    ]
    assert bridged.run(CITY_MEASURES) == before


def test_measures_of_nodes_left_out_are_cleared(bridged: GraphStore) -> None:
    write_measures(bridged, analyze(bridged))
    # forgetting the bridging article removes the Bridge and its ties: the clusters split
    bridged.forget("art-bridge")
    assert write_measures(bridged, analyze(bridged)) == 6
    rows = {r["id"]: r for r in bridged.run(CITY_MEASURES)}
    assert rows[A1]["degree"] == 2 and rows[A1]["brokerage"] == 0  # no stale 3 and 0
    assert rows[B1]["betweenness"] == 0  # a triangle needs no node between
    # an analysis that does not cover B1 leaves it with no measures at all
    partial = analyze(bridged)
    partial.nodes = [row for row in partial.nodes if row["id"] != B1]
    assert write_measures(bridged, partial) == 5
    rows = {r["id"]: r for r in bridged.run(CITY_MEASURES)}
    assert rows[B1] == {"id": B1, **dict.fromkeys(analytics.MEASURES)}
    assert rows[A1]["degree"] == 2


def test_measures_are_in_the_model_but_not_in_rdf(bridged: GraphStore) -> None:
    from ucn.ontology.rdf import store_graph

    for label in MODEL.labels:
        names = {p.name for p in MODEL.node_columns(label)}
        assert (names >= DERIVED_NODE_PROPERTIES) == (label != "Article"), label
    assert set(analytics.MEASURES) == DERIVED_NODE_PROPERTIES
    write_measures(bridged, analyze(bridged))
    predicates = {str(p) for p in store_graph(bridged).predicates()}
    assert not any(
        p.rsplit("#", 1)[-1].rsplit("/", 1)[-1] in analytics.MEASURES for p in predicates
    )


# -- the command -------------------------------------------------------------------------------
@pytest.fixture
def ucn(tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    db = tmp_path / "graph.db"

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(main, ["--db", str(db), *args], catch_exceptions=False)

    def load_docs(*docs: dict[str, Any]) -> None:
        paths = [str(write_json(tmp_path / f"{i}.json", d)) for i, d in enumerate(docs)]
        assert invoke("load", *paths).exit_code == 0

    invoke.load = load_docs  # type: ignore[attr-defined]
    return invoke


def test_cli_sections_and_sampling_rule_are_the_library_ones() -> None:
    assert tuple(ANALYSIS_HEADINGS) == analytics.SECTIONS
    help_text = " ".join(CliRunner().invoke(main, ["analyze", "--help"]).stdout.split())
    assert f"from {analytics.DEFAULT_SAMPLE} anyway above" in help_text
    assert f"above {analytics.EXACT_BETWEENNESS_LIMIT:,} nodes" in help_text


def test_cli_table(ucn) -> None:  # type: ignore[no-untyped-def]
    ucn.load(CLUSTER_A, CLUSTER_B, BRIDGING)
    result = ucn("analyze", "--top", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Nodes, most between first"
    assert lines[1].split(" | ")[:3] == ["id                 ", "label       ", "name            "]
    assert lines[3].startswith("organization/bridge | Organization | Bridge Institute | 3 ")
    assert lines[4].startswith("city/b1")
    assert lines[5] == "(2 rows)"  # --top 2
    for heading in list(ANALYSIS_HEADINGS.values())[1:]:
        assert heading in lines
    assert result.stderr == ""
    sampled = ucn("analyze", "--sample", "3", "--section", "nodes")
    assert sampled.stderr.startswith("note: betweenness estimated from 3 of 7 nodes (seed 42)")


def test_cli_csv_is_the_node_section_alone(ucn) -> None:  # type: ignore[no-untyped-def]
    ucn.load(CLUSTER_A, CLUSTER_B, BRIDGING)
    result = ucn("analyze", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "id,label,name,degree,betweenness,eigenvector,community,brokerage"
    assert lines[1].startswith("organization/bridge,Organization,Bridge Institute,3,0.6,")
    assert lines[1].endswith(",0,1")
    assert len(lines) == 8  # header and 7 entities, nothing else


def test_cli_csv_of_one_section_with_notes_on_stderr(ucn) -> None:  # type: ignore[no-untyped-def]
    ucn.load(MEMBERSHIPS)
    result = ucn("analyze", "--format", "csv", "--section", "growth")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "network,year,new_members,members",
        "C40,2010,1,1",
        "C40,2017,1,2",
    ]
    assert result.stderr.startswith("note: 2 of 9 network membership(s) have no known")
    comembership = ucn("analyze", "--format", "csv", "--section", "co-membership").stdout
    assert comembership.splitlines()[1] == "Bangkok,Colombo,2,C40; CityNet"


def test_cli_json_has_every_section_and_the_notes(ucn) -> None:  # type: ignore[no-untyped-def]
    ucn.load(MEMBERSHIPS)
    result = ucn("analyze", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [*analytics.SECTIONS, "notes"]
    assert data["growth"][0] == {"network": "C40", "year": 2010, "new_members": 1, "members": 1}
    assert data["notes"] == [
        "2 of 9 network membership(s) have no known start year and are left out of growth"
    ]
    one = json.loads(ucn("analyze", "--format", "json", "--section", "communities").stdout)
    assert list(one) == ["communities", "notes"]


def test_cli_write(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ucn.load(CLUSTER_A, CLUSTER_B, BRIDGING)
    table = ucn("analyze", "--write", "--section", "communities")
    assert table.exit_code == 0
    assert table.stdout.endswith("wrote measures on 7 node(s)\n")
    as_json = ucn("analyze", "--write", "--format", "json")
    json.loads(as_json.stdout)  # the count goes to stderr, so stdout stays JSON
    assert as_json.stderr == "wrote measures on 7 node(s)\n"
    with open_store(tmp_path / "graph.db") as store:
        assert store.run("MATCH (o:Organization) RETURN o.betweenness AS b") == [{"b": 0.6}]
    exported = json.loads(ucn("export", "--format", "node-link").stdout)
    bridge = next(n for n in exported["nodes"] if n["id"] == BRIDGE)
    assert (bridge["degree"], bridge["community"], bridge["brokerage"]) == (3, 0, 1)


def test_cli_on_an_empty_graph(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_store(tmp_path / "graph.db").close()
    result = ucn("analyze")
    assert result.exit_code == 0
    assert result.stderr == "note: the graph holds no entities: nothing to measure\n"
    assert "(0 rows)" in result.stdout
    assert ucn("analyze", "--format", "csv").stdout == (
        "id,label,name,degree,betweenness,eigenvector,community,brokerage\n"
    )


def test_cli_without_a_database_is_one_error_line(ucn) -> None:  # type: ignore[no-untyped-def]
    result = ucn("analyze")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "no database here yet" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert ucn("analyze", "--section", "nope").exit_code == 2
