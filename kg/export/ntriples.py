"""N-Triples and N-Quads through pyoxigraph: canonical lines, sorted, so equal graphs give equal bytes.

pyoxigraph writes the canonical form of N-Triples (one escaping for every string), which every parser
reads and which diffs line by line; it is also much faster than rdflib's serialisers on large graphs.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.graph import union_graph


def to_oxigraph(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"cannot write {node!r}")


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(set(data.splitlines(keepends=True)))
    return b"".join(lines)


def _triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    out = []
    for s, p, o in triples:
        subject, predicate = to_oxigraph(s), to_oxigraph(p)
        if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
            raise TypeError(f"not an RDF triple: {s!r} {p!r} {o!r}")
        out.append(ox.Triple(subject, predicate, to_oxigraph(o)))
    return out


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """Triples as N-Triples."""
    data = ox.serialize(_triples(triples), format=ox.RdfFormat.N_TRIPLES)
    return _sorted_lines(data or b"")


def to_ntriples(dataset: Dataset) -> bytes:
    """The union of the graphs as N-Triples, like ``kg.ttl``."""
    return ntriples(union_graph(dataset))


def to_nquads(dataset: Dataset) -> bytes:
    """Every named graph as N-Quads, like ``kg.trig``."""
    return nquads(dataset.quads((None, None, None, None)))


def nquads(statements: Iterable[tuple[Node, Node, Node, Node | None]]) -> bytes:
    """Quads (subject, predicate, object, graph name) as N-Quads."""
    quads = []
    for s, p, o, g in statements:
        (triple,) = _triples([(s, p, o)])
        graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph = (
            ox.DefaultGraph() if g is None or g == DATASET_DEFAULT_GRAPH_ID else ox.BlankNode(str(g))
            if isinstance(g, BNode) else ox.NamedNode(str(g)))
        quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return _sorted_lines(data or b"")
