"""Within-article coreference: one entity per real thing an article names.

Names are resolved through indexes: the same name again, a short name that ends a longer one
(a person named without the family name), an acronym the article defined ("Học viện ABC" once
"ABC" is known), a shortened body ("Sở Xây dựng tỉnh" once the full name is known), and a bare
head word ("Học viện", "thành phố", "the meeting") for the last entity with that head.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..graph.ids import node_id, slugify
from .abbreviations import expand
from .clauses import titles_of_office
from .name_shapes import UPPER, Mention
from .org_names import ACRONYM
from .person_names import FAMILY_NAMES

_WORD = re.compile(r"(?<![\w-])[^\W\d_][\w-]*(?![\w-])")
# A title and what may stand between it and the name it comes with: the body, in capitals.
_TITLE_BEFORE_NAME = re.compile(rf"[{UPPER}][^,;.]*?(?:[ \t]+[{UPPER}][\w.&-]*)*[ \t]+$")
_CAPITAL_NEIGHBOUR = re.compile(rf"[ \t]+[{UPPER}]")
_CAPITAL_BEFORE = re.compile(rf"(?<![.!?:])[{UPPER}][\w-]*[ \t]+$")


@dataclass(eq=False)  # one object per thing in an article: compared by identity
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    iso: str | None = None  # a gazetteer place's country code
    within: str | None = None  # the gazetteer id of the unit a place lies in

    def add_alias(self, alias: str | None) -> None:
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)


# A pronoun for a person that opens a clause (checked before its verb, a lower-case word).
_PRONOUN = re.compile(r"(?:^|(?<=[.;:,“\"]))\s*(?P<pronoun>He|She|he|she|Ông|Bà)\s+(?=[^\W\d_])")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether the words at `start:end` are part of a longer name: a capitalised word beside."""
    return bool(
        _CAPITAL_NEIGHBOUR.match(text, end)
        or _CAPITAL_BEFORE.search(text, max(0, start - 30), start)
    )


def name_key(name: str) -> str:
    return slugify(name).replace("-", "")


def _starting_with(names: list[str], prefix: str) -> Iterator[str]:
    """The names of the sorted list `names` that start with `prefix`."""
    for i in range(bisect_left(names, prefix), len(names)):
        if not names[i].startswith(prefix):
            return
        yield names[i]


