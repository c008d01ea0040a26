"""From an article to the extraction document of the eval README: entities and relations,
each relation with the sentence it came from.

`RuleExtractor` is deterministic and offline: gazetteer names and name shapes
(`loaders.mentions`), resolved within the article, and relation patterns per sentence. The
`Extractor` protocol leaves room for statistical or LLM extractors with the same output.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any, Protocol

from ..graph.errors import UcnError
from ..graph.ids import node_id, slugify
from ..graph.model import MODEL
from .article import Article
from .dates import find_dates, year_of
from .gazetteer import Gazetteer, load_gazetteer
from .mentions import (
    ACRONYM,
    EN_EVENT_HEADS,
    ORG_HEADS_VI,
    SITED_HEADS,
    TITLES,
    Mention,
    find_events,
    find_mentions,
)
from .sentences import split_sentences

PARTY_TYPES = ("City", "Country", "Organization", "Network")


class Extractor(Protocol):
    def extract(self, article: Article) -> dict[str, Any]:
        """The extraction document of one article."""


@dataclass
class _Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    iso: str | None = None  # a gazetteer place's country code

    def add_alias(self, alias: str | None) -> None:
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)


@dataclass
class _Relation:
    type: str
    source: str
    target: str
    evidence: str
    confidence: float
    properties: dict[str, str] = field(default_factory=dict)


class _Events(dict[str, _Entity]):
    """An article's events by id, also listed by head in the order they were added, so that
    finding the last event of a kind ("khóa học" after "khóa đào tạo") takes constant time
    however many events the article tells of."""

    def __init__(self) -> None:
        super().__init__()
        self.by_head: dict[str, list[_Entity]] = {}

    def __setitem__(self, key: str, value: _Entity) -> None:
        if key in self:
            raise KeyError(f"event {key!r} is already known")  # the index would go stale
        super().__setitem__(key, value)
        self.by_head.setdefault(_event_head(value.name), []).append(value)

    def setdefault(self, key: str, default: _Entity) -> _Entity:  # type: ignore[override]
        if key not in self:
            self[key] = default
        return self[key]

    def last_of(self, head: str, *, visits: bool = True) -> _Entity | None:
        """The event added last whose head is `head` (a visit only with `visits`)."""
        for entity in reversed(self.by_head.get(head, ())):
            if visits or entity.properties.get("kind") != "visit":
                return entity
        return None


def _key(name: str) -> str:
    return slugify(name).replace("-", "")


def _starting_with(names: list[str], prefix: str) -> Iterator[str]:
    """The names of the sorted list `names` that start with `prefix`."""
    for i in range(bisect_left(names, prefix), len(names)):
        if not names[i].startswith(prefix):
            return
        yield names[i]


class _Resolver:
    """One entity per real thing within an article.

    Names are looked up through indexes, not by a scan of all the names known, so that an
    article with thousands of people and bodies still takes time in proportion to its length.
    """

    def __init__(self) -> None:
        self.entities: dict[str, _Entity] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        self._by_type: dict[str, list[_Entity]] = {}
        # Each name's place in `by_name`: of two names that fit, the one known first wins.
        self._order: dict[tuple[str, str], int] = {}
        self._names: list[tuple[str, str]] = []
        self._person_ends: list[str] = []  # people's names reversed, sorted: suffix look-ups
        self._organizations: list[str] = []  # organizations' names, sorted: prefix look-ups

    def add(self, mention: Mention, surface: str) -> _Entity | None:
        if mention.backref:
            return self._last_with_head(mention)
        entity_id = mention.key or self._known(mention) or node_id(mention.type, mention.name)
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = _Entity(entity_id, mention.type, mention.name)
            if mention.kind:
                entity.properties["kind"] = mention.kind
            if mention.country and mention.type in ("City", "Country"):
                entity.iso = mention.country
                # the model's name for the code: `country` of a city, `code` of a country
                key = "country" if mention.type == "City" else "code"
                entity.properties[key] = mention.country
            self.entities[entity_id] = entity
            self._by_type.setdefault(entity.type, []).append(entity)
        for alias in (surface, mention.name, mention.acronym):
            entity.add_alias(alias)
            if alias:
                self._name(mention.type, _key(alias), entity_id)
        return entity

    def _name(self, etype: str, key: str, entity_id: str) -> None:
        name = (etype, key)
        if name not in self._order:
            self._order[name] = len(self._names)
            self._names.append(name)
            if etype == "Person":
                insort(self._person_ends, key[::-1])
            elif etype == "Organization":
                insort(self._organizations, key)
        self.by_name[name] = entity_id

    def _last_with_head(self, mention: Mention) -> _Entity | None:
        head = mention.name.casefold()
        for entity in reversed(self._by_type.get(mention.type, ())):
            if (
                mention.type in ("City", "Network")
                or entity.name.casefold().startswith(head)
                or any(a.casefold().startswith(head) for a in entity.aliases)
            ):
                return entity
        return None

    def _known(self, mention: Mention) -> str | None:
        etype, key = mention.type, _key(mention.name)
        found = self.by_name.get((etype, key))
        if found:
            return found
        # "Học viện AMC" once "AMC" is known; a person named without the family name; "Sở Xây
        # dựng tỉnh" once "Sở Xây dựng tỉnh Tiền Giang" is known. Of the names that fit, the
        # one known first.
        fits: list[str] = []
        if etype in ("Person", "Organization", "Network"):  # names that end the key
            fits += (
                alias
                for alias in (key[i:] for i in range(len(key) + 1))
                if (etype, alias) in self._order
                and (etype == "Person" or (len(alias) >= 3 and alias.isalnum()))
            )
        if etype == "Person":  # names that the key ends
            fits += (end[::-1] for end in _starting_with(self._person_ends, key[::-1]))
        if etype == "Organization" and len(key) >= 10:  # names that the key starts
            fits += _starting_with(self._organizations, key)
        if not fits:
            return None
        first = min(self._order[(etype, alias)] for alias in fits)
        return self.by_name[self._names[first]]


@dataclass
class _Sentence:
    text: str
    mentions: list[tuple[Mention, _Entity]]
    events: list[_Entity]
    date: str | None
    place: _Entity | None
    visit: re.Match[str] | None = None  # the visit trigger, when the sentence tells of one
    host: _Entity | None = None  # the place or body visited
    received: bool = False  # a meeting within the article's visit
    visit_event: _Entity | None = None
    parts: list[tuple[_Entity, _Entity]] = field(default_factory=list)  # branch, parent
    seats: list[tuple[_Entity, _Entity]] = field(default_factory=list)  # body, its place
    event_at: dict[str, int] = field(default_factory=dict)  # where each event is named
    capitals: list[tuple[_Entity, _Entity]] = field(default_factory=list)  # city, its province
    told_by_cities: bool = False  # a country visit that the article tells city by city


_APPOSITION = re.compile(r"\s*(?:[,(]|\s[-–])\s*")
_TITLE = re.compile("|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)))
MEMBER = re.compile(r"thành viên|\bmembers?\b|gia nhập|\bjoin(?:ed|s)?\b", re.IGNORECASE)
ASSOCIATE = re.compile(r"liên kết|associate", re.IGNORECASE)
FULL = re.compile(r"chính thức|full", re.IGNORECASE)
ORGANISE = re.compile(
    r"tổ chức|phối hợp|\borgani[sz](?:e[sd]?|ing)\b|\b(?:held|holds?|convened?|co-organi[sz]ed)\b",
    re.IGNORECASE,
)
ATTEND = re.compile(
    r"tham dự|tham gia|có sự tham gia|sự hiện diện|đối tác (?:đến )?từ|attend|participat|"
    r"partners from|delegates from",
    re.IGNORECASE,
)
# A host without an organising verb: "Da Nang hosted the meeting", "Đà Nẵng đăng cai hội nghị".
HOSTS_EVENT = re.compile(r"\bhost(?:ed|s|ing)?\b|đăng cai", re.IGNORECASE)
# Co-organisers named after the verb: "which CityNet organised together with the Da Nang People's
# Committee".
_TOGETHER = re.compile(
    r"\s+(?:together|jointly)\s+with\s+|\s+in\s+(?:co-?operation|partnership)\s+with\s+", re.I
)
# A visit: the trigger, then the place or body visited ("thăm và làm việc tại tỉnh Bến Tre").
VISIT = re.compile(
    r"(?<![\w])(?:(?:đến|tới|sang|về)\s+)?(?:chuyến\s+)?thăm(?![\w])"
    r"(?:\s+(?:và\s+)?(?:làm\s+việc|chính\s+thức|hữu\s+nghị|cấp\s+nhà\s+nước))*"
    r"(?:\s+(?:tại|với|ở))?|\bvisit(?:ed|s|ing)?\b(?:\s+(?:to|in))?",
    re.IGNORECASE,
)
SPEAK = re.compile(
    r"(?<![\w])(?:phát biểu|trình bày|chia sẻ tại|báo cáo tại|spoke|addressed|presented)(?![\w])",
    re.IGNORECASE,
)
# A body receiving a delegation: "Phân viện ... làm việc với Đoàn công tác ...", "UBND TP tiếp
# đoàn ...".
MEETING = re.compile(
    r"(?<![\w])(?:có\s+(?:buổi|cuộc)\s+)?(?:làm\s+việc|hội\s+đàm|hội\s+kiến|tiếp|đón)\s+"
    r"(?:với\s+)?(?:[Đđ]oàn|phái\s+đoàn)|\b(?:received|hosted)\s+(?:a|the)\s+delegation",
)
# Meetings during a visit: who received whom ("tiếp", "hội kiến", "có cuộc làm việc với").
RECEIVE = re.compile(
    r"(?<![\w])(?<!trực\s)(?:tiếp(?!\s+(?:tục|theo|cận|thu|xúc|nhận|nối))|hội kiến|hội đàm|"
    r"gặp gỡ|gặp|chào đón|đón tiếp|làm việc với|làm việc cùng|cuộc gặp|cuộc làm việc|buổi tiếp|"
    r"buổi làm việc|received|met with|welcomed)(?![\w])",
    re.IGNORECASE,
)
HOST = re.compile(r"đón tiếp|tiếp đoàn|đăng cai|chủ trì|hosted", re.IGNORECASE)
FOUNDED = re.compile(r"thành lập|ra đời|founded|established", re.IGNORECASE)
SUPPORT = re.compile(
    r"(?P<passive>(?:sự|được)\s+(?:hỗ trợ|tài trợ|giúp đỡ)(?:\s+(?:của|bởi|từ))?|"
    r"(?:supported|funded|sponsored)\s+by)|(?<![\w])(?:hỗ trợ|tài trợ|supports?|funds?)(?![\w])",
    re.IGNORECASE,
)
PARTNER = re.compile(
    r"ký kết|ký thỏa thuận|biên bản ghi nhớ|thỏa thuận hợp tác|kết nghĩa|quan hệ hợp tác|"
    r"hợp tác(?:\s+[\w\s]{0,25}?)?\s+(?:giữa|với)|quan hệ hữu nghị|signed|memorandum|"
    r"sister cit|twinn|partnership|cooperation (?:with|between)",
    re.IGNORECASE,
)
_BETWEEN_PAIR = re.compile(r"(?:giữa|between)\s+(?:the\s+)?$", re.IGNORECASE)
_PARENT_BEFORE = re.compile(r"(?:trực thuộc|thuộc|under|part of|[–(])\s*$", re.IGNORECASE)
# Bodies that city networks do not count among their members.
NOT_MEMBERS = frozenset({"international", "government", "legislature"})
# "Đến năm 2018" (by 2018) dates a count, not a joining.
_UNTIL = re.compile(r"(?:đến|tính đến|until|by|as of)\s+(?:năm|ngày|tháng|nay)?\s*\d", re.I)
AT = re.compile(r"(?:tại|ở|in|at)\s+$", re.IGNORECASE)


class RuleExtractor:
    """Deterministic, offline extraction with the curated gazetteer and sentence patterns."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or _default_gazetteer()

    def extract(self, article: Article) -> dict[str, Any]:
        resolver = _Resolver()
        year = year_of(article.date)
        events = _Events()
        english = article.lang == "en"
        # The headline names what the body refers back to, so it is read first; the body's
        # sentences say each fact more fully, so they come first as evidence.
        headline = []
        if article.title and article.title not in article.text[: len(article.title) + 5]:
            headline = [
                self._read_sentence(article.title, resolver, events, year, english, headline=True)
            ]
        body = [
            self._read_sentence(s.text, resolver, events, year, english)
            for s in split_sentences(article.text)
        ]
        sentences = [*body, *headline]
        _assign_visits(sentences, events, english=english)
        relations = [r for s in sentences for r in (*_relations(s), *_visit_relations(s))]
        return _document(article, resolver.entities.values(), events.values(), relations)

    def _read_sentence(
        self,
        text: str,
        resolver: _Resolver,
        events: _Events,
        year: int | None,
        english: bool = False,
        headline: bool = False,
    ) -> _Sentence:
        mentions = []
        for m in find_mentions(text, self.gazetteer):
            entity = resolver.add(m, text[m.start : m.end])
            if entity is not None:
                mentions.append((m, entity))
        mentions = _with_defined_acronyms(text, mentions, resolver)
        dates = find_dates(text, year)
        date = dates[0].iso if dates else None
        place = None
        for mention, entity in mentions:
            if entity.type in ("City", "Country") and AT.search(text[: mention.start]):
                place = entity
                break
        sentence_events = []
        event_at: dict[str, int] = {}
        # A headline's events are told again in the body, with their dates.
        for event in [] if headline else find_events(text):
            if event.backref:  # "khóa học" alone: the last one named, or a new one
                earlier = events.last_of(_event_head(event.name))
                if earlier is not None:
                    sentence_events.append(earlier)
                    event_at.setdefault(earlier.id, event.start)
                    continue
                if not (date or ORGANISE.search(text)):
                    continue
            event_id = node_id("Event", f"{event.name} {date or ''}")
            same_head = events.last_of(_event_head(event.name), visits=False)
            if not date and not event.alias and event_id not in events and same_head:
                # Named again without a date: most likely the event already told of.
                entity = same_head
                entity.add_alias(event.name)
            else:
                entity = events.setdefault(event_id, _Entity(event_id, "Event", event.name))
            entity.add_alias(event.alias)
            event_at.setdefault(entity.id, event.start)
            if date:
                entity.properties.setdefault("date", date)
            if place:
                entity.properties.setdefault("location", place.name)
            sentence_events.append(entity)
        if not sentence_events and not headline and not VISIT.search(text):
            meeting = self._meeting(text, mentions, events, date, english)
            if meeting:
                sentence_events.append(meeting)
                event_at[meeting.id] = MEETING.search(text).start()
        parts, seats = self._branches(text, mentions, resolver)
        capitals = []
        for m, e in mentions:
            if m.within:
                province = self._province(m, resolver)
                if province:
                    capitals.append((e, province))
        visit, host = _visit_of(text, mentions)
        received = bool(RECEIVE.search(text)) or (bool(ATTEND.search(text)) and not sentence_events)
        return _Sentence(
            text,
            mentions,
            sentence_events,
            date,
            place,
            visit,
            host,
            received,
            None,
            parts,
            seats,
            event_at,
            capitals,
        )

    def _meeting(
        self,
        text: str,
        mentions: list[tuple[Mention, _Entity]],
        events: dict[str, _Entity],
        date: str | None,
        english: bool,
    ) -> _Entity | None:
        """A working session: the body before the verb receives the delegation after it."""
        trigger = MEETING.search(text)
        if trigger is None:
            return None
        hosts = [e for m, e in mentions if m.end <= trigger.start() and e.type in PARTY_TYPES]
        guests = [e for m, e in mentions if m.start >= trigger.end() and e.type in PARTY_TYPES]
        if not hosts or not guests:
            return None
        host, guest = hosts[-1], guests[0]
        name = (
            f"Meeting of {host.name} with {guest.name}"
            if english
            else f"Buổi làm việc giữa {host.name} và {guest.name}"
        )
        event_id = node_id("Event", f"{name} {date or ''}")
        event = events.setdefault(event_id, _Entity(event_id, "Event", name))
        event.properties["kind"] = "meeting"
        if date:
            event.properties.setdefault("date", date)
        return event

    def _province(self, capital: Mention, resolver: _Resolver) -> _Entity | None:
        surface = capital.name.removeprefix("thành phố ")
        entry = next((e for e in self.gazetteer.lookup(surface) if e.id == capital.within), None)
        if entry is None:
            return None
        province = Mention(
            0, 0, entry.type, entry.name, entry.id, entry.kind, country=entry.country
        )
        return resolver.add(province, entry.name)

    def _branches(
        self, text: str, mentions: list[tuple[Mention, _Entity]], resolver: _Resolver
    ) -> tuple[list[tuple[_Entity, _Entity]], list[tuple[_Entity, _Entity]]]:
        """A branch named after its parent and seat ("Phân viện Học viện Hành chính Quốc gia tại
        TP. Hồ Chí Minh") is part of the parent and located at the seat."""
        parts, seats = [], []
        for m, e in mentions:
            head = _head(m.name)
            if e.type != "Organization" or head not in SITED_HEADS:
                continue
            inner = text[m.start + len(head) : m.end]
            for im in find_mentions(inner, self.gazetteer):
                found = resolver.add(im, inner[im.start : im.end])
                if found is None or found.id == e.id:
                    continue
                if found.type == "Organization" and head in ("Phân viện", "Chi nhánh"):
                    parts.append((e, found))
                elif found.type in ("City", "Country") and re.search(
                    r"(?:tại|ở)\s+\S*\s*$", inner[: im.start]
                ):
                    seats.append((e, found))
        return parts, seats


