"""Store rows to RDF statements, as the mapping in graph/model.py says: `RdfMapper` makes the
statements of a node or a relation (with its qualified fact, derivations and membership)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from ..graph.ids import fact_key
from ..graph.model import (
    MODEL,
    RDF_CLASSES,
    RDF_RELATIONS,
    rdf_node_property,
    rdf_relation_property,
)
from ..graph.stored_rows import Row
from .rdf_terms import (
    NAME_IRIS,
    ORG_MEMBER,
    ORG_MEMBER_DURING,
    ORG_MEMBERSHIP,
    ORG_ORGANIZATION,
    ORG_ROLE,
    ORG_ROLE_CLASS,
    OWL_SAMEAS,
    PROV_DERIVATION,
    PROV_DERIVED,
    PROV_ENTITY,
    PROV_QUALIFIED,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_SUBJECT,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_ALT,
    TIME_HAS_BEGINNING,
    TIME_IN,
    TIME_INSTANT,
    TIME_INTERVAL,
    UCN_CONFIDENCE,
    UCN_EVIDENCE,
    UCN_FACT,
    WIKIDATA_ID,
    XSD_DECIMAL,
    Lit,
    Quad,
    check_base,
    decimal_lexical,
    literal,
    name_language,
    typed_date,
)
from .vocab import DEFAULT_BASE, WIKIDATA_ENTITY, expand, node_iri

# Relations name the same nodes and articles again and again: their IRIs are cached (a bounded
# number of them, so memory stays bounded).
_IRI_CACHE = 1 << 16
# What `node_iri` leaves unencoded: quote()'s letters, digits and `_.-~`, and `/`.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*").fullmatch


def _graphs(iris: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(iris))


@lru_cache(maxsize=1 << 16)
def _path_segment(article: str) -> str:
    return quote(article, safe="/-._~")


def _present(names: list[str], columns: Iterable[Any]) -> list[str]:
    """`names` that are among `columns` (model properties), each once, in order."""
    known = {c.name for c in columns}
    return [n for n in dict.fromkeys(names) if n in known]


class RdfMapper:
    """Store rows to statements, as the mapping says."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = check_base(base)
        self.types = {
            label: [expand(term.curie), *(expand(c) for c in term.aligned)]
            for label, term in RDF_CLASSES.items()
        }
        # No term for the special properties nor the derived network measures
        # (DERIVED_NODE_PROPERTIES): those are not written as node properties.
        self.node_props = {
            label: [
                (p.name, expand(term.curie), term.value or "text")
                for p in MODEL.node_columns(label)
                if (term := rdf_node_property(label, p.name)) is not None
            ]
            for label in MODEL.labels
        }
        self.predicates = {rel: expand(term.curie) for rel, term in RDF_RELATIONS.items()}
        self.fact_props = {
            rel: [
                (p.name, expand(term.curie), term.value or "text")
                for p in MODEL.relation_columns(rel)
                if (term := rdf_relation_property(rel, p.name)) is not None
            ]
            for rel in MODEL.relations
        }
        self.fact_slugs = {rel: rel.lower().replace("_", "-") for rel in MODEL.relations}
        # The store columns the statements are made of: reading the others (the bookkeeping,
        # the network measures) would cost without adding a statement.
        self.node_columns = {
            label: _present(
                ["id", "name", "aliases", "wikidata", *(c for c, _, _ in self.node_props[label])],
                MODEL.node_columns(label),
            )
            for label in MODEL.labels
        }
        self.relation_columns = {
            rel: _present(
                [
                    "sources",
                    "evidence",
                    "confidences",
                    "role",
                    "since",
                    *(c for c, _, _ in self.fact_props[rel]),
                ],
                MODEL.relation_columns(rel),
            )
            for rel in MODEL.relations
        }
        self.relation_columns["MENTIONS"] = ["sources"]  # a mention is its statement alone
        self.roles: set[str] = set()
        self._iris: dict[str, str] = {}

    def iri(self, node_id: str) -> str:
        found = self._iris.get(node_id)
        if found is None:
            if len(self._iris) >= _IRI_CACHE:
                self._iris.clear()
            # most ids are left as they are by quote(), which costs more than asking
            plain = _UNQUOTED(node_id)
            found = f"{self.base}/{node_id}" if plain else node_iri(self.base, node_id)
            self._iris[node_id] = found
        return found

    def node(self, label: str, row: Row) -> Iterator[Quad]:
        s = self.iri(row["id"])
        for cls in self.types[label]:
            yield s, RDF_TYPE, cls, ()
        name = row.get("name")
        if name is not None:
            value = Lit(name, None, name_language(name))
            for p in NAME_IRIS:
                yield s, p, value, ()
        for alias in row.get("aliases") or ():
            yield s, SKOS_ALT, Lit(alias, None, name_language(alias)), ()
        for prop, p, kind in self.node_props[label]:
            stored = row.get(prop)
            if stored is not None and (lit := literal(kind, stored)) is not None:
                yield s, p, lit, ()
        wikidata = row.get("wikidata")
        if wikidata and WIKIDATA_ID.fullmatch(wikidata):
            yield s, OWL_SAMEAS, WIKIDATA_ENTITY + wikidata, ()

    def relation(self, rel_type: str, row: Row) -> Iterator[Quad]:
        s, o = self.iri(row["source"]), self.iri(row["target"])
        sources = row.get("sources") or []
        if len(sources) == 1:
            graphs: tuple[str, ...] = (self.iri(sources[0]),)
        else:
            graphs = _graphs(self.iri(a) for a in sources)
        yield s, self.predicates[rel_type], o, graphs
        if rel_type == "MENTIONS":
            return
        key = fact_key(rel_type, row["source"], row["target"])
        fact = f"{self.base}/fact/{self.fact_slugs[rel_type]}/{key}"
        yield fact, RDF_TYPE, UCN_FACT, ()
        yield fact, RDF_SUBJECT, s, ()
        yield fact, RDF_PREDICATE, self.predicates[rel_type], ()
        yield fact, RDF_OBJECT, o, ()
        for name, p, kind in self.fact_props[rel_type]:
            value = row.get(name)
            if value is not None and (lit := literal(kind, value)) is not None:
                yield fact, p, lit, ()
        evidence = row.get("evidence") or []
        confidences = row.get("confidences") or []
        for i, article in enumerate(dict.fromkeys(sources)):
            a = self.iri(article)
            derivation = f"{fact}/from/{_path_segment(article)}"
            yield fact, PROV_DERIVED, a, ()
            yield fact, PROV_QUALIFIED, derivation, ()
            yield derivation, RDF_TYPE, PROV_DERIVATION, ()
            yield derivation, PROV_ENTITY, a, ()
            if i < len(evidence) and evidence[i] is not None:
                yield derivation, UCN_EVIDENCE, Lit(evidence[i]), ()
            if i < len(confidences) and confidences[i] is not None:
                yield (
                    derivation,
                    UCN_CONFIDENCE,
                    Lit(decimal_lexical(confidences[i]), XSD_DECIMAL),
                    (),
                )
        if rel_type == "MEMBER_OF":
            yield from self.membership(key, s, o, row, graphs)

    def membership(
        self, key: str, member: str, organization: str, row: Row, graphs: tuple[str, ...]
    ) -> Iterator[Quad]:
        m = f"{self.base}/membership/{key}"
        yield m, RDF_TYPE, ORG_MEMBERSHIP, graphs
        yield m, ORG_MEMBER, member, graphs
        yield m, ORG_ORGANIZATION, organization, graphs
        role = row.get("role")
        if role:
            r = f"{self.base}/role/{quote(role, safe='-._~')}"
            if role not in self.roles:
                self.roles.add(role)
                yield r, RDF_TYPE, ORG_ROLE_CLASS, ()
                yield r, RDFS_LABEL, Lit(role, None, name_language(role)), ()
            yield m, ORG_ROLE, r, graphs
        since = typed_date(row["since"]) if row.get("since") else None
        if since is not None and since.datatype:
            interval, start = f"{m}/during", f"{m}/start"
            yield m, ORG_MEMBER_DURING, interval, graphs
            yield interval, RDF_TYPE, TIME_INTERVAL, graphs
            yield interval, TIME_HAS_BEGINNING, start, graphs
            yield start, RDF_TYPE, TIME_INSTANT, graphs
            yield start, TIME_IN[since.datatype], since, graphs
