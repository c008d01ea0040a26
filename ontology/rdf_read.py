"""RDF in the ucn ontology read back: a file's format from its suffix, parsing with rdflib,
and `ucn import` (`import_rdf`), which turns the nodes and ucn:Fact resources of an export into
a batch and writes it like a load."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..graph.batch import Batch
from ..graph.errors import UcnError
from ..graph.model import (
    MODEL,
    RDF_CLASSES,
    RDF_RELATIONS,
    ValueKind,
    rdf_node_property,
    rdf_relation_property,
)
from ..graph.store import GraphStore, WriteResult
from ..graph.stored_rows import empty_node_row, empty_relation_row
from .rdf_rdflib import bind_prefixes
from .rdf_terms import (
    DATASET_FORMATS,
    NAME_IRIS,
    PROV_ENTITY,
    PROV_QUALIFIED,
    RDF_FORMATS,
    SKOS_ALT,
    SUFFIXES,
    UCN_CONFIDENCE,
    UCN_EVIDENCE,
    UCN_FACT,
    UCN_MENTIONS,
)
from .vocab import expand


# -- reading RDF back --------------------------------------------------------------------------
def guess_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UcnError(
            f"{path}: cannot tell the RDF format from the suffix {suffix or '(none)'!r}; "
            f"give --format ({', '.join(RDF_FORMATS)})"
        )
    return SUFFIXES[suffix]


def parse_rdf(source: str | Path | IO[bytes], fmt: str) -> Any:
    """An RDF file (or binary stream) as one rdflib Graph: the union of its graphs."""
    from rdflib import Dataset, Graph

    if fmt not in RDF_FORMATS:
        raise UcnError(f"unknown RDF format {fmt!r} (one of {', '.join(RDF_FORMATS)})")
    name = source if isinstance(source, str | Path) else getattr(source, "name", "<input>")
    container: Any = Dataset() if fmt in DATASET_FORMATS else Graph()
    try:
        if isinstance(source, str | Path):
            container.parse(str(source), format=RDF_FORMATS[fmt][0])
        else:
            container.parse(source=source, format=RDF_FORMATS[fmt][0])
    except FileNotFoundError:
        raise UcnError(f"{name}: no such file") from None
    except Exception as exc:  # rdflib raises many kinds, all meaning "not valid {fmt}"
        message = " ".join(str(exc).split())
        raise UcnError(f"{name}: not valid {fmt}: {message}") from None
    if fmt not in DATASET_FORMATS:
        bind_prefixes(container)
        return container
    union = Graph()
    bind_prefixes(union)
    union.addN((s, p, o, union) for s, p, o, _ in container.quads((None, None, None, None)))
    return union


@dataclass
class ImportResult:
    nodes: int = 0
    relations: int = 0
    skipped: list[str] = field(default_factory=list)
    written: WriteResult = field(default_factory=WriteResult)


def _value(term: Any, kind: ValueKind) -> Any:
    return float(term) if kind == "decimal" else str(term)


def read_batch(graph: Any) -> tuple[Batch, list[str]]:
    """The nodes and relations that RDF in this ontology describes, as a Batch to write; and
    the statements left out (direct statements without a ucn:Fact, so without provenance)."""
    from rdflib import URIRef

    def uri(curie: str) -> URIRef:
        return URIRef(expand(curie))

    batch = Batch()
    nodes: dict[Any, tuple[str, str]] = {}
    identifier = uri("dcterms:identifier")
    for label, cls in RDF_CLASSES.items():
        for s in graph.subjects(uri("rdf:type"), uri(cls.curie), unique=True):
            if s in nodes:
                raise UcnError(f"<{s}> is both a {nodes[s][0]} and a {label}")
            ids = sorted(str(o) for o in graph.objects(s, identifier))
            if len(ids) != 1:
                raise UcnError(
                    f"<{s}> ({label}) needs exactly one dcterms:identifier, has {len(ids)}"
                )
            nodes[s] = (label, ids[0])
    node_props = {
        label: {
            URIRef(expand(term.curie)): (p.name, term.value or "text")
            for p in MODEL.node_columns(label)
            if (term := rdf_node_property(label, p.name)) is not None
        }
        for label in MODEL.labels
    }
    pref, label_iri = (URIRef(iri) for iri in reversed(NAME_IRIS))
    for s, (label, node_id) in nodes.items():
        row = empty_node_row(label)
        names = sorted(str(o) for o in graph.objects(s, pref)) or sorted(
            str(o) for o in graph.objects(s, label_iri)
        )
        row["name"] = names[0] if names else None
        row["aliases"] = sorted(
            {str(o) for o in graph.objects(s, URIRef(SKOS_ALT))} - set(names[:1])
        )
        values: dict[str, list[Any]] = {}
        for p, o in graph.predicate_objects(s):
            if p in node_props[label]:
                name, kind = node_props[label][p]
                values.setdefault(name, []).append(_value(o, kind))
        for name, found in values.items():
            row[name] = min(found)
        row["id"] = node_id
        row["sources"] = [node_id] if label == "Article" else []
        batch.nodes.setdefault(label, {})[node_id] = row

    def node(iri: Any, where: str) -> tuple[str, str]:
        if iri not in nodes:
            raise UcnError(f"{where} refers to <{iri}>, which is no node of a ucn class")
        return nodes[iri]

    predicates = {URIRef(expand(t.curie)): rel for rel, t in RDF_RELATIONS.items()}
    mentions = URIRef(UCN_MENTIONS)
    for a, e in graph.subject_objects(mentions, unique=True):
        (a_label, article), (label, entity) = node(a, "ucn:mentions"), node(e, "ucn:mentions")
        _check_allowed("MENTIONS", a_label, label, article, entity, f"<{a}> ucn:mentions <{e}>")
        row = empty_relation_row("MENTIONS")
        row.update(source=article, target=entity, sources=[article], evidence=[""])
        row.update(confidences=[1.0], confidence=1.0)
        batch.relations.setdefault(("MENTIONS", a_label, label), {})[(article, entity)] = row
        sources = batch.nodes[label][entity]["sources"]
        if article not in sources:
            sources.append(article)
    for rows in batch.nodes.values():
        for row in rows.values():
            row["sources"].sort()

    stated: set[tuple[Any, Any, Any]] = set()
    for fact in graph.subjects(uri("rdf:type"), URIRef(UCN_FACT), unique=True):
        where = f"fact <{fact}>"
        s, p, o = (
            _one(graph, fact, uri(f"rdf:{x}"), where) for x in ("subject", "predicate", "object")
        )
        if p not in predicates or predicates[p] == "MENTIONS":
            raise UcnError(f"{where}: rdf:predicate <{p}> is no relation property of the ontology")
        rel_type = predicates[p]
        (s_label, source), (o_label, target) = node(s, where), node(o, where)
        _check_allowed(rel_type, s_label, o_label, source, target, where)
        row = empty_relation_row(rel_type)
        for prop in MODEL.relation_columns(rel_type):
            term = rdf_relation_property(rel_type, prop.name)
            if term is not None:
                found = [
                    _value(v, term.value or "text") for v in graph.objects(fact, uri(term.curie))
                ]
                row[prop.name] = max(found) if found else None
        derivations = []
        for d in graph.objects(fact, URIRef(PROV_QUALIFIED)):
            article = node(_one(graph, d, URIRef(PROV_ENTITY), f"derivation <{d}>"), where)[1]
            evidence = graph.value(d, URIRef(UCN_EVIDENCE))
            confidence = graph.value(d, URIRef(UCN_CONFIDENCE))
            derivations.append(
                (
                    article,
                    str(evidence) if evidence is not None else None,
                    float(confidence) if confidence is not None else None,
                )
            )
        derivations.sort(key=lambda d: d[0])
        row["sources"] = [d[0] for d in derivations]
        row["evidence"] = [d[1] for d in derivations]
        row["confidences"] = [d[2] for d in derivations]
        known = [c for c in row["confidences"] if c is not None]
        if row.get("confidence") is None and known:
            row["confidence"] = max(known)
        if MODEL.relations[rel_type].symmetric and target < source:
            source, target, s_label, o_label = target, source, o_label, s_label
        row.update(source=source, target=target)
        batch.relations.setdefault((rel_type, s_label, o_label), {})[(source, target)] = row
        stated.add((s, p, o))
    skipped = [
        f"<{s}> <{p}> <{o}>"
        for p, rel_type in predicates.items()
        if rel_type != "MENTIONS"
        for s, o in graph.subject_objects(p, unique=True)
        if (s, p, o) not in stated
    ]
    return batch, sorted(skipped)


def _one(graph: Any, subject: Any, predicate: Any, where: str) -> Any:
    values = list(graph.objects(subject, predicate))
    if len(values) != 1:
        name = graph.namespace_manager.normalizeUri(predicate)
        raise UcnError(f"{where} needs exactly one {name}, has {len(values)}")
    return values[0]


def _check_allowed(
    rel_type: str, source_label: str, target_label: str, source: str, target: str, where: str
) -> None:
    rel = MODEL.relations[rel_type]
    if not rel.allows(source_label, target_label):
        raise UcnError(
            f"{where}: {rel_type} cannot link {source_label} {source!r} to {target_label} "
            f"{target!r} (allowed: {', '.join(rel.sources)} -> {', '.join(rel.targets)})"
        )


def import_rdf(store: GraphStore, source: str | Path, fmt: str | None = None) -> ImportResult:
    """Read RDF in this ontology (any of RDF_FORMATS) into the store through the Batch write
    path: merged like loaded documents, all of it or nothing."""
    graph = parse_rdf(source, fmt or guess_format(source))
    batch, skipped = read_batch(graph)
    written = store.write(batch)
    return ImportResult(batch.node_count, batch.relation_count, skipped, written)
