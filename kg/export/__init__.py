"""Writers: a plain table of file name → function that renders the graphs as bytes."""

from __future__ import annotations

from collections.abc import Callable

from kg.export.html import to_html
from kg.export.rdf import trig, turtle
from kg.graph import Graphs


def _turtle(graphs: Graphs) -> bytes:
    return turtle(graphs.union())


def _trig(graphs: Graphs) -> bytes:
    return trig(graphs.graphs)


def _html(graphs: Graphs) -> bytes:
    # the explorer reads the union graph only, so one graph holding it is all the rdflib work it needs
    return to_html(Graphs({next(iter(sorted(graphs.graphs))): graphs.union()}).dataset())


WRITERS: dict[str, Callable[[Graphs], bytes]] = {
    "kg.ttl": _turtle,
    "kg.trig": _trig,
    "kg.html": _html,
}


def render_all(graphs: Graphs) -> dict[str, bytes]:
    """Every export file's bytes, by file name, in a fixed order."""
    return {name: writer(graphs) for name, writer in WRITERS.items()}