def _relations(s: _Sentence) -> Iterable[_Relation]:
    text = s.text
    parties = [(m, e) for m, e in s.mentions if e.type in PARTY_TYPES]
    people = [(m, e) for m, e in s.mentions if e.type == "Person"]
    # City, Country: "Colombo, Srilanka" or "Nagoya (Nhật Bản)"
    for (m1, e1), (m2, e2) in zip(s.mentions, s.mentions[1:], strict=False):
        gap = text[m1.end : m2.start]
        if e1.type == "City" and e2.type == "Country" and re.fullmatch(r"\s*[,(]\s*", gap):
            yield _Relation("LOCATED_IN", e1.id, e2.id, text, 0.8)
    for event in s.events:
        if s.place:
            yield _Relation("LOCATED_IN", event.id, s.place.id, text, 0.7)
    # Places named after "tại" (and the country that follows them) are where, not who.
    places: set[int] = set()  # where the mentions of places start
    for m, e in parties:
        before = text[max(0, m.start - 40) : m.start]
        if AT.search(before) or (
            places and re.fullmatch(r".*[,(]\s*", before, re.S) and e.type == "Country"
        ):
            places.add(m.start)
    # Membership
    if MEMBER.search(text):
        networks = [e for m, e in parties if e.type == "Network"]
        if networks:
            network = networks[0]
            props = {}
            if ASSOCIATE.search(text):
                props["role"] = "associate"
            elif FULL.search(text):
                props["role"] = "full"
            if s.date and not _UNTIL.search(text):
                props["since"] = s.date
            supporters = {
                e.id
                for sm in SUPPORT.finditer(text)
                if sm["passive"]
                for e in _listed(text, [(m, e) for m, e in parties if m.start >= sm.end()])
            }
            members = [
                e
                for m, e in parties
                if e.type in ("City", "Organization")
                and e.id not in supporters
                and e.properties.get("kind") not in NOT_MEMBERS
                and m.start not in places
                # "AMC, thuộc Bộ Xây dựng, ...": the parent body is not the member
                and not _PARENT_BEFORE.search(text, max(0, m.start - 15), m.start)
            ]
            for member in members:
                if member.id != network.id:
                    yield _Relation("MEMBER_OF", member.id, network.id, text, 0.7, dict(props))
    # Roles: "Ông A - Giám đốc X", "Chủ tịch UBND TP X Huỳnh Đức Thơ"
    for m, person in people:
        # "Ông A - Giám đốc X", "ông A, Ủy viên ..., Chủ tịch UBND TP Hà Nội"
        after = _APPOSITION.match(text, m.end)
        if after:
            title = _TITLE.search(text, after.end(), after.end() + 80)
            found = title and _next_party(parties, title.end(), 60)
            if title and found:
                props = {"title": title.group(0)}
                yield _Relation("WORKS_FOR", person.id, found[1].id, text, 0.7, props)
        # "Chủ tịch UBND TP Huế Nguyễn Văn Phương": the body stands between title and name.
        before = text[max(0, m.start - 80) : m.start]
        title = None
        for t in _TITLE.finditer(before):
            title = t
        if title:
            found = _next_party(parties, m.start - len(before) + title.end(), 60)
            employer_mention, employer = found or (None, None)
            if (
                employer
                and employer_mention
                and employer_mention.end <= m.start
                and _only_places_between(text, employer_mention.end, m.start, s.mentions)
            ):
                yield _Relation(
                    "WORKS_FOR", person.id, employer.id, text, 0.6, {"title": title.group(0)}
                )
            # "Rotterdam Mayor Ahmed Aboutaleb": the body, its title, the name
            title_start = m.start - len(before) + title.start()
            if re.fullmatch(r"\s*", text[m.start - len(before) + title.end() : m.start]):
                body = next(
                    (
                        pe
                        for pm, pe in parties
                        if pm.end <= title_start
                        and re.fullmatch(r"\s+", text[pm.end : title_start])
                    ),
                    None,
                )
                if body is not None:
                    yield _Relation(
                        "WORKS_FOR", person.id, body.id, text, 0.6, {"title": title.group(0)}
                    )
    # Events: organisers before "tổ chức", participants after "tham dự"
    for event in s.events:
        # The organising verb nearest before the event: "A phối hợp với B tổ chức Hội thảo".
        at = s.event_at.get(event.id, len(text))
        organise = None
        for o in ORGANISE.finditer(text, 0, at + 1):
            organise = o
        organise = organise or ORGANISE.search(text)
        attend = ATTEND.search(text)
        hosted = HOSTS_EVENT.search(text)
        for m, e in parties:
            if m.start in places:
                continue
            if hosted and not organise and m.end <= hosted.start():
                yield _Relation("HOSTED", e.id, event.id, text, 0.6)  # "Da Nang hosted the ..."
            elif organise and m.end <= organise.start() and not (attend and m.start > attend.end()):
                kind = "HOSTED" if HOST.search(text) else "ORGANIZED"
                yield _Relation(kind, e.id, event.id, text, 0.6)
                # A city that organises an event held in it is also its host.
                if e.type == "City" and s.place is e:
                    yield _Relation("HOSTED", e.id, event.id, text, 0.6)
            elif (
                organise
                and (together := _TOGETHER.match(text, organise.end()))
                and together.end() <= m.start <= together.end() + 10
            ):
                yield _Relation("ORGANIZED", e.id, event.id, text, 0.6)
            elif attend and m.start >= attend.end():
                yield _Relation("PARTICIPATED_IN", e.id, event.id, text, 0.6)
        if attend:
            for m, person in people:
                if m.start >= attend.end():
                    yield _Relation("PARTICIPATED_IN", person.id, event.id, text, 0.6)
        # Speakers take part: "X phát biểu tại khóa học"
        if SPEAK.search(text):
            for _m, person in people:
                yield _Relation("PARTICIPATED_IN", person.id, event.id, text, 0.5)
    # A working session: the host before the verb, the delegation after it.
    meeting = MEETING.search(text)
    for event in s.events:
        if meeting is None or event.properties.get("kind") != "meeting":
            continue
        hosts = [(m, e) for m, e in parties if m.end <= meeting.start()]
        if hosts:
            yield _Relation("HOSTED", hosts[-1][1].id, event.id, text, 0.6)
        for m, e in s.mentions:
            if m.start >= meeting.end() and e.type in (*PARTY_TYPES, "Person"):
                yield _Relation("PARTICIPATED_IN", e.id, event.id, text, 0.6)
    # Founding: "được thành lập năm 1987 tại TP Nagoya"
    founded = FOUNDED.search(text)
    if founded and s.place:
        subjects = [e for m, e in parties if e.type in ("Network", "Organization")]
        if subjects:
            props = {"date": s.date} if s.date else {}
            yield _Relation("FOUNDED_IN", subjects[0].id, s.place.id, text, 0.7, props)
    # Support: "với sự hỗ trợ của A, B và C, X ..." (passive) and "A hỗ trợ X" (active)
    for support in SUPPORT.finditer(text):
        before = [(m, e) for m, e in parties if m.end <= support.start() and m.start not in places]
        after = [(m, e) for m, e in parties if m.start >= support.end() and m.start not in places]
        if support["passive"]:
            listed = _listed(text, after)
            rest = [e for m, e in after[len(listed) :] if e.type in ("Network", "Organization")]
            subjects = [e for m, e in before if e.type in ("Network", "Organization")] or rest[:1]
            for supporter in listed:
                for subject in subjects[:1]:
                    yield _Relation("SUPPORTED", supporter.id, subject.id, text, 0.6)
        elif (
            before
            and after
            and re.fullmatch(r"\s*(?:the\s+)?", text[support.end() : after[0][0].start])
        ):
            yield _Relation("SUPPORTED", before[-1][1].id, after[0][1].id, text, 0.5)
    # Partnerships
    partner = PARTNER.search(text)
    if partner:
        yield from _partnerships(text, partner, parties, places)
    # Sub-units: "Cục Ngoại vụ, Bộ Ngoại giao", "Công ty X thuộc Tập đoàn Y", "Phân viện Học
    # viện X"
    for (m1, e1), (m2, e2) in pairwise(parties):
        if e1.type != "Organization" or e2.type not in ("Organization", "City", "Network"):
            continue
        gap = text[m1.end : m2.start]
        head = _head(m1.name)
        if (
            _BELONGS.fullmatch(gap)
            or (head in SUBUNIT_HEADS and re.fullmatch(r"\s*,?\s*", gap) and _head(m2.name) != head)
            # "Học viện AMC – Bộ Xây dựng", "Công ty X (Tập đoàn Y)": a body, then the ministry
            # or group it answers to
            or (
                re.fullmatch(r"\s*(?:[–—(-])\s*", gap)
                and _head(text[m2.start : m2.end]) in ("Bộ", "Tập đoàn", "Tổng công ty", "UBND")
            )
        ):
            yield _Relation("PART_OF", e1.id, e2.id, text, 0.6)
    for branch, parent in s.parts:
        yield _Relation("PART_OF", branch.id, parent.id, text, 0.6)
    for body, seat in s.seats:
        yield _Relation("LOCATED_IN", body.id, seat.id, text, 0.6)
    for city, province in s.capitals:
        yield _Relation("LOCATED_IN", city.id, province.id, text, 0.8)


