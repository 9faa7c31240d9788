"""JSON-LD: the named graphs with a context of the export's prefixes, written in a canonical order.

Every object has its ``@id`` and each property's values sorted, so equal graphs give equal bytes. The
context is written into ``kg.jsonld`` itself, so that any JSON-LD processor reads the file without
fetching anything, and also alone as ``kg.context.jsonld``, for compacting or framing other data with
the same names. ``schema:`` is ``https://schema.org/`` (as in rdflib and every other export), not the
``http:`` of schema.org's own context.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, BNode, Dataset, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.vocab import PREFIXES

CONTEXT_FILE = "kg.context.jsonld"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def context() -> dict[str, str]:
    return dict(PREFIXES)


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES:
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and not local.startswith("//"):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _id(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else _compact(str(node))


def _value(node: Node) -> dict[str, str]:
    if isinstance(node, Literal):
        if node.language:
            return {"@value": str(node), "@language": node.language}
        if node.datatype is not None and str(node.datatype) != _XSD_STRING:
            return {"@value": str(node), "@type": _compact(str(node.datatype))}
        return {"@value": str(node)}
    return {"@id": _id(node)}


def _sort_key(value: dict[str, str]) -> tuple[str, str, str]:
    kind = value.get("@language", "") + value.get("@type", "")
    return (value.get("@id", ""), value.get("@value", ""), kind)


def _values(objects: list[Node]) -> list[dict[str, str]]:
    unique = {tuple(sorted(_value(o).items())): _value(o) for o in objects}
    return sorted(unique.values(), key=_sort_key)


def _nodes(triples: list[tuple[Node, Node, Node]]) -> list[dict[str, object]]:
    subjects: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        subjects[s][p].append(o)
    nodes = []
    for subject in sorted(subjects, key=_id):
        node: dict[str, object] = {"@id": _id(subject)}
        properties = subjects[subject]
        if RDF.type in properties:
            node["@type"] = sorted({_id(t) for t in properties[RDF.type]})
        for predicate in sorted((p for p in properties if p != RDF.type), key=_id):
            node[_id(predicate)] = _values(properties[predicate])
        nodes.append(node)
    return nodes


def _dump(document: dict[str, object]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_jsonld(dataset: Dataset) -> bytes:
    """The dataset as JSON-LD: one ``@graph`` object per named graph, the default graph's nodes beside."""
    return jsonld(dataset.quads((None, None, None, None)))


def jsonld(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> bytes:
    """Quads (subject, predicate, object, graph name) as JSON-LD, like ``to_jsonld``."""
    by_graph: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
    for s, p, o, g in quads:
        by_graph[DATASET_DEFAULT_GRAPH_ID if g is None else g].append((s, p, o))
    top: list[dict[str, object]] = _nodes(by_graph.pop(DATASET_DEFAULT_GRAPH_ID, []))
    for graph in sorted(by_graph, key=_id):
        top.append({"@id": _id(graph), "@graph": _nodes(by_graph[graph])})
    return _dump({"@context": context(), "@graph": top})


def to_context(dataset: Dataset | None = None) -> bytes:
    """The context of ``kg.jsonld`` alone; the same for every build, whatever the dataset."""
    return _dump({"@context": context()})
