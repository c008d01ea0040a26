"""RDF export benchmark: each format as a ratio to pyoxigraph serialising the same statements.

    python bench/rdf_bench.py [--nodes 100000] [--relations N] [--documents N]
                              [--formats nt,nquads,turtle,trig,xml,jsonld] [--repeat 3]
                              [--db PATH] [--seed 7]

Builds a synthetic graph with provenance (the generator of bench/synthetic.py; 100,000 nodes
give about 2.9M statements) in a fresh embedded store, or reuses the one at --db when it is
there (and keeps one built there). Then, for each format, --repeat times, side by side:

- ucn: `ucn.ontology.rdf.export_rdf` from the open store to a file, in a fresh process: reading
  the store a page at a time, mapping rows to statements and writing them;
- pyoxigraph (the anchor): `pyoxigraph.serialize` of the same statements to a file, from a list
  of its Triples (Quads for TriG and N-Quads) built beforehand and not timed: the serialiser
  alone, with nothing to read.

A ucn run and an anchor run alternate, so that both see the same load on a shared machine; the
ratio is the median of ucn's seconds over the median of the anchor's, and its spread the lowest
and highest ratio of a run to the anchor run beside it. Also timed: reading the store and mapping
it to statements with nothing written (`iter_quads`), the part no serialiser can save. Memory is
each ucn run's peak resident size less its size before the export (the store open): flat when it
stays far below the output and the same whatever the graph's size. Prints a table and writes
bench-out/rdf.json. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from report import write_json
from timing import clock, clock_cpu, spread

OUT = Path(__file__).resolve().parent.parent / "bench-out" / "rdf.json"
FORMATS = ("nt", "nquads", "turtle", "trig", "xml", "jsonld")
OX_FORMATS = {
    "nt": "N_TRIPLES",
    "nquads": "N_QUADS",
    "turtle": "TURTLE",
    "trig": "TRIG",
    "xml": "RDF_XML",
    "jsonld": "JSON_LD",
}
DATASET_FORMATS = ("nquads", "trig")
STAGES = {
    "read": "reading the store's pages, nothing mapped",
    "read+map": "reading and mapping them to statements, nothing written",
}


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1e3  # kB
    raise RuntimeError(f"no {field} in /proc/self/status")


def rss_mb() -> float:
    """Resident size now (Linux)."""
    return _status_mb("VmRSS")


def reset_peak_rss() -> None:
    """Start the peak resident size afresh: the process's start (the engine opening the
    database) is not the export."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def peak_rss_mb() -> float:
    return _status_mb("VmHWM")


# -- the processes that are timed --------------------------------------------------------------
def ucn_worker(db: str, fmt: str, out: str, traced: bool = False) -> None:
    """One export in a fresh process (with fmt `read+map`, the statements with nothing written;
    `read`, the store's pages with nothing mapped); prints its figures as JSON. `traced`: the
    peak of Python's own memory too (tracemalloc, which slows the run)."""
    import tracemalloc

    from ucn.graph import MODEL, open_store
    from ucn.ontology.rdf import export_rdf, iter_quads

    store = open_store(db=db)

    def read() -> int:
        rows = sum(len(page) for label in MODEL.labels for page in store.scan_nodes(label))
        return rows + sum(
            len(page) for rel_type in MODEL.relations for page in store.scan_relations(rel_type)
        )

    reset_peak_rss()
    before = rss_mb()
    if traced:
        tracemalloc.start()
    if fmt == "read":
        wall, cpu, count = clock_cpu(read)
    elif fmt == "read+map":
        wall, cpu, count = clock_cpu(lambda: sum(1 for _ in iter_quads(store, fmt="nt")))
    else:
        with open(out, "wb") as target:
            wall, cpu, count = clock_cpu(lambda: export_rdf(store, fmt, target))
    python_peak = tracemalloc.get_traced_memory()[1] / 1e6 if traced else None
    store.close()
    size = os.path.getsize(out) if fmt not in ("read", "read+map") else 0
    print(
        json.dumps(
            {
                "seconds": wall,
                "cpu": cpu,
                "statements": count,
                "bytes": size,
                "rss_before_mb": before,
                "rss_growth_mb": peak_rss_mb() - before,
                "python_peak_mb": python_peak,
            }
        ),
        flush=True,
    )


