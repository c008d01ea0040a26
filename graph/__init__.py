"""The graph core: domain model, validation, and the stores (embedded LadybugDB, Neo4j).

Names are imported on first use, so that a short command loads only what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_exports

if TYPE_CHECKING:
    from .batch import Batch
    from .document import Document, parse_document
    from .errors import (
        DocumentError,
        MissingDependencyError,
        QueryError,
        ReadOnlyError,
        StoreError,
        UcnError,
    )
    from .model import MODEL
    from .rows import Rows
    from .store import ForgetResult, GraphStore, WriteResult, open_store

_EXPORTS = {
    "Batch": ".batch",
    "Document": ".document",
    "parse_document": ".document",
    "DocumentError": ".errors",
    "MissingDependencyError": ".errors",
    "QueryError": ".errors",
    "ReadOnlyError": ".errors",
    "StoreError": ".errors",
    "UcnError": ".errors",
    "MODEL": ".model",
    "Rows": ".rows",
    "ForgetResult": ".store",
    "GraphStore": ".store",
    "WriteResult": ".store",
    "open_store": ".store",
}

__all__ = [
    "MODEL",
    "Batch",
    "Document",
    "DocumentError",
    "ForgetResult",
    "GraphStore",
    "MissingDependencyError",
    "QueryError",
    "ReadOnlyError",
    "Rows",
    "StoreError",
    "UcnError",
    "WriteResult",
    "open_store",
    "parse_document",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
