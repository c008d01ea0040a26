"""The VoID statistics of the DCAT catalog's dataset: its vocabulary, its entities and triples,
a class partition per node label and a property partition per relation type."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import VOID

from ..graph.model import RDF_CLASSES, RDF_RELATIONS
from ..graph.store import GraphStore
from .dcat_files import Distribution, count_triples
from .vocab import UCN, expand

# Which distribution to count triples in, cheapest first.
_COUNT_ORDER = ("nt", "nquads", "turtle", "xml", "jsonld", "trig")


def class_iri(label: str) -> URIRef:
    """The ontology class of a node label (`ucn:City`), from the mapping in graph/model.py."""
    return URIRef(expand(RDF_CLASSES[label].curie))


def property_iri(rel_type: str) -> URIRef:
    """The direct property of a relation type (MEMBER_OF -> `ucn:memberOf`), from the mapping."""
    return URIRef(expand(RDF_RELATIONS[rel_type].curie))


def add_void_statistics(
    g: Graph,
    dataset: URIRef,
    store: GraphStore,
    base: str,
    dists: Sequence[Distribution],
    triples: int | None,
) -> None:
    """Describe `dataset` in `g` with the VoID statistics of `store`; `triples` is counted in
    the cheapest RDF distribution of `dists` when None."""
    stats = store.stats()
    g.add((dataset, VOID.vocabulary, URIRef(UCN)))
    g.add((dataset, VOID.uriSpace, Literal(f"{base}/")))
    g.add((dataset, VOID.entities, Literal(sum(stats["nodes"].values()))))
    for label, count in stats["nodes"].items():
        part = BNode()
        g.add((dataset, VOID.classPartition, part))
        g.add((part, VOID["class"], class_iri(label)))
        g.add((part, VOID.entities, Literal(count)))
    for rel_type, count in stats["relations"].items():
        part = BNode()
        g.add((dataset, VOID.propertyPartition, part))
        g.add((part, VOID.property, property_iri(rel_type)))
        g.add((part, VOID.triples, Literal(count)))
    if triples is None:
        rdf = sorted(
            (d for d in dists if d.format.rdflib),
            key=lambda d: (_COUNT_ORDER.index(d.format.name), d.path.stat().st_size),
        )
        triples = count_triples(rdf[0]) if rdf else None
    if triples is not None:
        g.add((dataset, VOID.triples, Literal(triples)))
