"""Where a frame's arguments stand: the parties and events of a sentence (`SentenceView`), and
the trigger's clause (`Clause`), which finds the subject, the object, the parties listed with
each, those named after "giữa"/"between", a network, the event, and how far each stands."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..graph.model import MODEL
from .clauses import (
    clause_span,
    cues,
    in_title_phrase,
    is_destination,
    is_modifier,
    is_place,
    is_time,
    listed_with,
)
from .frame_triggers import Frame, triggers
from .name_shapes import GENITIVE

if TYPE_CHECKING:
    from .coref import Entity

_VISITS = frozenset({"VISIT"})
# Between the one who leads and a co-agent cue: a comma, a tense word ("A đã phối hợp với B").
_LEAD_GAP = re.compile(r"[\s,]*(?:(?:đã|đang|sẽ|has|have|had)\s+)?", re.IGNORECASE)
# A passive word before its agent: "X được Y hỗ trợ", "X được sự tài trợ của Y" is read elsewhere.
_AGENT_PASSIVE = re.compile(r"(?<![\w])(?:được|bị|was|were)\s+(?:the\s+)?$")
_CONJUNCTION = re.compile(r"(?<![\w])(?:và|and)(?![\w])|&", re.IGNORECASE)
_SIDE_LIST = re.compile(
    r"\s*(?:và|với|and|with)\s+[^.;]{0,50}?(?:(?<![\w])(?:gồm|bao gồm|gồm có|including|namely)"
    r"(?![\w])|:)\s*"
)
# "A và bốn trường đại học: B, C, D": a list whose second side is spelled out after a colon.
_ENUMERATION = re.compile(r"\s*(?:,|;|và|and|with|với)\s+(?:[^\W\d_]+\s+){0,5}?[^\W\d_]+\s*:\s*")


@dataclass(frozen=True, eq=False)  # one Arg per mention: compared by identity, cheaply
class Arg:
    """A party or event named in a sentence: its span and the entity it names."""

    start: int
    end: int
    entity: Entity  # the article's entity: id, type, name
    type: str


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


def allowed(frame: Frame, side: str, entity_type: str) -> bool:
    """Whether an entity of `entity_type` may stand at `side` of a frame: the types the row
    lists, else those of the domain model's relation."""
    rel = MODEL.relations.get(frame.frame)
    wanted = frame.source_types if side == "source" else frame.target_types
    if wanted:
        return entity_type in wanted
    if rel is None:
        return True
    return entity_type in (rel.sources if side == "source" else rel.targets)


