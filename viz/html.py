"""The map as one HTML file: our template, vis-network's script and style inlined from the pyvis
package (nothing is fetched when the page opens), the data as escaped JSON.

Of vis-network's style sheet only the rules for what a map uses are kept (the tooltip, the
overlay): the rest styles the navigation buttons, the editing toolbar and the configurator, which
a map never turns on, and is 215 kB of inlined pictures."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .mapdata import MapData, expand

VIS_VERSION = "9.1.2"
_TOKEN = re.compile(r"__UCN_(TITLE|VIS_CSS|VIS_JS|DATA)__")
# In a <script> element only "</script" and "<!--" end or confuse the text; escaping every
# <, > and & (and the line separators JavaScript once rejected) keeps any name inert.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's script and style sheet, as the installed pyvis ships them."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}"
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise RuntimeError(f"pyvis does not ship vis-network {VIS_VERSION} at {folder}") from exc
    # a stray "</script" or "</style" inside would end the element early
    return script.replace("</script", "<\\/script"), _used_rules(style).replace(
        "</style", "<\\/style"
    )


# Parts of vis-network a map never turns on (navigationButtons, manipulation, configure).
_UNUSED_CSS = (
    "color-picker",
    "configuration",
    "config-",
    "manipulation",
    "navigation",
    "vis-button",
    "edit-mode",
    "vis-close",
    "vis-label",
    "vis-separator-line",
    "vis-none",
)


def _used_rules(style: str) -> str:
    """vis-network's style sheet without the rules of the parts a map never turns on."""
    kept = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", style):
        used = [s for s in selectors.split(",") if not any(u in s for u in _UNUSED_CSS)]
        if used:
            kept.append(",".join(used) + "{" + body + "}")
    return "".join(kept)


@cache
def _template() -> str:
    return resources.files(__package__).joinpath("template.html").read_text(encoding="utf-8")


def json_for_script(value: object) -> str:
    """JSON that can sit inside a <script> element whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def render_html(data: MapData) -> str:
    """The self-contained page for `data`."""
    script, style = vis_assets()
    values = {
        "TITLE": html.escape(data.title),
        "VIS_CSS": style,
        "VIS_JS": script,
        "DATA": json_for_script(data.to_json_data()),
    }
    return _TOKEN.sub(lambda m: values[m.group(1)], _template())


_DATA = re.compile(r'<script type="application/json" id="ucn-data">(.*?)</script>', re.S)


def read_page(page: str) -> dict[str, Any]:
    """The data of a map page that `render_html` wrote: the compact form as the page carries it,
    with its `nodes`, `edges` and `articles` read back as `MapData` holds them (`expand`)."""
    found = _DATA.search(page)
    if found is None:
        raise ValueError("not a ucn map: the page has no data element")
    raw = json.loads(found.group(1))
    return {**raw, **expand(raw)}
