"""Query benchmark: latency of every named query on a synthetic cooperation graph, and analysis.

    python bench/query_bench.py [--nodes 100000 --relations 500000] [--runs 20] [--rounds 4]
                                [--seed 7] [--analyze-nodes 20000] [--skip-analyze] [--db PATH]

Builds a seeded synthetic cooperation graph (about --nodes nodes and --relations relations,
articles and MENTIONS included) and loads it through the public API (extraction documents,
parse_document, Batch.of, store.write, as bench/load_bench.py does) into a fresh embedded store.
The graph has the shape the named queries ask about: countries with ISO-like codes grouped in
regions (planted communities), cities carrying their country's code, organisations, people and
networks at home in a region, a few global networks; articles tell stories of networks gaining
members (MEMBER_OF with since and role), events with hosts, organisers, participants and
supporters, partnerships (PARTNER_OF), support and posts, within a region mostly; popularity is
skewed, so a few hub cities, networks and events carry many ties. Every fact has sources, an
evidence sentence per source and confidences; some are restated by later articles, so they
carry several.

With --db PATH the graph is kept in that store file (its regions in PATH.bench.json beside it)
and later runs with the same --nodes, --relations and --seed reuse it rather than build it again.

It then reopens the store, picks parameters from the graph (the busiest city, the largest
network, the busiest event, the country with the most cities, cities of two regions) and times
every named query with `run_named`, entity parameters given as ids: one warm-up run (when the
engine compiles it), then --runs timed runs (5 for a query whose warm-up took over 2 s) spread
over --rounds rounds through every query, so that a burst of load from elsewhere falls on several
queries rather than on one query's runs. It reports the median, the 95th percentile (nearest
rank) beside the goal for it (100 ms for a query about one entity, 300 ms for a global one:
every pair, every type), and the rows returned; beside them the median of an anchor, the
engine's simplest read of the same relations (a count with no grouping: every pair the query
counts, every tie each way, the entity's ties, the path search alone), timed in the same rounds,
and the ratio of the two medians, which moves less than the times on a shared machine; and the
time `bind` takes on the same values (checking them and looking the ids up), which is part of
the query's time. It also
times resolving a name rather than an id through `ucn.queries.resolve.EntityIndex` (an exact
name, and the name in lower case without diacritics, which reads every node's names on first
use; goal 50 ms), and a whole `ucn query --name participants-of` process, start to end.

Last, unless --skip-analyze, it builds a second, smaller graph (--analyze-nodes nodes and
proportionally fewer relations) and times what `ucn analyze --write` does:
`ucn.queries.analytics.analyze` (reading the graph into networkx included) and `write_measures`,
reporting whether betweenness was exact or sampled. Prints tables and writes
bench-out/queries.json. This is a benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx

from ucn.graph import GraphStore, open_store
from ucn.graph.ids import slugify
from ucn.queries.library import bind, get_query, run_named
from ucn.queries.resolve import EntityIndex, _gazetteer_ids

from query_cases import Case, cases, pick_parameters
from report import environment, say, table_lines, write_json
from synthetic_regions import NODES_PER_ARTICLE, REGIONS, build_store, reuse_or_build
from timing import clock, nearest_rank

OUT = Path(__file__).resolve().parent.parent / "bench-out" / "queries.json"
SLOW_SECONDS = 2.0  # a query whose warm-up takes longer is timed SLOW_RUNS times only
SLOW_RUNS = 5
RESOLVE_MS = 50.0  # the goal for resolving a name
CLI_RUNS = 3


# -- timing -----------------------------------------------------------------------------------
def time_cases(
    store: GraphStore, listed: list[Case], runs: int, rounds: int, index: EntityIndex
) -> list[dict[str, Any]]:
    """Each case's warm-up run (the engine compiles the query then; later runs reuse the plan),
    then its timed runs spread over `rounds` rounds through every case, so that a burst of load
    from elsewhere on the machine falls on several queries rather than on one query's runs.
    In each round a case's runs and its anchor's alternate."""
    out: list[dict[str, Any]] = []
    samples: list[list[float]] = []
    anchors: list[list[float]] = []
    binds: list[list[float]] = []
    per_round: list[int] = []
    for case in listed:
        row: dict[str, Any] = {"query": case.query, "what": case.what, "values": case.values}
        out.append(row)
        samples.append([])
        anchors.append([])
        binds.append([])
        if case.skip:
            row["skipped"] = case.skip
            per_round.append(0)
            continue
        first, result = clock(lambda c=case: run_named(store, c.query, c.values, index=index))
        if case.anchor:
            store.run(case.anchor, case.anchor_values)
        n = runs if first < SLOW_SECONDS else min(runs, SLOW_RUNS)
        per_round.append(max(1, math.ceil(n / rounds)))
        row.update(
            bound=result.params,
            rows=len(result.rows),
            warm_up_ms=round(first * 1000, 2),
            first_row=result.rows[0] if result.rows else None,
            target_ms=case.target_ms,
            anchor=case.anchor or None,
        )
        print(f"{case.query} ({case.what}): warm-up {first * 1000:,.0f} ms", flush=True)
    for _ in range(rounds):
        for i, case in enumerate(listed):
            query = get_query(case.query)
            for _ in range(per_round[i]):
                run = lambda c=case: run_named(store, c.query, c.values, index=index)  # noqa: E731
                samples[i].append(clock(run)[0])
                binds[i].append(clock(lambda q=query, c=case: bind(q, c.values, store, index))[0])
                if case.anchor:
                    anchors[i].append(clock(lambda c=case: store.run(c.anchor, c.anchor_values))[0])
    for row, seconds, anchor, binding in zip(out, samples, anchors, binds, strict=True):
        if "skipped" in row:
            continue
        row.update(
            runs=len(seconds),
            median_ms=round(statistics.median(seconds) * 1000, 2),
            p95_ms=round(nearest_rank(seconds, 0.95) * 1000, 2),
            min_ms=round(min(seconds) * 1000, 2),
            max_ms=round(max(seconds) * 1000, 2),
            bind_median_ms=round(statistics.median(binding) * 1000, 2),
            anchor_median_ms=round(statistics.median(anchor) * 1000, 2) if anchor else None,
        )
    return out


def time_cli(path: Path, event: str) -> float:
    """Milliseconds a whole `ucn query --name participants-of` process takes (the median)."""
    command = [sys.executable, "-m", "ucn", "--db", str(path), "query", "--name"]
    command += ["participants-of", "-p", f"event={event}", "--format", "csv"]
    seconds = [
        clock(lambda: subprocess.run(command, check=True, capture_output=True))[0]
        for _ in range(CLI_RUNS)
    ]
    return round(statistics.median(seconds) * 1000, 1)


def time_resolution(store: GraphStore, entity_id: str, name: str) -> dict[str, Any]:
    """Resolving an entity parameter given as an id, its exact name, or its name in lower case
    without diacritics (which reads every node's names, then compares folded keys in Python): the
    median of 3 runs, each on a fresh EntityIndex, as each `ucn query` process has."""
    folded = slugify(name).replace("-", " ")
    out: dict[str, Any] = {"id": entity_id, "name": name, "folded": folded}
    # The gazetteer is loaded once per process, on the first name not found exactly.
    out["gazetteer_ms"] = round(clock(_gazetteer_ids)[0] * 1000, 1)

    def fresh(work: Callable[[EntityIndex], Any]) -> float:
        return statistics.median(clock(lambda: work(EntityIndex(store)))[0] for _ in range(3))

    for what, value in (("id", entity_id), ("exact_name", name), ("folded_name", folded)):
        out[f"{what}_ms"] = round(fresh(lambda index, v=value: index.resolve(v)) * 1000, 1)
        out[f"{what}_found"] = EntityIndex(store).resolve(value).id
    out["read_names_ms"] = round(fresh(lambda index: index.nodes()) * 1000, 1)
    index = EntityIndex(store)
    out["names_read"] = len(index.nodes())
    again = statistics.median(clock(lambda: index.resolve(folded))[0] for _ in range(3))
    out["folded_name_again_ms"] = round(again * 1000, 1)
    return out


def time_analysis(path: Path, nodes: int, relations: int, seed: int) -> dict[str, Any]:
    try:
        from ucn.queries import analytics
    except ImportError as error:  # the module was being written when this bench was
        return {"skipped": f"ucn.queries.analytics is not available ({error})"}
    built = build_store(path, nodes, relations, seed)
    del built["graph"]
    print(
        f"analysis graph: {sum(built['stats']['nodes'].values()):,} nodes, "
        f"{sum(built['stats']['relations'].values()):,} relations, loaded in "
        f"{built['load_seconds']:.1f}s",
        flush=True,
    )
    store = open_store(db=path, create=False)
    try:
        read, graph = clock(store.to_networkx)
        edges = graph.number_of_edges()
        del graph
        seconds, analysis = clock(lambda: analytics.analyze(store, seed=42))
        written_seconds, written = clock(lambda: analytics.write_measures(store, analysis))
    finally:
        store.close()
    sampled = [n for n in analysis.notes if "betweenness estimated" in n]
    return {
        "build": {k: v for k, v in built.items() if k != "stats"},
        "stats": built["stats"],
        "to_networkx_seconds": round(read, 2),
        "networkx_edges": edges,
        "analyze_seconds": round(seconds, 2),
        "write_measures_seconds": round(written_seconds, 2),
        "nodes_measured": len(analysis.nodes),
        "nodes_written": written,
        "communities": len(analysis.communities),
        "comembership_pairs": len(analysis.comembership),
        "betweenness": "betweenness sampled" if sampled else "betweenness exact",
        "notes": list(analysis.notes),
    }


# -- report -----------------------------------------------------------------------------------
def _ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def print_report(data: dict[str, Any]) -> None:
    cfg, big = data["config"], data["graph"]
    nodes, relations = big["nodes"], big["relations"]
    print(
        f"\nucn query benchmark: {nodes:,} nodes, {relations:,} relations "
        f"({big['relations_by_type'].get('MENTIONS', 0):,} MENTIONS), seed {cfg['seed']}, "
        f"ladybug {data['environment']['ladybug']}, {data['environment']['cpus']} cpus"
    )
    say(
        f"built in {big['generate_seconds'] + big['load_seconds']:.1f}s: generating "
        f"{big['documents']:,} articles {big['generate_seconds']:.1f}s, loading them "
        f"(parse_document, Batch.of, store.write) {big['load_seconds']:.1f}s. Reopening the "
        f"store took {data['open_ms']:.0f} ms. A whole `ucn query --name participants-of` "
        f"process (start, imports, open, resolve, query, print) takes "
        f"{data['cli_ms']:,.0f} ms (median of {CLI_RUNS})."
    )
    header = ("query", "median ms", "p95 ms", "goal", "", "anchor ms", "x anchor", "rows")
    rows = [(*header, "runs", "bind ms", "parameters")]
    for r in data["queries"]:
        if "skipped" in r:
            rows.append((r["query"], *[""] * 9, f"skipped: {r['skipped']}"))
            continue
        anchor = r.get("anchor_median_ms")
        rows.append(
            (
                r["query"],
                _ms(r["median_ms"]),
                _ms(r["p95_ms"]),
                f"<= {r['target_ms']:,.0f}",
                "ok" if r["p95_ms"] <= r["target_ms"] else "OVER",
                _ms(anchor) if anchor else "",
                f"{r['median_ms'] / anchor:,.1f}" if anchor else "",
                f"{r['rows']:,}",
                str(r["runs"]),
                _ms(r["bind_median_ms"]),
                r["what"],
            )
        )
    print()
    print("\n".join(table_lines(rows)))
    cfg = data["config"]
    say(
        f"\nrun_named with entity parameters given as ids; the store warm (one warm-up run "
        f"first, when the engine compiles the query). The runs are spread over "
        f"{cfg['rounds']} rounds through every query; p95 is the nearest rank of the runs, "
        f"`goal` the p95 asked for (a query about one entity, or a global one). The anchor is "
        f"the engine's simplest read of the same relations (a count, no grouping: every pair "
        f"the query counts; every tie, each way; the entity's ties; the path search alone), "
        f"timed beside the query in the same rounds, and `x anchor` the ratio of the medians: "
        f"on a machine shared with other work the ratio moves less than the times. `bind ms` is "
        f"the part of each run spent checking the values and looking the ids up (bind)."
    )
    res = data["resolution"]
    say(
        f"\nresolving an entity parameter (a fresh EntityIndex each), the busiest city with "
        f"diacritics in its name ({res['name']!r}): by id {res['id_ms']:.0f} ms; "
        f"by the exact name {res['exact_name_ms']:.0f} ms; by the name without diacritics "
        f"({res['folded']!r}) {res['folded_name_ms']:,.0f} ms: reading {res['names_read']:,} "
        f"nodes' names takes {res['read_names_ms']:,.0f} ms, matching the folded name against "
        f"them {res['folded_name_again_ms']:,.0f} ms once they are read (medians of 3; "
        f"loading the gazetteer, once per process on the first inexact name, "
        f"{res['gazetteer_ms']:,.0f} ms more). Goal: {RESOLVE_MS:.0f} ms."
    )
    a = data.get("analysis")
    if not a:
        return
    if "skipped" in a:
        say(f"\nanalysis: skipped, {a['skipped']}")
        return
    stored = a["stats"]
    print(
        f"\nucn analyze on {sum(stored['nodes'].values()):,} nodes, "
        f"{sum(stored['relations'].values()):,} relations "
        f"({a['nodes_measured']:,} entities measured):"
    )
    rows = [
        ("step", "seconds", ""),
        ("read the graph (to_networkx, alone)", f"{a['to_networkx_seconds']:.1f}", ""),
        ("analyze (reading included)", f"{a['analyze_seconds']:.1f}", a["betweenness"]),
        ("write_measures", f"{a['write_measures_seconds']:.1f}", f"{a['nodes_written']:,} nodes"),
    ]
    print("\n".join("  " + line for line in table_lines(rows)))
    for note in a["notes"]:
        say(f"  note: {note}")


# -- main -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--nodes", type=int, default=100_000, help="nodes (articles included)")
    parser.add_argument(
        "--relations", type=int, default=500_000, help="relations (MENTIONS included)"
    )
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument(
        "--rounds", type=int, default=4, help="rounds the runs are spread over (3 or more)"
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic graphs")
    parser.add_argument(
        "--analyze-nodes", type=int, default=20_000, help="nodes of the graph `analyze` measures"
    )
    parser.add_argument("--skip-analyze", action="store_true", help="time the queries only")
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path")
    parser.add_argument(
        "--db",
        type=Path,
        help="keep the benchmark graph in this store file: built there on the first run, "
        "reused as it is by later runs with the same --nodes, --relations and --seed "
        "(default: a fresh store in a temporary folder)",
    )
    args = parser.parse_args(argv)
    if args.nodes < 100 * NODES_PER_ARTICLE or args.runs < 1 or args.rounds < 1:
        parser.error(
            f"--nodes must be at least {100 * NODES_PER_ARTICLE}, --runs and --rounds at least 1"
        )

    data: dict[str, Any] = {
        "config": {
            "nodes": args.nodes,
            "relations": args.relations,
            "runs": args.runs,
            "rounds": args.rounds,
            "seed": args.seed,
            "regions": REGIONS,
            "analyze_nodes": None if args.skip_analyze else args.analyze_nodes,
            "analyze_relations": None
            if args.skip_analyze
            else round(args.relations * args.analyze_nodes / args.nodes),
        },
        "environment": environment(ladybug, nx, machine=True),
    }
    with tempfile.TemporaryDirectory(prefix="ucn-query-bench-") as tmp:
        path = args.db or Path(tmp) / "queries.db"
        built = reuse_or_build(path, args.db is not None, args.nodes, args.relations, args.seed)
        region = built.pop("region")
        stats = built.pop("stats")
        data["graph"] = {
            **{k: round(v, 2) if isinstance(v, float) else v for k, v in built.items()},
            "nodes": sum(stats["nodes"].values()),
            "relations": sum(stats["relations"].values()),
            "nodes_by_label": stats["nodes"],
            "relations_by_type": stats["relations"],
        }
        print(
            f"built {data['graph']['nodes']:,} nodes, {data['graph']['relations']:,} relations in "
            f"{built['generate_seconds'] + built['load_seconds']:.1f}s",
            flush=True,
        )
        open_seconds, store = clock(lambda: open_store(db=path, create=False))
        try:
            data["open_ms"] = round(open_seconds * 1000, 1)
            picks = pick_parameters(store, region)
            data["picks"] = vars(picks)
            index = EntityIndex(store)
            data["queries"] = time_cases(store, cases(picks), args.runs, args.rounds, index)
            data["resolution"] = time_resolution(store, *picks.accented)
        finally:
            store.close()
        data["cli_ms"] = time_cli(path, picks.event)
        if not args.skip_analyze:
            relations = data["config"]["analyze_relations"]
            data["analysis"] = time_analysis(
                Path(tmp) / "analyze.db", args.analyze_nodes, relations, args.seed
            )

    print_report(data)
    write_json(args.out, data, ensure_ascii=False, default=str)
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
