"""A read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1, backed by pyoxigraph, with a query time limit.

The graph is bulk-loaded once into an on-disk pyoxigraph store in a temporary directory. Queries run
in worker processes that open that store read-only: a query that passes the time limit is stopped by
ending its worker (a thread cannot be stopped in the middle of a pyoxigraph call) and a fresh worker
opens the store again in a moment, without reloading the graph. Nothing can write: the store is opened
read-only and update requests are refused.

Protocol: ``GET /sparql?query=…``, ``POST /sparql`` with ``application/x-www-form-urlencoded`` (``query=…``)
or ``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri`` as in the standard (by
default the default graph is the union of the per-article graphs). Results are negotiated from
``Accept``: SPARQL JSON (the default), XML, CSV, TSV; Turtle (the default), N-Triples, RDF/XML or
JSON-LD for CONSTRUCT and DESCRIBE. CORS is open so that YASGUI in a browser can use the endpoint.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
PATH = "/sparql"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
MAX_BODY = 1_000_000
SOLUTION_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values", "application/json")
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")


@dataclass(frozen=True)
class Request:
    query: str
    accept: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


def _text(status: HTTPStatus, message: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def accepted(accept: str, offered: tuple[str, ...]) -> str | None:
    """The first of ``offered`` that ``accept`` wants most (q-values honoured), or None."""
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranges.append((-quality, position, fields[0].lower()))
    for _, _, media in sorted(ranges):
        if media in ("*/*", "application/*", "text/*"):
            matches = [o for o in offered if media == "*/*" or o.startswith(media[:-1])]
            if matches:
                return matches[0]
        elif media in offered:
            return media
    return None


def answer(store: Any, request: Request) -> Response:
    """Run one request on a pyoxigraph store and serialise the answer as negotiated."""
    import pyoxigraph as ox

    from kg.query import execute

    try:
        result = execute(store, request.query,
                         default_graphs=[ox.NamedNode(g) for g in request.default_graphs],
                         named_graphs=[ox.NamedNode(g) for g in request.named_graphs])
    except QueryError as error:
        return _text(HTTPStatus.BAD_REQUEST, str(error))
    except ValueError as error:  # an IRI in default-graph-uri that is not an IRI
        return _text(HTTPStatus.BAD_REQUEST, f"bad graph IRI: {error}")
    if isinstance(result, ox.QueryTriples):
        media = accepted(request.accept, GRAPH_TYPES)
        rdf_format = ox.RdfFormat.from_media_type(media) if media else None
        if media is None or rdf_format is None:
            return _text(HTTPStatus.NOT_ACCEPTABLE, f"a graph is offered as {', '.join(GRAPH_TYPES)}")
        body = result.serialize(format=rdf_format) or b""
    else:
        media = accepted(request.accept, SOLUTION_TYPES)
        results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
        if media is None or results_format is None:
            return _text(HTTPStatus.NOT_ACCEPTABLE, f"results are offered as {', '.join(SOLUTION_TYPES)}")
        body = result.serialize(format=results_format) or b""
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Response(HTTPStatus.OK, media + charset, body)


def _worker(store_path: str, conn: Connection) -> None:
    """A worker process: open the store read-only and answer requests until the pipe closes."""
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            response = answer(store, request)
        except Exception as exc:  # report anything to the server rather than die silently
            response = _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}")
        conn.send(response)


class _Worker:
    def __init__(self, store_path: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(store_path, child), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class WorkerPool:
    """Worker processes over one read-only store; a query past the time limit costs its worker."""

    def __init__(self, store_path: str, size: int, timeout: float) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.all: set[_Worker] = set()
        self.lock = threading.Lock()
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self.store_path)
        with self.lock:
            self.all.add(worker)
        self.idle.put(worker)

    def run(self, request: Request) -> Response:
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, "the endpoint is busy; try again")
        try:
            worker.conn.send(request)
            if worker.conn.poll(self.timeout):
                response: Response = worker.conn.recv()
                self.idle.put(worker)
                return response
        except (EOFError, OSError, BrokenPipeError):
            log.warning("a query worker died; starting another")
        else:
            log.warning("a query passed the time limit of %s s; stopping it", self.timeout)
        with self.lock:
            self.all.discard(worker)
        worker.stop()
        self._add()
        return _text(HTTPStatus.SERVICE_UNAVAILABLE,
                     f"the query did not finish within the time limit of {self.timeout:g} s")

    def close(self) -> None:
        with self.lock:
            workers, self.all = list(self.all), set()
        for worker in workers:
            worker.stop()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path not in (PATH, "/"):
            self._send(_text(HTTPStatus.NOT_FOUND, f"no such path; the endpoint is {PATH}"))
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            self._send(_text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no SPARQL update"))
            return
        if "query" not in params:
            self._send(_text(HTTPStatus.OK, f"SPARQL 1.1 endpoint (read-only) over {self.server.graph_name}."
                                             f"\nSend a query: GET {PATH}?query=... or POST {PATH}."))
            return
        self._query(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in (PATH, "/"):
            self._send(_text(HTTPStatus.NOT_FOUND, f"no such path; the endpoint is {PATH}"))
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            self._send(_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a query is at most {MAX_BODY} bytes"))
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if content_type == "application/sparql-update":
            self._send(_text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no SPARQL update"))
            return
        if content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                self._send(_text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no SPARQL update"))
                return
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        else:
            self._send(_text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                             "send application/sparql-query or application/x-www-form-urlencoded"))
            return
        self._query(params)

    def _query(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(_text(HTTPStatus.BAD_REQUEST, "give exactly one non-empty query parameter"))
            return
        request = Request(queries[0], self.headers.get("Accept") or "*/*",
                          tuple(params.get("default-graph-uri", [])),
                          tuple(params.get("named-graph-uri", [])))
        self._send(self.server.pool.run(request))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    pool: WorkerPool
    graph_name: str


@dataclass
class Endpoint:
    """A running endpoint: ``url`` to query, ``serve_forever()`` to answer, ``close()`` to stop."""

    server: _Server
    pool: WorkerPool
    store_dir: str

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}{PATH}"

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.pool.close()
        shutil.rmtree(self.store_dir, ignore_errors=True)


def start(target: str | Path, *, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
          workers: int = 2) -> Endpoint:
    """Load ``target`` (a build directory or an RDF file) and bind 127.0.0.1:``port`` (0: any free port).

    The caller runs ``serve_forever()`` (in a thread, if it wants to go on) and ``close()`` at the end.
    """
    import pyoxigraph as ox

    from kg.query import find_graph_file, load

    if timeout <= 0:
        raise QueryError(f"the time limit must be positive, not {timeout}")
    if workers < 1:
        raise QueryError(f"at least one worker is needed, not {workers}")
    graph_file = find_graph_file(target)
    store_dir = tempfile.mkdtemp(prefix="kg-serve-")
    try:
        store = ox.Store(store_dir)
        load(graph_file, store)
        store.flush()
        del store  # workers open the store read-only; this process keeps no handle on it
        pool = WorkerPool(store_dir, workers, timeout)
        try:
            server = _Server((HOST, port), _Handler)
        except OSError as exc:
            pool.close()
            raise QueryError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(store_dir, ignore_errors=True)
        raise
    server.pool = pool
    server.graph_name = str(graph_file)
    return Endpoint(server, pool, store_dir)


@contextmanager
def running(target: str | Path, **options: Any) -> Iterator[Endpoint]:
    """An endpoint answering in a background thread for the duration of the ``with`` block."""
    endpoint = start(target, **options)
    thread = threading.Thread(target=endpoint.serve_forever, name="kg-serve", daemon=True)
    thread.start()
    try:
        yield endpoint
    finally:
        endpoint.close()
        thread.join(timeout=10)

