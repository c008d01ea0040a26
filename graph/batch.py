"""Rows to write: documents folded into one row per node and per fact, and the merge rules.

A fact (relation) is kept apart from its mentions: one row per (type, source, target), with the
articles that state it in `sources` and, aligned with them, the evidence sentence and confidence.
The same merge rules fold documents together within a batch and fold a batch into the store, so
loading twice changes nothing and a second article only adds its id and sentence.

What each article supplied is kept too (the `provenance` column), so that forgetting an article
is an exact undo. A row is the fold of its sources' contributions, in the order of its sources:
the first name is canonical, every other name and alias an alias, and each property takes the
first value given. Its `provenance` holds the distinct contributions and, aligned with
`sources`, which one each source gave (JSON: {"rows": [...], "of": [...]}); it is null where
the row says it all (one source, or a fact with no property given). Retracting an article
drops its contribution and folds the others again: the row the remaining articles alone give.
A row written without provenance (before the column existed, or by an import that does not say
who supplied what) is taken as supplied whole by each of its sources: exact for one source,
and with several, forgetting one keeps what the row held.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .document import Document
from .ids import name_keys
from .model import (
    BOOKKEEPING_PROPERTIES,
    DERIVED_NODE_PROPERTIES,
    MODEL,
    NAME_KEYS,
    PROVENANCE,
    Property,
)

Row = dict[str, Any]
RelationKey = tuple[str, str, str]  # (type, source label, target label)
LIST_COLUMNS = frozenset({"aliases", "sources", "evidence", "confidences"})
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


def _empty(props: Iterable[Property]) -> Row:
    return {p.name: ([] if p.type.endswith("[]") else None) for p in props}


_NODE_TEMPLATES = {label: _empty(MODEL.node_columns(label)) for label in MODEL.labels}
_RELATION_TEMPLATES = {
    rel: {"source": None, "target": None, **_empty(MODEL.relation_columns(rel))}
    for rel in MODEL.relations
}


def empty_node_row(label: str) -> Row:
    """A row with every column of `label`: None, or a new empty list."""
    row = dict(_NODE_TEMPLATES[label])
    row.update((k, []) for k in LIST_COLUMNS if k in row)
    return row


def empty_relation_row(rel_type: str) -> Row:
    """A row with the ends and every column of `rel_type`: None, or a new empty list."""
    row = dict(_RELATION_TEMPLATES[rel_type])
    row.update((k, []) for k in LIST_COLUMNS if k in row)
    return row


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small rows.

    Rows hold no reference cycles, yet every few hundred new dicts and lists trigger a
    collection pass; pausing it makes folding a large batch about three times faster.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def with_keys(rows: list[Row]) -> list[Row]:
    """Rows as they are stored: with the folded keys of their names (model.NAME_KEYS)."""
    return [{**row, NAME_KEYS.name: name_keys(row.get("name"), row.get("aliases"))} for row in rows]


def normalise_row(row: Row) -> Row:
    """Lists read back as NULL become empty lists, so stored and new rows compare equal."""
    return {k: ([] if v is None and k in LIST_COLUMNS else v) for k, v in row.items()}


def _union(first: list[str], second: Iterable[str]) -> list[str]:
    out = list(first)
    out.extend(x for x in second if x not in out)
    return out


# -- what each article supplied -----------------------------------------------------------------
def supplied(row: Row, untracked: frozenset[str]) -> Row:
    """The contribution a row holds: its non-null values of the columns articles supply, keys
    sorted (so that equal contributions encode alike)."""
    items = [(k, v) for k, v in row.items() if v is not None and k not in untracked and v != []]
    items.sort()
    return dict(items)


def _fold_node(out: Row, contributions: Iterable[Row]) -> None:
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


def _combine(
    old: Contributions, new: Contributions, merge: Callable[[Row, Row], Row]
) -> Contributions | None:
    """`old` with the contributions of `new` added (an article already there has the two
    merged); None if that changes nothing."""
    out: Contributions | None = None
    for article, c in new.items():
        prev = old.get(article)
        if prev is None:
            merged = c
        elif prev == c or (merged := merge(prev, c)) == prev:
            continue
        if out is None:
            out = dict(old)
        out[article] = merged
    return out


def _merge_node_contribution(first: Row, second: Row) -> Row:
    """What an article supplied, given twice (the same entity twice, or loaded again)."""
    out: Row = dict.fromkeys((*first, *second))
    out.update(name=None, aliases=[])
    _fold_node(out, (first, second))
    return supplied(out, NODE_UNTRACKED)


def _merge_relation_contribution(first: Row, second: Row) -> Row:
    out = {**second, **first}
    return {k: out[k] for k in sorted(out)}


def derive_node(row: Row, contributions: Contributions) -> Row:
    """`row` as its contributions give it: the columns articles supply folded again from them,
    in order; `id` and the measures kept."""
    out = {k: (v if k in NODE_UNTRACKED else None) for k, v in row.items()}
    out["aliases"] = []
    rows, _ = _distinct(contributions)
    _fold_node(out, rows)
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


# -- merging --------------------------------------------------------------------------------------
def merge_node(old: Row | None, new: Row) -> Row:
    """Fold `new` into `old`: the first name stays canonical, other names become aliases,
    sources are united, and a property keeps its first known value. Neither is changed; the
    result may be `new` itself."""
    if old is None:
        return new
    return _merge_node(old, new, supplied(new, NODE_UNTRACKED))


def _merge_node(old: Row, new: Row, given: Row) -> Row:
    out = normalise_row(old)
    out["aliases"] = list(out["aliases"])
    _fold_node(out, (given,))
    out["sources"] = _union(out["sources"], new.get("sources") or [])
    return out


def merge_relation(old: Row | None, new: Row) -> Row:
    """Fold `new` into `old`: each source not yet present adds its sentence and confidence.
    Neither is changed; the result may be `new` itself."""
    if old is None:
        return new
    out = normalise_row(old)
    sources, evidence, confidences = (
        list(out["sources"]),
        list(out["evidence"]),
        list(out["confidences"]),
    )
    for source, sentence, confidence in zip(
        new["sources"], new["evidence"], new["confidences"], strict=True
    ):
        if source not in sources:
            sources.append(source)
            evidence.append(sentence)
            confidences.append(confidence)
    out.update(sources=sources, evidence=evidence, confidences=confidences)
    out["confidence"] = max(confidences) if confidences else None
    for key, value in new.items():
        if key not in LIST_COLUMNS and key != PROVENANCE_COLUMN and out.get(key) is None:
            out[key] = value
    return out


def merge_stored_node(old: Row, new: Row, contributions: Contributions | None) -> Row:
    """Fold a batch's row into the stored one (both normalised): `contributions` what each
    article of the batch supplied, None if the row itself says (one source, or not known)."""
    if contributions is None:
        contributions = read_contributions(new, NODE_UNTRACKED)
    combined = _combine(
        read_contributions(old, NODE_UNTRACKED), contributions, _merge_node_contribution
    )
    return old if combined is None else derive_node(old, combined)


def merge_stored_relation(old: Row, new: Row, contributions: Contributions | None) -> Row:
    """Fold a batch's fact into the stored one, as merge_stored_node does for nodes."""
    merged = merge_relation(old, new)
    if PROVENANCE_COLUMN not in old:  # a type with no properties of its own
        return merged
    if contributions is None:
        contributions = read_contributions(new, RELATION_UNTRACKED)
    combined = _combine(
        read_contributions(old, RELATION_UNTRACKED), contributions, _merge_relation_contribution
    )
    return merged if combined is None else derive_relation(merged, combined)


