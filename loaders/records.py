"""Article records in JSON Lines or JSON: fields url, title, date, text, lang."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from ..graph.document import DATE_PATTERN, is_extraction_document, shown
from .article import (
    Article,
    ArticleError,
    article_id,
    canonical_url,
    clean_text,
    detect_lang,
)
from .dates import parse_date
from .encoding import decode_bytes
from .jsontext import JSONError, loads

RECORD_FIELDS = ("url", "title", "date", "text", "lang")


def is_article_record(obj: Any) -> bool:
    """True for an article record (has "text"); False for an extraction document or other data."""
    return isinstance(obj, dict) and "text" in obj and not is_extraction_document(obj)


def _optional_text(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ArticleError(where, f'"{key}" must be text')
    return unicodedata.normalize("NFC", " ".join(clean_text(value).split())) or None


def _date(value: str | None, where: str) -> str | None:
    if value is None or DATE_PATTERN.match(value):
        return value
    found = parse_date(value)
    if not found:
        raise ArticleError(where, f'"date" is not a date: {shown(value)}')
    return found


def record_article(record: Any, where: str) -> Article:
    """One record to an `Article`; `ArticleError` names `where` and the field at fault."""
    if is_extraction_document(record):
        raise ArticleError(where, "an extraction document, not an article record (use ucn load)")
    if not isinstance(record, dict):
        raise ArticleError(where, 'not an article record (a JSON object with a "text" field)')
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(where, 'missing "text"')
    text = unicodedata.normalize("NFC", clean_text(text)).strip()
    if not text:
        raise ArticleError(where, 'missing "text"')
    url = _optional_text(record, "url", where)
    title = _optional_text(record, "title", where)
    lang = _optional_text(record, "lang", where)
    return Article(
        id=article_id(url, text),
        url=canonical_url(url) or url,
        title=title,
        date=_date(_optional_text(record, "date", where), where),
        lang=lang.lower() if lang else detect_lang(f"{title or ''}\n{text}"),
        text=text,
        source=where,
    )


def _lines(text: str, source: str) -> Iterator[Article | ArticleError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:line {number}"
        try:
            record = loads(line)
        except JSONError as exc:
            yield ArticleError(where, f"invalid JSON ({exc.msg})")
            continue
        try:
            yield record_article(record, where)
        except ArticleError as exc:
            yield exc


def _looks_like_lines(text: str) -> bool:
    """True when most non-blank lines are whole JSON objects: JSON Lines, whatever the name."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    objects = sum(line.startswith("{") and line.endswith("}") for line in lines)
    return len(lines) > 1 and objects * 2 > len(lines)


def read_records(data: str | bytes, source: str) -> Iterator[Article | ArticleError]:
    """Each record of a JSON Lines file, or of a JSON file (one object or a list of them).

    A bad record is yielded as an `ArticleError` naming `source:line N` (JSON Lines) or
    `source:record N` (a JSON list); the other records still come through.
    """
    text = decode_bytes(data) if isinstance(data, bytes) else unicodedata.normalize("NFC", data)
    if source.lower().endswith(".jsonl"):
        yield from _lines(text, source)
        return
    try:
        whole = loads(text)
    except JSONError as exc:
        if _looks_like_lines(text):
            yield from _lines(text, source)
        else:
            at = f"{exc.where}: " if exc.where else ""
            yield ArticleError(source, f"invalid JSON ({at}{exc.msg})")
        return
    if isinstance(whole, list):
        for number, record in enumerate(whole, start=1):
            try:
                yield record_article(record, f"{source}:record {number}")
            except ArticleError as exc:
                yield exc
        return
    try:
        yield record_article(whole, source)
    except ArticleError as exc:
        yield exc
