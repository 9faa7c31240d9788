"""Turtle and TriG with bound prefixes and a canonical order, so that equal graphs give equal bytes.

rdflib's own serialisers order named graphs and some objects by hash; we write the statements
ourselves instead, sorted (subjects, then predicates with rdf:type first, then objects), and let rdflib
escape every term (``Term.n3``), so that article text is always data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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


def _statements(triples: Iterable[tuple[Node, Node, Node]], indent: str = "") -> list[str]:
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    blocks: list[str] = []
    for subject in sorted(by_subject, key=_sort_key):
        predicates = by_subject[subject]
        lines: list[str] = []
        ordered = sorted(predicates, key=lambda p: (p != RDF.type, _sort_key(p)))
        for predicate in ordered:
            objects = sorted(set(predicates[predicate]), key=_sort_key)
            verb = "a" if predicate == RDF.type else term(predicate)
            lines.append(f"{indent}    {verb} " + " ,\n".join(
                (term(o) if i == 0 else f"{indent}        {term(o)}") for i, o in enumerate(objects)))
        blocks.append(f"{indent}{term(subject)}\n" + " ;\n".join(lines) + " .\n")
    return blocks


def to_turtle(graph: Graph) -> bytes:
    return (_HEADER + "\n" + "\n".join(_statements(graph))).encode("utf-8")


def to_trig(dataset: Dataset) -> bytes:
    parts = [_HEADER]
    graphs = sorted((g for g in dataset.graphs() if len(g) and isinstance(g.identifier, URIRef)),
                    key=lambda g: str(g.identifier))
    for graph in graphs:
        body = "\n".join(_statements(graph, indent="    "))
        parts.append(f"\n{term(graph.identifier)} {{\n{body}}}\n")
    return "".join(parts).encode("utf-8")
