"""Turtle written as text, for the generated ontology and shapes: strings escaped, statements
and blank nodes laid out, the prefixes a file uses, and the classes and datatypes of the mapping
as the files name them."""

from __future__ import annotations

from ..graph.model import RDF_CLASSES
from .vocab import NAMESPACES

HEADER = (
    "# Generated from the RDF mapping in graph/model.py by `python -m ucn.ontology.owl`\n"
    "# (make ontology): edit the mapping, not this file.\n"
)
DATE_TYPES = ("xsd:date", "xsd:gYearMonth", "xsd:gYear")
RANGES = {"text": "xsd:string", "uri": "xsd:anyURI", "decimal": "xsd:decimal"}


def turtle_string(text: str) -> str:
    """`text` as a Turtle / N-Triples string, quotes and controls escaped."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{out}"'


def en_vi(en: str, vi: str) -> str:
    return f"{turtle_string(en)}@en, {turtle_string(vi)}@vi"


def union(curies: list[str], kind: str = "owl:Class") -> str:
    if len(curies) == 1:
        return curies[0]
    return f"[ a {kind} ; owl:unionOf ( {' '.join(curies)} ) ]"


Pairs = list[tuple[str, str]]


def _pairs(pairs: Pairs, indent: str) -> str:
    return f" ;\n{indent}".join(f"{p}{o}" if o[0] == "\n" else f"{p} {o}" for p, o in pairs)


def statement(subject: str, pairs: Pairs) -> str:
    return f"{subject} {_pairs(pairs, '    ')} .\n"


def bnode(pairs: Pairs, indent: str) -> str:
    """A blank node `[ ... ]` whose closing bracket sits at `indent`."""
    inner = indent + "    "
    return f"[\n{inner}{_pairs(pairs, inner)}\n{indent}]"


def _prefixes(used: str) -> str:
    return (
        "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in NAMESPACES.items() if f"{p}:" in used)
        + "\n"
    )


def turtle_file(parts: list[str]) -> str:
    """A generated file: the header, the prefixes `parts` use, and `parts`."""
    body = "\n".join(parts)
    return HEADER + "\n" + _prefixes(body) + body


def class_of(label: str) -> str:
    return RDF_CLASSES[label].curie
