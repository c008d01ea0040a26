"""The instrumented load of `load_bench.py --phases`: the time of each write split by the part
it serves. It reaches into the embedded store (its connection, its Arrow helper): profiling only."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

import ucn.graph.ladybug_schema as ladybug_schema
import ucn.graph.ladybug_write as ladybug_write
from ucn.graph import Batch, GraphStore, WriteResult

from loading import LoadRun, load

COMMIT_PHASE = "begin and commit (checkpoint)"


def _query_phase(query: str) -> str:
    """The part of a write a statement issued by GraphStore._write belongs to."""
    q = " ".join(query.split())
    stages = {ladybug_schema.NODE_STAGE: "nodes", ladybug_schema.RELATION_STAGE: "relations"}
    for stage, kind in stages.items():
        if q.startswith(("COPY " + stage, "MATCH (s:" + stage)):
            # Staged updates: COPY into a scratch table, SET from a join with it, empty it.
            if q.startswith("COPY"):
                return f"update {kind}: stage COPY"
            return f"update {kind}: " + ("clear stage" if q.endswith("DELETE s") else "join SET")
    if q.startswith("COPY"):
        return "insert relations: COPY" if "(from=" in q else "insert nodes: COPY"
    return "other statements"


@dataclass
class PhaseClock:
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    commits: list[float] = field(default_factory=list)
    pending_arrow: float = 0.0

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] += seconds


class TimedTransaction:
    """Wraps an embedded-store transaction, timing each statement by the phase it serves.

    Engine time (execute) and the conversion of result rows to Python dicts are kept apart;
    Arrow tables built just before a statement are charged to that statement's phase.
    """

    def __init__(self, tx: Any, clock: PhaseClock):
        self.tx = tx
        self.clock = clock

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        phase = _query_phase(query)
        if self.clock.pending_arrow:
            self.clock.add(phase.split(":")[0] + ": build Arrow table", self.clock.pending_arrow)
            self.clock.pending_arrow = 0.0
        start = time.perf_counter()
        result = self.tx.conn.execute(query, params or {})
        executed = time.perf_counter()
        names = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(names, result.get_next(), strict=True)))
        done = time.perf_counter()
        if phase.startswith("fetch"):
            self.clock.add(phase + ": engine", executed - start)
            self.clock.add(phase + ": rows to Python", done - executed)
        else:
            self.clock.add(phase, done - start)
        return rows


@contextmanager
def timed_arrow(clock: PhaseClock) -> Iterator[None]:
    """Time the embedded store's Arrow table building while the block runs."""
    original = ladybug_write._arrow

    def arrow(*args: Any) -> pa.Table:
        start = time.perf_counter()
        table = original(*args)
        clock.pending_arrow += time.perf_counter() - start
        return table

    ladybug_write._arrow = arrow
    try:
        yield
    finally:
        ladybug_write._arrow = original


def timed_write(store: GraphStore, batch: Batch, clock: PhaseClock) -> WriteResult:
    """store.write(batch), with the time of each part of the write recorded in `clock`."""
    inner = 0.0

    write = store._write

    def work(tx: Any, batch: Batch) -> WriteResult:
        nonlocal inner
        before = sum(clock.seconds.values())
        start = time.perf_counter()
        result = write(TimedTransaction(tx, clock), batch)
        inner = time.perf_counter() - start
        statements = sum(clock.seconds.values()) - before
        clock.add("Python diff and merge (rest of _write)", inner - statements)
        return result

    # store.write as it is (its choice of transaction and of write path), its body timed
    start = time.perf_counter()
    store._write = work  # type: ignore[method-assign]
    try:
        result = store.write(batch)
    finally:
        del store._write
    commit = time.perf_counter() - start - inner
    clock.add(COMMIT_PHASE, commit)
    clock.commits.append(commit)
    return result


def phased_load(store: GraphStore, documents: list[dict[str, Any]], batch_rows: int) -> LoadRun:
    clock = PhaseClock()
    with timed_arrow(clock):
        run = load(store, documents, batch_rows, lambda s, b: timed_write(s, b, clock))
    run.phases = {
        "parse_document": run.parse_seconds,
        "Batch.of": run.batch_seconds,
        **dict(sorted(clock.seconds.items(), key=lambda kv: -kv[1])),
    }
    run.commits = clock.commits
    return run
