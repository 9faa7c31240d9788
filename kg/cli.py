"""The command line: parses arguments, calls ``kg.api``, turns errors into one line and an exit code.

Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage, 3 broken resource or ontology,
4 built, but some records were rejected (listed in rejects.jsonl), 130/143 interrupted by
SIGINT/SIGTERM (the previous exports are left whole).
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from pathlib import Path

import click

from kg import __version__
from kg.errors import KGError
from kg.settings import Settings

EXIT_CODES = {"ok": 0, "failure": 1, "input": 2, "resource": 3, "rejected": 4}


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s",
                        stream=sys.stderr)
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _fail(error: KGError) -> None:
    click.echo(f"kg: error: {error}", err=True)
    sys.exit(error.exit_code)


def _raise_on_sigterm(signum: int, frame: object) -> None:
    # unwind like Ctrl-C, so that the build removes its half-written staging directory
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _print_table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
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


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Directory the exports are written to.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")
@click.option("--home-city", default=Settings.home_city, show_default=True,
              help="The paper's home city: where 市委 and 市政府 are.")
@click.option("--home-province", default=Settings.home_province, show_default=True,
              help="The paper's home province: where 省委 and 省政府 are.")
@click.option("--keep-going", is_flag=True,
              help="Skip bad records instead of stopping; they are listed in rejects.jsonl (exit status 4).")
@click.option("--max-article-chars", default=Settings.max_article_chars, show_default=True, type=int,
              help="Longer articles are reported and skipped.")
@click.option("-v", "--verbose", is_flag=True, help="Report progress on standard error.")
def build(inputs: tuple[Path, ...], out_dir: Path, encoding: str, home_city: str, home_province: str,
          keep_going: bool, max_article_chars: int, verbose: bool) -> None:
    """Build the graph of INPUTS (.txt pages, .jsonl articles or directories; default seeds/).

    \b
    Writes kg.ttl, kg.trig, kg.html and rejects.jsonl into --out, all at once: a failed or
    interrupted build leaves the previous ones untouched.
    Example:
      kg build seeds/ --out exports/
      kg build scraped/ --out exports/ --keep-going --encoding gb18030
    """
    _configure_logging(verbose)
    from kg.api import build as run_build

    if threading.current_thread() is threading.main_thread():  # signal handlers live in the main thread
        signal.signal(signal.SIGTERM, _raise_on_sigterm)
    try:
        settings = Settings(encoding=encoding, home_city=home_city, home_province=home_province,
                            max_article_chars=max_article_chars, keep_going=keep_going)
        report = run_build(list(inputs) or ["seeds"], out_dir, settings)
    except KGError as error:
        _fail(error)
        return
    except KeyboardInterrupt as interrupt:
        name = str(interrupt) or "SIGINT"
        click.echo(f"kg: interrupted ({name}); the exports in {out_dir} were left whole", err=True)
        sys.exit(128 + (signal.SIGTERM if name == "SIGTERM" else signal.SIGINT))
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
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the SPARQL query from a .rq file.")
def query(graph: Path, sparql: str | None, query_file: Path | None) -> None:
    """Run a SPARQL query over GRAPH (a build directory or an RDF file) and print a table.

    \b
    Example:
      kg query exports/ "SELECT ?name WHERE { ?p a kg:Official ; rdfs:label ?name }"
      kg query exports/ --file queries/officials_by_area.rq
    """
    from kg.api import query as run_query
    from kg.vocab import PREFIXES

    if (sparql is None) == (query_file is None):
        click.echo("kg: error: give a SPARQL string or --file, not both or neither", err=True)
        sys.exit(EXIT_CODES["input"])
    text = query_file.read_text(encoding="utf-8") if query_file else (sparql or "")
    declared = {line.split()[1] for line in text.splitlines() if line.strip().upper().startswith("PREFIX")
                and len(line.split()) > 1}
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES if f"{p}:" not in declared)
    try:
        table = run_query(graph, prologue + text)
    except KGError as error:
        _fail(error)
        return
    _print_table(table.columns, table.rows)


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
