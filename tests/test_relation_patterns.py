"""One small test per relation pattern of the rule extractor, in Vietnamese and in English.

The sentences are our own, with real-world-plausible facts; they go through the public API
(`extract_article`) and assert the ids, relations and properties that should come out.
"""

from __future__ import annotations

from typing import Any

import pytest

from ucn.graph import parse_document
from ucn.loaders import Article
from ucn.loaders.article import article_id
from ucn.loaders.extraction import extract_article


def article(text: str, date: str | None = "2024-05-02", lang: str = "vi") -> Article:
    return Article(article_id(None, text), None, "Tin thử", date, lang, text, "fixture.txt")


def relations(doc: dict) -> set[tuple]:
    return {(r["type"], r["source"], r["target"]) for r in doc["relations"]}


def extract(text: str, date: str | None = "2024-05-02", lang: str = "vi") -> dict[str, Any]:
    doc = extract_article(article(text, date=date, lang=lang))
    parse_document(doc, "fixture")  # every document is a valid extraction document
    return doc


def entity(doc: dict, entity_id: str) -> dict[str, Any]:
    return next(e for e in doc["entities"] if e["id"] == entity_id)


def events(doc: dict) -> list[dict[str, Any]]:
    return [e for e in doc["entities"] if e["type"] == "Event"]


def the_event(doc: dict) -> dict[str, Any]:
    found = events(doc)
    assert len(found) == 1, [e["name"] for e in found]
    return found[0]


def roles(doc: dict) -> set[tuple]:
    return {
        (r["source"], r["target"], r["properties"].get("title"))
        for r in doc["relations"]
        if r["type"] == "WORKS_FOR"
    }


def members(doc: dict) -> set[tuple]:
    return {
        (r["source"], r["target"], r["properties"].get("role"), r["properties"].get("since"))
        for r in doc["relations"]
        if r["type"] == "MEMBER_OF"
    }


def partners(doc: dict) -> set[frozenset]:
    return {frozenset((s, t)) for kind, s, t in relations(doc) if kind == "PARTNER_OF"}


def of_type(doc: dict, rel_type: str) -> set[tuple]:
    return {(s, t) for kind, s, t in relations(doc) if kind == rel_type}


# MEMBER_OF: role (full/associate) and since date; "Đến năm 2018" dates a count, not a joining.


def test_membership_role_and_since_vi() -> None:
    doc = extract(
        "Từ ngày 15/3/2010, TP Hải Phòng là thành viên chính thức của CityNet. "
        "Năm 2019, Hiệp hội Đô thị Việt Nam trở thành thành viên liên kết của CityNet. "
        "Đến năm 2018, Đà Nẵng là thành viên chính thức của CityNet."
    )
    assert members(doc) == {
        ("city/hai-phong", "network/citynet", "full", "2010-03-15"),
        ("organization/hiep-hoi-do-thi-viet-nam", "network/citynet", "associate", "2019"),
        ("city/da-nang", "network/citynet", "full", None),
    }


def test_membership_role_and_since_en() -> None:
    doc = extract(
        "Since 15 March 2010, Hai Phong has been a full member of CityNet. "
        "In 2019, the Association of Cities of Vietnam became an associate member of CityNet. "
        "By 2018, Da Nang was a full member of CityNet.",
        lang="en",
    )
    assert members(doc) == {
        ("city/hai-phong", "network/citynet", "full", "2010-03-15"),
        ("organization/hiep-hoi-do-thi-viet-nam", "network/citynet", "associate", "2019"),
        ("city/da-nang", "network/citynet", "full", None),
    }


# WORKS_FOR: a title before the name with the body between, the name then its title; a
# people's committee acts for its city.


def test_title_body_then_name_vi() -> None:
    doc = extract(
        "Chủ tịch UBND TP Đà Nẵng Lê Trung Chinh tiếp đoàn. "
        "Thị trưởng Seoul Oh Se-hoon đã phát biểu khai mạc."
    )
    assert roles(doc) == {
        ("person/le-trung-chinh", "city/da-nang", "Chủ tịch"),
        ("person/oh-se-hoon", "city/seoul", "Thị trưởng"),
    }
    # The committee is the city acting, not an organisation of its own.
    assert "UBND TP Đà Nẵng" in entity(doc, "city/da-nang")["aliases"]
    assert not [e for e in doc["entities"] if e["type"] == "Organization"]


def test_name_then_title_vi() -> None:
    doc = extract(
        "Tham dự có ông Trần Minh Tuấn, Giám đốc Sở Xây dựng TP Hải Phòng. "
        "Ông Phạm Văn Hòa - Phó Giám đốc Học viện Hành chính Quốc gia cho biết."
    )
    assert roles(doc) == {
        ("person/tran-minh-tuan", "organization/so-xay-dung-tp-hai-phong", "Giám đốc"),
        ("person/pham-van-hoa", "organization/hoc-vien-hanh-chinh-quoc-gia", "Phó Giám đốc"),
    }


def test_name_then_title_en() -> None:
    doc = extract(
        "Le Trung Chinh, Chairman of the Da Nang People's Committee, welcomed the guests. "
        "Oh Se-hoon, Mayor of Seoul, opened the session. "
        "Mr. Pham Van Hoa, Deputy Director of the National Academy of Public Administration, "
        "spoke.",
        lang="en",
    )
    assert roles(doc) == {
        ("person/le-trung-chinh", "city/da-nang", "Chairman"),
        ("person/oh-se-hoon", "city/seoul", "Mayor"),
        ("person/pham-van-hoa", "organization/hoc-vien-hanh-chinh-quoc-gia", "Deputy Director"),
    }
    assert "Da Nang People's Committee" in entity(doc, "city/da-nang")["aliases"]


# ORGANIZED with co-organisers; event date and LOCATED_IN the place after "tại"/"in".


def test_co_organisers_date_and_place_vi() -> None:
    doc = extract(
        "Ngày 21/9, Học viện Hành chính Quốc gia phối hợp với CityNet tổ chức Hội thảo quốc tế "
        "về quản trị đô thị thông minh tại Hà Nội.",
        date="2023-09-25",
    )
    event = the_event(doc)
    assert event["name"] == "Hội thảo quốc tế về quản trị đô thị thông minh"
    assert event["properties"]["date"] == "2023-09-21"
    assert of_type(doc, "ORGANIZED") == {
        ("organization/hoc-vien-hanh-chinh-quoc-gia", event["id"]),
        ("network/citynet", event["id"]),
    }
    assert of_type(doc, "LOCATED_IN") == {(event["id"], "city/ha-noi")}


