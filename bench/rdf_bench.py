"""RDF export benchmark: triples per second per format, against rdflib's own serializer.

    python bench/rdf_bench.py [--nodes 33000 --relations 99000 --documents 1400]
                              [--formats nt,nquads,turtle,trig,xml,jsonld] [--seed 7]

Builds a synthetic graph with provenance (the generator of bench/load_bench.py; the defaults give
about 1M triples), loads it into a fresh embedded store, then for each format times
`ucn.graph.rdf.export_rdf` from the store to a file: reading the store, mapping rows to
statements and writing them. Beside it, rdflib's own serializer writes an in-memory rdflib Graph
(a Dataset for TriG and N-Quads) holding the same statements, built beforehand and not timed.
The ratio is ucn's triples per second over rdflib's: above 1, the export from the store is
faster than rdflib serializing a graph it already holds. The streamed formats (N-Triples,
N-Quads) are cheap enough to run --repeat times, and the best run of each side counts.

It also measures, with tracemalloc, the Python memory at peak while streaming N-Triples and
while building the rdflib Graph the other formats need. Prints a table and writes
bench-out/rdf.json. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import rdflib

from ucn.graph import Batch, open_store, parse_document
from ucn.graph.rdf import (
    DATASET_FORMATS,
    RDF_FORMATS,
    STREAMED,
    export_rdf,
    iter_quads,
    to_rdflib,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_bench import build_documents

OUT = Path(__file__).resolve().parent.parent / "bench-out" / "rdf.json"
FORMATS = ("nt", "nquads", "turtle", "trig", "xml", "jsonld")


def load_store(path: Path, nodes: int, relations: int, documents: int, seed: int) -> Any:
    docs = build_documents(nodes, relations, documents, seed)
    store = open_store(db=path)
    store.write(Batch.of(parse_document(d, f"doc {i}") for i, d in enumerate(docs)))
    return store


def timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def export_run(store: Any, fmt: str, path: Path, repeat: int) -> dict[str, Any]:
    best = None
    for _ in range(repeat):
        with path.open("wb") as out:
            seconds, statements = timed(lambda: export_rdf(store, fmt, out))
        best = seconds if best is None else min(best, seconds)
    return {"seconds": best, "statements": statements, "bytes": path.stat().st_size}


def rdflib_run(graph: Any, fmt: str, path: Path, repeat: int) -> dict[str, Any]:
    best = None
    for _ in range(repeat):
        with path.open("wb") as out:
            seconds, _ = timed(
                lambda: graph.serialize(
                    destination=out, format=RDF_FORMATS[fmt][0], encoding="utf-8"
                )
            )
        best = seconds if best is None else min(best, seconds)
    return {"seconds": best, "bytes": path.stat().st_size}


def peak_mb(work: Any) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--nodes", type=int, default=33_000, help="nodes to store (all labels)")
    parser.add_argument("--relations", type=int, default=99_000, help="relations (MENTIONS too)")
    parser.add_argument("--documents", type=int, default=1_400, help="articles to spread over")
    parser.add_argument("--formats", default=",".join(FORMATS), help="formats to time")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of the streamed formats (the best counts)"
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic graph")
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = set(formats) - set(RDF_FORMATS)
    if unknown:
        parser.error(f"unknown formats: {', '.join(sorted(unknown))}")

    rows = []
    with tempfile.TemporaryDirectory(prefix="ucn-rdf-bench-") as tmp:
        seconds, store = timed(
            lambda: load_store(
                Path(tmp) / "graph.db", args.nodes, args.relations, args.documents, args.seed
            )
        )
        counts = store.stats()
        nodes = sum(counts["nodes"].values())
        relations = sum(counts["relations"].values())
        print(f"loaded {nodes:,} nodes and {relations:,} relations in {seconds:.1f}s", flush=True)
        graph = to_rdflib(iter_quads(store), dataset=False)
        triples = len(graph)
        print(f"{triples:,} triples", flush=True)
        dataset = None
        for fmt in formats:
            reference = graph
            if fmt in DATASET_FORMATS:
                if dataset is None:
                    dataset = to_rdflib(iter_quads(store), dataset=True)
                reference = dataset
            repeat = args.repeat if fmt in STREAMED else 1
            ours = export_run(store, fmt, Path(tmp) / f"ucn{RDF_FORMATS[fmt][1]}", repeat)
            theirs = rdflib_run(reference, fmt, Path(tmp) / f"rdflib{RDF_FORMATS[fmt][1]}", repeat)
            os.remove(Path(tmp) / f"ucn{RDF_FORMATS[fmt][1]}")
            os.remove(Path(tmp) / f"rdflib{RDF_FORMATS[fmt][1]}")
            row = {
                "format": fmt,
                "statements": ours["statements"],
                "ucn_seconds": round(ours["seconds"], 2),
                "ucn_triples_per_s": round(triples / ours["seconds"]),
                "rdflib_seconds": round(theirs["seconds"], 2),
                "rdflib_triples_per_s": round(triples / theirs["seconds"]),
                "ratio": round(theirs["seconds"] / ours["seconds"], 2),
                "bytes": ours["bytes"],
            }
            rows.append(row)
            print(
                f"{fmt}: ucn {row['ucn_seconds']}s, rdflib {row['rdflib_seconds']}s, "
                f"ratio {row['ratio']}",
                flush=True,
            )
        del graph, dataset
        null = Path(os.devnull)
        with null.open("wb") as out:
            stream_mb = peak_mb(lambda: export_rdf(store, "nt", out))
        graph_mb = peak_mb(lambda: to_rdflib(iter_quads(store), dataset=False))
        store.close()

    data = {
        "machine": {"python": platform.python_version(), "rdflib": rdflib.__version__},
        "graph": {"nodes": nodes, "relations": relations, "triples": triples},
        "formats": rows,
        "python_peak_mb": {"nt_streamed": round(stream_mb, 1), "rdflib_graph": round(graph_mb, 1)},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print()
    print(f"RDF export of {nodes:,} nodes, {relations:,} relations = {triples:,} triples")
    print("| format | ucn s | ucn triples/s | rdflib s | rdflib triples/s | ucn vs rdflib |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['format']} | {r['ucn_seconds']} | {r['ucn_triples_per_s']:,} | "
            f"{r['rdflib_seconds']} | {r['rdflib_triples_per_s']:,} | {r['ratio']}x |"
        )
    print(
        f"Python memory at peak: N-Triples streamed {stream_mb:.0f} MB, "
        f"the rdflib Graph the other formats build {graph_mb:.0f} MB"
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
