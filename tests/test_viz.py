"""Maps without a browser: styles from the model, what each selection draws, the caps, the
escaping of the page, and the `ucn viz` command. (tests/test_viz_browser.py opens the pages.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from test_queries import build

from ucn.cli import main
from ucn.graph import GraphStore, open_store
from ucn.graph.model import MODEL
from ucn.viz import build_map, render_html
from ucn.viz.html import json_for_script, read_page
from ucn.viz.maps import make_map
from ucn.viz.select import within_years, year_of
from ucn.viz.styles import check_styles, edge_styles, node_styles


@pytest.fixture
def graph(tmp_path: Path) -> Iterator[GraphStore]:
    with open_store(db=tmp_path / "viz.db") as store:
        yield build(store)


def embedded_data(page: str) -> dict:
    """The page's data, its nodes, edges and articles read back from their compact form."""
    return read_page(page)


def test_every_label_and_relation_type_has_a_style() -> None:
    check_styles()
    assert set(node_styles()) == set(MODEL.labels)
    edges = edge_styles()
    assert set(edges) == set(MODEL.relations)
    assert not edges["PARTNER_OF"].directed and edges["MEMBER_OF"].directed
    assert edges["MEMBER_OF"].name == "member of"  # the ontology's English label
    colours = [s.color for s in node_styles().values()]
    assert len(set(colours)) == len(colours)


def test_the_whole_graph(graph: GraphStore) -> None:
    data = make_map(graph)
    # 17 entities (articles are not drawn); 24 + 1 relations in art-1, the second article
    # restates one of them
    assert len(data.nodes) == 17 and data.left_out == 0
    assert len(data.edges) == 24
    da_nang = next(
        e
        for e in data.edges
        if (e["from"], e["type"]) == ("city/da-nang", "MEMBER_OF") and e["to"] == "network/citynet"
    )
    assert [f["sentence"] for f in da_nang["facts"]] == [
        "Đà Nẵng joined CityNet.",
        "Đà Nẵng is in CityNet.",
    ]
    assert data.articles["art-1"]["title"] == "CityNet và Việt Nam"
    assert da_nang["year"] == 2005 and da_nang["arrows"] == "to"
    partner = next(e for e in data.edges if e["type"] == "PARTNER_OF")
    assert partner["arrows"] == ""  # symmetric
    event = next(n for n in data.nodes if n["id"] == "event/excom-2018")
    assert event["year"] == 2018 and event["shape"] == "hexagon"
    assert data.size_by == "degree"


def test_focus_and_depth(graph: GraphStore) -> None:
    one = make_map(graph, focus="da nang")
    # Đà Nẵng, CityNet, ASCN, the 2018 meeting (HOSTED and LOCATED_IN), Yokohama (partner)
    assert {n["id"] for n in one.nodes} == {
        "city/da-nang",
        "network/citynet",
        "network/asean-smart-cities-network",
        "event/excom-2018",
        "city/yokohama",
    }
    assert one.focus == ["city/da-nang"] and one.title.startswith("Đà Nẵng")
    two = make_map(graph, focus="city/da-nang", depth=2)
    assert len(two.nodes) > len(one.nodes)
    assert "person/tran-thi-lan" not in {n["id"] for n in two.nodes}  # three ties away


def test_network_view(graph: GraphStore) -> None:
    data = make_map(graph, network="CityNet")
    ids = {n["id"] for n in data.nodes}
    members = {
        "city/da-nang",
        "city/hue",
        "city/ho-chi-minh",
        "city/yokohama",
        "city/seoul",
        "organization/amc",
    }
    events = {"event/excom-2018", "event/congress-2017", "event/training"}
    assert ids == {"network/citynet"} | members | events


def test_query_maps(graph: GraphStore) -> None:
    named = make_map(graph, name="members-of", params={"network": "CityNet"})
    assert len(named.nodes) == 7  # six members and the network bound as the parameter
    assert all(e["type"] in ("MEMBER_OF", "PARTNER_OF", "FOUNDED_IN") for e in named.edges)
    cypher = make_map(graph, cypher="MATCH (c:City)-[:HOSTED]->(e:Event) RETURN c, e")
    assert {n["id"] for n in cypher.nodes} == {
        "city/da-nang",
        "event/excom-2018",
        "city/yokohama",
        "event/congress-2017",
    }


