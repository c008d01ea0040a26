"""What each article supplied to a row (the `provenance` column), so that forgetting an article
is an exact undo.

A row is the fold of its sources' contributions, in the order of its sources: the first name is
canonical, every other name and alias an alias, and each property takes the first value given.
Its `provenance` holds the distinct contributions and, aligned with `sources`, which one each
source gave (JSON: {"rows": [...], "of": [...]}); it is null where the row says it all (one
source, or a fact with no property given). Retracting an article drops its contribution and
folds the others again: the row the remaining articles alone give. A row written without
provenance (before the column existed, or by an import that does not say who supplied what) is
taken as supplied whole by each of its sources: exact for one source, and with several,
forgetting one keeps what the row held.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .model import BOOKKEEPING_PROPERTIES, DERIVED_NODE_PROPERTIES, PROVENANCE
from .stored_rows import Row

# Per article, in the order of a row's sources: what each supplied (its contribution: the names,
# aliases and properties it gave, nulls left out, keys in sorted order).
Contributions = dict[str, Row]
PROVENANCE_COLUMN = PROVENANCE.name
# Columns that are not supplied by articles: kept, or computed, rather than folded.
NODE_UNTRACKED = frozenset({"id", "sources"}) | DERIVED_NODE_PROPERTIES | BOOKKEEPING_PROPERTIES
RELATION_UNTRACKED = (
    frozenset({"source", "target", "sources", "evidence", "confidences", "confidence"})
    | BOOKKEEPING_PROPERTIES
)


def supplied(row: Row, untracked: frozenset[str]) -> Row:
    """The contribution a row holds: its non-null values of the columns articles supply, keys
    sorted (so that equal contributions encode alike)."""
    items = [(k, v) for k, v in row.items() if v is not None and k not in untracked and v != []]
    items.sort()
    return dict(items)


def fold_node(out: Row, contributions: Iterable[Row]) -> None:
    """Apply contributions to `out` in order: the first name is canonical, every other name and
    alias an alias, each property keeps its first value."""
    aliases: list[str] = out["aliases"]
    seen = set(aliases)
    for c in contributions:
        name = c.get("name")
        if out.get("name") is None:
            out["name"] = name
        names = [name, *c.get("aliases", ())] if name else c.get("aliases", ())
        for alias in names:
            if alias not in seen and alias != out["name"]:
                seen.add(alias)
                aliases.append(alias)
        for key, value in c.items():
            if key != "name" and key != "aliases" and key in out and out[key] is None:
                out[key] = value


def _fold_relation(out: Row, contributions: Iterable[Row]) -> None:
    """Apply contributions to `out` in order: each property keeps its first value."""
    for c in contributions:
        for key, value in c.items():
            if key in out and out[key] is None:
                out[key] = value


def _key(c: Row) -> tuple[tuple[str, Any], ...]:
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in c.items())


def _distinct(contributions: Contributions) -> tuple[list[Row], list[int]]:
    """The distinct contributions in order of first appearance, and for each source the index
    of its own."""
    rows: list[Row] = []
    of: list[int] = []
    by_key: dict[tuple[tuple[str, Any], ...], int] = {}
    by_object: dict[int, int] = {}  # contributions read back from one JSON row are one object
    for c in contributions.values():
        i = by_object.get(id(c))
        if i is None:
            key = _key(c)
            i = by_key.get(key)
            if i is None:
                i = by_key[key] = len(rows)
                rows.append(c)
            by_object[id(c)] = i
        of.append(i)
    return rows, of


def encode_provenance(contributions: Contributions) -> str | None:
    """The `provenance` column: null where the row says it all (one source, or nothing given)."""
    if len(contributions) <= 1 or not any(contributions.values()):
        return None
    rows, of = _distinct(contributions)
    return json.dumps({"rows": rows, "of": of}, ensure_ascii=False, separators=(",", ":"))


def read_contributions(row: Row, untracked: frozenset[str]) -> Contributions:
    """What each source of a stored row supplied, in the order of its sources."""
    sources = row.get("sources") or []
    raw = row.get(PROVENANCE_COLUMN)
    if raw:
        try:
            data = json.loads(raw)
            rows, of = data["rows"], data["of"]
            if len(of) == len(sources):
                return {source: rows[i] for source, i in zip(sources, of, strict=True)}
        except (ValueError, TypeError, KeyError, IndexError):
            pass  # unreadable: as if the row had none
    own = supplied(row, untracked)
    return {source: own for source in sources}


def merge_node_contribution(first: Row, second: Row) -> Row:
    """What an article supplied, given twice (the same entity twice, or loaded again)."""
    out: Row = dict.fromkeys((*first, *second))
    out.update(name=None, aliases=[])
    fold_node(out, (first, second))
    return supplied(out, NODE_UNTRACKED)


def merge_relation_contribution(first: Row, second: Row) -> Row:
    out = {**second, **first}
    return {k: out[k] for k in sorted(out)}


def derive_node(row: Row, contributions: Contributions) -> Row:
    """`row` as its contributions give it: the columns articles supply folded again from them,
    in order; `id` and the measures kept."""
    out = {k: (v if k in NODE_UNTRACKED else None) for k, v in row.items()}
    out["aliases"] = []
    rows, _ = _distinct(contributions)
    fold_node(out, rows)
    out["sources"] = list(contributions)
    out[PROVENANCE_COLUMN] = encode_provenance(contributions)
    return out


def derive_relation(row: Row, contributions: Contributions) -> Row:
    """`row` with its properties folded again from `contributions` (aligned with its sources;
    the sentences and confidences are already)."""
    out = {k: (v if k in RELATION_UNTRACKED else None) for k, v in row.items()}
    rows, _ = _distinct(contributions)
    _fold_relation(out, rows)
    out[PROVENANCE_COLUMN] = encode_provenance(contributions)
    return out
