"""Lexicons as data: the word lists and frames of the extractor, read from TSV files in
`lexicons/` that a domain expert can edit without reading Python.

Each file has a header row; lines starting with `#` and blank lines are comments. Cells are
stripped; an empty cell is the empty string. Files are read once per process.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from ..graph.errors import UcnError

LEXICON_DIR = Path(__file__).parent / "lexicons"


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of `lexicons/<name>.tsv` as dicts keyed by the header's column names."""
    path = LEXICON_DIR / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [cell.strip() for cell in next(reader)]
    rows = []
    for number, cells in enumerate(reader, start=2):
        if len(cells) > len(header):
            raise UcnError(f"{path}: row {number} has {len(cells)} cells, the header {len(header)}")
        cells = [cell.strip() for cell in cells] + [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=True)))
    return tuple(rows)


def words(name: str, column: str = "word", **where: str) -> tuple[str, ...]:
    """One column of a lexicon, in file order, for the rows whose cells equal `where`."""
    return tuple(
        row[column]
        for row in read_table(name)
        if all(row.get(key) == value for key, value in where.items())
    )
