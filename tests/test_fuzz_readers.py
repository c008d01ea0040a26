"""Fuzzing the readers (issue 11): whatever the bytes or the JSON, every reader gives a result or
a `UcnError` whose message is one line naming the input, never another exception.

Deterministic and quick by default. For a long local run, e.g. 20,000 random examples a test:

    UCN_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_fuzz_readers.py

The cases a long run found are kept as explicit regression tests at the end.
"""

from __future__ import annotations

import codecs
import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucn.graph import UcnError, parse_document
from ucn.loaders import (
    Article,
    FrameExtractor,
    classify_path,
    decode_bytes,
    iter_documents,
    read_document,
    read_html,
    read_records,
    read_text,
)
from ucn.loaders.sources import read_bytes

from conftest import DA_NANG_DOC

LONG_RUN = int(os.environ.get("UCN_FUZZ_EXAMPLES", "0"))


def fuzz(examples: int):  # type: ignore[no-untyped-def]
    """Fixed examples (derandomized) in the suite; random ones, as many as asked, in a long run."""
    return settings(
        max_examples=LONG_RUN or examples,
        derandomize=not LONG_RUN,
        database=None,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )


EXTRACTOR = FrameExtractor()

# --- strategies ---------------------------------------------------------------------------------

SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
CONTROLS = st.sampled_from([chr(c) for c in (*range(32), 0x7F, 0x85, 0x2028, 0xFFFE, 0xFFFF)])
WORDS = st.sampled_from(
    [
        "Đà Nẵng",
        "CityNet",
        "thành viên",
        "hợp tác",
        "ký kết",
        "Hà Nội",
        "Seoul",
        "ASEAN",
        "UBND",
        "TP.",
        "khóa học",
        "Hội thảo",
        "the",
        "joined",
        "network",
        "Ngày 5/10/2023",
        "11/10/2005",
        "năm 2017",
        "(AMC)",
        "Học viện",
        "tại",
        "của",
        ".",
        ",",
        "\n",
        "\n\n",
        " ",
    ]
)
CHARS = st.one_of(st.characters(), SURROGATES, CONTROLS)
TEXT = st.one_of(
    st.text(CHARS, max_size=300),
    st.lists(st.one_of(WORDS, st.text(CHARS, max_size=5)), max_size=80).map("".join),
    st.lists(WORDS, max_size=120).map(" ".join),
)
ENCODINGS = st.sampled_from(
    [
        *("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"),
        *("cp1258", "latin-1", "cp1252", "shift_jis", "gb18030", "koi8-r"),
    ]
)


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    text = draw(TEXT)
    encoding = draw(ENCODINGS)
    return text.encode(encoding, errors="replace" if "utf" not in encoding else "surrogatepass")


@st.composite
def odd_bytes(draw: st.DrawFn) -> bytes:
    """Bytes with the shapes that trip readers: BOMs, NULs in every other byte, long lines."""
    data = draw(st.one_of(st.binary(max_size=600), encoded_text()))
    prefix = draw(
        st.sampled_from(
            [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
        )
    )
    shape = draw(st.integers(0, 4))
    if shape == 1:  # zeros interleaved: UTF-16-like
        data = b"".join(bytes([b, 0]) for b in data)
    elif shape == 2:
        data = data * draw(st.integers(2, 60))  # a long line or a long file
    elif shape == 3:
        data = data.replace(b" ", b"\0")
    return prefix + data


JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(CHARS, max_size=40)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=25,
)
RECORD_KEYS = st.sampled_from(["text", "url", "title", "date", "lang", "article", "entities"])
RECORDS = st.dictionaries(RECORD_KEYS, st.one_of(JSON_VALUES, TEXT), max_size=6)


@st.composite
def nested_json(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 4000))
    opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}"), ('{"text":', "}")]))
    closed = draw(st.booleans())
    return opener * depth + ("1" + closer * depth if closed else "")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return _dumps(draw(RECORDS))
    if kind == 1:
        return "\n".join(_dumps(r) for r in draw(st.lists(RECORDS, max_size=5)))
    if kind == 2:
        return _dumps(draw(st.lists(RECORDS, max_size=4)))
    if kind == 3:
        return draw(nested_json())
    return _dumps(draw(JSON_VALUES))


