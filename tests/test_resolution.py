"""Identity across articles: variants of one name join at load time, a curator's decisions
(merge, apart, alias) survive every reload and a forget, and the report proposes the rest.

The articles here are extraction documents written for these tests, so that each case says
exactly which names two articles gave; the text cases go through the extractor."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import ucn
from ucn.cli import main
from ucn.graph.decisions import Decision, DecisionError, Decisions, remap
from ucn.graph.document import parse_document
from ucn.graph.ids import slugify
from ucn.loaders.abbreviations import expand


def doc(article: str, entities: list[tuple[str, str, str]], relations=(), **article_fields: Any):
    """An extraction document: entities as (id, type, name), relations as (type, source,
    target, sentence)."""
    return {
        "article": {"id": article, "title": f"Bài {article}", "lang": "vi", **article_fields},
        "entities": [
            {"id": i, "type": t, "name": n, **({"aliases": a} if (a := _aliases(n)) else {})}
            for i, t, n in entities
        ],
        "relations": [
            {"type": t, "source": s, "target": o, "evidence": e, "confidence": 0.9}
            for t, s, o, e in relations
        ],
    }


def _aliases(name: str) -> list[str]:
    return [name.split("(")[1].rstrip(")")] if "(" in name else []


def event_doc(
    article: str, name: str, date: str | None = None, place: str | None = None, suffix: str = ""
) -> dict[str, Any]:
    """A document telling of one event, with the id the extractor would give it (its name,
    and `suffix`: the date or year it carries)."""
    properties = {k: v for k, v in (("date", date), ("location", place)) if v}
    entity = {"id": "event/" + slugify(f"{name} {suffix}"), "type": "Event", "name": name}
    return {
        "article": {"id": article, "lang": "vi"},
        "entities": [{**entity, "properties": properties}],
        "relations": [],
    }


def write_docs(folder: Path, *docs: dict[str, Any]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for d in docs:
        path = folder / f"{d['article']['id']}.json"
        path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def run(tmp_path: Path, *args: str, ok: bool = True) -> Any:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "g.db"), *args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


def nodes(tmp_path: Path, label: str) -> list[dict[str, Any]]:
    with ucn.open_store(db=str(tmp_path / "g.db")) as store:
        return store.run(
            f"MATCH (n:{label}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases, "
            "n.sources AS sources ORDER BY id"
        )


def evidence(tmp_path: Path) -> list[tuple[str, str, list[str], list[str]]]:
    with ucn.open_store(db=str(tmp_path / "g.db")) as store:
        rows = store.run(
            "MATCH (x)-[r:PARTICIPATED_IN]->(y) RETURN x.id AS a, y.id AS b, "
            "r.sources AS sources, r.evidence AS evidence ORDER BY a, b"
        )
    return [(r["a"], r["b"], sorted(r["sources"]), sorted(r["evidence"])) for r in rows]


MEETING = ("event/hoi-nghi-do-thi-xanh-2024", "Event", "Hội nghị Đô thị Xanh 2024")
ORDER_A = doc(
    "a1",
    [("person/tanaka-hiroshi", "Person", "Tanaka Hiroshi"), MEETING],
    [("PARTICIPATED_IN", "person/tanaka-hiroshi", MEETING[0], "Ông Tanaka dự hội nghị.")],
)
ORDER_B = doc(
    "a2",
    [("person/hiroshi-tanaka", "Person", "Hiroshi Tanaka"), MEETING],
    [("PARTICIPATED_IN", "person/hiroshi-tanaka", MEETING[0], "Hiroshi Tanaka phát biểu.")],
)


# -- at load time -----------------------------------------------------------------------------
def test_a_name_in_the_other_order_joins_the_node_another_article_made(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", ORDER_A, ORDER_B)
    out = run(tmp_path, "load", str(tmp_path / "in"))
    assert "1 joined" in out.output
    people = nodes(tmp_path, "Person")
    assert [p["id"] for p in people] == ["person/tanaka-hiroshi"]
    assert people[0]["aliases"] == ["Hiroshi Tanaka"]
    assert sorted(people[0]["sources"]) == ["a1", "a2"]
    (fact,) = evidence(tmp_path)
    assert fact[2] == ["a1", "a2"] and len(fact[3]) == 2


def test_without_resolution_the_two_orders_stay_two_nodes(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", ORDER_A, ORDER_B)
    run(tmp_path, "load", "--no-resolve", str(tmp_path / "in"))
    assert len(nodes(tmp_path, "Person")) == 2


def test_two_people_who_share_a_family_name_stay_apart(tmp_path: Path) -> None:
    write_docs(
        tmp_path / "in",
        doc("b1", [("person/nguyen-van-an", "Person", "Nguyễn Văn An")]),
        doc("b2", [("person/nguyen-van-anh", "Person", "Nguyễn Văn Anh")]),
        doc("b3", [("person/an-nguyen", "Person", "An Nguyễn")]),
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    assert len(nodes(tmp_path, "Person")) == 3
    report = run(tmp_path, "resolve", "--format", "json")
    assert json.loads(report.output) == []


def test_an_acronym_defined_once_names_the_body_in_another_article(tmp_path: Path) -> None:
    write_docs(
        tmp_path / "in",
        doc(
            "c1",
            [
                (
                    "organization/hiep-hoi-do-thi-ven-bien",
                    "Organization",
                    "Hiệp hội Đô thị Ven biển (HDVB)",
                )
            ],
        ),
        doc("c2", [("organization/hdvb", "Organization", "HDVB")]),
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    (body,) = nodes(tmp_path, "Organization")
    assert body["id"] == "organization/hiep-hoi-do-thi-ven-bien"
    assert sorted(body["sources"]) == ["c1", "c2"]


def test_an_acronym_two_bodies_claim_joins_neither(tmp_path: Path) -> None:
    write_docs(
        tmp_path / "in",
        doc(
            "d1",
            [("organization/quy-phat-trien-song", "Organization", "Quỹ Phát triển Sông (QPS)")],
        ),
        doc(
            "d2",
            [("organization/quy-phu-nu-sang-tao", "Organization", "Quỹ Phụ nữ Sáng tạo (QPS)")],
        ),
        doc("d3", [("organization/qps", "Organization", "QPS")]),
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    assert len(nodes(tmp_path, "Organization")) == 3


def test_abbreviations_are_written_out_so_both_spellings_meet(tmp_path: Path) -> None:
    assert expand("Sở VH-TT-DL tỉnh Lâm Đồng") == "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng"
    assert expand("Sở TN và MT tỉnh Kon Tum") == "Sở Tài nguyên và Môi trường tỉnh Kon Tum"
    assert expand("Viện Nghiên cứu ABC") == "Viện Nghiên cứu ABC"  # not in the table
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Lâm Đồng đón đoàn Lào\nNgày 2/5/2024, Sở VHTT&DL tỉnh Lâm Đồng tiếp đoàn công tác "
        "của tỉnh Luang Prabang.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Lễ hội hoa\nSở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng tổ chức lễ hội hoa năm "
        "2024 cùng thành phố Đà Lạt.\n",
        encoding="utf-8",
    )
    run(tmp_path, "load", str(folder))
    bodies = [n for n in nodes(tmp_path, "Organization") if "lam-dong" in n["id"]]
    assert len(bodies) == 1
    assert bodies[0]["name"] == "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng"
    assert len(bodies[0]["sources"]) == 2


def test_the_ministry_under_its_short_and_long_names_is_one_node(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Hợp tác văn hóa\nBộ VHTT&DL ký thỏa thuận hợp tác với thành phố Huế năm 2024.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Liên hoan\nBộ Văn hóa, Thể thao và Du lịch phối hợp với TP Cần Thơ tổ chức liên "
        "hoan ẩm thực.\n",
        encoding="utf-8",
    )
    run(tmp_path, "load", str(folder))
    ministries = [
        n for n in nodes(tmp_path, "Organization") if n["id"].startswith("organization/bo-van-hoa")
    ]
    assert len(ministries) == 1 and len(ministries[0]["sources"]) == 2


def test_a_named_meeting_joins_across_articles_only_with_compatible_dates(tmp_path: Path) -> None:
    def meeting(article: str, date: str | None) -> dict[str, Any]:
        return event_doc(article, "Diễn đàn Sông Mekong lần 3", date, suffix=date or "")

    write_docs(
        tmp_path / "in",
        meeting("e1", "2023-05-02"),
        meeting("e2", None),  # numbered, no date: agrees with the first
        meeting("e3", "2025-05-02"),  # another year: another occasion
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    assert sorted(sorted(e["sources"]) for e in nodes(tmp_path, "Event")) == [
        ["e1", "e2"],
        ["e3"],
    ]


def test_a_named_meeting_with_no_time_to_place_it_joins_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, city in (("a.txt", "Huế"), ("b.txt", "Cần Thơ")):
        (folder / name).write_text(
            f"Hội thảo tại {city}\nThành phố {city} đăng cai Hội thảo Quy hoạch Ven sông, với "
            "sự tham gia của các chuyên gia Hà Lan.\n",
            encoding="utf-8",
        )
    run(tmp_path, "load", str(folder))
    workshops = [e for e in nodes(tmp_path, "Event") if "Ven sông" in e["name"]]
    assert len(workshops) == 2 and all(len(e["sources"]) == 1 for e in workshops)


def test_a_year_in_the_name_is_a_date_too(tmp_path: Path) -> None:
    def forum(article: str, name: str, date: str | None) -> dict[str, Any]:
        return event_doc(article, name, date, suffix=date or "")

    write_docs(
        tmp_path / "in",
        forum("q1", "Diễn đàn Đô thị 2024", "2009"),  # a wrong date read elsewhere
        forum("q2", "Diễn đàn Đô thị 2024", None),
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    assert len(nodes(tmp_path, "Event")) == 2


# -- the curator's decisions ------------------------------------------------------------------
AN = ("person/tran-thi-binh", "Person", "Trần Thị Bình")
BINH = ("person/tran-binh", "Person", "Trần Bình")
FIRST = doc("f1", [AN, MEETING], [("PARTICIPATED_IN", AN[0], MEETING[0], "Bà Bình dự họp.")])
SECOND = doc("f2", [BINH, MEETING], [("PARTICIPATED_IN", BINH[0], MEETING[0], "Trần Bình nói.")])
THIRD = doc("f3", [BINH], [])


def test_a_curated_merge_keeps_every_source_and_survives_forget_and_reload(
    tmp_path: Path,
) -> None:
    write_docs(tmp_path / "in", FIRST, SECOND, THIRD)
    run(tmp_path, "load", str(tmp_path / "in"))
    assert len(nodes(tmp_path, "Person")) == 2
    out = run(tmp_path, "resolve", "merge", "Trần Thị Bình", "person/tran-binh", "--note", "one")
    assert "recorded merge person/tran-thi-binh person/tran-binh" in out.output
    (person,) = nodes(tmp_path, "Person")
    assert person["id"] == AN[0] and person["name"] == "Trần Thị Bình"
    assert person["aliases"] == ["Trần Bình"] and sorted(person["sources"]) == ["f1", "f2", "f3"]
    assert evidence(tmp_path) == [
        (AN[0], MEETING[0], ["f1", "f2"], ["Bà Bình dự họp.", "Trần Bình nói."])
    ]
    merged = evidence(tmp_path)

    run(tmp_path, "forget", "f1")
    (person,) = nodes(tmp_path, "Person")
    assert person["id"] == AN[0] and sorted(person["sources"]) == ["f2", "f3"]
    assert evidence(tmp_path) == [(AN[0], MEETING[0], ["f2"], ["Trần Bình nói."])]

    # the decision is in the file beside the database: a fresh load applies it
    assert (tmp_path / "g.decisions.csv").exists()
    for leftover in tmp_path.glob("g.db*"):
        leftover.unlink()
    run(tmp_path, "load", str(tmp_path / "in"))
    assert [p["id"] for p in nodes(tmp_path, "Person")] == [AN[0]]
    assert evidence(tmp_path) == merged
    again = run(tmp_path, "load", str(tmp_path / "in"))
    assert "0 nodes and 0 relations added, 0 nodes and 0 relations updated" in again.output


def test_a_merge_gives_the_graph_a_load_with_the_decision_would_have(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_docs(folder, FIRST, SECOND, THIRD)
    decided = Decisions([Decision("merge", AN[0], BINH[0])])
    with ucn.open_store(db=str(tmp_path / "after.db")) as store:
        ucn.load_paths(store, [folder])
        from ucn.graph.decisions import apply_to_store

        articles, _ = apply_to_store(store, decided)
        assert articles == 2
        after = store.to_networkx()
    with ucn.open_store(db=str(tmp_path / "first.db")) as store:
        ucn.load_paths(store, [folder], decisions=decided)
        first = store.to_networkx()
    assert dict(after.nodes(data=True)) == dict(first.nodes(data=True))
    assert sorted(after.edges(keys=True, data=True), key=str) == sorted(
        first.edges(keys=True, data=True), key=str
    )


def test_apart_stops_the_automatic_join(tmp_path: Path) -> None:
    (tmp_path / "g.decisions.csv").write_text(
        "decision,id,other,name,note\napart,person/tanaka-hiroshi,person/hiroshi-tanaka,,two men\n",
        encoding="utf-8",
    )
    write_docs(tmp_path / "in", ORDER_A, ORDER_B)
    run(tmp_path, "load", str(tmp_path / "in"))
    assert len(nodes(tmp_path, "Person")) == 2
    assert json.loads(run(tmp_path, "resolve", "--format", "json").output) == []


def test_an_alias_decision_sends_a_name_to_its_node(tmp_path: Path) -> None:
    write_docs(
        tmp_path / "in",
        doc("g1", [("organization/so-xay-dung-ha-noi", "Organization", "Sở Xây dựng Hà Nội")]),
        doc("g2", [("organization/so-xd-hn", "Organization", "Sở XD HN")]),
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    run(tmp_path, "resolve", "alias", "organization/so-xay-dung-ha-noi", "Sở XD HN")
    (body,) = nodes(tmp_path, "Organization")
    assert body["aliases"] == ["Sở XD HN"] and sorted(body["sources"]) == ["g1", "g2"]
    listed = run(tmp_path, "resolve", "list", "--format", "csv").output
    assert "alias,organization/so-xay-dung-ha-noi,Sở XD HN" in listed


def test_the_report_lists_look_alikes_and_accept_takes_the_filled_in_rows(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", ORDER_A, ORDER_B, FIRST)
    run(tmp_path, "load", "--no-resolve", str(tmp_path / "in"))
    report = tmp_path / "report.csv"
    run(tmp_path, "resolve", "--report", "-o", str(report))
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [(r["id"], r["other"], r["reason"]) for r in rows] == [
        ("person/hiroshi-tanaka", "person/tanaka-hiroshi", "name order")
    ] or [(r["id"], r["other"], r["reason"]) for r in rows] == [
        ("person/tanaka-hiroshi", "person/hiroshi-tanaka", "name order")
    ]
    assert rows[0]["id_evidence"] and rows[0]["other_evidence"]
    rows[0]["decision"] = "merge"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    report.write_text(out.getvalue(), encoding="utf-8")
    run(tmp_path, "resolve", "accept", str(report))
    assert len(nodes(tmp_path, "Person")) == 2  # Tanaka, and Trần Thị Bình of FIRST
    assert json.loads(run(tmp_path, "resolve", "--format", "json").output) == []


def test_a_bad_decisions_file_is_one_line_and_nothing_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "g.decisions.csv").write_text(
        "decision,id,other,name,note\nmerge,person/a-b,person/b-a,,\njoin,person/x,person/y,,\n",
        encoding="utf-8",
    )
    write_docs(tmp_path / "in", ORDER_A)
    result = run(tmp_path, "load", str(tmp_path / "in"), ok=False)
    assert result.exit_code == 1
    assert "g.decisions.csv, line 3: unknown decision 'join'" in result.output
    assert not (tmp_path / "g.db").exists()


def test_decisions_that_contradict_each_other_are_refused() -> None:
    decisions = Decisions([Decision("apart", "person/a-b", "person/c-d")])
    with pytest.raises(DecisionError, match="decided apart"):
        decisions.add(Decision("merge", "person/a-b", "person/c-d"))
    with pytest.raises(DecisionError, match="a City is not a Person"):
        decisions.add(Decision("merge", "person/a-b", "city/hue"))
    with pytest.raises(DecisionError, match="not the id of an entity"):
        decisions.add(Decision("merge", "article-7", "person/c-d"))
    chain = Decisions(
        [Decision("merge", "person/b", "person/c"), Decision("merge", "person/a", "person/b")]
    )
    assert chain.target("person/c") == "person/a"


def test_a_merge_drops_the_fact_that_would_tie_a_node_to_itself() -> None:
    document = parse_document(
        doc(
            "h1",
            [
                ("organization/x", "Organization", "Viện X"),
                ("organization/y", "Organization", "Viện Y"),
            ],
            [("PARTNER_OF", "organization/x", "organization/y", "Viện X hợp tác với Viện Y.")],
        )
    )
    merged = remap(document, {"organization/y": "organization/x"})
    assert [e.id for e in merged.entities] == ["organization/x"]
    assert merged.entities[0].aliases == ("Viện Y",)
    assert merged.relations == ()


def test_the_store_gives_back_what_each_article_supplied(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", FIRST, SECOND)
    with ucn.open_store(db=str(tmp_path / "g.db")) as store:
        ucn.load_paths(store, [tmp_path / "in"])
        before = store.to_networkx()
        second = store.document("f2")
        assert second is not None
        assert {e.name for e in second.entities} == {"Trần Bình", MEETING[2]}
        assert [r.evidence for r in second.relations] == ["Trần Bình nói."]
        assert store.document("no-such-article") is None
        store.rewrite(["f1", "f2"], lambda d: d)
        after = store.to_networkx()
    assert dict(before.nodes(data=True)) == dict(after.nodes(data=True))


def test_a_form_of_address_does_not_make_another_person(tmp_path: Path) -> None:
    write_docs(
        tmp_path / "in",
        doc("i1", [("person/maria-lopez", "Person", "Maria Lopez")]),
        doc("i2", [("person/dr-maria-lopez", "Person", "Dr. Maria Lopez")]),
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    (person,) = nodes(tmp_path, "Person")
    assert person["id"] == "person/maria-lopez" and person["aliases"] == ["Dr. Maria Lopez"]


def test_a_named_meeting_in_two_places_is_two_occasions(tmp_path: Path) -> None:
    def forum(article: str, place: str, date: str | None = None) -> dict[str, Any]:
        return event_doc(article, "Diễn đàn Đô thị Thông minh 2019", date, place, date or "")

    dated = forum("j1", "Huế", "2019-06-01")
    write_docs(tmp_path / "elsewhere", dated, forum("j2", "Cần Thơ"))
    run(tmp_path, "load", str(tmp_path / "elsewhere"))
    assert len(nodes(tmp_path, "Event")) == 2
    for leftover in tmp_path.glob("g.db*"):
        leftover.unlink()
    write_docs(tmp_path / "same-place", dated, forum("j3", "Huế"))
    run(tmp_path, "load", str(tmp_path / "same-place"))
    (event,) = nodes(tmp_path, "Event")
    assert sorted(event["sources"]) == ["j1", "j3"]


def test_a_merge_keeps_a_partnership_in_id_order() -> None:
    document = parse_document(
        doc(
            "k1",
            [
                ("city/zeta", "City", "Zeta"),
                ("city/beta", "City", "Beta"),
                ("city/alpha", "City", "Alpha"),
            ],
            [("PARTNER_OF", "city/zeta", "city/beta", "Zeta và Beta kết nghĩa.")],
        )
    )
    (fact,) = document.relations
    assert (fact.source, fact.target) == ("city/beta", "city/zeta")
    # Beta becomes Ypsilon: the pair is written again in id order
    merged = remap(document, {"city/beta": "city/ypsilon"})
    assert [(r.source, r.target) for r in merged.relations] == [("city/ypsilon", "city/zeta")]
    merged = remap(document, {"city/zeta": "city/alpha"})
    assert [(r.source, r.target) for r in merged.relations] == [("city/alpha", "city/beta")]


def test_apart_splits_a_join_made_before_the_decision(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", ORDER_A, ORDER_B)
    run(tmp_path, "load", str(tmp_path / "in"))
    assert len(nodes(tmp_path, "Person")) == 1
    run(tmp_path, "resolve", "apart", "person/tanaka-hiroshi", "person/hiroshi-tanaka")
    people = nodes(tmp_path, "Person")
    assert [(p["id"], p["sources"]) for p in people] == [
        ("person/hiroshi-tanaka", ["a2"]),
        ("person/tanaka-hiroshi", ["a1"]),
    ]


def test_names_in_the_other_order_join_only_where_one_is_a_family_name_put_first(
    tmp_path: Path,
) -> None:
    write_docs(
        tmp_path / "in",
        doc("l1", [("person/paul-thomas", "Person", "Paul Thomas")]),
        doc("l2", [("person/thomas-paul", "Person", "Thomas Paul")]),
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    assert len(nodes(tmp_path, "Person")) == 2  # maybe two people: the report proposes them
    rows = json.loads(run(tmp_path, "resolve", "--format", "json").output)
    assert [(r["id"], r["other"], r["reason"]) for r in rows] == [
        ("person/paul-thomas", "person/thomas-paul", "order")
    ] or [(r["other"], r["id"], r["reason"]) for r in rows] == [
        ("person/paul-thomas", "person/thomas-paul", "order")
    ]


def test_an_acronym_node_does_not_take_a_second_full_name(tmp_path: Path) -> None:
    write_docs(
        tmp_path / "in",
        doc("m1", [("organization/qcd", "Organization", "QCD")]),
        doc("m2", [("organization/quy-cay-dua", "Organization", "Quỹ Cây Dừa (QCD)")]),
        doc("m3", [("organization/quy-cau-duong", "Organization", "Quỹ Cầu Đường (QCD)")]),
    )
    run(tmp_path, "load", str(tmp_path / "in"))
    bodies = {n["id"]: sorted(n["sources"]) for n in nodes(tmp_path, "Organization")}
    assert bodies == {"organization/qcd": ["m1", "m2"], "organization/quy-cau-duong": ["m3"]}


def test_an_event_the_graph_holds_under_its_own_id_stays_there(tmp_path: Path) -> None:
    def forum(article: str, date: str | None) -> dict[str, Any]:
        return event_doc(article, "Hội chợ Đô thị Xanh", date, suffix=(date or "")[:4])

    for article, date in (("n1", "2018-03-01"), ("n2", "2022-03-01"), ("n3", None)):
        write_docs(tmp_path / article, forum(article, date))
        run(tmp_path, "load", str(tmp_path / article))
    write_docs(tmp_path / "n4", forum("n4", "2018-03-01"))
    run(tmp_path, "load", str(tmp_path / "n4"))
    events = {e["id"]: sorted(e["sources"]) for e in nodes(tmp_path, "Event")}
    assert events["event/hoi-cho-do-thi-xanh-2018"] == ["n1", "n4"]


def test_a_bad_row_of_an_accepted_report_is_named_by_its_line(tmp_path: Path) -> None:
    write_docs(tmp_path / "in", FIRST)
    run(tmp_path, "load", str(tmp_path / "in"))
    report = tmp_path / "report.csv"
    report.write_text(
        "decision,id,other,name,note\n,person/a,person/b,,\n,person/c,person/d,,\n"
        "join,person/e,person/f,,\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "resolve", "accept", str(report), ok=False)
    assert result.exit_code == 1
    assert "report.csv, line 4: unknown decision 'join'" in result.output
    assert not (tmp_path / "g.decisions.csv").exists()


def test_a_merge_leaves_the_names_of_other_nodes_as_they_were(tmp_path: Path) -> None:
    hue_long = ("city/hue", "City", "Thành phố Huế")
    hue_short = ("city/hue", "City", "Huế")
    write_docs(
        tmp_path / "in",
        doc("o1", [hue_long, AN], [("WORKS_FOR", AN[0], "city/hue", "Bà Bình làm ở Huế.")]),
        doc("o2", [hue_short, BINH], [("WORKS_FOR", BINH[0], "city/hue", "Ông Bình ở Huế.")]),
    )
    run(tmp_path, "load", str(tmp_path / "in" / "o1.json"))
    run(tmp_path, "load", str(tmp_path / "in" / "o2.json"))
    run(tmp_path, "resolve", "merge", AN[0], BINH[0])
    (city,) = nodes(tmp_path, "City")
    assert city["name"] == "Thành phố Huế" and city["sources"] == ["o1", "o2"]
    with ucn.open_store(db=str(tmp_path / "g.db")) as store:
        (fact,) = store.run("MATCH (p:Person)-[r:WORKS_FOR]->(c:City) RETURN r.sources AS s")
    assert fact["s"] == ["o1", "o2"]