def test_co_organisers_date_and_place_en() -> None:
    doc = extract(
        "On November 21, the 37th Executive Committee meeting, which CityNet organised together "
        "with the Da Nang People's Committee, opened in Da Nang.",
        date="2017-11-22",
        lang="en",
    )
    event = the_event(doc)
    assert event["properties"]["date"] == "2017-11-21"
    assert of_type(doc, "ORGANIZED") == {
        ("network/citynet", event["id"]),
        ("city/da-nang", event["id"]),
    }


def test_joint_organisers_en() -> None:
    doc = extract(
        "On September 21, CityNet and JICA co-organised an international seminar on urban "
        "resilience in Hanoi.",
        date="2023-09-25",
        lang="en",
    )
    event = the_event(doc)
    assert event["properties"]["date"] == "2023-09-21"
    assert of_type(doc, "ORGANIZED") == {
        ("network/citynet", event["id"]),
        ("organization/jica", event["id"]),
    }
    assert (event["id"], "city/ha-noi") in of_type(doc, "LOCATED_IN")


def test_event_date_without_year_vi() -> None:
    doc = extract("Sáng 11-7, CityNet tổ chức Diễn đàn đô thị xanh tại Hà Nội.", date=None)
    event = the_event(doc)
    assert event["properties"]["date"] == "XXXX-07-11"
    assert ("LOCATED_IN", event["id"], "city/ha-noi") in relations(doc)


def test_event_date_without_year_en() -> None:
    doc = extract(
        "On July 11, in Hanoi, CityNet held an international forum on green cities.",
        date=None,
        lang="en",
    )
    event = the_event(doc)
    assert event["properties"]["date"] == "XXXX-07-11"
    assert ("LOCATED_IN", event["id"], "city/ha-noi") in relations(doc)
    assert ("ORGANIZED", "network/citynet", event["id"]) in relations(doc)


# HOSTED: "đăng cai" / "hosted", and a city organising an event held in it.


def test_hosted_vi() -> None:
    doc = extract("Đà Nẵng đăng cai Hội nghị Ban Chấp hành CityNet lần thứ 37.")
    event = the_event(doc)
    assert of_type(doc, "HOSTED") == {("city/da-nang", event["id"])}
    assert not of_type(doc, "ORGANIZED")


def test_hosted_en() -> None:
    doc = extract(
        "Da Nang hosted the 37th Executive Committee meeting of CityNet on November 21.",
        date="2017-11-22",
        lang="en",
    )
    event = the_event(doc)
    assert event["properties"]["date"] == "2017-11-21"
    assert of_type(doc, "HOSTED") == {("city/da-nang", event["id"])}


def test_city_organising_at_home_hosts_vi() -> None:
    doc = extract(
        "Sáng 11-7, UBND TP Đà Nẵng tổ chức Hội nghị thành phố thông minh tại Đà Nẵng.",
        date="2023-07-12",
    )
    event = the_event(doc)
    assert event["properties"]["date"] == "2023-07-11"
    found = relations(doc)
    assert ("ORGANIZED", "city/da-nang", event["id"]) in found
    assert ("HOSTED", "city/da-nang", event["id"]) in found
    assert ("LOCATED_IN", event["id"], "city/da-nang") in found


def test_city_organising_at_home_hosts_en() -> None:
    doc = extract(
        "On July 11, in Da Nang, the Da Nang People's Committee organised an international "
        "conference on smart cities.",
        date="2023-07-12",
        lang="en",
    )
    event = the_event(doc)
    assert event["properties"]["date"] == "2023-07-11"
    found = relations(doc)
    assert ("ORGANIZED", "city/da-nang", event["id"]) in found
    assert ("HOSTED", "city/da-nang", event["id"]) in found
    assert ("LOCATED_IN", event["id"], "city/da-nang") in found


# PARTICIPATED_IN after "tham dự" / "attended" / "partners from", and speakers.


def test_participants_vi() -> None:
    doc = extract(
        "Ngày 21/9, CityNet tổ chức Hội thảo quốc tế về quản trị đô thị tại Hà Nội. "
        "Tham dự Hội thảo có đại diện UN-Habitat, JICA và ông Nguyễn Văn Bình. "
        "Hội thảo có sự tham gia của các đối tác đến từ Seoul và Bangkok.",
        date="2023-09-25",
    )
    event = the_event(doc)
    assert of_type(doc, "PARTICIPATED_IN") == {
        (party, event["id"])
        for party in (
            "organization/un-habitat",
            "organization/jica",
            "person/nguyen-van-binh",
            "city/seoul",
            "city/bangkok",
        )
    }
    assert of_type(doc, "ORGANIZED") == {("network/citynet", event["id"])}


def test_participants_en() -> None:
    doc = extract(
        "On September 21, in Hanoi, CityNet held an international seminar on urban governance. "
        "The seminar was attended by UN-Habitat, JICA and partners from Seoul and Bangkok.",
        date="2023-09-25",
        lang="en",
    )
    event = the_event(doc)
    assert of_type(doc, "PARTICIPATED_IN") == {
        (party, event["id"])
        for party in ("organization/un-habitat", "organization/jica", "city/seoul", "city/bangkok")
    }
    assert of_type(doc, "ORGANIZED") == {("network/citynet", event["id"])}


def test_speaker_takes_part_vi() -> None:
    doc = extract(
        "Ngày 5/10, CityNet tổ chức Khóa đào tạo về quy hoạch đô thị tại Seoul. "
        "Ông Trần Quốc Hùng, Giám đốc Học viện Hành chính Quốc gia, phát biểu tại khóa học.",
        date="2023-10-06",
    )
    event = the_event(doc)  # "khóa học" is the course named before
    assert ("PARTICIPATED_IN", "person/tran-quoc-hung", event["id"]) in relations(doc)
    assert ("ORGANIZED", "network/citynet", event["id"]) in relations(doc)


def test_speaker_takes_part_en() -> None:
    doc = extract(
        "On October 5, CityNet held a training course on urban planning. "
        "Mr. Tran Quoc Hung spoke at the training course.",
        date="2023-10-06",
        lang="en",
    )
    event = the_event(doc)
    assert ("PARTICIPATED_IN", "person/tran-quoc-hung", event["id"]) in relations(doc)
    assert ("ORGANIZED", "network/citynet", event["id"]) in relations(doc)


