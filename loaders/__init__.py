"""Loaders: read inputs (extraction documents, news articles) and load them.

Names are imported on first use, so that a short command loads only what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..graph.lazy import lazy_exports

if TYPE_CHECKING:
    from .article import Article, ArticleError, article_id, canonical_url, detect_lang
    from .documents import read_document
    from .encoding import decode_bytes
    from .extraction import Extractor, FrameExtractor, extract_article, extract_inputs
    from .html import read_html
    from .load import LoadReport, batched, iter_documents, load_paths
    from .records import is_article_record, read_records
    from .settings import BATCH_ROWS, CONFIDENCES, DEFAULT_MIN_CONFIDENCE
    from .sources import classify_path, iter_article_inputs, read_articles
    from .text import read_text

_EXPORTS = {
    "Article": ".article",
    "ArticleError": ".article",
    "article_id": ".article",
    "canonical_url": ".article",
    "detect_lang": ".article",
    "read_document": ".documents",
    "decode_bytes": ".encoding",
    "CONFIDENCES": ".settings",
    "DEFAULT_MIN_CONFIDENCE": ".settings",
    "BATCH_ROWS": ".settings",
    "Extractor": ".extraction",
    "FrameExtractor": ".extraction",
    "extract_article": ".extraction",
    "extract_inputs": ".extraction",
    "read_html": ".html",
    "LoadReport": ".load",
    "batched": ".load",
    "iter_documents": ".load",
    "load_paths": ".load",
    "is_article_record": ".records",
    "read_records": ".records",
    "classify_path": ".sources",
    "iter_article_inputs": ".sources",
    "read_articles": ".sources",
    "read_text": ".text",
}

__all__ = [
    "BATCH_ROWS",
    "CONFIDENCES",
    "DEFAULT_MIN_CONFIDENCE",
    "Article",
    "ArticleError",
    "Extractor",
    "FrameExtractor",
    "LoadReport",
    "article_id",
    "batched",
    "canonical_url",
    "classify_path",
    "decode_bytes",
    "detect_lang",
    "extract_article",
    "extract_inputs",
    "is_article_record",
    "iter_article_inputs",
    "iter_documents",
    "load_paths",
    "read_articles",
    "read_document",
    "read_html",
    "read_records",
    "read_text",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
