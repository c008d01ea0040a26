"""Relation frames: trigger lexicons (`lexicons/frames.tsv`) whose arguments are filled from the
trigger's clause.

A frame row names a relation, its trigger and where each argument stands: the subject (the
party nearest before the trigger, with those listed with it), the object (the first party after
it, with its list), the event the clause speaks of, a network named in the clause, or every
other party of the clause. Places ("tại X", "in X") and times ("giờ Hà Nội") are not taken for
parties unless the row says places count. A trigger after a negation or a wish in its clause
gives nothing. Confidence starts from the row's and drops for a far argument or an event taken
from an earlier sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..graph.model import MODEL
from .clauses import (
    clause_span,
    cues,
    denied,
    in_title_phrase,
    is_destination,
    is_modifier,
    is_place,
    is_time,
    listed_with,
    turned_round,
)
from .frame_triggers import ALL_FRAMES as ALL_FRAMES  # re-exported: tests import it from here
from .frame_triggers import Frame, triggers
from .frame_triggers import frames as frames  # re-exported: tests import it from here

if TYPE_CHECKING:
    from .coref import Entity

_VISITS = frozenset({"VISIT"})
FAR_WORDS = 15  # an argument further than this from its trigger is less sure
FAR_PENALTY = 0.1
CONTEXT_PENALTY = 0.15  # the event comes from an earlier sentence


@dataclass(frozen=True, eq=False)  # one Arg per mention: compared by identity, cheaply
class Arg:
    """A party or event named in a sentence: its span and the entity it names."""

    start: int
    end: int
    entity: Entity  # the article's entity: id, type, name
    type: str


@dataclass(frozen=True)
class Fact:
    type: str
    source: Entity
    target: Entity
    confidence: float
    props: tuple[tuple[str, str], ...] = ()
    how: str = ""


@dataclass
class SentenceView:
    """What the frames read of one sentence."""

    text: str
    lang: str
    parties: list[Arg]  # non-event mentions, in text order
    events: list[Arg]  # events named in the sentence, in text order
    clause_starts: list[int]
    context_event: Entity | None = None  # the event the article spoke of last
    date: str | None = None  # the date the sentence gives
    since: str | None = None  # that date, when it may start something (no "until" before it)

    def clause(self, pos: int) -> tuple[int, int]:
        return clause_span(self.clause_starts, pos, len(self.text))


def _allowed(frame: Frame, side: str, entity_type: str) -> bool:
    rel = MODEL.relations.get(frame.frame)
    wanted = frame.source_types if side == "source" else frame.target_types
    if wanted:
        return entity_type in wanted
    if rel is None:
        return True
    return entity_type in (rel.sources if side == "source" else rel.targets)


class _Clause:
    def __init__(self, view: SentenceView, frame: Frame, start: int, end: int):
        self.view, self.frame = view, frame
        self.start, self.end = view.clause(start)
        self.t_start, self.t_end = start, end
        self.parties = [
            a
            for a in view.parties
            if self.start <= a.start
            and a.end <= self.end
            and not (a.start < end and start < a.end)
            and not is_time(view.text, a.start, a.end, view.lang)
        ]
        self._index = {id(a): i for i, a in enumerate(self.parties)}

    def _usable(self, arg: Arg, side: str) -> bool:
        if not _allowed(self.frame, side, arg.type):
            return False
        return self.frame.places or not self._place(arg)

    def _place(self, arg: Arg) -> bool:
        text = self.view.text
        if is_place(text, arg.start, self.view.lang, self.start):
            return True
        if is_destination(text, arg.start, self.view.lang) or self._visited(arg):
            return True
        # the country after a place: "in Hanoi, Vietnam", "tại Đà Nẵng (Việt Nam)"
        i = self._index[id(arg)]
        if i and arg.type == "Country":
            prev = self.parties[i - 1]
            gap = text[prev.end : arg.start]
            return (
                prev.type == "City"
                and re.fullmatch(r"\s*[,(]\s*", gap) is not None
                and (is_place(text, prev.start, self.view.lang, self.start))
            )
        return False

    def _visited(self, arg: Arg) -> bool:
        """Whether the party is the place a visit trigger names ("thăm X", "visit to X"): it is
        where someone goes, not who acts in the clause."""
        if self.frame.frame == "VISIT":
            return False
        for frame, _start, end in triggers(self.view.text, self.view.lang, _VISITS):
            if end <= arg.start and not self.view.text[end : arg.start].strip(" ,"):
                return True
            if (
                end <= arg.start <= end + 12
                and frame.target_types
                and arg.type in frame.target_types
            ):
                between = [a for a in self.view.parties if end <= a.start < arg.start]
                if not between:
                    return True
        return False

    def _list(self, first: Arg, side: str, step: int) -> list[Arg]:
        """`first` and the parties listed with it, walking left (-1) or right (+1). Walking
        right, a list ends after its "và"/"and": in "A, B và C, D ..." D starts something
        else."""
        found = [first]
        i = self._index[id(first)]
        text, lang = self.view.text, self.view.lang
        closed = False
        last = first  # the party passed last, listed or not (a place beside one)
        while 0 <= i + step < len(self.parties):
            nxt = self.parties[i + step]
            left, right = (nxt, last) if step < 0 else (last, nxt)
            gap = text[left.end : right.start]
            listed = listed_with(text, left.end, right.start, lang, right.type == "Person")
            # where a listed party is ("Maastricht in the Netherlands and Perth"): passed over
            where = (
                step > 0
                and self._place(right)
                and listed_with(text, left.end, right.start, lang, True)
            )
            if not listed and not where and not _ENUMERATION.fullmatch(gap):
                break
            if step > 0 and right.type != "Person":
                if closed and not _CONJUNCTION.search(gap):
                    break
                closed = closed or _CONJUNCTION.search(gap) is not None
            if self._usable(nxt, side):
                found.append(nxt)
            last = nxt
            i += step
        return found if step > 0 else found[::-1]

    def subject(self, side: str) -> list[Arg]:
        before = [a for a in self.parties if a.end <= self.t_start and self._usable(a, side)]
        # the actor, not the body named in its title ("Giám đốc Học viện X ông A phát biểu")
        text = self.view.text
        actors = [
            a
            for a in before
            if not is_modifier(text, a.start, self.view.lang)
            and (a.type == "Person" or not in_title_phrase(text, a.start))
        ]
        nearest = (actors or before)[-1:]
        return self._list(nearest[0], side, -1) if nearest else []

    def object(self, side: str) -> list[Arg]:
        after = [a for a in self.parties if a.start >= self.t_end and self._usable(a, side)]
        reach = self.frame.reach
        if after and reach is not None and self.distance(after[0]) > reach:
            return []
        if not after:
            return []
        found = self._list(after[0], side, +1)
        text = self.view.text
        if (
            all(a.type != "Person" for a in found)
            and in_title_phrase(text, after[0].start)
            and _allowed(self.frame, side, "Person")
        ):
            # "for the Chief Representative of X Office A B": the person whose title it is
            stop = min(
                (i for i in (text.find(",", after[0].end), text.find(";", after[0].end)) if i > 0),
                default=self.end,
            )
            person = next(
                (a for a in after if a.type == "Person" and found[-1].end <= a.start < stop), None
            )
            if person is not None:
                found.append(person)
        return found

    def _possessor(self, arg: Arg) -> bool:
        """Whether a party is named as a noun's owner ("đại diện của Nhật Bản", "the capital
        of Japan"): it qualifies that noun, it does not act."""
        return (
            _GENITIVE.search(self.view.text, max(self.start, arg.start - 8), arg.start) is not None
        )

    def rest(self, side: str, after: int) -> list[Arg]:
        """The first party after position `after` (the end of the other argument's list): the
        supported body in "With the support of A and B, C launched ..." ."""
        # the whole sentence: a fronted phrase ("With the support of A, B, C launched") is a
        # clause of its own, and what it qualifies follows it
        later = [
            a
            for a in self.view.parties
            if a.start >= max(after, self.t_end)
            and _allowed(self.frame, side, a.type)
            and not self._possessor(a)
        ]
        if not later:
            return []
        found = [later[0]]
        text, lang = self.view.text, self.view.lang
        for nxt in later[1:]:
            if not listed_with(text, found[-1].end, nxt.start, lang, nxt.type == "Person"):
                break
            found.append(nxt)
        return found

    def co_agents(self, side: str) -> list[Arg]:
        """Parties that act with the subject, named after the trigger ("organised the meeting
        together with B", "tổ chức hội thảo cùng với B")."""
        marker = cues(self.view.lang).co_agent
        if marker is None:
            return []
        for m in marker.finditer(self.view.text, self.t_end, self.end):
            after = [a for a in self.parties if a.start >= m.end() and self._usable(a, side)]
            if after and not self.view.text[m.end() : after[0].start].strip(" ,the"):
                return self._list(after[0], side, +1)
        return []

    def leaders(self) -> list[Arg]:
        """The people who lead a delegation named in the clause ("do ông A dẫn đầu", "led by
        Mr A")."""
        marker = cues(self.view.lang).leader
        if marker is None:
            return []
        found = []
        text = self.view.text
        for m in marker.finditer(text, self.start, self.end):
            people = [a for a in self.parties if a.type == "Person"]
            before = [a for a in people if a.end <= m.start() and m.start() - a.end <= 3]
            after = [a for a in people if a.start >= m.end() and a.start - m.end() <= 8]
            found += before[-1:] + after[:1]
        return found

    def between_group(self, side: str = "source") -> list[Arg]:
        """The parties listed right after "giữa"/"between" in the clause."""
        between = cues(self.view.lang).between
        if between is None:
            return []
        text = self.view.text
        for m in between.finditer(text, self.start, self.end):
            after = [a for a in self.parties if a.start >= m.end() and self._usable(a, side)]
            if len(after) < 2 or after[0].start - m.end() > 12:
                continue
            # "giữa A với các đối tác gồm B, C": the second side spelled out after "gồm"
            side_list = _SIDE_LIST.match(text, after[0].end)
            if side_list:
                rest = [a for a in after if a.start >= side_list.end()]
                if rest:
                    return [after[0], *self._list(rest[0], side, +1)]
            return self._list(after[0], side, +1)
        return []

    def network(self, side: str) -> list[Arg]:
        nets = [a for a in self.parties if a.type == "Network" and self._usable(a, side)]
        after = [a for a in nets if a.start >= self.t_end]
        return (after or nets)[:1]

    def clause_parties(self, side: str) -> list[Arg]:
        return [a for a in self.parties if self._usable(a, side)]

    def event(self) -> tuple[Entity | None, bool]:
        """The event of the clause, and whether it came from an earlier sentence."""
        events = self.view.events
        inside = [e for e in events if self.start <= e.start < self.end]
        after = [e for e in inside if e.start >= self.t_end]
        before = [e for e in inside if e.end <= self.t_start]
        chosen = after[:1] or before[-1:] or events[:1]
        if chosen:
            return chosen[0].entity, False
        return self.view.context_event, self.view.context_event is not None

    def distance(self, arg: Arg) -> int:
        text = self.view.text
        if arg.end <= self.t_start:
            return len(text[arg.end : self.t_start].split())
        return len(text[self.t_end : arg.start].split())


