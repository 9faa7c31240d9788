"""The command line: parses arguments, calls ``kg.api``, turns errors into one line and an exit code.

Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage, 3 broken resource or ontology.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

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


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Directory the exports are written to.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")
@click.option("--home-city", default=Settings.home_city, show_default=True,
              help="The paper's home city: where 市委 and 市政府 are.")
@click.option("--home-province", default=Settings.home_province, show_default=True,
              help="The paper's home province: where 省委 and 省政府 are.")
@click.option("-v", "--verbose", is_flag=True, help="Report progress on standard error.")
def build(inputs: tuple[Path, ...], out_dir: Path, encoding: str, home_city: str, home_province: str,
          verbose: bool) -> None:
    """Build the graph of INPUTS (.txt pages, .jsonl articles or directories; default seeds/).

    \b
    Writes kg.ttl, kg.trig and kg.html into --out; a failed build leaves them untouched.
    Example:
      kg build seeds/ --out exports/
    """
    _configure_logging(verbose)
    from kg.api import build as run_build

    try:
        settings = Settings(encoding=encoding, home_city=home_city, home_province=home_province)
        report = run_build(list(inputs) or ["seeds"], out_dir, settings)
    except KGError as error:
        _fail(error)
        return
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


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--focus", metavar="NAME", help="Draw only the neighbourhood of this node: a name, alternative "
              "name, pinyin or IRI.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="How many edges away from --focus to reach.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write [default: kg-focus.html with --focus, else kg.html].")
def html(graph: Path, focus: str | None, depth: int, out_file: Path | None) -> None:
    """Write the offline HTML explorer of GRAPH (a build directory or an RDF file).

    \b
    Example:
      kg html exports/ --focus 管城区 --depth 2 --out guancheng.html
    """
    from kg.api import explorer

    out = out_file or Path("kg-focus.html" if focus else "kg.html")
    try:
        report = explorer(graph, out, focus=focus, depth=depth)
    except KGError as error:
        _fail(error)
        return
    around = f" around {report.focus} (depth {report.depth}, of {report.total_nodes})" if report.focus else ""
    click.echo(f"wrote {report.path}: {report.nodes} nodes, {report.edges} edges{around}", err=True)


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
