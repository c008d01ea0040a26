"""Where each node of a large map sits, worked out before the page opens: igraph's
Fruchterman-Reingold layout (compiled C, about 0.7 s for 5,000 entities) for each connected part,
and the parts packed in rows, largest first, so that a part of two entities or a lone entity does
not fling itself to the edge and shrink the rest to a dot when the page fits the view.

The same graph gives the same positions: igraph draws its random numbers from a seeded generator,
and nodes and ties are given to it in a fixed order.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

# Canvas units per entity: a part of n entities takes a square of about SPACING * sqrt(n) a side
# (vis-network draws nodes 8 to 40 units wide).
SPACING = 55.0
# Between two packed parts, and the width of a lone entity's cell.
GAP = 45.0
# Rows of parts are about this much wider than tall (the map's part of the page).
ASPECT = 1.1
SEED = 7
# Parts past this many nodes are laid out with igraph's grid.
GRID_PAST = 300


def positions(
    nodes: Sequence[str], ties: Iterable[tuple[str, str]], *, seed: int = SEED
) -> dict[str, tuple[int, int]]:
    """Whole-unit positions of `nodes` (ties between them in either direction, repeats and loops
    allowed): each connected part laid out by itself and scaled to its size, the parts packed in
    rows."""
    import igraph

    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in ties if a != b})
    graph = igraph.Graph(n=len(nodes), edges=pairs)
    parts = sorted(graph.connected_components(), key=lambda part: (-len(part), part[0]))
    igraph.set_random_number_generator(random.Random(seed))
    try:
        laid = [_part(graph, part) for part in parts]
    finally:
        igraph.set_random_number_generator(random)
    return _pack(nodes, laid)


def _part(graph: object, part: list[int]) -> tuple[list[int], list[tuple[float, float]], float]:
    """One connected part: its members, their positions from (0, 0) and its side."""
    if len(part) == 1:
        return part, [(0.0, 0.0)], 0.0
    if len(part) == 2:
        return part, [(0.0, 0.0), (SPACING, 0.0)], SPACING
    alone = graph.induced_subgraph(part)  # type: ignore[attr-defined]
    # the grid (repulsion from near nodes only) makes a part of 900 nodes 10 times faster
    # (0.06 s); igraph's own default uses it only past 1,000
    grid = "grid" if len(part) > GRID_PAST else "nogrid"
    coords = alone.layout_fruchterman_reingold(grid=grid).coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    low_x, low_y = min(xs), min(ys)
    span = max(max(xs) - low_x, max(ys) - low_y, 1e-9)
    side = SPACING * math.sqrt(len(part))
    scale = side / span
    # induced_subgraph keeps the vertices in the order of `part` (ascending ids)
    members = sorted(part)
    spots = [((x - low_x) * scale, (y - low_y) * scale) for x, y in zip(xs, ys, strict=True)]
    return members, spots, side


def _pack(
    nodes: Sequence[str], laid: list[tuple[list[int], list[tuple[float, float]], float]]
) -> dict[str, tuple[int, int]]:
    """The parts in rows, largest first, each row about ASPECT times the height of the whole."""
    boxes = []
    for members, spots, _ in laid:
        width = max(x for x, _ in spots) + GAP
        height = max(y for _, y in spots) + GAP
        boxes.append((members, spots, width, height))
    area = sum(width * height for _, _, width, height in boxes)
    row_width = max([math.sqrt(area * ASPECT)] + [width for _, _, width, _ in boxes])
    placed: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for members, spots, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for member, (px, py) in zip(members, spots, strict=True):
            placed[nodes[member]] = (round(x + px), round(y + py))
        x += width
        row_height = max(row_height, height)
    return placed
