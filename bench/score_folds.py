"""Extraction scores per set, per fold and per confidence threshold, from one `ucn extract` per set.

    python bench/score_folds.py [--shared ../shared] [--score PATH] [--ucn PATH] [--json FILE]

Runs `ucn extract` once over each article folder of ../shared/corpus (seeds, dev, dev-en) and
scores the documents against ../shared/eval/gold/<set>.json with the functions of
../shared/eval/score.py (score_article, prf), so the figures are those of `make score`. Prints:

1. per set: entities and relations P/R/F1, then P and R per relation type (as score.py --by-type);
2. per fold: the development articles are split into two fixed folds, A and B (FOLDS below, the
   sorted file names taken alternately). Tune on fold A and read fold B as held-out: a change
   that raises A but not B is fitted to A's articles rather than to the language;
3. a precision/recall curve per language (vi = seeds + dev, en = dev-en): relations whose
   confidence is below the threshold are dropped (entities are kept) and relation P/R/F1 and the
   number of relations kept are printed. If the confidence means something, P rises with the
   threshold while R falls. A relation without a confidence counts as confidence 0.

Recall counts only the gold relations marked core; precision counts every distinct predicted
relation, and the gold is not exhaustive, so read P as a lower bound. With --json FILE all of it
is also written as JSON. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = ("seeds", "dev", "dev-en")
LANGS = {"vi": ("seeds", "dev"), "en": ("dev-en",)}
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# fold A = sorted(file names)[0::2], fold B = sorted(file names)[1::2]; fixed, not recomputed
FOLDS: dict[str, dict[str, list[str]]] = {
    "dev": {
        "A": [f"baomoi_{n}.txt" for n in (21486447, 22342799, 22463645, 22471681, 22519765,
                                          22643108, 22684594, 22720965, 22737913)],
        "B": [f"baomoi_{n}.txt" for n in (22269867, 22371734, 22471363, 22494475, 22551486,
                                          22658046, 22685281, 22729794, 22739126)],
    },
    "dev-en": {
        "A": ["adb-central-vietnam-water-2007.txt", "chengdu-friendship-cities-conference-2012.txt",
              "danang-daegu-mayor-visit.txt", "hcmc-jica-cooperation-2023.txt"],
        "B": ["adb-vietnam-249m-water-roads.txt", "danang-cuban-localities.txt",
              "haichau-uiwang-cultural-exchange-2023.txt", "vietnam-three-cities-ascn-2018.txt"],
    },
}  # fmt: skip
Docs = dict[str, dict[str, Any]]  # extraction document by article file name


def load_scorer(path: Path) -> ModuleType:
    """score.py as a module (its score_article and prf are used, not copied)."""
    spec = importlib.util.spec_from_file_location("ucn_eval_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(shared: Path, name: str) -> dict[str, Any]:
    path = shared / "eval" / "gold" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def by_file_name(documents: list[dict[str, Any]]) -> Docs:
    return {Path(str((d.get("article") or {}).get("source") or "")).name: d for d in documents}


def run_extract(ucn: str, folder: Path) -> Docs:
    """One `ucn extract FOLDER`; its JSON Lines keyed by file name."""
    run = subprocess.run([ucn, "extract", str(folder)], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        print(f"warning: ucn extract {folder}: {run.stderr.strip()[-300:]}", file=sys.stderr)
    documents = []
    for text in filter(str.strip, run.stdout.splitlines()):
        try:
            documents.append(json.loads(text))
        except json.JSONDecodeError as exc:
            print(f"warning: ucn extract {folder}: a line is not JSON ({exc})", file=sys.stderr)
    return by_file_name(documents)


def above(doc: dict[str, Any], threshold: float) -> dict[str, Any]:
    """The document without the relations whose confidence is below `threshold`."""
    if threshold <= 0:
        return doc
    rels = [r for r in doc.get("relations", []) if (r.get("confidence") or 0.0) >= threshold]
    return {**doc, "relations": rels}


def score_docs(
    scorer: ModuleType,
    gold: dict[str, Any],
    docs: Docs,
    names: list[str] | None = None,
    threshold: float = 0.0,
) -> dict[str, Any]:
    """Totals over `names` (default: every gold article): P/R/F1 and counts, by relation type."""
    counts = {"entities": [0, 0, 0, 0], "relations": [0, 0, 0, 0]}  # tp_p, pred, tp_r, gold
    types: dict[str, list[int]] = {}
    kept = 0
    for name in sorted(gold if names is None else names):
        doc = above(docs.get(name) or {}, threshold)
        kept += len(doc.get("relations", []))
        ent, rel = scorer.score_article(gold[name], doc)
        for key, part in (("entities", ent), ("relations", rel)):
            for i, field in enumerate(("tp_precision", "pred", "tp_recall", "gold")):
                counts[key][i] += part[field]
        for rtype, values in rel["by_type"].items():
            acc = types.setdefault(rtype, [0, 0, 0, 0])
            for i in range(4):
                acc[i] += values[i]
    out: dict[str, Any] = {"kept": kept, "counts": counts}
    for key, c in counts.items():
        out[key] = dict(zip(("p", "r", "f1"), scorer.prf(*c), strict=True))
    fields = ("right", "predicted", "found", "core")
    out["by_type"] = {t: dict(zip(fields, v, strict=True)) for t, v in sorted(types.items())}
    for t, v in out["by_type"].items():
        v["p"], v["r"], _ = scorer.prf(*types[t])
    return out


def evaluate(scorer: ModuleType, golds: dict[str, Any], docs: dict[str, Docs]) -> dict[str, Any]:
    """Everything printed: per set, per fold, and the confidence curve per language."""
    result: dict[str, Any] = {"sets": {}, "folds": {}, "curve": {}}
    for name in golds:
        result["sets"][name] = score_docs(scorer, golds[name], docs[name])
        result["sets"][name]["missing"] = sorted(set(golds[name]) - set(docs[name]))
    for name, folds in FOLDS.items():
        if name in golds:
            result["folds"][name] = {
                f: {"files": files, **score_docs(scorer, golds[name], docs[name], files)}
                for f, files in folds.items()
            }
    for lang, names in LANGS.items():
        merged_gold = {f"{n}/{a}": g for n in names if n in golds for a, g in golds[n].items()}
        merged = {f"{n}/{a}": d for n in names if n in docs for a, d in docs[n].items()}
        result["curve"][lang] = [
            {"threshold": t, **score_docs(scorer, merged_gold, merged, threshold=t)}
            for t in THRESHOLDS
        ]
    return result


def line(s: dict[str, Any]) -> str:
    e, r = s["entities"], s["relations"]
    return (
        f"entities P={e['p']:.3f} R={e['r']:.3f} F1={e['f1']:.3f} | "
        f"relations P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f}"
    )


def report(result: dict[str, Any]) -> None:
    for name, s in result["sets"].items():
        print(f"# {name}: {line(s)}")
        if s["missing"]:
            print(f"  no document for: {', '.join(s['missing'])}")
        print("  relation type      predicted  right   P     core  found   R")
        for t, v in s["by_type"].items():
            print(
                f"    {t:<16} {v['predicted']:>7} {v['right']:>6} {v['p']:5.2f}"
                f" {v['core']:>7} {v['found']:>6} {v['r']:5.2f}"
            )
    print("\n# folds (tune on A, read B as held-out)")
    for name, folds in result["folds"].items():
        for f, s in folds.items():
            print(f"  {name:<6} {f} ({len(s['files'])} articles): {line(s)}")
    print("\n# relations kept with confidence >= threshold (entities unchanged)")
    for lang, rows in result["curve"].items():
        print(f"  {lang}: threshold  kept    P      R      F1")
        for row in rows:
            r = row["relations"]
            print(
                f"      {row['threshold']:>9.1f} {row['kept']:>5} "
                f"{r['p']:.3f}  {r['r']:.3f}  {r['f1']:.3f}"
            )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    ap.add_argument("--score", type=Path, help="score.py (default SHARED/eval/score.py)")
    ap.add_argument("--ucn", default=str(Path(sys.executable).with_name("ucn")), help="ucn CLI")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args()
    score_py = args.score or args.shared / "eval" / "score.py"
    for needed in (score_py, *(args.shared / "corpus" / n for n in SETS)):
        if not needed.exists():
            print(f"score_folds.py: {needed} not found (pass --shared DIR)", file=sys.stderr)
            return 2
    if not Path(args.ucn).exists():
        print(f"score_folds.py: no ucn at {args.ucn} (pass --ucn PATH)", file=sys.stderr)
        return 2
    scorer = load_scorer(score_py)
    golds = {n: load_gold(args.shared, n) for n in SETS}
    docs = {n: run_extract(args.ucn, args.shared / "corpus" / n) for n in SETS}
    result = evaluate(scorer, golds, docs)
    report(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
