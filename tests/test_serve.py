"""kg serve: the SPARQL 1.1 Protocol over a real socket on 127.0.0.1, read-only, with a time limit."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.api import query as run_query
from kg.serve import HOST, Endpoint, accepted, running

QUERIES = Path(__file__).resolve().parent.parent / "queries"
OFFICIALS = "SELECT DISTINCT ?name WHERE { ?p a kg:Official ; rdfs:label ?name } ORDER BY ?name"
# every triple times every triple times every triple: billions of rows, far past any time limit
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint(seed_build: Path) -> Iterator[Endpoint]:
    with running(seed_build, port=0, timeout=5.0, workers=2) as live:
        yield live


def _request(endpoint: Endpoint, *, method: str = "GET", params: dict[str, str] | None = None,
             body: bytes | None = None, headers: dict[str, str] | None = None,
             path: str = "") -> tuple[int, str, bytes]:
    url = endpoint.url + path
    if params and method == "GET":
        url += "?" + urllib.parse.urlencode(params)
    elif params:
        body = urllib.parse.urlencode(params).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def _names(body: bytes) -> list[str]:
    return [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_serve_listens_on_loopback_only(endpoint: Endpoint) -> None:
    assert endpoint.server.server_address[0] == HOST == "127.0.0.1"
    assert endpoint.url.startswith("http://127.0.0.1:")


def test_serve_get_answers_sparql_json(endpoint: Endpoint, seed_build: Path) -> None:
    status, content_type, body = _request(endpoint, params={"query": OFFICIALS})
    assert status == 200
    assert content_type.startswith("application/sparql-results+json")
    expected = [row[0] for row in run_query(seed_build, OFFICIALS).rows]
    assert expected and _names(body) == expected


@pytest.mark.parametrize("how", ["form", "direct"])
def test_serve_post_answers_like_get(endpoint: Endpoint, how: str) -> None:
    if how == "form":
        status, _, body = _request(endpoint, method="POST", params={"query": OFFICIALS})
    else:
        status, _, body = _request(endpoint, method="POST", body=OFFICIALS.encode("utf-8"),
                                   headers={"Content-Type": "application/sparql-query"})
    assert status == 200
    assert _names(body) == _names(_request(endpoint, params={"query": OFFICIALS})[2])


@pytest.mark.parametrize(("accept", "media"), [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/html;q=0.9, */*;q=0.8", "application/sparql-results+json"),
])
def test_serve_negotiates_result_format(endpoint: Endpoint, accept: str, media: str) -> None:
    status, content_type, body = _request(endpoint, params={"query": OFFICIALS}, headers={"Accept": accept})
    assert status == 200
    assert content_type.split(";")[0] == media
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert rows[0] == ["name"] and len(rows) > 1


def test_serve_refuses_a_format_it_cannot_write(endpoint: Endpoint) -> None:
    status, _, _ = _request(endpoint, params={"query": OFFICIALS}, headers={"Accept": "image/png"})
    assert status == 406


@pytest.mark.parametrize(("accept", "media", "marker"), [
    ("", "text/turtle", b"<https://w3id.org/zhengwu/ontology#City>"),
    ("application/n-triples", "application/n-triples", b"<https://w3id.org/zhengwu/ontology#City> ."),
])
def test_serve_construct_answers_a_graph(endpoint: Endpoint, accept: str, media: str, marker: bytes) -> None:
    headers = {"Accept": accept} if accept else {}
    status, content_type, body = _request(
        endpoint, params={"query": "CONSTRUCT WHERE { ?area a kg:City }"}, headers=headers)
    assert status == 200
    assert content_type.split(";")[0] == media
    assert marker in body


def test_serve_ask_answers_a_boolean(endpoint: Endpoint) -> None:
    status, _, body = _request(endpoint, params={"query": "ASK { ?p a kg:Official }"})
    assert status == 200
    assert json.loads(body)["boolean"] is True


def test_serve_default_graph_uri_limits_the_default_graph(endpoint: Endpoint, seed_build: Path) -> None:
    articles = run_query(seed_build, "SELECT DISTINCT ?a WHERE { ?a a kg:Article } ORDER BY ?a").rows
    first = articles[0][0]
    sparql = "SELECT DISTINCT ?a WHERE { ?a a kg:Article }"
    status, _, body = _request(endpoint, params={"query": sparql, "default-graph-uri": first})
    assert status == 200
    assert [b["a"]["value"] for b in json.loads(body)["results"]["bindings"]] == [first]


def test_serve_bad_query_is_400_with_the_reason(endpoint: Endpoint) -> None:
    status, _, body = _request(endpoint, params={"query": "SELECT WHERE {"})
    assert status == 400
    assert b"bad SPARQL" in body


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_serve_refuses_updates(endpoint: Endpoint, how: str) -> None:
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    if how == "get":
        status, _, _ = _request(endpoint, params={"update": update})
    elif how == "form":
        status, _, _ = _request(endpoint, method="POST", params={"update": update})
    else:
        status, _, _ = _request(endpoint, method="POST", body=update.encode("utf-8"),
                                headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    # an update sent as a query is not a query
    assert _request(endpoint, params={"query": update})[0] == 400
    ask = _request(endpoint, params={"query": "ASK { <urn:x:a> ?p ?o }"})[2]
    assert json.loads(ask)["boolean"] is False


def test_serve_stops_a_query_past_the_time_limit_and_goes_on(endpoint: Endpoint) -> None:
    status, _, body = _request(endpoint, params={"query": ENDLESS})
    assert status == 503
    assert b"time limit of 5 s" in body
    for _ in range(3):  # more queries than workers: the stopped worker was replaced
        assert _request(endpoint, params={"query": OFFICIALS})[0] == 200


def test_serve_unknown_path_is_404_and_preflight_allows_browsers(endpoint: Endpoint) -> None:
    assert _request(endpoint, path="/elsewhere")[0] == 404
    status, _, _ = _request(endpoint, method="OPTIONS")
    assert status == 204


@pytest.mark.parametrize("saved", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_serve_saved_queries_answer_as_kg_query_does(endpoint: Endpoint, seed_build: Path,
                                                     saved: Path) -> None:
    sparql = saved.read_text(encoding="utf-8")
    status, _, body = _request(endpoint, params={"query": sparql})
    assert status == 200
    document = json.loads(body)
    columns = document["head"]["vars"]
    served = [tuple(b.get(c, {}).get("value", "") for c in columns) for b in document["results"]["bindings"]]
    table = run_query(seed_build, sparql)
    assert tuple(columns) == table.columns
    assert _canonical(served) == _canonical(table.rows)


@pytest.mark.parametrize(("accept", "offered", "expected"), [
    ("text/csv", ("application/json", "text/csv"), "text/csv"),
    ("text/csv;q=0.1, application/json", ("application/json", "text/csv"), "application/json"),
    ("text/*", ("application/json", "text/csv"), "text/csv"),
    ("image/png", ("application/json",), None),
    ("", ("application/json", "text/csv"), "application/json"),
    ("text/csv;q=0", ("application/json", "text/csv"), None),
])
def test_serve_accepted_honours_quality(accept: str, offered: tuple[str, ...], expected: str | None) -> None:
    assert accepted(accept, offered) == expected


def _canonical(rows):  # type: ignore[no-untyped-def]
    """Rows with GROUP_CONCAT cells sorted: SPARQL leaves the order inside a group to the engine."""
    return [tuple("、".join(sorted(cell.split("、"))) for cell in row) for row in rows]
