"""Loading extraction documents through the public API (parse_document, Batch.of,
store.write), timed, and the bytes a database takes on disk."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ucn.graph import Batch, Document, GraphStore, WriteResult, parse_document
from ucn.loaders import batched


@dataclass
class LoadRun:
    seconds: float = 0.0
    parse_seconds: float = 0.0
    batch_seconds: float = 0.0
    write_seconds: float = 0.0
    written: WriteResult = field(default_factory=WriteResult)
    phases: dict[str, float] = field(default_factory=dict)
    commits: list[float] = field(default_factory=list)


def parse_all(documents: list[dict[str, Any]]) -> list[Document]:
    return [parse_document(doc, f"synthetic/{i}") for i, doc in enumerate(documents)]


def load(
    store: GraphStore,
    documents: list[dict[str, Any]],
    batch_rows: int,
    write: Callable[[GraphStore, Batch], WriteResult] | None = None,
) -> LoadRun:
    """Load `documents` through the public API, grouped as `ucn load` groups them (about
    `batch_rows` rows per transaction), timing parse, Batch.of and write."""
    run = LoadRun()
    write = write or (lambda s, b: s.write(b))
    start = time.perf_counter()
    parsed = parse_all(documents)
    run.parse_seconds = time.perf_counter() - start
    for group in batched(parsed, batch_rows):
        t1 = time.perf_counter()
        batch = Batch.of(group)
        t2 = time.perf_counter()
        run.written += write(store, batch)
        t3 = time.perf_counter()
        run.batch_seconds += t2 - t1
        run.write_seconds += t3 - t2
    run.seconds = time.perf_counter() - start
    return run


def database_bytes(path: Path) -> int:
    """Bytes of a database file and its write-ahead log."""
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal")) if p.exists())