def arguments(
    view: SentenceView, frame: Frame, start: int, end: int
) -> tuple[list[Arg], list[Arg]]:
    """The subject and the object of a trigger at `start:end`."""
    clause = _Clause(view, frame, start, end)
    between = clause.between_group()
    if between:  # "ký kết giữa A và B": the parties are those listed after "giữa"
        return between[:1], between[1:]
    guests = clause.object("target")
    guests += [a for a in clause.leaders() if a not in guests]
    return clause.subject("source"), guests


def actors_before(view: SentenceView, frame: Frame, start: int, end: int) -> list[Arg]:
    """Every party named before a trigger in its clause that is not a place or a time."""
    clause = _Clause(view, frame, start, end)
    return [a for a in clause.parties if a.end <= start and clause._usable(a, "source")]


def frame_facts(view: SentenceView) -> Iterator[Fact]:
    """The facts the relation frames find in one sentence."""
    for frame, start, end in triggers(view.text, view.lang):
        clause = _Clause(view, frame, start, end)
        if denied(view.text, clause.start, start, view.lang):
            continue
        yield from _fill(clause, frame)


def _role(clause: _Clause, role: str, side: str, after: int = 0) -> list[Arg]:
    if "|" in role:  # the first role that finds someone: "subject|object"
        for one in role.split("|"):
            found = _role(clause, one, side, after)
            if found:
                return found
        return []
    if role == "rest":
        return clause.rest(side, after)
    if role == "subject":
        return clause.subject(side)
    if role == "object":
        return clause.object(side)
    if role == "network":
        return clause.network(side)
    if role == "clause":
        return clause.clause_parties(side)
    raise ValueError(f"frames.tsv: unknown role {role!r}")