# Heads that name the same kind of event: a course is "khóa đào tạo" and then "khóa học".
_EVENT_KINDS = {
    **dict.fromkeys(
        (
            "khóa đào tạo",
            "khoá đào tạo",
            "khóa học",
            "khoá học",
            "khóa bồi dưỡng",
            "khóa tập huấn",
            "lớp tập huấn",
            "lớp học",
            "lớp bồi dưỡng",
        ),
        "course",
    ),
    **dict.fromkeys(("cuộc họp", "phiên họp", "kỳ họp"), "meeting"),
    **dict.fromkeys(("buổi làm việc", "phiên làm việc", "buổi tiếp"), "working session"),
}


_EN_HEAD = re.compile(rf"\b(?:{EN_EVENT_HEADS})\b", re.IGNORECASE)


def _event_head(name: str) -> str:
    english = _EN_HEAD.search(name) if name.isascii() else None
    if english:  # "the meeting" refers back to "the 37th Executive Committee meeting"
        return english.group(0).casefold()
    words = name.casefold().split()
    for size in (3, 2):
        head = " ".join(words[:size])
        if head in _EVENT_KINDS:
            return _EVENT_KINDS[head]
    return " ".join(words[:2])


def _partnerships(
    text: str,
    trigger: re.Match[str],
    parties: list[tuple[Mention, _Entity]],
    places: set[int],
) -> Iterable[_Relation]:
    """The parties of a stated cooperation: A and those after it in "giữa A và B, C", or the
    subject and those it signs or cooperates with. A country named as a party's own ("tỉnh
    Khánh Hòa của VN") is no party."""
    signatories = []
    for i, (m, e) in enumerate(parties):
        if m.start in places or e.type == "Network":
            continue
        if i and e.type == "Country":
            gap = text[parties[i - 1][0].end : m.start]
            if re.fullmatch(r"\s*(?:,|\(|của|of)\s*", gap) and parties[i - 1][1].type != "Country":
                continue
        signatories.append((m, e))
    between = next(
        (
            k
            for k, (m, _) in enumerate(signatories)
            if _BETWEEN_PAIR.search(text[max(0, m.start - 12) : m.start])
        ),
        None,
    )
    if between is not None and between + 1 < len(signatories):
        first = signatories[between][1]
        pairs = [(first, other) for _, other in signatories[between + 1 :]]
    else:
        before = [e for m, e in signatories if m.end <= trigger.start()]
        after = [e for m, e in signatories if m.start >= trigger.end()]
        if after:
            subject = before[-1] if before else after.pop(0)
            pairs = [(subject, other) for other in after]
        else:  # "TP Hồ Chí Minh và thành phố Busan là thành phố kết nghĩa"
            pairs = [(before[0], other) for other in before[1:]]
    for a, b in pairs:
        if a.id != b.id:
            yield _Relation("PARTNER_OF", a.id, b.id, text, 0.5)


