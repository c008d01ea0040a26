"""Query results as tables: rows that know their columns, pandas DataFrames, Arrow and Parquet,
the node and relation tables, and lists in CSV cells. Real stores, real files."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import ucn
from ucn.cli import main
from ucn.graph import GraphStore, MissingDependencyError, Rows, UcnError, open_store
from ucn.loaders.load import load_paths
from ucn.queries.library import run_named

from conftest import ROOT

SAMPLE_DOCUMENTS = ROOT / "samples" / "documents"
MEMBERS_COLUMNS = ["member", "type", "role", "since", "articles", "member_id"]


@pytest.fixture
def samples(store: GraphStore) -> GraphStore:
    """The store (embedded, and Neo4j when NEO4J_URI is set) with the sample documents."""
    report = load_paths(store, [SAMPLE_DOCUMENTS])
    assert report.ok and report.loaded == 3
    return store


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("tables") / "ucn.db"
    with open_store(db) as store:
        load_paths(store, [SAMPLE_DOCUMENTS])
    return str(db)


def test_rows_are_still_a_list_of_dicts_and_know_their_columns(samples: GraphStore) -> None:
    rows = samples.run(
        "MATCH (c:City)-[m:MEMBER_OF]->(n:Network {name: 'CityNet'}) "
        "RETURN c.name AS city, m.since AS since, c.aliases AS aliases"
    )
    assert isinstance(rows, list) and isinstance(rows, Rows)
    assert rows == [
        {"city": "Đà Nẵng", "since": "2005-10-11", "aliases": ["Da Nang", "TP Đà Nẵng"]}
    ]
    assert rows.columns == ["city", "since", "aliases"]
    assert json.loads(json.dumps(rows)) == list(rows)  # serialises as the plain list it was
    none = samples.run("MATCH (c:City {name: 'Atlantis'}) RETURN c.name AS city, c.id AS id")
    assert none == [] and none.columns == ["city", "id"]


def test_a_named_query_as_a_dataframe(samples: GraphStore) -> None:
    result = run_named(samples, "members-of", {"network": "citynet"})
    frame = result.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert frame.columns.tolist() == MEMBERS_COLUMNS
    assert frame.member.tolist() == ["Đà Nẵng", "Học viện Cán bộ quản lý xây dựng và đô thị"]
    assert frame.since.tolist() == ["2005-10-11", "2017"]  # dates stay ISO text
    assert frame.articles.tolist() == [1, 2] and frame.articles.dtype.kind == "i"
    assert frame.to_dict("records") == result.rows


def test_an_empty_result_is_a_frame_with_the_columns(samples: GraphStore) -> None:
    frame = run_named(samples, "networks-of", {"entity": "Colombo"}).to_pandas()
    assert frame.empty
    assert frame.columns.tolist()[:3] == ["network", "type", "role"]


def test_lists_stay_lists_in_a_dataframe(samples: GraphStore) -> None:
    frame = samples.run(
        "MATCH (c:City {id: 'city/ha-noi'}) RETURN c.name AS name, c.aliases AS aliases"
    ).to_pandas()
    assert frame.aliases[0] == ["Thành phố Hà Nội", "Hanoi", "Ha Noi"]
    assert frame.explode("aliases").aliases.tolist() == ["Thành phố Hà Nội", "Hanoi", "Ha Noi"]


def test_node_tables(samples: GraphStore) -> None:
    cities = samples.nodes("City")
    assert cities.columns[:3] == ["id", "name", "aliases"]
    assert "country" in cities.columns and "betweenness" in cities.columns
    assert not {"provenance", "keys"} & set(cities.columns)  # the store's bookkeeping stays in
    frame = cities.to_pandas()
    assert frame.id.tolist() == sorted(frame.id)  # id order
    hanoi = frame.set_index("id").loc["city/ha-noi"]
    assert hanoi["name"] == "Hà Nội" and hanoi["country"] == "VN"
    assert "sample/ascn-2018" in hanoi["sources"]
    every = samples.nodes().to_pandas()
    assert every.columns[0] == "label"
    assert every.label.value_counts()["City"] == len(frame)
    assert set(every.label) >= {"City", "Network", "Article", "Event"}
    with pytest.raises(UcnError, match="no label 'Town'"):
        samples.nodes("Town")


def test_relation_tables(samples: GraphStore) -> None:
    members = samples.relations("MEMBER_OF").to_pandas()
    assert members.columns.tolist()[:4] == ["source", "source_label", "target", "target_label"]
    assert {"sources", "evidence", "confidences", "confidence", "since", "role"} <= set(
        members.columns
    )
    da_nang = members[(members.source == "city/da-nang") & (members.target == "network/citynet")]
    row = da_nang.iloc[0]
    assert (row.source_label, row.target_label, row.since, row.role) == (
        "City",
        "Network",
        "2005-10-11",
        "full",
    )
    assert row.sources == ["sample/citynet-vietnam"] and len(row.evidence) == 1
    every = samples.relations().to_pandas()
    assert every.columns[0] == "type"
    assert (every.type == "MEMBER_OF").sum() == len(members)
    assert (every.type == "MENTIONS").sum() > 0
    with pytest.raises(UcnError, match="no relation type 'LIKES'"):
        samples.relations("LIKES")


def test_without_pandas_one_error_names_the_extra(
    samples: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now fails
    result = run_named(samples, "members-of", {"network": "CityNet"})
    with pytest.raises(MissingDependencyError) as caught:
        result.to_pandas()
    assert "pip install 'ucn[pandas]'" in str(caught.value)
    assert isinstance(caught.value, ImportError)  # `except ImportError` catches it too
    with pytest.raises(ImportError, match=r"ucn\[pandas\]"):
        samples.nodes("City").to_pandas()
    # Arrow and Parquet need only pyarrow
    assert result.to_arrow().num_rows == 2


def test_arrow_types_and_what_no_one_type_holds() -> None:
    rows = Rows(
        [
            {"n": 1, "x": "a", "tags": ["p", "q"], "node": {"_label": "City"}, "e": {}},
            {"n": 2, "x": 3, "tags": [], "node": {"_label": "City", "id": "c/2"}, "e": {}},
        ]
    )
    table = rows.to_arrow()
    assert str(table.schema.field("n").type) == "int64"
    assert str(table.schema.field("tags").type) == "list<item: string>"
    assert table.schema.field("node").type.num_fields == 2  # a node: a struct of its properties
    # text beside a number, or an empty struct (Parquet has none), become JSON text
    assert table.column("x").to_pylist() == ['"a"', "3"]
    assert table.column("e").to_pylist() == ["{}", "{}"]
    assert Rows([], ["a", "b"]).to_arrow().column_names == ["a", "b"]


def test_query_to_parquet(sample_db: str, tmp_path: Path) -> None:
    members = ["--db", sample_db, "query", "--name", "members-of", "-p", "network=CityNet"]
    out = tmp_path / "members.parquet"
    result = CliRunner().invoke(
        main,
        [*members, "--format", "parquet", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == f"wrote {out}: 2 rows"
    assert result.stdout == ""
    table = pq.read_table(out)
    assert table.column_names == MEMBERS_COLUMNS
    assert str(table.schema.field("articles").type) == "int64"
    meta = table.schema.metadata
    assert meta[b"ucn.query"] == b"members-of"
    assert json.loads(meta[b"ucn.params"])["network"] == "network/citynet"
    frame = pd.read_parquet(out)
    assert frame.member.tolist() == ["Đà Nẵng", "Học viện Cán bộ quản lý xây dựng và đô thị"]


def test_cypher_to_parquet_keeps_lists(sample_db: str, tmp_path: Path) -> None:
    out = tmp_path / "cities.parquet"
    cypher = "MATCH (c:City) RETURN c.name AS name, c.aliases AS aliases ORDER BY c.id"
    result = CliRunner().invoke(
        main, ["--db", sample_db, "query", cypher, "--format", "parquet", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    aliases = table.schema.field("aliases").type
    assert pa.types.is_list(aliases) and pa.types.is_string(aliases.value_type)
    rows = table.to_pylist()
    assert {"name": "Hà Nội", "aliases": ["Thành phố Hà Nội", "Hanoi", "Ha Noi"]} in rows
    assert table.schema.metadata[b"ucn.cypher"] == cypher.encode()


def test_parquet_wants_a_file_on_a_terminal(sample_db: str, tmp_path: Path) -> None:
    # CliRunner's stdout is no terminal, so `-o -` (the default) streams the file
    piped = CliRunner().invoke(
        main, ["--db", sample_db, "query", "RETURN 1 AS one", "--format", "parquet"]
    )
    assert piped.exit_code == 0
    assert piped.stdout_bytes.startswith(b"PAR1")
    (tmp_path / "p.parquet").write_bytes(piped.stdout_bytes)
    assert pq.read_table(tmp_path / "p.parquet").to_pylist() == [{"one": 1}]


def test_text_formats_to_a_file(sample_db: str, tmp_path: Path) -> None:
    members = ["--db", sample_db, "query", "--name", "members-of", "-p", "network=CityNet"]
    out = tmp_path / "members.csv"
    result = CliRunner().invoke(
        main,
        [*members, "--format", "csv", "-o", str(out)],
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert pd.read_csv(out).member.tolist()[0] == "Đà Nẵng"


def test_csv_and_table_join_lists_json_keeps_them(sample_db: str) -> None:
    cypher = "MATCH (c:City {id: 'city/ha-noi'}) RETURN c.name AS name, c.aliases AS aliases"

    def run(fmt: str) -> str:
        result = CliRunner().invoke(main, ["--db", sample_db, "query", cypher, "--format", fmt])
        assert result.exit_code == 0, result.output
        return result.stdout

    assert run("csv") == "name,aliases\nHà Nội,Thành phố Hà Nội; Hanoi; Ha Noi\n"
    assert run("table").splitlines()[2] == "Hà Nội | Thành phố Hà Nội; Hanoi; Ha Noi"
    assert json.loads(run("json"))[0]["aliases"] == ["Thành phố Hà Nội", "Hanoi", "Ha Noi"]
    # nested values (a whole node) stay JSON in a cell
    whole = "MATCH (c:City {id: 'city/ha-noi'}) RETURN c"
    node = CliRunner().invoke(main, ["--db", sample_db, "query", whole, "--format", "csv"])
    header, row = csv.reader(io.StringIO(node.stdout))
    assert header == ["c"] and json.loads(row[0])["name"] == "Hà Nội"


def test_top_level_names() -> None:
    assert ucn.Rows is Rows
    assert "Rows" in dir(ucn)
