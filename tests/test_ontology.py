"""The ontology, the shapes and the JSON-LD context: shipped, generated from the mapping, and
covering the domain model exactly."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SKOS

from ucn.graph.model import (
    DERIVED_NODE_PROPERTIES,
    FACT_CLASS,
    MODEL,
    RDF_CLASSES,
    RDF_RELATIONS,
    rdf_node_property,
    rdf_relation_property,
)
from ucn.ontology import CONTEXT, HERE, ONTOLOGY, SHAPES
from ucn.ontology import owl as generator
from ucn.ontology.vocab import LICENSE_IRI, ONTOLOGY_IRI, ONTOLOGY_VERSION, UCN, expand

U = Namespace(UCN)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def ours(graph: Graph, kind: URIRef) -> set[str]:
    return {str(s) for s in graph.subjects(RDF.type, kind) if str(s).startswith(UCN)}


def classes_of(graph: Graph, node: object) -> set[str]:
    """The class a domain or range names, or the members of its owl:unionOf."""
    union = graph.value(node, OWL.unionOf)
    if union is None:
        return {str(node)}
    return {str(c) for c in Collection(graph, union)}


def test_the_shipped_files_are_what_the_mapping_gives() -> None:
    for name, text in generator.files().items():
        assert (HERE / name).read_text(encoding="utf-8") == text, (
            f"ontology/{name} differs from the mapping in graph/model.py: run `make ontology`"
        )


def test_every_label_has_a_class_and_every_class_a_label(onto: Graph) -> None:
    expected = {expand(RDF_CLASSES[label].curie) for label in MODEL.labels}
    assert ours(onto, OWL.Class) == expected | {expand(FACT_CLASS.curie)}


def test_every_relation_type_has_a_property_and_every_property_a_type(onto: Graph) -> None:
    expected = {expand(RDF_RELATIONS[rel].curie) for rel in MODEL.relations}
    assert ours(onto, OWL.ObjectProperty) == expected


def test_every_property_of_the_model_is_mapped(onto: Graph) -> None:
    used = set()
    for label in MODEL.labels:
        for prop in MODEL.node_columns(label):
            term = rdf_node_property(label, prop.name)
            if term is not None and term.own:
                used.add(expand(term.curie))
    for rel in MODEL.relations:
        for prop in MODEL.relation_columns(rel):
            term = rdf_relation_property(rel, prop.name)
            if term is not None and term.own:
                used.add(expand(term.curie))
    used.add(str(U.evidence))  # the sentence of each derivation
    assert ours(onto, OWL.DatatypeProperty) == used


def test_domains_and_ranges_are_the_endpoints_of_the_model(onto: Graph) -> None:
    for rel_type, rel in MODEL.relations.items():
        prop = URIRef(expand(RDF_RELATIONS[rel_type].curie))
        domain = classes_of(onto, onto.value(prop, RDFS.domain))
        range_ = classes_of(onto, onto.value(prop, RDFS.range))
        assert domain == {expand(RDF_CLASSES[s].curie) for s in rel.sources}, rel_type
        assert range_ == {expand(RDF_CLASSES[t].curie) for t in rel.targets}, rel_type
    assert (U.partnerOf, RDF.type, OWL.SymmetricProperty) in onto


def test_every_term_is_labelled_and_defined_in_english_and_vietnamese(onto: Graph) -> None:
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        terms |= ours(onto, kind)
    for term in terms:
        for predicate in (RDFS.label, SKOS.definition):
            langs = {o.language for o in onto.objects(URIRef(term), predicate)}
            assert langs == {"en", "vi"}, (term, predicate)


def test_the_ontology_is_versioned_and_licensed(onto: Graph) -> None:
    o = URIRef(ONTOLOGY_IRI)
    assert (o, RDF.type, OWL.Ontology) in onto
    assert onto.value(o, OWL.versionInfo) == Literal(ONTOLOGY_VERSION)
    assert str(onto.value(o, OWL.versionIRI)).endswith(ONTOLOGY_VERSION)
    assert onto.value(o, DCTERMS.license) == URIRef(LICENSE_IRI)


def test_alignments(onto: Graph) -> None:
    org = Namespace("http://www.w3.org/ns/org#")
    schema = Namespace("https://schema.org/")
    prov = Namespace("http://www.w3.org/ns/prov#")
    assert (U.memberOf, RDFS.subPropertyOf, org.memberOf) in onto
    assert (U.partOf, RDFS.subPropertyOf, org.subOrganizationOf) in onto
    assert (U.Organization, RDFS.subClassOf, org.Organization) in onto
    assert (U.City, RDFS.subClassOf, schema.City) in onto
    assert (U.Article, RDFS.subClassOf, schema.NewsArticle) in onto
    assert (U.Article, RDFS.subClassOf, prov.Entity) in onto
    # ucn:organized runs from the organiser to the event, schema:organizer the other way.
    inverse = onto.value(U.organized, RDFS.subPropertyOf)
    assert onto.value(inverse, OWL.inverseOf) == schema.organizer
    inverse = onto.value(U.participatedIn, RDFS.subPropertyOf)
    assert onto.value(inverse, OWL.inverseOf) == schema.attendee


def test_the_shapes_parse_and_cover_every_class_and_relation() -> None:
    shapes = Graph().parse(SHAPES, format="turtle")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    targets = {str(o) for o in shapes.objects(None, sh.targetClass)}
    assert {expand(t.curie) for t in RDF_CLASSES.values()} <= targets
    assert expand(FACT_CLASS.curie) in targets
    subjects_of = {str(o) for o in shapes.objects(None, sh.targetSubjectsOf)}
    assert subjects_of == {expand(t.curie) for t in RDF_RELATIONS.values()}


def test_the_context_names_every_class_and_relation() -> None:
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    for term in [*RDF_CLASSES.values(), *RDF_RELATIONS.values()]:
        assert term.local in context
    assert context["label"] == {"@id": "rdfs:label", "@container": "@language"}


def test_the_network_measures_stay_out_of_the_ontology(onto: Graph) -> None:
    """The measures of `ucn analyze --write` are in the model (stored on nodes) but are derived
    data, not statements of articles: no term, no shape, no context entry, no RDF export."""
    assert DERIVED_NODE_PROPERTIES
    for label in MODEL.labels:
        for prop in MODEL.node_columns(label):
            if prop.name in DERIVED_NODE_PROPERTIES:
                assert rdf_node_property(label, prop.name) is None
    shapes = Graph().parse(SHAPES, format="turtle")
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    for name in DERIVED_NODE_PROPERTIES:
        assert name not in context
        for graph in (onto, shapes):
            assert not any(str(t) == UCN + name for t in graph.all_nodes()), name


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
def test_rapper_reads_the_ontology_and_shapes() -> None:
    for path in (ONTOLOGY, SHAPES):
        result = subprocess.run(
            ["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr.lower(), result.stderr
