"""Learn the relation confidence of `ucn.loaders.calibration` from the hand annotations.

    python bench/train_confidence.py [--shared ../shared] [--ucn PATH] [--l2 X] [--write/--no-write]

Runs `ucn extract --confidence rules` once over each article folder of ../shared/corpus (seeds,
dev, dev-en), so the facts keep the rule confidences and the training is not circular.
Each predicted relation is labelled right or wrong with ../shared/eval/score.py's own matching:
it is right when the document reduced to that one relation scores a true positive for precision
(it matches a gold relation, core or optional). An L2-regularised logistic regression is fitted:
sigmoid(bias + scale * logit(rule confidence) + weights of `calibration.features`), the rule's
confidence a prior that the feature weights correct (bias and scale are not penalised; features
on in fewer than MIN_COUNT training facts get no weight). The fit is cyclic coordinate descent
(Newton steps with backtracking, features in sorted order, at most SWEEPS sweeps): pure Python
and deterministic. L2 = 8 was chosen from 2, 4, 8, 16 on this same cross-validation.

It is measured by leave-articles-out cross-validation: the 31 articles, sorted by file name, go to
FOLDS folds in turn, and each article's relations are scored by a model trained without its fold.
Printed, per language (vi = seeds + dev, en = dev-en) and overall: relation P/R/F1 exactly as
score.py counts them when the relations below a threshold are dropped, for the rule confidences
and the cross-validated probabilities (rounded to 2 decimals, as `calibrate` writes them); the
Brier score and log-loss of both; a reliability table; and the threshold with the best
cross-validated relation F1 overall. Then a model is trained on all the articles and, unless
--no-write, written to loaders/models/confidence.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
SETS = ("seeds", "dev", "dev-en")
LANGS = {"vi": ("seeds", "dev"), "en": ("dev-en",), "all": SETS}
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
FOLDS = 5
L2 = 8.0  # penalty (lambda / 2) * |w|^2 on the summed log-loss; the bias is not penalised
SWEEPS = 500  # at most; it stops when no step is larger than TOLERANCE
TOLERANCE = 1e-6
BIAS, SCALE = " bias", " scale"  # coordinate names no feature has
PRIOR = True  # the rule's confidence as a prior that the features correct
MIN_COUNT = 3  # a feature on in fewer training facts gets no weight (keeps the model small)
PRUNE = 1e-3  # weights smaller than this are not written
EPS = 0.005  # probabilities are clipped to [EPS, 1 - EPS] for the log-loss


def load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


folds_bench = load_module("score_folds", ROOT / "bench" / "score_folds.py")
# the file itself, not ucn.loaders: its features and its model, without the extractor's modules
calibration = load_module("ucn_calibration", ROOT / "loaders" / "calibration.py")


class Article(NamedTuple):  # a NamedTuple: this file is imported by path, outside sys.modules
    set: str
    name: str
    lang: str
    gold: dict[str, Any]
    doc: dict[str, Any]
    labels: list[bool]  # one per relation of doc
    features: list[list[str]]  # one per relation of doc

    @property
    def key(self) -> str:
        return f"{self.set}/{self.name}"


def run_extract(ucn: str, folder: Path) -> dict[str, dict[str, Any]]:
    """One `ucn extract FOLDER` with the rule confidences; documents by file name."""
    run = subprocess.run(
        [ucn, "extract", "--confidence", "rules", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        print(f"warning: ucn extract {folder}: {run.stderr.strip()[-300:]}", file=sys.stderr)
    documents = [json.loads(text) for text in filter(str.strip, run.stdout.splitlines())]
    return folds_bench.by_file_name(documents)


def labels(scorer: ModuleType, gold: dict[str, Any], doc: dict[str, Any]) -> list[bool]:
    """Per relation: does it match a gold relation (core or optional), as score.py matches?"""
    out = []
    for relation in doc.get("relations", []):
        _, rel = scorer.score_article(gold, {**doc, "relations": [relation]})
        out.append(rel["tp_precision"] == 1)
    return out


def collect(shared: Path, ucn: str, scorer: ModuleType) -> list[Article]:
    """Every gold article with its extraction, labels and features, sorted by file name."""
    articles = []
    for name in SETS:
        gold = folds_bench.load_gold(shared, name)
        docs = run_extract(ucn, shared / "corpus" / name)
        for file_name, gold_article in gold.items():
            doc = docs.get(file_name) or {"entities": [], "relations": []}
            lang = str((doc.get("article") or {}).get("lang") or gold_article.get("lang") or "")
            types = {str(e.get("id")): str(e.get("type")) for e in doc.get("entities", [])}
            feats = [calibration.features(r, types, lang) for r in doc.get("relations", [])]
            labelled = labels(scorer, gold_article, doc)
            articles.append(Article(name, file_name, lang, gold_article, doc, labelled, feats))
    return sorted(articles, key=lambda a: (a.name, a.set))


def train(
    rows: Sequence[list[str]],
    priors: Sequence[float] | None,
    ys: Sequence[bool],
    l2: float = L2,
    sweeps: int = SWEEPS,
) -> tuple[float, float, dict[str, float]]:
    """(bias, scale, weights) of the logistic model bias + scale * prior + sum of the weights on,
    minimising the summed log-loss + l2/2 |weights|^2 by cyclic coordinate descent (bias and
    scale are not penalised; without priors the scale stays 0).

    Only the features on in at least MIN_COUNT of these rows get a weight."""
    column: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        for f in sorted(set(row)):
            column.setdefault(f, []).append(i)
    vocab = sorted(f for f, idx in column.items() if len(idx) >= MIN_COUNT)
    y = [1.0 if v else 0.0 for v in ys]
    z = [0.0] * len(rows)
    every = list(range(len(rows)))
    # (name, rows it is on in, its value in each of them, penalty)
    coords: list[tuple[str, list[int], list[float], float]] = [
        (BIAS, every, [1.0] * len(rows), 0.0)
    ]
    mean = sum(priors) / len(priors) if priors else 0.0  # centred, the scale converges faster
    if priors is not None:
        coords.append((SCALE, every, [float(v) - mean for v in priors], 0.0))
    coords += [(f, column[f], [1.0] * len(column[f]), l2) for f in vocab]
    theta = {name: 0.0 for name, *_ in coords}

    def part(idx: list[int], xs: list[float], delta: float, w: float, penalty: float) -> float:
        """The objective's terms that change with this coordinate, after a step of delta."""
        loss = 0.0
        for i, x in zip(idx, xs, strict=True):
            m = z[i] + delta * x
            loss += math.log1p(math.exp(-abs(m))) + max(m, 0.0) - y[i] * m
        return loss + penalty / 2 * (w + delta) ** 2

    for _ in range(sweeps):
        largest = 0.0
        for name, idx, xs, penalty in coords:
            w = theta[name]
            ps = [calibration.sigmoid(z[i]) for i in idx]
            grad = penalty * w
            hess = penalty + 1e-12
            for p, i, x in zip(ps, idx, xs, strict=True):
                grad += (p - y[i]) * x
                hess += p * (1 - p) * x * x
            delta = -grad / hess
            before = part(idx, xs, 0.0, w, penalty)
            for _ in range(30):  # backtracking: every step lowers the objective
                if part(idx, xs, delta, w, penalty) <= before:
                    break
                delta /= 2
            else:
                delta = 0.0
            for i, x in zip(idx, xs, strict=True):
                z[i] += delta * x
            theta[name] = w + delta
            largest = max(largest, abs(delta))
        if largest < TOLERANCE:
            break
    bias, scale = theta.pop(BIAS), theta.pop(SCALE, 0.0)
    return bias - scale * mean, scale, theta


