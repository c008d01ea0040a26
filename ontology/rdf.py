"""The graph as RDF in the ontology of ontology/ucn.ttl, and such RDF back into a store.

What a store becomes (the mapping is in graph/model.py; IRIs are `{base}/{id}`, percent-encoded):

- Each node: its class (`ucn:City`, ...) and the classes it aligns to (`schema:City`, ...), its id
  as dcterms:identifier, its name as rdfs:label and skos:prefLabel, its aliases as skos:altLabel,
  each with a language tag (see `name_language`), owl:sameAs its Wikidata entity where the id is
  known, and its other properties as the mapping says. Dates are typed as precisely as they are
  known (xsd:date, xsd:gYearMonth, xsd:gYear); a date whose year is unknown (`XXXX-09-21`) is
  left out, never given an invented year.
- Each relation: the direct statement (`city ucn:memberOf network`), and a qualified fact
  (`{base}/fact/member-of/{hash}`, a ucn:Fact: rdf:subject, rdf:predicate, rdf:object, the
  relation's properties, ucn:confidence) that is prov:wasDerivedFrom each of its articles and
  has one prov:Derivation per article (prov:entity, ucn:evidence: the sentence, ucn:confidence).
  ucn:mentions is not qualified: its subject is the article itself.
- Each membership also as an org:Membership (org:member, org:organization, org:role an org:Role,
  org:memberDuring a time:Interval whose time:hasBeginning is the `since` date).
- In TriG and N-Quads, an article's statements (the direct statements it supports, their
  memberships and its ucn:mentions) are in the named graph of the article's IRI; descriptions of
  nodes, facts and derivations are in the default graph. The union of the graphs is the Turtle
  export.

Every format is written as a stream, a page of store rows at a time (`GraphStore.scan_nodes`,
`scan_relations`): N-Triples and N-Quads by `write_lines`, Turtle, TriG, RDF/XML and JSON-LD
(expanded: full IRIs) by pyoxigraph's writers (`write_oxigraph`), both in `rdf_write.py`.
rdflib holds the graph that SHACL validates (`store_graph`); reading RDF back is in
`rdf_read.py`.

Text that a format cannot carry is never written (see `UNWRITABLE`): control characters are
escaped where the format can escape them (\\uXXXX in Turtle, TriG, N-Triples, N-Quads and JSON),
and otherwise (C0 controls in RDF/XML; NUL, U+FFFE, U+FFFF and lone surrogates anywhere) the
export fails naming the node or relation and the property.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from typing import IO, Any, NamedTuple
from urllib.parse import quote

from ..graph.errors import UcnError
from ..graph.ids import fact_key
from ..graph.model import (
    ALIAS_PREDICATE,
    CONFIDENCE_TERM,
    EVIDENCE_TERM,
    FACT_CLASS,
    MODEL,
    NAME_PREDICATES,
    RDF_CLASSES,
    RDF_RELATIONS,
    ValueKind,
    rdf_node_property,
    rdf_relation_property,
)
from ..graph.store import CHUNK, GraphStore
from ..graph.stored_rows import Row, bulk_allocation
from .vocab import DEFAULT_BASE, NAMESPACES, WIKIDATA_ENTITY, expand, node_iri

# Formats: name -> (rdflib format, file suffix, media type).
RDF_FORMATS = {
    "turtle": ("turtle", ".ttl", "text/turtle"),
    "jsonld": ("json-ld", ".jsonld", "application/ld+json"),
    "nt": ("nt", ".nt", "application/n-triples"),
    "xml": ("xml", ".rdf", "application/rdf+xml"),
    "trig": ("trig", ".trig", "application/trig"),
    "nquads": ("nquads", ".nq", "application/n-quads"),
}
# Written by ucn itself; the others by pyoxigraph (OXIGRAPH_FORMATS). All are streamed.
STREAMED = frozenset({"nt", "nquads"})
DATASET_FORMATS = frozenset({"trig", "nquads"})
SUFFIXES = {suffix: name for name, (_, suffix, _) in RDF_FORMATS.items()}
SUFFIXES.update({".json": "jsonld", ".xml": "xml", ".owl": "xml", ".turtle": "turtle"})

RDF_TYPE = expand("rdf:type")
XSD_STRING = expand("xsd:string")
XSD_DECIMAL = expand("xsd:decimal")
XSD_ANYURI = expand("xsd:anyURI")
XSD_DATE = expand("xsd:date")
XSD_GYEARMONTH = expand("xsd:gYearMonth")
XSD_GYEAR = expand("xsd:gYear")
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (
    expand(f"rdf:{x}") for x in ("subject", "predicate", "object")
)
RDFS_LABEL = expand("rdfs:label")
SKOS_ALT = expand(ALIAS_PREDICATE)
OWL_SAMEAS = expand("owl:sameAs")
PROV_DERIVED = expand("prov:wasDerivedFrom")
PROV_QUALIFIED = expand("prov:qualifiedDerivation")
PROV_DERIVATION = expand("prov:Derivation")
PROV_ENTITY = expand("prov:entity")
ORG_MEMBERSHIP = expand("org:Membership")
ORG_MEMBER = expand("org:member")
ORG_ORGANIZATION = expand("org:organization")
ORG_ROLE = expand("org:role")
ORG_ROLE_CLASS = expand("org:Role")
ORG_MEMBER_DURING = expand("org:memberDuring")
TIME_INTERVAL = expand("time:Interval")
TIME_INSTANT = expand("time:Instant")
TIME_HAS_BEGINNING = expand("time:hasBeginning")
TIME_IN = {
    XSD_DATE: expand("time:inXSDDate"),
    XSD_GYEARMONTH: expand("time:inXSDgYearMonth"),
    XSD_GYEAR: expand("time:inXSDgYear"),
}
UCN_FACT = expand(FACT_CLASS.curie)
UCN_EVIDENCE = expand(EVIDENCE_TERM.curie)
UCN_CONFIDENCE = expand(CONFIDENCE_TERM.curie)
UCN_MENTIONS = expand(RDF_RELATIONS["MENTIONS"].curie)
NAME_IRIS = tuple(expand(p) for p in NAME_PREDICATES)
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
# A base IRI: a scheme, then no character that an IRI may not hold.
BASE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
# ISO 8601 with reduced precision, `XX` for an unknown month or day (as graph/document.py).
DATE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]|XX)(?:-(0[1-9]|[12]\d|3[01]|XX))?)?")


class Lit(NamedTuple):
    """A literal: its lexical form, and a datatype IRI or a language tag (xsd:string if none)."""

    lexical: str
    datatype: str | None = None
    lang: str | None = None


# An IRI is a plain str. A statement carries the named graphs it belongs to: () for the default.
Term = str | Lit
Quad = tuple[str, str, Term, tuple[str, ...]]


# -- values ------------------------------------------------------------------------------------
# Marks that, on a vowel, make a letter of the Vietnamese alphabet: the five tones (grave, acute,
# tilde, hook above, dot below), and breve (ă), circumflex (â ê ô) and horn (ơ ư).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SHAPES = {"\u0306": "aA", "\u0302": "aeoAEO", "\u031b": "ouOU"}
_VOWELS = frozenset("aeiouyAEIOUY")


def _vietnamese_letter(base: str, marks: list[str]) -> bool | None:
    """True for a letter of the Vietnamese alphabet that is not ASCII, False for a letter
    Vietnamese does not have, None for an ASCII letter or a character that is no letter."""
    if base in "đĐ":
        return True
    if not marks:
        return None if base.isascii() or not base.isalpha() else False
    if base not in _VOWELS:
        return False if base.isalpha() else None
    tones = [m for m in marks if m in _TONES]
    shapes = [m for m in marks if m not in _TONES]
    return (
        len(tones) <= 1
        and len(shapes) <= 1
        and all(m in _SHAPES and base in _SHAPES[m] for m in shapes)
    )


def name_language(text: str) -> str:
    """The language tag of a name: `vi` when it has a letter of the Vietnamese alphabet beyond
    ASCII (đ, ă, â, ê, ô, ơ, ư, a vowel with a tone mark) and no letter Vietnamese lacks (ü, ç,
    ñ, ø, ß, other scripts), else `en`.

    A name without diacritics cannot be told apart and is `en` (`Gia Lai`, `CityNet`), and a
    foreign name whose accents all occur in Vietnamese is `vi` (`São Paulo`).

    >>> name_language("Đà Nẵng"), name_language("Da Nang"), name_language("Düsseldorf")
    ('vi', 'en', 'en')
    """
    if text.isascii():
        return "en"
    composed = unicodedata.normalize("NFC", text)
    if _ASCII_OR_VIETNAMESE(composed):
        # each character is ASCII or a whole Vietnamese letter: the walk below would agree
        return "en" if composed.isascii() else "vi"
    vietnamese = False
    base, marks = "", []
    for char in [*unicodedata.normalize("NFD", text), " "]:
        if unicodedata.combining(char):
            marks.append(char)
            continue
        if base:
            letter = _vietnamese_letter(base, marks)
            if letter is False:
                return "en"
            vietnamese = vietnamese or bool(letter)
        base, marks = char, []
    return "vi" if vietnamese else "en"


def _vietnamese_letters() -> str:
    """The precomposed characters that are letters of the Vietnamese alphabet beyond ASCII."""
    letters = []
    for code in range(0x80, 0x2000):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], list(decomposed[1:])
        whole = not unicodedata.combining(base) and all(map(unicodedata.combining, marks))
        if whole and _vietnamese_letter(base, marks):
            letters.append(char)
    return "".join(letters)


# Most names are ASCII, or ASCII and composed Vietnamese letters only: one match answers them.
_ASCII_OR_VIETNAMESE = re.compile(f"[\x00-\x7f{_vietnamese_letters()}]*").fullmatch


def typed_date(value: str) -> Lit | None:
    """An ISO 8601 date of reduced precision, typed as precisely as it is known; None when the
    year is unknown (`XXXX-09-21`) or the value is no such date.

    >>> typed_date("2018-XX-05").lexical, typed_date("XXXX-09-21")
    ('2018', None)
    """
    match = DATE.fullmatch(value)
    if match is None:
        return None
    year, month, day = match.groups()
    if month in (None, "XX"):
        return Lit(year, XSD_GYEAR)
    if day in (None, "XX"):
        return Lit(f"{year}-{month}", XSD_GYEARMONTH)
    return Lit(f"{year}-{month}-{day}", XSD_DATE)


def decimal_lexical(value: float) -> str:
    """A float as an xsd:decimal lexical form, digits as Python prints them (0.9, 1.0)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text if "." in text else f"{text}.0"


