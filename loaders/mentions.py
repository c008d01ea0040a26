"""Entity mentions in a sentence: the gazetteer's names (with the body that acts for a place:
"UBND TP Đà Nẵng" for Đà Nẵng), the names the finders of people, organisations, places and
events find by their shape, and bare heads that refer back ("Học viện", "the city"); where
mentions overlap the longest is kept, and a shaped name no entity could have is dropped.

The word lists live in lexicons/*.tsv; each file's comments say how its entries are used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .event_names import find_events
from .gazetteer import Gazetteer, Match
from .lexicon import words
from .name_shapes import UPPER, Mention, alternatives, either_case
from .org_names import envoy_missions, find_organisations, plausible_org, with_acronym
from .person_names import find_people, plausible_person, titled_names, without_next_clause
from .place_names import find_places

# Names that begin with a place's name but are not that place: the Pacific.
NOT_PLACES = words("not_names", rule="not_place")

# Bodies that act for the place or network they name: "UBND TP Đà Nẵng" for Đà Nẵng, "Ban Thư
# ký Mạng lưới X" for Mạng lưới X.
COMMITTEE = re.compile(
    rf"(?:{'|'.join(either_case(words('org_heads', role='acts_for')))})"
    r"\s+(?:(?:TP\.?|thành phố|Thành phố|tỉnh|Tỉnh|the)\s+)?"
)
# The same in English, after the place: "the Da Nang People's Committee".
COMMITTEE_AFTER = re.compile(
    r"\s+(?:City\s+|Municipal\s+|Provincial\s+)?(?:People[’']s\s+Committee|People[’']s\s+Council)"
)
# A head word alone ("Trung tâm đã", "Thành phố rất mong") refers back to the last name
# with that head.
BACKREF_HEADS = words("org_heads", role="backref")
BACKREF = re.compile(
    r"(?<!hai )(?<!ba )(?<!các )(?<!những )"
    rf"(?<![\w])(?P<head>{alternatives(sorted(BACKREF_HEADS, key=len, reverse=True))}"
    r"|[Mm]ạng lưới(?:\s+các\s+(?:đô thị|thành phố))?)"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:và|có|đã|đang|sẽ|cũng|rất|với|là|được|trong|tại|cho|nói|đề nghị)\b)"
)
BACKREF_EN = re.compile(
    r"(?<![\w])(?:the|this|that)\s+(?P<head>city|district|province|locality|municipality)"
    r"(?![\w-])(?!\s+(?:of|government|council|committee)\b)",
    re.IGNORECASE,
)
_CAPITAL_PREFIX = re.compile(r"(?:thành phố|Thành phố|TP\.?)\s*$")
_ONE_SYLLABLE = re.compile(r"[^\W\d_][^\W\d_A-Z]{1,5}")  # "Nhật", "Mỹ": not "UN", not "Hà Nội"
_SYLLABLE_IN_NAME = re.compile(rf"[ \t]+[{UPPER}][^\W\d_]")


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions in `text`, longest first where they overlap, in text order."""
    gazetteer_matches = gazetteer.find(text)
    found = _gazetteer_mentions(text, gazetteer_matches)
    found += find_places(text, gazetteer_matches)
    found += find_people(text, gazetteer)
    found += find_organisations(text, gazetteer_matches)
    found += envoy_missions(text, gazetteer_matches)
    found += _backrefs(text)
    events = find_events(text)
    # A shaped name inside an event's name belongs to the event ("Cuộc họp Ban Điều phối").
    found = [m for m in found if m.key or not any(e.start <= m.start < e.end for e in events)]
    chosen = _longest_first(found)
    chosen = _longest_first([*chosen, *titled_names(text, chosen)])
    chosen = [without_next_clause(m) for m in chosen]
    return [with_acronym(text, mention) for mention in chosen if _plausible(mention)]


def _gazetteer_mentions(text: str, gazetteer_matches: Sequence[Match]) -> list[Mention]:
    """The gazetteer's names in `text`, each with the body that acts for it; a province after
    "thành phố" is its capital."""
    found: list[Mention] = []
    for match in gazetteer_matches:
        entry = match.entry
        if any(text.startswith(phrase, match.start) for phrase in NOT_PLACES):
            continue
        if text.startswith("$", match.end):  # a currency ("US$", "S$"), not a place
            continue
        if (
            not match.surface.isascii()
            and _ONE_SYLLABLE.fullmatch(match.surface)
            and _SYLLABLE_IN_NAME.match(text, match.end)
        ):
            continue  # "Nhật" of "cầu Nhật Lệ": one syllable of a longer Vietnamese name
        committee = None
        for m in COMMITTEE.finditer(text, max(0, match.start - 40), match.start):
            if m.end() == match.start:
                committee = m
        start = committee.start() if committee else match.start
        end = match.end
        suffix = COMMITTEE_AFTER.match(text, match.end)
        if suffix and entry.type == "City":
            end = suffix.end()
        capital = _CAPITAL_PREFIX.search(text, max(0, match.start - 12), match.start)
        if entry.kind == "province" and capital and not committee:
            # "thành phố Hà Tĩnh" is the provincial capital, not the province.
            name = f"thành phố {match.surface}"
            found.append(
                Mention(
                    capital.start(),
                    match.end,
                    "City",
                    name,
                    None,
                    "city",
                    country=entry.country,
                    within=entry.id,
                )
            )
            continue
        found.append(
            Mention(
                start,
                end,
                entry.type,
                entry.name,
                entry.id,
                entry.kind,
                country=entry.country,
                within=entry.within or None,
            )
        )
    return found


def _backrefs(text: str) -> list[Mention]:
    """Bare head words that name the last entity with that head."""
    found = []
    for m in BACKREF.finditer(text):
        head = m["head"]
        kind = "City" if head.lower() in ("thành phố", "tp") else "Organization"
        if head.lower().startswith("mạng lưới"):
            kind, head = "Network", "Mạng lưới"
        found.append(Mention(m.start(), m.end(), kind, head, backref=True))
    for m in BACKREF_EN.finditer(text):  # "the city", "the district": the last place named
        found.append(Mention(m.start("head"), m.end("head"), "City", m["head"], backref=True))
    return found


def _plausible(mention: Mention) -> bool:
    """Whether a shaped name can be a node: not a body named by its role alone ("Ban Tổ chức"),
    not a name cut short ("Sở X TP"), not a person's name with ordinary words in it."""
    if mention.key or mention.backref:
        return True
    name = mention.name
    if mention.type == "Organization":
        return plausible_org(name)
    if mention.type == "Person":
        return plausible_person(name)
    return True


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside longer ones; a gazetteer name inside a shaped organisation name
    (the "Hàn Quốc" of "Viện Y Hàn Quốc") belongs to the organisation."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda x: (-(x.end - x.start), x.key is None)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda x: x.start)
