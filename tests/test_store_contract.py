"""One contract, both engines: every test here runs on the embedded store and on Neo4j."""

from __future__ import annotations

import pytest

from ucn.graph import Batch, GraphStore, ReadOnlyError, StoreError, parse_document
from ucn.graph.batch import empty_node_row, empty_relation_row
from ucn.graph.errors import QueryError

from conftest import document

MEMBERS = (
    "MATCH (c)-[m:MEMBER_OF]->(n:Network) RETURN c.id AS member, n.name AS network, "
    "m.since AS since, m.role AS role, m.sources AS sources, m.evidence AS evidence, "
    "m.confidence AS confidence ORDER BY member"
)


def load(store: GraphStore, *docs: dict) -> object:
    return store.write(Batch.of(parse_document(d, f"{i}.json") for i, d in enumerate(docs)))


def counts(store: GraphStore) -> dict:
    return store.stats()


def test_load_then_query(store: GraphStore) -> None:
    result = load(store, document())
    assert result.nodes_created == 4  # three entities and the article
    assert result.relations_created == 5  # two memberships, three mentions
    rows = store.run(MEMBERS)
    assert [(r["member"], r["network"], r["since"], r["role"]) for r in rows] == [
        ("city/da-nang", "CityNet", "2005-10-11", "full"),
        ("organization/amc", "CityNet", "2017", "associate"),
    ]
    assert rows[0]["sources"] == ["art-1"]
    assert rows[0]["evidence"][0].startswith("Đà Nẵng trở thành")
    assert rows[0]["confidence"] == pytest.approx(0.9)


def test_parameters_are_bound(store: GraphStore) -> None:
    load(store, document())
    rows = store.run("MATCH (c:City {id: $id}) RETURN c.name AS name", {"id": "city/da-nang"})
    assert rows == [{"name": "Đà Nẵng"}]
    assert store.run("MATCH (c:City) WHERE c.name = $n RETURN c.id AS id", {"n": "x' OR 1=1"}) == []


def test_reload_changes_nothing(store: GraphStore) -> None:
    load(store, document())
    before = counts(store)
    rows_before = store.run(MEMBERS)
    again = load(store, document())
    assert not again.changed
    assert counts(store) == before
    assert store.run(MEMBERS) == rows_before


def test_second_article_adds_its_id_and_sentence(store: GraphStore) -> None:
    load(store, document("art-1"))
    second = document("art-2")
    second["relations"][0]["evidence"] = "CityNet kết nạp Đà Nẵng năm 2005."
    second["relations"][0]["confidence"] = 0.95
    second["entities"][0]["aliases"] = ["Danang"]
    result = load(store, second)
    assert result.relations_created == 3  # only the new article's mentions
    assert result.nodes_created == 1  # the new article
    da_nang = store.run(MEMBERS)[0]
    assert da_nang["sources"] == ["art-1", "art-2"]
    assert da_nang["evidence"] == [
        "Đà Nẵng trở thành thành viên chính thức của CityNet ngày 11/10/2005.",
        "CityNet kết nạp Đà Nẵng năm 2005.",
    ]
    assert da_nang["confidence"] == pytest.approx(0.95)
    node = store.run("MATCH (c:City {id: 'city/da-nang'}) RETURN c.aliases AS a, c.sources AS s")
    assert node == [{"a": ["TP Đà Nẵng", "Da Nang", "Danang"], "s": ["art-1", "art-2"]}]
    assert counts(store)["relations"]["MEMBER_OF"] == 2


def test_forget_retracts_only_what_the_article_alone_supports(store: GraphStore) -> None:
    load(store, document("art-1"))
    second = document("art-2")
    del second["entities"][2], second["relations"][1]  # art-2 knows nothing of AMC
    load(store, second)
    result = store.forget("art-1")
    assert result.found
    rows = store.run(MEMBERS)
    assert [(r["member"], r["sources"]) for r in rows] == [("city/da-nang", ["art-2"])]
    assert len(rows[0]["evidence"]) == 1
    stats = counts(store)
    assert stats["nodes"]["Organization"] == 0  # AMC was only in art-1
    assert stats["nodes"]["Article"] == 1
    assert stats["relations"]["MENTIONS"] == 2
    store.forget("art-2")
    assert sum(counts(store)["nodes"].values()) == 0
    assert sum(counts(store)["relations"].values()) == 0


def test_forget_unknown_article_finds_nothing(store: GraphStore) -> None:
    load(store, document())
    before = counts(store)
    assert not store.forget("no-such-article").found
    assert counts(store) == before


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (c:City {id: 'city/x', name: 'X'})",
        "MERGE (c:City {id: 'city/x'})",
        "MATCH (c:City) SET c.name = 'X'",
        "MATCH (c:City) DETACH DELETE c",
        "MATCH (c:City) REMOVE c.country",
        "MATCH (c:City) RETURN c.id; CREATE (c:City {id: 'city/x'})",
        "COMMIT",
    ],
)
def test_queries_are_read_only_unless_asked(store: GraphStore, query: str) -> None:
    load(store, document())
    before = store.run("MATCH (c:City) RETURN c.id AS id, c.name AS name, c.country AS country")
    with pytest.raises(QueryError):
        store.run(query)
    assert store.run("MATCH (c:City) RETURN c.id AS id, c.name AS name, c.country AS country") == (
        before
    )


def test_read_only_refusal_says_why(store: GraphStore) -> None:
    with pytest.raises(ReadOnlyError, match="read-only"):
        store.run("CREATE (c:City {id: 'city/x'})")


