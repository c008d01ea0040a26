"""A curator's identity decisions: which nodes are one thing, which stay apart, which name
belongs to which node. Every load applies them, so that curated work survives a reload.

The decisions are a CSV file (by default beside the database: `ucn.decisions.csv` for
`ucn.db`), one decision per row, with the header `decision,id,other,name,note`:

- `merge`: the node `other` is the node `id`; `name`, when given, is the name the node keeps.
- `apart`: `id` and `other` are different things; automatic resolution never joins them.
- `alias`: a mention whose name is `other` (compared as ids compare names: case, diacritics
  and punctuation folded) and whose type is that of `id` is the node `id`.

Applying them to a document renames the entities the decisions move and re-points the facts; a
fact that would join a node to itself is dropped. The file is edited by `ucn resolve` or by hand.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .document import CONTROL_CHARS, Document, Entity, Relation, shown
from .errors import UcnError
from .ids import slugify
from .model import MODEL

if TYPE_CHECKING:
    from .store import GraphStore, WriteResult

KINDS = ("merge", "apart", "alias")
COLUMNS = ("decision", "id", "other", "name", "note")
ENTITY_PREFIXES = {label.lower(): label for label in MODEL.labels if label != "Article"}


class DecisionError(UcnError):
    """A decisions file or a decision that cannot be applied."""


@dataclass(frozen=True)
class Decision:
    kind: str
    id: str
    other: str
    name: str = ""
    note: str = ""

    def row(self) -> dict[str, str]:
        values = (self.kind, self.id, self.other, self.name, self.note)
        return dict(zip(COLUMNS, values, strict=True))


def label_of_id(node_id: str) -> str | None:
    """The label an entity id names by its prefix (`city/hue` -> City), None if none."""
    prefix, slash, rest = node_id.partition("/")
    return ENTITY_PREFIXES.get(prefix) if slash and rest else None


def alias_id(node_id: str, name: str) -> str:
    """The id a mention named `name` would get, of the type of `node_id`."""
    slug = slugify(name)
    if not slug:
        raise DecisionError(f"the alias {name!r} has no letters or digits")
    return f"{node_id.split('/', 1)[0]}/{slug}"


def decisions_path(db: str | os.PathLike[str]) -> Path:
    """Where the decisions of the embedded database `db` live by default."""
    path = Path(db)
    return path.with_name(f"{path.stem if path.suffix else path.name}.decisions.csv")


class Decisions:
    """Decisions in the order given; later ones must agree with earlier ones."""

    def __init__(self, decisions: Iterable[Decision] = ()):
        self.rows: list[Decision] = []
        self._into: dict[str, str] = {}  # a merged-away id -> the id it became
        self._names: dict[str, str] = {}  # a kept id -> the name it keeps
        self._apart: set[frozenset[str]] = set()
        self._aliases: dict[str, str] = {}  # the id a name would get -> the node it names
        for decision in decisions:
            self.add(decision)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    # -- reading and writing -------------------------------------------------------------------
    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Decisions:
        """The decisions of a CSV file; none if it does not exist."""
        path = Path(path)
        if not path.exists():
            return cls()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise DecisionError(f"{path}: cannot read the decisions ({exc})") from None
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, origin: str = "<decisions>") -> Decisions:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None:
            return cls()
        header = [cell.strip().lower() for cell in header]
        missing = [c for c in COLUMNS[:3] if c not in header]
        if missing:
            raise DecisionError(f"{origin}, line 1: the header lacks the column {missing[0]!r}")
        decisions = cls()
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise DecisionError(
                    f"{origin}, line {line}: {len(cells)} cells, the header has {len(header)}"
                )
            row = dict(zip(header, (c.strip() for c in cells), strict=False))
            try:
                decisions.add(
                    Decision(
                        row.get("decision", "").lower(),
                        row.get("id", ""),
                        row.get("other", ""),
                        row.get("name", ""),
                        row.get("note", ""),
                    )
                )
            except DecisionError as exc:
                raise DecisionError(f"{origin}, line {line}: {exc}") from None
        return decisions

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for decision in self.rows:
            writer.writerow(decision.row())
        return out.getvalue()

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the file whole, or leave the old one as it was."""
        path = Path(path)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_text(self.to_csv(), encoding="utf-8")
        os.replace(partial, path)

    # -- deciding ------------------------------------------------------------------------------
    def add(self, decision: Decision) -> None:
        """Record a decision, or raise DecisionError naming why it cannot stand."""
        if decision.kind not in KINDS:
            raise DecisionError(f"unknown decision {decision.kind!r} (one of: {', '.join(KINDS)})")
        for value in (decision.id, decision.other, decision.name, decision.note):
            if CONTROL_CHARS.search(value):
                raise DecisionError(f"{shown(value)} holds a control character")
        label = label_of_id(decision.id)
        if label is None:
            raise DecisionError(f"{decision.id!r} is not the id of an entity (type/name)")
        if decision.kind == "alias":
            other = alias_id(decision.id, decision.other)
        else:
            other = decision.other
            other_label = label_of_id(other)
            if other_label is None:
                raise DecisionError(f"{other!r} is not the id of an entity (type/name)")
            if decision.kind == "merge" and other_label != label:
                raise DecisionError(
                    f"cannot merge {other!r} into {decision.id!r}: a {other_label} is not a {label}"
                )
        if other == decision.id and decision.kind != "alias":
            raise DecisionError(f"{decision.id!r} is given twice: a decision needs two nodes")
        keep, gone = self.target(decision.id), self.target(other)
        if decision.kind == "alias":
            self._aliases[other] = keep
        if decision.kind == "apart":
            if keep == gone:
                raise DecisionError(
                    f"{decision.id!r} and {other!r} are already one node by an earlier merge"
                )
            self._apart.add(frozenset((keep, gone)))
        elif keep != gone:
            if self.apart(keep, gone):
                raise DecisionError(
                    f"{decision.id!r} and {other!r} were decided apart; remove that decision first"
                )
            self._into[gone] = keep
            for source, target in list(self._into.items()):
                if target == gone:
                    self._into[source] = keep
            self._apart = {
                frozenset(keep if i == gone else i for i in pair) for pair in self._apart
            }
            self._aliases = {k: keep if v == gone else v for k, v in self._aliases.items()}
            if gone in self._names:
                self._names.setdefault(keep, self._names.pop(gone))
        if decision.name and decision.kind != "apart":
            self._names[keep] = decision.name
        self.rows.append(decision)

    def target(self, node_id: str) -> str:
        """The id `node_id` is once the merges are applied (itself if none moves it)."""
        return self._into.get(node_id, node_id)

    def apart(self, first: str, second: str) -> bool:
        """Whether the two ids were decided to be different things."""
        return frozenset((self.target(first), self.target(second))) in self._apart

    def name_of(self, node_id: str) -> str | None:
        """The name a curator gave the node, if any."""
        return self._names.get(self.target(node_id))

    def moved(self) -> dict[str, str]:
        """Every id that the merges move, and where to."""
        return dict(self._into)

    def touched(self) -> set[str]:
        """The ids whose articles the decisions may change: moved, renamed, or kept apart."""
        apart = {i for pair in self._apart for i in pair}
        return set(self._into) | set(self._names) | apart | set(self._aliases.values())

    def aliases(self) -> list[tuple[str, str]]:
        """(node id, alias as written) of every alias decision."""
        return [(self.target(d.id), d.other) for d in self.rows if d.kind == "alias"]

    # -- applying ------------------------------------------------------------------------------
    def _target_of(self, entity: Entity) -> str:
        """Where an entity goes: its id's merge; the node an alias decision gives one of its
        names; or, where two nodes were decided apart, the one its own name makes (a join made
        by name before the decision is undone so)."""
        moved = self._into.get(entity.id)
        if moved:
            return moved
        prefix = entity.id.split("/", 1)[0]
        for name in (entity.name, *entity.aliases):
            slug = slugify(name)
            by_alias = self._aliases.get(f"{prefix}/{slug}") if slug else None
            if by_alias:
                return self.target(by_alias)
        own = _own_id(entity)
        if own and own != entity.id and frozenset((entity.id, own)) in self._apart:
            return own
        return entity.id

    def apply(self, document: Document) -> Document:
        """The document as the decisions have it: entities renamed, facts re-pointed."""
        if not self.rows:
            return document
        return remap(document, {e.id: self._target_of(e) for e in document.entities}, self._names)