# Visits: an Event of kind visit, HOSTED by and LOCATED_IN the place; visitors and people met
# take part; a country visit told city by city is the city visit.


def test_visit_vi() -> None:
    doc = extract(
        "Ngày 12/3, Đoàn công tác của Sở Xây dựng TP Hải Phòng do ông Trần Minh Tuấn dẫn đầu "
        "đã thăm và làm việc tại tỉnh Bến Tre.",
        date="2024-03-15",
    )
    visit = the_event(doc)
    assert visit["properties"]["kind"] == "visit"
    assert visit["properties"]["date"] == "2024-03-12"
    found = relations(doc)
    assert ("HOSTED", "city/ben-tre", visit["id"]) in found
    assert ("LOCATED_IN", visit["id"], "city/ben-tre") in found
    assert of_type(doc, "PARTICIPATED_IN") == {
        ("organization/so-xay-dung-tp-hai-phong", visit["id"]),
        ("person/tran-minh-tuan", visit["id"]),
    }


def test_visit_en() -> None:
    doc = extract(
        "On March 12, a delegation of the Hai Phong People's Committee led by Mr. Tran Minh Tuan "
        "visited Ben Tre province.",
        date="2024-03-15",
        lang="en",
    )
    visit = the_event(doc)
    assert visit["properties"]["kind"] == "visit"
    assert visit["properties"]["date"] == "2024-03-12"
    found = relations(doc)
    assert ("HOSTED", "city/ben-tre", visit["id"]) in found
    assert ("LOCATED_IN", visit["id"], "city/ben-tre") in found
    assert of_type(doc, "PARTICIPATED_IN") == {
        ("city/hai-phong", visit["id"]),
        ("person/tran-minh-tuan", visit["id"]),
    }


def test_people_met_on_a_visit_vi() -> None:
    doc = extract(
        "Ngày 4/6, đoàn công tác của TP Hà Nội do ông Nguyễn Văn Phong dẫn đầu thăm và làm việc "
        "tại thành phố Busan. Tại đây, đoàn đã có cuộc làm việc với Thị trưởng Busan "
        "Park Heong-joon.",
        date="2024-06-10",
    )
    visit = the_event(doc)
    assert visit["properties"]["kind"] == "visit"
    assert of_type(doc, "PARTICIPATED_IN") == {
        ("city/ha-noi", visit["id"]),
        ("person/nguyen-van-phong", visit["id"]),
        ("person/park-heong-joon", visit["id"]),
    }
    assert roles(doc) == {("person/park-heong-joon", "city/busan", "Thị trưởng")}


def test_people_met_on_a_visit_en() -> None:
    doc = extract(
        "On June 4, a Hanoi delegation led by Mr. Nguyen Van Phong visited Busan. "
        "The delegation met with Mayor Park Heong-joon.",
        date="2024-06-10",
        lang="en",
    )
    visit = the_event(doc)
    assert visit["properties"]["kind"] == "visit"
    assert ("HOSTED", "city/busan", visit["id"]) in relations(doc)
    assert of_type(doc, "PARTICIPATED_IN") == {
        ("city/ha-noi", visit["id"]),
        ("person/nguyen-van-phong", visit["id"]),
        ("person/park-heong-joon", visit["id"]),
    }


def test_country_visit_told_by_its_city_vi() -> None:
    doc = extract(
        "Ngày 4/6, đoàn công tác của TP Hà Nội do ông Nguyễn Văn Phong dẫn đầu thăm chính thức "
        "Hàn Quốc. Trong chuyến thăm, đoàn đã đến thăm thành phố Busan.",
        date="2024-06-10",
    )
    visit = the_event(doc)  # no separate visit to Hàn Quốc
    assert visit["name"] == "Chuyến thăm Busan"
    assert of_type(doc, "HOSTED") == {("city/busan", visit["id"])}
    assert ("LOCATED_IN", visit["id"], "city/busan") in relations(doc)
    # the country sentence still gives the visit its date and its visitors
    assert visit["properties"]["date"] == "2024-06-04"
    assert {s for s, _ in of_type(doc, "PARTICIPATED_IN")} == {
        "city/ha-noi",
        "person/nguyen-van-phong",
    }


def test_country_visit_told_by_its_city_en() -> None:
    doc = extract(
        "On June 4, a Hanoi delegation led by Mr. Nguyen Van Phong paid an official visit to "
        "South Korea. During the trip, the delegation visited Busan.",
        date="2024-06-10",
        lang="en",
    )
    visit = the_event(doc)  # no separate visit to South Korea
    assert visit["name"] == "Visit to Busan"
    assert of_type(doc, "HOSTED") == {("city/busan", visit["id"])}
    assert ("LOCATED_IN", visit["id"], "city/busan") in relations(doc)


# A working session: the body before the verb hosts, the delegation after it takes part.


def test_working_session_vi() -> None:
    doc = extract(
        "Sáng 18/4, Học viện Hành chính Quốc gia làm việc với Đoàn công tác của Cơ quan Hợp tác "
        "Quốc tế Hàn Quốc do ông Kim Jin-ho dẫn đầu.",
        date="2024-04-20",
    )
    meeting = the_event(doc)
    assert meeting["properties"] == {"kind": "meeting", "date": "2024-04-18"}
    assert of_type(doc, "HOSTED") == {("organization/hoc-vien-hanh-chinh-quoc-gia", meeting["id"])}
    assert of_type(doc, "PARTICIPATED_IN") == {
        ("organization/koica", meeting["id"]),
        ("person/kim-jin-ho", meeting["id"]),
    }


def test_working_session_en() -> None:
    doc = extract(
        "On April 18, the Can Tho People's Committee received a delegation from JICA led by "
        "Mr. Kim Jin-ho.",
        date="2024-04-20",
        lang="en",
    )
    meeting = the_event(doc)
    assert meeting["properties"] == {"kind": "meeting", "date": "2024-04-18"}
    assert of_type(doc, "HOSTED") == {("city/can-tho", meeting["id"])}
    assert of_type(doc, "PARTICIPATED_IN") == {
        ("organization/jica", meeting["id"]),
        ("person/kim-jin-ho", meeting["id"]),
    }


# PART_OF: sub-units, a branch and its seat; a provincial capital LOCATED_IN its province.


