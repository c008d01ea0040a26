"""The data a map draws: nodes and edges as vis-network wants them, with the evidence behind each
edge, the legend, and how much was left out. Built directly as lists (pyvis's `add_edge` checks
for duplicates edge by edge: seconds at 5k nodes, minutes at 20k).

Past `MAX_NODES` entities the map keeps a backbone (`backbone`): the most central entities that
have a tie among those kept, and every tie among them; an entity with no tie is never what a cap
keeps. Past `PHYSICS_LIMIT` the positions are worked out here (viz/layout.py) and the page opens
with physics off.

The page carries the data compactly (`to_json_data`, read back by `expand` and by the page's
script): styles once per type, nodes and edges as arrays that refer to each other, to the
articles and to the evidence sentences by number, each sentence written once.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

from ..graph.document import year_of
from .styles import edge_styles, node_styles

# Past this many nodes the map keeps the most central ones (a browser drawing more is slow).
MAX_NODES = 2000
# Past this many nodes the positions are computed before the page opens and physics is off
# (vis-network's own layout kept a page of 150 entities blank for about 2 s, of 480 for 7 s).
PHYSICS_LIMIT = 100
SHOWN_PROPERTIES = ("kind", "country", "code", "date", "end_date", "location", "wikidata")
MEASURES = ("degree", "betweenness", "eigenvector", "community", "brokerage")
OTHER_COLOR = "#777777"
# The compact data's version: the page's script reads this one.
FORMAT = 2


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

    @property
    def positioned(self) -> bool:
        """Whether the nodes come with their positions (and the page draws without physics)."""
        return bool(self.nodes) and all("x" in n for n in self.nodes)

    def stats(self) -> dict[str, Any]:
        return {
            "nodes": len(self.nodes),
            "edges": len(self.edges),
            "total_nodes": self.total_nodes,
            "total_edges": self.total_edges,
            "left_out": self.left_out,
            "edges_left_out": self.total_edges - len(self.edges),
            "size_by": self.size_by,
        }

    def to_json_data(self) -> dict[str, Any]:
        """The page's data, compact (see `expand` for how to read it):

        - `types` and `relations`: the node labels and relation types, which nodes and edges
          name by number; their looks are in `legend`, once per type;
        - `nodes`: `[id, name, type, value, year, community, aliases, info]`, trailing empty
          fields left off (info: the tooltip's lines after the name, type and aliases);
        - `xy`: `[x0, y0, x1, y1, ...]`, whole units, when the positions are given;
        - `edges`: `[from, to, relation, year, facts, properties]`, the ends by node number;
          facts flat, three numbers per article: article, sentence, confidence in hundredths
          (null when unknown);
        - `articles`: `[id, title, date, url, lang]`;
        - `sentences`: each evidence sentence once, the JSON list deflated (zlib) and in base64:
          the page unpacks it with the browser's DecompressionStream. Sentences are most of a
          map's bytes and news text deflates about 3 times (the benchmark's, built from one
          template, 13 times).
        """
        types: dict[str, int] = {}
        relations: dict[str, int] = {}
        number = {n["id"]: i for i, n in enumerate(self.nodes)}
        nodes = []
        for n in self.nodes:
            row = [
                n["id"],
                n["label"],
                types.setdefault(n["type"], len(types)),
                _short(n["value"]),
                n.get("year"),
                n.get("community"),
                n.get("aliases") or None,
                n.get("info") or None,
            ]
            while row[-1] is None:
                row.pop()
            nodes.append(row)
        article_number: dict[str, int] = {}
        sentence_number: dict[str, int] = {}
        edges = []
        for e in self.edges:
            facts: list[Any] = []
            for fact in e["facts"]:
                sentence = fact.get("sentence") or None
                confidence = fact.get("confidence")
                facts += [
                    article_number.setdefault(fact["article"], len(article_number)),
                    None
                    if sentence is None
                    else sentence_number.setdefault(sentence, len(sentence_number)),
                    None if confidence is None else _short(round(confidence * 100, 1)),
                ]
            row = [
                number[e["from"]],
                number[e["to"]],
                relations.setdefault(e["type"], len(relations)),
                e.get("year"),
                facts or None,
                e.get("properties") or None,
            ]
            while row[-1] is None:
                row.pop()
            edges.append(row)
        articles = []
        for article in article_number:
            known = self.articles.get(article) or {}
            row = [article, *(known.get(k) for k in ("title", "date", "url", "lang"))]
            while row[-1] is None:
                row.pop()
            articles.append(row)
        out: dict[str, Any] = {
            "format": FORMAT,
            "title": self.title,
            "stats": self.stats(),
            "focus": self.focus,
            "physics": not self.positioned and len(self.nodes) <= PHYSICS_LIMIT,
            "legend": self.legend,
            "types": list(types),
            "relations": list(relations),
            "nodes": nodes,
            "edges": edges,
            "articles": articles,
            "sentences": pack(list(sentence_number)),
        }
        if self.positioned:
            out["xy"] = [c for n in self.nodes for c in (n["x"], n["y"])]
        return out


def _short(value: float | int | None) -> float | int | None:
    """A number as briefly as it reads: whole ones without `.0`, others to 6 significant
    digits (a node's size, a confidence)."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return float(f"{value:.6g}")


def pack(sentences: list[str]) -> str:
    """The sentences as the page carries them: their JSON deflated (zlib), in base64."""
    text = json.dumps(sentences, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"))).decode("ascii")


def unpack(packed: str) -> list[str]:
    return json.loads(zlib.decompress(base64.b64decode(packed)).decode("utf-8"))


def expand(data: dict[str, Any]) -> dict[str, Any]:
    """The nodes, edges and articles of `to_json_data`'s compact form as `MapData` holds them
    (what the page's script rebuilds when it opens)."""
    node_looks = {s["type"]: s for s in data["legend"]["nodes"]}
    edge_looks = {s["type"]: s for s in data["legend"]["edges"]}
    sentences = unpack(data["sentences"])
    articles = {}
    for row in data["articles"]:
        row = [*row, None, None, None, None]
        articles[row[0]] = dict(zip(("title", "date", "url", "lang"), row[1:5], strict=True))
    nodes = []
    xy = data.get("xy")
    for i, row in enumerate(data["nodes"]):
        node_id, name, type_, value, year, community, aliases, info = [*row, *[None] * 4][:8]
        label = data["types"][type_]
        look = node_looks.get(label)
        node = {
            "id": node_id,
            "label": name,
            "type": label,
            "shape": look["shape"] if look else "dot",
            "color": look["color"] if look else OTHER_COLOR,
            "value": value,
            "title": _tooltip(name, look["name"] if look else label, aliases or [], info or ""),
            "info": info or "",
            "aliases": aliases or [],
            "year": year,
            "community": community,
        }
        if xy is not None:
            node["x"], node["y"] = xy[2 * i], xy[2 * i + 1]
        nodes.append(node)
    edges = []
    for i, row in enumerate(data["edges"]):
        source, target, type_, year, facts, properties = [*row, None, None, None][:6]
        relation = data["relations"][type_]
        look = edge_looks.get(relation)
        facts = facts or []
        edges.append(
            {
                "id": f"e{i}",
                "from": nodes[source]["id"],
                "to": nodes[target]["id"],
                "type": relation,
                "label": look["name"] if look else relation,
                "color": look["color"] if look else OTHER_COLOR,
                "arrows": "to" if look is None or look["directed"] else "",
                "dashes": bool(look and look["dashed"]),
                "year": year,
                "properties": properties or {},
                "facts": [
                    {
                        "article": data["articles"][facts[j]][0],
                        "sentence": "" if facts[j + 1] is None else sentences[facts[j + 1]],
                        "confidence": None if facts[j + 2] is None else facts[j + 2] / 100,
                    }
                    for j in range(0, len(facts), 3)
                ],
            }
        )
    return {"nodes": nodes, "edges": edges, "articles": articles}


def centrality(graph: nx.MultiDiGraph) -> tuple[dict[str, float], str]:
    """What sizes the nodes: the stored betweenness of `ucn analyze --write` when the graph has
    it, else the number of distinct neighbours on this map."""
    stored = {n: d.get("betweenness") for n, d in graph.nodes(data=True)}
    if any(v is not None for v in stored.values()):
        return {n: float(v or 0.0) for n, v in stored.items()}, "betweenness"
    neighbours = _neighbours(graph)
    return {n: float(len(neighbours[n])) for n in graph}, "degree"


def _neighbours(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Each node's distinct neighbours, in either direction, itself left out."""
    found: dict[str, set[str]] = {n: set() for n in graph}
    for source, target in graph.edges():
        if source != target:
            found[source].add(target)
            found[target].add(source)
    return found


def backbone(
    graph: nx.MultiDiGraph, score: dict[str, float], max_nodes: int, focus: Iterable[str] = ()
) -> set[str]:
    """At most `max_nodes` nodes of `graph` (and the `focus` ones in any case): the most central
    first (by `score`, then by number of neighbours), each kept only with a tie to another kept
    one. A node whose neighbours are all left out so far comes with the neighbour of its best
    attested tie (most articles, then surest), when two places are left; a node with no tie at
    all is never kept (unless nothing else could be)."""
    neighbours = _neighbours(graph)
    ranked = sorted(graph, key=lambda n: (-score[n], -len(neighbours[n]), n))
    rank = {node: i for i, node in enumerate(ranked)}
    keep = set(focus)
    for node in ranked:
        if len(keep) >= max_nodes:
            break
        if node in keep or not neighbours[node]:
            continue
        if not neighbours[node].isdisjoint(keep):
            keep.add(node)
        elif len(keep) + 2 <= max_nodes:
            keep |= {node, _best_partner(graph, node, rank)}
    if not keep:
        keep = set(ranked[:max_nodes])
    return keep


def _best_partner(graph: nx.MultiDiGraph, node: str, rank: dict[str, int]) -> str:
    """The neighbour of `node` on its best attested tie: most articles, then surest, then the
    neighbour the most central."""
    best: dict[str, tuple[int, float]] = {}
    for source, target, data in (
        *graph.out_edges(node, data=True),
        *graph.in_edges(node, data=True),
    ):
        other = target if source == node else source
        if other == node:
            continue
        articles, sure = best.get(other, (0, 0.0))
        best[other] = (
            articles + len(data.get("sources") or ()),
            max(sure, float(data.get("confidence") or 0.0)),
        )
    return min(best, key=lambda other: (-best[other][0], -best[other][1], rank[other]))


def _info(data: dict[str, Any]) -> str:
    """The tooltip's lines after the name, type and aliases: key properties and measures."""
    lines = [f"{key}: {data[key]}" for key in SHOWN_PROPERTIES if data.get(key) not in (None, "")]
    measured = [f"{key} {data[key]:.3g}" for key in MEASURES if data.get(key) is not None]
    if measured:
        lines.append(", ".join(measured))
    return "\n".join(lines)


def _tooltip(name: str, kind: str, aliases: list[str], info: str) -> str:
    lines = [name, kind]
    if aliases:
        lines.append("also: " + ", ".join(aliases[:8]) + (" ..." if len(aliases) > 8 else ""))
    if info:
        lines.append(info)
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
    `max_nodes` nodes: the `backbone` of the most central ones and their ties, and the `focus`
    nodes in any case. Past `PHYSICS_LIMIT` nodes, with their positions."""
    nodes_style, edges_style = node_styles(), edge_styles()
    focus = [f for f in focus if f in graph]
    score, size_by = centrality(graph)
    drawn = (
        graph.subgraph(backbone(graph, score, max_nodes, focus))
        if len(graph) > max_nodes
        else graph
    )
    nodes = []
    for node, data in sorted(drawn.nodes(data=True)):
        label = data.get("label", "")
        style = nodes_style.get(label)
        name = data.get("name") or node
        aliases = [a for a in data.get("aliases") or [] if a != name]
        info = _info(data)
        nodes.append(
            {
                "id": node,
                "label": name,
                "type": label,
                "shape": style.shape if style else "dot",
                "color": style.color if style else OTHER_COLOR,
                "value": score[node],
                "title": _tooltip(name, style.name if style else label, aliases, info),
                "info": info,
                "aliases": aliases,
                "year": year_of(data.get("date")) if label == "Event" else None,
                "community": data.get("community"),
            }
        )
    edges = []
    for number, (source, target, key, data) in enumerate(
        sorted(drawn.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    ):
        edge_style = edges_style.get(key)
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
                "label": edge_style.name if edge_style else key,
                "color": edge_style.color if edge_style else OTHER_COLOR,
                "arrows": "to" if edge_style is None or edge_style.directed else "",
                "dashes": bool(edge_style and edge_style.dashed),
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
    if len(nodes) > PHYSICS_LIMIT:
        from .layout import positions

        placed = positions([n["id"] for n in nodes], ((e["from"], e["to"]) for e in edges))
        for n in nodes:
            n["x"], n["y"] = placed[n["id"]]
    cited = {fact["article"] for edge in edges for fact in edge["facts"]}
    legend: dict[str, list[dict[str, Any]]] = {
        "nodes": [
            {"type": s.label, "name": s.name, "color": s.color, "shape": s.shape}
            for s in nodes_style.values()
            if s.label != "Article"
        ],
        "edges": [
            {
                "type": s.type,
                "name": s.name,
                "color": s.color,
                "dashed": s.dashed,
                "directed": s.directed,
            }
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