class Resolver:
    """One entity per real thing within an article.

    Names are looked up through indexes, not by a scan of all the names known, so that an
    article with thousands of people and bodies still takes time in proportion to its length.
    """

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        self._by_type: dict[str, list[Entity]] = {}
        # Each name's place in `by_name`: of two names that fit, the one known first wins.
        self._order: dict[tuple[str, str], int] = {}
        self._names: list[tuple[str, str]] = []
        self._person_ends: list[str] = []  # people's names reversed, sorted: suffix look-ups
        self._organizations: list[str] = []  # organizations' names, sorted: prefix look-ups
        # A person named again by one part of the name ("Moreau said", "Mayor Diaz"): the first or
        # last word of a known name, when only one person of the article has it.
        self.short: dict[str, Entity | None] = {}
        # A title alone ("Thủ tướng cho biết", "the Mayor said") names the person the article
        # introduced with it, when only one person had that title.
        self.by_title: dict[str, Entity | None] = {}
        # The person named last: "He said", "Ông cho biết" at the start of a clause refer to them.
        self.last_person: Entity | None = None

    def add(self, mention: Mention, surface: str) -> Entity | None:
        if mention.backref:
            return self._last_with_head(mention)
        name = mention.name
        if mention.type == "Organization" and not mention.key:
            name = expand(name)  # one name however the article abbreviates it
        entity_id = mention.key or self._known(mention) or node_id(mention.type, name)
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = Entity(entity_id, mention.type, name)
            if mention.kind:
                entity.properties["kind"] = mention.kind
            if mention.country and mention.type in ("City", "Country"):
                entity.iso = mention.country
                # the model's name for the code: `country` of a city, `code` of a country
                key = "country" if mention.type == "City" else "code"
                entity.properties[key] = mention.country
            if mention.within and mention.type == "City":
                entity.within = mention.within
            self.entities[entity_id] = entity
            self._by_type.setdefault(entity.type, []).append(entity)
            if entity.type == "Person":
                self._short_names(entity)
        for alias in (surface, mention.name, mention.acronym):
            entity.add_alias(alias)
            if alias:
                self._name(mention.type, name_key(alias), entity_id)
        return entity

    def _short_names(self, person: Entity) -> None:
        words = person.name.split()
        if len(words) < 2:
            return
        # A Vietnamese family name is shared by too many people to name one.
        parts = {words[-1]} if words[0] in FAMILY_NAMES else {words[0], words[-1]}
        for part in parts:
            if len(part) >= 3 and part[0].isupper():
                known = self.short.get(part, person)
                self.short[part] = person if known is person else None  # None: ambiguous

    def short_mentions(
        self, text: str, mentions: list[tuple[Mention, Entity]]
    ) -> list[tuple[Mention, Entity]]:
        """`mentions` with the people the sentence names by one part of their name."""
        if not self.short:
            return mentions
        added = []
        for m in _WORD.finditer(text):
            person = self.short.get(m.group(0))
            if person is None or any(x.start < m.end() and m.start() < x.end for x, _ in mentions):
                continue
            if _in_longer_name(text, m.start(), m.end()):
                continue
            added.append((Mention(m.start(), m.end(), "Person", person.name), person))
        return sorted([*mentions, *added], key=lambda pair: pair[0].start) if added else mentions

    def places_named_again(
        self, text: str, mentions: list[tuple[Mention, Entity]]
    ) -> list[tuple[Mention, Entity]]:
        """`mentions` with the places the article found by their shape before ("the city of
        Blois", "Gunpo City") and the sentence names again by their bare name ("Blois")."""
        shaped = {
            e.name: e
            for e in self._by_type.get("City", [])
            if e.iso is None and e.name[:1].isupper()
        }
        if not shaped:
            return mentions
        added = []
        for name, place in shaped.items():
            for found in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
                start, end = found.span()
                if any(m.start < end and start < m.end for m, _ in mentions):
                    continue
                if _in_longer_name(text, start, end):
                    continue
                added.append((Mention(start, end, "City", place.name), place))
        return sorted([*mentions, *added], key=lambda pair: pair[0].start) if added else mentions

    def title_mentions(
        self, text: str, mentions: list[tuple[Mention, Entity]]
    ) -> list[tuple[Mention, Entity]]:
        """`mentions` with the people a sentence names by their title alone; and what titles the
        people it names with a title hold, for the sentences after it."""
        added = []
        for title in titles_of_office().finditer(text):
            start, end = title.span()
            if any(m.start < end and start < m.end for m, _ in mentions):
                continue
            if _CAPITAL_NEIGHBOUR.match(text, end):
                continue  # a title before a name or a body: not alone
            person = self.by_title.get(title.group(0).casefold())
            if person is not None:
                added.append((Mention(start, end, "Person", person.name), person))
        for m, person in mentions:
            if person.type != "Person":
                continue
            before = _TITLE_BEFORE_NAME.search(text, max(0, m.start - 60), m.start)
            held = before and titles_of_office().pattern.search(before.group(0))
            if held:
                key = held.group(0).casefold()
                known = self.by_title.get(key, person)
                self.by_title[key] = person if known is person else None  # None: ambiguous
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda pair: pair[0].start)

    def pronoun_mentions(
        self, text: str, mentions: list[tuple[Mention, Entity]]
    ) -> list[tuple[Mention, Entity]]:
        """`mentions` with the person a pronoun opening a clause stands for ("He said", ", she
        added", "Ông cho biết"): the person named last before it, in this sentence or earlier.
        Then the person named last becomes the one this sentence named last."""
        added = []
        people = [(m, e) for m, e in mentions if e.type == "Person"]
        for found in _PRONOUN.finditer(text):
            start, end = found.span("pronoun")
            if not text[found.end()].islower():
                continue  # "Ông Nguyễn Văn An": an honorific before a name
            if any(m.start < end and start < m.end for m, _ in mentions):
                continue
            earlier = [e for m, e in people if m.end <= start]
            person = earlier[-1] if earlier else self.last_person
            if person is not None:
                added.append((Mention(start, end, "Person", person.name), person))
        if people:
            self.last_person = people[-1][1]
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda pair: pair[0].start)

    def _name(self, etype: str, key: str, entity_id: str) -> None:
        name = (etype, key)
        if name not in self._order:
            self._order[name] = len(self._names)
            self._names.append(name)
            if etype == "Person":
                insort(self._person_ends, key[::-1])
            elif etype == "Organization":
                insort(self._organizations, key)
        self.by_name[name] = entity_id

    def _last_with_head(self, mention: Mention) -> Entity | None:
        head = mention.name.casefold()
        for entity in reversed(self._by_type.get(mention.type, ())):
            if (
                mention.type in ("City", "Network")
                or entity.name.casefold().startswith(head)
                or any(a.casefold().startswith(head) for a in entity.aliases)
            ):
                return entity
        return None

    def _known(self, mention: Mention) -> str | None:
        etype, key = mention.type, name_key(mention.name)
        found = self.by_name.get((etype, key))
        if found:
            return found
        # "Học viện ABC" once "ABC" is known; a person named without the family name; "Sở Xây
        # dựng tỉnh" once "Sở Xây dựng tỉnh X" is known. Of the names that fit, the
        # one known first.
        fits: list[str] = []
        if etype in ("Person", "Organization", "Network"):  # names that end the key
            fits += (
                alias
                for alias in (key[i:] for i in range(len(key) + 1))
                if (etype, alias) in self._order
                and (etype == "Person" or (len(alias) >= 3 and alias.isalnum()))
            )
        if etype == "Person":  # names that the key ends
            fits += (end[::-1] for end in _starting_with(self._person_ends, key[::-1]))
        if etype == "Organization" and len(key) >= 10:  # names that the key starts
            fits += _starting_with(self._organizations, key)
        if not fits:
            return None
        first = min(self._order[(etype, alias)] for alias in fits)
        return self.by_name[self._names[first]]


def with_defined_acronyms(
    text: str, mentions: list[tuple[Mention, Entity]], resolver: Resolver
) -> list[tuple[Mention, Entity]]:
    """Acronyms the article defined earlier ("ABC") name the body they stand for."""
    added = []
    for m in ACRONYM.finditer(text):
        if any(x.start < m.end() and m.start() < x.end for x, _ in mentions):
            continue
        for etype in ("Organization", "Network"):
            entity_id = resolver.by_name.get((etype, name_key(m.group(0))))
            if entity_id:
                mention = Mention(m.start(), m.end(), etype, m.group(0))
                added.append((mention, resolver.entities[entity_id]))
                break
    return sorted([*mentions, *added], key=lambda pair: pair[0].start) if added else mentions
