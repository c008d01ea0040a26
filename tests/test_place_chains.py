"""Where a place lies, read from how places are named side by side (loaders/place_chains.py):
a unit before the wider one it lies in, a wider one that owns it, a word of belonging between
them; and the cases that are no such chain: lists of places of one level, a wider place named
first, places the gazetteer puts elsewhere, a time after "in"."""

from __future__ import annotations

from typing import Any

import pytest

from ucn.graph import parse_document
from ucn.loaders import Article
from ucn.loaders.article import article_id
from ucn.loaders.extraction import extract_article


def located(text: str, lang: str) -> set[tuple[str, str]]:
    article = Article(article_id(None, text), None, "Tin thử", "2024-05-02", lang, text, "f.txt")
    doc: dict[str, Any] = extract_article(article)
    parse_document(doc, "fixture")
    return {(r["source"], r["target"]) for r in doc["relations"] if r["type"] == "LOCATED_IN"}


def test_a_chain_of_units_puts_the_first_in_each_wider_one() -> None:
    found = located(
        "Officials from Anseong City, Gyeonggi Province, South Korea, toured the port on Friday.",
        "en",
    )
    assert {
        ("city/anseong", "city/gyeonggi"),
        ("city/anseong", "country/south-korea"),
        ("city/gyeonggi", "country/south-korea"),
    } <= found


def test_a_vietnamese_district_before_its_city() -> None:
    found = located("Lãnh đạo quận Ngũ Hành Sơn, thành phố Đà Nẵng đã tiếp đoàn khách.", "vi")
    assert ("city/ngu-hanh-son", "city/da-nang") in found


def test_a_place_owned_by_a_wider_one() -> None:
    found = located("A team from Hue's Thuan Hoa District visited the fair.", "en")
    assert ("city/thuan-hoa", "city/hue") in found


@pytest.mark.parametrize(
    ("text", "lang", "pair"),
    [
        ("Đoàn đã đến huyện Cần Giờ thuộc Thành phố Hồ Chí Minh.", "vi", "city/ho-chi-minh"),
        ("The school stands in Can Gio District in Ho Chi Minh City.", "en", "city/ho-chi-minh"),
        (
            "Đoàn khảo sát huyện Cần Giờ (Thành phố Hồ Chí Minh) trong hai ngày.",
            "vi",
            "city/ho-chi-minh",
        ),
    ],
)
def test_a_word_of_belonging_or_brackets(text: str, lang: str, pair: str) -> None:
    assert ("city/can-gio", pair) in located(text, lang)


def test_places_of_one_level_are_a_list_not_a_chain() -> None:
    # Places the gazetteer does not know, so that only their level tells them apart.
    found = located("Mayors of Anseong City, Osan City, Gunpo City met in Suwon.", "en")
    cities = {"city/anseong", "city/osan", "city/gunpo"}
    assert not {pair for pair in found if set(pair) <= cities}
    found = located("Đoàn làm việc với quận Hải Châu, quận Thanh Khê, quận Sơn Trà.", "vi")
    districts = {"city/hai-chau", "city/thanh-khe", "city/son-tra"}
    assert not {pair for pair in found if set(pair) <= districts}


def test_a_wider_place_named_first_is_not_inside_the_next() -> None:
    found = located("Gyeonggi Province, Anseong City and Busan sent delegates.", "en")
    assert ("city/gyeonggi", "city/anseong") not in found
    assert ("city/anseong", "city/gyeonggi") not in found


def test_the_gazetteer_outranks_the_shape() -> None:
    # A known city that the gazetteer puts in no province, in another country's province, or in
    # another country: a list, not a place inside the next.
    found = located("Delegates came from Seoul, Gyeonggi Province and Osaka.", "en")
    assert ("city/seoul", "city/gyeonggi") not in found
    found = located("Đoàn gồm đại biểu Hà Nội, tỉnh Chiba và Nhật Bản.", "vi")
    assert ("city/ha-noi", "country/japan") not in found
    assert ("city/ha-noi", "city/chiba") not in found


def test_a_time_after_in_is_no_place() -> None:
    found = located("Anseong City in 2023 opened a school for exchange students.", "en")
    assert all(source != "city/anseong" for source, _ in found)


def event_places(text: str, lang: str) -> set[str]:
    article = Article(article_id(None, text), None, "Tin thử", "2024-05-02", lang, text, "f.txt")
    doc: dict[str, Any] = extract_article(article)
    events = {e["id"] for e in doc["entities"] if e["type"] == "Event"}
    return {
        r["target"] for r in doc["relations"] if r["type"] == "LOCATED_IN" and r["source"] in events
    }


def test_the_wider_end_of_a_chain_is_not_where_the_news_happens() -> None:
    found = event_places(
        "At the forum on May 3, Wuhan signed agreements with Bordeaux in France.", "en"
    )
    assert "country/france" not in found


def test_where_an_envoy_is_posted_is_not_where_the_news_happens() -> None:
    found = event_places(
        "Ngày 3/5/2024, Đại sứ Việt Nam tại Nhật Bản Phạm Quang Hiệu dự lễ ký kết hợp tác giữa "
        "Huế và Kyoto.",
        "vi",
    )
    assert "country/japan" not in found