def _props(frame: Frame, view: SentenceView) -> tuple[tuple[str, str], ...]:
    """The row's properties, with @date and @since read from the sentence."""
    values = {"@date": view.date, "@since": view.since}
    out = []
    for name, given in frame.props:
        value = values.get(given, given) if given.startswith("@") else given
        if value:
            out.append((name, value))
    return tuple(out)


def _fill(clause: _Clause, frame: Frame) -> Iterable[Fact]:
    how = f"frame:{frame.trigger}"
    props = _props(frame, clause.view)
    if frame.target == "event":
        event, from_context = clause.event()
        if event is None or not _allowed(frame, "target", "Event"):
            return
        actors = _role(clause, frame.source, "source")
        if frame.source == "subject":
            actors += [a for a in clause.co_agents("source") if a not in actors]
        near = _nearest(clause, actors)  # a list is as near as its nearest party
        for arg in actors:
            yield Fact(
                frame.frame, arg.entity, event, _confidence(frame, near, from_context), props, how
            )
        return
    symmetric = MODEL.relations[frame.frame].symmetric
    if symmetric:
        yield from _pairs(clause, frame, how)
        return

    def end_of(args: list[Arg]) -> int:
        return max((a.end for a in args), default=0)

    if frame.turns and turned_round(clause.view.text, clause.t_start, clause.view.lang):
        # "X nhận được hỗ trợ của Y": the object acts on the subject
        frame = replace(frame, source="object", target="subject")
    if "rest" in frame.source:  # the rest comes after the other argument
        targets = _role(clause, frame.target, "target")
        sources = _role(clause, frame.source, "source", end_of(targets))
    else:
        sources = _role(clause, frame.source, "source")
        targets = _role(clause, frame.target, "target", end_of(sources))
    if not targets:
        return
    far = max(_nearest(clause, sources), _nearest(clause, targets))
    confidence = frame.confidence - (FAR_PENALTY if far > FAR_WORDS else 0)
    for target in targets:
        for source in sources:
            if source.entity is target.entity:
                continue
            yield Fact(frame.frame, source.entity, target.entity, round(confidence, 2), props, how)


