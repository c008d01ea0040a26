"""The export of the graph as RDF in the ontology of ontology/ucn.ttl: the store read a page at
a time into statements (`iter_quads`), refused where a format cannot carry its text, and written
(`export_rdf`) or held by rdflib (`store_graph`).

What a store becomes (the mapping is in graph/model.py, applied to store rows by `RdfMapper` in
`rdf_mapper.py`; IRIs are `{base}/{id}`, percent-encoded):

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
rdflib holds the graph that SHACL validates (`store_graph`, made by `rdf_rdflib.py`); the
formats, IRIs and literal values are in `rdf_terms.py`; reading RDF back is in `rdf_read.py`.

Text that a format cannot carry is never written (see `UNWRITABLE`): control characters are
escaped where the format can escape them (\\uXXXX in Turtle, TriG, N-Triples, N-Quads and JSON),
and otherwise (C0 controls in RDF/XML; NUL, U+FFFE, U+FFFF and lone surrogates anywhere) the
export fails naming the node or relation and the property.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from ..graph.errors import UcnError

# fact_key, name_language and typed_date are also named here, where callers have always found them.
from ..graph.ids import fact_key as fact_key
from ..graph.model import MODEL
from ..graph.store import CHUNK, GraphStore
from ..graph.stored_rows import Row
from .rdf_mapper import RdfMapper
from .rdf_rdflib import to_rdflib
from .rdf_terms import (
    RDF_FORMATS,
    STREAMED,
    Lit,
    Quad,
    check_base,
)
from .rdf_terms import name_language as name_language
from .rdf_terms import typed_date as typed_date
from .rdf_write import _Sink, write_lines, write_oxigraph
from .vocab import DEFAULT_BASE


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