def literal(kind: ValueKind, value: Any) -> Lit | None:
    if kind == "date":
        return typed_date(str(value))
    if kind == "decimal":
        return Lit(decimal_lexical(value), XSD_DECIMAL)
    if kind == "uri":
        return Lit(str(value), XSD_ANYURI)
    return Lit(str(value))


def check_base(base: str) -> str:
    """`base` without a trailing slash; `UcnError` unless it is an absolute IRI."""
    if not BASE_IRI.fullmatch(base):
        raise UcnError(
            f"--base {base!r} is not an absolute IRI (like {DEFAULT_BASE}): it needs a scheme "
            "and no spaces, quotes, angle brackets, braces, |, ^, ` or backslashes"
        )
    return base.rstrip("/")


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


# -- the graph as statements -------------------------------------------------------------------
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


def iter_quads(
    store: GraphStore, base: str = DEFAULT_BASE, batch: int = CHUNK, fmt: str | None = None
) -> Iterator[Quad]:
    """Every statement of the export, reading the store `batch` rows at a time; with `fmt`,
    `UcnError` naming the node (or relation) and property of the first text that `fmt` cannot
    carry (see `UNWRITABLE`)."""
    mapper = RdfMapper(base)
    unwritable, fmt_name = (UNWRITABLE[fmt], fmt) if fmt is not None else (None, "")
    for label in MODEL.labels:
        for rows in store.scan_nodes(label, batch, mapper.node_columns[label]):
            for row in rows:
                if unwritable is None or _writable(row, unwritable):
                    yield from mapper.node(label, row)
                else:
                    yield from _checked(mapper.node(label, row), row, unwritable, fmt_name)
    for rel_type in MODEL.relations:
        for rows in store.scan_relations(rel_type, batch, mapper.relation_columns[rel_type]):
            for row in rows:
                if unwritable is None or _writable(row, unwritable):
                    yield from mapper.relation(rel_type, row)
                else:
                    yield from _checked(
                        mapper.relation(rel_type, row), row, unwritable, fmt_name, rel_type
                    )


