"""From an article to the extraction document of the eval README: entities and relations,
each relation with the sentence it came from and a confidence that says how it was found.

`FrameExtractor` is deterministic and offline, in layers with one job each:

1. sentences (`sentences`), clauses and cues (`clauses`);
2. mentions: gazetteer names (`mentions`) and names by their shape (`person_names`,
   `org_names`, `place_names`, `event_names`), dates (`dates`);
3. coreference within the article (`coref`);
4. events as occasions with roles (`events`);
5. relation frames from the trigger lexicon `lexicons/frames.tsv` (`frame_triggers`,
   `frame_arguments`, `frames`), and facts that name phrases state (`appositions`);
6. article assembly (`assembly`).

The `Extractor` protocol leaves room for statistical or LLM extractors with the same output.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, Protocol

from ..graph.errors import UcnError
from . import appositions, place_chains
from .article import Article
from .assembly import containment, document, hosts_at_home, hosts_for_their_body
from .calibration import calibrate
from .clauses import bounds_a_count, clause_bounds, groups, is_place
from .coref import Entity, Resolver, with_defined_acronyms
from .dates import DateMention, find_dates, year_of
from .event_names import find_events
from .events import (
    Events,
    Relation,
    Sentence,
    assign_visits,
    event_head,
    event_triggers,
    occasion,
    visit_of,
    visit_relations,
)
from .frame_arguments import Arg, SentenceView
from .frame_triggers import triggers
from .frames import frame_facts
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import words
from .mentions import find_mentions
from .name_shapes import Mention
from .sentences import dateline_end, split_sentences
from .settings import CONFIDENCES, DEFAULT_MIN_CONFIDENCE

_ATTENDANCE = frozenset({"PARTICIPATED_IN"})
_PARTY_TYPES = ("City", "Country", "Organization", "Network")


_ORGANS = frozenset(words("org_heads", role="organ"))
# What may stand between an event's own date and the event phrase: a possessive and a word or
# two ("yesterday's farewell reception"), or "on"/"ngày" after it ("the reception on March 15").
_DATE_BEFORE_EVENT = re.compile(r"(?:['’]s)?\s+(?:[^\W\d_]+\s+){0,2}", re.IGNORECASE)
_DATE_AFTER_EVENT = re.compile(r"\s*,?\s*(?:on|in|vào|ngày|hôm)?\s*", re.IGNORECASE)


_PARTNERSHIP = frozenset({"PARTNER_OF"})
_JOINED = re.compile(r"\s+(?:and|và|with|với)\s+")


def _partners(text: str, lang: str, mentions: list[tuple[Mention, Entity]]) -> list[Entity]:
    """The two parties a sentence of partnership names joined ("Hue and Blois have been
    twinned"): "the two sides" of the next sentences are they."""
    if not triggers(text, lang, _PARTNERSHIP):
        return []
    parties = [(m, e) for m, e in mentions if e.type in _PARTY_TYPES]
    for (m1, e1), (m2, e2) in itertools.pairwise(parties):
        if e1 is not e2 and _JOINED.fullmatch(text, m1.end, m2.start):
            return [e1, e2]
    return []


def _numbered_apart(name: str, other: str) -> bool:
    """Whether two event names carry different numbers ("lần thứ 3", "lần thứ 32"): two
    occasions, however alike their heads."""
    numbers, others = (set(re.findall(r"\d+", n)) for n in (name, other))
    return bool(numbers and others and numbers != others)


def _own_date(event: Mention, text: str, dates: list[DateMention]) -> str | None:
    """The date named with the event phrase itself, when the sentence names other dates too:
    inside it, right before it or right after it."""
    if len(dates) < 2:
        return None
    for d in dates:
        if (
            event.start <= d.start < event.end
            or (d.end <= event.start and _DATE_BEFORE_EVENT.fullmatch(text, d.end, event.start))
            or (event.end <= d.start and _DATE_AFTER_EVENT.fullmatch(text, event.end, d.start))
        ):
            return d.iso
    return None


_ORGAN_GAP = re.compile(r"\s*(?:của|of(?: the)?)?\s*")


def _without_organs(text: str, mentions: list[Mention]) -> list[Mention]:
    """A governing body named by its role ("Ban Giám đốc") before the body it governs stands
    for that body: the role's mention is dropped, so that the body acts in the clause."""
    kept = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            m.name in _ORGANS
            and nxt is not None
            and nxt.type == "Organization"
            and _ORGAN_GAP.fullmatch(text, m.end, nxt.start)
        ):
            continue
        kept.append(m)
    return kept


