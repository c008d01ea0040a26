"""Abbreviations in the names of bodies written out, from the table `lexicons/abbreviations.tsv`:
"Sở VHTT&DL tỉnh X" and "Sở Văn hóa, Thể thao và Du lịch tỉnh X" get one name, so one node in
every article, whichever way each writes it."""

from __future__ import annotations

import re
from functools import cache

from .lexicon import read_table

_JOINERS = re.compile(r"[&.\-]")


@cache
def _table() -> dict[str, str]:
    return {row["abbreviation"]: row["expansion"] for row in read_table("abbreviations")}


def _key(word: str) -> str | None:
    """The table key of a word written in capitals ("VH-TT-DL" -> "VHTTDL"), else None."""
    key = _JOINERS.sub("", word)
    if len(key) < 2 or not key.isalpha() or key != key.upper():
        return None
    return key


def expansions() -> tuple[str, ...]:
    """What the abbreviations of the table stand for."""
    return tuple(_table().values())


def is_abbreviation(word: str) -> bool:
    """Whether a word is one of the table's abbreviations ("VHTT&DL", "UBND")."""
    key = _key(word)
    return key is not None and key in _table()


def expand(name: str) -> str:
    """`name` with each abbreviated word of the table written out ("UBND" -> "Ủy ban nhân
    dân"); parts joined by "và" count as one word ("TN và MT"). Other words are kept, and so
    are names with no Vietnamese letter in them ("TW Group")."""
    if name.isascii() and " và " not in name:
        return name  # not a Vietnamese name ("TW Group")
    table = _table()
    words = name.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if i + 2 < len(words) and words[i + 1] == "và":
            first, second = _key(word), _key(words[i + 2])
            if first and second and (joined := table.get(first + second)):
                out.append(joined)
                i += 3
                continue
        key = _key(word)
        out.append(table.get(key, word) if key else word)
        i += 1
    return " ".join(out)
