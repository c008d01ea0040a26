"""Loaders: read inputs (extraction documents, news articles) and load them."""

from .article import Article, ArticleError, article_id, canonical_url, detect_lang
from .documents import iter_input_files, read_document
from .encoding import decode_bytes
from .html import read_html
from .load import BATCH_ROWS, LoadReport, batched, load_paths
from .records import is_article_record, read_records
from .sources import classify_path, iter_article_inputs, read_articles
from .text import read_text

__all__ = [
    "BATCH_ROWS",
    "Article",
    "ArticleError",
    "LoadReport",
    "article_id",
    "batched",
    "canonical_url",
    "classify_path",
    "decode_bytes",
    "detect_lang",
    "is_article_record",
    "iter_article_inputs",
    "iter_input_files",
    "load_paths",
    "read_articles",
    "read_document",
    "read_html",
    "read_records",
    "read_text",
]
