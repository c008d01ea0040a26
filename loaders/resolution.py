"""Identity across articles: one node per real thing, whichever article named it first.

Within an article, coreference (coref.py) gives one entity per thing, and an entity's id is its
type and folded name, so that "Đà Nẵng" and "Da Nang" are one node in every article. What a
name's folding cannot join is resolved here, from variant names, conservatively:

- a person's name in the other order ("Hashimoto Masaru", "Masaru Hashimoto");
- a body's name with its abbreviations written out ("Sở VHTT&DL", "Sở Văn hóa, Thể thao và
  Du lịch"; the table is data: lexicons/abbreviations.tsv);
- an acronym one article defined ("Hiệp hội X (ABC)") and another used alone ("ABC").

At load time (`CorpusResolver`), an entity the graph does not hold under its own id takes the id
of the one node that holds a variant of its name, unless a curator decided the two apart. The
curator's decisions (graph/decisions.py) come first. `candidates` reports the pairs that look
alike but are not joined automatically, with their evidence, for a curator to decide.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..graph import cypher
from ..graph.decisions import Decisions, remap
from ..graph.document import Document, Entity
from ..graph.ids import node_id, slugify
from ..graph.model import MODEL
from ..graph.store import GraphStore, chunks, label_of
from .abbreviations import expand
from .events import shared_occasion
from .lexicon import words

ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9&.-]{1,9}$")
# Labels whose nodes are resolved across articles; places come from the gazetteer, events are
# joined by their ids alone (events.py), articles are never joined.
RESOLVED = ("Person", "Organization", "Network")
SIMILAR = 0.9  # the least spelling likeness of two names the report proposes


def _compatible(first: str, second: str) -> bool:
    """Dates of reduced precision that may name one day: equal where both are known."""
    if not first or not second:
        return True
    pairs = zip(first.split("-"), second.split("-"), strict=False)  # the shorter one's parts
    return all(a == b or "X" in (a + b) for a, b in pairs)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _event_key(name: str) -> str:
    """An event's name as two articles may both write it ("The Metropolis Congress")."""
    return slugify(re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE))


def _years(name: str, date: str) -> set[str]:
    """The years an event's name and date give it."""
    return set(_YEAR.findall(name)) | ({date[:4]} if date[:4].isdigit() else set())


def _agree(first: set[str], second: set[str]) -> bool:
    return not first or not second or first == second


def is_acronym(name: str) -> bool:
    letters = re.sub(r"[^\w]", "", name)
    return bool(ACRONYM.match(name)) and sum(c.isalpha() for c in letters) >= 2


HONORIFICS = frozenset(words("titles", kind="honorific"))
ORDER_FAMILY_NAMES = frozenset(words("name_order"))
# Why two ids may name one thing, and whether that is enough to join them at load time
# (the rest only goes to the curator's report).
AUTOMATIC = frozenset({"honorific", "abbreviation", "acronym", "name order"})


def without_honorifics(name: str) -> str:
    """A person's name without the forms of address before it ("Dr. Maria Lopez")."""
    parts = name.split()
    while len(parts) > 2 and parts[0] in HONORIFICS:
        parts = parts[1:]
    return " ".join(parts)


