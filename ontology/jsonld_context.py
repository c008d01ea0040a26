"""The JSON-LD @context of the export (ontology/context.jsonld), written from the RDF mapping in
graph/model.py: the vocabularies' prefixes and a short name for each class and property."""

from __future__ import annotations

import json
from typing import Any

from ..graph.model import (
    EVIDENCE_TERM,
    FACT_CLASS,
    MODEL,
    RDF_CLASSES,
    RDF_RELATIONS,
    RdfTerm,
    rdf_node_property,
    rdf_relation_property,
)
from .vocab import NAMESPACES

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
