"""Network measures of the cooperation graph: networkx graphs in and out, the measures computed
by igraph (compiled C: betweenness, eigenvector centrality and Louvain in well under a second on
20,000 entities, where networkx took half a minute to two).

The *cooperation graph* holds every entity (every node but the articles) and a tie between two
entities for every relation but MENTIONS, made undirected and simple: `weight` is the number of
relations between the pair (a city that is a member of an organisation and supported by it has
a tie of weight 2 with it). On it, per node:

- `degree`: the number of distinct entities it is tied to;
- `betweenness`: normalised betweenness centrality on the unweighted graph, the share of
  shortest paths between other entities that pass through it. Exact up to
  `EXACT_BETWEENNESS_LIMIT` nodes; above, or when a sample is asked for, estimated from
  `k = min(sample or DEFAULT_SAMPLE, n)` (at least 2) source nodes drawn with a fixed seed
  (a note says so);
- `eigenvector`: eigenvector centrality with the ties weighted, high for entities tied to
  entities that are themselves central (None, with a note, if the iteration does not converge);
- `community`: its Louvain community (weighted, fixed seed), numbered 0, 1, 2, ... by size,
  largest first, ties broken by the smallest member id, so a run is repeatable;
- `brokerage`: the number of communities other than its own among its neighbours, i.e. how many
  other groups it links its own to.

Besides: a summary per community, the ties between each pair of communities with the entities
that carry them, the city-to-city co-membership graph (the bipartite projection of cities and
the networks they are members of, weighted by the networks shared) and the growth of each
network's membership per year (from MEMBER_OF `since`).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("city/a", label="City", name="A")
>>> g.add_node("network/n", label="Network", name="N")
>>> _ = g.add_edge("city/a", "network/n", type="MEMBER_OF", since="2017")
>>> analysis = analyze_graph(g)
>>> [(row["name"], row["degree"]) for row in analysis.nodes]
[('A', 1), ('N', 1)]
>>> analysis.growth
[{'network': 'N', 'year': 2017, 'new_members': 1, 'members': 1}]
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..graph.document import year_of
from ..graph.model import MEASURE_PROPERTIES, MODEL
from ..graph.store import GraphStore

Row = dict[str, Any]

# Exact betweenness costs O(n·m): n breadth-first searches.
EXACT_BETWEENNESS_LIMIT = 2000
DEFAULT_SAMPLE = 500
EIGENVECTOR_MAX_ITER = 1000
# Relations that are not cooperation: an article mentioning an entity.
NOT_COOPERATION = frozenset({"MENTIONS"})
MEASURES: tuple[str, ...] = tuple(p.name for p in MEASURE_PROPERTIES)
SECTIONS = ("nodes", "communities", "brokerage", "co-membership", "growth")
COLUMNS: dict[str, tuple[str, ...]] = {
    "nodes": ("id", "label", "name", *MEASURES),
    "communities": ("community", "size", "ties", "central"),
    "brokerage": ("community_a", "community_b", "ties", "brokers"),
    "co-membership": ("city_a", "city_b", "shared", "networks"),
    "growth": ("network", "year", "new_members", "members"),
}
CENTRAL_MEMBERS = 3


@dataclass
class Analysis:
    """The measures of one graph, as rows ready for `ucn.output.format_rows`.

    `nodes`: one row per entity (id, label, name and the measures), most between first;
    `communities`: community, size, ties inside it, its most central members' names;
    `brokerage`: pairs of communities with the ties between them and the entities that carry
    them; `comembership`: pairs of cities with the number and names of the networks both are
    members of; `growth`: per network and year the members that joined and the total so far;
    `notes`: what the reader should know (sampling, non-convergence, unknown years).
    """

    nodes: list[Row] = field(default_factory=list)
    communities: list[Row] = field(default_factory=list)
    brokerage: list[Row] = field(default_factory=list)
    comembership: list[Row] = field(default_factory=list)
    growth: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def section(self, name: str, top: int | None = None) -> list[Row]:
        """The rows of section `name` (one of SECTIONS); `top` keeps the first node rows."""
        if name not in SECTIONS:
            raise ValueError(f"no section {name!r}; one of {', '.join(SECTIONS)}")
        rows: list[Row] = getattr(self, name.replace("-", ""))
        return rows[:top] if name == "nodes" and top is not None else rows

    def to_dict(self, sections: tuple[str, ...] = SECTIONS, top: int | None = None) -> Row:
        """The sections (all by default) by name, and the notes: a JSON-ready object."""
        out: Row = {name: self.section(name, top) for name in sections}
        out["notes"] = list(self.notes)
        return out


def analyze(store: GraphStore, *, sample: int | None = None, seed: int = 42) -> Analysis:
    """Measure the graph in `store` (see `analyze_graph`)."""
    return analyze_graph(store.to_networkx(), sample=sample, seed=seed)


def analyze_graph(graph: nx.MultiDiGraph, *, sample: int | None = None, seed: int = 42) -> Analysis:
    """Measure `graph`, shaped as `GraphStore.to_networkx()` gives it: nodes keyed by id with
    `label` and `name`, edges with `type` (and MEMBER_OF edges with `since`).

    `sample`: estimate betweenness from this many source nodes (it is estimated from
    DEFAULT_SAMPLE anyway above EXACT_BETWEENNESS_LIMIT nodes); `seed` fixes the sample and
    Louvain's order, so the same graph gives the same answer.
    """
    analysis = Analysis()
    coop = cooperation_graph(graph)
    if coop.number_of_nodes() == 0:
        analysis.notes.append("the graph holds no entities: nothing to measure")
    else:
        _measure(coop, analysis, sample, seed)
    analysis.comembership = comembership(graph)
    analysis.growth, unknown, total = membership_growth(graph)
    if unknown:
        analysis.notes.append(
            f"{unknown} of {total} network membership(s) have no known start year "
            "and are left out of growth"
        )
    return analysis


def cooperation_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Entities and the ties between them: undirected, simple, `weight` the number of
    relations (other than MENTIONS) between the pair; nodes in id order, self-ties dropped."""
    coop: nx.Graph[str] = nx.Graph()
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        label = data.get("label")
        if label != "Article":
            coop.add_node(node, label=label, name=data.get("name") or node)
    ties: Counter[tuple[str, str]] = Counter()
    for source, target, data in graph.edges(data=True):
        if data.get("type") in NOT_COOPERATION or source == target:
            continue
        if source in coop and target in coop:
            ties[(source, target) if source < target else (target, source)] += 1
    coop.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(ties.items()))
    return coop


