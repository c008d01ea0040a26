"""Article records: what the readers return, their stable ids and a simple language guess."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..graph.errors import UcnError

# Letters that Vietnamese uses and English, French, German, Spanish or Portuguese do not: đ, the
# breve and horn vowels, and every vowel carrying a hook above or a dot below, or a circumflex
# with a tone mark. French "é" or "à" alone does not make a text Vietnamese.
_VI_BASES = set("ăđơưĂĐƠƯ")
_VI_MARKS = {"\u0309", "\u0323", "\u031b", "\u0306"}  # hook above, dot below, horn, breve
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_EN_WORDS = frozenset(
    re.findall(
        r"\w+",
        "the of and to in a is for on with that by as at from was are be has have it this will "
        "which an its their were been also said",
    )
)
_WORD = re.compile(r"[^\W\d_]+")
VI_SHARE = 0.02  # Vietnamese-only letters among all letters; news text has 8-15 %
EN_ASCII_SHARE = 0.9  # ASCII letters among all letters; Vietnamese news has 70-80 %
EN_WORD_SHARE = 0.08  # English function words among all words; news text has 25-40 %


class ArticleError(UcnError):
    """An input that gives no article; the message names the input (file, URL, `file:line N`)."""

    def __init__(self, origin: str, message: str):
        self.origin = origin
        super().__init__(f"{origin}: {message}")


@dataclass(frozen=True)
class Article:
    """One news article as read, before extraction."""

    id: str
    url: str | None
    title: str | None
    date: str | None
    lang: str | None
    text: str
    source: str


def normalise_text(text: str) -> str:
    """NFC, with every run of whitespace (non-breaking spaces too) collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def canonical_url(url: str | None) -> str | None:
    """The URL with scheme and host in lower case, no fragment, no trailing slash, no `utm_*`.

    A value that is not an absolute http(s) URL gives None.
    """
    if not url or not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    try:
        port = parts.port
    except ValueError:
        return None
    if scheme not in ("http", "https") or not host:
        return None
    default_port = 80 if scheme == "http" else 443
    netloc = host if port in (None, default_port) else f"{host}:{port}"
    params = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in params if not k.lower().startswith("utm_")])
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), query, ""))


def article_id(url: str | None, text: str) -> str:
    """`article/<16 hex>`: from the canonical URL when there is one, else from the normalised text.

    >>> article_id("HTTPS://Example.com/a/?utm_source=x#top", "") == article_id(
    ...     "https://example.com/a", "other text")
    True
    """
    canonical = canonical_url(url)
    key = f"url:{canonical}" if canonical else f"text:{normalise_text(text)}"
    return "article/" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _is_vietnamese_letter(char: str) -> bool:
    if char in _VI_BASES:
        return True
    marks = set(unicodedata.normalize("NFD", char)[1:])
    return bool(marks & _VI_MARKS) or ("\u0302" in marks and bool(marks & _TONE_MARKS))


def detect_lang(text: str) -> str | None:
    """'vi' when Vietnamese-only letters are common, 'en' for mostly ASCII English, else None."""
    text = unicodedata.normalize("NFC", text)
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    words = _WORD.findall(text.lower())
    ascii_share = sum(c.isascii() for c in letters) / len(letters)
    english = sum(w in _EN_WORDS for w in words) / len(words)
    if ascii_share >= EN_ASCII_SHARE and english >= EN_WORD_SHARE:
        return "en"  # checked first: English news names Vietnamese places
    if sum(map(_is_vietnamese_letter, letters)) / len(letters) >= VI_SHARE:
        return "vi"
    return None