def test_sub_units_vi() -> None:
    doc = extract(
        "Đại diện Cục Hợp tác quốc tế, Bộ Xây dựng tham dự. "
        "Viện Kiến trúc Quốc gia – Bộ Xây dựng đã giới thiệu dự án. "
        "Ban Hợp tác quốc tế thuộc Học viện Hành chính Quốc gia đã tiếp đoàn."
    )
    assert of_type(doc, "PART_OF") == {
        ("organization/cuc-hop-tac-quoc-te", "organization/bo-xay-dung"),
        ("organization/vien-kien-truc-quoc-gia", "organization/bo-xay-dung"),
        ("organization/ban-hop-tac-quoc-te", "organization/hoc-vien-hanh-chinh-quoc-gia"),
    }


def test_sub_units_en() -> None:
    doc = extract(
        "Representatives of the Department of International Cooperation of the Ministry of "
        "Construction attended.",
        lang="en",
    )
    assert of_type(doc, "PART_OF") == {
        ("organization/department-of-international-cooperation", "organization/bo-xay-dung")
    }


def test_branch_with_seat_vi() -> None:
    doc = extract(
        "Phân viện Học viện Hành chính Quốc gia tại TP. Hồ Chí Minh đã tiếp đoàn sinh viên."
    )
    branch = "organization/phan-vien-hoc-vien-hanh-chinh-quoc-gia-tai-thanh-pho-ho-chi-minh"
    assert of_type(doc, "PART_OF") == {(branch, "organization/hoc-vien-hanh-chinh-quoc-gia")}
    assert of_type(doc, "LOCATED_IN") == {(branch, "city/ho-chi-minh")}


def test_provincial_capital_vi() -> None:
    doc = extract("Ngày 10/4, đại diện thành phố Sơn La (tỉnh Sơn La) đã tham dự.")
    capital = entity(doc, "city/thanh-pho-son-la")
    assert capital["type"] == "City" and capital["name"] == "thành phố Sơn La"
    assert entity(doc, "city/son-la")["properties"]["kind"] == "province"
    assert of_type(doc, "LOCATED_IN") == {("city/thanh-pho-son-la", "city/son-la")}


# SUPPORTED: passive ("được sự hỗ trợ của", "supported by") and active ("A hỗ trợ B").


def test_supported_passive_vi() -> None:
    doc = extract(
        "Mạng lưới đô thị thông minh ASEAN được sự hỗ trợ của JICA, KOICA và Ngân hàng Thế giới."
    )
    assert of_type(doc, "SUPPORTED") == {
        (supporter, "network/asean-smart-cities-network")
        for supporter in ("organization/jica", "organization/koica", "organization/world-bank")
    }


def test_supported_passive_with_date_first_vi() -> None:
    doc = extract(
        "Với sự hỗ trợ của JICA, KOICA và UNDP, năm 2018 Mạng lưới đô thị thông minh ASEAN đã "
        "triển khai nhiều dự án."
    )
    assert of_type(doc, "SUPPORTED") == {
        (supporter, "network/asean-smart-cities-network")
        for supporter in ("organization/jica", "organization/koica", "organization/undp")
    }


def test_supported_passive_en() -> None:
    after = extract(
        "The ASEAN Smart Cities Network is supported by JICA, KOICA and UNDP.", lang="en"
    )
    before = extract(
        "Supported by JICA, KOICA and UNDP, the ASEAN Smart Cities Network launched several "
        "projects.",
        lang="en",
    )
    expected = {
        (supporter, "network/asean-smart-cities-network")
        for supporter in ("organization/jica", "organization/koica", "organization/undp")
    }
    assert of_type(after, "SUPPORTED") == expected
    assert of_type(before, "SUPPORTED") == expected


def test_supported_active_vi() -> None:
    doc = extract("JICA hỗ trợ TP Cần Thơ xây dựng hệ thống thoát nước.")
    assert of_type(doc, "SUPPORTED") == {("organization/jica", "city/can-tho")}


def test_supported_active_en() -> None:
    doc = extract("JICA supports Can Tho in building a drainage system.", lang="en")
    assert of_type(doc, "SUPPORTED") == {("organization/jica", "city/can-tho")}


# PARTNER_OF: "giữa A và B", "quan hệ hợp tác với", twinning; a country after "của" is no party.


def test_partners_vi() -> None:
    doc = extract(
        "Ngày 15/4 đã diễn ra việc ký kết thỏa thuận hợp tác giữa UBND TP Đà Nẵng và thành phố "
        "Kobe (Nhật Bản). "
        "TP Hải Phòng đã thiết lập quan hệ hợp tác với thành phố Incheon từ năm 1997. "
        "TP Hồ Chí Minh kết nghĩa với thành phố Busan từ năm 1995. "
        "Tỉnh Quảng Ninh đã ký kết biên bản ghi nhớ với thành phố Incheon của Hàn Quốc."
    )
    assert partners(doc) == {
        frozenset(("city/da-nang", "city/kobe")),
        frozenset(("city/hai-phong", "city/incheon")),
        frozenset(("city/ho-chi-minh", "city/busan")),
        frozenset(("city/quang-ninh", "city/incheon")),
    }
    assert ("LOCATED_IN", "city/kobe", "country/japan") in relations(doc)


def test_partners_en() -> None:
    doc = extract(
        "On April 15, a cooperation agreement between Da Nang and Kobe was signed. "
        "Hai Phong has had a partnership with Incheon since 1997. "
        "Ho Chi Minh City has been a sister city of Busan since 1995. "
        "Quang Ninh province signed a memorandum of understanding with the city of Incheon of "
        "South Korea.",
        lang="en",
    )
    assert partners(doc) == {
        frozenset(("city/da-nang", "city/kobe")),
        frozenset(("city/hai-phong", "city/incheon")),
        frozenset(("city/ho-chi-minh", "city/busan")),
        frozenset(("city/quang-ninh", "city/incheon")),
    }


# FOUNDED_IN with its date.


def test_founded_vi() -> None:
    doc = extract("ICLEI được thành lập năm 1990 tại New York.")
    founded = [r for r in doc["relations"] if r["type"] == "FOUNDED_IN"]
    assert [(r["source"], r["target"], r["properties"]) for r in founded] == [
        ("network/iclei", "city/new-york-city", {"date": "1990"})
    ]


def test_founded_en() -> None:
    doc = extract("C40 was founded in London in 2005.", lang="en")
    founded = [r for r in doc["relations"] if r["type"] == "FOUNDED_IN"]
    assert [(r["source"], r["target"], r["properties"]) for r in founded] == [
        ("network/c40", "city/london", {"date": "2005"})
    ]


