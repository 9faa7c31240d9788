"""Run SPARQL over a build directory or an RDF file, and write the answer as a table, CSV or JSON.

Queries run on pyoxigraph, the same engine as ``kg serve``, so a saved query gives the same answer
from the command line and from the endpoint, and large exports load and answer fast. The default graph
is the union of the named graphs (one per article), so queries written for ``kg.ttl`` also work on
``kg.trig``; a triple read from several articles then matches once per article, hence ``DISTINCT`` in
the saved queries. CSV and JSON follow the W3C SPARQL 1.1 result formats, so other tools read them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from typing import Literal as Kind

import pyoxigraph as ox

from kg.errors import QueryError
from kg.vocab import PREFIXES

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
}
# A build directory is read from the first of these it holds: the TriG keeps one graph per article.
BUILD_FILES = ("kg.trig", "kg.nq", "kg.ttl", "kg.nt")
OUTPUT_FORMATS = ("table", "csv", "json")
DEFAULT_PREFIXES: dict[str, str] = dict(PREFIXES)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Term:
    """One RDF term of an answer, as the SPARQL 1.1 JSON results format describes it."""

    kind: Kind["uri", "literal", "bnode", "triple"]
    value: str
    lang: str | None = None
    datatype: str | None = None

    def short(self) -> str:
        """The value for a person to read: IRIs with a bound prefix, literals without quotes."""
        if self.kind == "uri":
            for prefix, namespace in PREFIXES:
                if self.value.startswith(namespace) and len(self.value) > len(namespace):
                    return f"{prefix}:{self.value[len(namespace):]}"
        if self.kind == "bnode":
            return f"_:{self.value}"
        return self.value


@dataclass(frozen=True)
class Table:
    """The answer to a query: column names and rows of plain strings, with the typed terms beside.

    ``rows`` holds each value as text (an IRI in full, a literal's lexical form, "" where unbound);
    ``terms`` holds the same cells as ``Term`` (or None); ``boolean`` is set for ASK queries.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    terms: tuple[tuple[Term | None, ...], ...] = field(default=(), compare=False)
    boolean: bool | None = None

    def display(self) -> tuple[tuple[str, ...], ...]:
        """The rows for a person to read: prefixed IRIs, literals without quotes or tags."""
        return tuple(tuple("" if t is None else t.short() for t in row) for row in self.terms)


def find_graph_file(target: str | Path) -> Path:
    path = Path(target)
    if path.is_dir():
        for name in BUILD_FILES:
            if (path / name).exists():
                return path / name
        raise QueryError(f"{path}: no graph in this directory (looked for {', '.join(BUILD_FILES)}); "
                         "build one with `kg build` first")
    if not path.exists():
        raise QueryError(f"{path}: no such graph; build one with `kg build` first")
    if path.suffix.lower() not in RDF_FORMATS:
        raise QueryError(f"{path}: unknown RDF format {path.suffix!r}; expected one of {sorted(RDF_FORMATS)}")
    return path


def load(target: str | Path, store: ox.Store | None = None) -> ox.Store:
    """A store holding the graph of ``target`` (a build directory or an RDF file)."""
    path = find_graph_file(target)
    store = store if store is not None else ox.Store()
    try:
        store.bulk_load(path=str(path), format=RDF_FORMATS[path.suffix.lower()])
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"{path}: cannot parse as {path.suffix[1:]}: {exc}") from None
    return store


def _term(node: object) -> Term | None:
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Term("literal", node.value, lang=node.language)
        datatype = node.datatype.value
        return Term("literal", node.value, datatype=None if datatype == _XSD_STRING else datatype)
    return Term("triple", str(node))


Answer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def execute(store: ox.Store, sparql: str, *, default_graphs: list[ox.NamedNode] | None = None,
            named_graphs: list[ox.NamedNode] | None = None) -> Answer:
    """Run ``sparql`` with the build's prefixes predeclared.

    The default graph is the union of all graphs unless ``default_graphs`` names some (as the SPARQL
    protocol's ``default-graph-uri`` does); ``named_graphs`` restricts what ``GRAPH`` sees.
    """
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = (
        list(default_graphs) if default_graphs else None)
    named: list[ox.NamedNode | ox.BlankNode] | None = list(named_graphs) if named_graphs else None
    try:
        return store.query(sparql, prefixes=DEFAULT_PREFIXES, use_default_graph_as_union=graphs is None,
                           default_graph=graphs, named_graphs=named)
    except SyntaxError as exc:
        raise QueryError(f"bad SPARQL: {exc}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the query failed: {exc}") from None


