"""Plain dict lookups over a set of triples: what the explorer asks of a graph, without an rdflib store.

The explorer asks tens of lookups per node; through rdflib's ``Graph`` each one walks its store's
generic pattern matching, and merely copying a build's named graphs into one ``Graph`` cost more than
everything else the explorer does. Two dicts answer the same questions directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rdflib.term import Node

_NONE: Sequence[Node] = ()


class TripleIndex:
    """Objects by (subject, predicate) and subjects by (predicate, object), over distinct triples."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self._objects: dict[Node, dict[Node, list[Node]]] = {}
        self._subjects: dict[Node, dict[Node, list[Node]]] = {}
        distinct = triples if isinstance(triples, set | frozenset) else set(triples)
        for s, p, o in distinct:
            self._objects.setdefault(s, {}).setdefault(p, []).append(o)
            self._subjects.setdefault(p, {}).setdefault(o, []).append(s)

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        """Index one more triple; it must not be indexed already."""
        s, p, o = triple
        self._objects.setdefault(s, {}).setdefault(p, []).append(o)
        self._subjects.setdefault(p, {}).setdefault(o, []).append(s)

    def remove(self, triple: tuple[Node, Node, Node]) -> None:
        """Forget an indexed triple (a build kept in memory, after a change)."""
        s, p, o = triple
        _drop(self._objects, s, p, o)
        _drop(self._subjects, p, o, s)

    def around(self, node: Node) -> set[Node]:
        """Every node a triple links ``node`` with, either way."""
        found = {o for objects in self._objects.get(node, {}).values() for o in objects}
        for by_object in self._subjects.values():
            found.update(by_object.get(node, _NONE))
        found.discard(node)
        return found

    def objects(self, subject: Node, predicate: Node) -> Sequence[Node]:
        by_predicate = self._objects.get(subject)
        return by_predicate.get(predicate, _NONE) if by_predicate else _NONE

    def subjects(self, predicate: Node, obj: Node) -> Sequence[Node]:
        by_object = self._subjects.get(predicate)
        return by_object.get(obj, _NONE) if by_object else _NONE

    def pairs(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """(subject, object) of every triple with ``predicate``."""
        for obj, subjects in self._subjects.get(predicate, {}).items():
            for subject in subjects:
                yield subject, obj

    def has(self, subject: Node, predicate: Node, obj: Node) -> bool:
        return obj in self.objects(subject, predicate)


def _drop(index: dict[Node, dict[Node, list[Node]]], first: Node, second: Node, value: Node) -> None:
    inner = index[first]
    values = inner[second]
    values.remove(value)
    if not values:
        del inner[second]
        if not inner:
            del index[first]
