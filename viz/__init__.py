"""Network maps: one self-contained HTML file (vis-network, every script inlined, works offline)
and static PNG/SVG pictures, of the whole graph or a part of it.

Names are imported on first use, so that a short command loads only what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..graph.lazy import lazy_exports

if TYPE_CHECKING:
    from .html import render_html
    from .mapdata import MapData, build_map
    from .maps import make_map

_EXPORTS = {
    "render_html": ".html",
    "MapData": ".mapdata",
    "build_map": ".mapdata",
    "make_map": ".maps",
}

__all__ = [
    "MapData",
    "build_map",
    "make_map",
    "render_html",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