# Paths into an extraction document, and what to put there.
DOC_PATHS = [
    ("article",),
    ("article", "id"),
    ("article", "title"),
    ("article", "date"),
    ("entities",),
    ("entities", 0),
    ("entities", 0, "id"),
    ("entities", 0, "type"),
    ("entities", 0, "name"),
    ("entities", 0, "aliases"),
    ("entities", 0, "aliases", 0),
    ("entities", 0, "properties"),
    ("entities", 0, "properties", "country"),
    ("entities", 2, "properties", "kind"),
    ("relations",),
    ("relations", 0),
    ("relations", 0, "type"),
    ("relations", 0, "source"),
    ("relations", 0, "evidence"),
    ("relations", 0, "confidence"),
    ("relations", 0, "properties"),
    ("relations", 0, "properties", "since"),
]


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """A valid extraction document with one or more of its fields replaced by anything."""
    if draw(st.integers(0, 5)) == 0:
        return draw(JSON_VALUES)
    doc = copy.deepcopy(DA_NANG_DOC)
    for path in draw(st.lists(st.sampled_from(DOC_PATHS), min_size=1, max_size=3)):
        target = doc
        for step in path[:-1]:
            try:
                target = target[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            last = path[-1]
            if isinstance(target, dict) or (
                isinstance(target, list) and isinstance(last, int) and last < len(target)
            ):
                target[last] = draw(st.one_of(JSON_VALUES, TEXT))
    if draw(st.booleans()):  # an unknown property name
        odd = {draw(st.text(CHARS, max_size=20)): "x"}
        doc = copy.deepcopy(DA_NANG_DOC)
        doc["entities"][0]["properties"] = odd
    return doc


# --- the property -------------------------------------------------------------------------------


def one_line_naming(error: BaseException, origin: str) -> None:
    assert isinstance(error, UcnError), f"{type(error).__name__}: {error}"
    message = str(error)
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"{origin}:") or message == origin, message
    assert "failed (" not in message, message  # a bug caught by a reader's last resort


def check_article(article: Article, origin: str) -> None:
    """An article the readers return can be extracted and its document validated."""
    assert isinstance(article, Article)
    assert isinstance(article.text, str) and article.text.strip()
    assert article.source.startswith(origin)
    article.text.encode("utf-8")  # no lone surrogates left
    try:
        parse_document(EXTRACTOR.extract(article), article.source)
    except UcnError as exc:
        one_line_naming(exc, article.source)


def outcome(call, origin: str) -> list[Any]:  # type: ignore[no-untyped-def]
    """The results of `call()` (one or an iterator); errors checked, articles extracted."""
    try:
        result = call()
        results = list(result) if not isinstance(result, Article) else [result]
    except UcnError as exc:
        one_line_naming(exc, origin)
        return [exc]
    for item in results:
        if isinstance(item, UcnError):
            one_line_naming(item, origin)
        else:
            check_article(item, origin)
    return results


# --- the fuzz tests ---------------------------------------------------------------------------


@fuzz(150)
@given(odd_bytes())
def test_decode_bytes_never_fails(data: bytes) -> None:
    assert isinstance(decode_bytes(data), str)


@fuzz(120)
@given(odd_bytes(), st.sampled_from(["a.txt", "a.html", "a.json", "a.jsonl", "a", "a.md"]))
def test_read_bytes_of_anything(data: bytes, name: str) -> None:
    outcome(lambda: read_bytes(data, name), name)


@fuzz(80)
@given(st.one_of(TEXT, odd_bytes()))
def test_read_text_of_anything(data: str | bytes) -> None:
    outcome(lambda: read_text(data, "t.txt"), "t.txt")


@fuzz(40)
@given(
    st.one_of(
        odd_bytes(),
        TEXT.map(lambda t: f"<html><head><title>{t[:40]}</title></head><body><p>{t}</p></body>"),
        TEXT.map(lambda t: f"<?xml version='1.0'?><article><p>{t}</p>"),
    )
)
def test_read_html_of_anything(data: str | bytes) -> None:
    outcome(lambda: read_html(data, "p.html"), "p.html")


@fuzz(150)
@given(json_texts(), st.sampled_from(["r.json", "r.jsonl"]), st.booleans())
def test_read_records_of_any_json(text: str, name: str, as_bytes: bool) -> None:
    data: str | bytes = text.encode("utf-8", errors="surrogatepass") if as_bytes else text
    outcome(lambda: read_records(data, name), name)


@fuzz(200)
@given(documents())
def test_parse_document_of_anything(data: Any) -> None:
    try:
        parse_document(data, "d.json")
    except UcnError as exc:
        one_line_naming(exc, "d.json")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@fuzz(100)
@given(
    st.one_of(
        documents().map(lambda d: _dumps(d).encode("utf-8", errors="surrogatepass")),
        json_texts().map(lambda t: t.encode("utf-8", errors="surrogatepass")),
        odd_bytes(),
    ),
    st.sampled_from(["d.json", "d.jsonl", "d.txt"]),
)
def test_files_through_the_loader(folder: Path, data: bytes, name: str) -> None:
    """What `ucn load` does with a file, short of the store: classify, read, extract, validate."""
    path = folder / name
    path.write_bytes(data)
    assert classify_path(path) in ("document", "article")
    try:
        read_document(path)
    except UcnError as exc:
        one_line_naming(exc, str(path))
    for origin, result in iter_documents([path]):
        if isinstance(result, UcnError):
            one_line_naming(result, str(path))
        assert origin.startswith(str(path))


