"""The ontology, the SHACL shapes and the JSON-LD context, written from the RDF mapping.

`python -m ucn.ontology.owl` (or `make ontology`) rewrites ontology/ucn.ttl,
ontology/shapes.ttl and ontology/context.jsonld from graph/model.py; tests/test_ontology.py fails
when the shipped files differ from what this module writes, so they cannot drift from the model.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ..graph.model import (
    ALIAS_PREDICATE,
    CONFIDENCE_TERM,
    EVIDENCE_TERM,
    FACT_CLASS,
    MODEL,
    NAME_PREDICATES,
    RDF_CLASSES,
    RDF_NODE_PROPERTIES,
    RDF_RELATIONS,
    RdfTerm,
    rdf_node_property,
    rdf_relation_property,
)
from .turtle_text import (
    DATE_TYPES,
    RANGES,
    Pairs,
    bnode,
    class_of,
    en_vi,
    statement,
    turtle_file,
    turtle_string,
    union,
)
from .vocab import (
    LICENSE_IRI,
    NAMESPACES,
    ONTOLOGY_IRI,
    ONTOLOGY_VERSION,
    ONTOLOGY_VERSION_IRI,
    UCN,
)

TITLE = {"en": "Urban cooperation ontology", "vi": "Bản thể học về hợp tác đô thị"}
DESCRIPTION = {
    "en": "The classes and properties of the urban-cooperation knowledge graph: cities, "
    "countries, organisations, city networks, people, events and the news articles that "
    "mention them, the ties between them, and the provenance of every tie (the articles that "
    "state it, with the supporting sentence and the extractor's confidence). Aligned to W3C "
    "ORG, schema.org, FOAF, PROV-O, OWL-Time and SKOS.",
    "vi": "Các lớp và thuộc tính của đồ thị tri thức về hợp tác đô thị: thành phố, quốc gia, tổ "
    "chức, mạng lưới đô thị, cá nhân, sự kiện và các bài báo nhắc đến chúng, các mối quan hệ "
    "giữa chúng, và nguồn gốc của mỗi quan hệ (các bài báo nêu nó, kèm câu dẫn chứng và độ tin "
    "cậy của bộ trích xuất). Liên kết với W3C ORG, schema.org, FOAF, PROV-O, OWL-Time và SKOS.",
}


def _describe(term: RdfTerm) -> list[tuple[str, str]]:
    return [
        ("rdfs:label", en_vi(term.label_en, term.label_vi)),
        ("skos:definition", en_vi(term.definition_en, term.definition_vi)),
        ("rdfs:isDefinedBy", f"<{ONTOLOGY_IRI}>"),
    ]


def datatype_usage() -> dict[str, tuple[RdfTerm, list[str]]]:
    """Our datatype properties, each with the classes whose resources carry it."""
    usage: dict[str, tuple[RdfTerm, list[str]]] = {}

    def use(term: RdfTerm | None, cls: str) -> None:
        if term is None or not term.own:
            return
        classes = usage.setdefault(term.curie, (term, []))[1]
        if cls not in classes:
            classes.append(cls)

    for label in MODEL.labels:
        # rdf_node_property gives no term for the derived network measures: not in the ontology
        for prop in MODEL.node_columns(label):
            use(rdf_node_property(label, prop.name), class_of(label))
    for rel_type in MODEL.relations:
        if rel_type == "MENTIONS":
            continue
        for prop in MODEL.relation_columns(rel_type):
            use(rdf_relation_property(rel_type, prop.name), FACT_CLASS.curie)
    use(CONFIDENCE_TERM, "prov:Derivation")
    use(EVIDENCE_TERM, "prov:Derivation")
    return usage


def _range(term: RdfTerm) -> str:
    if term.value == "date":
        return union(list(DATE_TYPES), "rdfs:Datatype")
    return RANGES[term.value or "text"]


def ontology_turtle() -> str:
    """ontology/ucn.ttl."""
    parts = [
        statement(
            f"<{ONTOLOGY_IRI}>",
            [
                ("a", "owl:Ontology"),
                ("owl:versionIRI", f"<{ONTOLOGY_VERSION_IRI}>"),
                ("owl:versionInfo", turtle_string(ONTOLOGY_VERSION)),
                ("dcterms:title", en_vi(TITLE["en"], TITLE["vi"])),
                ("dcterms:description", en_vi(DESCRIPTION["en"], DESCRIPTION["vi"])),
                ("dcterms:license", f"<{LICENSE_IRI}>"),
                ("dcterms:creator", turtle_string("ucn developers")),
                ("vann:preferredNamespacePrefix", turtle_string("ucn")),
                ("vann:preferredNamespaceUri", turtle_string(UCN)),
            ],
        ),
        "# Classes: one per node label of the domain model, and the qualified fact.\n",
    ]
    external: dict[str, str] = {}
    for term in [*RDF_CLASSES.values(), FACT_CLASS]:
        pairs = [("a", "owl:Class"), *_describe(term)]
        pairs += [("rdfs:subClassOf", c) for c in term.aligned]
        external.update((c, "owl:Class") for c in term.aligned if not c.startswith("rdf:"))
        parts.append(statement(term.curie, pairs))
    parts.append("# Object properties: one per relation type, between the classes it links.\n")
    for rel_type, term in RDF_RELATIONS.items():
        rel = MODEL.relations[rel_type]
        kinds = (
            "owl:ObjectProperty, owl:SymmetricProperty" if rel.symmetric else ("owl:ObjectProperty")
        )
        pairs = [("a", kinds), *_describe(term)]
        pairs.append(("rdfs:domain", union([class_of(s) for s in rel.sources])))
        pairs.append(("rdfs:range", union([class_of(t) for t in rel.targets])))
        pairs += [("rdfs:subPropertyOf", p) for p in term.aligned]
        pairs += [("rdfs:subPropertyOf", f"[ owl:inverseOf {p} ]") for p in term.inverse_aligned]
        pairs += [("rdfs:seeAlso", p) for p in term.see_also]
        for p in (*term.aligned, *term.inverse_aligned, *term.see_also):
            external[p] = "owl:ObjectProperty"
        parts.append(statement(term.curie, pairs))
    parts.append(
        "# Datatype properties: the properties of nodes and relations that no established\n"
        "# vocabulary names as such (the others, such as schema:url, are used as they are).\n"
    )
    for term, classes in datatype_usage().values():
        pairs = [("a", "owl:DatatypeProperty"), *_describe(term)]
        pairs.append(("rdfs:domain", union(classes)))
        pairs.append(("rdfs:range", _range(term)))
        pairs += [("rdfs:subPropertyOf", p) for p in term.aligned]
        pairs += [("rdfs:seeAlso", p) for p in term.see_also]
        external.update((p, "owl:DatatypeProperty") for p in term.aligned)
        external.update((p, "owl:ObjectProperty") for p in term.see_also)
        external.update((c, "owl:Class") for c in classes if not c.startswith("ucn:"))
        parts.append(statement(term.curie, pairs))
    parts.append("# Terms of other vocabularies used above, declared for OWL tools.\n")
    for curie in sorted(external):
        parts.append(f"{curie} a {external[curie]} .\n")
    for curie in ("skos:definition", "dcterms:title", "dcterms:description", "dcterms:license"):
        parts.append(f"{curie} a owl:AnnotationProperty .\n")
    for curie in ("dcterms:creator", "vann:preferredNamespacePrefix", "vann:preferredNamespaceUri"):
        parts.append(f"{curie} a owl:AnnotationProperty .\n")
    return turtle_file(parts)


# -- SHACL shapes ------------------------------------------------------------------------------
SHAPES_TITLE = {
    "en": "SHACL shapes of the urban-cooperation graph export",
    "vi": "Các ràng buộc SHACL cho dữ liệu xuất của đồ thị hợp tác đô thị",
}


def _message(text: str) -> tuple[str, str]:
    return ("sh:message", f"{turtle_string(text)}@en")


def _value_constraints(term: RdfTerm) -> list[tuple[str, str]]:
    if term.value == "date":
        options = " ".join(f"[ sh:datatype {t} ]" for t in DATE_TYPES)
        return [("sh:or", f"( {options} )")]
    pairs = [("sh:datatype", RANGES[term.value or "text"])]
    if term.value == "decimal":
        pairs += [("sh:minInclusive", "0"), ("sh:maxInclusive", "1")]
    return pairs


def _property_shape(path: str, pairs: Pairs) -> Pairs:
    return [("sh:path", path), *pairs]


def _datatype_shape(term: RdfTerm, owner: str, required: bool = False) -> Pairs:
    if term.value == "date":
        what = "a date typed xsd:date, xsd:gYearMonth or xsd:gYear"
    else:
        what = {"text": "a string", "uri": "an xsd:anyURI", "decimal": "a decimal in [0, 1]"}[
            term.value or "text"
        ]
    count = [("sh:minCount", "1")] if required else []
    return _property_shape(
        term.curie,
        [
            *count,
            ("sh:maxCount", "1"),
            *_value_constraints(term),
            _message(f"{owner}: {term.curie} is {what}, at most once"),
        ],
    )


def _node_shape(name: str, pairs: Pairs, props: list[str | Pairs]) -> str:
    """A node shape; `props` are named property shapes or the pairs of blank ones."""
    indent = "        "
    if props:
        shapes = [p if isinstance(p, str) else bnode(p, indent) for p in props]
        pairs = [*pairs, ("sh:property", f"\n{indent}" + f",\n{indent}".join(shapes))]
    return statement(f"ucnsh:{name}", [("a", "sh:NodeShape"), *pairs])


def _either(labels: tuple[str, ...]) -> str:
    """`City, Country or Person`."""
    return " or ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)


def _one_of_classes(labels: tuple[str, ...]) -> tuple[str, str]:
    if len(labels) == 1:
        return ("sh:class", class_of(labels[0]))
    return ("sh:or", "( " + " ".join(f"[ sh:class {class_of(x)} ]" for x in labels) + " )")


FACT_TRIPLE_QUERY = """
        SELECT $this ?s ?p ?o WHERE {
            $this <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
                <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
                <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o .
            FILTER NOT EXISTS { ?s ?p ?o }
        }