def _visit_in_clause(view: SentenceView, found: dict[str, list[tuple[Any, int, int]]]) -> bool:
    """Whether a visit is told in the clause of a reception or signing: then the meeting is the
    visit's, not an occasion of its own."""
    visits = found.get("VISIT", [])
    others = [t for name in ("RECEPTION", "SIGNING") for t in found.get(name, [])]
    return any(view.clause(v[1]) == view.clause(o[1]) for v in visits for o in others) or (
        bool(visits) and not others
    )


def _in_brackets(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def _of_type(label: str) -> Callable[[Entity], bool]:
    return lambda entity: entity.type == label


def _most_named(named: list[Entity], keep: Callable[[Entity], bool]) -> list[Entity]:
    """The two entities `named` most often (of those to `keep`), the later named first on a
    tie, in the order they were first named."""
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    by_id: dict[str, Entity] = {}
    for i, entity in enumerate(named):
        if keep(entity):
            counts[entity.id] = counts.get(entity.id, 0) + 1
            last[entity.id] = i
            by_id[entity.id] = entity
    top = sorted(counts, key=lambda k: (-counts[k], -last[k]))[:2]
    if len(top) < 2:
        return []
    return sorted((by_id[k] for k in top), key=lambda e: named.index(e))


def _last_two(entities: Iterable[Entity]) -> list[Entity]:
    """The first two distinct entities of `entities`, in the order they were named."""
    found: list[Entity] = []
    for entity in entities:
        if entity not in found:
            found.append(entity)
        if len(found) == 2:
            return found[::-1]
    return []


class Extractor(Protocol):
    def extract(self, article: Article) -> dict[str, Any]:
        """The extraction document of one article."""


class FrameExtractor:
    """Deterministic, offline extraction with the curated gazetteer and the frame lexicons.

    `confidence`: "learned" gives each fact the probability, learned from the hand annotations
    (`calibration`), that a fact found that way is right; "rules" keeps the confidence of the
    mechanism that found it. `min_confidence` then drops the facts less sure than that."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        confidence: str = "learned",
    ):
        if confidence not in CONFIDENCES:
            raise UcnError(f"confidence {confidence!r} is not one of {', '.join(CONFIDENCES)}")
        self._gazetteer = gazetteer
        self.min_confidence = min_confidence
        self.confidence = confidence

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer given, else the shipped one, loaded on first use (from the cache in a
        few milliseconds, see loaders/cache.py; a load of extraction documents never needs it)."""
        if self._gazetteer is None:
            self._gazetteer = _default_gazetteer()
        return self._gazetteer

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to worker processes: the shipped gazetteer is loaded there again, not pickled.
        return (FrameExtractor, (self._own_gazetteer(), self.min_confidence, self.confidence))

    def _own_gazetteer(self) -> Gazetteer | None:
        """The gazetteer to send to a worker: None for the shipped one (loaded there again)."""
        if self._gazetteer is None or self._gazetteer is _default_gazetteer():
            return None
        return self._gazetteer

    def extract(self, article: Article) -> dict[str, Any]:
        resolver = Resolver()
        events = Events(article.id)
        self._last_date: str | None = None
        self._today = article.date if article.date and len(article.date) == 10 else None
        self._recent: list[Entity] = []  # the parties named so far, in order
        self._pair: list[Entity] = []  # the parties of the last occasion or partnership
        year = year_of(article.date)
        lang = article.lang if article.lang in ("vi", "en") else "vi"
        # The headline names what the body refers back to, so it is read first; the body's
        # sentences say each fact more fully, so they come first as evidence.
        headline = []
        if article.title and article.title not in article.text[: len(article.title) + 5]:
            headline = [self._read(article.title, lang, resolver, events, year, headline=True)]
        body = [
            self._read(s.text, lang, resolver, events, year) for s in split_sentences(article.text)
        ]
        sentences = [*body, *headline]
        assign_visits(sentences, events, lang)
        relations: list[Relation] = []
        context: Entity | None = None
        for s in sentences:
            relations += self._relations(s, context)
            if s.events:
                context = s.events[-1]
        relations += containment(resolver.entities.values(), [s.text for s in sentences])
        relations += hosts_at_home(relations)
        relations = hosts_for_their_body(relations)
        doc = document(article, [*resolver.entities.values(), *events.values()], relations)
        if self.confidence == "learned":
            doc = calibrate(doc)
        if self.min_confidence > 0:
            doc["relations"] = [
                r for r in doc["relations"] if r["confidence"] >= self.min_confidence
            ]
        return doc

    def _read(
        self,
        text: str,
        lang: str,
        resolver: Resolver,
        events: Events,
        year: int | None,
        headline: bool = False,
    ) -> Sentence:
        mentions = []
        for m in _without_organs(text, find_mentions(text, self.gazetteer)):
            entity = resolver.add(m, text[m.start : m.end])
            if entity is not None:
                mentions.append((m, entity))
        mentions = with_defined_acronyms(text, mentions, resolver)
        mentions = resolver.short_mentions(text, mentions)
        mentions = resolver.places_named_again(text, mentions)
        mentions = resolver.title_mentions(text, mentions)
        mentions = resolver.pronoun_mentions(text, mentions)
        mentions = self._groups(text, lang, mentions)
        # When the sentence's news happened: not a date in brackets, an aside
        # ("(1/1/1990-1/1/2020)"), nor a target or a bound ("đến năm 2050", "by 2030").
        dates = [
            d
            for d in find_dates(text, year, self._today)
            if not _in_brackets(text, d.start) and not bounds_a_count(text, d.start, lang)
        ]
        date = dates[0].iso if dates else None
        since = date
        if date and not headline:
            self._last_date = date
        # where the sentence's news happens: not the wider end of a place chain ("Maastricht in
        # the Netherlands"), nor where an envoy is posted ("Đại sứ Lào tại Việt Nam")
        place = next(
            (
                e
                for i, (m, e) in enumerate(mentions)
                if e.type in ("City", "Country")
                and is_place(text, m.start, lang)
                and not place_chains.wider_end(text, mentions, i)
                and not place_chains.seat_of_post(text, m.start)
            ),
            None,
        )
        s = Sentence(text, lang, mentions, [], date, place, since=since)
        s.running_date = date or self._last_date
        # A headline's events are told again in the body, with their dates.
        for event in [] if headline else find_events(text):
            entity = self._event(event, text, _own_date(event, text, dates) or date, place, events)
            if entity is not None:
                s.events.append(entity)
                s.event_at.setdefault(entity.id, (event.start, event.end))
        found = event_triggers(text, lang)
        if not s.events and not headline and not _visit_in_clause(self._view(s), found):
            s.occasion = occasion(self._view(s), found, events, s.running_date)
            if s.occasion:
                parties = [a.entity for a in (*s.occasion.hosts, *s.occasion.guests)]
                pair = _last_two(e for e in reversed(parties) if e.type in _PARTY_TYPES)
                self._pair = pair or self._pair
                s.events.append(s.occasion.event)
                s.event_at[s.occasion.event.id] = s.occasion.span
        self._pair = _partners(text, lang, mentions) or self._pair
        if not (date and len(date) < 10):  # a visit dated without a day is background
            s.visit, s.host = visit_of(text, mentions, found)
        attends = bool(triggers(text, lang, _ATTENDANCE))
        s.received = ("RECEPTION" in found and not s.occasion) or (attends and not s.events)
        s.stated = [
            *appositions.branches(text, mentions, resolver, self.gazetteer),
        ]
        return s

    def _groups(
        self, text: str, lang: str, mentions: list[tuple[Mention, Entity]]
    ) -> list[tuple[Mention, Entity]]:
        """Two parties named by one phrase ("hai nước", "the two sides"): the last two of that
        label the article named before, else, for "hai bên", the last pair it told of."""
        added = []
        for start, end, label in groups(text, lang):
            if any(m.start < end and start < m.end for m, _ in mentions):
                continue
            if label:
                pair = _most_named(self._recent, _of_type(label))
            else:
                pair = self._pair or _most_named(self._recent, lambda e: True)
            for entity in pair:
                added.append((Mention(start, end, entity.type, entity.name), entity))
        self._recent += [e for _, e in mentions if e.type in _PARTY_TYPES]
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda pair: pair[0].start)

    def _event(
        self, event: Mention, text: str, date: str | None, place: Entity | None, events: Events
    ) -> Entity | None:
        """The occasion an event phrase names: one told of before, or a new one."""
        if event.backref:  # a bare head ("khóa học", "the meeting"): the last one named
            earlier = events.last_of(event_head(event.name))
            if earlier is not None:
                return earlier
            if not date:
                return None
        event_id = events.id_for(event.name, date, event.alias)
        same_head = events.last_of(event_head(event.name), visits=False)
        if (
            not date
            and not event.alias
            and event_id not in events
            and same_head
            and not _numbered_apart(event.name, same_head.name)
        ):
            # Named again without a date: most likely the occasion already told of.
            entity = same_head
            entity.add_alias(event.name)
        else:
            entity = events.setdefault(event_id, Entity(event_id, "Event", event.name))
        entity.add_alias(event.alias)
        if event.kind:
            entity.properties.setdefault("kind", event.kind)
        if date:
            entity.properties.setdefault("date", date)
        if place:
            entity.properties.setdefault("location", place.name)
        return entity

    def _relations(self, s: Sentence, context: Entity | None) -> list[Relation]:
        text = s.text
        found: list[Relation] = [*s.stated]
        found += appositions.posts(text, s.mentions)
        found += appositions.sub_units(text, s.mentions)
        found += place_chains.chains(text, s.mentions)
        found += appositions.owners(text, s.mentions, s.event_at)
        if s.place:
            found += (
                Relation("LOCATED_IN", e.id, s.place.id, text, 0.7, how="event:place")
                for e in s.events
            )
        view = self._view(s, context)
        for fact in frame_facts(view):
            found.append(
                Relation(
                    fact.type,
                    fact.source.id,
                    fact.target.id,
                    text,
                    fact.confidence,
                    dict(fact.props),
                    fact.how,
                )
            )
        found += self._occasion_roles(s)
        found += visit_relations(s, view)
        return found

    @staticmethod
    def _view(s: Sentence, context: Entity | None = None) -> SentenceView:
        protected = [(m.start, m.end) for m, _ in s.mentions] + list(s.event_at.values())
        filed = dateline_end(s.text)  # a dateline's place takes no part in the news
        return SentenceView(
            s.text,
            s.lang,
            [
                Arg(m.start, m.end, e, e.type)
                for m, e in s.mentions
                if e.type != "Event" and m.start >= filed
            ],
            sorted(
                (Arg(*s.event_at[e.id], e, "Event") for e in s.events),
                key=lambda a: a.start,
            ),
            clause_bounds(s.text, s.lang, protected),
            context,
            s.date,
            s.since,
        )

    @staticmethod
    def _occasion_roles(s: Sentence) -> Iterator[Relation]:
        """The hosts and guests of a meeting, the parties of a signing."""
        found = s.occasion
        if found is None:
            return
        event_id = found.event.id
        for arg in found.hosts:
            if found.frame == "RECEPTION":
                yield Relation(
                    "HOSTED", arg.entity.id, event_id, s.text, 0.6, how=f"{found.frame}:host"
                )
        # A reception's host body hosts it; the people who receive and the guests take part.
        for arg in (*found.hosts, *found.guests):
            if found.frame == "SIGNING" or arg.type == "Person" or arg in found.guests:
                yield Relation(
                    "PARTICIPATED_IN",
                    arg.entity.id,
                    event_id,
                    s.text,
                    0.6,
                    how=f"{found.frame}:party",
                )


@cache
def _default_gazetteer() -> Gazetteer:
    return load_gazetteer()


def extract_article(article: Article, extractor: Extractor | None = None) -> dict[str, Any]:
    """The extraction document of `article` (by default with the frame extractor)."""
    return (extractor or FrameExtractor()).extract(article)


def extract_inputs(
    inputs: Iterable[str], extractor: Extractor | None = None
) -> Iterator[dict[str, Any] | UcnError]:
    """The extraction document of every article in `inputs`, or the error of an input that
    gives none."""
    from .sources import read_articles

    extractor = extractor or FrameExtractor()
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