def fold_of(articles: Sequence[Article]) -> dict[str, int]:
    """Article key -> fold: sorted by file name, dealt to FOLDS folds in turn."""
    ordered = sorted(articles, key=lambda a: (a.name, a.set))
    return {a.key: i % FOLDS for i, a in enumerate(ordered)}


def fit(articles: Sequence[Article], l2: float = L2) -> calibration.Calibrator:
    rows = [f for a in articles for f in a.features]
    priors = [calibration.prior(r) for a in articles for r in a.doc.get("relations", [])]
    ys = [y for a in articles for y in a.labels]
    bias, scale, weights = train(rows, priors if PRIOR else None, ys, l2)
    return calibration.Calibrator.from_weights(bias, scale, weights)


def cross_validate(articles: Sequence[Article], l2: float = L2) -> dict[str, list[float]]:
    """Article key -> the probability of each relation, by a model trained without its fold."""
    folds = fold_of(articles)
    out: dict[str, list[float]] = {}
    for k in range(FOLDS):
        model = fit([a for a in articles if folds[a.key] != k], l2)
        for a in articles:
            if folds[a.key] == k:
                out[a.key] = [
                    model.score(f, calibration.prior(r))
                    for f, r in zip(a.features, a.doc.get("relations", []), strict=True)
                ]
    return out


