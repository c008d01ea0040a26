"""ucn: news articles about urban cooperation, as a knowledge graph.

>>> import ucn
>>> store = ucn.open_store("ucn.db")                    # doctest: +SKIP
>>> ucn.load_paths(store, ["samples/"])                 # doctest: +SKIP
>>> store.run("MATCH (c:City) RETURN c.name AS city")   # doctest: +SKIP
"""

from .graph import MODEL, Batch, GraphStore, UcnError, open_store, parse_document
from .loaders import load_paths, read_document

__all__ = [
    "MODEL",
    "Batch",
    "GraphStore",
    "UcnError",
    "load_paths",
    "open_store",
    "parse_document",
    "read_document",
]
