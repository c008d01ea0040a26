"""`ucn forget` is an exact undo: forgetting an article gives the graph of the others alone.

Every test loads and forgets through the command (`ucn load`, `ucn forget`) and compares whole
graphs: every node and relation with every property, as `GraphStore.to_networkx` reads them
(what the node-link export writes, before it sorts the lists). Nothing is left out of the
comparison, not even the order of lists (aliases, sources with their sentences): the graph of
the remaining articles does not depend on when the forgotten one was loaded. Only the
bookkeeping column itself (`provenance`) is not in the view; a test reads it from the store.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import open_store
from ucn.graph.model import MODEL

from conftest import write_json

Graph = tuple[dict[str, dict[str, Any]], dict[tuple[str, str, str], dict[str, Any]]]

HA_NOI = "city/ha-noi"
CITYNET = "network/citynet"
MEETING = "event/hoi-nghi-citynet"
URBAN = "organization/vien-quy-hoach"
MEMBERSHIP = (HA_NOI, CITYNET, "MEMBER_OF")


def article(article_id: str, title: str, date: str) -> dict[str, Any]:
    return {"id": article_id, "title": title, "date": date, "lang": "vi", "source": "test"}


# Article A: Hà Nội (alias Thủ đô), CityNet, a meeting without a date, Hà Nội a full member.
DOC_A: dict[str, Any] = {
    "article": article("art-a", "Hà Nội và CityNet", "2024-05-02"),
    "entities": [
        {
            "id": HA_NOI,
            "type": "City",
            "name": "Hà Nội",
            "aliases": ["Thủ đô"],
            "properties": {"country": "VN"},
        },
        {"id": CITYNET, "type": "Network", "name": "CityNet"},
        {"id": MEETING, "type": "Event", "name": "Hội nghị CityNet"},
    ],
    "relations": [
        {
            "type": "MEMBER_OF",
            "source": HA_NOI,
            "target": CITYNET,
            "properties": {"role": "full"},
            "evidence": "Hà Nội là thành viên chính thức của CityNet.",
            "confidence": 0.8,
        },
        {
            "type": "HOSTED",
            "source": HA_NOI,
            "target": MEETING,
            "evidence": "Hà Nội đăng cai hội nghị CityNet.",
            "confidence": 0.7,
        },
    ],
}

# Article B: the same city by its English name (alias Thủ đô too, and HN), the meeting with a
# date and a kind, an institute only B knows, the membership with a start and B's own sentence.
DOC_B: dict[str, Any] = {
    "article": article("art-b", "Hanoi joins CityNet", "2024-06-01"),
    "entities": [
        {
            "id": HA_NOI,
            "type": "City",
            "name": "Hanoi",
            "aliases": ["Thủ đô", "HN"],
            "properties": {"wikidata": "Q1858"},
        },
        {
            "id": CITYNET,
            "type": "Network",
            "name": "CityNet",
            "aliases": ["Mạng lưới CityNet"],
        },
        {
            "id": MEETING,
            "type": "Event",
            "name": "CityNet conference",
            "properties": {"date": "2024-05-10", "kind": "conference", "location": "Hanoi"},
        },
        {
            "id": URBAN,
            "type": "Organization",
            "name": "Viện Quy hoạch",
            "properties": {"kind": "institute", "country": "VN"},
        },
    ],
    "relations": [
        {
            "type": "MEMBER_OF",
            "source": HA_NOI,
            "target": CITYNET,
            "properties": {"since": "2010", "role": "associate"},
            "evidence": "Hanoi has been a member of CityNet since 2010.",
            "confidence": 0.95,
        },
        {
            "type": "PARTICIPATED_IN",
            "source": URBAN,
            "target": MEETING,
            "properties": {"role": "speaker"},
            "evidence": "The institute spoke at the conference.",
            "confidence": 0.6,
        },
    ],
}


def doc_c() -> dict[str, Any]:
    """A third article in A's folder: the meeting with a month only, which A's file loads after
    art-a; Hà Nội with yet another alias."""
    return {
        "article": article("art-c", "Hội nghị tháng năm", "2024-05-03"),
        "entities": [
            {"id": HA_NOI, "type": "City", "name": "Hà Nội", "aliases": ["TP Hà Nội"]},
            {
                "id": MEETING,
                "type": "Event",
                "name": "Hội nghị CityNet",
                "properties": {"date": "2024-05"},
            },
        ],
        "relations": [
            {
                "type": "HOSTED",
                "source": HA_NOI,
                "target": MEETING,
                "evidence": "Hội nghị diễn ra tại Hà Nội vào tháng 5.",
                "confidence": 0.9,
            }
        ],
    }


class Ucn:
    """The command on one database file."""

    def __init__(self, db: Path):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str) -> Any:
        return self.runner.invoke(main, ["--db", str(self.db), *args], catch_exceptions=False)

    def load(self, *paths: Path) -> str:
        result = self(*("load", *map(str, paths)))
        assert result.exit_code == 0, result.output
        return result.stdout

    def forget(self, article_id: str) -> Any:
        return self("forget", article_id)

    def graph(self) -> Graph:
        """Every node and relation with all its properties, lists in the order stored (the
        node-link export sorts aliases and sources, so it would not show an order changed)."""
        with open_store(db=self.db, create=False) as store:
            graph = store.to_networkx()
        nodes = {node: dict(data) for node, data in graph.nodes(data=True)}
        edges = {(s, t, k): dict(data) for s, t, k, data in graph.edges(keys=True, data=True)}
        return nodes, edges


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    return {
        "A": write_json(tmp_path / "a.json", DOC_A),
        "B": write_json(tmp_path / "b.json", DOC_B),
        # a folder loads in name order: art-a, then art-c
        "AC": folder,
        "_a": write_json(folder / "1-a.json", DOC_A),
        "_c": write_json(folder / "2-c.json", doc_c()),
    }


@pytest.fixture
def fresh(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A new database each call: fresh(*files) loads the files in turn into it."""
    count = iter(range(1000))

    def make(*paths: Path) -> Ucn:
        ucn = Ucn(tmp_path / f"graph-{next(count)}.db")
        for path in paths:
            ucn.load(path)
        return ucn

    return make


