"""Start-up benchmark: how long a fresh process takes before it does the work it was started for.

    python bench/startup_bench.py [--runs 5] [--out bench-out/startup.json]

Times, each --runs times in a fresh process (wall time, start to exit), interleaved so that a
busy machine slows every case alike:

- anchor: `python -c pass`, the interpreter alone; every other case is also given as a ratio
  to it, which compares across machines better than seconds;
- `ucn --help`;
- a query on a small graph: `ucn --db X query 'MATCH (n) RETURN count(n)'` (X: the sample
  extraction documents, loaded once before the timing);
- gazetteer load, cold cache: import and `load_gazetteer()` with an empty cache folder
  (UCN_CACHE_DIR, a new one every run), so the tables are built and written;
- gazetteer load, warm cache: the same with the tables already in the cache folder;
- extractor start + one tiny article, in process: import the extractor, load its gazetteer
  (warm cache) and extract a two-sentence article;
- `ucn extract` of the same tiny article (warm cache), the whole command.

The in-process cases also report their own clock for each step (import, gazetteer, first
extraction). Prints the median, the spread (fastest and slowest run) and the ratio of the
median to the anchor's median, and writes bench-out/startup.json. The machine's load average
is recorded beside the figures. This is a benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from report import MET, environment, say, table_lines, write_json
from timing import interleaved

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out" / "startup.json"
TARGET_GAZETTEER_S = 0.2  # gazetteer start in each process and worker

TINY = (
    "Đà Nẵng và Yokohama ký kết hợp tác\n"
    "Ngày 5/3/2024, UBND thành phố Đà Nẵng và thành phố Yokohama (Nhật Bản) ký biên bản ghi nhớ "
    "hợp tác trong khuôn khổ mạng lưới CityNet. Chủ tịch UBND thành phố Lê Trung Chinh tiếp "
    "đoàn công tác của Ngân hàng Phát triển châu Á (ADB).\n"
)

GAZETTEER = """
import json, time
start = time.perf_counter()
from ucn.loaders.gazetteer import load_gazetteer
imported = time.perf_counter()
gazetteer = load_gazetteer()
loaded = time.perf_counter()
assert gazetteer.find("Đà Nẵng")
print(json.dumps({"import_s": imported - start, "gazetteer_s": loaded - imported}))
"""

EXTRACTOR = """
import json, sys, time
start = time.perf_counter()
from ucn.loaders.extraction import FrameExtractor
from ucn.loaders.sources import read_articles
imported = time.perf_counter()
extractor = FrameExtractor()
extractor.gazetteer
loaded = time.perf_counter()
(article,) = read_articles([sys.argv[1]])
document = extractor.extract(article)
done = time.perf_counter()
assert document["entities"]
print(json.dumps({"import_s": imported - start, "gazetteer_s": loaded - imported,
                  "first_extract_s": done - loaded}))
"""


def ucn_command() -> str:
    """The `ucn` script of this interpreter's environment."""
    beside = Path(sys.executable).with_name("ucn")
    found = str(beside) if beside.exists() else shutil.which("ucn")
    if not found:
        sys.exit("no ucn command: install the package (make, or pip install -e .)")
    return found


def cases(tmp: Path, ucn: str) -> list[dict[str, Any]]:
    """name, command, and the cache folder each run gets ('fresh': a new empty one)."""
    python = sys.executable
    db = tmp / "small.db"
    tiny = tmp / "tiny.txt"
    warm = tmp / "cache-warm"
    return [
        {"name": "python -c pass (anchor)", "argv": [python, "-c", "pass"], "cache": warm},
        {"name": "ucn --help", "argv": [ucn, "--help"], "cache": warm},
        {
            "name": "ucn query on a small graph",
            "argv": [ucn, "--db", str(db), "query", "MATCH (n) RETURN count(n)"],
            "cache": warm,
        },
        {"name": "gazetteer load, cold cache", "argv": [python, "-c", GAZETTEER], "cache": "fresh"},
        {"name": "gazetteer load, warm cache", "argv": [python, "-c", GAZETTEER], "cache": warm},
        {
            "name": "extractor start + tiny article",
            "argv": [python, "-c", EXTRACTOR, str(tiny)],
            "cache": warm,
        },
        {"name": "ucn extract tiny article", "argv": [ucn, "extract", str(tiny)], "cache": warm},
    ]


