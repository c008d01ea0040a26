"""Article records: what the readers return, their stable ids and a simple language guess."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..graph.document import CONTROL_CHARS
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
        super().__init__(f"{origin}: {' '.join(message.splitlines())}")  # one line, always


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


# The control characters that end a line for str.splitlines (VT, FF and the separators FS, GS,
# RS); a page break between paragraphs stays a line break.
_LINE_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1e]")


def clean_text(text: str) -> str:
    """Article text without the characters that no document may hold (graph/document.py
    CONTROL_CHARS): text from the web often has a stray U+0007 or U+001B, and XML cannot write
    them. Those that end a line become a newline, the others a space."""
    return CONTROL_CHARS.sub(" ", _LINE_CONTROLS.sub("\n", text))


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
    # Counted per distinct character and word, so that a long text costs little more than
    # one pass of Counter over it.
    letters = {c: n for c, n in Counter(text).items() if c.isalpha()}
    total = sum(letters.values())
    if not total:
        return None
    words = Counter(_WORD.findall(text.lower()))
    ascii_share = sum(n for c, n in letters.items() if c.isascii()) / total
    english = sum(n for w, n in words.items() if w in _EN_WORDS) / max(words.total(), 1)
    if ascii_share >= EN_ASCII_SHARE and english >= EN_WORD_SHARE:
        return "en"  # checked first: English news names Vietnamese places
    vietnamese = sum(n for c, n in letters.items() if _is_vietnamese_letter(c))
    if vietnamese / total >= VI_SHARE:
        return "vi"
    return None
