"""Loading many inputs: validate each, write in batched transactions, report per input."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..graph.batch import Batch
from ..graph.document import Document
from ..graph.errors import UcnError
from ..graph.store import GraphStore, WriteResult
from .documents import iter_input_files, read_document

# Rows (nodes, facts, mentions) per transaction. The embedded engine checkpoints at every commit
# that bulk-copied rows, at a cost that grows with the tables it touched and their size, so few,
# large transactions load fastest; a million rows take about 1 GB of memory while they wait.
BATCH_ROWS = 1_000_000


@dataclass
class LoadReport:
    loaded: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    written: WriteResult = field(default_factory=WriteResult)

    @property
    def ok(self) -> bool:
        return not self.failures


def document_rows(document: Document) -> int:
    """Rows a document adds to a batch at most: its article, entities, mentions and facts."""
    return 1 + 2 * len(document.entities) + len(document.relations)


def batched(
    documents: Iterable[Document], batch_rows: int = BATCH_ROWS
) -> Iterator[list[Document]]:
    """Group documents into lists of about `batch_rows` rows, one transaction each."""
    pending: list[Document] = []
    rows = 0
    for document in documents:
        pending.append(document)
        rows += document_rows(document)
        if rows >= batch_rows:
            yield pending
            pending, rows = [], 0
    if pending:
        yield pending


def load_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    *,
    strict: bool = False,
    on_input: Callable[[str, str | None], None] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> LoadReport:
    """Load every document under `paths` into `store`.

    A bad input is reported (in `failures`, and to `on_input(origin, error)`) and skipped; the
    rest still load. Documents are written in batches of about `batch_rows` rows, one
    transaction each; should a batch fail, its documents are retried one by one so that only
    the faulty one is lost. With `strict`, the first failure raises instead.
    """
    report = LoadReport()

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

    def documents() -> Iterator[Document]:
        for path in iter_input_files(paths):
            try:
                yield read_document(path)
            except UcnError as exc:
                fail(str(path), str(exc))

    for group in batched(documents(), batch_rows):
        try:
            write(group)
        except UcnError:
            if strict:
                raise
            for document in group:
                write([document])
    return report
