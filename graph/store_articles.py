"""Articles as the store holds them, once for every engine: an article forgotten (retracted
from every row that cites it), its document read back from what it contributed, the articles
that support a node, and articles loaded again changed with every row's sources kept in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import cypher
from .batch import Batch
from .document import Article, Document, Entity, Relation
from .ids import label_of
from .merge import retract_node, retract_source
from .model import MODEL, PROVENANCE
from .provenance import (
    NODE_UNTRACKED,
    RELATION_UNTRACKED,
    derive_node,
    derive_relation,
    read_contributions,
)
from .store_write import WriteResult, chunks
from .stored_rows import RelationKey, Row, bulk_allocation, normalise_row

if TYPE_CHECKING:
    from .store import GraphStore, Transaction


@dataclass
class ForgetResult:
    article_id: str
    nodes_deleted: int = 0
    nodes_updated: int = 0
    relations_deleted: int = 0
    relations_updated: int = 0
    found: bool = field(default=False)


def forget(store: GraphStore, tx: Transaction, article_id: str) -> ForgetResult:
    """GraphStore.forget within `tx`: the article's id taken out of every row that cites it."""
    result = ForgetResult(article_id)
    for rel_type in MODEL.relations:
        rows = tx.run(cypher.relations_citing(rel_type), {"article": article_id})
        keep: dict[RelationKey, list[Row]] = {}
        for row in rows:
            retracted = retract_source(row, article_id)
            if retracted["sources"]:
                key = (rel_type, label_of(row["source"]), label_of(row["target"]))
                if rel_type == "MENTIONS":
                    key = (rel_type, "Article", label_of(row["target"]))
                keep.setdefault(key, []).append(retracted)
        deleted = len(rows) - sum(len(v) for v in keep.values())
        if deleted:
            tx.run(cypher.delete_relations_only_cited_by(rel_type), {"article": article_id})
        for key, kept in keep.items():
            for part in chunks(kept):
                store._update_relations(tx, key, part)
        result.relations_deleted += deleted
        result.relations_updated += len(rows) - deleted
    for label in MODEL.labels:
        rows = tx.run(cypher.nodes_citing(label), {"article": article_id})
        kept = [r for r in (retract_node(row, article_id) for row in rows) if r is not None]
        if len(kept) < len(rows):
            tx.run(cypher.delete_nodes_only_cited_by(label), {"article": article_id})
        for part in chunks(kept):
            store._update_nodes(tx, label, part)
        result.nodes_deleted += len(rows) - len(kept)
        result.nodes_updated += len(kept)
    result.found = bool(result.nodes_deleted or result.nodes_updated)
    return result


def stored_document(
    tx: Transaction, article_id: str, orders: dict[Any, list[str]] | None = None
) -> Document | None:
    """The article's document; `orders`, when given, gets the sources of every node and
    fact the article supports, in their stored order."""
    article: Article | None = None
    entities: list[Entity] = []
    orders = {} if orders is None else orders
    for label in MODEL.labels:
        for row in tx.run(cypher.nodes_citing(label), {"article": article_id}):
            row = normalise_row(row)
            orders[(label, row["id"])] = list(row["sources"])
            if label == "Article":
                if row["id"] == article_id:
                    article = Article(
                        article_id,
                        **{k: row.get(k) for k in ("title", "date", "lang", "source", "url")},
                    )
                continue
            given = read_contributions(row, NODE_UNTRACKED).get(article_id) or {}
            properties = {
                k: v for k, v in given.items() if k not in ("name", "aliases", "provenance")
            }
            entities.append(
                Entity(
                    row["id"],
                    label,
                    given.get("name") or row["name"],
                    tuple(given.get("aliases") or ()),
                    properties,
                )
            )
    if article is None:
        return None
    relations: list[Relation] = []
    for rel_type in MODEL.relations:
        if rel_type == "MENTIONS":
            continue  # made again from the entities
        for row in tx.run(cypher.relations_citing(rel_type), {"article": article_id}):
            row = normalise_row(row)
            orders[(rel_type, row["source"], row["target"])] = list(row["sources"])
            i = row["sources"].index(article_id)
            given = read_contributions(row, RELATION_UNTRACKED).get(article_id) or {}
            relations.append(
                Relation(
                    rel_type,
                    row["source"],
                    row["target"],
                    row["evidence"][i] if i < len(row["evidence"]) else "",
                    row["confidences"][i] if i < len(row["confidences"]) else 1.0,
                    {k: v for k, v in given.items() if k != "provenance"},
                )
            )
    return Document(article, tuple(entities), tuple(relations), origin=article_id)


