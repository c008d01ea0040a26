"""One more article into a large graph, beside the engine's own CREATE of the same rows.

    python bench/incremental_bench.py [--sizes 10000 100000 500000] [--runs 3] [--seed 7]

For each size, a seeded synthetic graph (bench/synthetic.py's documents: nodes with provenance,
three relations per node) is loaded once into a base database. Each run then copies the base and
times, in a fresh process each, one small article (6 entities, 5 facts, 2 of them touching stored
nodes) written through the public API (`store.write`: the lookups, the merge with what is stored,
the transaction), and as the anchor the same new rows written by plain parameterised CREATE
statements in one transaction, the least the engine can do. Both figures include the commit; the
process start and the database open are not timed. Prints a table with the spread over the runs
and the ratio of the medians; writes bench-out/incremental.json. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from timing import interleaved, spread

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out" / "incremental.json"

ARTICLE: dict[str, Any] = {
    "article": {"id": "article/bench-incremental", "title": "Một bài mới", "lang": "vi"},
    "entities": [
        {"id": "city/bench-new-city", "type": "City", "name": "Bench City"},
        {"id": "network/bench-new-net", "type": "Network", "name": "Bench Net"},
        {"id": "organization/bench-new-org", "type": "Organization", "name": "Bench Org"},
        {"id": "person/bench-new-person", "type": "Person", "name": "Bench Person"},
        {"id": "event/bench-new-event-2024", "type": "Event", "name": "Bench Event 2024"},
    ],
    "relations": [
        ("MEMBER_OF", "city/bench-new-city", "network/bench-new-net"),
        ("HOSTED", "city/bench-new-city", "event/bench-new-event-2024"),
        ("PARTICIPATED_IN", "organization/bench-new-org", "event/bench-new-event-2024"),
        ("WORKS_FOR", "person/bench-new-person", "organization/bench-new-org"),
    ],
}

CHILD = """
import json, sys, time
mode, db, stored = sys.argv[1], sys.argv[2], sys.argv[3]
article = json.loads(sys.argv[4])
import ucn
from ucn.graph.batch import Batch
from ucn.graph.document import parse_document
store = ucn.open_store(db=db)
article["entities"].append({"id": stored, "type": "City", "name": "Stored city, named again"})
article["relations"].append(
    {"type": "PARTNER_OF", "source": "city/bench-new-city", "target": stored,
     "evidence": "x", "confidence": 0.9})
if mode == "ucn":
    document = parse_document(article, "bench")
    started = time.perf_counter()
    store.write(Batch.of([document]))
    took = time.perf_counter() - started
else:  # the same new rows, created by plain statements
    conn = store._conn
    started = time.perf_counter()
    conn.execute("BEGIN TRANSACTION")
    a = article["article"]["id"]
    conn.execute("CREATE (:Article {id: $id, name: $id, sources: [$id]})", {"id": a})
    for e in article["entities"][:-1]:
        conn.execute(
            f"CREATE (:{e['type']} {{id: $id, name: $name, sources: [$a]}})",
            {"id": e["id"], "name": e["name"], "a": a})
    for e in article["entities"]:
        conn.execute(
            f"MATCH (x:Article {{id: $a}}) MATCH (y:{e['type']} {{id: $id}}) "
            "CREATE (x)-[:MENTIONS {sources: [$a], evidence: [''], confidences: [1.0], "
            "confidence: 1.0}]->(y)", {"a": a, "id": e["id"]})
    kind = {e["id"]: e["type"] for e in article["entities"]}
    for r in article["relations"]:
        s, t = r["source"], r["target"]
        conn.execute(
            f"MATCH (x:{kind[s]} {{id: $s}}) MATCH (y:{kind[t]} {{id: $t}}) "
            f"CREATE (x)-[:{r['type']} {{sources: [$a], evidence: [$e], confidences: [0.9], "
            "confidence: 0.9}]->(y)", {"s": s, "t": t, "a": a, "e": r["evidence"]})
    conn.execute("COMMIT")
    took = time.perf_counter() - started
print(took)
store.close()
"""


def article() -> dict[str, Any]:
    data = json.loads(json.dumps(ARTICLE))
    data["relations"] = [
        {"type": t, "source": s, "target": o, "evidence": "x", "confidence": 0.9}
        for t, s, o in ARTICLE["relations"]
    ]
    return data


def build(path: Path, nodes: int, seed: int) -> str:
    """The base graph; returns the id of a stored city the article names again."""
    import ucn
    from ucn.graph.batch import Batch
    from ucn.graph.document import parse_document

    from synthetic import build_documents

    documents = build_documents(nodes, 3 * nodes, max(40, nodes // 25), seed)
    with ucn.open_store(db=str(path)) as store:
        store.write(Batch.of(parse_document(d, "bench") for d in documents))
        return str(store.run("MATCH (c:City) RETURN c.id AS id ORDER BY id LIMIT 1")[0]["id"])


def timed(mode: str, base: Path, work: Path, stored: str) -> float:
    for suffix in ("", ".wal"):
        target = Path(f"{work}{suffix}")
        target.unlink(missing_ok=True)
        if Path(f"{base}{suffix}").exists():
            shutil.copy(f"{base}{suffix}", target)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(work), stored, json.dumps(article())],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 500_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            base, work = Path(tmp) / f"base{size}.db", Path(tmp) / "work.db"
            stored = build(base, size, args.seed)
            modes = ("ucn", "create")
            runs = interleaved(args.runs, {m: partial(timed, m, base, work, stored) for m in modes})
            ucn_s, anchor_s = statistics.median(runs["ucn"]), statistics.median(runs["create"])
            rows.append(
                {
                    "nodes": size,
                    "ucn_seconds": runs["ucn"],
                    "create_seconds": runs["create"],
                    "ucn_median": ucn_s,
                    "create_median": anchor_s,
                    "ratio": ucn_s / anchor_s,
                }
            )
    print("one more article into a graph of N nodes (store.write vs plain CREATE, commit included)")
    print("| nodes | ucn s (median, spread) | CREATE s (median, spread) | ratio |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        u, c = r["ucn_seconds"], r["create_seconds"]
        print(
            f"| {r['nodes']:,} | {r['ucn_median']:.3f} ({spread(u, 3)}) "
            f"| {r['create_median']:.3f} ({spread(c, 3)}) | {r['ratio']:.1f}x |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"runs": rows}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
