"""The networkx side of the explorer: degrees, neighbourhoods and starting positions."""

from __future__ import annotations

import pytest

from kg.export.network import neighbourhood, node_degrees, seed_layout

NODES = ["a", "b", "c", "d", "e", "lone"]
EDGES = [("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "e"), ("a", "a")]


def test_network_degrees_count_neighbours_once() -> None:
    assert node_degrees(NODES, EDGES) == {"a": 1, "b": 2, "c": 2, "d": 2, "e": 1, "lone": 0}


@pytest.mark.parametrize(("centre", "depth", "expected"), [
    ("a", 0, {"a"}),
    ("a", 1, {"a", "b"}),
    ("c", 1, {"b", "c", "d"}),
    ("c", 5, {"a", "b", "c", "d", "e"}),
    ("lone", 3, {"lone"}),
    ("missing", 1, set()),
])
def test_network_neighbourhood(centre: str, depth: int, expected: set[str]) -> None:
    assert neighbourhood(NODES, EDGES, centre, depth) == expected


def test_network_seed_layout_places_every_node_apart_and_the_same_each_time() -> None:
    nodes = [f"n{i}" for i in range(300)]
    tree = [(f"n{i}", f"n{i // 3}") for i in range(1, 250)]  # and fifty loners
    edges = tree + [(f"n{i}", f"n{i + 7}") for i in range(0, 200, 5)]
    first = seed_layout(nodes, edges)
    assert set(first) == set(nodes)
    assert len(set(first.values())) == len(nodes)
    assert seed_layout(list(reversed(nodes)), list(reversed(edges))) == first