def _only_places_between(
    text: str, start: int, end: int, mentions: list[tuple[Mention, _Entity]]
) -> bool:
    """Whether only places, commas and dashes lie between a body and the name after it ("Đại sứ
    Lào tại Việt Nam Thongsavanh Phomvihane")."""
    gap = list(text[start:end])
    for m, e in mentions:
        if e.type in ("City", "Country") and start <= m.start and m.end <= end:
            gap[m.start - start : m.end - start] = " " * (m.end - m.start)
    return re.fullmatch(r"[\s,–—-]*(?:(?:tại|ở)\s+)?[\s,–—-]*", "".join(gap)) is not None


def _listed(text: str, mentions: list[tuple[Mention, _Entity]]) -> list[_Entity]:
    """The parties named one after another in a list: "UNESCAP, UNDP và UN-Habitat"."""
    listed: list[_Entity] = []
    closed = False  # "A, B và C, X ...": the list ends after its "và"
    for i, (m, e) in enumerate(mentions):
        if i:
            joiner = re.fullmatch(
                r"\s*(,|và|and|&|,\s*and)\s*(?:the\s+)?", text[mentions[i - 1][0].end : m.start]
            )
            if joiner is None or closed:
                break
            closed = joiner.group(1) != ","
        listed.append(e)
    return listed


