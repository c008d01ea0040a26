"""Hostile and odd inputs through the readers and the `ucn` command (issue 11): deep JSON,
UTF-16 without a BOM, control characters, and workers that must not outlive a killed parent."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import DocumentError, parse_document
from ucn.loaders import ArticleError, decode_bytes, read_articles, read_document, read_records
from ucn.loaders.article import clean_text
from ucn.loaders.encoding import utf16_byte_order
from ucn.loaders.jsontext import JSONError, loads

from conftest import DA_NANG_DOC, ROOT, document, write_json

DEEP = 100_000
ARTICLES = ROOT / "samples" / "articles"
VI_TEXT = (
    "Đà Nẵng gia nhập mạng lưới CityNet\n\n"
    "Ngày đăng 10/05/2024\n\n"
    "Thành phố Đà Nẵng trở thành thành viên chính thức của CityNet từ ngày 11/10/2005. "
    "Học viện Cán bộ quản lý xây dựng và đô thị (AMC) thuộc Bộ Xây dựng trở thành thành viên "
    "liên kết của CityNet vào năm 2017.\n"
)


def run_ucn(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--db", str(tmp_path / "graph.db"), *args])


def error_lines(stderr: str) -> list[str]:
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr
    assert all(line.startswith("Error: ") for line in lines), stderr
    return lines


# --- 1. Deeply nested JSON -------------------------------------------------------------------


def deep_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.json").write_text("[" * DEEP, encoding="utf-8")
    (folder / "deep-object.json").write_text('{"a":' * DEEP, encoding="utf-8")
    good_record = json.dumps({"text": VI_TEXT, "url": "https://example.vn/a"}, ensure_ascii=False)
    (folder / "deep.jsonl").write_text(f"{good_record}\n{'[' * DEEP}\n", encoding="utf-8")
    (folder / "deep-document.json").write_text(
        '{"article": {"id": "a1"}, "entities": ' + "[" * DEEP, encoding="utf-8"
    )
    (folder / "good.txt").write_text((ARTICLES / "citynet-do-thi-viet-nam.txt").read_text())
    write_json(folder / "good-document.json", DA_NANG_DOC)
    return folder


def test_json_loads_reports_deep_nesting_and_long_numbers() -> None:
    with pytest.raises(JSONError, match="nested too deeply"):
        loads("[" * DEEP)
    with pytest.raises(JSONError, match="nested too deeply"):
        loads('{"a":' * DEEP + "1" + "}" * DEEP)
    with pytest.raises(JSONError) as caught:
        loads("1" * 5000)
    assert "\n" not in str(caught.value)
    with pytest.raises(JSONError) as bad:
        loads('{"a": }')
    assert bad.value.where == "line 1, column 7"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_load_folder_with_deep_json_reports_each_file_and_loads_the_rest(
    tmp_path: Path, workers: str
) -> None:
    folder = deep_folder(tmp_path)
    result = run_ucn(tmp_path, "load", "--workers", workers, str(folder))
    assert result.exit_code == 1, result.output
    lines = error_lines(result.stderr)
    assert sorted(lines) == sorted(
        [
            f"Error: {folder / 'deep.json'}: invalid JSON (nested too deeply)",
            f"Error: {folder / 'deep-object.json'}: invalid JSON (nested too deeply)",
            f"Error: {folder / 'deep.jsonl'}:line 2: invalid JSON (nested too deeply)",
            f"Error: {folder / 'deep-document.json'}: invalid JSON (nested too deeply)",
        ]
    )
    # good.txt, good-document.json and the first record of deep.jsonl
    assert result.stdout.startswith("loaded 3 documents"), result.stdout
    assert "4 failed" in result.stdout


def test_extract_folder_with_deep_json(tmp_path: Path) -> None:
    folder = deep_folder(tmp_path)
    (folder / "good-document.json").unlink()
    result = run_ucn(tmp_path, "extract", str(folder))
    assert result.exit_code == 1
    lines = error_lines(result.stderr)
    assert len(lines) == 4
    assert f"Error: {folder / 'deep.jsonl'}:line 2: invalid JSON (nested too deeply)" in lines
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(documents) == 2  # good.txt and the first record of deep.jsonl


def test_installed_command_with_workers_on_deep_json(tmp_path: Path) -> None:
    """The real process (its own stack depth), with two workers."""
    folder = deep_folder(tmp_path)
    command = [sys.executable, "-m", "ucn", "--db", str(tmp_path / "p.db"), "load"]
    done = subprocess.run(
        [*command, "--workers", "2", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 1
    assert len(error_lines(done.stderr)) == 4
    assert done.stdout.startswith("loaded 3 documents")


def test_read_document_and_records_with_deep_json(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{"article": {"id": "a1"}, "entities": ' + "[" * DEEP, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: invalid JSON (nested too deeply)"
    found = list(read_records("[" * DEEP, "x.json"))
    assert [str(e) for e in found] == ["x.json: invalid JSON (nested too deeply)"]


# --- 2. UTF-16 without a BOM -----------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path: Path, encoding: str) -> None:
    data = VI_TEXT.encode(encoding)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    assert utf16_byte_order(data) == encoding
    assert decode_bytes(data) == VI_TEXT
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    [article] = read_articles([str(path)])
    assert not isinstance(article, ArticleError), article
    assert article.title == "Đà Nẵng gia nhập mạng lưới CityNet"
    assert article.date == "2024-05-10"
    assert article.lang == "vi"
    assert "Học viện Cán bộ quản lý xây dựng và đô thị (AMC)" in article.text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_through_the_command(tmp_path: Path, encoding: str) -> None:
    page = (ARTICLES / "en-global-city-networks.html").read_text(encoding="utf-8")
    (tmp_path / "page.html").write_bytes(page.encode(encoding))
    (tmp_path / "article.txt").write_bytes(VI_TEXT.encode(encoding))
    record = {"text": VI_TEXT, "title": "Đà Nẵng và CityNet"}
    (tmp_path / "records.jsonl").write_bytes(
        json.dumps(record, ensure_ascii=False).encode(encoding)
    )
    for name in ("page.html", "article.txt", "records.jsonl"):
        result = run_ucn(tmp_path, "extract", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["entities"], name


def test_an_extraction_document_in_utf16_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(json.dumps(DA_NANG_DOC, ensure_ascii=False).encode("utf-16-le"))
    assert read_document(path).entities[0].name == "Đà Nẵng"


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000010000000100806000000"
    "1ff3ff610000000467414d410000b18f0bfc6105000000097048597300000ec300000ec301c76fa864"
)


@pytest.mark.parametrize(
    "data",
    [
        PNG + random.Random(1).randbytes(4000),
        random.Random(2).randbytes(8000),
        bytes(4000),  # all NUL
        "Đà Nẵng và CityNet hợp tác".encode("utf-32-le"),  # UTF-32 without a BOM
        b"".join(n.to_bytes(2, "little") for n in random.Random(3).choices(range(256), k=3000)),
    ],
    ids=["png", "random", "zeros", "utf32", "16-bit-samples"],
)
def test_binary_data_is_refused_with_one_line(tmp_path: Path, data: bytes) -> None:
    assert utf16_byte_order(data) is None
    path = tmp_path / "picture.txt"
    path.write_bytes(data)
    result = run_ucn(tmp_path, "extract", str(path))
    assert error_lines(result.stderr) == [f"Error: {path}: binary data, not text"]
    assert result.exit_code == 1


def test_random_bytes_are_never_taken_for_utf16() -> None:
    rnd = random.Random(11)
    for _ in range(300):
        data = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(64, 3000)))
        assert utf16_byte_order(data) is None


# --- 3. Large articles: linear extraction (timings are in the benchmark, not here) -----------


def test_many_events_of_one_kind_resolve_to_the_last_one_told() -> None:
    """The index that keeps extraction linear finds the event the full scan found: the last
    course told of, whatever the number of courses before it."""
    from ucn.loaders import Article, FrameExtractor

    sentences = [
        f"Ngày {d}/3/2019, CityNet tổ chức Khóa đào tạo về quy hoạch đô thị tại Seoul."
        for d in range(1, 29)
    ]
    sentences.append(
        "Ông Trần Quốc Hùng, Giám đốc Học viện Hành chính Quốc gia, phát biểu tại khóa học."
    )
    article = Article("article/x", None, None, "2019-04-01", "vi", " ".join(sentences), "x.txt")
    doc = FrameExtractor().extract(article)
    events = [e for e in doc["entities"] if e["type"] == "Event"]
    assert len(events) == 28
    spoke = [
        r["target"]
        for r in doc["relations"]
        if r["type"] == "PARTICIPATED_IN" and r["source"] == "person/tran-quoc-hung"
    ]
    last = next(e for e in events if e["properties"].get("date") == "2019-03-28")
    assert spoke == [last["id"]]


# --- 4. Workers end with their parent ---------------------------------------------------------


def _proc_stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()  # fields from 3 (state) on


def _children(pid: int) -> dict[int, str]:
    """Child pid -> start time (to tell a reused pid apart), from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _proc_stat(int(entry.name))
            if stat and stat[1] == str(pid):
                found[int(entry.name)] = stat[19]
    return found


