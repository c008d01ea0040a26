"""The learned relation confidence (`ucn.loaders.calibration`): features, model, calibrate().

All but the last test are hermetic (hand-made relations, tiny models in temp files). The last one
runs the leave-articles-out cross-validation of bench/train_confidence.py on ../shared and is
skipped when the shared evaluation data is not here.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ucn.loaders.calibration import (
    MODEL,
    Calibrator,
    calibrate,
    features,
    load_calibrator,
    prior,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"

TYPES = {"city/da-nang": "City", "event/hoi-nghi-2024": "Event", "person/nguyen-van-a": "Person"}
HOSTED: dict[str, Any] = {
    "type": "HOSTED",
    "source": "city/da-nang",
    "target": "event/hoi-nghi-2024",
    "properties": {"role": "host"},
    "evidence": "Đà Nẵng đăng cai hội nghị.",
    "confidence": 0.6,
    "how": "frame:đăng cai",
}


def document() -> dict[str, Any]:
    works = {
        "type": "WORKS_FOR",
        "source": "person/nguyen-van-a",
        "target": "city/da-nang",
        "properties": {"title": "Chủ tịch"},
        "evidence": "Chủ tịch UBND TP Đà Nẵng Nguyễn Văn A",
        "confidence": 0.7,
        "how": "title:before",
    }
    return {
        "article": {"id": "article/1", "lang": "vi", "source": "fixture.txt"},
        "entities": [{"id": k, "type": v, "name": k, "aliases": []} for k, v in TYPES.items()],
        "relations": [copy.deepcopy(HOSTED), works],
    }


def write_model(path: Path, bias: float, scale: float, weights: dict[str, float]) -> Path:
    path.write_text(json.dumps({"bias": bias, "scale": scale, "weights": weights}), "utf-8")
    return path


def test_features_of_a_relation() -> None:
    names = features(HOSTED, TYPES, "vi")
    assert names == sorted(set(names))
    for name in (
        "type=HOSTED",
        "how=frame:đăng cai",
        "mech=frame",
        "type+mech=HOSTED|frame",
        "src=City",
        "tgt=Event",
        "type+src+tgt=HOSTED|City|Event",
        "lang=vi",
        "lang+mech=vi|frame",
        "base=0.6",
        "base>=0.6",
        "prop=role",
    ):
        assert name in names
    assert "base>=0.7" not in names
    assert features(HOSTED, TYPES, "vi") == names  # deterministic


def test_features_of_a_bare_relation() -> None:
    names = features({"type": "PARTNER_OF", "source": "x", "target": "x"}, {}, "")
    assert {"how=?", "src=?", "tgt=?", "base=none", "lang=?", "self"} <= set(names)
    assert prior({"type": "PARTNER_OF"}) == 0.0
    assert prior({"confidence": 0.5}) == 0.0
    assert prior({"confidence": 0.75}) == pytest.approx(math.log(3))


def test_probability_in_range_and_deterministic() -> None:
    model = Calibrator.from_weights(-0.2, 1.1, {"how=frame:đăng cai": 0.8, "src=City": -0.3})
    p = model.probability(HOSTED, TYPES, "vi")
    assert 0.0 < p < 1.0
    assert model.probability(HOSTED, TYPES, "vi") == p
    z = -0.2 + 1.1 * math.log(0.6 / 0.4) + 0.8 - 0.3
    assert p == pytest.approx(1 / (1 + math.exp(-z)))
    assert Calibrator.from_weights(0.0, 0.0, {"type=HOSTED": -800.0}).score(["type=HOSTED"]) >= 0


def test_an_unknown_feature_changes_nothing() -> None:
    model = Calibrator.from_weights(0.3, 1.0, {"type=HOSTED": 0.5})
    names = features(HOSTED, TYPES, "vi")
    assert model.score([*names, "how=never seen"], 0.4) == model.score(names, 0.4)
    unseen = {**HOSTED, "how": "frame:never seen"}
    assert model.probability(unseen, TYPES, "vi") == model.probability(HOSTED, TYPES, "vi")


def test_calibrate_sets_the_confidences(tmp_path: Path) -> None:
    path = write_model(tmp_path / "model.json", 0.1, 1.0, {"type=WORKS_FOR": 2.0, "mech=frame": -1})
    doc = document()
    before = copy.deepcopy(doc)
    out = calibrate(doc, path)
    assert doc == before  # the input is not changed
    assert [r["confidence"] for r in out["relations"]] == [
        round(1 / (1 + math.exp(-(0.1 + math.log(0.6 / 0.4) - 1))), 2),
        round(1 / (1 + math.exp(-(0.1 + math.log(0.7 / 0.3) + 2.0))), 2),
    ]
    for old, new in zip(doc["relations"], out["relations"], strict=True):
        assert {k: v for k, v in new.items() if k != "confidence"} == {
            k: v for k, v in old.items() if k != "confidence"
        }
    assert out["entities"] == doc["entities"] and out["article"] == doc["article"]
    assert calibrate(doc, path) == out  # deterministic


def test_calibrate_without_a_model_leaves_the_document(tmp_path: Path) -> None:
    doc = document()
    assert load_calibrator(tmp_path / "missing.json") is None
    assert calibrate(doc, tmp_path / "missing.json") is doc


def test_the_committed_model_is_small_and_loads() -> None:
    if not MODEL.is_file():
        pytest.skip(f"{MODEL} is not written yet (python bench/train_confidence.py)")
    assert MODEL.stat().st_size < 16_000
    model = load_calibrator(MODEL)
    assert model is not None and model.weights
    assert all(abs(w) >= 1e-3 for w in model.weights.values())
    out = calibrate(document())
    assert all(0.0 <= r["confidence"] <= 1.0 for r in out["relations"])


def load_trainer() -> ModuleType:
    path = ROOT / "bench" / "train_confidence.py"
    spec = importlib.util.spec_from_file_location("train_confidence", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cross_validated_probabilities_are_better_calibrated_than_the_rules() -> None:
    """Leave-articles-out CV on the gold articles: a lower Brier score than the rule confidences."""
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"{SHARED / 'eval'} is not here (the shared evaluation data, ../shared)")
    ucn = Path(sys.executable).with_name("ucn")
    if not ucn.exists():
        pytest.skip(f"no ucn CLI at {ucn}")
    trainer = load_trainer()
    scorer = trainer.folds_bench.load_scorer(SHARED / "eval" / "score.py")
    articles = trainer.collect(SHARED, str(ucn), scorer)
    assert len(articles) == 31 and sum(len(a.labels) for a in articles) > 100
    result = trainer.evaluate(scorer, articles, trainer.cross_validate(articles))
    overall = result["all"]
    assert overall["calibrated"]["brier"] < overall["rule"]["brier"]
    assert overall["calibrated"]["log_loss"] < overall["rule"]["log_loss"]
    assert overall["calibrated"]["curve"][0] == overall["rule"]["curve"][0]  # threshold 0: same