def run(store: ox.Store, sparql: str) -> Table:
    result = execute(store, sparql)
    if isinstance(result, ox.QueryBoolean):
        text = str(bool(result)).lower()
        return Table(("ask",), ((text,),), ((Term("literal", text, datatype=_XSD_BOOLEAN),),), bool(result))
    if isinstance(result, ox.QueryTriples):
        triples = sorted({(t.subject, t.predicate, t.object) for t in result},
                         key=lambda t: tuple(map(str, t)))
        terms: tuple[tuple[Term | None, ...], ...] = tuple(tuple(_term(n) for n in t) for t in triples)
        columns: tuple[str, ...] = ("subject", "predicate", "object")
    else:
        columns = tuple(v.value for v in result.variables)
        terms = tuple(tuple(_term(solution[v]) for v in columns) for solution in result)
    rows = tuple(tuple("" if t is None else t.value for t in row) for row in terms)
    return Table(columns, rows, terms)


def to_csv(table: Table) -> str:
    """SPARQL 1.1 CSV results: a header of variable names, plain values, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return out.getvalue()


def _json_term(term: Term) -> dict[str, str]:
    if term.kind == "literal":
        cell = {"type": "literal", "value": term.value}
        if term.lang:
            cell["xml:lang"] = term.lang
        elif term.datatype and term.datatype != _RDF_LANG_STRING:
            cell["datatype"] = term.datatype
        return cell
    return {"type": term.kind, "value": term.value}


def to_json(table: Table) -> str:
    """SPARQL 1.1 JSON results (``application/sparql-results+json``)."""
    if table.boolean is not None:
        document: dict[str, object] = {"head": {}, "boolean": table.boolean}
    else:
        bindings = [{column: _json_term(term) for column, term in zip(table.columns, row, strict=True)
                     if term is not None} for row in table.terms]
        document = {"head": {"vars": list(table.columns)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def render(table: Table, fmt: str) -> str:
    """``table`` as CSV or JSON text; the CLI lays out the ``table`` format itself."""
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        return to_json(table)
    raise QueryError(f"format {fmt!r} is not allowed here; expected one of csv, json")


_DATASET_FORMATS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.JSON_LD)
_RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"  # where rdflib's Dataset keeps the default graph's triples


def load_triples(target: str | Path) -> Any:
    """The graph of ``target`` as plain sets of rdflib terms, for code that walks it in Python: a
    ``kg.graph.Graphs`` of named graphs for TriG, N-Quads and JSON-LD, else a frozenset of triples.

    The same terms and graphs rdflib's parsers give (the explorer's pages are byte for byte the same),
    parsed by pyoxigraph: rdflib's own TriG parser took 8 s for the TriG of a 10 MB corpus, this 1.2 s.
    """
    from rdflib import BNode, Literal, URIRef

    from kg.graph import Graphs

    path = find_graph_file(target)
    fmt = RDF_FORMATS[path.suffix.lower()]
    made: dict[object, Any] = {}  # each distinct term made once: a big graph repeats its terms

    def convert(node: object) -> Any:
        found = made.get(node)
        if found is None:
            if isinstance(node, ox.NamedNode):
                found = URIRef(node.value)
            elif isinstance(node, ox.BlankNode):
                found = BNode(node.value)
            elif isinstance(node, ox.Literal):
                datatype = node.datatype.value
                found = (Literal(node.value, lang=node.language) if node.language
                         else Literal(node.value) if datatype == _XSD_STRING
                         else Literal(node.value, datatype=URIRef(datatype)))
            else:
                raise QueryError(f"{path}: RDF-star triples are not supported here")
            made[node] = found
        return found

    dataset = fmt in _DATASET_FORMATS
    graphs: dict[Any, set[tuple[Any, Any, Any]]] = {}
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            graph = quad.graph_name if dataset else None
            name = None if graph is None or isinstance(graph, ox.DefaultGraph) else convert(graph)
            graphs.setdefault(name, set()).add((convert(quad.subject), convert(quad.predicate),
                                                convert(quad.object)))
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"{path}: cannot parse as {path.suffix[1:]}: {exc}") from None
    if not dataset:
        return frozenset(graphs.get(None, set()))
    if None in graphs:
        graphs[URIRef(_RDFLIB_DEFAULT_GRAPH)] = graphs.pop(None)
    return Graphs(graphs)