# Acronyms defined after a dash or in brackets become aliases; bare uses later resolve.


def test_acronym_after_a_dash_vi() -> None:
    doc = extract(
        "Cơ quan Giáo dục Quốc tế Canada – CBIE đã làm việc với Học viện Hành chính Quốc gia. "
        "Bà Jennifer Humphries, Phó Chủ tịch CBIE, cho biết hai bên sẽ mở rộng hợp tác."
    )
    cbie = "organization/co-quan-giao-duc-quoc-te-canada"
    assert "CBIE" in entity(doc, cbie)["aliases"]
    assert roles(doc) == {("person/jennifer-humphries", cbie, "Phó Chủ tịch")}


def test_acronym_in_brackets_vi() -> None:
    doc = extract(
        "Viện Nghiên cứu Định cư Con người Hàn Quốc (KRIHS) đã ký kết thỏa thuận hợp tác với "
        "Học viện Hành chính Quốc gia. Ông Kim Jin-ho, Viện trưởng KRIHS, phát biểu tại buổi lễ."
    )
    krihs = "organization/vien-nghien-cuu-dinh-cu-con-nguoi-han-quoc"
    assert "KRIHS" in entity(doc, krihs)["aliases"]
    assert roles(doc) == {("person/kim-jin-ho", krihs, "Viện trưởng")}
    assert partners(doc) == {frozenset((krihs, "organization/hoc-vien-hanh-chinh-quoc-gia"))}


def test_acronyms_en() -> None:
    doc = extract(
        "On April 18, the Korea Research Institute for Human Settlements (KRIHS) signed a "
        "cooperation agreement with the National Academy of Public Administration. "
        "Mr. Kim Jin-ho, President of KRIHS, spoke at the ceremony.",
        lang="en",
    )
    krihs = "organization/korea-research-institute-for-human-settlements"
    assert "KRIHS" in entity(doc, krihs)["aliases"]
    assert roles(doc) == {("person/kim-jin-ho", krihs, "President")}
    dashed = extract(
        "On April 18, the Korea Research Institute for Human Settlements – KRIHS met the "
        "academy. Mr. Kim Jin-ho, President of KRIHS, spoke.",
        lang="en",
    )
    assert roles(dashed) == {("person/kim-jin-ho", krihs, "President")}


# The gazetteer's capital rule: common words that spell a name are not that name.


def test_common_words_are_not_names_vi() -> None:
    doc = extract(
        "Các thành phố cùng chung tay vì hòa bình và phát triển bền vững. "
        "Nhiều tổ chức phi chính phủ đã đồng hành cùng các địa phương."
    )
    assert doc["entities"] == []
    # Written as names, they are names.
    named = extract("Đoàn công tác tỉnh Hòa Bình làm việc với Chính phủ.")
    assert {e["id"] for e in named["entities"]} >= {
        "city/hoa-binh",
        "organization/chinh-phu-viet-nam",
    }


def test_common_words_are_not_names_en() -> None:
    doc = extract(
        "The cities work together for peace and sustainable development, said the un official. "
        "Non-governmental organisations joined them.",
        lang="en",
    )
    assert doc["entities"] == []


def test_title_then_body_or_body_then_title_en() -> None:
    for text in (
        "Mayor of Rotterdam Ahmed Aboutaleb opened the session.",
        "Rotterdam Mayor Ahmed Aboutaleb opened the session.",
    ):
        doc = extract(text, lang="en")
        assert of_type(doc, "WORKS_FOR") == {("person/ahmed-aboutaleb", "city/rotterdam")}, text


def test_an_event_takes_the_date_named_with_it_over_another_in_the_sentence() -> None:
    doc = extract(
        "Looking ahead to 2025, the Mayor of Hue thanked Kyoto at yesterday's farewell "
        "reception for Consul General Akira Sato.",
        date="2024-05-02",
        lang="en",
    )
    assert the_event(doc)["properties"]["date"] == "2024-05-01"
    doc = extract(
        "Năm 2025 sẽ là năm quan trọng, Chủ tịch UBND tỉnh Quảng Nam phát biểu tại hội nghị "
        "ngày 12/4 với Đà Nẵng.",
        date="2024-05-02",
    )
    assert the_event(doc)["properties"]["date"] == "2024-04-12"


def test_a_date_away_from_the_event_phrase_does_not_date_it() -> None:
    # The first date of the sentence stays the event's when no date stands beside its name
    doc = extract(
        "On May 3, Hue hosted a reception for Kyoto, which plans to widen the exchange in 2026.",
        date="2024-05-06",
        lang="en",
    )
    assert the_event(doc)["properties"]["date"] == "2024-05-03"


def test_an_attendance_list_goes_on_past_a_deputy_title_and_a_second_heading() -> None:
    doc = extract(
        "Ngày 5/7/2024, tỉnh Gia Lai và Báo Tuổi Trẻ tổ chức hội thảo về du lịch. Tới dự hội "
        "thảo có các đồng chí lãnh đạo tỉnh: Trần Văn Hòa, Phó Chủ tịch UBND tỉnh Gia Lai; "
        "các đồng chí: Lê Minh Tâm, Phó Tổng Biên tập Báo Tuổi Trẻ; Đỗ Thị Lan, Giám đốc Sở "
        "Du lịch tỉnh Gia Lai."
    )
    event = the_event(doc)["id"]
    attending = {s for t, s, o in relations(doc) if t == "PARTICIPATED_IN" and o == event}
    assert {"person/tran-van-hoa", "person/le-minh-tam", "person/do-thi-lan"} <= attending


def test_pho_as_a_family_name_is_no_deputy() -> None:
    doc = extract("Ông Phó Đức Nam, Giám đốc Sở Xây dựng tỉnh Gia Lai, phát biểu tại hội nghị.")
    assert any(e["id"] == "person/pho-duc-nam" for e in doc["entities"])