def with_confidences(doc: dict[str, Any], probs: Sequence[float]) -> dict[str, Any]:
    relations = [
        {**r, "confidence": round(p, 2)}
        for r, p in zip(doc.get("relations", []), probs, strict=True)
    ]
    return {**doc, "relations": relations}


def rule_confidence(relation: dict[str, Any]) -> float:
    value = relation.get("confidence")
    return float(value) if isinstance(value, int | float) else 0.0


def evaluate(
    scorer: ModuleType, articles: Sequence[Article], cv: dict[str, list[float]]
) -> dict[str, Any]:
    """The curves (P/R/F1 per threshold), Brier and log-loss, per language, rule vs calibrated."""
    result: dict[str, Any] = {}
    for lang, sets in LANGS.items():
        chosen = [a for a in articles if a.set in sets]
        gold = {a.key: a.gold for a in chosen}
        docs = {
            "rule": {a.key: a.doc for a in chosen},
            "calibrated": {a.key: with_confidences(a.doc, cv[a.key]) for a in chosen},
        }
        ys = [y for a in chosen for y in a.labels]
        entry: dict[str, Any] = {"articles": len(chosen), "facts": len(ys), "right": sum(ys)}
        for kind, by_key in docs.items():
            probs = [rule_confidence(r) for a in chosen for r in by_key[a.key]["relations"]]
            curve = []
            for t in THRESHOLDS:
                s = folds_bench.score_docs(scorer, gold, by_key, threshold=t)
                curve.append({"threshold": t, "kept": s["kept"], **s["relations"]})
            entry[kind] = {
                "curve": curve,
                "brier": brier(probs, ys),
                "log_loss": log_loss(probs, ys),
            }
        result[lang] = entry
    return result


def brier(probs: Sequence[float], ys: Sequence[bool]) -> float:
    return sum((p - y) ** 2 for p, y in zip(probs, ys, strict=True)) / max(len(ys), 1)


def log_loss(probs: Sequence[float], ys: Sequence[bool]) -> float:
    total = 0.0
    for p, y in zip(probs, ys, strict=True):
        p = min(max(p, EPS), 1 - EPS)
        total -= math.log(p if y else 1 - p)
    return total / max(len(ys), 1)


def best_threshold(result: dict[str, Any]) -> float:
    """The threshold with the highest cross-validated relation F1 overall (the lowest if tied)."""
    curve = result["all"]["calibrated"]["curve"]
    return max(curve, key=lambda row: (round(row["f1"], 9), -row["threshold"]))["threshold"]


def reliability(articles: Sequence[Article], cv: dict[str, list[float]]) -> list[list[float]]:
    """[low, high, facts, mean probability, share right] per fifth of the probability range."""
    pairs = [(round(p, 2), y) for a in articles for p, y in zip(cv[a.key], a.labels, strict=True)]
    rows = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        hi = lo + 0.2
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (hi >= 1.0 and p >= lo)]
        if inside:
            n = len(inside)
            rows.append([lo, hi, n, sum(p for p, _ in inside) / n, sum(y for _, y in inside) / n])
    return rows


def cells(row: dict[str, Any]) -> str:
    return f"{row['kept']:>5} {row['p']:.3f} {row['r']:.3f} {row['f1']:.3f}"


