"""Loading many inputs: validate each, write in batched transactions, report per input."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any

from ..graph.batch import Batch
from ..graph.decisions import Decisions
from ..graph.document import Document, parse_document
from ..graph.errors import UcnError
from ..graph.store import GraphStore, WriteResult
from .article import Article, ArticleError
from .documents import read_document
from .extraction import Extractor, FrameExtractor, extract_article
from .resolution import CorpusResolver
from .settings import BATCH_ROWS
from .sources import MAX_BYTES, classify_path, iter_article_inputs, read_articles

# The ETA waits for this many articles after the first, and this many seconds, before it says
# anything: the first ones pay for starting the workers and loading the gazetteer.
ETA_MIN_ARTICLES = 10
ETA_MIN_SECONDS = 2.0


@dataclass(frozen=True)
class LoadProgress:
    """Where a load stands: what `load_paths` gives `on_progress` after every input it has
    read and before and after every transaction it writes (a new object each time).

    Counts are of articles and extraction documents alike (one record of a JSON Lines file is
    one): `read` of them taken in (failed ones too), `extracted` into valid documents, `failed`
    (unreadable, not extractable, or rejected by the store), `written` committed to the store,
    and `writing` in the transaction being written now. `result` is what the store changed.
    """

    total: int | None  # articles and documents to load; None when unknown (stdin)
    started: float  # time.monotonic() when loading began
    now: float  # time.monotonic() of this report
    read: int = 0
    extracted: int = 0
    failed: int = 0
    written: int = 0
    writing: int = 0
    result: WriteResult = field(default_factory=WriteResult)
    first_at: float | None = None  # when the first input was read
    done: bool = False

    @property
    def elapsed(self) -> float:
        return self.now - self.started

    @property
    def rate(self) -> float | None:
        """Articles read per second since the first one (None until two seconds of them)."""
        if self.first_at is None or self.now - self.first_at < ETA_MIN_SECONDS:
            return None
        return (self.read - 1) / (self.now - self.first_at)

    @property
    def eta(self) -> float | None:
        """Seconds left, from the articles still to read at the rate so far; None until
        enough is known (ETA_MIN_ARTICLES after the first, over ETA_MIN_SECONDS), when the
        total is unknown, and while the last transaction is written."""
        rate = self.rate
        if self.total is None or rate is None or rate <= 0 or self.read <= ETA_MIN_ARTICLES:
            return None
        if self.read >= self.total:
            return None
        return (self.total - self.read) / rate


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many articles and documents `paths` hold, for a progress display: one per file or
    URL, one per record of a JSON Lines or JSON list file. None when one of them is stdin."""
    total = 0
    for item in iter_article_inputs(str(p) for p in paths):
        if item == "-":
            return None
        if "://" in item or not item.lower().endswith(RECORD_SUFFIXES):
            total += 1
        else:
            total += _records_in(Path(item))
    return total


def _records_in(path: Path) -> int:
    from .encoding import decode_bytes
    from .jsontext import JSONError, loads

    try:
        if path.stat().st_size > MAX_BYTES:
            return 1
        text = decode_bytes(path.read_bytes())
    except (OSError, UcnError, ValueError):
        return 1
    lines = sum(1 for line in text.splitlines() if line.strip())
    if not path.name.lower().endswith(".json"):
        return max(lines, 1)
    try:
        whole = loads(text)
    except JSONError:
        return max(lines, 1)
    return max(len(whole), 1) if isinstance(whole, list) else 1


@dataclass
class LoadReport:
    loaded: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    written: WriteResult = field(default_factory=WriteResult)
    joined: int = 0  # entities joined to a node another article gave them
    joins: list[tuple[str, str]] = field(default_factory=list)  # (own id, joined id)

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


# Articles per task when the main process reads them (stdin, JSON records files); files are one
# task each, read by the worker itself, so that reading overlaps extraction.
CHUNK_ARTICLES = 64
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json")

Result = tuple[str, Document | UcnError]


