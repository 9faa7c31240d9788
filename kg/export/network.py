"""A networkx view of the explorer's drawing, for the analytics it needs: degree sizes and neighbourhoods.

It works on the edges the explorer draws (posts already folded into official → area edges), so a
node's size and a focused view's reach match what the reader sees.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx


def to_networkx(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> nx.Graph:
    """The drawing as an undirected simple graph: a neighbour counts once, whatever the edge's direction."""
    view = nx.Graph()
    view.add_nodes_from(sorted(nodes))
    view.add_edges_from((a, b) for a, b in edges if a != b and a in view and b in view)
    return view


def node_degrees(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """How many distinct neighbours each node has in the drawing."""
    return {node: int(degree) for node, degree in to_networkx(nodes, edges).degree()}


def neighbourhood(nodes: Iterable[str], edges: Iterable[tuple[str, str]], centre: str,
                  depth: int) -> set[str]:
    """The nodes at most ``depth`` edges away from ``centre`` (``centre`` itself at depth 0)."""
    view = to_networkx(nodes, edges)
    if centre not in view:
        return set()
    return set(nx.single_source_shortest_path_length(view, centre, cutoff=depth))
