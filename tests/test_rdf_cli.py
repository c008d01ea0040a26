"""`ucn export --format turtle|jsonld|nt|xml|trig|nquads`, `ucn validate` and `ucn import` as a
user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from ucn.cli import EXPORT_FORMATS, main
from ucn.graph import UcnError
from ucn.ontology.rdf import RDF_FORMATS
from ucn.ontology.rdf_read import parse_rdf

from conftest import document, write_json


@pytest.fixture
def ucn(tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str, db: str = "graph.db"):  # type: ignore[no-untyped-def]
        return runner.invoke(main, ["--db", str(tmp_path / db), *args], catch_exceptions=False)

    write_json(tmp_path / "doc.json", document())
    assert invoke("load", str(tmp_path / "doc.json")).exit_code == 0
    return invoke


def test_the_command_offers_every_rdf_format() -> None:
    assert set(EXPORT_FORMATS) == set(RDF_FORMATS)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_to_a_file_and_to_stdout(ucn, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"graph{RDF_FORMATS[fmt][1]}"
    result = ucn("export", "--format", fmt, "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    stdout = ucn("export", "--format", fmt).stdout_bytes
    assert stdout == path.read_bytes()
    assert len(parse_rdf(path, fmt)) > 20


def test_node_link_stays_the_default(ucn) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(ucn("export").stdout)
    assert {"nodes", "edges"} <= set(data)


def test_a_failed_export_leaves_no_file(
    ucn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import ucn.ontology.rdf as rdf

    def broken(store, fmt, out, base, batch=0):  # type: ignore[no-untyped-def]
        out.write(b"<a> <b> <c> .\n")
        raise UcnError("the store went away")

    target = tmp_path / "graph.nt"
    target.write_text("the previous export\n")
    monkeypatch.setattr(rdf, "export_rdf", broken)
    result = ucn("export", "--format", "nt", "-o", str(target))
    assert result.exit_code == 1
    assert "the store went away" in result.stderr
    assert target.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".graph.nt")) == []


def test_a_bad_base_is_one_error_line(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = ucn("export", "--format", "turtle", "--base", "no base", "-o", str(tmp_path / "x.ttl"))
    assert result.exit_code == 1
    assert "not an absolute IRI" in result.stderr
    assert not (tmp_path / "x.ttl").exists()


def test_validate_the_graph_and_a_file(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = ucn("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms to ontology/shapes.ttl")
    path = tmp_path / "graph.ttl"
    ucn("export", "--format", "turtle", "-o", str(path))
    assert ucn("validate", str(path)).exit_code == 0
    broken = path.read_text(encoding="utf-8").replace("rdfs:label", "rdfs:comment")
    (tmp_path / "broken.ttl").write_text(broken, encoding="utf-8")
    result = ucn("validate", str(tmp_path / "broken.ttl"))
    assert result.exit_code == 1
    assert result.stdout.startswith("does not conform")
    assert (
        "violation: <https://w3id.org/ucn/id/city/da-nang> rdfs:label: Every node has a name"
        in (result.stdout)
    )


def test_validate_a_missing_or_unreadable_file(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = ucn("validate", str(tmp_path / "absent.ttl"))
    assert result.exit_code == 1 and "no such file" in result.stderr
    (tmp_path / "junk.ttl").write_text("this is not turtle\n")
    result = ucn("validate", str(tmp_path / "junk.ttl"))
    assert result.exit_code == 1 and "not valid turtle" in result.stderr


def test_import_into_an_empty_store_gives_the_same_export(ucn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "graph.trig"
    ucn("export", "--format", "trig", "-o", str(path))
    result = ucn("import", str(path), db="other.db")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "imported 4 nodes and 5 relations: 4 nodes and 5 relations added"
    )
    a = ucn("export", "--format", "nt").stdout
    b = ucn("export", "--format", "nt", db="other.db").stdout
    assert isomorphic(Graph().parse(data=a, format="nt"), Graph().parse(data=b, format="nt"))
    again = ucn("import", str(path), db="other.db")
    assert "0 nodes and 0 relations added, 0 nodes and 0 relations updated" in again.stdout