def _extract(article: Article, extractor: Extractor | None = None) -> Document | UcnError:
    """One article's validated document, or its error (a plain UcnError: it crosses processes)."""
    try:
        return parse_document(extract_article(article, extractor), article.source)
    except UcnError as exc:
        return UcnError(str(exc))
    except Exception as exc:  # a bug in one article's extraction must not lose the others
        return UcnError(f"{article.source}: extraction failed ({type(exc).__name__}: {exc})")


def _read_input(item: str) -> Iterator[tuple[str, Document | Article | UcnError]]:
    if item != "-" and "://" not in item and classify_path(item) == "document":
        try:
            yield item, read_document(item)
        except UcnError as exc:
            yield item, exc
        return
    for result in read_articles([item]):
        yield (result.origin if isinstance(result, ArticleError) else item), result


def _finish(
    read: Iterable[tuple[str, Document | Article | UcnError]], extractor: Extractor | None
) -> list[Result]:
    results: list[Result] = []
    for origin, payload in read:
        if isinstance(payload, Article):
            results.append((origin, _extract(payload, extractor)))
        elif isinstance(payload, UcnError):
            results.append((origin, UcnError(str(payload))))
        else:
            results.append((origin, payload))
    return results


def _run_task(task: str | list, extractor: Extractor | None) -> list[Result]:
    """A worker's task: a path it reads and extracts, or articles the main process read."""
    if not isinstance(task, str):
        return _finish(task, extractor)
    try:
        return _finish(_read_input(task), extractor)
    except Exception as exc:  # a reader's bug must not stop the batch
        return [(task, UcnError(f"{task}: reading failed ({type(exc).__name__}: {exc})"))]


def _tasks(inputs: Iterable[str | Path]) -> Iterator[str | list]:
    for item in iter_article_inputs(str(i) for i in inputs):
        if item == "-" or item.lower().endswith(RECORD_SUFFIXES):
            # One source of many articles: read here, extracted in chunks across the workers.
            read = (
                (origin, UcnError(str(p)) if isinstance(p, UcnError) else p)  # plain: it pickles
                for origin, p in _read_input(item)
            )
            while chunk := list(islice(read, CHUNK_ARTICLES)):
                yield chunk
        else:
            yield item


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_POLL = 0.5  # seconds between two looks at the parent, where prctl is not to be had


