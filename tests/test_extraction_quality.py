"""Extraction quality on the hand-annotated articles of ../shared: scores must stay above floors.

The scores are those of `bench/score_folds.py` (and of ../shared/eval/score.py, whose functions
it uses), computed in-process on the documents of `extract_inputs`. FLOORS are the scores measured
when this test was written minus 0.03, rounded down: raise them when the extractor gets better.
Skipped when ../shared/eval or a corpus folder is not here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ucn.graph import UcnError
from ucn.loaders import extract_inputs

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL = SHARED / "eval"

FLOORS: dict[str, dict[str, float]] = {
    "seeds": {"entities_f1": 0.90, "relations_p": 0.74, "relations_f1": 0.77},
    "dev": {"entities_f1": 0.82, "relations_p": 0.70, "relations_f1": 0.61},
    "dev-en": {"entities_f1": 0.90, "relations_p": 0.86, "relations_f1": 0.72},
}
CONFIDENT = 0.7  # facts at or above this confidence must be at least as precise as all facts
TOLERANCE = 0.02


def need(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"{path} is not here (the shared evaluation data, ../shared from the repo)")
    return path


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_folds", ROOT / "bench" / "score_folds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer(bench: ModuleType) -> ModuleType:
    return bench.load_scorer(need(EVAL) / "score.py")


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict[str, Any]]:
    """Documents by file name, per set; each set extracted once, when first asked for."""
    return {}


def documents(bench: ModuleType, cache: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    if name not in cache:
        folder = need(SHARED / "corpus" / name)
        results = list(extract_inputs([str(folder)]))
        errors = [str(r) for r in results if isinstance(r, UcnError)]
        assert not errors, f"extraction failed on {name}: {errors}"
        cache[name] = bench.by_file_name([r for r in results if not isinstance(r, UcnError)])
    return cache[name]


@pytest.mark.parametrize("name", list(FLOORS))
def test_scores_stay_above_floors(
    name: str, bench: ModuleType, scorer: ModuleType, extracted: dict[str, dict[str, Any]]
) -> None:
    docs = documents(bench, extracted, name)
    result = bench.score_docs(scorer, bench.load_gold(SHARED, name), docs)
    measured = {
        "entities_f1": result["entities"]["f1"],
        "relations_p": result["relations"]["p"],
        "relations_f1": result["relations"]["f1"],
    }
    below = {k: round(v, 3) for k, v in measured.items() if v < FLOORS[name][k]}
    assert not below, f"{name}: below the floors {FLOORS[name]}: {below} (all: {measured})"


def test_confident_facts_are_more_precise(
    bench: ModuleType, scorer: ModuleType, extracted: dict[str, dict[str, Any]]
) -> None:
    gold: dict[str, Any] = {}
    docs: dict[str, Any] = {}
    for name in ("dev", "dev-en"):
        found = documents(bench, extracted, name)
        for article, annotation in bench.load_gold(SHARED, name).items():
            gold[f"{name}/{article}"] = annotation
            if article in found:
                docs[f"{name}/{article}"] = found[article]
    every = bench.score_docs(scorer, gold, docs)
    confident = bench.score_docs(scorer, gold, docs, threshold=CONFIDENT)
    assert confident["kept"] > 0, f"no relation has confidence >= {CONFIDENT}"
    p_all, p_conf = every["relations"]["p"], confident["relations"]["p"]
    assert p_conf >= p_all - TOLERANCE, (
        f"relations with confidence >= {CONFIDENT}: P={p_conf:.3f} ({confident['kept']} kept), "
        f"below all relations: P={p_all:.3f} ({every['kept']})"
    )
