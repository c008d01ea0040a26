"""The sample articles that `make demo` loads: they load cleanly and give the facts they state.

Only facts the extractor finds today are asserted; the articles state more (see
`samples/articles/SOURCES.md`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import ucn
from ucn.cli import main

from conftest import ROOT

ARTICLES = ROOT / "samples" / "articles"
# The articles, not SOURCES.md: a folder load would read that as a sixth (English) article.
ARTICLE_FILES = sorted([*ARTICLES.glob("*.txt"), *ARTICLES.glob("*.html")])

CITYNET_VIETNAM = {
    "city/ha-noi",
    "city/ho-chi-minh",
    "city/hai-phong",
    "city/da-nang",
    "city/hue",
    "city/quang-nam",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ucn.GraphStore]:
    db = tmp_path_factory.mktemp("samples") / "ucn.db"
    with ucn.open_store(db=db) as opened:
        report = ucn.load_paths(opened, ARTICLE_FILES)
        assert report.ok, report.failures
        assert report.loaded == 5
        yield opened


def facts(store: ucn.GraphStore, rel_type: str, *columns: str) -> dict[tuple[str, str], dict]:
    """The `rel_type` facts by (source id, target id), with the relation's `columns`."""
    returns = "".join(f", r.{c} AS {c}" for c in columns)
    rows = store.run(
        f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id AS source, b.id AS target{returns}"
    )
    return {(row["source"], row["target"]): row for row in rows}


def test_the_sample_articles() -> None:
    assert [p.name for p in ARTICLE_FILES] == [
        "citynet-do-thi-viet-nam.txt",
        "doan-citynet-lam-viec-voi-amc.txt",
        "en-citynet-executive-committee-da-nang.txt",
        "en-global-city-networks.html",
        "mang-luoi-do-thi-thong-minh-asean.txt",
    ]


def test_every_article_is_read_with_its_title_date_and_language(store: ucn.GraphStore) -> None:
    rows = store.run("MATCH (a:Article) RETURN a.title AS title, a.date AS date, a.lang AS lang")
    found = {(row["date"], row["lang"], row["title"]) for row in rows}
    assert found == {
        ("2018-11-22", "en", "Da Nang hosts CityNet's 37th Executive Committee meeting"),
        (
            "2020-07-20",
            "vi",
            "Hà Nội, TP Hồ Chí Minh và Đà Nẵng trong Mạng lưới Đô thị thông minh ASEAN",
        ),
        ("2024-04-24", "vi", "Đoàn công tác CityNet thăm và làm việc tại Học viện AMC"),
        ("2024-05-10", "vi", "Từ Yokohama đến Seoul: CityNet và các đô thị Việt Nam"),
        ("2024-06-10", "en", "Beyond Asia: C40, UCLG and Metropolis"),
    }


def test_the_networks_are_recognised(store: ucn.GraphStore) -> None:
    ids = {row["id"] for row in store.run("MATCH (n:Network) RETURN n.id AS id")}
    assert {
        "network/citynet",
        "network/asean-smart-cities-network",
        "network/c40",
        "network/uclg",
        "network/uclg-aspac",
        "network/metropolis",
    } <= ids


def test_citynet_members(store: ucn.GraphStore) -> None:
    members = facts(store, "MEMBER_OF", "role", "since")
    for city in CITYNET_VIETNAM:
        assert members[(city, "network/citynet")]["role"] == "full", city
    amc = members[("organization/amc", "network/citynet")]
    assert (amc["role"], amc["since"]) == ("associate", "2017")


def test_where_networks_were_founded(store: ucn.GraphStore) -> None:
    rows = store.run(
        "MATCH (n:Network)-[r:FOUNDED_IN]->(c:City) RETURN n.id AS network, c.id AS city, "
        "r.date AS date"
    )
    found = {(row["network"], row["city"], row["date"]) for row in rows}
    assert {
        ("network/citynet", "city/yokohama", "1987"),
        ("network/c40", "city/london", "2005"),
        ("network/uclg", "city/paris", "2004"),
    } <= found


def test_the_delegation_visit(store: ucn.GraphStore) -> None:
    assert ("person/pham-van-bo", "organization/amc") in facts(store, "WORKS_FOR")
    rows = store.run(
        "MATCH (h)-[:HOSTED]->(e:Event) RETURN h.id AS host, e.date AS date, e.kind AS kind"
    )
    assert {"host": "organization/amc", "date": "2024-04-22", "kind": "visit"} in rows


def test_every_evidence_sentence_is_in_an_article(store: ucn.GraphStore) -> None:
    texts = [
        " ".join(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).split())
        for path in ARTICLE_FILES
    ]
    rows = store.run("MATCH ()-[r]->() WHERE r.evidence IS NOT NULL RETURN r.evidence AS evidence")
    sentences = {sentence for row in rows for sentence in row["evidence"]}
    assert len(sentences) >= 5
    for sentence in sentences:
        assert any(sentence in text for text in texts), sentence


def test_the_command_loads_the_samples_twice_and_writes_nothing_the_second_time(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    args = ["--db", str(tmp_path / "ucn.db"), "load", *map(str, ARTICLE_FILES)]
    first = runner.invoke(main, args, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("loaded 5 documents: ")
    assert "failed" not in first.stdout
    second = runner.invoke(main, args, catch_exceptions=False)
    assert second.exit_code == 0, second.output
    assert second.stdout == (
        "loaded 5 documents: 0 nodes and 0 relations added, 0 nodes and 0 relations updated\n"
    )
