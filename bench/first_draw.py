"""The map benchmark's browser figures: seconds until a page first draws in headless Chromium,
each run beside a run of an anchor page, vis-network alone with the same nodes and edges."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from timing import interleaved

VIEWPORT = {"width": 1400, "height": 900}
ANCHOR = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>anchor</title>
<style>html, body, #network { margin: 0; width: 100%; height: 100%; }</style></head>
<body><div id="network"></div>
<script>__VIS_JS__</script>
<script>
var raw = __DATA__;
var map = window.ucnMap = { drawn: false, drawnAt: null };
var network = new vis.Network(document.getElementById("network"),
  { nodes: new vis.DataSet(raw.nodes), edges: new vis.DataSet(raw.edges) },
  { physics: false, layout: { improvedLayout: false }, nodes: { shape: "dot" },
    edges: { smooth: false } });
network.once("afterDrawing", function () { map.drawn = true; map.drawnAt = performance.now(); });
</script></body></html>
"""


def anchor_page(data: Any) -> str:
    """The anchor: vis-network alone with the map's nodes (id, name, position) and edges."""
    from ucn.viz.html import json_for_script, vis_assets

    nodes = [{"id": n["id"], "label": n["label"], "x": n["x"], "y": n["y"]} for n in data.nodes]
    edges = [{"from": e["from"], "to": e["to"]} for e in data.edges]
    page = ANCHOR.replace("__VIS_JS__", vis_assets()[0])
    return page.replace("__DATA__", json_for_script({"nodes": nodes, "edges": edges}))


def _draw_times(browser: Any, path: Path, timeout_s: float) -> dict[str, float]:
    """One run: seconds from navigation to the first drawing (and to `stabilized`, when the
    page has it), as the page stamped them."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.set_default_timeout(timeout_s * 1000)
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("window.ucnMap && window.ucnMap.drawnAt", polling=50)
        row = {"drawn_s": page.evaluate("ucnMap.drawnAt") / 1000}
        if page.evaluate("'stabilized' in window.ucnMap"):
            page.wait_for_function("window.ucnMap.stabilizedAt", polling=50)
            row["stabilized_s"] = page.evaluate("ucnMap.stabilizedAt") / 1000
        return row
    finally:
        page.close()


def browser_times(
    pages: dict[str, tuple[Path, Path]], chromium: str, runs: int, timeout_s: float
) -> tuple[dict[str, dict[str, Any]], str | None]:
    """Per page: the first-draw seconds of the map and of its anchor in `runs` alternating
    runs, the median of each, and the ratio map / anchor (median and spread over the runs);
    or a note saying why there are none."""
    if not Path(chromium).exists():
        return {}, f"no browser at {chromium}: the browser columns are empty"
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}, "Playwright is not installed (pip install playwright): no browser columns"
    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox"], headless=True
        )
        try:
            # a first page warms the browser up (its processes, the script cache): not counted
            first = next(iter(pages.values()), None)
            if first is not None:
                _draw_times(browser, first[1], timeout_s)
            for name, (page_path, anchor_path) in pages.items():
                try:
                    times = interleaved(
                        runs,
                        {
                            "anchor": lambda a=anchor_path: _draw_times(browser, a, timeout_s),
                            "map": lambda p=page_path: _draw_times(browser, p, timeout_s),
                        },
                    )
                except PlaywrightError as exc:
                    results[name] = {"error": str(exc).splitlines()[0][:200]}
                    print(f"  chromium, {name}: {results[name]}", flush=True)
                    continue
                ucn, anchor = times["map"], times["anchor"]
                ratios = [u["drawn_s"] / a["drawn_s"] for u, a in zip(ucn, anchor, strict=True)]
                row = {
                    "runs": runs,
                    "anchor_drawn_s": [round(a["drawn_s"], 2) for a in anchor],
                    "drawn_s": [round(u["drawn_s"], 2) for u in ucn],
                    "stabilized_s": [round(u["stabilized_s"], 2) for u in ucn],
                    "anchor_median_s": round(statistics.median(a["drawn_s"] for a in anchor), 2),
                    "median_s": round(statistics.median(u["drawn_s"] for u in ucn), 2),
                    "stabilized_median_s": round(
                        statistics.median(u["stabilized_s"] for u in ucn), 2
                    ),
                    "ratio": round(statistics.median(ratios), 2),
                    "ratio_min": round(min(ratios), 2),
                    "ratio_max": round(max(ratios), 2),
                }
                results[name] = row
                print(f"  chromium, {name}: {row}", flush=True)
        finally:
            browser.close()
    return results, None
