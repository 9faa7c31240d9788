"""A networkx view of the graph, for analytics the explorer shows (degree sizes, neighbourhoods)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from rdflib import Graph, URIRef


def to_networkx(graph: Graph, nodes: Iterable[URIRef]) -> nx.MultiDiGraph:
    """The entities in ``nodes`` and the object properties between them."""
    keep = set(nodes)
    view = nx.MultiDiGraph()
    view.add_nodes_from(sorted(keep, key=str))
    for s, p, o in graph:
        if s in keep and o in keep:
            view.add_edge(s, o, key=str(p))
    return view


def node_degrees(graph: Graph, nodes: Iterable[URIRef]) -> dict[URIRef, int]:
    view = to_networkx(graph, nodes)
    return {node: int(degree) for node, degree in view.degree()}
