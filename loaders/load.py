"""Loading many inputs: validate each, write in batched transactions, report per input."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..graph.batch import Batch
from ..graph.document import Document
from ..graph.errors import UcnError
from ..graph.store import GraphStore, WriteResult
from .documents import iter_input_files, read_document

BATCH_DOCUMENTS = 500


@dataclass
class LoadReport:
    loaded: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    written: WriteResult = field(default_factory=WriteResult)

    @property
    def ok(self) -> bool:
        return not self.failures


def load_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    *,
    strict: bool = False,
    on_input: Callable[[str, str | None], None] | None = None,
    batch_size: int = BATCH_DOCUMENTS,
) -> LoadReport:
    """Load every document under `paths` into `store`.

    A bad input is reported (in `failures`, and to `on_input(origin, error)`) and skipped; the
    rest still load. Documents are written in batches, one transaction each; should a batch
    fail, its documents are retried one by one so that only the faulty one is lost.
    With `strict`, the first failure raises instead.
    """
    report = LoadReport()
    pending: list[Document] = []

    def fail(origin: str, message: str) -> None:
        if strict:
            raise UcnError(message)
        report.failures.append((origin, message))
        if on_input:
            on_input(origin, message)

    def write(documents: list[Document]) -> None:
        try:
            report.written += store.write(Batch.of(documents))
        except UcnError as exc:
            if strict or len(documents) > 1:
                raise
            fail(documents[0].origin, f"{documents[0].origin}: {exc}")
            return
        report.loaded += len(documents)
        for document in documents:
            if on_input:
                on_input(document.origin, None)

    def flush() -> None:
        try:
            write(pending)
        except UcnError:
            if strict:
                raise
            for document in pending:
                write([document])
        pending.clear()

    for path in iter_input_files(paths):
        try:
            pending.append(read_document(path))
        except UcnError as exc:
            fail(str(path), str(exc))
            continue
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    return report
