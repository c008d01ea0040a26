"""The embedded store writes a batch by statements (every table small) or by COPY FROM (once
one table is large, every table of the batch); whichever it takes, the stored graph is the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ucn.graph import parse_document
from ucn.graph.batch import Batch
from ucn.graph.ladybug_store import LadybugStore


def _doc(article: str, orgs: range, partners: bool, alias: str) -> dict[str, Any]:
    return {
        "article": {"id": article, "title": article, "date": "2023-05-06", "lang": "en"},
        "entities": [
            {"id": "city/hue", "type": "City", "name": "Huế", "aliases": [f"Hue {alias}"]},
            *(
                {
                    "id": f"organization/o{i}",
                    "type": "Organization",
                    "name": f"Institute {i}",
                    "aliases": [f"I{i}{alias}"],
                }
                for i in orgs
            ),
        ],
        "relations": [
            *(
                {
                    "type": "LOCATED_IN",
                    "source": f"organization/o{i}",
                    "target": "city/hue",
                    "evidence": f"Institute {i} is based in Huế ({article}).",
                    "confidence": 0.9,
                }
                for i in orgs
            ),
            *(
                [
                    {
                        "type": "PARTNER_OF",
                        "source": f"organization/o{orgs[0]}",
                        "target": f"organization/o{orgs[1]}",
                        "evidence": f"The first two institutes work together ({article}).",
                        "confidence": 0.7,
                    }
                ]
                if partners
                else []
            ),
        ],
    }


# The second article restates facts of the first (sources and aliases grow: updates) and adds
# new nodes and facts (inserts); its partnership is a table of one row beside larger ones.
DOCS = [
    _doc("a/1", range(0, 8), partners=True, alias="one"),
    _doc("a/2", range(4, 12), partners=True, alias="two"),
]


def _graph(store: LadybugStore) -> tuple[list[Any], list[Any]]:
    graph = store.to_networkx()
    nodes = sorted((n, sorted(d.items())) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True))
    return nodes, edges


@pytest.mark.parametrize(
    "small_rows",
    [
        pytest.param(10_000, id="statements"),
        pytest.param(4, id="one-table-large"),
        pytest.param(0, id="copy"),
    ],
)
def test_every_write_path_stores_the_same_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_rows: int
) -> None:
    reference = LadybugStore(tmp_path / "reference.db")
    for doc in DOCS:
        reference.write(Batch.of([parse_document(doc)]))
    expected = _graph(reference)
    reference.close()

    monkeypatch.setattr(LadybugStore, "SMALL_ROWS", small_rows)
    store = LadybugStore(tmp_path / "other.db")
    results = [store.write(Batch.of([parse_document(doc)])) for doc in DOCS]
    assert results[1].nodes_updated > 0 and results[1].relations_updated > 0
    assert results[1].nodes_created > 0 and results[1].relations_created > 0
    assert _graph(store) == expected
    again = store.write(Batch.of([parse_document(doc) for doc in DOCS]))
    assert (again.nodes_created, again.nodes_updated) == (0, 0)
    assert (again.relations_created, again.relations_updated) == (0, 0)
    assert _graph(store) == expected
    store.close()
