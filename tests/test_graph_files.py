"""`ucn export --format graphml|gexf|csv`: each file read back by its consumer.

GraphML and GEXF by networkx's own readers (`read_graphml`, `read_gexf`), the CSV archive by
`read_admin_csv`, which reads the neo4j-admin import layout as its documentation describes
(header types, arrays, quoting), and by Python's csv module, as a spreadsheet would. Each must
give the nodes and relations `ucn stats` counts, with the store's properties, lists split back.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from ucn.cli import GRAPH_FILE_FORMATS, main
from ucn.graph import open_store
from ucn.graph.admincsv import (
    ARRAY_DELIMITER,
    NODES_FILE,
    RELATIONSHIPS_FILE,
    export_admin_csv,
    import_command,
    read_admin_csv,
    read_nodes,
    read_relationships,
)
from ucn.graph.batch import empty_node_row, empty_relation_row
from ucn.graph.graphfiles import (
    GEXF_NS,
    GRAPHML_NS,
    decode_list,
    edge_fields,
    export_graph_file,
    graphml_node_id,
    node_fields,
    ucn_id,
)
from ucn.graph.model import MODEL

from conftest import ROOT, document, write_json

SAMPLES = [ROOT / "samples" / "documents", ROOT / "samples" / "articles"]
LIST_FIELDS = {f.name for f in (*node_fields(), *edge_fields()) if f.is_list}
# XML 1.0 NMTOKEN, as the GraphML schema types node, edge and key ids (ASCII name characters).
NMTOKEN = re.compile(r"[A-Za-z0-9._:\-]+")
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "csv": ".zip"}


def ucn(db: Path | str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def export(db: Path | str, fmt: str, target: Path | str) -> Result:
    return ucn(db, "export", "--format", fmt, "-o", str(target))


def stats(db: Path) -> tuple[int, int]:
    """Node and relation counts as `ucn stats` prints them."""
    result = ucn(db, "stats", "--format", "json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    return sum(counts["nodes"].values()), sum(counts["relations"].values())


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample documents and articles, loaded as `make demo` loads them, with the network
    measures written (so the nodes carry numbers as well as text and lists)."""
    db = tmp_path_factory.mktemp("samples") / "ucn.db"
    result = ucn(db, "load", *map(str, SAMPLES))
    assert result.exit_code == 0, result.output
    result = ucn(db, "analyze", "--write", "--format", "json")
    assert result.exit_code == 0, result.output
    return db


# The text a spreadsheet, a CSV parser and an XML parser each find hard, in one name and one
# sentence: comma, quotes, semicolon (neo4j-admin's default array delimiter), a line break, a
# carriage return, tab, markup, backslash, brackets, and Vietnamese.
HARD = "Đà Nẵng, \"the city\"; a\nb\r\nc\td <x> & \\ [1] ]]> 'q'"
CITY, NETWORK = "city/da-nang", "network/citynet"


@pytest.fixture
def hard_db(tmp_path: Path) -> Path:
    """The Đà Nẵng document, its city named and its membership stated with HARD text."""
    db = tmp_path / "hard.db"
    write_json(tmp_path / "doc.json", document())
    result = ucn(db, "load", str(tmp_path / "doc.json"))
    assert result.exit_code == 0, result.output
    with open_store(db=db) as store:
        store.run(
            "MATCH (n:City {id: $id}) SET n.name = $name, n.aliases = $aliases",
            {"id": CITY, "name": HARD, "aliases": [HARD, "", "a;b", "[x]", '"']},
            write=True,
        )
        store.run(
            "MATCH (a {id: $s})-[r:MEMBER_OF]->(b {id: $t}) SET r.evidence = $e",
            {"s": CITY, "t": NETWORK, "e": [HARD]},
            write=True,
        )
    return db


# -- what the store holds ----------------------------------------------------------------------
def reference(db: Path) -> nx.MultiDiGraph:
    with open_store(db=db) as store:
        return store.to_networkx()


def store_rows(db: Path) -> tuple[dict[str, tuple[str, dict[str, Any]]], dict[Any, dict]]:
    """Every node (label, row) and relation row as the store holds them, bookkeeping included."""
    nodes: dict[str, tuple[str, dict[str, Any]]] = {}
    relations: dict[Any, dict] = {}
    with open_store(db=db) as store:
        for label in MODEL.labels:
            for rows in store.iter_nodes(label):
                nodes.update((row["id"], (label, row)) for row in rows)
        for rel_type in MODEL.relations:
            for rows in store.iter_relations(rel_type):
                for row in rows:
                    relations[row["source"], row["target"], rel_type] = row
    return nodes, relations


