"""The explorer of a build kept in memory (``kg watch``): what changed is drawn again, the rest is kept.

``view.graph_view`` reads the whole graph on every build: an index of every triple, every fact node's
evidence, every node's neighbours (an overview draws the best connected), and the panels of the nodes
it draws. After a small change most of that is what it was. ``LiveExplorer`` keeps it and updates it
from the triples that entered or left the graph:

- the triple index, each node's evidence (counted per named graph), legend groups and neighbours,
  each changed only where a changed triple touches it;
- each drawn node's panel, made again only when something it shows may have changed (``_stale``);
- the overview's choice, edges and node list are made again whole: they cost little next to the rest.

The view it returns is the one ``graph_view`` makes of the same graphs (the tests compare the pages
byte for byte after every kind of change).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.term import Node

from kg.export.index import TripleIndex
from kg.export.view import (
    DRAWN,
    Fact,
    GraphView,
    _edges,
    _Facts,
    _Reader,
    evidence_order,
    graph_pairs,
    group_of,
    node_view,
    overview_nodes,
    post_target,
)
from kg.graph import Graphs, Triple
from kg.vocab import KG

_DRAWN = frozenset(DRAWN)
# What a panel shows of the nodes it links to, besides their links: a change to one of these
# statements of a node redraws the panels of the nodes around it (``_stale``).
_SHOWN_OF_NEIGHBOURS = frozenset((RDFS.label, RDF.type, KG.date, KG.investment, KG.organization, KG.area,
                                  KG.published))
Pair = tuple[str, URIRef | None]


class LiveExplorer:
    """The explorer's state between builds; ``update`` gives the view after a change."""

    def __init__(self, max_nodes: int | None) -> None:
        self.max_nodes = max_nodes
        self._graph = TripleIndex(())
        self._pairs: dict[URIRef, Counter[Pair]] = {}
        self._evidence: dict[URIRef, list[Pair]] = {}
        self._groups: dict[URIRef, tuple[str, URIRef]] = {}
        self._labels: dict[URIRef, str] = {}  # zh labels of classes and properties, as graph_view reads them
        self._neighbours: dict[URIRef, set[URIRef]] = {}
        self._shown: set[URIRef] = set()
        self._panels: dict[URIRef, tuple[Fact, ...]] = {}

    def update(self, graphs: Graphs, added: Iterable[Triple], removed: Iterable[Triple],
               rebuilt: dict[URIRef, set[Triple]]) -> GraphView:
        """The view after ``added`` entered and ``removed`` left the union, ``rebuilt`` being the named
        graphs that changed, each with what it held before (``graphs`` holds what they hold now)."""
        changed = [*removed, *added]
        for triple in removed:
            self._graph.remove(triple)
        for triple in added:
            self._graph.add(triple)
        cited = self._update_evidence(graphs, rebuilt)
        for s, p, o in changed:
            if p == RDF.type:
                self._regroup(s)
            elif p == RDFS.label and isinstance(s, URIRef) and isinstance(o, Literal) and o.language == "zh":
                self._relabel(s)
        reader = _Reader(self._graph, self._evidence)
        self._update_neighbours(changed, reader)

        total = len(self._groups)
        everything = set(self._groups)
        if self.max_nodes is not None and total > self.max_nodes:
            degrees = {str(n): len(self._neighbours.get(n, ())) for n in everything}
            shown = overview_nodes(everything, self._groups, degrees, self.max_nodes)
        else:
            shown = everything
        # the first view makes every panel: no need to work out which are stale
        stale = self._stale(changed, cited, shown ^ self._shown) & shown if self._panels else set()
        self._shown = shown
        self._panels = {n: facts for n, facts in self._panels.items() if n in shown and n not in stale}
        edges = _edges(self._graph, reader, shown, self._labels)
        facts = _Facts(reader, shown, self._labels, self._labels)
        nodes = []
        for node in sorted(shown, key=str):
            view = node_view(reader, node, self._groups[node], self._labels, len(self._neighbours.get(node, ())))
            panel = self._panels.get(node)
            if panel is None:
                panel = self._panels[node] = tuple(facts.of(node, view.group))
            nodes.append(replace(view, facts=panel))
        return GraphView(tuple(nodes), edges, total_nodes=total)

    # ---------------------------------------------------------------------------------- state

    def _update_evidence(self, graphs: Graphs, rebuilt: dict[URIRef, set[Triple]]) -> set[Node]:
        """Count each rebuilt graph's evidence pairs out (as it was) and in (as it is); the fact nodes
        whose evidence changed, and the articles of the pairs that came or went."""
        touched: dict[URIRef, list[Pair]] = {}
        for name, before in rebuilt.items():
            for sign, triples in ((-1, before), (1, graphs.graphs.get(name, ()))):
                for node, pair in graph_pairs(triples):
                    if node not in touched:
                        touched[node] = self._evidence.get(node, [])
                    counts = self._pairs.setdefault(node, Counter())
                    counts[pair] += sign
        cited: set[Node] = set()
        for node, was in touched.items():
            counts = self._pairs[node]
            now = sorted((pair for pair, count in counts.items() if count > 0), key=evidence_order)
            if now == was:
                continue
            cited.add(node)
            cited.update(article for _, article in set(now) ^ set(was) if article is not None)
            if now:
                self._evidence[node] = now
                self._pairs[node] = Counter({pair: counts[pair] for pair in now})
            else:
                self._evidence.pop(node, None)
                del self._pairs[node]
        return cited

    def _regroup(self, node: Node) -> None:
        if not isinstance(node, URIRef):
            return
        group = group_of(self._graph, node)
        if group is not None:
            self._groups[node] = group
        else:
            self._groups.pop(node, None)

    def _relabel(self, node: URIRef) -> None:
        labels = sorted(str(o) for o in self._graph.objects(node, RDFS.label)
                        if isinstance(o, Literal) and o.language == "zh")
        if labels:
            self._labels[node] = labels[0]
        else:
            self._labels.pop(node, None)

    def _update_neighbours(self, changed: list[Triple], reader: _Reader) -> None:
        """Each drawn node's neighbours (``network.node_degrees`` counts them), made again for the
        nodes at one end of every relation a changed triple may have made or undone; the node at the
        other end is found by comparing, and made again too."""
        ends: set[Node] = set()
        for s, p, o in changed:
            if p in _DRAWN:
                ends.update((s, o))
            elif p == KG.holds or p == RDF.type:
                ends.add(s)
            elif p == KG.organization or p == KG.area:
                ends.add(o)
                ends.update(self._graph.subjects(KG.holds, s))
        others: set[URIRef] = set()
        for node in ends:
            others |= self._renew_neighbours(node, reader)
        for node in others - ends:
            self._renew_neighbours(node, reader)

    def _renew_neighbours(self, node: Node, reader: _Reader) -> set[URIRef]:
        """Make ``node``'s neighbours again; the nodes that came or went."""
        if not isinstance(node, URIRef):
            return set()
        graph, groups = self._graph, self._groups
        found: set[URIRef] = set()
        if node in groups:
            for prop in DRAWN:
                found.update(o for o in graph.objects(node, prop) if isinstance(o, URIRef) and o in groups)
                found.update(s for s in graph.subjects(prop, node) if isinstance(s, URIRef) and s in groups)
            for post in graph.objects(node, KG.holds):
                if isinstance(post, URIRef):
                    target = post_target(reader, post)
                    if isinstance(target, URIRef) and target in groups:
                        found.add(target)
            for prop in (KG.organization, KG.area):
                for post in graph.subjects(prop, node):
                    if isinstance(post, URIRef) and post_target(reader, post) == node:
                        found.update(p for p in graph.subjects(KG.holds, post)
                                     if isinstance(p, URIRef) and p in groups)
            found.discard(node)
        was = self._neighbours.get(node, set())
        if found:
            self._neighbours[node] = found
        else:
            self._neighbours.pop(node, None)
        return was ^ found

    def _stale(self, changed: list[Triple], cited: set[Node], moved: set[URIRef]) -> set[Node]:
        """Nodes whose panels may show something else now.

        A panel shows its node's own statements (both ways), and of the nodes they link to: their
        labels, classes, dates, sums, a post's organization and area and holders, whether they are
        drawn (a link), and for posts and events, their evidence with its article's headline. So a
        panel is stale when a changed triple touches its node, when a neighbour's shown statements,
        holders, drawing or evidence changed, or one step further through a post or an event.
        """
        graph = self._graph
        stale: set[Node] = set(cited)
        shown_changed: set[Node] = set(moved)
        for s, p, o in changed:
            stale.add(s)
            stale.add(o)
            if p in _SHOWN_OF_NEIGHBOURS:
                shown_changed.add(s)
            elif p == KG.holds:
                shown_changed.add(o)
        # an article's panel lists its own sentences (stale above); others show only those of posts and events
        shown_changed.update(node for node in cited if self._is_post_or_event(node))
        for node in shown_changed:
            around = graph.around(node)
            stale.update(around)
            for neighbour in around:
                if self._is_post_or_event(neighbour):
                    stale.update(graph.around(neighbour))
        return stale

    def _is_post_or_event(self, node: Node) -> bool:
        group = self._groups.get(node) if isinstance(node, URIRef) else None
        return (group is not None and group[0] == "Event") or self._graph.has(node, RDF.type, KG.Post)