def _set_parent_death_signal() -> bool:
    """Ask Linux to kill this process when its parent dies; False where that cannot be had."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _parent_alive(parent: int, direct: bool) -> bool:
    if direct:  # a dead parent's children are handed to another (init, a subreaper)
        return os.getppid() == parent
    if os.name != "posix":
        return True  # nothing safe to ask (os.kill would end the process on Windows)
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _watch_parent(parent: int, direct: bool) -> None:
    while _parent_alive(parent, direct):
        time.sleep(PARENT_POLL)
    os._exit(1)


def end_with_parent(parent: int, death_signal: bool = True) -> None:
    """Pool initializer: end this worker when `parent` (the loading process) dies.

    A parent killed with SIGKILL cannot shut its pool down, and its workers would wait for
    tasks forever. On Linux the kernel kills them (PR_SET_PDEATHSIG; only when the pool was
    started from the main thread, since the signal comes when the thread that started the
    worker ends); elsewhere a thread looks at the parent twice a second.
    """
    direct = os.getppid() == parent
    if death_signal and direct and _set_parent_death_signal():
        if os.getppid() != parent:  # the parent died before the signal was set
            os._exit(1)
        return
    threading.Thread(
        target=_watch_parent, args=(parent, direct), name="ucn-parent-watch", daemon=True
    ).start()


def iter_documents(
    inputs: Iterable[str | Path], *, workers: int = 1, extractor: Extractor | None = None
) -> Iterator[Result]:
    """(input, document or error) for every input, in order: extraction documents are read as
    they are; articles are read, then extracted, in `workers` processes when more than one.
    Each worker reads the files it extracts; a few tasks run ahead of the one being yielded."""
    if workers <= 1:
        for task in _tasks(inputs):
            yield from _run_task(task, extractor)
        return
    pool = ProcessPoolExecutor(
        workers,
        initializer=end_with_parent,
        initargs=(os.getpid(), threading.current_thread() is threading.main_thread()),
    )
    pending: deque[Future[list[Result]]] = deque()
    try:
        for task in _tasks(inputs):
            pending.append(pool.submit(_run_task, task, extractor))
            if len(pending) >= 4 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(cancel_futures=True)


def load_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    *,
    strict: bool = False,
    on_input: Callable[[str, str | None], None] | None = None,
    on_progress: Callable[[LoadProgress], None] | None = None,
    batch_rows: int = BATCH_ROWS,
    workers: int = 1,
    extractor: Extractor | None = None,
    min_confidence: float = 0.0,
    decisions: Decisions | None = None,
    resolve: bool = True,
) -> LoadReport:
    """Load every input under `paths` into `store`: extraction documents as they are, news
    articles (text, HTML, JSON records, URLs, `-`) through extraction, in `workers` processes.

    A bad input is reported (in `failures`, and to `on_input(origin, error)`) and skipped; the
    rest still load. Documents are written in batches of about `batch_rows` rows, one
    transaction each; should a batch fail, its documents are retried one by one so that only
    the faulty one is lost. With `strict`, the first failure raises instead. Facts less sure
    than `min_confidence` are left out, from articles and from extraction documents alike.
    `on_progress`, when given, gets a `LoadProgress` after every input read and before and
    after every transaction (the inputs are counted first, for its `total` and `eta`).

    The curator's `decisions` apply to every document; with `resolve`, an entity is also joined
    to the node another article gave it under a variant of its name (resolution.py).
    """
    paths = list(paths)
    report = LoadReport()
    progress = None
    if on_progress is not None:
        now = time.monotonic()
        progress = LoadProgress(count_inputs(paths), now, now)

    def tell(**changes: Any) -> None:
        nonlocal progress
        if progress is not None and on_progress is not None:
            now = time.monotonic()
            progress = replace(progress, now=now, **changes)
            if progress.first_at is None and progress.read:
                progress = replace(progress, first_at=now)
            if progress.total is not None and progress.read > progress.total:
                progress = replace(progress, total=progress.read)  # a count that fell short
            on_progress(progress)

    resolver = CorpusResolver(store, decisions, automatic=resolve)
    if min_confidence > 0 and extractor is None:
        extractor = FrameExtractor(min_confidence=min_confidence)

    def fail(origin: str, message: str) -> None:
        if strict:
            raise UcnError(message)
        report.failures.append((origin, message))
        if on_input:
            on_input(origin, message)

    def write(documents: list[Document]) -> None:
        tell(writing=len(documents))
        try:
            written = store.write(Batch.of(documents))
        except UcnError as exc:
            tell(writing=0)
            if strict or len(documents) > 1:
                raise
            fail(documents[0].origin, f"{documents[0].origin}: {exc}")
            if progress is not None:
                tell(failed=progress.failed + 1)
            return
        report.written += written
        report.loaded += len(documents)
        if progress is not None:
            total = replace(progress.result)
            total += written
            tell(writing=0, written=progress.written + len(documents), result=total)
        for document in documents:
            if on_input:
                on_input(document.origin, None)

    def documents() -> Iterator[Document]:
        for item, result in iter_documents(paths, workers=workers, extractor=extractor):
            if isinstance(result, UcnError):
                fail(item, str(result))
                if progress is not None:
                    tell(read=progress.read + 1, failed=progress.failed + 1)
            else:
                if min_confidence > 0:
                    kept = tuple(r for r in result.relations if r.confidence >= min_confidence)
                    result = replace(result, relations=kept)
                resolved = resolver.resolve(result)
                if progress is not None:
                    tell(read=progress.read + 1, extracted=progress.extracted + 1)
                yield resolved

    for group in batched(documents(), batch_rows):
        try:
            write(group)
        except UcnError:
            if strict:
                raise
            for document in group:
                write([document])
    report.joined, report.joins = resolver.joined, resolver.joins
    tell(done=True)
    return report
