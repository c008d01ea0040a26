"""The Neo4j store, for corpora that outgrow one machine (`docker compose up -d` starts one).

Writes are `UNWIND $rows ... MERGE` batches in `execute_write` transactions (retried on transient
errors); uniqueness constraints on `id` are created on first use. Read-only queries are checked
with EXPLAIN: access mode only routes a query, it does not stop a write on a single server.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from . import cypher, readonly, store_read
from .errors import QueryError, StoreError, one_line
from .model import MODEL
from .rows import Rows
from .store import GraphStore, SubgraphEdges, SubgraphNodes, T, Transaction
from .stored_rows import RelationKey, Row, with_keys

START_HINT = "`docker compose up -d` in the ucn folder starts one"


def _plain(value: Any) -> Any:
    """Driver values as plain Python, in the same shape as the embedded store gives."""
    if isinstance(value, Node):
        return {
            "_label": sorted(value.labels)[0] if value.labels else None,
            **{k: _plain(v) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {
            "nodes": [_plain(n) for n in value.nodes],
            "relationships": [_plain(r) for r in value.relationships],
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


class _Transaction:
    def __init__(self, tx: neo4j.ManagedTransaction):
        self.tx = tx

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return [record.data() for record in self.tx.run(query, params or {})]


class Neo4jStore(GraphStore):
    """A Neo4j database reached over Bolt; the same behaviour as the embedded store."""

    engine = "neo4j"

    @classmethod
    def open_location(
        cls,
        location: str | os.PathLike[str],
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        create: bool = True,
    ) -> Neo4jStore:
        """The server at `location` (bolt://, neo4j://, ...); the schema is made on first use."""
        return cls(
            os.fspath(location),
            user=user if user is not None else "neo4j",
            password=password if password is not None else "",
            database=database or "neo4j",
        )

    def __init__(self, uri: str, *, user: str, password: str, database: str = "neo4j"):
        self.uri, self.database = uri, database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=10
            )
            self._driver.verify_connectivity()
        except neo4j_errors.AuthError:
            raise StoreError(
                f"Neo4j at {uri} refused the credentials of user {user!r} "
                "(set NEO4J_USER and NEO4J_PASSWORD)"
            ) from None
        except (neo4j_errors.ConfigurationError, ValueError) as exc:
            raise StoreError(f"{uri}: not a usable Neo4j URI ({exc})") from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.DriverError, OSError) as exc:
            raise StoreError(
                f"cannot reach Neo4j at {uri} ({_one_line(exc)}); {START_HINT}"
            ) from None
        self._ensure_schema()

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.database)

    def _ensure_schema(self) -> None:
        try:
            with self._session() as session:
                for label in MODEL.labels:
                    session.run(
                        f"CREATE CONSTRAINT ucn_{label.lower()}_id IF NOT EXISTS "
                        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
                    ).consume()
        except neo4j_errors.Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.uri}: {_one_line(exc)}") from None

    def in_transaction(self, work: Callable[[Transaction], T]) -> T:
        try:
            with self._session() as session:
                return session.execute_write(lambda tx: work(_Transaction(tx)))
        except neo4j_errors.ServiceUnavailable as exc:
            raise StoreError(f"lost Neo4j at {self.uri} ({_one_line(exc)})") from None
        except neo4j_errors.Neo4jError as exc:
            raise StoreError(f"Neo4j refused the write: {_one_line(exc)}") from None

    def _insert_nodes(self, tx: Transaction, label: str, rows: list[Row]) -> None:
        tx.run(cypher.merge_nodes(label), {"rows": with_keys(rows)})

    _update_nodes = _insert_nodes

    def _insert_relations(self, tx: Transaction, key: RelationKey, rows: list[Row]) -> None:
        tx.run(cypher.merge_relations(*key), {"rows": rows})

    _update_relations = _insert_relations

    def _records(self, query: str, params: dict[str, Any], write: bool) -> list[neo4j.Record]:
        return self._result(query, params, write)[1]

    def _result(
        self, query: str, params: dict[str, Any], write: bool
    ) -> tuple[list[str], list[neo4j.Record]]:
        """The statement's column names and its records."""
        query = cypher.single_statement(query)

        def fetch(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[neo4j.Record]]:
            result = tx.run(query, params)
            records = list(result)
            return list(result.keys()), records

        try:
            with self._session() as session:
                if write:
                    return session.execute_write(fetch)
                summary = session.run(f"EXPLAIN {query}", params).consume()
                readonly.check_neo4j_plan(summary.query_type, summary.plan)
                return session.execute_read(fetch)
        except neo4j_errors.ServiceUnavailable as exc:
            raise StoreError(f"lost Neo4j at {self.uri} ({_one_line(exc)})") from None
        except neo4j_errors.Neo4jError as exc:
            raise QueryError(exc.message or _one_line(exc)) from None

    def run(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Rows:
        columns, records = self._result(query, params or {}, write)
        return Rows(
            ({key: _plain(value) for key, value in record.items()} for record in records), columns
        )

    def _query_graph(
        self, query: str, params: dict[str, Any]
    ) -> tuple[SubgraphNodes, SubgraphEdges]:
        nodes: dict[str, tuple[str, dict[str, Any]]] = {}
        edges: list[tuple[str, str, str, dict[str, Any]]] = []

        def add_node(node: Node) -> None:
            if node.element_id not in nodes and node.labels:
                nodes[node.element_id] = (sorted(node.labels)[0], _plain(dict(node.items())))

        def visit(value: Any) -> None:
            if isinstance(value, Node):
                add_node(value)
            elif isinstance(value, Relationship) and value.start_node and value.end_node:
                edges.append(
                    (
                        value.start_node.element_id,
                        value.end_node.element_id,
                        value.type,
                        _plain(dict(value.items())),
                    )
                )
            elif isinstance(value, Path):
                for node in value.nodes:
                    add_node(node)
                for rel in value.relationships:
                    visit(rel)
            elif isinstance(value, list | tuple):
                for v in value:
                    visit(v)

        for record in self._records(query, params, write=False):
            visit(list(record.values()))
        missing = sorted(store_read.missing_ends(nodes, edges))
        if missing:
            for record in self._records(
                "MATCH (n) WHERE elementId(n) IN $ids RETURN n", {"ids": missing}, write=False
            ):
                add_node(record["n"])
        return store_read.subgraph(nodes, edges)

    def close(self) -> None:
        self._driver.close()


def _one_line(exc: BaseException) -> str:
    return one_line(exc) or type(exc).__name__
