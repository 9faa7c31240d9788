"""The command line: parses arguments, calls ``kg.api``, turns errors into one line and an exit code.

Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage, 3 broken resource or ontology.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.errors import KGError
from kg.settings import Settings

EXIT_CODES = {"ok": 0, "failure": 1, "input": 2, "resource": 3}


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s",
                        stream=sys.stderr)
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _fail(error: KGError) -> None:
    click.echo(f"kg: error: {error}", err=True)
    sys.exit(error.exit_code)


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


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Directory the exports are written to.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")
@click.option("--home-city", default=Settings.home_city, show_default=True,
              help="The paper's home city: where 市委 and 市政府 are.")
@click.option("--home-province", default=Settings.home_province, show_default=True,
              help="The paper's home province: where 省委 and 省政府 are.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(min=0),
              help="Worker processes for analysis and extraction; 0 means one per core.")
@click.option("--no-cache", is_flag=True,
              help="Analyse and extract every article, neither reading nor writing the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where per-article results are cached.  [default: OUT/.kg-cache]")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run the per-article work in local processes or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --executor dask; default: a local cluster.")
@click.option("--progress/--no-progress", "progress", default=None,
              help="Progress bar on standard error.  [default: on a terminal, off under CI=true]")
@click.option("-v", "--verbose", is_flag=True, help="Report stages and timings on standard error.")
def build(inputs: tuple[Path, ...], out_dir: Path, encoding: str, home_city: str, home_province: str,
          jobs: int, no_cache: bool, cache_dir: Path | None, executor: str, scheduler: str | None,
          progress: bool | None, verbose: bool) -> None:
    """Build the graph of INPUTS (.txt pages, .jsonl articles or directories; default seeds/).

    \b
    Writes kg.ttl, kg.trig and kg.html into --out; a failed build leaves them untouched.
    Articles analysed before are taken from the cache; the exports are the same bytes whatever
    --jobs, --executor or the cache.
    Examples:
      kg build seeds/ --out exports/
      kg build corpus/ --out big/ --jobs 2
      kg build corpus/ --out big/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    _configure_logging(verbose)
    from kg.api import build as run_build
    from kg.parallel import available_cores

    if scheduler and executor != "dask":
        click.echo("kg: error: --scheduler needs --executor dask", err=True)
        sys.exit(EXIT_CODES["input"])
    bar = _Bar() if _show_progress(progress) else None
    try:
        settings = Settings(encoding=encoding, home_city=home_city, home_province=home_province)
        report = run_build(list(inputs) or ["seeds"], out_dir, settings, jobs=jobs or available_cores(),
                           use_cache=not no_cache, cache_dir=cache_dir, executor=executor,
                           scheduler=scheduler, progress=bar)
    except KGError as error:
        _fail(error)
        return
    finally:
        if bar is not None:
            bar.close()
    for stage, seconds in report.stage_seconds.items():
        logging.getLogger("kg").info("%-16s %7.2f s", stage, seconds)
    click.echo(f"built {report.articles} articles, {report.triples} triples into {report.out_dir}/", err=True)


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
