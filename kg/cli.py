"""The command line: parses arguments, calls ``kg.api``, turns errors into one line and an exit code.

Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage, 3 broken resource or ontology,
4 built, but some records were rejected (listed in rejects.jsonl), 130/143 interrupted by
SIGINT/SIGTERM (the previous exports are left whole).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import unicodedata
from pathlib import Path
from typing import Any, NoReturn

import click

from kg import __version__
from kg.errors import KGError
from kg.settings import HTML_MAX_NODES, Settings

EXIT_CODES = {"ok": 0, "failure": 1, "input": 2, "resource": 3, "rejected": 4}


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s",
                        stream=sys.stderr)
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _fail(error: KGError) -> None:
    click.echo(f"kg: error: {error}", err=True)
    sys.exit(error.exit_code)


def _width(text: str) -> int:
    # Chinese characters take two terminal columns; pad by what the eye sees, not by len()
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _raise_on_sigterm(signum: int, frame: object) -> None:
    # unwind like Ctrl-C, so that the build removes its half-written staging directory
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _print_table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    widths = [max([_width(c), *(_width(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    click.echo("  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        click.echo("  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build and query a knowledge graph of Chinese local-government news.

    \b
    Example:
      kg build seeds/ --out exports/
      kg query exports/ "SELECT ?s WHERE { ?s a kg:Official }"
    """


class _Bar:
    """A tqdm progress bar on standard error for the extract stage, with articles per second."""

    def __init__(self) -> None:
        self._bar: Any = None

    def stage(self, name: str, total: int | None = None) -> None:
        self.close()
        if name == "extract" and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=" articles", desc="extract", file=sys.stderr,
                             dynamic_ncols=True, smoothing=0.1)

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _show_progress(flag: bool | None) -> bool:
    """--progress/--no-progress, else only on a terminal and never under CI."""
    if flag is not None:
        return flag
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("1", "true", "yes")


