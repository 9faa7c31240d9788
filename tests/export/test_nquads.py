from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from kg.export.nquads import from_nquads, to_nquads
from kg.export.rdf import to_trig, trig
from kg.graph import Graphs

G1 = URIRef("https://w3id.org/zhengwu/resource/article/a-01")
G2 = URIRef("https://w3id.org/zhengwu/resource/article/a-02")
S = URIRef("https://w3id.org/zhengwu/resource/person/zhang-123456")
GRAPHS = {
    G1: {(S, RDFS.label, Literal("张三", lang="zh")), (S, RDF.type, URIRef("https://w3id.org/zhengwu/ontology#Person")),
         (S, URIRef("https://w3id.org/zhengwu/ontology#role"), Literal("书记")),
         (S, URIRef("https://w3id.org/zhengwu/ontology#evidence"), Literal('他说："好"\n<b>&', lang="zh"))},
    G2: {(S, URIRef("https://w3id.org/zhengwu/ontology#investment"),
          Literal("40000000000", datatype=XSD.decimal))},
}


def test_nquads_round_trip_keeps_every_term() -> None:
    assert from_nquads([to_nquads(GRAPHS)]) == GRAPHS


def test_nquads_shards_merge_by_union() -> None:
    shards = [to_nquads({G1: GRAPHS[G1]}), to_nquads({G2: GRAPHS[G2]}), to_nquads({G1: GRAPHS[G1]})]
    assert from_nquads(shards) == GRAPHS


def test_nquads_bytes_do_not_depend_on_set_order() -> None:
    reordered = {G2: set(reversed(list(GRAPHS[G2]))), G1: set(reversed(list(GRAPHS[G1])))}
    assert to_nquads(reordered) == to_nquads(GRAPHS)


def test_rdf_trig_of_a_dataset_equals_trig_of_plain_graphs() -> None:
    assert to_trig(Graphs(GRAPHS).dataset()) == trig(GRAPHS)