def _with_defined_acronyms(
    text: str, mentions: list[tuple[Mention, _Entity]], resolver: _Resolver
) -> list[tuple[Mention, _Entity]]:
    """Acronyms the article defined earlier ("CBIE") name the body they stand for."""
    added = []
    for m in ACRONYM.finditer(text):
        if any(x.start < m.end() and m.start() < x.end for x, _ in mentions):
            continue
        for etype in ("Organization", "Network"):
            entity_id = resolver.by_name.get((etype, _key(m.group(0))))
            if entity_id:
                mention = Mention(m.start(), m.end(), etype, m.group(0))
                added.append((mention, resolver.entities[entity_id]))
                break
    return sorted([*mentions, *added], key=lambda pair: pair[0].start) if added else mentions


_HOST_RANK = {"City": 0, "Organization": 1, "Network": 1, "Country": 2}


def _visit_of(
    text: str, mentions: list[tuple[Mention, _Entity]]
) -> tuple[re.Match[str] | None, _Entity | None]:
    """The visit a sentence tells of and where it went: the most specific place or body that
    follows a visit trigger ("thăm chính thức Liên bang Nga ... tới thăm thành phố Rotterdam")."""
    best: tuple[int, re.Match[str], _Entity | None] | None = None
    for trigger in VISIT.finditer(text):
        host = next(
            (
                e
                for m, e in mentions
                if trigger.end() <= m.start <= trigger.end() + 25 and e.type in _HOST_RANK
            ),
            None,
        )
        # A body hosts a working visit ("thăm và làm việc tại Học viện"); a museum toured on
        # the way does not.
        if host and host.type == "Organization" and "việc" not in trigger.group(0):
            host = None
        rank = _HOST_RANK[host.type] if host else 9
        if best is None or rank < best[0]:
            best = (rank, trigger, host)
    return (best[1], best[2]) if best else (None, None)