def test_a_title_and_body_before_another_name_are_that_persons() -> None:
    doc = extract(
        "Tiếp Thống đốc tỉnh Chiba Kumagai Toshihito, Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh "
        "đề nghị hai bên mở rộng hợp tác."
    )
    posts = {(s, o) for t, s, o in relations(doc) if t == "WORKS_FOR"}
    assert ("person/tran-sy-thanh", "city/ha-noi") in posts
    assert ("person/kumagai-toshihito", "city/ha-noi") not in posts


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        (
            "On April 3, 2024, Hue Mayor Nguyen Van Phuong spoke at a workshop on heritage.",
            "en",
            "person/nguyen-van-phuong",
        ),
        (
            "Ngày 3/4/2024, Chủ tịch UBND tỉnh Quảng Nam Lê Văn Dũng cho biết tại hội thảo về "
            "đô thị thông minh rằng tỉnh sẽ mở rộng hợp tác.",
            "vi",
            "person/le-van-dung",
        ),
    ],
)
def test_a_speaker_named_after_a_title_takes_part(text: str, lang: str, person: str) -> None:
    doc = extract(text, lang=lang)
    event = the_event(doc)
    assert ("PARTICIPATED_IN", person, event["id"]) in relations(doc)
    assert "rằng" not in event["name"] and "that" not in event["name"]


def test_speaking_in_a_city_is_no_taking_part() -> None:
    doc = extract(
        "Ngày 3/4/2024, ông Lê Văn Dũng cho biết tại Hà Nội rằng tỉnh sẽ mở rộng hợp tác."
    )
    assert not [r for r in doc["relations"] if r["type"] == "PARTICIPATED_IN"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("In 2022, Hoan Kiem District received a delegation from Gunpo City.", "en"),
        ("Năm 2022, quận Hoàn Kiếm đã tiếp đoàn công tác của thành phố Gunpo.", "vi"),
    ],
)
def test_a_reception_dated_by_its_year_alone_is_an_occasion(text: str, lang: str) -> None:
    doc = extract(text, lang=lang)
    event = the_event(doc)
    assert event["properties"]["date"] == "2022"
    assert ("HOSTED", "city/hoan-kiem", event["id"]) in relations(doc)
    assert ("PARTICIPATED_IN", "city/gunpo", event["id"]) in relations(doc)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hoan Kiem District hopes to receive a delegation from Gunpo City in 2025.", "en"),
        ("Hoan Kiem District will receive a delegation from Gunpo City in 2025.", "en"),
        ("Quận Hoàn Kiếm mong muốn tiếp đoàn công tác của thành phố Gunpo vào năm 2025.", "vi"),
    ],
)
def test_a_reception_hoped_for_or_to_come_is_no_occasion(text: str, lang: str) -> None:
    assert not events(extract(text, lang=lang))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Ngày 5/3/2024, UBND TP Đà Nẵng đã phối hợp với CityNet và Viện Đô thị Hàn Quốc "
            "tổ chức hội thảo về giao thông xanh.",
            "vi",
        ),
        (
            "On March 5, 2024, Da Nang, together with CityNet and the Korea Urban Institute, "
            "organised a workshop on green transport.",
            "en",
        ),
    ],
)
def test_the_one_who_leads_co_agents_organises_too(text: str, lang: str) -> None:
    doc = extract(text, lang=lang)
    organisers = {s for t, s, _ in relations(doc) if t == "ORGANIZED"}
    assert {"city/da-nang", "network/citynet"} <= organisers


def test_who_speaks_of_the_co_organisers_is_none_of_them() -> None:
    doc = extract(
        "Ngày 5/3/2024, UBND TP Đà Nẵng cho biết Viện Đô thị Hàn Quốc phối hợp với CityNet tổ "
        "chức hội thảo về giao thông xanh."
    )
    organisers = {s for t, s, _ in relations(doc) if t == "ORGANIZED"}
    assert organisers == {"organization/vien-do-thi-han-quoc", "network/citynet"}


def test_a_person_receiving_for_a_city_takes_part_and_the_city_hosts() -> None:
    doc = extract(
        "On March 15, 2024, Chairman of the Hue People's Committee Nguyen Van Phuong hosted a "
        "reception for Mayor of Kyoto Daisaku Kadokawa.",
        lang="en",
    )
    event = the_event(doc)["id"]
    found = relations(doc)
    assert ("HOSTED", "city/hue", event) in found
    assert ("PARTICIPATED_IN", "person/nguyen-van-phuong", event) in found
    assert ("HOSTED", "person/nguyen-van-phuong", event) not in found


def test_a_person_who_hosts_for_no_body_is_the_host() -> None:
    doc = extract(
        "On April 26, 2024, Prime Minister Lee Hsien Loong hosted a dinner for his guests.",
        lang="en",
    )
    assert ("HOSTED", "person/lee-hsien-loong", the_event(doc)["id"]) in relations(doc)


def test_an_envoys_title_names_the_mission_the_envoy_serves() -> None:
    doc = extract(
        "Ngày 3/5/2024, Đại sứ Việt Nam tại Nhật Bản Phạm Quang Hiệu và Tổng Lãnh sự Hàn Quốc "
        "tại TP Hồ Chí Minh Park Noh Wan dự lễ ký kết hợp tác giữa Huế và Kyoto."
    )
    posts = {(s, o) for t, s, o in relations(doc) if t == "WORKS_FOR"}
    assert ("person/pham-quang-hieu", "organization/dai-su-quan-viet-nam-tai-nhat-ban") in posts
    assert any(
        s == "person/park-noh-wan" and o.startswith("organization/tong-lanh-su-quan-han-quoc-tai")
        for s, o in posts
    )


def test_an_envoy_named_without_a_post_works_for_the_country() -> None:
    doc = extract("Ngày 3/5/2024, Đại sứ Hàn Quốc Park Ji-hoon thăm thành phố Huế.")
    posts = {(s, o) for t, s, o in relations(doc) if t == "WORKS_FOR"}
    assert posts == {("person/park-ji-hoon", "country/south-korea")}
    assert not [e for e in doc["entities"] if e["type"] == "Organization"]


@pytest.mark.parametrize(
    ("text", "lang", "receiver"),
    [
        ("In 2023, Hue received US$5 million in grants from KOICA.", "en", "city/hue"),
        ("Năm 2023, tỉnh Quảng Nam nhận 5 triệu USD tài trợ từ KOICA.", "vi", "city/quang-nam"),
    ],
)
def test_money_received_is_support_from_the_giver_and_no_reception(
    text: str, lang: str, receiver: str
) -> None:
    doc = extract(text, lang=lang)
    assert {(s, o) for t, s, o in relations(doc) if t == "SUPPORTED"} == {
        ("organization/koica", receiver)
    }
    assert not events(doc)


