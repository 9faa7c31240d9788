"""Writers: a plain table of file name → function that renders the graphs as bytes.

``FORMATS`` names the files each ``kg build --format`` value writes. Turtle, TriG and the explorer are
always written (the public contract); N-Triples, N-Quads and JSON-LD are added on request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.errors import SettingsError
from kg.export.html import to_html
from kg.export.jsonld import CONTEXT_FILE, to_context, to_jsonld
from kg.export.ntriples import to_nquads, to_ntriples
from kg.export.rdf import trig, turtle
from kg.graph import Graphs


def _turtle(graphs: Graphs) -> bytes:
    return turtle(graphs.union())


def _trig(graphs: Graphs) -> bytes:
    return trig(graphs.graphs)


def _html(graphs: Graphs) -> bytes:
    # the explorer pairs evidence with articles through the named graphs, so it gets them all
    return to_html(graphs.dataset())


WRITERS: dict[str, Callable[[Graphs], bytes]] = {
    "kg.ttl": _turtle,
    "kg.trig": _trig,
    "kg.html": _html,
    "kg.nt": lambda graphs: to_ntriples(graphs.dataset()),
    "kg.nq": lambda graphs: to_nquads(graphs.dataset()),
    "kg.jsonld": lambda graphs: to_jsonld(graphs.dataset()),
    CONTEXT_FILE: lambda graphs: to_context(graphs.dataset()),
}

FORMATS: dict[str, tuple[str, ...]] = {
    "ttl": ("kg.ttl",),
    "trig": ("kg.trig",),
    "html": ("kg.html",),
    "nt": ("kg.nt",),
    "nq": ("kg.nq",),
    "jsonld": ("kg.jsonld", CONTEXT_FILE),
}
DEFAULT_FORMATS = ("ttl", "trig", "html")


def file_names(formats: Iterable[str] = ()) -> list[str]:
    """The files a build writes: the default ones and those of ``formats`` ("all" for every one)."""
    wanted = list(DEFAULT_FORMATS)
    for fmt in formats:
        if fmt == "all":
            wanted.extend(FORMATS)
        elif fmt in FORMATS:
            wanted.append(fmt)
        else:
            raise SettingsError("format", fmt, f"one of {', '.join([*FORMATS, 'all'])}")
    names = {name for fmt in wanted for name in FORMATS[fmt]}
    return [name for name in WRITERS if name in names]


def render_all(graphs: Graphs, formats: Iterable[str] = ()) -> dict[str, bytes]:
    """The export files' bytes, by file name, in a fixed order (see ``file_names``)."""
    return {name: WRITERS[name](graphs) for name in file_names(formats)}
