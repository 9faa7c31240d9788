from __future__ import annotations

from rdflib import URIRef

from kg.extract import EXTRACTORS, Extractor, check_pipeline, extract_all
from kg.graph import load_ontology
from kg.vocab import KG


def test_registry_every_produced_term_is_in_the_ontology() -> None:
    defined = {str(s) for s in load_ontology().subjects() if isinstance(s, URIRef)}
    for extractor in EXTRACTORS:
        for term in extractor.produces:
            assert str(KG[term]) in defined, f"{extractor.name} produces undefined kg:{term}"


def test_registry_requirements_are_met_by_analysis() -> None:
    assert check_pipeline() == []


def test_registry_reports_a_missing_producer() -> None:
    broken = Extractor("needs-parse-tree", frozenset({"parse_tree"}), frozenset(), lambda doc, s: [])
    assert check_pipeline([broken]) == ["extractor 'needs-parse-tree' requires ['parse_tree'] that analysis lacks"]


def test_registry_extractors_run_in_any_order(make_doc, settings) -> None:
    doc = make_doc("8月9日上午，市政协副主席李某某到管城区视察。")
    forward = extract_all(doc, settings, EXTRACTORS)
    backward = extract_all(doc, settings, tuple(reversed(EXTRACTORS)))
    assert sorted(map(repr, forward)) == sorted(map(repr, backward))