def variant_ids(label: str, names: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(id, why) for the ids another article may have given the thing named `names`."""
    for name in names:
        if label == "Person":
            bare = without_honorifics(name)
            if bare != name:
                yield node_id(label, bare), "honorific"
            parts = bare.split()
            if 2 <= len(parts) <= 3:
                order = "name order" if ORDER_FAMILY_NAMES & {parts[0], parts[-1]} else "order"
                yield node_id(label, " ".join(reversed(parts))), order
        if label in ("Organization", "Network"):
            full = expand(name)
            if full != name:
                yield node_id(label, full), "abbreviation"
            if is_acronym(name):
                yield node_id(label, name), "acronym"


class CorpusResolver:
    """Applies the curator's decisions, then joins an article's entities to the nodes the graph
    (or an earlier article of the same load) holds under a variant of their names."""

    def __init__(
        self,
        store: GraphStore | None,
        decisions: Decisions | None = None,
        *,
        automatic: bool = True,
    ):
        self.store = store
        self.automatic = automatic
        self.decisions = decisions or Decisions()
        self._known: set[str] = set()  # ids of this load's earlier documents
        self._stored: dict[str, bool] = {}
        # What this load's earlier documents named, before it is written: acronyms a body was
        # given, and events by name with their dates.
        self._acronyms: dict[tuple[str, str], set[str]] = {}
        self._events: dict[str, dict[str, tuple[str, str]]] = {}  # name -> id -> date, place
        self._names: dict[str, set[str]] = {}  # names and aliases of the ids known so far
        self.joined = 0  # entities joined to another article's node
        self.joins: list[tuple[str, str]] = []  # (the entity's own id, the node it joined)

    def _exists(self, ids: Iterable[str]) -> set[str]:
        ask = [i for i in ids if i not in self._known and i not in self._stored]
        if ask and self.store is not None:
            by_label: dict[str, list[str]] = {}
            for i in ask:
                by_label.setdefault(label_of(i), []).append(i)
            for label, wanted in by_label.items():
                for part in chunks(sorted(set(wanted))):
                    for row in self.store.run(cypher.fetch_nodes(label), {"ids": part}):
                        self._stored[row["id"]] = True
                        names = self._names.setdefault(row["id"], set())
                        names.update((row["name"], *(row.get("aliases") or ())))
        for i in ask:
            self._stored.setdefault(i, False)
        return {i for i in ids if i in self._known or self._stored.get(i)}

    def _claimants(self, label: str, acronym: str) -> set[str]:
        """The nodes that have `acronym` among their aliases (bodies that defined it)."""
        ids = set(self._acronyms.get((label, acronym), ()))
        if self.store is not None:
            rows = self.store.run(
                f"MATCH (n:{label}) WHERE $name IN n.aliases RETURN n.id AS id",
                {"name": acronym},
            )
            ids |= {r["id"] for r in rows}
        return ids

    def _by_acronym(self, entity: Entity) -> str | None:
        """The one node that defined `entity`'s name, an acronym, as its own."""
        ids = self._claimants(entity.type, entity.name) - {entity.id}
        return ids.pop() if len(ids) == 1 else None

    def _acronym_free(self, entity: Entity, node: str) -> bool:
        """Whether `node`, named by one of `entity`'s acronyms alone so far, may take
        `entity`'s full name: no other body defined the acronym, and `node` has no other full
        name."""
        acronyms = [
            n
            for n in (entity.name, *entity.aliases)
            if is_acronym(n) and node_id(entity.type, n) == node
        ]
        if any(self._claimants(entity.type, a) - {node, entity.id} for a in acronyms):
            return False
        theirs = {n for n in self._names.get(node, ()) if not is_acronym(n)}
        return not theirs or bool(theirs & {entity.name, *entity.aliases})

    def _same_occasion(self, event: Entity) -> str | None:
        """The one event another article gave the same name, at a compatible date and place:
        a name that tells one occasion from others and a time to place it in (events.py
        shared_occasion; generic ones stay their article's own), years that agree wherever the
        names or the dates give one (2017 and 2017-11-10 agree, 2017 and 2019 do not), and
        the same place where both name one."""
        date = event.properties.get("date") or ""
        if event.id in self._known or not shared_occasion(event.name, date):
            return None
        key = _event_key(event.name)
        known = dict(self._events.get(key, {}))
        if self.store is not None:
            rows = self.store.run(
                "MATCH (e:Event) WHERE e.id STARTS WITH $prefix RETURN e.id AS id, "
                "e.name AS name, e.date AS date, e.location AS location",
                {"prefix": node_id("Event", event.name)},
            )
            for row in rows:
                if _event_key(row["name"]) == key and shared_occasion(row["name"], row["date"]):
                    known[row["id"]] = (row["date"] or "", row["location"] or "")
        place = slugify(event.properties.get("location") or "")
        years = _years(event.name, date)
        found = {
            i
            for i, (d, p) in known.items()
            if i != event.id
            and _compatible(date, d)
            and _agree(years, _years(key, d))
            and (not place or not p or slugify(p) == place)
        }
        return found.pop() if len(found) == 1 else None

    def resolve(self, document: Document) -> Document:
        document = self.decisions.apply(document)
        if not self.automatic:
            return document
        entities = [e for e in document.entities if e.type in RESOLVED]
        wanted = {
            e.id: [
                (i, why)
                for i, why in variant_ids(e.type, (e.name, *e.aliases))
                if why in AUTOMATIC and i != e.id
            ]
            for e in entities
        }
        events = [e.id for e in document.entities if e.type == "Event"]
        exists = self._exists([*wanted, *events, *(i for v in wanted.values() for i, _ in v)])
        into: dict[str, str] = {}
        for entity in entities:
            if entity.id in exists:
                continue
            found = {
                i
                for i, why in wanted[entity.id]
                if i in exists and (why != "acronym" or self._acronym_free(entity, i))
            }
            exists.add(entity.id)  # a later entity of the article may be a variant of this one
            if not found and is_acronym(entity.name):
                by_acronym = self._by_acronym(entity)
                found = {by_acronym} if by_acronym else set()
            found = {self.decisions.target(i) for i in found}
            found = {i for i in found if not self.decisions.apart(entity.id, i)}
            if len(found) == 1:
                into[entity.id] = found.pop()
        for entity in document.entities:
            if entity.type == "Event" and entity.id not in exists and entity.id not in into:
                same = self._same_occasion(entity)
                if same and not self.decisions.apart(entity.id, same):
                    into[entity.id] = same
        if into:
            self.joined += len(into)
            self.joins += into.items()
            document = remap(document, into)
        for entity in document.entities:
            self._remember(entity)
        return document

    def _remember(self, entity: Entity) -> None:
        """What a later document of this load may be joined to: the entity's id, names,
        acronyms, and an event's date and place (the first known of each)."""
        self._known.add(entity.id)
        self._stored[entity.id] = True
        names = (entity.name, *entity.aliases)
        self._names.setdefault(entity.id, set()).update(names)
        for name in names:
            if entity.type in RESOLVED and is_acronym(name) and name != entity.name:
                self._acronyms.setdefault((entity.type, name), set()).add(entity.id)
        date = entity.properties.get("date") or ""
        if entity.type != "Event" or not shared_occasion(entity.name, date):
            return
        place = entity.properties.get("location") or ""
        known = self._events.setdefault(_event_key(entity.name), {})
        old_date, old_place = known.get(entity.id, ("", ""))
        known[entity.id] = (old_date or date, old_place or place)


# -- the curator's report -------------------------------------------------------------------------
@dataclass
class Node:
    id: str
    label: str
    name: str
    aliases: list[str]
    sources: list[str]

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Candidate:
    """Two nodes that may be one thing: `keep` the one with more support."""

    keep: Node
    other: Node
    reason: str
    score: float
    evidence: dict[str, str] = field(default_factory=dict)

    def row(self) -> dict[str, object]:
        return {
            "decision": "",
            "id": self.keep.id,
            "other": self.other.id,
            "name": self.keep.name,
            "note": "",
            "label": self.keep.label,
            "reason": self.reason,
            "score": round(self.score, 3),
            "other_name": self.other.name,
            "id_articles": len(self.keep.sources),
            "other_articles": len(self.other.sources),
            "id_aliases": "|".join(self.keep.aliases),
            "other_aliases": "|".join(self.other.aliases),
            "id_evidence": self.evidence.get(self.keep.id, ""),
            "other_evidence": self.evidence.get(self.other.id, ""),
        }


REPORT_COLUMNS = tuple(Candidate(Node("", "", "", [], []), Node("", "", "", [], []), "", 0.0).row())


def _nodes(store: GraphStore, label: str) -> list[Node]:
    return [
        Node(row["id"], label, row["name"], list(row["aliases"] or ()), list(row["sources"] or ()))
        for page in store.iter_nodes(label)
        for row in page
    ]


def _key(name: str) -> str:
    return slugify(name).replace("-", "")


def _pairs(nodes: list[Node]) -> Iterator[tuple[Node, Node, str, float]]:
    """Pairs of nodes that share a key: a name or alias, a variant of one, or a near spelling."""
    by_id = {n.id: n for n in nodes}
    keyed: dict[str, list[Node]] = {}
    for node in nodes:
        for name in node.names:
            keyed.setdefault(_key(name), []).append(node)
    for group in keyed.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if first is not second:
                    yield first, second, "shared name", 1.0
    for node in nodes:
        for variant, why in variant_ids(node.label, node.names):
            other = by_id.get(variant)
            if other is not None and other is not node:
                yield node, other, why, 1.0
    # Near spellings: names that differ in one long word, spelt alike (sorted: neighbours).
    spelt: dict[str, list[Node]] = {}
    for node in nodes:
        for name in node.names:
            spelt.setdefault(slugify(name), []).append(node)
    keys = sorted(spelt)
    for first_key, second_key in itertools.pairwise(keys):
        ratio = _near(first_key, second_key)
        if ratio >= SIMILAR:
            for first in spelt[first_key]:
                for second in spelt[second_key]:
                    if first is not second:
                        yield first, second, "similar spelling", ratio


def _near(first: str, second: str) -> float:
    """How alike two slugs are spelt, when they differ in one word of five letters or more
    (a typo in a long name, not "An" and "Anh", two people); else 0."""
    a, b = first.split("-"), second.split("-")
    if len(a) != len(b):
        return 0.0
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differ) != 1 or min(len(differ[0][0]), len(differ[0][1])) < 5:
        return 0.0
    x, y = differ[0]
    if any(c.isdigit() for c in x + y):
        return 0.0
    return difflib.SequenceMatcher(None, first, second).ratio()


