"""Where a place lies, read from how two places are named side by side.

A place named right before a wider one, after a comma or inside brackets, lies in it ("quận X,
thành phố Y", "X City, Y Province, Z", "X District (Y)"); so does a place its wider one owns
("Y's X District") or one joined to it by a word of belonging ("X thuộc tỉnh Y", "X in Y
Province"). Which of the two is wider comes from their kinds (`lexicons/place_levels.tsv`), so
places of one level are a list and never a chain. The gazetteer outranks the shape: a place it
knows lies only in the unit it names, and never in another country than its own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from .coref import Entity
from .events import Relation
from .lexicon import read_table
from .name_shapes import Mention
from .person_names import POSTED_TITLES

LEVELS = {row["kind"]: int(row["level"]) for row in read_table("place_levels")}
CONFIDENCE = 0.7

_BESIDE = re.compile(r"\s*,\s*")
_BRACKET = re.compile(r"\s*\(\s*")
_OWNS = re.compile(r"\s*['’]s\s+")
_WITHIN = re.compile(r"\s+(?:in|trực\s+thuộc|thuộc|của|ở|tại)\s+(?:the\s+)?")


# An envoy's title and the place of the post: "Đại sứ Lào tại Việt Nam", "Ambassador to Japan".
_POSTED = "|".join(re.escape(t) for t in sorted(POSTED_TITLES, key=len, reverse=True))
_SEAT_OF_POST = re.compile(
    rf"(?<![\w])(?:{_POSTED})(?:\s+[^\s,;]+){{0,4}}?\s+(?:tại|ở|in|to|at)\s+(?:the\s+)?$"
)


def seat_of_post(text: str, start: int) -> bool:
    """Whether the place at `start` is where an envoy named right before it is posted."""
    return _SEAT_OF_POST.search(text, max(0, start - 60), start) is not None


def wider_end(text: str, mentions: list[tuple[Mention, Entity]], index: int) -> bool:
    """Whether the place `mentions[index]` only says where the place named right before it lies
    ("Maastricht in the Netherlands", "Kobe, Japan")."""
    if index == 0:
        return False
    (m1, e1), (m2, e2) = mentions[index - 1], mentions[index]
    l1, l2 = level(m1, e1), level(m2, e2)
    gap = text[m1.end : m2.start]
    return (
        l1 is not None
        and l2 is not None
        and l1 < l2
        and (_BESIDE.fullmatch(gap) is not None or _WITHIN.fullmatch(gap) is not None)
    )


def level(mention: Mention, entity: Entity) -> int | None:
    """How wide the place is, or None for what is no place or of a kind without a level."""
    if entity.type == "Country":
        return LEVELS["country"]
    if entity.type != "City":
        return None
    return LEVELS.get(mention.kind or entity.properties.get("kind") or "")


def may_lie_in(inner: Entity, outer: Entity) -> bool:
    """Whether the gazetteer leaves room for `inner` to lie in `outer`."""
    if inner.iso and outer.iso and inner.iso != outer.iso:
        return False
    if outer.type == "City" and inner.iso:  # the gazetteer knows the place, and where it lies
        return inner.within == outer.id
    return True


def chains(text: str, mentions: list[tuple[Mention, Entity]]) -> Iterator[Relation]:
    """LOCATED_IN for each place of the sentence `text` that its naming puts in a wider one, and
    through a chain ("X, Y, Z") in each wider one after it."""
    wider: dict[int, list[int]] = {}  # index in mentions -> indexes of the places it lies in
    hows: dict[tuple[int, int], str] = {}
    for (i, (m1, e1)), (j, (m2, e2)) in itertools.pairwise(enumerate(mentions)):
        l1, l2 = level(m1, e1), level(m2, e2)
        if l1 is None or l2 is None or l1 == l2 or e1.id == e2.id:
            continue
        gap = text[m1.end : m2.start]
        if l1 < l2 and (
            _BESIDE.fullmatch(gap)
            or (_BRACKET.fullmatch(gap) and text.startswith(")", m2.end))
            or _WITHIN.fullmatch(gap)
        ):
            inner, outer, how = i, j, "apposition:wider"
        elif l1 > l2 and _OWNS.fullmatch(gap):
            inner, outer, how = j, i, "apposition:owner"
        else:
            continue
        if may_lie_in(mentions[inner][1], mentions[outer][1]):
            wider.setdefault(inner, []).append(outer)
            hows[inner, outer] = how
    for inner in sorted(wider):
        reached: list[int] = []
        todo = list(wider[inner])
        while todo:
            outer = todo.pop(0)
            if outer in reached:
                continue
            reached.append(outer)
            todo += wider.get(outer, [])
        source = mentions[inner][1]
        for outer in reached:
            target = mentions[outer][1]
            if target.id != source.id and may_lie_in(source, target):
                how = hows.get((inner, outer), "apposition:chain")
                yield Relation("LOCATED_IN", source.id, target.id, text, CONFIDENCE, how=how)
