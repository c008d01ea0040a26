"""The store contract: one behaviour, two engines (embedded LadybugDB and Neo4j).

Engines supply a transaction and four bulk primitives; loading, merging, retraction, statistics
and the networkx view are written once, against those primitives: the writes in store_write.py,
articles forgotten, read back and rewritten in store_articles.py, the reads in store_read.py.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from . import cypher, store_articles, store_read, store_write
from .batch import Batch
from .document import Document
from .ids import label_of as label_of  # re-exported: loaders/ and ucn/ import it from here
from .model import MODEL
from .rows import Rows
from .store_articles import ForgetResult
from .store_write import CHUNK, WriteResult
from .store_write import chunks as chunks  # re-exported: loaders/ imports it from here
from .stored_rows import RelationKey, Row, bulk_allocation

if TYPE_CHECKING:
    import networkx as nx

T = TypeVar("T")
# What a query's subgraph holds: nodes as (id, label, properties), relations as
# (source id, target id, type, properties).
SubgraphNodes = list[tuple[str, str, dict[str, Any]]]
SubgraphEdges = list[tuple[str, str, str, dict[str, Any]]]
DEFAULT_DB = "ucn.db"


class Transaction(Protocol):
    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


class GraphStore(ABC):
    """A persistent cooperation graph that speaks Cypher."""

    engine: str = ""

    @classmethod
    def open_location(
        cls,
        location: str | os.PathLike[str],
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        create: bool = True,
    ) -> GraphStore:
        """The store at `location`, each store taking the options it uses (`open_store` calls
        it on the class graph/registry.py gives for the location's scheme)."""
        raise NotImplementedError(f"{cls.__name__} cannot be opened from a location")

    # -- engine primitives -------------------------------------------------------------------
    @abstractmethod
    def in_transaction(self, work: Callable[[Transaction], T]) -> T:
        """Run `work` in one write transaction: committed if it returns, rolled back if it
        raises (engines may retry it on transient errors, so it must start from scratch)."""

    @abstractmethod
    def _insert_nodes(self, tx: Transaction, label: str, rows: list[Row]) -> None:
        """Write rows whose ids the store does not hold yet."""

    @abstractmethod
    def _update_nodes(self, tx: Transaction, label: str, rows: list[Row]) -> None:
        """Overwrite stored nodes with merged rows."""

    @abstractmethod
    def _insert_relations(self, tx: Transaction, key: RelationKey, rows: list[Row]) -> None:
        """Write facts the store does not hold yet."""

    @abstractmethod
    def _update_relations(self, tx: Transaction, key: RelationKey, rows: list[Row]) -> None:
        """Overwrite stored facts with merged rows."""

    @abstractmethod
    def run(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Rows:
        """Run one Cypher statement and return plain dict rows: a `Rows` list, which knows the
        statement's columns and turns into a DataFrame (`.to_pandas()`), an Arrow table or a
        Parquet file.

        Read-only unless `write` is true: a statement that is not known from the engine's plan
        to only read the graph (a write, a file read or written, a setting, a procedure) is
        refused with `ReadOnlyError` and touches nothing (graph/readonly.py).
        """

    @abstractmethod
    def _query_graph(
        self, query: str, params: dict[str, Any]
    ) -> tuple[SubgraphNodes, SubgraphEdges]:
        """The nodes and relations a read-only query returns, as (id, label, props) and
        (source id, target id, type, props)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------
    def write(self, batch: Batch) -> WriteResult:
        """Merge a batch into the store in one transaction: all of it, or nothing."""
        with bulk_allocation():
            return self.in_transaction(lambda tx: self._write(tx, batch))

    def _write(self, tx: Transaction, batch: Batch) -> WriteResult:
        """The merge of `batch` within `tx`: new rows inserted, changed ones overwritten."""
        return store_write.write_batch(self, tx, batch)

    # Up to this many source nodes, the stored facts of a type are fetched one node at a time:
    # an engine may answer an UNWIND of ids with a scan of the whole relation table.
    POINT_LOOKUPS = 0

    def set_node_properties(
        self, label: str, columns: Sequence[str], values: Mapping[str, Mapping[str, Any]]
    ) -> int:
        """Set `columns` on every `label` node in one transaction: to `values[node id]` for
        the nodes named there, to null for all others, so that no value outlives the data it
        was computed from. Only nodes whose values change are written. Returns the number of
        stored nodes that `values` names (ids the store does not hold are ignored).

        For derived data such as the network measures (`ucn analyze --write`); the other
        properties of each node are kept as they are.
        """
        return store_write.set_node_properties(self, label, columns, values)

    # -- articles as loaded -----------------------------------------------------------------
    def forget(self, article_id: str) -> ForgetResult:
        """Retract an article: what only it supported goes, and every node and fact it shares
        with others is folded again from what they supplied (names, aliases, properties), as if
        it had never been loaded."""
        return self.in_transaction(lambda tx: store_articles.forget(self, tx, article_id))

    def document(self, article_id: str) -> Document | None:
        """The extraction document of a loaded article, as its contributions give it back:
        its entities with the names and properties it gave, its facts with its sentence and
        confidence. None if the store does not hold the article."""
        return self.in_transaction(lambda tx: store_articles.stored_document(tx, article_id))

    def sources_of(self, node_ids: Iterable[str]) -> dict[str, list[str]]:
        """The articles that support each of `node_ids` the store holds."""
        return store_articles.sources_of(self, node_ids)

    def rewrite(
        self, article_ids: Iterable[str], change: Callable[[Document], Document]
    ) -> tuple[int, WriteResult]:
        """Load the given articles again as `change` has their documents (a merge of two
        nodes, say): each is retracted and its changed document written, in one transaction.
        Every node and fact keeps its sources in the order they had, so that the first name
        and the first value of each property stay what they were; sources new to a row come
        after. The documents are read and changed before the transaction that writes; only
        those that change are written. Returns how many were, and what changed."""
        return store_articles.rewrite(self, article_ids, change)

    # -- reading -----------------------------------------------------------------------------
    def stats(self) -> dict[str, dict[str, int]]:
        """Counts per node label and per relation type."""
        return {
            "nodes": {
                label: self.run(cypher.count_nodes(label))[0]["count"] for label in MODEL.labels
            },
            "relations": {
                rel: self.run(cypher.count_relations(rel))[0]["count"] for rel in MODEL.relations
            },
        }

    def iter_nodes(self, label: str, batch: int = CHUNK) -> Iterator[list[Row]]:
        """The nodes of `label` in id order, `batch` rows at a time: memory is bounded by the
        batch, not the graph (each batch is one query, keyed on the last id seen)."""
        return store_read.node_pages(self, label, batch)

    def iter_relations(self, rel_type: str, batch: int = CHUNK) -> Iterator[list[Row]]:
        """The facts of `rel_type` in (source, target) order, `batch` rows at a time."""
        return store_read.relation_pages(self, rel_type, batch)

    def nodes(self, label: str | None = None) -> Rows:
        """The nodes of `label` as a table, one row per node in id order; the columns are the
        label's properties (`id`, `name`, `aliases`, ..., and the measures `ucn analyze --write`
        stored), without the store's bookkeeping. Without a label: every node, with a `label`
        column first and the union of the labels' columns.

        >>> store.nodes("City").to_pandas()  # doctest: +SKIP
        """
        return store_read.node_table(self, label)

    def relations(self, rel_type: str | None = None) -> Rows:
        """The facts of `rel_type` as a table, one row per fact in (source, target) order:
        `source` and `target` (node ids), the labels of both ends, then the relation's
        properties (`sources`, `evidence`, `confidences`, `confidence`, its own), without the
        store's bookkeeping. Without a type: every relation, with a `type` column first."""
        return store_read.relation_table(self, rel_type)

    def scan_nodes(
        self, label: str, batch: int = CHUNK, columns: Sequence[str] | None = None
    ) -> Iterator[list[Row]]:
        """Every node of `label`, about `batch` rows a page, in whatever order the store reads
        cheapest (the same order each time for the same database): for exports, which need
        every row but no order. With `columns`, rows may hold only those (and `id`). Here,
        `iter_nodes`."""
        return self.iter_nodes(label, batch)

    def scan_relations(
        self, rel_type: str, batch: int = CHUNK, columns: Sequence[str] | None = None
    ) -> Iterator[list[Row]]:
        """Every fact of `rel_type`, about `batch` rows a page, as `scan_nodes` (rows hold
        `source` and `target` whatever the `columns`)."""
        return self.iter_relations(rel_type, batch)

    def to_networkx(
        self, query: str | None = None, params: dict[str, Any] | None = None
    ) -> nx.MultiDiGraph:
        """The whole graph, or the nodes and relations a query returns, as a MultiDiGraph.

        Nodes are keyed by id and carry `label` and their properties; edges are keyed by
        relation type and carry `type` and their properties. The store's bookkeeping
        (BOOKKEEPING_PROPERTIES: what each article supplied) is left out.
        """
        return store_read.to_networkx(self, query, params)


def open_store(
    db: str | os.PathLike[str] | None = None,
    neo4j: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    create: bool = True,
) -> GraphStore:
    """Open the embedded store at `db` (default ./ucn.db), or Neo4j at `neo4j`.

    The store is the one graph/registry.py registers for the location's scheme: a path is the
    embedded LadybugDB file, `bolt://` or `neo4j://` (and their `+s`, `+ssc` forms) a Neo4j
    server, reached as `user` (default neo4j) with `password` (default empty) in `database`
    (default neo4j). The library reads no environment: the `ucn` command passes UCN_DB,
    NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE in. The schema is created on first
    use; with `create=False` a missing embedded database is an error rather than a new empty one.
    """
    from .registry import store_class

    location = neo4j or (db if db is not None else DEFAULT_DB)
    return store_class(location).open_location(
        location, user=user, password=password, database=database, create=create
    )
