"""The SHACL shapes of the export (ontology/shapes.ttl), written from the RDF mapping in
graph/model.py: what every node, relation, qualified fact, derivation and membership holds."""

from __future__ import annotations

from ..graph.model import (
    ALIAS_PREDICATE,
    CONFIDENCE_TERM,
    EVIDENCE_TERM,
    FACT_CLASS,
    MODEL,
    NAME_PREDICATES,
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
)
from .vocab import LICENSE_IRI, NAMESPACES, ONTOLOGY_IRI, ONTOLOGY_VERSION

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
