"""Entity mentions in a sentence: gazetteer names, and names found by their shape.

Shapes: Vietnamese and English organisation heads ("Học viện ...", "Viện ...", "Ministry of
..."), people after titles and honorifics ("Ông ...", "TS. ...", "Mayor ..."), places after
"TP", "thành phố", "tỉnh". A people's committee ("UBND TP Đà Nẵng") acts for its city.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from .abbreviations import expansions, is_abbreviation
from .gazetteer import Gazetteer, Match
from .lexicon import read_table, words
from .name_shapes import CAP, NOT_NAME_WORDS, UPPER, Mention, alternatives, either_case
from .person_names import (
    FAMILY_NAMES,
    TITLES,
    TITLES_RE,
    VIETNAMESE_NAME,
    find_people,
    plausible_person,
    titled_names,
    without_next_clause,
)

# Names that begin with a place's name but are not that place: the Pacific.
NOT_PLACES = words("not_names", rule="not_place")

ORG_HEADS_VI = words("org_heads", role="head", lang="vi")
# Heads of bodies named by where they sit: "Đại sứ quán Việt Nam tại Pháp".
SITED_HEADS = words("org_heads", role="sited")
# Schools, museums and funds are named after people: "Trường THPT Nguyễn Du".
NAMED_AFTER_PEOPLE = words("org_heads", role="named_after_people")
# Heads that name a country's body only with the country ("Quốc hội Lào"); bare, the gazetteer
# knows them.
NATIONAL_HEADS = words("org_heads", role="national")
# Heads that start a new name inside a longer run: "Phòng Đối ngoại | Viện ...".
_PARENT_HEADS = alternatives(words("org_heads", role="parent"))
# Words that end a Vietnamese organisation name when they follow it.
_STOP_VI = alternatives(words("stop_words"))
_ORG_WORD = r"(?:[&\w]+(?:[-.][\w]+)*)"  # "T.Ư" is one word
_ORG_HEAD_RE = alternatives(sorted(ORG_HEADS_VI, key=len, reverse=True))
ORG_VI = re.compile(
    rf"(?<![\w])(?P<head>{_ORG_HEAD_RE})"
    # A name's first word after the head is capitalised ("Sở Xây dựng", not "Sở ngành"). "và"
    # ends a name when another name follows ("Ngân hàng X và Viện Y").
    rf"(?P<rest>\s+[{UPPER}\d]{_ORG_WORD}?"
    rf"(?:\s+(?!(?:{_STOP_VI})\b)(?!và\s+(?:{_ORG_HEAD_RE})\b){_ORG_WORD}){{0,11}})"
)
_ORG_EN_HEADS = alternatives(words("org_heads", role="head", lang="en"))
_ORG_EN_HEADS_OF = alternatives(words("org_heads", role="head_of"))
ORG_EN = re.compile(
    # a head needs a name before it ("Coastal Development Bank") or after it ("Council of Europe")
    rf"(?P<name>(?:{CAP}\s+){{1,4}}(?:{_ORG_EN_HEADS})(?:\s+(?:of|for)\s+(?:the\s+)?"
    rf"{CAP}(?:\s+(?:and\s+)?{CAP}){{0,5}})?"
    rf"|(?:{_ORG_EN_HEADS})\s+(?:of|for)\s+(?:the\s+)?{CAP}(?:\s+(?:and\s+)?{CAP}){{0,5}}"
    rf"|(?:{_ORG_EN_HEADS_OF})\s+of\s+(?:the\s+)?{CAP}(?:\s+(?:and\s+)?{CAP}){{0,5}})"
)
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
# An acronym defined in brackets or after a dash: "Viện Nghiên cứu Môi trường Y – VMT".
ACRONYM_AFTER = re.compile(
    r"\s*\((?:[^()/]*/)?(?P<acro>(?=[^)]*[A-Z][^)]*[A-Z])[A-Z][A-Za-z0-9&.-]{1,11})\)"
    r"|\s+[–—-]\s+(?P<dashed>[A-Z][A-Z0-9&]{1,9})(?![\w])"
)
# An acronym used alone, once the article has defined it.
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]{1,9}(?![\w-])")


def _trim_org(head: str, rest: str) -> str:
    words = rest.split()
    # An organisation name rarely ends in a lower-case function word.
    while words and words[-1] in {"và", "các", "những", "một", "thì", "mà", "ở", "vì"}:
        words.pop()
    return " ".join([head, *words])


_LATIN_ONLY = re.compile(r"[\x00-\x7f’“”–—‘]*", re.S)
_CAPITAL_PREFIX = re.compile(r"(?:thành phố|Thành phố|TP\.?)\s*$")
_ONE_SYLLABLE = re.compile(r"[^\W\d_][^\W\d_A-Z]{1,5}")  # "Nhật", "Mỹ": not "UN", not "Hà Nội"
_SYLLABLE_IN_NAME = re.compile(rf"[ \t]+[{UPPER}][^\W\d_]")


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


def _places_by_country(text: str, matches: list) -> list[Mention]:
    found = []
    taken = [(g.start, g.end) for g in matches]
    for g in matches:
        if g.entry.type != "Country":
            continue
        m = _BEFORE_COUNTRY.search(text, max(0, g.start - 60), g.start)
        if m is None or any(s < m.end("name") and m.start() < e for s, e in taken):
            continue
        name = m["name"]
        first = name.split()[0]
        if (
            not name.isascii()
            or _CAP_BEFORE.search(
                text, max(0, m.start() - 30), m.start()
            )  # a longer name's end  # a Vietnamese place is named after its unit (tỉnh X, quận Y)
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
    found += _shaped_places(text, [(g.start, g.end) for g in gazetteer_matches])
    found += _places_by_country(text, gazetteer_matches)
    found += find_people(text, gazetteer)
    places = [g for g in gazetteer_matches if g.entry.type in ("City", "Country")]
    orgs = [g for g in gazetteer_matches if g.entry.type in ("Organization", "Network")]
    for m in ORG_VI.finditer(text):
        end = _org_end(text, m, places, orgs)
        if end <= m.end("head"):
            continue
        name = _trim_org(m["head"], text[m.end("head") : end])
        if m["head"] in NEEDS_FIELD and any(
            p.end == m.start() + len(name) and not text[m.end("head") : p.start].strip()
            for p in places
        ):
            continue  # the head and a place, no field: "Bộ Việt Nam" is no one body
        found.append(
            Mention(
                m.start(),
                m.start() + len(name),
                "Organization",
                _canonical_org(m["head"], name, m.start(), places),
            )
        )
    for m in ORG_EN.finditer(text):
        found.append(Mention(m.start(), m.end(), "Organization", m["name"]))
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
    return [_with_acronym(text, mention) for mention in chosen if _plausible(mention)]


GENERIC_BODIES = frozenset(words("not_names", rule="generic_body"))
NEEDS_FIELD = frozenset(words("org_heads", role="needs_field"))
_DANGLING = re.compile(r"(?:\s(?:TP|tỉnh|thành phố|Tỉnh|Thành phố|[A-ZĐ]))$")


def _plausible(mention: Mention) -> bool:
    """Whether a shaped name can be a node: not a body named by its role alone ("Ban Tổ chức"),
    not a name cut short ("Sở X TP"), not a person's name with ordinary words in it."""
    if mention.key or mention.backref:
        return True
    name = mention.name
    if mention.type == "Organization":
        head, _, last = name.rpartition(" ")
        if last in NEEDS_FIELD and head in GENERIC_BODIES:
            return False  # "Ban Lãnh đạo Sở": the leaders of a body named before
        return name not in GENERIC_BODIES and not _DANGLING.search(name)
    if mention.type == "Person":
        return plausible_person(name)
    return True


