"""The shipped gazetteer files and the matcher over Vietnamese and English text."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from ucn.graph.ids import slugify
from ucn.graph.model import PARTIES
from ucn.loaders import cache
from ucn.loaders import gazetteer as gazetteer_module
from ucn.loaders.gazetteer import (
    COLUMNS,
    Gazetteer,
    GazetteerEntry,
    alias_key,
    default_paths,
    load_gazetteer,
)

# Aliases deliberately shared by two entries of the same type (none so far).
SHARED_SAME_TYPE: set[str] = set()
# Aliases shared across types, on purpose: the city-state and the country.
SHARED_ACROSS_TYPES = {"singapore"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def ids(matches) -> list[str]:
    return [m.entry.id for m in matches]


def test_the_shipped_files_are_there():
    names = {p.name for p in default_paths()}
    assert names == {
        "cities.tsv",
        "countries.tsv",
        "networks.tsv",
        "organizations.tsv",
        "vietnam.tsv",
    }


@pytest.mark.parametrize("path", default_paths(), ids=lambda p: p.name)
def test_every_row_is_valid(path: Path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert tuple(rows[0]) == COLUMNS
    for row in rows[1:]:
        assert len(row) == len(COLUMNS), row
        id_, type_, kind, name, aliases, country, wikidata, within = row
        assert type_ in PARTIES
        prefix, _, slug = id_.partition("/")
        assert prefix == type_.lower()
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), id_
        # the slug comes from the canonical name, or from an established short form
        names = [name, *aliases.split("|")]
        assert slug in {slugify(n) for n in names} | {slugify(name.removeprefix("Thành phố "))}
        assert kind and name and name == name.strip()
        assert all(a and a == a.strip() for a in aliases.split("|")) or not aliases
        assert "|" not in name and name not in aliases.split("|")
        assert country == "" or re.fullmatch(r"[A-Z]{2}", country), row
        assert wikidata == "" or re.fullmatch(r"Q[1-9][0-9]*", wikidata), row
        assert within == "" or (type_ == "City" and re.fullmatch(r"city/[a-z0-9-]+", within)), row


def test_ids_are_unique(gaz: Gazetteer):
    counts = defaultdict(int)
    for entry in gaz.entries:
        counts[entry.id] += 1
    assert [i for i, n in counts.items() if n > 1] == []


def test_counts(gaz: Gazetteer):
    by_file = {p.name: sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in default_paths()}
    assert by_file["countries.tsv"] == 195  # 193 UN members and 2 observers
    assert by_file["vietnam.tsv"] >= 63
    # Viet Nam's 63 provinces and centrally run cities (other countries' provinces are kept too)
    provinces = [
        e for e in gaz.entries if e.kind in ("province", "municipality") and e.country == "VN"
    ]
    assert len(provinces) == 63
    assert len([e for e in provinces if e.kind == "municipality"]) == 6
    assert len({e.country for e in gaz.entries if e.type == "Country"}) == 195
    # Laos: 17 provinces besides the capital (city/vientiane); Cambodia: 24 besides Phnom Penh
    assert len([e for e in provinces_of(gaz, "LA")]) == 17
    assert len([e for e in provinces_of(gaz, "KH")]) == 24
    assert len([e for e in gaz.entries if e.kind == "state" and e.country == "US"]) == 50


def provinces_of(gaz: Gazetteer, country: str) -> list[GazetteerEntry]:
    return [e for e in gaz.entries if e.kind == "province" and e.country == country]


def test_no_alias_is_shared_by_two_entries_of_one_type(gaz: Gazetteer):
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in gaz.entries:
        for name in entry.names:
            owners[alias_key(name)].add(entry.id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    same_type = {k for k, v in shared.items() if len({i.split("/")[0] for i in v}) < len(v)}
    assert same_type == SHARED_SAME_TYPE
    assert set(shared) == SHARED_ACROSS_TYPES | SHARED_SAME_TYPE


def test_within_names_a_unit_of_the_same_country(gaz: Gazetteer):
    for entry in gaz.entries:
        if not entry.within:
            continue
        unit = gaz.by_id.get(entry.within)
        assert unit is not None, entry
        assert unit.type == "City" and unit.id != entry.id, entry
        assert unit.country == entry.country != "", entry
        assert unit.kind != "city" or entry.kind in ("city", "county"), entry


def test_within_has_no_cycles(gaz: Gazetteer):
    for entry in gaz.entries:
        seen = {entry.id}
        while entry.within:
            entry = gaz.by_id[entry.within]
            assert entry.id not in seen, seen
            seen.add(entry.id)


def chain(gaz: Gazetteer, id_: str) -> list[str]:
    """The ids of the units `id_` lies in, innermost first."""
    out = []
    while within := gaz.by_id[id_].within:
        out.append(within)
        id_ = within
    return out


def test_places_lie_in_their_provinces_and_states(gaz: Gazetteer):
    (vinh_yen,) = gaz.lookup("Vĩnh Yên")
    assert (vinh_yen.id, vinh_yen.kind, vinh_yen.country, vinh_yen.within) == (
        "city/vinh-yen",
        "city",
        "VN",
        "city/vinh-phuc",
    )
    assert [e.within for e in gaz.lookup("Vinh Yen")] == ["city/vinh-phuc"]
    assert gaz.by_id["city/frankfurt"].within == "city/hesse"
    assert [e.id for e in gaz.lookup("Hessen")] == ["city/hesse"]
    assert gaz.by_id["city/fairfax-county"].within == "city/virginia"
    assert gaz.by_id["city/yokohama"].within == "city/kanagawa"
    assert gaz.by_id["city/osaka"].within == "city/osaka-prefecture"
    assert gaz.by_id["city/suwon"].within == "city/gyeonggi"
    assert gaz.by_id["city/chengdu"].within == "city/sichuan"
    assert chain(gaz, "city/dongxing") == ["city/fangchenggang", "city/guangxi"]
    assert chain(gaz, "city/irvine") == ["city/orange-county", "city/california"]
    # places that are first-level units themselves lie in none
    for id_ in ("city/ha-noi", "city/hue", "city/vinh-phuc", "city/virginia", "city/berlin"):
        assert gaz.by_id[id_].within == "", id_
    assert gaz.by_id["city/kansas-city"].within == ""  # Missouri's or Kansas's


def test_vietnamese_provincial_capitals(gaz: Gazetteer):
    capitals = {
        "Vĩnh Yên": "city/vinh-phuc",
        "Phủ Lý": "city/ha-nam",
        "Việt Trì": "city/phu-tho",
        "Hạ Long": "city/quang-ninh",
        "Buôn Ma Thuột": "city/dak-lak",
        "Pleiku": "city/gia-lai",
        "Quy Nhơn": "city/binh-dinh",
        "Nha Trang": "city/khanh-hoa",
        "Phan Thiết": "city/binh-thuan",
        "Đà Lạt": "city/lam-dong",
        "Bà Rịa": "city/ba-ria-vung-tau",
        "Biên Hoà": "city/dong-nai",
        "Thủ Dầu Một": "city/binh-duong",
        "Tân An": "city/long-an",
        "Mỹ Tho": "city/tien-giang",
        "Cao Lãnh": "city/dong-thap",
        "Long Xuyên": "city/an-giang",
        "Rạch Giá": "city/kien-giang",
        "Tuy Hoà": "city/phu-yen",
        "Tam Kỳ": "city/quang-nam",
        "Đồng Hới": "city/quang-binh",
        "Đông Hà": "city/quang-tri",
        "thành phố Vinh": "city/nghe-an",
        "Điện Biên Phủ": "city/dien-bien",
        "Vị Thanh": "city/hau-giang",
        "Gia Nghĩa": "city/dak-nong",
        "Phan Rang-Tháp Chàm": "city/ninh-thuan",
        "Đồng Xoài": "city/binh-phuoc",
    }
    for name, province in capitals.items():
        (entry,) = gaz.lookup(name)
        assert (entry.kind, entry.country, entry.within) == ("city", "VN", province), name
        assert gaz.by_id[province].kind == "province", name
    # the 29 other provinces' capitals share the province's name and have no entry of their own
    named_after = [
        e
        for e in gaz.entries
        if e.kind == "province" and e.country == "VN" and e.id not in set(capitals.values())
    ]
    assert len(named_after) == 29
    # "Vinh" alone is also a given name: only "thành phố Vinh", "TP Vinh" or "Vinh City"
    assert gaz.lookup("Vinh") == []
    assert ids(gaz.find("ông Nguyễn Văn Vinh đến TP. Vinh")) == ["city/vinh"]
    assert ids(gaz.find("tỉnh Bà Rịa - Vũng Tàu và thành phố Bà Rịa")) == [
        "city/ba-ria-vung-tau",
        "city/ba-ria",
    ]
    assert ids(gaz.find("Điện Biên Phủ, tỉnh Điện Biên")) == [
        "city/dien-bien-phu",
        "city/dien-bien",
    ]


def test_german_lander(gaz: Gazetteer):
    lander = [e for e in gaz.entries if e.kind == "state" and e.country == "DE"]
    # the 13 territorial states; Berlin and Hamburg are city-states (Bremen is not listed)
    assert len(lander) == 13
    assert all(e.wikidata for e in lander)
    text = "Bang Bayern, bang Hessen, Nordrhein-Westfalen (NRW), Saxony and Lower Saxony"
    assert ids(gaz.find(text)) == [
        "city/bavaria",
        "city/hesse",
        "city/north-rhine-westphalia",
        "city/north-rhine-westphalia",
        "city/saxony",
        "city/lower-saxony",
    ]
    assert {e.within for e in gaz.entries if e.country == "DE" and e.kind == "city"} == {
        "",
        "city/bavaria",
        "city/hesse",
        "city/north-rhine-westphalia",
        "city/saxony",
        "city/baden-wurttemberg",
        "city/brandenburg",
    }
    assert gaz.by_id["city/munich"].within == "city/bavaria"


def test_the_brief_fixture(gaz: Gazetteer):
    text = (
        "Đoàn công tác của UBND TP.HCM đã làm việc với đại diện UN-Habitat tại Yokohama, Nhật Bản."
    )
    found = gaz.find(text)
    assert [(m.surface, m.entry.id) for m in found] == [
        ("TP.HCM", "city/ho-chi-minh"),
        ("UN-Habitat", "organization/un-habitat"),
        ("Yokohama", "city/yokohama"),
        ("Nhật Bản", "country/japan"),
    ]
    for m in found:
        assert text[m.start : m.end] == m.surface


def test_vietnamese_news_sentence(gaz: Gazetteer):
    text = (
        "Năm 2017, Học viện Cán bộ quản lý xây dựng và đô thị (AMC) trực thuộc Bộ Xây dựng "
        "được kết nạp vào Mạng lưới các đô thị khu vực Châu Á - Thái Bình Dương; Đà Nẵng, "
        "Hà Nội và Thừa Thiên Huế đã ký biên bản ghi nhớ với Ngân hàng Phát triển châu Á."
    )
    assert ids(gaz.find(text)) == [
        "organization/amc",
        "organization/amc",
        "organization/bo-xay-dung",
        "network/citynet",
        "city/da-nang",
        "city/ha-noi",
        "city/hue",
        "organization/asian-development-bank",
    ]


def test_english_news_sentence(gaz: Gazetteer):
    text = (
        "Ho Chi Minh City and Busan joined the UNESCO Creative Cities Network, while "
        "Saint Petersburg hosted the ASEAN Smart Cities Network and the World Bank."
    )
    assert ids(gaz.find(text)) == [
        "city/ho-chi-minh",
        "city/busan",
        "network/unesco-creative-cities-network",
        "city/saint-petersburg",
        "network/asean-smart-cities-network",
        "organization/world-bank",
    ]


def test_longest_match_wins(gaz: Gazetteer):
    assert ids(gaz.find("tỉnh Lào Cai giáp Lào")) == ["city/lao-cai", "country/laos"]
    assert [m.surface for m in gaz.find("UBND thành phố Đà Nẵng")] == ["thành phố Đà Nẵng"]
    assert ids(gaz.find("Mạng lưới thành phố thông minh ASEAN")) == [
        "network/asean-smart-cities-network"
    ]


def test_tone_mark_placement_is_folded(gaz: Gazetteer):
    for spelling in ("Khánh Hòa", "Khánh Hoà", "KHÁNH HÒA", "khánh hoà"):
        assert ids(gaz.find(f"Tỉnh {spelling} ")) == ["city/khanh-hoa"], spelling
    assert ids(gaz.find("Thanh Hoá")) == ["city/thanh-hoa"]
    assert ids(gaz.find("Uỷ ban châu Âu")) == ids(gaz.find("Ủy ban châu Âu"))
    assert [e.id for e in gaz.lookup("Hoà Bình")] == ["city/hoa-binh"]


def test_word_boundaries_know_vietnamese_letters(gaz: Gazetteer):
    assert gaz.find("Thoại Sơn") == []  # not Thơ, not a name inside a word
    assert gaz.find("Huếch") == []
    assert ids(gaz.find("Huế.")) == ["city/hue"]
    assert gaz.find("Parisian cafés") == []
    assert gaz.find("HàNộiX") == []


def test_flexible_abbreviations(gaz: Gazetteer):
    for spelling in ("TP.HCM", "TP. HCM", "TP HCM", "TPHCM", "Tp.HCM", "TP.Hồ Chí Minh"):
        found = gaz.find(f"UBND {spelling} cho biết")
        assert [(m.surface, m.entry.id) for m in found] == [(spelling, "city/ho-chi-minh")]
    assert ids(gaz.find("Bà Rịa–Vũng Tàu và BR-VT")) == ["city/ba-ria-vung-tau"] * 2


def test_short_all_caps_abbreviations_are_case_sensitive(gaz: Gazetteer):
    assert gaz.find("Il y a un homme, un projet et une ville.") == []
    assert gaz.find("Eu tenho uma casa. Who knows? The adb file.") == []
    assert ids(gaz.find("The UN, the EU, WB, ADB and AMC.")) == [
        "organization/united-nations",
        "organization/european-union",
        "organization/world-bank",
        "organization/asian-development-bank",
        "organization/amc",
    ]
    assert ids(gaz.find("WHO said")) == ["organization/world-health-organization"]


def test_names_match_in_capitals_but_need_their_capital_letter(gaz: Gazetteer):
    assert ids(gaz.find("NGÂN HÀNG THẾ GIỚI và Ngân hàng Thế giới")) == (
        ["organization/world-bank"] * 2
    )
    assert gaz.find("các tổ chức phi chính phủ") == []
    assert ids(gaz.find("UNESCO, Unesco")) == ["organization/unesco"] * 2
    # common Vietnamese words that are also one-word country names
    assert gaz.find("biện pháp, pháp luật, đạo đức, thẩm mỹ, cập nhật") == []
    assert ids(gaz.find("Pháp, Đức và Mỹ")) == [
        "country/france",
        "country/germany",
        "country/united-states",
    ]


def test_place_names_need_a_capital_and_a_rejected_name_may_hold_a_shorter_one(gaz: Gazetteer):
    assert gaz.find("vì hòa bình và hữu nghị") == []
    assert ids(gaz.find("Tỉnh Hòa Bình")) == ["city/hoa-binh"]
    assert ids(gaz.find("thủ đô Hà Nội")) == ["city/ha-noi"]
    assert ids(gaz.find("gia nhập mạng lưới CityNet")) == ["network/citynet"]


def test_offsets_refer_to_the_original_text(gaz: Gazetteer):
    nfd = unicodedata.normalize("NFD", "Hợp tác giữa Đà Nẵng và Khánh Hoà, Việt Nam")
    found = gaz.find(nfd)
    assert ids(found) == ["city/da-nang", "city/khanh-hoa", "country/viet-nam"]
    for m in found:
        assert nfd[m.start : m.end] == m.surface
        assert unicodedata.normalize("NFC", m.surface) in ("Đà Nẵng", "Khánh Hoà", "Việt Nam")
    text = "İİ Hà Nội"  # İ lowers to two characters
    (m,) = gaz.find(text)
    assert (m.start, m.end, m.surface) == (3, 9, "Hà Nội")


def test_shared_alias_gives_alternatives(gaz: Gazetteer):
    (m,) = gaz.find("Singapore")
    assert {m.entry.id, *(a.id for a in m.alternatives)} == {"city/singapore", "country/singapore"}


def test_lookup_by_any_alias(gaz: Gazetteer):
    assert [e.id for e in gaz.lookup("Sài Gòn")] == ["city/ho-chi-minh"]
    assert [e.id for e in gaz.lookup("tp hcm")] == ["city/ho-chi-minh"]
    assert [e.id for e in gaz.lookup("Xri Lan-ca")] == ["country/sri-lanka"]
    assert [e.id for e in gaz.lookup("Xanh Pê-téc-bua")] == ["city/saint-petersburg"]
    assert [e.id for e in gaz.lookup("Liên bang Nga")] == ["country/russia"]
    assert gaz.lookup("Atlantis") == []
    viet_nam = gaz.by_id["country/viet-nam"]
    assert (viet_nam.name, viet_nam.country, viet_nam.wikidata) == ("Việt Nam", "VN", "Q881")


def test_neighbouring_provinces_with_their_vietnamese_names(gaz: Gazetteer):
    text = (
        "Đoàn công tác tỉnh Luông Pha Băng, tỉnh Hủa Phăn và Thủ đô Viêng Chăn (Lào) đã làm "
        "việc với tỉnh Xiêm Riệp (Campuchia), tỉnh Vân Nam và Khu tự trị Quảng Tây."
    )
    assert [(m.surface, m.entry.id) for m in gaz.find(text)] == [
        ("tỉnh Luông Pha Băng", "city/luang-prabang-province"),
        ("tỉnh Hủa Phăn", "city/houaphanh"),
        ("Thủ đô Viêng Chăn", "city/vientiane"),
        ("Lào", "country/laos"),
        ("tỉnh Xiêm Riệp", "city/siem-reap-province"),
        ("Campuchia", "country/cambodia"),
        ("tỉnh Vân Nam", "city/yunnan"),
        ("Khu tự trị Quảng Tây", "city/guangxi"),
    ]
    # a province named after its capital city: the "tỉnh" form is the province, the city keeps
    # its bare (English) name
    assert [e.id for e in gaz.lookup("Luông Pha Băng")] == ["city/luang-prabang-province"]
    assert [e.id for e in gaz.lookup("Luang Prabang")] == ["city/luang-prabang"]
    assert [e.id for e in gaz.lookup("tỉnh Viên Chăn")] == ["city/vientiane-province"]
    assert [e.id for e in gaz.lookup("Viên Chăn")] == ["city/vientiane"]
    assert ids(gaz.find("tỉnh Fukuoka và thành phố Fukuoka")) == [
        "city/fukuoka-prefecture",
        "city/fukuoka",
    ]
    assert ids(gaz.find("phủ Osaka, tỉnh Kanagawa, Gyeongsangbuk-do")) == [
        "city/osaka-prefecture",
        "city/kanagawa",
        "city/north-gyeongsang",
    ]
    luang_prabang = gaz.by_id["city/luang-prabang-province"]
    assert (luang_prabang.type, luang_prabang.kind, luang_prabang.country) == (
        "City",
        "province",
        "LA",
    )


def test_us_states_and_washington(gaz: Gazetteer):
    text = "Bang Virginia, bang California và tiểu bang New York; thành phố New York."
    assert [(m.surface, m.entry.id) for m in gaz.find(text)] == [
        ("Bang Virginia", "city/virginia"),
        ("bang California", "city/california"),
        ("tiểu bang New York", "city/new-york-state"),
        ("New York", "city/new-york-city"),
    ]
    for spelling in ("Washington D.C.", "Washington, D.C.", "Washington DC", "thủ đô Washington"):
        assert ids(gaz.find(f"Đoàn đến {spelling} hôm qua")) == ["city/washington-d-c"], spelling
    assert ids(gaz.find("bang Washington")) == ["city/washington-state"]
    assert gaz.find("Washington") == []  # the capital or the state: left to the context
    assert ids(gaz.find("bang Georgia và Georgia")) == ["city/state-of-georgia", "country/georgia"]
    assert ids(gaz.find("quận Fairfax, Arlington và Loudoun")) == [
        "city/fairfax-county",
        "city/arlington-county",
        "city/loudoun-county",
    ]
    virginia = gaz.by_id["city/virginia"]
    assert (virginia.kind, virginia.country, virginia.wikidata) == ("state", "US", "Q1370")


def test_vietnamese_state_bodies_and_companies(gaz: Gazetteer):
    text = (
        "Quốc hội đã thông qua luật; Chính phủ và Văn phòng Chính phủ, Bộ Ngoại giao và "
        "Bộ Ngoại giao Hoa Kỳ, Học viện Hành chính Quốc gia (NAPA), Tập đoàn FPT và Viettel."
    )
    assert ids(gaz.find(text)) == [
        "organization/quoc-hoi-viet-nam",
        "organization/chinh-phu-viet-nam",
        "organization/van-phong-chinh-phu",
        "organization/bo-ngoai-giao",
        "organization/us-department-of-state",
        "organization/hoc-vien-hanh-chinh-quoc-gia",
        "organization/hoc-vien-hanh-chinh-quoc-gia",
        "organization/fpt",
        "organization/viettel",
    ]
    assert [e.id for e in gaz.lookup("Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam")] == [
        "organization/quoc-hoi-viet-nam"
    ]
    assert [e.id for e in gaz.lookup("Vietnam Airlines")] == ["organization/vietnam-airlines"]
    assert ids(gaz.find("Tổng công ty Hàng không Việt Nam")) == ["organization/vietnam-airlines"]
    assert (
        ids(gaz.find("U.S. Department of Commerce, Bộ Thương mại Mỹ"))
        == ["organization/us-department-of-commerce"] * 2
    )
    assert gaz.by_id["organization/bo-xay-dung"].kind == "ministry"


def test_a_name_that_starts_with_a_shorter_spaced_name(gaz: Gazetteer):
    assert ids(gaz.find("Vietnam Airlines")) == ["organization/vietnam-airlines"]


def test_custom_paths(tmp_path: Path):
    path = tmp_path / "extra.tsv"
    path.write_text(
        "\t".join(COLUMNS) + "\nnetwork/test-net\tNetwork\tnetwork\tTest Net\tTN\t\t\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer([path])
    assert gaz.entries == [
        GazetteerEntry("network/test-net", "Network", "network", "Test Net", ("TN",))
    ]
    assert ids(gaz.find("TN and Test Net")) == ["network/test-net"] * 2


def test_files_without_the_within_column_still_load(tmp_path: Path):
    path = tmp_path / "old.tsv"
    path.write_text(
        "\t".join(COLUMNS[:-1])
        + "\ncity/x-ville\tCity\tcity\tX Ville\t\tVN\tQ1\n"
        + "city/y-ville\tCity\tcity\tY Ville\t\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer([path])
    assert gaz.entries == [
        GazetteerEntry("city/x-ville", "City", "city", "X Ville", (), "VN", "Q1"),
        GazetteerEntry("city/y-ville", "City", "city", "Y Ville"),
    ]
    assert [e.within for e in gaz.entries] == ["", ""]
    path.write_text(
        "\t".join(COLUMNS) + "\ncity/z\tCity\tcity\tZ\t\tVN\t\tcity/x-ville\n",
        encoding="utf-8",
    )
    (z,) = load_gazetteer([path]).entries
    assert z.within == "city/x-ville"


def test_bad_type_is_refused(tmp_path: Path):
    path = tmp_path / "bad.tsv"
    path.write_text("\t".join(COLUMNS) + "\nperson/x\tPerson\tp\tX\t\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown type"):
        load_gazetteer([path])


def test_matching_speed(gaz: Gazetteer):
    paragraph = (
        "Sáng nay, UBND TP Đà Nẵng tiếp đoàn công tác của CityNet và Ngân hàng Thế giới để "
        "bàn về quy hoạch đô thị, quản lý môi trường và ứng phó với biến đổi khí hậu. "
        "The mayor of Yokohama met officials from Colombo to discuss waste management. "
    )
    text = paragraph * (1_000_000 // len(paragraph))
    start = time.perf_counter()
    found = gaz.find(text)
    elapsed = time.perf_counter() - start
    assert len(found) == 5 * (1_000_000 // len(paragraph))
    assert len(text.encode()) / elapsed > 1_000_000  # ≥ 1 MB/s even on a slow runner


# -- the matcher on small gazetteers, and the cache of its tables -------------------------------
def entry(id_: str, name: str, *aliases: str) -> GazetteerEntry:
    type_ = {"city": "City", "network": "Network", "organization": "Organization"}[
        id_.split("/")[0]
    ]
    return GazetteerEntry(id_, type_, type_.lower(), name, aliases)


def test_the_tokens_of_a_name_match_across_joiners():
    gaz = Gazetteer([entry("network/test-net", "Test Net"), entry("city/x", "Alpha & Omega")])
    for spelling in (
        "Test Net",
        "Test  Net",
        "Test.Net",
        "Test. Net",
        "Test-Net",
        "Test – Net",
        "Test\u00a0Net",
        "Test'Net",
        "Test\u2019Net",
        "Test\nNet",
        "TestNet",
        "TEST NET",
    ):
        (m,) = gaz.find(f"({spelling})")
        assert (m.surface, m.entry.id) == (spelling, "network/test-net"), spelling
    # other characters join only the names that write them: "&" joins Alpha & Omega, not Test Net
    for spelling in ("Test, Net", "Test & Net", "Test/Net", "Test_Net", "Te st Net", "Tes tNet"):
        assert gaz.find(spelling) == [], spelling
    for spelling in ("Alpha & Omega", "Alpha&Omega", "Alpha-&-Omega", "AlphaOmega"):
        assert [m.surface for m in gaz.find(f"in {spelling}.")] == [spelling], spelling
    assert gaz.find("Alpha, Omega") == []
    # a name is matched at word boundaries only, an underscore being part of a word
    assert gaz.find("Test Nets, ATest Net, _Test Net, Test Net_") == []


def test_a_name_rejected_for_its_case_falls_back_to_a_shorter_one():
    gaz = Gazetteer(
        [
            entry("network/abg", "Alpha Beta Gamma"),
            entry("city/ab", "Alpha Beta", "alpha beta"),
            entry("organization/gu", "GU"),
            entry("city/gamma-unit", "gamma unit"),
        ]
    )
    assert [(m.surface, m.entry.id) for m in gaz.find("Alpha Beta Gamma")] == [
        ("Alpha Beta Gamma", "network/abg")
    ]
    # the whole name wants its capital; the shorter one from the same word is any case
    assert [(m.surface, m.entry.id) for m in gaz.find("alpha beta Gamma")] == [
        ("alpha beta", "city/ab")
    ]
    # all-caps abbreviations match only in capitals; then the scan goes on from the next word
    assert [(m.surface, m.entry.id) for m in gaz.find("gu, GU and gamma unit")] == [
        ("GU", "organization/gu"),
        ("gamma unit", "city/gamma-unit"),
    ]


def write_tsv(path: Path, *rows: str) -> Path:
    path.write_text("\t".join(COLUMNS) + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


NET_ROW = "network/test-net\tNetwork\tnetwork\tTest Net\tTN\t\t\t"


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("gazetteer-*.bin"))


def no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make building the gazetteer from its files fail: what loads now comes from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("built, not read from the cache")

    monkeypatch.setattr(gazetteer_module, "_matcher_tables", refuse)


def test_the_cache_is_written_once_and_read_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("UCN_CACHE_DIR", str(tmp_path / "cache"))
    path = write_tsv(tmp_path / "nets.tsv", NET_ROW)
    built = load_gazetteer([path])
    (cached,) = cache_files(tmp_path / "cache")
    no_building(monkeypatch)
    loaded = load_gazetteer([path])
    assert loaded.entries == built.entries
    assert ids(loaded.find("TN and Test-Net")) == ["network/test-net"] * 2
    assert [e.id for e in loaded.lookup("testnet")] == ["network/test-net"]
    assert cache_files(tmp_path / "cache") == [cached]
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.endswith(".tmp")]


def test_the_shipped_gazetteer_from_the_cache_finds_what_a_fresh_one_finds(
    gaz: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("UCN_CACHE_DIR", str(tmp_path))
    load_gazetteer()
    no_building(monkeypatch)
    cached = load_gazetteer()
    text = (
        "Đoàn công tác của UBND TP.HCM, Bà Rịa–Vũng Tàu và Washington, D.C. đã làm việc với "
        "UN-Habitat tại Yokohama, Nhật Bản; Vietnam Airlines, thủ đô Hà Nội, mạng lưới CityNet."
    )
    assert cached.find(text) == gaz.find(text)
    assert cached.entries == gaz.entries
    assert cached.lookup("Sài Gòn") == gaz.lookup("Sài Gòn")


def test_a_changed_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("UCN_CACHE_DIR", str(tmp_path / "cache"))
    path = write_tsv(tmp_path / "nets.tsv", NET_ROW)
    assert ids(load_gazetteer([path]).find("Test Net")) == ["network/test-net"]
    write_tsv(path, "network/other-net\tNetwork\tnetwork\tOther Net\t\t\t\t")
    gaz = load_gazetteer([path])
    assert gaz.find("Test Net") == []
    assert ids(gaz.find("Other Net")) == ["network/other-net"]
    assert len(cache_files(tmp_path / "cache")) == 2  # one per content; the old one is harmless


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),
        lambda data: b"not a cache at all" * 100,
    ],
    ids=["empty", "truncated", "one-bit", "garbage"],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
):
    monkeypatch.setenv("UCN_CACHE_DIR", str(tmp_path / "cache"))
    path = write_tsv(tmp_path / "nets.tsv", NET_ROW)
    load_gazetteer([path])
    (cached,) = cache_files(tmp_path / "cache")
    good = cached.read_bytes()
    cached.write_bytes(damage(good))
    assert ids(load_gazetteer([path]).find("TN, Test Net")) == ["network/test-net"] * 2
    assert cached.read_bytes() == good  # built again and written in its place


def test_a_cache_of_another_shape_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Well-formed cached data that this version cannot use (as an older version might have
    written under the same name) is built again."""
    monkeypatch.setenv("UCN_CACHE_DIR", str(tmp_path / "cache"))
    path = write_tsv(tmp_path / "nets.tsv", NET_ROW)
    load_gazetteer([path])
    (cached,) = cache_files(tmp_path / "cache")
    digest = cached.stem.removeprefix("gazetteer-")
    for value in (
        (1, 2),
        ("rows", {}, {}, {}),
        ((("too", "short"),), {}, {}, {}),
        ((), {}, {"test": 5}, {}),
        ((), {"testnet": ((7, "any"),)}, {}, {}),
    ):
        assert cache.write("gazetteer", digest, value) == cached
        assert ids(load_gazetteer([path]).find("Test Net")) == ["network/test-net"]


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = write_tsv(tmp_path / "nets.tsv", NET_ROW)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    # the folder cannot be created (its parent is a file): built in memory, every time
    monkeypatch.setenv("UCN_CACHE_DIR", str(blocker / "cache"))
    for _ in range(2):
        assert ids(load_gazetteer([path]).find("Test Net")) == ["network/test-net"]
    # a read-only folder that holds the tables: read from there
    folder = tmp_path / "read-only"
    monkeypatch.setenv("UCN_CACHE_DIR", str(folder))
    load_gazetteer([path])
    folder.chmod(0o555)
    try:
        for p in cache_files(folder):
            p.chmod(0o444)
        with monkeypatch.context() as m:
            no_building(m)
            assert ids(load_gazetteer([path]).find("Test Net")) == ["network/test-net"]
        # ... and a changed file is built in memory beside it
        write_tsv(path, "network/other-net\tNetwork\tnetwork\tOther Net\t\t\t\t")
        assert ids(load_gazetteer([path]).find("Other Net")) == ["network/other-net"]
    finally:
        folder.chmod(0o755)
    # without a home folder: no cache
    monkeypatch.delenv("UCN_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_dir() is None
    assert ids(load_gazetteer([path]).find("Other Net")) == ["network/other-net"]


def test_processes_building_at_once_share_one_cache(tmp_path: Path):
    folder = tmp_path / "cache"
    path = write_tsv(tmp_path / "nets.tsv", NET_ROW)
    script = (
        "import sys; from ucn.loaders.gazetteer import load_gazetteer; "
        "print(len(load_gazetteer([sys.argv[1]]).find('TN, Test Net')))"
    )
    env = {**os.environ, "UCN_CACHE_DIR": str(folder)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path)], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    assert [run.communicate(timeout=120)[0].strip() for run in runs] == ["2"] * 4
    assert [run.returncode for run in runs] == [0] * 4
    assert len(cache_files(folder)) == 1
    assert [p.name for p in folder.iterdir() if not p.name.startswith("gazetteer-")] == []


def test_a_name_that_starts_with_its_unit_may_write_the_unit_in_lower_case(gaz: Gazetteer):
    found = gaz.find("quan hệ giữa thành phố Hồ Chí Minh và tỉnh Aichi")
    assert (found[0].surface, found[0].entry.id) == (
        "thành phố Hồ Chí Minh",
        "city/ho-chi-minh",
    )
    # the capital-first rule still holds for names that do not start with a unit
    assert gaz.find("vì hòa bình và hữu nghị") == []