def test_write_flag_allows_writes(store: GraphStore) -> None:
    store.run("CREATE (c:City {id: 'city/x', name: 'X'})", write=True)
    assert store.run("MATCH (c:City) RETURN c.name AS name") == [{"name": "X"}]


def test_bad_cypher_gives_the_engine_message(store: GraphStore) -> None:
    with pytest.raises(QueryError) as info:
        store.run("MATC (n) RETURN n")
    assert "\n" not in str(info.value) and str(info.value)


def test_failed_batch_leaves_no_trace(store: GraphStore) -> None:
    load(store, document("art-1"))
    before = counts(store)
    batch = Batch.of([parse_document(document("art-2"), "two.json")])
    # A fact whose target node is neither in the batch nor in the store: the batch's nodes are
    # written first, then this fails, and the whole transaction must roll back.
    dangling = empty_relation_row("MEMBER_OF")
    dangling.update(
        source="city/da-nang",
        target="network/ghost",
        sources=["art-2"],
        evidence=["..."],
        confidences=[1.0],
        confidence=1.0,
    )
    batch.relations[("MEMBER_OF", "City", "Network")][("city/da-nang", "network/ghost")] = dangling
    newcomer = empty_node_row("City")
    newcomer.update(id="city/hue", name="Huế", sources=["art-2"])
    batch.nodes["City"]["city/hue"] = newcomer
    with pytest.raises(StoreError, match="network/ghost"):
        store.write(batch)
    assert counts(store) == before
    assert store.run("MATCH (c:City {id: 'city/hue'}) RETURN c.id AS id") == []
    assert store.run(MEMBERS)[0]["sources"] == ["art-1"]


NASTY_NAMES = [
    'Quận "Hai" Bà Trưng',
    "O'Higgins <b>&amp;</b> <script>alert(1)</script>",
    "Line one\nline two\ttab",
    "Thừa Thiên–Huế 🏙️ Hòa Khánh",
    "x\u030c with a combining caron",
    "反斜杠 \\ backslash",
]


def test_names_round_trip_exactly(store: GraphStore) -> None:
    entities = [
        {"id": f"organization/n{i}", "type": "Organization", "name": name, "aliases": [name[::-1]]}
        for i, name in enumerate(NASTY_NAMES)
    ]
    load(store, {"article": {"id": "nasty", "title": NASTY_NAMES[0]}, "entities": entities})
    rows = store.run("MATCH (o:Organization) RETURN o.id AS id, o.name AS name, o.aliases AS a")
    got = {r["id"]: (r["name"], r["a"]) for r in rows}
    for i, name in enumerate(NASTY_NAMES):
        assert got[f"organization/n{i}"] == (name, [name[::-1]])
    graph = store.to_networkx()
    assert graph.nodes["organization/n1"]["name"] == NASTY_NAMES[1]


def test_stats_count_labels_and_types(store: GraphStore) -> None:
    load(store, document())
    stats = counts(store)
    assert stats["nodes"]["City"] == 1 and stats["nodes"]["Network"] == 1
    assert stats["relations"]["MEMBER_OF"] == 2
    assert set(stats["nodes"]) >= {
        "City",
        "Country",
        "Organization",
        "Network",
        "Person",
        "Event",
        "Article",
    }


def test_to_networkx_whole_graph(store: GraphStore) -> None:
    load(store, document())
    graph = store.to_networkx()
    assert graph.number_of_nodes() == 4
    assert graph.nodes["city/da-nang"]["label"] == "City"
    assert graph.nodes["city/da-nang"]["aliases"] == ["TP Đà Nẵng", "Da Nang"]
    edge = graph.edges["city/da-nang", "network/citynet", "MEMBER_OF"]
    assert edge["since"] == "2005-10-11" and edge["sources"] == ["art-1"]
    assert graph.number_of_edges() == 5


def test_to_networkx_of_a_query(store: GraphStore) -> None:
    load(store, document())
    graph = store.to_networkx(
        "MATCH (c:City)-[m:MEMBER_OF]->(n:Network) WHERE c.id = $id RETURN m",
        {"id": "city/da-nang"},
    )
    assert set(graph.nodes) == {"city/da-nang", "network/citynet"}
    assert graph.nodes["network/citynet"]["label"] == "Network"
    assert list(graph.edges(keys=True)) == [("city/da-nang", "network/citynet", "MEMBER_OF")]


def test_symmetric_partnership_is_one_fact(store: GraphStore) -> None:
    base = {
        "article": {"id": "p1"},
        "entities": [
            {"id": "city/hue", "type": "City", "name": "Huế"},
            {"id": "city/gyeongju", "type": "City", "name": "Gyeongju"},
        ],
    }
    one = dict(
        base,
        relations=[
            {
                "type": "PARTNER_OF",
                "source": "city/hue",
                "target": "city/gyeongju",
                "evidence": "Huế kết nghĩa Gyeongju.",
            }
        ],
    )
    two = dict(
        base,
        article={"id": "p2"},
        relations=[
            {
                "type": "PARTNER_OF",
                "source": "city/gyeongju",
                "target": "city/hue",
                "evidence": "Gyeongju and Hue are sister cities.",
            }
        ],
    )
    load(store, one, two)
    rows = store.run("MATCH (a)-[r:PARTNER_OF]-(b) WHERE a.id < b.id RETURN r.sources AS s")
    assert rows == [{"s": ["p1", "p2"]}]
