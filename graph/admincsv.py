"""The graph as CSV in the layout of `neo4j-admin database import`, and such CSV read back.

`export_admin_csv` writes a zip archive holding two files, streamed from the store a batch of
rows at a time:

- `nodes.csv`: `id:ID` (one global id space: ucn ids are unique across labels, and the id is
  also stored as the `id` property, as ucn's Neo4j store keeps it), `:LABEL`, then every node
  property of the model with its type: `name:string`, `aliases:string[]`, ...,
  `betweenness:double`, `degree:long`. One file for every label, so its columns are the union
  of the labels' properties; a node leaves the others empty.
- `relationships.csv`: `:START_ID`, `:END_ID`, `:TYPE`, then every relation property:
  `sources:string[]`, `evidence:string[]`, `confidences:double[]` (aligned: the i-th sentence
  and confidence are those of the i-th article), `confidence:double`, `since:string`, ...

Everything ucn's Neo4j store holds is there, the bookkeeping too (what each article supplied,
`provenance`; the folded name keys, `keys`), so a database imported from the archive is a ucn
graph: `ucn --neo4j` finds entities by any spelling and `ucn forget` stays exact. Types:
text is `string` (dates too: `2017`, `XXXX-09-21` are no Neo4j dates), numbers `double` and
`long` (not `float` and `int`, which neo4j-admin reads as 32 bits: 0.9 would come back as
0.8999999761581421), lists `string[]` and `double[]`.

Format: UTF-8 without a byte-order mark, comma-separated, `"` quotes, a quote inside a value
doubled (RFC 4180), line feed between rows. Every text value is quoted (so leading and trailing
spaces stay, and an empty text `""` is told from a null, which is an empty unquoted field);
numbers are not. Array elements are joined by U+241F (SYMBOL FOR UNIT SEPARATOR, `␟`), a
visible character that news text does not use, instead of neo4j-admin's default `;`, which
evidence sentences do; a value holding it, NUL or half a surrogate pair fails the export,
naming the node or relation and the property. Neo4j's CSV import does not keep empty arrays
(an empty list is a null), and neither does ucn. Values with line breaks need
`--multiline-fields=true`; `import_command` gives the command line, and the archive's comment
holds the one for its data.

`read_admin_csv` reads such an archive (or any pair of files in this layout) back, honouring
the header: ids, labels, types and typed properties, arrays split on the array delimiter.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from typing import IO, Any

from .errors import UcnError
from .model import MODEL, PropertyType
from .store import CHUNK, GraphStore

NODES_FILE = "nodes.csv"
RELATIONSHIPS_FILE = "relationships.csv"
ARRAY_DELIMITER = "\u241f"
ARRAY_DELIMITER_OPTION = "U+241F"  # as --array-delimiter takes it
NEO4J_TYPES: dict[PropertyType, str] = {
    "string": "string",
    "string[]": "string[]",
    "float": "double",
    "float[]": "double[]",
    "int": "long",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: PropertyType

    @property
    def header(self) -> str:
        return f"{self.name}:{NEO4J_TYPES[self.type]}"


def _union(pairs: Iterable[tuple[str, PropertyType]]) -> tuple[Column, ...]:
    columns: dict[str, PropertyType] = {}
    for name, type_ in pairs:
        if columns.setdefault(name, type_) != type_:  # a programming error in the model
            raise ValueError(f"property {name!r} has two types in the model")
    return tuple(Column(name, type_) for name, type_ in columns.items())


def node_columns() -> tuple[Column, ...]:
    """The property columns of nodes.csv (after `id:ID` and `:LABEL`), in model order."""
    return _union(
        (p.name, p.type)
        for label in MODEL.labels
        for p in MODEL.node_columns(label)
        if p.name != "id"
    )


def relationship_columns() -> tuple[Column, ...]:
    """The property columns of relationships.csv (after the ends and the type)."""
    return _union((p.name, p.type) for rel in MODEL.relations for p in MODEL.relation_columns(rel))


def import_command(multiline: bool = True, folder: str = "import", database: str = "neo4j") -> str:
    """The neo4j-admin (Neo4j 5) command line that imports the two files from `folder` into a
    stopped server's `database`, replacing it."""
    return (
        "neo4j-admin database import full "
        f"--nodes={folder}/{NODES_FILE} --relationships={folder}/{RELATIONSHIPS_FILE} "
        f"--delimiter=, --array-delimiter={ARRAY_DELIMITER_OPTION} --quote='\"' "
        + ("--multiline-fields=true " if multiline else "")
        + f"--overwrite-destination {database}"
    )


