"""Query results as an aligned table, CSV or JSON.

In the table and in CSV, a list of plain values (names, ids, sentences, numbers) is one cell of
its items joined by `; `, as a spreadsheet user would type it; nested values (nodes, paths,
lists of lists) are JSON. JSON output, and Parquet (`ucn query --format parquet`), keep lists
as lists: use them when the items must come back exactly (an item may itself hold `; `).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "csv", "json")
LIST_SEPARATOR = "; "
_PLAIN = str | int | float | bool


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(v is None or isinstance(v, _PLAIN) for v in value):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: combining marks take none, wide CJK letters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] = ()) -> str:
    """Render rows; `columns` fixes the header when there are no rows."""
    columns = list(rows[0]) if rows else list(columns)
    if fmt == "json":
        return to_json(list(rows)) + "\n"
    cells = [[_cell(row.get(c)).replace("\n", " ") for c in columns] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(row.get(c)) for c in columns] for row in rows])
        return out.getvalue()
    if not columns:
        return "(no rows)\n"
    widths = [
        max([display_width(c)] + [display_width(r[i]) for r in cells])
        for i, c in enumerate(columns)
    ]
    lines = [
        " | ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "-+-".join("-" * w for w in widths),
    ]
    lines += [
        " | ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells
    ]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
