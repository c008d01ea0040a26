"""Which part of the graph a map shows: all of it, an entity's neighbourhood, a network's
members and their events, what a query returns, and the years to keep."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..graph.document import year_of
from ..graph.store import GraphStore


def load_graph(store: GraphStore) -> tuple[nx.MultiDiGraph, dict[str, dict[str, Any]]]:
    """The entities and their relations (articles and MENTIONS left out), and the articles
    by id with their title, date and URL, which the evidence refers to."""
    full = store.to_networkx()
    articles = {
        node: {k: data.get(k) for k in ("title", "date", "url", "lang")}
        for node, data in full.nodes(data=True)
        if data.get("label") == "Article"
    }
    full.remove_nodes_from(list(articles))
    return full, articles


def ego(graph: nx.MultiDiGraph, center: str, depth: int) -> nx.MultiDiGraph:
    """`center` and everything within `depth` ties of it, in either direction."""
    reached = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), center, cutoff=depth
    )
    return graph.subgraph(reached).copy()


MEMBERSHIP = "MEMBER_OF"
EVENT_TIES = ("HOSTED", "ORGANIZED", "PARTICIPATED_IN", "SUPPORTED")


def network_view(graph: nx.MultiDiGraph, network: str) -> nx.MultiDiGraph:
    """A network, its members, the events the network or its members took part in (hosted,
    organised, attended, supported), and the ties among all of these."""
    members = {source for source, _, key in graph.in_edges(network, keys=True) if key == MEMBERSHIP}
    actors = members | {network}
    events = {
        target
        for actor in actors
        for _, target, key in graph.out_edges(actor, keys=True)
        if key in EVENT_TIES
    }
    return graph.subgraph(actors | events).copy()


def ids_in(rows: Iterable[Any], graph: nx.MultiDiGraph) -> set[str]:
    """The nodes a query's rows hold: nodes and paths it returned, id columns or lists of ids
    (`member_id`, `path_ids`), and names that only one node has (`networks` of co-membership)."""
    names: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        names.setdefault(data.get("name") or "", []).append(node)
    found: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, str):
            if value in graph:
                found.add(value)
            elif len(names.get(value, ())) == 1:
                found.add(names[value][0])
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, list | tuple):
            for item in value:
                visit(item)

    for row in rows:
        visit(row)
    return found


def within_years(
    graph: nx.MultiDiGraph, since: int | None, until: int | None, keep: Iterable[str] = ()
) -> nx.MultiDiGraph:
    """The graph as it stood between `since` and `until` (years, inclusive): events dated
    outside go, and so do ties whose start (or event date) is outside. Undated ties and events
    stay: nothing says they fall outside. Entities left with no tie go too, except `keep`."""
    if since is None and until is None:
        return graph

    def outside(year: int | None) -> bool:
        return year is not None and (
            (since is not None and year < since) or (until is not None and year > until)
        )

    out = graph.copy()
    out.remove_nodes_from(
        [
            n
            for n, d in graph.nodes(data=True)
            if d.get("label") == "Event" and outside(year_of(d.get("date")))
        ]
    )
    out.remove_edges_from(
        [
            (s, t, k)
            for s, t, k, d in out.edges(keys=True, data=True)
            if outside(year_of(d.get("since") or d.get("date")))
        ]
    )
    had_ties = {n for n in graph if graph.degree(n)}
    out.remove_nodes_from(
        [n for n in list(out) if n in had_ties and not out.degree(n) and n not in set(keep)]
    )
    return out


def at_least(
    graph: nx.MultiDiGraph, min_confidence: float | None, keep: Iterable[str] = ()
) -> nx.MultiDiGraph:
    """The graph without the ties less sure than `min_confidence` (the best confidence any of
    their articles gives); entities left with no tie go too, except `keep`."""
    if not min_confidence:
        return graph
    out = graph.copy()
    out.remove_edges_from(
        [
            (s, t, k)
            for s, t, k, d in graph.edges(keys=True, data=True)
            if d.get("confidence") is not None and d["confidence"] < min_confidence
        ]
    )
    had_ties = {n for n in graph if graph.degree(n)}
    out.remove_nodes_from(
        [n for n in list(out) if n in had_ties and not out.degree(n) and n not in set(keep)]
    )
    return out