def without_nulls(row: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A row as the CSV carries it: no nulls, no empty lists and no list of one empty text (a
    mention's evidence), which neo4j-admin cannot tell from an empty array and imports as no
    property; the named columns left out."""
    return {k: v for k, v in row.items() if v is not None and v not in ([], [""]) and k not in skip}


def decoded(data: dict[str, Any]) -> dict[str, Any]:
    """File attributes with the lists split back."""
    return {k: decode_list(v) if k in LIST_FIELDS else v for k, v in data.items()}


def assert_same_graph(graph: nx.MultiDiGraph, ref: nx.MultiDiGraph) -> None:
    """Nodes, edges and attributes of a file read back equal to the store's networkx view: a
    node's `label` is its name, its `type` its ucn label; an edge's `label` and `type` are the
    relation type; nulls are left out."""
    assert set(graph.nodes) == set(ref.nodes)
    for node, data in graph.nodes(data=True):
        want = {k: v for k, v in ref.nodes[node].items() if v is not None}
        want["type"], want["label"] = want["label"], want["name"]
        want.pop("id")
        got = decoded(data)
        assert got.pop("id", node) == node  # GraphML: the ucn id is an attribute too
        assert got == want, node
    got_edges = Counter((u, v, d["type"]) for u, v, d in graph.edges(data=True))
    want_edges = Counter((u, v, d["type"]) for u, v, d in ref.edges(data=True))
    assert got_edges == want_edges
    for u, v, data in graph.edges(data=True):
        want = {k: v for k, v in ref.edges[u, v, data["type"]].items() if v is not None}
        want["label"] = want["type"]
        got = decoded(data)
        got.pop("id", None)  # GEXF: the edge id
        assert got == want, (u, v, data["type"])


def read_graphml(path: Path | io.BytesIO) -> nx.MultiDiGraph:
    """networkx's reader, nodes relabelled by their `id` attribute (the ucn id)."""
    graph = nx.read_graphml(path, force_multigraph=True)
    for node, data in graph.nodes(data=True):
        assert ucn_id(node) == data["id"], node
    return nx.relabel_nodes(graph, {n: d["id"] for n, d in graph.nodes(data=True)})


def read_gexf(path: Path | io.BytesIO) -> nx.MultiDiGraph:
    graph = nx.read_gexf(path)
    return graph if graph.is_multigraph() else nx.MultiDiGraph(graph)


# -- the sample graph, read back by each consumer ----------------------------------------------
def test_the_command_offers_the_three_formats() -> None:
    assert set(GRAPH_FILE_FORMATS) == {"graphml", "gexf", "csv"}


def test_graphml_read_back_by_networkx(sample_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "ucn.graphml"
    result = export(sample_db, "graphml", path)
    assert result.exit_code == 0, result.output
    graph = read_graphml(path)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == stats(sample_db)
    assert_same_graph(graph, reference(sample_db))


def test_gexf_read_back_by_networkx(sample_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "ucn.gexf"
    assert export(sample_db, "gexf", path).exit_code == 0
    graph = read_gexf(path)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == stats(sample_db)
    assert_same_graph(graph, reference(sample_db))


def assert_csv_equals_store(archive: Path | io.BytesIO, db: Path) -> None:
    """The archive read as neo4j-admin reads it holds every node and relation of the store,
    with every property (the bookkeeping too), typed as the store holds it."""
    data = read_admin_csv(archive)
    nodes, relations = store_rows(db)
    assert (len(data.nodes), len(data.relationships)) == stats(db)
    assert {n["id"] for n in data.nodes} == set(nodes)
    for node in data.nodes:
        label, row = nodes[node["id"]]
        assert node["labels"] == [label]
        assert node["properties"] == without_nulls(row), node["id"]
    got = {(r["start"], r["end"], r["type"]): r for r in data.relationships}
    assert len(got) == len(data.relationships) and set(got) == set(relations)
    for key, rel in got.items():
        assert rel["properties"] == without_nulls(relations[key], ("source", "target")), key


def test_csv_read_back_with_its_header_types(sample_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "ucn.zip"
    result = export(sample_db, "csv", path)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no line breaks in the samples: no --multiline-fields
    assert_csv_equals_store(path, sample_db)
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == [NODES_FILE, RELATIONSHIPS_FILE]
        assert archive.comment.decode().splitlines()[-1] == import_command(multiline=False)


def test_csv_headers_follow_the_neo4j_admin_layout(sample_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "ucn.zip"
    assert export(sample_db, "csv", path).exit_code == 0
    with zipfile.ZipFile(path) as archive:
        nodes = archive.read(NODES_FILE).decode("utf-8").split("\n", 1)[0].split(",")
        rels = archive.read(RELATIONSHIPS_FILE).decode("utf-8").split("\n", 1)[0].split(",")
    assert nodes[:4] == ["id:ID", ":LABEL", "name:string", "aliases:string[]"]
    assert {"sources:string[]", "degree:long", "betweenness:double", "keys:string[]"} <= set(nodes)
    assert "provenance:string" in nodes and "date:string" in nodes
    assert rels[:7] == [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "sources:string[]",
        "evidence:string[]",
        "confidences:double[]",
        "confidence:double",
    ]
    assert {"since:string", "role:string", "kind:string", "title:string"} <= set(rels)
    # every header field is `name:type` or a special field, the types neo4j-admin knows
    for field in nodes[2:] + rels[3:]:
        assert re.fullmatch(r"[a-z_]+:(string|double|long)(\[\])?", field), field


def test_csv_opens_as_a_spreadsheet_table(sample_db: Path, tmp_path: Path) -> None:
    """Python's csv module (what a spreadsheet does): one row per node and relation, every row
    as wide as the header, the text as stored."""
    path = tmp_path / "ucn.zip"
    assert export(sample_db, "csv", path).exit_code == 0
    nodes, relations = store_rows(sample_db)
    with zipfile.ZipFile(path) as archive:
        node_rows = list(csv.reader(io.StringIO(archive.read(NODES_FILE).decode("utf-8"))))
        rel_rows = list(csv.reader(io.StringIO(archive.read(RELATIONSHIPS_FILE).decode("utf-8"))))
    for rows, count in ((node_rows, len(nodes)), (rel_rows, len(relations))):
        assert len(rows) == count + 1
        assert {len(row) for row in rows} == {len(rows[0])}
    names = {row[0]: row[2] for row in node_rows[1:]}
    assert names == {node_id: row["name"] for node_id, (_, row) in nodes.items()}


def test_python_api_writes_the_same_files(sample_db: Path) -> None:
    counts = stats(sample_db)
    with open_store(db=sample_db) as store:
        for fmt in ("graphml", "gexf"):
            out = io.BytesIO()
            written = export_graph_file(store, fmt, out, batch=7)  # many small batches
            assert (written.nodes, written.edges) == counts
            out.seek(0)
            graph = read_graphml(out) if fmt == "graphml" else read_gexf(out)
            assert (graph.number_of_nodes(), graph.number_of_edges()) == counts
        out = io.BytesIO()
        result = export_admin_csv(store, out, batch=7)
        assert (result.nodes, result.relationships) == counts
    assert_csv_equals_store(io.BytesIO(out.getvalue()), sample_db)


def test_the_same_graph_gives_the_same_bytes(sample_db: Path, tmp_path: Path) -> None:
    for fmt in ("graphml", "gexf", "csv"):
        first, second = tmp_path / f"a{SUFFIX[fmt]}", tmp_path / f"b{SUFFIX[fmt]}"
        assert export(sample_db, fmt, first).exit_code == 0
        assert export(sample_db, fmt, second).exit_code == 0
        assert first.read_bytes() == second.read_bytes(), fmt
        stdout = ucn(sample_db, "export", "--format", fmt).stdout_bytes
        assert stdout == first.read_bytes(), fmt


def build_from_archive(archive: Path, db: Path) -> None:
    """A store holding what an import of the archive would hold, and nothing else: its rows
    written as they are, through the engine's insert primitives (as neo4j-admin writes them,
    without ucn's merge)."""
    data = read_admin_csv(archive)
    labels = {n["id"]: n["labels"][0] for n in data.nodes}

    def work(tx: Any) -> None:
        for label in MODEL.labels:
            rows = [
                empty_node_row(label) | n["properties"]
                for n in data.nodes
                if labels[n["id"]] == label
            ]
            if rows:
                copy._insert_nodes(tx, label, rows)
        by_key: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for r in data.relationships:
            row = empty_relation_row(r["type"]) | r["properties"]
            row.update(source=r["start"], target=r["end"])
            by_key.setdefault((r["type"], labels[r["start"]], labels[r["end"]]), []).append(row)
        for key, rows in by_key.items():
            copy._insert_relations(tx, key, rows)

    with open_store(db=db) as copy:
        copy.in_transaction(work)


def comparable(db: Path) -> tuple[dict[str, Any], dict[Any, Any]]:
    nodes, relations = store_rows(db)
    return (
        {k: (label, without_nulls(row)) for k, (label, row) in nodes.items()},
        {k: without_nulls(row) for k, row in relations.items()},
    )


def test_a_graph_built_from_the_archive_alone_works_as_the_original(
    sample_db: Path, tmp_path: Path
) -> None:
    """What neo4j-admin would import is a ucn graph: the same rows, the same answers to a named
    query that finds an entity by a folded name (the `keys`), and the same graph once an
    article is forgotten (the `provenance`)."""
    archive, original, copy = tmp_path / "ucn.zip", tmp_path / "original.db", tmp_path / "copy.db"
    assert export(sample_db, "csv", archive).exit_code == 0
    shutil.copy(sample_db, original)
    build_from_archive(archive, copy)
    assert comparable(copy) == comparable(original)
    query = ("query", "--name", "members-of", "-p", "network=citynet", "--format", "json")
    assert ucn(copy, *query).stdout == ucn(original, *query).stdout
    assert json.loads(ucn(copy, *query).stdout)
    for db in (original, copy):
        assert ucn(db, "forget", "sample/citynet-vietnam").exit_code == 0
    assert comparable(copy) == comparable(original)
    assert stats(copy) == stats(original) != stats(sample_db)


# -- hard text ---------------------------------------------------------------------------------
def test_hard_text_survives_graphml_and_gexf(hard_db: Path, tmp_path: Path) -> None:
    ref = reference(hard_db)
    assert ref.nodes[CITY]["name"] == HARD
    for fmt, read in (("graphml", read_graphml), ("gexf", read_gexf)):
        path = tmp_path / f"hard{SUFFIX[fmt]}"
        result = export(hard_db, fmt, path)
        assert result.exit_code == 0, result.output
        graph = read(path)
        assert_same_graph(graph, ref)
        city = decoded(graph.nodes[CITY])
        assert city["name"] == HARD and city["aliases"] == [HARD, "", "a;b", "[x]", '"']
        member = decoded(graph.edges[CITY, NETWORK, next(iter(graph[CITY][NETWORK]))])
        assert member["evidence"] == [HARD]


def test_hard_text_survives_csv(hard_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "hard.zip"
    result = export(hard_db, "csv", path)
    assert result.exit_code == 0, result.output
    assert "--multiline-fields=true" in result.stderr  # the sentence holds line breaks
    with zipfile.ZipFile(path) as archive:
        assert "--multiline-fields=true" in archive.comment.decode()
    assert_csv_equals_store(path, hard_db)
    data = read_admin_csv(path)
    city = next(n for n in data.nodes if n["id"] == CITY)
    assert city["properties"]["name"] == HARD
    assert city["properties"]["aliases"] == [HARD, "", "a;b", "[x]", '"']
    member = next(r for r in data.relationships if r["start"] == CITY and r["type"] == "MEMBER_OF")
    assert member["properties"]["evidence"] == [HARD]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1f", "\ufffe"])
def test_xml_refuses_text_it_cannot_hold(
    hard_db: Path, tmp_path: Path, fmt: str, char: str
) -> None:
    with open_store(db=hard_db) as store:
        store.run(
            "MATCH (n:City {id: $id}) SET n.name = $n", {"id": CITY, "n": f"a{char}b"}, write=True
        )
    target = tmp_path / f"old{SUFFIX[fmt]}"
    target.write_text("the previous export\n")
    result = export(hard_db, fmt, target)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    for word in (f"cannot export {fmt}", f"node '{CITY}'", "'name'", f"U+{ord(char):04X}"):
        assert word in result.stderr, (word, result.stderr)
    assert target.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".old")] == []
    # to stdout: nothing at all
    result = ucn(hard_db, "export", "--format", fmt)
    assert result.exit_code == 1 and result.stdout_bytes == b""
    # the CSV carries it
    assert export(hard_db, "csv", tmp_path / "ok.zip").exit_code == 0
    names = {n["id"]: n["properties"]["name"] for n in read_admin_csv(tmp_path / "ok.zip").nodes}
    assert names[CITY] == f"a{char}b"


def test_a_control_character_in_a_list_is_escaped_by_json(hard_db: Path, tmp_path: Path) -> None:
    with open_store(db=hard_db) as store:
        store.run(
            "MATCH (a {id: $s})-[r:MEMBER_OF]->(b {id: $t}) SET r.evidence = $e",
            {"s": CITY, "t": NETWORK, "e": ["bell\x07 here"]},
            write=True,
        )
    for fmt, read in (("graphml", read_graphml), ("gexf", read_gexf)):
        path = tmp_path / f"x{SUFFIX[fmt]}"
        assert export(hard_db, fmt, path).exit_code == 0
        assert b"\\u0007" in path.read_bytes()
        graph = read(path)
        member = decoded(graph.edges[CITY, NETWORK, next(iter(graph[CITY][NETWORK]))])
        assert member["evidence"] == ["bell\x07 here"]


def test_csv_refuses_the_array_delimiter_in_a_list(hard_db: Path, tmp_path: Path) -> None:
    with open_store(db=hard_db) as store:
        store.run(
            "MATCH (n:City {id: $id}) SET n.aliases = $a",
            {"id": CITY, "a": [f"a{ARRAY_DELIMITER}b"]},
            write=True,
        )
    target = tmp_path / "old.zip"
    target.write_bytes(b"previous")
    result = export(hard_db, "csv", target)
    assert result.exit_code == 1
    assert "'aliases'" in result.stderr and "U+241F" in result.stderr and CITY in result.stderr
    assert result.stderr.count("\n") == 1
    assert target.read_bytes() == b"previous"


# -- the files against their specifications ----------------------------------------------------
def test_graphml_follows_its_schema(hard_db: Path, tmp_path: Path) -> None:
    """What graphml.xsd (1.0) asks of ids and keys: node, edge and key ids are NMTOKENs, unique;
    every data element names a key declared for its element; edges name existing nodes."""
    path = tmp_path / "g.graphml"
    assert export(hard_db, "graphml", path).exit_code == 0
    ns = {"g": GRAPHML_NS}
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    assert root[0].tag == f"{{{GRAPHML_NS}}}desc"
    assert "JSON array" in root.find("g:desc", ns).text  # type: ignore[union-attr]
    keys = {k.get("id"): k for k in root.findall("g:key", ns)}
    for key_id, key in keys.items():
        assert NMTOKEN.fullmatch(key_id) and NMTOKEN.fullmatch(key.get("attr.name", ""))
        assert key.get("for") in ("node", "edge")
        assert key.get("attr.type") in ("string", "double", "long")
        assert key.find("g:desc", ns) is not None
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("edgedefault") == "directed"
    node_ids = [n.get("id") for n in graph.findall("g:node", ns)]
    assert len(node_ids) == len(set(node_ids))
    edge_ids = [e.get("id") for e in graph.findall("g:edge", ns)]
    assert len(edge_ids) == len(set(edge_ids))
    for node_id in node_ids + edge_ids:
        assert node_id and NMTOKEN.fullmatch(node_id), node_id
    for element, domain in (
        (graph.findall("g:node", ns), "node"),
        (graph.findall("g:edge", ns), "edge"),
    ):
        for item in element:
            for data in item.findall("g:data", ns):
                assert keys[data.get("key")].get("for") == domain
    for edge in graph.findall("g:edge", ns):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids


@pytest.mark.parametrize(
    "node_id",
    ["city/da-nang", "sample/ascn-2018", "article/a b:c_d", "https://x.org/a?b=1&c=ü", "đ/_x41_"],
)
def test_graphml_ids_encode_and_decode(node_id: str) -> None:
    encoded = graphml_node_id(node_id)
    assert NMTOKEN.fullmatch(encoded) and ucn_id(encoded) == node_id
    assert graphml_node_id("city/da-nang") == "city:da-nang"


def test_gexf_follows_its_schema(hard_db: Path, tmp_path: Path) -> None:
    """GEXF 1.3 (gexf.rnc): version, meta, a static directed graph, attributes declared with
    the spec's types before the nodes and edges, each value naming an attribute of its class;
    edges with their relation type as label and kind (parallel edges)."""
    path = tmp_path / "g.gexf"
    assert export(hard_db, "gexf", path).exit_code == 0
    ns = {"x": GEXF_NS}
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.3"
    assert [c.tag.split("}")[1] for c in root] == ["meta", "graph"]
    assert "JSON array" in root.findtext("x:meta/x:description", namespaces=ns)  # type: ignore[operator]
    graph = root.find("x:graph", ns)
    assert graph is not None
    assert (graph.get("mode"), graph.get("defaultedgetype")) == ("static", "directed")
    assert [c.tag.split("}")[1] for c in graph] == ["attributes", "attributes", "nodes", "edges"]
    declared: dict[str, dict[str, str]] = {}
    for attributes in graph.findall("x:attributes", ns):
        for attribute in attributes.findall("x:attribute", ns):
            assert attribute.get("type") in ("string", "liststring", "double", "long")
            declared.setdefault(attributes.get("class", ""), {})[attribute.get("id", "")] = (
                attribute.get("title", "")
            )
    assert {"aliases", "sources", "type"} <= set(declared["node"].values())
    assert {"evidence", "confidences", "sources", "type"} <= set(declared["edge"].values())
    for cls, tag in (("node", "x:nodes/x:node"), ("edge", "x:edges/x:edge")):
        for item in graph.findall(tag, ns):
            for value in item.findall("x:attvalues/x:attvalue", ns):
                assert value.get("for") in declared[cls]
    for edge in graph.findall("x:edges/x:edge", ns):
        kind = edge.get("kind")
        assert kind in MODEL.relations and edge.get("label") == kind


# -- the reader, on files written by hand ------------------------------------------------------
def test_the_reader_honours_header_types() -> None:
    nodes = [
        "personId:ID(Person),name,age:int,score:double,ok:boolean,born:date,tags:string[],"
        "w:float[],:IGNORE,:LABEL\n",
        'p1,"Ann ""A"", Jr.",42,0.5,true,2001-02-03,a;b,1.5;2,"skip",Person;Author\n',
        "p2,,,,false,,,,,Person\n",
        'p3,"",7,,,,"",,x,Person\n',
    ]
    got = read_nodes(nodes, "nodes.csv", delimiter=";")
    assert got[0] == {
        "id": "p1",
        "labels": ["Person", "Author"],
        "properties": {
            "personId": "p1",
            "name": 'Ann "A", Jr.',
            "age": 42,
            "score": 0.5,
            "ok": True,
            "born": date(2001, 2, 3),
            "tags": ["a", "b"],
            "w": [1.5, 2.0],
        },
    }
    assert got[1]["properties"] == {"personId": "p2", "ok": False}  # empty: no property
    assert got[2]["properties"] == {"personId": "p3", "name": "", "age": 7}  # "" is a text
    rels = [":START_ID(Person),since:long,:END_ID(Person),:TYPE\n", 'p1,1999,p2,"KNOWS"\n']
    assert read_relationships(rels, "r.csv") == [
        {"start": "p1", "end": "p2", "type": "KNOWS", "properties": {"since": 1999}}
    ]


def test_the_reader_takes_values_over_several_lines() -> None:
    lines = [":ID,text\n", 'a,"one\n', "two\r\n", 'three"\n', "b,x\n"]
    got = read_nodes(lines, "n.csv")
    assert [n["properties"] for n in got] == [{"text": "one\ntwo\r\nthree"}, {"text": "x"}]


# -- what fails, fails in one line and writes nothing ------------------------------------------
def test_an_unknown_format_writes_nothing(sample_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.pajek"
    result = export(sample_db, "pajek", target)
    assert result.exit_code == 2 and "pajek" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", GRAPH_FILE_FORMATS)
def test_a_folder_or_an_unwritable_path_is_one_line(
    sample_db: Path, tmp_path: Path, fmt: str
) -> None:
    folder = tmp_path / f"out{SUFFIX[fmt]}"
    folder.mkdir()
    result = export(sample_db, fmt, folder)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "folder" in result.stderr and list(folder.iterdir()) == []
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = export(sample_db, fmt, blocker / f"x{SUFFIX[fmt]}")
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot write ")
    assert result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", folder.name]


def test_csv_needs_a_zip_name(sample_db: Path, tmp_path: Path) -> None:
    result = export(sample_db, "csv", tmp_path / "nodes.csv")
    assert result.exit_code == 1 and ".zip" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert export(sample_db, "csv", tmp_path / "UCN.ZIP").exit_code == 0


def test_an_empty_graph_exports_empty_files(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    with open_store(db=db):
        pass
    graph = tmp_path / "e.graphml"
    gexf = tmp_path / "e.gexf"
    archive = tmp_path / "e.zip"
    for fmt, path in (("graphml", graph), ("gexf", gexf), ("csv", archive)):
        assert export(db, fmt, path).exit_code == 0
    assert read_graphml(graph).number_of_nodes() == 0
    assert read_gexf(gexf).number_of_nodes() == 0
    data = read_admin_csv(archive)
    assert data.nodes == [] and data.relationships == []
