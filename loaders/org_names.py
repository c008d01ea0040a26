"""Organisations' names by their shape: a Vietnamese head ("Học viện ...", "Sở ...") and the
words after it up to where the name ends, an English head with a name before or after it
("... Development Bank", "Council of ..."), the acronym defined with a name; and the checks that
a shaped name can be a body."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from .abbreviations import expansions, is_abbreviation
from .gazetteer import Match
from .lexicon import words
from .name_shapes import CAP, UPPER, Mention, alternatives, trim_name
from .person_names import POSTED_TITLES, VIETNAMESE_NAME

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
    # A name's first word after the head is capitalised ("Sở Xây dựng", not "Sở ngành"), but
    # for a plural before it ("Liên hiệp các Hội ..."). "và" ends a name when another name
    # follows ("Ngân hàng X và Viện Y").
    rf"(?P<rest>\s+(?:các\s+)?[{UPPER}\d]{_ORG_WORD}?"
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
_ARTICLE = re.compile(r"(?:The|A|An|This|That)\s+(?=\S+\s)")
# An acronym defined in brackets or after a dash: "Viện Nghiên cứu Môi trường Y – VMT".
ACRONYM_AFTER = re.compile(
    r"\s*\((?:[^()/]*/)?(?P<acro>(?=[^)]*[A-Z][^)]*[A-Z])[A-Z][A-Za-z0-9&.-]{1,11})\)"
    r"|\s+[–—-]\s+(?P<dashed>[A-Z][A-Z0-9&]{1,9})(?![\w])"
)
# An acronym used alone, once the article has defined it.
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]{1,9}(?![\w-])")

GENERIC_BODIES = frozenset(words("not_names", rule="generic_body"))
NEEDS_FIELD = frozenset(words("org_heads", role="needs_field"))
_DANGLING = re.compile(r"(?:\s(?:TP|tỉnh|thành phố|Tỉnh|Thành phố|[A-ZĐ]))$")


def find_organisations(text: str, gazetteer_matches: Sequence[Match]) -> list[Mention]:
    """Organisations named by a Vietnamese or an English head; the gazetteer's places and
    bodies in `text` tell where a Vietnamese name ends."""
    found = []
    places = [g for g in gazetteer_matches if g.entry.type in ("City", "Country")]
    orgs = [g for g in gazetteer_matches if g.entry.type in ("Organization", "Network")]
    for m in ORG_VI.finditer(text):
        end = _org_end(text, m, places, orgs)
        if end <= m.end("head"):
            continue
        name = trim_name(m["head"], text[m.end("head") : end])
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
        # "The ..." opening a sentence is the article, not a word of the name; inside a
        # sentence (a foreign name in Vietnamese text) it is part of the name
        article = _ARTICLE.match(m["name"])
        opens = not text[: m.start()].strip(" \"'“‘(")
        start = m.start() + (len(article[0]) if article and opens else 0)
        # "Rector of the Hue University of Sciences Le Van An": the name ends where a person's
        # name begins
        end = next(
            (
                p.start() - 1
                for p in VIETNAMESE_NAME.finditer(text, m.start(), m.end())
                if p.start() > m.start() and p.end() == m.end()
            ),
            m.end(),
        )
        found.append(Mention(start, end, "Organization", text[start:end]))
    return found


def plausible_org(name: str) -> bool:
    """Whether a shaped name can be a body's: not a body named by its role alone ("Ban Tổ
    chức"), not a name cut short ("Sở X TP")."""
    head, _, last = name.rpartition(" ")
    if last in NEEDS_FIELD and head in GENERIC_BODIES:
        return False  # "Ban Lãnh đạo Sở": the leaders of a body named before
    return name not in GENERIC_BODIES and not _DANGLING.search(name)


def with_acronym(text: str, mention: Mention) -> Mention:
    """A body's or network's mention with the acronym defined right after it."""
    m = ACRONYM_AFTER.match(text, mention.end)
    if not m or mention.type not in ("Organization", "Network"):
        return mention
    return replace(mention, acronym=m["acro"] or m["dashed"])


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


# An envoy's title names the mission the envoy heads: "Đại sứ Việt Nam tại Hoa Kỳ" serves the
# "Đại sứ quán Việt Nam tại Hoa Kỳ" (titles.tsv, column posted).
_MISSIONS = {title: head for title, head in POSTED_TITLES.items() if head != "yes"}
_ENVOY = re.compile(
    rf"(?<![\w])(?P<title>{alternatives(sorted(_MISSIONS, key=len, reverse=True))})\s+$"
)
_POST_GAP = re.compile(r"\s+tại\s+(?:(?:thành phố|Thành phố|TP\.?|tỉnh|bang)\s+)?")


def envoy_missions(text: str, gazetteer_matches: Sequence[Match]) -> list[Mention]:
    """The mission an envoy's title names: its country, "tại" and the place of the post, right
    after the title ("Tổng Lãnh sự Hàn Quốc tại TP Hồ Chí Minh")."""
    places = [g for g in gazetteer_matches if g.entry.type in ("City", "Country")]
    found = []
    for sender, seat in itertools.pairwise(places):
        title = _ENVOY.search(text, max(0, sender.start - 20), sender.start)
        if (
            sender.entry.type != "Country"
            or title is None
            or not _POST_GAP.fullmatch(text, sender.end, seat.start)
        ):
            continue
        mission = _MISSIONS[title["title"]]
        name = f"{mission} {sender.surface} tại {seat.surface}"
        found.append(Mention(sender.start, seat.end, "Organization", name))
    return found
