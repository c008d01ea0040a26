"""The marks of the static picture, on matplotlib axes: edges, node markers, names and legends,
in the colours, shapes and dashes of the interactive map (viz/styles.py)."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from typing import Any

from .mapdata import MapData
from .static_layout import AXES

NAME_CHARS = 40
OTHER_COLOR = "#777777"
# Area of a node marker, points squared: the least and the most central.
SIZE_MIN, SIZE_MAX = 40.0, 700.0
# Markers that fill less of their box than a disc are drawn larger.
MARKER_SCALE = {"*": 1.8, "^": 1.2, "P": 1.1, "D": 0.8}
DASHES = (0, (4, 2))
ARROW_LENGTH, ARROW_HALF_WIDTH = 7.0, 2.6  # points
CROWDED = 200  # edges past which they are drawn thinner and fainter
# Names and titles are drawn as written: no math text between two `$` (`$5 and $6`, `US$ 5`),
# no TeX. Given to every Text that shows words from the graph.
LITERAL: dict[str, Any] = {"parse_math": False, "usetex": False}


def display_text(value: Any, limit: int = NAME_CHARS) -> str:
    text = unicodedata.normalize("NFC", str(value)).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def marker_areas(nodes: list[dict[str, Any]]) -> dict[str, float]:
    """Marker areas (points squared) by centrality, before the marker's own scale."""
    values = {n["id"]: float(n.get("value") or 0.0) for n in nodes}
    low, high = min(values.values(), default=0.0), max(values.values(), default=0.0)
    span = high - low
    return {
        node: SIZE_MIN + (SIZE_MAX - SIZE_MIN) * ((value - low) / span if span else 0.3)
        for node, value in values.items()
    }