def _measure(coop: nx.Graph, analysis: Analysis, sample: int | None, seed: int) -> None:
    n = coop.number_of_nodes()
    k = min(max(sample or DEFAULT_SAMPLE, 2), n)
    compiled = _Compiled(coop)
    if (sample is not None or n > EXACT_BETWEENNESS_LIMIT) and k < n:
        between = compiled.betweenness(k=k, seed=seed)
        analysis.notes.append(
            f"betweenness estimated from {k} of {n} nodes (seed {seed}); it is exact up to "
            f"{EXACT_BETWEENNESS_LIMIT} nodes unless a sample is asked for"
        )
    else:
        between = compiled.betweenness()
    eigenvector = compiled.eigenvector()
    if eigenvector is None:
        analysis.notes.append(
            f"eigenvector centrality did not converge in {EIGENVECTOR_MAX_ITER} iterations "
            "and is left empty"
        )
    community = compiled.communities(seed)
    brokerage = {node: len({community[m] for m in coop[node]} - {community[node]}) for node in coop}
    rows = [
        {
            "id": node,
            "label": data["label"],
            "name": data["name"],
            "degree": coop.degree(node),
            "betweenness": _round(between[node]),
            "eigenvector": _round(eigenvector[node]) if eigenvector is not None else None,
            "community": community[node],
            "brokerage": brokerage[node],
        }
        for node, data in coop.nodes(data=True)
    ]
    rows.sort(key=_centrality_order)
    analysis.nodes = rows
    analysis.communities = _community_rows(coop, rows, community)
    analysis.brokerage = _brokerage_rows(coop, community)


