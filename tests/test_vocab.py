"""The ontology file and kg/vocab.py name the same terms, and every term is documented."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.graph import load_ontology
from kg.vocab import KG, ONTOLOGY_IRI, PREFIXES

TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def _ontology_terms(graph: Graph) -> set[str]:
    terms = set()
    for kind in TERM_KINDS:
        for subject in graph.subjects(RDF.type, kind):
            if str(subject).startswith(str(KG._NS)):
                terms.add(str(subject)[len(str(KG._NS)):])
    return terms


def _vocab_terms() -> set[str]:
    return {name for name in KG.__annotations__}


def test_vocab_matches_ontology_in_both_directions() -> None:
    ontology = _ontology_terms(load_ontology())
    vocab = _vocab_terms()
    assert vocab - ontology == set(), "in vocab.py but not defined in ontology/kg.ttl"
    assert ontology - vocab == set(), "defined in ontology/kg.ttl but missing from vocab.py"


def test_vocab_fails_on_undefined_term() -> None:
    try:
        _ = KG.NotATerm
    except AttributeError:
        return
    raise AssertionError("KG should refuse terms the ontology does not define")


def test_vocab_every_term_has_english_and_chinese_label_and_comment() -> None:
    graph = load_ontology()
    for name in _ontology_terms(graph):
        term = KG[name]
        languages = {label.language for label in graph.objects(term, RDFS.label)}
        assert {"en", "zh"} <= languages, f"{name} lacks an en or zh label"
        assert list(graph.objects(term, RDFS.comment)), f"{name} lacks a comment"


def test_vocab_core_classes_align_with_public_vocabularies() -> None:
    graph = load_ontology()
    org = "http://www.w3.org/ns/org#"
    assert (KG.Post, RDFS.subClassOf, URIRef(org + "Membership")) in graph
    assert (KG.Post, RDFS.subClassOf, URIRef(org + "Post")) not in graph
    assert (KG.Person, OWL.equivalentClass, URIRef("http://xmlns.com/foaf/0.1/Person")) in graph
    assert (KG.Event, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Activity")) in graph
    assert (KG.Article, RDFS.subClassOf, URIRef("https://schema.org/NewsArticle")) in graph
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph


def test_vocab_schema_org_is_https_everywhere() -> None:
    assert dict(PREFIXES)["schema"] == "https://schema.org/"
    graph = load_ontology()
    for triple in graph:
        for node in triple:
            assert not str(node).startswith("http://schema.org/"), triple
