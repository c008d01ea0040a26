"""The export's statements as rdflib graphs (what SHACL validates), and the vocabularies' prefixes
bound on an rdflib graph so that it shortens IRIs with them only."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..graph.stored_rows import bulk_allocation
from .rdf_terms import EXPORT_PREFIXES, XSD_STRING, Quad, Term
from .vocab import NAMESPACES


def _rdflib_term(term: Term) -> Any:
    from rdflib import Literal, URIRef

    if isinstance(term, str):
        return URIRef(term)
    if term.lang:
        return Literal(term.lexical, lang=term.lang)
    datatype = URIRef(term.datatype) if term.datatype and term.datatype != XSD_STRING else None
    return Literal(term.lexical, datatype=datatype, normalize=False)


LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def bind_prefixes(graph: Any) -> None:
    """Bind the vocabularies' prefixes, and shorten IRIs with them only.

    rdflib's own namespace manager derives a namespace from every IRI it shortens and looks each
    next IRI up among all of them: with one derived namespace per fact or article, writing Turtle
    grows with the square of the graph (a 1M-triple graph took 9 minutes). Ours tries the bound
    prefixes and otherwise leaves the IRI whole, as rdflib would for these IRIs anyway.
    """
    from rdflib import URIRef
    from rdflib.namespace import NamespaceManager

    prefixes = sorted(((NAMESPACES[p], p) for p in EXPORT_PREFIXES), key=lambda x: -len(x[0]))
    starts = tuple(namespace for namespace, _ in prefixes)

    class VocabularyPrefixes(NamespaceManager):
        def compute_qname(self, uri: str, generate: bool = True) -> tuple[str, URIRef, str]:
            text = str(uri)
            if text.startswith(starts):
                for namespace, prefix in prefixes:
                    if text.startswith(namespace) and LOCAL_NAME.fullmatch(text[len(namespace) :]):
                        return prefix, URIRef(namespace), text[len(namespace) :]
            if generate:  # a predicate of another vocabulary (RDF/XML needs a prefix)
                return super().compute_qname(uri, generate)
            raise KeyError(f"no prefix for {uri}")

        def compute_qname_strict(self, uri: str, generate: bool = True) -> tuple[str, str, str]:
            prefix, namespace, local = self.compute_qname(uri, generate)
            return prefix, str(namespace), local

    manager = VocabularyPrefixes(graph, bind_namespaces="none")
    for namespace, prefix in prefixes:
        manager.bind(prefix, namespace, override=True, replace=True)
    graph.namespace_manager = manager


def to_rdflib(quads: Iterable[Quad], dataset: bool = False) -> Any:
    """The statements as an rdflib Graph, or as a Dataset with the articles' named graphs."""
    from rdflib import Dataset, Graph

    terms: dict[Term, Any] = {}

    def term(t: Term) -> Any:
        found = terms.get(t)
        if found is None:
            found = terms[t] = _rdflib_term(t)
        return found

    with bulk_allocation():  # a million small objects the graph keeps: collecting only slows it
        return _fill(Dataset() if dataset else Graph(), quads, term)


def _fill(graph: Any, quads: Iterable[Quad], term: Any) -> Any:
    from rdflib import Dataset, URIRef

    if not isinstance(graph, Dataset):
        bind_prefixes(graph)
        graph.addN((term(s), term(p), term(o), graph) for s, p, o, _ in quads)
        return graph
    ds = graph
    bind_prefixes(ds)
    named: dict[str, Any] = {}
    default = getattr(ds, "default_graph", None)
    if default is None:  # rdflib before 7.1
        default = ds.default_context
    default.namespace_manager = ds.namespace_manager
    for s, p, o, gs in quads:
        triple = (term(s), term(p), term(o))
        if not gs:
            default.add(triple)
        for g in gs:
            if g not in named:
                named[g] = ds.graph(URIRef(g))
                named[g].namespace_manager = ds.namespace_manager  # TriG shortens per graph
            named[g].add(triple)
    return ds