def _assign_visits(sentences: list[_Sentence], events: dict[str, _Entity], english: bool) -> None:
    """One visit event per place visited in an article; the meetings it holds belong to the visit
    told of last. Its date is the first one given where the visit is told."""
    hosts: dict[str, list[_Sentence]] = {}
    for s in sentences:
        if s.visit and s.host:
            hosts.setdefault(s.host.id, []).append(s)
    # A visit to a country that the article tells city by city is told by its cities.
    visited_countries = {t[0].host.iso for t in hosts.values() if t[0].host.type == "City"}
    country_dates: dict[str, str] = {}
    for host_id, told in list(hosts.items()):
        host = told[0].host
        if host.type == "Country" and host.iso in visited_countries:
            for s in told:
                s.host, s.told_by_cities = None, True
                if s.date and host.iso:
                    country_dates.setdefault(host.iso, s.date)
            del hosts[host_id]
    visit_of_host: dict[str, _Entity] = {}
    for host_id, told in hosts.items():
        host = told[0].host
        assert host is not None
        date = next((s.date for s in told if s.date), None) or country_dates.get(host.iso or "")
        name = f"Visit to {host.name}" if english else f"Chuyến thăm {host.name}"
        event_id = node_id("Event", f"{name} {date or ''}")
        event = events.setdefault(event_id, _Entity(event_id, "Event", name))
        event.properties["kind"] = "visit"
        if date:
            event.properties.setdefault("date", date)
        if host.type in ("City", "Country"):
            event.properties.setdefault("location", host.name)
        visit_of_host[host_id] = event
    current = next(iter(visit_of_host.values()), None)
    for s in sentences:
        if s.visit and s.host:
            current = visit_of_host[s.host.id]
            s.visit_event = current
        elif current and (s.visit or s.received):
            s.visit_event = current


