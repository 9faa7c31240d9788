"""A networkx view of the explorer's drawing, for the analytics it needs: degree sizes and neighbourhoods.

It works on the edges the explorer draws (posts already folded into official → area edges), so a
node's size and a focused view's reach match what the reader sees.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx


def to_networkx(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> nx.Graph:
    """The drawing as an undirected simple graph: a neighbour counts once, whatever the edge's direction."""
    view = nx.Graph()
    view.add_nodes_from(sorted(nodes))
    # sorted, so that traversals (and so layouts) do not depend on the order edges came in
    view.add_edges_from(sorted((a, b) for a, b in edges if a != b and a in view and b in view))
    return view


def node_degrees(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """How many distinct neighbours each node has in the drawing (``to_networkx``'s degrees, counted
    without building the graph: the explorer builds it once more for the layout)."""
    neighbours: dict[str, set[str]] = {node: set() for node in nodes}
    for a, b in edges:
        if a != b and a in neighbours and b in neighbours:
            neighbours[a].add(b)
            neighbours[b].add(a)
    return {node: len(found) for node, found in neighbours.items()}


def neighbourhood(nodes: Iterable[str], edges: Iterable[tuple[str, str]], centre: str,
                  depth: int) -> set[str]:
    """The nodes at most ``depth`` edges away from ``centre`` (``centre`` itself at depth 0)."""
    view = to_networkx(nodes, edges)
    if centre not in view:
        return set()
    return set(nx.single_source_shortest_path_length(view, centre, cutoff=depth))


def seed_layout(nodes: Iterable[str], edges: Iterable[tuple[str, str]],
                spacing: float = 80.0) -> dict[str, tuple[int, int]]:
    """Starting positions for the browser's physics: each component drawn as a radial tree, side by side.

    vis-network's own start is random, and from there a few thousand nodes need hundreds of slow
    physics steps to untangle; from a tree around each component's best-connected node, a short
    settling is enough. Pure networkx (no numpy or scipy), linear in the graph's size, deterministic.
    """
    view = to_networkx(nodes, edges)
    components = sorted((sorted(c) for c in nx.connected_components(view)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[dict[str, tuple[float, float]], float]] = []
    for component in components:
        root = min(component, key=lambda n: (-view.degree(n), n))
        # the search from the root stays inside its component, so it needs no subgraph view (whose
        # filtered lookups cost more than the search itself on big graphs)
        placed.append(_radial(nx.bfs_tree(view, root), root, spacing))
    # shelf packing: rows of components, largest first, in a roughly square block
    total = sum((2 * radius) ** 2 for _, radius in placed)
    row_width = max(math.sqrt(total), max((2 * r for _, r in placed), default=0.0))
    out: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for positions, radius in placed:
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in positions.items():
            out[node] = (round(x + radius + px), round(y + radius + py))
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return out


def _radial(tree: nx.DiGraph, root: str, spacing: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions around ``root`` (at 0, 0) and the radius they fill: a ring a depth, each subtree a wedge
    as wide as its share of the leaves."""
    order = list(nx.dfs_preorder_nodes(tree, root))
    depth = {root: 0}
    for node in order[1:]:
        depth[node] = depth[next(iter(tree.predecessors(node)))] + 1
    leaves: dict[str, int] = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[c] for c in tree.successors(node)) or 1
    per_ring: dict[int, int] = {}
    for d in depth.values():
        per_ring[d] = per_ring.get(d, 0) + 1
    radius = [0.0]
    for d in range(1, max(per_ring) + 1):
        # a ring is wide enough for its nodes to sit half a spring apart
        radius.append(max(radius[-1] + spacing, per_ring[d] * spacing / 2 / (2 * math.pi)))
    wedge = {root: (0.0, 2 * math.pi)}
    positions: dict[str, tuple[float, float]] = {}
    for node in order:
        start, width = wedge[node]
        angle = start + width / 2
        r = radius[depth[node]]
        positions[node] = (r * math.cos(angle), r * math.sin(angle))
        offset = start
        for child in sorted(tree.successors(node)):
            share = width * leaves[child] / leaves[node]
            wedge[child] = (offset, share)
            offset += share
    return positions, radius[-1] + spacing
