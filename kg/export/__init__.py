"""Writers: a plain table of file name → function that renders the dataset as bytes.

``FORMATS`` names the files each ``kg build --format`` value writes. Turtle, TriG and the explorer are
always written (the public contract); N-Triples, N-Quads and JSON-LD are added on request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import Dataset

from kg.errors import SettingsError
from kg.export.html import to_html
from kg.export.jsonld import CONTEXT_FILE, to_context, to_jsonld
from kg.export.ntriples import to_nquads, to_ntriples
from kg.export.rdf import to_trig, to_turtle
from kg.graph import union_graph


def _turtle(dataset: Dataset) -> bytes:
    return to_turtle(union_graph(dataset))


WRITERS: dict[str, Callable[[Dataset], bytes]] = {
    "kg.ttl": _turtle,
    "kg.trig": to_trig,
    "kg.html": to_html,
    "kg.nt": to_ntriples,
    "kg.nq": to_nquads,
    "kg.jsonld": to_jsonld,
    CONTEXT_FILE: to_context,
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


def render_all(dataset: Dataset, formats: Iterable[str] = ()) -> dict[str, bytes]:
    """The export files' bytes, by file name, in a fixed order (see ``file_names``)."""
    return {name: WRITERS[name](dataset) for name in file_names(formats)}
