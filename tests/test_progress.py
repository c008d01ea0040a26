"""The progress of a load: the counts and the ETA that `load_paths` reports, and the line that
`ucn load` draws from them. Real articles in real files; no timing is asserted."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import open_store
from ucn.loaders.load import (
    ETA_MIN_ARTICLES,
    ETA_MIN_SECONDS,
    LoadProgress,
    count_inputs,
    load_paths,
)
from ucn.progress import describe, duration

from conftest import NEWS_ARTICLE, document, write_json


def write_articles(folder: Path, count: int, bad: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"a{i:03d}.txt").write_text(NEWS_ARTICLE.format(i=i), encoding="utf-8")
    for i in range(bad):
        (folder / f"bad{i}.txt").write_bytes(b"\x00\x01\x02 binary, not text")
    return folder


def at(
    read: int, first: float, now: float, total: int | None = 1000, **more: object
) -> LoadProgress:
    return LoadProgress(total, started=0.0, now=now, read=read, first_at=first, **more)  # type: ignore[arg-type]


def test_no_eta_until_enough_is_known() -> None:
    assert at(0, None, 0.5).eta is None  # type: ignore[arg-type]
    assert at(ETA_MIN_ARTICLES, 1.0, 30.0).eta is None  # too few articles
    assert at(500, 1.0, 1.0 + ETA_MIN_SECONDS / 2).eta is None  # too short a time
    assert at(101, 1.0, 31.0, total=None).eta is None  # no total (stdin)
    assert at(1000, 1.0, 31.0).eta is None  # all read: only the writing is left


def test_eta_is_the_articles_left_at_the_rate_since_the_first() -> None:
    # the first article came after 10 s of start-up; 100 more in the next 10 s: 10 per second
    progress = at(101, 10.0, 20.0)
    assert progress.rate == pytest.approx(10.0)
    assert progress.eta == pytest.approx(89.9)
    assert describe(progress) == "read 101/1,000, extracted 0, written 0, 10.0/s, ETA 1:30"


def test_the_line_says_what_is_happening() -> None:
    start = at(3, 1.0, 1.5, extracted=3)
    assert describe(start) == "read 3/1,000, extracted 3, written 0, ETA ?"
    writing = at(1000, 1.0, 101.0, extracted=998, failed=2, writing=998)
    assert describe(writing).endswith("failed 2, written 0, 10.0/s, writing 998 to the store")
    done = replace(writing, writing=0, written=998, done=True)
    done.result.nodes_created, done.result.relations_created = 4000, 9000
    assert "written 998 (4,000 nodes, 9,000 relations)" in describe(done)
    assert describe(done).endswith("in 1:41")
    assert describe(at(5, 1.0, 4.0, total=None)) == "read 5, extracted 0, written 0, 1.3/s, ETA ?"


def test_durations() -> None:
    assert [duration(s) for s in (0, 28.4, 725, 3723)] == ["0:00", "0:28", "12:05", "1:02:03"]


def test_counting_the_inputs(tmp_path: Path) -> None:
    write_articles(tmp_path / "folder", 3)
    lines = [json.dumps({"title": f"t{i}", "text": NEWS_ARTICLE.format(i=i)}) for i in range(4)]
    (tmp_path / "records.jsonl").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    (tmp_path / "list.json").write_text(f"[{lines[0]}, {lines[1]}]", encoding="utf-8")
    write_json(tmp_path / "doc.json", document())
    paths = [tmp_path / "folder", tmp_path / "records.jsonl", tmp_path / "list.json"]
    assert count_inputs([*paths, tmp_path / "doc.json"]) == 3 + 4 + 2 + 1
    assert count_inputs([tmp_path / "folder", "-"]) is None


def test_load_paths_reports_every_step(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", 6, bad=1)
    seen: list[LoadProgress] = []
    with open_store(tmp_path / "ucn.db") as store:
        report = load_paths(store, [folder], on_progress=seen.append, batch_rows=60)
    assert report.loaded == 6 and len(report.failures) == 1
    assert all(p.total == 7 for p in seen)
    reads = [p.read for p in seen]
    assert reads == sorted(reads) and reads[-1] == 7
    assert [p.written for p in seen] == sorted(p.written for p in seen)
    last = seen[-1]
    assert (last.done, last.extracted, last.failed, last.written, last.writing) == (
        True,
        6,
        1,
        6,
        0,
    )
    assert last.result == report.written and last.result.nodes_created > 0
    # several transactions (batch_rows=60), each announced before it is written
    writes = [i for i, p in enumerate(seen) if p.writing]
    assert len(writes) >= 2
    for i in writes:
        assert seen[i + 1].writing == 0 and seen[i + 1].written == seen[i].written + seen[i].writing
    assert all(p.eta is None or 0 <= p.eta < 3600 for p in seen)


ETA = re.compile(r"ETA (\S+)")


def test_ucn_load_draws_the_counts(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", 12, bad=1)
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "ucn.db"), "load", "--progress", str(folder)]
    )
    assert result.exit_code == 1  # one input failed
    assert result.stdout.startswith("loaded 12 documents: ")
    drawn = [line.strip() for line in re.split(r"[\r\n]", result.stderr) if line.strip()]
    assert any(line.startswith("Error: ") and "bad0.txt" in line for line in drawn)
    bars = [line for line in drawn if line.startswith("loading")]
    final = bars[-1]
    assert final.startswith("loading 100%|")
    assert "read 13/13, extracted 12, failed 1, written 12 (" in final
    assert re.search(r"written 12 \(\d+ nodes, \d+ relations\)", final)
    assert re.search(r"in \d+\.\d s$", final)
    # an ETA is either not known yet or minutes and seconds: never days
    for line in bars:
        for eta in ETA.findall(line):
            assert eta == "?" or re.fullmatch(r"(\d+:)?\d{1,2}:\d\d", eta), line


def test_ucn_load_is_quiet_without_a_terminal_or_with_no_progress(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", 2)
    for extra in ([], ["--no-progress"]):
        result = CliRunner().invoke(
            main, ["--db", str(tmp_path / "ucn.db"), "load", *extra, str(folder)]
        )
        assert result.exit_code == 0 and result.stderr == ""
