"""Cypher statements built from the domain model, shared by both engines where dialects agree.

Labels and relation types come only from the model (never from input), so they are safe to place
in the text; every value is bound as a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import QueryError
from .model import MODEL


def _node_columns(label: str) -> list[str]:
    return [p.name for p in MODEL.node_columns(label)]


def _relation_columns(rel_type: str) -> list[str]:
    return [p.name for p in MODEL.relation_columns(rel_type)]


def fetch_nodes(label: str) -> str:
    """Rows of the nodes of `label` whose ids are in `$ids`."""
    returns = ", ".join(f"n.{c} AS {c}" for c in _node_columns(label))
    return f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}}) RETURN {returns}"


def fetch_relations(rel_type: str, source: str, target: str) -> str:
    """Rows of the `rel_type` facts leaving the `source` nodes whose ids are in `$ids`."""
    returns = ", ".join(f"r.{c} AS {c}" for c in _relation_columns(rel_type))
    return (
        f"UNWIND $ids AS nid MATCH (a:{source} {{id: nid}})-[r:{rel_type}]->(b:{target}) "
        f"RETURN a.id AS source, b.id AS target, {returns}"
    )


def fetch_relations_of(rel_type: str, source: str, target: str) -> str:
    """Rows of the `rel_type` facts leaving the one `source` node whose id is `$id`."""
    returns = ", ".join(f"r.{c} AS {c}" for c in _relation_columns(rel_type))
    return (
        f"MATCH (a:{source} {{id: $id}})-[r:{rel_type}]->(b:{target}) "
        f"RETURN a.id AS source, b.id AS target, {returns}"
    )


def merge_nodes(label: str) -> str:
    """Upsert `$rows` (whole rows, already merged with what the store held) into `label`."""
    sets = ", ".join(f"n.{c} = row.{c}" for c in _node_columns(label) if c != "id")
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET {sets}"


def merge_relations(rel_type: str, source: str, target: str) -> str:
    """Upsert `$rows` (whole rows, already merged) as `rel_type` facts."""
    sets = ", ".join(f"r.{c} = row.{c}" for c in _relation_columns(rel_type))
    return (
        f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) "
        f"MATCH (b:{target} {{id: row.target}}) MERGE (a)-[r:{rel_type}]->(b) SET {sets}"
    )


def nodes_citing(label: str) -> str:
    """Nodes of `label` that `$article` supports, whole (with what each source supplied)."""
    returns = ", ".join(f"n.{c} AS {c}" for c in _node_columns(label))
    return f"MATCH (n:{label}) WHERE $article IN n.sources RETURN {returns}"


def delete_nodes_only_cited_by(label: str) -> str:
    return f"MATCH (n:{label}) WHERE size(n.sources) = 1 AND $article IN n.sources DETACH DELETE n"


def relations_citing(rel_type: str) -> str:
    """Facts of `rel_type` that `$article` supports, whole (with their provenance)."""
    returns = ", ".join(f"r.{c} AS {c}" for c in _relation_columns(rel_type))
    return (
        f"MATCH (a)-[r:{rel_type}]->(b) WHERE $article IN r.sources "
        f"RETURN a.id AS source, b.id AS target, {returns}"
    )


def delete_relations_only_cited_by(rel_type: str) -> str:
    return (
        f"MATCH (a)-[r:{rel_type}]->(b) WHERE size(r.sources) = 1 AND $article IN r.sources "
        "DELETE r"
    )


def count_nodes(label: str) -> str:
    return f"MATCH (n:{label}) RETURN count(n) AS count"


def count_relations(rel_type: str) -> str:
    return f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS count"


def all_nodes(label: str) -> str:
    returns = ", ".join(f"n.{c} AS {c}" for c in _node_columns(label))
    return f"MATCH (n:{label}) RETURN {returns}"


def all_relations(rel_type: str) -> str:
    returns = ", ".join(f"r.{c} AS {c}" for c in _relation_columns(rel_type))
    return f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id AS source, b.id AS target, {returns}"


def page_nodes(label: str) -> str:
    """The next `$limit` nodes of `label` in id order, after id `$after` ('' for the first)."""
    returns = ", ".join(f"n.{c} AS {c}" for c in _node_columns(label))
    return f"MATCH (n:{label}) WHERE n.id > $after RETURN {returns} ORDER BY n.id LIMIT $limit"


def page_relations(rel_type: str) -> str:
    """The next `$limit` facts of `rel_type` in (source, target) order, after (`$a`, `$b`)."""
    returns = ", ".join(f"r.{c} AS {c}" for c in _relation_columns(rel_type))
    return (
        f"MATCH (a)-[r:{rel_type}]->(b) WHERE a.id > $a OR (a.id = $a AND b.id > $b) "
        f"RETURN a.id AS source, b.id AS target, {returns} ORDER BY source, target LIMIT $limit"
    )


# Pages by internal offsets (LadybugDB's `offset(ID(n))`): a range of them is read without
# sorting the whole table, which a page keyed on ids (ORDER BY ... LIMIT) costs each time.
def scan_nodes(label: str, columns: Sequence[str] | None = None) -> str:
    """The nodes of `label` whose offsets are in [`$lo`, `$hi`), in id order: their `columns`
    (all by default) and id."""
    names = _node_columns(label) if columns is None else ["id", *columns]
    returns = ", ".join(f"n.{c} AS {c}" for c in dict.fromkeys(names))
    return (
        f"MATCH (n:{label}) WHERE offset(ID(n)) >= $lo AND offset(ID(n)) < $hi "
        f"RETURN {returns} ORDER BY n.id"
    )


def scan_relations(rel_type: str, columns: Sequence[str] | None = None) -> str:
    """The facts of `rel_type` whose source's offset is in [`$lo`, `$hi`), in (source, target)
    order: their ends and `columns` (all by default)."""
    names = _relation_columns(rel_type) if columns is None else columns
    returns = ", ".join(f"r.{c} AS {c}" for c in dict.fromkeys(names))
    return (
        f"MATCH (a)-[r:{rel_type}]->(b) WHERE offset(ID(a)) >= $lo AND offset(ID(a)) < $hi "
        f"RETURN a.id AS source, b.id AS target, {returns} ORDER BY source, target"
    )


def node_offsets(label: str) -> str:
    return f"MATCH (n:{label}) RETURN max(offset(ID(n))) AS top"


def source_offsets(rel_type: str) -> str:
    """How many `rel_type` facts leave the sources at each offset, by offset."""
    return f"MATCH (a)-[:{rel_type}]->() RETURN offset(ID(a)) AS o, count(*) AS n ORDER BY o"


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


def single_statement(text: str) -> str:
    """The one statement in `text`; `QueryError` for none, several, or transaction control
    (each query runs in a transaction of ucn's own, which a COMMIT must not end early)."""
    statements = split_statements(text)
    if len(statements) != 1:
        raise QueryError(
            "give exactly one Cypher statement" if statements else "the query is empty"
        )
    if statements[0].split(None, 1)[0].upper() in TRANSACTION_CONTROL:
        raise QueryError(
            "transaction control (BEGIN, COMMIT, ROLLBACK) is not allowed: "
            "ucn runs each query in a transaction of its own"
        )
    return statements[0]


def skip_literal(text: str, i: int) -> int:
    """Where code goes on when a string, a backquoted name or a comment starts at `i` (the
    index past it); `i` itself when none does."""
    c, n = text[i], len(text)
    if c in "'\"`":
        j = i + 1
        while j < n and text[j] != c:
            j += 2 if text[j] == "\\" and c != "`" else 1
        return min(j + 1, n)
    if text.startswith("//", i):
        end = text.find("\n", i)
        return n if end < 0 else end
    if text.startswith("/*", i):
        end = text.find("*/", i + 2)
        return n if end < 0 else end + 2
    return i


def split_statements(text: str) -> list[str]:
    """Split Cypher text on semicolons outside strings, identifiers in backticks and comments.

    >>> split_statements("RETURN ';' AS x; MATCH (n) RETURN n // a; comment")
    ["RETURN ';' AS x", 'MATCH (n) RETURN n // a; comment']
    """
    statements, start, i, n = [], 0, 0, len(text)
    while i < n:
        after = skip_literal(text, i)
        if after != i:
            i = after
            continue
        if text[i] == ";":
            statements.append(text[start:i])
            start = i + 1
        i += 1
    statements.append(text[start:])
    return [s.strip() for s in statements if _has_code(s)]


def _has_code(statement: str) -> bool:
    lines = [line.split("//", 1)[0] for line in statement.splitlines()]
    return bool("".join(lines).replace("/*", "").replace("*/", "").strip())
