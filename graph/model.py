"""The domain model: node labels, relation types, their endpoints and properties.

This table is the one source of truth. Schema DDL, Neo4j constraints, document validation and
(later) the ontology checks and map styles all read it; nothing else lists labels or types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Literal

PropertyType = Literal["string", "string[]", "float", "float[]"]


@dataclass(frozen=True)
class Property:
    name: str
    type: PropertyType
    description: str


@dataclass(frozen=True)
class Label:
    name: str
    description: str
    properties: tuple[Property, ...] = ()


@dataclass(frozen=True)
class RelationType:
    name: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[Property, ...] = ()
    symmetric: bool = False

    def allows(self, source_label: str, target_label: str) -> bool:
        return source_label in self.sources and target_label in self.targets

    @property
    def endpoint_pairs(self) -> list[tuple[str, str]]:
        return list(product(self.sources, self.targets))


@dataclass(frozen=True)
class DomainModel:
    labels: dict[str, Label]
    relations: dict[str, RelationType]
    node_properties: tuple[Property, ...] = field(default=())
    relation_properties: tuple[Property, ...] = field(default=())

    def node_columns(self, label: str) -> tuple[Property, ...]:
        """Every property a node of `label` stores, the shared ones first."""
        return self.node_properties + self.labels[label].properties

    def relation_columns(self, rel_type: str) -> tuple[Property, ...]:
        """Every property a relation of `rel_type` stores, provenance first."""
        return self.relation_properties + self.relations[rel_type].properties


def _p(name: str, description: str, type_: PropertyType = "string") -> Property:
    return Property(name, type_, description)


# Properties every node has. `sources` lists the articles that mention the node.
NODE_PROPERTIES = (
    _p("id", "stable identifier `type/slug`, the slug an ASCII folding of the canonical name"),
    _p("name", "canonical name, diacritics kept"),
    _p("aliases", "every other surface form met (abbreviations, English names)", "string[]"),
    _p("kind", "subtype (city, province, institute, ministry, meeting, visit, ...)"),
    _p("wikidata", "Wikidata id (Q...) where known"),
    _p("sources", "ids of the articles that mention this node", "string[]"),
)

# Provenance every relation carries; `evidence` and `confidences` are aligned with `sources`.
RELATION_PROPERTIES = (
    _p("sources", "ids of the articles that state this fact", "string[]"),
    _p("evidence", "the supporting sentence from each source, aligned with sources", "string[]"),
    _p("confidences", "the extractor's confidence for each source", "float[]"),
    _p("confidence", "the highest confidence over all sources", "float"),
)

SINCE = _p("since", "when it began: ISO 8601, reduced precision allowed")
ROLE = _p("role", "the part played (full, associate, speaker, co-organiser, ...)")
DATE = _p("date", "when it happened: ISO 8601, reduced precision allowed, XXXX for an unknown year")
KIND = _p("kind", "the sort of tie (MoU, twinning, funding, ...)")

PARTIES = ("City", "Country", "Organization", "Network")
ACTORS = (*PARTIES, "Person")
ENTITIES = (*ACTORS, "Event")

LABELS = {
    label.name: label
    for label in (
        Label(
            "City",
            "a city or province, or its people's committee acting for it",
            (_p("country", "ISO 3166-1 alpha-2 code of its country"),),
        ),
        Label("Country", "a sovereign country", (_p("code", "ISO 3166-1 alpha-2 code"),)),
        Label(
            "Organization",
            "an institute, academy, ministry, department, company, "
            "international body or other organisation",
            (_p("country", "ISO 3166-1 alpha-2 code of its country"),),
        ),
        Label("Network", "a city network or association of cities"),
        Label("Person", "a named person"),
        Label(
            "Event",
            "a meeting, visit, training, conference, signing or other event",
            (
                DATE,
                _p("end_date", "when it ended, same format as date"),
                _p("location", "where it took place, as the article names it"),
            ),
        ),
        Label(
            "Article",
            "a source document",
            (
                _p("url", "canonical URL"),
                _p("title", "headline"),
                _p("date", "publication date, ISO 8601"),
                _p("lang", "ISO 639-1 language code"),
                _p("source", "where the text came from (site, file)"),
            ),
        ),
    )
}

RELATIONS = {
    rel.name: rel
    for rel in (
        RelationType(
            "MEMBER_OF",
            "member of a network or organisation",
            ACTORS,
            ("Network", "Organization"),
            (SINCE, ROLE),
        ),
        RelationType("HOSTED", "hosted an event", ACTORS, ("Event",)),
        RelationType("ORGANIZED", "organised an event", ACTORS, ("Event",), (ROLE,)),
        RelationType(
            "PARTICIPATED_IN",
            "took part in an event (delegate, attendee, speaker)",
            ACTORS,
            ("Event",),
            (ROLE,),
        ),
        RelationType(
            "LOCATED_IN",
            "lies or took place in a city or country",
            ("Event", "Organization", "Network", "City"),
            ("City", "Country"),
        ),
        RelationType(
            "PART_OF",
            "a sub-unit of a parent organisation",
            ("Organization", "Network"),
            ("Organization", "Network"),
        ),
        RelationType(
            "WORKS_FOR",
            "a person's post in an organisation, city or network",
            ("Person",),
            ("Organization", "City", "Network", "Country"),
            (ROLE, SINCE, _p("title", "the post held (Director, Mayor, ...)")),
        ),
        RelationType(
            "PARTNER_OF",
            "two parties in a stated cooperation",
            PARTIES,
            PARTIES,
            (SINCE, KIND),
            symmetric=True,
        ),
        RelationType("SUPPORTED", "supported or funded", ACTORS, ENTITIES, (KIND,)),
        RelationType(
            "FOUNDED_IN",
            "founded in a city or country",
            ("Network", "Organization"),
            ("City", "Country"),
            (DATE,),
        ),
        RelationType("MENTIONS", "an article mentions an entity", ("Article",), ENTITIES),
    )
}

MODEL = DomainModel(LABELS, RELATIONS, NODE_PROPERTIES, RELATION_PROPERTIES)

ENTITY_LABELS: tuple[str, ...] = ENTITIES
