"""Network maps: one self-contained HTML file (vis-network, every script inlined, works offline)
and static PNG/SVG pictures, of the whole graph or a part of it.

Names are imported on first use, so that a short command loads only what it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
