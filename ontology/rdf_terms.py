"""The terms of the RDF export: its formats, the IRIs it writes, literals and statements (`Lit`,
`Quad`), and the values that become literals (dates typed as precisely as they are known,
decimals, the language tags of names), and the check of a base IRI."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any, NamedTuple

from ..graph.errors import UcnError
from ..graph.model import (
    ALIAS_PREDICATE,
    CONFIDENCE_TERM,
    EVIDENCE_TERM,
    FACT_CLASS,
    NAME_PREDICATES,
    RDF_RELATIONS,
    ValueKind,
)
from .vocab import DEFAULT_BASE, expand

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
# The vocabularies whose prefixes the Turtle, TriG and RDF/XML exports shorten IRIs with.
EXPORT_PREFIXES: tuple[str, ...]
EXPORT_PREFIXES = ("ucn", "rdf", "rdfs", "owl", "xsd", "skos", "dcterms", "org", "schema")
EXPORT_PREFIXES += ("foaf", "prov", "time", "wd")

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
