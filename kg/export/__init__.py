"""Writers: a plain table of file name → function that renders the graphs as bytes.

``FORMATS`` names the files each ``kg build --format`` value writes. Turtle, TriG and the explorer are
always written (the public contract); N-Triples, N-Quads and JSON-LD are added on request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from kg.errors import SettingsError
from kg.export.jsonld import CONTEXT_FILE
from kg.graph import Graphs
from kg.parallel import forked_map
from kg.settings import HTML_MAX_NODES


@dataclass(frozen=True)
class ExportOptions:
    html_max_nodes: int | None = HTML_MAX_NODES  # None: draw every node however many


# Each writer imports its module when it runs: the explorer's libraries (pyvis, networkx, pypinyin) take
# longer to import than the rest of the package, and ``kg query``, ``kg build --format ttl`` and the
# extraction workers never need them.


def _turtle(graphs: Graphs, options: ExportOptions) -> bytes:
    from kg.export.rdf import turtle

    return turtle(graphs.union())


def _trig(graphs: Graphs, options: ExportOptions) -> bytes:
    from kg.export.rdf import trig

    return trig(graphs.graphs)


def _html(graphs: Graphs, options: ExportOptions) -> bytes:
    from kg.export.html import to_html

    # the explorer pairs evidence with articles through the named graphs, so it gets them all
    return to_html(graphs, options.html_max_nodes)


def _ntriples(graphs: Graphs, options: ExportOptions) -> bytes:
    from kg.export.ntriples import ntriples

    return ntriples(graphs.union())


def _nquads(graphs: Graphs, options: ExportOptions) -> bytes:
    from kg.export.ntriples import nquads

    return nquads(graphs.quads())


def _jsonld(graphs: Graphs, options: ExportOptions) -> bytes:
    from kg.export.jsonld import jsonld

    return jsonld(graphs.quads())


def _context(graphs: Graphs, options: ExportOptions) -> bytes:
    from kg.export.jsonld import to_context

    return to_context()


WRITERS: dict[str, Callable[[Graphs, ExportOptions], bytes]] = {
    "kg.ttl": _turtle,
    "kg.trig": _trig,
    "kg.html": _html,
    "kg.nt": _ntriples,
    "kg.nq": _nquads,
    "kg.jsonld": _jsonld,
    CONTEXT_FILE: _context,
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


# Files in the order worker processes take them: the costliest first, so that the rest fill in around it.
_COST_ORDER = ("kg.html", "kg.trig", "kg.jsonld", "kg.nq", "kg.ttl", "kg.nt", CONTEXT_FILE)


def _cost_rank(name: str) -> int:
    return _COST_ORDER.index(name) if name in _COST_ORDER else len(_COST_ORDER)


def _render_one(state: object, name: str) -> tuple[str, bytes]:
    graphs, options = cast(tuple[Graphs, ExportOptions], state)
    return name, WRITERS[name](graphs, options)


def render_all(graphs: Graphs, formats: Iterable[str] = (),
               options: ExportOptions = ExportOptions(), *, jobs: int = 1,
               ready: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """The export files' bytes, by file name, in a fixed order (see ``file_names``).

    With ``jobs`` > 1, where processes can be forked, the files are rendered in that many processes at
    once; the bytes are the same, since each file is rendered whole by one writer either way.
    ``ready`` holds files already rendered (by a build kept in memory): they are not rendered again.
    """
    names = file_names(formats)
    done = {name: data for name, data in (ready or {}).items() if name in names}
    todo = [name for name in names if name not in done]
    # each renderer inherits the graphs (forked) instead of being sent a pickled copy of them
    done.update(forked_map(_render_one, (graphs, options), sorted(todo, key=_cost_rank),
                           jobs=min(jobs, len(todo)), chunksize=1))
    return {name: done[name] for name in names}
