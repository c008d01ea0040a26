"""Sentences of Vietnamese and English news text, with their character offsets.

A full stop ends a sentence unless it belongs to an abbreviation that titles or names carry
(TP., TS., PGS.TS., ThS., Mr., Dr., St.), an initial, or a number (1.000, 3.5).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Words that end in a full stop without ending the sentence (compared case-sensitively).
ABBREVIATIONS = frozenset(
    {
        "TP",
        "Tp",
        "TS",
        "ThS",
        "PGS",
        "GS",
        "KTS",
        "BS",
        "CN",
        "NCS",
        "TT",
        "Q",
        "P",
        "Th",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "St",
        "Mt",
        "No",
        "Nos",
        "Co",
        "Corp",
        "Inc",
        "Ltd",
        "Jr",
        "Sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "U.S",
        "U.K",
        "Ph.D",
        "Gov",
        "Sen",
        "Rep",
    }
)

# A candidate end: . ! ? … (possibly repeated), optional closing quotes or brackets, then space.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT_CHAR = re.compile(r"\s*(\S)")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Whether the punctuation at `dot` really ends a sentence."""
    if text[dot] != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    token = word.group(1) if word else ""
    last = token.rsplit(".", 1)[-1] if token else ""
    if token in ABBREVIATIONS or last in ABBREVIATIONS:
        return False
    if len(last) == 1 and last.isupper():  # an initial: "J. Smith"
        return False
    nxt = _NEXT_CHAR.match(text, after)
    # A lower-case continuation or a digit rarely starts a new sentence in news text.
    return not nxt or not (nxt.group(1).islower() or nxt.group(1).isdigit())


# A photo credit ("Ảnh: Văn An/TTXVN", "(Photo: VNA)") ends a caption that news pages run
# into the next sentence: it is a sentence of its own.
_CREDIT = re.compile(r"\(?(?<![\w])(?:Ảnh|Photo|Nguồn ảnh)\s*:\s*")
NEWS_AGENCIES = r"TTXVN|VNA|Vietnam\+|VOV|VGP|TTO|Tin Tức"
_CREDIT_END = re.compile(
    rf"[^.()\n]{{0,40}}?(?:[/–-]\s*)?(?:{NEWS_AGENCIES})\b\)?"
    r"|[^.()\n]{0,40}?/\s*\S+?(?=[\s)])\)?"
    r"|[^.()\n]{0,40}?[.)]"
)


# A line that breaks inside a sentence (text wrapped at a fixed width): the next line goes on in
# lower case, or this one ends with a word that cannot end a sentence.
_LOWER = "".join(chr(c) for c in range(0x61, 0x1EFA) if chr(c).islower())
_GOES_ON = re.compile(
    rf"[^.!?…:;\"”)\]]\n(?=[{_LOWER}]|\d)"
    r"|(?<![\w])(?:of|the|and|a|an|to|for|in|with|at|on|của|và|các|tại|với|cho)\n(?=\S)"
)


_NEWLINE = re.compile("\n")
# A line of a paragraph that is wrapped elsewhere may also break before a capitalised word (a
# name): it goes on when it does not end a sentence and a newline next to it is a wrap.
_MAY_GO_ON = re.compile(r"[^.!?…:;\"”)\]\s|]\n(?=[^\W\d_])")


def _wrapped(text: str) -> set[int]:
    """The newlines of `text` inside a sentence."""
    joined = {m.end() - 1 for m in _GOES_ON.finditer(text)}
    between = []
    for m in _MAY_GO_ON.finditer(text):
        newline = m.end() - 1
        if newline in joined or not text[newline + 1].isupper():
            continue
        before = text.rfind("\n", 0, newline)
        after = text.find("\n", newline + 1)
        if before in joined or after in joined:
            between.append(newline)
    return joined.union(between)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """The lines of `text`, a sentence wrapped over several lines taken as one."""
    joined = _wrapped(text)  # the newlines inside sentences
    start = 0
    for newline in (m.start() for m in _NEWLINE.finditer(text)):
        if newline in joined:
            continue
        if text[start:newline].strip():
            yield start, newline
        start = newline + 1
    if text[start:].strip():
        yield start, len(text)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """The lines of `text`, cut after each photo credit."""
    for line_start, line_end in _lines(text):
        start = line_start
        for credit in _CREDIT.finditer(text, line_start, line_end):
            end = _CREDIT_END.match(text, credit.end(), line_end)
            if end is None or credit.start() < start:
                continue
            yield start, credit.start()
            yield credit.start(), end.end()
            start = end.end()
        yield start, line_end


def split_sentences(text: str) -> Iterator[Sentence]:
    """Sentences of `text` in order, each stripped, with offsets into `text`.

    >>> [s.text for s in split_sentences("TS. Lê Văn B đến TP. Huế. Hội nghị mở.")]
    ['TS. Lê Văn B đến TP. Huế.', 'Hội nghị mở.']
    """
    for block_start, block_end in _blocks(text):
        start = block_start
        line_end = block_end
        for mark in _END.finditer(text, start, line_end):
            if _ends_sentence(text, mark.start(), mark.end()):
                yield from _sentence(text, start, mark.end())
                start = mark.end()
        yield from _sentence(text, start, line_end)


def _sentence(text: str, start: int, end: int) -> Iterator[Sentence]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + len(piece) - len(piece.lstrip())
        yield Sentence(stripped, offset, offset + len(stripped))


# A dateline: where a report was filed and by which agency ("Hanoi (VNA) –", "Đà Nẵng, (TTXVN)
# -"). It tells no fact about the place.
_DATELINE = re.compile(rf"\s*[^\W\d_][^()\n,–—-]{{0,40}}?,?\s*\((?:{NEWS_AGENCIES})\)\s*[–—-]\s*")


def dateline_end(text: str) -> int:
    """Where the dateline that opens a sentence ends, or 0 when it has none."""
    found = _DATELINE.match(text)
    return found.end() if found else 0
