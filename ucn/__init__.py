"""ucn: news articles about urban cooperation, as a knowledge graph.

>>> import ucn
>>> store = ucn.open_store("ucn.db")                    # doctest: +SKIP
>>> ucn.load_paths(store, ["samples/"])                 # doctest: +SKIP
>>> store.run("MATCH (c:City) RETURN c.name AS city").to_pandas()  # doctest: +SKIP

Names are imported on first use, so that a short command loads only what it needs; so is
`__version__` (read from the installed package's metadata).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .graph.lazy import lazy_exports

if TYPE_CHECKING:
    from .graph.batch import Batch
    from .graph.document import parse_document
    from .graph.errors import UcnError
    from .graph.model import MODEL
    from .graph.rows import Rows
    from .graph.store import GraphStore, open_store
    from .loaders.documents import read_document
    from .loaders.load import load_paths

_EXPORTS = {
    "MODEL": ".graph.model",
    "Batch": ".graph.batch",
    "GraphStore": ".graph.store",
    "UcnError": ".graph.errors",
    "Rows": ".graph.rows",
    "open_store": ".graph.store",
    "parse_document": ".graph.document",
    "load_paths": ".loaders.load",
    "read_document": ".loaders.documents",
}

__all__ = [
    "MODEL",
    "Batch",
    "GraphStore",
    "Rows",
    "UcnError",
    "load_paths",
    "open_store",
    "parse_document",
    "read_document",
]

# What `__version__` is when no installed package says: a source tree on sys.path, not installed.
UNKNOWN_VERSION = "0+unknown"


def _version() -> str:
    """The installed distribution's version (pyproject.toml's, as pip recorded it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ucn")
    except PackageNotFoundError:
        return UNKNOWN_VERSION


_exported, _listed = lazy_exports(__name__, _EXPORTS)


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    return _exported(name)


def __dir__() -> list[str]:
    return sorted({*_listed(), "__version__"})