def draw_edges(
    ax: Any,
    edges: list[dict[str, Any]],
    pos: dict[str, Any],
    radius: dict[str, float],
    points_per_unit: float,
) -> None:
    """Edges as one line collection and one collection of arrowheads: parallel ties between two
    entities bend apart, each stops at its nodes' rims, directed ones end in an arrowhead."""
    import numpy as np
    from matplotlib.collections import LineCollection, PolyCollection

    between: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        if edge["from"] != edge["to"]:
            first, second = sorted((edge["from"], edge["to"]))
            between[first, second].append(edge)
    lines, colors, styles, heads, head_colors = [], [], [], [], []
    crowded = len(edges) > CROWDED
    arrow = ARROW_LENGTH * (0.7 if crowded else 1.0) / points_per_unit
    half = ARROW_HALF_WIDTH * (0.7 if crowded else 1.0) / points_per_unit
    alpha = _edge_alpha(len(edges))
    for (first, _), group in sorted(between.items()):
        for i, edge in enumerate(group):
            start, end = np.array(pos[edge["from"]]), np.array(pos[edge["to"]])
            chord = end - start
            length = float(np.hypot(*chord))
            if length == 0:
                continue
            bend = 0.0 if len(group) == 1 else 0.3 * (i - (len(group) - 1) / 2)
            if edge["from"] != first:
                bend = -bend
            control = (start + end) / 2 + bend * np.array([-chord[1], chord[0]])
            directed = edge.get("arrows") == "to"
            t0 = radius[edge["from"]] / points_per_unit / length
            t1 = 1 - (radius[edge["to"]] / points_per_unit + (arrow if directed else 0)) / length
            if t1 <= t0:
                continue  # the two nodes overlap
            t = np.linspace(t0, t1, 12 if bend else 2)[:, None]
            curve = (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t**2 * end
            color = edge.get("color") or OTHER_COLOR
            lines.append(curve)
            colors.append(color)
            styles.append(DASHES if edge.get("dashes") else "solid")
            if directed:
                tangent = 2 * (1 - t1) * (control - start) + 2 * t1 * (end - control)
                tangent /= max(float(np.hypot(*tangent)), 1e-12)
                normal = np.array([-tangent[1], tangent[0]])
                base = curve[-1]
                heads.append([base + tangent * arrow, base + normal * half, base - normal * half])
                head_colors.append(color)
    if lines:
        ax.add_collection(
            LineCollection(
                lines,
                colors=colors,
                linestyles=styles,
                linewidths=0.6 if crowded else 0.9,
                alpha=alpha,
                zorder=1,
            ),
            autolim=False,
        )
    if heads:
        ax.add_collection(
            PolyCollection(heads, facecolors=head_colors, edgecolors="none", alpha=alpha, zorder=2),
            autolim=False,
        )


def _edge_alpha(edges: int) -> float:
    """Fainter edges the more there are, so that many stay a web rather than a blot."""
    return 0.7 if edges <= CROWDED else max(0.25, 0.7 * (CROWDED / edges) ** 0.5)


def draw_nodes(
    ax: Any,
    nodes: list[dict[str, Any]],
    pos: dict[str, Any],
    area: dict[str, float],
    marker: Any,
    styles: dict[str, Any],
) -> list[str]:
    """One scatter per type, in the model's order, the least central first (drawn under);
    returns the types in that order."""
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in reversed(nodes):
        by_type[node.get("type") or ""].append(node)
    order = [t for t in styles if t in by_type] + sorted(t for t in by_type if t not in styles)
    for node_type in order:
        group = by_type[node_type]
        ax.scatter(
            [pos[n["id"]][0] for n in group],
            [pos[n["id"]][1] for n in group],
            s=[area[n["id"]] for n in group],
            c=[n.get("color") or OTHER_COLOR for n in group],
            marker=marker(node_type),
            edgecolors="white",
            linewidths=0.7,
            zorder=3,
        )
    return order


def draw_names(
    ax: Any,
    nodes: list[dict[str, Any]],
    pos: dict[str, Any],
    radius: dict[str, float],
    labelled: int,
    focus: set[str],
) -> int:
    """The names of the focus and of the `labelled` most central entities, above (or else
    below) each, most central first: clear of the names already placed and of the markers of
    the others, or else of those of the more central ones, or left out (except the focus);
    returns how many were placed."""
    from matplotlib.transforms import Bbox

    renderer = ax.figure.canvas.get_renderer()
    pixels = ax.figure.dpi / 72
    placed: list[Any] = []
    chosen = [n for n in nodes if n["id"] in focus] + [
        n for n in nodes[:labelled] if n["id"] not in focus
    ]
    markers = {}
    for node in chosen:
        x, y = ax.transData.transform(pos[node["id"]])
        r = radius[node["id"]] * pixels
        markers[node["id"]] = Bbox.from_extents(x - r, y - r, x + r, y + r)
    for rank, node in enumerate(chosen):
        others = [box for other, box in markers.items() if other != node["id"]]
        above = [markers[other["id"]] for other in chosen[:rank]]
        size = 11 if rank < 5 or node["id"] in focus else 9 if rank < 15 else 8
        # clear of names and markers, else of names and the markers of the more central (the
        # focus is named in any case)
        for side, obstacles in ((1, others), (-1, others), (1, above), (-1, above)):
            text = ax.annotate(
                display_text(node.get("label") or node["id"]),
                tuple(pos[node["id"]]),
                xytext=(0, side * (radius[node["id"]] + 2)),
                textcoords="offset points",
                ha="center",
                va="bottom" if side > 0 else "top",
                fontsize=size,
                fontweight="bold" if node["id"] in focus else "normal",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
                zorder=4,
                **LITERAL,
            )
            extent = text.get_window_extent(renderer).expanded(1.06, 1.25)
            if not any(extent.overlaps(box) for box in placed + obstacles) or (
                obstacles is above and node["id"] in focus and side < 0
            ):
                placed.append(extent)
                break
            text.remove()
    return len(placed)


def draw_legends(
    figure: Any,
    data: MapData,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    order: list[str],
    marker: Any,
    styles: dict[str, Any],
) -> None:
    """The entity types and relation types on the picture, with how many of each, in the map's
    legend order and words."""
    from matplotlib.lines import Line2D

    node_legend = {item["type"]: item for item in data.legend.get("nodes", [])}
    type_count = Counter(n.get("type") or "" for n in nodes)
    node_handles = []
    for t in order:
        item = node_legend.get(t) or {
            "name": styles[t].name if t in styles else t or "other",
            "color": styles[t].color if t in styles else OTHER_COLOR,
        }
        node_handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker=marker(t),
                markersize=9 * MARKER_SCALE.get(marker(t), 1.0) ** 0.5,
                markerfacecolor=item["color"],
                markeredgecolor="white",
                label=f"{item['name']} ({type_count[t]:,})",
            )
        )
    edge_legend = {item["type"]: item for item in data.legend.get("edges", [])}
    first_edge: dict[str, dict[str, Any]] = {}
    for edge in edges:
        first_edge.setdefault(edge.get("type") or "", edge)
    edge_count = Counter(e.get("type") or "" for e in edges)
    edge_handles = []
    edge_order = [t for t in edge_legend if t in edge_count]
    for t in edge_order + sorted(set(edge_count) - set(edge_legend)):
        item = edge_legend.get(t) or {
            "name": first_edge[t].get("label") or t or "other",
            "color": first_edge[t].get("color") or OTHER_COLOR,
            "dashed": bool(first_edge[t].get("dashes")),
        }
        edge_handles.append(
            Line2D(
                [],
                [],
                color=item["color"],
                linewidth=2,
                linestyle=DASHES if item["dashed"] else "solid",
                label=f"{item['name']} ({edge_count[t]:,})",
            )
        )
    left, top = AXES[0] + AXES[2] + 0.01, AXES[1] + AXES[3]
    common = {"loc": "upper left", "frameon": False, "fontsize": 9, "title_fontsize": 10}
    if node_handles:
        entities = figure.legend(
            handles=node_handles, title="Entities", bbox_to_anchor=(left, top), **common
        )
        entities.set_alignment("left")
        _literal(entities)
        drawn = entities.get_window_extent(figure.canvas.get_renderer())
        top = drawn.y0 / figure.bbox.height - 0.03
    if edge_handles:
        relations = figure.legend(
            handles=edge_handles,
            title="Relations",
            bbox_to_anchor=(left, top),
            handlelength=2.6,
            **common,
        )
        relations.set_alignment("left")
        _literal(relations)


def _literal(legend: Any) -> None:
    """Draw the legend's title and labels as written (LITERAL)."""
    for text in (legend.get_title(), *legend.get_texts()):
        text.set_parse_math(False)
        text.set_usetex(False)