def _evidence(store: GraphStore, node: Node) -> str:
    """A sentence that names the node, else the title of an article that does."""
    rows = store.run(
        f"MATCH (n:{node.label} {{id: $id}})-[r]-() RETURN r.evidence AS evidence LIMIT 20",
        {"id": node.id},
    )
    for row in rows:
        for sentence in row["evidence"] or ():
            if sentence:
                return str(sentence)
    if node.sources:
        rows = store.run(
            "MATCH (a:Article {id: $id}) RETURN a.title AS title", {"id": node.sources[0]}
        )
        if rows and rows[0]["title"]:
            return f"(article) {rows[0]['title']}"
    return ""


def candidates(
    store: GraphStore, decisions: Decisions | None = None, labels: Iterable[str] = RESOLVED
) -> list[Candidate]:
    """Pairs of nodes that may be one thing and are not decided on, surest first."""
    decisions = decisions or Decisions()
    found: dict[frozenset[str], Candidate] = {}
    for label in labels:
        if label not in MODEL.labels:
            continue
        for first, second, reason, score in _pairs(_nodes(store, label)):
            pair = frozenset((first.id, second.id))
            if pair in found or decisions.apart(first.id, second.id):
                continue
            keep, other = sorted(
                (first, second), key=lambda n: (-len(n.sources), -len(n.name), n.id)
            )
            found[pair] = Candidate(keep, other, reason, score)
    result = sorted(found.values(), key=lambda c: (-c.score, c.keep.label, c.keep.id, c.other.id))
    for candidate in result:
        for node in (candidate.keep, candidate.other):
            candidate.evidence[node.id] = _evidence(store, node)
    return result