class _Compiled:
    """The cooperation graph in igraph, and the measures from it, keyed by node id again."""

    def __init__(self, coop: nx.Graph):
        import igraph

        self.nodes = list(coop)
        index = {node: i for i, node in enumerate(self.nodes)}
        self.graph = igraph.Graph(
            n=len(self.nodes),
            edges=[(index[a], index[b]) for a, b in coop.edges() if a != b],
            directed=False,
        )
        self.graph.es["weight"] = [w for a, b, w in coop.edges(data="weight", default=1) if a != b]
        self.index = index

    def betweenness(self, k: int | None = None, seed: int = 42) -> dict[Any, float]:
        """As `betweenness` (networkx's values, the same sources and scaling), by igraph."""
        nodes, n = self.nodes, len(self.nodes)
        if k is not None and not 2 <= k <= n:
            raise ValueError(f"a sample of {k} sources from {n} nodes: it needs 2 to {n}")
        if n <= 2:
            return dict.fromkeys(nodes, 0.0)
        if k is None:
            raw = self.graph.betweenness(directed=False)
            # igraph counts each pair once, Brandes' sum over sources twice
            return {node: 2 * raw[i] / ((n - 1) * (n - 2)) for i, node in enumerate(nodes)}
        sources = [self.index[node] for node in random.Random(seed).sample(nodes, k)]
        raw = self.graph.betweenness(directed=False, sources=sources)
        sampled = set(sources)
        return {
            node: 2 * raw[i] / (((k - 1) if i in sampled else k) * (n - 2))
            for i, node in enumerate(nodes)
        }

    def eigenvector(self) -> dict[Any, float] | None:
        """Weighted eigenvector centrality, of unit length as networkx gives it; None if the
        eigensolver does not converge."""
        import igraph

        options = igraph.ARPACKOptions()
        options.maxiter = EIGENVECTOR_MAX_ITER
        try:
            values = self.graph.eigenvector_centrality(
                scale=True, weights="weight", arpack_options=options
            )
        except igraph.InternalError:
            return None
        norm = sum(v * v for v in values) ** 0.5 or 1.0
        return {node: values[i] / norm for i, node in enumerate(self.nodes)}

    def communities(self, seed: int) -> dict[str, int]:
        """Louvain communities (igraph's multilevel, weighted; `seed` fixes its random
        order), numbered by size (largest first), then by smallest member id."""
        import igraph

        igraph.set_random_number_generator(random.Random(seed))
        try:
            found = self.graph.community_multilevel(weights="weight")
        finally:
            igraph.set_random_number_generator(random)
        groups = [{self.nodes[i] for i in members} for members in found]
        ordered = sorted(groups, key=lambda c: (-len(c), min(c)))
        return {node: number for number, members in enumerate(ordered) for node in members}


def betweenness(graph: nx.Graph, k: int | None = None, seed: int = 42) -> dict[Any, float]:
    """Normalised betweenness centrality of the undirected, unweighted `graph`, from every
    node or from `k` source nodes drawn with `seed`: the values of
    `nx.betweenness_centrality(graph, k=k, seed=seed)` (the same sources, the same scaling),
    computed by igraph.

    Sampled, a node's estimate is its share of the sampled sources' paths: divided by
    k·(n-2) for a node not sampled, by (k-1)·(n-2) for a sampled one (which is no source of
    its own paths); with every node as source, by (n-1)·(n-2), the exact value.
    """
    return _Compiled(graph).betweenness(k, seed)


def _round(value: float) -> float:
    """Six significant digits: enough to rank, short to read, the same on every run."""
    return float(f"{value:.6g}")


def _centrality_order(row: Row) -> tuple[Any, ...]:
    return (-row["betweenness"], -row["degree"], row["name"], row["id"])


def _community_rows(coop: nx.Graph, rows: list[Row], community: dict[str, int]) -> list[Row]:
    members: dict[int, list[Row]] = defaultdict(list)
    for row in rows:  # already in centrality order
        members[row["community"]].append(row)
    inside: Counter[int] = Counter(
        community[a] for a, b in coop.edges if community[a] == community[b]
    )
    return [
        {
            "community": number,
            "size": len(members[number]),
            "ties": inside[number],
            "central": [row["name"] for row in members[number][:CENTRAL_MEMBERS]],
        }
        for number in sorted(members)
    ]


