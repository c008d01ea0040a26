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
    CONFIDENCE_TERM,
    EVIDENCE_TERM,
    FACT_CLASS,
    MODEL,
    RDF_CLASSES,
    RDF_RELATIONS,
    RdfTerm,
    rdf_node_property,
    rdf_relation_property,
)
from .shapes import shapes_turtle
from .turtle_text import (
    DATE_TYPES,
    RANGES,
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