def sources_of(store: GraphStore, node_ids: Iterable[str]) -> dict[str, list[str]]:
    """The articles that support each of `node_ids` the store holds."""
    by_label: dict[str, list[str]] = {}
    for node_id in node_ids:
        by_label.setdefault(label_of(node_id), []).append(node_id)
    found: dict[str, list[str]] = {}
    for label, ids in by_label.items():
        for part in chunks(sorted(set(ids))):
            for row in store.run(cypher.fetch_nodes(label), {"ids": part}):
                found[row["id"]] = list(row.get("sources") or [])
    return found


def rewrite(
    store: GraphStore, article_ids: Iterable[str], change: Callable[[Document], Document]
) -> tuple[int, WriteResult]:
    """GraphStore.rewrite: the documents read and changed in one transaction, then forgotten,
    written again and their rows' sources put back in order in another."""
    orders: dict[Any, list[str]] = {}

    def read(tx: Transaction) -> list[Document]:
        ids = dict.fromkeys(article_ids)
        return [d for a in ids if (d := stored_document(tx, a, orders))]

    pairs = [(d, change(d)) for d in store.in_transaction(read)]
    documents = [old for old, new in pairs if new != old]
    if not documents:
        return 0, WriteResult()
    with bulk_allocation():
        batch = Batch.of(new for old, new in pairs if new != old)

        def work(tx: Transaction) -> WriteResult:
            for document in documents:
                forget(store, tx, document.article.id)
            result = store._write(tx, batch)
            _keep_order(store, tx, orders)
            return result

        return len(documents), store.in_transaction(work)


def _keep_order(store: GraphStore, tx: Transaction, orders: dict[Any, list[str]]) -> None:
    """Put the sources of the rows `orders` names back in that order (new ones after)."""

    def ordered(current: list[str], before: list[str]) -> list[int]:
        rank = {s: i for i, s in enumerate(before)}
        return sorted(
            range(len(current)),
            key=lambda i: (0, rank[current[i]]) if current[i] in rank else (1, i),
        )

    nodes: dict[str, list[str]] = {}
    facts: dict[RelationKey, set[str]] = {}
    for key in orders:
        if len(key) == 2:
            nodes.setdefault(key[0], []).append(key[1])
        elif key[0] != "MENTIONS":
            facts.setdefault((key[0], label_of(key[1]), label_of(key[2])), set()).add(key[1])
    for label, ids in nodes.items():
        changed = []
        for part in chunks(sorted(ids)):
            for row in tx.run(cypher.fetch_nodes(label), {"ids": part}):
                row = normalise_row(row)
                perm = ordered(row["sources"], orders[(label, row["id"])])
                if perm != sorted(perm):
                    given = read_contributions(row, NODE_UNTRACKED)
                    in_order = [row["sources"][i] for i in perm]
                    changed.append(derive_node(row, {s: given[s] for s in in_order}))
        for part in chunks(changed):
            store._update_nodes(tx, label, part)
    for key, sources in facts.items():
        changed = []
        for part in chunks(sorted(sources)):
            for row in tx.run(cypher.fetch_relations(*key), {"ids": part}):
                before = orders.get((key[0], row["source"], row["target"]))
                if before is None:
                    continue
                row = normalise_row(row)
                perm = ordered(row["sources"], before)
                if perm != sorted(perm):
                    given = read_contributions(row, RELATION_UNTRACKED)
                    for column in ("sources", "evidence", "confidences"):
                        row[column] = [row[column][i] for i in perm]
                    if PROVENANCE.name in row:
                        row = derive_relation(row, {s: given[s] for s in row["sources"]})
                    changed.append(row)
        for part in chunks(changed):
            store._update_relations(tx, key, part)
