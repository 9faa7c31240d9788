"""The whole build of the seeds: files, parsing, determinism, provenance, and exports/ kept fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from kg.api import build
from kg.vocab import KG, RESOURCE_BASE

from .conftest import EXPORTS, SEEDS

FILES = ("kg.ttl", "kg.trig", "kg.html")


def test_build_writes_the_contract_files(seed_build: Path) -> None:
    for name in FILES:
        assert (seed_build / name).stat().st_size > 0


def test_build_exports_parse_in_rdflib_and_pyoxigraph(seed_build: Path) -> None:
    graph = Graph().parse(seed_build / "kg.ttl", format="turtle")
    dataset = Dataset()
    dataset.parse(seed_build / "kg.trig", format="trig")
    assert len(graph) > 500
    assert len(list(pyoxigraph.parse(path=str(seed_build / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE))) \
        == len(graph)
    quads = list(pyoxigraph.parse(path=str(seed_build / "kg.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert {(q.subject, q.predicate, q.object) for q in quads}


def test_build_is_byte_identical_across_runs(seed_build: Path, tmp_path: Path) -> None:
    build([SEEDS], tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (seed_build / name).read_bytes(), name


def test_build_committed_exports_are_not_stale(seed_build: Path) -> None:
    for name in FILES:
        committed = EXPORTS / name
        assert committed.exists(), f"exports/{name} is missing: run scripts/build"
        assert committed.read_bytes() == (seed_build / name).read_bytes(), \
            f"exports/{name} is stale: run scripts/build and commit exports/"


def test_build_trig_has_one_named_graph_per_article(seed_build: Path) -> None:
    dataset = Dataset()
    dataset.parse(seed_build / "kg.trig", format="trig")
    articles = set(Graph().parse(seed_build / "kg.ttl").subjects(RDF.type, KG.Article))
    graph_names = {g.identifier for g in dataset.graphs()}
    assert articles <= graph_names
    assert len(articles) == 34


def test_build_every_fact_node_has_source_and_evidence(seed_build: Path) -> None:
    graph = Graph().parse(seed_build / "kg.ttl")
    for cls in (KG.Post, KG.Meeting, KG.Inspection, KG.Ceremony, KG.Activity, KG.Project, KG.Campaign):
        for node in graph.subjects(RDF.type, cls):
            assert any(graph.objects(node, KG.source)), node
            evidence = list(graph.objects(node, KG.evidence))
            assert evidence and all(isinstance(e, Literal) and e.language == "zh" for e in evidence), node


def test_build_iris_are_ascii_and_never_blank(seed_build: Path) -> None:
    graph = Graph().parse(seed_build / "kg.ttl")
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef):
                assert str(node).isascii(), node
            else:
                assert isinstance(node, Literal), f"blank node in {triple}"


def test_build_every_entity_has_one_chinese_label(seed_build: Path) -> None:
    graph = Graph().parse(seed_build / "kg.ttl")
    for subject in set(graph.subjects(RDF.type, None)):
        if not str(subject).startswith(RESOURCE_BASE) or str(subject) == RESOURCE_BASE:
            continue
        labels = [o for o in graph.objects(subject, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))]
        assert len(labels) == 1 and labels[0].language == "zh", (subject, labels)


def test_build_articles_have_headline_and_reporters(seed_build: Path) -> None:
    graph = Graph().parse(seed_build / "kg.ttl")
    labels = {str(graph.value(a, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
              for a in graph.subjects(RDF.type, KG.Article)}
    assert "郑东新区 召开防汛会商会议" in labels
    authors = {str(graph.value(p, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
               for p in graph.objects(None, KG.author)}
    assert {"冉红政", "姜璞", "党贺喜"} <= authors


def test_build_html_is_offline(seed_build: Path) -> None:
    page = (seed_build / "kg.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(?:script|link)[^>]+(?:src|href)=["']?(?:https?:)?//""", page)
    assert "vis.Network" in page


def test_build_includes_the_ontology(seed_build: Path) -> None:
    graph = Graph().parse(seed_build / "kg.ttl")
    assert (URIRef(RESOURCE_BASE), URIRef("http://www.w3.org/2002/07/owl#imports"),
            URIRef("https://w3id.org/zhengwu/ontology")) in graph
    assert any(graph.objects(KG.Official, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))


@pytest.mark.parametrize("name", FILES)
def test_build_failure_leaves_previous_exports_intact(seed_build: Path, tmp_path: Path, name: str) -> None:
    from kg.errors import InputError

    out = tmp_path / "out"
    build([SEEDS], out)
    before = (out / name).read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError):
        build([SEEDS, bad], out)
    assert (out / name).read_bytes() == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_build_a_corpus_holding_its_own_exports_does_not_read_them(tmp_path: Path, jobs: int) -> None:
    """``kg build . --out out``: the second build must not read out/rejects.jsonl (an empty .jsonl, an
    error) nor anything else of its own output as input."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "out" / "old").mkdir(parents=True)
    shutil.copy(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0], corpus / "out" / "old" / "copy.txt")
    first = build([corpus], corpus / "out", jobs=jobs, cache_dir=tmp_path / "cache")
    second = build([corpus], corpus / "out", jobs=jobs, cache_dir=tmp_path / "cache")
    assert first.articles == second.articles == 34  # the copy inside out/ is not an input either
    assert not second.rejects
