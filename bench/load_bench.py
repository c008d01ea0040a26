"""Load benchmark: a synthetic graph with provenance through the public API, against COPY FROM.

    python bench/load_bench.py [--nodes 100000 --relations 300000] [--documents 4000]
                               [--batch-rows 200000] [--seed 7] [--phases]

Builds extraction documents (seeded, so every run writes the same graph), loads them into a
fresh embedded store in batches (parse_document, Batch.of, store.write) and times that first
load, then loads the same documents again (the reload, which should change nothing). In the
same run it bulk-loads the same final rows with LadybugDB's own COPY FROM into another fresh
database: the engine's practical limit. Prints a small table and writes it as JSON to
bench-out/load.json, with the targets beside the figures: the first load within 2x of COPY FROM,
the reload no slower than the first load.

With --phases, a further instrumented first load and reload (into another fresh store) split the
time of each write into its parts: fetching stored rows, Arrow tables, COPY, MERGE, the Python
merge and the commit. The instrumentation reaches into the embedded store (its connection and
its Arrow helper), so it is for profiling only. This is a benchmark, not a test: nothing is
asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

from ucn.graph import open_store
from ucn.loaders import BATCH_ROWS

from copy_from import CopyRun, copy_from, copy_from_in_transactions
from load_phases import phased_load
from loading import LoadRun, database_bytes, load
from report import MET, environment, say, table_lines, write_json
from synthetic import build_documents

OUT = Path(__file__).resolve().parent.parent / "bench-out" / "load.json"
TARGET_COPY_RATIO = 2.0


# -- report -----------------------------------------------------------------------------------
def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def _totals(stats: dict[str, dict[str, int]]) -> tuple[int, int]:
    return sum(stats["nodes"].values()), sum(stats["relations"].values())


def _load_json(run: LoadRun, nodes: int, relations: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "seconds": round(run.seconds, 3),
        "nodes_per_s": round(_rate(nodes, run.seconds), 1),
        "relations_per_s": round(_rate(relations, run.seconds), 1),
        "parse_document_seconds": round(run.parse_seconds, 3),
        "batch_of_seconds": round(run.batch_seconds, 3),
        "write_seconds": round(run.write_seconds, 3),
        "written": {k: getattr(run.written, k) for k in run.written.__dataclass_fields__},
    }
    if run.phases:
        out["phases"] = {k: round(v, 3) for k, v in run.phases.items()}
        out["commit_seconds_per_batch"] = [round(c, 3) for c in run.commits]
    return out


@dataclass
class Results:
    args: argparse.Namespace
    documents: list[dict[str, Any]]
    stats: dict[str, dict[str, int]]
    first: LoadRun
    again: LoadRun
    reload_stats: dict[str, dict[str, int]]
    database_bytes: int
    copy: CopyRun
    phased: tuple[LoadRun, LoadRun] | None = None
    copy_in_transactions: tuple[float, int] | None = None


def report(r: Results) -> dict[str, Any]:
    """The results as plain data, for the table and for bench-out/load.json."""
    nodes, relations = _totals(r.stats)
    copy = r.copy
    copy_seconds = copy.nodes_seconds + copy.relations_seconds
    ratio_total = r.first.seconds / copy_seconds
    data: dict[str, Any] = {
        "config": {
            "nodes_target": r.args.nodes,
            "relations_target": r.args.relations,
            "documents": r.args.documents,
            "batch_rows": r.args.batch_rows,
            "seed": r.args.seed,
        },
        "environment": environment(ladybug, pa),
        "input": {
            "documents": len(r.documents),
            "entity_mentions": sum(len(d["entities"]) for d in r.documents),
            "relation_statements": sum(len(d["relations"]) for d in r.documents),
        },
        "stored": {
            "nodes": nodes,
            "relations": relations,
            "nodes_by_label": r.stats["nodes"],
            "relations_by_type": r.stats["relations"],
            "database_mb": round(r.database_bytes / 1e6, 1),
        },
        "first_load": _load_json(r.first, nodes, relations),
        "reload": {
            **_load_json(r.again, nodes, relations),
            "graph_unchanged": r.reload_stats == r.stats,
        },
        "copy_from": {
            "nodes_seconds": round(copy.nodes_seconds, 3),
            "relations_seconds": round(copy.relations_seconds, 3),
            "nodes_per_s": round(_rate(nodes, copy.nodes_seconds), 1),
            "relations_per_s": round(_rate(relations, copy.relations_seconds), 1),
            "batch_of_all_seconds": round(copy.batch_seconds, 3),
            "arrow_seconds": round(copy.arrow_seconds, 3),
            "same_counts": copy.stats == r.stats,
            "database_mb": round(copy.database_bytes / 1e6, 1),
        },
        "ratios": {
            "first_load_over_copy_nodes": round(r.first.seconds / copy.nodes_seconds, 2),
            "first_load_over_copy_relations": round(r.first.seconds / copy.relations_seconds, 2),
            "first_load_over_copy_total": round(ratio_total, 2),
            "reload_over_first_load": round(r.again.seconds / r.first.seconds, 3),
        },
        "targets": {
            "first_load_within_target_of_copy": ratio_total <= TARGET_COPY_RATIO,
            "reload_not_slower_than_first_load": r.again.seconds <= r.first.seconds,
        },
    }
    if r.copy_in_transactions:
        seconds, transactions = r.copy_in_transactions
        data["copy_from_in_load_transactions"] = {
            "transactions": transactions,
            "seconds": round(seconds, 3),
            "first_load_over_it": round(r.first.seconds / seconds, 2),
        }
    if r.phased:
        data["phases"] = {
            "first_load": _load_json(r.phased[0], nodes, relations),
            "reload": _load_json(r.phased[1], nodes, relations),
        }
    return data


def print_report(data: dict[str, Any]) -> None:
    cfg, stored, given = data["config"], data["stored"], data["input"]
    first, again, copy = data["first_load"], data["reload"], data["copy_from"]
    ratios, targets = data["ratios"], data["targets"]

    def n(value: float) -> str:
        return f"{value:,.0f}"

    def x(value: float) -> str:
        return f"{value:.1f}x"

    print(
        f"\nucn load benchmark: {given['documents']:,} documents in transactions of ~"
        f"{cfg['batch_rows']:,} rows, seed {cfg['seed']}, ladybug {data['environment']['ladybug']}"
    )
    print(
        f"input:  {given['entity_mentions']:,} entity mentions, "
        f"{given['relation_statements']:,} relation statements with evidence"
    )
    print(f"stored: {stored['nodes']:,} nodes, {stored['relations']:,} relations")
    for kind in ("nodes_by_label", "relations_by_type"):
        counts = ", ".join(f"{k} {v:,}" for k, v in stored[kind].items())
        print(textwrap.fill(counts, 100, initial_indent="  ", subsequent_indent="  "))
    copy_total = copy["nodes_seconds"] + copy["relations_seconds"]
    rows = [
        ("run", "seconds", "nodes/s", "relations/s", "first/COPY", "target"),
        (
            "first load",
            f"{first['seconds']:.2f}",
            n(first["nodes_per_s"]),
            n(first["relations_per_s"]),
            x(ratios["first_load_over_copy_total"]),
            f"<= {TARGET_COPY_RATIO:g}x COPY FROM: "
            f"{MET[targets['first_load_within_target_of_copy']]}",
        ),
        (
            "reload",
            f"{again['seconds']:.2f}",
            n(again["nodes_per_s"]),
            n(again["relations_per_s"]),
            "",
            f"<= first load: {MET[targets['reload_not_slower_than_first_load']]}",
        ),
        (
            "COPY FROM nodes",
            f"{copy['nodes_seconds']:.2f}",
            n(copy["nodes_per_s"]),
            "",
            x(ratios["first_load_over_copy_nodes"]),
            "",
        ),
        (
            "COPY FROM relations",
            f"{copy['relations_seconds']:.2f}",
            "",
            n(copy["relations_per_s"]),
            x(ratios["first_load_over_copy_relations"]),
            "",
        ),
        (
            "COPY FROM total",
            f"{copy_total:.2f}",
            "",
            "",
            x(ratios["first_load_over_copy_total"]),
            "",
        ),
    ]
    chunked = data.get("copy_from_in_load_transactions")
    if chunked:
        rows.append(
            (
                f"COPY FROM in {chunked['transactions']} transactions",
                f"{chunked['seconds']:.2f}",
                "",
                "",
                x(chunked["first_load_over_it"]),
                "the engine's limit for this many commits",
            )
        )
    print()
    print("\n".join(table_lines(rows)))
    say(
        "\nrates: stored totals over each run's wall time. first/COPY: the whole first load's "
        "time over the COPY FROM time of the nodes, of the relations, of both."
    )
    for name, run in (("first load", first), ("reload", again)):
        w = run["written"]
        say(
            f"{name}: parse_document {run['parse_document_seconds']:.2f}s, Batch.of "
            f"{run['batch_of_seconds']:.2f}s, store.write {run['write_seconds']:.2f}s; nodes "
            f"{w['nodes_created']:,} new, {w['nodes_updated']:,} updated; relations "
            f"{w['relations_created']:,} new, {w['relations_updated']:,} updated"
        )
    say(
        f"reload left the counts unchanged: {again['graph_unchanged']}. COPY FROM store: same "
        f"counts {copy['same_counts']}, {copy['database_mb']:,} MB on disk against "
        f"{stored['database_mb']:,} MB loaded; not timed: Batch.of all documents "
        f"{copy['batch_of_all_seconds']:.2f}s, Arrow tables {copy['arrow_seconds']:.2f}s."
    )
    spread = data.get("runs")
    if spread and spread["runs"] > 1:
        low, high = min(spread["first_load_over_copy"]), max(spread["first_load_over_copy"])
        say(
            f"over {spread['runs']} interleaved runs (the median one above): first load / COPY "
            f"FROM {low:.1f}x-{high:.1f}x; first load "
            f"{min(spread['first_load_seconds']):.1f}-{max(spread['first_load_seconds']):.1f}s, "
            f"COPY FROM {min(spread['copy_from_seconds']):.1f}-"
            f"{max(spread['copy_from_seconds']):.1f}s."
        )
    for name, run in data.get("phases", {}).items():
        title = name.replace("_", " ")
        print(f"\nwhere an instrumented {title} spends its {run['seconds']:.2f}s:")
        rows = [("phase", "seconds", "share", "")]
        rows += [
            (phase, f"{seconds:.2f}", f"{100 * seconds / run['seconds']:.1f}%", "")
            for phase, seconds in run["phases"].items()
        ]
        print("\n".join("  " + line for line in table_lines(rows)))
        if any(c >= 0.005 for c in run["commit_seconds_per_batch"]):
            commits = ", ".join(f"{c:.1f}" for c in run["commit_seconds_per_batch"])
            print(f"  commit per batch (s): {commits}")


# -- main -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--nodes", type=int, default=100_000, help="nodes to store (all labels)")
    parser.add_argument(
        "--relations", type=int, default=300_000, help="relations to store (MENTIONS included)"
    )
    parser.add_argument("--documents", type=int, default=4_000, help="articles to spread over")
    parser.add_argument("--batch-rows", type=int, default=BATCH_ROWS, help="rows per transaction")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic graph")
    parser.add_argument(
        "--phases", action="store_true", help="add an instrumented load splitting write time"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="first loads and COPY FROMs, interleaved"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not 0 < args.documents < args.nodes:
        parser.error("--documents must be positive and smaller than --nodes")

    start = time.perf_counter()
    documents = build_documents(args.nodes, args.relations, args.documents, args.seed)
    print(f"built {len(documents):,} documents in {time.perf_counter() - start:.1f}s", flush=True)

    runs: list[tuple[LoadRun, LoadRun, dict[str, Any], dict[str, Any], int, CopyRun]] = []
    with tempfile.TemporaryDirectory(prefix="ucn-bench-") as tmp:
        # ucn and its anchor take turns, so that a busy moment of the machine falls on both
        for i in range(args.runs):
            path = Path(tmp) / f"load-{i}.db"
            store = open_store(db=path)
            try:
                first = load(store, documents, args.batch_rows)
                stats = store.stats()
                print(f"run {i + 1}: first load {first.seconds:.1f}s", flush=True)
                again = load(store, documents, args.batch_rows)
                reload_stats = store.stats()
                print(f"run {i + 1}: reload {again.seconds:.1f}s", flush=True)
            finally:
                store.close()
            size = database_bytes(path)
            copy = copy_from(Path(tmp) / f"copy-{i}.db", documents)
            seconds = copy.nodes_seconds + copy.relations_seconds
            print(f"run {i + 1}: COPY FROM {seconds:.1f}s", flush=True)
            runs.append((first, again, stats, reload_stats, size, copy))
            for leftover in Path(tmp).glob(f"*-{i}.db*"):
                leftover.unlink()
        # the run whose ratio is the median is reported in full; the spread beside it
        ratios = [r[0].seconds / (r[5].nodes_seconds + r[5].relations_seconds) for r in runs]
        median_run = sorted(range(len(runs)), key=ratios.__getitem__)[len(runs) // 2]
        first, again, stats, reload_stats, size, copy = runs[median_run]
        chunked = copy_from_in_transactions(Path(tmp) / "chunks.db", documents, args.batch_rows)
        copy_in_transactions = chunked if chunked[1] > 1 else None
        phased = None
        if args.phases:
            store = open_store(db=Path(tmp) / "phases.db")
            try:
                phased = (
                    phased_load(store, documents, args.batch_rows),
                    phased_load(store, documents, args.batch_rows),
                )
            finally:
                store.close()

    data = report(
        Results(
            args,
            documents,
            stats,
            first,
            again,
            reload_stats,
            size,
            copy,
            phased,
            copy_in_transactions,
        )
    )
    data["runs"] = {
        "runs": len(runs),
        "reported": median_run + 1,
        "first_load_seconds": [round(r[0].seconds, 3) for r in runs],
        "reload_seconds": [round(r[1].seconds, 3) for r in runs],
        "copy_from_seconds": [round(r[5].nodes_seconds + r[5].relations_seconds, 3) for r in runs],
        "first_load_over_copy": [round(x, 2) for x in ratios],
    }
    print_report(data)
    write_json(args.out, data)
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