def with_provenance(row: Row, contributions: Contributions | None) -> Row:
    """A batch's new row as it is written: with what each article supplied, if several did."""
    if contributions is None:
        return row
    return {**row, PROVENANCE_COLUMN: encode_provenance(contributions)}


def retract_node(row: Row, article_id: str) -> Row | None:
    """The node as the articles but `article_id` give it; None if no other supports it."""
    row = normalise_row(row)
    contributions = read_contributions(row, NODE_UNTRACKED)
    contributions.pop(article_id, None)
    return derive_node(row, contributions) if contributions else None


def retract_source(row: Row, article_id: str) -> Row:
    """The row as it stands once `article_id` no longer supports it (sources may become empty)."""
    out = normalise_row(row)
    contributions = (
        read_contributions(out, RELATION_UNTRACKED) if PROVENANCE_COLUMN in out else None
    )
    keep = [i for i, s in enumerate(out["sources"]) if s != article_id]
    for key in ("sources", "evidence", "confidences"):
        if key in out:
            values = out[key]
            out[key] = [values[i] for i in keep if i < len(values)]
    if "confidence" in out:
        out["confidence"] = max(out["confidences"]) if out["confidences"] else None
    if contributions is not None and out["sources"]:
        contributions.pop(article_id, None)
        out = derive_relation(out, contributions)
    return out


