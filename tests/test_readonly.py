"""A query without --write reads the graph and nothing else: no write, no file, no setting.

Every statement below is tried through `ucn query` (and some through `ucn viz --query` and the
Python API) on a loaded database: each must be refused with one line, leave the graph as it
was, create no file and print nothing of any file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import ReadOnlyError, open_store
from ucn.graph.readonly import check_clauses, check_neo4j_plan

from conftest import document, write_json

# {tmp} is a scratch folder beside the database; {imp} a folder prepared for IMPORT DATABASE
# whose scripts rename every city and create a table.
REFUSED = [
    # writes to the graph
    "CREATE (c:City {id: 'city/x', name: 'X'})",
    "MATCH (n:City) SET n.name = 'PWNED'",
    "match (n:City) set n.name = 'pwned'",
    "MATCH (n:City) SET n.`name` = 'PWNED'",
    "MATCH (n:City) DETACH DELETE n",
    "MATCH (n:Network) DELETE n",
    "MERGE (c:City {id: 'city/x'})",
    "MERGE (n:City {id: 'city/da-nang'}) ON MATCH SET n.name = 'PWNED'",
    "MATCH (n:City) REMOVE n.name",
    "MATCH (a:City), (b:Network) CREATE (a)-[:MEMBER_OF]->(b)",
    "MATCH ()-[r:MEMBER_OF]->() SET r.role = 'x'",
    "MATCH ()-[r:MEMBER_OF]->() DELETE r",
    "UNWIND [1, 2] AS x CREATE (:City {id: 'city/' + string(x)})",
    "MATCH (n:City) WITH n LIMIT 1 SET n.name = 'x' RETURN n",
    "WITH 1 AS x CREATE (:City {id: 'city/w'})",
    "UNWIND range(1, 3) AS i MERGE (:Network {id: 'network/' + string(i)})",
    "RETURN nextval('_ucn_stage_nodes_k_serial') AS v",
    # the schema
    "CREATE NODE TABLE Evil(id STRING, PRIMARY KEY(id))",
    "CREATE REL TABLE EvilRel(FROM City TO City)",
    "DROP TABLE MENTIONS",
    "ALTER TABLE City ADD evil STRING",
    "ALTER TABLE City RENAME TO Town",
    "CREATE MACRO evil(x) AS x + 1",
    "CREATE SEQUENCE evil_seq",
    "COMMENT ON TABLE City IS 'pwned'",
    # files, written or read
    "COPY (RETURN 'x' AS x) TO '{tmp}/out.csv'",
    "COPY (RETURN 'x' AS x) TO '{tmp}/out.parquet'",
    "COPY (MATCH (n:City) RETURN n.name) TO '{tmp}/sub/../escape.csv'",
    "copy City to '{tmp}/city.csv'",
    "COPY City FROM '{tmp}/cities.csv'",
    "COPY MEMBER_OF FROM '{tmp}/members.csv'",
    "LOAD FROM '/etc/passwd' (file_format='csv', delim=':', header=false) RETURN *",
    "load from '/etc/passwd' (file_format='csv', delim=':', header=false) return *",
    "/* a comment */ LOAD FROM '/etc/passwd' (file_format='csv', delim=':', header=false) RETURN *",
    "LOAD WITH HEADERS (a STRING) FROM '/etc/passwd' RETURN *",
    "MATCH (n:City) LOAD FROM '/etc/passwd' (file_format='csv', delim=':', header=false) RETURN *",
    "LOAD FROM '{tmp}/cities.csv' RETURN *",
    "IMPORT DATABASE '{imp}'",
    "EXPORT DATABASE '{tmp}/exported'",
    "EXPORT DATABASE '{tmp}/exported' (format='parquet')",
    "ATTACH '{tmp}/other.db' AS other (dbtype lbug)",
    "DETACH other",
    "USE other",
    "INSTALL json",
    "LOAD EXTENSION json",
    "LOAD json",
    "UNINSTALL json",
    "CHECKPOINT",
    # settings and procedures that change state
    "CALL threads=1",
    "CALL checkpoint_threshold=1",
    "CALL timeout=1",
    "CALL spill_to_disk=false",
    "CALL home_directory='{tmp}'",
    "CALL file_search_path='/etc'",
    "CALL project_graph('g', ['City'], [])",
    "CALL drop_projected_graph('g')",
    "CALL clear_warnings()",
    "CALL disk_size_info() RETURN *",
    "CALL bm_info() RETURN *",
    "CALL fsm_info() RETURN *",
    # transaction control and several statements
    "BEGIN TRANSACTION",
    "COMMIT",
    "ROLLBACK",
    "MATCH (n) RETURN n; CREATE (:City {id: 'city/z'})",
    "RETURN 1; COPY (RETURN 1 AS x) TO '{tmp}/two.csv'",
]
# Table functions that read files: in LadybugDB 0.22 even planning a call to them can crash the
# process, so they are tried in a child process.
REFUSED_IN_A_CHILD = [
    "CALL read_csv_parallel('/etc/hostname') RETURN *",
    "CALL read_csv_serial('/etc/hostname') RETURN *",
    "CALL read_parquet('{tmp}/none.parquet') RETURN *",
    "CALL read_npy('{tmp}/none.npy') RETURN *",
    "MATCH (n:City) WITH n CALL read_csv_parallel('/etc/hostname') RETURN *",
]
ALLOWED = [
    ("MATCH (n:City) RETURN n.name AS name ORDER BY name", "Đà Nẵng"),
    ("RETURN 'LOAD FROM' AS text, {copy: 1} AS m", "LOAD FROM"),
    ("// COPY in a comment\nMATCH (n:Network) RETURN n.name AS name", "CityNet"),
    ("MATCH (n:City) WHERE n.name CONTAINS 'COPY' RETURN count(n) AS n", "0"),
    ("CALL show_tables() RETURN name ORDER BY name", "MEMBER_OF"),
    ("CALL table_info('City') RETURN name", "aliases"),
    ("UNWIND [1, 2, 3] AS x RETURN sum(x) AS total", "6"),
    (
        "MATCH p = (a:City)-[* SHORTEST 1..3]-(b:Network) RETURN length(p) AS hops",
        "1",
    ),
    ("MATCH (a)-[r]->(b) RETURN label(r) AS type, count(*) AS n ORDER BY type", "MENTIONS"),
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database loaded once for the module; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("loaded")
    db = folder / "graph.db"
    doc = write_json(folder / "doc.json", document())
    assert CliRunner().invoke(main, ["--db", str(db), "load", str(doc)]).exit_code == 0
    return db


def _world(folder: Path, loaded: Path) -> dict[str, Any]:
    db = folder / "graph.db"
    shutil.copyfile(loaded, db)
    scratch = folder / "scratch"
    (scratch / "sub").mkdir(parents=True)
    (scratch / "cities.csv").write_text("city/evil,Evil\n", encoding="utf-8")
    (scratch / "members.csv").write_text("city/da-nang,network/citynet\n", encoding="utf-8")
    imp = folder / "import"
    imp.mkdir()
    (imp / "schema.cypher").write_text(
        "CREATE NODE TABLE Evil(id STRING, PRIMARY KEY(id));\n"
        "MATCH (n:City) SET n.name = 'PWNED';\n",
        encoding="utf-8",
    )
    (imp / "copy.cypher").write_text("MATCH (n:Network) DETACH DELETE n;\n", encoding="utf-8")
    (imp / "macro.cypher").write_text("", encoding="utf-8")
    runner = CliRunner()

    def ucn(*args: str) -> Any:
        return runner.invoke(main, ["--db", str(db), *args], catch_exceptions=False)

    return {"db": db, "tmp": scratch, "imp": imp, "ucn": ucn}


@pytest.fixture
def world(tmp_path: Path, loaded: Path) -> dict[str, Any]:
    """A loaded database, a scratch folder and a hostile IMPORT DATABASE folder."""
    return _world(tmp_path, loaded)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory, loaded: Path) -> dict[str, Any]:
    """One world that every refused statement is tried on in turn, and its state before."""
    world = _world(tmp_path_factory.mktemp("attacked"), loaded)
    world["before"] = _state(world)
    return world


def _fill(statement: str, world: dict[str, Any]) -> str:
    return statement.replace("{tmp}", str(world["tmp"])).replace("{imp}", str(world["imp"]))


def _state(world: dict[str, Any]) -> tuple[Any, ...]:
    """The whole graph, its tables, and the files beside it."""
    with open_store(world["db"], create=False) as store:
        graph = store.to_networkx()
        tables = sorted(r["name"] for r in store.run("CALL show_tables() RETURN name"))
    nodes = sorted(json.dumps([n, d], sort_keys=True) for n, d in graph.nodes(data=True))
    edges = sorted(json.dumps(e, sort_keys=True) for e in graph.edges(keys=True, data=True))
    files = sorted(
        str(p.relative_to(world["db"].parent))
        for p in world["db"].parent.rglob("*")
        if not p.name.startswith("graph.db")
    )
    return nodes, edges, tables, files


def _assert_refused(result: Any, stderr: str) -> None:
    assert result.exit_code != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert "root:" not in result.stdout and "root:" not in stderr


@pytest.mark.parametrize("statement", REFUSED)
def test_statement_is_refused_and_touches_nothing(attacked: dict[str, Any], statement: str) -> None:
    result = attacked["ucn"]("query", _fill(statement, attacked))
    _assert_refused(result, result.stderr)
    assert _state(attacked) == attacked["before"]


def test_refusals_say_why(world: dict[str, Any]) -> None:
    ucn = world["ucn"]
    assert "read-only" in ucn("query", "MATCH (n:City) SET n.name = 'x'").stderr
    assert (
        "COPY reads or writes files"
        in ucn("query", _fill("COPY (RETURN 1 AS x) TO '{tmp}/a.csv'", world)).stderr
    )
    assert "IMPORT DATABASE" in ucn("query", _fill("IMPORT DATABASE '{imp}'", world)).stderr
    assert "setting" in ucn("query", "CALL threads=1").stderr
    assert "--write" in ucn("query", "CALL project_graph('g', ['City'], [])").stderr


@pytest.mark.parametrize("statement", REFUSED_IN_A_CHILD)
def test_file_reading_functions_are_refused_without_reaching_the_engine(
    attacked: dict[str, Any], statement: str
) -> None:
    world = attacked
    done = subprocess.run(
        [sys.executable, "-m", "ucn", "--db", str(world["db"]), "query", _fill(statement, world)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "refused" in done.stderr
    assert _state(world) == world["before"]


@pytest.mark.parametrize(("statement", "expected"), ALLOWED)
def test_reads_still_run(world: dict[str, Any], statement: str, expected: str) -> None:
    result = world["ucn"]("query", statement)
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout


def test_viz_query_is_held_to_the_same_rule(world: dict[str, Any]) -> None:
    before = _state(world)
    out = world["tmp"] / "map.html"
    copy = _fill("COPY (MATCH (n:City) RETURN n.name) TO '{tmp}/viz.csv'", world)
    result = world["ucn"]("viz", "--query", copy, "-o", str(out))
    _assert_refused(result, result.stderr)
    assert not out.exists()
    assert _state(world) == before
    ok = world["ucn"]("viz", "--query", "MATCH (c:City)-[r]->(n) RETURN c, r, n", "-o", str(out))
    assert ok.exit_code == 0 and out.exists()


def test_import_through_the_api_is_refused_and_changes_nothing(world: dict[str, Any]) -> None:
    with open_store(world["db"]) as store:
        with pytest.raises(ReadOnlyError):
            store.run(f"IMPORT DATABASE '{world['imp']}'")
        assert {r["name"] for r in store.run("MATCH (n:City) RETURN n.name AS name")} == {"Đà Nẵng"}
        assert "Evil" not in {r["name"] for r in store.run("CALL show_tables() RETURN name")}


def test_a_read_is_planned_once_and_a_write_every_time(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ucn.graph import readonly

    checked: list[str] = []
    check = readonly.check_ladybug_plan
    monkeypatch.setattr(
        readonly, "check_ladybug_plan", lambda plan: checked.append(plan) or check(plan)
    )
    read = "MATCH (n:City) WHERE n.id = $id RETURN n.name AS name"
    write = "MATCH (n:City) SET n.name = 'PWNED'"
    with open_store(world["db"]) as store:
        for city in ("city/da-nang", "city/nowhere", "city/da-nang"):
            store.run(read, {"id": city})
        assert len(checked) == 1  # the same text, whatever its parameters: its plan reads
        for _ in range(2):  # refused each time, never remembered as a read
            with pytest.raises(ReadOnlyError):
                store.run(write)
        assert write not in store._reads
        assert {r["name"] for r in store.run("MATCH (n:City) RETURN n.name AS name")} == {"Đà Nẵng"}


def test_write_flag_still_allows_writes(world: dict[str, Any]) -> None:
    result = world["ucn"]("query", "CREATE (c:City {id: 'city/hue', name: 'Huế'})", "--write")
    assert result.exit_code == 0
    assert "Huế" in world["ucn"]("query", "MATCH (c:City) RETURN c.name AS n").stdout


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n:City) RETURN n.name AS load",
        "MATCH (n) RETURN n AS copy",
    ],
)
def test_clause_words_used_as_names_are_refused_with_the_reason(statement: str) -> None:
    # The check before the engine does not know Cypher's grammar: a clause word used as a
    # name is refused rather than risked, and the message says which word.
    with pytest.raises(ReadOnlyError, match=r"LOAD|COPY"):
        check_clauses(statement)


def test_property_labels_parameters_and_strings_are_not_clauses() -> None:
    check_clauses("MATCH (n:Copy {load: $import}) WHERE n.export = 'COPY' RETURN n.use")
    check_clauses("MATCH (n) RETURN n // LOAD FROM '/etc/passwd'")
    check_clauses("MATCH (n) RETURN n /* COPY */")
    check_clauses("CALL show_tables() RETURN *")


def _plan(operator: str, *children: dict[str, Any], details: str = "") -> dict[str, Any]:
    return {"operatorType": operator, "args": {"Details": details}, "children": list(children)}


def test_neo4j_reads_are_decided_from_explain() -> None:
    read = _plan("ProduceResults@neo4j", _plan("NodeByLabelScan@neo4j"))
    check_neo4j_plan("r", read)
    check_neo4j_plan("r", _plan("ProcedureCall@neo4j", details="db.labels() :: (label)"))
    for query_type in ("w", "rw", "s", None):
        with pytest.raises(ReadOnlyError):
            check_neo4j_plan(query_type, read)
    load_csv = _plan("ProduceResults@neo4j", _plan("LoadCSV@neo4j"))
    with pytest.raises(ReadOnlyError, match="LOAD CSV"):
        check_neo4j_plan("r", load_csv)
    procedure = _plan(
        "ProduceResults@neo4j",
        _plan("ProcedureCall@neo4j", details="apoc.load.json($url) :: (value)"),
    )
    with pytest.raises(ReadOnlyError, match=r"apoc\.load\.json"):
        check_neo4j_plan("r", procedure)
