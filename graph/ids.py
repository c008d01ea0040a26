"""Stable node ids: `type/slug`, the slug an ASCII folding of the canonical name."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


def fold_ascii(text: str) -> str:
    """Drop diacritics and map đ to d: `Đà Nẵng` -> `Da Nang`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)


@lru_cache(maxsize=8192)
def slugify(name: str) -> str:
    """`Thành phố Hồ Chí Minh` -> `thanh-pho-ho-chi-minh`."""
    return _NON_ALNUM.sub("-", fold_ascii(name).lower()).strip("-")


def node_id(label: str, name: str) -> str:
    """`node_id("City", "Đà Nẵng")` -> `city/da-nang`."""
    slug = slugify(name)
    if not slug:
        raise ValueError(f"cannot make an id from the name {name!r}")
    return f"{label.lower()}/{slug}"