class Clause:
    """The clause of a trigger: the parties named in it (not in the trigger's words, no times),
    and where each kind of argument stands among them."""

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
        if not allowed(self.frame, side, arg.type):
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

    @property
    def _body_names(self) -> list[tuple[int, int]]:
        return [(a.start, a.end) for a in self.parties if a.type != "Person"]

    def subject(self, side: str) -> list[Arg]:
        before = [a for a in self.parties if a.end <= self.t_start and self._usable(a, side)]
        # the actor, not the body named in its title ("Giám đốc Học viện X ông A phát biểu")
        text = self.view.text
        actors = [
            a
            for a in before
            # a person named after a title holds it ("Hue Mayor A spoke"): an actor
            if a.type == "Person"
            or (
                not is_modifier(text, a.start, self.view.lang)
                and not in_title_phrase(text, a.start, self._body_names)
            )
        ]
        nearest = (actors or before)[-1:]
        return self._list(nearest[0], side, -1) if nearest else []

    def object(self, side: str) -> list[Arg]:
        after = [a for a in self.parties if a.start >= self.t_end and self._usable(a, side)]
        reach = self.frame.reach
        if after and reach is not None and self.distance(after[0]) > reach:
            return []
        if not after or self._claimed_between(after[0]):
            return []
        found = self._list(after[0], side, +1)
        text = self.view.text
        if (
            all(a.type != "Person" for a in found)
            and in_title_phrase(text, after[0].start)
            and allowed(self.frame, side, "Person")
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

    def _claimed_between(self, arg: Arg) -> bool:
        """Whether a trigger of another relation stands between this trigger and `arg`: the
        party is that one's ("twinned since 2009, with funding from X": X funds)."""
        text, lang = self.view.text, self.view.lang
        return any(
            self.t_end <= start
            and end <= arg.start
            and frame.frame != self.frame.frame
            and "object" in (frame.source, frame.target)  # a trigger that takes what follows it
            and len(text[end : arg.start].split()) <= 3
            for frame, start, end in triggers(text, lang)
        )

    def _possessor(self, arg: Arg) -> bool:
        """Whether a party is named as a noun's owner ("đại diện của Nhật Bản", "the capital
        of Japan"): it qualifies that noun, it does not act."""
        return (
            GENITIVE.search(self.view.text, max(self.start, arg.start - 8), arg.start) is not None
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
            and allowed(self.frame, side, a.type)
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

    def leads(self, actors: list[Arg], side: str) -> list[Arg]:
        """The parties a co-agent cue puts before the subject's list, who act with it ("A phối
        hợp với B và C tổ chức ...", "A, together with B, hosted ...")."""
        marker = cues(self.view.lang).co_agent
        if marker is None or not actors:
            return []
        first = min(actors, key=lambda a: a.start)
        text = self.view.text
        cue = next(
            (
                m
                for m in marker.finditer(text, self.start, first.start)
                if not text[m.end() : first.start].strip(" ,the")
            ),
            None,
        )
        if cue is None:
            return []
        end = cue.start()
        # over an aside in brackets: "A (B – C) phối hợp với ..." is led by A
        close = text.rfind(")", self.start, end)
        if close >= 0 and _LEAD_GAP.fullmatch(text, close + 1, end):
            opening = text.rfind("(", self.start, close)
            end = opening if opening >= 0 else end
        before = [a for a in self.parties if a.end <= end and self._usable(a, side)]
        if not before or not _LEAD_GAP.fullmatch(text, before[-1].end, end):
            return []
        return self._list(before[-1], side, -1)

    def passive_agent(self, side: str) -> tuple[list[Arg], list[Arg]] | None:
        """The agent a passive names between its word and the trigger, and who undergoes it
        ("X được Y hỗ trợ": Y supports X), or None."""
        text = self.view.text
        before = [a for a in self.parties if a.end <= self.t_start]
        if not before or text[before[-1].end : self.t_start].strip():
            return None
        agent = before[-1]
        marker = _AGENT_PASSIVE.search(text, max(self.start, agent.start - 12), agent.start)
        if marker is None:
            return None
        undergoes = [a for a in before[:-1] if a.end <= marker.start() and self._usable(a, side)]
        if not undergoes or not _LEAD_GAP.fullmatch(text, undergoes[-1].end, marker.start()):
            return None
        return self._list(agent, side, +1), self._list(undergoes[-1], side, -1)

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
        """Every party of the clause, but those another frame's trigger in it names after
        itself ("với sự hỗ trợ của A, B": supporters, not members)."""
        text, lang = self.view.text, self.view.lang
        claimed: set[int] = set()
        for frame, _start, end in triggers(text, lang):
            if frame.frame == self.frame.frame or not self.start <= end <= self.end:
                continue
            after = [a for a in self.parties if a.start >= end and a.start < self.end]
            if after:
                claimed.update(id(a) for a in self._list(after[0], side, +1))
        return [a for a in self.parties if self._usable(a, side) and id(a) not in claimed]

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
    clause = Clause(view, frame, start, end)
    between = clause.between_group()
    if between:  # "ký kết giữa A và B": the parties are those listed after "giữa"
        return between[:1], between[1:]
    guests = clause.object("target")
    guests += [a for a in clause.leaders() if a not in guests]
    return clause.subject("source"), guests


def actors_before(view: SentenceView, frame: Frame, start: int, end: int) -> list[Arg]:
    """Every party named before a trigger in its clause that is not a place or a time."""
    clause = Clause(view, frame, start, end)
    return [a for a in clause.parties if a.end <= start and clause._usable(a, "source")]
