"""The Turtle and TriG writers: canonical order, and article text always data."""

from __future__ import annotations

import pyoxigraph
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export.rdf import to_trig, to_turtle
from kg.vocab import KG, KGR

HOSTILE = ['say "hi" \\ now', "line\nbreak\ttab", "<script>alert(1)</script> & ‮rtl", "\u0007bell", "😀"]


def _graph() -> Graph:
    graph = Graph()
    for i, text in enumerate(HOSTILE):
        node = KGR[f"event/e-{i}"]
        graph.add((node, KG.evidence, Literal(text, lang="zh")))
        graph.add((node, KG.trigger, Literal(text)))
        graph.add((node, KG.date, Literal("--08-09", datatype=XSD.gMonthDay)))
    return graph


def test_rdf_turtle_round_trips_hostile_text() -> None:
    graph = _graph()
    data = to_turtle(graph)
    parsed = Graph().parse(data=data.decode("utf-8"), format="turtle")
    assert isomorphic(parsed, graph)
    assert len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))) == len(graph)


def test_rdf_turtle_is_independent_of_insertion_order() -> None:
    triples = list(_graph())
    forward, backward = Graph(), Graph()
    for t in triples:
        forward.add(t)
    for t in reversed(triples):
        backward.add(t)
    assert to_turtle(forward) == to_turtle(backward)


def test_rdf_trig_writes_one_block_per_graph_in_order() -> None:
    dataset = Dataset()
    for name in ("b", "a"):
        dataset.graph(URIRef(f"https://w3id.org/zhengwu/resource/article/{name}")).add(
            (KGR["x"], KG.trigger, Literal(name)))
    text = to_trig(dataset).decode("utf-8")
    assert text.index("article/a>") < text.index("article/b>")
    quads = list(pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG))
    assert len(quads) == 2