# --- cases the fuzzing found (most in the code before issue 11), kept --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1" * 5000,  # an integer too long for int(): ValueError, not JSONDecodeError
        '{"text": ' + "1" * 5000 + "}",
        "[" * 3000,  # RecursionError
        '{"text": "\\ud800 Đà Nẵng và CityNet"}',  # a lone surrogate from a JSON escape
        '{"text": "Đà Nẵng\\u0000\\u0007 gia nhập CityNet"}',
        '{"text": "x", "date": "' + "9" * 200 + '"}',
    ],
)
def test_records_regressions(text: str) -> None:
    for name in ("r.json", "r.jsonl"):
        outcome(lambda name=name: read_records(text, name), name)


def test_text_regressions() -> None:
    outcome(lambda: read_text("00\ud800", "t.txt"), "t.txt")  # article_id's UnicodeEncodeError


@pytest.mark.parametrize(
    "doc",
    [
        {"article": {"id": 10**5000}, "entities": []},  # str() of a huge int raises ValueError
        {
            "article": {"id": "a"},
            "entities": [
                {"id": "city/x", "type": "City", "name": "x"},
                {"id": "network/n", "type": "Network", "name": "n"},
            ],
            "relations": [
                {
                    "type": "MEMBER_OF",
                    "source": "city/x",
                    "target": "network/n",
                    "evidence": "x is in n.",
                    "confidence": [[[]]] * 1000,  # once shown whole in the message
                }
            ],
        },
        {"article": {"id": "a\ud800"}, "entities": []},
        {"article": {"id": "a"}, "entities": [{"id": "city/x", "type": "City", "name": "x\x00"}]},
        {
            "article": {"id": "a"},
            "entities": [
                {"id": "city/x", "type": "City", "name": "x", "properties": {"\n" * 3: "y"}}
            ],
        },
        {"article": {"id": "a", "date": "2020\n" * 100}, "entities": []},
        {  # a property name that broke the message over two lines
            "article": {"id": "a"},
            "entities": [{"id": "city/x", "type": "City", "name": "x", "properties": {"\r": "x"}}],
        },
    ],
)
def test_document_regressions(doc: Any) -> None:
    with pytest.raises(UcnError) as caught:
        parse_document(doc, "d.json")
    one_line_naming(caught.value, "d.json")
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 9000,
        b"A\x00",
        codecs.BOM_UTF16_LE + b"\x00\xd8",  # a lone surrogate after a BOM
        "Đà Nẵng\x00 CityNet".encode("utf-16-be"),
        b"<html>\x00<body>\x00</body></html>",
        b"\xef\xbb\xbf" + b"\x1b[31m" * 50,
    ],
)
def test_bytes_regressions(data: bytes) -> None:
    for name in ("a.txt", "a.html", "a.json", "a"):
        outcome(lambda name=name: read_bytes(data, name), name)


# --- the resolver's name index against the scan it replaced (issue 11, item 3) ----------------


def _known_by_scan(resolver: Any, mention: Any) -> str | None:
    """The look-up as it was before the index: a scan of every name known, in order."""
    from ucn.loaders.coref import name_key as _key

    key = _key(mention.name)
    found = resolver.by_name.get((mention.type, key))
    if found:
        return found
    for (etype, alias), entity_id in resolver.by_name.items():
        if etype != mention.type:
            continue
        if mention.type == "Person" and (key.endswith(alias) or alias.endswith(key)):
            return entity_id
        if (
            mention.type in ("Organization", "Network")
            and alias
            and (key.endswith(alias) and len(alias) >= 3 and alias.isalnum())
        ):
            return entity_id
        if mention.type == "Organization" and len(key) >= 10 and alias.startswith(key):
            return entity_id
    return None


NAME_PARTS = st.sampled_from(
    ["Sở", "Xây dựng", "tỉnh", "Tiền Giang", "AMC", "Học viện", "Hùng", "Trần Quốc", "An", "-", "A"]
)


@fuzz(150)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Person", "Organization", "Network"]),
            st.lists(NAME_PARTS, min_size=1, max_size=5)
            .map(" ".join)
            .filter(lambda name: any(c.isalnum() for c in name)),
            st.one_of(st.none(), st.sampled_from(["AMC", "CN", "UBND"])),
        ),
        max_size=40,
    )
)
def test_resolver_index_finds_what_the_scan_found(mentions: list[tuple[str, str, Any]]) -> None:
    from ucn.loaders.coref import Resolver as _Resolver
    from ucn.loaders.mentions import Mention

    resolver = _Resolver()
    for etype, name, acronym in mentions:
        mention = Mention(0, len(name), etype, name, acronym=acronym)
        assert resolver._known(mention) == _known_by_scan(resolver, mention)
        resolver.add(mention, name)
