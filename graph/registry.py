"""Which store opens a location: a registry keyed by the location's scheme.

A plain path (no `scheme://`) is the embedded LadybugDB file; `bolt://`, `bolt+s://`,
`bolt+ssc://`, `neo4j://`, `neo4j+s://` and `neo4j+ssc://` are a Neo4j server. Entries name
their store class as `module:Class` and are imported on first use, so that opening the embedded
store never loads the Neo4j driver, and the base class (graph/store.py) names no subclass.
Another store joins with `register_store`; its class opens a location with `open_location`.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    from .store import GraphStore

# The scheme of a plain path.
PATH = ""
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

_STORES: dict[str, str | type[GraphStore]] = {
    PATH: ".ladybug_store:LadybugStore",
    **dict.fromkeys(NEO4J_SCHEMES, ".neo4j_store:Neo4jStore"),
}


def register_store(scheme: str, store: str | type[GraphStore]) -> None:
    """Open locations `scheme://...` with `store`: a GraphStore subclass, or `module:Class`
    (relative to this package when it starts with a dot), imported when first needed."""
    _STORES[scheme.lower()] = store


def scheme_of(location: str | os.PathLike[str]) -> str:
    """`bolt` for `bolt://host`, PATH ("") for a path (a drive letter is not a scheme)."""
    scheme, sep, _ = os.fspath(location).partition("://")
    if not sep or not scheme or not all(c.isalnum() or c in "+-." for c in scheme):
        return PATH
    return scheme.lower()


def store_class(location: str | os.PathLike[str]) -> type[GraphStore]:
    """The store class that opens `location`."""
    scheme = scheme_of(location)
    entry = _STORES.get(scheme)
    if entry is None:
        known = ", ".join(f"{s}://" for s in sorted(_STORES) if s)
        raise StoreError(f"{location}: no store opens {scheme}:// locations (known: {known})")
    if isinstance(entry, str):
        module, _, name = entry.partition(":")
        entry = getattr(importlib.import_module(module, __package__), name)
        _STORES[scheme] = entry
    assert not isinstance(entry, str)
    return entry
