"""The curated gazetteer: cities, countries, organisations and city networks, and a matcher.

The entries ship as TSV files in `gazetteer/` (columns `id type kind name aliases country
wikidata within`, aliases separated by `|`; `within` is the id of the gazetteer's administrative
unit the place lies in, such as a city's province or state, empty when the gazetteer has none;
files without that column still load). `Gazetteer.find` scans text for every name and alias with
one trie-shaped regular expression over a folded copy of the text:

- case is folded, and old and new Vietnamese tone placement are equal (`Hòa` = `Hoà`);
- a match starts and ends at a word boundary that knows Vietnamese letters (`Tho` is not found
  in `Thoại`);
- the tokens of a name may be joined by spaces, dots or hyphens, or by nothing (`TP.HCM`,
  `TP. HCM`, `TP HCM`, `TPHCM`);
- short all-caps abbreviations (at most 4 letters and digits: `UN`, `EU`, `ADB`) match only in
  capitals, and names written with a capital (`Pháp`, `Hòa Bình`, `Chính phủ`) need a capital
  first letter, so that `un`, `pháp luật`, `hòa bình` (peace) or `phi chính phủ` (non-
  governmental) are not taken for names; a rejected name may hold a shorter one (`thủ đô Hà
  Nội`).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..graph.model import PARTIES

GAZETTEER_DIR = Path(__file__).parent / "gazetteer"
COLUMNS = ("id", "type", "kind", "name", "aliases", "country", "wikidata", "within")
# The columns before `within` was added: such files still load, with no containment.
LEGACY_COLUMNS = COLUMNS[:-1]

# Old tone placement (mark on the first vowel of oa, oe, uy) -> new placement (on the second).
_TONES = {
    "\u0300": "òàèùỳ",
    "\u0301": "óáéúý",
    "\u0309": "ỏảẻủỷ",
    "\u0303": "õãẽũỹ",
    "\u0323": "ọạẹụỵ",
}
_TONE_PAIRS = [
    (old + plain, new_first + new)
    for marked in _TONES.values()
    for old, plain, new_first, new in (
        (marked[0], "a", "o", marked[1]),
        (marked[0], "e", "o", marked[2]),
        (marked[3], "y", "u", marked[4]),
    )
]
_TOKEN = re.compile(r"\w+")
# Characters that may join two tokens of a name in text, beside those the alias itself uses.
_JOINERS = " \t\n\r\u00a0.\\-\u2010\u2011\u2013\u2014_'\u2019"
_PRIORITY = {"City": 0, "Country": 1, "Organization": 2, "Network": 3}

# Case rules of an alias.
ANY, CAPITAL, CAPS = "any", "capital", "caps"


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    type: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    wikidata: str = ""
    within: str = ""  # id of the gazetteer's administrative unit this place lies in

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, then the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    surface: str
    entry: GazetteerEntry
    alternatives: tuple[GazetteerEntry, ...] = field(default=(), compare=False)


def fold(text: str) -> str:
    """Case- and tone-placement folding that keeps the length of NFC text: `Hòa` -> `hoà`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare letters such as İ lower to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for old, new in _TONE_PAIRS:
        if old in lowered:
            lowered = lowered.replace(old, new)
    return lowered


def alias_key(name: str) -> str:
    """The key two spellings of a name share: folded tokens joined without separators."""
    return "".join(_TOKEN.findall(fold(unicodedata.normalize("NFC", name))))


def case_rule(alias: str) -> str:
    """`caps` for short all-caps abbreviations, `capital` for one capitalised word, else `any`."""
    tokens = _TOKEN.findall(alias)
    letters = "".join(tokens)
    if len(letters) <= 4 and not any(c.islower() for c in letters):
        return CAPS
    if len(tokens) == 1 and alias[0].isupper():
        return CAPITAL
    return ANY


def _accepts(rule: str, surface: str) -> bool:
    if rule == CAPS:
        return not any(c.islower() for c in surface)
    if rule == CAPITAL:
        return surface[0].isupper()
    return True


def _atoms(alias: str) -> tuple[str, ...]:
    """The regex atoms of an alias: one per letter, one per gap between tokens."""
    folded = fold(unicodedata.normalize("NFC", alias))
    atoms: list[str] = []
    last = None
    for token in _TOKEN.finditer(folded):
        if last is not None:
            extra = "".join(sorted({c for c in folded[last : token.start()] if c not in _JOINERS}))
            atoms.append(f"[{_JOINERS}{re.escape(extra)}]*")
        atoms.extend(re.escape(c) for c in token.group())
        last = token.end()
    return tuple(atoms)


