"""The graph core: domain model, validation, and the stores (embedded LadybugDB, Neo4j)."""

from .batch import Batch
from .document import Document, parse_document
from .errors import DocumentError, QueryError, ReadOnlyError, StoreError, UcnError
from .model import MODEL
from .store import ForgetResult, GraphStore, WriteResult, open_store

__all__ = [
    "MODEL",
    "Batch",
    "Document",
    "DocumentError",
    "ForgetResult",
    "GraphStore",
    "QueryError",
    "ReadOnlyError",
    "StoreError",
    "UcnError",
    "WriteResult",
    "open_store",
    "parse_document",
]
