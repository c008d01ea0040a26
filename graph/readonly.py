"""What a query without `--write` may do: read the graph, and nothing else.

The rule is an allow-list decided from the engine's own plan. LadybugDB: every operator of the
statement's EXPLAIN plan must be one that reads (scans, joins, projections, aggregation,
ordering...), and every table function it calls must be one that reads the catalog or the
graph. Neo4j: EXPLAIN must report a read query, and its plan must neither read files
(`LoadCSV`) nor call procedures outside a short list of catalog procedures.

One step comes before EXPLAIN, because the engine itself touches the world while it binds some
statements: binding `LOAD FROM` or `IMPORT DATABASE` opens the files they name, planning
`EXPORT DATABASE` creates its folder, and calling a file-reading table function crashes the
process. Statements holding those clauses (outside strings, comments and quoted names) are
refused before the engine sees them; the plan decides everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .cypher import skip_literal
from .errors import ReadOnlyError

# Clauses that make LadybugDB read or write files, or change the session, as soon as it binds
# or plans them: refused before EXPLAIN, with the reason given to the user.
OUTSIDE_CLAUSES = {
    "LOAD": "LOAD reads files or extensions from outside the graph",
    "COPY": "COPY reads or writes files",
    "EXPORT": "EXPORT DATABASE writes files",
    "IMPORT": "IMPORT DATABASE runs the scripts of a folder",
    "ATTACH": "ATTACH opens another database",
    "DETACH": "DETACH changes the session's databases",
    "INSTALL": "INSTALL fetches and writes extensions",
    "UNINSTALL": "UNINSTALL removes extensions",
    "USE": "USE changes the session's database",
    "CHECKPOINT": "CHECKPOINT writes the database file",
}
TRANSACTION_WORDS = frozenset({"BEGIN", "COMMIT", "ROLLBACK"})

# LadybugDB 0.22 physical operators that only read.
READ_OPERATORS = frozenset(
    {
        "AGGREGATE",
        "AGGREGATE_FINALIZE",
        "AGGREGATE_SCAN",
        "CROSS_PRODUCT",
        "DUMMY_SINK",
        "EMPTY_RESULT",
        "FILTER",
        "FLATTEN",
        "HASH_JOIN_BUILD",
        "HASH_JOIN_PROBE",
        "INDEX_LOOKUP",
        "INTERSECT",
        "INTERSECT_BUILD",
        "LIMIT",
        "MULTIPLICITY_REDUCER",
        "ORDER_BY",
        "ORDER_BY_MERGE",
        "ORDER_BY_SCAN",
        "PATH_PROPERTY_PROBE",
        "PRIMARY_KEY_SCAN_NODE_TABLE",
        "PROJECTION",
        "QUERY_PRIMARY_KEY_LOOKUP",
        "RECURSIVE_EXTEND",
        "RESULT_COLLECTOR",
        "SCAN_NODE_TABLE",
        "SCAN_REL_TABLE",
        "SEMI_MASKER",
        "SKIP",
        "TABLE_FUNCTION_CALL",
        "TOP_K",
        "TOP_K_SCAN",
        "UNION_ALL_SCAN",
        "UNWIND",
    }
)
# Table functions that read the graph or the catalog (READ_FTABLE is the engine's own scan of
# an intermediate result). File readers, graph projections and settings are not here.
READ_FUNCTIONS = frozenset(
    {
        "READ_FTABLE",
        "CATALOG_VERSION",
        "CURRENT_SETTING",
        "DB_VERSION",
        "SHOW_CONNECTION",
        "SHOW_FUNCTIONS",
        "SHOW_INDEXES",
        "SHOW_MACROS",
        "SHOW_SEQUENCES",
        "SHOW_TABLES",
        "SHOW_WARNINGS",
        "STORAGE_VERSION",
        "TABLE_INFO",
    }
)
# Neo4j procedures a read-only query may call: the catalog, nothing that reads files or URLs.
NEO4J_READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
    }
)

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATOR = re.compile(r"│\s*([A-Z][A-Z_]*)\[\d+\]\s*│")
_FUNCTION = re.compile(r"│\s*Function:\s*(\S+)\s*│")


def code_words(statement: str) -> Iterator[tuple[str, str]]:
    """(word, the next character that is not a space) for each bare word of a Cypher
    statement: strings, comments, backquoted names, parameters, labels after `:` and properties
    after `.` are skipped."""
    i, n = 0, len(statement)
    while i < n:
        c = statement[i]
        after = skip_literal(statement, i)
        if after != i:
            i = after
        elif c == "$" or c == "." or c == ":":
            # a parameter, a property or a label: the name after it is not a clause
            i += 1
            while i < n and statement[i].isspace():
                i += 1
            match = _WORD.match(statement, i)
            i = match.end() if match else i
        else:
            match = _WORD.match(statement, i)
            if match is None or (i and (statement[i - 1].isalnum() or statement[i - 1] == "_")):
                i += 1
                continue
            j = match.end()
            while j < n and statement[j].isspace():
                j += 1
            yield match.group(), statement[j] if j < n else ""
            i = match.end()


def check_clauses(statement: str) -> None:
    """Refuse, before the engine binds it, a statement whose clauses touch files or the
    session (`ReadOnlyError` saying which)."""
    words = list(code_words(statement))
    for k, (word, following) in enumerate(words):
        upper = word.upper()
        if following == ":":  # a key of a map literal
            continue
        if upper in OUTSIDE_CLAUSES:
            raise ReadOnlyError(OUTSIDE_CLAUSES[upper])
        if upper in TRANSACTION_WORDS and k == 0:
            raise ReadOnlyError(f"{upper} controls transactions")
        if upper == "CALL":
            name = words[k + 1] if k + 1 < len(words) else ("", "")
            if name[1] == "=":
                raise ReadOnlyError(f"CALL {name[0]}=... changes a setting of the engine")
            if name[1] != "(" or name[0].upper() not in READ_FUNCTIONS:
                allowed = ", ".join(sorted(f.lower() for f in READ_FUNCTIONS - {"READ_FTABLE"}))
                raise ReadOnlyError(
                    f"CALL {name[0]} is not one of the catalog functions a read-only query may "
                    f"call ({allowed})"
                )


def check_ladybug_plan(plan: str) -> None:
    """Refuse unless every operator and table function of a LadybugDB EXPLAIN plan reads."""
    # The plan's boxes are padded to its widest expression (a node's label() spells out every
    # table), megabytes of spaces that each `\s*` would walk and back off from: one space per
    # run of white space leaves the same matches (20-30 ms less on a 2.8 MB plan).
    plan = " ".join(plan.split())
    operators = _OPERATOR.findall(plan)
    if not operators:
        raise ReadOnlyError(
            "the engine's plan for it could not be read, so it is not known to read only"
        )
    for operator in operators:
        if operator not in READ_OPERATORS:
            raise ReadOnlyError(f"its plan has {operator}, which is not a read")
    for function in _FUNCTION.findall(plan):
        if function.upper() not in READ_FUNCTIONS:
            raise ReadOnlyError(f"it calls {function}, which is not a read of the graph")


def check_neo4j_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuse unless Neo4j's EXPLAIN says read (`r`) and its plan reads no file and calls no
    procedure beyond the catalog ones."""
    if query_type != "r":
        kinds = {"w": "writes", "rw": "reads and writes", "s": "changes the schema"}
        raise ReadOnlyError(f"Neo4j says it {kinds.get(query_type or '', 'is not a read')}")
    stack = [plan] if plan else []
    while stack:
        step = stack.pop()
        operator = str(step.get("operatorType", "")).split("@", 1)[0]
        if operator == "LoadCSV":
            raise ReadOnlyError("LOAD CSV reads files or URLs from outside the graph")
        if operator.startswith("ProcedureCall"):
            details = str((step.get("args") or {}).get("Details", ""))
            name = details.split("(", 1)[0].strip()
            if name not in NEO4J_READ_PROCEDURES:
                raise ReadOnlyError(f"it calls the procedure {name or '(unknown)'}")
        stack.extend(step.get("children") or [])