def _corpus_options(command: Any) -> Any:
    """The options ``kg build`` and ``kg watch`` share: what to read, where to write, how to build."""
    options = [
        click.argument("inputs", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
                     help="Directory the exports are written to."),
        click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files."),
        click.option("--home-city", default=Settings.home_city, show_default=True,
                     help="The paper's home city: where 市委 and 市政府 are."),
        click.option("--home-province", default=Settings.home_province, show_default=True,
                     help="The paper's home province: where 省委 and 省政府 are."),
        click.option("--format", "formats", multiple=True,
                     type=click.Choice(["nt", "nq", "jsonld", "ttl", "trig", "html", "all"]),
                     help="Also write N-Triples (kg.nt), N-Quads (kg.nq) or JSON-LD (kg.jsonld with "
                          "kg.context.jsonld); repeat for several, or 'all'. Turtle, TriG and HTML are "
                          "always written."),
        click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(min=0),
                     help="Worker processes for analysis and extraction; 0 means one per core."),
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Where per-article results are cached.  [default: .kg-cache-OUT beside OUT]"),
        click.option("--keep-going", is_flag=True,
                     help="Skip bad records instead of stopping; they are listed in rejects.jsonl "
                          "(exit status 4)."),
        click.option("--max-article-chars", default=Settings.max_article_chars, show_default=True, type=int,
                     help="Longer articles are reported and skipped."),
        click.option("--html-max-nodes", default=HTML_MAX_NODES, show_default=True, type=click.IntRange(min=0),
                     help="A bigger graph is drawn in kg.html as an overview of this many nodes (officials, "
                     "areas, organizations first; kg html --focus draws any other's neighbourhood); 0: all."),
        click.option("-v", "--verbose", is_flag=True, help="Report stages and timings on standard error."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@_corpus_options
@click.option("--no-cache", is_flag=True,
              help="Analyse and extract every article, neither reading nor writing the cache.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run the per-article work in local processes or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --executor dask; default: a local cluster.")
@click.option("--progress/--no-progress", "progress", default=None,
              help="Progress bar on standard error.  [default: on a terminal, off under CI=true]")
def build(inputs: tuple[Path, ...], out_dir: Path, encoding: str, home_city: str, home_province: str,
          jobs: int, no_cache: bool, cache_dir: Path | None, executor: str, scheduler: str | None,
          progress: bool | None, formats: tuple[str, ...], keep_going: bool, max_article_chars: int,
          html_max_nodes: int, verbose: bool) -> None:
    """Build the graph of INPUTS (.txt pages, .jsonl articles or directories; default seeds/).

    \b
    Writes kg.ttl, kg.trig, kg.html and rejects.jsonl into --out, all at once: a failed or
    interrupted build leaves the previous ones untouched.
    Articles analysed before are taken from the cache; the exports are the same bytes whatever
    --jobs, --executor or the cache.
    Examples:
      kg build seeds/ --out exports/
      kg build seeds/ --out exports/ --format nt --format jsonld
      kg build corpus/ --out big/ --jobs 2
      kg build corpus/ --out big/ --executor dask --scheduler tcp://10.0.0.5:8786
      kg build scraped/ --out exports/ --keep-going --encoding gb18030
    """
    _configure_logging(verbose)
    from kg.api import build as run_build
    from kg.parallel import available_cores

    if scheduler and executor != "dask":
        click.echo("kg: error: --scheduler needs --executor dask", err=True)
        sys.exit(EXIT_CODES["input"])
    if threading.current_thread() is threading.main_thread():  # signal handlers live in the main thread
        signal.signal(signal.SIGTERM, _raise_on_sigterm)
    bar = _Bar() if _show_progress(progress) else None
    try:
        settings = Settings(encoding=encoding, home_city=home_city, home_province=home_province,
                            max_article_chars=max_article_chars, keep_going=keep_going)
        report = run_build(list(inputs) or ["seeds"], out_dir, settings, formats=formats,
                           jobs=jobs or available_cores(), use_cache=not no_cache, cache_dir=cache_dir,
                           executor=executor, scheduler=scheduler, progress=bar,
                           html_max_nodes=html_max_nodes or None)
    except KGError as error:
        _fail(error)
        return
    except KeyboardInterrupt as interrupt:
        name = str(interrupt) or "SIGINT"
        click.echo(f"kg: interrupted ({name}); the exports in {out_dir} were left whole", err=True)
        sys.exit(128 + (signal.SIGTERM if name == "SIGTERM" else signal.SIGINT))
    finally:
        if bar is not None:
            bar.close()
    for stage, seconds in report.stage_seconds.items():
        logging.getLogger("kg").info("%-16s %7.2f s", stage, seconds)
    summary = f"built {report.articles} articles, {report.triples} triples into {report.out_dir}/"
    if report.rejects:
        for reject in report.rejects:
            where = f"{reject.path}:{reject.line}" if reject.line is not None else reject.path
            click.echo(f"kg: rejected: {where}: {reject.reason}", err=True)
        click.echo(f"{summary}; {len(report.rejects)} record(s) rejected, listed in "
                   f"{Path(report.out_dir) / 'rejects.jsonl'}", err=True)
        sys.exit(EXIT_CODES["rejected"])
    click.echo(summary, err=True)


@cli.command()
@_corpus_options
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(min=0.05),
              help="Seconds between two looks at the inputs.")
