"""Events named by a noun, by their shape: a Vietnamese or English head that starts the name
("Hội thảo ...", "Cuộc họp ...", "Conference on ..."), an English head that ends it ("the 12th
... meeting"), the quoted title given with one, and the kind of occasion each head names."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import read_table, words
from .name_shapes import Mention, alternatives, trim_name

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

EN_EVENT_HEADS = alternatives(words("event_heads", position="last"))
# English names put the head last: "the 12th Steering Committee meeting of Network X", "an
# international seminar on water management in coastal cities".
EVENT_EN = re.compile(
    r"(?<![\w])(?P<name>(?:\d+(?:st|nd|rd|th)\s+)?"
    r"(?:(?:[A-Z][\w'’-]*|international|regional|annual|global|national|high-level|technical)\s+)"
    rf"{{0,6}}(?P<head>(?i:{EN_EVENT_HEADS}))(?![\w])"
    r"(?:\s+(?:on|of|about|for)\s+(?:the\s+)?(?:(?!(?:with|at|which|and|that|to|from|by|on|of|"
    r"for|during|held|hosted|organi[sz]ed|took|takes|was|were|is|are|will|has|have|had|opened|"
    r"closed|began|ended|drew|attracted|gathered|in\s+[A-Z\d])\b)[\w'’-]+\s?){1,8})?)"
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

# Text in ASCII and typographic punctuation only: an English sentence.
_LATIN_ONLY = re.compile(r"[\x00-\x7f’“”–—‘]*", re.S)
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