def _own_id(entity: Entity) -> str | None:
    """The id an entity's own name gives it."""
    slug = slugify(entity.name)
    return f"{entity.id.split('/', 1)[0]}/{slug}" if slug else None


def remap(
    document: Document, into: dict[str, str], names: dict[str, str] | None = None
) -> Document:
    """`document` with each entity id `i` replaced by `into[i]` (and renamed `names[id]` where
    given). Entities that become one are folded: the first keeps its name, the others' names
    become aliases; facts are re-pointed, and one that would join a node to itself is dropped."""
    names = names or {}
    if all(into.get(e.id, e.id) == e.id for e in document.entities) and not any(
        e.id in names and names[e.id] != e.name for e in document.entities
    ):
        return document
    merged: dict[str, Entity] = {}
    for entity in document.entities:
        new_id = into.get(entity.id, entity.id)
        name = names.get(new_id)
        given = [entity.name, *entity.aliases]
        old = merged.get(new_id)
        if old is None:
            first = name or entity.name
            merged[new_id] = replace(
                entity, id=new_id, name=first, aliases=tuple(_distinct(given, first))
            )
        else:
            aliases = _distinct([*old.aliases, *given], old.name)
            properties = {**entity.properties, **old.properties}
            merged[new_id] = replace(old, aliases=tuple(aliases), properties=properties)
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for relation in document.relations:
        source = into.get(relation.source, relation.source)
        target = into.get(relation.target, relation.target)
        if MODEL.relations[relation.type].symmetric and target < source:
            source, target = target, source  # a symmetric fact is kept in id order
        key = (relation.type, source, target)
        if source == target or key in seen:
            continue
        seen.add(key)
        relations.append(replace(relation, source=source, target=target))
    return replace(document, entities=tuple(merged.values()), relations=tuple(relations))


def _distinct(names: Iterable[str], name: str) -> Iterator[str]:
    seen = {name}
    for alias in names:
        if alias and alias not in seen:
            seen.add(alias)
            yield alias


def apply_to_store(store: GraphStore, decisions: Decisions) -> tuple[int, WriteResult]:
    """Bring a loaded graph in line with the decisions: every article that supports a node the
    decisions move or rename is loaded again as they have it, in one transaction (sources and
    evidence sentences all kept). Returns the number of articles rewritten and what changed."""
    from .store import WriteResult

    touched = decisions.touched()
    for node, alias in decisions.aliases():  # the nodes that carry the alias as written
        rows = store.run(
            f"MATCH (n:{ENTITY_PREFIXES[node.split('/', 1)[0]]}) "
            "WHERE n.name = $alias OR $alias IN n.aliases RETURN n.id AS id",
            {"alias": alias},
        )
        touched.update(r["id"] for r in rows)
    articles: dict[str, None] = {}
    for sources in store.sources_of(sorted(touched)).values():
        articles.update(dict.fromkeys(sources))
    if not articles:
        return 0, WriteResult()
    return store.rewrite(articles, decisions.apply)
