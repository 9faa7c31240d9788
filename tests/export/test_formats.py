"""kg build --format: N-Triples, N-Quads and JSON-LD say the same as Turtle and TriG, byte-stable."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import SDO

from kg.errors import SettingsError
from kg.export import DEFAULT_FORMATS, file_names, render_all
from kg.export.jsonld import CONTEXT_FILE
from kg.graph import Graphs


def _quads(path: Path, fmt: str) -> set[tuple[object, ...]]:
    dataset = Dataset()
    dataset.parse(path, format=fmt)
    return set(dataset.quads((None, None, None, None)))


def test_formats_build_writes_every_requested_file(seed_build: Path) -> None:
    names = {p.name for p in seed_build.iterdir()}
    assert {"kg.ttl", "kg.trig", "kg.html", "kg.nt", "kg.nq", "kg.jsonld", CONTEXT_FILE} <= names


@pytest.mark.parametrize(("formats", "expected"), [
    ((), ["kg.ttl", "kg.trig", "kg.html"]),
    (("nt",), ["kg.ttl", "kg.trig", "kg.html", "kg.nt"]),
    (("jsonld", "nq"), ["kg.ttl", "kg.trig", "kg.html", "kg.nq", "kg.jsonld", CONTEXT_FILE]),
    (("all",), ["kg.ttl", "kg.trig", "kg.html", "kg.nt", "kg.nq", "kg.jsonld", CONTEXT_FILE]),
])
def test_formats_file_names_add_to_the_defaults(formats: tuple[str, ...], expected: list[str]) -> None:
    assert file_names(formats) == expected
    assert set(DEFAULT_FORMATS) == {"ttl", "trig", "html"}


def test_formats_unknown_format_names_the_allowed_ones() -> None:
    with pytest.raises(SettingsError, match="jsonld"):
        file_names(("rdfxml",))


def test_formats_ntriples_is_the_turtle_graph(seed_build: Path) -> None:
    turtle, ntriples = Graph(), Graph()
    turtle.parse(seed_build / "kg.ttl", format="turtle")
    ntriples.parse(seed_build / "kg.nt", format="nt")
    assert len(ntriples) > 0
    assert isomorphic(turtle, ntriples)


@pytest.mark.parametrize(("name", "fmt"), [("kg.nq", "nquads"), ("kg.jsonld", "json-ld")])
def test_formats_quads_equal_the_trig(seed_build: Path, name: str, fmt: str) -> None:
    # no blank nodes in a build, so equal quad sets mean equal datasets
    assert _quads(seed_build / name, fmt) == _quads(seed_build / "kg.trig", "trig")


@pytest.mark.parametrize(("name", "fmt"), [("kg.nt", ox.RdfFormat.N_TRIPLES), ("kg.nq", ox.RdfFormat.N_QUADS),
                                           ("kg.jsonld", ox.RdfFormat.JSON_LD)])
def test_formats_pyoxigraph_reads_every_format(seed_build: Path, name: str, fmt: ox.RdfFormat) -> None:
    reference = list(ox.parse(path=str(seed_build / "kg.trig"), format=ox.RdfFormat.TRIG))
    parsed = list(ox.parse(path=str(seed_build / name), format=fmt))
    if fmt == ox.RdfFormat.N_TRIPLES:
        assert {q.triple for q in parsed} == {q.triple for q in reference}
    else:
        assert set(parsed) == set(reference)


def test_formats_ntriples_lines_are_sorted_and_unique(seed_build: Path) -> None:
    lines = (seed_build / "kg.nt").read_bytes().splitlines()
    assert lines == sorted(set(lines))


def test_formats_jsonld_context_file_is_the_inline_context(seed_build: Path) -> None:
    document = json.loads((seed_build / "kg.jsonld").read_text(encoding="utf-8"))
    context = json.loads((seed_build / CONTEXT_FILE).read_text(encoding="utf-8"))
    assert document["@context"] == context["@context"]
    assert context["@context"]["kgr"] == "https://w3id.org/zhengwu/resource/"


def test_formats_schema_prefix_is_https_everywhere(seed_build: Path) -> None:
    # rdflib's SDO namespace is https; schema.org's own JSON-LD context says http. We chose https.
    assert str(SDO) == "https://schema.org/"
    context = json.loads((seed_build / CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]
    assert context["schema"] == "https://schema.org/"
    for name in ("kg.ttl", "kg.trig", "kg.nt", "kg.nq", "kg.jsonld"):
        text = (seed_build / name).read_text(encoding="utf-8")
        assert "http://schema.org" not in text, name
    assert "@prefix schema: <https://schema.org/> ." in (seed_build / "kg.ttl").read_text(encoding="utf-8")


def test_formats_rendering_twice_gives_identical_bytes(seed_build: Path) -> None:
    dataset = Dataset()
    dataset.parse(seed_build / "kg.trig", format="trig")
    graphs = Graphs({g.identifier: set(g) for g in dataset.graphs() if len(g)})  # type: ignore[misc]
    first = render_all(graphs, ("nt", "nq", "jsonld"))
    second = render_all(graphs, ("nt", "nq", "jsonld"))
    assert first.keys() == second.keys()
    for name in ("kg.nt", "kg.nq", "kg.jsonld"):
        assert first[name] == second[name], name


def _seed_graphs(seed_build: Path) -> Graphs:
    dataset = Dataset()
    dataset.parse(seed_build / "kg.trig", format="trig")
    return Graphs({g.identifier: set(g) for g in dataset.graphs() if len(g)})  # type: ignore[misc]


def test_formats_rendering_in_two_processes_gives_the_same_files(seed_build: Path) -> None:
    graphs = _seed_graphs(seed_build)
    alone = render_all(graphs, ("all",))
    parallel = render_all(graphs, ("all",), jobs=2)
    assert list(parallel) == list(alone)  # the same files in the same order
    for name, data in alone.items():
        assert parallel[name] == data, name


def test_formats_rendering_without_fork_stays_in_this_process(seed_build: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.parallel

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool where processes cannot be forked")

    monkeypatch.setattr(kg.parallel, "can_fork", lambda: False)
    monkeypatch.setattr(kg.parallel, "ProcessPoolExecutor", no_pool)
    graphs = _seed_graphs(seed_build)
    assert render_all(graphs, ("nt",), jobs=2) == render_all(graphs, ("nt",))
