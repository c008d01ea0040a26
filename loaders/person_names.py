"""People's names by their shape: after an honorific ("Ông ...", "TS. ...", "Mayor ..."), a
Vietnamese family name and the syllables after it, capitalised words after a title of office or
before one; and the checks that a shaped name can be a person's."""

from __future__ import annotations

import re
from dataclasses import replace

from .gazetteer import Gazetteer
from .lexicon import read_table, words
from .name_shapes import CAP, NOT_NAME_WORDS, UPPER, Mention, alternatives

_NAME = rf"{CAP}(?:\s+{CAP}){{1,4}}"

PERSON_TITLES = words("titles", before_name="yes")
_PERSON_TITLE_RE = "|".join(re.escape(t) for t in sorted(PERSON_TITLES, key=len, reverse=True))
PERSON = re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=[(\"“,]))(?:{_PERSON_TITLE_RE})\s+(?P<name>{_NAME})")

# Envoys' titles and what each names: the head of the mission the envoy serves ("Đại sứ":
# "Đại sứ quán"), or "yes" (titles.tsv, column posted).
POSTED_TITLES = {r["word"]: r["posted"] for r in read_table("titles") if r.get("posted")}

# Titles of office: before a name they make it a person's, and name the body they serve.
TITLES = tuple(
    dict.fromkeys(
        [
            *words("titles", kind="office"),
            # "Phó Tổng Biên tập", "Deputy Governor": a deputy of any title of its language
            *(
                f"{deputy} {title}"
                for lang in ("vi", "en")
                for deputy in words("titles", kind="deputy", lang=lang)
                for title in words("titles", kind="office", lang=lang)
                if not title.startswith(deputy + " ")
            ),
        ]
    )
)
TITLES_RE = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
_ROLE = re.compile(rf"(?<![\w])(?:{TITLES_RE})$")
# A run of capitalised words: a name, when a title stands before it.
_NAME_RUN = re.compile(rf"(?<![\w.]){CAP}(?:\s+{CAP}){{0,4}}(?![\w])")
_CLAUSE_OPENERS = frozenset(words("not_names", rule="clause_opener"))

# Vietnamese family names: a run of capitalised syllables that starts with one is a person's name
# even without a title ("Chủ tịch UBND TP Huế Nguyễn Văn An").
FAMILY_NAMES = words("family_names")
_SYLLABLE = rf"[{UPPER}][^\W\d_{UPPER}]+"
COMMON_WORD_FAMILY_NAMES = frozenset(words("family_names", common_word="yes"))
VIETNAMESE_NAME = re.compile(
    rf"(?<![\w])(?:{alternatives(FAMILY_NAMES)})(?:\s+{_SYLLABLE}){{1,3}}(?![\w])"
)
NOT_PEOPLE = frozenset(words("not_names", rule="not_person"))
_PLACE_UNIT = re.compile(
    r"(?<![\w])(?:xã|huyện|phường|quận|thị xã|thị trấn|ấp|làng|thôn|bản|đường|phố|sông|núi|"
    r"Xã|Huyện|Phường|Quận|Thị xã|Thị trấn)\s+$"
)
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "da"})


def find_people(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """People named after an honorific, and Vietnamese names by their family name."""
    found = []
    for m in PERSON.finditer(text):
        found.append(Mention(m.start("name"), m.end("name"), "Person", m["name"]))
    for m in VIETNAMESE_NAME.finditer(text):
        # "Thái Bình Dương" (the Pacific) and "Hà Nam" are places, not people; so are "xã Lương
        # Sơn" and "huyện Châu Đức"; "Đoàn Cấp cao" is a delegation.
        words_of = m.group(0).split()
        if len(words_of) == 2 and words_of[0] in COMMON_WORD_FAMILY_NAMES:
            continue
        if (
            not any(g.start == 0 for g in gazetteer.find(m.group(0)))
            and m.group(0) not in NOT_PEOPLE
            and not _PLACE_UNIT.search(text, max(0, m.start() - 12), m.start())
        ):
            found.append(Mention(m.start(), m.end(), "Person", m.group(0)))
    return found


def without_next_clause(mention: Mention) -> Mention:
    """A person's name without the first word of the next clause, run on where the text lost
    its full stop ("... Nguyễn Văn An Tại buổi làm việc ...")."""
    if mention.type != "Person" or mention.key:
        return mention
    words = mention.name.split(" ")
    if len(words) < 3 or words[-1] not in _CLAUSE_OPENERS:
        return mention
    name = " ".join(words[:-1])
    return replace(mention, name=name, end=mention.start + len(name))


def plausible_person(name: str) -> bool:
    """Whether a shaped name can be a person's: no ordinary words or digits in it."""
    words = name.split()
    return (
        1 <= len(words) <= 6
        and not any(c.isdigit() for c in name)
        and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words)
    )


def titled_names(text: str, chosen: list[Mention]) -> list[Mention]:
    """People named after a title of office, with or without the body between them ("Thị
    trưởng Lyon Alex Moreau", "Đại sứ Pháp tại Việt Nam Jamie Novak")."""
    people = []
    bounds = [0, *(x for m in chosen for x in (m.start, m.end)), len(text)]
    for gap_start, gap_end in zip(bounds[::2], bounds[1::2], strict=False):
        for run in _NAME_RUN.finditer(text, gap_start, gap_end):
            words = run.group(0).split()
            # an acronym ("UBND TP") names a body, not a person
            if words[0] in NOT_NAME_WORDS or len(words) < 2 or words[0].isupper():
                continue
            if _after_title(text, run.start(), chosen) or _TITLE_AFTER.match(text, run.end()):
                people.append(Mention(run.start(), run.end(), "Person", run.group(0)))
    return people


# "Nguyen Van An, Chairman of the Da Nang People's Committee"
_TITLE_AFTER = re.compile(rf"\s*,\s*(?:the\s+)?(?:{TITLES_RE})(?![\w])")
_BETWEEN = re.compile(r"(?:\s*[-–,]\s*|\s+(?:tại|ở|của|thành phố|tỉnh|bang|of|of the|in)\s+|\s+)$")


def _after_title(text: str, pos: int, chosen: list[Mention]) -> bool:
    """Whether a title ends just before `pos`, perhaps with bodies and places between."""
    for _ in range(3):
        head = text[max(0, pos - 60) : pos]
        sep = _BETWEEN.search(head)
        if sep:
            pos -= len(head) - sep.start()
            head = head[: sep.start()]
        if _ROLE.search(head):
            return True
        body = next((m for m in chosen if m.end == pos and m.type != "Person"), None)
        if body is None:
            return False
        pos = body.start
    return False