def test_years(graph: GraphStore) -> None:
    data = make_map(graph, since=2018)
    ids = {n["id"] for n in data.nodes}
    assert "event/congress-2017" not in ids and "event/excom-2018" in ids
    assert "event/training" in ids  # an unknown year is not outside the range
    kinds = {(e["from"], e["to"]) for e in data.edges}
    assert ("city/yokohama", "network/citynet") not in kinds  # member since 1987
    assert ("city/hue", "network/citynet") in kinds  # undated
    assert year_of("XXXX-09-21") is None and year_of("2018-11") == 2018
    assert within_years(nx.MultiDiGraph(), None, None).number_of_nodes() == 0


def test_the_cap_keeps_the_most_central_and_the_focus() -> None:
    star = nx.MultiDiGraph()
    star.add_node("network/hub", label="Network", name="Hub")
    for i in range(30):
        star.add_node(f"city/c{i:02d}", label="City", name=f"City {i}")
        star.add_edge(f"city/c{i:02d}", "network/hub", key="MEMBER_OF", sources=["a"])
    star.add_edge("city/c00", "city/c01", key="PARTNER_OF", sources=["a"])
    data = build_map(star, {}, max_nodes=3, focus=["city/c29"])
    # c29 is kept as the focus; then the hub (degree 30, tied to c29), then c00 (degree 2 like
    # c01, first by id, tied to the hub); every entity kept has a tie among those kept
    assert {n["id"] for n in data.nodes} == {"network/hub", "city/c00", "city/c29"}
    assert data.left_out == 28 and data.to_json_data()["stats"]["left_out"] == 28


def test_betweenness_sizes_the_nodes_after_analyze(graph: GraphStore) -> None:
    from ucn.queries.analytics import analyze, write_measures

    write_measures(graph, analyze(graph))
    data = make_map(graph)
    assert data.size_by == "betweenness"
    hub = max(data.nodes, key=lambda n: n["value"])
    assert hub["id"] == "network/citynet"


def test_the_page_is_self_contained_and_escaped() -> None:
    probe = "<img src=x onerror=alert(1)>"
    closing = "</script><script>window.__pwned=1</script>"
    g = nx.MultiDiGraph()
    g.add_node("city/x", label="City", name=probe, aliases=[closing])
    g.add_node("network/n", label="Network", name="Mạng lưới & <b>bold</b>")
    g.add_edge("city/x", "network/n", key="MEMBER_OF", sources=["a"], evidence=[closing])
    data = build_map(g, {"a": {"title": probe, "url": "javascript:alert(1)"}}, title=probe)
    page = render_html(data)
    assert probe not in page and closing not in page
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page
    assert embedded_data(page)["nodes"][0]["label"] == probe  # the data still says it
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "http://" not in page.split('id="ucn-data"')[0].lower().replace("http://www.w3", "")
    assert json_for_script("</script>\u2028") == '"\\u003c/script\\u003e\\u2028"'


def test_cli_writes_the_map(graph: GraphStore, tmp_path: Path) -> None:
    db = str(graph.path)
    graph.close()
    out = tmp_path / "map.html"
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db, "viz", "--network", "CityNet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}: 10 entities, 17 relations\n"
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert data["title"] == "CityNet: members and their events"
    assert data["stats"]["nodes"] == 10
    capped = runner.invoke(main, ["--db", db, "viz", "--max-nodes", "5", "-o", str(out)])
    assert "(12 less central entities left out)" in capped.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Da Nag"], "closest: Đà Nẵng (city/da-nang)"),
        (["--focus", "Huế", "--network", "CityNet"], "choose one of"),
        (["--name", "members-of"], "needs -p network"),
        (["--query", "MATCH (c:City {id: 'nowhere'}) RETURN c"], "nothing to draw"),
    ],
)
def test_cli_errors_write_nothing(
    graph: GraphStore, tmp_path: Path, args: list[str], message: str
) -> None:
    db = str(graph.path)
    graph.close()
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["--db", db, "viz", *args, "-o", str(out)])
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_query_draws_its_result(graph: GraphStore, tmp_path: Path) -> None:
    db = str(graph.path)
    graph.close()
    out = tmp_path / "q.html"
    result = CliRunner().invoke(
        main,
        ["--db", db, "query", "--name", "co-membership", "-p", "min_shared=2", "--viz", str(out)],
    )
    assert result.exit_code == 0, result.output
    data = embedded_data(out.read_text(encoding="utf-8"))
    # the pair and the two networks they share, named in the rows
    assert {n["id"] for n in data["nodes"]} == {
        "city/da-nang",
        "city/ho-chi-minh",
        "network/citynet",
        "network/asean-smart-cities-network",
    }
