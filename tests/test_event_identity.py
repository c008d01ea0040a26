"""Event identity across articles: an event belongs to its article unless its name tells one
occasion from others (a number, a proper name, a quoted title), so that generic heads ("cuộc
họp báo", "the meeting") never join two articles' events into one node."""

from __future__ import annotations

from pathlib import Path

import ucn
from ucn.loaders.events import distinctive


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def events_in(tmp_path: Path, *articles: tuple[str, str]) -> list[dict[str, object]]:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in articles:
        write(folder, name, text)
    with ucn.open_store(db=str(tmp_path / "ucn.db")) as store:
        report = ucn.load_paths(store, [folder])
        assert not report.failures, report.failures
        return store.run(
            "MATCH (e:Event) OPTIONAL MATCH (a:Article)-[:MENTIONS]->(e) "
            "RETURN e.id AS id, e.name AS name, count(a) AS articles ORDER BY id"
        )


def test_generic_and_distinctive_names() -> None:
    assert not distinctive("cuộc họp báo")
    assert not distinctive("lễ hội")
    assert not distinctive("the meeting")
    assert distinctive("Hội nghị APEC")
    assert distinctive("Diễn đàn Đô thị lần thứ 3")
    assert distinctive("CityNet Congress")


def test_a_press_conference_in_two_articles_is_two_events(tmp_path: Path) -> None:
    rows = events_in(
        tmp_path,
        (
            "a.txt",
            "Huế tổ chức họp báo\nNgày 3/3/2024, UBND TP Huế tổ chức cuộc họp báo về lễ hội "
            "mùa hè.\n",
        ),
        (
            "b.txt",
            "Đà Nẵng tổ chức họp báo\nNgày 3/3/2024, UBND TP Đà Nẵng tổ chức cuộc họp báo về "
            "chương trình du lịch.\n",
        ),
    )
    press = [r for r in rows if str(r["name"]).startswith("cuộc họp báo")]
    assert len(press) == 2
    assert all(r["articles"] == 1 for r in press)


def test_a_named_conference_told_by_two_articles_is_one_event(tmp_path: Path) -> None:
    rows = events_in(
        tmp_path,
        (
            "a.txt",
            "Hội nghị ở Đà Nẵng\nNgày 5/6/2024, Đà Nẵng tổ chức Hội nghị Thành phố Xanh 2024 với "
            "sự tham dự của Huế.\n",
        ),
        (
            "b.txt",
            "Huế dự hội nghị\nNgày 5/6/2024, đoàn Huế tham dự Hội nghị Thành phố Xanh 2024 do Đà "
            "Nẵng tổ chức.\n",
        ),
    )
    named = [r for r in rows if str(r["name"]).startswith("Hội nghị Thành phố Xanh")]
    assert len(named) == 1
    assert named[0]["articles"] == 2


def test_a_target_year_dates_no_event(tmp_path: Path) -> None:
    rows = events_in(
        tmp_path,
        (
            "a.txt",
            "Diễn đàn đô thị\nDiễn đàn Đô thị Xanh bàn về mục tiêu giảm phát thải đến năm 2050.\n",
        ),
    )
    assert len(rows) == 1 and str(rows[0]["name"]).startswith("Diễn đàn Đô thị Xanh")
    assert "2050" not in str(rows[0]["id"])