def _running(pid: int, start: str) -> bool:
    stat = _proc_stat(pid)
    return stat is not None and stat[19] == start and stat[0] not in ("Z", "X")


def _wait_for(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _articles_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    lines = [
        line
        for path in sorted(ARTICLES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()[2:]
        if line.strip()
    ]
    rnd = random.Random(4)
    for i in range(count):
        body = "\n\n".join(rnd.choice(lines) for _ in range(300))
        (folder / f"a{i:03}.txt").write_text(f"Bài {i} về CityNet\n\n{body}\n", encoding="utf-8")
    return folder


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@needs_proc
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    folder = _articles_folder(tmp_path / "articles", 60)
    command = [sys.executable, "-m", "ucn", "--db", str(tmp_path / "k.db"), "load"]
    parent = subprocess.Popen(
        [*command, "--workers", "2", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(lambda: len(_children(parent.pid)) >= 2, 60), "no workers started"
        workers = _children(parent.pid)
        assert parent.poll() is None, "the load ended before it could be killed"
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    try:
        assert _wait_for(lambda: not any(_running(p, s) for p, s in workers.items()), 10)
    finally:
        for pid, start in workers.items():
            if _running(pid, start):
                os.kill(pid, signal.SIGKILL)


WATCHED_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from ucn.loaders.load import end_with_parent
    parent = os.getpid()
    child = os.fork()
    if child == 0:
        end_with_parent(parent, death_signal=False)  # the portable way: a watching thread
        print("watching", flush=True)
        time.sleep(60)
        os._exit(0)
    print(child, flush=True)
    time.sleep(60)
    """
)


@needs_proc
def test_without_prctl_a_thread_ends_the_worker(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", WATCHED_CHILD], stdout=subprocess.PIPE, text=True
    )
    try:
        said = {parent.stdout.readline().strip() for _ in range(2)}  # type: ignore[union-attr]
        assert "watching" in said, said
        child = int((said - {"watching"}).pop())
        stat = _proc_stat(child)
        assert stat is not None
        start = stat[19]
        assert _running(child, start)
    finally:
        parent.kill()
        parent.wait()
    try:
        assert _wait_for(lambda: not _running(child, start), 10)
    finally:
        if _running(child, start):
            os.kill(child, signal.SIGKILL)


# --- 6. Control characters --------------------------------------------------------------------

CONTROLS = ["\x01", "\x07", "\x1b", "\x0b", "\x0c", "\x00", "\ufffe", "\uffff", "\ud800"]


def _with(field: str, value: str) -> dict:
    doc = document()
    if field == "name":
        doc["entities"][0]["name"] = value
    elif field == "alias":
        doc["entities"][0]["aliases"] = ["TP Đà Nẵng", value]
    elif field == "property":
        doc["entities"][2]["properties"]["kind"] = value
    elif field == "evidence":
        doc["relations"][0]["evidence"] = value
    elif field == "title":
        doc["article"]["title"] = value
    return doc


FIELDS = {
    "name": "entities[0].name",
    "alias": "entities[0].aliases[1]",
    "property": "entities[2].properties.kind",
    "evidence": "relations[0].evidence",
    "title": "article.title",
}


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize("field", list(FIELDS))
def test_documents_with_control_characters_are_refused(field: str, char: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(_with(field, f"Đà{char} Nẵng"), "doc.json")
    message = str(caught.value)
    kind = (
        "lone surrogate"
        if 0xD800 <= ord(char) <= 0xDFFF
        else "noncharacter"
        if char in "\ufffe\uffff"
        else "control character"
    )
    assert message.startswith(f"doc.json: {FIELDS[field]}: contains the {kind} U+{ord(char):04X}")
    assert len(message.splitlines()) == 1


def test_tab_newline_and_carriage_return_stay_allowed() -> None:
    doc = parse_document(_with("evidence", "Đà Nẵng\tgia nhập\r\nCityNet."), "doc.json")
    assert doc.relations[0].evidence == "Đà Nẵng\tgia nhập\r\nCityNet."


def test_ucn_load_refuses_a_document_with_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(_with("name", "Đà\u0007Nẵng")), encoding="utf-8")
    write_json(tmp_path / "good.json", document("good"))
    result = run_ucn(tmp_path, "load", str(tmp_path))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"Error: {path}: entities[0].name: contains the control character U+0007 "
        "(at character 3), which no text may hold"
    ]
    assert result.stdout.startswith("loaded 1 document")


def test_odd_property_names_stay_on_one_line() -> None:
    doc = document()
    doc["entities"][0]["properties"] = {"a\nb": "x"}
    with pytest.raises(DocumentError) as caught:
        parse_document(doc, "doc.json")
    assert str(caught.value).startswith("doc.json: entities[0].properties.'a\\nb': unknown")


def test_clean_text_replaces_control_characters() -> None:
    assert clean_text("a\x01b\x07c\x1bd\x00e\ufffef\ud800g") == "a b c d e f g"
    assert clean_text("một\x0chai\x0bba\tbốn\r\nnăm") == "một\nhai\nba\tbốn\r\nnăm"


def test_article_text_with_control_characters_loads_and_exports_as_xml(tmp_path: Path) -> None:
    text = (
        "Đà Nẵng gia nhập CityNet\n\nNgày đăng 10/05/2024\n\n"
        "Thành phố Đà Nẵng\x07 trở thành thành viên chính thức của CityNet\x1b[0m từ ngày "
        "11/10/2005, theo\x01 thông báo của mạng lưới.\x0bĐà Nẵng cũng hợp tác với Yokohama.\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    record = {"text": text.replace("\n\n", " "), "title": "CityNet\x1b và\x00 Đà Nẵng"}
    (tmp_path / "r.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    loaded = run_ucn(tmp_path, "load", str(tmp_path / "a.txt"), str(tmp_path / "r.jsonl"))
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout.startswith("loaded 2 documents")
    exported = run_ucn(tmp_path, "export", "--format", "xml", "-o", str(tmp_path / "g.rdf"))
    assert exported.exit_code == 0, exported.output
    graph = rdflib.Graph().parse(tmp_path / "g.rdf", format="xml")
    literals = [str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)]
    assert any("Đà Nẵng" in value for value in literals)
    assert not any(c in value for value in literals for c in "\x00\x01\x07\x0b\x1b")


def test_article_readers_replace_control_characters() -> None:
    [article] = read_records(
        json.dumps({"text": "Hà Nội\u0001 và\u001b Huế", "title": "a\u0007b"}), "r.json"
    )
    assert not isinstance(article, ArticleError)
    assert (article.text, article.title) == ("Hà Nội  và  Huế", "a b")
    [only_controls] = read_records(json.dumps({"text": "\u0001\u0007"}), "r.json")
    assert str(only_controls) == 'r.json: missing "text"'
