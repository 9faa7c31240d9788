"""Run SPARQL over a build directory or an RDF file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.query import Result

from kg.errors import QueryError

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld",
           ".rdf": "xml", ".owl": "xml", ".n3": "n3"}


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def load(target: str | Path) -> Graph:
    path = Path(target)
    if path.is_dir():
        path = path / "kg.trig" if (path / "kg.trig").exists() else path / "kg.ttl"
    if not path.exists():
        raise QueryError(f"{path}: no such graph; build one with `kg build` first")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown RDF format {path.suffix!r}; expected one of {sorted(FORMATS)}")
    graph: Graph = Dataset(default_union=True) if fmt in ("trig", "nquads") else Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise QueryError(f"{path}: cannot parse as {fmt}: {exc}") from None
    return graph


def run(graph: Graph, sparql: str) -> Table:
    try:
        result: Result = graph.query(sparql)
    except Exception as exc:  # pyparsing and rdflib raise several error types for bad SPARQL
        raise QueryError(f"bad SPARQL: {exc}") from None
    if result.type == "ASK":
        return Table(("ask",), ((str(bool(result.askAnswer)).lower(),),))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        triples = tuple(sorted((str(s), str(p), str(o)) for s, p, o in result.graph))
        return Table(("subject", "predicate", "object"), triples)
    columns = tuple(str(v) for v in (result.vars or []))
    table_rows: list[tuple[str, ...]] = []
    for row in result:
        assert isinstance(row, tuple)
        table_rows.append(tuple("" if value is None else str(value) for value in row))
    return Table(columns, tuple(table_rows))
