"""A batch: documents folded into one row per node and per fact by the merge rules (merge.py),
with what each article supplied where several did (provenance.py), ready for a store to write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .document import Document
from .merge import merge_node_given, merge_relation
from .provenance import (
    NODE_UNTRACKED,
    PROVENANCE_COLUMN,
    RELATION_UNTRACKED,
    Contributions,
    derive_node,
    derive_relation,
    merge_node_contribution,
    merge_relation_contribution,
    supplied,
)
from .stored_rows import NODE_TEMPLATES, RELATION_TEMPLATES, RelationKey, Row, bulk_allocation

# (`X as X`: still importable from here, where they were before they moved out)
from .stored_rows import empty_node_row as empty_node_row
from .stored_rows import empty_relation_row as empty_relation_row


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
        row = dict(NODE_TEMPLATES["Article"])
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
            row = dict(NODE_TEMPLATES[entity.type])
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
            known, node_id, old, row, NODE_UNTRACKED, merge_node_contribution
        )
        if again:
            rows[node_id] = derive_node(old, known[node_id])
            rows[node_id][PROVENANCE_COLUMN] = None  # encoded when written
        else:
            rows[node_id] = merge_node_given(old, row, given)

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
        row = dict(RELATION_TEMPLATES[rel_type])
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
                known, pair, old, row, RELATION_UNTRACKED, merge_relation_contribution
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
