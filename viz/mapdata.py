"""The data a map draws: nodes and edges as vis-network wants them, with the evidence behind each
edge, the legend, and how much was left out. Built directly as lists (pyvis's `add_edge` checks
for duplicates edge by edge: seconds at 5k nodes, minutes at 20k)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

from ..graph.document import year_of
from .styles import edge_styles, node_styles

# Past this many nodes the map keeps the most central ones (a browser drawing more freezes).
MAX_NODES = 2000
# Past this many nodes physics stabilises once and stops.
PHYSICS_LIMIT = 500
SHOWN_PROPERTIES = ("kind", "country", "code", "date", "end_date", "location", "wikidata")
MEASURES = ("degree", "betweenness", "eigenvector", "community", "brokerage")


@dataclass
class MapData:
    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    articles: dict[str, dict[str, Any]]
    legend: dict[str, list[dict[str, Any]]]
    total_nodes: int
    total_edges: int
    size_by: str
    focus: list[str] = field(default_factory=list)

    @property
    def left_out(self) -> int:
        return self.total_nodes - len(self.nodes)

    def to_json_data(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "nodes": self.nodes,
            "edges": self.edges,
            "articles": self.articles,
            "legend": self.legend,
            "stats": {
                "nodes": len(self.nodes),
                "edges": len(self.edges),
                "total_nodes": self.total_nodes,
                "total_edges": self.total_edges,
                "left_out": self.left_out,
                "size_by": self.size_by,
            },
            "focus": self.focus,
            "physics": len(self.nodes) <= PHYSICS_LIMIT,
        }


def centrality(graph: nx.MultiDiGraph) -> tuple[dict[str, float], str]:
    """What sizes the nodes: the stored betweenness of `ucn analyze --write` when the graph has
    it, else the number of distinct neighbours on this map."""
    stored = {n: d.get("betweenness") for n, d in graph.nodes(data=True)}
    if any(v is not None for v in stored.values()):
        return {n: float(v or 0.0) for n, v in stored.items()}, "betweenness"
    import networkx as nx

    simple = nx.Graph(graph)
    return {n: float(simple.degree(n)) for n in graph}, "degree"


def _tooltip(name: str, label: str, data: dict[str, Any]) -> str:
    lines = [name, label]
    aliases = [a for a in data.get("aliases") or [] if a != name]
    if aliases:
        lines.append("also: " + ", ".join(aliases[:8]) + (" ..." if len(aliases) > 8 else ""))
    lines += [f"{key}: {data[key]}" for key in SHOWN_PROPERTIES if data.get(key) not in (None, "")]
    measured = [f"{key} {data[key]:.3g}" for key in MEASURES if data.get(key) is not None]
    if measured:
        lines.append(", ".join(measured))
    return "\n".join(lines)


def build_map(
    graph: nx.MultiDiGraph,
    articles: dict[str, dict[str, Any]],
    *,
    title: str = "Urban cooperation network",
    max_nodes: int = MAX_NODES,
    focus: Iterable[str] = (),
) -> MapData:
    """The map of `graph` (entities and relations, as `select` gives them), with at most
    `max_nodes` nodes: the most central ones, and the `focus` nodes in any case."""
    nodes_style, edges_style = node_styles(), edge_styles()
    focus = [f for f in focus if f in graph]
    score, size_by = centrality(graph)
    if len(graph) > max_nodes:
        ranked = sorted(graph, key=lambda n: (-score[n], n))
        keep = set(focus) | set(ranked[: max(0, max_nodes - len(focus))])
        drawn = graph.subgraph(keep)
    else:
        drawn = graph
    nodes = []
    for node, data in sorted(drawn.nodes(data=True)):
        label = data.get("label", "")
        style = nodes_style.get(label)
        name = data.get("name") or node
        nodes.append(
            {
                "id": node,
                "label": name,
                "type": label,
                "shape": style.shape if style else "dot",
                "color": style.color if style else "#777777",
                "value": score[node],
                "title": _tooltip(name, style.name if style else label, data),
                "aliases": [a for a in data.get("aliases") or [] if a != name],
                "year": year_of(data.get("date")) if label == "Event" else None,
                "community": data.get("community"),
            }
        )
    edges = []
    for number, (source, target, key, data) in enumerate(
        sorted(drawn.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    ):
        style = edges_style.get(key)
        target_label = drawn.nodes[target].get("label")
        date = drawn.nodes[target].get("date") if target_label == "Event" else None
        sources = list(data.get("sources") or [])
        evidence = list(data.get("evidence") or [])
        confidences = list(data.get("confidences") or [])
        edges.append(
            {
                "id": f"e{number}",
                "from": source,
                "to": target,
                "type": key,
                "label": style.name if style else key,
                "color": style.color if style else "#777777",
                "arrows": "to" if style is None or style.directed else "",
                "dashes": bool(style and style.dashed),
                "year": year_of(data.get("since") or data.get("date") or date),
                "properties": {
                    k: data[k] for k in ("since", "role", "kind", "title", "date") if data.get(k)
                },
                "facts": [
                    {
                        "article": article,
                        "sentence": evidence[i] if i < len(evidence) else "",
                        "confidence": confidences[i] if i < len(confidences) else None,
                    }
                    for i, article in enumerate(sources)
                ],
            }
        )
    cited = {fact["article"] for edge in edges for fact in edge["facts"]}
    legend = {
        "nodes": [
            {"type": s.label, "name": s.name, "color": s.color, "shape": s.shape}
            for s in nodes_style.values()
            if s.label != "Article"
        ],
        "edges": [
            {"type": s.type, "name": s.name, "color": s.color, "dashed": s.dashed}
            for s in edges_style.values()
            if s.type != "MENTIONS"
        ],
    }
    return MapData(
        title=title,
        nodes=nodes,
        edges=edges,
        articles={a: articles[a] for a in sorted(cited) if a in articles},
        legend=legend,
        total_nodes=len(graph),
        total_edges=graph.number_of_edges(),
        size_by=size_by,
        focus=focus,
    )
