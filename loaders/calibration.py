"""Relation confidence learned from the hand annotations: a small logistic model over how a fact
was found.

The rule extractor gives each relation a confidence that says which mechanism found it (`how`:
a frame trigger, a title, an apposition, the gazetteer, a visit role ...). `calibrate` replaces
it with the probability, learned from the gold annotations of ../shared/eval/gold, that a fact
found that way is right. The features (`features`) use only the relation itself (its type, `how`,
the rule's confidence, the names of its properties), the types of its two ends and the article's
language; the rule's confidence also enters as a prior (its logit) that the weights correct. So an
unseen value of `how` still gets a probability, from the rule's confidence and the coarser
features (the mechanism, the relation type, the types of the ends).

The weights are in `models/confidence.json`, written by `bench/train_confidence.py` (which also
measures the model by leave-articles-out cross-validation). Run time is a sum of weights and a
logistic function: pure Python and deterministic. Without the model file the rule confidences
are left as they are; `ucn extract --confidence rules` (FrameExtractor(confidence="rules"))
keeps them too.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

MODEL = Path(__file__).resolve().with_name("models") / "confidence.json"
BASE_STEPS = (0.4, 0.5, 0.6, 0.7, 0.8)  # "base>=x": lets unseen rule confidences interpolate


def features(relation: Mapping[str, Any], types: Mapping[str, str], lang: str) -> list[str]:
    """Sparse binary features of one relation, sorted: names of the features that are on.

    `types` maps entity ids to entity types; `lang` is the article's language."""
    rtype = str(relation.get("type") or "?")
    how = str(relation.get("how") or "?")
    mech = how.split(":", 1)[0]
    src = types.get(str(relation.get("source")), "?")
    tgt = types.get(str(relation.get("target")), "?")
    out = {
        f"type={rtype}",
        f"how={how}",
        f"mech={mech}",
        f"type+mech={rtype}|{mech}",
        f"src={src}",
        f"tgt={tgt}",
        f"type+src+tgt={rtype}|{src}|{tgt}",
        f"lang={lang or '?'}",
        f"lang+mech={lang or '?'}|{mech}",
    }
    confidence = relation.get("confidence")
    if isinstance(confidence, int | float) and not isinstance(confidence, bool):
        out.add(f"base={round(float(confidence) * 20) / 20:g}")
        out.update(f"base>={step:g}" for step in BASE_STEPS if confidence >= step - 1e-9)
    else:
        out.add("base=none")
    out.update(f"prop={key}" for key in (relation.get("properties") or {}))
    if relation.get("source") == relation.get("target"):
        out.add("self")
    return sorted(out)


def prior(relation: Mapping[str, Any]) -> float:
    """The logit of the rule's confidence (clipped to [0.01, 0.99]); 0 when it has none."""
    confidence = relation.get("confidence")
    if not isinstance(confidence, int | float) or isinstance(confidence, bool):
        return 0.0
    c = min(max(float(confidence), 0.01), 0.99)
    return math.log(c / (1 - c))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Calibrator:
    """A logistic model: sigmoid(bias + scale * prior + the weights of the features on).

    The rule's confidence enters as a prior (its logit, times `scale`) that the feature weights
    correct, so a way of finding facts that the training never saw keeps about the rule's value.
    Unknown features weigh 0."""

    def __init__(self, path: Path = MODEL) -> None:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        self.bias = float(data.get("bias", 0.0))
        self.scale = float(data.get("scale", 0.0))
        self.weights = {str(k): float(v) for k, v in (data.get("weights") or {}).items()}

    @classmethod
    def from_weights(cls, bias: float, scale: float, weights: Mapping[str, float]) -> Calibrator:
        model = cls.__new__(cls)
        model.bias, model.scale, model.weights = float(bias), float(scale), dict(weights)
        return model

    def score(self, names: Iterable[str], prior: float = 0.0) -> float:
        """The probability for the names of the features on and the prior."""
        total = self.bias + self.scale * prior
        return sigmoid(total + sum(self.weights.get(name, 0.0) for name in names))

    def probability(
        self, relation: Mapping[str, Any], types: Mapping[str, str], lang: str
    ) -> float:
        """The probability that the relation is right, in (0, 1)."""
        return self.score(features(relation, types, lang), prior(relation))


@cache
def load_calibrator(path: Path = MODEL) -> Calibrator | None:
    """The model in `path`, read once; None when there is no such file."""
    if not Path(path).is_file():
        return None
    return Calibrator(path)


def calibrate(document: dict[str, Any], path: Path = MODEL) -> dict[str, Any]:
    """The document with each relation's confidence set to the model's probability (2 decimals).

    The input is not changed. Without a model file in `path` the document itself is
    returned."""
    model = load_calibrator(Path(path))
    if model is None or not document.get("relations"):
        return document
    types = {
        str(e.get("id")): str(e.get("type")) for e in document.get("entities") or [] if "id" in e
    }
    lang = str((document.get("article") or {}).get("lang") or "")
    relations = [
        {**r, "confidence": round(model.probability(r, types, lang), 2)}
        for r in document["relations"]
    ]
    return {**document, "relations": relations}