def anchor_worker(source: str, dataset: bool) -> None:
    """Holds the statements of `source` (N-Quads or N-Triples) as a list of pyoxigraph Quads or
    Triples; then for each `FORMAT PATH` line on stdin serialises them to PATH and prints the
    figures as JSON."""
    import gc

    import pyoxigraph as ox

    from ucn.ontology.rdf_write import export_prefixes

    syntax = ox.RdfFormat.N_QUADS if dataset else ox.RdfFormat.N_TRIPLES
    statements = list(ox.parse(path=source, format=syntax))
    if not dataset:
        statements = [q.triple for q in statements]
    gc.collect()
    gc.freeze()  # nothing to collect while timing: the list is never freed
    prefixes = export_prefixes()
    print(json.dumps({"ready": len(statements), "list_mb": rss_mb()}), flush=True)
    for line in sys.stdin:
        fmt, path = line.split()
        target = getattr(ox.RdfFormat, OX_FORMATS[fmt])
        with open(path, "wb") as out:
            start, cpu_start = time.perf_counter(), time.process_time()
            ox.serialize(statements, out, target, prefixes=prefixes)
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        print(json.dumps({"seconds": wall, "cpu": cpu, "bytes": os.path.getsize(path)}), flush=True)


# -- the driver --------------------------------------------------------------------------------
def build(db: Path, nodes: int, relations: int, documents: int, seed: int) -> None:
    from ucn.graph import Batch, open_store, parse_document

    from synthetic import build_documents

    docs = build_documents(nodes, relations, documents, seed)
    with open_store(db=db) as store:
        store.write(Batch.of(parse_document(d, f"doc {i}") for i, d in enumerate(docs)))


def run_ucn(db: Path, fmt: str, out: Path, traced: bool = False) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker-ucn", str(db), fmt, str(out)]
        + (["--traced"] if traced else []),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


