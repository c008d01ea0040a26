"""Rule-based extraction on short fixtures of our own, and on the shared corpus when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import parse_document
from ucn.loaders import Article, extract_article, read_articles
from ucn.loaders.article import article_id

from conftest import SHARED


def article(text: str, date: str | None = "2024-05-02", lang: str = "vi") -> Article:
    return Article(article_id(None, text), None, "Tin thử", date, lang, text, "fixture.txt")


def relations(doc: dict) -> set[tuple]:
    return {(r["type"], r["source"], r["target"]) for r in doc["relations"]}


def test_membership_with_role_and_date() -> None:
    doc = extract_article(
        article(
            "Từ ngày 11/10/2005, TP Đà Nẵng là thành viên chính thức của CityNet. "
            "Năm 2017, Học viện Cán bộ quản lý xây dựng và đô thị (AMC) trở thành thành viên liên "
            "kết của mạng lưới CityNet."
        )
    )
    parse_document(doc, "fixture")  # the output is a valid extraction document
    members = {
        (r["source"], r["properties"].get("role"), r["properties"].get("since"))
        for r in doc["relations"]
        if r["type"] == "MEMBER_OF"
    }
    assert ("city/da-nang", "full", "2005-10-11") in members
    assert ("organization/amc", "associate", "2017") in members
    amc = next(e for e in doc["entities"] if e["id"] == "organization/amc")
    assert "AMC" in amc["aliases"] or amc["name"] == "AMC"


def test_people_and_their_posts() -> None:
    doc = extract_article(
        article(
            "Tiếp đoàn có ông Lê Văn Minh - Phó Giám đốc Học viện Ngoại giao. "
            "Chủ tịch UBND TP Huế Nguyễn Văn Phương phát biểu tại buổi làm việc."
        )
    )
    people = {e["name"] for e in doc["entities"] if e["type"] == "Person"}
    assert {"Lê Văn Minh", "Nguyễn Văn Phương"} <= people
    works = relations(doc)
    assert ("WORKS_FOR", "person/nguyen-van-phuong", "city/hue") in works
    assert any(t == "WORKS_FOR" and s == "person/le-van-minh" for t, s, _ in works)


def test_founding_place_and_support() -> None:
    doc = extract_article(
        article(
            "CityNet được thành lập năm 1987 tại Yokohama (Nhật Bản) với sự hỗ trợ của UNESCAP, "
            "UNDP và UN-Habitat."
        )
    )
    found = relations(doc)
    assert ("FOUNDED_IN", "network/citynet", "city/yokohama") in found
    assert ("LOCATED_IN", "city/yokohama", "country/japan") in found or any(
        t == "LOCATED_IN" and s == "city/yokohama" for t, s, _ in found
    )
    supporters = {s for t, s, o in found if t == "SUPPORTED" and o == "network/citynet"}
    assert len(supporters) == 3
    founded = next(r for r in doc["relations"] if r["type"] == "FOUNDED_IN")
    assert founded["properties"]["date"] == "1987"
    assert founded["evidence"].startswith("CityNet được thành lập")


def test_event_with_organisers_date_and_place() -> None:
    doc = extract_article(
        article(
            "Ngày 21/11, tại TP Đà Nẵng, CityNet phối hợp với UBND TP Đà Nẵng tổ chức Hội nghị "
            "Ban Chấp hành lần thứ 37.",
            date="2017-11-22",
        )
    )
    events = [e for e in doc["entities"] if e["type"] == "Event"]
    assert len(events) == 1 and events[0]["properties"]["date"] == "2017-11-21"
    found = relations(doc)
    event = events[0]["id"]
    assert ("ORGANIZED", "network/citynet", event) in found
    assert ("LOCATED_IN", event, "city/da-nang") in found


def test_every_relation_has_its_sentence() -> None:
    text = "Đà Nẵng là thành viên của CityNet. Hà Nội cũng vậy."
    doc = extract_article(article(text))
    assert doc["relations"]
    for r in doc["relations"]:
        assert r["evidence"] in text


def test_ucn_extract_prints_the_document(tmp_path: Path) -> None:
    page = tmp_path / "tin.txt"
    page.write_text(
        "Ngày đăng 02/05/2024 | 08:00 AM\nĐà Nẵng và CityNet\n"
        "Đà Nẵng là thành viên chính thức của CityNet từ ngày 11/10/2005.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(page), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["article"]["date"] == "2024-05-02"
    assert ("MEMBER_OF", "city/da-nang", "network/citynet") in relations(doc)


def test_ucn_load_extracts_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Hà Nội gia nhập CityNet\nHà Nội là thành viên chính thức của CityNet.\n", encoding="utf-8"
    )
    db = str(tmp_path / "g.db")
    runner = CliRunner()
    loaded = runner.invoke(main, ["--db", db, "load", str(tmp_path), "--workers", "2"])
    assert loaded.exit_code == 0, loaded.output
    rows = runner.invoke(
        main,
        [
            "--db",
            db,
            "query",
            "MATCH (c:City)-[m:MEMBER_OF]->(n) RETURN c.name AS city, m.evidence AS e",
            "--format",
            "json",
        ],
    )
    assert json.loads(rows.stdout) == [
        {"city": "Hà Nội", "e": ["Hà Nội là thành viên chính thức của CityNet."]}
    ]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is not here")
def test_key_facts_of_the_seed_articles() -> None:
    docs = [extract_article(a) for a in read_articles([str(SHARED / "corpus" / "seeds")])]
    members = {
        (r["source"], r["target"], r["properties"].get("since"), r["properties"].get("role"))
        for d in docs
        for r in d["relations"]
        if r["type"] == "MEMBER_OF"
    }
    assert ("city/da-nang", "network/citynet", "2005-10-11", "full") in members
    assert ("organization/amc", "network/citynet", "2017", "associate") in members


def test_back_references_and_bodies_acting_for_others() -> None:
    doc = extract_article(
        article(
            "Đoàn cán bộ Ban Thư ký CityNet đến làm việc tại Học viện Ngoại giao. "
            "Về phía Học viện có ông Trần Văn Nam - Phó Giám đốc Học viện. "
            "UBND TP Huế cử đại diện tham dự; thành phố mong muốn hợp tác lâu dài."
        )
    )
    ids = {e["id"] for e in doc["entities"]}
    assert "network/citynet" in ids and "city/hue" in ids
    assert not any("ban-thu-ky" in i or i.startswith("organization/hoc-vien-co") for i in ids)
    academy = next(e["id"] for e in doc["entities"] if e["name"] == "Học viện Ngoại giao")
    assert ("WORKS_FOR", "person/tran-van-nam", academy) in relations(doc)