def _trie_regex(sequences: Iterable[tuple[str, ...]]) -> str:
    trie: dict = {}
    for seq in sequences:
        node = trie
        for atom in seq:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        # Letters before gaps: a gap may be empty, and the first branch that matches wins, so
        # "Viet Nam" would take the "Vietnam" of "Vietnam Airlines".
        items = sorted(node.items(), key=lambda item: item[0].startswith("["))
        branches = [atom + emit(child) for atom, child in items if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return emit(trie)


def _normalize_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC text, and for each of its characters (and its end) the offset in `text`."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            piece = unicodedata.normalize("NFC", text[start:i])
            out.append(piece)
            offsets.extend([start] * len(piece))
            start = i
    offsets.append(len(text))
    return "".join(out), offsets


class Gazetteer:
    """Entries, a matcher over text and a lookup by any name."""

    def __init__(self, entries: Iterable[GazetteerEntry]):
        self.entries: list[GazetteerEntry] = list(entries)
        self.by_id = {e.id: e for e in self.entries}
        # key -> [(entry, most permissive case rule)], entries in priority order
        self._keys: dict[str, dict[str, tuple[GazetteerEntry, str]]] = {}
        order = {ANY: 0, CAPITAL: 1, CAPS: 2}
        sequences = set()
        for entry in self.entries:
            for alias in entry.names:
                key = alias_key(alias)
                if not key:
                    continue
                rule = case_rule(alias)
                if rule == ANY and alias[0].isupper():
                    rule = CAPITAL  # "hòa bình" (peace) is not Hòa Bình, "phi chính phủ" no body
                slot = self._keys.setdefault(key, {})
                if entry.id not in slot or order[rule] < order[slot[entry.id][1]]:
                    slot[entry.id] = (entry, rule)
                sequences.add(_atoms(alias))
        self._regex = re.compile(r"(?<!\w)" + _trie_regex(sorted(sequences)) + r"(?!\w)")

    def find(self, text: str) -> list[Match]:
        """Non-overlapping longest matches of any name or alias, in text order."""
        normal, offsets = _normalize_with_offsets(text)
        folded = fold(normal)
        matches = []
        pos = 0
        while (m := self._regex.search(folded, pos)) is not None:
            # A name rejected for its case may hold others: "mạng lưới CityNet" is not the
            # alias "Mạng lưới CityNet", but "CityNet" in it is. Shorter names from the same start
            # are tried first, then the scan goes on from the next word.
            pos = m.start() + 1
            candidate: re.Match[str] | None = m
            while candidate is not None:
                start, end = candidate.span()
                surface = normal[start:end]
                found = [
                    e for e, rule in self._candidates(candidate.group()) if _accepts(rule, surface)
                ]
                if found:
                    pos = end
                    if offsets is not None:
                        start, end = offsets[start], offsets[end]
                    matches.append(Match(start, end, text[start:end], found[0], tuple(found[1:])))
                    break
                candidate = self._shorter(folded, candidate)
        return matches

    def _shorter(self, folded: str, match: re.Match[str]) -> re.Match[str] | None:
        """The next shorter name that starts where `match` starts and ends at a word end."""
        endpos = match.end() - 1
        while endpos > match.start():
            shorter = self._regex.match(folded, match.start(), endpos)
            if shorter is None:
                return None
            if shorter.end() == len(folded) or not folded[shorter.end()].isalnum():
                return shorter
            endpos = shorter.end() - 1
        return None

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry one of whose names folds to the same key as `name`."""
        return [e for e, _ in self._candidates(name)]

    def _candidates(self, name: str) -> list[tuple[GazetteerEntry, str]]:
        slot = self._keys.get(alias_key(name), {})
        return sorted(slot.values(), key=lambda pair: _PRIORITY.get(pair[0].type, 9))


def read_entries(path: Path) -> list[GazetteerEntry]:
    """The rows of one gazetteer TSV file."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) not in (COLUMNS, LEGACY_COLUMNS):
            raise ValueError(f"{path}: expected the columns {' '.join(COLUMNS)}")
        entries = []
        for row in reader:
            if row["type"] not in PARTIES:
                raise ValueError(f"{path}: {row['id']}: unknown type {row['type']!r}")
            aliases = tuple(a for a in (row["aliases"] or "").split("|") if a)
            entries.append(
                GazetteerEntry(
                    row["id"],
                    row["type"],
                    row["kind"],
                    row["name"],
                    aliases,
                    row["country"] or "",
                    row["wikidata"] or "",
                    row.get("within") or "",  # a missing column or cell is empty
                )
            )
    return entries


def default_paths() -> list[Path]:
    return sorted(GAZETTEER_DIR.glob("*.tsv"))


def load_gazetteer(paths: Iterable[str | Path] | None = None) -> Gazetteer:
    """The gazetteer from `paths`, by default the shipped files."""
    chosen = default_paths() if paths is None else [Path(p) for p in paths]
    return Gazetteer(e for path in chosen for e in read_entries(path))