def test_forget_b_after_a_gives_a_alone(fresh, files) -> None:  # type: ignore[no-untyped-def]
    alone = fresh(files["A"]).graph()
    both = fresh(files["A"], files["B"])
    nodes, edges = both.graph()
    assert "Hanoi" in nodes[HA_NOI]["aliases"] and nodes[MEETING]["date"] == "2024-05-10"
    result = both.forget("art-b")
    assert result.exit_code == 0, result.output
    assert both.graph() == alone
    nodes, edges = alone
    city = nodes[HA_NOI]
    # the alias only B gave goes, the one both gave stays; B's properties go
    assert (city["name"], city["aliases"]) == ("Hà Nội", ["Thủ đô"])
    assert city["wikidata"] is None and city["country"] == "VN" and city["sources"] == ["art-a"]
    assert nodes[CITYNET]["aliases"] == []
    meeting = nodes[MEETING]
    assert (meeting["date"], meeting["kind"], meeting["location"]) == (None, None, None)
    assert URBAN not in nodes and "art-b" not in nodes
    member = edges[MEMBERSHIP]
    assert member["sources"] == ["art-a"] and member["confidences"] == [0.8]
    assert member["evidence"] == ["Hà Nội là thành viên chính thức của CityNet."]
    assert (member["since"], member["role"], member["confidence"]) == (None, "full", 0.8)


def test_forget_b_loaded_first_gives_a_alone(fresh, files) -> None:  # type: ignore[no-untyped-def]
    """B's name was the canonical one and B's date the one kept: A's come back."""
    both = fresh(files["B"], files["A"])
    nodes, edges = both.graph()
    assert nodes[HA_NOI]["name"] == "Hanoi" and edges[MEMBERSHIP]["since"] == "2010"
    assert both.forget("art-b").exit_code == 0
    assert both.graph() == fresh(files["A"]).graph()


def test_a_date_of_its_own_comes_back(fresh, files) -> None:  # type: ignore[no-untyped-def]
    """With art-c, A's folder gives the meeting a month; B, loaded first, gave it a day."""
    alone = fresh(files["AC"]).graph()
    assert alone[0][MEETING]["date"] == "2024-05"
    both = fresh(files["B"], files["AC"])
    assert both.graph()[0][MEETING]["date"] == "2024-05-10"
    assert both.forget("art-b").exit_code == 0
    assert both.graph() == alone
    nodes, edges = alone
    assert nodes[HA_NOI]["aliases"] == ["Thủ đô", "TP Hà Nội"]
    assert edges[(HA_NOI, MEETING, "HOSTED")]["sources"] == ["art-a", "art-c"]


def test_forget_a_gives_b_alone(fresh, files) -> None:  # type: ignore[no-untyped-def]
    alone = fresh(files["B"]).graph()
    for order in ((files["A"], files["B"]), (files["B"], files["A"])):
        both = fresh(*order)
        assert both.forget("art-a").exit_code == 0
        assert both.graph() == alone
    nodes, edges = alone
    assert (nodes[HA_NOI]["name"], nodes[HA_NOI]["aliases"]) == ("Hanoi", ["Thủ đô", "HN"])
    assert nodes[HA_NOI]["country"] is None
    assert (edges[MEMBERSHIP]["since"], edges[MEMBERSHIP]["role"]) == ("2010", "associate")
    assert (HA_NOI, MEETING, "HOSTED") not in edges


def test_forget_one_article_of_three(fresh, files) -> None:  # type: ignore[no-untyped-def]
    """Forgetting art-a from A, C and B gives C then B; forgetting art-c gives A then B."""
    for forgotten, kept in (("art-a", files["_c"]), ("art-c", files["_a"])):
        graph = fresh(files["AC"], files["B"])
        assert graph.forget(forgotten).exit_code == 0
        assert graph.graph() == fresh(kept, files["B"]).graph()


