"""Writers: a plain table of file name → function that renders the dataset as bytes."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Dataset

from kg.export.html import to_html
from kg.export.rdf import to_trig, to_turtle
from kg.graph import union_graph


def _turtle(dataset: Dataset) -> bytes:
    return to_turtle(union_graph(dataset))


WRITERS: dict[str, Callable[[Dataset], bytes]] = {
    "kg.ttl": _turtle,
    "kg.trig": to_trig,
    "kg.html": to_html,
}


def render_all(dataset: Dataset) -> dict[str, bytes]:
    """Every export file's bytes, by file name, in a fixed order."""
    return {name: writer(dataset) for name, writer in WRITERS.items()}
