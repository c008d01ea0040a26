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

from functools import cache
from typing import Any, BinaryIO

from .mapdata import MapData
from .static_layout import AXES, FIGSIZE, chosen_nodes, frame, layout
from .static_marks import (
    LITERAL,
    MARKER_SCALE,
    display_text,
    draw_edges,
    draw_legends,
    draw_names,
    draw_nodes,
    marker_areas,
)
from .styles import node_styles

FORMATS = ("png", "svg")
# Past this many entities the picture keeps the most central ones (the rest would be a blot).
MAX_DRAWN = 300
# Names shown: those of the most central entities only.
LABELLED = 30
# Fonts tried in turn, glyph by glyph; those installed that have the Vietnamese letters are used.
FONTS = ("Noto Sans", "DejaVu Sans")
VIETNAMESE = "ĐđẵặờỹƯơ"
DPI = 150  # PNG: 2100 x 1500 pixels


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

    base = marker_areas(nodes)
    area = {
        n["id"]: base[n["id"]] * MARKER_SCALE.get(marker(n.get("type") or ""), 1.0) for n in nodes
    }
    radius = {node: a**0.5 / 2 for node, a in area.items()}  # points

    figure = Figure(figsize=FIGSIZE)
    FigureCanvasAgg(figure)
    ax = figure.add_axes(AXES)
    ax.set_axis_off()
    points_per_unit = frame(ax, pos)

    draw_edges(ax, edges, pos, radius, points_per_unit)
    order = draw_nodes(ax, nodes, pos, area, marker, styles)
    named = draw_names(ax, nodes, pos, radius, labelled, set(data.focus))
    if not pos:
        ax.text(
            0.5, 0.5, "nothing to draw", ha="center", va="center", transform=ax.transAxes, **LITERAL
        )

    figure.text(
        0.01,
        0.975,
        display_text(data.title, 120),
        fontsize=16,
        fontweight="bold",
        va="top",
        **LITERAL,
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
    draw_legends(figure, data, nodes, edges, order, marker, styles)
    return figure