def _brokerage_rows(coop: nx.Graph, community: dict[str, int]) -> list[Row]:
    """Pairs of communities, the ties between them and who carries them (most ties first)."""
    ties: Counter[tuple[int, int]] = Counter()
    carriers: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for a, b in coop.edges:
        ca, cb = community[a], community[b]
        if ca == cb:
            continue
        pair = (ca, cb) if ca < cb else (cb, ca)
        ties[pair] += 1
        carriers[pair].update((a, b))
    names = coop.nodes(data="name")
    rows: list[Row] = [
        {
            "community_a": pair[0],
            "community_b": pair[1],
            "ties": count,
            "brokers": [
                names[node]
                for node, _ in sorted(carriers[pair].items(), key=lambda x: (-x[1], names[x[0]]))
            ],
        }
        for pair, count in ties.items()
    ]
    rows.sort(key=lambda r: (-r["ties"], r["community_a"], r["community_b"]))
    return rows


def _memberships(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    """MEMBER_OF edges into a Network: (member, network, edge data)."""
    return [
        (source, target, data)
        for source, target, data in graph.edges(data=True)
        if data.get("type") == "MEMBER_OF" and graph.nodes[target].get("label") == "Network"
    ]


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("name") or node


def comembership(graph: nx.MultiDiGraph) -> list[Row]:
    """City pairs that are members of the same networks: the weighted bipartite projection of
    cities and networks onto the cities. Rows `city_a`, `city_b` (names, in order), `shared`
    (the number of networks) and `networks` (their names), most shared first."""
    bipartite: nx.Graph[str] = nx.Graph()
    cities = set()
    for member, network, _ in _memberships(graph):
        if graph.nodes[member].get("label") == "City":
            cities.add(member)
            bipartite.add_edge(member, network)
    if not cities:
        return []  # (networkx refuses to project an empty graph)
    projected = nx.bipartite.weighted_projected_graph(bipartite, sorted(cities))
    rows: list[Row] = []
    shared: int  # the weight of the projection: the networks the two cities share
    for a, b, shared in projected.edges(data="weight"):
        (name_a, a), (name_b, b) = sorted([(_name(graph, a), a), (_name(graph, b), b)])
        networks = sorted(_name(graph, n) for n in set(bipartite[a]) & set(bipartite[b]))
        rows.append({"city_a": name_a, "city_b": name_b, "shared": shared, "networks": networks})
    rows.sort(key=lambda r: (-r["shared"], r["city_a"], r["city_b"], r["networks"]))
    return rows


def membership_growth(graph: nx.MultiDiGraph) -> tuple[list[Row], int, int]:
    """Per network and year (those in which members joined): `new_members` and the total so
    far, `members`. Also the number of memberships with no known year (left out) and of all
    memberships of networks."""
    joined: dict[str, Counter[int]] = defaultdict(Counter)
    memberships = _memberships(graph)
    unknown = 0
    for _, network, data in memberships:
        year = year_of(data.get("since"))
        if year is None:
            unknown += 1
        else:
            joined[network][year] += 1
    rows = []
    for network in sorted(joined, key=lambda n: (_name(graph, n), n)):
        total = 0
        for year in sorted(joined[network]):
            total += joined[network][year]
            rows.append(
                {
                    "network": _name(graph, network),
                    "year": year,
                    "new_members": joined[network][year],
                    "members": total,
                }
            )
    return rows, unknown, len(memberships)


def write_measures(store: GraphStore, analysis: Analysis) -> int:
    """Store each node's measures as its properties (degree, betweenness, eigenvector,
    community, brokerage), one transaction per label; nodes the analysis does not cover get
    null measures, so no value outlives the graph it came from. Returns how many nodes got
    measures."""
    by_label: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in analysis.nodes:
        by_label[row["label"]][row["id"]] = row
    return sum(
        store.set_node_properties(label, MEASURES, by_label.get(label, {}))
        for label in MODEL.labels
        if label in MODEL.measured_labels
    )
