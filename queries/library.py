"""The named queries: `.cypher` files with a header, read once and run with bound parameters.

A file starts with `//` header lines, then the Cypher text; where the engines' dialects differ
the text is split into `// variant: ladybug` and `// variant: neo4j` sections:

    // name: members-of
    // description: Members of a network, with their role and since when.
    // param: network entity(Network) -- the network: a name, alias or id
    // param: limit int = 100 -- at most this many rows
    // returns: member, type, role, since, articles
    // example: ucn query --name members-of -p network=CityNet
    MATCH (m)-[r:MEMBER_OF]->(n:Network {id: $network}) ...

Parameter types: `text`, `int`, `float`, `year` (bound as its four digits, to compare with the
start of ISO 8601 dates), `relation` (a relation type of the model, upper-cased) and `entity`
or `entity(Label|Label)` (a node, given by id, name or alias; the query receives its id).
A parameter without `= default` is required. Optional text, year, relation and entity
parameters default to `""`, which the query reads as "not given" (LadybugDB mistypes null
parameters, so queries test `$x = ''` rather than `$x IS NULL`).

`:@name` in a node pattern stands for the label of the node the entity parameter `name` resolved
to, written into the text before it runs: `MATCH (x:@entity {id: $entity})` becomes
`MATCH (x:City {id: $entity})`, a lookup in City's primary-key index (LadybugDB) or its id
constraint's index (Neo4j), where a node pattern without a label reads the id of every node.
Cypher has no label parameters, and the label comes from the model, never from the user's text.
An optional entity left out (`""`) puts its first allowed label there (the pattern then finds
nothing, as `{id: ''}` would anyway).

`// order: column [desc], ...` sorts the rows after the engine returns them, as `ORDER BY` would
(nulls last ascending, first descending): for a variant whose Cypher cannot order them itself,
as LadybugDB orders each part of a `UNION ALL` but not the whole, and has no `CALL {}`
subquery to order a union in.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import IO, TYPE_CHECKING, Any

from ..graph.errors import UcnError
from ..graph.model import MODEL
from ..graph.rows import Rows
from ..graph.store import GraphStore
from .resolve import ENTITY_LABELS, EntityIndex

if TYPE_CHECKING:
    import pandas
    import pyarrow as pa

ENGINES = ("ladybug", "neo4j")
PARAM_TYPES = ("text", "int", "float", "year", "relation", "entity")
_PLACEHOLDER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_OR_COMMENT = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*")
# `:@name`, the label of the entity parameter `name`, outside strings and comments.
_LABEL_OF = re.compile(_STRING_OR_COMMENT.pattern + r"|:@([A-Za-z_][A-Za-z0-9_]*)")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>[a-z]+)(?:\((?P<labels>[A-Za-z|]+)\))?"
    r"(?:\s*=\s*(?P<default>\S+))?(?:\s+--\s*(?P<doc>.*))?$"
)


class QueryFileError(UcnError):
    """A `.cypher` file of the library whose header is malformed."""


class ParameterError(UcnError):
    """A value that does not fit a named query's parameter."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""
    default: Any = None
    required: bool = True
    labels: tuple[str, ...] = ()

    def signature(self) -> str:
        """`network entity(Network)`, `limit int = 20`: as the header writes it."""
        kind = f"{self.type}({'|'.join(self.labels)})" if self.labels else self.type
        if self.required:
            return f"{self.name} {kind}"
        return f"{self.name} {kind} = {json.dumps(self.default, ensure_ascii=False)}"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    examples: tuple[str, ...]
    texts: Mapping[str, str]  # engine -> Cypher
    path: str = ""
    order: tuple[tuple[str, bool], ...] = ()  # (column, descending): sorted after the engine

    def sort(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`rows` in the header's `// order:`, as Cypher's ORDER BY puts them (stable)."""
        for column, descending in reversed(self.order):
            rows.sort(key=_nulls_last(column), reverse=descending)
        return rows

    def text_for(self, engine: str, labels: Mapping[str, str] | None = None) -> str:
        """The Cypher this engine runs: its own variant, or the one shared text; with `labels`
        (entity parameter -> its node's label), each `:@name` replaced by `:Label`."""
        text = self.texts.get(engine) or self.texts["*"]
        if labels is None:
            return text

        def label(match: re.Match[str]) -> str:
            name = match.group(1)
            if name is None:  # a string or a comment: left as it is
                return match.group(0)
            if labels[name] not in MODEL.labels:  # never text from outside the model
                raise ParameterError(f"{name}: no label {labels[name]!r} in the model")
            return f":{labels[name]}"

        return _LABEL_OF.sub(label, text)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise ParameterError(
            f"{self.name} has no parameter {name!r}; it takes "
            + (", ".join(p.name for p in self.params) or "none")
        )


def _nulls_last(column: str) -> Callable[[dict[str, Any]], tuple[bool, Any]]:
    """(is null, value): nulls after every value ascending, before them descending."""
    return lambda r: (r[column] is None, r[column] if r[column] is not None else 0)


@dataclass
class QueryResult:
    """A named query's rows, with the parameters it ran with and what entity names resolved to.

    >>> run_named(store, "members-of", {"network": "CityNet"}).to_pandas()  # doctest: +SKIP
    """

    query: NamedQuery
    params: dict[str, Any]
    rows: list[dict[str, Any]]
    resolved: dict[str, str] = field(default_factory=dict)  # parameter -> "name (id)"

    @property
    def columns(self) -> list[str]:
        """The columns of the rows: the engine's, else the query's `// returns:` line."""
        if isinstance(self.rows, Rows) and self.rows.columns:
            return self.rows.columns
        return list(self.rows[0]) if self.rows else list(self.query.returns)

    def table(self) -> Rows:
        """The rows as a `Rows` table with the query's columns."""
        return Rows(self.rows, self.columns)

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (needs `pip install 'ucn[pandas]'`)."""
        return self.table().to_pandas()

    def to_arrow(self) -> pa.Table:
        """The rows as an Arrow table."""
        return self.table().to_arrow()

    def to_parquet(self, where: str | os.PathLike[str] | IO[bytes]) -> None:
        """The rows as a Parquet file; its metadata records the query and its parameters."""
        self.table().to_parquet(where, self.metadata())

    def metadata(self) -> dict[str, str]:
        """What a file of these rows records about them: the query's name and parameters."""
        return {
            "ucn.query": self.query.name,
            "ucn.params": json.dumps(self.params, ensure_ascii=False, default=str),
        }


def placeholders(text: str) -> set[str]:
    """The `$names` a Cypher text binds, outside its string literals and comments."""
    return set(_PLACEHOLDER.findall(_STRING_OR_COMMENT.sub(" ", text)))


def label_slots(text: str) -> set[str]:
    """The entity parameters whose label a Cypher text asks for (`:@name`)."""
    return {m.group(1) for m in _LABEL_OF.finditer(text) if m.group(1) is not None}


def _parse_default(text: str | None, type_: str, where: str) -> tuple[Any, bool]:
    if text is None:
        return None, True
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = text
    return coerce(value, Param("default", type_), where), False


def parse_query_file(text: str, path: str = "<query>") -> NamedQuery:
    """Read one `.cypher` file: its header fields, its parameters and its variants."""
    fields: dict[str, list[str]] = {}
    lines = text.splitlines()
    body_start = 0
    for number, line in enumerate(lines):
        stripped = line.strip()
        match = re.match(r"^//\s*([a-z]+):\s*(.*)$", stripped)
        if match and match.group(1) != "variant":
            fields.setdefault(match.group(1), []).append(match.group(2).strip())
        elif (stripped and not stripped.startswith("//")) or stripped.startswith("// variant:"):
            body_start = number
            break
    else:
        raise QueryFileError(f"{path}: no Cypher after the header")
    for needed in ("name", "description", "returns", "example"):
        if needed not in fields:
            raise QueryFileError(f"{path}: the header has no `// {needed}:` line")
    params = []
    for spec in fields.get("param", []):
        m = _PARAM.match(spec)
        if not m or m.group("type") not in PARAM_TYPES:
            raise QueryFileError(
                f"{path}: bad parameter line {spec!r} (want `name type [= default] -- what`, "
                f"type one of {', '.join(PARAM_TYPES)})"
            )
        labels = tuple(m.group("labels").split("|")) if m.group("labels") else ()
        unknown = [label for label in labels if label not in MODEL.labels]
        if unknown:
            raise QueryFileError(f"{path}: parameter {m.group('name')}: no label {unknown[0]!r}")
        default, required = _parse_default(m.group("default"), m.group("type"), path)
        params.append(
            Param(
                m.group("name"),
                m.group("type"),
                (m.group("doc") or "").strip(),
                default,
                required,
                labels,
            )
        )
    texts = _variants(lines[body_start:], path)
    returns = tuple(c.strip() for c in fields["returns"][0].split(",") if c.strip())
    order = []
    for item in fields["order"][0].split(",") if "order" in fields else ():
        words = item.split()
        if (
            not words
            or len(words) > 2
            or words[0] not in returns
            or words[1:] not in ([], ["desc"])
        ):
            raise QueryFileError(
                f"{path}: bad order {item.strip()!r} (want `column [desc]`, a returned column)"
            )
        order.append((words[0], len(words) == 2))
    entities = {p.name for p in params if p.type == "entity"}
    for text in texts.values():
        stray = sorted(label_slots(text) - entities)
        if stray:
            raise QueryFileError(f"{path}: `:@{stray[0]}` names no entity parameter")
    return NamedQuery(
        name=fields["name"][0],
        description=fields["description"][0],
        params=tuple(params),
        returns=returns,
        examples=tuple(fields["example"]),
        texts=texts,
        path=path,
        order=tuple(order),
    )


def _variants(lines: list[str], path: str) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    current = "*"
    for line in lines:
        match = re.match(r"^\s*//\s*variant:\s*(\S+)\s*$", line)
        if match:
            current = match.group(1)
            if current not in ENGINES:
                raise QueryFileError(
                    f"{path}: unknown variant {current!r} (engines: ladybug, neo4j)"
                )
            if current in texts:
                raise QueryFileError(f"{path}: two `// variant: {current}` sections")
            texts[current] = []
            continue
        texts.setdefault(current, []).append(line)
    out = {engine: "\n".join(body).strip() for engine, body in texts.items()}
    out = {engine: text for engine, text in out.items() if text}
    if "*" in out and len(out) > 1:
        raise QueryFileError(f"{path}: Cypher before the first `// variant:` line")
    if "*" not in out and set(out) != set(ENGINES):
        raise QueryFileError(f"{path}: variants for {sorted(out)}; every engine needs one")
    return out


@cache
def load_library() -> dict[str, NamedQuery]:
    """Every named query shipped with ucn, by name (read once per process)."""
    queries: dict[str, NamedQuery] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            query = parse_query_file(entry.read_text(encoding="utf-8"), entry.name)
            if query.name in queries:
                raise QueryFileError(f"{entry.name}: the name {query.name!r} is taken")
            queries[query.name] = query
    return queries


def get_query(name: str) -> NamedQuery:
    """The named query `name`; an unknown name gives the closest ones."""
    library = load_library()
    if name in library:
        return library[name]
    from difflib import get_close_matches

    close = get_close_matches(name, list(library), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ParameterError(f"no named query {name!r}{hint} (`ucn queries` lists them)")


def coerce(value: Any, param: Param, where: str = "") -> Any:
    """`value` (text from the command line, or already typed) as the parameter's type."""
    what = f"{where}: " if where else ""
    if value is None:
        return None
    if value == "" and param.type in ("year", "relation", "entity", "text"):
        return ""  # the optional parameter's "not given"
    if param.type == "year":
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9999:
            raise ParameterError(f"{what}{param.name} must be a year, not {value!r}")
        return f"{value:04d}"  # compared with the first four characters of ISO dates
    if param.type == "int":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ParameterError(f"{what}{param.name} must be an integer, not {value!r}")
        try:
            return int(value)
        except ValueError:
            raise ParameterError(f"{what}{param.name} must be an integer, not {value!r}") from None
    if param.type == "float":
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ParameterError(f"{what}{param.name} must be a number, not {value!r}")
        try:
            return float(value)
        except ValueError:
            raise ParameterError(f"{what}{param.name} must be a number, not {value!r}") from None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if param.type == "relation":
        upper = text.strip().upper().replace("-", "_").replace(" ", "_")
        if upper not in MODEL.relations:
            raise ParameterError(
                f"{what}{param.name}: no relation type {text!r} "
                f"(one of {', '.join(MODEL.relations)})"
            )
        return upper
    return text


def bind(
    query: NamedQuery,
    values: Mapping[str, Any],
    store: GraphStore | None = None,
    index: EntityIndex | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Every parameter of `query` bound: values checked and typed, defaults filled in, entity
    names resolved to ids. Returns the parameters and, for entities, what each resolved to."""
    params, resolved, _ = _bind(query, values, store, index)
    return params, resolved


def _bind(
    query: NamedQuery,
    values: Mapping[str, Any],
    store: GraphStore | None,
    index: EntityIndex | None,
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """As `bind`, and the label of each entity parameter's node (`:@name` in the text)."""
    for name in values:
        query.param(name)  # an unknown parameter is an error, not silently ignored
    bound: dict[str, Any] = {}
    resolved: dict[str, str] = {}
    labels: dict[str, str] = {
        p.name: (p.labels or ENTITY_LABELS)[0] for p in query.params if p.type == "entity"
    }
    for param in query.params:
        if param.name not in values or values[param.name] is None:
            if param.required:
                raise ParameterError(
                    f"{query.name} needs -p {param.name}=... ({param.description or param.type})"
                )
            bound[param.name] = param.default
            continue
        value = coerce(values[param.name], param, query.name)
        if param.type == "entity" and value != "":
            if index is None:
                if store is None:
                    raise ParameterError(f"{param.name}: resolving a name needs a store")
                index = EntityIndex(store)
            node = index.resolve(value, param.labels, what=param.name)
            value = node.id
            resolved[param.name] = f"{node.name} ({node.id})"
            labels[param.name] = node.label
        bound[param.name] = value
    return bound, resolved, labels


def run_named(
    store: GraphStore,
    name: str,
    values: Mapping[str, Any] | None = None,
    *,
    index: EntityIndex | None = None,
) -> QueryResult:
    """Run the named query `name` on `store` with `values` for its parameters.

    >>> run_named(store, "members-of", {"network": "CityNet"}).rows  # doctest: +SKIP
    [{'member': 'Đà Nẵng', 'type': 'City', 'role': 'full', 'since': '2005-10-11', ...}]
    """
    query = get_query(name)
    params, resolved, labels = _bind(query, values or {}, store, index)
    rows = query.sort(store.run(query.text_for(store.engine, labels), params))
    return QueryResult(query, params, rows, resolved)


def describe_query(name: str) -> str:
    """A named query as `ucn queries NAME` shows it: what it does, its parameters, its
    examples and its Cypher (each engine's variant where they differ)."""
    query = get_query(name)
    lines = [f"{query.name}: {query.description}", ""]
    if query.params:
        lines.append("parameters:")
        width = max(len(p.signature()) for p in query.params)
        lines += [f"  {p.signature().ljust(width)}  {p.description}".rstrip() for p in query.params]
    else:
        lines.append("parameters: none")
    lines += ["", f"returns: {', '.join(query.returns)}"]
    if query.order:
        order = ", ".join(f"{c} desc" if d else c for c, d in query.order)
        lines.append(f"order: {order} (sorted after the engine returns the rows)")
    lines += ["", "examples:"]
    lines += [f"  {example}" for example in query.examples]
    for engine, text in query.texts.items():
        heading = "cypher" if engine == "*" else f"cypher ({engine})"
        lines += ["", f"{heading}:", *(f"  {line}" for line in text.splitlines())]
    return "\n".join(lines) + "\n"
