"""Events as things with roles: one event per occasion in an article, found again when the
article refers back to it, with its hosts and participants from every sentence that tells of it.

Three event frames of `lexicons/frames.tsv` make events that no event noun names:

- VISIT: a delegation goes to a place (or, on a working visit, to a body); one visit event per
  place visited; the meetings the article then tells of without a place belong to it;
- RECEPTION: a host receives or meets guests: a meeting of its own;
- SIGNING: parties sign an agreement: a signing of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..graph.ids import node_id
from .clauses import clause_bounds, clause_span, denied, no_occasion
from .coref import Entity
from .event_names import EN_EVENT_HEADS
from .frame_arguments import Arg, SentenceView, actors_before, arguments
from .frame_triggers import Frame, triggers
from .name_shapes import Mention

EVENT_FRAMES = frozenset({"VISIT", "RECEPTION", "SIGNING"})


@dataclass
class Relation:
    type: str
    source: str
    target: str
    evidence: str
    confidence: float
    properties: dict[str, str] = field(default_factory=dict)
    how: str = ""  # the mechanism that found it: a frame and its trigger, an apposition, ...


@dataclass
class Sentence:
    """One sentence as the assembly reads it: its mentions, events, date and place."""

    text: str
    lang: str
    mentions: list[tuple[Mention, Entity]]
    events: list[Entity]
    date: str | None
    place: Entity | None
    since: str | None = None  # the date, when it may start something
    running_date: str | None = None  # its date, else the last one the article gave
    event_at: dict[str, tuple[int, int]] = field(default_factory=dict)  # each event's span
    visit: tuple[Frame, int, int] | None = None  # the visit trigger, when one is told of
    host: Entity | None = None  # the place or body visited
    received: bool = False  # a meeting within the article's visit
    visit_event: Entity | None = None
    told_by_cities: bool = False  # a country visit that the article tells city by city
    stated: list[Relation] = field(default_factory=list)  # facts found while reading it
    occasion: Occasion | None = None


class Events(dict[str, Entity]):
    """An article's events by id, also listed by head in the order they were added, so that
    finding the last event of a kind takes constant time however many events the article
    tells of."""

    def __init__(self, article_id: str = "") -> None:
        super().__init__()
        self.by_head: dict[str, list[Entity]] = {}
        self.article_key = article_id.rsplit("/", 1)[-1][:8]
        self.occasions: dict[tuple[str, str | None], list[tuple[Entity, set[str]]]] = {}

    def id_for(self, name: str, date: str | None, alias: str | None = None) -> str:
        """The id of an occasion: its name and date when the name is distinctive and the
        occasion can be placed in time (a number or a year in the name, or a date: "Hội nghị
        APEC 2017", "Đại hội CityNet lần thứ 17", "CityNet Congress" on 2017-11-10), so that
        two articles telling of it meet on one node; else (a generic "cuộc họp báo", or a
        named one with no date: "Workshop on Urban Water" is held every year) its name, date
        and article, so that it stays the article's own."""
        key = f"{name} {date or ''}"
        if not shared_occasion(name, date, alias):
            key += f" {self.article_key}"
        return node_id("Event", key)

    def __setitem__(self, key: str, value: Entity) -> None:
        if key in self:
            raise KeyError(f"event {key!r} is already known")  # the index would go stale
        super().__setitem__(key, value)
        self.by_head.setdefault(event_head(value.name), []).append(value)

    def setdefault(self, key: str, default: Entity) -> Entity:
        if key not in self:
            self[key] = default
        return self[key]

    def last_of(self, head: str, *, visits: bool = True) -> Entity | None:
        """The event added last whose head is `head` (a visit only with `visits`)."""
        for entity in reversed(self.by_head.get(head, ())):
            if visits or entity.properties.get("kind") != "visit":
                return entity
        return None


def shared_occasion(name: str, date: str | None, alias: str | None = None) -> bool:
    """Whether other articles may tell of the same occasion under this name and date."""
    if not (alias or distinctive(name)):
        return False
    return bool(date) or any(c.isdigit() for c in name)


def distinctive(name: str) -> bool:
    """Whether an event's name tells one occasion from others of its kind: a number or a
    capitalised word after its head."""
    words = name.split()
    return any(c.isdigit() for c in name) or any(w[:1].isupper() for w in words[1:])


# Heads that name the same kind of occasion: a course is "khóa đào tạo" and then "khóa học".
_SAME_OCCASION = {
    **dict.fromkeys(
        (
            *("khóa đào tạo", "khoá đào tạo", "khóa học", "khoá học", "khóa bồi dưỡng"),
            *("khóa tập huấn", "lớp tập huấn", "lớp học", "lớp bồi dưỡng"),
        ),
        "course",
    ),
    **dict.fromkeys(("cuộc họp", "phiên họp", "kỳ họp"), "meeting"),
    **dict.fromkeys(("buổi làm việc", "phiên làm việc", "buổi tiếp"), "working session"),
}
_EN_HEAD = re.compile(rf"\b(?:{EN_EVENT_HEADS})\b", re.IGNORECASE)


def event_head(name: str) -> str:
    """What an event's name says it is, for finding it again ("the meeting", "khóa học")."""
    english = _EN_HEAD.search(name) if name.isascii() else None
    if english:
        return english.group(0).casefold()
    words = name.casefold().split()
    for size in (3, 2):
        head = " ".join(words[:size])
        if head in _SAME_OCCASION:
            return _SAME_OCCASION[head]
    return " ".join(words[:2])


def event_triggers(text: str, lang: str) -> dict[str, list[tuple[Frame, int, int]]]:
    """The VISIT, RECEPTION and SIGNING triggers of a sentence, by frame; those denied, wished
    for, still to come or habitual in their clause are left out."""
    found: dict[str, list[tuple[Frame, int, int]]] = {}
    starts = clause_bounds(text, lang, [])
    for frame, start, end in triggers(text, lang, EVENT_FRAMES):
        first, last = clause_span(starts, start, len(text))
        if not denied(text, first, start, lang) and not no_occasion(text, first, last, start, lang):
            found.setdefault(frame.frame, []).append((frame, start, end))
    return found


# An occasion frame's event kind and its name in Vietnamese and English.
OCCASIONS = {
    "RECEPTION": ("meeting", "Buổi làm việc giữa {a} và {b}", "Meeting of {a} with {b}"),
    "SIGNING": ("signing", "Lễ ký kết giữa {a} và {b}", "Signing between {a} and {b}"),
}
# The kinds of named events that an occasion frame may be telling of again.
_SAME_KIND = {"RECEPTION": {"meeting", "talks", "working session"}, "SIGNING": {"signing"}}


@dataclass
class Occasion:
    """An event that a RECEPTION or SIGNING trigger makes: its hosts and guests (receptions),
    or its parties (signings, all in `hosts` and `guests` alike)."""

    frame: str
    event: Entity
    span: tuple[int, int]
    hosts: list[Arg]
    guests: list[Arg]


def occasion(
    view: SentenceView,
    found: dict[str, list[tuple[Frame, int, int]]],
    events: Events,
    date: str | None,
) -> Occasion | None:
    """The meeting or signing a sentence tells of, when it names no event: a reception needs a
    host before its trigger and a guest after it, a signing two parties."""
    for name in OCCASIONS:
        for frame, start, end in found.get(name, ()):
            hosts, guests = arguments(view, frame, start, end)
            if name == "RECEPTION" and not (hosts and guests):
                continue
            if name == "SIGNING" and len({a.entity.id for a in (*hosts, *guests)}) < 2:
                continue
            kind, vi, en = OCCASIONS[name]
            parties = list({a.entity.id: a.entity for a in (*hosts, *guests)}.values())
            # named after the host and its first guest (or two of the signatories)
            first = hosts[0].entity if hosts else parties[0]
            other = next((a.entity for a in guests if a.entity is not first), None)
            other = other or next((p for p in parties if p is not first), None)
            if other is None:  # a host receiving its own people: no meeting between two parties
                continue
            label = (en if view.lang == "en" else vi).format(a=first.name, b=other.name)
            # One occasion per day and party: a host who receives several guests in turn holds
            # one reception; a later sentence that names one of its parties again, that day,
            # tells of the same one.
            ids = {p.id for p in parties}
            event = _told_before(events, name, date, ids)
            if event is None:
                event_id = events.id_for(label, date)
                event = events.setdefault(event_id, Entity(event_id, "Event", label))
            events.occasions.setdefault((name, date), []).append((event, ids))
            event.properties.setdefault("kind", kind)
            if date:
                event.properties.setdefault("date", date)
            return Occasion(name, event, (start, end), hosts, guests)
    return None


def _told_before(events: Events, frame: str, date: str | None, ids: set[str]) -> Entity | None:
    """The occasion a frame tells of again: a named event of its kind on that day (or, without
    dates, the last one), else an occasion of that day that shares a party with it. A host who
    receives several guests in turn holds one reception."""
    for event in reversed(list(events.values())):
        day = event.properties.get("date")
        if (
            event.properties.get("kind") in _SAME_KIND[frame]
            and (day == date or not (day and date))
            and event.id not in {e.id for found in events.occasions.values() for e, _ in found}
        ):
            return event
    for (name, day), told in events.occasions.items():
        if name != frame or (day != date and day and date):
            continue
        for event, party_ids in told:
            # the signings of one day are one ceremony; one undated is the same as a dated one
            # that shares a party with it
            if party_ids & ids or (frame == "SIGNING" and day == date):
                if date:
                    event.properties.setdefault("date", date)
                return event
    return None


_HOST_RANK = {"City": 0, "Organization": 1, "Network": 1, "Country": 2}
_HOST_REACH = 40  # characters between a visit trigger and the place visited


def visit_of(
    text: str, mentions: list[tuple[Mention, Entity]], found: dict[str, list]
) -> tuple[tuple[Frame, int, int] | None, Entity | None]:
    """The visit a sentence tells of and where it went: the most specific place or body that
    follows a visit trigger."""
    best: tuple[int, tuple[Frame, int, int], Entity | None] | None = None
    for trigger in found.get("VISIT", ()):
        frame, _start, end = trigger
        # the most specific place named right after the trigger ("South Korea's Gunpo City")
        near = [
            e
            for m, e in mentions
            if end <= m.start <= end + _HOST_REACH and e.type in frame.target_types
        ]
        host = min(near, key=lambda e: _HOST_RANK.get(e.type, 9), default=None)
        rank = _HOST_RANK.get(host.type, 9) if host else 9
        if best is None or rank < best[0]:
            best = (rank, trigger, host)
    return (best[1], best[2]) if best else (None, None)


def assign_visits(sentences: list[Sentence], events: Events, lang: str) -> None:
    """One visit event per place visited in an article; the meetings it holds belong to the visit
    told of last. Its date is the first one given where the visit is told."""
    hosts: dict[str, list[Sentence]] = {}
    for s in sentences:
        if s.visit and s.host:
            hosts.setdefault(s.host.id, []).append(s)
    # A visit to a country that the article tells city by city is told by its cities.
    visited_countries = {
        t[0].host.iso for t in hosts.values() if t[0].host and t[0].host.type == "City"
    }
    country_dates: dict[str, str] = {}
    for host_id, told in list(hosts.items()):
        host = told[0].host
        if host and host.type == "Country" and host.iso in visited_countries:
            for s in told:
                s.host, s.told_by_cities = None, True
                if s.date and host.iso:
                    country_dates.setdefault(host.iso, s.date)
            del hosts[host_id]
    visit_of_host: dict[str, Entity] = {}
    for host_id, told in hosts.items():
        host = told[0].host
        assert host is not None
        date = (
            next((s.date for s in told if s.date), None)
            or country_dates.get(host.iso or "")
            or next((s.running_date for s in told if s.running_date), None)
        )
        # Named as the article names the place; each phrase that tells of it is an alias.
        phrases = [p for p in (_visit_phrase(s) for s in told) if p]
        surface = phrases[0][1] if phrases and phrases[0][1][:1].isupper() else host.name
        name = f"Visit to {surface}" if lang == "en" else f"Chuyến thăm {surface}"
        event_id = events.id_for(name, date)
        event = events.setdefault(event_id, Entity(event_id, "Event", name))
        for phrase, _surface in phrases:
            event.add_alias(phrase)
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


def _visit_phrase(s: Sentence) -> tuple[str, str] | None:
    """The words that tell of a visit (from its trigger to the place visited) and the place's
    name as written there."""
    if s.visit is None or s.host is None:
        return None
    _frame, start, end = s.visit
    noun = _VISIT_NOUN.search(s.text, max(0, start - 12), start)
    start = noun.start() if noun else start
    for m, e in s.mentions:
        if e is s.host and m.start >= end:
            return s.text[start : m.end], s.text[m.start : m.end]
    return None


_VISIT_NOUN = re.compile(r"(?:chuyến|cuộc|official|state|working)\s+$", re.IGNORECASE)


def visit_relations(s: Sentence, view: SentenceView) -> Iterator[Relation]:
    """Who went on the visit a sentence tells of, where it went, and whom it met."""
    event = s.visit_event
    if event is None:
        return
    text = s.text
    if s.visit and s.host:
        yield Relation("HOSTED", s.host.id, event.id, text, 0.6, how="visit:host")
        if s.host.type in ("City", "Country"):
            yield Relation("LOCATED_IN", event.id, s.host.id, text, 0.7, how="visit:place")
    if s.visit and (s.host or s.told_by_cities):
        frame, start, end = s.visit
        _subject, guests = arguments(view, frame, start, end)
        # The visitors: every party named before the trigger in its clause (a delegation is
        # often named at length: its leader, their titles, the body it comes from), and a
        # leader named with the delegation after it.
        visitors = actors_before(view, frame, start, end)
        leaders = [a for a in guests if a.type == "Person" and a not in visitors]
        for arg in (*visitors, *leaders):
            if s.host is None or arg.entity is not s.host:
                entity_id = arg.entity.id
                yield Relation(
                    "PARTICIPATED_IN", entity_id, event.id, text, 0.6, how="visit:visitor"
                )
    elif s.received:  # a meeting the visit held, that makes no occasion of its own
        for _m, e in s.mentions:
            if e.type == "Person":
                yield Relation("PARTICIPATED_IN", e.id, event.id, text, 0.5, how="visit:met")
