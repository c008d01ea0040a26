"""The load benchmark's anchor: LadybugDB's own COPY FROM of the rows a load writes, from Arrow
tables built beforehand."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

import ucn.graph.ladybug_store as ladybug_store
import ucn.graph.ladybug_write as ladybug_write
from ucn.graph import MODEL, Batch
from ucn.loaders import batched

from loading import database_bytes, parse_all

NodeTables = dict[str, pa.Table]
RelationTables = dict[tuple[str, str, str], pa.Table]


def arrow_tables(batch: Batch) -> tuple[NodeTables, RelationTables]:
    """The batch's rows as Arrow tables, columns in the order the embedded store copies them."""
    node_tables = {}
    for label, rows in batch.nodes.items():
        values = list(rows.values())
        node_tables[label] = pa.table(
            {
                p.name: pa.array([r.get(p.name) for r in values], ladybug_write.ARROW_TYPES[p.type])
                for p in MODEL.node_columns(label)
            }
        )
    relation_tables = {}
    for key, rel_rows in batch.relations.items():
        values = list(rel_rows.values())
        columns = {
            "from": pa.array([r["source"] for r in values], pa.string()),
            "to": pa.array([r["target"] for r in values], pa.string()),
        }
        for p in MODEL.relation_columns(key[0]):
            columns[p.name] = pa.array(
                [r.get(p.name) for r in values], ladybug_write.ARROW_TYPES[p.type]
            )
        relation_tables[key] = pa.table(columns)
    return node_tables, relation_tables


# Both skip empty tables: a later transaction of copy_from_in_transactions may have no new rows.
def copy_nodes(conn: Any, tables: NodeTables) -> None:
    for label, table in tables.items():
        names = ", ".join(p.name for p in MODEL.node_columns(label))
        if table.num_rows:
            conn.execute(f"COPY {label}({names}) FROM $t", {"t": table})


def copy_relations(conn: Any, tables: RelationTables) -> None:
    for (rel_type, source, target), table in tables.items():
        names = ", ".join(p.name for p in MODEL.relation_columns(rel_type))
        if table.num_rows:
            conn.execute(
                f"COPY {rel_type}({names}) FROM $t (from='{source}', to='{target}')", {"t": table}
            )


@dataclass
class CopyRun:
    batch_seconds: float
    arrow_seconds: float
    nodes_seconds: float
    relations_seconds: float
    stats: dict[str, dict[str, int]]
    database_bytes: int


def copy_from(path: Path, documents: list[dict[str, Any]]) -> CopyRun:
    """COPY FROM the rows Batch.of(all documents) yields into a fresh database, timed."""
    start = time.perf_counter()
    batch = Batch.of(parse_all(documents))
    batched = time.perf_counter()
    node_tables, relation_tables = arrow_tables(batch)
    built = time.perf_counter()
    store = ladybug_store.LadybugStore(path)  # creates the schema
    try:
        conn = store._conn
        t0 = time.perf_counter()
        copy_nodes(conn, node_tables)
        t1 = time.perf_counter()
        copy_relations(conn, relation_tables)
        t2 = time.perf_counter()
        stats = store.stats()
    finally:
        store.close()
    return CopyRun(batched - start, built - batched, t1 - t0, t2 - t1, stats, database_bytes(path))


def copy_from_in_transactions(
    path: Path, documents: list[dict[str, Any]], batch_rows: int
) -> tuple[float, int]:
    """COPY FROM in the transactions a load of `batch_rows` uses, each copying only the rows
    earlier ones did not hold (COPY cannot upsert): the engine's limit for a load that commits
    more than once, since each commit after the first checkpoints tables that already hold data.
    Returns the seconds of the COPY statements and commits, and the number of transactions."""
    parsed = parse_all(documents)
    seen: set[tuple[str, ...]] = set()
    store = ladybug_store.LadybugStore(path)
    seconds, transactions = 0.0, 0
    try:
        conn = store._conn
        for group in batched(parsed, batch_rows):
            batch = Batch.of(group)
            for label, rows in batch.nodes.items():
                batch.nodes[label] = {k: v for k, v in rows.items() if (k,) not in seen}
                seen.update((k,) for k in batch.nodes[label])
            for key, rel_rows in batch.relations.items():
                batch.relations[key] = {
                    k: v for k, v in rel_rows.items() if (key[0], *k) not in seen
                }
                seen.update((key[0], *k) for k in batch.relations[key])
            node_tables, relation_tables = arrow_tables(batch)
            start = time.perf_counter()
            conn.execute("BEGIN TRANSACTION")
            copy_nodes(conn, node_tables)
            copy_relations(conn, relation_tables)
            conn.execute("COMMIT")
            seconds += time.perf_counter() - start
            transactions += 1
    finally:
        store.close()
    return seconds, transactions
