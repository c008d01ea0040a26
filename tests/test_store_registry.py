"""open_store finds the store by the location's scheme (graph/registry.py), and reads no
environment: the `ucn` command passes UCN_DB and NEO4J_* in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ucn.graph import StoreError, open_store
from ucn.graph.registry import PATH, scheme_of, store_class


@pytest.mark.parametrize(
    ("location", "scheme"),
    [
        ("ucn.db", PATH),
        ("/data/ucn.db", PATH),
        ("C:\\data\\ucn.db", PATH),
        ("bolt://localhost:7687", "bolt"),
        ("neo4j+s://example.org", "neo4j+s"),
        ("BOLT+SSC://host", "bolt+ssc"),
    ],
)
def test_scheme_of(location: str, scheme: str) -> None:
    assert scheme_of(location) == scheme


def test_paths_open_the_embedded_store_and_bolt_neo4j() -> None:
    assert store_class("ucn.db").__name__ == "LadybugStore"
    for uri in ("bolt://h", "bolt+s://h", "neo4j://h", "neo4j+s://h"):
        assert store_class(uri).__name__ == "Neo4jStore"


def test_an_unknown_scheme_is_an_error() -> None:
    with pytest.raises(StoreError, match="no store opens http:// locations"):
        store_class("http://example.org/graph")


def test_open_store_reads_no_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("UCN_DB", str(tmp_path / "env.db"))
    with open_store() as store:
        assert store.engine == "ladybug"
    assert (tmp_path / "ucn.db").exists()
    assert not (tmp_path / "env.db").exists()


def test_opening_a_path_does_not_import_the_neo4j_driver(tmp_path: Path) -> None:
    code = (
        "import sys; from ucn.graph import open_store; "
        f"open_store({str(tmp_path / 'x.db')!r}).close(); "
        "print('neo4j' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_command_reads_the_environment(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ucn.cli import main

    # UCN_DB names the database; an explicit --db wins over NEO4J_URI in the environment.
    # (`stats` creates no database: the error names the file it looked for.)
    runner = CliRunner(env={"UCN_DB": str(tmp_path / "env.db"), "NEO4J_URI": ""})
    done = runner.invoke(main, ["stats"])
    assert "env.db: no database here yet" in done.output
    runner = CliRunner(env={"UCN_DB": "", "NEO4J_URI": "bolt://127.0.0.1:1"})
    done = runner.invoke(main, ["--db", str(tmp_path / "flag.db"), "stats"])
    assert "flag.db: no database here yet" in done.output
