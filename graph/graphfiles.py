"""The graph as GraphML and GEXF files, for Gephi, Cytoscape, yEd, igraph and networkx.

Both files hold the same view of the graph, streamed from the store a batch of rows at a time
(`GraphStore.iter_nodes` / `iter_relations`, so memory stays bounded), nodes first:

- Nodes carry `label`, what a viewer draws (the node's name: Gephi, Cytoscape and yEd show an
  attribute called `label`), `type`, the node's label in ucn (City, Country, ...), and every
  property of the model (`name`, `aliases`, `kind`, ..., `sources`, the network measures).
- Relations are directed, carry `label` (what is drawn) and `type`, both the relation type
  (MEMBER_OF, ...), and every property: `sources`, `evidence` and `confidences` (aligned: the
  i-th sentence and confidence are those of the i-th article), `confidence`, `since`, `role`,
  ... Two relations of different types between the same nodes are two parallel edges; each
  has a stable id, `{type}.{16 hex digits}`, the key of its fact in the RDF export.
- Neither format has a list type that every reader knows (GraphML has none; networkx cannot
  read GEXF's `listdouble`), so a list is written as the text of a JSON array:
  `["art-1", "art-2"]`, `[0.9, 0.7]`; `json.loads` gives the list back. GEXF declares such
  attributes `liststring`, whose syntax (`[a, "b c"]`) Gephi reads as an array. A null value is
  left out; dates are text as stored (`2017`, `2005-10-11`, `XXXX-09-21`); confidences and
  measures are `double`, counts `long`.
- The store's bookkeeping (what each article supplied, the folded name keys) is left out, as
  from `GraphStore.to_networkx`; the CSV export (graph/admincsv.py) keeps it.

GraphML node ids are NMTOKENs (its schema's type), which cannot hold `/`: a node's id is its ucn
id with `/` written as `:` and any character outside `A-Z a-z 0-9 . -` as `_HEX_` (its code
point), and the ucn id itself is the node's `id` attribute (`graphml_node_id`, `ucn_id`). GEXF
ids are any text: they are the ucn ids.

Text XML 1.0 cannot hold in any form (C0 controls but tab, line feed and carriage return;
U+FFFE, U+FFFF; half a surrogate pair) is never written: the export fails naming the node or
relation and the property. In lists, JSON escapes the controls (`\\u0001`).
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from .errors import UcnError
from .ids import fact_key
from .model import BOOKKEEPING_PROPERTIES, MODEL, PropertyType
from .store import CHUNK, GraphStore
from .stored_rows import Row

GRAPH_FORMATS = ("graphml", "gexf")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
GEXF_NS = "http://gexf.net/1.3"
GEXF_SCHEMA = "http://gexf.net/1.3/gexf.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

LIST_NOTE = "a JSON array as text; json.loads gives the list"
DESCRIPTION = (
    "The ucn urban-cooperation graph: cities, countries, organisations, city networks, people, "
    "events and the articles that state their ties. Nodes: label is the name (what is drawn), "
    "type the ucn label (City, Country, Organization, Network, Person, Event, Article). "
    "Relations are directed; label and type are the relation type (MEMBER_OF, ...). Lists "
    "(aliases, sources, evidence, confidences) are written as the text of a JSON array, "
    'e.g. ["art-1", "art-2"] or [0.9, 0.7]: json.loads gives the list back. A relation\'s '
    "evidence and confidences are aligned with its sources: the i-th sentence and confidence "
    "are those of the i-th article. Null values are left out; dates are text as stored "
    "(2017, 2005-10-11, XXXX-09-21 for an unknown year)."
)
GRAPHML_ID_NOTE = (
    " GraphML node ids are NMTOKENs: the ucn id with / written as : and any other character "
    "outside A-Z a-z 0-9 . - as _HEX_ (its code point); the ucn id is the node's id attribute."
)


@dataclass(frozen=True)
class Field:
    """One attribute of the nodes or of the edges of the files."""

    name: str
    type: PropertyType
    description: str

    @property
    def is_list(self) -> bool:
        return self.type.endswith("[]")


def _union(columns: dict[str, list[tuple[str, Any]]]) -> list[Field]:
    """Fields from (owner, Property) pairs per name: one per name, its descriptions joined
    where owners describe it differently."""
    fields = []
    for name, owned in columns.items():
        types = {p.type for _, p in owned}
        if len(types) != 1:  # the model would need a type per label: a programming error
            raise ValueError(f"property {name!r} has types {sorted(types)} in the model")
        descriptions = dict.fromkeys(p.description for _, p in owned)
        if len(descriptions) == 1:
            text = next(iter(descriptions))
        else:
            text = "; ".join(f"{owner}: {p.description}" for owner, p in owned)
        fields.append(Field(name, owned[0][1].type, text))
    return fields


def node_fields(with_id: bool = False) -> tuple[Field, ...]:
    """The node attributes: `label`, `type` (and `id`), then every property of every label in
    model order, without the bookkeeping."""
    columns: dict[str, list[tuple[str, Any]]] = {}
    for label in MODEL.labels:
        for prop in MODEL.node_columns(label):
            if prop.name != "id" and prop.name not in BOOKKEEPING_PROPERTIES:
                columns.setdefault(prop.name, []).append((label, prop))
    head = [
        Field("label", "string", "what is drawn: the node's name"),
        Field("type", "string", "the node's label in ucn: " + ", ".join(MODEL.labels)),
    ]
    if with_id:
        head.append(Field("id", "string", "the node's ucn id (type/slug)"))
    return (*head, *_union(columns))


def edge_fields() -> tuple[Field, ...]:
    """The edge attributes: `label` and `type`, then every relation property in model order,
    without the bookkeeping."""
    columns: dict[str, list[tuple[str, Any]]] = {}
    for rel_type in MODEL.relations:
        for prop in MODEL.relation_columns(rel_type):
            if prop.name not in BOOKKEEPING_PROPERTIES:
                columns.setdefault(prop.name, []).append((rel_type, prop))
    head = [
        Field("label", "string", "what is drawn: the relation type"),
        Field("type", "string", "the relation type: " + ", ".join(MODEL.relations)),
    ]
    return (*head, *_union(columns))


# -- ids ---------------------------------------------------------------------------------------
_NMTOKEN_KEPT = re.compile(r"[A-Za-z0-9.\-]")
_PLAIN_ID = re.compile(r"[A-Za-z0-9.\-/]*")
_ESCAPED = re.compile(r"_([0-9A-F]+)_|:")


def graphml_node_id(node_id: str) -> str:
    """A ucn id as a GraphML node id (an NMTOKEN): `city/da-nang` -> `city:da-nang`, any
    character but A-Z a-z 0-9 . - as `_HEX_` (`a b` -> `a_20_b`)."""
    if _PLAIN_ID.fullmatch(node_id):  # every id ucn makes itself
        return node_id.replace("/", ":")
    return "".join(
        c if _NMTOKEN_KEPT.fullmatch(c) else ":" if c == "/" else f"_{ord(c):02X}_" for c in node_id
    )


def ucn_id(graphml_id: str) -> str:
    """The ucn id a GraphML node id of this export stands for (`graphml_node_id` undone)."""
    return _ESCAPED.sub(lambda m: "/" if m.group() == ":" else chr(int(m.group(1), 16)), graphml_id)


def edge_id(rel_type: str, source: str, target: str) -> str:
    """A relation's id in both files: `MEMBER_OF.0123456789abcdef`, its RDF fact's key."""
    return f"{rel_type}.{fact_key(rel_type, source, target)}"


# -- text --------------------------------------------------------------------------------------
# XML 1.0 has no way to write these (not even as &#1;); lone surrogates cannot be UTF-8.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Markup characters escaped; carriage return (and in attributes tab and line feed) as character
# references, so that parsers do not normalise them away; DEL and C1 controls too, for editors.
_C1 = {chr(c): f"&#{c};" for c in range(0x7F, 0xA0)}
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", **_C1})
_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
        **_C1,
    }
)


def _why(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"{code}, half of a UTF-16 surrogate pair, which UTF-8 cannot encode"
    if char in "\ufffe\uffff":
        return f"{code}, a Unicode noncharacter, which XML cannot hold"
    return (
        f"{code}, a control character that XML 1.0 cannot hold in any form (the csv export "
        "carries it)"
    )


def _number(value: Any, type_: PropertyType) -> str:
    if type_ == "int":
        return str(int(value))
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    return repr(number)


def value_text(value: Any, type_: PropertyType) -> str:
    """How a value is written: a list as JSON array text, a number in XML Schema's lexical
    form, text as it is."""
    if type_.endswith("[]"):
        return json.dumps(list(value), ensure_ascii=False)
    if type_ in ("float", "int"):
        return _number(value, type_)
    return str(value)


def decode_list(text: str) -> list[Any]:
    """A list attribute of these files back as a list (`json.loads`)."""
    value = json.loads(text)
    if not isinstance(value, list):
        raise ValueError(f"not a JSON array: {text[:40]!r}")
    return value


class _Where:
    """Names a node or a relation in an error."""

    def __init__(self, fmt: str, what: str):
        self.fmt, self.what = fmt, what

    def check(self, prop: str, text: str) -> str:
        if bad := _NOT_XML.search(text):
            raise UcnError(
                f"cannot export {self.fmt}: {self.what}, property {prop!r}, holds "
                f"{_why(bad.group())}; correct it in the graph"
            )
        return text


def _node_where(fmt: str, row: Row) -> _Where:
    return _Where(fmt, f"node {row.get('id')!r}")


def _edge_where(fmt: str, rel_type: str, row: Row) -> _Where:
    return _Where(fmt, f"relation {rel_type} {row.get('source')!r} -> {row.get('target')!r}")


def _node_values(label: str, row: Row, fields: tuple[Field, ...]) -> Iterator[tuple[Field, Any]]:
    """(field, value) for the node's non-null attributes."""
    given = {"label": row.get("name"), "type": label, "id": row.get("id")}
    for f in fields:
        value = given[f.name] if f.name in given else row.get(f.name)
        if value is not None:
            yield f, value


