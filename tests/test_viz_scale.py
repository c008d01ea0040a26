"""Maps of large graphs, through `build_map` and `render_html`: what the cap keeps (a backbone of
tied entities, none isolated), the positions that come with a map past PHYSICS_LIMIT, the page's
compact data read back whole, and the size of a 5,000-entity page. Timings belong to
bench/viz_bench.py, not here; tests/test_viz_browser.py opens a positioned map in Chromium."""

from __future__ import annotations

import itertools
import json
import random
import re
from typing import Any

import networkx as nx

from ucn.viz import build_map, render_html
from ucn.viz.html import read_page
from ucn.viz.mapdata import PHYSICS_LIMIT, expand

# Vietnamese-looking syllables, enough of them that sentences built from them deflate a little
# less than news text does (2.5 times; the shared corpus's sentences 3.3 times), not as one
# template repeated would (13 times, bench/viz_bench.py's)
INITIALS = ["", "b", "c", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s"]
INITIALS += ["t", "th", "tr", "v", "x"]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ia", "ươ", "uô", "oa"]
FINALS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"]
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
LABELS = ("City", "Organization", "Network", "Person", "Event")
TIES = {
    "MEMBER_OF": ("Network",),
    "PARTNER_OF": ("City", "Organization"),
    "WORKS_FOR": ("Organization",),
    "PARTICIPATED_IN": ("Event",),
}


def _syllable(rng: random.Random) -> str:
    vowel = rng.choice(VOWELS)
    return rng.choice(INITIALS) + vowel[0] + rng.choice(TONES) + vowel[1:] + rng.choice(FINALS)


def cooperation_graph(
    entities: int, ties: int, seed: int = 3
) -> tuple[nx.MultiDiGraph, dict[str, dict[str, Any]]]:
    """`entities` entities and `ties` relations, a few of them hubs, as `select.load_graph` gives
    them. Each relation has one to three articles (one per ten entities) and, from each, one of
    that article's 16 sentences of 40 to 70 syllables: as in the 31 articles of the shared
    corpus, where a sentence of about 300 bytes states three relations on average."""
    rng = random.Random(seed)
    articles = {
        f"article/{i:05d}": {
            "title": " ".join(_syllable(rng) for _ in range(8)),
            "date": f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "url": f"https://example.org/tin/{i}",
            "lang": "vi",
        }
        for i in range(max(1, entities // 10))
    }
    graph = nx.MultiDiGraph()
    ids = []
    for i in range(entities):
        label = LABELS[i % len(LABELS)]
        node = f"{label.lower()}/e{i:05d}"
        name = " ".join(_syllable(rng).capitalize() for _ in range(rng.randint(2, 4)))
        graph.add_node(node, label=label, name=name, aliases=[f"E{i}"], country="VN")
        ids.append(node)
    said = {
        article: [
            " ".join(_syllable(rng) for _ in range(rng.randint(40, 70))).capitalize() + "."
            for _ in range(16)
        ]
        for article in articles
    }
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(entities)))
    cited = list(articles)
    added = 0
    while added < ties:
        source, target = rng.choices(ids, cum_weights=cumulative, k=2)
        kind = rng.choice(list(TIES))
        if source == target or graph.has_edge(source, target, key=kind):
            continue
        sources = rng.sample(cited, rng.choice((1, 1, 1, 2, 3)))
        confidences = [round(rng.uniform(0.4, 0.99), 2) for _ in sources]
        graph.add_edge(
            source,
            target,
            key=kind,
            sources=sources,
            evidence=[rng.choice(said[article]) for article in sources],
            confidences=confidences,
            confidence=max(confidences),
            since=f"20{rng.randint(10, 24)}",
        )
        added += 1
    return graph, articles


def page_data(page: str) -> dict[str, Any]:
    """The page's data as it carries it (compact: see MapData.to_json_data)."""
    found = re.search(r'<script type="application/json" id="ucn-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def tied(data: Any) -> set[str]:
    return {end for e in data.edges for end in (e["from"], e["to"]) if e["from"] != e["to"]}


# -- the cap -------------------------------------------------------------------------------------


def test_the_cap_keeps_tied_entities_and_their_ties_never_an_isolated_one() -> None:
    """Sized by stored betweenness, every entity but the hubs measures 0: the old cap filled the
    map with those first by id, here 20 entities with no tie at all ("city/a.."), and dropped
    the hubs' members. The backbone keeps the hubs, the members by number of ties, and every
    tie among them."""
    graph = nx.MultiDiGraph()
    for i in range(20):
        graph.add_node(f"city/a{i:02d}", label="City", name=f"Alone {i}", betweenness=0.0)
    for hub, size, score in (("network/big", 12, 0.5), ("network/small", 4, 0.2)):
        graph.add_node(hub, label="Network", name=hub, betweenness=score)
        for i in range(size):
            member = f"city/m-{hub[8:]}-{i:02d}"
            graph.add_node(member, label="City", name=member, betweenness=0.0)
            graph.add_edge(member, hub, key="MEMBER_OF", sources=["x"])
    # two members of the big network are partners too: they come first among its members
    graph.add_edge("city/m-big-10", "city/m-big-11", key="PARTNER_OF", sources=["x"])
    graph.add_edge("city/m-big-11", "city/m-big-10", key="PARTNER_OF", sources=["y"])

    data = build_map(graph, {}, max_nodes=8)
    kept = {n["id"] for n in data.nodes}
    assert data.size_by == "betweenness" and len(kept) == 8
    assert not any(k.startswith("city/a") for k in kept)
    assert tied(data) == kept  # no kept entity without a kept tie
    assert {"network/big", "network/small", "city/m-big-10", "city/m-big-11"} <= kept
    # every tie among the kept entities is drawn
    assert len(data.edges) == graph.subgraph(kept).number_of_edges() == 8
    stats = data.to_json_data()["stats"]
    assert stats["left_out"] == len(graph) - 8 == 30
    assert stats["edges_left_out"] == graph.number_of_edges() - 8


def test_an_entity_whose_neighbours_are_left_out_comes_with_its_best_attested_tie() -> None:
    graph = nx.MultiDiGraph()
    for node in ("organization/top", "city/once", "city/thrice", "city/other"):
        graph.add_node(node, label=node.split("/")[0].capitalize(), name=node)
    graph.add_edge("city/once", "organization/top", key="PARTNER_OF", sources=["a"])
    graph.add_edge("city/thrice", "organization/top", key="PARTNER_OF", sources=["a", "b", "c"])
    graph.add_edge("city/other", "organization/top", key="PARTNER_OF", sources=["a"])
    graph.add_node("city/alone", label="City", name="alone")
    data = build_map(graph, {}, max_nodes=2)
    assert {n["id"] for n in data.nodes} == {"organization/top", "city/thrice"}
    assert len(data.edges) == 1
    # a cap of one keeps the most central entity, the only map there can be
    assert [n["id"] for n in build_map(graph, {}, max_nodes=1).nodes] == ["organization/top"]


def test_a_capped_generated_graph_keeps_no_isolated_entity() -> None:
    graph, articles = cooperation_graph(600, 900)
    graph.add_nodes_from((f"city/lone{i}", {"label": "City", "name": f"L{i}"}) for i in range(50))
    data = build_map(graph, articles, max_nodes=300)
    kept = {n["id"] for n in data.nodes}
    assert len(kept) == 300 and tied(data) == kept
    # the 50 most connected entities are all kept, with every tie among the kept ones
    degree = {n: len(set(nx.all_neighbors(graph, n)) - {n}) for n in graph}
    top = sorted(graph, key=lambda n: (-degree[n], n))[:50]
    assert set(top) <= kept
    assert len(data.edges) == graph.subgraph(kept).number_of_edges()


# -- positions -----------------------------------------------------------------------------------


def test_a_map_past_the_physics_limit_comes_with_its_positions() -> None:
    graph, articles = cooperation_graph(PHYSICS_LIMIT + 50, 300)
    data = build_map(graph, articles)
    assert data.positioned
    spots = [(n["x"], n["y"]) for n in data.nodes]
    assert all(isinstance(c, int) for spot in spots for c in spot)
    assert len(set(spots)) == len(spots)  # no two entities on one spot
    raw = page_data(render_html(data))
    assert raw["physics"] is False and len(raw["xy"]) == 2 * len(data.nodes)
    again = build_map(graph, articles)
    assert [(n["x"], n["y"]) for n in again.nodes] == spots  # the same map, the same layout

    small = build_map(graph.subgraph(list(graph)[:PHYSICS_LIMIT]).copy(), articles)
    assert not small.positioned and "x" not in small.nodes[0]
    raw = page_data(render_html(small))
    assert raw["physics"] is True and "xy" not in raw


def test_a_connected_part_is_not_flung_away_by_the_lone_entities() -> None:
    """Each connected part is laid out by itself and the parts packed in rows: the lone entities
    sit beside the rest, not on a ring around it that would shrink it to a dot at the first
    fit."""
    graph, articles = cooperation_graph(400, 1200)
    graph.add_nodes_from((f"city/lone{i}", {"label": "City", "name": f"L{i}"}) for i in range(200))
    data = build_map(graph, articles)
    xs = [n["x"] for n in data.nodes]
    ys = [n["y"] for n in data.nodes]
    big = [n for n in data.nodes if not n["id"].startswith("city/lone")]
    big_width = max(n["x"] for n in big) - min(n["x"] for n in big)
    assert big_width > 0.6 * (max(xs) - min(xs))
    big_height = max(n["y"] for n in big) - min(n["y"] for n in big)
    assert big_height > 0.6 * (max(ys) - min(ys))


# -- the page's data -----------------------------------------------------------------------------


def test_the_compact_data_reads_back_whole() -> None:
    """Names, aliases, tooltips, years, properties and every fact (article, sentence,
    confidence) come back from the page's compact form as build_map made them, positions too;
    the evidence is intact, hostile text included."""
    graph, articles = cooperation_graph(PHYSICS_LIMIT + 20, 400)
    hostile = "</script><script>window.__pwned=1</script> & <b>"
    first = next(iter(graph.edges(keys=True, data=True)))
    first[3]["evidence"] = [hostile, *first[3]["evidence"][1:]]
    first[3]["confidences"] = [None, *first[3]["confidences"][1:]]
    graph.add_node("thing/odd", label="Thing", name=hostile)  # a label without a style
    graph.add_edge("thing/odd", first[0], key="ODD", sources=["article/none"], evidence=[""])
    data = build_map(graph, articles)
    assert data.positioned
    page = render_html(data)
    assert hostile not in page
    raw = page_data(page)
    back = expand(raw)
    assert back["nodes"] == data.nodes
    assert back["edges"] == data.edges
    assert {a: back["articles"][a] for a in data.articles} == data.articles
    assert back["articles"]["article/none"] == dict.fromkeys(("title", "date", "url", "lang"))
    facts = sum(len(e["facts"]) for e in data.edges)
    assert facts > len(raw["edges"])  # some relations have more than one article


def test_a_5k_map_page_stays_under_4_mb() -> None:
    """The issue's size: 5,000 entities and 15,000 relations, every relation with its articles
    and sentences, in one page under 4 MB (it was 11 MB)."""
    graph, articles = cooperation_graph(5_000, 15_000)
    data = build_map(graph, articles, max_nodes=5_000)
    assert len(data.nodes) == 5_000 and len(data.edges) == 15_000 and data.positioned
    page = render_html(data)
    assert len(page.encode("utf-8")) < 4_000_000, f"{len(page.encode('utf-8')) / 1e6:.2f} MB"
    # and nothing of the evidence was dropped to get there
    assert read_page(page)["edges"] == data.edges


def test_the_picture_of_a_big_map_keeps_no_isolated_entity_either() -> None:
    from ucn.viz.static import chosen_nodes

    graph, articles = cooperation_graph(600, 900)
    data = build_map(graph, articles)
    kept = {n["id"] for n in chosen_nodes(data, 100)}
    ties = [(e["from"], e["to"]) for e in data.edges if e["from"] in kept and e["to"] in kept]
    assert len(kept) == 100 and {end for tie in ties for end in tie} == kept
