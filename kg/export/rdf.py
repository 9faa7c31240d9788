"""Turtle and TriG with bound prefixes and a canonical order, so that equal graphs give equal bytes.

rdflib's own serialisers order named graphs and some objects by hash; we write the statements
ourselves instead, sorted (subjects, then predicates with rdf:type first, then objects), and let rdflib
escape every term (``Term.n3``), so that article text is always data.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.vocab import PREFIXES

HEADER = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES)


def _namespace_manager() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES:
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


_MANAGER = _namespace_manager()
_SAFE_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


@lru_cache(maxsize=200_000)
def _iri(term: URIRef) -> str:
    text = str(term)
    for prefix, namespace in PREFIXES:
        if text.startswith(namespace):
            local = text[len(namespace):]
            # a prefixed name only where every character is plainly safe; '/' keeps the full IRI
            if local and local[0].isalpha() and set(local) <= _SAFE_LOCAL and not local.endswith("-"):
                return f"{prefix}:{local}"
    return term.n3()


def term(node: Node) -> str:
    if isinstance(node, URIRef):
        return _iri(node)
    if isinstance(node, Literal):
        if node.datatype is not None:
            return f"{Literal(str(node)).n3()}^^{_iri(node.datatype)}"
        return node.n3()
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"cannot write {node!r}")


def sort_key(node: Node) -> tuple[int, str, str]:
    if isinstance(node, URIRef):
        return (0, str(node), "")
    if isinstance(node, Literal):
        return (1, str(node), f"{node.language or ''}|{node.datatype or ''}")
    return (2, str(node), "")


class _Terms:
    """Every distinct term's written form and its place in the canonical order, computed once: a big
    graph repeats its terms (classes, predicates, areas, people) hundreds of thousands of times, and
    sorting statements by small integers is much cheaper than by the terms themselves."""

    def __init__(self, nodes: Collection[Node]) -> None:  # distinct
        ordered = sorted(nodes, key=sort_key)
        self.rank: dict[Node, int] = {node: i for i, node in enumerate(ordered)}
        self.written: list[str] = [term(node) for node in ordered]
        self.type_rank = self.rank.get(RDF.type, -2)


def _nodes(graphs: Iterable[Collection[tuple[Node, Node, Node]]]) -> set[Node]:
    out: set[Node] = set()
    for triples in graphs:
        for triple in triples:
            out.update(triple)
    return out


def _statements(triples: Iterable[tuple[Node, Node, Node]], terms: _Terms, indent: str = "") -> list[str]:
    """One block per subject, in order: subjects, then predicates with rdf:type first, then objects."""
    rank, written, typed = terms.rank, terms.written, terms.type_rank
    # rdf:type's rank becomes -1, so that it sorts (and is written "a") first; a set drops repeats
    rows = sorted({(rank[s], -1 if (p_rank := rank[p]) == typed else p_rank, rank[o]) for s, p, o in triples})
    pad = f" ,\n{indent}        "
    blocks: list[str] = []
    for subject, statements in groupby(rows, key=itemgetter(0)):
        lines = [f"{indent}    {'a' if predicate < 0 else written[predicate]} "
                 + pad.join(written[o] for _, _, o in objects)
                 for predicate, objects in groupby(statements, key=itemgetter(1))]
        blocks.append(f"{indent}{written[subject]}\n" + " ;\n".join(lines) + " .\n")
    return blocks


def statements_of(triples: Collection[tuple[Node, Node, Node]], indent: str = "",
                  terms: _Terms | None = None) -> list[str]:
    """``_statements`` of a part of a graph (one subject, one named graph), with ``terms`` made for
    several parts at once (``terms_of``) or the part's own: the canonical order is total, so a term's
    place relative to another does not depend on which other terms are ranked with them."""
    return _statements(triples, terms if terms is not None else _Terms(_nodes([triples])), indent)


def terms_of(parts: Iterable[Collection[tuple[Node, Node, Node]]]) -> _Terms:
    """The written forms and ranks of the terms of ``parts``, made once for all of them."""
    return _Terms(_nodes(parts))


def _reusable(triples: Iterable[tuple[Node, Node, Node]]) -> Collection[tuple[Node, Node, Node]]:
    """The triples in something that can be read twice (once for the terms, once for the statements)."""
    return triples if isinstance(triples, Collection) else list(triples)


def turtle(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    statements = _reusable(triples)
    body = _statements(statements, _Terms(_nodes([statements])))
    return (HEADER + "\n" + "\n".join(body)).encode("utf-8")


def trig(graphs: Mapping[URIRef, Iterable[tuple[Node, Node, Node]]]) -> bytes:
    """TriG of named graphs given as plain triple collections, graphs in IRI order, empty ones left out."""
    named = {name: _reusable(triples) for name, triples in graphs.items()}
    terms = _Terms(_nodes(named.values()))
    parts = [HEADER]
    for name in sorted(named, key=str):
        body = "\n".join(_statements(named[name], terms, indent="    "))
        if body:
            parts.append(f"\n{term(name)} {{\n{body}}}\n")
    return "".join(parts).encode("utf-8")


def to_turtle(graph: Graph) -> bytes:
    return turtle(graph)


def to_trig(dataset: Dataset) -> bytes:
    return trig({g.identifier: g for g in dataset.graphs() if isinstance(g.identifier, URIRef)})