# -- text a format cannot carry ----------------------------------------------------------------
# Every format is UTF-8, which has no lone surrogate (half of a UTF-16 pair). U+0000 and the
# noncharacters U+FFFE and U+FFFF are legal in N-Triples, Turtle and JSON, but raptor (rapper)
# rejects U+FFFE and U+FFFF even as \uFFFE, cuts a raw one's literal short, and cuts a literal at
# U+0000 (\u0000 too): no spelling of them reads back, so no format writes them. XML 1.0 has no
# way at all (not even &#1;) to write the other C0 controls but tab, LF and CR; the other formats
# write them as \uXXXX (Turtle, TriG, N-Triples, N-Quads) or JSON's \u00XX (JSON-LD).
_NEVER = "\x00\ufffe\uffff\ud800-\udfff"
_UNPORTABLE = re.compile(f"[{_NEVER}]")
_NOT_XML = re.compile(f"[{_NEVER}\x01-\x08\x0b\x0c\x0e-\x1f]")
UNWRITABLE = {fmt: _NOT_XML if fmt == "xml" else _UNPORTABLE for fmt in RDF_FORMATS}


def _why(char: str, fmt: str) -> str:
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"{code}, half of a UTF-16 surrogate pair, which UTF-8 cannot encode"
    if char == "\x00":
        return f"{code} (NUL), at which RDF parsers such as raptor cut the text short"
    if char in "\ufffe\uffff":
        return f"{code}, a Unicode noncharacter that RDF parsers such as raptor reject"
    return (
        f"{code}, a control character that XML 1.0 cannot hold in any form "
        "(turtle, nt, trig, nquads and jsonld escape it)"
    )