def test_a_delegation_received_is_still_a_reception() -> None:
    doc = extract("On May 4, 2024, Hue received a delegation from Busan.", lang="en")
    event = the_event(doc)["id"]
    assert ("HOSTED", "city/hue", event) in relations(doc)
    assert ("PARTICIPATED_IN", "city/busan", event) in relations(doc)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Da Nang and Daegu have cooperated in tourism since 2010.", "en"),
        ("Đà Nẵng và Daegu đã hợp tác trong lĩnh vực du lịch từ năm 2010.", "vi"),
    ],
)
def test_two_parties_that_have_cooperated_are_partners(text: str, lang: str) -> None:
    found = {(t, s, o) for t, s, o in relations(extract(text, lang=lang)) if t == "PARTNER_OF"}
    assert len(found) == 1 and {"city/da-nang", "city/daegu"} == set(next(iter(found))[1:])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Da Nang and Daegu have not cooperated in tourism.", "en"),
        ("Đà Nẵng và Daegu chưa hợp tác trong lĩnh vực du lịch.", "vi"),
        ("Đà Nẵng mong muốn sẽ hợp tác với Daegu trong lĩnh vực du lịch.", "vi"),
    ],
)
def test_cooperation_denied_or_wished_is_no_partnership(text: str, lang: str) -> None:
    assert not [r for r in extract(text, lang=lang)["relations"] if r["type"] == "PARTNER_OF"]


@pytest.mark.parametrize(
    ("title", "body", "person"),
    [
        ("Permanent Vice Chairman of the Hue People's Committee", "city/hue", "person/le-van-an"),
        ("Chairperson of the Kyoto City Council", "organization/kyoto-city-council", None),
        ("Rector of the Hue University of Sciences", None, None),
    ],
)
def test_more_english_titles_name_a_post(title: str, body: str | None, person: str | None) -> None:
    doc = extract(f"On May 3, 2024, {title} Le Van An visited Busan.", lang="en")
    posts = {(s, o) for t, s, o in relations(doc) if t == "WORKS_FOR"}
    assert any(s == "person/le-van-an" for s, _ in posts)
    if body:
        assert ("person/le-van-an", body) in posts


def test_a_title_word_inside_a_bodys_name_and_an_aside_do_not_hide_the_actors() -> None:
    doc = extract(
        "Sáng 21/9/2024, Học viện Cán bộ quản lý xây dựng và đô thị (Học viện AMC – Bộ Xây "
        "dựng) phối hợp với Sở Xây dựng tỉnh Bình Định tổ chức khóa đào tạo về quy hoạch."
    )
    organisers = {s for t, s, _ in relations(doc) if t == "ORGANIZED"}
    assert organisers == {"organization/amc", "organization/so-xay-dung-tinh-binh-dinh"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Ngày 5/6/2024, Hội nghị thường niên lần thứ 3 của Mạng lưới Đô thị thông minh ASEAN "
            "diễn ra tại Hà Nội.",
            "vi",
        ),
        (
            "On June 5, 2024, the annual meeting of the ASEAN Smart Cities Network took place "
            "in Hanoi.",
            "en",
        ),
    ],
)
def test_a_networks_own_meeting_is_organised_by_it(text: str, lang: str) -> None:
    doc = extract(text, lang=lang)
    event = the_event(doc)
    assert ("ORGANIZED", "network/asean-smart-cities-network", event["id"]) in relations(doc)
    assert event["properties"]["date"] == "2024-06-05"  # "lần thứ 3" is no Tuesday
    assert "took place" not in event["name"]


def test_a_guests_body_does_not_organise_the_reception() -> None:
    doc = extract(
        "On March 22, 2023, the city held a farewell reception for the Chief Representative of "
        "JICA Vietnam Office.",
        lang="en",
    )
    assert not [r for r in doc["relations"] if r["type"] == "ORGANIZED"]


def test_two_meetings_with_different_numbers_are_two_occasions() -> None:
    doc = extract(
        "Mạng lưới được thông qua tại Hội nghị Cấp cao ASEAN lần thứ 32 ở Singapore vào tháng "
        "4/2018. Sau đó, Bộ Xây dựng chủ trì Hội nghị thường niên lần thứ 3 của Mạng lưới Đô "
        "thị thông minh ASEAN theo hình thức trực tuyến."
    )
    names = {e["name"] for e in events(doc)}
    assert any("lần thứ 32" in n for n in names)
    assert any("lần thứ 3" in n and "32" not in n for n in names)


def test_an_attendance_list_goes_on_past_a_party_committee_title() -> None:
    doc = extract(
        "Ngày 5/7/2024, tỉnh Gia Lai ký kết hợp tác với Báo Tuổi Trẻ. Tới dự lễ ký kết có các "
        "đồng chí: Trần Văn Hòa, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Gia Lai; Đỗ Thị Lan, Chủ "
        "tịch UBND tỉnh Gia Lai."
    )
    event = the_event(doc)["id"]
    attending = {s for t, s, o in relations(doc) if t == "PARTICIPATED_IN" and o == event}
    assert {"person/tran-van-hoa", "person/do-thi-lan"} <= attending


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Hanoi (VNA) – Da Nang signed a memorandum of understanding with Daegu on May 3, 2024.",
            "en",
        ),
        ("Hà Nội (TTXVN) – Ngày 3/5/2024, Đà Nẵng đã ký biên bản ghi nhớ với Daegu.", "vi"),
    ],
)
def test_a_datelines_place_takes_no_part(text: str, lang: str) -> None:
    found = relations(extract(text, lang=lang))
    partners = {frozenset((s, o)) for t, s, o in found if t == "PARTNER_OF"}
    assert partners == {frozenset(("city/da-nang", "city/daegu"))}
    assert not any("city/ha-noi" in (s, o) for t, s, o in found if t != "LOCATED_IN")


def test_a_place_opening_a_sentence_without_an_agency_still_acts() -> None:
    found = relations(extract("Hanoi signed a memorandum with Daegu on May 3, 2024.", lang="en"))
    assert {frozenset((s, o)) for t, s, o in found if t == "PARTNER_OF"} == {
        frozenset(("city/ha-noi", "city/daegu"))
    }


def test_a_pronoun_opening_a_clause_stands_for_the_person_named_last() -> None:
    doc = extract(
        "On May 3, 2024, Mayor of Hue Nguyen Van Phuong received a delegation from Kyoto. He "
        "spoke at a workshop on heritage cities in the afternoon.",
        lang="en",
    )
    workshop = next(e["id"] for e in events(doc) if "workshop" in e["name"])
    assert ("PARTICIPATED_IN", "person/nguyen-van-phuong", workshop) in relations(doc)


