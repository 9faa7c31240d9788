"""Turtle and TriG with bound prefixes and a canonical order, so that equal graphs give equal bytes.

rdflib's own serialisers order named graphs and some objects by hash; we write the statements
ourselves instead, sorted (subjects, then predicates with rdf:type first, then objects), and let rdflib
escape every term (``Term.n3``), so that article text is always data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.vocab import PREFIXES

_HEADER = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES)


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


def _sort_key(node: Node) -> tuple[int, str, str]:
    if isinstance(node, URIRef):
        return (0, str(node), "")
    if isinstance(node, Literal):
        return (1, str(node), f"{node.language or ''}|{node.datatype or ''}")
    return (2, str(node), "")


class _Terms:
    """Written forms and sort keys, computed once per distinct term: a big graph repeats its terms
    (classes, predicates, areas, people) hundreds of thousands of times."""

    def __init__(self) -> None:
        self.written: dict[Node, str] = {}
        self.keys: dict[Node, tuple[int, str, str]] = {}

    def term(self, node: Node) -> str:
        found = self.written.get(node)
        if found is None:
            found = self.written[node] = term(node)
        return found

    def key(self, node: Node) -> tuple[int, str, str]:
        found = self.keys.get(node)
        if found is None:
            found = self.keys[node] = _sort_key(node)
        return found


def _statements(triples: Iterable[tuple[Node, Node, Node]], indent: str = "",
                terms: _Terms | None = None) -> list[str]:
    terms = terms or _Terms()
    by_subject: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        by_subject[s][p].add(o)
    blocks: list[str] = []
    pad = f"{indent}        "
    for subject in sorted(by_subject, key=terms.key):
        predicates = by_subject[subject]
        lines: list[str] = []
        ordered = sorted(predicates, key=lambda p: (p != RDF.type, terms.key(p)))
        for predicate in ordered:
            objects = sorted(predicates[predicate], key=terms.key)
            verb = "a" if predicate == RDF.type else terms.term(predicate)
            lines.append(f"{indent}    {verb} " + f" ,\n{pad}".join(terms.term(o) for o in objects))
        blocks.append(f"{indent}{terms.term(subject)}\n" + " ;\n".join(lines) + " .\n")
    return blocks


def turtle(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    return (_HEADER + "\n" + "\n".join(_statements(triples))).encode("utf-8")


def trig(graphs: Mapping[URIRef, Iterable[tuple[Node, Node, Node]]]) -> bytes:
    """TriG of named graphs given as plain triple collections, graphs in IRI order, empty ones left out."""
    terms = _Terms()
    parts = [_HEADER]
    for name in sorted(graphs, key=str):
        body = "\n".join(_statements(graphs[name], indent="    ", terms=terms))
        if body:
            parts.append(f"\n{terms.term(name)} {{\n{body}}}\n")
    return "".join(parts).encode("utf-8")


def to_turtle(graph: Graph) -> bytes:
    return turtle(graph)


def to_trig(dataset: Dataset) -> bytes:
    return trig({g.identifier: g for g in dataset.graphs() if isinstance(g.identifier, URIRef)})
