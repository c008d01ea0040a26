"""One call from a store to a map: choose the part of the graph, then build its data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..graph.errors import UcnError
from ..graph.store import GraphStore
from ..queries.resolve import EntityIndex
from .mapdata import MAX_NODES, MapData, build_map
from .select import at_least, ego, ids_in, load_graph, network_view, within_years


def make_map(
    store: GraphStore,
    *,
    focus: str | None = None,
    depth: int = 1,
    network: str | None = None,
    cypher: str | None = None,
    name: str | None = None,
    params: Mapping[str, Any] | None = None,
    since: int | None = None,
    until: int | None = None,
    max_nodes: int = MAX_NODES,
    title: str | None = None,
    min_confidence: float | None = None,
) -> MapData:
    """The map of the whole graph, or of one part of it:

    - `focus` (a name, alias or id) and `depth`: the entity and everything within `depth` ties;
    - `network`: the network, its members and their events;
    - `cypher` (with `params`) or the named query `name`: the entities its rows hold (nodes,
      paths, id columns) and the ties among them;
    - `since` / `until`: only what is dated within those years (undated ties stay);
    - `min_confidence`: only the ties at least that sure.
    """
    if sum(x is not None for x in (focus, network, cypher, name)) > 1:
        raise UcnError("choose one of focus, network, a Cypher query or a named query")
    graph, articles = load_graph(store)
    index = EntityIndex(store)
    keep: list[str] = []
    heading = "Urban cooperation network"
    if focus is not None:
        node = index.resolve(focus, what="focus")
        graph = ego(graph, node.id, depth)
        keep, heading = [node.id], f"{node.name}: ties within {depth}"
    elif network is not None:
        node = index.resolve(network, ("Network", "Organization"), what="network")
        graph = network_view(graph, node.id)
        keep, heading = [node.id], f"{node.name}: members and their events"
    elif cypher is not None or name is not None:
        if name is not None:
            from ..queries.library import run_named

            result = run_named(store, name, params or {}, index=index)
            rows = result.rows
            bound = [v for p, v in result.params.items() if p in result.resolved]
            heading = f"{result.query.name}: {result.query.description}"
        elif cypher is not None:
            rows, bound = store.run(cypher, dict(params or {})), []
            heading = "Query result"
        chosen = ids_in(rows, graph) | set(bound)
        graph = graph.subgraph(chosen).copy()
        keep = [b for b in bound if b in graph]
    graph = within_years(graph, since, until, keep)
    if since is not None or until is not None:
        heading += f" ({since or '…'}–{until or '…'})"
    graph = at_least(graph, min_confidence, keep)
    if min_confidence:
        heading += f" (confidence ≥ {min_confidence:g})"
    return build_map(graph, articles, title=title or heading, max_nodes=max_nodes, focus=keep)