def test_a_pronoun_with_no_one_named_before_it_stands_for_no_one() -> None:
    doc = extract("On May 3, 2024, he spoke at a workshop on heritage cities in Hue.", lang="en")
    assert not [e for e in doc["entities"] if e["type"] == "Person"]


def test_an_honorific_before_a_name_is_no_pronoun() -> None:
    doc = extract(
        "Ngày 3/5/2024, Chủ tịch UBND tỉnh Quảng Nam Lê Văn Dũng tiếp đoàn JICA. Ông Trần Minh "
        "Tuấn phát biểu tại buổi tiếp."
    )
    speakers = {
        s for t, s, _ in relations(doc) if t == "PARTICIPATED_IN" and s.startswith("person/")
    }
    assert "person/tran-minh-tuan" in speakers


def test_supporters_named_in_a_members_clause_are_no_members() -> None:
    doc = extract(
        "Được thành lập năm 1987 với sự hỗ trợ của UNDP và UN-Habitat, CityNet có các thành viên "
        "Hà Nội, Huế và nhiều đô thị khác."
    )
    members = {s for t, s, o in relations(doc) if t == "MEMBER_OF" and o == "network/citynet"}
    assert members == {"city/ha-noi", "city/hue"}
    supporters = {s for t, s, o in relations(doc) if t == "SUPPORTED"}
    assert supporters == {"organization/undp", "organization/un-habitat"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("CityNet sẵn sàng hỗ trợ thành phố Huế tổ chức các khóa đào tạo.", "vi"),
        ("CityNet is ready to support Hue in training its officials.", "en"),
        ("CityNet is willing to support Hue in training its officials.", "en"),
    ],
)
def test_readiness_to_support_is_no_support(text: str, lang: str) -> None:
    assert not [r for r in extract(text, lang=lang)["relations"] if r["type"] == "SUPPORTED"]


def test_support_given_is_support() -> None:
    doc = extract("CityNet đã hỗ trợ thành phố Huế tổ chức các khóa đào tạo.")
    assert ("SUPPORTED", "network/citynet", "city/hue") in relations(doc)


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 3/4/2024, Đại học Huế nhận quyết định tài trợ 2 triệu USD từ KOICA.",
        "Ngày 3/4/2024, Đại học Huế công bố việc nhận hai khoản tài trợ từ KOICA.",
        "Ngày 3/4/2024, Đại học Huế được KOICA tài trợ 2 triệu USD.",
    ],
)
def test_who_receives_funding_is_supported_by_the_giver(text: str) -> None:
    supported = {(s, o) for t, s, o in relations(extract(text)) if t == "SUPPORTED"}
    assert supported == {("organization/koica", "organization/dai-hoc-hue")}


def test_honoured_to_support_is_support_given() -> None:
    doc = extract("Ngày 3/4/2024, KOICA cho biết rất vinh dự được hỗ trợ Đại học Huế.")
    supported = {(s, o) for t, s, o in relations(doc) if t == "SUPPORTED"}
    assert supported == {("organization/koica", "organization/dai-hoc-hue")}


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 3/4/2024, Đại học Huế không được KOICA tài trợ.",
        "Đại học Huế mong muốn được KOICA tài trợ trong năm 2025.",
    ],
)
def test_funding_denied_or_hoped_for_is_no_support(text: str) -> None:
    assert not [r for r in extract(text)["relations"] if r["type"] == "SUPPORTED"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Ngày 15/3/2024, Huế tiếp đoàn công tác thành phố Daegu do Thị trưởng Hong Joon-pyo "
            "dẫn đầu.",
            "vi",
        ),
        (
            "On March 15, 2024, Hue received a delegation from Daegu, led by Mayor Hong Joon-pyo.",
            "en",
        ),
    ],
)
def test_the_leader_of_a_delegation_holds_a_post_in_its_city(text: str, lang: str) -> None:
    assert ("WORKS_FOR", "person/hong-joon-pyo", "city/daegu") in relations(
        extract(text, lang=lang)
    )


def test_a_city_led_by_someone_without_a_delegation_gives_no_post() -> None:
    doc = extract(
        "On March 15, 2024, the festival in Daegu, led by Mayor Hong Joon-pyo, opened.", lang="en"
    )
    assert ("WORKS_FOR", "person/hong-joon-pyo", "city/daegu") not in relations(doc)


def test_the_body_whose_title_the_receiving_person_holds_hosts() -> None:
    doc = extract(
        "Hue (VNA) – Chairman of the Thua Thien-Hue provincial People's Committee Nguyen Van "
        "Phuong hosted a reception on April 10 for a delegation from the French city of Blois "
        "led by its Mayor Marc Gricourt.",
        lang="en",
    )
    event = the_event(doc)["id"]
    found = relations(doc)
    assert ("HOSTED", "city/hue", event) in found
    assert ("PARTICIPATED_IN", "person/nguyen-van-phuong", event) in found
    assert ("HOSTED", "person/nguyen-van-phuong", event) not in found
    assert ("WORKS_FOR", "person/marc-gricourt", "city/blois") in found


def test_a_place_found_by_its_shape_is_found_again_by_its_bare_name() -> None:
    doc = extract(
        "On April 10, 2024, Hue received a delegation from the French city of Blois. Hue and "
        "Blois have been twinned since 2009.",
        lang="en",
    )
    partners = {frozenset((s, o)) for t, s, o in relations(doc) if t == "PARTNER_OF"}
    assert frozenset(("city/hue", "city/blois")) in partners


def test_the_two_sides_are_the_partners_named_last() -> None:
    doc = extract(
        "On April 10, 2024, Hue received a delegation from the French city of Blois. Hue and "
        "Blois have been twinned since 2009, with funding from the French Development Agency "
        "(AFD). AFD opened an office in Hue in 1995, and AFD experts often visit Hue. The two "
        "sides also signed an agreement on cultural exchange.",
        lang="en",
    )
    signing = next(e["id"] for e in events(doc) if e["name"].startswith("Signing"))
    signatories = {s for t, s, o in relations(doc) if t == "PARTICIPATED_IN" and o == signing}
    assert signatories == {"city/hue", "city/blois"}
    partners = {frozenset((s, o)) for t, s, o in relations(doc) if t == "PARTNER_OF"}
    assert partners == {frozenset(("city/hue", "city/blois"))}  # the funder is no twin
