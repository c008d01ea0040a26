"""Article readers: plain text, HTML, JSON records, encodings, and the inputs they come from."""

from __future__ import annotations

import functools
import io
import json
import socket
import sys
import threading
import unicodedata
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ucn.loaders import (
    Article,
    ArticleError,
    article_id,
    classify_path,
    decode_bytes,
    detect_lang,
    is_article_record,
    read_articles,
    read_html,
    read_records,
    read_text,
)

from conftest import DA_NANG_DOC, write_json

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FURNITURE = ("Lượt xem", "Chia sẻ:", "Loading")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"

# Our own sentences, in the shapes real pages have: date line first, counters, captions, a
# "Tin liên quan" block and a phone line at the bottom (the Vietnamese page has a line of
# non-breaking spaces).
VI_PAGE = (FIXTURES / "vi-page.txt").read_text(encoding="utf-8")
VI_TITLE = "Huế và Kyoto bàn về bảo tồn di sản đô thị"
EN_PAGE = (FIXTURES / "en-page.txt").read_text(encoding="utf-8")
VI_SENTENCE = (
    "Thành phố Đà Nẵng ký kết hợp tác với các đô thị trong mạng lưới ASEAN về phát triển bền vững."
)
OTHER_TEXT = (
    "La ville a signé hier un accord de coopération avec le réseau des villes intelligentes. "
    "Les deux parties échangeront des experts et organiseront des formations communes sur la "
    "gestion de l'eau, des déchets et des transports publics pendant les trois prochaines années."
)
HTML_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Hà Nội và Seoul ký kết hợp tác | Báo Đô Thị</title>
<link rel="canonical" href="https://Example.VN/tin/ha-noi-seoul/?utm_source=fb#top">
<meta property="og:title" content="Hà Nội và Seoul ký kết hợp tác">
<meta property="article:published_time" content="2023-05-12T08:30:00+07:00">
</head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/the-gioi">Thế giới</a></li>
<li><a href="/kinh-te">Kinh tế</a></li></ul></nav>
<main><article>
<h1>Hà Nội và Seoul ký kết hợp tác</h1>
<p>Sáng nay, lãnh đạo hai thành phố đã ký biên bản ghi nhớ về phát triển giao thông công cộng
và quản lý đô thị thông minh trong giai đoạn tới.</p>
<p>Theo thỏa thuận, hai bên sẽ trao đổi chuyên gia, tổ chức các khóa đào tạo chung và chia sẻ
kinh nghiệm về xử lý rác thải cũng như cấp nước sạch cho các khu dân cư mới.</p>
</article></main>
<footer><p>Bản quyền thuộc về Báo Đô Thị. Trang chủ | Liên hệ | Quảng cáo</p></footer>
</body></html>
"""


def only(items: list[Article | ArticleError]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def errors(items: list[Article | ArticleError]) -> list[str]:
    return [str(item) for item in items if isinstance(item, ArticleError)]


# Plain text


def test_text_title_date_and_furniture() -> None:
    article = read_text(VI_PAGE, "page.txt")
    assert article.title == VI_TITLE
    assert article.date == "2024-04-24"
    assert article.lang == "vi"
    assert article.source == "page.txt"
    assert article.text.splitlines() == [
        "Chiều 22/4, đoàn công tác của thành phố Kyoto đã đến làm việc với Ủy ban nhân dân tỉnh "
        "Thừa Thiên Huế về hợp tác bảo tồn di sản.",
        "Hai bên thống nhất sẽ trao đổi chuyên gia trùng tu, tổ chức hội thảo chung và chia sẻ "
        "kinh nghiệm quản lý khu phố cổ.",
    ]


def test_english_text() -> None:
    article = read_text(EN_PAGE.encode("utf-8"), "en.txt")
    assert article.title == "Riverside towns sign a water partnership"
    assert article.date == "2024-04-24"
    assert article.lang == "en"
    assert "Hotline" not in article.text and "Views" not in article.text
    assert "Comments are closed." not in article.text
    assert article.text.startswith("The mayors of two riverside towns")


@pytest.mark.parametrize(
    "line",
    [
        "Ngày đăng 24/04/2024 | 12:00 AM",
        "Thứ năm, 24/04/2024 12:12",
        "24/04/2024",
        "24-04-2024",
        "2024-04-24",
        "April 24, 2024",
        "24 April 2024",
        "Published: Apr 24, 2024 09:15 GMT+7",
    ],
)
def test_date_shapes(line: str) -> None:
    article = read_text(f"{line}\nTiêu đề bài viết\nĐoạn văn đầu tiên của bài báo.\n", "d.txt")
    assert article.date == "2024-04-24"
    assert article.title == "Tiêu đề bài viết"


def test_a_date_inside_a_paragraph_is_not_the_publication_date() -> None:
    article = read_text("Tiêu đề\nNgày 22/4/2024, đoàn công tác đã đến thăm thành phố.\n", "p.txt")
    assert article.date is None
    assert article.title == "Tiêu đề"


def test_text_without_words_is_an_error() -> None:
    with pytest.raises(ArticleError, match=r"blank\.txt"):
        read_text(" \n\u00a0\nLoading ...\n", "blank.txt")


# Encodings


def windows_1258(text: str) -> bytes:
    """`text` as Windows-1258 writes Vietnamese: base letters precomposed, tones as combining marks.

    cp1258 has â, ê, ô, ơ, ư, ă, đ but no precomposed toned vowels, so the fully decomposed form
    (NFD) cannot be encoded: only the five tone marks are split off.
    """
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    split = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        split.append(base + "".join(p for p in parts if p in tones))
    return "".join(split).encode("cp1258")


@pytest.mark.parametrize(
    "data",
    [
        VI_SENTENCE.encode("utf-8"),
        b"\xef\xbb\xbf" + VI_SENTENCE.encode("utf-8"),
        VI_SENTENCE.encode("utf-16"),
        VI_SENTENCE.encode("utf-16-be"),
        unicodedata.normalize("NFD", VI_SENTENCE).encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be-no-bom", "utf-8-nfd"],
)
def test_decode_bytes(data: bytes) -> None:
    if data.startswith(b"\x00"):  # UTF-16 without a BOM: only promise no exception
        assert isinstance(decode_bytes(data), str)
        return
    assert decode_bytes(data) == VI_SENTENCE


def test_windows_1258_decomposed_tones_come_back_nfc() -> None:
    data = windows_1258(VI_SENTENCE)
    assert data != VI_SENTENCE.encode("utf-8")
    assert decode_bytes(data) == VI_SENTENCE


def test_bad_bytes_never_raise() -> None:
    text = decode_bytes(b"Hello \xff\xfe\x00\x81 world")
    assert "Hello" in text
    assert decode_bytes(b"") == ""


def test_encodings_give_the_same_article(tmp_path: Path) -> None:
    page = VI_PAGE.replace("\u00a0", " ")
    (tmp_path / "a.txt").write_bytes(page.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(page.encode("utf-16"))
    (tmp_path / "c.txt").write_bytes(windows_1258(page))
    a, b, c = (only(list(read_articles([str(tmp_path / n)]))) for n in ("a.txt", "b.txt", "c.txt"))
    assert a.id == b.id == c.id
    assert a.title == b.title == c.title == VI_TITLE


# Ids and language


def test_url_normalisation() -> None:
    base = article_id("https://example.vn/tin/bai-viet", "")
    assert article_id("HTTPS://EXAMPLE.VN/tin/bai-viet/", "x") == base
    assert article_id("https://example.vn/tin/bai-viet#binh-luan", "y") == base
    assert article_id("https://example.vn/tin/bai-viet?utm_source=fb&utm_medium=social", "") == base
    assert article_id("https://example.vn:443/tin/bai-viet", "") == base
    assert article_id("https://example.vn/tin/bai-viet?id=2", "") != base
    assert article_id("https://example.vn/tin/Bai-Viet", "") != base  # paths keep their case
    assert base.startswith("article/") and len(base) == len("article/") + 16


def test_text_ids_ignore_whitespace_and_normalisation() -> None:
    nfd = unicodedata.normalize("NFD", VI_SENTENCE)
    assert article_id(None, VI_SENTENCE) == article_id(None, f"  {nfd}\n\n")
    assert article_id(None, VI_SENTENCE) != article_id(None, VI_SENTENCE + " Thêm.")


def test_same_article_in_text_and_record_has_one_id(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(VI_PAGE, encoding="utf-8")
    from_text = only(list(read_articles([str(tmp_path / "page.txt")])))
    record = {"title": VI_TITLE, "date": "2024-04-24", "text": from_text.text.replace("\n", "\n\n")}
    (tmp_path / "records.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n")
    from_record = only(list(read_articles([str(tmp_path / "records.jsonl")])))
    assert from_record.id == from_text.id
    assert (from_record.title, from_record.date, from_record.lang) == (VI_TITLE, "2024-04-24", "vi")


def test_detect_lang() -> None:
    assert detect_lang(VI_PAGE) == "vi"
    assert detect_lang(EN_PAGE) == "en"
    assert detect_lang(OTHER_TEXT) is None
    assert detect_lang("Город подписал соглашение о сотрудничестве с сетью городов") is None
    assert detect_lang("12 345") is None
    # an English text naming Vietnamese places stays English
    assert (
        detect_lang("The delegation from Đà Nẵng met the mayor of the city in the morning.") == "en"
    )


# HTML


def test_html_page() -> None:
    article = read_html(HTML_PAGE.encode("utf-8"), "page.html")
    assert article.title == "Hà Nội và Seoul ký kết hợp tác"
    assert article.date == "2023-05-12"
    assert article.url == "https://example.vn/tin/ha-noi-seoul"
    assert article.id == article_id("https://example.vn/tin/ha-noi-seoul", "")
    assert article.lang == "vi"
    assert article.text.startswith("Sáng nay, lãnh đạo hai thành phố")
    assert "Trang chủ" not in article.text and "Bản quyền" not in article.text
    assert article.title not in article.text


def test_html_og_url_and_given_url() -> None:
    page = HTML_PAGE.replace(
        '<link rel="canonical" href="https://Example.VN/tin/ha-noi-seoul/?utm_source=fb#top">',
        '<meta property="og:url" content="/tin/ha-noi-seoul-2">',
    )
    article = read_html(page, "p.html", url="https://example.vn/tin/x?utm_campaign=y")
    assert article.url == "https://example.vn/tin/ha-noi-seoul-2"


def test_html_without_main_text_is_an_error() -> None:
    with pytest.raises(ArticleError, match=r"^empty\.html: no main text"):
        read_html("<html><head><title>Trang chủ</title></head><body></body></html>", "empty.html")


# Records


def test_jsonl_with_one_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://example.vn/a", "title": "A", "text": VI_SENTENCE}),
        "{not json",
        json.dumps({"title": "no text here"}),
        "",
        json.dumps({"text": EN_PAGE, "date": "24/04/2024", "lang": "en"}),
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_articles([str(path)]))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "ArticleError",
        "ArticleError",
        "Article",
    ]
    assert errors(items) == [
        f"{path}:line 2: invalid JSON (Expecting property name enclosed in double quotes)",
        f'{path}:line 3: missing "text"',
    ]
    first, last = items[0], items[3]
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (first.url, first.lang) == ("https://example.vn/a", "vi")
    assert first.id == article_id("https://example.vn/a", "")
    assert last.date == "2024-04-24"


def test_json_object_and_list() -> None:
    one = list(read_records(json.dumps({"text": VI_SENTENCE}), "one.json"))
    assert only(one).text == VI_SENTENCE
    many = list(
        read_records(json.dumps([{"text": VI_SENTENCE}, 3, {"text": "Một bài khác."}]), "m.json")
    )
    assert [type(i).__name__ for i in many] == ["Article", "ArticleError", "Article"]
    assert str(many[1]).startswith("m.json:record 2: not an article record")
    broken = list(read_records('{"text": "x",\n "title": }', "broken.json"))
    assert errors(broken) == ["broken.json: invalid JSON (line 2, column 11: Expecting value)"]


def test_records_and_documents_are_told_apart(tmp_path: Path) -> None:
    assert is_article_record({"text": "x", "url": "https://example.vn"})
    assert not is_article_record(DA_NANG_DOC)
    assert not is_article_record({"title": "no text"})
    assert not is_article_record(["text"])
    document = write_json(tmp_path / "doc.json", DA_NANG_DOC)
    record = write_json(tmp_path / "rec.json", {"text": VI_SENTENCE})
    (tmp_path / "page.txt").write_text(VI_PAGE, encoding="utf-8")
    assert classify_path(document) == "document"
    assert classify_path(str(record)) == "article"
    assert classify_path(tmp_path / "page.txt") == "article"
    assert classify_path(tmp_path / "missing.json") == "article"
    items = list(read_articles([str(document)]))
    assert errors(items) == [
        f"{document}: an extraction document, not an article record (use ucn load)"
    ]


# Inputs


def test_folder_is_read_recursively_hidden_files_and_notes_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(VI_PAGE, encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "c.md").write_text(EN_PAGE, encoding="utf-8")
    (tmp_path / ".secret.txt").write_text(EN_PAGE, encoding="utf-8")
    (tmp_path / ".hidden" / "d.txt").write_text(EN_PAGE, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    (tmp_path / "SOURCES.md").write_text("Where these articles come from.", encoding="utf-8")
    (tmp_path / "sub" / "README.txt").write_text("About this folder.", encoding="utf-8")
    items = list(read_articles([str(tmp_path)]))
    assert [Path(i.source).name for i in items if isinstance(i, Article)] == [
        "b.html",
        "c.md",
        "a.txt",
    ]
    # named on its own, a note is read like any article
    (named,) = read_articles([str(tmp_path / "SOURCES.md")])
    assert isinstance(named, Article)


def test_bad_inputs_give_one_error_each(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\0\0\0" + bytes(range(256)) * 4)
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 32)) * 40)
    with (tmp_path / "huge.txt").open("wb") as f:
        f.truncate(51 * 1024 * 1024)
    (tmp_path / "french.txt").write_text(f"Un titre\n{OTHER_TEXT}\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(VI_PAGE, encoding="utf-8")
    names = ["empty", "blank", "binary", "noise", "huge", "french", "good"]
    paths = [str(tmp_path / f"{name}.txt") for name in names] + [str(tmp_path / "missing.txt")]
    items = list(read_articles(paths))
    assert len(items) == len(paths)
    assert errors(items) == [
        f"{paths[0]}: empty",
        f"{paths[1]}: empty",
        f"{paths[2]}: binary data, not text",
        f"{paths[3]}: binary data, not text",
        f"{paths[4]}: larger than 50 MB",
        f"{paths[5]}: the text is neither Vietnamese nor English",
        f"{paths[7]}: no such file or folder",
    ]
    assert isinstance(items[6], Article)


def test_short_text_without_a_language_still_reads(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("12/05/2023\nCityNet 2023\nASCN, CityNet\n")
    article = only(list(read_articles([str(tmp_path / "short.txt")])))
    assert (article.lang, article.date, article.title) == (None, "2023-05-12", "CityNet 2023")


def test_a_record_in_another_language_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "fr.jsonl"
    path.write_text(json.dumps({"text": "Bonjour", "lang": "fr"}) + "\n")
    assert errors(list(read_articles([str(path)]))) == [
        f"{path}:line 1: language 'fr' is neither Vietnamese nor English"
    ]


@pytest.mark.parametrize(
    ("data", "kind"),
    [(VI_PAGE, "text"), (HTML_PAGE, "html"), (json.dumps({"text": VI_SENTENCE}), "record")],
)
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: str, kind: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode()), encoding="utf-8"))
    article = only(list(read_articles(["-"])))
    assert article.source == "<stdin>"
    assert article.lang == "vi"
    assert (article.url is not None) == (kind == "html")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.php").write_text(HTML_PAGE, encoding="utf-8")
    assert only(list(read_articles([str(tmp_path / "page.php")]))).date == "2023-05-12"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A local http.server over `tmp_path`, in a thread; yields its base URL."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_urls(tmp_path: Path, server: str) -> None:
    (tmp_path / "bai-viet").write_text(HTML_PAGE.replace(' lang="vi"', ""), encoding="utf-8")
    (tmp_path / "records.jsonl").write_text(json.dumps({"text": VI_SENTENCE}) + "\n")
    dead = f"http://127.0.0.1:{closed_port()}/tin"
    inputs = [f"{server}/bai-viet", f"{server}/records.jsonl", f"{server}/missing.html", dead]
    items = list(read_articles(inputs))
    assert len(items) == 4
    page, record = items[0], items[1]
    assert isinstance(page, Article) and isinstance(record, Article)
    assert page.url == "https://example.vn/tin/ha-noi-seoul"
    assert page.source == inputs[0]
    assert record.text == VI_SENTENCE
    assert str(items[2]) == f"{inputs[2]}: HTTP 404 File not found"
    assert str(items[3]).startswith(f"{dead}: unreachable (")


# The shared corpus


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("seeds/*.txt")) + sorted(CORPUS.glob("dev/*.txt"))


SEED_DATES = {"000": "2024-04-24", "004": "2020-07-16"}


@pytest.mark.skipif(not corpus_files(), reason=f"the shared corpus is not at {CORPUS}")
def test_every_corpus_file_reads() -> None:
    items = list(read_articles([str(p) for p in corpus_files()]))
    assert len(items) == len(corpus_files()) >= 12
    for item in items:
        assert isinstance(item, Article), item
        assert item.title and item.text and item.lang == "vi"
        for line in item.text.splitlines():
            assert not line.startswith(FURNITURE), (item.source, line)
            assert "Loading" not in line and "Lượt xem" not in line, (item.source, line)
        name = Path(item.source).name
        if item.source.startswith(str(CORPUS / "seeds")):
            # Only two seeds carry a publication date line; the others state none.
            assert item.date == SEED_DATES.get(name[:3]), name
    assert len({item.id for item in items}) == len(items)
