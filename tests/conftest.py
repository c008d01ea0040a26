"""Fixtures shared by the test modules: stores of both engines, documents, sample paths."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ucn.graph import GraphStore, open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

DA_NANG_DOC: dict[str, Any] = {
    "article": {
        "id": "art-1",
        "title": "Đà Nẵng và CityNet",
        "date": "2024-04-24",
        "lang": "vi",
        "source": "test",
    },
    "entities": [
        {
            "id": "city/da-nang",
            "type": "City",
            "name": "Đà Nẵng",
            "aliases": ["TP Đà Nẵng", "Da Nang"],
            "properties": {"country": "VN"},
        },
        {
            "id": "network/citynet",
            "type": "Network",
            "name": "CityNet",
            "aliases": ["Mạng lưới các đô thị"],
        },
        {
            "id": "organization/amc",
            "type": "Organization",
            "name": "Học viện Cán bộ quản lý xây dựng và đô thị",
            "aliases": ["AMC"],
            "properties": {"kind": "academy"},
        },
    ],
    "relations": [
        {
            "type": "MEMBER_OF",
            "source": "city/da-nang",
            "target": "network/citynet",
            "properties": {"since": "2005-10-11", "role": "full"},
            "evidence": "Đà Nẵng trở thành thành viên chính thức của CityNet ngày 11/10/2005.",
            "confidence": 0.9,
        },
        {
            "type": "MEMBER_OF",
            "source": "organization/amc",
            "target": "network/citynet",
            "properties": {"since": "2017", "role": "associate"},
            "evidence": "AMC là thành viên liên kết của CityNet từ năm 2017.",
            "confidence": 0.8,
        },
    ],
}


# A short news article in English that the extractor reads entities and ties from; `{i}` makes
# each copy another article.
NEWS_ARTICLE = (
    "Mayors meet in Yokohama, round {i}\n\n"
    "The mayor of Da Nang and the mayor of Yokohama signed a cooperation agreement on urban "
    "planning in round {i} of the talks. Da Nang is a member of CityNet, the regional network "
    "of local authorities, and both cities attended the CityNet Congress in Seoul. The "
    "agreement covers water, transport and training for city officials over three years.\n"
)


def document(article_id: str = "art-1", **changes: Any) -> dict[str, Any]:
    """A fresh copy of the Đà Nẵng document, with another article id and other changes."""
    doc = copy.deepcopy(DA_NANG_DOC)
    doc["article"]["id"] = article_id
    doc.update(changes)
    return doc


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _neo4j_store() -> Iterator[GraphStore]:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("Neo4j contract tests need a server: set NEO4J_URI (docker compose up -d)")
    store = open_store(
        neo4j=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE") or "neo4j",
    )
    if store.run("MATCH (n) RETURN count(n) AS n")[0]["n"] and not os.environ.get(
        "UCN_TEST_NEO4J_WIPE"
    ):
        store.close()
        pytest.skip(
            "the Neo4j database at NEO4J_URI is not empty and the tests would clear it: use a "
            "scratch server or set UCN_TEST_NEO4J_WIPE=1"
        )
    try:
        yield store
    finally:
        store.run("MATCH (n) DETACH DELETE n", write=True)
        store.close()


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The cache of derived data (the gazetteer's matcher tables, loaders/cache.py) in a folder
    of the test session's, not the user's; commands the tests run inherit it."""
    before = os.environ.get("UCN_CACHE_DIR")
    os.environ["UCN_CACHE_DIR"] = str(tmp_path_factory.mktemp("ucn-cache"))
    yield
    if before is None:
        del os.environ["UCN_CACHE_DIR"]
    else:
        os.environ["UCN_CACHE_DIR"] = before


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """Each contract test runs on the embedded store and, when NEO4J_URI is set, on Neo4j."""
    if request.param == "embedded":
        with open_store(db=tmp_path / "graph.db") as embedded:
            yield embedded
    else:
        yield from _neo4j_store()