class Anchor:
    """A process holding the statements for pyoxigraph, serialising them on request."""

    def __init__(self, source: Path, dataset: bool):
        command = [sys.executable, __file__, "--worker-anchor", str(source)]
        self.process = subprocess.Popen(
            [*command, *(["--dataset"] if dataset else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ready = self._answer()

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the pyoxigraph process ended early")
        return json.loads(line)

    def serialize(self, fmt: str, out: Path) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{fmt} {out}\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--nodes", type=int, default=100_000, help="nodes to store (all labels)")
    parser.add_argument("--relations", type=int, help="relations, MENTIONS too [3 x nodes]")
    parser.add_argument("--documents", type=int, help="articles to spread over [nodes / 24]")
    parser.add_argument("--formats", default=",".join(FORMATS), help="formats to time")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side (≥ 3)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic graph")
    parser.add_argument("--db", type=Path, help="database to reuse, or to build and keep")
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown formats: {', '.join(sorted(unknown))}")
    relations = args.relations or 3 * args.nodes
    documents = args.documents or max(1, args.nodes * 42 // 1000)

    with tempfile.TemporaryDirectory(prefix="ucn-rdf-bench-") as tmp:
        db = args.db or Path(tmp) / "graph.db"
        if not db.exists():
            seconds, _ = clock(lambda: build(db, args.nodes, relations, documents, args.seed))
            print(f"built {db} in {seconds:.0f}s", flush=True)
        else:
            print(f"reusing {db}", flush=True)
        from ucn.graph import open_store

        with open_store(db=db) as store:
            counts = store.stats()
        nodes = sum(counts["nodes"].values())
        stored_relations = sum(counts["relations"].values())
        load = [os.getloadavg()[0]]

        out = Path(tmp) / "out"
        # the parts of an export that come before any writing, and what they hold
        stages = {stage: [run_ucn(db, stage, out) for _ in range(args.repeat)] for stage in STAGES}
        triples = stages["read+map"][0]["statements"]
        print(f"{nodes:,} nodes, {stored_relations:,} relations: {triples:,} statements")
        # the statements the anchor serialises: ucn's own N-Triples and N-Quads, read back
        sources = {}
        for fmt in ("nt", "nquads"):
            sources[fmt] = Path(tmp) / f"statements.{fmt}"
            run_ucn(db, fmt, sources[fmt])

        rows = []
        for dataset in (False, True):
            group = [f for f in formats if (f in DATASET_FORMATS) == dataset]
            if not group:
                continue
            anchor = Anchor(sources["nquads" if dataset else "nt"], dataset)
            try:
                for fmt in group:
                    ours, theirs = [], []
                    for _ in range(args.repeat):
                        ours.append(run_ucn(db, fmt, out))
                        out.unlink()
                        theirs.append(anchor.serialize(fmt, out))
                        out.unlink()
                    row = summarise(fmt, ours, theirs, anchor.ready["list_mb"])
                    rows.append(row)
                    print(
                        f"{fmt}: anchor {row['anchor_seconds']}s, ucn {row['ucn_seconds']}s, "
                        f"ratio {row['ratio']} ({row['ratio_spread']})",
                        flush=True,
                    )
            finally:
                anchor.close()
        traced = {}
        for fmt in [f for f in ("nt", "turtle") if f in formats]:
            traced[fmt] = run_ucn(db, fmt, out, traced=True)["python_peak_mb"]
            out.unlink()
        load.append(os.getloadavg()[0])

    import pyoxigraph

    breakdown = {
        stage: {
            "seconds": round(statistics.median(r["seconds"] for r in runs), 2),
            "spread": spread([r["seconds"] for r in runs]),
            "cpu": round(statistics.median(r["cpu"] for r in runs), 2),
            "rss_growth_mb": round(max(r["rss_growth_mb"] for r in runs)),
        }
        for stage, runs in stages.items()
    }
    data = {
        "machine": {
            "python": platform.python_version(),
            "pyoxigraph": pyoxigraph.__version__,
            "cpus": os.cpu_count(),
            "load_average_start_end": [round(x, 1) for x in load],
        },
        "graph": {"nodes": nodes, "relations": stored_relations, "statements": triples},
        "repeat": args.repeat,
        "before_writing": breakdown,
        "formats": rows,
        "python_peak_mb": {fmt: round(mb, 1) for fmt, mb in traced.items()},
    }
    write_json(args.out, data, ensure_ascii=False)

    print()
    print(f"RDF export of {nodes:,} nodes, {stored_relations:,} relations = {triples:,} statements")
    for stage, figures in breakdown.items():
        print(
            f"{STAGES[stage]}: {figures['seconds']}s ({figures['spread']}), "
            f"memory growth {figures['rss_growth_mb']} MB"
        )
    print(
        "| format | anchor s | ucn s | ratio | ratio spread | ratio of CPU s | "
        "ucn memory growth MB | ucn MB out |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['format']} | {r['anchor_seconds']} ({r['anchor_spread']}) | "
            f"{r['ucn_seconds']} ({r['ucn_spread']}) | {r['ratio']}x | {r['ratio_spread']} | "
            f"{r['cpu_ratio']}x | {r['ucn_memory_growth_mb']} | {r['ucn_bytes'] / 1e6:.0f} |"
        )
    for fmt, mb in traced.items():
        print(f"Python's own memory at peak, {fmt} (tracemalloc, one more run): {mb:.0f} MB")
    print(f"machine load average at start and end: {data['machine']['load_average_start_end']}")
    print(f"wrote {args.out}")
    return 0


def summarise(
    fmt: str, ours: list[dict[str, Any]], theirs: list[dict[str, Any]], list_mb: float
) -> dict[str, Any]:
    ucn_s = statistics.median(r["seconds"] for r in ours)
    anchor_s = statistics.median(r["seconds"] for r in theirs)
    paired = [a["seconds"] / b["seconds"] for a, b in zip(ours, theirs, strict=True)]
    cpu = statistics.median(r["cpu"] for r in ours) / statistics.median(r["cpu"] for r in theirs)
    return {
        "format": fmt,
        "statements": ours[0]["statements"],
        "anchor_seconds": round(anchor_s, 2),
        "anchor_spread": spread([r["seconds"] for r in theirs]),
        "ucn_seconds": round(ucn_s, 2),
        "ucn_spread": spread([r["seconds"] for r in ours]),
        "ratio": round(ucn_s / anchor_s, 2),
        "ratio_spread": spread(paired),
        "cpu_ratio": round(cpu, 2),
        "ucn_memory_growth_mb": round(max(r["rss_growth_mb"] for r in ours)),
        "anchor_process_mb_holding_the_list": round(list_mb),
        "ucn_bytes": ours[0]["bytes"],
        "anchor_bytes": theirs[0]["bytes"],
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker-ucn"]:
        ucn_worker(*sys.argv[2:5], traced="--traced" in sys.argv[5:])
    elif sys.argv[1:2] == ["--worker-anchor"]:
        anchor_worker(sys.argv[2], dataset="--dataset" in sys.argv[3:])
    else:
        sys.exit(main())