@click.option("--builds", type=click.IntRange(min=1), hidden=True, help="Stop after this many builds (tests).")
def watch(inputs: tuple[Path, ...], out_dir: Path, encoding: str, home_city: str, home_province: str,
          jobs: int, cache_dir: Path | None, formats: tuple[str, ...], keep_going: bool, max_article_chars: int,
          html_max_nodes: int, verbose: bool, interval: float, builds: int | None) -> None:
    """Build INPUTS into --out, then again whenever an input file changes, until Ctrl-C.

    \b
    The build stays in memory between changes: a new page in a 10 MB corpus is in the exports about
    half a second later, where a new kg build takes seconds. The exports are the same bytes as those
    of kg build. A build that fails is reported and leaves the previous exports in place; watching
    goes on.
    Example:
      kg watch corpus/ --out big/ --jobs 2
    """
    _configure_logging(verbose)
    from kg.parallel import available_cores
    from kg.watch import Outcome
    from kg.watch import watch as run_watch

    def report(outcome: Outcome) -> None:
        took = f"in {outcome.seconds:.2f} s"
        if outcome.error is not None:
            click.echo(f"kg watch: error: {outcome.error} ({took}); the exports in {out_dir} are left as they "
                       "were", err=True)
            return
        done = outcome.report
        assert done is not None
        for stage, seconds in done.stage_seconds.items():
            logging.getLogger("kg").info("%-16s %7.2f s", stage, seconds)
        line = f"kg watch: built {done.articles} articles, {done.triples} triples into {done.out_dir}/ {took}"
        for reject in done.rejects:
            where = f"{reject.path}:{reject.line}" if reject.line is not None else reject.path
            click.echo(f"kg watch: rejected: {where}: {reject.reason}", err=True)
        if done.rejects:
            line += f"; {len(done.rejects)} record(s) rejected, listed in {Path(done.out_dir) / 'rejects.jsonl'}"
        click.echo(line, err=True)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_on_sigterm)
    settings = Settings(encoding=encoding, home_city=home_city, home_province=home_province,
                        max_article_chars=max_article_chars, keep_going=keep_going)
    sources: list[str | Path] = [*inputs] or ["seeds"]
    click.echo(f"kg watch: watching {', '.join(str(s) for s in sources)} every {interval:g} s; Ctrl-C stops",
               err=True)
    try:
        run_watch(sources, out_dir, settings, report=report, interval=interval, formats=formats,
                  jobs=jobs or available_cores(), cache_dir=cache_dir, html_max_nodes=html_max_nodes or None,
                  builds=builds)
    except KGError as error:  # a setting no build can take (a bad --format): nothing to watch for
        _fail(error)
    except KeyboardInterrupt:
        click.echo(f"kg watch: stopped; the exports in {out_dir} are whole", err=True)


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the SPARQL query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="table for reading; csv and json are the W3C SPARQL result formats.")
def query(graph: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query over GRAPH (a build directory or an RDF file) and print the answer.

    The prefixes of the export (kg:, kgr:, rdfs:, skos:, schema: ...) are predeclared, and the default
    graph is the union of the per-article graphs.

    \b
    Example:
      kg query exports/ "SELECT ?name WHERE { ?p a kg:Official ; rdfs:label ?name }"
      kg query exports/ --file queries/officials_by_area.rq --format csv > officials.csv
    """
    from kg.api import query as run_query
    from kg.query import render

    if (sparql is None) == (query_file is None):
        click.echo("kg: error: give a SPARQL string or --file, not both or neither", err=True)
        sys.exit(EXIT_CODES["input"])
    text = query_file.read_text(encoding="utf-8") if query_file else (sparql or "")
    try:
        table = run_query(graph, text)
        if fmt != "table":
            # bytes, so the CRLF line ends the SPARQL CSV format asks for reach the file untouched
            click.echo(render(table, fmt).encode("utf-8"), nl=False)
            return
    except KGError as error:
        _fail(error)
        return
    _print_table(table.columns, table.display())


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Queries answered at the same time.")
def serve(graph: Path, port: int, timeout: float, workers: int) -> None:
    """Answer SPARQL 1.1 Protocol queries over GRAPH on http://127.0.0.1:PORT/sparql (read-only).

    GRAPH is a build directory or an RDF file. Any SPARQL client can use the endpoint (YASGUI,
    SPARQLWrapper, curl); stop it with Ctrl-C.

    \b
    Example:
      kg serve exports/ --port 7878
      curl http://127.0.0.1:7878/sparql --data-urlencode 'query=SELECT * WHERE { ?s a kg:Official }'
    """
    _configure_logging(False)
    from kg.serve import start

    try:
        endpoint = start(graph, port=port, timeout=timeout, workers=workers)
    except KGError as error:
        _fail(error)
        return
    click.echo(f"serving {graph} at {endpoint.url} (read-only, {timeout:g} s per query); Ctrl-C stops",
               err=True)
    # a TERM from a service manager or `kill` stops as cleanly as Ctrl-C: workers ended, store removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.close()


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
def validate(graph: Path) -> None:
    """Check GRAPH (a build directory or an RDF file) against the SHACL shapes in ontology/shapes.ttl.

    Lists every violation (the node, its label, the property, the rule it breaks) and exits 1 if
    there is any, 0 if the graph conforms.

    \b
    Example:
      kg validate exports/
    """
    from kg.validate import validate as run_validate

    try:
        report = run_validate(graph)
    except KGError as error:
        _fail(error)
        return
    for v in report.violations:
        label = f" «{v.label}»" if v.label else ""
        path = f" {v.path}" if v.path else ""
        value = f" (value: {v.value})" if v.value and v.value != v.focus else ""
        click.echo(f"{v.severity}: {v.focus}{label}{path}: {v.message}{value} [{v.shape}]")
    if report.conforms:
        click.echo(f"{graph}: conforms to the shapes", err=True)
        return
    click.echo(f"{graph}: {len(report.violations)} violation(s) on {report.focus_nodes} node(s)", err=True)
    sys.exit(EXIT_CODES["failure"])


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--focus", metavar="NAME", help="Draw only the neighbourhood of this node: a name, alternative "
              "name, pinyin or IRI.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="How many edges away from --focus to reach.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write [default: kg-focus.html with --focus, else kg.html].")
@click.option("--max-nodes", default=HTML_MAX_NODES, show_default=True, type=click.IntRange(min=0),
              help="Without --focus, a bigger graph is drawn as an overview of this many nodes "
              "(officials, areas, organizations first); 0 draws every node.")
def html(graph: Path, focus: str | None, depth: int, out_file: Path | None, max_nodes: int) -> None:
    """Write the offline HTML explorer of GRAPH (a build directory or an RDF file).

    \b
    Example:
      kg html exports/ --focus 管城区 --depth 2 --out guancheng.html
    """
    from kg.api import explorer

    out = out_file or Path("kg-focus.html" if focus else "kg.html")
    try:
        report = explorer(graph, out, focus=focus, depth=depth, max_nodes=max_nodes or None)
    except KGError as error:
        _fail(error)
        return
    around = f" around {report.focus} (depth {report.depth}, of {report.total_nodes})" if report.focus else \
        f" (an overview: the graph has {report.total_nodes})" if report.total_nodes > report.nodes else ""
    click.echo(f"wrote {report.path}: {report.nodes} nodes, {report.edges} edges{around}", err=True)


def main() -> None:
    """The ``kg`` command, ended without the interpreter's teardown (``_end``)."""
    try:
        cli(prog_name="kg")
    except SystemExit as done:  # click ends every command this way, with its status
        _end(done.code)
    _end(0)


def _end(code: str | int | None) -> NoReturn:
    """Flush what is buffered and end the process at once.

    After a build the process holds a big heap (the gazetteer, jieba's dictionary, pypinyin's tables,
    caches of terms); a normal exit frees it object by object, which took a third of a second and
    saves nothing. Every file a command writes is complete and in place before this point. Under a
    profiler or a coverage tool the exit is the normal one, so that they can write their reports.
    """
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    if isinstance(code, str):  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
    status = code if isinstance(code, int) else 0 if code is None else 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (kg query | head): nothing more can be said there
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