def _writable(row: Row, unwritable: re.Pattern[str]) -> bool:
    """Whether no text of `row` (a value, or an item of a list) holds what `unwritable`
    matches: then no statement made of the row does, for all their text comes from it."""
    search = unwritable.search
    for value in row.values():
        if type(value) is str:
            if search(value):
                return False
        elif type(value) is list:
            for item in value:
                if type(item) is str and search(item):
                    return False
    return True


def _checked(
    quads: Iterator[Quad],
    row: Row,
    unwritable: re.Pattern[str],
    fmt: str,
    rel_type: str | None = None,
) -> list[Quad]:
    """The statements of `row`, or `UcnError` (one line) when a literal of them holds text
    that `fmt` cannot carry, naming the node or relation and the property."""
    try:
        made = list(quads)
    except UnicodeEncodeError:  # a lone surrogate in an id or a role, which an IRI encodes
        made = None
    bad = {
        o.lexical
        for _, _, o, _ in made or ()
        if isinstance(o, Lit) and unwritable.search(o.lexical)
    }
    if made is not None and not bad:
        return made
    # the property that holds such text: the one a bad literal was made of (the text is its
    # value, or an item of it), else (a bad IRI) the first
    found = sorted(
        (item not in bad, i, key, match.group())
        for i, (key, value) in enumerate(row.items())
        for item in (value if isinstance(value, list) else [value])
        if isinstance(item, str) and (match := unwritable.search(item))
    )
    key, char = found[0][2:] if found else ("?", "")
    if rel_type is None:
        where = f"node {row.get('id')!r}"
    else:
        where = f"relation {rel_type} {row.get('source')!r} -> {row.get('target')!r}"
    why = _why(char, fmt) if char else "text it cannot carry"
    raise UcnError(
        f"cannot export {fmt}: {where}, property {key!r}, holds {why}; correct it in the graph"
    )


# -- rdflib ------------------------------------------------------------------------------------
def _rdflib_term(term: Term) -> Any:
    from rdflib import Literal, URIRef

    if isinstance(term, str):
        return URIRef(term)
    if term.lang:
        return Literal(term.lexical, lang=term.lang)
    datatype = URIRef(term.datatype) if term.datatype and term.datatype != XSD_STRING else None
    return Literal(term.lexical, datatype=datatype, normalize=False)


EXPORT_PREFIXES: tuple[str, ...]
EXPORT_PREFIXES = ("ucn", "rdf", "rdfs", "owl", "xsd", "skos", "dcterms", "org", "schema")
EXPORT_PREFIXES += ("foaf", "prov", "time", "wd")
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


def export_rdf(
    store: GraphStore,
    fmt: str,
    out: IO[bytes],
    base: str = DEFAULT_BASE,
    batch: int = CHUNK,
) -> int:
    """Write the store as `fmt` (a key of RDF_FORMATS) to the binary stream `out`, streamed:
    `batch` store rows at a time. Returns the number of statements (N-Triples, N-Quads, TriG:
    once per graph) written. When it fails (text `fmt` cannot carry: `UcnError`), at most what
    came before the failure was written, and nothing when that was under HOLD_BYTES."""
    if fmt not in RDF_FORMATS:
        raise UcnError(f"unknown RDF format {fmt!r} (one of {', '.join(RDF_FORMATS)})")
    check_base(base)
    quads = iter_quads(store, base, batch, fmt)
    from .rdf_write import _Sink, write_lines, write_oxigraph

    sink = _Sink(out, xml=fmt == "xml")
    if fmt in STREAMED:
        count = write_lines(quads, sink, graphs=fmt == "nquads")
    else:
        count = write_oxigraph(quads, sink, fmt)
    sink.close()
    return count


def store_graph(store: GraphStore, base: str = DEFAULT_BASE) -> Any:
    """The export as one in-memory rdflib Graph (the union of its named graphs)."""
    return to_rdflib(iter_quads(store, base), dataset=False)
