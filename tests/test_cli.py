"""The `ucn` command as a user runs it, on real files and a real embedded database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from ucn.cli import main

from conftest import ROOT, document, write_json

MEMBERS = (
    "MATCH (c:City)-[m:MEMBER_OF]->(n:Network) RETURN c.name AS city, n.name AS network, "
    "m.since AS since"
)


@pytest.fixture
def ucn(tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    db = tmp_path / "graph.db"

    def invoke(*args: str, **kwargs):  # type: ignore[no-untyped-def]
        return runner.invoke(main, ["--db", str(db), *args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def doc_file(tmp_path: Path) -> Path:
    return write_json(tmp_path / "doc.json", document())


def one_error_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_load_then_query_as_json(ucn, doc_file: Path) -> None:  # type: ignore[no-untyped-def]
    loaded = ucn("load", str(doc_file))
    assert loaded.exit_code == 0, loaded.output
    assert "loaded 1 document" in loaded.stdout
    result = ucn("query", MEMBERS, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {"city": "Đà Nẵng", "network": "CityNet", "since": "2005-10-11"}
    ]


def test_loading_again_changes_no_count(ucn, doc_file: Path) -> None:  # type: ignore[no-untyped-def]
    ucn("load", str(doc_file))
    before = ucn("stats", "--format", "json").stdout
    again = ucn("load", str(doc_file))
    assert "0 nodes and 0 relations added, 0 nodes and 0 relations updated" in again.stdout
    assert ucn("stats", "--format", "json").stdout == before


def test_table_and_csv_output(ucn, doc_file: Path) -> None:  # type: ignore[no-untyped-def]
    ucn("load", str(doc_file))
    table = ucn("query", MEMBERS).stdout.splitlines()
    assert table[0].split(" | ") == ["city   ", "network", "since"]
    assert table[2].startswith("Đà Nẵng | CityNet")
    assert table[-1] == "(1 row)"
    csv = ucn("query", MEMBERS, "--format", "csv").stdout
    assert csv == "city,network,since\nĐà Nẵng,CityNet,2005-10-11\n"


def test_query_parameters(ucn, doc_file: Path) -> None:  # type: ignore[no-untyped-def]
    ucn("load", str(doc_file))
    result = ucn(
        "query",
        "MATCH (n:Network {name: $name})<-[m:MEMBER_OF]-(x) "
        "WHERE m.confidence >= $min RETURN x.id AS id ORDER BY id",
        "-p",
        "name=CityNet",
        "-p",
        "min=0.85",
        "--format",
        "json",
    )
    assert json.loads(result.stdout) == [{"id": "city/da-nang"}]
    bad = ucn("query", "RETURN 1", "-p", "novalue")
    assert bad.exit_code == 2


def test_create_is_refused_and_changes_nothing(ucn, doc_file: Path) -> None:  # type: ignore[no-untyped-def]
    ucn("load", str(doc_file))
    before = ucn("stats", "--format", "json").stdout
    line = one_error_line(ucn("query", "CREATE (c:City {id: 'city/hue', name: 'Huế'})"))
    assert "read-only" in line and "--write" in line
    assert ucn("stats", "--format", "json").stdout == before
    allowed = ucn("query", "CREATE (c:City {id: 'city/hue', name: 'Huế'})", "--write")
    assert allowed.exit_code == 0
    assert json.loads(ucn("stats", "--format", "json").stdout)["nodes"]["City"] == 2


def test_bad_cypher_is_one_line(ucn, doc_file: Path) -> None:  # type: ignore[no-untyped-def]
    ucn("load", str(doc_file))
    line = one_error_line(ucn("query", "MATC (n) RETURN n"))
    assert "Parser exception" in line


def test_malformed_document_is_named_and_the_rest_loads(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "docs"
    folder.mkdir()
    write_json(folder / "a-good.json", document("good"))
    bad = document("bad")
    bad["relations"][0]["type"] = "LIKES"
    write_json(folder / "b-bad.json", bad)
    (folder / "c-broken.json").write_text('{"article": {"id": "x"},\n  "entities": [,]}')
    result = ucn("load", str(folder))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "b-bad.json: relations[0].type: 'LIKES'" in errors[0]
    assert "c-broken.json: invalid JSON (line 2, column 16" in errors[1]
    assert "loaded 1 document" in result.stdout and "2 failed" in result.stdout
    articles = ucn("query", "MATCH (a:Article) RETURN a.id AS id", "--format", "json").stdout
    assert json.loads(articles) == [{"id": "good"}]


def test_strict_stops_at_the_first_bad_input(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_json(tmp_path / "a.json", {"article": {}, "entities": []})
    write_json(tmp_path / "b.json", document())
    result = ucn("load", "--strict", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert "article.id" in one_error_line(result)
    stats = json.loads(ucn("stats", "--format", "json").stdout)
    assert sum(stats["nodes"].values()) == 0


def test_missing_path_is_reported(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    line = one_error_line(ucn("load", str(tmp_path / "nowhere.json")))
    assert "nowhere.json: no such file or folder" in line


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    not_db = tmp_path / "notes.txt"
    not_db.write_text("shopping list\n")
    result = CliRunner().invoke(main, ["--db", str(not_db), "stats"])
    line = one_error_line(result)
    assert "notes.txt" in line and "not a valid" in line
    folder = CliRunner().invoke(main, ["--db", str(tmp_path), "stats"])
    assert "is a directory" in one_error_line(folder)


def test_unreachable_neo4j_names_the_uri_and_the_fix(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    line = one_error_line(CliRunner().invoke(main, ["--neo4j", uri, "stats"]))
    assert uri in line and "docker compose up -d" in line


def test_forget(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ucn("load", str(write_json(tmp_path / "one.json", document("one"))))
    ucn("load", str(write_json(tmp_path / "two.json", document("two"))))
    result = ucn("forget", "one")
    assert result.exit_code == 0 and "forgot one" in result.stdout
    rows = ucn(
        "query", "MATCH (c:City)-[m:MEMBER_OF]->() RETURN m.sources AS s", "--format", "json"
    ).stdout
    assert json.loads(rows) == [{"s": ["two"]}]
    assert "no article 'one'" in one_error_line(ucn("forget", "one"))


def test_export_node_link(ucn, doc_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ucn("load", str(doc_file))
    out = tmp_path / "graph.json"
    assert ucn("export", "--format", "node-link", "-o", str(out)).exit_code == 0
    graph = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges")
    assert graph.nodes["city/da-nang"]["name"] == "Đà Nẵng"
    assert graph.has_edge("city/da-nang", "network/citynet", key="MEMBER_OF")


def test_stats_table(ucn, doc_file: Path) -> None:  # type: ignore[no-untyped-def]
    ucn("load", str(doc_file))
    lines = ucn("stats").stdout.splitlines()
    assert any(line.split() == ["node", "|", "City", "|", "1"] for line in lines)
    assert any(line.split() == ["relation", "|", "MEMBER_OF", "|", "2"] for line in lines)


def test_environment_selects_the_database(tmp_path: Path, doc_file: Path) -> None:
    runner = CliRunner(env={"UCN_DB": str(tmp_path / "env.db"), "NEO4J_URI": ""})
    assert runner.invoke(main, ["load", str(doc_file)]).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_installed_command_is_quiet_in_a_pipe(tmp_path: Path, doc_file: Path) -> None:
    ucn_bin = Path(sys.executable).with_name("ucn")
    if not ucn_bin.exists():
        pytest.skip("the ucn console script is not installed in this environment")
    done = subprocess.run(
        [str(ucn_bin), "--db", str(tmp_path / "p.db"), "load", str(doc_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("loaded 1 document")


def test_a_progress_bar_on_a_terminal(tmp_path: Path, doc_file: Path) -> None:
    pty = pytest.importorskip("pty")
    ucn_bin = Path(sys.executable).with_name("ucn")
    if not ucn_bin.exists():
        pytest.skip("the ucn console script is not installed in this environment")
    for i in range(3):
        write_json(tmp_path / f"d{i}.json", document(f"a{i}"))
    leader, follower = pty.openpty()
    done = subprocess.run(
        [str(ucn_bin), "--db", str(tmp_path / "t.db"), "load", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
        check=False,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert done.returncode == 0
    assert b"loading" in seen and b"100%" in seen
    assert b"read 4/4, extracted 4, written 4 (" in seen  # d0-d2 and doc.json, on a bare pty


def test_every_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"ucn {name}" in readme, f"README does not show `ucn {name}`"


def test_reading_a_missing_database_does_not_create_one(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    line = one_error_line(CliRunner().invoke(main, ["--db", str(missing), "stats"]))
    assert "typo.db: no database here yet" in line
    assert not missing.exists()