def _edge_values(rel_type: str, row: Row, fields: tuple[Field, ...]) -> Iterator[tuple[Field, Any]]:
    given = {"label": rel_type, "type": rel_type}
    for f in fields:
        value = given[f.name] if f.name in given else row.get(f.name)
        if value is not None:
            yield f, value


def _source(f: Field) -> str:
    """The model property a field's text comes from (what an error names)."""
    return "name" if f.name == "label" else f.name


@dataclass
class ExportCounts:
    nodes: int = 0
    edges: int = 0


def _nodes(store: GraphStore, batch: int) -> Iterator[tuple[str, Row]]:
    for label in MODEL.labels:
        for rows in store.iter_nodes(label, batch):
            for row in rows:
                yield label, row


def _edges(store: GraphStore, batch: int) -> Iterator[tuple[str, Row]]:
    for rel_type in MODEL.relations:
        for rows in store.iter_relations(rel_type, batch):
            for row in rows:
                yield rel_type, row


# -- GraphML -----------------------------------------------------------------------------------
def _graphml_type(type_: PropertyType) -> str:
    return {"float": "double", "int": "long"}.get(type_, "string")


def write_graphml(store: GraphStore, text: IO[str], batch: int = CHUNK) -> ExportCounts:
    """Write the store as GraphML to the text stream `text`."""
    nodes, edges = node_fields(with_id=True), edge_fields()
    write = text.write
    write('<?xml version="1.0" encoding="UTF-8"?>\n')
    write(
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_SCHEMA}">\n'
    )
    write(f"  <desc>{(DESCRIPTION + GRAPHML_ID_NOTE).translate(_TEXT)}</desc>\n")
    for domain, prefix, fields in (("node", "n", nodes), ("edge", "e", edges)):
        for f in fields:
            about = f.description + (f" ({LIST_NOTE})" if f.is_list else "")
            write(
                f'  <key id="{prefix}.{f.name}" for="{domain}" attr.name="{f.name}" '
                f'attr.type="{_graphml_type(f.type)}"><desc>{about.translate(_TEXT)}</desc></key>\n'
            )
    write('  <graph id="ucn" edgedefault="directed">\n')
    counts = ExportCounts()
    for label, row in _nodes(store, batch):
        where = _node_where("graphml", row)
        node = graphml_node_id(where.check("id", row["id"]))
        write(f'    <node id="{node}">\n')
        for f, value in _node_values(label, row, nodes):
            data = where.check(_source(f), value_text(value, f.type)).translate(_TEXT)
            write(f'      <data key="n.{f.name}">{data}</data>\n')
        write("    </node>\n")
        counts.nodes += 1
    for rel_type, row in _edges(store, batch):
        where = _edge_where("graphml", rel_type, row)
        source = graphml_node_id(where.check("source", row["source"]))
        target = graphml_node_id(where.check("target", row["target"]))
        ident = edge_id(rel_type, row["source"], row["target"])
        write(f'    <edge id="{ident}" source="{source}" target="{target}">\n')
        for f, value in _edge_values(rel_type, row, edges):
            data = where.check(f.name, value_text(value, f.type)).translate(_TEXT)
            write(f'      <data key="e.{f.name}">{data}</data>\n')
        write("    </edge>\n")
        counts.edges += 1
    write("  </graph>\n</graphml>\n")
    return counts


