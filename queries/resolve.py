"""Entity parameters: a node named by its id, its name or any alias, as the loaders name it.

"TP HCM", "Thành phố Hồ Chí Minh", "Ho Chi Minh City" and "city/ho-chi-minh" all reach the same
node. Names are compared as the loaders' alias index compares them (case and tone placement
folded), then with diacritics dropped ("da nang"); the shipped gazetteer adds the aliases an
article may not have used. An unknown name gives the closest names the graph holds.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..graph.errors import UcnError
from ..graph.ids import slugify
from ..graph.model import MODEL
from ..graph.names import alias_key, default_paths, read_entries
from ..graph.store import GraphStore

ENTITY_LABELS = tuple(label for label in MODEL.labels if label != "Article")


class EntityNotFound(UcnError):
    """No node answers to a name, or several do."""


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()


def ascii_key(name: str) -> str:
    """`Đà Nẵng`, `da nang`, `Da-Nang` -> `danang`."""
    return slugify(name).replace("-", "")


@cache
def _gazetteer_ids() -> dict[str, tuple[str, ...]]:
    """alias key -> ids of the shipped gazetteer's entries with a name of that key."""
    keys: dict[str, list[str]] = {}
    for path in default_paths():
        for entry in read_entries(path):
            for name in entry.names:
                ids = keys.setdefault(alias_key(name), [])
                if entry.id not in ids:
                    ids.append(entry.id)
    return {key: tuple(ids) for key, ids in keys.items()}


class EntityIndex:
    """Finds nodes of a store by id, name or alias. Reads the names once, on first need."""

    def __init__(self, store: GraphStore):
        self.store = store
        self._nodes: list[Node] | None = None

    def _exact(self, value: str, labels: Sequence[str]) -> list[Node]:
        """Nodes whose id, name or an alias is exactly `value` (no scan in Python)."""
        found = []
        for label in labels:  # an id is a key lookup; only then scan names and aliases
            rows = self.store.run(
                f"MATCH (n:{label} {{id: $v}}) "
                "RETURN n.id AS id, n.name AS name, n.aliases AS aliases",
                {"v": value},
            )
            found += [Node(r["id"], label, r["name"], tuple(r["aliases"] or ())) for r in rows]
        if found:
            return found
        for label in labels:
            rows = self.store.run(
                f"MATCH (n:{label}) WHERE n.name = $v OR $v IN n.aliases "
                "RETURN n.id AS id, n.name AS name, n.aliases AS aliases",
                {"v": value},
            )
            found += [Node(r["id"], label, r["name"], tuple(r["aliases"] or ())) for r in rows]
        by_id = [n for n in found if n.id == value]
        by_name = [n for n in found if n.name == value]
        return by_id or by_name or found

    def nodes(self) -> list[Node]:
        if self._nodes is None:
            self._nodes = [
                Node(r["id"], label, r["name"], tuple(r["aliases"] or ()))
                for label in ENTITY_LABELS
                for r in self.store.run(
                    f"MATCH (n:{label}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases"
                )
            ]
        return self._nodes

    def _keyed(self, value: str, labels: Sequence[str]) -> list[Node] | None:
        """The nodes with a name or alias of `value`'s folded key, found by the stored keys
        (model.NAME_KEYS) in the engine; None for a graph written before they were stored."""
        key = ascii_key(value)
        found: list[Node] = []
        for label in labels:
            rows = self.store.run(
                f"MATCH (n:{label}) WHERE $key IN n.keys "
                "RETURN n.id AS id, n.name AS name, n.aliases AS aliases",
                {"key": key},
            )
            found += [Node(r["id"], label, r["name"], tuple(r["aliases"] or ())) for r in rows]
        if not found and self._unkeyed(labels):
            return None
        return found

    def _unkeyed(self, labels: Sequence[str]) -> bool:
        return any(
            self.store.run(f"MATCH (n:{label}) WHERE n.keys IS NULL RETURN n.id AS id LIMIT 1")
            for label in labels
        )

    def _by_ids(self, ids: Iterable[str], labels: Sequence[str]) -> list[Node]:
        found = []
        for node_id in ids:
            label = next((x for x in labels if x.lower() == node_id.split("/", 1)[0]), "")
            if label:
                rows = self.store.run(
                    f"MATCH (n:{label} {{id: $id}}) "
                    "RETURN n.id AS id, n.name AS name, n.aliases AS aliases",
                    {"id": node_id},
                )
                found += [Node(r["id"], label, r["name"], tuple(r["aliases"] or ())) for r in rows]
        return found

    def candidates(self, value: str, labels: Sequence[str] = ()) -> list[Node]:
        """Every node `value` may name, best evidence first: exact id, name or alias; the
        same name folded as the loaders fold it; the gazetteer's aliases; without diacritics.
        Names are looked up by their stored folded keys, not read into Python."""
        labels = tuple(labels) or ENTITY_LABELS
        exact = self._exact(value, labels)
        if exact:
            return exact
        keyed = self._keyed(value, labels)
        pool = keyed if keyed is not None else [n for n in self.nodes() if n.label in labels]
        for key_of in (alias_key, None, ascii_key):
            if key_of is None:  # the gazetteer's names for the nodes it knows
                ids = set(_gazetteer_ids().get(alias_key(value), ()))
                hits = [n for n in pool if n.id in ids]
                if not hits and keyed is not None:
                    hits = self._by_ids(sorted(ids), labels)
            else:
                key = key_of(value)
                named = [n for n in pool if key_of(n.name) == key]
                hits = named or [n for n in pool if any(key_of(a) == key for a in n.aliases)]
            if hits:
                return hits
        return []

    def resolve(self, value: str, labels: Sequence[str] = (), *, what: str = "entity") -> Node:
        """The one node `value` names; an error naming the closest ones otherwise."""
        value = value.strip()
        hits = self.candidates(value, labels)
        kinds = "/".join(labels) if labels else "entity"
        if len(hits) == 1:
            return hits[0]
        if hits:
            listed = "; ".join(f"{n.name} ({n.id})" for n in hits[:6])
            raise EntityNotFound(
                f"{what}: {value!r} names {len(hits)} nodes: {listed}. Give the id instead."
            )
        close = self.closest(value, labels)
        hint = f"; closest: {'; '.join(f'{n.name} ({n.id})' for n in close)}" if close else ""
        raise EntityNotFound(f"{what}: no {kinds} named {value!r} in the graph{hint}")

    def closest(self, value: str, labels: Sequence[str] = (), n: int = 5) -> list[Node]:
        """The nodes whose names or aliases are spelt most like `value` (diacritics ignored)."""
        labels = tuple(labels) or ENTITY_LABELS
        keyed: dict[str, list[Node]] = {}
        for node in self.nodes():
            if node.label in labels:
                for name in (node.name, *node.aliases, node.id.split("/", 1)[-1]):
                    keyed.setdefault(ascii_key(name), []).append(node)
        best = difflib.get_close_matches(ascii_key(value), list(keyed), n=n * 2, cutoff=0.6)
        return _unique(node for key in best for node in keyed[key])[:n]


def _unique(nodes: Iterable[Node]) -> list[Node]:
    seen: dict[str, Node] = {}
    for node in nodes:
        seen.setdefault(node.id, node)
    return list(seen.values())