def prepare(tmp: Path, ucn: str) -> None:
    """The small graph, the tiny article and a warm cache."""
    (tmp / "tiny.txt").write_text(TINY, encoding="utf-8")
    env = {**os.environ, "UCN_CACHE_DIR": str(tmp / "cache-warm")}
    db = tmp / "small.db"
    for argv in (
        [ucn, "--db", str(db), "load", str(ROOT / "samples" / "documents")],
        [sys.executable, "-c", GAZETTEER],
    ):
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv[:3])} failed:\n{done.stderr}")


def run_once(case: dict[str, Any], tmp: Path, serial: int) -> dict[str, Any]:
    cache = case["cache"]
    if cache == "fresh":
        cache = tmp / f"cache-cold-{serial}"
    env = {**os.environ, "UCN_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    done = subprocess.run(case["argv"], env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{case['name']} failed:\n{done.stderr}")
    out: dict[str, Any] = {"wall_s": wall}
    last = done.stdout.strip().splitlines()[-1:] if case["argv"][1] == "-c" else []
    if last and last[0].startswith("{"):
        out.update(json.loads(last[0]))
    return out


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 4),
        "min": round(min(values), 4),
        "max": round(max(values), 4),
    }


def measure(runs: int) -> dict[str, Any]:
    ucn = ucn_command()
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="ucn-startup-") as name:
        tmp = Path(name)
        prepare(tmp, ucn)
        chosen = cases(tmp, ucn)
        serials = itertools.count(1)
        results = interleaved(
            runs, {c["name"]: lambda c=c: run_once(c, tmp, next(serials)) for c in chosen}
        )
    load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
    anchor = statistics.median(r["wall_s"] for r in results[chosen[0]["name"]])
    rows = []
    for case in chosen:
        found = results[case["name"]]
        row: dict[str, Any] = {"case": case["name"], "runs": len(found)}
        row["wall_s"] = summary([r["wall_s"] for r in found])
        row["ratio_to_anchor"] = round(row["wall_s"]["median"] / anchor, 2)
        for step in ("import_s", "gazetteer_s", "first_extract_s"):
            if step in found[0]:
                row[step] = summary([r[step] for r in found])
        rows.append(row)
    gazetteer = {r["case"]: r["gazetteer_s"]["median"] for r in rows if "gazetteer_s" in r}
    return {
        "config": {"runs": runs},
        "environment": {
            **environment(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "cases": rows,
        "targets": {
            f"gazetteer_start_at_most_{TARGET_GAZETTEER_S:g}_s_warm": gazetteer.get(
                "gazetteer load, warm cache", 1e9
            )
            <= TARGET_GAZETTEER_S,
            f"gazetteer_start_at_most_{TARGET_GAZETTEER_S:g}_s_in_extractor": gazetteer.get(
                "extractor start + tiny article", 1e9
            )
            <= TARGET_GAZETTEER_S,
        },
    }


def print_report(data: dict[str, Any]) -> None:
    env = data["environment"]
    print(
        f"\nucn start-up benchmark: {data['config']['runs']} fresh processes per case, "
        f"Python {env['python']}, {env['cpus']} CPUs, load average {env['load_average_before']}"
    )

    def ms(value: float) -> str:
        return f"{value * 1000:,.0f}"

    table = [("case", "median ms", "fastest", "slowest", "x anchor", "")]
    for row in data["cases"]:
        wall = row["wall_s"]
        table.append(
            (
                row["case"],
                ms(wall["median"]),
                ms(wall["min"]),
                ms(wall["max"]),
                f"{row['ratio_to_anchor']:.1f}",
                "",
            )
        )
    print()
    print("\n".join(table_lines(table)))
    steps = [("in process (median ms)", "import", "gazetteer", "first extraction", "")]
    for row in data["cases"]:
        if "import_s" in row:
            steps.append(
                (
                    row["case"],
                    ms(row["import_s"]["median"]),
                    ms(row["gazetteer_s"]["median"]),
                    ms(row["first_extract_s"]["median"]) if "first_extract_s" in row else "",
                    "",
                )
            )
    print()
    print("\n".join(table_lines(steps)))
    say(
        "\nwall: start to exit of the process. x anchor: the median over `python -c pass`'s. "
        "targets: "
        + "; ".join(f"{name}: {MET[ok]}" for name, ok in data["targets"].items())
        + f". load average after: {env['load_average_after']}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per case (>= 3)")
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path")
    args = parser.parse_args(argv)
    if args.runs < 3:
        parser.error("--runs: at least 3, for a spread")
    data = measure(args.runs)
    print_report(data)
    write_json(args.out, data)
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
