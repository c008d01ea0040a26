"""Rows written into LadybugDB, by one of two paths that LadybugStore picks per table:
parameterised statements on the primary key, for a few rows; or, for many, COPY FROM an Arrow
table, changed rows staged in a scratch table and applied with one join (LadybugDB does not use
the primary-key index for lookups driven by UNWIND over relations)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from .ladybug_schema import COLUMN_TYPES, NODE_STAGE, RELATION_STAGE
from .model import MODEL, Property
from .stored_rows import RelationKey, Row, with_keys

if TYPE_CHECKING:
    from .store import Transaction

ARROW_TYPES = {
    "string": pa.string(),
    "string[]": pa.list_(pa.string()),
    "float": pa.float64(),
    "float[]": pa.list_(pa.float64()),
    "int": pa.int64(),
}


def _cast(p: Property) -> str:
    """`row.<name>` as the column's type: a parameter's type is read from its values, and a
    column that is null or empty in every row has none."""
    return f"CAST(row.{p.name} AS {COLUMN_TYPES[p.type]})"


def _relation_params(rows: list[Row], props: tuple[Property, ...]) -> list[Row]:
    return [
        {"source": r["source"], "target": r["target"], **{p.name: r.get(p.name) for p in props}}
        for r in rows
    ]


def _arrow(rows: list[Row], props: tuple[Property, ...], prefix: dict[str, str]) -> pa.Table:
    arrays = {name: pa.array([r[key] for r in rows], pa.string()) for name, key in prefix.items()}
    for p in props:
        arrays[p.name] = pa.array([r.get(p.name) for r in rows], ARROW_TYPES[p.type])
    return pa.table(arrays)


def insert_nodes(tx: Transaction, label: str, rows: list[Row], by_statements: bool) -> None:
    rows = with_keys(rows)
    props = MODEL.node_columns(label)
    if by_statements:
        fields = ", ".join(f"{p.name}: {_cast(p)}" for p in props)
        tx.run(f"UNWIND $rows AS row CREATE (n:{label} {{{fields}}})", {"rows": rows})
        return
    names = ", ".join(p.name for p in props)
    tx.run(f"COPY {label}({names}) FROM $rows", {"rows": _arrow(rows, props, {})})


def update_nodes(tx: Transaction, label: str, rows: list[Row], by_statements: bool) -> None:
    rows = with_keys(rows)
    props = MODEL.node_columns(label)
    if by_statements:
        sets = ", ".join(f"n.{p.name} = {_cast(p)}" for p in props if p.name != "id")
        tx.run(
            f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET {sets}",
            {"rows": [{p.name: r.get(p.name) for p in props} for r in rows]},
        )
        return
    _apply_staged(
        tx,
        NODE_STAGE,
        _arrow(rows, props, {}),
        [p.name for p in props],
        f"(n:{label}) WHERE n.id = s.id",
        [f"n.{p.name} = s.{p.name}" for p in props if p.name != "id"],
    )


def insert_relations(
    tx: Transaction, key: RelationKey, rows: list[Row], by_statements: bool
) -> None:
    rel_type, source, target = key
    props = MODEL.relation_columns(rel_type)
    if by_statements:
        # Two MATCH clauses: each end is a primary-key lookup (one pattern would scan).
        fields = ", ".join(f"{p.name}: {_cast(p)}" for p in props)
        tx.run(
            f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) "
            f"MATCH (b:{target} {{id: row.target}}) "
            f"CREATE (a)-[r:{rel_type} {{{fields}}}]->(b)",
            {"rows": _relation_params(rows, props)},
        )
        return
    names = ", ".join(p.name for p in props)
    table = _arrow(rows, props, {"from": "source", "to": "target"})
    tx.run(f"COPY {rel_type}({names}) FROM $rows (from='{source}', to='{target}')", {"rows": table})


def update_relations(
    tx: Transaction, key: RelationKey, rows: list[Row], by_statements: bool
) -> None:
    rel_type, source, target = key
    props = MODEL.relation_columns(rel_type)
    if by_statements:
        sets = ", ".join(f"r.{p.name} = {_cast(p)}" for p in props)
        tx.run(
            f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) "
            f"MATCH (a)-[r:{rel_type}]->(b:{target}) WHERE b.id = row.target SET {sets}",
            {"rows": _relation_params(rows, props)},
        )
        return
    table = _arrow(rows, props, {"source": "source", "target": "target"})
    _apply_staged(
        tx,
        RELATION_STAGE,
        table,
        ["source", "target", *(p.name for p in props)],
        f"(a:{source})-[r:{rel_type}]->(b:{target}) WHERE a.id = s.source AND b.id = s.target",
        [f"r.{p.name} = s.{p.name}" for p in props],
    )


def _apply_staged(
    tx: Transaction,
    stage: str,
    rows: pa.Table,
    columns: list[str],
    match: str,
    sets: list[str],
) -> None:
    """Overwrite stored rows in one join: COPY the new values into the table's scratch
    twin, SET from it, empty it. (Matching row by row from UNWIND scans instead.)"""
    tx.run(f"COPY {stage}({', '.join(columns)}) FROM $rows", {"rows": rows})
    tx.run(f"MATCH (s:{stage}), {match} SET {', '.join(sets)}")
    tx.run(f"MATCH (s:{stage}) DELETE s")