def _contribute(
    known: dict[Any, Contributions],
    key: Any,
    old: Row,
    new: Row,
    untracked: frozenset[str],
    merge_contribution: Callable[[Row, Row], Row],
) -> tuple[Row, bool]:
    """Record, under `key` in `known`, what the one article of `new` supplied to a row that
    `old` already holds: that contribution, and whether the article had supplied to it before
    (then its two contributions are merged, and the row must be folded again from them)."""
    contributions = known.get(key)
    if contributions is None:  # `old` is the first row, as its one article gave it
        contributions = known[key] = {old["sources"][0]: supplied(old, untracked)}
    article = new["sources"][0]
    given = supplied(new, untracked)
    if article in contributions:
        contributions[article] = merge_contribution(contributions[article], given)
        return given, True
    contributions[article] = given
    return given, False


@dataclass
class Batch:
    """Nodes per label and facts per (type, source label, target label), merged.

    For the rows that more than one contribution made, what each article supplied
    (`node_contributions`, `relation_contributions`: same keys); a row without one has one
    source, which supplied the row, or (rows built by hand, or by an import) says no more.
    """

    nodes: dict[str, dict[str, Row]] = field(default_factory=dict)
    relations: dict[RelationKey, dict[tuple[str, str], Row]] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    node_contributions: dict[str, dict[str, Contributions]] = field(default_factory=dict)
    relation_contributions: dict[RelationKey, dict[tuple[str, str], Contributions]] = field(
        default_factory=dict
    )

    @classmethod
    def of(cls, documents: Iterable[Document]) -> Batch:
        batch = cls()
        with bulk_allocation():
            for document in documents:
                batch.add(document)
        return batch

    def add(self, document: Document) -> None:
        article = document.article
        self.documents.append(document)
        row = dict(_NODE_TEMPLATES["Article"])
        row.update(
            aliases=[],
            id=article.id,
            name=article.title or article.id,
            sources=[article.id],
            url=article.url,
            title=article.title,
            date=article.date,
            lang=article.lang,
            source=article.source,
        )
        self._add_node("Article", row)
        labels = {}
        for entity in document.entities:
            labels[entity.id] = entity.type
            row = dict(_NODE_TEMPLATES[entity.type])
            row.update(entity.properties)
            row.update(
                id=entity.id, name=entity.name, aliases=list(entity.aliases), sources=[article.id]
            )
            self._add_node(entity.type, row)
            self._add_relation(
                "MENTIONS", "Article", entity.type, article.id, entity.id, article.id, "", 1.0, {}
            )
        for rel in document.relations:
            self._add_relation(
                rel.type,
                labels[rel.source],
                labels[rel.target],
                rel.source,
                rel.target,
                article.id,
                rel.evidence,
                rel.confidence,
                rel.properties,
            )

    def _add_node(self, label: str, row: Row) -> None:
        rows = self.nodes.setdefault(label, {})
        node_id = row["id"]
        old = rows.get(node_id)
        if old is None:
            rows[node_id] = row
            return
        known = self.node_contributions.setdefault(label, {})
        given, again = _contribute(
            known, node_id, old, row, NODE_UNTRACKED, _merge_node_contribution
        )
        if again:
            rows[node_id] = derive_node(old, known[node_id])
            rows[node_id][PROVENANCE_COLUMN] = None  # encoded when written
        else:
            rows[node_id] = _merge_node(old, row, given)

    def _add_relation(
        self,
        rel_type: str,
        source_label: str,
        target_label: str,
        source: str,
        target: str,
        article_id: str,
        evidence: str,
        confidence: float,
        properties: dict[str, str],
    ) -> None:
        # Every list column of a relation is set here, so the template's lists are never shared.
        row = dict(_RELATION_TEMPLATES[rel_type])
        row.update(properties)
        row.update(
            source=source,
            target=target,
            sources=[article_id],
            evidence=[evidence],
            confidences=[confidence],
            confidence=confidence,
        )
        key = (rel_type, source_label, target_label)
        rows = self.relations.setdefault(key, {})
        pair = (source, target)
        old = rows.get(pair)
        if old is None:
            rows[pair] = row
            return
        merged = merge_relation(old, row)
        if PROVENANCE_COLUMN in row:  # a type with properties of its own
            known = self.relation_contributions.setdefault(key, {})
            _, again = _contribute(
                known, pair, old, row, RELATION_UNTRACKED, _merge_relation_contribution
            )
            if again:
                merged = derive_relation(merged, known[pair])
                merged[PROVENANCE_COLUMN] = None  # encoded when written
        rows[pair] = merged

    @property
    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    @property
    def relation_count(self) -> int:
        return sum(len(rows) for rows in self.relations.values())
