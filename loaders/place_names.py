"""Places the gazetteer does not know, found by their shape: a name beside a unit ("quận ...",
"... City", the units of `lexicons/place_units.tsv`) and a capitalised name right before a
country the gazetteer knows ("... in the Netherlands", "..., Denmark", "... (Nhật Bản)")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .gazetteer import Match
from .lexicon import read_table
from .name_shapes import CAP, NOT_NAME_WORDS, Mention, alternatives
from .org_names import ORG_HEADS_VI
from .person_names import FAMILY_NAMES, TITLES, TITLES_RE


def find_places(text: str, gazetteer_matches: Sequence[Match]) -> list[Mention]:
    """Places named beside a unit, then places named before their country, outside the
    gazetteer's names in `text`."""
    taken = [(g.start, g.end) for g in gazetteer_matches]
    return [*_shaped_places(text, taken), *_places_by_country(text, gazetteer_matches, taken)]


def _place_shapes() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], dict[str, str]]:
    rows = read_table("place_units")
    kinds = {r["word"]: r["kind"] for r in rows if r["position"] in ("before", "after")}
    before = alternatives(
        sorted((r["word"] for r in rows if r["position"] == "before"), key=len, reverse=True)
    )
    after = alternatives(
        sorted((r["word"] for r in rows if r["position"] == "after"), key=len, reverse=True)
    )
    name = rf"{CAP}(?:[ \t]+{CAP}){{0,2}}"
    return (
        re.compile(rf"(?<![\w])(?P<unit>{before})[ \t]+(?P<name>{name})(?![\w])"),
        re.compile(rf"(?<![\w])(?P<name>{name})[ \t]+(?P<unit>{after})(?![\w])"),
        frozenset(r["word"] for r in rows if r["position"] == "not"),
        kinds,
    )


_UNIT_BEFORE, _UNIT_AFTER, _NOT_PLACE_WORDS, _UNIT_KINDS = _place_shapes()
_ROLE_BEFORE_UNIT = re.compile(rf"(?<![\w])(?:{TITLES_RE})(?:[ \t]+(?:UBND|HĐND))?[ \t]+$")


def _shaped_places(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Places the gazetteer does not know, named beside a unit ("quận Thanh Khê", "Gunpo City")."""
    found = []
    for pattern in (_UNIT_BEFORE, _UNIT_AFTER):
        for m in pattern.finditer(text):
            name = m["name"]
            if name.split()[0] in _NOT_PLACE_WORDS or name in _NOT_PLACE_WORDS:
                continue
            if name.split()[0] in NOT_NAME_WORDS or any(
                s < m.end() and m.start() < e for s, e in taken
            ):
                continue
            if name.split()[0] in FAMILY_NAMES or _ROLE_BEFORE_UNIT.search(
                text, max(0, m.start() - 40), m.start()
            ):
                continue  # a person after a title: "Chủ tịch UBND TP Nguyễn Văn A"
            kind = _UNIT_KINDS.get(m["unit"], "city")
            found.append(Mention(m.start(), m.end(), "City", name, None, kind))
    return found


# A capitalised name right before its country ("Maastricht in the Netherlands", "Horsens,
# Denmark", "Kobe (Nhật Bản)") is a place in that country, though the gazetteer does not know it.
_BEFORE_COUNTRY = re.compile(
    rf"(?<![\w.])(?P<name>{CAP}(?:[ \t]+{CAP})?)"
    r"(?:[ \t]+(?:in|ở|tại)(?:[ \t]+the)?[ \t]+|[ \t]*\([ \t]*|,[ \t]+)$"
)


_CAP_BEFORE = re.compile(rf"(?:{CAP}|\))[ \t]+$")


def _places_by_country(
    text: str, matches: Sequence[Match], taken: list[tuple[int, int]]
) -> list[Mention]:
    """Places the gazetteer does not know, named right before a country it knows."""
    found = []
    for g in matches:
        if g.entry.type != "Country":
            continue
        m = _BEFORE_COUNTRY.search(text, max(0, g.start - 60), g.start)
        if m is None or any(s < m.end("name") and m.start() < e for s, e in taken):
            continue
        name = m["name"]
        first = name.split()[0]
        if (
            not name.isascii()  # a Vietnamese place is named after its unit (tỉnh X, quận Y)
            or _CAP_BEFORE.search(text, max(0, m.start() - 30), m.start())  # a longer name's end
            or first in NOT_NAME_WORDS
            or first in _NOT_PLACE_WORDS
            or name.isupper()
            or first in FAMILY_NAMES
            or any(name == t or name.startswith(t + " ") for t in TITLES)
            or any(name.startswith(h) for h in ORG_HEADS_VI)
        ):
            continue
        found.append(
            Mention(
                m.start("name"), m.end("name"), "City", name, None, "city", country=g.entry.country
            )
        )
    return found