def _visit_relations(s: _Sentence) -> Iterable[_Relation]:
    event = s.visit_event
    if event is None:
        return
    text = s.text
    if s.visit and s.host:
        yield _Relation("HOSTED", s.host.id, event.id, text, 0.6)
        if s.host.type in ("City", "Country"):
            yield _Relation("LOCATED_IN", event.id, s.host.id, text, 0.7)
    places = {e.id for m, e in s.mentions if AT.search(text[max(0, m.start - 12) : m.start])}
    for m, e in s.mentions:
        if e.type == "Event" or e.id in places or (s.host and e.id == s.host.id):
            continue
        if s.visit and (s.host or s.told_by_cities):
            # Visitors come before the trigger; those met after "với" ("làm việc với Thị trưởng").
            met = re.search(r"(?:với|with)\s", text[s.visit.end() : m.start])
            if m.end <= s.visit.start() or (met and e.type in ("Person", "Organization")):
                yield _Relation("PARTICIPATED_IN", e.id, event.id, text, 0.6)
        elif s.received and e.type == "Person":
            yield _Relation("PARTICIPATED_IN", e.id, event.id, text, 0.5)


# Heads of bodies that are part of a larger one.
SUBUNIT_HEADS = frozenset(
    {
        *("Ban", "Phòng", "Vụ", "Cục", "Khoa", "Văn phòng", "Trung tâm", "Phân viện"),
        *("Chi nhánh", "Sở", "Công ty", "Viện", "Đại sứ quán", "Tổng Lãnh sự quán"),
        *("Lãnh sự quán", "Department", "Office", "Division", "Bureau"),
    }
)
_BELONGS = re.compile(r"\s*,?\s*(?:trực\s+thuộc|thuộc|của|under|of)\s+(?:(?:the)\s+)?")


