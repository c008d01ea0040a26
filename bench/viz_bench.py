"""Map benchmark: generation time and file size of the interactive map, and the time until the page
has drawn in headless Chromium, for synthetic cooperation graphs of 1k, 5k and 20k entities.

    python bench/viz_bench.py [--sizes 1000,5000,20000] [--edges-per-node 3] [--seed 7]
                              [--repeat 3] [--chromium /usr/bin/chromium] [--no-browser]
                              [--timeout 900]

Each graph is a networkx MultiDiGraph shaped like `ucn.viz.select.load_graph`'s: entities with
label, name, aliases and dates (the generator of bench/load_bench.py), about three relations per
entity keyed by relation type, each with its articles, evidence sentences and confidences. For
each size it times `build_map` (with `max_nodes` large enough to keep every entity, and again
with the default cap) and `render_html`, the fastest of --repeat runs, and measures the page.
Then it opens each page in headless Chromium (through Playwright, with the system's browser;
the capped page only where the cap left something out) and reads, inside the page, the time
from navigation until `window.ucnMap.drawn` and until `window.ucnMap.stabilized`. It also
times `write_picture` (PNG) on the 1k map, the first call and the next. Prints a table
and writes bench-out/viz.json. A benchmark, not a test: nothing is asserted; the target (from
the issue) is generation well under a second at 5k entities.
"""

from __future__ import annotations

import argparse
import bisect
import io
import itertools
import json
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx

from ucn.graph import MODEL
from ucn.viz import build_map, render_html
from ucn.viz.mapdata import MAX_NODES
from ucn.viz.static import MAX_DRAWN, write_picture

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_bench import (
    RELATION_WEIGHTS,
    _date,
    _entity_counts,
    _make_entity,
    _relation_properties,
    say,
    table_lines,
)

OUT = Path(__file__).resolve().parent.parent / "bench-out" / "viz.json"
SIZES = (1_000, 5_000, 20_000)
TARGET_SECONDS_5K = 1.0
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1400, "height": 900}
# Popularity within a label falls off as 1 / rank ** SKEW: a few hubs (networks, capitals).
SKEW = 0.8
SENTENCE = "{a} và {b}: theo bài báo, hai bên đã ký kết thỏa thuận hợp tác về phát triển đô thị."