_ACRONYM_WORD = re.compile(r"\s+[A-Z][A-Z0-9&]{1,9}\b")
# What a body's name may hold after a written-out field with a comma in it ("Sở Lao động,
# Thương binh và Xã hội tỉnh X"): the name goes on past the comma.
_COMMA_FIELDS = re.compile(
    "|".join(re.escape(e) for e in sorted(expansions(), key=len, reverse=True) if "," in e)
)
_UNIT_STOP = re.compile(r"\.\s*")
_ORG_TAIL = re.compile(rf"(?:\s+(?!(?:{_STOP_VI})\b){_ORG_WORD}){{0,8}}")
_SITED = re.compile(r"\s+(?:tại|ở)\s+(?:(?:TP\.?|thành phố|tỉnh|bang)\s+)?")
_PARENT = re.compile(rf"\s(?:{_PARENT_HEADS})\s+[{UPPER}]")


def _org_end(
    text: str, m: re.Match[str], places: Sequence[Match], gazetteer_orgs: Sequence[Match] = ()
) -> int:
    """Where a shaped Vietnamese organisation name ends: after an acronym ("Học viện ABC"), after
    the place that closes it ("Sở Xây dựng tỉnh Bình Định"), before a person's name or its
    parent body ("Phòng Đối ngoại Viện ..."); a sited body keeps its seat ("Đại sứ quán
    Việt Nam tại Pháp"), a branch its parent ("Chi nhánh Ngân hàng ...")."""
    end = m.end()
    rest_start = m.end("head")
    first_word = rest_start + len(text[rest_start:end]) - len(text[rest_start:end].lstrip())
    field = _COMMA_FIELDS.match(text, first_word)
    if field and field.end() > end:
        end = _ORG_TAIL.match(text, field.end()).end()  # type: ignore[union-attr]
    if m["head"] in NATIONAL_HEADS:
        # "Quốc hội Lào", "Quốc hội Cộng hòa Pháp"; "Chủ tịch Quốc hội Trần Thị Bích" names the
        # bare body, which the gazetteer knows.
        country = next((p for p in places if first_word <= p.start <= first_word + 12), None)
        return country.end if country and country.end <= end else rest_start
    known = next((p.end for p in gazetteer_orgs if p.start == m.start() and p.end <= end), None)
    if known:  # "Ngân hàng Thế giới tài trợ ...": the gazetteer knows where the name ends
        return known
    if m["head"] not in SITED_HEADS:
        parent = _PARENT.search(text, first_word, end)
        if parent:
            end = parent.start()
    for acro in _ACRONYM_WORD.finditer(text, rest_start, end):
        if is_abbreviation(acro.group(0).strip()):
            continue  # a field of the name abbreviated ("Sở VHTT&DL tỉnh X"), not its acronym
        if not re.match(rf"\s+[{UPPER}]", text[acro.end() : end]):
            end = acro.end()
            break
    unit = _UNIT_STOP.match(text, end) if text[:end].endswith(("TP", "Tp")) else None
    if unit:
        place = next((p for p in places if end - 2 <= p.start <= unit.end() < p.end), None)
        if place:
            end = place.end  # "Sở Xây dựng TP. Hà Nội": the unit's full stop ends nothing
    for place in places:
        # "Việt Nam – Hàn Quốc" pairs two places inside one name.
        if (
            rest_start < place.start
            and place.end <= end
            and not re.match(rf"\s*[-–]\s*[{UPPER}]", text[place.end : end])
        ):
            end = place.end
            break
    for person in VIETNAMESE_NAME.finditer(text, rest_start, end):
        if any(p.start <= person.start() < p.end for p in places):
            continue  # a place named like a person ("Lâm Đồng"), which the gazetteer knows
        # Schools, museums and funds are named after people: "Trường THPT Nguyễn Du".
        if person.start() > first_word and m["head"] not in NAMED_AFTER_PEOPLE:
            end = person.start()
            break
    if m["head"] in SITED_HEADS:
        sited = _SITED.match(text, end)
        if sited:
            seat = next(
                (p for p in places if end < p.start <= sited.end() and p.end > sited.end()), None
            )
            if seat:
                end = seat.end
    return end


def _canonical_org(head: str, name: str, start: int, places: list) -> str:
    """One name for a body named by its country or seat, however the place is written: "Quốc
    hội Cộng hòa Pháp" and "Quốc hội Pháp" are one."""
    if head not in NATIONAL_HEADS and head not in SITED_HEADS:
        return name
    end = start + len(name)
    place = next((p for p in places if p.end == end and p.start > start), None)
    if place is None:
        return name
    if head in NATIONAL_HEADS:
        return f"{head} {place.entry.name}"
    return name[: place.start - start] + place.entry.name


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
        name = _trim_org(m["head"], rest).strip('“”" ')
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


def _with_acronym(text: str, mention: Mention) -> Mention:
    m = ACRONYM_AFTER.match(text, mention.end)
    if not m or mention.type not in ("Organization", "Network"):
        return mention
    return replace(mention, acronym=m["acro"] or m["dashed"])
