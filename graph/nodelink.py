"""networkx node-link JSON of the graph, the same bytes for the same graph."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx


def node_link_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """`networkx.node_link_data` in a canonical order: whatever order the store returns its rows
    in, or the inputs were loaded in, nodes come by id, edges by (source, target, type), and the
    lists that are sets are sorted (names, articles; a relation's articles together with their
    sentences and confidences, so that each sentence stays with its article)."""
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"].sort(key=lambda node: str(node["id"]))
    data["edges"].sort(key=lambda e: (str(e["source"]), str(e["target"]), str(e.get("key"))))
    for node in data["nodes"]:
        for name in ("aliases", "sources"):
            if isinstance(node.get(name), list):
                node[name] = sorted(node[name], key=str)
    for edge in data["edges"]:
        sources = edge.get("sources")
        if isinstance(sources, list):
            order = sorted(range(len(sources)), key=lambda i: str(sources[i]))
            for name in ("sources", "evidence", "confidences"):
                values = edge.get(name)
                if isinstance(values, list) and len(values) == len(sources):
                    edge[name] = [values[i] for i in order]
    return data


def node_link_json(graph: nx.MultiDiGraph) -> str:
    """The node-link JSON text of `graph`, keys sorted, one trailing newline."""
    data = node_link_data(graph)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
