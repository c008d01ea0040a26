"""Where articles come from: files, folders, stdin and http(s) URLs, each sent to its reader."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal

from ..graph.document import is_extraction_document
from ..graph.errors import UcnError
from .article import Article, ArticleError
from .encoding import decode_bytes, utf16_byte_order
from .html import read_html
from .jsontext import JSONError, loads
from .records import read_records
from .text import read_text

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".json")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024
URL_TIMEOUT = 20  # seconds
MIN_LANG_TEXT = 200  # characters; shorter texts may have no detectable language
LANGUAGES = ("vi", "en")
STDIN = "-"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
MAX_CONTROL_SHARE = 0.1  # replacement and control characters in a text file


def _user_agent() -> str:
    try:
        release = version("ucn")
    except PackageNotFoundError:
        release = "0"
    return f"ucn/{release} (+https://github.com/ucn-project/ucn)"


FOLDER_NOTES = frozenset({"README", "SOURCES", "LICENSE", "CHANGELOG", "NOTICE"})


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def iter_article_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Each input as given, with folders expanded to their article files (recursive, sorted).

    Hidden files and folders are skipped, and so are a folder's notes about itself (README,
    SOURCES, LICENSE, CHANGELOG); a file named on its own is read whatever its name. A path that
    does not exist is yielded as it is.
    """
    for item in inputs:
        path = Path(item)
        if item == STDIN or _is_url(item) or not path.is_dir():
            yield item
            continue
        yield from (
            str(p)
            for p in sorted(path.rglob("*"))
            if p.is_file()
            and p.suffix.lower() in ARTICLE_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and p.stem.upper() not in FOLDER_NOTES
        )


def classify_path(path: str | Path) -> Literal["document", "article"]:
    """ "document" for a JSON extraction document (for `ucn load`), "article" for anything else."""
    path = Path(path)
    try:
        if path.suffix.lower() != ".json" or path.stat().st_size > MAX_BYTES:
            return "article"
        data = loads(decode_bytes(path.read_bytes()))
    except (OSError, JSONError):
        return "article"
    return "document" if is_extraction_document(data) else "article"


def _kind(name: str, data: bytes) -> Literal["text", "html", "records"]:
    """The reader for `data`: by the name's extension, else by its first characters."""
    suffix = Path(name.split("?", 1)[0]).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in RECORD_SUFFIXES:
        return "records"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = decode_bytes(data[:1024]).lstrip()
    if head.startswith("<"):
        return "html"
    if head.startswith(("{", "[")):
        return "records"
    return "text"


def _check_bytes(data: bytes, origin: str) -> None:
    if not data.strip():
        raise ArticleError(origin, "empty")
    if len(data) > MAX_BYTES:
        raise ArticleError(origin, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    if not data.startswith(_BOMS) and b"\0" in data[:8192] and not utf16_byte_order(data):
        raise ArticleError(origin, "binary data, not text")
    sample = decode_bytes(data[:8192])
    bad = sum(c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r\f") for c in sample)
    if bad > MAX_CONTROL_SHARE * len(sample):
        raise ArticleError(origin, "binary data, not text")


def _check_language(article: Article) -> Article | ArticleError:
    if article.lang is None and len(article.text) >= MIN_LANG_TEXT:
        return ArticleError(article.source, "the text is neither Vietnamese nor English")
    if article.lang is not None and article.lang not in LANGUAGES:
        message = f"language {article.lang!r} is neither Vietnamese nor English"
        return ArticleError(article.source, message)
    return article


def read_bytes(
    data: bytes, origin: str, *, name: str | None = None, url: str | None = None
) -> Iterator[Article | ArticleError]:
    """The articles in `data` read from `origin`; `name` (a file name or URL) picks the reader."""
    try:
        _check_bytes(data, origin)
        kind = _kind(name or origin, data)
        if kind == "html":
            found: Iterable[Article | ArticleError] = [read_html(data, origin, url=url)]
        elif kind == "records":
            found = read_records(data, origin)
        else:
            found = [read_text(data, origin)]
        for item in found:
            yield item if isinstance(item, ArticleError) else _check_language(item)
    except ArticleError as exc:
        yield exc
    except UcnError as exc:
        yield ArticleError(origin, str(exc))
    except Exception as exc:  # a reader's bug must not lose the other inputs, nor print a trace
        yield ArticleError(origin, f"reading failed ({type(exc).__name__}: {exc})")


def _read_file(path: Path) -> bytes:
    origin = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ArticleError(origin, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(origin, "no such file or folder") from None
    except OSError as exc:
        raise ArticleError(origin, f"cannot read ({exc.strerror or exc})") from None


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return stream.read(MAX_BYTES + 1)
    return sys.stdin.read().encode("utf-8")


def fetch_url(url: str) -> tuple[bytes, str, str]:
    """The body, final URL and content type of `url`; `ArticleError` names the URL on failure."""
    request = urllib.request.Request(url, headers={"User-Agent": _user_agent()})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
            return body, response.geturl(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise ArticleError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise ArticleError(url, f"unreachable ({exc.reason})") from None
    except (OSError, ValueError) as exc:
        raise ArticleError(url, f"unreachable ({exc})") from None


def _read_url(url: str) -> Iterator[Article | ArticleError]:
    try:
        body, final, content_type = fetch_url(url)
    except ArticleError as exc:
        yield exc
        return
    name = url
    if "html" in content_type:
        name = "page.html"
    elif "json" in content_type:
        name = "records.jsonl" if "jsonl" in content_type or "ndjson" in content_type else "x.json"
    yield from read_bytes(body, url, name=name, url=final)


def read_articles(inputs: Iterable[str]) -> Iterator[Article | ArticleError]:
    """Every article in `inputs`: files, folders (recursive), `-` for stdin, http(s) URLs.

    Each input that gives no article (missing, empty, binary, too large, unreachable, in another
    language) is yielded as one `ArticleError` naming it; the others still come through.
    """
    for item in iter_article_inputs(inputs):
        if item == STDIN:
            yield from read_bytes(_read_stdin(), "<stdin>", name="")
        elif _is_url(item):
            yield from _read_url(item)
        else:
            try:
                data = _read_file(Path(item))
            except ArticleError as exc:
                yield exc
                continue
            yield from read_bytes(data, item)
