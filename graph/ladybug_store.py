"""The embedded store: LadybugDB (the maintained fork of Kùzu), Cypher in-process, no server.

LadybugStore opens the database file, runs transactions that a killed process cannot leave
half-done, picks each table's write path (ladybug_write.py: statements for a few rows, COPY FROM
for many) and reads: statements checked read-only, whole tables a page of offsets at a time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import ladybug

from . import cypher, ladybug_schema, ladybug_write, readonly, recovery, store_read
from .batch import Batch
from .errors import QueryError, ReadOnlyError, StoreError, StoreLockedError, one_line
from .ladybug_values import arrow_table, plain, result_rows
from .rows import Rows
from .store import (
    CHUNK,
    GraphStore,
    SubgraphEdges,
    SubgraphNodes,
    T,
    Transaction,
    WriteResult,
)
from .stored_rows import LIST_COLUMNS, RelationKey, Row, bulk_allocation

# The upper bound of a last page of offsets: past any offset a table can have.
OPEN_END = 1 << 62


class _Transaction:
    def __init__(self, conn: ladybug.Connection, before_copy: Callable[[], None] | None = None):
        self.conn = conn
        self.before_copy = before_copy

    def run(self, query: str, params: dict[str, Any] | None = None) -> Rows:
        if self.before_copy is not None and query.lstrip()[:4].upper() == "COPY":
            self.before_copy()
            self.before_copy = None
        return result_rows(self.conn.execute(query, params or {}))


class LadybugStore(GraphStore):
    """The embedded default: one database file (plus its `.wal`), schema created on first use."""

    engine = "ladybug"

    @classmethod
    def open_location(
        cls,
        location: str | os.PathLike[str],
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        create: bool = True,
    ) -> LadybugStore:
        """The database file at `location` (the registry's store for plain paths)."""
        return cls(location, create=create)

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True):
        self.path = Path(path)
        self._reads: dict[str, None] = {}  # statements whose plan reads only (see _execute)
        if not create and not self.path.exists():
            raise StoreError(f"{self.path}: no database here yet (`ucn load` creates one)")
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a LadybugDB database file")
        if not self.path.parent.exists():
            raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
        # What a killed writer left is repaired before the engine sees it (graph/recovery.py).
        self.recovered = recovery.recover(self.path) if self.path.exists() else None
        try:
            self._db = ladybug.Database(str(self.path))
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            message = one_line(exc)
            if "lock" in message.lower():
                raise StoreLockedError(self.path, message) from None
            raise StoreError(
                f"{self.path}: cannot open as a LadybugDB database: {message}"
            ) from None
        recovery.opened(self.path)
        self._ensure_schema()

    # -- schema ------------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        with self.transaction() as tx:
            ladybug_schema.ensure_schema(tx)

    # -- transactions and writes -------------------------------------------------------------
    @contextmanager
    def transaction(
        self, read_only: bool = False, before_copy: Callable[[], None] | None = None
    ) -> Iterator[_Transaction]:
        """One engine transaction; `before_copy` runs before its first COPY statement."""
        self._conn.execute("BEGIN TRANSACTION READ ONLY" if read_only else "BEGIN TRANSACTION")
        try:
            yield _Transaction(self._conn, before_copy)
        except BaseException:
            # A failed statement may already have ended the transaction; then the engine's
            # own error is the one to report, not "no active transaction".
            with suppress(RuntimeError):
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def in_transaction(self, work: Callable[[Transaction], T]) -> T:
        with self._write_transaction() as tx:
            return work(tx)

    def write(self, batch: Batch) -> WriteResult:
        """As GraphStore.write; a batch small enough to be written by statements alone (no
        table above SMALL_ROWS rows) goes through the engine's log, without the checkpoints and
        the undo copy that COPY needs, so its cost does not grow with the graph."""
        tables: tuple[dict[Any, Row], ...] = (*batch.nodes.values(), *batch.relations.values())
        copies = any(len(rows) > self.SMALL_ROWS for rows in tables)
        # Once one table is copied, the commit checkpoints anyway and the others are cheapest
        # copied too: statements joining each row to its ends cost more on a large batch.
        self._bulk = copies
        try:
            with bulk_allocation(), self._write_transaction(copies=copies) as tx:
                return self._write(tx, batch)
        finally:
            self._bulk = False

    @contextmanager
    def _write_transaction(self, copies: bool = True) -> Iterator[_Transaction]:
        """A write transaction that a killed process cannot leave half-done.

        Between ucn's write transactions the database file alone holds every committed one
        (each ends with a checkpoint). Before the first COPY of a transaction (the statement
        whose rows only a finished checkpoint makes durable), that file is kept as
        `<db>.undo`, which `recovery.recover` puts back should the process die before the
        checkpoint after the commit has finished (graph/recovery.py says why). Transactions
        without COPY go through the engine's log alone and need no copy; with `copies` False
        the transaction promises none, and takes neither checkpoint (a COPY in it is refused).
        """
        undo = False

        def keep_undo() -> None:
            nonlocal undo
            if not copies:
                raise StoreError("a COPY in a transaction begun without a checkpoint")
            recovery.save_undo(self.path)
            undo = True

        if not copies:
            with self.transaction(before_copy=keep_undo) as tx:
                yield tx
            return
        self._conn.execute("CHECKPOINT")
        try:
            with self.transaction(before_copy=keep_undo) as tx:
                yield tx
        finally:
            # Committed or rolled back, the file alone must hold the outcome before the undo
            # copy goes; should that checkpoint fail, the copy stays for the next open.
            self._conn.execute("CHECKPOINT")
            if undo:
                recovery.drop_undo(self.path)

    # Up to this many rows, a table is written by parameterised statements on the primary key;
    # beyond, by COPY FROM. COPY makes the commit checkpoint every table it touched and needs the
    # undo copy of the database file (both grow with the graph), so one article added to a large
    # graph would pay for the whole graph; statements pay for their rows only.
    SMALL_ROWS = 2_000
    # LadybugDB joins an UNWIND of ids to a relation table by scanning it; one node's facts are
    # an index lookup and a walk of its edges.
    POINT_LOOKUPS = 64
    _bulk = False  # within a write() that copies

    def _by_statements(self, rows: list[Row]) -> bool:
        return not self._bulk and len(rows) <= self.SMALL_ROWS

    def _insert_nodes(self, tx: Transaction, label: str, rows: list[Row]) -> None:
        ladybug_write.insert_nodes(tx, label, rows, self._by_statements(rows))

    def _update_nodes(self, tx: Transaction, label: str, rows: list[Row]) -> None:
        ladybug_write.update_nodes(tx, label, rows, self._by_statements(rows))

    def _insert_relations(self, tx: Transaction, key: RelationKey, rows: list[Row]) -> None:
        ladybug_write.insert_relations(tx, key, rows, self._by_statements(rows))

    def _update_relations(self, tx: Transaction, key: RelationKey, rows: list[Row]) -> None:
        ladybug_write.update_relations(tx, key, rows, self._by_statements(rows))

    # -- reading -----------------------------------------------------------------------------
    # Statements whose plan was found to read only, so a statement run again (a named query, a
    # map's queries) is not planned twice: what a plan does depends on its clauses, which the
    # text fixes, not on the parameters. The oldest are forgotten past READS_KEPT.
    READS_KEPT = 256

    def _remember_read(self, statement: str) -> None:
        self._reads[statement] = None
        if len(self._reads) > self.READS_KEPT:
            del self._reads[next(iter(self._reads))]

    def _execute(self, query: str, params: dict[str, Any], write: bool) -> Rows:
        statement = cypher.single_statement(query)
        if not write:
            readonly.check_clauses(statement)
        try:
            with self._write_transaction() if write else self.transaction(read_only=True) as tx:
                if not write and statement not in self._reads:
                    explained = tx.run(f"EXPLAIN {statement}", params)
                    readonly.check_ladybug_plan(str(explained[0]["explain result"]))
                    self._remember_read(statement)
                return tx.run(statement, params)
        except RuntimeError as exc:
            message = one_line(exc)
            if "read-only" in message:
                raise ReadOnlyError() from None
            raise QueryError(message) from None

    def run(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Rows:
        rows = self._execute(query, params or {}, write)
        return Rows(({k: plain(v) for k, v in row.items()} for row in rows), rows.columns)

    # -- reading everything -------------------------------------------------------------------
    def scan_nodes(
        self, label: str, batch: int = CHUNK, columns: Sequence[str] | None = None
    ) -> Iterator[list[Row]]:
        """Every node of `label`, a range of `batch` internal offsets a page (id order within
        it): reading a page costs its rows, not a sort of the table."""
        top = self._page(cypher.node_offsets(label), {})[0]["top"]
        if top is None:
            return
        query = cypher.scan_nodes(label, columns)
        for lo in range(0, top + 1, batch):
            # the last page is open-ended: what the count did not see is read all the same
            hi = lo + batch if lo + batch <= top else OPEN_END
            rows = self._page(query, {"lo": lo, "hi": hi})
            if rows:
                yield rows

    def scan_relations(
        self, rel_type: str, batch: int = CHUNK, columns: Sequence[str] | None = None
    ) -> Iterator[list[Row]]:
        """Every fact of `rel_type`, a page the facts of a range of source offsets: about
        `batch` facts, or more for one source node that alone has more."""
        query = cypher.scan_relations(rel_type, columns)
        for lo, hi in self._source_ranges(rel_type, batch):
            rows = self._page(query, {"lo": lo, "hi": hi})
            if rows:
                yield rows

    def _source_ranges(self, rel_type: str, batch: int) -> Iterator[tuple[int, int]]:
        """[lo, hi) ranges of source offsets (offsets of all the source labels' tables at once)
        that cover every offset, each leading `batch` facts or fewer unless it is one offset.
        The count per source offset is held meanwhile: two integers a source node."""
        with self.transaction(read_only=True):
            counts = arrow_table(self._conn.execute(cypher.source_offsets(rel_type)))
        offsets = counts.column("o").to_pylist()
        sizes = counts.column("n").to_pylist()
        del counts
        lo, size = 0, 0
        for offset, n in zip(offsets, sizes, strict=True):
            if size and size + n > batch:
                yield lo, offset
                lo, size = offset, 0
            size += n
        if size:
            yield lo, OPEN_END

    def _page(self, query: str, params: dict[str, Any]) -> list[Row]:
        """The rows of one of ucn's own read queries, through Arrow: a column at a time is
        cheaper than a row at a time, and every column here is a scalar or a list of them."""
        with self.transaction(read_only=True):
            table = arrow_table(self._conn.execute(query, params))
        names = table.column_names
        columns = []
        for name in names:
            values = table.column(name).to_pylist()
            if name in LIST_COLUMNS:
                values = [[] if v is None else v for v in values]
            columns.append(values)
        return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]

    def _query_graph(
        self, query: str, params: dict[str, Any]
    ) -> tuple[SubgraphNodes, SubgraphEdges]:
        nodes: dict[tuple[int, int], tuple[str, dict[str, Any]]] = {}
        edges: list[tuple[tuple[int, int], tuple[int, int], str, dict[str, Any]]] = []

        def internal(ref: dict[str, int]) -> tuple[int, int]:
            return (ref["table"], ref["offset"])

        def visit(value: Any) -> None:
            if isinstance(value, list):
                for v in value:
                    visit(v)
            elif isinstance(value, dict) and "_NODES" in value:
                visit(value["_NODES"])
                visit(value["_RELS"])
            elif isinstance(value, dict) and "_SRC" in value:
                props = plain(value)
                props.pop("_type", None)
                edges.append(
                    (internal(value["_SRC"]), internal(value["_DST"]), value["_LABEL"], props)
                )
            elif isinstance(value, dict) and "_LABEL" in value and "_ID" in value:
                props = plain(value)
                props.pop("_label", None)
                nodes[internal(value["_ID"])] = (value["_LABEL"], props)

        for row in self._execute(query, params, write=False):
            visit(list(row.values()))
        missing = store_read.missing_ends(nodes, edges)
        if missing:
            tables = {
                r["id"]: r["name"]
                for r in self._execute("CALL show_tables() RETURN id, name", {}, write=False)
            }
            for table, offset in missing:
                label = tables[table]
                found = self._execute(
                    f"MATCH (n:{label}) WHERE offset(ID(n)) = $o RETURN n",
                    {"o": offset},
                    write=False,
                )
                props = plain(found[0]["n"])
                props.pop("_label", None)
                nodes[(table, offset)] = (label, props)
        return store_read.subgraph(nodes, edges)

    def close(self) -> None:
        self._conn.close()
        self._db.close()
        recovery.closed(self.path)
