"""A map as a static picture for reports (PNG or SVG): a seeded force layout from networkx, drawn
with matplotlib's Agg and SVG renderers (no pyplot, no global backend), in the colours, shapes and
dashes of the interactive map (viz/styles.py).

The picture keeps the `MAX_DRAWN` most central entities (and the map's focus), each with a tie
among those kept, as the map's cap chooses them, and names only the `LABELLED` most central, so
that it stays readable; its subtitle says how many were left out. The same map gives the same
bytes: the layout is seeded, and no creation date is written. Text stays text in an SVG, in a
font that has the Vietnamese letters (Noto Sans when installed, else DejaVu Sans, which
matplotlib ships).

    >>> import io
    >>> from ucn.viz.static import write_picture
    >>> out = io.BytesIO()
    >>> write_picture(data, out, "svg")  # data: a MapData, from build_map or make_map
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from functools import cache
from typing import Any, BinaryIO

import networkx as nx

from .mapdata import MapData, backbone
from .styles import node_styles

FORMATS = ("png", "svg")
# Past this many entities the picture keeps the most central ones (the rest would be a blot).
MAX_DRAWN = 300
# Names shown: those of the most central entities only.
LABELLED = 30
SEED = 7
# Fonts tried in turn, glyph by glyph; those installed that have the Vietnamese letters are used.
FONTS = ("Noto Sans", "DejaVu Sans")
VIETNAMESE = "ĐđẵặờỹƯơ"
FIGSIZE = (14.0, 10.0)  # inches
AXES = (0.01, 0.01, 0.77, 0.86)  # the drawing's part of the figure: left, bottom, width, height
DPI = 150  # PNG: 2100 x 1500 pixels
NAME_CHARS = 40
OTHER_COLOR = "#777777"
# Area of a node marker, points squared: the least and the most central.
SIZE_MIN, SIZE_MAX = 40.0, 700.0
# Markers that fill less of their box than a disc are drawn larger.
MARKER_SCALE = {"*": 1.8, "^": 1.2, "P": 1.1, "D": 0.8}
DASHES = (0, (4, 2))
ARROW_LENGTH, ARROW_HALF_WIDTH = 7.0, 2.6  # points
LAYOUT_ITERATIONS = 100
CROWDED = 200  # edges past which they are drawn thinner and fainter
PART_GAP = 1.0  # between connected parts, in about the distance of neighbouring nodes
# Names and titles are drawn as written: no math text between two `$` (`$5 and $6`, `US$ 5`),
# no TeX. Given to every Text that shows words from the graph.
LITERAL: dict[str, Any] = {"parse_math": False, "usetex": False}


def write_picture(
    data: MapData,
    out: BinaryIO,
    fmt: str,
    *,
    max_nodes: int = MAX_DRAWN,
    labelled: int = LABELLED,
) -> None:
    """Write the picture of `data` to the binary stream `out` as `fmt` ("png" or "svg")."""
    if fmt not in FORMATS:
        raise ValueError(f"a picture is one of {', '.join(FORMATS)}, not {fmt!r}")
    from matplotlib import rc_context

    with rc_context(
        {
            "font.family": font_families(),
            "svg.fonttype": "none",  # text as <text>, searchable and selectable
            "svg.hashsalt": "ucn",  # ids of clip paths and such: the same every run
            "text.usetex": False,  # names are not TeX (LITERAL)
        }
    ):
        figure = draw(data, max_nodes=max_nodes, labelled=labelled)
        if fmt == "svg":
            metadata: dict[str, Any] = {"Date": None, "Creator": "ucn", "Title": data.title}
        else:
            metadata = {"Software": "ucn", "Title": data.title}
        figure.savefig(out, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")


@cache
def font_families() -> list[str]:
    """The fonts of `FONTS` that are installed and have the Vietnamese letters, in that order."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    found = []
    for family in FONTS:
        try:
            path = font_manager.findfont(family, fallback_to_default=False)
        except ValueError:
            continue
        charmap = FT2Font(path).get_charmap()
        if all(ord(char) in charmap for char in VIETNAMESE):
            found.append(family)
    return found or ["DejaVu Sans"]


# -- what is drawn, and where ------------------------------------------------------------------
def chosen_nodes(data: MapData, max_nodes: int) -> list[dict[str, Any]]:
    """The map's nodes, most central first (ties by id); past `max_nodes`, the focus and the
    backbone of the most central ones, as the map's own cap chooses them (each with a tie
    among those kept)."""
    ranked = sorted(data.nodes, key=lambda n: (-float(n.get("value") or 0.0), n["id"]))
    if len(ranked) <= max_nodes:
        return ranked
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from(n["id"] for n in ranked)
    graph.add_edges_from(
        (e["from"], e["to"], {"sources": [f["article"] for f in e["facts"]]}) for e in data.edges
    )
    score = {n["id"]: float(n.get("value") or 0.0) for n in ranked}
    kept = backbone(graph, score, max_nodes, [f for f in data.focus if f in score])
    return [n for n in ranked if n["id"] in kept]


def layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Positions: each connected part laid out by itself (a seeded Fruchterman-Reingold layout,
    numpy only, no scipy), sized by its number of nodes, and the parts packed in rows, largest
    first (in one layout the repulsion would fling the loose entities to the edges)."""
    import numpy as np

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(sorted(n["id"] for n in nodes))
    graph.add_edges_from(sorted((e["from"], e["to"]) for e in edges if e["from"] != e["to"]))
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    boxes = []
    for part in parts:
        if len(part) == 1:
            spots = np.zeros((1, 2))
        else:
            # a graph of its own, nodes and edges in a fixed order: a subgraph view would list
            # them in the order of a set, which changes with Python's string hashing
            alone: nx.Graph[str] = nx.Graph()
            alone.add_nodes_from(part)
            alone.add_edges_from(sorted((u, v) if u <= v else (v, u) for u, v in graph.edges(part)))
            placed = nx.spring_layout(
                alone, seed=SEED, method="force", iterations=LAYOUT_ITERATIONS
            )
            spots = np.array([placed[node] for node in part], dtype=float)
            spots -= spots.min(axis=0)
            spots *= len(part) ** 0.5 / max(float(spots.max()), 1e-9)
        boxes.append((part, spots, spots.max(axis=0) + PART_GAP))
    area = sum(float(size[0] * size[1]) for _, _, size in boxes)
    aspect = AXES[2] * FIGSIZE[0] / (AXES[3] * FIGSIZE[1])
    row_width = max([(area * aspect) ** 0.5] + [float(size[0]) for _, _, size in boxes])
    pos: dict[str, Any] = {}
    x = y = row_height = 0.0
    for part, spots, size in boxes:
        if x > 0 and x + size[0] > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for node, (px, py) in zip(part, spots, strict=True):
            pos[node] = (x + float(px), y - float(py))
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    return pos


def _text(value: Any, limit: int = NAME_CHARS) -> str:
    text = unicodedata.normalize("NFC", str(value)).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _areas(nodes: list[dict[str, Any]]) -> dict[str, float]:
    """Marker areas (points squared) by centrality, before the marker's own scale."""
    values = {n["id"]: float(n.get("value") or 0.0) for n in nodes}
    low, high = min(values.values(), default=0.0), max(values.values(), default=0.0)
    span = high - low
    return {
        node: SIZE_MIN + (SIZE_MAX - SIZE_MIN) * ((value - low) / span if span else 0.3)
        for node, value in values.items()
    }


def subtitle(data: MapData, shown: int, relations: int, named: int) -> str:
    lines = [
        f"{shown:,} entities and {relations:,} relations; node size: {data.size_by}; "
        + ("all named" if named >= shown else f"names of {named:,} of the most central")
    ]
    left_out = data.total_nodes - shown
    if left_out > 0:
        lines.append(
            f"Showing the {shown:,} most central of {data.total_nodes:,} entities "
            f"(by {data.size_by}): {left_out:,} left out."
        )
    return "\n".join(lines)


# -- drawing -----------------------------------------------------------------------------------
def draw(data: MapData, *, max_nodes: int = MAX_DRAWN, labelled: int = LABELLED) -> Any:
    """The matplotlib Figure of the picture (with an Agg canvas)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    styles = node_styles()
    nodes = chosen_nodes(data, max_nodes)
    kept = {n["id"] for n in nodes}
    edges = [e for e in data.edges if e["from"] in kept and e["to"] in kept]
    pos = layout(nodes, edges)

    def marker(node_type: str) -> str:
        style = styles.get(node_type)
        return style.marker if style else "o"

    base = _areas(nodes)
    area = {
        n["id"]: base[n["id"]] * MARKER_SCALE.get(marker(n.get("type") or ""), 1.0) for n in nodes
    }
    radius = {node: a**0.5 / 2 for node, a in area.items()}  # points

    figure = Figure(figsize=FIGSIZE)
    FigureCanvasAgg(figure)
    ax = figure.add_axes(AXES)
    ax.set_axis_off()
    points_per_unit = _frame(ax, pos)

    _draw_edges(ax, edges, pos, radius, points_per_unit)
    order = _draw_nodes(ax, nodes, pos, area, marker, styles)
    named = _draw_names(ax, nodes, pos, radius, labelled, set(data.focus))
    if not pos:
        ax.text(
            0.5, 0.5, "nothing to draw", ha="center", va="center", transform=ax.transAxes, **LITERAL
        )

    figure.text(
        0.01, 0.975, _text(data.title, 120), fontsize=16, fontweight="bold", va="top", **LITERAL
    )
    figure.text(
        0.01,
        0.935,
        subtitle(data, len(nodes), len(edges), named),
        fontsize=10,
        color="#444444",
        va="top",
        linespacing=1.4,
        **LITERAL,
    )
    _draw_legends(figure, data, nodes, edges, order, marker, styles)
    return figure


def _frame(ax: Any, pos: dict[str, Any]) -> float:
    """Set the axes' limits around `pos`, widened so that both directions have the same scale,
    and return points per layout unit."""
    width, height = AXES[2] * FIGSIZE[0] * 72, AXES[3] * FIGSIZE[1] * 72  # points
    if not pos:
        return 1.0
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    pad = 0.06 * max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    x0, x1 = min(xs) - pad, max(xs) + pad
    y0, y1 = min(ys) - pad, max(ys) + 1.6 * pad  # room for the names above the top row
    scale = min(width / (x1 - x0), height / (y1 - y0))
    grow_x, grow_y = (width / scale - (x1 - x0)) / 2, (height / scale - (y1 - y0)) / 2
    ax.set_xlim(x0 - grow_x, x1 + grow_x)
    ax.set_ylim(y0 - grow_y, y1 + grow_y)
    return scale


def _draw_edges(
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


def _draw_nodes(
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


def _draw_names(
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
                _text(node.get("label") or node["id"]),
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


def _draw_legends(
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
