"""HTML pages: main text, title, date and canonical URL through trafilatura (offline)."""

from __future__ import annotations

import unicodedata
from urllib.parse import urljoin

from .article import Article, ArticleError, article_id, canonical_url, clean_text, detect_lang
from .encoding import decode_bytes
from .text import is_furniture


def _page_url(tree: object, url: str | None) -> str | None:
    """`<link rel=canonical>`, else `og:url`, else `url`; relative links resolved against `url`."""
    for xpath in (
        '//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href',
        '//meta[@property="og:url" or @name="og:url"]/@content',
    ):
        for found in tree.xpath(xpath):  # type: ignore[attr-defined]
            resolved = canonical_url(urljoin(url or "", str(found).strip()))
            if resolved:
                return resolved
    return canonical_url(url)


def read_html(data: str | bytes, source: str, url: str | None = None) -> Article:
    """Read one article from an HTML page; `ArticleError` naming `source` if it has no main text."""
    html = clean_text(decode_bytes(data) if isinstance(data, bytes) else data)
    try:
        import trafilatura  # 0.1 s to import: only where a page is read
        from trafilatura.settings import Document

        tree = trafilatura.load_html(html)
        page_url = _page_url(tree, url) if tree is not None else canonical_url(url)
        found = trafilatura.bare_extraction(
            tree, url=page_url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura and lxml raise many types on broken pages
        raise ArticleError(source, f"cannot read the HTML page ({exc})") from None
    # a Document, or None (a dict only with the deprecated as_dict=True, which is not asked)
    if tree is None or not isinstance(found, Document) or not (found.text or "").strip():
        raise ArticleError(source, "no main text found in the HTML page")
    title = unicodedata.normalize("NFC", " ".join(clean_text(found.title or "").split())) or None
    body = unicodedata.normalize("NFC", clean_text(found.text or ""))
    lines = [" ".join(line.split()) for line in body.splitlines()]
    paragraphs = [line for line in lines if line and line != title and not is_furniture(line)]
    if not paragraphs:
        raise ArticleError(source, "no main text found in the HTML page")
    text = "\n".join(paragraphs)
    return Article(
        id=article_id(page_url, text),
        url=page_url,
        title=title,
        date=found.date or None,
        lang=detect_lang(f"{title or ''}\n{text}"),
        text=text,
        source=source,
    )
