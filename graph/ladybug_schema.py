"""LadybugDB's tables: a node table per label and a relation table per type of the model, and
the two scratch tables of staged updates; created on first use, missing columns added."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import MODEL, Property

if TYPE_CHECKING:
    from .store import Transaction

COLUMN_TYPES = {
    "string": "STRING",
    "string[]": "STRING[]",
    "float": "DOUBLE",
    "float[]": "DOUBLE[]",
    "int": "INT64",
}


def _union_of_columns(groups: list[tuple[Property, ...]]) -> tuple[Property, ...]:
    columns: dict[str, Property] = {}
    for props in groups:
        for p in props:
            if columns.setdefault(p.name, p).type != p.type:
                raise TypeError(f"property {p.name!r} has two types in the model")
    return tuple(columns.values())


NODE_STAGE = "_ucn_stage_nodes"
RELATION_STAGE = "_ucn_stage_relations"
ENDS = (Property("source", "string", "source id"), Property("target", "string", "target id"))
STAGES = {
    NODE_STAGE: _union_of_columns([MODEL.node_columns(label) for label in MODEL.labels]),
    RELATION_STAGE: _union_of_columns(
        [ENDS, *(MODEL.relation_columns(rel) for rel in MODEL.relations)]
    ),
}


def _columns_ddl(props: tuple[Property, ...]) -> str:
    return ", ".join(f"{p.name} {COLUMN_TYPES[p.type]}" for p in props)


def ensure_schema(tx: Transaction) -> None:
    """Create the tables the database lacks, and the columns its tables lack."""
    existing = {r["name"] for r in tx.run("CALL show_tables() RETURN name")}

    def ensure(table: str, ddl: str, props: tuple[Property, ...]) -> None:
        if table in existing:
            _add_missing_columns(tx, table, props)
        else:
            tx.run(ddl)

    for label in MODEL.labels:
        props = MODEL.node_columns(label)
        ensure(
            label,
            f"CREATE NODE TABLE {label}({_columns_ddl(props)}, PRIMARY KEY (id))",
            props,
        )
    for name, rel in MODEL.relations.items():
        props = MODEL.relation_columns(name)
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel.endpoint_pairs)
        ensure(name, f"CREATE REL TABLE {name}({pairs}, {_columns_ddl(props)})", props)
    # One scratch table for node updates and one for relation updates, whatever the
    # label or type: each table a transaction touches adds to its commit's checkpoint.
    for stage, props in STAGES.items():
        ensure(
            stage,
            f"CREATE NODE TABLE {stage}(k SERIAL PRIMARY KEY, {_columns_ddl(props)})",
            props,
        )


def _add_missing_columns(tx: Transaction, table: str, props: tuple[Property, ...]) -> None:
    present = {r["name"] for r in tx.run(f"CALL table_info('{table}') RETURN name")}
    for p in props:
        if p.name not in present:
            tx.run(f"ALTER TABLE {table} ADD {p.name} {COLUMN_TYPES[p.type]}")
