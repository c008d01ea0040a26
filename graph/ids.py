"""Stable node ids: `type/slug`, the slug an ASCII folding of the canonical name."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from .model import MODEL

# Letters that Unicode decomposition does not reduce to ASCII.
_FOLD = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class _CharFolds(dict[int, str]):
    """Each character's folding, worked out on first sight: decomposition maps one character
    at a time (reordering moves only the marks dropped here), so folding a text character by
    character is folding it whole, at the speed of str.translate."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).translate(_FOLD))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)
        self[code] = folded
        return folded


_CHAR_FOLDS = _CharFolds()


def fold_ascii(text: str) -> str:
    """Drop diacritics and map đ to d: `Đà Nẵng` -> `Da Nang`."""
    return text.translate(_CHAR_FOLDS)


@lru_cache(maxsize=1 << 16)
def slugify(name: str) -> str:
    """`Thành phố Hồ Chí Minh` -> `thanh-pho-ho-chi-minh`."""
    return _NON_ALNUM.sub("-", fold_ascii(name).lower()).strip("-")


def name_keys(name: str | None, aliases: list[str] | tuple[str, ...] | None) -> list[str]:
    """The folded forms of a name and its aliases, each once, in order: what a name typed
    with or without diacritics, case or hyphens is looked up by."""
    keys: dict[str, None] = {}
    for text in (name, *(aliases or ())):
        key = slugify(text).replace("-", "") if text else ""
        if key:
            keys[key] = None
    return list(keys)


def node_id(label: str, name: str) -> str:
    """`node_id("City", "Đà Nẵng")` -> `city/da-nang`."""
    slug = slugify(name)
    if not slug:
        raise ValueError(f"cannot make an id from the name {name!r}")
    return f"{label.lower()}/{slug}"


def label_of(node_id: str) -> str:
    """The label a node id names by its prefix (`city/hue` -> City); articles have free ids."""
    prefix = node_id.split("/", 1)[0]
    for label in MODEL.labels:
        if label.lower() == prefix and label != "Article":
            return label
    return "Article"


def fact_key(rel_type: str, source: str, target: str) -> str:
    """16 hex digits naming the fact `(source)-[rel_type]->(target)`."""
    text = f"{rel_type}\x1f{source}\x1f{target}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
