"""Where the static picture puts things: the entities it keeps, their positions (each connected
part laid out by itself, the parts packed in rows) and the frame of the axes around them."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .mapdata import MapData, backbone

SEED = 7
FIGSIZE = (14.0, 10.0)  # inches
AXES = (0.01, 0.01, 0.77, 0.86)  # the drawing's part of the figure: left, bottom, width, height
LAYOUT_ITERATIONS = 100
PART_GAP = 1.0  # between connected parts, in about the distance of neighbouring nodes


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


def frame(ax: Any, pos: dict[str, Any]) -> float:
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