_HEADS = sorted({*SUBUNIT_HEADS, *ORG_HEADS_VI, "UBND"}, key=len, reverse=True)


def _head(name: str) -> str:
    for head in _HEADS:
        if name.startswith(head + " "):
            return head
    return name.split(" ", 1)[0]


def _next_party(
    parties: list[tuple[Mention, _Entity]], start: int, window: int
) -> tuple[Mention, _Entity] | None:
    """The first party named within `window` characters after `start`."""
    return next(((m, e) for m, e in parties if start <= m.start <= start + window), None)


def _document(
    article: Article,
    entities: Iterable[_Entity],
    events: Iterable[_Entity],
    relations: list[_Relation],
) -> dict[str, Any]:
    all_entities = [*entities, *events]
    types = {e.id: e.type for e in all_entities}
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    out_relations = []
    for r in relations:
        rel = MODEL.relations[r.type]
        source, target = r.source, r.target
        if source == target or not rel.allows(types[source], types[target]):
            continue
        if rel.symmetric and target < source:
            source, target = target, source
        key = (r.type, source, target)
        if key in seen:  # stated again: keep the first sentence, learn what it lacked
            for name, value in r.properties.items():
                seen[key]["properties"].setdefault(name, value)
            continue
        seen[key] = {
            "type": r.type,
            "source": source,
            "target": target,
            "properties": dict(r.properties),
            "evidence": r.evidence,
            "confidence": r.confidence,
        }
        out_relations.append(seen[key])
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "date": article.date,
            "lang": article.lang,
            "source": article.source,
            "url": article.url,
        },
        "entities": [
            {
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "aliases": e.aliases,
                "properties": e.properties,
            }
            for e in all_entities
        ],
        "relations": out_relations,
    }


@cache
def _default_gazetteer() -> Gazetteer:
    return load_gazetteer()


def extract_article(article: Article, extractor: Extractor | None = None) -> dict[str, Any]:
    """The extraction document of `article` (by default with the rule-based extractor)."""
    return (extractor or RuleExtractor()).extract(article)


def extract_inputs(
    inputs: Iterable[str], extractor: Extractor | None = None
) -> Iterator[dict[str, Any] | UcnError]:
    """The extraction document of every article in `inputs`, or the error of an input that
    gives none."""
    from .sources import read_articles

    extractor = extractor or RuleExtractor()
    for article in read_articles(inputs):
        if isinstance(article, UcnError):
            yield article
            continue
        try:
            document = extractor.extract(article)
        except UcnError as exc:
            yield exc
            continue
        except Exception as exc:  # as in `ucn load`: one article's bug must not lose the others
            yield UcnError(f"{article.source}: extraction failed ({type(exc).__name__}: {exc})")
            continue
        yield document
