"""The frames of `lexicons/frames.tsv` (a relation or event, its trigger, where its arguments
stand) and their triggers found in a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..graph.model import MODEL
from .clauses import compounds, phrase_pattern
from .lexicon import read_table

RELATION_FRAMES = frozenset(MODEL.relations) - {"MENTIONS"}


@dataclass(frozen=True)
class Frame:
    frame: str
    lang: str
    trigger: str
    source: str
    target: str
    confidence: float
    source_types: tuple[str, ...]
    target_types: tuple[str, ...]
    places: bool
    props: tuple[tuple[str, str], ...]
    turns: bool  # a passive word before the trigger swaps its subject and object
    reach: int | None  # the most words between the trigger and an argument after it
    pattern: re.Pattern[str]
    first_word: str  # a literal that must occur for the trigger to match (fast pre-check)


def _types(cell: str) -> tuple[str, ...]:
    return tuple(t for t in cell.split("|") if t)


@cache
def frames(lang: str, kinds: frozenset[str] = RELATION_FRAMES) -> tuple[Frame, ...]:
    """The frames of `lang` whose frame is one of `kinds`, longest trigger first."""
    langs = {lang} if lang in ("vi", "en") else {"vi", "en"}
    found = []
    for row in read_table("frames"):
        if row["lang"] not in langs or row["frame"] not in kinds:
            continue
        props = tuple(
            tuple(p.split("=", 1)) for p in row["props"].split(";") if "=" in p
        )  # name=value; ...
        literal = max(re.split(r"[*?]", row["trigger"].split()[0]), key=len).casefold()
        found.append(
            Frame(
                row["frame"],
                row["lang"],
                row["trigger"],
                row["source"],
                row["target"],
                float(row["confidence"]),
                _types(row["source_types"]),
                _types(row["target_types"]),
                row["places"] == "yes",
                props,  # type: ignore[arg-type]
                row.get("passive") == "turns",
                int(row["reach"]) if row.get("reach") else None,
                re.compile(phrase_pattern(row["trigger"]), re.IGNORECASE),
                literal,
            )
        )
    return tuple(sorted(found, key=lambda f: -len(f.trigger)))


ALL_FRAMES = frozenset(row["frame"] for row in read_table("frames"))


def triggers(
    text: str, lang: str, kinds: frozenset[str] = RELATION_FRAMES
) -> list[tuple[Frame, int, int]]:
    """The frame triggers of a sentence whose frame is one of `kinds`; of overlapping triggers
    of one frame, the longest."""
    return [hit for hit in _all_triggers(text, lang) if hit[0].frame in kinds]


@cache
def _by_first_word(lang: str) -> frozenset[str]:
    """The literal words the triggers of `lang` start with (checked once per sentence each)."""
    return frozenset(frame.first_word for frame in frames(lang, ALL_FRAMES))


@lru_cache(maxsize=64)
def _all_triggers(text: str, lang: str) -> tuple[tuple[Frame, int, int], ...]:
    """Every frame's triggers in a sentence (read by several layers, so found once)."""
    folded = text.casefold()
    other_words = compounds(text, lang)
    hits: list[tuple[Frame, int, int]] = []
    present = {word for word in _by_first_word(lang) if word in folded}
    for frame in frames(lang, ALL_FRAMES):
        if frame.first_word not in present:
            continue
        for m in frame.pattern.finditer(text):
            if any(
                s < m.end() and m.start() < e and not (m.start() <= s and e <= m.end())
                for s, e, blocked in other_words
                if blocked in ("", frame.frame)
            ):
                continue
            if any(f.frame == frame.frame and s < m.end() and m.start() < e for f, s, e in hits):
                continue
            hits.append((frame, m.start(), m.end()))
    return tuple(sorted(hits, key=lambda h: h[1]))
