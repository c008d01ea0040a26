"""Sentence analysis: clauses, the parties named in them, and the cues that change how a clause
is read (negation, modality, places, times, lists).

The cue words come from `lexicons/cues.tsv`. A sentence is cut into clauses where a clause word
starts ("mà", "trong đó", "which", ";"); frames look for their arguments inside the trigger's
clause only. Each party of a clause is marked as a place ("tại Hà Nội", "in Hanoi", and the
country that follows such a place) or a time ("giờ Hà Nội") when a cue says so, so that a
frame does not take where or when for who.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicon import read_table


def phrase_pattern(phrase: str) -> str:
    """A lexicon phrase as a regular expression: whole words, any run of spaces between them,
    `*` for a word ending, `?` for one letter and `~` for up to four words in between."""
    parts = []
    for i, word in enumerate(phrase.split()):
        if word == "~":
            parts.append(r"(?:\s+[^\s.,;:]+){0,4}?")
            continue
        body = re.escape(word).replace(r"\*", r"\w*").replace(r"\?", r"\w")
        parts.append(("" if i == 0 else r"\s+") + body)
    pattern = "".join(parts)
    if phrase[:1].isalnum():
        pattern = r"(?<![\w])" + pattern
    if phrase[-1:].isalnum():
        pattern += r"(?![\w])"
    return pattern


def _alternation(phrases: list[str]) -> str:
    return "|".join(phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True))


class Phrases:
    """A list of lexicon phrases found in text, tried only where a word one of them starts with
    stands (a large alternation tried at every character is the slow part of the clause layer)."""

    def __init__(self, phrases: list[str], flags: int = re.IGNORECASE):
        self.pattern = re.compile(_alternation(phrases), flags)
        self.folded = bool(flags & re.IGNORECASE)
        firsts = {_first_word(p) for p in phrases}
        self.starts = {f.casefold() if self.folded else f for f in firsts}
        # a phrase that starts with no word ("; ") or with a wildcard ("organi?e*"): tried
        # everywhere
        self.anywhere = "" in self.starts or any(
            c in p.split()[0] for p in phrases if p.split() for c in "*?~"
        )

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.anywhere:
            yield from self.pattern.finditer(text)
            return
        end = 0
        for word in _WORD.finditer(text):
            key = word.group(0).casefold() if self.folded else word.group(0)
            if word.start() < end or key not in self.starts:
                continue
            found = self.pattern.match(text, word.start())
            if found:
                end = found.end()
                yield found


_WORD = re.compile(r"[^\W_]+")


def _first_word(phrase: str) -> str:
    word = _WORD.match(phrase)
    return word.group(0) if word else ""


@dataclass(frozen=True)
class Cues:
    """The compiled cues of one language."""

    negation: tuple[tuple[re.Pattern[str], int], ...]
    modality: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    clause: Phrases | None
    place: re.Pattern[str]  # a place cue that ends right before a party
    time_before: re.Pattern[str] | None
    time_after: re.Pattern[str] | None
    between: re.Pattern[str] | None
    until: re.Pattern[str] | None  # ends right before a date that bounds, not starts
    co_agent: re.Pattern[str] | None
    leader: re.Pattern[str] | None
    parent: re.Pattern[str] | None  # ends right before a parent body
    direction: re.Pattern[str] | None  # ends right before a destination
    future: tuple[tuple[re.Pattern[str], int], ...]
    habitual: re.Pattern[str] | None
    passive: re.Pattern[str] | None  # ends right before a trigger it turns round
    active: re.Pattern[str] | None  # ends right before a passive word it makes active
    adverbial: Phrases | None  # opens a fronted phrase that ends at its comma


@cache
def cues(lang: str) -> Cues:
    """The cues of `lang` ("vi" or "en"); another language gets both."""
    langs = {lang} if lang in ("vi", "en") else {"vi", "en"}
    by_cue: dict[str, list[tuple[str, str]]] = {}
    for row in read_table("cues"):
        if row["lang"] in langs:
            by_cue.setdefault(row["cue"], []).append((row["word"], row["scope"]))

    def words(cue: str) -> list[str]:
        return [w for w, _ in by_cue.get(cue, [])]

    def compiled(cue: str, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
        found = words(cue)
        return re.compile(_alternation(found), flags) if found else None

    def ending(cue: str, tail: str = r"\s+") -> re.Pattern[str] | None:
        """A cue that ends right before a party (`tail`: what may stand between)."""
        found = words(cue)
        return re.compile(rf"(?:{_alternation(found)}){tail}$", re.IGNORECASE) if found else None

    def scoped(cue: str) -> tuple[tuple[re.Pattern[str], int], ...]:
        return tuple(
            (re.compile(phrase_pattern(w), re.IGNORECASE), int(scope or 0))
            for w, scope in by_cue.get(cue, [])
        )

    time_after = _alternation(words("time"))
    the = r"\s+(?:the\s+)?"
    return Cues(
        negation=scoped("negation"),
        modality=compiled("modality", 0),  # in their own case: "may", not the month "May"
        unless=compiled("unless"),
        clause=Phrases(words("clause")) if words("clause") else None,
        place=ending("place", the) or re.compile(r"(?!)"),
        time_before=ending("time"),
        time_after=re.compile(rf"\s+(?:{time_after})", re.IGNORECASE) if time_after else None,
        between=compiled("between"),
        future=scoped("future"),
        habitual=compiled("habitual"),
        adverbial=Phrases(words("adverbial"), 0) if words("adverbial") else None,
        passive=ending("passive", _PASSIVE_TAIL),
        active=ending("active"),
        until=ending("until", r"\s+(?:năm|ngày|tháng|nay)?\s*"),
        co_agent=compiled("co-agent"),
        leader=compiled("leader"),
        direction=ending("direction", the),
        parent=ending("parent", the),
    )


def clause_bounds(text: str, lang: str, protected: list[tuple[int, int]]) -> list[int]:
    """Where the clauses of a sentence start (the first at 0); a clause word inside a name
    (`protected` spans) starts nothing."""
    return list(_clause_bounds(text, lang, tuple(protected)))


@lru_cache(maxsize=64)
def _clause_bounds(text: str, lang: str, protected: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """Where the clauses of a sentence start (the first at 0); a clause word inside a name
    (`protected` spans) starts nothing."""
    pattern = cues(lang).clause
    starts = [0]
    if pattern is None:
        return tuple(starts)
    for match in pattern.finditer(text):
        at = match.start()
        if any(s <= at < e for s, e in protected):
            continue
        if match.group(0) == ";":
            at = match.end()
        if at > starts[-1]:
            starts.append(at)
    # A fronted phrase ("Trong khuôn khổ ..., ", "During ..., ") ends at its comma.
    adverbial = cues(lang).adverbial
    if adverbial is not None:
        for match in adverbial.finditer(text):
            opens_clause = match.start() in starts or text[: match.start()].rstrip().endswith(",")
            comma = _phrase_end(text, match.end(), protected)
            if opens_clause and comma > 0:
                starts.append(comma + 1)
    return tuple(sorted(set(starts)))


def _phrase_end(text: str, start: int, protected: tuple[tuple[int, int], ...]) -> int:
    """The comma that ends a fronted phrase: the first one outside a name that does not go on
    with a list of names ("Với sự tài trợ của A, B và C, X ...")."""
    comma = text.find(",", start)
    while comma > 0:
        if not any(s <= comma < e for s, e in protected):
            after = len(text[comma + 1 :]) - len(text[comma + 1 :].lstrip()) + comma + 1
            name = next((e for s, e in protected if s == after), None)
            if name is None or not _LIST_GOES_ON.match(text, name):
                return comma
        comma = text.find(",", comma + 1)
    return -1


_LIST_GOES_ON = re.compile(r"\s*(?:,|và\b|and\b|&)")


def clause_span(starts: list[int], pos: int, length: int) -> tuple[int, int]:
    """The clause holding character `pos`."""
    start, end = 0, length
    for s in starts:
        if s <= pos:
            start = s
        else:
            end = s
            break
    return start, end


def compounds(text: str, lang: str) -> list[tuple[int, int, str]]:
    """The spans of words that hold a trigger's syllables but are other words, with the frame
    each one blocks ("" for every frame)."""
    found = []
    for pattern, frame in _compound_patterns(lang):
        found += [(*m.span(), frame) for m in pattern.finditer(text)]
    return found


@cache
def _compound_patterns(lang: str) -> tuple[tuple[Phrases, str], ...]:
    langs = {lang} if lang in ("vi", "en") else {"vi", "en"}
    by_frame: dict[str, list[str]] = {}
    for row in read_table("cues"):
        if row["cue"] == "compound" and row["lang"] in langs:
            by_frame.setdefault(row["scope"], []).append(row["word"])
    return tuple((Phrases(words), frame) for frame, words in by_frame.items())


def bounds_a_count(text: str, date_start: int, lang: str) -> bool:
    """Whether the date at `date_start` is an "until" date ("đến năm 2018", "by 2018")."""
    until = cues(lang).until
    return bool(until and until.search(text, max(0, date_start - 20), date_start))


def word_count(text: str) -> int:
    return len(text.split())


def denied(text: str, clause_start: int, trigger_start: int, lang: str) -> str | None:
    """Why a statement whose trigger starts at `trigger_start` is not a fact: "negation" or
    "modality" when such a cue stands before it in its clause, else None."""
    c = cues(lang)
    before = text[clause_start:trigger_start]
    cancelled = [m.span() for m in c.unless.finditer(before)] if c.unless else []

    def live(match: re.Match[str]) -> bool:
        return not any(s <= match.start() < e for s, e in cancelled)

    for pattern, scope in c.negation:
        for match in pattern.finditer(before):
            if live(match) and (not scope or word_count(before[match.end() :]) < scope):
                return "negation"
    if c.modality:
        for match in c.modality.finditer(before):
            if live(match):
                return "modality"
    return None


# What may stand between a passive word and its trigger: up to three lower-case words and a
# sum of money ("received US$5 million in grants", "nhận hai khoản tài trợ", "nhận quyết định
# tài trợ"); never a name ("được Bộ X hỗ trợ" names the supporter in between).
_AMOUNT = (
    r"(?:(?:US)?\$|USD|VND|€)?\s?\d[\d.,]*\s*(?:million|billion|thousand|triệu|tỷ|nghìn)?"
    r"\s*(?:USD|US dollars|dollars|VND|đồng|euros?|yen)?"
)
_PASSIVE_TAIL = (
    rf"\s+(?:(?-i:[^\W\d_A-ZĐ])\S*\s+){{0,3}}?(?:{_AMOUNT}\s+(?:in\s+|of\s+|worth\s+)?)?"
)


def turned_round(text: str, trigger: int, lang: str) -> bool:
    """Whether a passive word stands right before the trigger at `trigger` ("được hỗ trợ"), a
    few words or a sum of money perhaps between them ("received US$5 million in grants"), and
    no word that makes it active before it ("vinh dự được hỗ trợ")."""
    c = cues(lang)
    found = c.passive and c.passive.search(text, max(0, trigger - 60), trigger)
    if not found:
        return False
    return not (c.active and c.active.search(text, max(0, found.start() - 20), found.start()))


def no_occasion(text: str, clause_start: int, clause_end: int, trigger: int, lang: str) -> bool:
    """Whether a clause tells of an occasion that has not happened or of no one occasion: a
    future ("sẽ thăm") before the trigger, or a habit ("nhiều lần") anywhere in the clause."""
    c = cues(lang)
    if c.habitual and c.habitual.search(text, clause_start, clause_end):
        return True
    before = text[clause_start:trigger]
    for pattern, scope in c.future:
        for match in pattern.finditer(before):
            if not scope or word_count(before[match.end() :]) < scope:
                return True
    return False


def is_place(text: str, start: int, lang: str, clause_start: int = 0) -> bool:
    """Whether the party starting at `start` is introduced as a place ("tại", "in", "at")."""
    return bool(cues(lang).place.search(text, max(clause_start, start - 30), start))


def is_destination(text: str, start: int, lang: str) -> bool:
    """Whether the party starting at `start` is where someone goes ("tới Nhật Bản")."""
    direction = cues(lang).direction
    return bool(direction and direction.search(text, max(0, start - 12), start))


def is_time(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the party at `start:end` names a time zone ("giờ Hà Nội", "Hanoi time")."""
    c = cues(lang)
    return bool(
        (c.time_before and c.time_before.search(text, max(0, start - 10), start))
        or (c.time_after and c.time_after.match(text, end))
    )