"""


def shapes_turtle() -> str:
    """ontology/shapes.ttl."""
    parts = [
        statement(
            f"<{NAMESPACES['ucnsh'].rstrip('#')}>",
            [
                ("a", "owl:Ontology"),
                ("owl:versionInfo", turtle_string(ONTOLOGY_VERSION)),
                ("dcterms:title", en_vi(SHAPES_TITLE["en"], SHAPES_TITLE["vi"])),
                ("dcterms:license", f"<{LICENSE_IRI}>"),
                ("rdfs:seeAlso", f"<{ONTOLOGY_IRI}>"),
            ],
        ),
        "# What every node has: an identifier, a name (rdfs:label and one skos:prefLabel per\n"
        "# language), aliases, and Wikidata links only to Wikidata entities.\n",
        statement(
            "ucnsh:identifier",
            [
                ("a", "sh:PropertyShape"),
                ("sh:path", RDF_NODE_PROPERTIES["id"].curie),
                ("sh:minCount", "1"),
                ("sh:maxCount", "1"),
                ("sh:datatype", "xsd:string"),
                _message("Every node has exactly one dcterms:identifier (its id), a string"),
            ],
        ),
        statement(
            "ucnsh:label",
            [
                ("a", "sh:PropertyShape"),
                ("sh:path", NAME_PREDICATES[0]),
                ("sh:minCount", "1"),
                ("sh:datatype", "rdf:langString"),
                _message("Every node has a name: an rdfs:label with a language tag"),
            ],
        ),
        statement(
            "ucnsh:prefLabel",
            [
                ("a", "sh:PropertyShape"),
                ("sh:path", NAME_PREDICATES[1]),
                ("sh:minCount", "1"),
                ("sh:uniqueLang", "true"),
                ("sh:datatype", "rdf:langString"),
                _message("Every node has one skos:prefLabel (per language), language-tagged"),
            ],
        ),
        statement(
            "ucnsh:altLabel",
            [
                ("a", "sh:PropertyShape"),
                ("sh:path", ALIAS_PREDICATE),
                ("sh:datatype", "rdf:langString"),
                _message("Aliases (skos:altLabel) are language-tagged strings"),
            ],
        ),
        statement(
            "ucnsh:sameAs",
            [
                ("a", "sh:PropertyShape"),
                ("sh:path", "owl:sameAs"),
                ("sh:nodeKind", "sh:IRI"),
                ("sh:pattern", turtle_string("^http://www\\.wikidata\\.org/entity/Q[1-9][0-9]*$")),
                _message("owl:sameAs links a node to its Wikidata entity"),
            ],
        ),
        "# One shape per class: the shared properties above and the label's own.\n",
    ]
    wikidata = RDF_NODE_PROPERTIES["wikidata"]
    for label in MODEL.labels:
        props: list[str | Pairs] = [
            "ucnsh:identifier",
            "ucnsh:label",
            "ucnsh:prefLabel",
            "ucnsh:altLabel",
            "ucnsh:sameAs",
        ]
        seen: set[str] = set()
        for prop in MODEL.node_columns(label):
            term = rdf_node_property(label, prop.name)
            if term is None or prop.name == "id" or term.curie in seen:
                continue
            seen.add(term.curie)
            shape = _datatype_shape(term, label)
            if term is wikidata:
                shape = _property_shape(
                    term.curie,
                    [
                        ("sh:maxCount", "1"),
                        ("sh:datatype", "xsd:string"),
                        ("sh:pattern", turtle_string("^Q[1-9][0-9]*$")),
                        _message(f"{label}: ucn:wikidata is one Wikidata id, Q and digits"),
                    ],
                )
            props.append(shape)
        if label == "Event":
            props.append(
                _property_shape(
                    "schema:startDate",
                    [
                        ("sh:minCount", "1"),
                        ("sh:severity", "sh:Warning"),
                        _message(
                            "Event without a date: its articles give none, or only a day and "
                            "month (XXXX-09-21), which the export leaves out rather than invent "
                            "a year"
                        ),
                    ],
                )
            )
        parts.append(_node_shape(label, [("sh:targetClass", class_of(label))], props))
    parts.append(
        "# Relations: each direct property links resources of the classes the model allows.\n"
    )
    for rel_type, term in RDF_RELATIONS.items():
        rel = MODEL.relations[rel_type]
        sources, targets = _either(rel.sources), _either(rel.targets)
        value = _property_shape(
            term.curie,
            [
                ("sh:nodeKind", "sh:IRI"),
                _one_of_classes(rel.targets),
                _message(f"The object of {term.curie} must be a {targets}"),
            ],
        )
        parts.append(
            _node_shape(
                term.local,
                [
                    ("sh:targetSubjectsOf", term.curie),
                    _one_of_classes(rel.sources),
                    _message(f"The subject of {term.curie} must be a {sources}"),
                ],
                [value],
            )
        )
    parts.append(
        "# Qualified facts: the statement, the articles it was derived from (each with its\n"
        "# sentence and confidence), the relation's own properties; the statement is asserted.\n"
    )
    stated = " ".join(t.curie for r, t in RDF_RELATIONS.items() if r != "MENTIONS")
    fact_props: list[str | Pairs] = [
        _property_shape(
            "rdf:subject",
            [("sh:minCount", "1"), ("sh:maxCount", "1"), ("sh:nodeKind", "sh:IRI")],
        ),
        _property_shape(
            "rdf:predicate",
            [
                ("sh:minCount", "1"),
                ("sh:maxCount", "1"),
                ("sh:in", f"( {stated} )"),
                _message("A fact's rdf:predicate is one of the ontology's relation properties"),
            ],
        ),
        _property_shape(
            "rdf:object",
            [("sh:minCount", "1"), ("sh:maxCount", "1"), ("sh:nodeKind", "sh:IRI")],
        ),
        _property_shape(
            "prov:wasDerivedFrom",
            [
                ("sh:minCount", "1"),
                ("sh:class", class_of("Article")),
                _message("A fact has provenance: prov:wasDerivedFrom at least one ucn:Article"),
            ],
        ),
        _property_shape(
            "prov:qualifiedDerivation",
            [
                ("sh:minCount", "1"),
                ("sh:node", "ucnsh:Derivation"),
                _message(
                    "A fact has a prov:qualifiedDerivation per article: the article "
                    "(prov:entity), its sentence (ucn:evidence) and confidence"
                ),
            ],
        ),
    ]
    seen = set()
    for rel_type in MODEL.relations:
        for prop in MODEL.relation_columns(rel_type):
            rel_term = rdf_relation_property(rel_type, prop.name)
            if rel_term is not None and rel_term.curie not in seen:
                seen.add(rel_term.curie)
                fact_props.append(_datatype_shape(rel_term, "Fact"))
    sparql = bnode(
        [
            ("a", "sh:SPARQLConstraint"),
            _message("The statement of this fact is not asserted: {?s} {?p} {?o}"),
            ("sh:select", f'"""{FACT_TRIPLE_QUERY}    """'),
        ],
        "    ",
    )
    parts.append(
        _node_shape(
            "Fact",
            [("sh:targetClass", FACT_CLASS.curie), ("sh:sparql", sparql)],
            fact_props,
        )
    )
    parts.append(
        _node_shape(
            "Derivation",
            [],
            [
                _property_shape(
                    "prov:entity",
                    [
                        ("sh:minCount", "1"),
                        ("sh:maxCount", "1"),
                        ("sh:class", class_of("Article")),
                        _message("A derivation names one ucn:Article (prov:entity)"),
                    ],
                ),
                _datatype_shape(EVIDENCE_TERM, "Derivation", required=True),
                _datatype_shape(CONFIDENCE_TERM, "Derivation", required=True),
            ],
        )
    )
    member = MODEL.relations["MEMBER_OF"]
    parts.append("# Memberships (W3C ORG): who, of what, in which role, since when.\n")
    parts.append(
        _node_shape(
            "Membership",
            [("sh:targetClass", "org:Membership")],
            [
                _property_shape(
                    "org:member",
                    [
                        ("sh:minCount", "1"),
                        ("sh:maxCount", "1"),
                        _one_of_classes(member.sources),
                        _message("A membership has one member of a class that can be one"),
                    ],
                ),
                _property_shape(
                    "org:organization",
                    [
                        ("sh:minCount", "1"),
                        ("sh:maxCount", "1"),
                        _one_of_classes(member.targets),
                        _message("A membership is of one ucn:Network or ucn:Organization"),
                    ],
                ),
                _property_shape(
                    "org:role",
                    [
                        ("sh:maxCount", "1"),
                        ("sh:class", "org:Role"),
                        _message("A membership has at most one org:Role"),
                    ],
                ),
                _property_shape(
                    "org:memberDuring",
                    [
                        ("sh:maxCount", "1"),
                        ("sh:class", "time:Interval"),
                        _message("A membership's time is one time:Interval"),
                    ],
                ),
            ],
        )
    )
    return turtle_file(parts)


# -- JSON-LD context ---------------------------------------------------------------------------
# Terms of other vocabularies that the export writes, by the name the JSON shows.
CONTEXT_TERMS: dict[str, Any] = {
    "label": {"@id": "rdfs:label", "@container": "@language"},
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "altLabel": {"@id": "skos:altLabel", "@container": "@language"},
    "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
    "subject": {"@id": "rdf:subject", "@type": "@id"},
    "predicate": {"@id": "rdf:predicate", "@type": "@vocab"},
    "object": {"@id": "rdf:object", "@type": "@id"},
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "qualifiedDerivation": {"@id": "prov:qualifiedDerivation", "@type": "@id"},
    "entity": {"@id": "prov:entity", "@type": "@id"},
    "Derivation": "prov:Derivation",
    "Membership": "org:Membership",
    "Role": "org:Role",
    "member": {"@id": "org:member", "@type": "@id"},
    "organization": {"@id": "org:organization", "@type": "@id"},
    "memberRole": {"@id": "org:role", "@type": "@id"},
    "memberDuring": {"@id": "org:memberDuring", "@type": "@id"},
    "Interval": "time:Interval",
    "Instant": "time:Instant",
    "hasBeginning": {"@id": "time:hasBeginning", "@type": "@id"},
    "inXSDDate": {"@id": "time:inXSDDate", "@type": "xsd:date"},
    "inXSDgYearMonth": {"@id": "time:inXSDgYearMonth", "@type": "xsd:gYearMonth"},
    "inXSDgYear": {"@id": "time:inXSDgYear", "@type": "xsd:gYear"},
}
CONTEXT_PREFIXES: tuple[str, ...]
CONTEXT_PREFIXES = ("ucn", "rdf", "rdfs", "owl", "xsd", "skos", "dcterms", "org", "schema")
CONTEXT_PREFIXES += ("foaf", "prov", "time", "wd")


def _context_term(term: RdfTerm) -> Any:
    if term.value == "uri":
        return {"@id": term.curie, "@type": "xsd:anyURI"}
    if term.value == "decimal":
        return {"@id": term.curie, "@type": "xsd:decimal"}
    return term.curie


def context_jsonld() -> dict[str, Any]:
    """ontology/context.jsonld: the @context that makes the JSON-LD export read naturally."""
    context: dict[str, Any] = {p: NAMESPACES[p] for p in CONTEXT_PREFIXES}
    context.update({"id": "@id", "type": "@type"})
    for term in [*RDF_CLASSES.values(), FACT_CLASS]:
        context[term.local] = term.curie
    for term in RDF_RELATIONS.values():
        context[term.local] = {"@id": term.curie, "@type": "@id"}
    terms: list[RdfTerm] = []
    for label in MODEL.labels:
        terms += [rdf_node_property(label, p.name) for p in MODEL.node_columns(label)]  # type: ignore[misc]
    for rel_type in MODEL.relations:
        terms += [rdf_relation_property(rel_type, p.name) for p in MODEL.relation_columns(rel_type)]  # type: ignore[misc]
    for term in [*terms, EVIDENCE_TERM]:
        if term is not None:
            context.setdefault(term.local, _context_term(term))
    context.update(CONTEXT_TERMS)
    return {"@context": context}


def context_text() -> str:
    return json.dumps(context_jsonld(), ensure_ascii=False, indent=2) + "\n"


def files() -> dict[str, str]:
    """The three files, by name in ontology/."""
    return {
        "ucn.ttl": ontology_turtle(),
        "shapes.ttl": shapes_turtle(),
        "context.jsonld": context_text(),
    }


def main(argv: list[str] | None = None) -> int:
    from . import HERE

    for name, text in files().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