def synthetic_graph(
    entities: int, edges_per_node: float, seed: int
) -> tuple[nx.MultiDiGraph, dict[str, dict[str, Any]]]:
    """A cooperation graph of `entities` entities and about `edges_per_node` relations each,
    and the articles its evidence cites (one per ten entities)."""
    rng = random.Random(seed)
    n_articles = max(1, entities // 10)
    articles = {
        f"article/{i:06d}": {
            "title": f"Hợp tác đô thị, bài {i}",
            "date": _date(rng),
            "url": f"https://example.org/tin-tuc/{i}",
            "lang": "vi" if i % 3 else "en",
        }
        for i in range(n_articles)
    }
    article_ids = list(articles)
    graph = nx.MultiDiGraph()
    by_label: dict[str, list[str]] = {}
    for label, count in _entity_counts(entities).items():
        by_label[label] = []
        for index in range(count):
            entity = _make_entity(rng, label, index)
            if entity.id in graph:
                continue
            by_label[label].append(entity.id)
            graph.add_node(
                entity.id,
                label=label,
                id=entity.id,
                name=entity.name,
                aliases=list(entity.aliases),
                sources=rng.sample(article_ids, min(len(article_ids), rng.randint(1, 3))),
                **{"kind": None, "wikidata": None, **entity.properties},
            )
    cumulative = {
        label: list(itertools.accumulate(1 / (rank + 1) ** SKEW for rank in range(len(ids))))
        for label, ids in by_label.items()
    }

    def pick(labels: tuple[str, ...]) -> str | None:
        labels = tuple(label for label in labels if by_label.get(label))
        if not labels:
            return None
        label = rng.choices(labels, weights=[len(by_label[x]) for x in labels])[0]
        weights = cumulative[label]
        index = bisect.bisect_left(weights, rng.random() * weights[-1])
        return by_label[label][min(index, len(weights) - 1)]

    rel_types, rel_weights = list(RELATION_WEIGHTS), list(RELATION_WEIGHTS.values())
    wanted = round(entities * edges_per_node)
    attempts = added = 0
    while added < wanted and attempts < wanted * 20:
        attempts += 1
        rel_type = rng.choices(rel_types, weights=rel_weights)[0]
        relation = MODEL.relations[rel_type]
        source, target = pick(relation.sources), pick(relation.targets)
        if source is None or target is None or source == target:
            continue
        if relation.symmetric and target < source:
            source, target = target, source
        if graph.has_edge(source, target, key=rel_type):
            continue
        cited = rng.sample(article_ids, min(len(article_ids), rng.choice((1, 1, 1, 2, 3))))
        names = graph.nodes[source]["name"], graph.nodes[target]["name"]
        confidences = [round(rng.uniform(0.5, 0.99), 2) for _ in cited]
        graph.add_edge(
            source,
            target,
            key=rel_type,
            type=rel_type,
            sources=cited,
            evidence=[SENTENCE.format(a=names[0], b=names[1]) for _ in cited],
            confidences=confidences,
            confidence=max(confidences),
            **_relation_properties(rng, rel_type),
        )
        added += 1
    return graph, articles


def timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def generate(
    graph: nx.MultiDiGraph, articles: dict[str, Any], max_nodes: int, repeat: int
) -> dict[str, Any]:
    """`build_map` and `render_html`, the fastest of `repeat` runs of each."""
    builds, renders = [], []
    for _ in range(repeat):
        seconds, data = timed(lambda: build_map(graph, articles, max_nodes=max_nodes))
        builds.append(seconds)
        seconds, page = timed(lambda data=data: render_html(data))
        renders.append(seconds)
    return {
        "max_nodes": max_nodes,
        "nodes": len(data.nodes),
        "edges": len(data.edges),
        "build_s": round(min(builds), 3),
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
        seconds, _ = timed(lambda out=out: write_picture(data, out, "png"))
        times.append(round(seconds, 2))
    return {
        "nodes": len(data.nodes),
        "first_s": times[0],
        "seconds": times[1],
        "mb": round(out.tell() / 1e6, 2),
    }


def browser_times(
    pages: dict[str, Path], chromium: str, timeout_s: float
) -> tuple[dict[str, dict[str, Any]], str | None]:
    """Seconds from navigation until the map has drawn and until it has stabilised, read in
    the page (performance.now()), per size; or a note saying why there are none."""
    if not Path(chromium).exists():
        return {}, f"no browser at {chromium}: the browser column is empty"
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}, "Playwright is not installed (pip install playwright): no browser column"
    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox"], headless=True
        )
        try:
            for name, path in pages.items():
                page = browser.new_page(viewport=VIEWPORT)
                page.set_default_timeout(timeout_s * 1000)
                row: dict[str, Any] = {}
                try:
                    page.goto(path.as_uri(), wait_until="load")
                    row["loaded_s"] = page.evaluate("performance.now()") / 1000
                    for flag in ("drawn", "stabilized"):
                        page.wait_for_function(
                            f"window.ucnMap && window.ucnMap.{flag}",
                            polling=100,
                            timeout=timeout_s * 1000,
                        )
                        row[f"{flag}_s"] = page.evaluate("performance.now()") / 1000
                except PlaywrightError as exc:
                    row["error"] = str(exc).splitlines()[0][:200]
                finally:
                    page.close()
                results[name] = {
                    k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()
                }
                print(f"  chromium, {name}: {results[name]}", flush=True)
        finally:
            browser.close()
    return results, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="entities per graph")
    parser.add_argument("--edges-per-node", type=float, default=3.0, help="relations per entity")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic graphs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per map (the best counts)")
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
    render_html(build_map(*synthetic_graph(50, args.edges_per_node, args.seed)))
    tmp = Path(tempfile.mkdtemp(prefix="ucn-viz-bench-"))
    try:
        pages: dict[str, Path] = {}
        for size in sizes:
            made_s, (graph, articles) = timed(
                lambda size=size: synthetic_graph(size, args.edges_per_node, args.seed)
            )
            print(
                f"{size:,} entities: {graph.number_of_edges():,} relations, "
                f"generated in {made_s:.1f}s",
                flush=True,
            )
            full = generate(graph, articles, max(len(graph), 1), args.repeat)
            capped = generate(graph, articles, MAX_NODES, args.repeat)
            pages[f"{size} all"] = tmp / f"map-{size}.html"
            pages[f"{size} all"].write_text(full.pop("_page"), encoding="utf-8")
            if capped["nodes"] < full["nodes"]:
                pages[f"{size} capped"] = tmp / f"map-{size}-capped.html"
                pages[f"{size} capped"].write_text(capped["_page"], encoding="utf-8")
            capped.pop("_page")
            if picture is None and size == 1_000:
                picture = picture_times(full["_data"])
            full.pop("_data")
            capped.pop("_data")
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
            browser, note = browser_times(pages, args.chromium, args.timeout)
        for row, size in zip(rows, sizes, strict=True):
            row["chromium"] = browser.get(f"{size} all")
            row["capped"]["chromium"] = browser.get(f"{size} capped")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    at_5k = next((r["all"]["total_s"] for r in rows if r["entities"] == 5_000), None)
    data = {
        "machine": {
            "python": platform.python_version(),
            "networkx": nx.__version__,
            "matplotlib": matplotlib.__version__,
            "chromium": args.chromium if browser else None,
        },
        "config": {
            "sizes": sizes,
            "edges_per_node": args.edges_per_node,
            "seed": args.seed,
            "repeat": args.repeat,
            "default_max_nodes": MAX_NODES,
        },
        "maps": rows,
        "browser_note": note,
        "picture_png": picture,
        "target": {
            "generation_5k_s": TARGET_SECONDS_5K,
            "met": None if at_5k is None else at_5k < TARGET_SECONDS_5K,
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print_report(data)
    print(f"wrote {args.out}")
    return 0


def print_report(data: dict[str, Any]) -> None:
    def s(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    def browser(row: dict[str, Any] | None, key: str) -> str:
        found = (row or {}).get("chromium")
        if not found:
            return "-"
        if "error" in found and key not in found:
            return "failed"
        return s(found.get(key))

    print(
        f"\nucn map benchmark (seed {data['config']['seed']}; all entities kept, then capped at "
        f"{data['config']['default_max_nodes']:,})"
    )
    header = ("entities", "relations", "build s", "render s", "total s", "MB")
    capped_header = ("capped s", "capped MB", "capped drawn s")
    table = [(*header, "drawn s", "stabilised s", *capped_header)]
    for row in data["maps"]:
        full, capped = row["all"], row["capped"]
        sizes = (f"{row['entities']:,}", f"{row['relations']:,}")
        timing = (s(full["build_s"]), s(full["render_s"]), s(full["total_s"]), f"{full['mb']:.1f}")
        table.append(
            (
                *sizes,
                *timing,
                browser(row, "drawn_s"),
                browser(row, "stabilized_s"),
                s(capped["total_s"]),
                f"{capped['mb']:.1f}",
                browser(capped, "drawn_s") if capped["nodes"] < full["nodes"] else "(all)",
            )
        )
    print("\n".join(table_lines(table)))
    say(
        "build: build_map (selection, styles, evidence); render: render_html (template, inlined "
        "vis-network, escaped JSON); drawn / stabilised: seconds from navigation until "
        "window.ucnMap.drawn / .stabilized in headless Chromium, read in the page."
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
    if target["met"] is not None:
        say(
            f"target: generation under {target['generation_5k_s']:.0f} s at 5k entities: "
            + ("met" if target["met"] else "MISSED")
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
