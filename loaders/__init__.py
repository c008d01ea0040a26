"""Loaders: read inputs (extraction documents, news articles) and load them."""

from .article import Article, ArticleError, article_id, canonical_url, detect_lang
from .documents import read_document
from .encoding import decode_bytes
from .extraction import (
    CONFIDENCES,
    DEFAULT_MIN_CONFIDENCE,
    Extractor,
    FrameExtractor,
    extract_article,
    extract_inputs,
)
from .html import read_html
from .load import BATCH_ROWS, LoadReport, batched, iter_documents, load_paths
from .records import is_article_record, read_records
from .sources import classify_path, iter_article_inputs, read_articles
from .text import read_text

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
