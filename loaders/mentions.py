"""Entity mentions in a sentence: gazetteer names, and names found by their shape.

Shapes: Vietnamese and English organisation heads ("Học viện ...", "Viện ...", "Ministry of
..."), people after titles and honorifics ("Ông ...", "TS. ...", "Mayor ..."), places after
"TP", "thành phố", "tỉnh". A people's committee ("UBND TP Đà Nẵng") acts for its city.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import Gazetteer
from .lexicon import read_table, words
from .name_shapes import UPPER, Mention, alternatives, either_case, trim_name
from .org_names import find_organisations, plausible_org, with_acronym
from .person_names import (
    find_people,
    plausible_person,
    titled_names,
    without_next_clause,
)
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
_EVENT_HEADS_VI = words("event_heads", lang="vi", position="first")
# Vietnamese heads start a sentence or follow a verb ("tổ chức hội thảo"): both cases count.
EVENT_HEADS = (
    *_EVENT_HEADS_VI,
    *(h[0].lower() + h[1:] for h in _EVENT_HEADS_VI),
    *words("event_heads", lang="en", position="first"),
)
# The kind of occasion each head names ("hội thảo" -> workshop), by folded head.
EVENT_KINDS = {r["word"].casefold(): r["kind"] for r in read_table("event_heads")}
_EVENT_HEAD_RE = "|".join(re.escape(h) for h in sorted(EVENT_HEADS, key=len, reverse=True))
# "về" belongs to an event's name ("Diễn đàn quốc tế về nhà ở xã hội").
_STOP_EVENT = (
    alternatives(r["word"] for r in read_table("stop_words") if r["ends_event"] != "no")
    + "|tại|ở|với"
)
EVENT = re.compile(
    # "các hội thảo" speaks of events in general, not of one.
    r"(?<!các )(?<!những )(?<!nhiều )(?<!mỗi )(?<!several )"
    rf"(?<![\w])(?P<head>{_EVENT_HEAD_RE})"
    rf"(?P<rest>(?:\s+(?!(?:{_STOP_EVENT})\b)[\w“”\"&-]+){{0,10}})",
)
# A quoted title after an event's head: 'hội thảo với chủ đề “Nhà ở cho người lao động”'.
EVENT_TITLE = re.compile(
    r"\s*(?:(?:với|có|mang|theo)\s+)?(?:chủ đề|tên gọi|tên|themed|titled|entitled|on)?\s*:?\s*"
    r"[“\"](?P<title>[^”\"]{3,120})[”\"]"
)
_LATIN_ONLY = re.compile(r"[\x00-\x7f’“”–—‘]*", re.S)
_CAPITAL_PREFIX = re.compile(r"(?:thành phố|Thành phố|TP\.?)\s*$")
_ONE_SYLLABLE = re.compile(r"[^\W\d_][^\W\d_A-Z]{1,5}")  # "Nhật", "Mỹ": not "UN", not "Hà Nội"
_SYLLABLE_IN_NAME = re.compile(rf"[ \t]+[{UPPER}][^\W\d_]")


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions in `text`, longest first where they overlap, in text order."""
    found: list[Mention] = []
    gazetteer_matches = gazetteer.find(text)
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
    found += find_places(text, gazetteer_matches)
    found += find_people(text, gazetteer)
    found += find_organisations(text, gazetteer_matches)
    for m in BACKREF.finditer(text):
        head = m["head"]
        kind = "City" if head.lower() in ("thành phố", "tp") else "Organization"
        if head.lower().startswith("mạng lưới"):
            kind, head = "Network", "Mạng lưới"
        found.append(Mention(m.start(), m.end(), kind, head, backref=True))
    for m in BACKREF_EN.finditer(text):  # "the city", "the district": the last place named
        found.append(Mention(m.start("head"), m.end("head"), "City", m["head"], backref=True))
    events = find_events(text)
    # A shaped name inside an event's name belongs to the event ("Cuộc họp Ban Điều phối").
    found = [m for m in found if m.key or not any(e.start <= m.start < e.end for e in events)]
    chosen = _longest_first(found)
    chosen = _longest_first([*chosen, *titled_names(text, chosen)])
    chosen = [without_next_clause(m) for m in chosen]
    return [with_acronym(text, mention) for mention in chosen if _plausible(mention)]


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


EN_EVENT_HEADS = alternatives(words("event_heads", position="last"))
# English names put the head last: "the 12th Steering Committee meeting of Network X", "an
# international seminar on water management in coastal cities".
EVENT_EN = re.compile(
    r"(?<![\w])(?P<name>(?:\d+(?:st|nd|rd|th)\s+)?"
    r"(?:(?:[A-Z][\w'’-]*|international|regional|annual|global|national|high-level|technical)\s+)"
    rf"{{0,6}}(?P<head>(?i:{EN_EVENT_HEADS}))(?![\w])"
    r"(?:\s+(?:on|of|about|for)\s+(?:the\s+)?(?:(?!(?:with|at|which|and|that|to|from|by|on|of|"
    r"for|during|held|hosted|organi[sz]ed|in\s+[A-Z\d])\b)[\w'’-]+\s?){1,8})?)"
)


def _english_events(text: str) -> list[Mention]:
    events = []
    for m in EVENT_EN.finditer(text):
        name = m["name"].strip()
        words = name.split()
        # "the meeting" alone refers back to the last one named
        bare = len(words) == 1 or (len(words) == 2 and words[0].islower())
        kind = EVENT_KINDS.get(m["head"].casefold())
        events.append(
            Mention(m.start(), m.start() + len(name), "Event", name, kind=kind, backref=bare)
        )
    return events


_GENERIC_LIST = re.compile(
    r"(?<![\w])(?:các|những|nhiều|mọi)\s+[^\W\d_]+(?:[ ,]+(?:và\s+)?[^\W\d_]+){0,4}[ ,]+(?:và\s+)?$"
)


_EN_NAME_REST = re.compile(r"(?:\s+(?:of|on|for|and|the|[A-Z0-9][\w'’-]*))*")


def find_events(text: str) -> list[Mention]:
    """Event phrases: a head ("Hội thảo", "Cuộc họp", "Conference") and what follows it."""
    return list(_find_events(text))


@lru_cache(maxsize=64)
def _find_events(text: str) -> tuple[Mention, ...]:
    english = _LATIN_ONLY.fullmatch(text[:200]) is not None
    events = _english_events(text) if english else []
    for m in EVENT.finditer(text):
        if _GENERIC_LIST.search(text, max(0, m.start() - 60), m.start()):
            continue  # "các hội thảo, diễn đàn và triển lãm": kinds of events, not one
        rest = m["rest"]
        if english:  # "Summit of ASEAN Mayors": the name goes on in capitals only
            rest = _EN_NAME_REST.match(rest).group(0)  # type: ignore[union-attr]
            rest = re.sub(r"\s+(?:of|on|for|and|the)$", "", rest)
        name = trim_name(m["head"], rest).strip('“”" ')
        end = m.start() + len(name)
        title = EVENT_TITLE.match(text, end)
        bare = name == m["head"]
        events.append(
            Mention(
                m.start(),
                end,
                "Event",
                name,
                kind=EVENT_KINDS.get(m["head"].casefold()),
                alias=title["title"] if title else None,
                backref=bare and not title,
            )
        )
    return tuple(events)


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside longer ones; a gazetteer name inside a shaped organisation name
    (the "Hàn Quốc" of "Viện Y Hàn Quốc") belongs to the organisation."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda x: (-(x.end - x.start), x.key is None)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda x: x.start)
