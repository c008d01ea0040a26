"""Names: the folding under which two spellings of a name are one, and the shipped gazetteer's
entries, read from its TSV files (no matcher).

Both the loaders (the gazetteer's matcher, loaders/gazetteer.py) and the readers of the graph
(queries/resolve.py, ontology/dcat_coverage.py) use them, so they live here, below all three:
graph/ imports nothing of loaders/. The TSV files stay in the loaders' package data
(`loaders/gazetteer/`, installed as `ucn/loaders/gazetteer/`); this module reads them by path.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .model import PARTIES

# The shipped gazetteer: `loaders/gazetteer/*.tsv`, beside this package in the source tree and
# in the installed package alike.
GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "loaders" / "gazetteer"
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


def read_entries(path: Path) -> list[GazetteerEntry]:
    """The rows of one gazetteer TSV file."""
    return parse_entries(path, path.read_bytes())


def parse_entries(path: Path, data: bytes) -> list[GazetteerEntry]:
    reader = csv.DictReader(
        io.StringIO(data.decode("utf-8"), newline=""), delimiter="\t", quoting=csv.QUOTE_NONE
    )
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
