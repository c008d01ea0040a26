"""The domain model: node labels, relation types, their endpoints and properties.

This table is the one source of truth. Schema DDL, Neo4j constraints, document validation and
(later) the ontology checks and map styles all read it; nothing else lists labels or types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Literal

PropertyType = Literal["string", "string[]", "float", "float[]", "int"]


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
    measure_properties: tuple[Property, ...] = field(default=())
    measured_labels: frozenset[str] = field(default=frozenset())
    bookkeeping_properties: tuple[Property, ...] = field(default=())
    lookup_properties: tuple[Property, ...] = field(default=())

    def node_columns(self, label: str) -> tuple[Property, ...]:
        """Every property a node of `label` stores: the shared ones, the label's own, the
        network measures for the labels that have them, and the bookkeeping."""
        measures = self.measure_properties if label in self.measured_labels else ()
        return (
            self.node_properties
            + self.labels[label].properties
            + measures
            + self.bookkeeping_properties
            + self.lookup_properties
        )

    def relation_columns(self, rel_type: str) -> tuple[Property, ...]:
        """Every property a relation of `rel_type` stores, provenance first; the bookkeeping
        last, for the types that have properties of their own to keep it for."""
        own = self.relations[rel_type].properties
        return self.relation_properties + own + (self.bookkeeping_properties if own else ())


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

# Network measures of an entity in the cooperation graph (entities linked by every relation but
# MENTIONS), written by `ucn analyze --write` (queries/analytics.py) for the maps to size and
# colour nodes by. Null until measured.
MEASURE_PROPERTIES = (
    _p("degree", "number of distinct entities it has a relation with", "int"),
    _p("betweenness", "normalised betweenness centrality (sampled on large graphs)", "float"),
    _p("eigenvector", "eigenvector centrality, relations weighted by their number", "float"),
    _p("community", "its Louvain community, 0 the largest", "int"),
    _p("brokerage", "number of other communities among its neighbours", "int"),
)
# The measures are derived data: they change whenever an article is loaded or forgotten and
# say nothing an article states. So they are not in the ontology, the SHACL shapes, the JSON-LD
# context or the RDF export (rdf_node_property gives None for them), and documents cannot set
# them.
DERIVED_NODE_PROPERTIES = frozenset(p.name for p in MEASURE_PROPERTIES)

# What each article supplied, so that `ucn forget` is an exact undo (graph/provenance.py): the
# names, aliases and property values each source of a node gave it, and the properties each source
# of a relation gave it (its sentences and confidences are already aligned with its sources). A JSON
# string, null where the row itself says it all (one source, or no properties given). Stored on
# every node and on the relations of the types with properties of their own; like the measures
# it is no statement of an article but the store's bookkeeping, so it is kept out of the
# ontology, the SHACL shapes, the JSON-LD context and the RDF export (rdf_node_property and
# rdf_relation_property give None for it), and out of `GraphStore.to_networkx` (so of the
# node-link export and the maps), and documents cannot set it.
PROVENANCE = _p(
    "provenance",
    "what each source supplied: distinct contributions and, aligned with sources, the index "
    "of each source's contribution (JSON)",
)
# Every folded form of a node's name and aliases (`da nang`, `Đà Nẵng`, `Da-Nang` -> `danang`):
# what a name typed any way is looked up by, in the engine, instead of reading every name into
# Python. Derived from the name and aliases whenever a node is written; bookkeeping too.
NAME_KEYS = _p(
    "keys", "the folded forms of its name and aliases, for finding it by any spelling", "string[]"
)
BOOKKEEPING_PROPERTIES = frozenset({PROVENANCE.name, NAME_KEYS.name})

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

MODEL = DomainModel(
    LABELS,
    RELATIONS,
    NODE_PROPERTIES,
    RELATION_PROPERTIES,
    MEASURE_PROPERTIES,
    frozenset(ENTITIES),
    (PROVENANCE,),
    (NAME_KEYS,),
)

ENTITY_LABELS: tuple[str, ...] = ENTITIES


# -- RDF mapping -------------------------------------------------------------------------------
# Where each label, relation type and property of the table above goes in RDF. The ontology
# (ontology/ucn.ttl), the SHACL shapes, the JSON-LD context, the export and the import all read
# this mapping; ontology/owl.py writes the files from it. Terms are written `prefix:local`
# with the prefixes of ontology/vocab.py; `ucn:` terms are ours and the ontology defines them,
# anything else is a term of an established vocabulary used as it is.

# How the values of a datatype property are written: `text` a plain string (xsd:string),
# `date` typed as precisely as known (xsd:date, xsd:gYearMonth, xsd:gYear; a date whose year is
# unknown, `XXXX-09-21`, is left out), `uri` xsd:anyURI, `decimal` xsd:decimal.
ValueKind = Literal["text", "date", "uri", "decimal"]


@dataclass(frozen=True)
class RdfTerm:
    """One RDF class or property of the mapping.

    `aligned`: rdfs:subClassOf / rdfs:subPropertyOf these terms (classes are also asserted as
    rdf:type in the export, for consumers that do not reason); `inverse_aligned`: a
    sub-property of the inverse of these (`ucn:organized` relates an organiser to its event,
    `schema:organizer` the event to its organiser); `see_also`: related terms that are not
    alignments (their domain or range would say something false of our data).
    """

    curie: str
    label_en: str = ""
    label_vi: str = ""
    definition_en: str = ""
    definition_vi: str = ""
    aligned: tuple[str, ...] = ()
    inverse_aligned: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    value: ValueKind | None = None

    @property
    def local(self) -> str:
        return self.curie.partition(":")[2]

    @property
    def own(self) -> bool:
        """True for a term of ours (`ucn:`), defined by the ontology."""
        return self.curie.startswith("ucn:")


def _class(local: str, en: str, vi: str, label: str, vi_def: str, *aligned: str) -> RdfTerm:
    return RdfTerm(f"ucn:{local}", en, vi, LABELS[label].description, vi_def, aligned)


RDF_CLASSES: dict[str, RdfTerm] = {
    "City": _class(
        "City",
        "city",
        "thành phố",
        "City",
        "một thành phố hoặc tỉnh, hoặc ủy ban nhân dân của nó khi hành động thay mặt nó",
        "schema:City",
    ),
    "Country": _class(
        "Country", "country", "quốc gia", "Country", "một quốc gia có chủ quyền", "schema:Country"
    ),
    "Organization": _class(
        "Organization",
        "organisation",
        "tổ chức",
        "Organization",
        "một viện, học viện, bộ, sở, công ty, tổ chức quốc tế hoặc tổ chức khác",
        "org:Organization",
        "schema:Organization",
    ),
    "Network": _class(
        "Network",
        "city network",
        "mạng lưới đô thị",
        "Network",
        "một mạng lưới đô thị hoặc hiệp hội các thành phố",
        "org:FormalOrganization",
        "schema:Organization",
    ),
    "Person": _class(
        "Person", "person", "cá nhân", "Person", "một người có tên", "schema:Person", "foaf:Person"
    ),
    "Event": _class(
        "Event",
        "event",
        "sự kiện",
        "Event",
        "một cuộc họp, chuyến thăm, khóa đào tạo, hội nghị, lễ ký kết hoặc sự kiện khác",
        "schema:Event",
    ),
    "Article": _class(
        "Article",
        "article",
        "bài báo",
        "Article",
        "một tài liệu nguồn: bài báo tin tức hoặc văn bản khác",
        "schema:NewsArticle",
        "prov:Entity",
    ),
}

# Not a label of the model: the qualified form of a relation, with its provenance.
FACT_CLASS = RdfTerm(
    "ucn:Fact",
    "fact",
    "dữ kiện",
    "a relation as stated by articles: its subject, predicate and object, the articles it was "
    "derived from with the supporting sentence and confidence of each, and its own properties",
    "một quan hệ như các bài báo nêu: chủ thể, vị từ và đối tượng, các bài báo làm nguồn kèm câu "
    "dẫn chứng và độ tin cậy của từng bài, cùng các thuộc tính của quan hệ",
    ("rdf:Statement", "prov:Entity"),
)


def _relation(
    local: str,
    rel: str,
    en: str,
    vi: str,
    vi_def: str,
    *aligned: str,
    inverse_aligned: tuple[str, ...] = (),
    see_also: tuple[str, ...] = (),
) -> RdfTerm:
    return RdfTerm(
        f"ucn:{local}",
        en,
        vi,
        RELATIONS[rel].description,
        vi_def,
        aligned,
        inverse_aligned=inverse_aligned,
        see_also=see_also,
    )


RDF_RELATIONS: dict[str, RdfTerm] = {
    "MEMBER_OF": _relation(
        "memberOf",
        "MEMBER_OF",
        "member of",
        "là thành viên của",
        "là thành viên của một mạng lưới hoặc tổ chức",
        "org:memberOf",
    ),
    "HOSTED": _relation("hosted", "HOSTED", "hosted", "đăng cai", "đăng cai một sự kiện"),
    "ORGANIZED": _relation(
        "organized",
        "ORGANIZED",
        "organised",
        "tổ chức",
        "tổ chức một sự kiện",
        inverse_aligned=("schema:organizer",),
    ),
    "PARTICIPATED_IN": _relation(
        "participatedIn",
        "PARTICIPATED_IN",
        "participated in",
        "tham dự",
        "tham gia một sự kiện (đại biểu, người dự, diễn giả)",
        inverse_aligned=("schema:attendee",),
    ),
    "LOCATED_IN": _relation(
        "locatedIn",
        "LOCATED_IN",
        "located in",
        "nằm tại",
        "nằm ở hoặc diễn ra tại một thành phố hoặc quốc gia",
        "schema:location",
        # org:hasSite's domain is org:Organization and its range org:Site (a premise): as a
        # super-property it would make every event an organisation and every city a site.
        see_also=("org:hasSite", "schema:containedInPlace"),
    ),
    "PART_OF": _relation(
        "partOf",
        "PART_OF",
        "part of",
        "trực thuộc",
        "là đơn vị trực thuộc của một tổ chức mẹ",
        "org:subOrganizationOf",
    ),
    "WORKS_FOR": _relation(
        "worksFor",
        "WORKS_FOR",
        "works for",
        "làm việc cho",
        "chức vụ của một người trong một tổ chức, thành phố, mạng lưới hoặc quốc gia",
        "schema:worksFor",
    ),
    "PARTNER_OF": _relation(
        "partnerOf",
        "PARTNER_OF",
        "partner of",
        "là đối tác của",
        "hai bên trong một quan hệ hợp tác được nêu",
        # org:linkedTo relates organisations only; partners may be cities and countries.
        see_also=("org:linkedTo",),
    ),
    "SUPPORTED": _relation(
        "supported",
        "SUPPORTED",
        "supported",
        "hỗ trợ",
        "hỗ trợ hoặc tài trợ",
        inverse_aligned=("schema:sponsor",),
    ),
    "FOUNDED_IN": _relation(
        "foundedIn",
        "FOUNDED_IN",
        "founded in",
        "được thành lập tại",
        "được thành lập tại một thành phố hoặc quốc gia",
        "schema:foundingLocation",
    ),
    "MENTIONS": _relation(
        "mentions",
        "MENTIONS",
        "mentions",
        "nhắc đến",
        "một bài báo nhắc đến một thực thể",
        "schema:mentions",
    ),
}


def _datatype(
    local: str,
    en: str,
    vi: str,
    en_def: str,
    vi_def: str,
    value: ValueKind,
    *aligned: str,
    see_also: tuple[str, ...] = (),
) -> RdfTerm:
    return RdfTerm(f"ucn:{local}", en, vi, en_def, vi_def, aligned, see_also=see_also, value=value)


def _external(curie: str, value: ValueKind) -> RdfTerm:
    return RdfTerm(curie, value=value)


KIND_TERM = _datatype(
    "kind",
    "kind",
    "loại",
    "a subtype of an entity (city, province, institute, ministry, meeting, visit, ...) or the "
    "sort of a tie (MoU, twinning, funding, ...)",
    "loại con của một thực thể (thành phố, tỉnh, viện, bộ, cuộc họp, chuyến thăm, ...) hoặc "
    "loại của một mối quan hệ (biên bản ghi nhớ, kết nghĩa, tài trợ, ...)",
    "text",
)
COUNTRY_CODE_TERM = _datatype(
    "countryCode",
    "country code",
    "mã quốc gia",
    "ISO 3166-1 alpha-2 code of the country (of a country itself, or the one a city or "
    "organisation is in)",
    "mã ISO 3166-1 alpha-2 của quốc gia (của chính quốc gia đó, hoặc nơi thành phố hay tổ chức "
    "thuộc về)",
    "text",
)
SINCE_TERM = _datatype(
    "since",
    "since",
    "từ khi",
    "when a membership, post or partnership began",
    "thời điểm một tư cách thành viên, chức vụ hoặc quan hệ đối tác bắt đầu",
    "date",
    "schema:startDate",
    # a membership's start is also the beginning of its org:memberDuring interval
    see_also=("time:hasBeginning",),
)
ROLE_TERM = _datatype(
    "role",
    "role",
    "vai trò",
    "the part played (full, associate, speaker, co-organiser, ...)",
    "vai trò đảm nhận (thành viên chính thức, thành viên liên kết, diễn giả, đồng tổ chức, ...)",
    "text",
    "schema:roleName",
)
EVIDENCE_TERM = _datatype(
    "evidence",
    "evidence",
    "câu dẫn chứng",
    "the sentence of an article that states a fact",
    "câu trong bài báo nêu dữ kiện",
    "text",
)
CONFIDENCE_TERM = _datatype(
    "confidence",
    "confidence",
    "độ tin cậy",
    "the extractor's confidence in a fact, from 0 to 1: of one article on a derivation, the "
    "highest over all articles on a fact",
    "độ tin cậy của bộ trích xuất đối với một dữ kiện, từ 0 đến 1: của một bài báo trên một "
    "dẫn xuất, cao nhất trong các bài báo trên một dữ kiện",
    "decimal",
)

# The name of an entity: rdfs:label and skos:prefLabel, with a language tag (see
# ontology/rdf_terms.py: name_language); its aliases: skos:altLabel, tagged the same way.
NAME_PREDICATES = ("rdfs:label", "skos:prefLabel")
ALIAS_PREDICATE = "skos:altLabel"
# A node's `sources` are not written: they are the articles that mention it (ucn:mentions).
# A relation's `sources`, `evidence` and `confidences` become its fact's provenance:
# prov:wasDerivedFrom each article and a prov:Derivation per article (prov:entity, ucn:evidence,
# ucn:confidence).
SPECIAL_NODE_PROPERTIES = frozenset({"name", "aliases", "sources"})
SPECIAL_RELATION_PROPERTIES = frozenset({"sources", "evidence", "confidences"})

# Properties every node has.
RDF_NODE_PROPERTIES: dict[str, RdfTerm] = {
    "id": _external("dcterms:identifier", "text"),
    "kind": KIND_TERM,
    "wikidata": _datatype(
        "wikidata",
        "Wikidata id",
        "mã Wikidata",
        "Wikidata id (Q...) where known; the entity is also owl:sameAs the Wikidata entity",
        "mã Wikidata (Q...) nếu biết; thực thể cũng owl:sameAs thực thể Wikidata",
        "text",
    ),
}

# Properties of one label.
RDF_LABEL_PROPERTIES: dict[tuple[str, str], RdfTerm] = {
    ("City", "country"): COUNTRY_CODE_TERM,
    ("Organization", "country"): COUNTRY_CODE_TERM,
    ("Country", "code"): COUNTRY_CODE_TERM,
    ("Event", "date"): _external("schema:startDate", "date"),
    ("Event", "end_date"): _external("schema:endDate", "date"),
    ("Event", "location"): _datatype(
        "locationName",
        "location name",
        "tên địa điểm",
        "where an event took place, as the article names it",
        "nơi diễn ra sự kiện, như bài báo gọi tên",
        "text",
    ),
    ("Article", "url"): _external("schema:url", "uri"),
    ("Article", "title"): _external("schema:headline", "text"),
    ("Article", "date"): _external("schema:datePublished", "date"),
    ("Article", "lang"): _external("schema:inLanguage", "text"),
    ("Article", "source"): _datatype(
        "source",
        "source",
        "nguồn",
        "where the text of an article came from (site, file)",
        "nơi lấy văn bản của bài báo (trang web, tệp)",
        "text",
    ),
}

# Properties of relations, on their ucn:Fact (a membership's `since` and `role` also on its
# org:Membership).
RDF_RELATION_PROPERTIES: dict[str, RdfTerm] = {
    "confidence": CONFIDENCE_TERM,
    "since": SINCE_TERM,
    "role": ROLE_TERM,
    "kind": KIND_TERM,
    "title": _datatype(
        "jobTitle",
        "job title",
        "chức danh",
        "the post held (Director, Mayor, ...)",
        "chức vụ nắm giữ (Giám đốc, Thị trưởng, ...)",
        "text",
        "schema:jobTitle",
    ),
    "date": _datatype(
        "date",
        "date",
        "ngày",
        "when it happened (a founding, ...)",
        "thời điểm xảy ra (thành lập, ...)",
        "date",
        "dcterms:date",
    ),
}


def rdf_node_property(label: str, name: str) -> RdfTerm | None:
    """Where property `name` of a `label` node goes; None for the special ones and for the
    derived network measures and the bookkeeping, which RDF leaves out
    (DERIVED_NODE_PROPERTIES, BOOKKEEPING_PROPERTIES)."""
    if (
        name in SPECIAL_NODE_PROPERTIES
        or name in DERIVED_NODE_PROPERTIES
        or name in BOOKKEEPING_PROPERTIES
    ):
        return None
    return RDF_LABEL_PROPERTIES.get((label, name)) or RDF_NODE_PROPERTIES[name]


def rdf_relation_property(rel_type: str, name: str) -> RdfTerm | None:
    """Where property `name` of a `rel_type` relation goes; None for the special ones and the
    bookkeeping."""
    if name in SPECIAL_RELATION_PROPERTIES or name in BOOKKEEPING_PROPERTIES:
        return None
    return RDF_RELATION_PROPERTIES[name]