# -- writing -----------------------------------------------------------------------------------
_REFUSED = re.compile("[\x00\ud800-\udfff]")
_LINE_BREAK = re.compile("[\r\n]")


def _why(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == ARRAY_DELIMITER:
        return f"{code}, the array delimiter of this export, in an element of a list"
    if char == "\x00":
        return f"{code} (NUL), at which spreadsheets and CSV readers cut text short"
    return f"{code}, half of a UTF-16 surrogate pair, which UTF-8 cannot encode"


class _Writer:
    """CSV rows of typed values, quoted as neo4j-admin reads them."""

    def __init__(self, text: IO[str]):
        self.text, self.multiline = text, False

    def header(self, fields: Iterable[str]) -> None:
        self.text.write(",".join(fields) + "\n")

    def row(self, fields: Iterable[str]) -> None:
        self.text.write(",".join(fields) + "\n")

    def string(self, value: str, where: str, prop: str) -> str:
        if bad := _REFUSED.search(value):
            raise UcnError(
                f"cannot export csv: {where}, property {prop!r}, holds {_why(bad.group())}; "
                "correct it in the graph"
            )
        if not self.multiline and _LINE_BREAK.search(value):
            self.multiline = True
        return '"' + value.replace('"', '""') + '"'

    def value(self, value: Any, type_: PropertyType, where: str, prop: str) -> str:
        if value is None:
            return ""
        if type_.endswith("[]"):
            if not value:  # neo4j-admin keeps no empty array; ucn reads null as []
                return ""
            items = []
            for item in value:
                if item is None:
                    raise UcnError(
                        f"cannot export csv: {where}, property {prop!r}, holds a null in a "
                        "list, which a Neo4j array cannot hold; correct it in the graph"
                    )
                if type_ == "float[]":
                    items.append(_number(item, "float"))
                else:
                    text = str(item)
                    if ARRAY_DELIMITER in text:
                        raise UcnError(
                            f"cannot export csv: {where}, property {prop!r}, holds "
                            f"{_why(ARRAY_DELIMITER)}; correct it in the graph"
                        )
                    items.append(text)
            return self.string(ARRAY_DELIMITER.join(items), where, prop)
        if type_ in ("float", "int"):
            return _number(value, type_)
        return self.string(str(value), where, prop)


def _number(value: Any, type_: PropertyType) -> str:
    """A number as Java parses it (Double.parseDouble, Long.parseLong)."""
    if type_ == "int":
        return str(int(value))
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return repr(number)


@dataclass
class AdminCsvResult:
    nodes: int = 0
    relationships: int = 0
    multiline: bool = False  # some value holds a line break: --multiline-fields=true

    @property
    def command(self) -> str:
        return import_command(self.multiline)


def _write_nodes(store: GraphStore, writer: _Writer, batch: int) -> int:
    columns = node_columns()
    writer.header(["id:ID", ":LABEL", *(c.header for c in columns)])
    count = 0
    for label in MODEL.labels:
        for rows in store.iter_nodes(label, batch):
            for row in rows:
                where = f"node {row.get('id')!r}"
                fields = [writer.string(row["id"], where, "id"), label]
                fields += [writer.value(row.get(c.name), c.type, where, c.name) for c in columns]
                writer.row(fields)
                count += 1
    return count


def _write_relationships(store: GraphStore, writer: _Writer, batch: int) -> int:
    columns = relationship_columns()
    writer.header([":START_ID", ":END_ID", ":TYPE", *(c.header for c in columns)])
    count = 0
    for rel_type in MODEL.relations:
        for rows in store.iter_relations(rel_type, batch):
            for row in rows:
                where = f"relation {rel_type} {row.get('source')!r} -> {row.get('target')!r}"
                fields = [
                    writer.string(row["source"], where, "source"),
                    writer.string(row["target"], where, "target"),
                    rel_type,
                ]
                fields += [writer.value(row.get(c.name), c.type, where, c.name) for c in columns]
                writer.row(fields)
                count += 1
    return count


def export_admin_csv(store: GraphStore, out: IO[bytes], batch: int = CHUNK) -> AdminCsvResult:
    """Write the store as a zip archive of nodes.csv and relationships.csv to `out`."""
    result = AdminCsvResult()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, write in ((NODES_FILE, _write_nodes), (RELATIONSHIPS_FILE, _write_relationships)):
            with archive.open(name, "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                writer = _Writer(text)
                count = write(store, writer, batch)
                text.flush()
                text.detach()
            if name == NODES_FILE:
                result.nodes = count
            else:
                result.relationships = count
            result.multiline = result.multiline or writer.multiline
        archive.comment = (
            "ucn graph for Neo4j. Unzip into import/, then with the server stopped:\n"
            + result.command
            + "\n"
        ).encode("utf-8")
    return result


# -- reading -----------------------------------------------------------------------------------
@dataclass
class AdminCsv:
    """What an import of the files would create: nodes with their id, labels and properties,
    relationships with their ends, type and properties (nulls left out)."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)


# `name:type(group){options}`; the type is absent for a string property.
_HEADER = re.compile(
    r"^(?P<name>[^:]*?)(?::(?P<type>[A-Za-z_]+(?:\[\])?))?(?:\((?P<group>[^)]*)\))?(?:\{.*\})?$"
)
_SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
_INTEGERS = {"int", "long", "short", "byte"}
_FLOATS = {"float", "double"}
_TEXTS = {"string", "char", "point", "localtime", "time", "localdatetime", "datetime", "duration"}
_FIELD = re.compile(r'"((?:[^"]|"")*)"|([^,"]*)')


@dataclass(frozen=True)
class _HeaderField:
    name: str
    kind: str  # ID, LABEL, START_ID, END_ID, TYPE, IGNORE, or a property type (`double[]`)
    group: str | None


def _parse_header(fields: list[tuple[str, bool]], where: str) -> list[_HeaderField]:
    parsed = []
    for text, _ in fields:
        match = _HEADER.match(text)
        if match is None:
            raise UcnError(f"{where}: cannot read the header field {text!r}")
        kind = match.group("type") or "string"
        base = kind.removesuffix("[]")
        if kind not in _SPECIAL and base not in _INTEGERS | _FLOATS | _TEXTS | {"boolean", "date"}:
            raise UcnError(f"{where}: unknown type {kind!r} in the header field {text!r}")
        parsed.append(_HeaderField(match.group("name"), kind, match.group("group")))
    return parsed


def _records(lines: Iterable[str], where: str) -> Iterator[list[tuple[str, bool]]]:
    """CSV records as (text, quoted) fields; a record may span lines inside quotes."""
    pending = ""
    number = 0
    for line in lines:
        number += 1
        pending += line
        if pending.count('"') % 2:  # inside a quoted value: the record goes on
            continue
        record = pending.removesuffix("\n").removesuffix("\r")
        pending = ""
        if not record:
            continue
        fields, pos = [], 0
        while True:
            match = _FIELD.match(record, pos)
            assert match is not None  # the pattern matches the empty string
            if match.group(1) is not None:
                fields.append((match.group(1).replace('""', '"'), True))
            else:
                fields.append((match.group(2), False))
            pos = match.end()
            if pos == len(record):
                break
            if record[pos] != ",":
                raise UcnError(f"{where}, line {number}: a quote inside an unquoted value")
            pos += 1
        yield fields
    if pending:
        raise UcnError(f"{where}: a quoted value is not closed at the end of the file")


def _convert(text: str, kind: str, where: str) -> Any:
    base = kind.removesuffix("[]")
    try:
        if base in _INTEGERS:
            return int(text)
        if base in _FLOATS:
            return float(text)
        if base == "boolean":
            return text == "true"
        if base == "date":
            return date.fromisoformat(text)
    except ValueError:
        raise UcnError(f"{where}: {text!r} is not a {base}") from None
    return text


def _value(text: str, quoted: bool, kind: str, delimiter: str, where: str) -> Any:
    """A field's value as neo4j-admin reads it; None where it sets no property."""
    if kind.endswith("[]"):
        if text == "":
            return None  # an empty array is not imported
        return [_convert(item, kind, where) for item in text.split(delimiter)]
    if text == "" and not quoted:
        return None
    if text == "" and kind.removesuffix("[]") not in _TEXTS:
        return None
    return _convert(text, kind, where)


def _read_table(
    lines: Iterable[str], where: str
) -> tuple[list[_HeaderField], Iterator[list[tuple[str, bool]]]]:
    records = _records(lines, where)
    first = next(records, None)
    if first is None:
        raise UcnError(f"{where}: no header")
    return _parse_header(first, where), records


def read_nodes(
    lines: Iterable[str], where: str, delimiter: str = ARRAY_DELIMITER
) -> list[dict[str, Any]]:
    """The nodes a node file describes: {"id", "labels", "properties"}."""
    header, records = _read_table(lines, where)
    nodes = []
    for number, fields in enumerate(records, start=2):
        if len(fields) != len(header):
            raise UcnError(
                f"{where}, record {number}: {len(fields)} fields, the header has {len(header)}"
            )
        node: dict[str, Any] = {"id": None, "labels": [], "properties": {}}
        for column, (text, quoted) in zip(header, fields, strict=True):
            if column.kind == "ID":
                node["id"] = text
                if column.name:
                    node["properties"][column.name] = text
            elif column.kind == "LABEL":
                node["labels"] += [label for label in text.split(delimiter) if label]
            elif column.kind != "IGNORE":
                value = _value(text, quoted, column.kind, delimiter, f"{where}, record {number}")
                if value is not None:
                    node["properties"][column.name] = value
        nodes.append(node)
    return nodes


def read_relationships(
    lines: Iterable[str], where: str, delimiter: str = ARRAY_DELIMITER
) -> list[dict[str, Any]]:
    """The relationships a relationship file describes: {"start", "end", "type",
    "properties"}."""
    header, records = _read_table(lines, where)
    relationships = []
    for number, fields in enumerate(records, start=2):
        if len(fields) != len(header):
            raise UcnError(
                f"{where}, record {number}: {len(fields)} fields, the header has {len(header)}"
            )
        rel: dict[str, Any] = {"start": None, "end": None, "type": None, "properties": {}}
        for column, (text, quoted) in zip(header, fields, strict=True):
            if column.kind == "START_ID":
                rel["start"] = text
            elif column.kind == "END_ID":
                rel["end"] = text
            elif column.kind == "TYPE":
                rel["type"] = text
            elif column.kind not in ("IGNORE", "ID", "LABEL"):
                value = _value(text, quoted, column.kind, delimiter, f"{where}, record {number}")
                if value is not None:
                    rel["properties"][column.name] = value
        relationships.append(rel)
    return relationships


def read_admin_csv(
    source: str | PathLike[str] | IO[bytes], delimiter: str = ARRAY_DELIMITER
) -> AdminCsv:
    """Read an archive of `export_admin_csv` back as neo4j-admin would import it."""
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise UcnError(f"{source}: not a readable zip archive ({exc})") from None
    with archive:
        result = AdminCsv()
        for name in (NODES_FILE, RELATIONSHIPS_FILE):
            try:
                raw = archive.open(name)
            except KeyError:
                raise UcnError(f"{source}: no {name} in the archive") from None
            with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
                if name == NODES_FILE:
                    result.nodes = read_nodes(text, name, delimiter)
                else:
                    result.relationships = read_relationships(text, name, delimiter)
    return result
