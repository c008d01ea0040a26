"""The ontology (ontology/ucn.ttl), written from the RDF mapping, and the command that writes it
with the SHACL shapes (`shapes.py`) and the JSON-LD context (`jsonld_context.py`).

`python -m ucn.ontology.owl` (or `make ontology`) rewrites ontology/ucn.ttl,
ontology/shapes.ttl and ontology/context.jsonld from graph/model.py; tests/test_ontology.py fails
when the shipped files differ from what this module writes, so they cannot drift from the model.
"""

from __future__ import annotations

import sys

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
from .jsonld_context import context_text
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
