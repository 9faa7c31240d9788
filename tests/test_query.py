"""kg query: SPARQL over a build directory or an RDF file, answered as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.query import Table, Term, find_graph_file, load, render, run, to_csv, to_json

QUERIES = Path(__file__).resolve().parent.parent / "queries"

GRAPH = """
@prefix kg: <https://w3id.org/zhengwu/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/zhengwu/resource/area/410105> a kg:District ; rdfs:label "金水区"@zh .
<https://w3id.org/zhengwu/resource/project/x1> a kg:Project ; rdfs:label "金水科技园, \\"一期\\""@zh ;
    kg:locatedIn <https://w3id.org/zhengwu/resource/area/410105> ;
    kg:investment "1500000000"^^xsd:decimal .
<https://w3id.org/zhengwu/resource/project/x2> a kg:Project ; rdfs:label "北龙湖公园"@zh .
"""
PROJECTS = """SELECT ?project ?investment WHERE {
  ?p a kg:Project ; rdfs:label ?project . OPTIONAL { ?p kg:investment ?investment } } ORDER BY ?project"""


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return path


def test_query_prefixes_are_predeclared_and_unbound_cells_are_empty(graph_file: Path) -> None:
    table = run(load(graph_file), PROJECTS)
    assert table.columns == ("project", "investment")
    assert table.rows == (("北龙湖公园", ""), ('金水科技园, "一期"', "1500000000"))
    assert table.terms[1][1] == Term("literal", "1500000000", datatype="http://www.w3.org/2001/XMLSchema#decimal")
    assert table.terms[0][1] is None


def test_query_csv_follows_sparql_csv(graph_file: Path) -> None:
    text = to_csv(run(load(graph_file), PROJECTS))
    assert text.startswith("project,investment\r\n")
    assert list(csv.reader(io.StringIO(text))) == [["project", "investment"], ["北龙湖公园", ""],
                                                   ['金水科技园, "一期"', "1500000000"]]


def test_query_json_follows_sparql_json(graph_file: Path) -> None:
    document = json.loads(to_json(run(load(graph_file), PROJECTS)))
    assert document["head"]["vars"] == ["project", "investment"]
    first, second = document["results"]["bindings"]
    assert first == {"project": {"type": "literal", "value": "北龙湖公园", "xml:lang": "zh"}}
    assert second["investment"] == {"type": "literal", "value": "1500000000",
                                    "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}


def test_query_ask_is_a_boolean_in_json(graph_file: Path) -> None:
    table = run(load(graph_file), "ASK { ?p a kg:District }")
    assert table.boolean is True
    assert json.loads(to_json(table)) == {"head": {}, "boolean": True}


def test_query_construct_rows_are_sorted_triples(graph_file: Path) -> None:
    table = run(load(graph_file), "CONSTRUCT WHERE { ?s a ?type }")
    assert table.columns == ("subject", "predicate", "object")
    assert list(table.rows) == sorted(table.rows) and len(table.rows) == 3


def test_query_display_shortens_iris_with_prefixes(graph_file: Path) -> None:
    table = run(load(graph_file), "SELECT ?area WHERE { ?area a kg:District }")
    assert table.display() == (("kgr:area/410105",),)
    assert table.rows == (("https://w3id.org/zhengwu/resource/area/410105",),)


@pytest.mark.parametrize(("sparql", "message"), [
    ("SELECT ?x WHERE {", "bad SPARQL"),
    ("SELECT ?x WHERE { ?x nope:p ?y }", "bad SPARQL"),
])
def test_query_bad_sparql_is_a_query_error(graph_file: Path, sparql: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run(load(graph_file), sparql)


def test_query_missing_or_unknown_graph_is_a_query_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no such graph"):
        find_graph_file(tmp_path / "missing.ttl")
    with pytest.raises(QueryError, match="no graph in this directory"):
        find_graph_file(tmp_path)
    (tmp_path / "graph.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(QueryError, match="unknown RDF format"):
        find_graph_file(tmp_path / "graph.csv")


def test_query_broken_turtle_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(QueryError, match=r"broken\.ttl: cannot parse"):
        load(broken)


def test_query_render_refuses_table_and_unknown_formats() -> None:
    with pytest.raises(QueryError, match="csv, json"):
        render(Table(("a",), ()), "xml")


@pytest.mark.parametrize(("fmt", "start"), [("table", "project"), ("csv", "project,investment\r\n"),
                                             ("json", "{")])
def test_query_cli_formats(graph_file: Path, fmt: str, start: str) -> None:
    result = CliRunner().invoke(cli, ["query", str(graph_file), PROJECTS, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8").startswith(start)
    if fmt == "table":
        assert result.output.rstrip().endswith("(2 rows)")


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_query_cli_table_pads_chinese_by_display_width(graph_file: Path) -> None:
    lines = CliRunner().invoke(cli, ["query", str(graph_file), PROJECTS]).output.splitlines()
    # the second column starts at the same terminal column in the header and under wide characters
    header = _columns(lines[0][:lines[0].index("investment")])
    row = _columns(lines[3][:lines[3].index("1500000000")])
    assert header == row


def test_query_cli_bad_query_exits_2(graph_file: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(graph_file), "SELECT ?x WHERE {"])
    assert result.exit_code == 2
    assert "bad SPARQL" in result.output


@pytest.mark.parametrize("saved", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_query_saved_queries_run_on_the_seed_build(seed_build: Path, saved: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(seed_build), "--file", str(saved), "--format", "json"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.output)["results"]["bindings"]
    assert bindings, f"{saved.name} answered nothing on the seeds"


def test_query_build_format_option_writes_the_extra_files(tmp_path: Path) -> None:
    page = tmp_path / "in" / "a.txt"
    page.parent.mkdir()
    page.write_text("# 金水区召开会议\n\n8月12日，金水区委书记王建国主持召开会议。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(page.parent), "--out", str(tmp_path / "out"),
                                      "--format", "nt", "--format", "jsonld"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"kg.ttl", "kg.trig", "kg.html", "kg.nt", "kg.jsonld", "kg.context.jsonld"} <= names
    assert "kg.nq" not in names


@pytest.mark.parametrize("saved", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_query_saved_queries_are_portable_to_rdflib(seed_build: Path, saved: Path) -> None:
    # the saved queries declare their prefixes and use only SPARQL 1.1, so another engine gives the
    # same rows (rdflib here; the order may differ, rdflib's ORDER BY after GROUP BY is unreliable)
    from rdflib import Dataset

    sparql = saved.read_text(encoding="utf-8")
    dataset = Dataset(default_union=True)
    dataset.parse(seed_build / "kg.trig", format="trig")
    theirs = sorted(_canonical(tuple("" if v is None else str(v) for v in row) for row in dataset.query(sparql)))
    ours = sorted(_canonical(run(load(seed_build), sparql).rows))
    assert theirs == ours


def _canonical(rows):  # type: ignore[no-untyped-def]
    """Rows with GROUP_CONCAT cells sorted: SPARQL leaves the order inside a group to the engine."""
    return [tuple("、".join(sorted(cell.split("、"))) for cell in row) for row in rows]


@pytest.mark.parametrize("name", ["kg.trig", "kg.nq", "kg.ttl", "kg.nt"])
def test_query_load_triples_gives_the_terms_rdflib_parses(seed_build: Path, name: str) -> None:
    """The explorer and kg validate read exports through pyoxigraph (``load_triples``): the same
    graphs of the same rdflib terms as rdflib's own, much slower, parsers."""
    from rdflib import Dataset, Graph

    from kg.graph import Graphs
    from kg.query import load_triples

    path = seed_build / name
    loaded = load_triples(path)
    if name in ("kg.trig", "kg.nq"):
        dataset = Dataset()
        dataset.parse(path, format="trig" if name == "kg.trig" else "nquads")
        expected: dict[object, set[object]] = {}
        for s, p, o, graph in dataset.quads((None, None, None, None)):
            expected.setdefault(graph, set()).add((s, p, o))
        assert isinstance(loaded, Graphs)
        assert loaded.graphs == expected
        assert all(type(a) is type(b) for name in expected for ta, tb in zip(
            sorted(expected[name]), sorted(loaded.graphs[name]), strict=True) for a, b in zip(ta, tb, strict=True))
    else:
        graph = Graph()
        graph.parse(path, format="turtle" if name == "kg.ttl" else "nt")
        assert loaded == frozenset(graph)


def test_query_load_triples_names_a_broken_file(tmp_path: Path) -> None:
    from kg.query import load_triples

    broken = tmp_path / "broken.trig"
    broken.write_text("<a> { <b> .", encoding="utf-8")
    with pytest.raises(QueryError, match=r"broken\.trig: cannot parse"):
        load_triples(broken)
