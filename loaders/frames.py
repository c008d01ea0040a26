"""Relation frames: the facts the triggers of `lexicons/frames.tsv` state, each argument filled
from the trigger's clause (the rows and their triggers in `frame_triggers.py`, the clause's
parties in `frame_arguments.py`).

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
from .clauses import denied, turned_round
from .frame_arguments import Arg, Clause, SentenceView, allowed
from .frame_triggers import ALL_FRAMES as ALL_FRAMES  # re-exported: tests import it from here
from .frame_triggers import Frame, triggers
from .frame_triggers import frames as frames  # re-exported: tests import it from here

if TYPE_CHECKING:
    from .coref import Entity

FAR_WORDS = 15  # an argument further than this from its trigger is less sure
FAR_PENALTY = 0.1
CONTEXT_PENALTY = 0.15  # the event comes from an earlier sentence


@dataclass(frozen=True)
class Fact:
    type: str
    source: Entity
    target: Entity
    confidence: float
    props: tuple[tuple[str, str], ...] = ()
    how: str = ""


def frame_facts(view: SentenceView) -> Iterator[Fact]:
    """The facts the relation frames find in one sentence."""
    for frame, start, end in triggers(view.text, view.lang):
        clause = Clause(view, frame, start, end)
        if denied(view.text, clause.start, start, view.lang):
            continue
        yield from _fill(clause, frame)


def _role(clause: Clause, role: str, side: str, after: int = 0) -> list[Arg]:
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


def _fill(clause: Clause, frame: Frame) -> Iterable[Fact]:
    how = f"frame:{frame.trigger}"
    props = _props(frame, clause.view)
    if frame.target == "event":
        event, from_context = clause.event()
        if event is None or not allowed(frame, "target", "Event"):
            return
        actors = _role(clause, frame.source, "source")
        if frame.source == "subject":
            actors += [a for a in clause.co_agents("source") if a not in actors]
            actors += [a for a in clause.leads(actors, "source") if a not in actors]
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

    agent = clause.passive_agent("source") if frame.turns else None
    if agent is not None:  # "X được Y hỗ trợ": Y acts on X
        yield from _facts(frame, *agent, frame.confidence, props, how)
        return
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
    yield from _facts(frame, sources, targets, confidence, props, how)


def _facts(
    frame: Frame,
    sources: list[Arg],
    targets: list[Arg],
    confidence: float,
    props: tuple[tuple[str, str], ...],
    how: str,
) -> Iterator[Fact]:
    """A fact from each source to each target, but none from a party to itself."""
    for target in targets:
        for source in sources:
            if source.entity is not target.entity:
                yield Fact(
                    frame.frame, source.entity, target.entity, round(confidence, 2), props, how
                )


# The words that spell out one side of a list: a colon, "gồm" (comprising), "including".
_SPELLED_OUT = re.compile(r":|(?<![\w])(?:gồm|bao gồm|gồm có|including|namely)(?![\w])")
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


def _pairs(clause: Clause, frame: Frame, how: str) -> Iterable[Fact]:
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


def _nearest(clause: Clause, args: list[Arg]) -> int:
    """How many words stand between a trigger and the nearest of its arguments."""
    return min((clause.distance(a) for a in args), default=0)


def _confidence(frame: Frame, distance: int, from_context: bool) -> float:
    confidence = frame.confidence
    if distance > FAR_WORDS:
        confidence -= FAR_PENALTY
    if from_context:
        confidence -= CONTEXT_PENALTY
    return round(max(confidence, 0.05), 2)
