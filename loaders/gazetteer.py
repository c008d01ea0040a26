"""The curated gazetteer: cities, countries, organisations and city networks, and a matcher.

The entries ship as TSV files in `gazetteer/` (columns `id type kind name aliases country
wikidata within`, aliases separated by `|`; `within` is the id of the gazetteer's administrative
unit the place lies in, such as a city's province or state, empty when the gazetteer has none;
files without that column still load). `Gazetteer.find` scans the words of a folded copy of the
text for every name and alias:

- case is folded, and old and new Vietnamese tone placement are equal (`Hòa` = `Hoà`);
- a match starts and ends at a word boundary that knows Vietnamese letters (`Tho` is not found
  in `Thoại`); an underscore belongs to the word (`Đà_Nẵng` is one word);
- the tokens of a name may be joined by spaces, dots, hyphens or apostrophes, or by nothing
  (`TP.HCM`, `TP. HCM`, `TP HCM`, `TPHCM`), and by what the name itself puts there
  (`Washington, D.C.`);
- of the names that start at one word the longest is taken (but see `_matcher_tables`);
- short all-caps abbreviations (at most 4 letters and digits: `UN`, `EU`, `ADB`) match only in
  capitals, and names written with a capital (`Pháp`, `Hòa Bình`, `Chính phủ`) need a capital
  first letter, so that `un`, `pháp luật`, `hòa bình` (peace) or `phi chính phủ` (non-
  governmental) are not taken for names; a rejected name may hold a shorter one (`thủ đô Hà
  Nội`).

The matcher's tables are plain dicts and sets: `load_gazetteer` builds them once per content of
the TSV files and keeps them in the user's cache folder (`cache.py`), so that every process and
worker after the first loads the gazetteer in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# graph/names.py holds the folding and the TSV reader; COLUMNS, GAZETTEER_DIR, LEGACY_COLUMNS
# and read_entries are also named here, where callers have always found them.
from ..graph import names
from ..graph.model import PARTIES
from ..graph.names import COLUMNS as COLUMNS
from ..graph.names import GAZETTEER_DIR as GAZETTEER_DIR
from ..graph.names import LEGACY_COLUMNS as LEGACY_COLUMNS
from ..graph.names import (
    GazetteerEntry,
    alias_key,
    default_paths,
    fold,
    parse_entries,
)
from ..graph.names import read_entries as read_entries
from . import cache
from .lexicon import LEXICON_DIR, read_table

_TOKEN = re.compile(r"\w+")
# The words of a text and what lies between them (never a word character).
_WORDS = re.compile(r"(\w+)")
# Characters that may join two tokens of a name in text, beside those the alias itself uses.
_JOINERS = frozenset(" \t\n\r\u00a0.-\u2010\u2011\u2013\u2014'\u2019")
_PRIORITY = {"City": 0, "Country": 1, "Organization": 2, "Network": 3}
# The Vietnamese units a place's name may start with ("Thành phố Hồ Chí Minh"): running text
# often writes the unit in lower case ("thành phố Hồ Chí Minh"), so such a name keeps no
# capital-first rule.
_UNITS = tuple(
    r["word"] for r in read_table("place_units") if r["lang"] == "vi" and r["position"] == "before"
)
_UNIT_FIRST = re.compile(
    rf"(?:{'|'.join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))})\s+\w",
    re.IGNORECASE,
)

# Case rules of an alias.
ANY, CAPITAL, CAPS = "any", "capital", "caps"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    surface: str
    entry: GazetteerEntry
    alternatives: tuple[GazetteerEntry, ...] = field(default=(), compare=False)


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


def _shape(alias: str) -> tuple[str, tuple[int, ...], tuple[str, ...], tuple]:
    """How an alias is found: its key (folded tokens, joined), the offsets in the key between
    two tokens, at each of them the characters the alias itself puts there beside the joiners,
    and the order in which the matcher prefers it (see `_matcher_tables`)."""
    folded = fold(unicodedata.normalize("NFC", alias))
    key: list[str] = []
    cuts: list[int] = []
    extras: list[str] = []
    order: list[tuple[int, str]] = []
    last = None
    length = 0
    for token in _TOKEN.finditer(folded):
        if last is not None:
            extra = "".join(sorted({c for c in folded[last : token.start()] if c not in _JOINERS}))
            cuts.append(length)
            extras.append(extra)
            order.append((1, re.escape(extra) + "]"))
        word = token.group()
        key.append(word)
        order.extend((0, c) for c in word)
        length += len(word)
        last = token.end()
    order.append((2, ""))
    return "".join(key), tuple(cuts), tuple(extras), tuple(order)


# The matcher's tables, plain data (for the cache):
# - nodes: for every key, and every beginning of a key that ends between two of its tokens,
#   (the best name whose key it is, or -1; the names whose key it is; the names that go on);
# - extras: for the few names with characters of their own between two tokens (`Washington,
#   D.C.`), the offset of each such gap and its characters.
# A name is its preference: of two names found at one place, the lower number wins.
Nodes = dict[str, tuple[int, frozenset[int], frozenset[int]]]
Extras = dict[int, dict[int, frozenset[str]]]


def _matcher_tables(aliases: Iterable[str]) -> tuple[Nodes, Extras]:
    """The tables `Gazetteer.find` walks, for these aliases.

    The preference among names that match at one place is that of the alternation of letters
    the gazetteer matched with before (a trie, tried in order): letter by letter, a letter
    before a gap between tokens, and a longer name before one that ends there. So "Vietnam
    Airlines" is found whole although "Viet Nam" (gap) would match its first word, and of
    "Hanoi" and "Ha Noi Capital" in "Hanoi Capital" the first, letters-only name wins."""
    shapes = {}
    for alias in aliases:
        key, cuts, extras, order = _shape(alias)
        if key:
            shapes[order] = (key, cuts, extras)
    nodes: dict[str, tuple[int, set[int], set[int]]] = {}
    gaps: Extras = {}
    for rank, order in enumerate(sorted(shapes)):
        key, cuts, extras = shapes[order]
        for cut in cuts:
            nodes.setdefault(key[:cut], (-1, set(), set()))[2].add(rank)
        best, done, _ = nodes.setdefault(key, (-1, set(), set()))
        done.add(rank)
        if best == -1:  # ranks rise: the first is the best
            nodes[key] = (rank, done, nodes[key][2])
        own = {cut: frozenset(extra) for cut, extra in zip(cuts, extras, strict=True) if extra}
        if own:
            gaps[rank] = own
    frozen = {
        k: (best, frozenset(done), frozenset(more)) for k, (best, done, more) in nodes.items()
    }
    return frozen, gaps


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


def _key_table(entries: list[GazetteerEntry]) -> dict[str, tuple[tuple[int, str], ...]]:
    """key -> (index of the entry, its most permissive case rule) for every entry with a name of
    that key, in priority order (cities, countries, organisations, networks; then file order)."""
    order = {ANY: 0, CAPITAL: 1, CAPS: 2}
    slots: dict[str, dict[str, tuple[int, str]]] = {}
    for index, entry in enumerate(entries):
        for alias in entry.names:
            key = alias_key(alias)
            if not key:
                continue
            rule = case_rule(alias)
            if rule == ANY and alias[0].isupper() and not _UNIT_FIRST.match(alias):
                rule = CAPITAL  # "hòa bình" (peace) is not Hòa Bình, "phi chính phủ" no body
            slot = slots.setdefault(key, {})
            if entry.id not in slot or order[rule] < order[slot[entry.id][1]]:
                slot[entry.id] = (index, rule)
    return {
        key: tuple(sorted(slot.values(), key=lambda pair: _PRIORITY.get(entries[pair[0]].type, 9)))
        for key, slot in slots.items()
    }


class Gazetteer:
    """Entries, a matcher over text and a lookup by any name."""

    def __init__(self, entries: Iterable[GazetteerEntry]):
        self.entries: list[GazetteerEntry] = list(entries)
        nodes, extras = _matcher_tables(a for e in self.entries for a in e.names)
        self._setup(_key_table(self.entries), nodes, extras)

    def _setup(
        self, keys: dict[str, tuple[tuple[int, str], ...]], nodes: Nodes, extras: Extras
    ) -> None:
        self.by_id = {e.id: e for e in self.entries}
        entries = self.entries
        # key -> [(entry, most permissive case rule)], entries in priority order
        self._keys = {k: [(entries[i], rule) for i, rule in slot] for k, slot in keys.items()}
        self._nodes = nodes
        self._extras = extras

    def _tables(self) -> tuple[Any, ...]:
        """Everything the gazetteer is made of, as plain data (for the cache)."""
        index = {id(e): i for i, e in enumerate(self.entries)}
        keys = {k: tuple((index[id(e)], rule) for e, rule in s) for k, s in self._keys.items()}
        rows = tuple(
            (e.id, e.type, e.kind, e.name, e.aliases, e.country, e.wikidata, e.within)
            for e in self.entries
        )
        return rows, keys, self._nodes, self._extras

    @classmethod
    def _from_tables(cls, tables: tuple[Any, ...]) -> Gazetteer:
        """The gazetteer of `_tables()`; TypeError or ValueError for data of another shape."""
        rows, keys, nodes, extras = tables
        if not (isinstance(nodes, dict) and isinstance(extras, dict)) or any(
            type(node) is not tuple or len(node) != 3 for node in nodes.values()
        ):
            raise TypeError("not the tables of a gazetteer")
        gazetteer = cls.__new__(cls)
        gazetteer.entries = [GazetteerEntry(*row) for row in rows]
        gazetteer._setup(keys, nodes, extras)
        return gazetteer

    def find(self, text: str) -> list[Match]:
        """Non-overlapping longest matches of any name or alias, in text order."""
        normal, offsets = _normalize_with_offsets(text)
        folded = fold(normal)
        # words and what lies between them: [between, word, between, word, ..., between]
        parts = _WORDS.split(folded)
        nodes = self._nodes
        starts = [i for i in range(1, len(parts), 2) if parts[i] in nodes]
        matches = []
        done = 0  # the last word of the last match
        at = offset = 0  # the offset of parts[at] in the text
        for i in starts:
            if i <= done:
                continue
            key = parts[i]
            best, _, more = nodes[key]
            found_here = [] if best < 0 else [(best, i, key)]
            if more and i + 2 < len(parts) and key + parts[i + 2] in nodes:
                found_here += self._longer(parts, i, more)
            if not found_here:
                continue
            offset += sum(map(len, parts[at:i]))
            at, start = i, offset
            # A name rejected for its case may hold others: "mạng lưới CityNet" is not the
            # alias "Mạng lưới CityNet", but "CityNet" in it is. Shorter names from the same start
            # are tried first, then the scan goes on from the next word.
            while found_here:
                _, last, key = min(found_here)
                end = start + sum(map(len, parts[i : last + 1]))
                surface = normal[start:end]
                found = [e for e, rule in self._keys.get(key, ()) if _accepts(rule, surface)]
                if found:
                    done = last
                    a, b = (start, end) if offsets is None else (offsets[start], offsets[end])
                    matches.append(Match(a, b, text[a:b], found[0], tuple(found[1:])))
                    break
                found_here = [name for name in found_here if name[1] < last]
        return matches

    def _longer(self, parts: list[str], i: int, alive: Set[int]) -> list[tuple[int, int, str]]:
        """(preference, last word, key) of the best name ending at each word after word `i`, of
        the names `alive` that go on after it."""
        nodes = self._nodes
        key = parts[i]
        found = []
        while alive and i + 2 < len(parts):
            between = parts[i + 1]
            cut = len(key)
            key += parts[i + 2]
            i += 2
            node = nodes.get(key)
            if node is None:
                break
            _, done, more = node
            if _JOINERS.issuperset(between):
                here, alive = alive & done, alive & more
            else:  # only names with these characters of their own between two tokens
                chars = set(between)
                fits = {
                    name
                    for name, own in self._extras.items()
                    if name in alive and chars <= _JOINERS | own.get(cut, frozenset())
                }
                here, alive = fits & done, fits & more
            if here:
                found.append((min(here), i, key))
        return found

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry one of whose names folds to the same key as `name`."""
        return [e for e, _ in self._candidates(name)]

    def _candidates(self, name: str) -> list[tuple[GazetteerEntry, str]]:
        return self._keys.get(alias_key(name), [])