def in_title_phrase(text: str, start: int, names: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether a title of office stands before `start` in the same stretch between commas
    ("Director of the Da Nang Department of ...", ", Chủ tịch UBND TP X,"): a body named there
    says whose the title is. A title word inside a body's name (`names`: the spans of the
    sentence's names; "Học viện Cán bộ ...") is no title."""
    segment = max(text.rfind(",", 0, start), text.rfind(";", 0, start), 0)
    return any(
        segment <= end <= start and not any(s < end <= e for s, e in names)
        for end in _title_ends(text)
    )


def is_modifier(text: str, start: int, lang: str) -> bool:
    """Whether the party at `start` only qualifies what comes before it: whose a title is
    ("Giám đốc Học viện X", "Chủ tịch danh dự của X", "Mayor of Busan"), the parent of a
    body ("Viện X thuộc Bộ Y"), or an aside in brackets or after a dash."""
    for end in _title_ends(text):
        if start - 60 <= end <= start and _AFTER_TITLE.fullmatch(text, end, start):
            return True
    parent = cues(lang).parent
    if parent and parent.search(text, max(0, start - 20), start):
        return True
    return re.search(r"[(–—]\s*$", text[max(0, start - 3) : start]) is not None


@lru_cache(maxsize=64)
def _title_ends(text: str) -> tuple[int, ...]:
    """Where the titles of office in a sentence end."""
    return tuple(m.end() for m in titles_of_office().finditer(text))


@cache
def titles_of_office() -> Phrases:
    """The titles of office of the lexicon (titles.tsv), found as whole phrases."""
    from .person_names import TITLES

    return Phrases(sorted(set(TITLES)), 0)


# After a title: the body whose title it is, perhaps after "của"/"of" ("Chủ tịch danh dự của").
_AFTER_TITLE = re.compile(r"(?:\s+[^\W\d]+){0,2}?\s+(?:của|of)\s+(?:the\s+)?|\s+")


def groups(text: str, lang: str) -> list[tuple[int, int, str]]:
    """The phrases of a sentence that name two parties told of before ("hai nước"), with the
    label those parties have ("" for any party)."""
    langs = {lang} if lang in ("vi", "en") else {"vi", "en"}
    found = []
    for pattern, label in _group_patterns(frozenset(langs)):
        found += [(m.start(), m.end(), label) for m in pattern.finditer(text)]
    return found


@cache
def _group_patterns(langs: frozenset[str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(phrase_pattern(r["word"]), re.IGNORECASE), r["scope"])
        for r in read_table("cues")
        if r["cue"] == "group" and r["lang"] in langs
    )


def listed_with(text: str, left_end: int, right_start: int, lang: str, person: bool) -> bool:
    """Whether the text between two parties joins them in one list ("A, B và C", "ông A; bà
    B"). Titles may stand in the gap ("A, Chủ tịch B", "Mayor of X, Y"); with nothing but
    titles between them, a body and the person after it ("UBND TP Huế ông A") go together."""
    if right_start < left_end:  # two parties named by one phrase ("hai nước")
        return True
    gap = text[left_end:right_start]
    if not gap:
        return False
    words, separators = _list_gap(lang)
    if words.fullmatch(gap) is None:
        return False
    return person or separators.search(gap) is not None


@cache
def _list_gap(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What a gap inside a list may hold, and what makes it a list's separator."""
    from .person_names import PERSON_TITLES, TITLES

    langs = {lang} if lang in ("vi", "en") else {"vi", "en"}
    rows = [r for r in read_table("cues") if r["lang"] in langs]
    joiners = [r["word"] for r in rows if r["cue"] == "list" and r["word"] not in ",;"]
    fillers = [r["word"] for r in rows if r["cue"] == "filler"]
    words = _alternation([*sorted({*TITLES, *PERSON_TITLES}), *fillers, *joiners])
    return (
        # a bracketed abbreviation may stand in a title phrase: "Tổng Giám đốc (TGĐ) X"
        re.compile(rf"(?:\s+|[,;]|\([^()]{{1,12}}\)|{words})*+", re.IGNORECASE),
        re.compile(rf"[,;]|{_alternation(joiners)}", re.IGNORECASE),
    )
