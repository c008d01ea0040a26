"""Writing into a store, once for every engine (`GraphStore.write`, `set_node_properties`): a
batch merged with the stored rows, new rows inserted and changed ones overwritten through the
engine's four bulk primitives, in parts of CHUNK rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from . import cypher
from .batch import Batch
from .errors import StoreError
from .merge import merge_stored_node, merge_stored_relation, with_provenance
from .model import BOOKKEEPING_PROPERTIES, MODEL
from .provenance import Contributions
from .stored_rows import RelationKey, Row, normalise_row

if TYPE_CHECKING:
    from .store import GraphStore, Transaction

K = TypeVar("K", str, tuple[str, str])
CHUNK = 5000


@dataclass
class WriteResult:
    nodes_created: int = 0
    nodes_updated: int = 0
    relations_created: int = 0
    relations_updated: int = 0

    def __iadd__(self, other: WriteResult) -> WriteResult:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def changed(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def chunks(rows: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def write_batch(store: GraphStore, tx: Transaction, batch: Batch) -> WriteResult:
    """Merge `batch` into the store within `tx` (GraphStore._write)."""
    result = WriteResult()
    for label, rows in batch.nodes.items():
        new, changed = _diff(
            tx,
            cypher.fetch_nodes(label),
            rows,
            lambda r: r["id"],
            merge_stored_node,
            batch.node_contributions.get(label, {}),
        )
        for part in chunks(new):
            store._insert_nodes(tx, label, part)
        for part in chunks(changed):
            store._update_nodes(tx, label, part)
        result.nodes_created += len(new)
        result.nodes_updated += len(changed)
    for key, rel_rows in batch.relations.items():
        _check_endpoints(tx, batch, key, rel_rows)
        new, changed = _diff(
            tx,
            _relations_query(store, key, len({source for source, _ in rel_rows})),
            rel_rows,
            lambda r: (r["source"], r["target"]),
            merge_stored_relation,
            batch.relation_contributions.get(key, {}),
            ids=sorted({source for source, _ in rel_rows}),
        )
        for part in chunks(new):
            store._insert_relations(tx, key, part)
        for part in chunks(changed):
            store._update_relations(tx, key, part)
        result.relations_created += len(new)
        result.relations_updated += len(changed)
    return result


def _relations_query(store: GraphStore, key: RelationKey, sources: int) -> str:
    if sources <= store.POINT_LOOKUPS:
        return cypher.fetch_relations_of(*key)
    return cypher.fetch_relations(*key)


def _check_endpoints(
    tx: Transaction, batch: Batch, key: RelationKey, rows: dict[tuple[str, str], Row]
) -> None:
    """Every fact needs both its nodes, in the batch or already in the store."""
    rel_type, source_label, target_label = key
    for label, ids in (
        (source_label, {s for s, _ in rows}),
        (target_label, {t for _, t in rows}),
    ):
        missing = sorted(ids - batch.nodes.get(label, {}).keys())
        for part in chunks(missing):
            found = {r["id"] for r in tx.run(cypher.fetch_nodes(label), {"ids": part})}
            absent = [i for i in part if i not in found]
            if absent:
                raise StoreError(
                    f"{rel_type} refers to {label} {absent[0]!r}, which is neither in the "
                    "batch nor in the store"
                )


def _diff(
    tx: Transaction,
    query: str,
    rows: dict[K, Row],
    key_of: Callable[[Row], K],
    merge: Callable[[Row, Row, Contributions | None], Row],
    given: Mapping[K, Contributions],
    ids: list[str] | None = None,
) -> tuple[list[Row], list[Row]]:
    """Split rows into new ones and stored ones that the merge changes; `given` is what
    each article supplied, for the rows that several did."""
    ids = ids if ids is not None else [str(key) for key in rows]
    stored: dict[K, Row] = {}
    for part in chunks(ids) if "$ids" in query else ([i] for i in ids):
        for row in tx.run(query, {"ids": part} if "$ids" in query else {"id": part[0]}):
            key = key_of(row)
            if key in rows:
                stored[key] = normalise_row(row)
    new, changed = [], []
    for key, row in rows.items():
        old = stored.get(key)
        if old is None:
            new.append(with_provenance(row, given.get(key)))
        else:
            merged = merge(old, row, given.get(key))
            if merged != old:
                changed.append(merged)
    return new, changed


def set_node_properties(
    store: GraphStore, label: str, columns: Sequence[str], values: Mapping[str, Mapping[str, Any]]
) -> int:
    """GraphStore.set_node_properties: the changed nodes found a page at a time, then written."""
    known = {p.name for p in MODEL.node_columns(label)} - {"id", "name", "sources"}
    known -= BOOKKEEPING_PROPERTIES
    for column in columns:
        if column not in known:
            raise StoreError(f"{label} nodes have no settable property {column!r}")

    def work(tx: Transaction) -> int:
        matched, changed, after = 0, [], ""
        while True:
            rows = tx.run(cypher.page_nodes(label), {"after": after, "limit": CHUNK})
            for row in rows:
                given = values.get(row["id"])
                matched += given is not None
                new = {c: given.get(c) if given is not None else None for c in columns}
                if any(row.get(c) != v for c, v in new.items()):
                    changed.append({**normalise_row(row), **new})
            if len(rows) < CHUNK:
                break
            after = rows[-1]["id"]
        for part in chunks(changed):
            store._update_nodes(tx, label, part)
        return matched

    return store.in_transaction(work)
