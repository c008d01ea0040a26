"""`ucn viz`: the graph, or a part of it, drawn as an interactive map (HTML) or a picture (PNG,
SVG)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .command_support import _store, min_confidence_option, parse_param, reports_errors
from .graph.errors import UcnError
from .output_files import write_atomically, write_binary_atomically
from .viz.mapdata import MAX_NODES

if TYPE_CHECKING:
    from .viz.mapdata import MapData


@click.command()
@click.option(
    "-o", "--output", default=None, metavar="FILE.html", help="The map [default: map.html]."
)
@click.option("--focus", metavar="ENTITY", help="An entity's neighbourhood (name, alias or id).")
@click.option(
    "--depth", type=click.IntRange(min=1), default=1, show_default=True, help="With --focus: ties."
)
@click.option("--network", metavar="NETWORK", help="A network, its members and their events.")
@click.option("--query", "cypher", metavar="CYPHER", help="The entities a Cypher query returns.")
@click.option("--name", metavar="QUERY", help="The entities a named query returns.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Parameters of --query or --name, as for `ucn query`.",
)
@click.option("--since", type=int, metavar="YEAR", help="Leave out what is dated before YEAR.")
@click.option("--until", type=int, metavar="YEAR", help="Leave out what is dated after YEAR.")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=MAX_NODES,
    show_default=True,
    help="Past this many, keep the most central entities that have a tie among those kept, "
    "and say so on the map.",
)
@min_confidence_option(0.0)
@click.option("--title", help="The map's title [default: says what it shows].")
@click.option(
    "--png", "png", metavar="FILE.png", help="Also (or, without -o, only) a static picture."
)
@click.option("--svg", "svg", metavar="FILE.svg", help="Also (or, without -o, only) an SVG.")
@click.pass_context
@reports_errors
def viz(
    ctx: click.Context,
    output: str | None,
    focus: str | None,
    depth: int,
    network: str | None,
    cypher: str | None,
    name: str | None,
    params: tuple[str, ...],
    since: int | None,
    until: int | None,
    max_nodes: int,
    min_confidence: float,
    title: str | None,
    png: str | None,
    svg: str | None,
) -> None:
    """Draw the graph, or a part of it, as an interactive map: one HTML file that works offline.

    \b
        ucn viz -o map.html
        ucn viz --focus "Đà Nẵng" --depth 2 -o da-nang.html
        ucn viz --network CityNet --since 2015 -o citynet.html
        ucn viz --name co-membership -p min_shared=2 -o pairs.html
        ucn viz --network CityNet --png citynet.png
        ucn viz --min-confidence 0.6 -o sure-ties.html
    """
    from .viz.maps import make_map

    data = make_map(
        _store(ctx),
        focus=focus,
        depth=depth,
        network=network,
        cypher=cypher,
        name=name,
        params=dict(parse_param(p) for p in params),
        since=since,
        until=until,
        max_nodes=max_nodes,
        title=title,
        min_confidence=min_confidence,
    )
    if not data.nodes:
        raise UcnError("nothing to draw: the graph, or the part of it chosen, has no entities")
    targets = {"html": output or (None if png or svg else "map.html"), "png": png, "svg": svg}
    for fmt, path in targets.items():
        if path is not None:
            write_map(data, path, fmt, err=path == "-")


def write_map(data: MapData, path: str, fmt: str, *, err: bool) -> None:
    """Write the map as `fmt` (html, png, svg) to `path`, and say what it holds."""
    if fmt == "html":
        from .viz import render_html

        write_atomically(path, render_html(data))
    else:
        from .viz.static import write_picture

        write_binary_atomically(path, lambda out: write_picture(data, out, fmt))
    click.echo(
        f"wrote {path}: {len(data.nodes)} entities, {len(data.edges)} relations"
        + (f" ({data.left_out} less central entities left out)" if data.left_out else ""),
        err=err,
    )