def test_an_article_given_again_with_more(fresh, files, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """art-a again, with another alias and a date for the meeting: what it supplied grows, in
    its place (before B's), whether the second copy comes in a later load or the same one."""
    more = json.loads(json.dumps(DOC_A))
    more["entities"][0]["aliases"] = ["Hà Nội xưa"]
    more["entities"][2]["properties"] = {"date": "2024-04"}
    more["relations"][0]["properties"] = {"role": "associate", "since": "2001"}
    again = write_json(tmp_path / "a-again.json", more)
    alone = fresh(files["A"], again).graph()
    nodes, edges = alone
    assert nodes[HA_NOI]["aliases"] == ["Thủ đô", "Hà Nội xưa"]
    assert nodes[MEETING]["date"] == "2024-04"
    assert (edges[MEMBERSHIP]["role"], edges[MEMBERSHIP]["since"]) == ("full", "2001")
    for graph in (fresh(files["A"], files["B"], again), fresh(files["B"], files["A"], again)):
        assert graph.forget("art-b").exit_code == 0
        assert graph.graph() == alone
    folder = tmp_path / "both-copies"
    folder.mkdir()
    write_json(folder / "1.json", DOC_A)
    write_json(folder / "2.json", DOC_B)
    write_json(folder / "3.json", more)
    graph = fresh(folder)
    assert graph.forget("art-b").exit_code == 0
    assert graph.graph() == alone


def test_forgetting_an_unknown_article_changes_nothing(fresh, files) -> None:  # type: ignore[no-untyped-def]
    both = fresh(files["A"], files["B"])
    before = both.graph()
    result = both.forget("no-such-article")
    assert result.exit_code != 0 and "no article 'no-such-article'" in result.stderr
    assert both.graph() == before


def test_forgetting_twice_is_harmless(fresh, files) -> None:  # type: ignore[no-untyped-def]
    both = fresh(files["A"], files["B"])
    assert both.forget("art-b").exit_code == 0
    once = both.graph()
    again = both.forget("art-b")
    assert again.exit_code != 0 and "no article 'art-b'" in again.stderr
    assert both.graph() == once == fresh(files["A"]).graph()


def test_forget_everything_leaves_an_empty_graph(fresh, files) -> None:  # type: ignore[no-untyped-def]
    graph = fresh(files["AC"], files["B"])
    for article_id in ("art-c", "art-b", "art-a"):
        assert graph.forget(article_id).exit_code == 0
    assert graph.graph() == ({}, {})


def test_loading_again_writes_nothing(fresh, files) -> None:  # type: ignore[no-untyped-def]
    graph = fresh(files["AC"], files["B"])
    before = graph.graph()
    for path in (files["AC"], files["B"], files["A"]):
        assert "0 nodes and 0 relations added, 0 nodes and 0 relations updated" in graph.load(path)
    assert graph.graph() == before


def test_the_provenance_stays_out_of_the_exports(fresh, files) -> None:  # type: ignore[no-untyped-def]
    """The bookkeeping that makes forget exact is stored, but no export shows it."""
    graph = fresh(files["A"], files["B"])
    with open_store(db=graph.db) as store:
        city = store.run("MATCH (c:City) RETURN c.provenance AS p")[0]["p"]
        member = store.run("MATCH ()-[m:MEMBER_OF]->() RETURN m.provenance AS p")[0]["p"]
    # two articles named Hà Nội differently, and gave the membership different properties
    assert json.loads(city) == {
        "rows": [
            {"aliases": ["Thủ đô"], "country": "VN", "name": "Hà Nội"},
            {"aliases": ["Thủ đô", "HN"], "name": "Hanoi", "wikidata": "Q1858"},
        ],
        "of": [0, 1],
    }
    assert json.loads(member)["rows"][1] == {"role": "associate", "since": "2010"}
    node_link = graph("export", "--format", "node-link")
    turtle = graph("export", "--format", "turtle")
    for export in (node_link, turtle):
        assert export.exit_code == 0 and "provenance" not in export.stdout
    assert "Hanoi" in node_link.stdout


def test_a_database_without_the_provenance_column_still_loads(fresh, files) -> None:  # type: ignore[no-untyped-def]
    """A database written before the column existed gains it on open; what each article alone
    supplied is known, so forgetting an article loaded later is still exact."""
    old = fresh(files["A"])
    with open_store(db=old.db) as store:

        def drop(tx: Any) -> None:
            for label in MODEL.labels:
                tx.run(f"ALTER TABLE {label} DROP provenance")
            for rel_type in MODEL.relations:
                if "provenance" in {p.name for p in MODEL.relation_columns(rel_type)}:
                    tx.run(f"ALTER TABLE {rel_type} DROP provenance")

        store.in_transaction(drop)
    alone = old.graph()
    assert "0 nodes and 0 relations added, 0 nodes and 0 relations updated" in old.load(files["A"])
    old.load(files["B"])
    assert old.forget("art-b").exit_code == 0
    assert old.graph() == alone == fresh(files["A"]).graph()
