"""Loading many documents: batching does not change the graph, and bad inputs are isolated."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ucn.graph import open_store
from ucn.graph.errors import UcnError
from ucn.loaders import batched, load_paths, read_document
from ucn.loaders.load import iter_documents

from conftest import ROOT, document, write_json

SAMPLES = ROOT / "samples" / "documents"


def graph_after_loading(db: Path, paths: list[Path], batch_rows: int) -> nx.MultiDiGraph:
    with open_store(db=db) as store:
        report = load_paths(store, paths, batch_rows=batch_rows)
        assert report.ok, report.failures
        return store.to_networkx()


def test_batch_size_does_not_change_the_graph(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(4):
        write_json(folder / f"d{i}.json", document(f"a{i}"))
    paths = [SAMPLES, folder]
    one_by_one = graph_after_loading(tmp_path / "one.db", paths, batch_rows=1)
    all_at_once = graph_after_loading(tmp_path / "all.db", paths, batch_rows=10**6)
    assert nx.utils.graphs_equal(one_by_one, all_at_once)
    assert one_by_one.number_of_nodes() > 20


def test_batches_are_sized_by_rows() -> None:
    docs = [read_document(p) for p in sorted(SAMPLES.glob("*.json"))]
    groups = list(batched(docs, batch_rows=1))
    assert [len(g) for g in groups] == [1] * len(docs)
    assert [len(g) for g in batched(docs, batch_rows=10**6)] == [len(docs)]


def test_bad_inputs_are_reported_and_skipped(tmp_path: Path) -> None:
    write_json(tmp_path / "good.json", document("good"))
    write_json(tmp_path / "bad.json", {"article": {"id": "bad"}, "entities": "none"})
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "binary.json").write_bytes(bytes(range(256)))
    with open_store(db=tmp_path / "g.db") as store:
        seen: list[tuple[str, str | None]] = []
        report = load_paths(store, [tmp_path], on_input=lambda o, e: seen.append((o, e)))
        assert report.loaded == 1
        failed = {Path(origin).name: message for origin, message in report.failures}
        assert set(failed) == {"bad.json", "empty.json", "binary.json"}
        assert "entities: must be a list" in failed["bad.json"]
        assert "empty.json: empty" in failed["empty.json"]
        assert "binary.json: binary data, not text" in failed["binary.json"]
        assert sorted(Path(o).name for o, e in seen if e is None) == ["good.json"]
        assert store.run("MATCH (a:Article) RETURN a.id AS id") == [{"id": "good"}]


def test_workers_give_the_same_documents_in_the_same_order(tmp_path: Path) -> None:
    """Files are read and extracted by the workers, JSON records in chunks; the order and the
    errors are those of one process."""
    articles = ROOT / "samples" / "articles"
    records = tmp_path / "records.jsonl"
    records.write_text(
        "\n".join(
            f'{{"title": "Tin {i}", "text": "Năm 2017, Đà Nẵng gia nhập CityNet ({i})."}}'
            for i in range(70)
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    inputs = [SAMPLES, articles, records, tmp_path / "empty.txt"]

    def run(workers: int) -> list[tuple[str, str]]:
        return [
            (origin, str(r) if isinstance(r, UcnError) else r.article.id)
            for origin, r in iter_documents(inputs, workers=workers)
        ]

    one, two = run(1), run(2)
    assert one == two
    assert len(one) == 3 + 5 + 71 + 1
    errors = [message for _, message in one if ":" in message and "/" in message]
    assert any("records.jsonl:line 71" in e for e in errors)
    assert any("empty.txt" in e for e in errors)


def test_ucn_load_workers_option_reaches_the_loader(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ucn.cli import main

    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(
        main, ["--db", db, "load", "--workers", "2", str(ROOT / "samples" / "articles")]
    )
    assert result.exit_code == 0, result.output
    assert "loaded 5 documents" in result.output
