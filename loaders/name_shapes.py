"""What the name finders build on: the capital letters of Latin and Vietnamese script and the
capitalised word, lexicon entries as regex text, and the Mention record a finder returns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import words


def _escape(entry: str) -> str:
    """A lexicon entry as regex text: special characters escaped, spaces kept."""
    return re.escape(entry).replace("\\ ", " ")


def alternatives(entries: Iterable[str]) -> str:
    """Entries as the alternatives of a regex, in their order."""
    return "|".join(_escape(entry) for entry in entries)


def either_case(entries: Iterable[str]) -> list[str]:
    """Entries as regex text; an entry that differs from the one before it only in the case
    of one letter joins it as a character class ("Ủy ban [Nn]hân dân")."""
    merged: list[str] = []
    for entry in map(_escape, entries):
        last = merged[-1] if merged else ""
        diff = [i for i, (a, b) in enumerate(zip(last, entry, strict=False)) if a != b]
        if (
            len(last) == len(entry)
            and len(diff) == 1
            and last[diff[0]].lower() == entry[diff[0]].lower()
        ):
            i = diff[0]
            merged[-1] = f"{last[:i]}[{last[i].upper()}{last[i].lower()}]{last[i + 1 :]}"
        else:
            merged.append(entry)
    return merged


def trim_name(head: str, rest: str) -> str:
    """A name from its head and the words after it, less the function words at its end."""
    words = rest.split()
    # An organisation name rarely ends in a lower-case function word.
    while words and words[-1] in {"và", "các", "những", "một", "thì", "mà", "ở", "vì"}:
        words.pop()
    return " ".join([head, *words])


# Upper-case letters of Latin and Vietnamese script (the ranges hold lower case letters too).
UPPER = "".join(chr(c) for c in range(0x41, 0x1EFA) if chr(c).isupper())
# A word that starts with a capital letter (Vietnamese letters included), hyphens allowed.
CAP = rf"[{UPPER}][\w]*(?:-[\w]+)*"
# Capitalised words that begin the next clause rather than a name.
NOT_NAME_WORDS = frozenset(words("not_names", rule="not_name_start"))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str
    name: str
    key: str | None = None  # gazetteer id, when the gazetteer knows it
    kind: str | None = None
    acronym: str | None = None
    alias: str | None = None  # another name given with it: an event's quoted title
    backref: bool = False  # a bare head word naming the last entity with that head
    country: str | None = None  # ISO code of a gazetteer place's country
    within: str | None = None  # gazetteer id of the unit a place lies in (a city's province)


# A genitive right before a name: "của X", "of (the) X".
GENITIVE = re.compile(r"(?<![\w])(?:của|of)\s+(?:the\s+)?$", re.IGNORECASE)
