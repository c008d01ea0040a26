"""Facts that the shape of a name phrase states, with no verb: a person's post ("Chủ tịch UBND
TP Huế Nguyễn Văn An", "Ông A, Giám đốc X", "Alex Moreau, Chairman of ..."), a sub-unit
and its parent ("Phòng Đối ngoại, Sở Ngoại vụ", "Công ty X thuộc Tập đoàn Y"), a branch and its
seat ("Phân viện X tại TP. Huế"), a city beside its country ("Kobe (Nhật Bản)") and a
body beside its place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from .coref import Entity, Resolver
from .events import Relation
from .gazetteer import Gazetteer
from .mentions import find_mentions
from .name_shapes import GENITIVE, Mention
from .org_names import ORG_HEADS_VI, SITED_HEADS
from .person_names import TITLES

PARTY_TYPES = ("City", "Country", "Organization", "Network")
_APPOSITION = re.compile(r"\s*(?:[,(]|\s[-–])\s*")
_TITLE = re.compile("|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)))
TITLE_REACH = 80  # characters between a name and the title that follows or precedes it
BODY_REACH = 60  # characters between a title and the body it names

# Heads of bodies that are part of a larger one.
SUBUNIT_HEADS = frozenset(
    {
        *("Ban", "Phòng", "Vụ", "Cục", "Khoa", "Văn phòng", "Trung tâm", "Phân viện"),
        *("Chi nhánh", "Sở", "Công ty", "Viện", "Đại sứ quán", "Tổng Lãnh sự quán"),
        *("Lãnh sự quán", "Department", "Office", "Division", "Bureau"),
    }
)
_SEAT = re.compile(
    r"\s+(?:tại|ở|in|at|based in)\s+(?:(?:thành phố|tỉnh|TP\.?|bang|the city of)\s+)?"
)
_BELONGS = re.compile(r"\s*,?\s*(?:trực\s+thuộc|thuộc|của|under|of)\s+(?:(?:the)\s+)?")
_HEADS = sorted({*SUBUNIT_HEADS, *ORG_HEADS_VI, "UBND"}, key=len, reverse=True)
# Heads of the bodies that others answer to: "Học viện X – Bộ Y"
_PARENT_HEADS = ("Bộ", "Tập đoàn", "Tổng công ty", "UBND")


@lru_cache(maxsize=4096)
def head_of(name: str) -> str:
    for head in _HEADS:
        if name.startswith(head + " "):
            return head
    return name.split(" ", 1)[0]


def _next_party(
    parties: list[tuple[Mention, Entity]], start: int, window: int
) -> tuple[Mention, Entity] | None:
    """The first party named within `window` characters after `start`."""
    return next(((m, e) for m, e in parties if start <= m.start <= start + window), None)


def _only_places_between(
    text: str, start: int, end: int, mentions: list[tuple[Mention, Entity]]
) -> bool:
    """Whether only places, commas and dashes lie between a body and the name after it ("Đại sứ
    Pháp tại Việt Nam Jamie Novak"), or the rest of the body's own name in English ("Mayor of
    the city's People's Council Alex Moreau")."""
    gap = list(text[start:end])
    for m, e in mentions:
        if e.type in ("City", "Country") and start <= m.start and m.end <= end:
            gap[m.start - start : m.end - start] = " " * (m.end - m.start)
    return _ONLY_PLACES.fullmatch("".join(gap)) is not None


# Between a body and its title right after it: nothing, or the rest of the body's English name
# ("the district People's Committee Chairman ...").
_BODY_TITLE = re.compile(
    r"\s+(?:(?:[’']s|People[’']s|Party|Committee|Council|municipal|provincial|city)\s+)*"
)
# Between a delegation's city or body and the title of the one who leads it.
_LED_BY = re.compile(r"\s*,?\s*(?:do|led by|headed by)\s+(?:(?:the|its|their)\s+)?")
_DELEGATION = re.compile(r"(?<![\w])(?:[Đđ]oàn|delegation)(?![\w])[^.;]{0,40}$")
_ONLY_PLACES = re.compile(
    r"[\s,–—-]*(?:(?:tại|ở)\s+)?[\s,–—-]*"
    r"(?:(?:[’']s|People[’']s|Party|Committee|Council|municipal|provincial|city)\s*)*"
)


def posts(text: str, mentions: list[tuple[Mention, Entity]]) -> Iterator[Relation]:
    """WORKS_FOR from a title beside a person's name."""
    parties = [(m, e) for m, e in mentions if e.type in PARTY_TYPES]
    for m, person in ((m, e) for m, e in mentions if e.type == "Person"):
        after = _APPOSITION.match(text, m.end)
        if after:
            # the title and its body stand before the next item of a list (";")
            semicolon = text.find(";", after.end())
            reach = min([after.end() + TITLE_REACH, *([semicolon] if semicolon >= 0 else [])])
            title = _TITLE.search(text, after.end(), reach)
            # a title right before another person's name is that person's ("A, Thủ hiến B")
            if title and any(
                e.type == "Person" and not text[title.end() : p.start].strip()
                for p, e in mentions
                if p.start >= title.end()
            ):
                title = None
            found = title and _next_party(
                [(p, e) for p, e in parties if p.start <= reach], title.end(), BODY_REACH
            )
            # ... and so is one whose body comes right before another person's name ("A,
            # Thủ tướng Chính phủ B"): B holds it, not A
            if found and any(
                e.type == "Person"
                and p.start >= found[0].end
                and _only_places_between(text, found[0].end, p.start, mentions)
                for p, e in mentions
            ):
                found = None
            if title and found:
                props = {"title": title.group(0)}
                yield Relation("WORKS_FOR", person.id, found[1].id, text, 0.7, props, "title:after")
        before = text[max(0, m.start - TITLE_REACH) : m.start]
        title = None
        for t in _TITLE.finditer(before):
            title = t
        if not title:
            continue
        offset = m.start - len(before)
        found = _next_party(parties, offset + title.end(), BODY_REACH)
        if (
            found
            and found[0].end <= m.start
            and _only_places_between(text, found[0].end, m.start, mentions)
        ):
            yield Relation(
                "WORKS_FOR", person.id, found[1].id, text, 0.6, {"title": title[0]}, "title:before"
            )
        # "Lyon Mayor Alex Moreau": the body, its title, the name
        title_start = offset + title.start()
        if re.fullmatch(r"\s*", text[offset + title.end() : m.start]):
            body = next(
                (
                    pe
                    for pm, pe in parties
                    if pm.end < title_start and _BODY_TITLE.fullmatch(text, pm.end, title_start)
                ),
                None,
            )
            if body is not None:
                yield Relation(
                    "WORKS_FOR", person.id, body.id, text, 0.6, {"title": title[0]}, "title:body"
                )
            # "đoàn thành phố Daegu do Thị trưởng A dẫn đầu", "a delegation from Daegu led by
            # Mayor A": the delegation's city or body is the one whose title the leader holds
            sender = next(
                (
                    pe
                    for pm, pe in reversed(parties)
                    if pm.end < title_start
                    and _LED_BY.fullmatch(text, pm.end, title_start)
                    and _DELEGATION.search(text, max(0, pm.start - 40), pm.start)
                ),
                None,
            )
            if sender is not None and body is None:
                yield Relation(
                    "WORKS_FOR",
                    person.id,
                    sender.id,
                    text,
                    0.6,
                    {"title": title[0]},
                    "title:leader",
                )


def sub_units(text: str, mentions: list[tuple[Mention, Entity]]) -> Iterator[Relation]:
    """PART_OF from a body named beside its parent, and LOCATED_IN from "City, Country"."""
    for (m1, e1), (m2, e2) in itertools.pairwise(mentions):
        gap = text[m1.end : m2.start]
        if (
            e1.type == "City"
            and e2.type == "Country"
            and re.fullmatch(r"\s*[,(]\s*", gap)
            and (not e1.iso or e1.iso == e2.iso)  # "Singapore, Thailand" in a list is no place
        ):
            yield Relation("LOCATED_IN", e1.id, e2.id, text, 0.8, how="apposition:country")
        # "Tập đoàn X (Nhật Bản)", "Viện Y tại St. Petersburg": a body and where it is
        elif e1.type == "Organization" and e2.type in ("City", "Country"):
            if re.fullmatch(r"\s*\(\s*", gap) and text.startswith(")", m2.end):
                yield Relation("LOCATED_IN", e1.id, e2.id, text, 0.7, how="apposition:bracket")
            elif _SEAT.fullmatch(gap):
                yield Relation("LOCATED_IN", e1.id, e2.id, text, 0.6, how="apposition:seat")
    parties = [(m, e) for m, e in mentions if e.type in PARTY_TYPES]
    for (m1, e1), (m2, e2) in itertools.pairwise(parties):
        if e1.type != "Organization" or e2.type not in ("Organization", "City", "Network"):
            continue
        gap = text[m1.end : m2.start]
        head = head_of(m1.name)
        if (
            _BELONGS.fullmatch(gap)
            or (
                head in SUBUNIT_HEADS
                and re.fullmatch(r"\s*,?\s*", gap)
                and head_of(m2.name) != head
            )
            or (
                re.fullmatch(r"\s*(?:[–—(-])\s*", gap)
                and head_of(text[m2.start : m2.end]) in _PARENT_HEADS
            )
        ):
            yield Relation("PART_OF", e1.id, e2.id, text, 0.6, how="apposition:parent")


def branches(
    text: str, mentions: list[tuple[Mention, Entity]], resolver: Resolver, gazetteer: Gazetteer
) -> Iterator[Relation]:
    """A branch named after its parent and seat is part of the parent and located at the seat."""
    for m, e in mentions:
        head = head_of(m.name)
        if e.type != "Organization" or head not in SITED_HEADS:
            continue
        inner = text[m.start + len(head) : m.end]
        for im in find_mentions(inner, gazetteer):
            found = resolver.add(im, inner[im.start : im.end])
            if found is None or found.id == e.id:
                continue
            if found.type == "Organization" and head in ("Phân viện", "Chi nhánh"):
                yield Relation("PART_OF", e.id, found.id, text, 0.6, how="branch:parent")
            elif found.type in ("City", "Country") and re.search(
                r"(?:tại|ở)\s+\S*\s*$", inner[: im.start]
            ):
                yield Relation("LOCATED_IN", e.id, found.id, text, 0.6, how="branch:seat")


# A network an event is named as belonging to: "Hội nghị thường niên của Mạng lưới X", "the
# annual meeting of Network X", "X's annual meeting". (A body named so is too often only a
# guest's ("reception for the Chief Representative of X") to be read as the organiser.)
_OWNER_AFTER = re.compile(r"\s*(?:của|of)\s+(?:the\s+)?")
_OWNER_BEFORE = re.compile(r"['’]s\s+")
OWNER_TYPES = ("Network",)


def owners(
    text: str, mentions: list[tuple[Mention, Entity]], events: dict[str, tuple[int, int]]
) -> Iterator[Relation]:
    """ORGANIZED from an event named as a network's (`events`: each event's span)."""
    bodies = [(m, e) for m, e in mentions if e.type in OWNER_TYPES]
    for event_id, (start, end) in events.items():
        for m, body in bodies:
            if (
                (start <= m.start and m.end <= end and GENITIVE.search(text, start, m.start))
                or (m.start >= end and _OWNER_AFTER.fullmatch(text, end, m.start))
                or (m.end <= start and _OWNER_BEFORE.fullmatch(text, m.end, start))
            ):
                yield Relation("ORGANIZED", body.id, event_id, text, 0.6, how="event:owner")
                break