# -- GEXF --------------------------------------------------------------------------------------
def _gexf_type(type_: PropertyType) -> str:
    if type_.endswith("[]"):
        return "liststring"  # networkx reads no listdouble; [0.9, 0.7] is a liststring too
    return {"float": "double", "int": "long"}.get(type_, "string")


def write_gexf(store: GraphStore, text: IO[str], batch: int = CHUNK) -> ExportCounts:
    """Write the store as GEXF 1.3 to the text stream `text`."""
    # Node attributes but `label` (the node's own label attribute), then edge attributes but
    # `label` (the edge's); ids are numbered across both classes, as networkx does.
    nodes = tuple(f for f in node_fields() if f.name != "label")
    edges = tuple(f for f in edge_fields() if f.name != "label")
    ids = {("node", f.name): str(i) for i, f in enumerate(nodes)}
    ids.update({("edge", f.name): str(len(nodes) + i) for i, f in enumerate(edges)})
    write = text.write
    write('<?xml version="1.0" encoding="UTF-8"?>\n')
    write(
        f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_SCHEMA}" version="1.3">\n'
    )
    note = " Edges also carry the relation type as their kind." + (
        " Attribute descriptions: "
        + " ".join(f"{f.name}: {f.description}." for f in (*nodes, *edges) if f.name != "type")
    )
    write("  <meta>\n    <creator>ucn</creator>\n")
    write(f"    <description>{(DESCRIPTION + note).translate(_TEXT)}</description>\n")
    write("  </meta>\n")
    write('  <graph mode="static" defaultedgetype="directed" idtype="string">\n')
    for domain, fields in (("node", nodes), ("edge", edges)):
        write(f'    <attributes class="{domain}">\n')
        for f in fields:
            write(
                f'      <attribute id="{ids[domain, f.name]}" title="{f.name}" '
                f'type="{_gexf_type(f.type)}"/>\n'
            )
        write("    </attributes>\n")
    counts = ExportCounts()
    write("    <nodes>\n")
    for label, row in _nodes(store, batch):
        where = _node_where("gexf", row)
        node = where.check("id", row["id"]).translate(_ATTR)
        name = where.check("name", str(row.get("name") or row["id"])).translate(_ATTR)
        write(f'      <node id="{node}" label="{name}">\n        <attvalues>\n')
        for f, value in _node_values(label, row, nodes):
            data = where.check(f.name, value_text(value, f.type)).translate(_ATTR)
            write(f'          <attvalue for="{ids["node", f.name]}" value="{data}"/>\n')
        write("        </attvalues>\n      </node>\n")
        counts.nodes += 1
    write("    </nodes>\n    <edges>\n")
    for rel_type, row in _edges(store, batch):
        where = _edge_where("gexf", rel_type, row)
        source = where.check("source", row["source"]).translate(_ATTR)
        target = where.check("target", row["target"]).translate(_ATTR)
        ident = edge_id(rel_type, row["source"], row["target"])
        write(
            f'      <edge id="{ident}" source="{source}" target="{target}" '
            f'label="{rel_type}" kind="{rel_type}">\n        <attvalues>\n'
        )
        for f, value in _edge_values(rel_type, row, edges):
            data = where.check(f.name, value_text(value, f.type)).translate(_ATTR)
            write(f'          <attvalue for="{ids["edge", f.name]}" value="{data}"/>\n')
        write("        </attvalues>\n      </edge>\n")
        counts.edges += 1
    write("    </edges>\n  </graph>\n</gexf>\n")
    return counts


def export_graph_file(
    store: GraphStore, fmt: str, out: IO[bytes], batch: int = CHUNK
) -> ExportCounts:
    """Write the store as `fmt` (graphml or gexf) to the binary stream `out`, UTF-8."""
    writers = {"graphml": write_graphml, "gexf": write_gexf}
    if fmt not in writers:
        raise UcnError(f"unknown graph file format {fmt!r} (one of {', '.join(GRAPH_FORMATS)})")
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=False)
    try:
        return writers[fmt](store, text, batch)
    finally:
        try:
            text.flush()
        finally:
            text.detach()
