"""N-Quads shards: named graphs to and from the line format that merges by concatenation.

pyoxigraph reads and writes them (much faster than rdflib); the terms are converted at the edge, so
the rest of the package keeps its rdflib terms. Lines are sorted, so equal graphs give equal bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

import pyoxigraph as ox
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from kg.export.ntriples import to_oxigraph as _ox
from kg.graph import Triple


def _rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        # a plain literal is written as xsd:string and must come back plain, as rdflib made it
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot read {term!r}")


def to_nquads(graphs: Mapping[URIRef, Iterable[Triple]]) -> bytes:
    quads = [ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(str(g)))  # type: ignore[arg-type]
             for g, triples in graphs.items() for s, p, o in triples]
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    return b"".join(sorted(data.splitlines(keepends=True)))


def from_nquads(chunks: Iterable[bytes]) -> dict[URIRef, set[Triple]]:
    """The named graphs of N-Quads ``chunks``, merged by union."""
    graphs: dict[URIRef, set[Triple]] = {}
    terms: dict[object, Node] = {}

    def convert(term: object) -> Node:
        found = terms.get(term)
        if found is None:
            found = terms[term] = _rdflib(term)
        return found

    for chunk in chunks:
        for quad in ox.parse(chunk, format=ox.RdfFormat.N_QUADS):
            name = URIRef(quad.graph_name.value)
            triple = cast(Triple, (convert(quad.subject), convert(quad.predicate), convert(quad.object)))
            graphs.setdefault(name, set()).add(triple)
    return graphs
