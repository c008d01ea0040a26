"""Reading a whole store, once for every engine: nodes and facts a page at a time in key order,
as tables without the store's bookkeeping, and as a networkx graph; and the subgraph of the
nodes and relations a query returns, from what an engine found in its rows."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from . import cypher
from .errors import StoreError
from .ids import label_of
from .model import BOOKKEEPING_PROPERTIES, MODEL
from .rows import Rows
from .stored_rows import Row, normalise_row

if TYPE_CHECKING:
    import networkx as nx

    from .store import GraphStore, SubgraphEdges, SubgraphNodes

R = TypeVar("R", bound=Hashable)  # an engine's own reference to a node


def node_pages(store: GraphStore, label: str, batch: int) -> Iterator[list[Row]]:
    """GraphStore.iter_nodes: each page one query, keyed on the last id seen."""
    after = ""
    while True:
        rows = store.run(cypher.page_nodes(label), {"after": after, "limit": batch})
        if not rows:
            return
        yield [normalise_row(row) for row in rows]
        if len(rows) < batch:
            return
        after = rows[-1]["id"]


def relation_pages(store: GraphStore, rel_type: str, batch: int) -> Iterator[list[Row]]:
    """GraphStore.iter_relations: each page one query, keyed on the last (source, target)."""
    a = b = ""
    while True:
        rows = store.run(cypher.page_relations(rel_type), {"a": a, "b": b, "limit": batch})
        if not rows:
            return
        yield [normalise_row(row) for row in rows]
        if len(rows) < batch:
            return
        a, b = rows[-1]["source"], rows[-1]["target"]


def node_table(store: GraphStore, label: str | None) -> Rows:
    """GraphStore.nodes."""
    labels = [_known(label, MODEL.labels, "label")] if label else list(MODEL.labels)
    columns = ["label"] if label is None else []
    for name in labels:
        columns += [
            p.name
            for p in MODEL.node_columns(name)
            if p.name not in BOOKKEEPING_PROPERTIES and p.name not in columns
        ]
    table = Rows(columns=columns)
    for name in labels:
        for page in store.iter_nodes(name):
            table.extend({c: name if c == "label" else row.get(c) for c in columns} for row in page)
    return table


def relation_table(store: GraphStore, rel_type: str | None) -> Rows:
    """GraphStore.relations."""
    types = (
        [_known(rel_type, MODEL.relations, "relation type")] if rel_type else list(MODEL.relations)
    )
    columns = ["type"] if rel_type is None else []
    columns += ["source", "source_label", "target", "target_label"]
    for name in types:
        columns += [
            p.name
            for p in MODEL.relation_columns(name)
            if p.name not in BOOKKEEPING_PROPERTIES and p.name not in columns
        ]
    table = Rows(columns=columns)
    derived = {"type", "source_label", "target_label"}
    for name in types:
        for page in store.iter_relations(name):
            for row in page:
                out = {c: row.get(c) for c in columns if c not in derived}
                if rel_type is None:
                    out["type"] = name
                out["source_label"] = label_of(row["source"])
                out["target_label"] = label_of(row["target"])
                table.append({c: out.get(c) for c in columns})
    return table


def _known(name: str, known: Mapping[str, Any], what: str) -> str:
    if name not in known:
        raise StoreError(f"no {what} {name!r} (one of {', '.join(known)})")
    return name


def to_networkx(
    store: GraphStore, query: str | None, params: dict[str, Any] | None
) -> nx.MultiDiGraph:
    """GraphStore.to_networkx."""
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    if query is None:
        for label in MODEL.labels:
            for row in store.run(cypher.all_nodes(label)):
                graph.add_node(row["id"], label=label, **_shown(normalise_row(row)))
        for rel_type in MODEL.relations:
            for row in store.run(cypher.all_relations(rel_type)):
                row = _shown(normalise_row(row))
                source, target = row.pop("source"), row.pop("target")
                graph.add_edge(source, target, key=rel_type, type=rel_type, **row)
        return graph
    nodes, edges = store._query_graph(query, params or {})
    for node_id, label, props in nodes:
        graph.add_node(node_id, label=label, **_shown(props))
    for source, target, rel_type, props in edges:
        graph.add_edge(source, target, key=rel_type, type=rel_type, **_shown(props))
    return graph


def _shown(row: Row) -> Row:
    """A row without the store's bookkeeping."""
    for name in BOOKKEEPING_PROPERTIES:
        row.pop(name, None)
    return row


def missing_ends(
    nodes: Mapping[R, tuple[str, dict[str, Any]]], edges: list[tuple[R, R, str, dict[str, Any]]]
) -> set[R]:
    """The ends of `edges` that are not among `nodes`: a query may return a relation alone."""
    return {ref for s, t, _, _ in edges for ref in (s, t) if ref not in nodes}


def subgraph(
    nodes: Mapping[R, tuple[str, dict[str, Any]]], edges: list[tuple[R, R, str, dict[str, Any]]]
) -> tuple[SubgraphNodes, SubgraphEdges]:
    """What `_query_graph` returns, from the nodes (label, properties) and relations an engine
    found under its own references: every node and end named by its id."""
    node_list = [(props["id"], label, props) for label, props in nodes.values()]
    edge_list = [
        (nodes[s][1]["id"], nodes[t][1]["id"], rel_type, props) for s, t, rel_type, props in edges
    ]
    return node_list, edge_list
