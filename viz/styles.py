"""How each node label and relation type looks on a map: colour, shape, legend text, arrows.

The labels, relation types, their English names and which relations are symmetric come from the
domain model (graph/model.py); this table only adds colour and shape, and `check_styles` (run
by the tests) fails when the model has a label or type without a style.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..graph.model import MODEL, RDF_CLASSES, RDF_RELATIONS


@dataclass(frozen=True)
class NodeStyle:
    label: str
    name: str  # legend text
    color: str
    shape: str  # vis-network shape
    marker: str  # matplotlib marker, for the static pictures


@dataclass(frozen=True)
class EdgeStyle:
    type: str
    name: str  # edge label and legend text
    color: str
    directed: bool
    dashed: bool = False


# Colour-blind-safe hues (Okabe-Ito, then Tol's muted) and distinct shapes per label.
_NODE = {
    "City": ("#0072B2", "dot", "o"),
    "Country": ("#56B4E9", "diamond", "D"),
    "Organization": ("#009E73", "square", "s"),
    "Network": ("#D55E00", "star", "*"),
    "Person": ("#CC79A7", "triangle", "^"),
    "Event": ("#E69F00", "hexagon", "h"),
    "Article": ("#999999", "box", "P"),
}
_EDGE = {
    "MEMBER_OF": "#D55E00",
    "HOSTED": "#E69F00",
    "ORGANIZED": "#AA4499",
    "PARTICIPATED_IN": "#882255",
    "LOCATED_IN": "#88CCEE",
    "PART_OF": "#117733",
    "WORKS_FOR": "#CC79A7",
    "PARTNER_OF": "#0072B2",
    "SUPPORTED": "#44AA99",
    "FOUNDED_IN": "#999933",
    "MENTIONS": "#BBBBBB",
}
# Ties of place rather than of cooperation are drawn dashed.
_DASHED = frozenset({"LOCATED_IN", "FOUNDED_IN", "MENTIONS"})


def check_styles() -> None:
    """Every label and relation type of the model has a style, and no style is left over."""
    for kind, styled, modelled in (
        ("label", set(_NODE), set(MODEL.labels)),
        ("relation type", set(_EDGE), set(MODEL.relations)),
    ):
        if styled != modelled:
            missing = sorted(modelled - styled) or sorted(styled - modelled)
            raise LookupError(f"viz/styles.py and the model disagree on the {kind} {missing[0]}")


def node_styles() -> dict[str, NodeStyle]:
    check_styles()
    return {
        label: NodeStyle(label, RDF_CLASSES[label].label_en, *_NODE[label])
        for label in MODEL.labels
    }


def edge_styles() -> dict[str, EdgeStyle]:
    check_styles()
    return {
        rel: EdgeStyle(
            rel,
            RDF_RELATIONS[rel].label_en,
            _EDGE[rel],
            directed=not MODEL.relations[rel].symmetric,
            dashed=rel in _DASHED,
        )
        for rel in MODEL.relations
    }
