"""Map benchmark: generation time and size of the interactive map, and the time until the page has
first drawn in headless Chromium, as a ratio to an anchor page drawn side by side, for synthetic
cooperation graphs of 1k, 5k and 20k entities.

    python bench/viz_bench.py [--sizes 1000,5000,20000] [--edges-per-node 3] [--seed 7]
                              [--repeat 3] [--runs 3] [--chromium /usr/bin/chromium]
                              [--no-browser] [--timeout 900]

Each graph is a networkx MultiDiGraph shaped like `ucn.viz.select.load_graph`'s: entities with
label, name, aliases and dates (the generator of bench/synthetic.py), about three relations per
entity keyed by relation type, each with its articles, evidence sentences and confidences. For
each size it times `build_map` (with `max_nodes` large enough to keep every entity, and again
with the default cap) and `render_html`, the fastest of --repeat runs, and measures the page.

Then it opens each page in headless Chromium (through Playwright, with the system's browser;
the capped page only where the cap left something out), --runs times, each run beside a run of
the anchor: a minimal vis-network page with the same nodes, edges and positions, dots, straight
edges and physics off, none of the map's styles, filters, tooltips or evidence. In both, the page
stamps performance.now() (milliseconds since navigation) at vis-network's first `afterDrawing`;
the map also when it is `stabilized` (positions settled and evidence unpacked). The runs
alternate anchor and map, so that a busy machine slows both alike: the ratio of the two is the
figure to compare across machines, with its spread over the runs. It also times `write_picture`
(PNG) on the 1k map, the first call and the next. Prints a table and writes bench-out/viz.json.
A benchmark, not a test: nothing is asserted. The targets (from the issue): at 5k entities and
15k relations, the page under 4 MB and drawn in at most 3 s where the anchor takes about 1.7 s
(a ratio of about 1.75 or less), generation well under a second (without the layout).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx

from ucn.viz import build_map, render_html
from ucn.viz.layout import positions
from ucn.viz.mapdata import MAX_NODES, PHYSICS_LIMIT
from ucn.viz.static import MAX_DRAWN, write_picture

from first_draw import anchor_page, browser_times
from report import MET, say, table_lines, write_json
from synthetic import map_graph
from timing import clock

OUT = Path(__file__).resolve().parent.parent / "bench-out" / "viz.json"
SIZES = (1_000, 5_000, 20_000)
TARGET_SECONDS_5K = 1.0  # generation without the layout
TARGET_MB_5K = 4.0
# at most 3 s to the first drawing where the anchor takes about 1.7 s (the figures)
TARGET_RATIO_5K = round(3.0 / 1.7, 2)
CHROMIUM = "/usr/bin/chromium"


def generate(
    graph: nx.MultiDiGraph, articles: dict[str, Any], max_nodes: int, repeat: int
) -> dict[str, Any]:
    """`build_map` and `render_html`, the fastest of `repeat` runs of each, and of the layout
    that `build_map` includes past PHYSICS_LIMIT nodes (timed again alone)."""
    builds, renders, layouts = [], [], []
    for _ in range(repeat):
        seconds, data = clock(lambda: build_map(graph, articles, max_nodes=max_nodes))
        builds.append(seconds)
        seconds, page = clock(lambda data=data: render_html(data))
        renders.append(seconds)
        if data.positioned:
            ids, ties = [n["id"] for n in data.nodes], [(e["from"], e["to"]) for e in data.edges]
            layouts.append(clock(lambda ids=ids, ties=ties: positions(ids, ties))[0])
    return {
        "max_nodes": max_nodes,
        "nodes": len(data.nodes),
        "edges": len(data.edges),
        "isolated": len(data.nodes) - len({x for e in data.edges for x in (e["from"], e["to"])}),
        "build_s": round(min(builds), 3),
        "layout_s": round(min(layouts), 3) if layouts else 0.0,
        "render_s": round(min(renders), 3),
        "total_s": round(min(builds) + min(renders), 3),
        "mb": round(len(page.encode("utf-8")) / 1e6, 2),
        "_page": page,
        "_data": data,
    }


def picture_times(data: Any) -> dict[str, Any]:
    """`write_picture` to PNG: the first call (imports matplotlib, reads the fonts) and the
    next."""
    times = []
    for _ in range(2):
        out = io.BytesIO()
        seconds, _ = clock(lambda out=out: write_picture(data, out, "png"))
        times.append(round(seconds, 2))
    return {
        "nodes": len(data.nodes),
        "first_s": times[0],
        "seconds": times[1],
        "mb": round(out.tell() / 1e6, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="entities per graph")
    parser.add_argument("--edges-per-node", type=float, default=3.0, help="relations per entity")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic graphs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per map (the best counts)")
    parser.add_argument(
        "--runs", type=int, default=3, help="browser runs per page, each beside an anchor run"
    )
    parser.add_argument("--chromium", default=CHROMIUM, help="the browser to draw the pages in")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser column")
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds to wait for one page to draw"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    rows: list[dict[str, Any]] = []
    picture: dict[str, Any] | None = None
    # a first map reads vis-network and the template from disk: not part of the figures
    render_html(build_map(*map_graph(50, args.edges_per_node, args.seed)))
    tmp = Path(tempfile.mkdtemp(prefix="ucn-viz-bench-"))
    try:
        pages: dict[str, tuple[Path, Path]] = {}
        for size in sizes:
            made_s, (graph, articles) = clock(
                lambda size=size: map_graph(size, args.edges_per_node, args.seed)
            )
            print(
                f"{size:,} entities: {graph.number_of_edges():,} relations, "
                f"generated in {made_s:.1f}s",
                flush=True,
            )
            full = generate(graph, articles, max(len(graph), 1), args.repeat)
            capped = generate(graph, articles, MAX_NODES, args.repeat)
            kinds = [("all", full)] + (
                [("capped", capped)] if capped["nodes"] < full["nodes"] else []
            )
            for kind, made in kinds:
                if made["_data"].positioned:
                    page, anchor = (
                        tmp / f"map-{size}-{kind}.html",
                        tmp / f"anchor-{size}-{kind}.html",
                    )
                    page.write_text(made["_page"], encoding="utf-8")
                    anchor.write_text(anchor_page(made["_data"]), encoding="utf-8")
                    pages[f"{size} {kind}"] = (page, anchor)
            if picture is None and size == 1_000:
                picture = picture_times(full["_data"])
            for made in (full, capped):
                made.pop("_page")
                made.pop("_data")
            rows.append(
                {
                    "entities": len(graph),
                    "relations": graph.number_of_edges(),
                    "all": full,
                    "capped": capped,
                }
            )
            print(f"  all: {full}\n  capped at {MAX_NODES:,}: {capped}", flush=True)
        browser: dict[str, dict[str, Any]] = {}
        note = "skipped (--no-browser)"
        if not args.no_browser:
            browser, note = browser_times(pages, args.chromium, args.runs, args.timeout)
        for row, size in zip(rows, sizes, strict=True):
            row["chromium"] = browser.get(f"{size} all")
            row["capped"]["chromium"] = browser.get(f"{size} capped")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    at_5k = next((r for r in rows if r["entities"] == 5_000), None)
    drawn_5k = (at_5k or {}).get("chromium") or {}
    data = {
        "machine": {
            "python": platform.python_version(),
            "networkx": nx.__version__,
            "matplotlib": matplotlib.__version__,
            "chromium": args.chromium if browser else None,
            "cores": os.cpu_count(),
        },
        "config": {
            "sizes": sizes,
            "edges_per_node": args.edges_per_node,
            "seed": args.seed,
            "repeat": args.repeat,
            "runs": args.runs,
            "default_max_nodes": MAX_NODES,
        },
        "maps": rows,
        "browser_note": note,
        "picture_png": picture,
        "target": {
            "generation_5k_s": TARGET_SECONDS_5K,
            "page_5k_mb": TARGET_MB_5K,
            "ratio_5k": TARGET_RATIO_5K,
            "generation_met": None
            if at_5k is None
            else at_5k["all"]["total_s"] - at_5k["all"]["layout_s"] < TARGET_SECONDS_5K,
            "page_met": None if at_5k is None else at_5k["all"]["mb"] <= TARGET_MB_5K,
            "ratio_met": None if "ratio" not in drawn_5k else drawn_5k["ratio"] <= TARGET_RATIO_5K,
        },
    }
    write_json(args.out, data)
    print_report(data)
    print(f"wrote {args.out}")
    return 0


def print_report(data: dict[str, Any]) -> None:
    def s(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    print(
        f"\nucn map benchmark (seed {data['config']['seed']}; every entity kept, then capped at "
        f"{data['config']['default_max_nodes']:,}; {data['config']['runs']} browser runs each)"
    )
    table = [
        (
            "entities",
            "relations",
            "kept",
            "nodes / edges",
            "isolated",
            "build s",
            "layout s",
            "render s",
            "MB",
            "anchor drawn s",
            "map drawn s",
            "ratio",
            "spread",
            "stabilised s",
        )
    ]
    for row in data["maps"]:
        kinds = [("all", row["all"], row.get("chromium"))]
        if row["capped"]["nodes"] < row["all"]["nodes"]:
            kinds.append(("capped", row["capped"], row["capped"].get("chromium")))
        for kind, made, drawn in kinds:
            drawn = drawn or {}
            failed = "failed" if "error" in drawn else "-"
            table.append(
                (
                    f"{row['entities']:,}",
                    f"{row['relations']:,}",
                    kind,
                    f"{made['nodes']:,} / {made['edges']:,}",
                    f"{made['isolated']:,}",
                    s(made["build_s"]),
                    s(made["layout_s"]),
                    s(made["render_s"]),
                    f"{made['mb']:.2f}",
                    s(drawn["anchor_median_s"]) if "ratio" in drawn else failed,
                    s(drawn["median_s"]) if "ratio" in drawn else failed,
                    s(drawn["ratio"]) if "ratio" in drawn else failed,
                    f"{drawn['ratio_min']:.2f}-{drawn['ratio_max']:.2f}"
                    if "ratio" in drawn
                    else "-",
                    s(drawn["stabilized_median_s"]) if "ratio" in drawn else "-",
                )
            )
    print("\n".join(table_lines(table)))
    say(
        "kept: every entity, or the default cap; isolated: kept entities with no kept tie; build: "
        "build_map (selection, layout, evidence), of which layout: the positions (igraph, past "
        f"{PHYSICS_LIMIT} entities); render: render_html; anchor / map drawn: medians of "
        "seconds from navigation to vis-network's first drawing in headless Chromium, the anchor "
        "(vis-network alone, same nodes, edges and positions, dots, physics off) and the map run "
        "in turn; "
        "ratio: median of map / anchor per run, spread: its least and greatest; stabilised: the "
        "map settled and its evidence unpacked."
    )
    if data["browser_note"]:
        say(f"browser: {data['browser_note']}")
    for row in data["maps"]:
        for kind, found in (
            ("all", row.get("chromium")),
            ("capped", row["capped"].get("chromium")),
        ):
            if found and "error" in found:
                say(f"browser at {row['entities']:,} ({kind}): {found['error']}")
    target = data["target"]
    met = {**MET, None: "not measured"}
    say(
        f"targets at 5k entities: page under {target['page_5k_mb']:.0f} MB: "
        f"{met[target['page_met']]}; first drawing at most {target['ratio_5k']:.2f} times the "
        f"anchor's (3 s where it takes 1.7 s): {met[target['ratio_met']]}; generation without "
        f"the layout under {target['generation_5k_s']:.0f} s: {met[target['generation_met']]}"
    )
    if data["picture_png"]:
        p = data["picture_png"]
        say(
            f"write_picture png at {p['nodes']:,} entities ({MAX_DRAWN} drawn): "
            f"{p['seconds']:.2f} s "
            f"({p['first_s']:.2f} s the first time, with matplotlib's imports), {p['mb']:.2f} MB"
        )


if __name__ == "__main__":
    sys.exit(main())
