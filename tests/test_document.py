"""Validation of extraction documents against the domain model, and stable ids."""

from __future__ import annotations

import unicodedata

import pytest

from ucn.graph import DocumentError, parse_document
from ucn.graph.cypher import split_statements
from ucn.graph.ids import fold_ascii, node_id, slugify
from ucn.graph.model import MODEL

from conftest import document


def rejects(doc: dict, *fragments: str) -> None:
    with pytest.raises(DocumentError) as info:
        parse_document(doc, "doc.json")
    message = str(info.value)
    assert message.startswith("doc.json: ")
    for fragment in fragments:
        assert fragment in message


def test_a_valid_document_parses() -> None:
    doc = parse_document(document(), "doc.json")
    assert [e.id for e in doc.entities] == ["city/da-nang", "network/citynet", "organization/amc"]
    assert doc.relations[0].properties == {"since": "2005-10-11", "role": "full"}
    assert doc.relations[1].confidence == pytest.approx(0.8)


def test_endpoint_rules_name_the_document_and_the_relation() -> None:
    doc = {
        "article": {"id": "a"},
        "entities": [
            {"id": "person/a", "type": "Person", "name": "A"},
            {"id": "person/b", "type": "Person", "name": "B"},
        ],
        "relations": [
            {
                "type": "MEMBER_OF",
                "source": "person/a",
                "target": "person/b",
                "evidence": "A is a member of B.",
            }
        ],
    }
    rejects(doc, "relations[0]", "MEMBER_OF cannot link Person 'person/a' to Person 'person/b'")


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda d: d["article"].pop("id"), ["article.id", "missing"]),
        (lambda d: d["entities"][0].update(type="Town"), ["entities[0].type", "'Town'"]),
        (lambda d: d["entities"][0].update(type="Article"), ["entities[0].type"]),
        (lambda d: d["entities"][1].update(name=""), ["entities[1].name", "empty"]),
        (lambda d: d["entities"][0].update(id="town/da-nang"), ["entities[0].id", "city/slug"]),
        (lambda d: d["entities"].append(dict(d["entities"][0])), ["entities[3].id", "twice"]),
        (lambda d: d["entities"][0].update(aliases="TP Đà Nẵng"), ["entities[0].aliases", "list"]),
        (
            lambda d: d["entities"][0]["properties"].update(mayor="X"),
            ["entities[0].properties.mayor", "unknown property"],
        ),
        (
            lambda d: d["relations"][0].update(target="network/c40"),
            ["relations[0].target", "not an entity of this document"],
        ),
        (lambda d: d["relations"][0].pop("evidence"), ["relations[0].evidence", "missing"]),
        (lambda d: d["relations"][0].update(confidence=1.5), ["relations[0].confidence"]),
        (lambda d: d["relations"][0].update(type="MENTIONS"), ["relations[0].type"]),
        (
            lambda d: d["relations"][0]["properties"].update(since="11/10/2005"),
            ["relations[0].properties.since", "ISO 8601"],
        ),
        (lambda d: d.update(relations={}), ["relations", "must be a list"]),
    ],
)
def test_malformed_documents_name_the_field(change, fragments) -> None:  # type: ignore[no-untyped-def]
    doc = document()
    change(doc)
    rejects(doc, *fragments)


def test_not_an_extraction_document() -> None:
    rejects({"url": "https://example.org", "text": "..."}, "not an extraction document")
    with pytest.raises(DocumentError):
        parse_document([1, 2], "doc.json")


@pytest.mark.parametrize("date", ["2017", "2018-11", "2018-11-21", "XXXX-09-21", "XXXX"])
def test_reduced_precision_dates_are_accepted(date: str) -> None:
    doc = {
        "article": {"id": "a"},
        "entities": [{"id": "event/x", "type": "Event", "name": "X", "properties": {"date": date}}],
    }
    assert parse_document(doc).entities[0].properties["date"] == date


def test_decomposed_marks_are_normalised_to_nfc() -> None:
    doc = {
        "article": {"id": "a"},
        "entities": [{"id": "city/hue", "type": "City", "name": "Hue\u0302\u0301"}],
    }
    assert parse_document(doc).entities[0].name == "Huế"


def test_symmetric_relations_get_one_direction() -> None:
    doc = {
        "article": {"id": "a"},
        "entities": [
            {"id": "city/hue", "type": "City", "name": "Huế"},
            {"id": "city/gyeongju", "type": "City", "name": "Gyeongju"},
        ],
        "relations": [
            {
                "type": "PARTNER_OF",
                "source": "city/hue",
                "target": "city/gyeongju",
                "evidence": "...",
            }
        ],
    }
    rel = parse_document(doc).relations[0]
    assert (rel.source, rel.target) == ("city/gyeongju", "city/hue")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Đà Nẵng", "da-nang"),
        ("Thành phố Hồ Chí Minh", "thanh-pho-ho-chi-minh"),
        ("UN-Habitat", "un-habitat"),
        ("Viện Đào tạo & Hợp tác quốc tế", "vien-dao-tao-hop-tac-quoc-te"),
        ("  Hòa  Bình ", "hoa-binh"),
        ("São Paulo", "sao-paulo"),
    ],
)
def test_slugs_fold_to_ascii(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_folding_does_not_depend_on_the_normal_form() -> None:
    # decomposed marks, stacked marks in either order, compatibility letters and ligatures
    composed = "Đà Nẵng Ǆ ﬁ Straße"
    decomposed = unicodedata.normalize("NFD", composed)
    assert fold_ascii(composed) == fold_ascii(decomposed) == "Da Nang DZ fi Strasse"
    assert fold_ascii("e\u0323\u0302") == fold_ascii("e\u0302\u0323") == "e"
    assert fold_ascii("東京 Москва") == "東京 Москва"  # no decomposition: kept as written


def test_node_ids_carry_the_type() -> None:
    assert node_id("City", "Đà Nẵng") == "city/da-nang"
    with pytest.raises(ValueError):
        node_id("City", "…")


def test_every_relation_endpoint_is_a_label() -> None:
    for rel in MODEL.relations.values():
        assert set(rel.sources) | set(rel.targets) <= set(MODEL.labels)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("MATCH (n) RETURN n", 1),
        ("MATCH (n) RETURN n;", 1),
        ("RETURN ';' AS x; RETURN 1", 2),
        ("RETURN 1 // trailing; comment", 1),
        ("RETURN `a;b`", 1),
        ("/* ; */ RETURN 1", 1),
        ("RETURN 'it\\'s;'", 1),
        ("  ;  ", 0),
    ],
)
def test_statements_split_outside_strings_and_comments(text: str, count: int) -> None:
    assert len(split_statements(text)) == count