def report(result: dict[str, Any], table: list[list[float]], threshold: float) -> None:
    for lang, entry in result.items():
        rule, cal = entry["rule"], entry["calibrated"]
        counts = f"{entry['articles']} articles, {entry['facts']} facts, {entry['right']} right"
        print(f"# {lang}: {counts}")
        print(
            "  threshold | rule:  kept   P     R     F1   | calibrated (CV): kept   P     R     F1"
        )
        for r, c in zip(rule["curve"], cal["curve"], strict=True):
            print(f"  {r['threshold']:>9.1f} | {cells(r):>28} | {cells(c):>34}")
        print(
            f"  Brier: rule {rule['brier']:.4f}, calibrated {cal['brier']:.4f}"
            f" | log-loss: rule {rule['log_loss']:.4f}, calibrated {cal['log_loss']:.4f}"
        )
    print("\n# reliability of the CV probabilities: range, facts, mean probability, share right")
    for lo, hi, n, mean, share in table:
        print(f"  [{lo:.1f}, {hi:.1f})  {int(n):>4}  {mean:.3f}  {share:.3f}")
    print(f"\nsuggested threshold (best CV relation F1 overall): {threshold:.1f}")


def model_json(
    articles: Sequence[Article],
    model: calibration.Calibrator,
    result: dict[str, Any],
    l2: float,
    threshold: float,
) -> str:
    """The model file: a header on a few lines, then one line per weight, keys sorted."""
    ys = [y for a in articles for y in a.labels]
    cv: dict[str, Any] = {"folds": FOLDS, "thresholds": list(THRESHOLDS)}
    cv["suggested_threshold"] = threshold
    for lang, entry in result.items():
        cv[lang] = {
            "brier_rule_calibrated": [round(entry[k]["brier"], 4) for k in ("rule", "calibrated")],
            "log_loss_rule_calibrated": [
                round(entry[k]["log_loss"], 4) for k in ("rule", "calibrated")
            ],
            **{f"f1_{k}": [round(row["f1"], 3) for row in entry[k]["curve"]] for k in entry
               if k in ("rule", "calibrated")},
        }  # fmt: skip
    header = {
        "about": "Relation confidence of ucn.loaders.calibration: sigmoid(bias + scale * logit("
        "rule confidence) + weights of calibration.features), by bench/train_confidence.py",
        "trained_on": {
            "gold": [f"eval/gold/{name}.json" for name in SETS],
            "articles": len(articles),
            "facts": len(ys),
            "right": sum(ys),
        },
        "l2": l2,
        "min_count": MIN_COUNT,
        "bias": round(model.bias, 4),
        "scale": round(model.scale, 4),
    }
    lines = [f" {dumps(k)}: {dumps(v)}" for k, v in sorted(header.items())]
    lines.append(
        ' "cv": {\n' + ",\n".join(f"  {dumps(k)}: {dumps(v)}" for k, v in cv.items()) + "\n }"
    )
    weights = sorted((f, round(w, 4)) for f, w in model.weights.items() if abs(w) >= PRUNE)
    lines.append(' "weights": {\n' + ",\n".join(f"  {dumps(f)}: {w}" for f, w in weights) + "\n }")
    text = "{\n" + ",\n".join(sorted(lines)) + "\n}\n"
    json.loads(text)  # it is JSON
    return text


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    ap.add_argument("--ucn", default=str(Path(sys.executable).with_name("ucn")), help="ucn CLI")
    ap.add_argument("--l2", type=float, default=L2, help=f"L2 penalty (default {L2})")
    ap.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=f"write {calibration.MODEL.relative_to(ROOT)} (default: yes)",
    )
    args = ap.parse_args()
    score_py = args.shared / "eval" / "score.py"
    for needed in (score_py, *(args.shared / "corpus" / n for n in SETS)):
        if not needed.exists():
            print(f"train_confidence.py: {needed} not found (pass --shared DIR)", file=sys.stderr)
            return 2
    if not Path(args.ucn).exists():
        print(f"train_confidence.py: no ucn at {args.ucn} (pass --ucn PATH)", file=sys.stderr)
        return 2
    scorer = folds_bench.load_scorer(score_py)
    articles = collect(args.shared, args.ucn, scorer)
    cv = cross_validate(articles, args.l2)
    result = evaluate(scorer, articles, cv)
    threshold = best_threshold(result)
    report(result, reliability(articles, cv), threshold)
    if args.write:
        text = model_json(articles, fit(articles, args.l2), result, args.l2, threshold)
        calibration.MODEL.parent.mkdir(parents=True, exist_ok=True)
        calibration.MODEL.write_text(text, encoding="utf-8")
        size = calibration.MODEL.stat().st_size
        print(f"wrote {calibration.MODEL.relative_to(ROOT)} ({size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