# "A và bốn trường đại học: B, C, D": a list whose second side is spelled out after a colon.
_GENITIVE = re.compile(r"(?<![\w])(?:của|of)\s+(?:the\s+)?$", re.IGNORECASE)
_CONJUNCTION = re.compile(r"(?<![\w])(?:và|and)(?![\w])|&", re.IGNORECASE)
# The words that spell out one side of a list: a colon, "gồm" (comprising), "including".
_SPELLED_OUT = re.compile(r":|(?<![\w])(?:gồm|bao gồm|gồm có|including|namely)(?![\w])")
_SIDE_LIST = re.compile(
    r"\s*(?:và|với|and|with)\s+[^.;]{0,50}?(?:(?<![\w])(?:gồm|bao gồm|gồm có|including|namely)"
    r"(?![\w])|:)\s*"
)
_ENUMERATION = re.compile(r"\s*(?:,|và|and|with|với)\s+(?:[^\W\d_]+\s+){0,5}?[^\W\d_]+\s*:\s*")


MAX_ALL_PAIRS = 8  # a longer list of signatories pairs its first with each of the others


def _each_pair(group: list[Arg], text: str) -> list[tuple[Arg, Arg]]:
    """The pairs of one list of signatories: every two of them, or, where a colon spells out
    the second side ("A and four agencies: B, C"), the first side with each of the second."""
    if len(group) > MAX_ALL_PAIRS:
        return [(group[0], other) for other in group[1:]]
    for i in range(1, len(group)):
        if _SPELLED_OUT.search(text, group[i - 1].end, group[i].start):
            return [(a, b) for a in group[:i] for b in group[i:]]
    return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]


def _pairs(clause: _Clause, frame: Frame, how: str) -> Iterable[Fact]:
    """The parties of a stated cooperation: the parties listed after "giữa/between" with each
    other; else each subject with each object; else the parties of one list with each other."""
    view = clause.view
    group = clause.between_group()
    pairs = _each_pair(group, view.text) if len(group) >= 2 else []
    if not pairs:
        subjects, objects = clause.subject("source"), clause.object("target")
        if subjects and objects:
            pairs = [(s, o) for s in subjects for o in objects]
        else:
            pairs = _each_pair(subjects or objects, view.text)
    for a, b in pairs:
        if a.entity is b.entity or b.type == "Network" or a.type == "Network":
            continue
        far = max(clause.distance(a), clause.distance(b))
        confidence = frame.confidence - (FAR_PENALTY if far > FAR_WORDS else 0)
        yield Fact(frame.frame, a.entity, b.entity, round(confidence, 2), _props(frame, view), how)


def _nearest(clause: _Clause, args: list[Arg]) -> int:
    """How many words stand between a trigger and the nearest of its arguments."""
    return min((clause.distance(a) for a in args), default=0)


def _confidence(frame: Frame, distance: int, from_context: bool) -> float:
    confidence = frame.confidence
    if distance > FAR_WORDS:
        confidence -= FAR_PENALTY
    if from_context:
        confidence -= CONTEXT_PENALTY
    return round(max(confidence, 0.05), 2)
