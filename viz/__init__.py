"""Network maps: one self-contained HTML file (vis-network, every script inlined, works offline)
and static PNG/SVG pictures, of the whole graph or a part of it."""

from .html import render_html
from .mapdata import MapData, build_map

__all__ = ["MapData", "build_map", "render_html"]