def load_gazetteer(paths: Iterable[str | Path] | None = None) -> Gazetteer:
    """The gazetteer from `paths`, by default the shipped files.

    Built from the files once, then read from the cache while they stay the same (see
    `cache.py`); a file that changed is read and built again."""
    chosen = default_paths() if paths is None else [Path(p) for p in paths]
    contents = [path.read_bytes() for path in chosen]
    digest = _digest(contents)
    tables = cache.read("gazetteer", digest)
    if tables is not None:
        try:
            return Gazetteer._from_tables(tables)
        except (TypeError, ValueError, KeyError, IndexError):  # not what this version writes
            pass
    gazetteer = Gazetteer(
        e for path, data in zip(chosen, contents, strict=True) for e in parse_entries(path, data)
    )
    cache.write("gazetteer", digest, gazetteer._tables())
    return gazetteer


def _digest(contents: list[bytes]) -> str:
    """What the cached tables of these files depend on: the files, this module (its matcher and
    folding), the entry types, the Unicode tables and the Python version."""
    h = hashlib.sha256()
    try:
        h.update(Path(__file__).read_bytes())
        h.update(Path(names.__file__).read_bytes())  # the folding and the TSV reader
        h.update((LEXICON_DIR / "place_units.tsv").read_bytes())  # the units of _UNIT_FIRST
    except OSError:  # no source beside the bytecode: the cache holds one build per install
        h.update(repr(sorted(globals())).encode())
    parts = [repr(PARTIES), unicodedata.unidata_version, sys.version.split()[0]]
    for part in (*(p.encode() for p in parts), *contents):
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:32]
