"""The layered frame extractor, one group of tests per mechanism, in Vietnamese and English.

Each group has positive cases (the cue or frame does its work) and negative ones (it does not
fire where it should not). The sentences are invented for these tests: invented people, real
cities, countries and networks from the gazetteer. The lexicons are checked as data against the
domain model and the engine at the end.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import parse_document
from ucn.graph.errors import UcnError
from ucn.graph.model import MODEL
from ucn.loaders import Article, FrameExtractor
from ucn.loaders import clauses as clauses_module
from ucn.loaders.article import article_id
from ucn.loaders.assembly import CONTAINMENT_CONFIDENCE
from ucn.loaders.clauses import cues, phrase_pattern
from ucn.loaders.events import EVENT_FRAMES
from ucn.loaders.extraction import extract_article
from ucn.loaders.frames import (
    ALL_FRAMES,
    CONTEXT_PENALTY,
    FAR_PENALTY,
    Clause,
    SentenceView,
    _role,
    frames,
)
from ucn.loaders.lexicon import read_table

TODAY = "2024-06-06"  # a Thursday

DA_NANG, HUE, HA_NOI, HAI_PHONG = "city/da-nang", "city/hue", "city/ha-noi", "city/hai-phong"
YOKOHAMA, KOBE, BUSAN, LONDON = "city/yokohama", "city/kobe", "city/busan", "city/london"
KANAGAWA = "city/kanagawa"
VIET_NAM, JAPAN, KOREA = "country/viet-nam", "country/japan", "country/south-korea"
CITYNET = "network/citynet"
JICA, UNDP, WORLD_BANK = "organization/jica", "organization/undp", "organization/world-bank"


# -- helpers -------------------------------------------------------------------------------


def article(text: str, lang: str = "vi", date: str | None = TODAY) -> Article:
    return Article(article_id(None, text), None, "Tin thử", date, lang, text, "fixture.txt")


def extract(text: str, lang: str = "vi", date: str | None = TODAY, **options: Any) -> dict:
    """The extraction document of `text`, checked against the domain model."""
    a = article(text, lang, date)
    doc = FrameExtractor(**options).extract(a) if options else extract_article(a)
    parse_document(doc, "fixture")
    return doc


def relations(doc: dict) -> set[tuple[str, str, str]]:
    return {(r["type"], r["source"], r["target"]) for r in doc["relations"]}


def of_type(doc: dict, rel_type: str) -> set[tuple[str, str]]:
    return {(s, t) for kind, s, t in relations(doc) if kind == rel_type}


def partners(doc: dict) -> set[frozenset[str]]:
    return {frozenset(pair) for pair in of_type(doc, "PARTNER_OF")}


def pairs(*pairs_: tuple[str, str]) -> set[frozenset[str]]:
    return {frozenset(p) for p in pairs_}


def events(doc: dict) -> list[dict]:
    return [e for e in doc["entities"] if e["type"] == "Event"]


def the_event(doc: dict) -> dict:
    found = events(doc)
    assert len(found) == 1, [e["name"] for e in found]
    return found[0]


def entity_ids(doc: dict, etype: str) -> set[str]:
    return {e["id"] for e in doc["entities"] if e["type"] == etype}


def members(doc: dict) -> set[tuple[str, str, str | None, str | None]]:
    return {
        (r["source"], r["target"], r["properties"].get("role"), r["properties"].get("since"))
        for r in doc["relations"]
        if r["type"] == "MEMBER_OF"
    }


def relation(doc: dict, rel_type: str, source: str, target: str) -> dict:
    return next(
        r
        for r in doc["relations"]
        if (r["type"], r["source"], r["target"]) == (rel_type, source, target)
    )


# -- negation: a denied statement is no fact; "không chỉ" / "not only" deny nothing ---------

FORUM_VI = "Hội nghị Thượng đỉnh CityNet"
FORUM_EN = "the CityNet Congress"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", f"Ông Trần Văn Bình không tham dự {FORUM_VI} tại Yokohama."),
        ("vi", f"Ông Trần Văn Bình chưa từng tham dự {FORUM_VI} tại Yokohama."),
        ("en", f"Mayor Tran Van Binh did not attend {FORUM_EN} in Yokohama."),
        ("en", f"Mayor Tran Van Binh never attended {FORUM_EN} in Yokohama."),
    ],
)
def test_negated_attendance_is_no_participation(lang: str, text: str) -> None:
    doc = extract(text, lang)
    event = the_event(doc)
    # the event and where it was held are still told; who did not attend is not a participant
    assert relations(doc) == {("LOCATED_IN", event["id"], YOKOHAMA)}
    assert not of_type(doc, "PARTICIPATED_IN")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", f"Ông Trần Văn Bình tham dự {FORUM_VI} tại Yokohama."),
        ("vi", f"Ông Trần Văn Bình không chỉ tham dự {FORUM_VI} tại Yokohama mà còn phát biểu."),
        ("en", f"Mayor Tran Van Binh attended {FORUM_EN} in Yokohama."),
        ("en", f"Mayor Tran Van Binh not only attended {FORUM_EN} in Yokohama but also spoke."),
    ],
)
def test_attendance_and_not_only_attendance(lang: str, text: str) -> None:
    doc = extract(text, lang)
    event = the_event(doc)
    assert of_type(doc, "PARTICIPATED_IN") == {("person/tran-van-binh", event["id"])}
    assert ("LOCATED_IN", event["id"], YOKOHAMA) in relations(doc)
    assert ("PARTICIPATED_IN", YOKOHAMA, event["id"]) not in relations(doc)


# -- modality: a wish, a proposal or a plan is no fact --------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Đà Nẵng mong muốn kết nghĩa với Yokohama."),
        ("vi", "Đà Nẵng đề xuất kết nghĩa với Yokohama."),
        ("vi", "Đà Nẵng hy vọng sớm kết nghĩa với Yokohama."),
        ("en", "Da Nang hopes to become sister cities with Yokohama."),
        ("en", "Da Nang proposed to become sister cities with Yokohama."),
        ("en", "Da Nang plans to twin with Yokohama."),
    ],
)
def test_wish_to_partner_is_no_partnership(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert entity_ids(doc, "City") == {DA_NANG, YOKOHAMA}
    assert not doc["relations"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Năm 2019, Đà Nẵng đã kết nghĩa với Yokohama."),
        ("en", "In 2019, Da Nang and Yokohama became sister cities."),
        ("en", "On 3 June 2019, Da Nang and Yokohama became sister cities."),
    ],
)
def test_partnership_stated_is_a_partnership(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert relations(doc) == {("PARTNER_OF", DA_NANG, YOKOHAMA)}


def test_the_month_may_is_no_modality() -> None:
    doc = extract("On 3 May 2019, Da Nang and Yokohama became sister cities.", "en")
    assert relations(doc) == {("PARTNER_OF", DA_NANG, YOKOHAMA)}


# -- future and habit make no occasion; a dated visit makes one ------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Đoàn đại biểu TP Đà Nẵng sẽ thăm Yokohama vào tháng tới."),
        ("vi", "Ngày 20/6/2024, đoàn đại biểu TP Đà Nẵng sẽ sang thăm Yokohama."),
        ("vi", "Ông Lê Quang Huy đã thăm Yokohama nhiều lần."),
        ("en", "A Da Nang delegation will visit Yokohama next month."),
        ("en", "On 20 June 2024, a Da Nang delegation is to visit Yokohama."),
        ("en", "Mr Le Quang Huy has visited Yokohama several times."),
    ],
)
def test_future_or_habitual_visit_makes_no_event(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert not events(doc)
    assert not doc["relations"]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "vi",
            "Ngày 3/6/2024, đoàn đại biểu TP Đà Nẵng do ông Lê Quang Huy dẫn đầu đã thăm Yokohama.",
            "Chuyến thăm Yokohama",
        ),
        (
            "en",
            "On 3 June 2024, a Da Nang delegation led by Mr Le Quang Huy visited Yokohama.",
            "Visit to Yokohama",
        ),
    ],
)
def test_dated_visit_is_one_event_hosted_by_the_place(lang: str, text: str, name: str) -> None:
    doc = extract(text, lang)
    visit = the_event(doc)
    assert visit["name"] == name
    assert visit["properties"]["kind"] == "visit"
    assert visit["properties"]["date"] == "2024-06-03"
    assert relations(doc) == {
        ("HOSTED", YOKOHAMA, visit["id"]),
        ("LOCATED_IN", visit["id"], YOKOHAMA),
        ("PARTICIPATED_IN", DA_NANG, visit["id"]),
        ("PARTICIPATED_IN", "person/le-quang-huy", visit["id"]),
    }


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "JICA sẽ hỗ trợ Huế xây dựng hệ thống thoát nước."),
        ("en", "JICA will support Hue in building a drainage system."),
    ],
)
def test_a_relation_in_the_future_tense_still_counts(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert relations(doc) == {("SUPPORTED", JICA, HUE)}


# -- a time is not a party; a place after "tại"/"in" is where, not who ----------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "vi",
            "Lúc 9 giờ sáng giờ Hà Nội, ông Phạm Đức Long tham dự Hội thảo Đô thị Xanh CityNet.",
        ),
        ("en", "At 9 am Hanoi time, Mr Pham Duc Long attended the CityNet Green Cities Seminar."),
    ],
)
def test_a_time_zone_is_not_a_participant(lang: str, text: str) -> None:
    doc = extract(text, lang)
    event = the_event(doc)
    assert HA_NOI in entity_ids(doc, "City")
    assert of_type(doc, "PARTICIPATED_IN") == {("person/pham-duc-long", event["id"])}
    assert not of_type(doc, "LOCATED_IN")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Hà Nội, ông Phạm Đức Long tham dự Hội thảo Đô thị Xanh CityNet."),
        ("en", "Hanoi, Mr Pham Duc Long attended the CityNet Green Cities Seminar."),
    ],
)
def test_without_the_time_cue_the_city_is_listed_with_the_actor(lang: str, text: str) -> None:
    # the control case: the same words without "giờ"/"time" are a list of two parties
    doc = extract(text, lang)
    event = the_event(doc)
    assert of_type(doc, "PARTICIPATED_IN") == {
        (HA_NOI, event["id"]),
        ("person/pham-duc-long", event["id"]),
    }


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Tại Huế, UNDP và JICA tham dự Diễn đàn Đô thị Bền vững."),
        ("vi", "UNDP và JICA tham dự Diễn đàn Đô thị Bền vững tại Huế."),
        ("en", "In Hue, UNDP and JICA attended the Sustainable Cities Forum."),
        ("en", "UNDP and JICA attended the Sustainable Cities Forum in Hue."),
    ],
)
def test_a_place_is_where_not_who(lang: str, text: str) -> None:
    doc = extract(text, lang)
    forum = the_event(doc)
    assert forum["properties"]["location"] == "Huế"
    assert relations(doc) == {
        ("LOCATED_IN", forum["id"], HUE),
        ("PARTICIPATED_IN", UNDP, forum["id"]),
        ("PARTICIPATED_IN", JICA, forum["id"]),
    }
    assert ("PARTICIPATED_IN", HUE, forum["id"]) not in relations(doc)


# -- lists and coordination -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "parties"),
    [
        (
            "vi",
            "Đà Nẵng, Huế và Hải Phòng tham dự Diễn đàn Đô thị Bền vững.",
            {DA_NANG, HUE, HAI_PHONG},
        ),
        (
            "vi",
            "Hôm qua, ông Đỗ Minh Khoa, bà Vũ Thị Lan và ông Hồ Văn Tài tham dự Diễn đàn Đô thị "
            "Bền vững.",
            {"person/do-minh-khoa", "person/vu-thi-lan", "person/ho-van-tai"},
        ),
        (
            "en",
            "Da Nang, Hue and Hai Phong attended the Sustainable Cities Forum.",
            {DA_NANG, HUE, HAI_PHONG},
        ),
    ],
)
def test_everyone_listed_takes_part(lang: str, text: str, parties: set[str]) -> None:
    doc = extract(text, lang)
    forum = the_event(doc)
    assert of_type(doc, "PARTICIPATED_IN") == {(p, forum["id"]) for p in parties}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "JICA đánh giá cao quan hệ hợp tác giữa Huế và Busan."),
        ("vi", "Ông Nguyễn Hữu Phước nhấn mạnh quan hệ hợp tác giữa Huế và Busan."),
        ("en", "JICA praised the partnership between Hue and Busan."),
    ],
)
def test_between_pairs_the_two_parties_after_it(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert partners(doc) == pairs((HUE, BUSAN))
    assert not any(JICA in pair for pair in partners(doc))
    assert relations(doc) == {("PARTNER_OF", BUSAN, HUE)}  # symmetric: the smaller id first


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Đà Nẵng và ba đối tác: Yokohama, Kobe và Busan ký kết biên bản ghi nhớ."),
        (
            "en",
            "Da Nang and three cities: Yokohama, Kobe and Busan signed a memorandum of "
            "understanding.",
        ),
    ],
)
def test_colon_enumeration_pairs_the_first_side_with_each(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert partners(doc) == pairs((DA_NANG, YOKOHAMA), (DA_NANG, KOBE), (DA_NANG, BUSAN))
    for a, b in ((YOKOHAMA, KOBE), (YOKOHAMA, BUSAN), (KOBE, BUSAN)):
        assert frozenset((a, b)) not in partners(doc)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Đà Nẵng, Yokohama và Kobe ký kết biên bản ghi nhớ."),
        ("en", "Da Nang, Yokohama and Kobe signed a memorandum of understanding."),
    ],
)
def test_a_plain_list_of_signatories_pairs_every_two(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert partners(doc) == pairs((DA_NANG, YOKOHAMA), (DA_NANG, KOBE), (YOKOHAMA, KOBE))


# -- passive support and founding -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Huế nhận được sự hỗ trợ của JICA trong dự án chống ngập."),
        ("vi", "Huế được sự hỗ trợ của JICA trong dự án chống ngập."),
        ("vi", "Huế triển khai hệ thống cảnh báo lũ với sự hỗ trợ của JICA."),
        ("vi", "JICA hỗ trợ Huế trong dự án chống ngập."),
        ("en", "Hue is supported by JICA in its flood project."),
        ("en", "JICA supported Hue in its flood project."),
    ],
)
def test_support_runs_from_the_supporter(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert of_type(doc, "SUPPORTED") == {(JICA, HUE)}
    assert ("SUPPORTED", HUE, JICA) not in relations(doc)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Với sự hỗ trợ của JICA và UNDP, Đà Nẵng triển khai dự án đô thị xanh."),
        ("en", "Supported by JICA and UNDP, Da Nang launched a green city project."),
    ],
)
def test_supporters_named_first_support_the_party_after_them(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert of_type(doc, "SUPPORTED") == {(JICA, DA_NANG), (UNDP, DA_NANG)}
    assert not of_type(doc, "PARTNER_OF")


def test_a_single_supporter_named_first_vi() -> None:
    doc = extract("Với sự hỗ trợ của UNDP, Đà Nẵng triển khai dự án đô thị xanh.")
    assert of_type(doc, "SUPPORTED") == {(UNDP, DA_NANG)}


def test_with_the_support_of_en() -> None:
    doc = extract("With the support of UNDP, Da Nang launched a green city project.", "en")
    assert of_type(doc, "SUPPORTED") == {(UNDP, DA_NANG)}


def test_with_the_support_of_after_the_clause_en() -> None:
    doc = extract("Hue launched a flood warning system with the support of JICA.", "en")
    assert of_type(doc, "SUPPORTED") == {(JICA, HUE)}


ASSOCIATION = "organization/hiep-hoi-do-thi-xanh-a-chau"
ASSOCIATION_EN = "organization/asian-green-cities-association"


@pytest.mark.parametrize(
    ("lang", "text", "founded"),
    [
        ("vi", "Hiệp hội Đô thị Xanh Á Châu được thành lập năm 1990 tại London.", ASSOCIATION),
        ("en", "The Asian Green Cities Association was founded in 1990 in London.", ASSOCIATION_EN),
        (
            "en",
            "The Asian Green Cities Association was established in London in 1990.",
            ASSOCIATION_EN,
        ),
    ],
)
def test_founded_in_after_a_passive_word(lang: str, text: str, founded: str) -> None:
    doc = extract(text, lang)
    assert relations(doc) == {("FOUNDED_IN", founded, LONDON)}
    assert relation(doc, "FOUNDED_IN", founded, LONDON)["properties"] == {"date": "1990"}


def test_ra_doi_is_no_part_of_the_name() -> None:
    doc = extract("Hiệp hội Đô thị Xanh Á Châu ra đời năm 1990 tại London.")
    assert relations(doc) == {("FOUNDED_IN", ASSOCIATION, LONDON)}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Hiệp hội Đô thị Xanh Á Châu được thành lập năm 1990."),
        ("en", "The Asian Green Cities Association was founded in 1990."),
    ],
)
def test_no_founding_place_no_founded_in(lang: str, text: str) -> None:
    assert not extract(text, lang)["relations"]


# -- membership: role, since, "until" dates and the rest role ---------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "vi",
            "Thành phố Huế là thành viên chính thức của CityNet từ năm 2005.",
            {(HUE, CITYNET, "full", "2005")},
        ),
        (
            "vi",
            "Đến năm 2018, Busan là thành viên chính thức của CityNet.",
            {(BUSAN, CITYNET, "full", None)},
        ),
        (
            "vi",
            "Tính đến năm 2018, Busan là thành viên của CityNet.",
            {(BUSAN, CITYNET, None, None)},
        ),
        (
            "en",
            "In 2005, Hue became a full member of CityNet.",
            {(HUE, CITYNET, "full", "2005")},
        ),
        (
            "en",
            "By 2018, Busan was a full member of CityNet.",
            {(BUSAN, CITYNET, "full", None)},
        ),
    ],
)
def test_membership_role_and_since(lang: str, text: str, expected: set) -> None:
    doc = extract(text, lang)
    assert members(doc) == expected
    assert relations(doc) == {("MEMBER_OF", s, t) for s, t, _, _ in expected}


def test_membership_since_a_bare_year_en() -> None:
    doc = extract("Hue has been a full member of CityNet since 2005.", "en")
    assert members(doc) == {(HUE, CITYNET, "full", "2005")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Các thành viên của CityNet là Huế, Kobe và Busan."),
        ("en", "The members of CityNet are Hue, Kobe and Busan."),
    ],
)
def test_members_listed_after_the_network(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert members(doc) == {(c, CITYNET, None, None) for c in (HUE, KOBE, BUSAN)}
    assert not any(source == CITYNET for source, _ in of_type(doc, "MEMBER_OF"))


# -- occasions: receptions and signings -------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "vi",
            "Sáng 4/6, UBND TP Huế tiếp đoàn đại biểu TP Busan. "
            "Chiều cùng ngày, UBND TP Huế tiếp đoàn công tác của JICA.",
        ),
        (
            "en",
            "On 4 June 2024, Hue received a delegation from Busan. "
            "Later that day, Hue received a JICA delegation.",
        ),
    ],
)
def test_one_host_receiving_twice_a_day_holds_one_meeting(lang: str, text: str) -> None:
    doc = extract(text, lang)
    meeting = the_event(doc)
    assert meeting["properties"] == {"kind": "meeting", "date": "2024-06-04"}
    assert relations(doc) == {
        ("HOSTED", HUE, meeting["id"]),
        ("PARTICIPATED_IN", BUSAN, meeting["id"]),
        ("PARTICIPATED_IN", JICA, meeting["id"]),
    }


def test_receptions_on_two_days_are_two_meetings() -> None:
    doc = extract(
        "Sáng 4/6, UBND TP Huế tiếp đoàn đại biểu TP Busan. "
        "Sáng 5/6, UBND TP Huế tiếp đoàn công tác của JICA."
    )
    by_date = {e["properties"]["date"]: e["id"] for e in events(doc)}
    assert set(by_date) == {"2024-06-04", "2024-06-05"}
    assert relations(doc) == {
        ("HOSTED", HUE, by_date["2024-06-04"]),
        ("PARTICIPATED_IN", BUSAN, by_date["2024-06-04"]),
        ("HOSTED", HUE, by_date["2024-06-05"]),
        ("PARTICIPATED_IN", JICA, by_date["2024-06-05"]),
    }


def test_a_person_receiving_for_a_city() -> None:
    doc = extract("Chủ tịch UBND TP Đà Nẵng Nguyễn Văn Khánh tiếp đoàn đại biểu TP Kobe.")
    meeting = the_event(doc)
    # the city hosts; its chairman, who receives the guests for it, takes part
    assert of_type(doc, "HOSTED") == {(DA_NANG, meeting["id"])}
    assert of_type(doc, "PARTICIPATED_IN") == {
        (KOBE, meeting["id"]),
        ("person/nguyen-van-khanh", meeting["id"]),
    }
    assert ("HOSTED", KOBE, meeting["id"]) not in relations(doc)


def test_a_meeting_is_named_after_host_and_guest() -> None:
    doc = extract("Chủ tịch UBND TP Đà Nẵng Nguyễn Văn Khánh tiếp đoàn đại biểu TP Kobe.")
    assert the_event(doc)["name"] == "Buổi làm việc giữa Đà Nẵng và Kobe"


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "vi",
            "Ngày 4/6/2024, Đà Nẵng và Kobe ký kết thỏa thuận hợp tác về phát triển đô thị.",
            "Lễ ký kết giữa Đà Nẵng và Kobe",
        ),
        (
            "vi",
            "Ngày 4/6/2024, Đà Nẵng ký kết thỏa thuận hợp tác với Kobe về phát triển đô thị.",
            "Lễ ký kết giữa Đà Nẵng và Kobe",
        ),
        (
            "en",
            "On 4 June 2024, Da Nang and Kobe signed a cooperation agreement on urban development.",
            "Signing between Đà Nẵng and Kobe",
        ),
    ],
)
def test_signing_is_an_event_and_a_partnership(lang: str, text: str, name: str) -> None:
    doc = extract(text, lang)
    signing = the_event(doc)
    assert signing["name"] == name
    assert signing["properties"] == {"kind": "signing", "date": "2024-06-04"}
    assert relations(doc) == {
        ("PARTNER_OF", DA_NANG, KOBE),
        ("PARTICIPATED_IN", DA_NANG, signing["id"]),
        ("PARTICIPATED_IN", KOBE, signing["id"]),
    }


def test_signing_a_decision_is_no_signing() -> None:
    doc = extract("Ngày 4/6/2024, UBND TP Huế ký Quyết định tặng Bằng khen cho JICA.")
    assert entity_ids(doc, "City") == {HUE} and entity_ids(doc, "Organization") == {JICA}
    assert not events(doc)
    assert not doc["relations"]


def test_signing_a_decision_is_no_signing_en() -> None:
    doc = extract(
        "On 4 June 2024, Hue signed a decision awarding JICA a certificate of merit.", "en"
    )
    assert not events(doc)
    assert not of_type(doc, "PARTNER_OF")


def test_receiving_support_is_no_meeting_en() -> None:
    doc = extract("Hue received support from JICA for its flood project.", "en")
    assert relations(doc) == {("SUPPORTED", JICA, HUE)}
    assert not events(doc)


# -- coreference: group phrases, short names, governing organs --------------------------------


def test_hai_nuoc_names_the_two_countries_not_the_cities() -> None:
    doc = extract(
        "Việt Nam và Nhật Bản có quan hệ lâu đời; Đà Nẵng và Yokohama là hai đô thị năng động. "
        "Năm 2023, hai nước ký kết bản ghi nhớ về đô thị thông minh."
    )
    assert partners(doc) == pairs((VIET_NAM, JAPAN))
    assert frozenset((DA_NANG, YOKOHAMA)) not in partners(doc)


def test_hai_nuoc_names_the_two_countries_told_of_most() -> None:
    doc = extract(
        "Việt Nam, Nhật Bản và Hàn Quốc dự hội nghị. Việt Nam và Hàn Quốc có quan hệ chặt chẽ; "
        "Hàn Quốc là đối tác lớn. Năm 2023, hai nước ký kết bản ghi nhớ về đô thị thông minh."
    )
    assert partners(doc) == pairs((VIET_NAM, KOREA))
    assert not any(JAPAN in pair for pair in partners(doc))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "vi",
            "Ngày 4/6/2024, UBND TP Đà Nẵng tiếp đoàn đại biểu TP Busan. "
            "Hai bên đã ký kết biên bản ghi nhớ về du lịch.",
        ),
        (
            "en",
            "On 4 June 2024, Da Nang received a delegation from Busan. "
            "The two sides signed a memorandum of understanding on tourism.",
        ),
    ],
)
def test_the_two_sides_are_the_parties_of_the_last_occasion(lang: str, text: str) -> None:
    doc = extract(text, lang)
    assert partners(doc) == pairs((DA_NANG, BUSAN))
    signing = next(e for e in events(doc) if e["properties"]["kind"] == "signing")
    assert signing["properties"]["date"] == "2024-06-04"
    assert {s for s, t in of_type(doc, "PARTICIPATED_IN") if t == signing["id"]} == {
        DA_NANG,
        BUSAN,
    }


def test_the_two_cities_en() -> None:
    doc = extract(
        "In 2015, Hue and Kobe became sister cities. "
        "Yesterday, the two cities signed an agreement on heritage conservation.",
        "en",
    )
    signing = the_event(doc)
    assert signing["properties"] == {"kind": "signing", "date": "2024-06-05"}
    assert relations(doc) == {
        ("PARTNER_OF", HUE, KOBE),
        ("PARTICIPATED_IN", HUE, signing["id"]),
        ("PARTICIPATED_IN", KOBE, signing["id"]),
    }


def test_hai_thanh_pho_names_the_two_cities() -> None:
    doc = extract(
        "Năm 2015, Huế đã kết nghĩa với Kobe. "
        "Hôm qua, hai thành phố đã ký kết thỏa thuận hợp tác về bảo tồn di sản."
    )
    signing = the_event(doc)
    assert {s for s, t in of_type(doc, "PARTICIPATED_IN") if t == signing["id"]} == {HUE, KOBE}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Mr Le Minh Quang, Director of the Da Nang Department of Foreign Affairs, arrived in "
            "Busan on Monday. Quang attended the CityNet Congress.",
        ),
        ("vi", "Ông Lê Minh Quang có mặt tại Busan. Quang tham dự Hội nghị Thượng đỉnh CityNet."),
    ],
)
def test_a_person_named_again_by_one_part_of_the_name(lang: str, text: str) -> None:
    doc = extract(text, lang)
    congress = the_event(doc)
    assert entity_ids(doc, "Person") == {"person/le-minh-quang"}
    assert of_type(doc, "PARTICIPATED_IN") == {("person/le-minh-quang", congress["id"])}


def test_quang_said_is_the_known_person_en() -> None:
    doc = extract(
        "Mr Le Minh Quang arrived in Busan on Monday. "
        "Quang, Mayor of Da Nang, said the talks went well.",
        "en",
    )
    assert entity_ids(doc, "Person") == {"person/le-minh-quang"}
    assert relations(doc) == {("WORKS_FOR", "person/le-minh-quang", DA_NANG)}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # two people share the part: it names neither
        (
            "en",
            "Mr Kenji Arakawa and Mr Taro Arakawa arrived in Busan. "
            "Arakawa attended the CityNet Congress.",
        ),
        # a Vietnamese family name is shared by too many people to name one
        ("vi", "Ông Lê Minh Quang có mặt tại Busan. Lê tham dự Hội nghị Thượng đỉnh CityNet."),
    ],
)
def test_an_ambiguous_part_of_a_name_names_no_one(lang: str, text: str) -> None:
    doc = extract(text, lang)
    people = entity_ids(doc, "Person")
    assert not any(s in people for s, _ in of_type(doc, "PARTICIPATED_IN"))
    assert len(people) == (2 if lang == "en" else 1)


def test_ong_and_a_short_name_is_the_known_person_vi() -> None:
    doc = extract(
        "Ông Lê Minh Quang có mặt tại Busan. Sáng nay, ông Quang tham dự Diễn đàn Đô thị Bền vững."
    )
    forum = the_event(doc)
    assert of_type(doc, "PARTICIPATED_IN") == {("person/le-minh-quang", forum["id"])}


def test_a_governing_organ_stands_for_its_body() -> None:
    doc = extract(
        "Ban Giám đốc Ngân hàng Thế giới phê duyệt khoản tài trợ cho tỉnh Thừa Thiên Huế."
    )
    assert relations(doc) == {("SUPPORTED", WORLD_BANK, HUE)}
    assert entity_ids(doc, "Organization") == {WORLD_BANK}
    assert not any("Ban Giám đốc" in e["name"] for e in doc["entities"])


def test_a_governing_organ_approving_a_loan() -> None:
    doc = extract("Ban Giám đốc Ngân hàng Thế giới phê duyệt khoản vay cho tỉnh Thừa Thiên Huế.")
    assert relations(doc) == {("SUPPORTED", WORLD_BANK, HUE)}


# -- appositions: titles and brackets ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        (
            "vi",
            "Chủ tịch UBND TP Đà Nẵng Nguyễn Văn Khánh tiếp đoàn đại biểu TP Kobe.",
            "Chủ tịch",
        ),
        (
            "vi",
            "Ông Nguyễn Văn Khánh, Chủ tịch UBND TP Đà Nẵng, tiếp đoàn đại biểu TP Kobe.",
            "Chủ tịch",
        ),
        (
            "en",
            "Nguyen Van Khanh, Chairman of the Da Nang People's Committee, welcomed a Kobe "
            "delegation.",
            "Chairman",
        ),
    ],
)
def test_title_gives_works_for(lang: str, text: str, title: str) -> None:
    doc = extract(text, lang)
    khanh = "person/nguyen-van-khanh"
    assert of_type(doc, "WORKS_FOR") == {(khanh, DA_NANG)}
    assert relation(doc, "WORKS_FOR", khanh, DA_NANG)["properties"] == {"title": title}
    assert ("WORKS_FOR", khanh, KOBE) not in relations(doc)


def test_the_person_before_a_title_is_the_actor_en() -> None:
    doc = extract(
        "Mr Le Minh Quang, Director of the Da Nang Department of Foreign Affairs, attended the "
        "CityNet Congress.",
        "en",
    )
    congress = the_event(doc)
    assert of_type(doc, "PARTICIPATED_IN") == {("person/le-minh-quang", congress["id"])}


@pytest.mark.parametrize(
    ("lang", "text", "company"),
    [
        (
            "vi",
            "Tập đoàn Sakura Kogyo (Nhật Bản) tài trợ dự án chiếu sáng tại Huế.",
            "organization/tap-doan-sakura-kogyo",
        ),
        (
            "en",
            "Sakura Kogyo Corporation (Japan) funded a lighting project in Hue.",
            "organization/sakura-kogyo-corporation",
        ),
    ],
)
def test_a_country_in_brackets_locates_the_body(lang: str, text: str, company: str) -> None:
    doc = extract(text, lang)
    assert relations(doc) == {("LOCATED_IN", company, JAPAN), ("SUPPORTED", company, HUE)}
    assert ("LOCATED_IN", company, HUE) not in relations(doc)


def test_an_acronym_in_brackets_locates_nothing() -> None:
    doc = extract("Tập đoàn Sakura Kogyo (SKG) tài trợ dự án chiếu sáng tại Huế.")
    company = "organization/tap-doan-sakura-kogyo"
    assert relations(doc) == {("SUPPORTED", company, HUE)}
    assert next(e for e in doc["entities"] if e["id"] == company)["aliases"] == ["SKG"]


def test_a_country_in_brackets_is_no_alias_en() -> None:
    doc = extract("Sakura Kogyo Corporation (Japan) funded a lighting project in Hue.", "en")
    company = next(e for e in doc["entities"] if e["type"] == "Organization")
    assert "Japan" not in company["aliases"]


# -- containment from the gazetteer ---------------------------------------------------------


def test_a_city_lies_in_its_country_when_both_are_named() -> None:
    doc = extract(
        "Đà Nẵng và Yokohama tăng cường hợp tác. Việt Nam coi trọng phát triển đô thị.",
        confidence="rules",
    )
    assert relations(doc) == {("LOCATED_IN", DA_NANG, VIET_NAM)}
    fact = relation(doc, "LOCATED_IN", DA_NANG, VIET_NAM)
    assert fact["how"] == "gazetteer" and fact["confidence"] == CONTAINMENT_CONFIDENCE == 0.75
    # Japan is not named: Yokohama lies nowhere the article says
    assert not any(s == YOKOHAMA for s, _ in of_type(doc, "LOCATED_IN"))


def test_no_country_named_no_containment() -> None:
    doc = extract("Đà Nẵng và Yokohama tăng cường hợp tác.")
    assert not doc["relations"]


def test_a_city_lies_in_its_province_and_country_en() -> None:
    doc = extract(
        "Yokohama, a port city of Kanagawa, works with Da Nang. Japan and Vietnam are partners.",
        "en",
        confidence="rules",
    )
    assert {(r["source"], r["target"]) for r in doc["relations"] if r["how"] == "gazetteer"} == {
        (YOKOHAMA, KANAGAWA),
        (YOKOHAMA, JAPAN),
        (KANAGAWA, JAPAN),
        (DA_NANG, VIET_NAM),
    }
    assert (DA_NANG, JAPAN) not in of_type(doc, "LOCATED_IN")
    assert (YOKOHAMA, VIET_NAM) not in of_type(doc, "LOCATED_IN")


# -- dates: relative days against the article date; a bracketed date is an aside --------------


@pytest.mark.parametrize(
    ("lang", "opening", "date"),
    [
        ("vi", "Hôm qua, Huế và Kobe ký kết", "2024-06-05"),
        ("vi", "Thứ Ba, Huế và Kobe ký kết", "2024-06-04"),
        ("vi", "Thứ Năm, Huế và Kobe ký kết", "2024-06-06"),  # the article's own day
        ("vi", "Chủ nhật, Huế và Kobe ký kết", "2024-06-02"),
        ("en", "Yesterday, Hue and Kobe signed", "2024-06-05"),
        ("en", "On Tuesday, Hue and Kobe signed", "2024-06-04"),
        ("en", "On Thursday, Hue and Kobe signed", "2024-06-06"),
    ],
)
def test_relative_days_resolve_against_the_article_date(lang: str, opening: str, date: str) -> None:
    rest = (
        " thỏa thuận hợp tác về bảo tồn di sản."
        if lang == "vi"
        else " a cooperation agreement on heritage conservation."
    )
    doc = extract(opening + rest, lang, date=TODAY)
    assert the_event(doc)["properties"]["date"] == date


def test_relative_days_without_an_article_date_give_no_date() -> None:
    doc = extract("Hôm qua, Huế và Kobe ký kết thỏa thuận hợp tác về bảo tồn di sản.", date=None)
    assert "date" not in the_event(doc)["properties"]


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        (
            "vi",
            "Huế và Kobe (hai thành phố kết nghĩa từ ngày 12/3/2010) ký kết thỏa thuận hợp tác "
            "về bảo tồn di sản.",
            None,
        ),
        (
            "vi",
            "Huế và Kobe (hai thành phố kết nghĩa từ ngày 12/3/2010) ngày 5/6/2024 đã ký kết "
            "thỏa thuận hợp tác về bảo tồn di sản.",
            "2024-06-05",
        ),
        (
            "en",
            "Hue and Kobe (sister cities since 12 March 2010) signed a cooperation agreement on "
            "heritage conservation on 5 June 2024.",
            "2024-06-05",
        ),
    ],
)
def test_a_date_in_brackets_is_an_aside(lang: str, text: str, date: str | None) -> None:
    doc = extract(text, lang)
    signing = the_event(doc)
    assert signing["properties"].get("date") == date
    assert "2010" not in signing["id"]


# -- confidence: how, [0, 1], rules, thresholds, and the command line ------------------------

ARTICLE_TEXT = """Huế và Kobe mở rộng hợp tác đô thị
06/06/2024
Năm 2015, Huế đã kết nghĩa với Kobe.
Thành phố Huế là thành viên chính thức của CityNet từ năm 2005.
Hôm qua, Chủ tịch UBND TP Huế Phan Minh Tuấn tiếp đoàn đại biểu TP Kobe.
Việt Nam và Nhật Bản có quan hệ hữu nghị và hợp tác lâu dài.
"""
ARTICLE_BODY = "\n".join(ARTICLE_TEXT.splitlines()[2:])


@pytest.mark.parametrize("confidence", ["learned", "rules"])
def test_every_relation_says_how_and_how_sure(confidence: str) -> None:
    doc = extract(ARTICLE_BODY, confidence=confidence)
    assert len(doc["relations"]) >= 8
    for r in doc["relations"]:
        assert isinstance(r["how"], str) and r["how"], r
        assert 0.0 <= r["confidence"] <= 1.0, r
        assert r["evidence"] in ARTICLE_BODY, r


def test_rule_confidences_are_the_rules() -> None:
    doc = extract(ARTICLE_BODY, confidence="rules")
    assert relation(doc, "LOCATED_IN", HUE, VIET_NAM)["confidence"] == 0.75
    assert relation(doc, "LOCATED_IN", KOBE, JAPAN)["confidence"] == 0.75
    assert relation(doc, "PARTNER_OF", HUE, KOBE)["confidence"] == 0.7  # frame:kết nghĩa
    assert relation(doc, "MEMBER_OF", HUE, CITYNET)["confidence"] == 0.85
    rows = read_table("frames")
    for r in doc["relations"]:
        if not r["how"].startswith("frame:"):
            continue
        trigger = r["how"].removeprefix("frame:")
        best = max(
            float(row["confidence"])
            for row in rows
            if row["trigger"] == trigger and row["frame"] == r["type"]
        )
        # a rule's confidence, lowered only for a far argument or an event from context
        assert best - FAR_PENALTY - CONTEXT_PENALTY - 1e-9 <= r["confidence"] <= best + 1e-9, r


def test_learned_confidences_differ_from_the_rules() -> None:
    learned = extract(ARTICLE_BODY)
    rules = extract(ARTICLE_BODY, confidence="rules")
    assert relations(learned) == relations(rules)
    assert [r["confidence"] for r in learned["relations"]] != [
        r["confidence"] for r in rules["relations"]
    ]


@pytest.mark.parametrize("confidence", ["learned", "rules"])
def test_min_confidence_drops_the_less_sure(confidence: str) -> None:
    everything = extract(ARTICLE_BODY, confidence=confidence)
    sure = extract(ARTICLE_BODY, confidence=confidence, min_confidence=0.7)
    kept = [r for r in everything["relations"] if r["confidence"] >= 0.7]
    assert sure["relations"] == kept
    assert 0 < len(sure["relations"]) < len(everything["relations"])
    assert sure["entities"] == everything["entities"]


def test_an_unknown_confidence_kind_is_refused() -> None:
    with pytest.raises(UcnError, match="confidence"):
        FrameExtractor(confidence="guessed")


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "hue-kobe.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    return path


def cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_extract_min_confidence_and_rules(article_file: Path) -> None:
    plain = cli("extract", str(article_file))
    sure = cli("extract", "--min-confidence", "0.7", str(article_file))
    rules = cli("extract", "--confidence", "rules", str(article_file))
    for result in (plain, sure, rules):
        assert result.exit_code == 0, result.output
    plain_doc, sure_doc, rules_doc = (json.loads(r.stdout) for r in (plain, sure, rules))
    assert plain_doc["article"]["date"] == TODAY
    assert sure_doc["relations"] == [r for r in plain_doc["relations"] if r["confidence"] >= 0.7]
    assert len(sure_doc["relations"]) < len(plain_doc["relations"])
    assert relations(rules_doc) == relations(plain_doc)
    assert relation(rules_doc, "LOCATED_IN", HUE, VIET_NAM)["confidence"] == 0.75
    assert relation(rules_doc, "PARTNER_OF", HUE, KOBE)["confidence"] == 0.7
    both = cli("extract", "--confidence", "rules", "--min-confidence", "0.7", str(article_file))
    assert json.loads(both.stdout)["relations"] == [
        r for r in rules_doc["relations"] if r["confidence"] >= 0.7
    ]


def test_cli_refuses_a_confidence_out_of_range(article_file: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "--min-confidence", "1.5", str(article_file)])
    assert result.exit_code == 2
    assert "--min-confidence" in result.output


def fact_count(db: Path) -> int:
    stats = cli("--db", str(db), "stats", "--format", "json")
    assert stats.exit_code == 0, stats.output
    counts = json.loads(stats.stdout)["relations"]
    return sum(n for rel_type, n in counts.items() if rel_type != "MENTIONS")


def test_cli_load_min_confidence_loads_fewer_relations(article_file: Path, tmp_path: Path) -> None:
    all_db, sure_db = tmp_path / "all.db", tmp_path / "sure.db"
    loaded = cli("--db", str(all_db), "load", str(article_file))
    assert loaded.exit_code == 0, loaded.output
    sure = cli("--db", str(sure_db), "load", "--min-confidence", "0.7", str(article_file))
    assert sure.exit_code == 0, sure.output
    expected = json.loads(cli("extract", str(article_file)).stdout)["relations"]
    assert fact_count(all_db) == len(expected)
    assert fact_count(sure_db) == len([r for r in expected if r["confidence"] >= 0.7])
    assert fact_count(sure_db) < fact_count(all_db)


def map_data(path: Path) -> dict:
    from ucn.viz.html import read_page

    return read_page(path.read_text(encoding="utf-8"))


def test_cli_viz_min_confidence_draws_fewer_relations(article_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "viz.db"
    assert cli("--db", str(db), "load", str(article_file)).exit_code == 0
    full_map, sure_map = tmp_path / "all.html", tmp_path / "sure.html"
    full = cli("--db", str(db), "viz", "-o", str(full_map))
    sure = cli("--db", str(db), "viz", "--min-confidence", "0.9", "-o", str(sure_map))
    assert full.exit_code == 0 and sure.exit_code == 0, full.output + sure.output
    full_edges, sure_edges = map_data(full_map)["edges"], map_data(sure_map)["edges"]
    assert 0 < len(sure_edges) < len(full_edges)
    assert f"{len(sure_edges)} relations" in sure.stdout
    for edge in sure_edges:
        assert max(f["confidence"] for f in edge["facts"]) >= 0.9, edge
    assert any(max(f["confidence"] for f in e["facts"]) < 0.9 for e in full_edges)


# -- the lexicons as data ---------------------------------------------------------------------

FRAME_ROWS = read_table("frames")
CUE_ROWS = read_table("cues")


def _dummy_clause() -> Clause:
    """A clause with no parties, to ask the engine which roles it knows."""
    view = SentenceView("a b c", "en", [], [], [0])
    frame = frames("en", ALL_FRAMES)[0]
    return Clause(view, frame, 2, 3)


def _literal(trigger: str) -> str:
    """A text the trigger should match: its wildcards filled in."""
    words = [w for w in trigger.split() if w != "~"]
    return " ".join(words).replace("*", "").replace("?", "s")


@pytest.mark.parametrize(
    "row", FRAME_ROWS, ids=[f"{r['lang']}:{r['frame']}:{r['trigger']}" for r in FRAME_ROWS]
)
def test_every_frame_row_is_well_formed(row: dict[str, str]) -> None:
    assert row["frame"] in (set(MODEL.relations) - {"MENTIONS"}) | EVENT_FRAMES
    assert row["lang"] in ("vi", "en")
    assert 0 < float(row["confidence"]) <= 1
    clause = _dummy_clause()
    for side in ("source", "target"):
        for role in row[side].split("|"):
            if role == "event":  # the occasion: a target of its own, filled from the events
                assert row[side] == "event" and side == "target"
                continue
            _role(clause, role, side)  # raises ValueError for a role the engine does not know
    for cell in ("source_types", "target_types"):
        for label in filter(None, row[cell].split("|")):
            assert label in MODEL.labels, label
    assert row["places"] in ("", "yes")
    assert row["passive"] in ("", "turns")
    assert row["reach"] == "" or int(row["reach"]) > 0
    for prop in filter(None, row["props"].split(";")):
        name, _, value = prop.partition("=")
        assert name and value, prop
        assert not value.startswith("@") or value in ("@date", "@since"), prop
    pattern = re.compile(phrase_pattern(row["trigger"]), re.IGNORECASE)
    assert pattern.search(f"x {_literal(row['trigger'])} y"), row["trigger"]


def test_an_unknown_role_is_refused_by_the_engine() -> None:
    with pytest.raises(ValueError, match="unknown role"):
        _role(_dummy_clause(), "bystander", "source")


def test_every_frame_row_is_loaded() -> None:
    for lang in ("vi", "en"):
        rows = [r for r in FRAME_ROWS if r["lang"] == lang]
        loaded = frames(lang, ALL_FRAMES)
        assert len(loaded) == len(rows)
        assert {f.frame for f in loaded} <= (set(MODEL.relations) | EVENT_FRAMES)
    assert frozenset({"VISIT", "RECEPTION", "SIGNING"}) == EVENT_FRAMES <= ALL_FRAMES


@pytest.mark.parametrize(
    "row", CUE_ROWS, ids=[f"{r['lang']}:{r['cue']}:{r['word']}" for r in CUE_ROWS]
)
def test_every_cue_row_is_well_formed(row: dict[str, str]) -> None:
    engine = inspect.getsource(clauses_module)
    assert row["lang"] in ("vi", "en")
    # a cue type the engine reads by name
    assert f'"{row["cue"]}"' in engine or f"'{row['cue']}'" in engine, row["cue"]
    assert row["word"]
    re.compile(phrase_pattern(row["word"]), re.IGNORECASE)
    if row["cue"] in ("negation", "future"):
        assert row["scope"] == "" or int(row["scope"]) > 0
    elif row["cue"] == "group":
        assert row["scope"] == "" or row["scope"] in MODEL.labels
    elif row["cue"] == "compound":  # the one frame it blocks, or every frame
        assert row["scope"] in ("", *MODEL.relations, "VISIT", "RECEPTION", "SIGNING"), row
    else:
        assert row["scope"] == "", row


def test_the_cues_of_both_languages_compile() -> None:
    for lang in ("vi", "en", "fr"):
        compiled = cues(lang)
        assert compiled.negation and compiled.modality and compiled.place.pattern
